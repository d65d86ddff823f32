"""``attendance add | edit | remove | list``: the press release's launch recorded through the
command line, and every way of getting it wrong."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.helpers import refused, unchanged
from tests.cli.press_release import LAUNCH, record_launch
from tests.conftest import Cli

COLUMNS = ["id", "person", "organization", "role", "status", "on_behalf_of", "speaking_order",
           "notes"]

#: attendance list of the launch: (person, organization, role, status, on behalf of, order)
EXPECTED = [
    ("Mr. Cesar Guedes", "United Nations Office on Drugs and Crime", "speaker", "attended",
     None, 1),
    ("Mr. Muhammad Shifaque", "Federal Investigation Agency", "speaker", "attended", None, 2),
    ("Ms. Nicole Guihot", "Australian High Commission", "speaker", "attended",
     "H.E. Ms. Margaret Adamson", 3),
    ("H.E. Mr. David Hale", "Embassy of the United States", "speaker", "attended", None, 4),
    ("H.E. Mr. Jean-François Cautain", "European Union", "speaker", "attended", None, 5),
    ("Ms. Margaret Akullo", "United Nations Office on Drugs and Crime", "speaker", "attended",
     None, 6),
    ("Mr. Junaid Khan", "International Organization for Migration", "presenter", "attended",
     None, 7),
    ("Ms. Sarah Coleman", "United Nations Children's Fund", "presenter", "attended", None, 8),
]


@pytest.fixture
def launch(cli: Cli) -> tuple[Cli, str]:
    """The whole launch recorded; returns the cli and the event id."""
    return cli, record_launch(cli)


def test_add_prints_the_id_alone_with_the_defaults(launch):
    cli, event = launch
    result = cli.ok("attendance", "add", event, "shahida.GILLANI@unodc.org")
    assert result.stdout == "9\n"
    assert result.stderr == f"Added attendance #9: Shahida Gilani at {LAUNCH} (attendee)\n"
    row = json.loads(cli.ok("attendance", "list", event, "-f", "json").stdout)[-1]
    assert row == {"id": 9, "person": "Ms. Shahida Gilani",
                   "organization": "United Nations Office on Drugs and Crime",
                   "role": "attendee", "status": "attended", "on_behalf_of": None,
                   "speaking_order": None, "notes": None}


def test_the_launch_listed_in_three_formats(launch):
    cli, event = launch
    cli.ok("attendance", "add", event, "Margaret Adamson", "--status", "declined")
    cli.ok("attendance", "add", event, "Shahida Gilani", "--status", "registered")
    rows = json.loads(cli.ok("attendance", "list", LAUNCH, "--format", "json").stdout)
    assert [list(r) for r in rows] == [COLUMNS] * 10
    assert [tuple(r[c] for c in COLUMNS[1:-1]) for r in rows] == EXPECTED + [
        ("H.E. Ms. Margaret Adamson", "Australian High Commission", "attendee", "declined",
         None, None),
        ("Ms. Shahida Gilani", "United Nations Office on Drugs and Crime", "attendee",
         "registered", None, None),
    ]
    assert [r["id"] for r in rows] == list(range(1, 11))

    parsed = list(csv.DictReader(io.StringIO(cli.ok("attendance", "list", event, "-f",
                                                    "csv").stdout)))
    assert [tuple(r.values()) for r in parsed[:3]] == [
        ("1", "Mr. Cesar Guedes", "United Nations Office on Drugs and Crime", "speaker",
         "attended", "", "1", ""),
        ("2", "Mr. Muhammad Shifaque", "Federal Investigation Agency", "speaker", "attended",
         "", "2", ""),
        ("3", "Ms. Nicole Guihot", "Australian High Commission", "speaker", "attended",
         "H.E. Ms. Margaret Adamson", "3", ""),
    ]
    assert len(parsed) == 10

    table = cli.ok("attendance", "list", event).stdout.splitlines()
    assert table[0].split() == COLUMNS
    assert table[4].split() == ["3", "Ms.", "Nicole", "Guihot", "Australian", "High",
                                "Commission", "speaker", "attended", "H.E.", "Ms.", "Margaret",
                                "Adamson", "3"]
    assert len(table) == 12


def test_the_organization_defaults_to_the_affiliation_on_the_day(launch):
    cli, event = launch
    later = cli.ok("event", "add", "Follow-up meeting", "--date", "2018-01-10").stdout.strip()
    cli.ok("attendance", "add", later, "Junaid Khan")
    cli.ok("attendance", "add", later, "Cesar Guedes", "--org", "IOM")
    orgs = {r["person"]: r["organization"] for r in json.loads(
        cli.ok("attendance", "list", later, "-f", "json").stdout)}
    assert orgs == {"Mr. Junaid Khan": "International Organization for Migration",
                    "Mr. Cesar Guedes": "International Organization for Migration"}


def test_quotes_become_statements_in_order(launch):
    cli, event = launch
    cli.ok("attendance", "edit", event, "Margaret Akullo", "--quote", "First.",
           "--quote", "Second.")
    shown = json.loads(cli.ok("event", "show", event, "-f", "json").stdout)
    assert shown["statements"] == 7


@pytest.mark.parametrize(("args", "message"), [
    (["attendance", "add", "1", "Cesar Guedes", "--role", "speaker"],
     f"Cesar Guedes is already recorded at {LAUNCH} (attendance #1); attendance edit "
     "changes its role, status or quotes"),
    (["attendance", "add", "1", "Shahida Gilani", "--on-behalf-of", "Ms. Shahida Gilani"],
     "Shahida Gilani cannot attend on behalf of themselves"),
    (["attendance", "edit", "1", "Nicole Guihot", "--on-behalf-of", "nicole guihot"],
     "Nicole Guihot cannot attend on behalf of themselves"),
    (["attendance", "add", "1", "Shahida Gilani", "--role", "keynote"],
     "'keynote' is not a valid role; choose one of: speaker, presenter, moderator, organizer, "
     "attendee"),
    (["attendance", "add", "1", "Shahida Gilani", "--status", "maybe"],
     "'maybe' is not a valid status; choose one of: invited, registered, attended, no-show, "
     "declined, cancelled"),
    (["attendance", "edit", "1", "Cesar Guedes", "--status", "gone"],
     "'gone' is not a valid status; choose one of: invited, registered, attended, no-show, "
     "declined, cancelled"),
    (["attendance", "add", "1", "Shahida Gilani", "--order", "0"],
     "the speaking order starts at 1"),
    (["attendance", "add", "1", "Shahida Gilani", "--org", "UNHCR"],
     "no organization matches 'UNHCR'; record a new one first with: stakeholders org add UNHCR"),
    (["attendance", "add", "1", "Sarah Colman"],
     "no person matches 'Sarah Colman'; closest: Sarah Coleman, Shahida Gilani"),
    (["attendance", "add", "1", "Shahida Gilani", "--on-behalf-of", "nobody@example.org"],
     "no person matches 'nobody@example.org'"),
    # an organization given for the person represented: the error says which option takes it
    (["attendance", "edit", "1", "Nicole Guihot", "--on-behalf-of", "IOM"],
     "no person matches 'IOM'; International Organization for Migration is an organization: "
     "--on-behalf-of names the person represented; give the organization attended for with "
     "--org"),
    (["attendance", "add", "GLO.ACT launch, Lahore", "Shahida Gilani"],
     f"no event matches 'GLO.ACT launch, Lahore'; closest: {LAUNCH}"),
    (["attendance", "add", "1", "Shahida Gilani", "--quote", " "], "statement is empty"),
    (["attendance", "add", "1", "Shahida Gilani", "--quote", '""'], "statement is empty"),
    (["attendance", "edit", "1", "Shahida Gilani", "--role", "speaker"],
     f"Shahida Gilani is not recorded at {LAUNCH}"),
    (["attendance", "remove", "1", "Margaret Adamson"],
     f"Margaret Adamson is not recorded at {LAUNCH}"),
    (["attendance", "list", "99"], "no event matches '99'"),
])
def test_errors_are_one_line_and_write_nothing(launch, args, message):
    cli, _ = launch
    refused(cli, *args, message=message)


def test_a_name_two_people_share_is_ambiguous(launch):
    cli, event = launch
    from stakeholders.db import session_scope
    from stakeholders.services import people

    with session_scope(cli.url) as s:
        twin = people.add_person(s, "Dr. Sarah Coleman", org="IOM", position="Doctor").id
    refused(cli, "attendance", "edit", event, "sarah coleman", "--status", "attended",
            message=f"'sarah coleman' matches 2 people: #9 Sarah Coleman (United Nations "
                   f"Children's Fund); #{twin} Sarah Coleman (International Organization for "
                   "Migration) (use the id)")
    result = cli("attendance", "add", event, str(twin), "--role", "attendee")
    assert (result.exit_code, result.stdout) == (0, "9\n")
    refused(cli, "attendance", "add", event, "Sarah Colman",
            message=f"no person matches 'Sarah Colman'; closest: Sarah Coleman (#9), "
                    f"Sarah Coleman (#{twin}), Shahida Gilani")


def test_edit_changes_only_what_is_given(launch):
    cli, event = launch
    result = cli.ok("attendance", "edit", event, "Junaid Khan", "--role", "moderator",
                    "--status", "no-show", "--org", "UNODC", "--order", "9",
                    "--on-behalf-of", "Cesar Guedes", "--note", "Sent apologies")
    assert (result.stdout, result.stderr) == ("", f"Updated attendance #7: Junaid Khan at "
                                                  f"{LAUNCH}\n")
    row = json.loads(cli.ok("attendance", "list", event, "-f", "json").stdout)[-1]
    assert row == {"id": 7, "person": "Mr. Junaid Khan",
                   "organization": "United Nations Office on Drugs and Crime",
                   "role": "moderator", "status": "no-show", "on_behalf_of": "Mr. Cesar Guedes",
                   "speaking_order": 9, "notes": "Sent apologies"}
    cli.ok("attendance", "edit", event, "Junaid Khan", "--status", "attended")
    row = json.loads(cli.ok("attendance", "list", event, "-f", "json").stdout)[-1]
    assert (row["role"], row["status"], row["speaking_order"]) == ("moderator", "attended", 9)


def test_edit_clears_what_is_given_empty(launch):
    cli, event = launch
    cli.ok("attendance", "edit", event, "Nicole Guihot", "--on-behalf-of", "", "--order", "",
           "--org", "", "--note", "")
    row = next(r for r in json.loads(cli.ok("attendance", "list", event, "-f", "json").stdout)
               if r["person"] == "Ms. Nicole Guihot")
    assert (row["on_behalf_of"], row["speaking_order"], row["organization"], row["notes"]) == (
        None, None, None, None)


def test_a_speaking_order_that_is_no_number_is_a_usage_error_in_add_and_edit(launch):
    """A value of the wrong kind is a usage error (exit code 2), in `attendance edit` as in
    `attendance add`, where --order takes a number; edit's also takes "" (to clear it)."""
    cli, event = launch
    refused(cli, "attendance", "add", event, "Shahida Gilani", "--order", "third", code=2,
            message="Invalid value for '--order': 'third' is not a valid int. "
                    "(see 'stakeholders attendance add --help')")
    refused(cli, "attendance", "edit", event, "Nicole Guihot", "--order", "third", code=2,
            message="Invalid value for '--order': 'third' is not a whole number; give one "
                    "from 1, or an empty value to clear the order "
                    "(see 'stakeholders attendance edit --help')")
    refused(cli, "attendance", "edit", event, "Nicole Guihot", "--order", "0",
            message="the speaking order starts at 1")


def test_remove_takes_what_they_said_with_it(launch):
    cli, event = launch
    result = cli.ok("attendance", "remove", event, "Jean-François Cautain")
    assert (result.stdout, result.stderr) == (
        "", f"Removed attendance #5 (Jean-François Cautain at {LAUNCH}), with 1 statement\n")
    shown = json.loads(cli.ok("event", "show", event, "-f", "json").stdout)
    assert (shown["attendances"], shown["statements"]) == (7, 4)
    rows = json.loads(cli.ok("attendance", "list", event, "-f", "json").stdout)
    assert [r["speaking_order"] for r in rows] == [1, 2, 3, 4, 6, 7, 8]


def test_list_of_an_event_nobody_attended(launch):
    cli, _ = launch
    empty = cli.ok("event", "add", "Planning call", "--date", "2017-06-01").stdout.strip()
    assert cli.ok("attendance", "list", empty).stdout == "(none)\n"
    assert cli.ok("attendance", "list", empty, "-f", "csv").stdout == ",".join(COLUMNS) + "\n"
    assert cli.ok("attendance", "list", empty, "-f", "json").stdout == "[]\n"


def test_the_note_is_listed_in_every_format_and_in_person_show(seeded_cli):
    seeded_cli.ok("attendance", "edit", "1", "Nicole Guihot", "--note", "Read the statement")
    rows = json.loads(seeded_cli.ok("attendance", "list", "1", "-f", "json").stdout)
    assert [r["notes"] for r in rows] == [
        None, "Represented the Government of Pakistan.", "Read the statement"] + [None] * 5
    parsed = list(csv.DictReader(io.StringIO(
        seeded_cli.ok("attendance", "list", "1", "-f", "csv").stdout)))
    assert parsed[2]["notes"] == "Read the statement"
    table = seeded_cli.ok("attendance", "list", "1").stdout.splitlines()
    assert table[0].split()[-2:] == ["speaking_order", "notes"]
    assert table[4].endswith("  3                 Read the statement")
    shown = json.loads(seeded_cli.ok("person", "show", "Nicole Guihot", "-f", "json").stdout)
    assert shown["attendances"][0]["notes"] == "Read the statement"
    assert "Read the statement" in seeded_cli.ok("person", "show", "Nicole Guihot").stdout


def _statements(cli: Cli, speaker: str) -> list[str]:
    report = json.loads(cli.ok("report", "speakers", "--event", "1", "-f", "json").stdout)
    (found,) = [s for s in report["speakers"] if speaker in s["person"]]
    return found["statements"]


def test_one_statement_is_removed_or_corrected_and_the_rest_stays(seeded_cli):
    result = seeded_cli.ok("attendance", "edit", "1", "David Hale", "--remove-quote",
                           "WELCOMED the launch")
    assert (result.stdout, result.stderr) == (
        "", f"Updated attendance #4: David Hale at {LAUNCH}\n")
    assert _statements(seeded_cli, "Hale") == [
        "\u201csuccess will require partnerships among governments, judiciaries, civil "
        "societies, business communities and the public\u201d"]
    seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--quote", '"There is a need."',
                  "--instead-of", "#2")
    assert _statements(seeded_cli, "Guedes")[1] == "\u201cThere is a need.\u201d"
    seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--remove-quote", "1")
    assert _statements(seeded_cli, "Guedes") == ["\u201cThere is a need.\u201d"]
    shown = json.loads(seeded_cli.ok("event", "show", "1", "-f", "json").stdout)
    assert (shown["attendances"], shown["statements"]) == (8, 10)
    log = json.loads(seeded_cli.ok("log", "-f", "json").stdout)
    assert [(e["command"], e["records"]) for e in log[-3:]] == [
        ("attendance edit", ["delete statement:6"]),
        ("attendance edit", ["update statement:2"]),
        ("attendance edit", ["delete statement:1"])]


def test_a_statement_named_twice_is_removed_once_and_no_other_with_it(seeded_cli):
    """Each name was looked up after the one before had gone: a second name for a statement
    removed already found another by a part of its words, and deleted or corrected it."""
    seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--quote", "We must act.",
                  "--quote", "We must act together now.")
    seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--remove-quote", "We must act!",
                  "--remove-quote", "we must act", "--remove-quote", "1",
                  "--remove-quote", "comprehensive manner")
    assert _statements(seeded_cli, "Guedes")[1:] == ["\u201cWe must act together now.\u201d"]
    seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--quote", "We must act.")
    seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--remove-quote", "We must act.",
                  "--quote", "Corrected.", "--instead-of", "together now")
    assert _statements(seeded_cli, "Guedes")[1:] == ["\u201cCorrected.\u201d"]


def test_attendance_remove_accepts_yes_as_every_remove_does(seeded_cli):
    """An officer who removes records with --yes everywhere else types it here too; refusing
    it as an unknown option (exit code 2) would stop a script halfway."""
    result = seeded_cli.ok("attendance", "remove", "1", "Cesar Guedes", "--yes")
    assert result.stderr.startswith("Removed attendance #1 (Cesar Guedes at ")
    listed = json.loads(seeded_cli.ok("attendance", "list", "1", "-f", "json").stdout)
    assert "Mr. Cesar Guedes" not in [a["person"] for a in listed]
    seeded_cli.ok("attendance", "remove", "1", "Junaid Khan", "-y")


def test_removing_an_attendance_logs_the_statements_it_takes(seeded_cli):
    seeded_cli.ok("attendance", "remove", "1", "Cesar Guedes")
    last = json.loads(seeded_cli.ok("log", "-f", "json").stdout)[-1]
    assert (last["command"], last["records"]) == (
        "attendance remove", ["delete attendance:1", "delete statement:1", "delete statement:2"])


@pytest.mark.parametrize(("args", "message"), [
    (["--remove-quote", "slavery"],
     f"no statement of Cesar Guedes at {LAUNCH} matches 'slavery'"),
    (["--remove-quote", "4"], f"no statement of Cesar Guedes at {LAUNCH} matches '4'"),
    (["--remove-quote", "THE"],
     "'THE' matches 2 statements: #1 The international community needs to join efforts to "
     "combat human trafficking a\u2026; #2 there is a need to mobilize all the relevant "
     "stakeholders to transform institut\u2026 (use the id)"),
    (["--remove-quote", "1", "--quote", "A.", "--instead-of", "comprehensive manner"],
     "--instead-of names the statement --remove-quote removes (#1); give one or the other"),
    (["--quote", " ", "--instead-of", "1"], "statement is empty"),
    (["--quote", "A.", "--instead-of", "slavery"],
     f"no statement of Cesar Guedes at {LAUNCH} matches 'slavery'"),
])
def test_statement_corrections_refused(seeded_cli, args, message):
    refused(seeded_cli, "attendance", "edit", "1", "Cesar Guedes", *args, message=message)


def test_a_person_is_found_by_the_name_they_were_added_with(seeded_cli):
    # A retired colonel's "(R)", a degree after a comma: the name as typed finds the person.
    for name in ("Col. (R) Tariq Khan", "Dr. Amna Baloch, PhD"):
        added = seeded_cli.ok("person", "add", name, "--org", "FIA").stdout
        result = seeded_cli("attendance", "add", "1", name, "--role", "speaker")
        assert result.exit_code == 0, result.stderr
        shown = json.loads(seeded_cli.ok("person", "show", name, "-f", "json").stdout)
        assert shown["id"] == int(added)
        assert shown["attendances"][0]["role"] == "speaker"


def test_quotation_marks_around_a_whole_quote_are_not_stored(seeded_cli):
    """Reports add their own marks: a quote typed with its own would show them twice. Marks
    inside a quote stay."""
    seeded_cli.ok("attendance", "add", "1", "Shahida Gilani", "--role", "speaker",
                  "--quote", '"We must act."', "--quote", "\u201cTogether.\u201d",
                  "--quote", 'The word "trafficking" matters.')
    result = seeded_cli("attendance", "edit", "1", "Shahida Gilani", "--quote", '" "')
    assert (result.exit_code, result.stderr) == (1, "Error: statement is empty\n")
    report = json.loads(seeded_cli.ok("report", "speakers", "--event", "1", "-f", "json").stdout)
    (gilani,) = [s for s in report["speakers"] if "Gilani" in s["person"]]
    assert gilani["statements"] == [
        "\u201cWe must act.\u201d", "\u201cTogether.\u201d",
        "\u201cThe word \"trafficking\" matters.\u201d"]


def test_quotation_marks_around_a_quote_that_quotes_words_itself_are_not_stored(seeded_cli):
    """A quote pasted with its marks that quotes words in turn ("… "GLO.ACT" …") lost none
    of its marks, and every report showed them twice: “"We call it "GLO.ACT" for short"”.
    Two quotations with words between them are no quote wrapped whole: they stay as typed."""
    seeded_cli.ok("attendance", "add", "1", "Shahida Gilani", "--role", "speaker",
                  "--quote", '"We call it "GLO.ACT" for short."',
                  "--quote", "\u201cIt\u2019s the \u201cdual approach\u201d.\u201d",
                  "--quote", "'It's time.'",
                  "--quote", '"Yes," she said, "we will."')
    report = json.loads(seeded_cli.ok("report", "speakers", "--event", "1", "-f", "json").stdout)
    (gilani,) = [s for s in report["speakers"] if "Gilani" in s["person"]]
    assert gilani["statements"] == [
        "\u201cWe call it \"GLO.ACT\" for short.\u201d",
        "\u201cIt\u2019s the \u201cdual approach\u201d.\u201d",
        "\u201cIt's time.\u201d",
        "\u201c\"Yes,\" she said, \"we will.\"\u201d"]


@pytest.mark.parametrize(("opening", "closing"), [
    ("\u201e", "\u201d"), ("\u201e", "\u201c"), ("\u00bb", "\u00ab"), ("\u00ab", "\u00bb"),
    ("\u00bb", "\u00bb"), ("\u201d", "\u201d"), ("\u201a", "\u2019"), ("\u2039", "\u203a"),
    ("\u203a", "\u2039"), ("\u300c", "\u300d"), ("\u300e", "\u300f")])
def test_every_languages_quotation_marks_around_a_quote_are_not_stored(seeded_cli, opening,
                                                                        closing):
    """Polish „…”, German „…“ and »…«, French «…», Swedish »…» and ”…”, Chinese and
    Japanese 「…」 and 『…』 wrap a quotation as “…” does: reports add their own."""
    seeded_cli.ok("attendance", "add", "1", "Shahida Gilani", "--role", "speaker",
                  "--quote", f"{opening}Wir m\u00fcssen handeln.{closing}")
    report = json.loads(seeded_cli.ok("report", "speakers", "--event", "1", "-f", "json").stdout)
    (gilani,) = [s for s in report["speakers"] if "Gilani" in s["person"]]
    assert gilani["statements"] == ["\u201cWir m\u00fcssen handeln.\u201d"]


def test_an_empty_statement_reference_is_a_usage_error(seeded_cli):
    """--remove-quote "" and --instead-of "" (a variable left unset) name no statement: a
    usage error (exit code 2), as an empty reference to a record is (--remove-campaign "")."""
    said = "it is empty; give a statement's id, its words or a part of them"
    for option, args in (("--remove-quote", ()), ("--instead-of", ("--quote", "Now this."))):
        for empty in ("", "  "):
            refused(seeded_cli, "attendance", "edit", "1", "Cesar Guedes", *args, option,
                    empty, code=2,
                    message=f"Invalid value for '{option}': {said} "
                            "(see 'stakeholders attendance edit --help')")


def test_the_same_words_are_not_recorded_twice(seeded_cli):
    """A quote given again (a command run twice, a paste) would be quoted twice in every
    speakers report; words said once are recorded once, whatever their case and marks."""
    seeded_cli.ok("attendance", "add", "1", "Shahida Gilani", "--role", "speaker",
                  "--quote", "We must act.", "--quote", "Together.")
    said = f"Shahida Gilani already said that at {LAUNCH}"
    first, second = (hit["id"] for text in ("We must act.", "Together.")
                     for hit in json.loads(seeded_cli.ok("search", text, "-f", "json").stdout)
                     if hit["name"] == text)  # not the other statements holding the words
    refused(seeded_cli, "attendance", "edit", "1", "Shahida Gilani", "--quote",
            "\u201cWE MUST ACT.\u201d", message=f"{said} (statement #{first})")
    refused(seeded_cli, "attendance", "edit", "1", "Shahida Gilani", "--quote", "Together.",
            "--instead-of", "must act", message=f"{said} (statement #{second})")
    # Punctuation aside too: a full stop left off, an exclamation mark, a comma.
    for again in ("We must act", "We must act!", "We, must act…"):
        refused(seeded_cli, "attendance", "edit", "1", "Shahida Gilani", "--quote", again,
                message=f"{said} (statement #{first})")
    seeded_cli.ok("person", "add", "Ms. Sarah Khan")
    refused(seeded_cli, "attendance", "add", "1", "Sarah Khan", "--quote", "Yes.",
            "--quote", '"yes."', message="the quote '\"yes.\"' is given twice")
    refused(seeded_cli, "attendance", "add", "1", "Sarah Khan", "--quote", "Act now.",
            "--quote", "act now!", message="the quote 'act now!' is given twice")
    # Correcting a statement's own case is a correction, not a repeat.
    seeded_cli.ok("attendance", "edit", "1", "Shahida Gilani", "--quote", "We must ACT.",
                  "--instead-of", "must act")
    assert _statements(seeded_cli, "Gilani") == ["\u201cWe must ACT.\u201d",
                                                 "\u201cTogether.\u201d"]


SHARED_3 = "Warning: Nicole Guihot and Omar Baig share speaking order 3 at " + LAUNCH + "\n"


def test_a_speaking_order_another_speaker_holds_is_recorded_with_a_warning(seeded_cli):
    """Two "3"s are most often a slip, but a panel may share a slot: the write goes through
    and stderr says who else holds the order."""
    seeded_cli.ok("person", "add", "Mr. Omar Baig")
    added = seeded_cli.ok("attendance", "add", LAUNCH, "Omar Baig", "--role", "speaker",
                          "--order", "3")
    assert added.stdout == "9\n"
    assert added.stderr == (f"Added attendance #9: Omar Baig at {LAUNCH} (speaker)\n"
                            + SHARED_3)
    orders = [r["speaking_order"] for r in json.loads(
        seeded_cli.ok("attendance", "list", LAUNCH, "-f", "json").stdout)]
    assert orders == [1, 2, 3, 3, 4, 5, 6, 7, 8]
    edited = f"Updated attendance #9: Omar Baig at {LAUNCH}\n"
    assert seeded_cli.ok("attendance", "edit", LAUNCH, "Omar Baig", "--order", "9").stderr \
        == edited
    assert seeded_cli.ok("attendance", "edit", LAUNCH, "Omar Baig", "--order", "3").stderr \
        == edited + SHARED_3
    # Said once, when the order is given, not on every later correction.
    assert seeded_cli.ok("attendance", "edit", LAUNCH, "Omar Baig", "--note", "Panel").stderr \
        == edited
    # One who declined holds no slot; back on the programme, they hold it again.
    assert seeded_cli.ok("attendance", "edit", LAUNCH, "Nicole Guihot", "--status",
                         "declined").stderr == f"Updated attendance #3: Nicole Guihot at " \
        f"{LAUNCH}\n"
    seeded_cli.ok("person", "add", "Ms. Sara Ali")
    assert seeded_cli.ok("attendance", "add", LAUNCH, "Sara Ali", "--order", "4",
                         "--status", "cancelled").stderr.count("Warning") == 0
    assert seeded_cli.ok("attendance", "edit", LAUNCH, "Nicole Guihot", "--status",
                         "attended").stderr.endswith(SHARED_3)


def test_a_forgotten_persons_attendance_takes_no_new_words_or_note(seeded_cli):
    """What forget erased (the attribution of their statements, their attendance's note) is
    not recorded again by editing the attendance the placeholder keeps."""
    event = "GLO.ACT launch, Islamabad"
    pid = json.loads(seeded_cli.ok("person", "show", "Junaid Khan", "-f", "json").stdout)["id"]
    seeded_cli.ok("person", "forget", "Junaid Khan", "--yes")
    message = f"person #{pid} is forgotten; nothing more is recorded about them"
    refused(seeded_cli, "attendance", "edit", event, f"#{pid}", "--quote", "Junaid said this",
            message=message)
    refused(seeded_cli, "attendance", "edit", event, f"#{pid}", "--note", "Junaid Khan came late",
            message=message)
    # the counts it keeps may still be corrected
    seeded_cli.ok("attendance", "edit", event, f"#{pid}", "--status", "no-show")


def test_a_forgotten_persons_attendance_takes_no_one_they_spoke_for_nor_a_slot(seeded_cli):
    """Whom a forgotten person spoke for, and when they spoke, are recorded about them alone:
    setting either is refused, as a note is; what the counts and statistics read (status, role,
    organization) may still be corrected, and what is kept may be cleared."""
    event = "GLO.ACT launch, Islamabad"
    pid = json.loads(seeded_cli.ok("person", "show", "Nicole Guihot", "-f", "json").stdout)["id"]
    seeded_cli.ok("person", "forget", "Nicole Guihot", "--yes")
    message = f"person #{pid} is forgotten; nothing more is recorded about them"
    for change in (("--on-behalf-of", "Cesar Guedes"), ("--order", "9"),
                   ("--role", "attendee", "--on-behalf-of", "Cesar Guedes")):
        refused(seeded_cli, "attendance", "edit", event, f"#{pid}", *change, message=message)
    for change in (("--role", "attendee"), ("--org", "UNODC"), ("--on-behalf-of", ""),
                   ("--order", "")):
        seeded_cli.ok("attendance", "edit", event, f"#{pid}", *change)
    row = next(r for r in json.loads(seeded_cli.ok("attendance", "list", event, "-f",
                                                   "json").stdout)
               if r["person"] == f"Forgotten person #{pid}")
    assert (row["role"], row["on_behalf_of"], row["speaking_order"]) == ("attendee", None, None)


def test_an_attendance_edit_giving_the_recorded_values_changes_nothing(seeded_cli):
    guedes = "attendance #1: Cesar Guedes at GLO.ACT launch, Islamabad"
    unchanged(seeded_cli, "attendance", "edit", "1", "Cesar Guedes", "--role", "speaker",
              "--status", "attended", "--order", "1", what=guedes)
    assert seeded_cli.ok("attendance", "edit", "1", "Cesar Guedes", "--order", "9").stderr == \
        f"Updated {guedes}\n"


def test_doubtful_attendances_are_recorded_with_a_warning(seeded_cli):
    """A speaking order on an attendee who said nothing places no one in the speakers report
    (a --role left out, most likely); someone there in person and represented by a stand-in
    at once is a mix-up of whom the stand-in came for. Both are recorded, and said."""
    cli = seeded_cli
    cli.ok("event", "add", "Donor briefing", "--date", "2017-08-01")
    result = cli.ok("attendance", "add", "Donor briefing", "Cesar Guedes", "--order", "1")
    assert result.stderr.splitlines()[1:] == [
        "Warning: Cesar Guedes holds speaking order 1 at Donor briefing but, as attendee with "
        "nothing said, is not in the speakers report: give --role speaker (or presenter)"]
    assert cli.ok("attendance", "edit", "Donor briefing", "Cesar Guedes", "--role",
                  "speaker").stderr.splitlines()[1:] == []
    result = cli.ok("attendance", "add", "Donor briefing", "Nicole Guihot", "--role", "speaker",
                    "--order", "2", "--on-behalf-of", "Cesar Guedes")
    assert result.stderr.splitlines()[1:] == [
        "Warning: Cesar Guedes is recorded at Donor briefing both in person and as represented "
        "by someone else: check whom the stand-in came for"]
    # an edit of something else does not say it again; one that marks him absent ends it
    assert cli.ok("attendance", "edit", "Donor briefing", "Nicole Guihot", "--note",
                  "Deputy").stderr.splitlines()[1:] == []
    assert cli.ok("attendance", "edit", "Donor briefing", "Cesar Guedes", "--status",
                  "no-show").stderr.splitlines()[1:] == []
    assert [r["person"] for r in json.loads(cli.ok(
        "report", "speakers", "Donor briefing", "-f", "json").stdout)["speakers"]] == [
        "Ms. Nicole Guihot"]


def test_at_an_event_still_to_come_no_one_has_attended_yet(launch, monkeypatch):
    """`--status attended` at an event dated after today was taken, and counted in the
    campaign's people reached; the default, attended, was too. Added, someone is invited;
    attended or a no-show is refused, and allowed once the day has come."""
    cli, _ = launch
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2026-12-03")
    cli.ok("event", "add", "Media briefing", "--date", "2027-02-10")
    assert cli.ok("attendance", "add", "Media briefing", "Junaid Khan").stderr == (
        "Added attendance #9: Junaid Khan at Media briefing (attendee, invited)\n")
    for status in ("attended", "no-show"):
        refused(cli, "attendance", "add", "Media briefing", "Sarah Coleman", "--status", status,
                message="Media briefing is on 2027-02-10, after today: no one is "
                        f"{status} there yet; record them invited or registered, or correct "
                        "the event's date")
        refused(cli, "attendance", "edit", "Media briefing", "Junaid Khan", "--status", status,
                message="Media briefing is on 2027-02-10, after today: no one is "
                        f"{status} there yet; record them invited or registered, or correct "
                        "the event's date")
    cli.ok("attendance", "add", "Media briefing", "Sarah Coleman", "--status", "registered")
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2027-02-10")
    cli.ok("attendance", "edit", "Media briefing", "Junaid Khan", "--status", "attended")
    assert cli.ok("attendance", "add", "Media briefing", "Cesar Guedes").stderr == (
        "Added attendance #11: Cesar Guedes at Media briefing (attendee)\n")


def test_no_import_ingest_or_move_makes_anyone_attend_an_event_still_to_come(
        launch, tmp_path, monkeypatch):
    """`attendance add` refused it, but a sign-in sheet imported against the event, a row
    saying attended, a press release dated ahead, and the event moved after today did not."""
    cli, event = launch
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2026-12-03")
    cli.ok("event", "add", "Media briefing", "--date", "2027-02-10")
    too_soon = "Media briefing is on 2027-02-10, after today: "
    hint = "; record them invited or registered, or correct the event's date"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Email,Signature\nAli Raza,ali@example.org,A. Raza\n"
                     "Sara Khan,sara@example.org,\n", encoding="utf-8")
    refused(cli, "import", "contacts", str(sheet), "--event", "Media briefing",
            message=too_soon + "no one has signed in there yet" + hint)
    rows = tmp_path / "rows.csv"
    rows.write_text("Name,Email,Attended\nAli Raza,ali@example.org,yes\n", encoding="utf-8")
    refused(cli, "import", "contacts", str(rows), "--event", "Media briefing",
            message=too_soon + "row 2 says attended" + hint)
    invited = tmp_path / "invited.csv"
    invited.write_text("Name,Email\nAli Raza,ali@example.org\n", encoding="utf-8")
    cli.ok("import", "contacts", str(invited), "--event", "Media briefing")
    [row] = json.loads(cli.ok("attendance", "list", "Media briefing", "-f", "json").stdout)
    assert row["status"] == "invited"
    refused(cli, "event", "edit", event, "--date", "2027-03-01", message=(
        f"{LAUNCH} would be on 2027-03-01, after today, where 8 attendances record someone "
        "as attended or a no-show; correct the date, or their status first (attendance edit "
        "--status)"))
    release = tmp_path / "release.txt"
    release.write_text("Islamabad, 10 January 2027 - The UNODC launched the Safe Roads "
                       "campaign in Islamabad. Mr. Cesar Guedes, UNODC Representative, said "
                       "that it matters.\n", encoding="utf-8")
    result = cli("ingest", str(release), "--yes")
    assert result.exit_code == 1 and "after today: no one is attended there yet" in \
        result.stderr
