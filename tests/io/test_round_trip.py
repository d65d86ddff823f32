"""Export in each CSV profile, import into an empty database: the same people, organizations,
emails and phones. Generated names with accents, commas, quotes, newlines and formula-looking
text survive every spreadsheet profile."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stakeholders.io import csv_in, headers, profiles
from stakeholders.services.import_rows import Lookups, check, fields_of
from stakeholders.text import clean, clean_lines
from tests.conftest import Cli
from tests.io.conftest import PAYLOADS, add_people


@contextmanager
def _exported_to_fresh(cli: Cli, templates, tmp_path, name: str,
                       *options: str) -> Iterator[tuple[Path, Cli]]:
    """``cli``'s contacts exported with ``options`` to out/NAME, and an empty database of its
    own to read them back into (dropped afterwards)."""
    exported = tmp_path / "out" / name
    exported.parent.mkdir()
    cli.ok("export", "contacts", *options, "-o", str(exported))
    target = Cli(templates.fresh(tmp_path / "out"))
    try:
        yield exported, target
    finally:
        templates.drop(target.url)


def _contacts(cli: Cli, full_name: bool = True) -> set[tuple]:
    out = cli.ok("export", "contacts", "--profile", "json", "--include-opted-out").stdout
    return {(p["given_name"], p["family_name"], p["full_name"] if full_name else None,
             p["organization"], p["email"], p["phone"]) for p in json.loads(out)}


@pytest.mark.parametrize("profile", [p.name for p in profiles.CSV_PROFILES])
def test_round_trip_into_an_empty_database(people_cli: Cli, templates, tmp_path, profile):
    add_people(people_cli.url, [(f"{p.strip()} Payload", f"{p.strip()} Org", f"x{n}@example.org",
                                 None, {}) for n, p in enumerate(PAYLOADS)])
    with _exported_to_fresh(people_cli, templates, tmp_path, f"{profile}.csv",
                            "--profile", profile) as (exported, target):
        result = target.ok("import", "contacts", str(exported))
        assert result.stderr == "Imported batch 1: 9 created, 0 updated, 0 skipped, 0 rejected\n"
        # Mailchimp and Outlook have no full-name column: the name is given + family there.
        has_full = "full_name" in [f for _, f in profiles.profile(profile).columns]
        assert _contacts(target, has_full) == _contacts(people_cli, has_full)


def test_round_trip_keeps_honorifics_titles_and_tags(people_cli: Cli, templates, tmp_path):
    with _exported_to_fresh(people_cli, templates, tmp_path, "all.csv") as (exported, target):
        target.ok("import", "contacts", str(exported))
        assert (target.ok("export", "contacts").stdout
                == people_cli.ok("export", "contacts").stdout)


@pytest.mark.parametrize("profile", ["csv", "excel", "json"])
def test_people_exported_opted_out_come_back_opted_out(people_cli: Cli, templates, tmp_path,
                                                        profile):
    """An export with --include-opted-out says who opted out; read back, they still are,
    with an email opt-out naming the file, and no mailing export reaches them."""
    people_cli.ok("person", "edit", "Amina Qureshi", "--no-email")
    people_cli.ok("person", "edit", "Olga Ivanova", "--no-contact")
    people_cli.ok("person", "consent", "Ayesha Malik", "--email", "opt-out", "--source", "call")
    with _exported_to_fresh(people_cli, templates, tmp_path, f"all.{profile}",
                            "--profile", profile, "--include-opted-out") as (exported, target):
        result = target.ok("import", "contacts", str(exported))
        assert result.stderr == ("Imported batch 1: 4 created, 0 updated, 0 skipped, "
                                 "0 rejected; 3 opted out of email\n")
        assert target.ok("export", "contacts").stderr == "Exported 1; left out 3 (3 opted out)\n"
        history = target.ok("person", "consent", "Amina Qureshi").stdout
        assert "opt-out" in history and f"opted_out column of all.{profile}" in history
        again = target.ok("import", "contacts", str(exported))  # nothing new to record
        assert again.stderr == "Imported batch 2: 0 created, 0 updated, 4 skipped, 0 rejected\n"


def test_a_json_export_reads_back_whole(people_cli: Cli, templates, tmp_path):
    """The json profile reads back as the csv profile does: the same export after."""
    people_cli.ok("person", "edit", "Amina Qureshi", "--tag", "launch", "--tag", "press",
                  "--note", "=1+1 \"quoted\"")
    with _exported_to_fresh(people_cli, templates, tmp_path, "contacts.json",
                            "--profile", "json") as (exported, target):
        result = target.ok("import", "contacts", str(exported))
        assert result.stderr == "Imported batch 1: 4 created, 0 updated, 0 skipped, 0 rejected\n"
        assert (target.ok("export", "contacts", "--profile", "json").stdout
                == people_cli.ok("export", "contacts", "--profile", "json").stdout)


def test_a_json_files_phones_are_read_as_its_emails_are(cli: Cli, templates, tmp_path):
    """Another tool's JSON contacts give "emails" and "phones", a list or one text: the
    phones were passed over ("Ignored columns: phones"). Each is read, the first primary,
    with the label written after it, as a json export writes other_phones; and that export
    reads back with its labels."""
    path = tmp_path / "contacts.json"
    path.write_text(json.dumps([
        {"name": "Bo Li", "emails": ["bo@undp.org", "bo.li@gmail.com"],
         "phones": ["+92 300 1112223 (mobile)", "+92 51 2601461 ext. 12"]},
        {"name": "Cy Ray", "emails": "cy@undp.org", "phones": "+92 300 2223334"}]))
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n"

    def phones(cli: Cli, name: str) -> list[tuple]:
        shown = json.loads(cli.ok("person", "show", name, "-f", "json").stdout)
        return [(c["value"], c["label"], c["primary"]) for c in shown["contact_points"]
                if c["kind"] == "phone"]

    assert phones(cli, "Bo Li") == [("+923001112223", "mobile", True),
                                    ("+92512601461", "ext. 12", False)]
    assert phones(cli, "Cy Ray") == [("+923002223334", None, True)]
    cli.ok("person", "edit", "Cy Ray", "--phone", "+92 300 4445556 (WhatsApp)")
    with _exported_to_fresh(cli, templates, tmp_path, "contacts.json",
                            "--profile", "json") as (exported, target):
        target.ok("import", "contacts", str(exported))
        for name in ("Bo Li", "Cy Ray"):
            assert phones(target, name) == phones(cli, name)


@pytest.mark.parametrize("profile", ["csv", "excel", "json", "google", "outlook"])
def test_a_shared_further_inbox_reads_back_as_two_people(people_cli: Cli, templates, tmp_path,
                                                         profile):
    """Two colleagues both hold the newsroom's inbox as a further address. Read back, the
    second row's further address found the first person: the second person was lost, their
    address became hers. A further address finds only someone of the row's name."""
    for name in ("Ayesha Malik", "Olga Ivanova"):
        people_cli.ok("person", "edit", name, "--email", "newsroom@dawn.com.pk")
    with _exported_to_fresh(people_cli, templates, tmp_path, f"all.{profile}",
                            "--profile", profile) as (exported, target):
        result = target.ok("import", "contacts", str(exported))
        assert result.stderr.startswith("Imported batch 1: 4 created, 0 updated")
        assert _contacts(target) == _contacts(people_cli)
        for name in ("Ayesha Malik", "Olga Ivanova"):
            shown = json.loads(target.ok("person", "show", name, "-f", "json").stdout)
            assert "newsroom@dawn.com.pk" in [c["value"] for c in shown["contact_points"]]


@pytest.mark.parametrize("profile", ["csv", "excel", "json", "google", "outlook"])
def test_further_emails_and_phones_read_back_after_the_primary_ones(
        people_cli: Cli, templates, tmp_path, profile):
    """The csv, excel and json layouts carry every email and phone (the primary first, the
    others in other_emails and other_phones); read back, the person has them all again, the
    same one primary."""
    people_cli.ok("person", "edit", "Amina Qureshi", "--email", "amina.q@gmail.com",
                  "--email", "a.qureshi@un.org", "--phone", "+923001234567",
                  "--phone", "+92512601462")
    with _exported_to_fresh(people_cli, templates, tmp_path, f"all.{profile}",
                            "--profile", profile) as (exported, target):
        target.ok("import", "contacts", str(exported))

        def amina(cli: Cli) -> dict:
            return json.loads(cli.ok("person", "show", "Amina Qureshi", "-f", "json").stdout)

        before, after = amina(people_cli), amina(target)
        assert [(c["kind"], c["value"], c["primary"]) for c in after["contact_points"]] == [
            (c["kind"], c["value"], c["primary"]) for c in before["contact_points"]]
        assert len(after["contact_points"]) == 6  # with the email and phone she had
        exported_json = json.loads(target.ok("export", "contacts", "--profile", "json").stdout)
        assert [(p["other_emails"], p["other_phones"]) for p in exported_json
                if p["family_name"] == "Qureshi"] == [
            (["amina.q@gmail.com", "a.qureshi@un.org"], ["+923001234567", "+92512601462"])]


def test_a_vcard_export_reads_back(people_cli: Cli, templates, tmp_path):
    """Cards exported in the vcard profile read back as the same people: names with their
    honorifics and titles, organizations, positions, every email and phone, tags and notes
    (formula-looking text, commas and semicolons included)."""
    add_people(people_cli.url, [(f"{p.strip()} Payload", f"{p.strip()}; Org", f"x{n}@example.org",
                                 None, {}) for n, p in enumerate(PAYLOADS)])
    people_cli.ok("person", "edit", "Amina Qureshi", "--email", "amina.q@gmail.com",
                  "--phone", "+923001234567", "--tag", "launch", "--note", "=1+1, \"quoted\"")
    carried = ("honorific", "title", "given_name", "family_name", "full_name", "organization",
               "position", "email", "phone", "tags", "notes", "other_emails", "other_phones")

    def contacts(cli: Cli) -> list[dict]:
        out = json.loads(cli.ok("export", "contacts", "--profile", "json").stdout)
        return sorted(({k: p[k] for k in carried} for p in out), key=lambda p: p["email"])

    with _exported_to_fresh(people_cli, templates, tmp_path, "contacts.vcf",
                            "--profile", "vcard") as (exported, target):
        result = target.ok("import", "contacts", str(exported))
        assert result.stderr == "Imported batch 1: 9 created, 0 updated, 0 skipped, 0 rejected\n"
        assert contacts(target) == contacts(people_cli)


@pytest.mark.parametrize("profile,name", [
    ("csv", "all.csv"), ("excel", "all.csv"), ("json", "all.json"), ("vcard", "all.vcf")])
def test_someone_known_by_a_phone_alone_is_not_added_again(cli: Cli, tmp_path, profile, name):
    """A driver known by his mobile alone, with no email and no organization, was created
    again each time the contact list was read back: a row without an email matched only by
    name and organization. A phone finds its holder of the row's name; a colleague of another
    name given the same switchboard number is still someone else."""
    cli.ok("person", "add", "Bashir Ahmed", "--phone", "+923005556667")
    cli.ok("person", "add", "Ahmed Bashir", "--phone", "+923005556667")
    exported = tmp_path / name
    cli.ok("export", "contacts", "--profile", profile, "-o", str(exported))
    result = cli.ok("import", "contacts", str(exported))
    assert result.stderr == "Imported batch 1: 0 created, 0 updated, 2 skipped, 0 rejected\n"
    # two rows of one file for the same person, read into an empty list: one person
    twice = tmp_path / "twice.csv"
    twice.write_text("Name,Phone\nNasir Ali,+923001112223\nNasir Ali,+923001112223\n"
                     "Nasir Shah,+923001112223\n")
    result = cli.ok("import", "contacts", str(twice))
    assert result.stderr == "Imported batch 2: 2 created, 0 updated, 1 skipped, 0 rejected\n"


@pytest.mark.parametrize("profile,name", [("csv", "all.csv"), ("vcard", "all.vcf")])
def test_a_row_for_one_of_two_holders_of_an_address_finds_that_one(cli: Cli, tmp_path,
                                                                   profile, name):
    """A couple share one address, each as their main one. Their own export read back with
    --on-duplicate update found the one who had the address first for both rows: the second
    row renamed her after her husband and moved her to his organization. Of an address
    several hold, a row finds the holder of its name."""
    cli.ok("org", "add", "Dawn Media Group", "--sector", "media")
    cli.ok("org", "add", "Ministry of Interior", "--sector", "government")
    cli.ok("person", "add", "Sana Mir", "--email", "mirs@example.org", "--org", "Dawn Media Group")
    cli.ok("person", "add", "Omar Mir", "--email", "mirs@example.org",
           "--org", "Ministry of Interior")
    exported = tmp_path / name
    cli.ok("export", "contacts", "--profile", profile, "-o", str(exported))
    before = cli.ok("export", "contacts").stdout
    result = cli.ok("import", "contacts", str(exported), "--on-duplicate", "update")
    assert "0 updated" in result.stderr and "0 created" in result.stderr
    assert cli.ok("export", "contacts").stdout == before


@pytest.mark.parametrize("text,message", [
    ('{"full_name": "Ann Lee"}', "list.json is not a JSON array of contacts"),
    ('[{"full_name": "Ann Lee",', "list.json is not sound JSON (line 1: "),
    ('[{"full_name": "Ann Lee", "tags": [{"a": 1}]}]',
     "list.json: row 2 (object 1) holds a nested value; give each field as text"),
    # the json export of nobody: not "no name or email column recognised in the header"
    ("[]\n", "list.json holds no contacts (an empty JSON array)"),
])
def test_a_json_file_that_is_no_contact_list_is_refused(cli: Cli, tmp_path, text, message):
    path = tmp_path / "list.json"
    path.write_text(text)
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1 and result.stderr.startswith("Error: " + message)
    assert result.stderr.count("\n") == 1


# -- generated text through every spreadsheet profile, without a database --------------------

_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ éüçñøЖ中,;\"'\n\r=+-@\t|!()")), min_size=1,
    max_size=20,
).filter(lambda s: any(c.isalpha() for c in s))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(given_name=_TEXT, family_name=_TEXT, organization=_TEXT, notes=_TEXT)
def test_generated_text_survives_every_profile(given_name, family_name, organization, notes):
    contact = {"honorific": None, "title": None, "given_name": given_name,
               "family_name": family_name, "full_name": f"{given_name} {family_name}",
               "organization": organization, "position": None, "sector": None,
               "email": "a.b@example.org", "phone": "+92512601461", "country": None,
               "tags": [], "notes": notes}
    for profile in profiles.CSV_PROFILES:
        out = io.StringIO(newline="")
        profile.write([profiles.record(contact)], out)
        text = out.getvalue()
        if profile.encoding == "utf-8-sig":
            text = "\ufeff" + text
        table = csv_in.read_text(text)
        columns, _ = headers.recognise(table.header, {})
        candidate = check(fields_of(table.rows[0], columns), 2, Lookups({}, {}, {}))
        # Imports store text cleaned (single spaces), as every command does.
        assert candidate.given_name == clean(given_name)
        assert candidate.family_name == clean(family_name)
        assert candidate.org_name == clean(organization)
        assert candidate.email == "a.b@example.org" and candidate.phone == "+92512601461"
        if "notes" in [f for _, f in profile.columns]:  # notes keep their line breaks
            assert candidate.notes == clean_lines(notes)
        for cell in (c for row in csv.reader(io.StringIO(text)) for c in row):
            assert cell == "+92512601461" or not cell.lstrip("\ufeff").startswith(
                ("=", "+", "-", "@", "\t", "\r"))


def test_outlook_names_the_country_and_reads_back_its_code(cli: Cli, templates, tmp_path):
    """Outlook's Business Country/Region holds the country's name, as Outlook writes it;
    read back, the organization has the ISO code again."""
    cli.ok("org", "add", "Ministry of Interior", "--country", "PK")
    cli.ok("person", "add", "Amina Yusuf", "--email", "amina@example.org", "--org",
           "Ministry of Interior", "--position", "Director")
    with _exported_to_fresh(cli, templates, tmp_path, "contacts.csv",
                            "--profile", "outlook") as (exported, target):
        with open(exported, newline="", encoding="utf-8") as f:
            assert [r["Business Country/Region"] for r in csv.DictReader(f)] == ["Pakistan"]
        target.ok("import", "contacts", str(exported))
        org = json.loads(target.ok("org", "show", "Ministry of Interior", "-f", "json").stdout)
        assert org["country"] == "PK"


def test_a_google_export_carries_the_organizations_country_back(cli: Cli, tmp_path):
    """The google layout names the organization's country, as the outlook one does: read back
    into a new list, the organization has it."""
    cli.ok("org", "add", "British High Commission", "--country", "GB", "--sector",
           "diplomatic-mission")
    cli.ok("person", "add", "Christian Turner", "--email", "ct@example.org",
           "--org", "British High Commission")
    exported = tmp_path / "google.csv"
    cli.ok("export", "contacts", "--profile", "google", "-o", str(exported))
    [row] = list(csv.DictReader(exported.open(encoding="utf-8", newline="")))
    assert row["Address 1 - Country"] == "United Kingdom"
    cli.ok("person", "remove", "Christian Turner", "--yes")
    cli.ok("org", "remove", "British High Commission", "--yes")
    cli.ok("import", "contacts", str(exported))
    [person] = json.loads(cli.ok("export", "contacts", "--profile", "json").stdout)
    assert (person["organization"], person["country"]) == ("British High Commission", "GB")


@pytest.mark.parametrize("profile,name", [("outlook", "outlook.csv"), ("vcard", "all.vcf")])
def test_letters_after_a_name_are_the_suffix_and_read_back(cli: Cli, tmp_path, profile, name):
    """Christian Turner CMG: the given and family names leave CMG out, so the layouts that
    give a name only in parts (Outlook's First and Last Name, vCard's N) give it as the
    suffix, and the name reads back whole."""
    cli.ok("person", "add", "Christian Turner CMG", "--email", "ct@example.org")
    exported = tmp_path / name
    cli.ok("export", "contacts", "--profile", profile, "-o", str(exported))
    text = exported.read_text(encoding="utf-8")
    assert ("N:Turner;Christian;;;CMG\n" in text if profile == "vcard"
            else list(csv.DictReader(io.StringIO(text)))[0]["Suffix"] == "CMG")
    cli.ok("person", "remove", "Christian Turner CMG", "--yes")
    cli.ok("import", "contacts", str(exported))
    [person] = json.loads(cli.ok("export", "contacts", "--profile", "json").stdout)
    assert (person["full_name"], person["given_name"], person["family_name"]) == (
        "Christian Turner CMG", "Christian", "Turner")


@pytest.mark.parametrize("profile,name", [("vcard", "all.vcf"), ("csv", "all.csv"),
                                          ("outlook", "outlook.csv"), ("google", "google.csv")])
def test_a_title_no_list_knows_is_not_written_twice(cli: Cli, tmp_path, profile, name):
    """A card's N gives the title 'Ing.' and its FN 'Ing. Ali Khan': the name was read as
    'Ing. Ing. Ali Khan', one 'Ing.' more on every export and import."""
    card = tmp_path / "in.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Khan;Ali;;Ing.;\r\nFN:Ing. Ali Khan\r\n"
                    "EMAIL:ali@example.org\r\nEND:VCARD\r\n", encoding="utf-8")
    cli.ok("import", "contacts", str(card))
    for _ in range(2):
        [person] = json.loads(cli.ok("person", "list", "-f", "json").stdout)
        assert (person["name"], person["title"], person["given_name"]) == (
            "Ing. Ali Khan", "Ing.", "Ali")
        exported = tmp_path / name
        cli.ok("export", "contacts", "--profile", profile, "-o", str(exported))
        cli.ok("person", "remove", "Ali Khan", "--yes")
        cli.ok("import", "contacts", str(exported))


@pytest.mark.parametrize("profile,name", [("outlook", "outlook.csv"), ("google", "google.csv"),
                                          ("vcard", "all.vcf")])
def test_every_countrys_name_reads_back(cli: Cli, tmp_path, profile, name):
    """The layouts that name the country write its English name; one ending in a full stop
    ("Virgin Islands, U.S.") was refused as an unknown country when read back."""
    cli.ok("org", "add", "Government House", "--country", "VI")
    cli.ok("person", "add", "Ann Lee", "--email", "ann@example.org", "--org", "Government House")
    exported = tmp_path / name
    cli.ok("export", "contacts", "--profile", profile, "-o", str(exported))
    cli.ok("person", "remove", "Ann Lee", "--yes")
    cli.ok("org", "remove", "Government House", "--yes")
    cli.ok("import", "contacts", str(exported))
    [person] = json.loads(cli.ok("export", "contacts", "--profile", "json").stdout)
    assert (person["organization"], person["country"]) == ("Government House", "VI")


def _phones(cli: Cli, name: str) -> list[tuple]:
    shown = json.loads(cli.ok("person", "show", name, "-f", "json").stdout)
    return [(c["value"], c["label"], c["primary"]) for c in shown["contact_points"]
            if c["kind"] == "phone"]


@pytest.mark.parametrize("profile,name", [
    ("csv", "all.csv"), ("excel", "all.csv"), ("json", "all.json"), ("vcard", "all.vcf")])
def test_phone_labels_and_extensions_read_back(people_cli: Cli, templates, tmp_path, profile,
                                               name):
    """A number's extension and its label (mobile, office, WhatsApp) were left out of every
    export: read back, the switchboard lost the extension to ask for. The contact lists
    carry each number with its label, as an import reads it back."""
    people_cli.ok("person", "edit", "Amina Qureshi", "--remove-phone", "+92512601461",
                  "--phone", "051 2601461 ext. 12", "--phone", "0300-1234567 (mobile)",
                  "--phone", "051 2601462 (office)", "--phone", "0300-7654321 (WhatsApp)",
                  "--phone", "051 2601463 (Office (PTCL))", "--region", "PK")
    before = _phones(people_cli, "Amina Qureshi")
    assert [label for _, label, _ in before] == [
        "ext. 12", "mobile", "office", "WhatsApp", "Office (PTCL)"]  # its own brackets kept
    with _exported_to_fresh(people_cli, templates, tmp_path, name,
                            "--profile", profile) as (exported, target):
        target.ok("import", "contacts", str(exported))
        assert _phones(target, "Amina Qureshi") == before


@pytest.mark.parametrize("profile", ["mailchimp", "google", "outlook"])
def test_mailing_tools_get_numbers_to_dial_with_their_extension(people_cli: Cli, profile):
    """A mailing tool's phone field takes a number to dial: its extension stays with it (no
    quote before it, which the tool would keep), a word of a label does not (a phone reads
    letters as the keypad's digits); Google's Phone 1 - Type holds the label."""
    people_cli.ok("person", "edit", "Amina Qureshi", "--remove-phone", "+92512601461",
                  "--phone", "051 2601461 ext. 12", "--phone", "0300-1234567 (mobile)",
                  "--region", "PK")
    people_cli.ok("person", "edit", "Olga Ivanova", "--remove-phone", "+923001234567",
                  "--phone", "0300-1234568 (mobile)", "--region", "PK")
    text = people_cli.ok("export", "contacts", "--profile", profile).stdout
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert "+92512601461 ext. 12" in cells and "+923001234568" in cells
    assert not [c for c in cells if "(mobile)" in c]
    if profile == "google":
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert [(r["Phone 1 - Type"], r["Phone 1 - Value"], r["Phone 2 - Type"],
                 r["Phone 2 - Value"])
                for r in rows if r["Family Name"] in ("Qureshi", "Ivanova")] == [
            ("mobile", "+923001234568", "", ""),
            ("", "+92512601461 ext. 12", "mobile", "+923001234567")]


def test_a_google_export_carries_the_first_numbers_label_back(people_cli: Cli, templates,
                                                                tmp_path):
    """Google's Phone 1 - Type holds the first number's label, Phone 2 - Type the further
    ones' (one each, in the order of Phone 2 - Value), and an import reads them back."""
    people_cli.ok("person", "edit", "Olga Ivanova", "--remove-phone", "+923001234567",
                  "--phone", "0300-1234568 (mobile)", "--phone", "051 2601462",
                  "--phone", "051 2601463 (home)", "--region", "PK")
    with _exported_to_fresh(people_cli, templates, tmp_path, "google.csv",
                            "--profile", "google") as (exported, target):
        target.ok("import", "contacts", str(exported))
        assert _phones(target, "Olga Ivanova") == [
            ("+923001234568", "mobile", True), ("+92512601462", None, False),
            ("+92512601463", "home", False)]


def test_outlook_puts_a_further_number_recorded_as_a_mobile_in_mobile_phone(people_cli: Cli):
    """Outlook says a number's kind by its column: a mobile recorded as a second number was
    written as Business Phone 2, an office line as the Mobile Phone. A further number labelled
    mobile is the Mobile Phone, and only such a number (Mobile Phone is read back as a
    mobile); the others are Business Phone 2 and Other Phone; the primary stays the Business
    Phone."""
    people_cli.ok("person", "edit", "Amina Qureshi", "--phone", "0300-1234567 (mobile)",
                  "--phone", "051 2601462 (office)", "--region", "PK")
    people_cli.ok("person", "edit", "Olga Ivanova", "--phone", "+92512601463",
                  "--phone", "+92512601464")
    rows = list(csv.DictReader(io.StringIO(
        people_cli.ok("export", "contacts", "--profile", "outlook").stdout, newline="")))
    assert [(r["Last Name"], r["Business Phone"], r["Business Phone 2"], r["Mobile Phone"],
             r["Other Phone"])
            for r in rows if r["Last Name"] in ("Qureshi", "Ivanova")] == [
        ("Ivanova", "+923001234567", "+92512601463", "", "+92512601464"),  # no mobile
        ("Qureshi", "+92512601461", "+92512601462", "+923001234567", "")]


def test_outlook_puts_a_primary_mobile_or_home_number_in_its_own_column(
        cli: Cli, templates, tmp_path):
    """A person's only number, a mobile, was the Business Phone and came back unlabelled; it
    is the Mobile Phone (a home one the Home Phone) when no number stands before that column,
    so that it comes back first, still the primary one, and labelled."""
    cli.ok("person", "add", "Imran Tariq", "--phone", "+923001234567 (mobile)",
           "--email", "imran@x.org")
    cli.ok("person", "add", "Home Only", "--phone", "+92512222222 (home)", "--email", "h@x.org")
    cli.ok("person", "add", "Mobile First", "--phone", "+923007654321 (mobile)",
           "--phone", "+92519250000", "--email", "m@x.org")
    with _exported_to_fresh(cli, templates, tmp_path, "outlook.csv",
                            "--profile", "outlook") as (exported, target):
        rows = {r["First Name"]: (r["Business Phone"], r["Business Phone 2"],
                                  r["Mobile Phone"], r["Home Phone"])
                for r in csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"),
                                                    newline=""))}
        assert rows == {
            "Imran": ("", "", "+923001234567", ""), "Home": ("", "", "", "+92512222222"),
            # an office line after it would be read first: it stays the Business Phone
            "Mobile": ("+923007654321", "+92519250000", "", "")}
        target.ok("import", "contacts", str(exported))
        for name in ("Imran Tariq", "Home Only"):
            assert _phones(target, name) == _phones(cli, name)


def test_outlook_mobile_phone_is_read_back_as_a_mobile(cli: Cli, templates, tmp_path):
    """Outlook's Mobile Phone column was read as any number: exported again, a mobile beside
    a Business Phone moved to Business Phone 2. Read as a mobile (and Home Phone as a home
    number), each comes back in its own column, labelled as it was, and the file round-trips
    unchanged."""
    outlook = ("First Name,Last Name,Company,Business Phone,Mobile Phone,Home Phone,"
               "E-mail Address\r\n"
               "Both,Phones,Acme,+92 51 9250000,+92 300 7654322,+92 51 2222222,"
               "both@acme.org\r\n")
    source = tmp_path / "outlook.csv"
    source.write_text(outlook, encoding="utf-8", newline="")
    cli.ok("import", "contacts", str(source))
    assert _phones(cli, "Both Phones") == [("+92519250000", None, True),
                                           ("+923007654322", "mobile", False),
                                           ("+92512222222", "home", False)]
    with _exported_to_fresh(cli, templates, tmp_path, "outlook.csv",
                            "--profile", "outlook") as (exported, target):
        [row] = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"),
                                                newline="")))
        assert (row["Business Phone"], row["Business Phone 2"], row["Mobile Phone"],
                row["Home Phone"], row["Other Phone"]) == (
            "+92519250000", "", "+923007654322", "+92512222222", "")
        target.ok("import", "contacts", str(exported))
        assert _phones(target, "Both Phones") == _phones(cli, "Both Phones")
        again = target.ok("export", "contacts", "--profile", "outlook").stdout
        assert again == exported.read_text(encoding="utf-8")
