"""export contacts: profiles, filters, opt-outs, formula injection, private files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from stakeholders.render import FORMULA_STARTS
from tests.conftest import BACKEND, Cli
from tests.io.conftest import PAYLOADS, add_people

SPREADSHEET = ("csv", "excel", "mailchimp", "google", "outlook")
MAILING = ("mailchimp", "google", "outlook")


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_csv_profile_has_every_useful_column(people_cli: Cli):
    result = people_cli.ok("export", "contacts")
    header = result.stdout.splitlines()[0]
    assert header == ("honorific,title,given_name,family_name,full_name,organization,position,"
                      "sector,email,phone,country,tags,notes,opted_out,other_emails,other_phones")
    rows = rows_of(result.stdout)
    assert [r["full_name"] for r in rows] == [
        "Jean-François Cautain", "Olga Ivanova", "Ayesha Malik", "Amina Qureshi"]
    assert rows[0]["honorific"] == "H.E." and rows[0]["title"] == "Mr."
    assert rows[1]["tags"] == "media-list; press"
    assert rows[3]["phone"] == "+92512601461"  # E.164 left usable
    assert result.stderr == "Exported 4; left out 0\n"


def test_excel_profile_has_a_bom_and_crlf(people_cli: Cli, tmp_path):
    target = tmp_path / "out.csv"
    people_cli.ok("export", "contacts", "--profile", "excel", "-o", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 5 and data.count(b"\n") == 5
    assert "Jean-François".encode() in data


def test_phone_cells_kept_as_text_formulas_are_read_as_their_text(cli: Cli, tmp_path):
    """A sheet made to keep its phone numbers text for Excel holds them as text formulas,
    ="+923001234567": an import reads the number Excel shows, and runs nothing."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text('name,email,phone\n'
                     'Amina Qureshi,amina@example.org,"=""+923001234567"""\n', encoding="utf-8")
    cli.ok("import", "contacts", str(sheet))
    shown = json.loads(cli.ok("person", "show", "Amina Qureshi", "-f", "json").stdout)
    assert [c["value"] for c in shown["contact_points"] if c["kind"] == "phone"] == [
        "+923001234567"]


def test_outlook_profile_has_crlf_lines(people_cli: Cli, tmp_path):
    """Outlook's import expects Windows line endings, as its own export writes: a file of
    LF lines did not import as one contact a line."""
    target = tmp_path / "outlook.csv"
    people_cli.ok("export", "contacts", "--profile", "outlook", "-o", str(target))
    data = target.read_bytes()
    assert data.count(b"\r\n") == 5 and data.count(b"\n") == 5
    assert not data.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("profile,headers", [
    ("mailchimp", ["Email Address", "First Name", "Last Name", "Phone Number", "Company", "Tags"]),
    ("outlook", ["Title", "First Name", "Last Name", "Suffix", "Company", "Job Title",
                 "Business Phone",
                 "Business Phone 2", "Mobile Phone", "Home Phone", "Other Phone",
                 "Business Country/Region",
                 "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Categories",
                 "Notes"]),
    ("google", ["Name", "Given Name", "Family Name", "Name Prefix", "Organization 1 - Name",
                "Organization 1 - Title", "Address 1 - Country", "E-mail 1 - Value",
                "E-mail 2 - Value", "Phone 1 - Type",
                "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value", "Group Membership",
                "Notes"]),
])
def test_mailing_tool_headers(people_cli: Cli, profile, headers):
    rows = rows_of(people_cli.ok("export", "contacts", "--profile", profile).stdout)
    assert list(rows[0]) == headers
    assert len(rows) == 4


def test_json_profile_is_an_array_of_objects(people_cli: Cli):
    data = json.loads(people_cli.ok("export", "contacts", "--profile", "json").stdout)
    assert data[2] == {
        "honorific": None, "title": None, "given_name": "Ayesha", "family_name": "Malik",
        "full_name": "Ayesha Malik", "organization": "Dawn Media Group", "position": "Officer",
        "sector": "media", "email": "ayesha@dawn.com.pk", "phone": None, "country": None,
        "tags": [], "notes": None, "opted_out": False, "other_emails": [], "other_phones": [],
    }


def test_json_of_nobody_is_an_empty_array(cli: Cli):
    assert cli.ok("export", "contacts", "--profile", "json").stdout == "[]\n"


def _opt_out(url: str) -> None:
    from stakeholders.db import session_scope
    from stakeholders.services import people, refs

    with session_scope(url) as s:
        people.set_no_email(refs.person(s, "Amina Qureshi"), True, "asked")
        people.set_no_contact(refs.person(s, "Olga Ivanova"), True)
        people.add_person(s, "Bilal Ahmed", org="Dawn Media Group")  # no email
        people.add_person(s, "Sana Ahmed", emails=["AYESHA@dawn.com.pk"])  # shares an address


@pytest.mark.parametrize("profile", MAILING)
def test_opted_out_people_are_left_out_of_mailing_profiles_and_counted(people_cli: Cli, profile):
    _opt_out(people_cli.url)
    result = people_cli.ok("export", "contacts", "--profile", profile)
    assert "Amina" not in result.stdout and "Olga" not in result.stdout
    assert "Bilal" not in result.stdout
    # Sana Ahmed comes first (by family name); Ayesha Malik's address is then a duplicate.
    assert "Sana" in result.stdout and "Ayesha" not in result.stdout
    assert len(rows_of(result.stdout)) == 2
    assert result.stderr == (
        "Exported 2; left out 4 (2 opted out, 1 no email, 1 duplicate email)\n")


@pytest.mark.parametrize("profile", ("csv", "excel", "vcard", "json"))
def test_opted_out_people_are_left_out_of_every_profile(people_cli: Cli, profile):
    _opt_out(people_cli.url)
    result = people_cli.ok("export", "contacts", "--profile", profile)
    assert "Amina" not in result.stdout and "Olga" not in result.stdout
    assert "Bilal" in result.stdout  # not a mailing upload: kept without an email
    assert result.stderr == "Exported 4; left out 2 (2 opted out)\n"


def test_include_opted_out(people_cli: Cli):
    _opt_out(people_cli.url)
    result = people_cli.ok("export", "contacts", "--include-opted-out")
    assert "Amina" in result.stdout and "Olga" in result.stdout
    # said, so that the file is not taken for a mailing list
    assert result.stderr == "Exported 6 (2 opted out, included as asked); left out 0\n"
    entry = json.loads(people_cli.ok("log", "-f", "json").stdout)[-1]["details"]["export"]
    assert (entry["include_opted_out"], entry["opted_out_included"]) == (True, 2)


def test_include_opted_out_counts_the_listed_addresses_of_people_not_opted_out(people_cli: Cli):
    """An address on the suppression list, or of someone opted out, that a person who has not
    opted out carries is in such a file too: said as the opted-out people are."""
    _opt_out(people_cli.url)
    people_cli.ok("suppression", "add", "jf.cautain@eeas.europa.eu")
    people_cli.ok("person", "edit", "Ayesha Malik", "--email", "olga@dawn.com.pk")
    result = people_cli.ok("export", "contacts", "--include-opted-out")
    assert "jf.cautain@eeas.europa.eu" in result.stdout
    assert result.stderr == ("Exported 6 (2 opted out, 2 addresses someone opted out of, "
                             "included as asked); left out 0\n")
    entry = json.loads(people_cli.ok("log", "-f", "json").stdout)[-1]["details"]["export"]
    assert entry["addresses_included"] == 2


def test_the_help_of_include_opted_out_says_it_lifts_the_suppression_list_too(cli: Cli):
    """The option also exports listed addresses (a forgotten person's, at a colleague's row):
    its help says so, not only that people who opted out come back."""
    help_text = " ".join(cli.ok("export", "contacts", "--help").stdout.split())
    assert ("--include-opted-out Also export people who opted out (asked not to be emailed or "
            "contacted, or an email opt-out in force), any address of theirs or on the "
            "suppression list that others hold too, and the phone numbers of those with a "
            "phone opt-out in force.") in help_text.replace("opt- out", "opt-out")


def test_a_forgotten_person_is_never_exported(people_cli: Cli):
    """The placeholder a forgotten person leaves is not a contact, not even with
    --include-opted-out, and is neither counted as opted out nor logged as exported."""
    people_cli.ok("person", "forget", "Amina Qureshi", "--yes")
    forgotten = json.loads(people_cli.ok("person", "list", "-f", "json").stdout)
    (pid,) = [p["id"] for p in forgotten if p["name"].startswith("Forgotten person #")]
    for options in ((), ("--include-opted-out",)):
        result = people_cli.ok("export", "contacts", "--profile", "json", *options)
        assert [r["full_name"] for r in json.loads(result.stdout)] == [
            "Jean-François Cautain", "Olga Ivanova", "Ayesha Malik"]
        assert result.stderr == "Exported 3; left out 0\n"
    entries = json.loads(people_cli.ok("log", "--record", f"person:{pid}", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["person forget"]


def test_someone_whose_name_reads_like_a_placeholder_is_exported(people_cli: Cli):
    """Only the row forgetting left is a placeholder, not a person named alike."""
    people_cli.ok("person", "add", "Forgotten Person #Smith", "--email", "smith@example.org")
    result = people_cli.ok("export", "contacts", "--profile", "json")
    assert "smith@example.org" in [r["email"] for r in json.loads(result.stdout)]


def test_the_organization_is_the_current_one_as_person_list_shows_it(seeded_cli: Cli):
    """A primary affiliation that has ended is not the current organization: the export and
    its --org/--sector filters use the one `person list` shows."""
    seeded_cli.ok("person", "affiliate", "Cesar Guedes", "IOM", "--position", "Old post",
                  "--start", "2005-01-01", "--end", "2010-01-01", "--primary")
    listed = [p for p in json.loads(seeded_cli.ok("person", "list", "-f", "json").stdout)
              if p["family_name"] == "Guedes"]
    exported = [p for p in json.loads(seeded_cli.ok("export", "contacts", "--profile",
                                                    "json").stdout)
                if p["family_name"] == "Guedes"]
    assert [(p["organization"], p["position"]) for p in exported] == [
        (p["organization"], p["position"]) for p in listed] == [
        ("United Nations Office on Drugs and Crime", "UNODC Representative for Pakistan")]
    assert "Cesar Guedes" not in _names(seeded_cli, "--org", "IOM")
    assert "Cesar Guedes" in _names(seeded_cli, "--org", "UNODC")


def _names(cli: Cli, *args: str) -> list[str]:
    out = cli.ok("export", "contacts", "--profile", "json", "--include-opted-out", *args).stdout
    return [r["full_name"] for r in json.loads(out)]


def test_filters_and_across_options_or_within_one(seeded_cli: Cli):
    assert _names(seeded_cli, "--event", "1", "--role", "speaker", "--sector",
                  "diplomatic-mission", "--sector", "donor") == [
        "Jean-François Cautain", "Nicole Guihot", "David Hale"]
    assert _names(seeded_cli, "--campaign", "GLO.ACT", "--sector", "police") == [
        "Muhammad Shifaque"]
    assert _names(seeded_cli, "--org", "UNODC", "--role", "speaker") == [
        "Margaret Akullo", "Cesar Guedes"]
    assert _names(seeded_cli, "--status", "no-show") == []


def test_a_repeated_campaign_matches_any_of_them(seeded_cli: Cli):
    seeded_cli.ok("campaign", "add", "Blue Heart Campaign", "--acronym", "BHC")
    briefing = seeded_cli.ok("event", "add", "Blue Heart briefing", "--date", "2017-09-12",
                             "--campaign", "BHC").stdout.strip()
    seeded_cli.ok("person", "add", "Amina Yusuf")
    seeded_cli.ok("attendance", "add", briefing, "Amina Yusuf")
    assert _names(seeded_cli, "--campaign", "BHC") == ["Amina Yusuf"]
    both = _names(seeded_cli, "--campaign", "GLO.ACT", "--campaign", "BHC")
    assert both == _names(seeded_cli, "--campaign", "BHC", "--campaign", "GLO.ACT")
    assert "Amina Yusuf" in both and "Cesar Guedes" in both
    assert len(both) == len(_names(seeded_cli, "--campaign", "GLO.ACT")) + 1


def test_tag_and_country_filters(people_cli: Cli):
    assert _names(people_cli, "--tag", "PRESS") == ["Olga Ivanova"]
    assert _names(people_cli, "--tag", "PRESS", "--tag", "Media-List") == [
        "Olga Ivanova", "Amina Qureshi"]
    assert _names(people_cli, "--tag", "media-list") == ["Olga Ivanova", "Amina Qureshi"]
    assert _names(people_cli, "--country", "PK") == []


def test_an_unknown_filter_value_is_one_line_and_writes_no_file(people_cli: Cli, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    result = people_cli("export", "contacts", "--event", "Nope", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == "Error: no event matches 'Nope'\n"
    assert list(folder.iterdir()) == []


def test_an_unknown_tag_is_refused_not_an_empty_export(people_cli: Cli):
    """A mistyped tag exported nobody without a word, as an unknown event does not."""
    result = people_cli("export", "contacts", "--tag", "press", "--tag", "presss")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "Error: no tag matches 'presss'\n")


@pytest.mark.parametrize("profile", [*SPREADSHEET, "json", "vcard"])
@pytest.mark.parametrize("bad", [("--event", "Nope"), ("--campaign", "Nope"),
                                 ("--sector", "bogus"), ("--country", "Narnia"),
                                 ("--tag", "presss")])
def test_an_unknown_filter_value_prints_nothing_on_stdout(people_cli: Cli, profile, bad):
    result = people_cli("export", "contacts", "--profile", profile, *bad)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_the_database_itself_is_never_overwritten(people_cli: Cli):
    if not people_cli.url.startswith("sqlite"):
        pytest.skip("a SQLite file")
    path = people_cli.url.split(":///", 1)[1]
    result = people_cli("export", "contacts", "-o", path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {path}: it is a database, not an export\n"
    assert len(json.loads(people_cli.ok("person", "list", "-f", "json").stdout)) == 4
    assert json.loads(people_cli.ok("log", "-f", "json").stdout) == []


def test_output_file_is_private_and_whole(people_cli: Cli, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    result = people_cli.ok("export", "contacts", "-o", str(target))
    assert result.stdout == ""
    assert result.stderr == f"Exported 4; left out 0; written to {target}\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["out.csv"]
    assert len(rows_of(target.read_text())) == 4


def _hostile(url: str) -> None:
    add_people(url, [(f"{p} Person{n}", f"{p} Org{n}", f"p{n}@example.org", "+92512601461",
                      {"notes": p, "tags": [f"tag{n}"]})
                     for n, p in enumerate(PAYLOADS)])


@pytest.mark.parametrize("profile", SPREADSHEET)
def test_formula_payloads_are_neutralized_in_every_spreadsheet_profile(cli: Cli, profile):
    _hostile(cli.url)
    text = cli.ok("export", "contacts", "--profile", profile).stdout
    cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")) for c in row]
    dangerous = [c for c in cells if c.startswith(FORMULA_STARTS) and c != "+92512601461"]
    assert dangerous == []
    assert "'+cmd|' /C calc'!A0 Org1" in cells
    assert "+92512601461" in cells


def test_payload_cells_keep_their_text_behind_the_quote(cli: Cli):
    _hostile(cli.url)
    rows = rows_of(cli.ok("export", "contacts").stdout)
    # Stored text is cleaned (a leading tab does not survive the services), the rest is quoted.
    assert sorted(r["notes"] for r in rows) == sorted(["'" + p for p in PAYLOADS[:4]] + ["Tabbed"])
    assert any(r["full_name"].startswith("'=HYPERLINK(") for r in rows)
    assert any(r["organization"].startswith("'@SUM(1+1)") for r in rows)


def test_an_export_cut_short_by_its_reader_still_logs_whom_it_handed_out(cli: Cli, tmp_path):
    """`export contacts | head` stops reading early: the people written before the pipe
    closed have been handed out, and the log says so."""
    import subprocess
    import sys

    people = 3000  # more than a pipe holds, so the export is still writing when it closes
    sheet = tmp_path / "many.csv"
    sheet.write_text("Given Name,Family Name,Email\n" + "".join(
        f"Person{i},Family{i},p{i}@example.org\n" for i in range(people)))
    cli.ok("import", "contacts", str(sheet))
    command = [sys.executable, "-m", "stakeholders", "--db", cli.url, "export", "contacts"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout.readline().startswith(b"honorific,")
        run.stdout.close()  # `head -1`
        errors = run.stderr.read().decode()
        assert run.wait(timeout=60) == 0, errors
    assert "Traceback" not in errors
    entries = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["import contacts", "export contacts"]
    assert 0 < entries[1]["record_count"] <= people
    assert entries[1]["details"]["export"]["reader_stopped"] is True


@pytest.mark.parametrize("profile,column", [("google", "Phone 2 - Value"), ("csv", "other_phones")])
def test_further_phones_in_one_cell_are_left_usable(cli: Cli, profile, column):
    """Google Contacts writes a person's further phones in one cell joined by ' ::: '; a cell
    of E.164 numbers so joined can run nothing, so it gets no quote (Google would keep the
    quote as part of the first number), as a single number gets none."""
    add_people(cli.url, [("Sana Mir", "UN Women", "sana@example.org", "+92512601461", {})])
    cli.ok("person", "edit", "Sana Mir", "--phone", "+923002222222", "--phone", "+923003333333")
    rows = rows_of(cli.ok("export", "contacts", "--profile", profile).stdout)
    assert rows[0][column] == "+923002222222 ::: +923003333333"


def test_an_event_filter_takes_every_status_and_says_so(seeded_cli: Cli):
    """An officer mailing those who came must not read --event as "attended": it keeps the
    invited and those who declined too, and its help says so."""
    seeded_cli.ok("person", "add", "Amina Yusuf")
    seeded_cli.ok("attendance", "add", "1", "Amina Yusuf", "--status", "declined")
    assert "Amina Yusuf" in _names(seeded_cli, "--event", "1")
    assert "Amina Yusuf" not in _names(seeded_cli, "--event", "1", "--status", "attended")
    help_text = " ".join(seeded_cli.ok("export", "contacts", "--help").stdout.split())
    assert "Recorded at this event, in any status unless --status is given" in help_text
    assert "Attended this event" not in help_text


def test_a_read_only_file_is_not_replaced(people_cli: Cli, tmp_path):
    """A list made read-only (the one sent to the printer, say) is kept, as `>` would keep it:
    one line, exit code 1, the file as it was and no export in the audit log."""
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "sent.csv"
    target.write_text("kept\n")
    os.chmod(target, 0o444)
    result = people_cli("export", "contacts", "--profile", "mailchimp", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: the file is read-only\n"
    assert target.read_text() == "kept\n" and stat.S_IMODE(os.stat(target).st_mode) == 0o444
    assert os.listdir(folder) == ["sent.csv"]
    assert json.loads(people_cli.ok("log", "-f", "json").stdout) == []


def _slow_export(cli: Cli, pause: float, meanwhile=lambda: None):
    """`export contacts | slow reader`: the reader takes the header, then ``pause`` seconds
    (while ``meanwhile`` runs) before reading the rest. Returns when the header came (the
    records were read by then) and when the reader had read everything."""
    import datetime as dt
    import subprocess
    import sys
    import time

    command = [sys.executable, "-m", "stakeholders", "--db", cli.url, "export", "contacts"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout.readline().startswith(b"honorific,")
        header_at = dt.datetime.now(dt.timezone.utc)
        meanwhile()
        time.sleep(pause)
        run.stdout.read()
        ended_at = dt.datetime.now(dt.timezone.utc)
        errors = run.stderr.read().decode()
        assert run.wait(timeout=60) == 0, errors
    return header_at, ended_at


def _many_people(cli: Cli, tmp_path, people: int = 3000) -> None:
    sheet = tmp_path / "many.csv"  # more than a pipe holds: the export waits for its reader
    sheet.write_text("Given Name,Family Name,Email\n" + "".join(
        f"Person{i},Family{i},p{i}@example.org\n" for i in range(people)))
    cli.ok("import", "contacts", str(sheet))


def _at(entry: dict):
    import datetime as dt

    return dt.datetime.fromisoformat(entry["at"])


def test_an_export_is_logged_at_the_time_it_read_the_records_not_when_its_reader_ended(
        cli: Cli, tmp_path):
    """`export contacts | less` read for minutes: the log tells when the records handed out
    were read, which is what an opt-out recorded meanwhile is weighed against."""
    import datetime as dt

    _many_people(cli, tmp_path)
    header_at, ended_at = _slow_export(cli, pause=3)
    export = json.loads(cli.ok("log", "-f", "json").stdout)[-1]
    assert export["command"] == "export contacts"
    # the log's times are to the second; however slowly the command started, its time is
    # that of the header (the records read), seconds before the reader ended
    assert _at(export) <= header_at
    assert ended_at - _at(export) >= dt.timedelta(seconds=2)


@pytest.mark.skipif(BACKEND != "postgresql", reason="on a SQLite file a write waits for the export")
def test_an_opt_out_and_removal_while_an_export_is_read_come_after_it_in_the_log(
        cli: Cli, tmp_path):
    """On a server an export reads one snapshot and keeps no one waiting: an officer removes a
    person who opted out, and lists an address, while a colleague's export is being read. The
    export carries what it read, and its entry comes before theirs in time, so the log does
    not show an opted-out person handed out after they were removed."""
    import time

    _many_people(cli, tmp_path)

    def meanwhile():
        time.sleep(1.2)  # the log's times are to the second
        cli.ok("person", "consent", "p1@example.org", "--email", "opt-out", "--source", "call")
        cli.ok("person", "remove", "p1@example.org", "--yes")
        cli.ok("suppression", "add", "p2@example.org")

    _slow_export(cli, pause=1, meanwhile=meanwhile)
    entries = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries[1:]] == [
        "person consent", "person remove", "suppression add", "export contacts"]
    export = entries[-1]
    assert export["details"]["export"]["exported"] == 3000  # as it read them
    assert all(_at(export) < _at(e) for e in entries[1:4])


def test_the_summary_counts_in_the_plural_what_its_reasons_name():
    from stakeholders.services.exports import ExportSummary

    summary = ExportSummary(exported=3)
    summary.left_out.update({"opted out": 2, "address opted out": 2, "duplicate email": 2})
    assert summary.message() == (
        "Exported 3; left out 6 (2 opted out, 2 addresses opted out, 2 duplicate emails)")


def test_mailchimp_cells_are_cut_to_the_255_bytes_it_takes(cli: Cli):
    """A field Mailchimp would refuse or cut itself is cut to 255 bytes of UTF-8, at a whole
    character, and the summary says how many; the tags and the other profiles are whole."""
    long_name = "وزارت " * 40  # 240 characters of Urdu: 440 bytes
    cli.ok("org", "add", long_name.strip())
    tags = [f"{n:02} {'x' * 27}" for n in range(10)]  # 300 bytes joined
    cli.ok("person", "add", "Amina Yusuf", "--email", "amina@example.org", "--org", "#1",
           "--position", "Adviser", *(a for t in tags for a in ("--tag", t)))
    result = cli.ok("export", "contacts", "--profile", "mailchimp")
    (row,) = rows_of(result.stdout)
    company = row["Company"]
    assert len(company.encode()) <= 255 and company.endswith("…")
    assert long_name.startswith(company[:-1])
    assert row["Tags"] == ", ".join(tags)
    assert result.stderr == (
        "Exported 1; left out 0\n"
        "Note: 1 cell cut to the 255 bytes Mailchimp takes in a field, ending in '…' "
        "(1 Company)\n")
    whole = cli.ok("export", "contacts", "--profile", "google")
    assert rows_of(whole.stdout)[0]["Organization 1 - Name"] == long_name.strip()
    assert "Note" not in whole.stderr


def test_format_is_not_an_export_option_and_says_which_is(people_cli: Cli):
    """Reports take --format; an export's layout is --profile: --format says so, rather than
    suggesting --org."""
    for args in (("--format", "json"), ("--profile", "csv", "-f", "json")):
        result = people_cli("export", "contacts", *args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "Error: export contacts takes --profile csv|excel|mailchimp|google|outlook|vcard|"
            "json|xlsx for the file's layout, not --format (see 'stakeholders export contacts "
            "--help')\n")
    assert json.loads(people_cli.ok("log", "-f", "json").stdout) == []


def test_the_output_files_extension_chooses_the_layout_unless_profile_says(people_cli: Cli,
                                                                           tmp_path):
    """-o contacts.vcf writes vCards, -o contacts.json JSON, as a report's -o file chooses its
    format; a --profile given wins, with a warning when the file is named for another kind."""
    cards = tmp_path / "contacts.vcf"
    people_cli.ok("export", "contacts", "-o", str(cards))
    assert cards.read_text(encoding="utf-8").startswith("BEGIN:VCARD")
    listed = tmp_path / "contacts.json"
    people_cli.ok("export", "contacts", "-o", str(listed))
    assert len(json.loads(listed.read_text(encoding="utf-8"))) == 4
    named = tmp_path / "contacts.csv"
    result = people_cli.ok("export", "contacts", "--profile", "vcard", "-o", str(named))
    assert result.stderr.startswith("Warning: writing vcard to contacts.csv, as --profile says, "
                                     "not csv as its extension would\n")
    assert named.read_text(encoding="utf-8").startswith("BEGIN:VCARD")
    mailing = tmp_path / "mailing.csv"
    assert "Warning" not in people_cli.ok("export", "contacts", "--profile", "mailchimp", "-o",
                                          str(mailing)).stderr
