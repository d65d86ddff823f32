"""Lists and reports come out in one order on SQLite and on PostgreSQL, whatever the server's
collation: folded keys are compared byte by byte, and nobody sorts by a missing value (SQLite
puts NULLs first, PostgreSQL last)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from tests.conftest import BACKEND, Cli, _pg_with_db, pg_admin


def _names(cli: Cli, *args: str, key: str) -> list[str]:
    out = json.loads(cli.ok(*args, "--format", "json").stdout)
    return [row[key] for row in out]


def test_someone_without_a_family_name_is_listed_by_name_everywhere(cli, tmp_path):
    cli.ok("event", "add", "Launch", "--date", "2026-07-01")
    for name in ("Zara Adams", "Bono Vox"):
        cli.ok("person", "add", name)
    sheet = tmp_path / "given-names.csv"  # a given name alone: no family name is recorded
    sheet.write_text("First Name,Email\nCher,cher@example.org\n")
    cli.ok("import", "contacts", str(sheet), "--event", "Launch")
    for name in ("Zara Adams", "Bono Vox"):
        cli.ok("attendance", "add", "Launch", name)
    expected = ["Zara Adams", "Cher", "Bono Vox"]
    assert _names(cli, "attendance", "list", "Launch", key="person") == expected
    report = json.loads(cli.ok("report", "attendees", "Launch", "-f", "json").stdout)
    assert [r["person"] for r in report["attendees"]] == expected
    sheet = json.loads(cli.ok("report", "sheet", "Launch", "-f", "json").stdout)
    assert [r["name"] for r in sheet["sheet"]] == expected
    assert _names(cli, "person", "list", key="name") == expected
    exported = json.loads(cli.ok("export", "contacts", "--profile", "json",
                                 "--include-opted-out").stdout)
    assert [p["full_name"] for p in exported] == expected


@pytest.fixture
def collated_cli() -> Iterator[Cli]:
    """A migrated PostgreSQL database whose collation, like a Debian server's en_US.UTF-8,
    passes over spaces and hyphens ("Dean" before "de la Cruz")."""
    if BACKEND != "postgresql":
        pytest.skip("PostgreSQL collation (set STAKEHOLDERS_TEST_DATABASE_URL)")
    name = f"sh_collated_{uuid.uuid4().hex[:10]}"
    try:
        pg_admin(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' LOCALE \'C\' '
                 "LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted'")
    except Exception as e:  # a server built without ICU, or older than PostgreSQL 15
        pytest.skip(f"cannot make an ICU-collated database here: {str(e).splitlines()[0]}")
    try:
        from stakeholders.migrations import upgrade

        url = _pg_with_db(name)
        upgrade(url, "head", create=True)
        yield Cli(url)
    finally:
        pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_organizations_people_are_listed_by_name_without_a_family_name_too(cli, tmp_path):
    """A forgotten person, or one imported by a given name alone, has no family name: the
    organization report lists them by name, as person list does, on both databases."""
    cli.ok("org", "add", "Agency")
    for name in ("Zara Adams", "Bono Vox"):
        cli.ok("person", "add", name, "--org", "Agency")
    sheet = tmp_path / "given-names.csv"
    sheet.write_text("First Name,Organisation,Email\nCher,Agency,cher@example.org\n")
    cli.ok("import", "contacts", str(sheet))
    report = json.loads(cli.ok("report", "organization", "Agency", "-f", "json").stdout)
    assert [p["person"] for p in report["people"]] == ["Zara Adams", "Cher", "Bono Vox"]


def test_lists_and_reports_order_byte_wise_whatever_the_servers_collation(collated_cli):
    cli = collated_cli
    orgs = ["De La Rue", "de-Witt Trust", "Dean Foundation"]  # as SQLite orders them
    for org in reversed(orgs):
        cli.ok("org", "add", org, "--sector", "donor")
    for campaign, acronym in (("Dean campaign", "DC"), ("de-Witt campaign", "DWC"),
                              ("De la campaign", "DLC")):
        cli.ok("campaign", "add", campaign, "--acronym", acronym)
        cli.ok("campaign", "partner", acronym, "Dean Foundation", "--role", "funder")
    for org in orgs[:2]:
        cli.ok("campaign", "partner", "DC", org, "--role", "funder")
    cli.ok("event", "add", "Launch", "--date", "2026-07-01", "--campaign", "DC")
    people = ["Ana de la Cruz", "Mary de-Witt", "Zed Deal", "John Dean"]
    for person in reversed(people):
        cli.ok("person", "add", person, "--tag", "ab", "--tag", "a-c", "--tag", "a b")
        cli.ok("attendance", "add", "Launch", person)

    assert _names(cli, "person", "list", key="name") == people
    assert {tuple(p["tags"]) for p in json.loads(
        cli.ok("person", "list", "-f", "json").stdout)} == {("a b", "a-c", "ab")}
    report = json.loads(cli.ok("report", "attendees", "Launch", "-f", "json").stdout)
    assert [r["person"] for r in report["attendees"]] == people
    sheet = json.loads(cli.ok("report", "sheet", "Launch", "-f", "json").stdout)
    assert [r["name"] for r in sheet["sheet"]] == people
    exported = json.loads(cli.ok("export", "contacts", "--profile", "json").stdout)
    assert [p["full_name"] for p in exported] == people
    campaign = json.loads(cli.ok("report", "campaign", "DC", "-f", "json").stdout)
    assert [p["organization"] for p in campaign["partners"]] == orgs
    org = json.loads(cli.ok("report", "organization", "Dean Foundation", "-f", "json").stdout)
    assert [c["campaign"] for c in org["campaigns"]] == [
        "De la campaign", "de-Witt campaign", "Dean campaign"]
