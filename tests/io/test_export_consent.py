"""Consent decides what every export profile emits, and every export is logged with its
filters, counts and the people it exported."""

from __future__ import annotations

import json

import pytest

from stakeholders.vocab import ExportProfile
from tests.conftest import Cli

PROFILES = ExportProfile.values()


def _consent(cli: Cli) -> None:
    """Amina opts out by email, Olga opts in, Ayesha's opt-in has expired; Jean-François has
    said nothing."""
    cli.ok("person", "consent", "Amina Qureshi", "--email", "opt-out", "--source", "call")
    cli.ok("person", "consent", "Olga Ivanova", "--email", "opt-in", "--source", "form")
    cli.ok("person", "consent", "Ayesha Malik", "--email", "opt-in", "--source", "sheet",
           "--date", "2020-01-01", "--expires", "2021-01-01")


def _exported(cli: Cli, profile: str, tmp_path, *options: str) -> tuple[str, str]:
    """What the export wrote, as text (a workbook's cells, one a line, as it goes to a file
    only), and what it said, without where it wrote."""
    if profile != "xlsx":
        result = cli.ok("export", "contacts", "--profile", profile, *options)
        return result.stdout, result.stderr
    from openpyxl import load_workbook

    path = tmp_path / "contacts.xlsx"
    result = cli.ok("export", "contacts", "--profile", profile, *options, "-o", str(path))
    cells = [str(c.value) for row in load_workbook(path).active.iter_rows() for c in row
             if c.value is not None]
    return "\n".join(cells), result.stderr.replace(f"; written to {path}", "")


@pytest.mark.parametrize("profile", PROFILES)
def test_email_opt_out_is_never_exported(people_cli: Cli, profile, tmp_path):
    _consent(people_cli)
    text, said = _exported(people_cli, profile, tmp_path)
    assert "Amina" not in text and "Qureshi" not in text
    assert "Olga" in text and "Ayesha" in text  # expired counts as unknown
    assert said == "Exported 3; left out 1 (1 opted out)\n"


@pytest.mark.parametrize("profile", PROFILES)
def test_require_consent_exports_only_opt_ins_in_force(people_cli: Cli, profile, tmp_path):
    _consent(people_cli)
    text, said = _exported(people_cli, profile, tmp_path, "--require-consent")
    assert "Olga" in text
    for name in ("Amina", "Ayesha", "Cautain"):
        assert name not in text
    assert said == "Exported 1; left out 3 (1 opted out, 2 no consent)\n"


def test_an_opt_out_survives_even_when_the_flag_is_lifted(people_cli: Cli, session_factory):
    from stakeholders.services import people

    _consent(people_cli)
    with session_factory(people_cli.url) as s:  # someone clears the flag by hand
        people.set_no_email(people.find_by_name(s, "Amina Qureshi")[0], False)
    result = people_cli.ok("export", "contacts", "--profile", "mailchimp")
    assert "Amina" not in result.stdout


def test_allow_email_cannot_lift_an_email_opt_out_in_force(people_cli: Cli):
    """The flag would say she may be emailed while every export leaves her out: the officer is
    told to record her opt-in, which lifts both."""
    from tests.cli.helpers import refused

    _consent(people_cli)
    amina = json.loads(people_cli.ok("person", "show", "Amina Qureshi", "-f", "json").stdout)
    refused(people_cli, "person", "edit", "Amina Qureshi", "--allow-email",
            message=f"person #{amina['id']} opted out of email and that consent is in force; "
                    f"record their opt-in instead: stakeholders person consent {amina['id']} "
                    "--email opt-in --source SOURCE")
    people_cli.ok("person", "consent", "Amina Qureshi", "--email", "opt-in", "--source", "form")
    shown = json.loads(people_cli.ok("person", "show", "Amina Qureshi", "-f", "json").stdout)
    assert shown["do_not_email"] is False
    people_cli.ok("person", "edit", "Olga Ivanova", "--no-email")  # a flag set by hand …
    people_cli.ok("person", "edit", "Olga Ivanova", "--allow-email")  # … is lifted by hand


def test_exports_are_logged_with_filters_counts_and_people(people_cli: Cli):
    _consent(people_cli)
    olga, amina = (json.loads(people_cli.ok("person", "show", name, "-f", "json").stdout)["id"]
                   for name in ("Olga Ivanova", "Amina Qureshi"))
    people_cli.ok("export", "contacts", "--profile", "mailchimp", "--tag", "press",
                  "--require-consent")
    entries = json.loads(people_cli.ok("log", "-f", "json").stdout)
    export = entries[-1]
    assert export["command"] == "export contacts"
    assert export["details"] == {"export": {
        "filters": {"tags": ["press"]}, "profile": "mailchimp", "require_consent": True,
        "exported": 1, "left_out": {}}}
    assert export["records"] == [f"export person:{olga}"]
    def commands(person: int) -> list[str]:
        out = people_cli.ok("log", "--record", f"person:{person}", "-f", "json").stdout
        return [e["command"] for e in json.loads(out)]

    assert commands(olga) == ["export contacts"]
    assert commands(amina) == ["person consent"]  # her opt-out set do-not-email; not exported


def test_an_older_opt_in_does_not_lift_a_later_request_not_to_be_emailed(people_cli: Cli):
    """Olga asked today not to be emailed; an opt-in from an old sign-in sheet recorded after
    that is older than her request and must not bring her back into a mailing."""
    people_cli.ok("person", "edit", "Olga Ivanova", "--no-email")
    result = people_cli.ok("person", "consent", "Olga Ivanova", "--email", "opt-in",
                           "--source", "sign-in sheet", "--date", "2017-07-19")
    assert result.stderr == ("Recorded email opt-in; they still may not be emailed: their "
                             "request not to be emailed is more recent than this opt-in's "
                             "date\n")
    shown = json.loads(people_cli.ok("person", "show", "Olga Ivanova", "-f", "json").stdout)
    assert shown["do_not_email"] is True
    result = people_cli.ok("export", "contacts", "--profile", "mailchimp")
    assert "Olga" not in result.stdout
    # an opt-out dated later than an opt-in recorded afterwards keeps the flag too …
    people_cli.ok("person", "consent", "Ayesha Malik", "--email", "opt-out",
                  "--source", "call", "--date", "2026-01-01")
    people_cli.ok("person", "consent", "Ayesha Malik", "--email", "opt-in",
                  "--source", "sheet", "--date", "2020-01-01")
    shown = json.loads(people_cli.ok("person", "show", "Ayesha Malik", "-f", "json").stdout)
    assert shown["do_not_email"] is True
    # … while a newer opt-in than the opt-out lifts it, whenever it is recorded
    assert people_cli.ok("person", "consent", "Ayesha Malik", "--email", "opt-in",
                         "--source", "form", "--date", "2026-02-01"
                         ).stderr == "Recorded email opt-in\n"
    shown = json.loads(people_cli.ok("person", "show", "Ayesha Malik", "-f", "json").stdout)
    assert shown["do_not_email"] is False
    assert "Ayesha" in people_cli.ok("export", "contacts", "--profile", "mailchimp").stdout
    # an opt-out dated back before that opt-in is kept, not in force: she may still be mailed
    result = people_cli.ok("person", "consent", "Ayesha Malik", "--email", "opt-out",
                           "--source", "old call", "--date", "2026-01-15")
    assert result.stderr == ("Recorded email opt-out; the opt-out is not in force: their email "
                             "opt-in of 2026-02-01 is more recent\n")
    shown = json.loads(people_cli.ok("person", "show", "Ayesha Malik", "-f", "json").stdout)
    assert shown["do_not_email"] is False
    assert "Ayesha" in people_cli.ok("export", "contacts", "--profile", "mailchimp").stdout
    # a phone or post statement dated back before a more recent one says so too (it said
    # only "Recorded phone opt-in", and her numbers stayed withheld)
    people_cli.ok("person", "consent", "Ayesha Malik", "--phone", "opt-out", "--source", "call",
                  "--date", "2026-02-01")
    result = people_cli.ok("person", "consent", "Ayesha Malik", "--phone", "opt-in", "--post",
                           "opt-in", "--source", "old form", "--date", "2026-01-15")
    assert result.stderr == ("Recorded phone opt-in, post opt-in; not in force: phone opt-in "
                             "(a more recent statement on that channel counts)\n")


@pytest.mark.parametrize("profile", ["mailchimp", "google", "outlook"])
def test_an_address_someone_opted_out_of_is_mailed_to_no_one(people_cli: Cli, profile):
    """Bob asked not to be emailed; Eve shares his address (an office inbox): mail to it would
    reach him, so the mailing profiles leave her out too, and say why."""
    people_cli.ok("person", "add", "Bob Shared", "--email", "inbox@example.org", "--no-email")
    people_cli.ok("person", "add", "Eve Shared", "--email", "INBOX@example.org")
    result = people_cli.ok("export", "contacts", "--profile", profile)
    assert "Eve" not in result.stdout and "inbox@" not in result.stdout.lower()
    assert result.stderr == "Exported 4; left out 2 (1 opted out, 1 address opted out)\n"
    result = people_cli.ok("export", "contacts", "--profile", profile, "--include-opted-out")
    assert result.stdout.lower().count("inbox@example.org") == 1
    # a contact list is not a mailing: Eve is in it
    assert "Eve" in people_cli.ok("export", "contacts", "--profile", "csv").stdout


@pytest.mark.parametrize("profile", ["mailchimp", "google", "outlook"])
def test_an_address_someone_opted_out_of_is_not_carried_as_a_further_email(
        people_cli: Cli, profile):
    """Eve's own address comes first, Bob's (he asked not to be emailed) second: the layouts
    that carry further emails must not mail Bob through Eve's row."""
    people_cli.ok("person", "add", "Bob Shared", "--email", "inbox@example.org", "--no-email")
    people_cli.ok("person", "add", "Eve Shared", "--email", "eve@example.org",
                  "--email", "INBOX@example.org")
    result = people_cli.ok("export", "contacts", "--profile", profile)
    assert "eve@example.org" in result.stdout
    assert "inbox@" not in result.stdout.lower()
    assert result.stderr == ("Exported 5; left out 1 (1 opted out); "
                             "withheld 1 address someone opted out of\n")
    result = people_cli.ok("export", "contacts", "--profile", profile, "--include-opted-out")
    assert "inbox@" in result.stdout.lower()


@pytest.mark.parametrize("profile", ["csv", "excel", "json", "vcard"])
def test_a_contact_list_keeps_the_person_but_not_an_address_someone_opted_out_of(
        people_cli: Cli, profile):
    """A contact list, unlike a mailing, keeps Eve, who shares Bob's office inbox (he asked
    not to be emailed): without that address, which an address book would mail. Her own
    further address takes its place; Dan, with only the inbox, keeps his name and phone."""
    people_cli.ok("person", "add", "Bob Shared", "--email", "inbox@example.org", "--no-email")
    people_cli.ok("person", "add", "Eve Shared", "--email", "INBOX@example.org",
                  "--email", "eve@example.org")
    people_cli.ok("person", "add", "Dan Shared", "--email", "Inbox@Example.org",
                  "--phone", "+923001234567")
    result = people_cli.ok("export", "contacts", "--profile", profile)
    assert "inbox@" not in result.stdout.lower()
    assert "Eve" in result.stdout and "eve@example.org" in result.stdout
    assert "Dan" in result.stdout and "1234567" in result.stdout
    assert result.stderr == ("Exported 6; left out 1 (1 opted out); withheld 2 addresses "
                             "someone opted out of\n")
    if profile == "json":
        eve = next(p for p in json.loads(result.stdout) if p["given_name"] == "Eve")
        assert (eve["email"], eve["other_emails"]) == ("eve@example.org", [])
    result = people_cli.ok("export", "contacts", "--profile", profile, "--include-opted-out")
    assert result.stdout.lower().count("inbox@example.org") == 3


def _asked_not_to_be_called(cli: Cli) -> None:
    """Olga, with a further (mobile) number, asks not to be called; Jean-François has not."""
    cli.ok("person", "edit", "Olga Ivanova", "--phone", "+923009876543 (mobile)")
    cli.ok("person", "consent", "Olga Ivanova", "--phone", "opt-out",
           "--source", "asked not to be called")


@pytest.mark.parametrize("profile", PROFILES)
def test_a_phone_opt_out_withholds_every_number_but_keeps_the_person(
        people_cli: Cli, profile, tmp_path):
    """An email is not a phone: Olga is still exported, with her email and none of her
    numbers, primary or further; with --include-opted-out the file carries them, and says so."""
    _asked_not_to_be_called(people_cli)
    text, said = _exported(people_cli, profile, tmp_path)
    assert "Olga" in text and "olga@dawn.com.pk" in text
    assert "1234567" not in text and "9876543" not in text
    assert "3222991111" in text  # Jean-François's, who said nothing
    assert said == ("Exported 4; left out 0; withheld the phone numbers of 1 person who asked "
                    "not to be called\n")
    text, said = _exported(people_cli, profile, tmp_path, "--include-opted-out")
    assert "1234567" in text and ("9876543" in text or profile == "mailchimp")  # primary only
    assert said == ("Exported 4 (the phone numbers of 1 person who asked not to be called, "
                    "included as asked); left out 0\n")


def test_only_a_phone_opt_out_in_force_withholds_numbers(people_cli: Cli):
    """The phone consent in force is read as the email one is: the latest statement counts, an
    expired one counts as unknown; someone with no number has none withheld. The log says how
    many people's numbers were."""
    consent = ("person", "consent")
    people_cli.ok(*consent, "Amina Qureshi", "--phone", "opt-out", "--source", "call",
                  "--date", "2020-01-01", "--expires", "2021-01-01")  # expired
    people_cli.ok(*consent, "Jean-François Cautain", "--phone", "opt-out", "--source", "call",
                  "--date", "2020-01-01")
    people_cli.ok(*consent, "Jean-François Cautain", "--phone", "opt-in", "--source", "form",
                  "--date", "2021-01-01")  # a later opt-in, recorded after
    people_cli.ok(*consent, "Olga Ivanova", "--phone", "opt-in", "--source", "form",
                  "--date", "2021-01-01")
    people_cli.ok(*consent, "Olga Ivanova", "--phone", "opt-out", "--source", "call",
                  "--date", "2020-01-01")  # dated back before her opt-in: not in force
    people_cli.ok(*consent, "Ayesha Malik", "--phone", "opt-out", "--source", "call")  # none
    people_cli.ok(*consent, "Amina Qureshi", "--email", "opt-in", "--phone", "unknown",
                  "--source", "sheet", "--date", "2019-01-01")  # older than the expired one
    result = people_cli.ok("export", "contacts", "--profile", "json")
    phones = {p["given_name"]: p["phone"] for p in json.loads(result.stdout)}
    assert phones == {"Amina": "+92512601461", "Jean-François": "+3222991111",
                      "Ayesha": None, "Olga": "+923001234567"}
    assert result.stderr == "Exported 4; left out 0\n"
    people_cli.ok(*consent, "Jean-François Cautain", "--phone", "opt-out", "--source", "call")
    result = people_cli.ok("export", "contacts", "--profile", "json")
    assert "3222991111" not in result.stdout
    assert result.stderr.endswith("; withheld the phone numbers of 1 person who asked not to "
                                  "be called\n")
    export = json.loads(people_cli.ok("log", "-f", "json").stdout)[-1]["details"]["export"]
    assert export["phones_withheld"] == 1
