"""The suppression list: an opt-out outlives the record that held it, as a one-way hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest

from tests.cli.helpers import refused
from tests.conftest import Cli, dump


def _shared_inbox(cli: Cli) -> None:
    """Bob asked not to be emailed; Eve shares his office inbox."""
    cli.ok("person", "add", "Bob Shared", "--email", "inbox@example.org", "--no-email")
    cli.ok("person", "add", "Eve Shared", "--email", "INBOX@example.org")


def _hash(address: str) -> str:
    return hashlib.sha256(address.casefold().encode()).hexdigest()


def _held(cli: Cli) -> str:
    """Every value of every row of the database, as one text."""
    return json.dumps(dump(cli.url), default=str)


@pytest.mark.parametrize("profile", ["mailchimp", "csv"])
def test_removing_someone_who_opted_out_keeps_their_address_unmailed(cli: Cli, profile):
    _shared_inbox(cli)
    result = cli.ok("person", "remove", "Bob Shared", "--yes")
    assert result.stderr == ("Removed person #1 Bob Shared; 1 email address they opted out of "
                             "stays on the suppression list\n")
    assert _hash("inbox@example.org") in _held(cli)
    exported = cli.ok("export", "contacts", "--profile", profile)
    assert "inbox@" not in exported.stdout.lower()
    if profile == "mailchimp":
        assert exported.stderr == "Exported 0; left out 1 (1 address opted out)\n"
    else:  # a contact list keeps Eve, without the address
        assert "Eve" in exported.stdout
        assert exported.stderr == ("Exported 1; left out 0; "
                                   "withheld 1 address someone opted out of\n")
    assert "inbox@" in cli.ok("export", "contacts", "--profile", profile,
                              "--include-opted-out").stdout.lower()


def test_the_log_counts_the_addresses_an_export_withheld(cli: Cli):
    _shared_inbox(cli)
    cli.ok("person", "remove", "Bob Shared", "--yes")
    assert cli.ok("export", "contacts").stderr == (
        "Exported 1; left out 0; withheld 1 address someone opted out of\n")
    export = json.loads(cli.ok("log", "-f", "json").stdout)[-1]["details"]["export"]
    assert (export["exported"], export["left_out"], export["withheld"]) == (1, {}, 1)


def test_the_summary_counts_addresses_opted_out_in_the_plural(cli: Cli):
    """Two people whose addresses someone opted out of: '2 addresses opted out'; the log keeps
    the reason as it is."""
    _shared_inbox(cli)
    cli.ok("person", "add", "Ann Shared", "--email", "Inbox@Example.org")
    mailing = cli.ok("export", "contacts", "--profile", "mailchimp")
    assert mailing.stderr == "Exported 0; left out 3 (1 opted out, 2 addresses opted out)\n"
    export = json.loads(cli.ok("log", "-f", "json").stdout)[-1]["details"]["export"]
    assert export["left_out"] == {"opted out": 1, "address opted out": 2}


def test_removing_someone_who_did_not_opt_out_lists_nothing(cli: Cli):
    cli.ok("person", "add", "Eve Shared", "--email", "eve@example.org")
    result = cli.ok("person", "remove", "Eve Shared", "--yes")
    assert result.stderr == "Removed person #1 Eve Shared\n"
    assert cli.ok("suppression", "list", "-f", "json").stdout.strip() == "[]"


def test_an_email_opt_out_in_force_counts_as_opted_out_on_removal(cli: Cli):
    cli.ok("person", "add", "Amina Qureshi", "--email", "amina@example.org")
    cli.ok("person", "consent", "Amina Qureshi", "--email", "opt-out", "--source", "call")
    cli.ok("person", "remove", "Amina Qureshi", "--yes")
    assert (cli.ok("suppression", "check", "AMINA@example.org").stdout.split(" (")[1]
            == "opted-out)\n")


@pytest.mark.parametrize("opt_out", [
    ("person", "consent", "Amina Qureshi", "--email", "opt-out", "--source", "call"),
    ("person", "edit", "Amina Qureshi", "--no-email"),
    ("person", "edit", "Amina Qureshi", "--no-contact"),
])
def test_an_address_taken_off_someone_who_opted_out_stays_unmailed(cli: Cli, tmp_path, opt_out):
    """Her opt-out is held by her record; the address leaving the record must not leave it
    mailable, so a later sheet with it does not bring it back."""
    cli.ok("person", "add", "Amina Qureshi", "--email", "amina@example.org",
           "--email", "aq@example.org")
    cli.ok(*opt_out)
    result = cli.ok("person", "edit", "Amina Qureshi", "--remove-email", "Amina@Example.org")
    assert result.stderr == ("Updated person #1 Amina Qureshi; 1 email address they opted out "
                             "of stays on the suppression list\n")
    assert (cli.ok("suppression", "check", "amina@example.org").stdout.split(" (")[1]
            == "opted-out)\n")
    assert cli.ok("suppression", "check", "aq@example.org").stdout == (
        "not on the suppression list\n")
    sheet = tmp_path / "sign-in.csv"
    sheet.write_text("Name,Email\nA. Qureshi,amina@example.org\nOmar Zaidi,omar@example.org\n")
    result = cli.ok("import", "contacts", str(sheet))
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 1 skipped, 0 rejected\n"
    assert "amina@" not in cli.ok("person", "list", "-f", "json").stdout
    mail = cli.ok("export", "contacts", "--profile", "mailchimp")
    assert "amina@" not in mail.stdout and "omar@example.org" in mail.stdout


def test_an_address_taken_off_someone_in_the_edit_that_opts_them_out_is_listed(cli: Cli):
    cli.ok("person", "add", "Amina Qureshi", "--email", "amina@example.org")
    result = cli.ok("person", "edit", "Amina Qureshi", "--no-email",
                    "--remove-email", "amina@example.org")
    assert result.stderr.endswith("; 1 email address they opted out of stays on the "
                                  "suppression list\n")
    assert cli.ok("suppression", "check", "amina@example.org").stdout.startswith(
        "on the suppression list since ")


def test_an_address_taken_off_someone_who_did_not_opt_out_is_not_listed(cli: Cli):
    cli.ok("person", "add", "Amina Qureshi", "--email", "amina@example.org", "--no-email")
    result = cli.ok("person", "edit", "Amina Qureshi", "--allow-email",
                    "--remove-email", "amina@example.org")
    assert result.stderr == "Updated person #1 Amina Qureshi\n"
    assert cli.ok("suppression", "list", "-f", "json").stdout.strip() == "[]"


def test_a_refused_edit_of_someone_who_opted_out_lists_nothing(cli: Cli):
    cli.ok("person", "add", "Amina Qureshi", "--email", "amina@example.org", "--no-email")
    refused(cli, "person", "edit", "Amina Qureshi", "--remove-email", "amina@example.org",
            "--remove-phone", "+923001234567", message="no phone '+923001234567' to remove")


def test_a_forgotten_person_is_not_brought_back_by_an_old_list(cli: Cli, tmp_path):
    cli.ok("person", "add", "Farida Qadri", "--email", "farida@example.org")
    result = cli.ok("person", "forget", "Farida Qadri", "--yes")
    assert result.stderr.endswith(
        "; 1 email address stays on the suppression list, as a one-way hash; "
        "this cannot be undone.\n")
    assert "farida" not in _held(cli).lower()
    sheet = tmp_path / "partners.csv"
    sheet.write_text("Name,Email\nFarida Qadri,Farida@Example.org\nOmar Zaidi,omar@example.org\n")
    planned = cli.ok("import", "contacts", str(sheet), "--dry-run").stdout.splitlines()
    assert planned[2].split(None, 2)[:2] == ["2", "skipped"]
    assert planned[2].endswith("email on the suppression list")
    result = cli.ok("import", "contacts", str(sheet))
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 1 skipped, 0 rejected\n"
    assert "Farida" not in cli.ok("person", "list").stdout
    assert "farida" not in _held(cli).lower().replace("partners.csv", "")


def test_a_later_row_for_a_listed_person_is_skipped_with_it(cli: Cli, tmp_path):
    cli.ok("suppression", "add", "farida@example.org")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email,Phone\nFarida Qadri,farida@example.org,\n"
                     "Farida Qadri,farida@example.org,+923001234567\n")
    result = cli.ok("import", "contacts", str(sheet), "--on-duplicate", "fill")
    assert "0 created, 0 updated, 2 skipped" in result.stderr
    assert cli.ok("person", "list", "-f", "json").stdout.strip() == "[]"


def test_a_listed_address_without_a_name_is_skipped_not_rejected(cli: Cli, tmp_path):
    """A row of only an address on the list would add no one whatever it said: it is the
    list's to skip, not a fault that stops the import."""
    cli.ok("suppression", "add", "gone@example.org")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email\n,Gone@Example.org\nOmar Zaidi,omar@example.org\n"
                     ",gone@example.org\n")
    planned = cli.ok("import", "contacts", str(sheet), "--dry-run").stdout.splitlines()
    assert [line.split(None, 2)[:2] for line in planned[2:]] == [
        ["2", "skipped"], ["3", "created"], ["4", "skipped"]]
    assert planned[2].endswith("email on the suppression list")
    result = cli.ok("import", "contacts", str(sheet))
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 2 skipped, 0 rejected\n"
    assert "gone" not in _held(cli).lower()


def test_an_import_still_updates_someone_on_record_who_shares_a_listed_address(
        cli: Cli, tmp_path):
    _shared_inbox(cli)
    cli.ok("person", "remove", "Bob Shared", "--yes")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email,Phone\nEve Shared,inbox@example.org,+923001234567\n")
    result = cli.ok("import", "contacts", str(sheet), "--on-duplicate", "fill")
    assert "0 created, 1 updated, 0 skipped" in result.stderr


def test_add_check_list_and_remove(cli: Cli):
    result = cli.ok("suppression", "add", "a@example.org", "B@Example.org")
    assert result.stderr == "Added 2 addresses to the suppression list\n"
    result = cli.ok("suppression", "add", "b@example.org", "c@example.org")
    assert result.stderr == "Added 1 address to the suppression list; 1 already on it\n"
    assert cli.ok("suppression", "check", " B@EXAMPLE.ORG ").stdout.startswith(
        "on the suppression list since ")
    assert cli.ok("suppression", "check", "z@example.org").stdout == (
        "not on the suppression list\n")
    listed = json.loads(cli.ok("suppression", "list", "-f", "json").stdout)
    assert [(r["reason"], r["addresses"]) for r in listed] == [("asked", 3)]
    assert "example.org" not in _held(cli)  # hashes only
    result = cli.ok("suppression", "remove", "b@example.org")
    assert result.stderr == "Took the address off the suppression list (it was there as: asked)\n"
    refused(cli, "suppression", "remove", "b@example.org",
            message="no suppressed address matches 'b@example.org'")
    refused(cli, "suppression", "add", "d@example.org", "not-an-address",
            message="invalid email 'not-an-address': An email address must have an @-sign.")
    assert cli.ok("suppression", "check", "d@example.org").stdout == (
        "not on the suppression list\n")


def test_adding_an_address_someone_on_record_holds_says_so(cli: Cli):
    cli.ok("person", "add", "Eve Shared", "--email", "eve@example.org")
    result = cli.ok("suppression", "add", "EVE@example.org", "nobody@example.org")
    assert result.stderr == (
        "Added 2 addresses to the suppression list\n"
        "Note: 1 person on record holds such an address, and will not be mailed at it; for "
        "someone on record who opted out, record it with `person consent PERSON --email "
        "opt-out --source SOURCE`\n")
    assert "eve@" not in result.stderr.lower()


def test_a_listed_address_is_left_out_of_every_export(cli: Cli):
    cli.ok("person", "add", "Eve Shared", "--email", "eve@example.org",
           "--email", "desk@example.org")
    cli.ok("suppression", "add", "EVE@example.org")
    for profile in ("mailchimp", "google", "outlook", "csv", "json", "vcard", "excel"):
        out = cli.ok("export", "contacts", "--profile", profile, "-o", "-").stdout_bytes
        assert b"eve@example.org" not in out.lower(), profile
    mail = cli.ok("export", "contacts", "--profile", "mailchimp")
    assert mail.stderr == "Exported 0; left out 1 (1 address opted out)\n"


def test_an_email_opt_in_takes_the_persons_addresses_off_the_list(cli: Cli):
    cli.ok("suppression", "add", "eve@example.org")
    cli.ok("person", "add", "Eve Shared", "--email", "eve@example.org")
    assert "eve@" not in cli.ok("export", "contacts", "--profile", "mailchimp").stdout
    cli.ok("person", "consent", "Eve Shared", "--email", "opt-in", "--source", "signed form")
    assert cli.ok("suppression", "check", "eve@example.org").stdout == (
        "not on the suppression list\n")
    assert "eve@example.org" in cli.ok("export", "contacts", "--profile", "mailchimp").stdout


def test_an_opt_in_does_not_lift_an_address_listed_by_hand_that_someone_else_holds(cli: Cli):
    """Bob asked not to be mailed at his address, which Kamran was also given as a second one:
    Kamran's opt-in is his word, not Bob's."""
    cli.ok("suppression", "add", "bob.smith@example.org")
    cli.ok("person", "add", "Kamran Ali", "--email", "kamran@example.org",
           "--email", "bob.smith@example.org")
    cli.ok("person", "add", "Bob Smith", "--email", "bob.smith@example.org")
    result = cli.ok("person", "consent", "Kamran Ali", "--email", "opt-in", "--source", "form")
    assert "1 email address of theirs stays on the suppression list" in result.stderr
    assert cli.ok("suppression", "check", "bob.smith@example.org").stdout.startswith(
        "on the suppression list since ")
    mail = cli.ok("export", "contacts", "--profile", "mailchimp").stdout
    assert "bob.smith@" not in mail and "kamran@example.org" in mail


def test_an_opt_in_dated_before_the_address_was_listed_does_not_lift_it(cli: Cli):
    """The latest word counts: a sign-up form from years ago, recorded today, does not undo
    a request not to be mailed made since; an opt-in dated today does."""
    cli.ok("suppression", "add", "desk@example.org")
    cli.ok("person", "add", "Eve Shared", "--email", "desk@example.org")
    cli.ok("person", "consent", "Eve Shared", "--email", "opt-in", "--source", "2019 form",
           "--date", "2019-03-01")
    assert cli.ok("suppression", "check", "desk@example.org").stdout.startswith(
        "on the suppression list since ")
    assert "desk@" not in cli.ok("export", "contacts", "--profile", "mailchimp").stdout
    cli.ok("person", "consent", "Eve Shared", "--email", "opt-in", "--source", "call")
    assert cli.ok("suppression", "check", "desk@example.org").stdout == (
        "not on the suppression list\n")


def test_a_colleagues_opt_in_does_not_lift_the_opt_out_of_someone_removed(cli: Cli):
    _shared_inbox(cli)
    cli.ok("person", "remove", "Bob Shared", "--yes")
    result = cli.ok("person", "consent", "Eve Shared", "--email", "opt-in", "--source", "form")
    assert result.stderr == (
        "Recorded email opt-in\nNote: 1 email address of theirs stays on the suppression list "
        "(put there when someone who opted out was removed or forgotten, perhaps a colleague "
        "sharing the inbox; or held by someone else too; or listed after this opt-in's date); "
        "if the address is theirs alone: stakeholders suppression remove EMAIL\n")
    assert cli.ok("suppression", "check", "inbox@example.org").stdout.startswith(
        "on the suppression list since ")
    mail = cli.ok("export", "contacts", "--profile", "mailchimp")
    assert "inbox@" not in mail.stdout.lower()
    assert mail.stderr == "Exported 0; left out 1 (1 address opted out)\n"
    # Eve's alone after all; listed for someone removed, it is asked about first
    refused(cli, "suppression", "remove", "inbox@example.org", message=(
        "The address was listed for someone who had opted out (removed since, or the address "
        "taken off them); taken off, an import or a seed may add them back by it and exports "
        "may mail it. Take it off? Refusing without --yes (standard input is not a terminal)"))
    cli.ok("suppression", "remove", "inbox@example.org", "--yes")
    assert "inbox@" in cli.ok("export", "contacts", "--profile", "mailchimp").stdout.lower()


def test_taking_off_a_forgotten_persons_address_is_asked_about(seeded_cli: Cli):
    """It was taken off without a word, and an old partner list could then bring back the
    person forgotten; an address listed by hand still goes without asking."""
    seeded_cli.ok("person", "forget", "Shahida Gilani", "--yes")
    address = "shahida.gillani@unodc.org"
    refused(seeded_cli, "suppression", "remove", address, message=(
        "The address was listed when the person holding it was forgotten; taken off, an "
        "import or a seed may add them back by it and exports may mail it. Take it off? "
        "Refusing without --yes (standard input is not a terminal)"))
    assert seeded_cli.ok("suppression", "remove", address, "--yes").stderr == (
        "Took the address off the suppression list (it was there as: forgotten)\n")
    seeded_cli.ok("suppression", "add", "someone@example.org")
    seeded_cli.ok("suppression", "remove", "someone@example.org")


def test_an_address_listed_by_hand_takes_the_reason_of_a_removal_that_would_list_it(cli: Cli):
    """Listed by hand first, the address kept its 'asked' reason when the person who had
    opted out was removed, and a colleague's opt-in then took it off the list: the removed
    person's inbox was mailed again."""
    _shared_inbox(cli)
    cli.ok("suppression", "add", "inbox@example.org")
    removed = cli.ok("person", "remove", "Bob Shared", "--yes").stderr
    assert "1 email address they opted out of stays on the suppression list" in removed
    cli.ok("person", "consent", "Eve Shared", "--email", "opt-in", "--source", "form")
    assert cli.ok("suppression", "check", "inbox@example.org").stdout.endswith("(opted-out)\n")
    assert "inbox@" not in cli.ok("export", "contacts", "--profile", "mailchimp").stdout.lower()


def test_the_list_gives_its_times_in_utc_to_the_second_as_the_log_does(cli: Cli):
    cli.ok("suppression", "add", "eve@example.org")
    [row] = json.loads(cli.ok("suppression", "list", "-f", "json").stdout)
    logged = json.loads(cli.ok("log", "-f", "json").stdout)[-1]["at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["first"])
    assert row["first"] == row["last"] and abs(
        dt.datetime.fromisoformat(row["first"]) - dt.datetime.fromisoformat(logged)
    ) <= dt.timedelta(seconds=2)


def test_check_and_remove_read_a_link_and_refuse_what_is_no_address(cli: Cli):
    cli.ok("suppression", "add", "mailto:eve@example.org")
    assert cli.ok("suppression", "check", "mailto:EVE@example.org").stdout.startswith(
        "on the suppression list since ")
    refused(cli, "suppression", "check", "eve@", message="invalid email 'eve@': There must be "
            "something after the @-sign.")
    refused(cli, "suppression", "remove", "eve", message="invalid email 'eve': An email address "
            "must have an @-sign.")
    cli.ok("suppression", "remove", "mailto:eve@example.org")
    assert cli.ok("suppression", "check", "eve@example.org").stdout == (
        "not on the suppression list\n")


def test_an_unsubscribe_link_is_read_as_its_address(cli: Cli):
    """A mailing's unsubscribe link carries a subject and may escape its characters
    (RFC 6068): the address is what is suppressed, and an export leaves its owner out."""
    cli.ok("person", "add", "Sara Khan", "--email", "sara.khan@unodc.org")
    cli.ok("suppression", "add", "MAILTO:sara.khan%40unodc.org?subject=Unsubscribe&body=x")
    assert cli.ok("suppression", "check", "sara.khan@unodc.org").stdout.startswith(
        "on the suppression list since ")
    cli.ok("suppression", "remove", "mailto:sara.khan@unodc.org?subject=resubscribe")
    assert cli.ok("suppression", "check", "sara.khan@unodc.org").stdout == (
        "not on the suppression list\n")


def test_the_log_names_suppression_entries_by_id(cli: Cli):
    cli.ok("suppression", "add", "eve@example.org")
    log = cli.ok("log", "-f", "json").stdout
    assert "suppression:1" in log and "eve@" not in log


def test_adding_someone_with_a_listed_address_says_exports_leave_it_out(cli: Cli):
    cli.ok("suppression", "add", "eve@example.org")
    result = cli.ok("person", "add", "Eve Shared", "--email", "Eve@example.org",
                    "--email", "desk@example.org")
    assert result.stderr == (
        "Added person #1 Eve Shared\n"
        "Note: an email address of #1 is on the suppression list, which exports leave out; an "
        "email opt-in (person consent) or `suppression remove` takes it off\n")
    assert cli.ok("person", "add", "Omar Zaidi", "--email", "omar@example.org").stderr == (
        "Added person #2 Omar Zaidi\n")
    cli.ok("suppression", "add", "desk@omar.example.org")
    assert cli.ok("person", "edit", "Omar Zaidi", "--email", "mailto:Desk@omar.example.org"
                  ).stderr == (
        "Updated person #2 Omar Zaidi\n"
        "Note: an email address of #2 is on the suppression list, which exports leave out; an "
        "email opt-in (person consent) or `suppression remove` takes it off\n")
    assert cli.ok("person", "edit", "Omar Zaidi", "--email", "omar2@example.org").stderr == (
        "Updated person #2 Omar Zaidi\n")


def test_adding_an_address_listed_for_someone_removed_does_not_promise_an_opt_in_lifts_it(
        cli: Cli):
    """An address listed when someone who opted out was removed (or forgotten) stays after an
    email opt-in, so the note on `person add` and `edit` says `suppression remove` instead."""
    _shared_inbox(cli)
    cli.ok("person", "remove", "Bob Shared", "--yes")
    note = ("one listed for someone who opted out or was forgotten (perhaps a colleague "
            "sharing the inbox) stays after an email opt-in; if the address is theirs alone "
            "and they asked to be mailed again: stakeholders suppression remove EMAIL\n")
    result = cli.ok("person", "add", "Bob Returns", "--email", "inbox@example.org")
    assert result.stderr == (
        "Added person #3 Bob Returns\nNote: #2 Eve Shared has the same email; if they are one "
        "person: stakeholders person merge 2 3\n"
        "Note: an email address of #3 is on the suppression list, which exports leave out; "
        + note)
    assert cli.ok("person", "edit", "Eve Shared", "--email", "Inbox@example.org").stderr == (
        "No change: person #2 Eve Shared\n"
        "Note: an email address of #2 is on the suppression list, which exports leave out; "
        + note)
    cli.ok("person", "consent", "Bob Returns", "--email", "opt-in", "--source", "form")
    assert cli.ok("suppression", "check", "inbox@example.org").stdout.startswith(
        "on the suppression list since ")


def test_check_and_remove_read_an_address_as_add_does(cli: Cli):
    """A link copied from a signature, or accents typed as separate marks, is the address
    that was added: `check` finds it and `remove` takes it off."""
    import unicodedata

    cli.ok("suppression", "add", "mailto:José@Example.org")
    decomposed = unicodedata.normalize("NFD", "JOSÉ@example.org")
    assert cli.ok("suppression", "check", decomposed).stdout.startswith(
        "on the suppression list since ")
    assert cli.ok("suppression", "check", "mailto:jose@example.org").stdout == (
        "not on the suppression list\n")
    cli.ok("suppression", "remove", "mailto:josé@example.org")
    assert cli.ok("suppression", "list", "-f", "json").stdout.strip() == "[]"
    refused(cli, "suppression", "check", "not-an-address",
            message="invalid email 'not-an-address': An email address must have an @-sign.")


def test_a_forgotten_seed_person_does_not_come_back_with_seed_again(blank_url):
    """Shahida Gilani is the bundled seed's person with an email address: forgotten, her
    address is listed, and loading the seed again does not add her back."""
    cli = Cli(blank_url)
    cli.ok("init", "--seed")
    cli.ok("person", "forget", "Shahida Gilani", "--yes")
    result = cli.ok("seed", "--again")
    assert result.stderr == (
        "Loaded glo-act-launch-2017.toml: nothing new\n"
        "Not added from glo-act-launch-2017.toml, as their email address is on the suppression "
        "list: 1 person\n")
    assert "Shahida" not in cli.ok("person", "list").stdout
    assert "shahida" not in _held(cli).lower()


_SEED = '''
[[people]]
name = "Farida Qadri"
emails = ["Farida@Example.org"]

[[people]]
name = "Omar Zaidi"
emails = ["omar@example.org"]

[[events]]
name = "Partners' briefing"
date = 2026-03-02

[[events.attendances]]
person = "Farida Qadri"
role = "speaker"
statements = [{ text = "We will share the referral data." }, { text = "Thank you." }]

[[events.attendances]]
person = "Omar Zaidi"
statements = [{ text = "Welcome, everyone." }]
'''


def test_a_seed_file_does_not_add_a_listed_person_nor_what_hangs_on_them(cli: Cli, tmp_path):
    """Their attendance and statements are left out too (counted, not named); the rest of
    the file loads."""
    cli.ok("suppression", "add", "farida@example.org")
    seed = tmp_path / "briefing.toml"
    seed.write_text(_SEED)
    result = cli.ok("seed", str(seed))
    assert result.stderr == (
        "Loaded briefing.toml: added 1 person, 1 contact point, 1 event, 1 attendance, "
        "1 statement\n"
        "Not added from briefing.toml, as their email address is on the suppression list: "
        "1 person, 1 attendance, 2 statements\n")
    assert "farida" not in _held(cli).lower()
    assert "referral" not in _held(cli)
    assert "Omar Zaidi" in cli.ok("person", "list").stdout


def test_a_seed_file_completes_someone_on_record_who_holds_a_listed_address(cli: Cli, tmp_path):
    _shared_inbox(cli)
    cli.ok("person", "remove", "Bob Shared", "--yes")
    seed = tmp_path / "inbox.toml"
    seed.write_text('[[people]]\nname = "Eve Shared"\nemails = ["inbox@example.org"]\n'
                    'phones = ["+923001234567"]\n\n[[events]]\nname = "Briefing"\n'
                    'date = 2026-03-02\n\n[[events.attendances]]\nperson = "Eve Shared"\n')
    result = cli.ok("seed", str(seed))
    assert result.stderr == "Loaded inbox.toml: added 1 event, 1 attendance\n"


def test_seed_again_does_not_give_back_an_address_taken_off_and_listed(seeded_cli: Cli):
    """The README's own 'person edit --no-email --remove-email' of the seed's contact, then
    'seed --again': the address came back on her record."""
    seeded_cli.ok("person", "edit", "Shahida Gilani", "--no-email",
                  "--remove-email", "shahida.gillani@unodc.org")
    result = seeded_cli.ok("seed", "--again")
    assert result.stderr.endswith(
        "Not added from glo-act-launch-2017.toml, as their email address is on the "
        "suppression list: 1 contact point\n")
    shown = json.loads(seeded_cli.ok("person", "show", "Shahida Gilani", "-f", "json").stdout)
    assert [c for c in shown["contact_points"] if c["kind"] == "email"] == []


def test_check_answers_either_way_with_success_and_fails_only_on_what_is_no_address(cli: Cli):
    """A script tells listed from not listed by the answer; exit code 1 is kept for an error,
    so a check that failed is never read as 'not listed'."""
    cli.ok("suppression", "add", "listed@example.org")
    listed = cli("suppression", "check", "Listed@example.org")
    assert (listed.exit_code, listed.stdout.split(" since ")[0]) == (
        0, "on the suppression list")
    other = cli("suppression", "check", "other@example.org")
    assert (other.exit_code, other.stdout, other.stderr) == (
        0, "not on the suppression list\n", "")
    refused(cli, "suppression", "check", "not an address",
            message="invalid email 'not an address': An email address must have an @-sign.")


def test_check_gives_the_local_day_an_address_was_listed(cli: Cli, a_day_off_utc):
    """The day check names is the one an opt-in may be dated (no later than today here): the
    local day, never UTC's, which may be tomorrow; an opt-in of that day lifts it."""
    assert a_day_off_utc != dt.datetime.now(dt.timezone.utc).date()
    cli.ok("suppression", "add", "desk@example.org")
    assert cli.ok("suppression", "check", "desk@example.org").stdout == (
        f"on the suppression list since {a_day_off_utc} (asked)\n")
    cli.ok("person", "add", "Eve Desk", "--email", "desk@example.org")
    cli.ok("person", "consent", "Eve Desk", "--email", "opt-in", "--source", "call",
           "--date", a_day_off_utc.isoformat())
    assert cli.ok("suppression", "check", "desk@example.org").stdout == (
        "not on the suppression list\n")
