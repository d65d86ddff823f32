"""import contacts / list / undo: checking, duplicates, sign-in sheets, encodings, batches."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tests.cli.helpers import refused
from tests.conftest import Cli
from tests.dumps import data, stored


def write(tmp_path, text: str, name: str = "in.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def people(cli: Cli) -> list[dict]:
    out = cli.ok("export", "contacts", "--profile", "json", "--include-opted-out").stdout
    return json.loads(out)


SHEET = (
    "Surname,First Name,Organisation,E-mail,Job Title,Mobile\n"
    "Qureshi,Amina,Ministry of Interior,amina@interior.gov.pk,Director,+92512601461\n"
    "Malik,Ayesha,Dawn Media Group,ayesha@dawn.com.pk,Reporter,\n"
    "Ivanova,Olga,Dawn Media Group,olga@dawn.com.pk,Editor,0300 1234567\n"
)


def test_a_hand_made_sheet_is_recognised(cli: Cli, tmp_path):
    result = cli.ok("import", "contacts", str(write(tmp_path, SHEET)), "--region", "PK",
                    "--tag", "launch")
    assert result.stdout == "1\n"
    assert result.stderr == "Imported batch 1: 3 created, 0 updated, 0 skipped, 0 rejected\n"
    got = {p["full_name"]: (p["organization"], p["position"], p["email"], p["phone"], p["tags"])
           for p in people(cli)}
    assert got == {
        "Amina Qureshi": ("Ministry of Interior", "Director", "amina@interior.gov.pk",
                          "+92512601461", ["launch"]),
        "Ayesha Malik": ("Dawn Media Group", "Reporter", "ayesha@dawn.com.pk", None, ["launch"]),
        "Olga Ivanova": ("Dawn Media Group", "Editor", "olga@dawn.com.pk", "+923001234567",
                         ["launch"]),
    }


def test_a_bad_row_in_the_middle_writes_nothing(seeded_cli: Cli, tmp_path, db_dump):
    before = db_dump(seeded_cli.url)
    text = SHEET.replace("ayesha@dawn.com.pk", "ayesha-at-dawn")
    result = seeded_cli("import", "contacts", str(write(tmp_path, text)), "--region", "PK")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Row 3: invalid email 'ayesha-at-dawn': An email address must have an @-sign.",
        "Error: 1 row rejected; nothing was imported (fix it, or import the rest with "
        "--skip-invalid)",
    ]
    assert "Traceback" not in result.stderr
    assert db_dump(seeded_cli.url) == before


def test_an_import_gives_out_no_id_of_a_removed_record(seeded_cli: Cli, tmp_path, db_dump):
    """Ids removed at the top stay retired, as on PostgreSQL: the audit log names them."""
    removed = int(seeded_cli.ok("person", "add", "Amina Qureshi", "--org", "UNODC",
                                "--email", "amina@interior.gov.pk").stdout)
    removed_ids = {t: max(r[0] for r in rows) for t, rows in db_dump(seeded_cli.url).items()
                   if t in ("people", "contact_points", "affiliations")}
    seeded_cli.ok("person", "remove", f"#{removed}", "--yes")
    seeded_cli.ok("import", "contacts", str(write(tmp_path, SHEET)), "--region", "PK")
    after = db_dump(seeded_cli.url)
    for table, top in removed_ids.items():
        ids = {row[0] for row in after[table]}
        assert top not in ids and max(ids) > top, table


def test_text_too_long_for_its_key_once_folded_is_rejected(cli: Cli, tmp_path, db_dump):
    """'ß' folds to 'ss': a name within its column's length can fold to a key beyond its
    column's, which PostgreSQL refuses when writing. Such a row is rejected when checked."""
    before = db_dump(cli.url)
    text = ("Given Name,Family Name,Organization,Email,Tags\n"
            f"Ann,Lee,{'ß' * 300},a@x.org,\n"
            f"Bob,Lee,Org,b@x.org,{'ß' * 60}\n"
            f"Cy,{'ß' * 150},Org,c@x.org,\n"
            "Dan,Lee,Org,d@x.org,\n")
    path = write(tmp_path, text)
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Row 2: organization is too long (600 characters once case and accents are folded; "
        "at most 300)",
        "Row 3: tag is too long (120 characters once case and accents are folded; at most 100)",
        "Row 4: family name is too long (300 characters once case and accents are folded; "
        "at most 200)",
        "Error: 3 rows rejected; nothing was imported (fix them, or import the rest with "
        "--skip-invalid)",
    ]
    assert db_dump(cli.url) == before
    result = cli.ok("import", "contacts", str(path), "--skip-invalid")
    assert result.stderr.endswith("Imported batch 1: 1 created, 0 updated, 0 skipped, "
                                  "3 rejected\n")
    assert [p["full_name"] for p in people(cli)] == ["Dan Lee"]


def test_an_organization_written_as_an_id_is_rejected_as_org_add_refuses_it(
        cli: Cli, tmp_path, db_dump):
    """An organization called "#3" could never be found: "#3" is always record #3."""
    before = db_dump(cli.url)
    path = write(tmp_path, "Name,Organization,Email\nHash Org,#3,h@x.org\nDan Lee,Org,d@x.org\n")
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Row 2: organization name '#3' would read as an id (#N always means record N); "
        "write more than a number after #")
    assert db_dump(cli.url) == before


def test_a_rejected_rows_line_quotes_only_the_value_at_fault_cut_short(cli: Cli, tmp_path):
    """Row lines name the row, the field and the reason; a long value at fault is cut at 60
    characters, and nothing else of the row is shown."""
    long = "x" * 200
    text = ("Name,Email,Phone,Sector,Notes\n"
            f"Amina Qureshi,amina at {long},,,Private note\n"
            f"Ali Raza,ali@x.org,+92 {long},,Private note\n"
            f"Sara Khan,sara@x.org,,{long},Private note\n")
    result = cli("import", "contacts", str(write(tmp_path, text)))
    assert result.stderr.splitlines() == [
        f"Row 2: invalid email 'amina at {'x' * 50}…': An email address must have an @-sign.",
        f"Row 3: phone number '+92 {'x' * 55}…' holds letters, which are not part of a "
        "number; give the number alone (a remark in a note)",
        f"Row 4: '{'x' * 59}…' is not a valid sector; choose one of: un-agency, government, "
        "diplomatic-mission, donor, police, judiciary, ngo, civil-society, academia, media, "
        "private-sector, other",
        "Error: 3 rows rejected; nothing was imported (fix them, or import the rest with "
        "--skip-invalid)",
    ]


def test_a_dash_or_n_a_in_a_cell_is_an_empty_cell(cli: Cli, tmp_path):
    """Sign-in sheets fill the cells they have nothing for with '-', 'N/A' or 'nil'. Marks
    alone are empty in any column; the words only outside the name columns, where "Nan" and
    "Nil" are given names."""
    text = ("First Name,Last Name,Organisation,E-mail,Job Title,Mobile\n"
            "Nan,Qureshi,N/A,-,—,n/a\n"
            "Nil,Malik,-,ayesha@dawn.com.pk,NIL,#N/A\n"
            "-,Ivanova,none,.,?,NULL\n")
    cli.ok("import", "contacts", str(write(tmp_path, text)), "--region", "PK")
    got = [(p["full_name"], p["organization"], p["position"], p["email"], p["phone"])
           for p in people(cli)]
    assert got == [("Ivanova", None, None, None, None),
                   ("Nil Malik", None, None, "ayesha@dawn.com.pk", None),
                   ("Nan Qureshi", None, None, None, None)]
    assert cli.ok("org", "list", "-f", "json").stdout == "[]\n"


def test_an_excel_error_value_is_an_empty_cell_in_any_column(cli: Cli, tmp_path):
    """A formula that failed shows #REF!, #VALUE!…: no organization or position is called
    that, and no person (a name that is one leaves the row without a name)."""
    from openpyxl import Workbook

    book = Workbook()
    for row in (["Name", "Email", "Organization", "Phone", "Position"],
                ["Ref Err", "ref@x.org", "#REF!", "#VALUE!", "#DIV/0!"],
                ["#NAME?", "name@x.org", "UNODC", "#N/A", "#num!"]):
        book.active.append(row)
    book.save(tmp_path / "errs.xlsx")
    result = cli("import", "contacts", str(tmp_path / "errs.xlsx"), "--skip-invalid")
    assert result.stderr.splitlines()[0] == "Row 3: no name"
    assert [(p["full_name"], p["organization"], p["position"], p["phone"])
            for p in people(cli)] == [("Ref Err", None, None, None)]
    assert cli.ok("org", "list", "-f", "json").stdout == "[]\n"


def test_a_name_or_organization_without_letters_is_a_rejected_row(cli: Cli, tmp_path):
    text = ("First Name,Last Name,Organisation\n"
            "Amina,Qureshi,(-)\n"
            "#,1,UNODC\n"
            "Ayesha,Malik,3M\n")
    result = cli("import", "contacts", str(write(tmp_path, text)), "--skip-invalid")
    assert result.stderr.splitlines() == [
        "Row 2: organization '(-)' has no letters or digits",
        "Row 3: name '1' has no letters",
        "Imported batch 1: 1 created, 0 updated, 0 skipped, 2 rejected",
    ]


def test_skip_invalid_imports_the_good_rows(cli: Cli, tmp_path):
    text = SHEET.replace("0300 1234567", "12").replace("Malik,Ayesha", "Malik,-")
    text = text.replace("Qureshi,Amina", "1,-")
    result = cli.ok("import", "contacts", str(write(tmp_path, text)), "--region", "PK",
                    "--skip-invalid")
    assert result.stderr == ("Row 2: name '1' has no letters\n"
                             "Row 4, column Mobile: dropped, the row kept (invalid phone number)\n"
                             "Imported batch 1: 2 created, 0 updated, 0 skipped, 1 rejected; "
                             "1 invalid cell dropped\n")
    assert [p["full_name"] for p in people(cli)] == ["Olga Ivanova", "Malik"]


def test_skip_invalid_keeps_a_sign_in_rows_person_and_attendance_without_its_bad_cell(
        cli: Cli, tmp_path):
    """One malformed email or phone on a sign-in sheet no longer costs the person and their
    attendance: with --skip-invalid the cell is dropped and reported by row and column
    (never its value, nor the person's name), the rest of the row kept; a good value beside
    a bad one in a cell is kept. A row without a valid name is still left out, and without
    --skip-invalid the import is still refused whole. Undo takes the batch back."""
    ev = cli.ok("event", "add", "Awareness walk", "--date", "2026-11-20", "--country", "PK"
                ).stdout.strip()
    path = write(tmp_path, "Name,Official E-mail,Cell No.,Organisation\n"
                           "Amina Qureshi,amina@interior.gov.pk,0300-1234567,FIA\n"
                           "Ayesha Malik,ayesha-at-dawn,0300 12,Dawn\n"
                           "Olga Ivanova,olga@dawn.com.pk; olga@,0301-7654321 / 051-925 (PTCL),"
                           "Dawn\n"
                           "1,x@dawn.com.pk,,Dawn\n")
    before = data(cli.url)
    result = cli("import", "contacts", str(path), "--event", ev)
    assert result.exit_code == 1 and result.stderr.endswith(
        "Error: 3 rows rejected; nothing was imported (fix them, or import the rest with "
        "--skip-invalid)\n")
    assert data(cli.url) == before
    dry = cli.ok("import", "contacts", str(path), "--event", ev, "--skip-invalid", "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "2      created   Amina Qureshi",
        "3      created   Ayesha Malik   Official E-mail dropped (invalid email: An email address",
        "                                must have an @-sign.); Cell No. dropped (invalid phone",
        "                                number)",
        "4      created   Olga Ivanova   Official E-mail dropped (invalid email: There must be",
        "                                something after the @-sign.); Cell No. dropped (invalid",
        "                                phone number)",
        "5      rejected  1              name '1' has no letters",
    ]
    assert dry.stderr.endswith("Dry run, nothing written: would be 3 created, 0 updated, "
                               "0 skipped, 1 rejected; 3 attendances recorded; 4 invalid "
                               "cells dropped\n")
    result = cli.ok("import", "contacts", str(path), "--event", ev, "--skip-invalid")
    assert result.stderr.splitlines()[1:] == [
        "Row 3, column Official E-mail: dropped, the row kept (invalid email: An email address "
        "must have an @-sign.)",
        "Row 3, column Cell No.: dropped, the row kept (invalid phone number)",
        "Row 4, column Official E-mail: dropped, the row kept (invalid email: There must be "
        "something after the @-sign.)",
        "Row 4, column Cell No.: dropped, the row kept (invalid phone number)",
        "Row 5: name '1' has no letters",
        "Imported batch 1: 3 created, 0 updated, 0 skipped, 1 rejected; 3 attendances "
        "recorded; 4 invalid cells dropped",
    ]
    assert "Ayesha" not in result.stderr and "olga" not in result.stderr.lower()
    got = {p["full_name"]: (p["email"], p["phone"], p["other_emails"], p["other_phones"])
           for p in people(cli)}
    assert got == {"Amina Qureshi": ("amina@interior.gov.pk", "+923001234567", [], []),
                   "Ayesha Malik": (None, None, [], []),
                   "Olga Ivanova": ("olga@dawn.com.pk", "+923017654321", [], [])}
    assert sorted(_statuses(cli, ev)) == ["Amina Qureshi", "Ayesha Malik", "Olga Ivanova"]
    assert cli.ok("import", "list", "-f", "json").stdout.count('"rejected": 1') == 1
    assert cli.ok("import", "undo", "1").stderr == (
        "Undid batch 1: deleted 2 organizations, 3 people; restored nothing\n")
    assert data(cli.url) == before


def test_dry_run_reports_and_writes_nothing(seeded_cli: Cli, tmp_path, db_dump):
    before = db_dump(seeded_cli.url)
    text = SHEET + "Hale,David,Embassy of the United States,,,\nNobody,,,,,\n,,,,,\n"
    text = text.replace("0300 1234567", "")
    result = seeded_cli.ok("import", "contacts", str(write(tmp_path, text)), "--dry-run")
    assert result.stdout.splitlines() == [
        "row    action    name           detail",
        "-----  --------  -------------  ---------------------",
        "2      created   Amina Qureshi",
        "3      created   Ayesha Malik",
        "4      created   Olga Ivanova",
        "5      skipped   David Hale     already recorded (#5)",
        "6      created   Nobody",
    ]
    assert result.stderr == ("Dry run, nothing written: would be 4 created, 0 updated, "
                             "1 skipped, 0 rejected\n")
    assert db_dump(seeded_cli.url) == before


def test_a_dry_run_with_rejected_rows_fails_as_the_import_would(seeded_cli: Cli, tmp_path,
                                                               db_dump):
    before = db_dump(seeded_cli.url)
    path = write(tmp_path, SHEET.replace("ayesha@dawn.com.pk", "ayesha-at-dawn"))
    result = seeded_cli("import", "contacts", str(path), "--region", "PK", "--dry-run")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == [
        "2      created   Amina Qureshi",
        "3      rejected  Ayesha Malik   invalid email 'ayesha-at-dawn': An email address "
        "must have",
        "                                an @-sign.",
        "4      created   Olga Ivanova",
    ]
    assert result.stderr == (
        "Dry run, nothing written: would be 2 created, 0 updated, 0 skipped, 1 rejected\n"
        "Error: 1 row rejected; nothing was imported (fix it, or import the rest with "
        "--skip-invalid)\n")
    result = seeded_cli("import", "contacts", str(path), "--region", "PK", "--dry-run",
                        "--skip-invalid")
    assert result.exit_code == 0
    assert db_dump(seeded_cli.url) == before


def test_honorific_and_title_in_a_name_beside_given_and_family_columns_are_kept(
        cli: Cli, tmp_path):
    text = ("Name,First Name,Last Name,Title,Email\n"
            "H.E. Ms. Margaret Adamson,Margaret,Adamson,,m@x.org\n"
            "Dr. Ali Khan,Ali,Khan,Prof.,a@x.org\n")
    cli.ok("import", "contacts", str(write(tmp_path, text)))
    got = {p["full_name"]: (p["honorific"], p["title"], p["given_name"], p["family_name"])
           for p in people(cli)}
    assert got == {"Margaret Adamson": ("H.E.", "Ms.", "Margaret", "Adamson"),
                   "Ali Khan": (None, "Prof.", "Ali", "Khan")}  # the Title column wins


def test_a_dry_run_counts_the_attendances_the_import_would_record(cli: Cli, tmp_path):
    """Everyone on a sign-in sheet not yet recorded at the event: the new, and the recorded
    people without an attendance there; the dry run says as many as the import then records."""
    cli.ok("event", "add", "Awareness walk", "--date", "2026-11-20")
    cli.ok("person", "add", "Sara Khan", "--email", "sara@fia.gov.pk")
    cli.ok("person", "add", "Ali Raza", "--email", "ali@fia.gov.pk")
    cli.ok("attendance", "add", "Awareness walk", "Ali Raza")
    path = write(tmp_path, "Name,Email\nSara Khan,sara@fia.gov.pk\nAli Raza,ali@fia.gov.pk\n"
                           "Amna Baloch,amna@fia.gov.pk\n")
    dry = cli.ok("import", "contacts", str(path), "--event", "walk", "--dry-run")
    summary = "1 created, 0 updated, 2 skipped, 0 rejected; 2 attendances recorded"
    assert dry.stderr.endswith(f"would be {summary}\n"), dry.stderr
    done = cli.ok("import", "contacts", str(path), "--event", "walk")
    assert done.stderr.endswith(f"Imported batch 1: {summary}\n"), done.stderr


def test_a_job_title_in_a_title_column_is_the_position(cli: Cli, tmp_path):
    """A Title column holding what is not a courtesy title or honorific gives the position
    (unless a position is given); abbreviations the tables do not know stay the title."""
    text = ("Title,Name,Organization,Email,Position\n"
            "Director General,Ayesha Raza,FIA,ayesha@fia.gov.pk,\n"
            "H.E. Ambassador,Margaret Adamson,AHC,m@ahc.org,\n"
            "Ms.,Sara Khan,FIA,sara@fia.gov.pk,\n"
            "Rev.,John Doe,FIA,john@fia.gov.pk,\n"
            "Deputy Director,Ali Raza,FIA,ali@fia.gov.pk,Inspector\n"
            "Brig (R),Amir Raza,NDU,amir@ndu.edu.pk,\n"
            "Lt Col Dr.,Sara Malik,NDU,sara@ndu.edu.pk,\n"
            "General Manager,Asif Ali,PTV,asif@ptv.com.pk,\n")
    cli.ok("import", "contacts", str(write(tmp_path, text)))
    got = {p["full_name"]: (p["honorific"], p["title"], p["position"]) for p in people(cli)}
    assert got == {"Ayesha Raza": (None, None, "Director General"),
                   "Margaret Adamson": ("H.E.", None, "Ambassador"),
                   "Sara Khan": (None, "Ms.", None),
                   "John Doe": (None, "Rev.", None),
                   "Ali Raza": (None, "Deputy Director", "Inspector"),
                   # a rank is the honorific; written out before other words, a job title
                   "Amir Raza": ("Brig (R)", None, None),
                   "Sara Malik": ("Lt Col", "Dr.", None),
                   "Asif Ali": (None, None, "General Manager")}


def test_a_position_without_an_organization_is_said_not_kept(cli: Cli, tmp_path):
    """A position is held at an organization: a row naming none cannot keep it, and says so
    rather than losing it silently."""
    text = ("Name,Designation,Organization,Email\n"
            "Hina Jilani,Director,HRCP,hina@hrcp.org\n"
            "Fatima Bhutto,Writer,,fatima@example.org\n")
    path = write(tmp_path, text)
    dry = cli.ok("import", "contacts", str(path), "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "2      created   Hina Jilani",
        "3      created   Fatima Bhutto  position not kept (no organization)"]
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == (
        "Position not kept where the row names no organization (a position is held at one): "
        "row 3\n"
        "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n")
    assert [(p["full_name"], p["organization"], p["position"]) for p in people(cli)] == [
        ("Fatima Bhutto", None, None), ("Hina Jilani", "HRCP", "Director")]
    again = cli.ok("import", "contacts", str(path))  # skipped: nothing of row 3 is kept anyway
    assert again.stderr == "Imported batch 2: 0 created, 0 updated, 2 skipped, 0 rejected\n"


def test_national_numbers_need_a_region(cli: Cli, tmp_path):
    result = cli("import", "contacts", str(write(tmp_path, SHEET)))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "Row 4: phone number '0300 1234567' has no country code; give --region")


def test_a_sign_in_sheet_reads_local_numbers_in_its_events_country(cli: Cli, tmp_path):
    """With --event, numbers without +code are read in the event's country (and the import
    says so); --region and STAKEHOLDERS_REGION still come first; an event without a country
    gives none."""
    cli.ok("event", "add", "Awareness walk, F-9 Park", "--date", "2026-11-20", "--country", "PK")
    cli.ok("event", "add", "Webinar", "--date", "2026-11-21")
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--event", "Webinar")
    assert result.exit_code == 1 and "has no country code" in result.stderr
    result = cli.ok("import", "contacts", str(write(tmp_path, SHEET)), "--event", "walk")
    assert result.stderr.splitlines()[0] == (
        "Phone numbers without a country code read as PK, the event's country (--region to say "
        "otherwise)")
    assert {p["full_name"]: p["phone"] for p in people(cli)}["Olga Ivanova"] == "+923001234567"
    cli.ok("import", "undo", "1")
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--event", "walk",
                 env={"STAKEHOLDERS_REGION": "US"})
    assert result.exit_code == 1 and "invalid phone number '0300 1234567'" in result.stderr
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--event", "walk",
                 "--region", "FR")
    assert result.exit_code == 1 and "invalid phone number '0300 1234567'" in result.stderr


def test_a_rows_own_country_reads_its_national_numbers(cli: Cli, tmp_path):
    """A row's Country column says where its national numbers are, before --region and
    STAKEHOLDERS_REGION; a row without one reads them in --region or STAKEHOLDERS_REGION,
    else in its organization's recorded country (or the one an earlier row gave it), as
    person add does, else in the event's."""
    cli.ok("org", "add", "Department of Home Affairs", "--country", "AU")
    cli.ok("event", "add", "Awareness walk, F-9 Park", "--date", "2026-11-20", "--country", "PK")
    path = write(tmp_path, "Name,Organization,Country,Phone\n"
                           "Amina Qureshi,Ministry of Interior,Pakistan,0300 1234567\n"
                           "Hans Meier,Auswärtiges Amt,DE,030 18170\n"
                           "Jane Doe,Department of Home Affairs,,02 6264 1111\n"
                           "Karl Weber,Auswärtiges Amt,,030 1817 2000\n")
    result = cli("import", "contacts", str(write(
        tmp_path, "Name,Organization,Country,Phone\nSadia Noor,,AU,0300 1234567\n"
                  "Jane Roe,Department of Home Affairs,,0300 7654321\n", "abroad.csv")))
    assert result.stderr.splitlines()[:2] == [  # the country no option gave is named
        "Row 2: invalid phone number '0300 1234567', read in AU, the row's country",
        "Row 3: invalid phone number '0300 7654321', read in AU, its organization's country"]
    cli.ok("import", "contacts", str(path))
    assert {p["full_name"]: p["phone"] for p in people(cli)} == {
        "Amina Qureshi": "+923001234567", "Hans Meier": "+493018170",
        "Jane Doe": "+61262641111", "Karl Weber": "+493018172000"}
    cli.ok("import", "undo", "1")
    result = cli("import", "contacts", str(path), env={"STAKEHOLDERS_REGION": "PK"})
    assert result.exit_code == 1 and result.stderr.splitlines()[0] == (
        "Row 4: invalid phone number '02 6264 1111'")  # read in PK, as person add reads it
    result = cli.ok("import", "contacts", str(path), "--event", "walk", "--dry-run")
    assert "the event's country" not in result.stderr  # every row had a country of its own
    result = cli.ok("import", "contacts", str(write(
        tmp_path, "Name,Phone\nSadia Noor,0300 7654321\n")), "--event", "walk")
    assert result.stderr.startswith("Phone numbers without a country code read as PK")


def test_words_in_a_phone_cell_are_a_rejected_row_not_digits(cli: Cli, tmp_path):
    """The phone parser reads letters as a keypad's digits: "051-925 (PTCL)" became a
    landline nobody has (+92519257825). A label before the number is passed over; a remark
    after a whole number is its label (below). --skip-invalid keeps the person without it."""
    path = write(tmp_path, "Name,Phone\nAmina Qureshi,051-925 (PTCL)\n"
                           "Bilal Ahmed,0300-WHATS-APP\nSadia Noor,Cell: 0300-7654321\n")
    result = cli("import", "contacts", str(path), "--region", "PK")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        # the number before the remark is what is wrong (too short), not the remark
        "Row 2: invalid phone number '051-925'",
        "Row 3: phone number '0300-WHATS-APP' holds letters, which are not part of a "
        "number; give the number alone (a remark in a note)"]
    result = cli.ok("import", "contacts", str(path), "--region", "PK", "--skip-invalid")
    assert [(p["full_name"], p["phone"]) for p in people(cli)] == [
        ("Bilal Ahmed", None), ("Sadia Noor", "+923007654321"), ("Amina Qureshi", None)]
    result = cli("person", "add", "Omar Farooq", "--phone", "051-925 PTCL", "--region", "PK")
    assert (result.exit_code, result.stderr) == (1, "Error: invalid phone number '051-925'\n")
    # a spreadsheet's scientific notation lost the number's last digits: say so
    result = cli("person", "add", "Omar Farooq", "--phone", "9.23001E+11")
    assert result.exit_code == 1 and "scientific notation" in result.stderr


def test_a_remark_after_a_phone_number_becomes_its_label(cli: Cli, tmp_path):
    """Sign-in sheets write "0300-1234567 (WhatsApp)" or an extension after the office line:
    the number is stored, the remark kept as the contact's label (not refused, which made
    --skip-invalid drop the whole row, attendance and all). A person met again in the file
    keeps a remark given there, and undo takes them all away."""
    path = write(tmp_path, "Name,Email,Phone\n"
                           "Bilal Ahmed,bilal@example.pk,0300-1234567 (WhatsApp)\n"
                           "Amina Qureshi,amina@example.pk,051-9250000 ext. 123; 0321-7654321\n"
                           "Bilal Ahmed,bilal@example.pk,051 2601461 [office]\n")
    cli.ok("import", "contacts", str(path), "--region", "PK", "--on-duplicate", "update")

    def phones(name: str) -> list[tuple]:
        shown = json.loads(cli.ok("person", "show", name, "-f", "json").stdout)
        return [(p["value"], p["label"], p["primary"]) for p in shown["contact_points"]
                if p["kind"] == "phone"]

    assert phones("Bilal Ahmed") == [("+923001234567", "WhatsApp", True),
                                     ("+92512601461", "office", False)]
    assert phones("Amina Qureshi") == [("+92519250000", "ext. 123", True),
                                       ("+923217654321", None, False)]
    later = write(tmp_path, "Name,Email,Phone\nAmina Qureshi,amina@example.pk,0333 1112222 home\n",
                  "later.csv")
    cli.ok("import", "contacts", str(later), "--region", "PK", "--on-duplicate", "update")
    assert phones("Amina Qureshi")[-1] == ("+923331112222", "home", False)
    cli.ok("import", "undo", "2")
    cli.ok("import", "undo", "1")
    assert people(cli) == []


def test_an_extension_after_a_comma_stays_with_its_number(cli: Cli, tmp_path):
    """"051-9250000, Ext. 12" is one number and its extension, not two numbers (the second
    refused, rejecting the row); a comma before another number still parts them."""
    path = write(tmp_path, "Name,Email,Phone\n"
                           'Amina Qureshi,amina@example.pk,"051-9250000, Ext. 12, 0321-7654321"\n'
                           'Bilal Ahmed,bilal@example.pk,"+92 300 1234567 / extn 5"\n')
    cli.ok("import", "contacts", str(path), "--region", "PK")

    def phones(name: str) -> list[tuple]:
        shown = json.loads(cli.ok("person", "show", name, "-f", "json").stdout)
        return [(p["value"], p["label"]) for p in shown["contact_points"]
                if p["kind"] == "phone"]

    assert phones("Amina Qureshi") == [("+92519250000", "Ext. 12"), ("+923217654321", None)]
    assert phones("Bilal Ahmed") == [("+923001234567", "extn 5")]


def test_unknown_headers_need_a_map(cli: Cli, tmp_path):
    path = write(tmp_path, "Participant Surname,Participant Email,Shoe size\nKhan,k@x.org,44\n")
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no name or email column recognised in the header (Participant Surname, "
        "Participant Email, Shoe size); use --map HEADER=FIELD\n")
    result = cli.ok("import", "contacts", str(path), "--map", "participant surname=family_name",
                    "--map", "Participant Email=email")
    assert result.stderr == ("Ignored columns: Shoe size\n"
                             "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n")
    assert [(p["full_name"], p["email"]) for p in people(cli)] == [("Khan", "k@x.org")]
    # one column given two fields: the last one would win without a word
    result = cli("import", "contacts", str(path), "--map", "Participant Email=email",
                 "--map", "participant email=phone", "--map", "Participant Surname=family_name")
    assert (result.exit_code, result.stderr) == (
        2, "Error: --map gives the column 'participant email' two fields, email and phone; "
           "give one (see 'stakeholders import contacts --help')\n")


@pytest.mark.parametrize("first", [
    "Ayesha Raza,ayesha.raza@af.org.pk,Aurat Foundation",
    "Ayesha Raza,Aurat Foundation,0321-5556677",
])
def test_a_file_without_a_header_line_is_refused_without_printing_a_person(
        cli: Cli, tmp_path, first):
    """With no header, the line read as one is someone's: the error says what is wrong and
    what to do, but prints none of it (with --map too), and nothing is written."""
    path = write(tmp_path, f"{first}\nBilal Ahmed,bilal@af.org.pk,Aurat Foundation\n")
    for extra in ([], ["--map", "Participant=full_name"]):
        result = cli("import", "contacts", str(path), "--region", "PK", *extra)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
        assert "the file seems to have no header line" in result.stderr
        assert "Ayesha" not in result.stderr and "Aurat" not in result.stderr
    assert people(cli) == []


def test_a_file_read_in_the_wrong_encoding_is_not_printed_as_its_header(cli: Cli, tmp_path):
    """UTF-8 read as --encoding utf-16 is one line of one cell, the whole file in other
    characters: the error gives its length, not the file."""
    rows = "".join(f"Person {i},p{i}@acme.org,+9230012345{i:02d}\n" for i in range(20))
    text = "Name,Email,Phone\n" + rows
    path = write(tmp_path, text + "\n" * (len(text) % 2))  # whole UTF-16 characters
    for extra in ([], ["--map", "Mail=email"]):
        result = cli("import", "contacts", str(path), "--encoding", "utf-16", *extra)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1
        assert "a cell of " in result.stderr and len(result.stderr) < 250, result.stderr
    assert people(cli) == []


def test_a_column_without_a_header_is_named_as_passed_over(cli: Cli, tmp_path):
    """Cells under no header (a phone typed beside the last named column) cannot be read as
    any field: the import says so rather than drop them unmentioned."""
    path = write(tmp_path, "Name,Email,\nAmna Khalid,amna@x.org,0300-1230001\n")
    result = cli.ok("import", "contacts", str(path), "--dry-run")
    assert result.stderr.startswith("Ignored columns: column 3 (no header)\n")
    path = _xlsx(tmp_path, [["Name", "Email"], ["Amna Khalid", "amna@x.org", "0300-1230001"]])
    result = cli.ok("import", "contacts", str(path), "--dry-run")
    assert result.stderr.startswith("Ignored columns: column 3 (no header)\n")
    path = write(tmp_path, "Name,Email,\nAmna Khalid,amna@x.org,\n")  # nothing under it
    assert not cli.ok("import", "contacts", str(path), "--dry-run").stderr.startswith("Ignored")


def test_mailchimp_quoted_tags_are_stored_without_their_quotes(cli: Cli, tmp_path):
    text = ('Email Address,First Name,Last Name,TAGS\n'
            'ann@x.org,Ann,Lee,"""Launch 2017"",""Media"""\n')
    cli.ok("import", "contacts", str(write(tmp_path, text)))
    assert people(cli)[0]["tags"] == ["Launch 2017", "Media"]


@pytest.mark.parametrize("cell", [
    '"Launch 2017, Media"', '"Launch 2017", "Media"', '"Launch 2017";"Media"',
    "'Launch 2017', 'Media'", 'Launch 2017, "Media"', '“Launch 2017”, “Media”',
    '"Launch 2017" ::: "Media"'])
def test_a_quoted_list_of_tags_is_split_without_stray_quotes(cli: Cli, tmp_path, cell):
    """A tags cell quoted as a whole ("a, b"), or with each tag quoted, as Mailchimp and
    pasted lists write them, gives the tags alone: no quote mark stays on the first or last."""
    text = 'Email Address,First Name,Last Name,TAGS\nann@x.org,Ann,Lee,"{}"\n'.format(
        cell.replace('"', '""'))
    cli.ok("import", "contacts", str(write(tmp_path, text)))
    assert people(cli)[0]["tags"] == ["Launch 2017", "Media"]


def test_a_bad_tag_option_is_refused_once_not_blamed_on_every_row(cli: Cli, tmp_path):
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--region", "PK",
                 "--tag", "x" * 101, "--skip-invalid")
    assert result.exit_code == 1
    assert result.stderr == "Error: --tag: tag is too long (101 characters; at most 100)\n"
    assert people(cli) == []


@pytest.mark.parametrize(("options", "message", "code"), [
    (["--event", ""], "Invalid value for '--event': it is empty; give an id or a name "
     "(see 'stakeholders import contacts --help')", 2),
    (["--event", "1", "--role", ""], "'' is not a valid role; choose one of: speaker, "
     "presenter, moderator, organizer, attendee", 1),
    (["--event", "1", "--status", ""], "'' is not a valid status; choose one of: invited, "
     "registered, attended, no-show, declined, cancelled", 1),
    (["--role", ""], "--role and --status need --event "
     "(see 'stakeholders import contacts --help')", 2),
    (["--tag", ""], "--tag: tag is empty", 1),
])
def test_an_empty_option_is_refused_not_taken_for_none(seeded_cli: Cli, tmp_path, options,
                                                       message, code):
    """`--event "$EV"` with EV unset would import everyone without their attendance."""
    refused(seeded_cli, "import", "contacts", str(write(tmp_path, SHEET)), "--region", "PK",
            *options, message=message, code=code)


def test_an_import_tag_holding_a_separator_is_refused(cli: Cli, tmp_path):
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--region", "PK",
                 "--tag", "launch;2017")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --tag: tag 'launch;2017' holds ',' or ';'")
    assert people(cli) == []


def test_a_bad_map_is_refused(cli: Cli, tmp_path):
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--map", "Shoe=size")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --map 'Shoe=size': use HEADER=FIELD with FIELD one of")


def test_a_map_naming_a_column_the_file_lacks_is_refused(cli: Cli, tmp_path):
    # A typo in --map would otherwise import the file with that column unread.
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--region", "PK",
                 "--map", "Mobile No=phone")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: --map names a column the file does not have (mobile no); its columns: ")
    assert people(cli) == []


def test_cp1252_is_detected_and_said(cli: Cli, tmp_path):
    path = write(tmp_path, "Name;Organization;Email\nJürgen Müller;Société Générale;jm@sg.fr\n",
                 encoding="cp1252")
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == ("Read in.csv as cp1252\n"
                             "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n")
    assert [(p["full_name"], p["organization"]) for p in people(cli)] == [
        ("Jürgen Müller", "Société Générale")]


def test_excel_unicode_text_utf16_with_tabs_is_read(cli: Cli, tmp_path):
    """Excel saves non-Latin text as "Unicode Text": UTF-16 with a byte-order mark, tab
    separated."""
    path = tmp_path / "names.txt"
    path.write_bytes("Name\tOrganisation\tEmail\r\nعلی رضا\tUNODC\tali@unodc.org\r\n"
                     "张伟\tUNODC\tzw@unodc.org\r\n".encode("utf-16"))
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == ("Read names.txt as utf-16\n"
                             "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n")
    assert sorted((p["full_name"], p["email"]) for p in people(cli)) == sorted(
        [("علی رضا", "ali@unodc.org"), ("张伟", "zw@unodc.org")])


def test_encoding_option_and_bom(cli: Cli, tmp_path):
    path = write(tmp_path, "\ufeffName,Email\nZoë Çelik,z@x.org\n")
    assert cli.ok("import", "contacts", str(path)).stderr.startswith("Imported batch 1")
    path = write(tmp_path, "Name,Email\nJosé Núñez,j@x.org\n", "l1.csv", encoding="latin-1")
    result = cli.ok("import", "contacts", str(path), "--encoding", "latin-1")
    assert result.stderr.startswith("Read l1.csv as latin-1\n")
    assert [p["full_name"] for p in people(cli)] == ["Zoë Çelik", "José Núñez"]
    result = cli("import", "contacts", str(path), "--encoding", "utf-8")
    assert result.stderr == "Error: the file is not utf-8: byte 0xE9 on line 2\n"


def test_a_byte_cp1252_leaves_undefined_keeps_the_file_cp1252(cli: Cli, tmp_path):
    """One stray 0x9D read the whole file as Latin-1 once: its dash, curly quotes and euro sign
    became control characters, then were dropped."""
    path = tmp_path / "w.csv"
    path.write_bytes(b"Name,Email,Organization,Notes\r\nRen\xe9e M\xfcller\x96Smith,"
                     b"renee@x.org,\x84Caf\xe9\x93 Org,O\x92Brien owes \x805 \x9d\r\n")
    for asked in ((), ("--encoding", "cp1252")):
        result = cli.ok("import", "contacts", str(path), *asked)
        assert result.stderr.startswith("Read w.csv as cp1252\n")
        cli.ok("import", "undo", result.stdout.strip())
    cli.ok("import", "contacts", str(path))
    [person] = people(cli)
    assert (person["full_name"], person["organization"], person["notes"]) == (
        "Renée Müller–Smith", "„Café“ Org", "O’Brien owes €5")


def test_a_utf8_file_with_a_line_in_cp1252_is_read_line_by_line(cli: Cli, tmp_path):
    """Rows typed on in an older Excel: each line is read as what it is, and the lines that
    are not UTF-8 are named."""
    path = tmp_path / "mixed.csv"
    path.write_bytes("Name,Email,Organization\nJosé Núñez,jose@x.org,Embajada\n".encode()
                     + b"Ren\xe9e Caf\xe9,renee@x.org,Org\n"
                     + "Zoë Çelik,z@x.org,Café ".encode() + b"\x93Bleu\x94\n")
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr.startswith("Read mixed.csv as utf-8, lines 3, 4 as cp1252\n")
    assert sorted((p["full_name"], p["organization"]) for p in people(cli)) == [
        ("José Núñez", "Embajada"), ("Renée Café", "Org"), ("Zoë Çelik", "Café “Bleu”")]


def test_blank_lines_above_the_header_are_passed_over(cli: Cli, tmp_path):
    """Excel writes an empty row above the table as a line of separators; the header is the
    first line with a cell filled, and rows keep the file's numbering."""
    text = ("\r\n;;\r\nName;Organization;Email\r\n"
            "Jürgen Müller;Société Générale;jm@sg.fr\r\nAnn Lee;;ann-at-x\r\n")
    path = write(tmp_path, text)
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Row 5: invalid email 'ann-at-x': An email address must have an @-sign.")
    result = cli.ok("import", "contacts", str(path), "--skip-invalid")
    assert [(p["full_name"], p["organization"], p["email"]) for p in people(cli)] == [
        ("Ann Lee", None, None), ("Jürgen Müller", "Société Générale", "jm@sg.fr")]


def test_an_excel_sep_line_names_the_separator(cli: Cli, tmp_path):
    """Excel's "sep=," first line is not a header: the separator it names is used, whatever
    the header's own commas and semicolons suggest, and row numbers stay the file's."""
    text = ("sep=,\r\nName,Organization;Unit,Email\r\n"
            "Jürgen Müller,Société Générale;Paris,jm@sg.fr\r\nAnn Lee,,ann-at-x\r\n")
    path = write(tmp_path, text)
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "Ignored columns: Organization;Unit",
        "Row 4: invalid email 'ann-at-x': An email address must have an @-sign."]
    cli.ok("import", "contacts", str(path), "--skip-invalid",
           "--map", "Organization;Unit=organization")
    assert [(p["full_name"], p["organization"], p["email"]) for p in people(cli)] == [
        ("Ann Lee", None, None), ("Jürgen Müller", "Société Générale;Paris", "jm@sg.fr")]


def test_a_file_with_line_ends_as_old_mac_excel_writes_them_is_read(cli: Cli, tmp_path):
    """Excel for Mac's "CSV (Macintosh)" ends each line with a carriage return alone."""
    text = ("Name;Organization;Email\rJürgen Müller;Société Générale, Paris;jm@sg.fr\r"
            "Ann Lee;;ann@x.org\r")
    result = cli.ok("import", "contacts", str(write(tmp_path, text, encoding="cp1252")))
    assert result.stderr == ("Read in.csv as cp1252\n"
                             "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n")
    assert [(p["full_name"], p["organization"], p["email"]) for p in people(cli)] == [
        ("Ann Lee", None, "ann@x.org"),
        ("Jürgen Müller", "Société Générale, Paris", "jm@sg.fr")]


# -- duplicates -------------------------------------------------------------------------------

EXISTING = "Name,Organization,Email,Position,Notes\nAmina Qureshi,Ministry of Interior,amina@interior.gov.pk,Director,\n"


@pytest.fixture
def amina(cli: Cli, tmp_path) -> Cli:
    cli.ok("import", "contacts", str(write(tmp_path, EXISTING, "first.csv")))
    return cli


def test_duplicate_by_email_is_skipped_by_default(amina: Cli, tmp_path):
    text = "Name,Email,Notes\nAmina Q. Qureshi,AMINA@interior.gov.pk,New note\n"
    result = amina.ok("import", "contacts", str(write(tmp_path, text)))
    assert result.stderr == "Imported batch 2: 0 created, 0 updated, 1 skipped, 0 rejected\n"
    assert people(amina)[0]["notes"] is None


def test_duplicate_by_name_and_organization(amina: Cli, tmp_path):
    text = "Name,Organization,Phone\nAMINA QURESHI,ministry of interior,+92512601461\n"
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "fill")
    assert result.stderr == "Imported batch 2: 0 created, 1 updated, 0 skipped, 0 rejected\n"
    assert people(amina)[0]["phone"] == "+92512601461"


def test_update_overwrites_with_non_empty_values_and_fill_only_fills(amina: Cli, tmp_path):
    text = "Name,Email,Position,Notes\nAmina Qureshi,amina@interior.gov.pk,,Prefers calls\n"
    amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "fill")
    assert people(amina)[0]["notes"] == "Prefers calls"
    text = "Name,Email,Notes\nAmina Qureshi,amina@interior.gov.pk,Prefers email\n"
    amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "fill")
    assert people(amina)[0]["notes"] == "Prefers calls"
    amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    assert people(amina)[0]["notes"] == "Prefers email"
    assert people(amina)[0]["position"] == "Director"  # an empty cell blanks nothing


def test_update_keeps_a_recorded_name_a_list_writes_in_capitals_or_surname_first(
        amina: Cli, tmp_path):
    """A partner's list writing "QURESHI, Amina" (or only "Qureshi") names Amina Qureshi as
    recorded: update takes the row's new values but leaves her name as it is spelt (so does
    a later row of the file for someone an earlier one adds). A name spelt otherwise is a
    correction: it is taken."""
    text = ("Name,Email,Phone\n"
            '"QURESHI, Amina",amina@interior.gov.pk,+92512601461\n'
            "Nusrat Shah,nusrat@ncsw.gov.pk,\n"
            '"SHAH, Nusrat",nusrat@ncsw.gov.pk,+92519206281\n')
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate",
                      "update", "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "2      updated   QURESHI, Amina  #1: phone",
        "3      created   Nusrat Shah",
        "4      updated   SHAH, Nusrat    the same person as row 3: phone",
    ]
    amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    names = {p["email"]: (p["given_name"], p["family_name"], p["full_name"], p["phone"])
             for p in people(amina)}
    assert names == {"amina@interior.gov.pk": ("Amina", "Qureshi", "Amina Qureshi",
                                               "+92512601461"),
                     "nusrat@ncsw.gov.pk": ("Nusrat", "Shah", "Nusrat Shah", "+92519206281")}
    text = "Last Name,Email\nQureshi,amina@interior.gov.pk\n"  # her name in part
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate",
                      "update")
    assert " 1 skipped" in result.stderr
    text = "Name,Email\nAmina Qureshi-Baig,amina@interior.gov.pk\n"
    amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    assert {p["full_name"] for p in people(amina)} == {"Amina Qureshi-Baig", "Nusrat Shah"}


def test_fill_and_update_set_a_recorded_persons_position_and_undo_restores_it(
        cli: Cli, tmp_path):
    """The row's position at an organization the person already has: fill sets it where it is
    empty, update overwrites it; undo puts the old one back."""
    db_dump = data
    cli.ok("org", "add", "ACME")
    cli.ok("person", "add", "Ana Lopez", "--org", "ACME", "--email", "ana@example.org")
    manager = write(tmp_path, "Name,Organization,Email,Position\n"
                    "Ana Lopez,ACME,ana@example.org,Manager\n", "manager.csv")
    director = write(tmp_path, "Name,Organization,Email,Position\n"
                     "Ana Lopez,ACME,ana@example.org,Director\n", "director.csv")
    empty = db_dump(cli.url)
    out = cli.ok("import", "contacts", str(manager), "--on-duplicate", "fill", "--dry-run")
    assert out.stdout.splitlines()[2:] == ["2      updated   Ana Lopez  #1: position"]
    result = cli.ok("import", "contacts", str(manager), "--on-duplicate", "fill")
    assert result.stderr == "Imported batch 1: 0 created, 1 updated, 0 skipped, 0 rejected\n"
    result = cli.ok("import", "contacts", str(director), "--on-duplicate", "fill")
    assert result.stderr == "Imported batch 2: 0 created, 0 updated, 1 skipped, 0 rejected\n"
    assert people(cli)[0]["position"] == "Manager"
    manager_dump = db_dump(cli.url)
    result = cli.ok("import", "contacts", str(director), "--on-duplicate", "update")
    assert result.stderr == "Imported batch 3: 0 created, 1 updated, 0 skipped, 0 rejected\n"
    assert people(cli)[0]["position"] == "Director"
    assert cli.ok("import", "undo", "3").stderr == (
        "Undid batch 3: deleted nothing; restored 1 row\n")
    assert db_dump(cli.url) == manager_dump
    cli.ok("import", "undo", "2")
    cli.ok("import", "undo", "1")
    assert db_dump(cli.url) == empty


def test_a_post_a_contact_list_adds_fills_in_the_attendances_that_took_none(cli: Cli,
                                                                           tmp_path):
    """Someone recorded at an event before anyone knew their organization took none; a
    contact list that gives them a post fills it in, as `person affiliate` does, and undoing
    the import empties it again. One given with --org stays."""
    db_dump = data
    cli.ok("org", "add", "IOM")
    cli.ok("person", "add", "Ana Lopez", "--email", "ana@example.org")
    for name, day in (("Launch", "2017-07-19"), ("Briefing", "2017-08-01")):
        cli.ok("event", "add", name, "--date", day)
    cli.ok("attendance", "add", "Launch", "Ana Lopez")
    cli.ok("attendance", "add", "Briefing", "Ana Lopez", "--org", "IOM")
    before = db_dump(cli.url)
    staff = write(tmp_path, "Name,Organization,Email,Position\n"
                  "Ana Lopez,UNODC,ana@example.org,Adviser\n", "staff.csv")
    result = cli.ok("import", "contacts", str(staff), "--on-duplicate", "fill")
    assert result.stderr == ("Imported batch 1: 0 created, 1 updated, 0 skipped, 0 rejected; "
                             "1 attendance given the organization of a new post\n")
    shown = json.loads(cli.ok("person", "show", "Ana Lopez", "-f", "json").stdout)
    assert {a["event"]: a["organization"] for a in shown["attendances"]} == {
        "Launch": "UNODC", "Briefing": "IOM"}
    cli.ok("import", "undo", "1")
    assert db_dump(cli.url) == before


def test_a_post_a_list_adds_fills_in_only_what_that_post_is_current_for(cli: Cli, tmp_path):
    """An attendance left empty though a post was current then (as an earlier version left
    it) is not the import's to fill: its new post is not the one current on that date."""
    from sqlalchemy import create_engine

    cli.ok("org", "add", "IOM")
    cli.ok("person", "add", "Ana Lopez", "--email", "ana@example.org", "--org", "IOM",
           "--position", "Officer")
    cli.ok("event", "add", "Launch", "--date", "2017-07-19")
    cli.ok("attendance", "add", "Launch", "Ana Lopez")  # IOM, then emptied as of old
    engine = create_engine(cli.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE attendances SET organization_id = NULL"))
    engine.dispose()
    staff = write(tmp_path, "Name,Organization,Email,Position\n"
                  "Ana Lopez,UNODC,ana@example.org,Adviser\n", "staff.csv")
    result = cli.ok("import", "contacts", str(staff), "--on-duplicate", "update")
    assert result.stderr == "Imported batch 1: 0 created, 1 updated, 0 skipped, 0 rejected\n"
    shown = json.loads(cli.ok("person", "show", "Ana Lopez", "-f", "json").stdout)
    assert [a["organization"] for a in shown["attendances"]] == [None]
    assert len(shown["affiliations"]) == 2


def test_later_rows_set_the_position_at_an_organization_an_earlier_row_adds(amina: Cli,
                                                                            tmp_path):
    text = ("Name,Email,Organization,Position\n"
            "Amina Qureshi,amina@interior.gov.pk,Dawn Media Group,\n"
            "Amina Qureshi,amina@interior.gov.pk,Dawn Media Group,Columnist\n"
            "Amina Qureshi,amina@interior.gov.pk,Ministry of Interior,Secretary\n")
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate",
                      "update", "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "2      updated   Amina Qureshi  #1: organization",
        "3      updated   Amina Qureshi  #1: position",
        "4      updated   Amina Qureshi  #1: position",
    ]
    amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    report = json.loads(amina.ok("report", "person", "Amina Qureshi", "--format", "json").stdout)
    assert sorted((a["organization"], a["position"]) for a in report["affiliations"]) == [
        ("Dawn Media Group", "Columnist"), ("Ministry of Interior", "Secretary")]


def test_tag_option_tags_recorded_people_too_and_undo_removes_it(amina: Cli, tmp_path):
    """--tag tags everyone the file names, whatever --on-duplicate says; a skipped row's own
    tags are not added."""
    db_dump = data
    amina.ok("event", "add", "Launch", "--date", "2017-07-19")
    before = db_dump(amina.url)
    text = ("Name,Email,Tags\n"
            "Amina Qureshi,amina@interior.gov.pk,vip\n"
            "Rabia Javed,rabia@dawn.com.pk,\n")
    path = write(tmp_path, text)
    result = amina.ok("import", "contacts", str(path), "--tag", "Launch 2017", "--dry-run")
    assert result.stdout.splitlines()[2:] == ["2      updated   Amina Qureshi  #1: tags",
                                              "3      created   Rabia Javed"]
    result = amina.ok("import", "contacts", str(path), "--tag", "Launch 2017", "--event", "1")
    assert result.stderr == ("Imported batch 2: 1 created, 1 updated, 0 skipped, 0 rejected; "
                             "2 attendances recorded\n")
    assert {p["full_name"]: p["tags"] for p in people(amina)} == {
        "Amina Qureshi": ["Launch 2017"], "Rabia Javed": ["Launch 2017"]}
    result = amina.ok("import", "contacts", str(path), "--tag", "Launch 2017")
    assert result.stderr == "Imported batch 3: 0 created, 0 updated, 2 skipped, 0 rejected\n"
    amina.ok("import", "undo", "3")
    result = amina.ok("import", "undo", "2")
    assert result.stderr == ("Undid batch 2: deleted 1 person, 1 tag, 1 tag link, "
                             "1 attendance; restored nothing\n")
    assert db_dump(amina.url) == before


def test_a_row_with_only_an_email_matches_a_recorded_person(amina: Cli, tmp_path):
    """An email column alone is a usable header: a row matching a recorded person by email
    needs no name; a row for a new person does."""
    text = "Email Address,First Name\nAMINA@interior.gov.pk,\nnew@x.org,\n"
    result = amina("import", "contacts", str(write(tmp_path, text)), "--tag", "newsletter")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Row 3: no name"
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--tag", "newsletter",
                      "--skip-invalid", "--on-duplicate", "update")
    assert result.stderr == ("Row 3: no name\n"
                             "Imported batch 2: 0 created, 1 updated, 0 skipped, 1 rejected\n")
    [person] = people(amina)
    assert (person["full_name"], person["tags"]) == ("Amina Qureshi", ["newsletter"])
    result = amina("import", "contacts", str(write(tmp_path, text)), "--dry-run")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == [
        "2      skipped   AMINA@interior.gov.pk  already recorded (#1)",
        "3      rejected  new@x.org              no name",
    ]


def test_on_duplicate_error_rejects_the_row(amina: Cli, tmp_path, db_dump):
    before = db_dump(amina.url)
    text = "Name,Email\nNew Person,new@x.org\nAmina Qureshi,amina@interior.gov.pk\n"
    result = amina("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "error")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Row 3: already recorded as person #1"
    assert db_dump(amina.url) == before


SHARED = ("Name,Organisation,Email\n"
          "Asad Ali,Ministry of Interior,info@interior.gov.pk\n"   # the office's address
          "Amina Qureshi,Ministry of Interior,info@interior.gov.pk\n"
          "Asad Ali,Ministry of Interior,\n")


@pytest.mark.parametrize("match, actions", [
    # email (default): the shared address makes Asad Ali into Amina Qureshi
    ("email", ["2      skipped   Asad Ali       already recorded (#1)",
               "3      skipped   Amina Qureshi  already recorded (#1)",
               "4      created   Asad Ali"]),
    # name: the address tells nobody apart; name and organization do
    ("name", ["2      created   Asad Ali",
              "3      skipped   Amina Qureshi  already recorded (#1)",
              "4      skipped   Asad Ali       the same person as row 2"]),
    # both: email and name together; a row without an email by name and organization
    ("both", ["2      created   Asad Ali",
              "3      skipped   Amina Qureshi  already recorded (#1)",
              "4      skipped   Asad Ali       the same person as row 2"]),
])
def test_match_keys_for_shared_addresses(amina: Cli, tmp_path, match, actions):
    amina.ok("person", "edit", "Amina Qureshi", "--email", "info@interior.gov.pk")
    result = amina.ok("import", "contacts", str(write(tmp_path, SHARED)), "--match", match,
                      "--dry-run")
    assert sorted(result.stdout.splitlines()[2:]) == actions


def test_match_name_and_both_need_a_name_on_every_row(amina: Cli, tmp_path):
    text = "Email,Name\namina@interior.gov.pk,\n"
    assert amina.ok("import", "contacts", str(write(tmp_path, text)),
                    "--dry-run").stdout.splitlines()[2:] == [
        "2      skipped   amina@interior.gov.pk  already recorded (#1)"]
    for match in ("name", "both"):
        result = amina("import", "contacts", str(write(tmp_path, text)), "--match", match)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == "Row 2: no name"


def test_match_both_tells_namesakes_apart_by_email(amina: Cli, tmp_path):
    text = ("Name,Organisation,Email\n"
            "Amina Qureshi,Ministry of Interior,AMINA@interior.gov.pk\n"
            "Amina Qureshi,Ministry of Interior,other.amina@interior.gov.pk\n")
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--match", "both")
    assert result.stderr == "Imported batch 2: 1 created, 0 updated, 1 skipped, 0 rejected\n"
    assert sorted(p["email"] for p in people(amina)) == [
        "amina@interior.gov.pk", "other.amina@interior.gov.pk"]


UNSUBSCRIBED = ("Email Address,First Name,Last Name,Phone\n"
                "AMINA@interior.gov.pk,,,+92512601461\n"   # recorded
                "nobody@example.org,,,\n"                  # an address we never had
                "Sara.Ali@example.org,Sara,Ali,\n")


def test_an_unsubscribe_list_opts_everyone_out_and_undoes_exactly(amina: Cli, tmp_path):
    """--opted-out records an email opt-out for each person, new or recorded, whatever
    --on-duplicate says; an address alone is kept under its own name, so that no later list
    mails it. Undo takes the statements back and restores the flag."""
    db_dump = data  # apart from the audit trail
    before = db_dump(amina.url)
    path = write(tmp_path, UNSUBSCRIBED, "unsub.csv")
    result = amina.ok("import", "contacts", str(path), "--opted-out", "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "2      updated   AMINA@interior.gov.pk  #1: opted out",
        "3      created   nobody@example.org     opted out",
        "4      created   Sara Ali               opted out",
    ]
    result = amina.ok("import", "contacts", str(path), "--opted-out")
    assert result.stderr == ("Imported batch 2: 2 created, 1 updated, 0 skipped, 0 rejected; "
                             "3 opted out of email\n")
    everyone = people(amina)
    assert sorted((p["full_name"], p["email"]) for p in everyone) == [
        ("Amina Qureshi", "amina@interior.gov.pk"), ("Sara Ali", "Sara.Ali@example.org"),
        ("nobody@example.org", "nobody@example.org")]
    assert amina.ok("export", "contacts").stderr == (
        "Exported 0; left out 3 (3 opted out)\n")
    history = json.loads(amina.ok("person", "consent", "Amina Qureshi", "-f", "json").stdout)
    assert [(h["channel"], h["status"], h["source"], h["in_force"]) for h in history] == [
        ("email", "opt-out", "unsubscribe list unsub.csv", True)]
    shown = json.loads(amina.ok("person", "show", "Amina Qureshi", "-f", "json").stdout)
    assert shown["do_not_email"] is True and shown["phone"] is None  # skip: only the opt-out
    # a second run finds everyone opted out already
    assert amina.ok("import", "contacts", str(path), "--opted-out", "--dry-run").stderr == (
        "Dry run, nothing written: would be 0 created, 0 updated, 3 skipped, 0 rejected\n")
    result = amina.ok("import", "undo", "2")
    assert result.stderr == ("Undid batch 2: deleted 2 people, 3 consent statements; "
                             "restored 1 row\n")
    assert db_dump(amina.url) == before


def test_an_unsubscribe_lists_address_stays_opted_out_when_its_person_is_found_by_name(
        amina: Cli, tmp_path):
    """A list row found by name and organization, or a later row for a person the list
    creates, gives an address the person is not recorded with: it is kept as theirs, so
    the opt-out reaches it and a later list naming it adds no one to mail. Undo takes it
    back."""
    before = data(amina.url)
    text = ("Name,Organization,Email\n"
            "Amina Qureshi,Ministry of Interior,amina.personal@gmail.com\n"
            "Bo Li,UNDP,bo@undp.org\n"
            "Bo Li,UNDP,bo.home@gmail.com\n")
    path = write(tmp_path, text, "unsub.csv")
    dry = amina.ok("import", "contacts", str(path), "--opted-out", "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "2      updated   Amina Qureshi  #1: email, opted out",
        "3      created   Bo Li          opted out",
        "4      updated   Bo Li          the same person as row 3: email"]
    amina.ok("import", "contacts", str(path), "--opted-out")
    later = ("Name,Email\nA. Qureshi,amina.personal@gmail.com\n"
             "Bo Li,bo.home@gmail.com\n")
    amina.ok("import", "contacts", str(write(tmp_path, later, "partners.csv")))
    assert amina.ok("export", "contacts", "--profile", "mailchimp").stdout.splitlines()[1:] == []
    assert sorted((p["full_name"], p["email"], tuple(p["other_emails"]), p["opted_out"])
                  for p in people(amina)) == [
        ("Amina Qureshi", "amina@interior.gov.pk", ("amina.personal@gmail.com",), True),
        ("Bo Li", "bo@undp.org", ("bo.home@gmail.com",), True)]
    amina.ok("import", "undo", "3")
    amina.ok("import", "undo", "2")
    assert data(amina.url) == before


def test_an_unsubscribe_list_keeps_an_address_after_an_invalid_one(cli: Cli, tmp_path):
    """A nameless row of an unsubscribe list is named by its first valid address: with
    --skip-invalid an invalid one before it is dropped and the opt-out recorded (losing it
    would leave the address mailable); without, the row is refused for that address alone."""
    path = write(tmp_path, 'Email\n"not-an-address; sara@example.org"\n', "unsub.csv")
    result = cli("import", "contacts", str(path), "--opted-out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Row 2: invalid email 'not-an-address': An email address must have an @-sign.")
    result = cli.ok("import", "contacts", str(path), "--opted-out", "--skip-invalid")
    assert result.stderr == (
        "Row 2, column Email: dropped, the row kept (invalid email: An email address must "
        "have an @-sign.)\n"
        "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected; 1 opted out of email; "
        "1 invalid cell dropped\n")
    assert [(p["full_name"], p["email"], p["opted_out"]) for p in people(cli)] == [
        ("sara@example.org", "sara@example.org", True)]


@pytest.mark.parametrize("header, yes, no", [("Désabonné", "oui", "non"),
                                              ("Abgemeldet", "ja", "nein"),
                                              ("Abgemeldet am", "05.03.2024", "")])
def test_an_opt_out_column_in_french_or_german(amina: Cli, tmp_path, header, yes, no):
    text = (f"Prénom,Nom,Courriel,{header}\n"
            f"Marie,Curie,marie@example.org,{yes}\nJean,Dupont,jean@example.org,{no}\n")
    result = amina.ok("import", "contacts", str(write(tmp_path, text, "liste.csv")))
    assert result.stderr.endswith("; 1 opted out of email\n")
    exported = amina.ok("export", "contacts", "--profile", "mailchimp").stdout
    assert "jean@example.org" in exported and "marie@" not in exported


def test_a_rows_own_opted_out_column_opts_that_person_out(amina: Cli, tmp_path):
    """A sheet's Unsubscribed (opted_out, Do Not Email) column opts out only the rows that
    say yes, new or recorded, whatever --on-duplicate says, and also when a later row for the
    same new person says it; no never opts anyone back in. Undo restores exactly."""
    db_dump = data
    before = db_dump(amina.url)
    amina.ok("person", "add", "Bilal Raza", "--email", "bilal@example.org", "--no-email")
    text = ("Name,Email,Unsubscribed\n"
            "Amina Qureshi,amina@interior.gov.pk,Yes\n"
            "Bilal Raza,bilal@example.org,no\n"
            "Sara Ali,sara@example.org,\n"
            "Sara Ali,sara@example.org,x\n"
            "Omar Farooq,omar@example.org,N/A\n")
    path = write(tmp_path, text, "list.csv")
    result = amina.ok("import", "contacts", str(path), "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "2      updated   Amina Qureshi  #1: opted out",
        "3      skipped   Bilal Raza     already recorded (#2)",
        "4      created   Sara Ali       opted out",
        "5      skipped   Sara Ali       the same person as row 4",
        "6      created   Omar Farooq",
    ]
    result = amina.ok("import", "contacts", str(path))
    assert result.stderr == ("Imported batch 2: 2 created, 1 updated, 2 skipped, 0 rejected; "
                             "2 opted out of email\n")
    assert amina.ok("export", "contacts", "--profile", "mailchimp").stdout.splitlines()[1:] == [
        "omar@example.org,Omar,Farooq,,,"]
    bad = amina("import", "contacts", str(write(tmp_path, text.replace(",x\n", ",maybe\n"))))
    assert bad.stderr.splitlines()[0] == (
        "Row 5: opted out 'maybe': write yes, no or the date they opted out")
    amina.ok("import", "undo", "2")
    amina.ok("person", "remove", "Bilal Raza", "--yes")
    after = db_dump(amina.url)
    # Bilal had asked not to be emailed: his address outlives him, as a hash
    assert [row[2] for row in after.pop("suppressed_addresses")] == ["opted-out"]
    assert before.pop("suppressed_addresses") == []
    assert after == before


def test_mailchimps_export_of_unsubscribed_members_opts_them_out(amina: Cli, tmp_path):
    """Mailchimp's unsubscribed_members export dates each member in UNSUB_TIME: imported
    without --opted-out, each person it names is still opted out, recorded ones too."""
    text = ('Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,UNSUB_TIME,'
            'UNSUB_CAMPAIGN_TITLE,UNSUB_REASON,TAGS\n'
            'amina@interior.gov.pk,Amina,Qureshi,2,2017-07-20 10:00:00,2018-01-05 09:12:00,'
            'Newsletter,"I no longer want to receive these emails",\n'
            'sara@example.org,Sara,Ali,2,2017-07-20 10:00:00,2018-02-01 11:00:00,'
            'Newsletter,,\n')
    path = write(tmp_path, text, "unsubscribed_members_export.csv")
    result = amina.ok("import", "contacts", str(path))
    assert result.stderr.endswith(
        "Imported batch 2: 1 created, 1 updated, 0 skipped, 0 rejected; 2 opted out of email\n")
    assert amina.ok("export", "contacts", "--profile", "mailchimp").stdout.splitlines()[1:] == []


def test_an_unsub_time_dates_the_opt_out_so_a_later_opt_in_still_counts(amina: Cli, tmp_path):
    """Mailchimp's UNSUB_TIME dates each opt-out: one of 2018 was recorded as of today, so it
    outranked Amina's opt-in of 2020 (she subscribed again) and left her out of every
    mailing. It is dated the day UNSUB_TIME gives, so it is kept but not in force, as a
    back-dated `person consent` opt-out is; a new person's is in force, of that day."""
    amina.ok("person", "consent", "Amina Qureshi", "--email", "opt-in", "--date", "2020-01-10",
             "--source", "signed up again")
    before = data(amina.url)
    text = ("Email Address,First Name,Last Name,UNSUB_TIME\n"
            "amina@interior.gov.pk,Amina,Qureshi,2018-03-05 09:12:00\n"
            "sara@example.org,Sara,Ali,05-Mar-18\n")
    path = write(tmp_path, text, "unsubscribed_members_export.csv")
    dry = amina.ok("import", "contacts", str(path), "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "2      updated   Amina Qureshi  #1: opt-out of 2018-03-05 not in force "
        "(opted in 2020-01-10)",
        "3      created   Sara Ali       opted out"]
    result = amina.ok("import", "contacts", str(path))
    assert result.stderr == ("Imported batch 2: 1 created, 1 updated, 0 skipped, 0 rejected; "
                             "1 opted out of email\n")

    def history(name: str) -> list[tuple]:
        out = amina.ok("person", "consent", name, "-f", "json").stdout
        return [(h["status"], h["date"], h["in_force"]) for h in json.loads(out)]

    assert history("Amina Qureshi") == [("opt-in", "2020-01-10", True),
                                        ("opt-out", "2018-03-05", False)]
    assert history("Sara Ali") == [("opt-out", "2018-03-05", True)]
    assert amina.ok("export", "contacts", "--profile", "mailchimp").stdout.splitlines()[1:] == [
        "amina@interior.gov.pk,Amina,Qureshi,,Ministry of Interior,"]
    # the list imported again records her outranked opt-out once, not once more each time
    again = amina.ok("import", "contacts", str(path))
    assert again.stderr == "Imported batch 3: 0 created, 0 updated, 2 skipped, 0 rejected\n"
    assert history("Amina Qureshi") == [("opt-in", "2020-01-10", True),
                                        ("opt-out", "2018-03-05", False)]
    amina.ok("import", "undo", "3")
    amina.ok("import", "undo", "2")
    assert data(amina.url) == before


def test_an_opted_out_date_counts_however_it_is_written(amina: Cli, tmp_path):
    """The same export opened in a spreadsheet and saved again has its UNSUB_TIME written as
    the spreadsheet writes dates (``1/5/2018 9:12``, ``05-Mar-18``), and an API or a workbook
    gives a fraction of a second or a zone: each is still a date they opted out on, not a
    rejected row (which --skip-invalid would leave out, opt-out and all)."""
    text = ("Email Address,First Name,Last Name,UNSUB_TIME\n"
            "amina@interior.gov.pk,Amina,Qureshi,1/5/2018 9:12\n"
            "sara@example.org,Sara,Ali,2018-02-01T11:00:00.250Z\n"
            "bo@undp.org,Bo,Li,05-Mar-18\n"
            "omar@example.org,Omar,Farooq,\"Mar 5, 2018 10:00 AM\"\n")
    path = write(tmp_path, text, "unsubscribed_members_export.csv")
    result = amina.ok("import", "contacts", str(path), "--skip-invalid")
    assert result.stderr.endswith(
        "Imported batch 2: 3 created, 1 updated, 0 skipped, 0 rejected; 4 opted out of email\n")
    assert amina.ok("export", "contacts", "--profile", "mailchimp").stdout.splitlines()[1:] == []
    # year first with slashes or dots, as a spreadsheet set to such a locale saves it
    again = text.replace("1/5/2018 9:12", "2018/01/05 9:12").replace("05-Mar-18", "2018.3.5")
    result = amina.ok("import", "contacts", str(write(tmp_path, again)), "--skip-invalid")
    assert result.stderr == "Imported batch 3: 0 created, 0 updated, 4 skipped, 0 rejected\n"
    bad = amina("import", "contacts", str(write(tmp_path, text.replace("05-Mar-18", "5 Mayday"))))
    assert bad.stderr.splitlines()[0] == (
        "Row 4: opted out '5 Mayday': write yes, no or the date they opted out")


def test_an_unsubscribe_list_with_update_adds_the_rest_too(amina: Cli, tmp_path):
    path = write(tmp_path, UNSUBSCRIBED, "unsub.csv")
    result = amina.ok("import", "contacts", str(path), "--opted-out", "--on-duplicate",
                      "update", "--dry-run")
    assert result.stdout.splitlines()[2] == (
        "2      updated   AMINA@interior.gov.pk  #1: phone, opted out")
    result = amina("import", "contacts", str(path), "--opted-out", "--match", "name")
    assert result.exit_code == 1  # by name, an address alone names nobody
    assert result.stderr.splitlines()[:2] == ["Row 2: no name", "Row 3: no name"]


REPEATED = ("Name,Organisation,Email,Phone,Position,Tags\n"
            "Ayesha Malik,Dawn Media Group,ayesha@dawn.com.pk,,,press\n"
            "Ayesha Malik,Dawn Media Group,,+923001234567,Reporter,launch\n"
            "Ayesha Malik,Dawn News TV,AYESHA@dawn.com.pk,+923001234568,Anchor,\n")


def test_a_new_person_named_twice_in_a_file_is_skipped_by_default(cli: Cli, tmp_path):
    result = cli.ok("import", "contacts", str(write(tmp_path, REPEATED)), "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "2      created   Ayesha Malik",
        "3      skipped   Ayesha Malik  the same person as row 2",
        "4      skipped   Ayesha Malik  the same person as row 2",
    ]
    cli.ok("import", "contacts", str(write(tmp_path, REPEATED)))
    [person] = people(cli)
    assert (person["phone"], person["position"], person["tags"]) == (None, None, ["press"])


def test_fill_completes_a_new_person_from_their_later_rows(cli: Cli, tmp_path):
    """A later row for someone the file itself creates adds what a matching row adds to a
    recorded person: fill only fills the blanks, so the second organization is left out."""
    db_dump = data  # apart from the audit trail, which records the import and its undo
    before = db_dump(cli.url)
    result = cli.ok("import", "contacts", str(write(tmp_path, REPEATED)), "--on-duplicate",
                    "fill")
    assert result.stderr == "Imported batch 1: 1 created, 1 updated, 1 skipped, 0 rejected\n"
    [person] = people(cli)
    assert (person["email"], person["phone"], person["organization"], person["position"],
            person["tags"]) == ("ayesha@dawn.com.pk", "+923001234567", "Dawn Media Group",
                                "Reporter", ["launch", "press"])
    shown = json.loads(cli.ok("person", "show", "Ayesha Malik", "-f", "json").stdout)
    assert len(shown["affiliations"]) == 1 and len(shown["contact_points"]) == 2
    cli.ok("import", "undo", "1")
    assert db_dump(cli.url) == before


def test_a_later_row_sets_the_position_at_a_new_persons_second_organization(cli: Cli,
                                                                            tmp_path):
    text = ("Name,Email,Organization,Position\n"
            "Amina Yusuf,amina@x.org,Org A,Director\n"
            "Amina Yusuf,amina@x.org,Org B,Adviser\n"
            "Amina Yusuf,amina@x.org,Org B,Chair\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate",
                    "update")
    assert result.stderr == "Imported batch 1: 1 created, 2 updated, 0 skipped, 0 rejected\n"
    shown = json.loads(cli.ok("person", "show", "Amina Yusuf", "-f", "json").stdout)
    assert [(a["organization"], a["position"]) for a in shown["affiliations"]] == [
        ("Org A", "Director"), ("Org B", "Chair")]


def test_update_adds_a_new_persons_other_organization_and_number(seeded_cli: Cli, tmp_path):
    db_dump = data  # apart from the audit trail
    before = db_dump(seeded_cli.url)
    result = seeded_cli.ok("import", "contacts", str(write(tmp_path, REPEATED)),
                           "--on-duplicate", "update", "--event", "1", "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "2      created   Ayesha Malik",
        "3      updated   Ayesha Malik  the same person as row 2: phone, position, tags",
        "4      updated   Ayesha Malik  the same person as row 2: phone, organization",
    ]
    result = seeded_cli.ok("import", "contacts", str(write(tmp_path, REPEATED)),
                           "--on-duplicate", "update", "--event", "1")
    assert result.stderr == ("Imported batch 1: 1 created, 2 updated, 0 skipped, 0 rejected; "
                             "1 attendance recorded\n")
    shown = json.loads(seeded_cli.ok("person", "show", "Ayesha Malik", "-f", "json").stdout)
    assert [(a["organization"], a["position"], a["primary"]) for a in shown["affiliations"]] == [
        ("Dawn Media Group", "Reporter", True), ("Dawn News TV", "Anchor", False)]
    assert [(p["kind"], p["value"], p["primary"]) for p in shown["contact_points"]] == [
        ("email", "ayesha@dawn.com.pk", True), ("phone", "+923001234567", True),
        ("phone", "+923001234568", False)]
    assert [(a["event_id"], a["organization"]) for a in shown["attendances"]] == [
        (1, "Dawn Media Group")]
    result = seeded_cli.ok("import", "undo", "1")
    assert db_dump(seeded_cli.url) == before


def test_rows_matching_one_person_apply_in_order_and_undo_cleanly(amina: Cli, tmp_path):
    """Each row sees what the rows before it planned: a phone and a tag both rows give are added
    once, a later note wins, and the person is written once, so undo finds it as the import
    left it and puts back the person as before."""
    from sqlalchemy import func, select

    from stakeholders.db import session_scope
    from stakeholders.models import ContactPoint

    before = people(amina)
    text = ("Name,Email,Phone,Notes,Tags\n"
            "Amina Qureshi,amina@interior.gov.pk,+92512601461,First,press\n"
            "Amina Qureshi,AMINA@interior.gov.pk,+92512601461,,press\n"
            "Amina Qureshi,amina@interior.gov.pk,,Second,\n")
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate",
                      "update")
    assert result.stderr == "Imported batch 2: 0 created, 2 updated, 1 skipped, 0 rejected\n"
    (person,) = people(amina)
    assert (person["notes"], person["phone"], person["tags"]) == (
        "Second", "+92512601461", ["press"])
    with session_scope(amina.url, write=False) as s:
        assert s.scalar(select(func.count()).select_from(ContactPoint)
                        .where(ContactPoint.kind == "phone")) == 1
    result = amina.ok("import", "undo", "2")
    assert result.stderr == (
        "Undid batch 2: deleted 1 contact point, 1 tag, 1 tag link; restored 1 row\n")
    assert people(amina) == before


def test_an_organization_added_to_a_person_without_one_is_their_primary(cli: Cli, tmp_path):
    """As a first email or phone becomes primary, and as `person` makes a first affiliation."""
    cli.ok("import", "contacts", str(write(tmp_path, "Name,Email\nAmina Qureshi,a@x.org\n")))
    text = ("Name,Email,Organization,Position\n"
            "Amina Qureshi,a@x.org,Ministry of Interior,Director\n"
            "Amina Qureshi,a@x.org,Dawn Media Group,Columnist\n")
    cli.ok("import", "contacts", str(write(tmp_path, text, "orgs.csv")), "--on-duplicate",
           "update")
    report = json.loads(cli.ok("report", "person", "Amina Qureshi", "--format", "json").stdout)
    assert sorted((a["organization"], a["primary"]) for a in report["affiliations"]) == [
        ("Dawn Media Group", False), ("Ministry of Interior", True)]


def test_fill_creates_no_organization_it_does_not_attach(amina: Cli, tmp_path):
    """Fill adds an organization only to a person who has none: a new name in the row is then
    not used, and no organization is created for nobody."""
    text = "Name,Email,Organization,Notes\nAmina Qureshi,amina@interior.gov.pk,Brand New Org,Met\n"
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "fill")
    assert result.stderr == "Imported batch 2: 0 created, 1 updated, 0 skipped, 0 rejected\n"
    orgs = json.loads(amina.ok("org", "list", "--format", "json").stdout)
    assert [o["name"] for o in orgs] == ["Ministry of Interior"]
    assert people(amina)[0]["notes"] == "Met"


def test_the_same_person_twice_in_a_file_is_created_once(cli: Cli, tmp_path):
    text = "Name,Email\nAmina Qureshi,amina@x.org\nAmina Qureshi,AMINA@x.org\n"
    result = cli.ok("import", "contacts", str(write(tmp_path, text)))
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 1 skipped, 0 rejected\n"


# -- several values for one field ------------------------------------------------------------


def _points(cli: Cli, name: str) -> list[tuple[str, str, bool]]:
    shown = json.loads(cli.ok("person", "show", name, "--format", "json").stdout)
    return [(p["kind"], p["value"], p["primary"]) for p in shown["contact_points"]]


GOOGLE = ("Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value,Group Membership\n"
          "Amina Qureshi,Amina,Qureshi,amina@ngo.example.org ::: amina@home.example.com,"
          "+92512601461 ::: +92 300 1234567,Launch ::: * myContacts\n")


def test_google_cells_holding_several_values_keep_each(cli: Cli, tmp_path):
    """Google Contacts writes a person's further emails and phones in the same cell, after
    ' ::: ': the first is the primary, the others are kept too."""
    result = cli.ok("import", "contacts", str(write(tmp_path, GOOGLE)))
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n"
    assert _points(cli, "Amina Qureshi") == [
        ("email", "amina@ngo.example.org", True), ("email", "amina@home.example.com", False),
        ("phone", "+92512601461", True), ("phone", "+923001234567", False)]
    assert people(cli)[0]["tags"] == ["Launch"]
    assert cli.ok("import", "undo", "1").stderr == (
        "Undid batch 1: deleted 1 person, 1 tag; restored nothing\n")


def test_a_sheets_cell_of_emails_or_phones_split_at_semicolons_keeps_each(cli: Cli, tmp_path):
    """A hand-made sheet writes a second address after ';' or ',' and a second phone after
    ';': each is kept, as with Google's ' ::: '."""
    text = ("Name,Email,Phone\n"
            "Amina Qureshi,amina@ngo.example.org; amina@home.example.com,"
            "+92512601461;+92 300 1234567\n"
            "Bilal Raza,\"bilal@ngo.example.org, bilal@home.example.com\",\n")
    cli.ok("import", "contacts", str(write(tmp_path, text)))
    assert _points(cli, "Amina Qureshi") == [
        ("email", "amina@ngo.example.org", True), ("email", "amina@home.example.com", False),
        ("phone", "+92512601461", True), ("phone", "+923001234567", False)]
    assert _points(cli, "Bilal Raza") == [
        ("email", "bilal@ngo.example.org", True), ("email", "bilal@home.example.com", False)]


def test_a_sign_in_sheets_two_numbers_in_one_cell_are_both_kept(cli: Cli, tmp_path):
    """Pakistani sheets write a mobile and an office number in one Contact No. cell, after a
    comma or a slash; a part that is no number still rejects the row, naming that part."""
    text = ("Name,Contact No.\n"
            "Amina Qureshi,\"0300-1234567, 051-2601461\"\n"
            "Bilal Raza,0300 7654321 / 051-2601462\n")
    cli.ok("import", "contacts", str(write(tmp_path, text)), "--region", "PK")
    assert _points(cli, "Amina Qureshi") == [
        ("phone", "+923001234567", True), ("phone", "+92512601461", False)]
    assert _points(cli, "Bilal Raza") == [
        ("phone", "+923007654321", True), ("phone", "+92512601462", False)]
    result = cli("import", "contacts", str(write(tmp_path, "Name,Phone\nSara Khan,051-2601463/4\n",
                                                  "shared.csv")), "--region", "PK")
    assert result.stderr.splitlines()[0] == "Row 2: invalid phone number '4'"


def test_an_email_copied_as_a_mailto_link_is_the_address(cli: Cli, tmp_path):
    """Sheets filled from web pages or signatures hold 'mailto:' links, with trailing spaces."""
    text = ("Name,Email\n"
            "Amina Qureshi,mailto:amina@ngo.example.org \n"
            "Bilal Raza,MAILTO: bilal@ngo.example.org; mailto:bilal@home.example.com\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, text)))
    assert result.stderr == "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n"
    assert _points(cli, "Amina Qureshi") == [("email", "amina@ngo.example.org", True)]
    assert _points(cli, "Bilal Raza") == [
        ("email", "bilal@ngo.example.org", True), ("email", "bilal@home.example.com", False)]
    again = cli.ok("import", "contacts", str(write(tmp_path, text, "again.csv")))
    assert again.stderr == "Imported batch 2: 0 created, 0 updated, 2 skipped, 0 rejected\n"


def test_any_of_a_rows_emails_finds_a_recorded_person_and_the_others_are_added(
        cli: Cli, tmp_path):
    cli.ok("person", "add", "Amina Qureshi", "--email", "amina@home.example.com")
    result = cli.ok("import", "contacts", str(write(tmp_path, GOOGLE)), "--on-duplicate",
                    "update")
    assert result.stderr == "Imported batch 1: 0 created, 1 updated, 0 skipped, 0 rejected\n"
    assert _points(cli, "Amina Qureshi") == [
        ("email", "amina@home.example.com", True), ("email", "amina@ngo.example.org", False),
        ("phone", "+92512601461", True), ("phone", "+923001234567", False)]
    assert cli.ok("import", "undo", "1").stderr == (
        "Undid batch 1: deleted 3 contact points, 1 tag, 1 tag link; restored nothing\n")
    assert _points(cli, "Amina Qureshi") == [("email", "amina@home.example.com", True)]


def test_a_bad_value_among_several_is_rejected_alone(cli: Cli, tmp_path):
    text = GOOGLE.replace("amina@home.example.com", "amina-at-home")
    result = cli("import", "contacts", str(write(tmp_path, text)))
    assert result.stderr.splitlines()[0] == (
        "Row 2: invalid email 'amina-at-home': An email address must have an @-sign.")


def test_every_email_and_phone_column_is_kept_and_other_second_columns_are_named(
        cli: Cli, tmp_path):
    """Outlook's Business Phone and Mobile Phone are both the person's; Email and E-mail
    holding one address give it once. A second column of a one-value field is read only where
    the first is empty, and said so."""
    text = ("First Name,Last Name,Company,Organization,Email,E-mail,Business Phone,"
            "Mobile Phone,Job Title\n"
            "Ali,Raza,UNODC,,ali@unodc.org,ALI@unodc.org,+92512601461,+923001234567,Officer\n"
            "Sara,Khan,,Dawn Media Group,,sara@dawn.com.pk,,+923001234568,\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, text)))
    assert result.stderr == (
        "Read only where the column before is empty: Organization (after Company)\n"
        "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n")
    assert _points(cli, "Ali Raza") == [
        ("email", "ali@unodc.org", True), ("phone", "+92512601461", True),
        ("phone", "+923001234567", False)]
    assert _points(cli, "Sara Khan") == [
        ("email", "sara@dawn.com.pk", True), ("phone", "+923001234568", True)]
    assert sorted((p["full_name"], p["organization"]) for p in people(cli)) == [
        ("Ali Raza", "UNODC"), ("Sara Khan", "Dawn Media Group")]


def test_fill_adds_all_of_a_rows_phones_to_a_person_without_one(amina: Cli, tmp_path):
    text = ("Name,Email,Business Phone,Mobile Phone\n"
            "Amina Qureshi,amina@interior.gov.pk,+92512601461,+923001234567\n"
            "Amina Qureshi,amina@interior.gov.pk,+92512601462,\n")
    result = amina.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "fill")
    assert result.stderr == "Imported batch 2: 0 created, 1 updated, 1 skipped, 0 rejected\n"
    assert _points(amina, "Amina Qureshi") == [
        ("email", "amina@interior.gov.pk", True), ("phone", "+92512601461", True),
        ("phone", "+923001234567", False)]


def test_a_file_names_a_new_person_again_by_their_second_email(cli: Cli, tmp_path):
    text = ("Name,Email,Notes\n"
            "Amina Qureshi,amina@ngo.example.org ::: amina@home.example.com,\n"
            "Amina Q.,amina@home.example.com,Met at the launch\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "fill")
    assert result.stderr == "Imported batch 1: 1 created, 1 updated, 0 skipped, 0 rejected\n"
    [person] = people(cli)
    assert (person["full_name"], person["email"], person["notes"]) == (
        "Amina Qureshi", "amina@ngo.example.org", "Met at the launch")


# -- sign-in sheets ---------------------------------------------------------------------------


def _xlsx(tmp_path, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / "sign-in.xlsx"
    book.save(path)
    return path


def test_an_xlsx_sign_in_sheet_records_attendance(seeded_cli: Cli, tmp_path):
    path = _xlsx(tmp_path, [
        ["Sign-in sheet, launch"], [],
        ["Name", "Organisation", "Email", "Telephone"],
        ["H.E. Mr. David Hale", "Embassy of the United States", None, None],
        ["Ms. Rabia Javed", "Dawn Media Group", "rabia@dawn.com.pk", "+92 300 1234567"],
    ])
    result = seeded_cli("import", "contacts", str(path), "--event", "1", "--role", "attendee",
                        "--status", "attended", "--tag", "launch-2017")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(
        "0 rejected; 1 attendance recorded\n")  # Hale was already recorded at the launch
    rabia = [p for p in people(seeded_cli) if p["full_name"] == "Rabia Javed"]
    assert rabia[0]["title"] == "Ms." and rabia[0]["organization"] == "Dawn Media Group"
    assert "Rabia Javed" in [p["full_name"] for p in json.loads(seeded_cli.ok(
        "export", "contacts", "--event", "1", "--tag", "launch-2017", "--profile", "json").stdout)]


def test_a_cell_merged_down_an_xlsx_sheet_is_each_row_s(seeded_cli: Cli, tmp_path):
    """An assistant types an organization once, merged down over the rows of the people from
    it: each of them is from it (not only the first). A row the merge covers that holds
    nothing else stays a blank line; cells merged across (the title, the totals line) are
    read as before."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["Sign-in sheet, launch"], [],
                ["Sr. No.", "Name", "Designation", "Organization", "Email"],
                [1, "Ayesha Raza", "Programme Officer", "Aurat Foundation", "ayesha@af.org.pk"],
                [2, "Bilal Ahmed", "Reporter", None, "bilal@af.org.pk"],
                [None, None, None, None, None],
                [3, "Kjell Larsen", "Counsellor", "Embassy of Norway", "kjell@mfa.no"],
                ["Total participants: 3"]):
        sheet.append(row)
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("D4:D6")
    sheet.merge_cells("A8:C8")
    path = tmp_path / "sign-in.xlsx"
    book.save(path)
    result = seeded_cli.ok("import", "contacts", str(path), "--event", "1")
    assert result.stderr.startswith("Imported batch 1: 3 created, 0 updated, 0 skipped, "
                                    "0 rejected; 3 attendances recorded"), result.stderr
    jobs = {p["full_name"]: (p["organization"], p["position"]) for p in people(seeded_cli)}
    assert jobs["Ayesha Raza"] == ("Aurat Foundation", "Programme Officer")
    assert jobs["Bilal Ahmed"] == ("Aurat Foundation", "Reporter")
    assert jobs["Kjell Larsen"] == ("Embassy of Norway", "Counsellor")


def test_a_header_on_two_lines_is_read_as_one(cli: Cli, tmp_path):
    """Sheets group columns under a merged cell ("Contact" above "Email" and "Phone"), the
    cells beside it merged down over both lines: the two lines are one header, and the second
    is not taken for a person called Name. Saved as CSV, the sheet reads the same."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["Sign-in sheet"], [], ["No.", "Name", "Organization", "Contact", None],
                [None, None, None, "Email", "Phone"],
                [1, "Hina Jilani", "HRCP", "hina@hrcp.org", "0300-5550001"]):
        sheet.append(row)
    for cells in ("A3:A4", "B3:B4", "C3:C4", "D3:E3"):
        sheet.merge_cells(cells)
    xlsx = tmp_path / "sign-in.xlsx"
    book.save(xlsx)
    csv = write(tmp_path, "Sign-in sheet\n\nNo.,Name,Organization,Contact,\n,,,Email,Phone\n"
                          "1,Hina Jilani,HRCP,hina@hrcp.org,0300-5550001\n")
    for path in (xlsx, csv):
        result = cli.ok("import", "contacts", str(path), "--region", "PK", "--dry-run")
        assert result.stdout.splitlines()[2:] == ["5      created   Hina Jilani"], path
        assert not result.stderr.startswith("Ignored"), result.stderr
    cli.ok("import", "contacts", str(xlsx), "--region", "PK")
    (hina,) = people(cli)
    assert (hina["organization"], hina["email"], hina["phone"]) == (
        "HRCP", "hina@hrcp.org", "+923005550001")


def test_an_xlsx_of_one_column_is_read_as_the_same_csv_is(cli: Cli, tmp_path):
    path = _xlsx(tmp_path, [[None], ["Name"], ["Ann Lee"], [None], ["Bob Stone"]])
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n"
    assert sorted(p["full_name"] for p in people(cli)) == ["Ann Lee", "Bob Stone"]
    path = _xlsx(tmp_path, [[None], ["Name"], ["Ann Lee"], [""]])
    out = cli.ok("import", "contacts", str(path), "--dry-run").stdout
    assert out.splitlines()[2:] == ["3      created   Ann Lee"]  # the file's row numbers


def test_title_lines_above_a_csv_header_are_passed_over(cli: Cli, tmp_path):
    """A sheet saved as CSV keeps its title, date and blank lines above the header; a title
    with a comma in it is two cells. The header is the first line naming a name or email
    column (--map counts), and rows keep the file's numbers."""
    text = ("Participants list - Awareness walk, F-9 Park\nDate: 20 November 2026\n\n"
            "Sr. No.,Name,Designation,Organization,Email ID\n"
            "1,Mr. Imran Qureshi,Deputy Director,Federal Investigation Agency,imran@fia.gov.pk\n"
            "2,Ms. Hina Jilani,Reporter,Dawn News,hina@dawn.com\n")
    out = cli.ok("import", "contacts", str(write(tmp_path, text)), "--dry-run").stdout
    assert out.splitlines()[2:] == ["5      created   Imran Qureshi",
                                    "6      created   Hina Jilani"]
    semicolons = "Participants list, Awareness walk\nParticipant;Mail;Org\nAli Raza;ali@x.org;FIA\n"
    out = cli.ok("import", "contacts", str(write(tmp_path, semicolons)), "--dry-run",
                 "--map", "participant=full_name", "--map", "mail=email").stdout
    assert out.splitlines()[2:] == ["3      created   Ali Raza"]
    many_semicolons = "Name,Email,Notes\nAli Raza,ali@x.org,a;b;c;d;e;f\n"  # the header's
    out = cli.ok("import", "contacts", str(write(tmp_path, many_semicolons)), "--dry-run").stdout
    assert out.splitlines()[2:] == ["2      created   Ali Raza"]
    nothing_known = "Attendance\nShoe size,Colour\n44,red\n"
    result = cli("import", "contacts", str(write(tmp_path, nothing_known)))
    assert result.stderr == ("Error: no name or email column recognised in the header "
                             "(Shoe size, Colour); use --map HEADER=FIELD\n")


def test_a_title_of_several_cells_above_an_xlsx_header_is_passed_over(cli: Cli, tmp_path):
    path = _xlsx(tmp_path, [["Venue:", "F-9 Park", "Date:", "2026-11-20"], [],
                            ["S/N", "Name", "Email"], [1, "Ann Lee", "ann@x.org"]])
    out = cli.ok("import", "contacts", str(path), "--dry-run").stdout
    assert out.splitlines()[2:] == ["4      created   Ann Lee"]


def test_an_empty_xlsx_is_refused(cli: Cli, tmp_path):
    path = _xlsx(tmp_path, [[None], [""]])
    refused(cli, "import", "contacts", str(path), message=f"{path} has no rows")


def test_a_workbook_whose_list_is_not_on_its_first_sheet_is_told_so(cli: Cli, tmp_path):
    """Only the first sheet is read: a blank one, or a cover page of instructions, before the
    list is refused naming the sheets, not reported as an empty file or an unknown header."""
    from openpyxl import Workbook

    for first in ([], [["Please type one participant per row on the next sheet."]]):
        book = Workbook()
        book.active.title = "Cover"
        for row in first:
            book.active.append(row)
        book.create_sheet("Participants").append(["Name", "Email"])
        book["Participants"].append(["Ann Lee", "ann@x.org"])
        path = tmp_path / "sign-in.xlsx"
        book.save(path)
        result = cli("import", "contacts", str(path))
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
        assert "first sheet of" in result.stderr and "'Cover', the one read" in result.stderr
        assert "(its sheets: Cover, Participants); move the list to the first sheet" in (
            result.stderr)
    assert people(cli) == []


@pytest.mark.parametrize("name", ["contacts.xls", "contacts.csv", "contacts.xlsx"])
def test_an_old_binary_excel_workbook_is_refused_with_what_to_do(cli: Cli, tmp_path, name):
    """Recognised by its first bytes (an OLE2 file), whatever it is named."""
    path = tmp_path / name
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    refused(cli, "import", "contacts", str(path), message=(
        f"{name} is an old Excel .xls workbook (or one with a password), which is not read; "
        "save it as .xlsx without a password, or as CSV"))


def test_an_xlsx_workbook_named_csv_is_read_as_the_workbook_it_is(cli: Cli, tmp_path):
    """Some web tools download a workbook named .csv: read as CSV it was refused for its NUL
    bytes ('UTF-16?'). Like an old .xls, it is known by its first bytes."""
    path = _xlsx(tmp_path, [["Name", "Email"], ["Ann Lee", "ann@acme.org"]])
    named_csv = path.rename(tmp_path / "contacts.csv")
    cli.ok("import", "contacts", str(named_csv))
    assert [(p["full_name"], p["email"]) for p in people(cli)] == [("Ann Lee", "ann@acme.org")]


#: A phone's address book: vCard 2.1 with quoted-printable text, 3.0 with an address, 4.0.
PHONE_CARDS = """BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Cautain;Jean-Fran=C3=A7ois;;H.E.;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:H.E. Jean-Fran=C3=A7ois Cautain
TEL;CELL:+92 300 1112223
TEL;WORK:051-2271828
EMAIL;WORK:jf.cautain@eeas.europa.eu
ORG:European Union Delegation;Political Section
TITLE:Ambassador
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Raza;Hamid;;Dr.;
FN:Dr. Hamid Raza
ORG:Quaid-i-Azam University
EMAIL;TYPE=INTERNET,WORK:hraza@qau.edu.pk
EMAIL;TYPE=INTERNET,HOME:hamid.raza@gmail.com
CATEGORIES:Academia,Launch 2017
NOTE:Met at the launch\\, keen on research
ADR;TYPE=WORK:;;University Road;Islamabad;;44000;Pakistan
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Sara Khan
EMAIL:sara@example.org
END:VCARD
"""


def test_a_phones_address_book_is_imported(cli: Cli, tmp_path):
    """Cards of every version are rows, numbered from 1: N's prefix is the honorific or
    title, every EMAIL and TEL is kept (the first primary), ORG's first unit is the
    organization, CATEGORIES are tags, ADR's country the new organization's."""
    path = tmp_path / "phone.vcf"
    path.write_text(PHONE_CARDS.replace("\n", "\r\n"))
    dry = cli.ok("import", "contacts", str(path), "--region", "PK", "--dry-run")
    assert [line.split()[:2] for line in dry.stdout.splitlines()[2:]] == [
        ["1", "created"], ["2", "created"], ["3", "created"]]
    cli.ok("import", "contacts", str(path), "--region", "PK")
    found = {p["family_name"]: p for p in people(cli)}
    jf, hamid, sara = found["Cautain"], found["Raza"], found["Khan"]
    assert (jf["honorific"], jf["given_name"], jf["full_name"], jf["organization"],
            jf["position"], jf["phone"], jf["other_phones"]) == (
        "H.E.", "Jean-François", "Jean-François Cautain", "European Union Delegation",
        "Ambassador", "+923001112223 (mobile)", ["+92512271828"])
    assert (hamid["title"], hamid["email"], hamid["other_emails"], hamid["tags"],
            hamid["notes"], hamid["country"]) == (
        "Dr.", "hraza@qau.edu.pk", ["hamid.raza@gmail.com"], ["Academia", "Launch 2017"],
        "Met at the launch, keen on research", "PK")
    assert (sara["full_name"], sara["email"]) == ("Sara Khan", "sara@example.org")


def test_a_phones_long_quoted_printable_value_broken_over_lines_is_read(cli: Cli, tmp_path):
    """A phone's vCard 2.1 breaks a long quoted-printable value (an Urdu name, a note) with
    "=" at the end of a line, going on unindented on the next."""
    name = "محمد عبدالرحمن"
    encoded = "".join(f"={b:02X}" for b in name.encode())
    cards = ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
             f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{encoded[:60]}=\r\n"
             f"{encoded[60:]}\r\n"
             "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the launch=0D=0ASend =\r\nthe MoU\r\n"
             "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQ==\r\n\r\n"
             "EMAIL;INTERNET:rahman@example.org\r\nEND:VCARD\r\n")
    path = tmp_path / "phone.vcf"
    path.write_text(cards)
    cli.ok("import", "contacts", str(path))
    assert [(p["full_name"], p["email"], p["notes"]) for p in people(cli)] == [
        (name, "rahman@example.org", "Met at the launch\nSend the MoU")]


@pytest.mark.parametrize("text,message", [
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\n",
     "cards.vcf is not a readable vCard file: card 1 is broken"),
    ("BEGIN:VCARD\nFN:Ann Lee\nEND:VCARD\nBEGIN:VCARD\nFN:Bo Li\nnot a property\nEND:VCARD\n",
     "cards.vcf is not a readable vCard file: card 2 is broken"),
    ("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n",
     "cards.vcf holds a VCALENDAR where a VCARD should be"),
    ("\n", "cards.vcf is empty"),
])
def test_a_vcf_file_that_holds_no_cards_is_refused(cli: Cli, tmp_path, text, message):
    path = tmp_path / "cards.vcf"
    path.write_text(text)
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}")
    assert "not a property" not in result.stderr  # no line of the file is shown
    assert people(cli) == []


def test_xlsx_numbers_and_dates_read_as_typed(cli: Cli, tmp_path):
    """Excel keeps a phone typed without its leading 0 as a number, and a date as midnight."""
    import datetime as dt

    path = _xlsx(tmp_path, [["Name", "Email", "Phone", "Notes"],
                            ["Ali Raza", "ali@unodc.org", 3001234567, dt.date(2017, 7, 19)],
                            ["Sara Khan", "sara@unodc.org", None,
                             dt.datetime(2017, 7, 19, 9, 30)]])
    cli.ok("import", "contacts", str(path), "--region", "PK")
    assert sorted((p["full_name"], p["phone"], p["notes"]) for p in people(cli)) == [
        ("Ali Raza", "+923001234567", "2017-07-19"), ("Sara Khan", None, "2017-07-19T09:30:00")]


def test_a_sign_in_sheets_own_headers_are_recognised(cli: Cli, tmp_path):
    """A typed sign-in sheet: a merged title line, a serial number column, "Contact No." and
    "Email ID" in capitals, a phone Excel keeps as a number (its + lost)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["PARTICIPANTS LIST - GLO.ACT LAUNCH, ISLAMABAD"], [],
                ["Sr. No.", "NAME OF PARTICIPANT", "DESIGNATION", "ORGANIZATION", "CONTACT NO.",
                 "EMAIL ID"],
                [1, "Ali Raza", "Deputy Director", "FIA", 923001234567, "ali@fia.gov.pk"]):
        sheet.append(row)
    sheet.merge_cells("A1:F1")
    path = tmp_path / "participants.xlsx"
    book.save(path)
    result = cli.ok("import", "contacts", str(path), "--region", "PK")
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n"
    [ali] = people(cli)
    assert (ali["full_name"], ali["position"], ali["organization"], ali["phone"],
            ali["email"]) == ("Ali Raza", "Deputy Director", "FIA", "+923001234567",
                              "ali@fia.gov.pk")


def test_headers_as_sheets_write_them_are_recognised(cli: Cli, tmp_path):
    """Two headers joined in one ("Organization / Department"), "#" for "No." ("Cell #"),
    a remark in brackets ("Email (optional)"): each names its field; a join of two other
    known fields ("Sector / Country") names neither and is reported as ignored."""
    path = write(tmp_path, "Name (in block letters),Designation,Organization / Department,"
                           "Cell #,Email (optional),Sector / Country\n"
                           "Ali Raza,Inspector,Islamabad Police,0300 1234567,ali@police.gov.pk,"
                           "x\n")
    result = cli.ok("import", "contacts", str(path), "--region", "PK")
    assert result.stderr == ("Ignored columns: Sector / Country\n"
                             "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n")
    [ali] = people(cli)
    assert (ali["full_name"], ali["position"], ali["organization"], ali["phone"],
            ali["email"]) == ("Ali Raza", "Inspector", "Islamabad Police", "+923001234567",
                              "ali@police.gov.pk")


@pytest.mark.parametrize("email_header, phone_header", [
    ("Official E-mail", "Cell No."), ("E-mail address (official)", "Mobile #"),
    ("Email ID", "Contact No."), ("Personal Email", "Mob. No."), ("Emails", "Ph #"),
    ("Official Email ID", "Official Contact No."), ("E-mail Id", "Off. Tel"),
    ("Mail ID", "Landline"), ("Email Address (Official)", "Mobile Phone No."),
])
def test_email_and_phone_headers_of_sign_in_sheets_are_recognised(cli: Cli, tmp_path,
                                                                   email_header, phone_header):
    """As Pakistani and UN sign-in sheets write them: a word saying whose ("Official",
    "Personal", "Off."), abbreviations ("Mob.", "Ph"), "#" for "No."."""
    path = write(tmp_path, f"Name,{email_header},{phone_header}\n"
                           "Ali Raza,ali@fia.gov.pk,0300-1234567\n")
    result = cli.ok("import", "contacts", str(path), "--region", "PK")
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n"
    [ali] = people(cli)
    assert (ali["email"], ali["phone"]) == ("ali@fia.gov.pk", "+923001234567")


def test_a_column_of_emails_and_phones_is_read_cell_by_cell(cli: Cli, tmp_path):
    """"Email/Phone", "Email / Contact": an address goes to the emails, a number to the
    phones (a remark after it its label), whichever the cell holds, or both; other columns
    of either kind are read too. An address written wrong is refused as an email."""
    path = write(tmp_path, "Name,Email / Contact,E-mail/Cell No.\n"
                           "Ali Raza,ali@fia.gov.pk / 0300-1234567,\n"
                           "Sara Khan,0321-7654321 (WhatsApp),sara@dawn.com.pk\n"
                           "Bilal Ahmed,bilal@iom.int,0333-1112222\n"
                           '"Omar Farooq","Email: omar@undp.org, Cell: 051-9250000 ext. 12",\n')

    def contacts(name: str) -> list[tuple]:
        shown = json.loads(cli.ok("person", "show", name, "-f", "json").stdout)
        return [(p["kind"], p["value"], p["label"]) for p in shown["contact_points"]]

    result = cli.ok("import", "contacts", str(path), "--region", "PK")
    assert result.stderr == "Imported batch 1: 4 created, 0 updated, 0 skipped, 0 rejected\n"
    assert contacts("Ali Raza") == [("email", "ali@fia.gov.pk", None),
                                    ("phone", "+923001234567", None)]
    assert contacts("Sara Khan") == [("email", "sara@dawn.com.pk", None),
                                     ("phone", "+923217654321", "WhatsApp")]
    assert contacts("Bilal Ahmed") == [("email", "bilal@iom.int", None),
                                       ("phone", "+923331112222", None)]
    assert contacts("Omar Farooq") == [("email", "omar@undp.org", None),
                                       ("phone", "+92519250000", "ext. 12")]
    cli.ok("import", "undo", "1")
    wrong = write(tmp_path, "Name,Email/Phone\nAli Raza,ali at fia.gov.pk\n", "wrong.csv")
    result = cli("import", "contacts", str(wrong), "--region", "PK")
    assert result.stderr.splitlines()[0] == (
        "Row 2: invalid email 'ali at fia.gov.pk': An email address must have an @-sign.")


def test_outlooks_department_is_not_read_as_the_organization(cli: Cli, tmp_path):
    """Outlook writes Department before Company: the company is the organization, and a
    Google export's country column is read."""
    path = write(tmp_path, "First Name,Last Name,Department,Company,Job Title\n"
                           "Imran,Qureshi,Research Wing,IOM,Migration Officer\n")
    cli.ok("import", "contacts", str(path))
    assert people(cli)[0]["organization"] == "IOM"


def test_a_sheets_totals_lines_are_not_people(cli: Cli, tmp_path):
    """A typed sheet ends with "Total" lines; they are passed over, said so in a dry run, and
    a second import of the sheet adds nobody."""
    path = _xlsx(tmp_path, [
        ["Name", "Organisation", "Email", "Phone"],
        ["Ali Raza", "FIA", "ali@fia.gov.pk ", "N/A"],
        [None, None, None, None],
        ["Sara Khan", "Dawn Media Group", "-", "+92 300 1234567"],
        ["TOTAL", None, None, 2],
        ["Total participants: 2", None, None, None],
    ])
    dry = cli.ok("import", "contacts", str(path), "--dry-run")
    assert "a totals line, not a person" in dry.stdout
    assert dry.stderr.endswith("would be 2 created, 0 updated, 2 skipped, 0 rejected\n")
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == "Imported batch 1: 2 created, 0 updated, 2 skipped, 0 rejected\n"
    assert sorted(p["full_name"] for p in people(cli)) == ["Ali Raza", "Sara Khan"]
    again = cli.ok("import", "contacts", str(path))
    assert again.stderr == "Imported batch 2: 0 created, 0 updated, 4 skipped, 0 rejected\n"
    assert len(people(cli)) == 2


def test_a_totals_line_written_in_the_serial_number_column_is_not_a_person(cli: Cli,
                                                                           tmp_path):
    """"Total" in the Sr. No. column (passed over), the count under Name: the row's first
    filled cell says Total, so it is the totals line, not a rejected person called "7"."""
    path = write(tmp_path, "Sr. No.,Name,Organization,Email\n1,Ali Raza,FIA,ali@fia.gov.pk\n"
                           "Total,1,,\n")
    dry = cli.ok("import", "contacts", str(path), "--dry-run")
    assert dry.stdout.splitlines()[2:] == ["2      created   Ali Raza",
                                           "3      skipped   Total     a totals line, not a person"]
    cli.ok("import", "contacts", str(path))
    assert [p["full_name"] for p in people(cli)] == ["Ali Raza"]


def test_an_xlsx_whose_recorded_dimension_is_wrong_is_read_whole(cli: Cli, tmp_path):
    """Some programs record a sheet's used range wrongly (here A1:B2 for three columns); it
    must not cut columns off."""
    import re
    import zipfile

    good = _xlsx(tmp_path, [["Name", "Organisation", "Email"],
                            ["Ann Lee", "ACME", "ann@acme.org"]])
    path = tmp_path / "dimension.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:B2"/>', data)
            dst.writestr(item, data)
    cli.ok("import", "contacts", str(path))
    assert [(p["full_name"], p["email"]) for p in people(cli)] == [("Ann Lee", "ann@acme.org")]


@pytest.mark.parametrize("damage", [
    lambda name, data: None if name == "xl/worksheets/sheet1.xml" else data,
    lambda name, data: data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data,
], ids=["sheet missing", "sheet cut off"])
def test_an_xlsx_broken_inside_is_one_error_line(cli: Cli, tmp_path, damage):
    """A sheet missing, or its XML cut off halfway (a download that stopped): openpyxl finds
    out only while reading rows."""
    import zipfile

    good = _xlsx(tmp_path, [["Name", "Email"]] + [[f"P {i}", f"p{i}@acme.org"]
                                                  for i in range(500)])
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = damage(item.filename, src.read(item.filename))
            if data is not None:
                dst.writestr(item, data)
    refused(cli, "import", "contacts", str(path),
            message=f"{path} is not a readable .xlsx workbook: it is damaged or not a workbook")


def test_a_csv_file_named_xlsx_is_said_to_be_no_workbook(cli: Cli, tmp_path):
    """It said '(BadZipFile)', the name of a library's exception."""
    path = tmp_path / "list.xlsx"
    path.write_text("Name,Email\nAli Raza,ali@example.org\n", encoding="utf-8")
    refused(cli, "import", "contacts", str(path), message=(
        f"{path} is not a readable .xlsx workbook: it is not a workbook (a CSV file, say, "
        "named .xlsx)"))


def test_role_without_event_is_refused(cli: Cli, tmp_path):
    """A usage error (exit code 2), as an option missing is: the role is at an event."""
    result = cli("import", "contacts", str(write(tmp_path, SHEET)), "--role", "speaker")
    assert result.exit_code == 2
    assert result.stderr == ("Error: --role and --status need --event "
                             "(see 'stakeholders import contacts --help')\n")


# -- batches ----------------------------------------------------------------------------------


def test_import_list(amina: Cli):
    out = amina.ok("import", "list", "--format", "json").stdout
    [batch] = json.loads(out)
    assert {k: batch[k] for k in ("batch", "source", "created", "updated")} == {
        "batch": 1, "source": "first.csv", "created": 1, "updated": 0}
    # The same UTC time on both databases (SQLite hands it back without a zone).
    assert batch["imported_at"].endswith("+00:00") and "." not in batch["imported_at"]


@pytest.mark.parametrize(("raw", "source"), [
    (b"Teilnehmer M\xfcnchen.csv", "Teilnehmer München.csv"),  # cp1252, from elsewhere
    (b"sign-in\x1b[2J\n.csv", "sign-in[2J .csv"),
    ("فہرست شرکاء.csv".encode(), "فہرست شرکاء.csv"),
])
def test_a_file_name_is_kept_as_text_whatever_its_bytes(cli: Cli, tmp_path, raw, source):
    """A file system name need not be UTF-8 (a name made on another system) and may hold
    control characters: the batch's source, and an unsubscribe list's opt-outs, name it as
    text that can be stored and shown (read as cp1252 when it is not UTF-8)."""
    import os

    path = write(tmp_path, SHEET, name=os.fsdecode(raw))
    cli.ok("import", "contacts", str(path), "--region", "PK", "--opted-out")
    [batch] = json.loads(cli.ok("import", "list", "--format", "json").stdout)
    assert batch["source"] == source
    consent = cli.ok("person", "consent", "Amina Qureshi").stdout
    assert f"unsubscribe list {source}" in consent


def test_undo_restores_exactly(seeded_cli: Cli, tmp_path):
    """Everything but the audit trail, which records the import and its undo."""
    db_dump = data
    before = db_dump(seeded_cli.url)
    text = ("Name,Organization,Email,Phone,Tags,Notes\n"
            "H.E. Ms. Margaret Adamson,Australian High Commission,m.adamson@dfat.gov.au,"
            "+92512835000,diplomats,Outgoing\n"
            "Rabia Javed,Dawn Media Group,rabia@dawn.com.pk,,press,\n")
    result = seeded_cli.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate",
                           "update", "--event", "1", "--tag", "launch")
    # Margaret Adamson is matched by name and organization; neither was at the launch.
    assert result.stderr == ("Imported batch 1: 1 created, 1 updated, 0 skipped, 0 rejected; "
                             "2 attendances recorded\n")
    assert db_dump(seeded_cli.url) != before
    result = seeded_cli.ok("import", "undo", "1")
    assert result.stderr == ("Undid batch 1: deleted 1 organization, 1 person, 2 contact points, "
                             "3 tags, 2 tag links, 1 attendance; restored 1 row\n")
    assert db_dump(seeded_cli.url) == before


def test_undo_restores_the_stored_text_of_times(seeded_cli: Cli, tmp_path):
    """The rows an import updated get back their times as stored, not the same times written
    anew (SQLite keeps "19:07:20" and "19:07:20.000000" apart): a person and their post."""
    before = stored(seeded_cli.url)
    text = ("Name,Organization,Position,Notes\n"
            "H.E. Ms. Margaret Adamson,Australian High Commission,Acting High Commissioner,"
            "Outgoing\n")
    seeded_cli.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    assert stored(seeded_cli.url) != before
    result = seeded_cli.ok("import", "undo", "1")
    assert result.stderr.endswith("restored 2 rows\n"), result.stderr
    assert stored(seeded_cli.url) == before


def test_undo_refuses_when_later_edits_would_be_lost(amina: Cli, tmp_path, db_dump):
    from stakeholders.db import session_scope
    from stakeholders.services import people as people_service, refs

    with session_scope(amina.url) as s:
        people_service.set_no_email(refs.person(s, "Amina Qureshi"), True, "asked")
    before = db_dump(amina.url)
    result = amina("import", "undo", "1")
    assert result.exit_code == 1
    assert result.stderr == ("Error: import batch 1: people it created were edited since; "
                             "undoing would lose those edits\n")
    assert db_dump(amina.url) == before


def test_undo_refuses_when_rows_were_added_to_created_people(amina: Cli, tmp_path):
    amina.ok("import", "contacts", str(write(tmp_path, "Name,Email,Phone\nAmina Qureshi,"
                                              "amina@interior.gov.pk,+92512601461\n")),
             "--on-duplicate", "fill")
    result = amina("import", "undo", "1")
    assert result.stderr == ("Error: import batch 1: contact points were added since for people "
                             "it created; undoing would lose them\n")
    amina.ok("import", "undo", "2")
    amina.ok("import", "undo", "1")
    assert people(amina) == []


@pytest.mark.parametrize("args, rows", [
    (["assess", "Amina Qureshi", "--campaign", "Blue Heart", "--influence", "3", "--interest",
      "4"], "assessments"),
    (["interaction", "add", "--person", "Amina Qureshi", "--kind", "call", "--date",
      "2020-01-02", "--summary", "Call"], "interaction participants"),
])
def test_undo_names_in_plain_words_the_rows_added_since(amina: Cli, args, rows):
    """The rows that hang on a created person are named as the words they are, whatever
    their table ("assessments", never "assessmentses")."""
    amina.ok("campaign", "add", "Blue Heart")
    amina.ok(*args)
    refused(amina, "import", "undo", "1",
            message=f"import batch 1: {rows} were added since for people it created; "
                    "undoing would lose them")


def test_undo_has_a_noun_for_every_row_that_may_hang_on_what_it_created():
    from stakeholders.services.import_batches import NOUNS, OTHER_NOUNS, PARENTS, _referring

    named = {*NOUNS, *OTHER_NOUNS}
    assert {t.name for name in PARENTS for t, _ in _referring(name)} - named == set()


def test_undo_names_an_attendance_of_a_created_person_changed_since(seeded_cli: Cli, tmp_path):
    """The registrations imported, the sign-in sheet (a later import) or a colleague moves a
    new person's status on: undoing the registrations would lose that change, which is what
    the refusal says (no attendance was added, and the officer would look for one)."""
    seeded_cli.ok("import", "contacts", str(write(tmp_path, "Name,Email\nAli Raza,ali@x.org\n")),
                  "--event", "1", "--status", "registered")
    seeded_cli.ok("attendance", "edit", "1", "Ali Raza", "--status", "attended")
    refused(seeded_cli, "import", "undo", "1",
            message="import batch 1: attendances were changed since for people it created; "
                    "undoing would lose those changes")


def test_undo_refuses_when_an_updated_person_changed_again(amina: Cli, tmp_path):
    path = write(tmp_path, "Name,Email,Notes\nAmina Qureshi,amina@interior.gov.pk,One\n")
    amina.ok("import", "contacts", str(path), "--on-duplicate", "update")
    path = write(tmp_path, "Name,Email,Notes\nAmina Qureshi,amina@interior.gov.pk,Two\n")
    amina.ok("import", "contacts", str(path), "--on-duplicate", "update")
    result = amina("import", "undo", "2")
    assert result.stderr == ("Error: import batch 2: person #1 was changed since; undoing would "
                             "lose that change\n")
    amina.ok("import", "undo", "3")
    amina.ok("import", "undo", "2")
    assert people(amina)[0]["notes"] is None


def test_undo_of_an_unknown_batch(cli: Cli):
    result = cli("import", "undo", "7")
    assert result.exit_code == 1
    assert result.stderr == "Error: no import batch matches '7'\n"


def test_undo_of_a_batch_already_undone_says_so(cli: Cli, tmp_path):
    """The batch is gone once undone: the audit log tells that from a number never used."""
    cli.ok("import", "contacts", str(write(tmp_path, "Name,Email\nAli Raza,ali@x.org\n")))
    cli.ok("import", "undo", "1")
    result = cli("import", "undo", "1")
    assert (result.exit_code, result.stderr) == (
        1, "Error: import batch 1 was already undone\n")
    assert cli("import", "undo", "2").stderr == "Error: no import batch matches '2'\n"


def _contacts_csv(tmp_path, rows: int, title: str = "Dr."):
    return write(tmp_path, "Title,First Name,Last Name,Email,Organization,Position,Phone,Tags\n"
                 + "".join(f"{title},Given{i},Family{i % 7},person{i}@example.org,Org {i % 9},"
                           f"Officer,+9230012{i:05d},launch;press\n" for i in range(rows)),
                 name=f"rows-{rows}-{title}.csv")


@pytest.mark.parametrize("mode", ["skip", "update"])
def test_the_statements_an_import_matching_people_runs_do_not_grow_with_its_rows(
        templates, tmp_path, session_factory, mode):
    from stakeholders.services.imports import ImportOptions, import_contacts
    from tests.services.helpers import counting

    def statements(rows: int) -> list[str]:
        """Import ``rows`` people, then the same people again (matched, changed title)."""
        (tmp_path / str(rows)).mkdir()
        url = templates.fresh(tmp_path / str(rows))
        with session_factory(url) as s:
            import_contacts(s, _contacts_csv(tmp_path, rows), ImportOptions())
        with session_factory(url) as s, counting(s) as run:
            report = import_contacts(s, _contacts_csv(tmp_path, rows, "Prof."),
                                     ImportOptions(on_duplicate=mode))
        templates.drop(url)
        assert report.summary() == f"0 created, 0 updated, {rows} skipped, 0 rejected" \
            if mode == "skip" else f"0 created, {rows} updated, 0 skipped, 0 rejected"
        return run

    small, large = statements(30), statements(2000)
    assert len(large) == len(small)
    assert [s.split()[0] for s in large] == [s.split()[0] for s in small]


def test_the_statements_an_import_creating_people_runs_do_not_grow_with_its_rows(
        templates, tmp_path, session_factory):
    from stakeholders.services.imports import ImportOptions, import_contacts
    from tests.services.helpers import counting

    def statements(rows: int) -> list[str]:
        (tmp_path / str(rows)).mkdir()
        url = templates.fresh(tmp_path / str(rows))
        with session_factory(url) as s, counting(s) as run:
            report = import_contacts(s, _contacts_csv(tmp_path, rows), ImportOptions())
        assert report.summary() == f"{rows} created, 0 updated, 0 skipped, 0 rejected"
        templates.drop(url)
        return run

    small, large = statements(30), statements(2000)  # 4,000 contact points: one batch
    assert len(large) == len(small)
    assert sum(s.startswith("INSERT INTO people") for s in large) == 1


def test_an_import_pauses_cyclic_garbage_collection_and_restores_it(db_url, session_factory,
                                                                     tmp_path, monkeypatch):
    import gc

    from stakeholders.errors import Invalid
    from stakeholders.services import imports

    collecting: list[bool] = []
    real_check = imports.check

    def check(*args, **kwargs):
        collecting.append(gc.isenabled())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(imports, "check", check)
    assert gc.isenabled()
    with session_factory(db_url) as s:
        report = imports.import_contacts(s, _contacts_csv(tmp_path, 3), imports.ImportOptions())
    assert report.summary() == "3 created, 0 updated, 0 skipped, 0 rejected"
    assert collecting == [False, False, False]
    assert gc.isenabled()
    with pytest.raises(Invalid), session_factory(db_url) as s:
        imports.import_contacts(s, _contacts_csv(tmp_path, 3),
                                imports.ImportOptions(role="speaker"))
    assert gc.isenabled()


def test_a_name_written_on_many_rows_is_parsed_once(cli: Cli, tmp_path, monkeypatch):
    import nameparser

    parsed: list[str] = []
    real = nameparser.HumanName

    def human_name(text, *args, **kwargs):
        parsed.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(nameparser, "HumanName", human_name)
    rows = "".join(f"Dr. Quilla Vantongeren-Oyelaran,q{i}@example.org\n" for i in range(40))
    cli.ok("import", "contacts", str(write(tmp_path, "Name,Email\n" + rows)))
    assert parsed == ["Quilla Vantongeren-Oyelaran"]
    assert {(p["honorific"], p["title"], p["given_name"], p["family_name"])
            for p in people(cli)} == {(None, "Dr.", "Quilla", "Vantongeren-Oyelaran")}


# -- undoing a batch that updated many people -------------------------------------------------


def _updated_batch(templates, tmp_path, session_factory, rows: int, *, reverse=False) -> str:
    """A database where batch 1 created ``rows`` people and batch 2 updated them all (a new
    title), batch 2's rows in reverse order if asked."""
    from stakeholders.services.imports import ImportOptions, import_contacts

    (tmp_path / str(rows)).mkdir()
    url = templates.fresh(tmp_path / str(rows))
    with session_factory(url) as s:
        import_contacts(s, _contacts_csv(tmp_path, rows), ImportOptions())
    path = _contacts_csv(tmp_path, rows, "Prof.")
    if reverse:
        header, *lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text(header + "".join(reversed(lines)), encoding="utf-8")
    with session_factory(url) as s:
        report = import_contacts(s, path, ImportOptions(on_duplicate="update"))
    assert report.summary() == f"0 created, {rows} updated, 0 skipped, 0 rejected"
    return url


def test_the_statements_undoing_updates_runs_do_not_grow_with_its_rows(
        templates, tmp_path, session_factory):
    from stakeholders.services import import_batches
    from tests.services.helpers import counting

    def statements(rows: int) -> list[str]:
        url = _updated_batch(templates, tmp_path, session_factory, rows)
        with session_factory(url) as s, counting(s) as run:
            assert import_batches.undo(s, 2) == {"deleted": {}, "restored": rows}
        with session_factory(url) as s:
            assert set(s.scalars(text("SELECT title FROM people"))) == {"Dr."}
        templates.drop(url)
        return run

    small, large = statements(40), statements(200)
    assert len(large) == len(small)
    assert [s.split()[0] for s in large] == [s.split()[0] for s in small]
    assert sum(s.startswith("UPDATE people") for s in large) == 1


def test_undo_names_the_first_updated_row_changed_since(templates, tmp_path, session_factory,
                                                        db_dump):
    """Batch 2 updated people #30 down to #1; #3 and #7 were changed since and #5 removed:
    #7, the first of them the batch recorded, is named."""
    from sqlalchemy import delete, select, update

    from stakeholders.errors import Conflict
    from stakeholders.models import Person
    from stakeholders.services import import_batches

    url = _updated_batch(templates, tmp_path, session_factory, 30, reverse=True)
    with session_factory(url) as s:
        as_imported = [dict(r) for r in s.execute(
            select(Person.__table__).where(Person.id.in_((3, 7)))).mappings()]
        s.execute(update(Person).where(Person.id.in_((3, 7))).values(notes="Called back"))
        s.execute(delete(Person).where(Person.id == 5))
    before = db_dump(url)
    with pytest.raises(Conflict) as refused, session_factory(url) as s:
        import_batches.undo(s, 2)
    assert refused.value.message == ("import batch 2: person #7 was changed since; undoing "
                                     "would lose that change")
    assert db_dump(url) == before
    with session_factory(url) as s:  # #3 and #7 as the batch left them: #5 is named
        for row in as_imported:
            s.execute(update(Person).where(Person.id == row["id"]).values(row))
    with pytest.raises(Conflict) as refused, session_factory(url) as s:
        import_batches.undo(s, 2)
    assert refused.value.message == ("import batch 2: person #5 was changed since; undoing "
                                     "would lose that change")
    templates.drop(url)


def test_undo_writes_back_exactly_the_before_images(db_url, session_factory):
    """Dates, times (to the microsecond) and NULLs come back as they were, in two tables."""
    import datetime as dt
    from collections import Counter

    from sqlalchemy import insert, select, update

    from stakeholders.models import Affiliation, Organization, Person
    from stakeholders.services import import_batches

    at = dt.datetime(2017, 3, 14, 9, 26, 53, 589793, tzinfo=dt.timezone.utc)
    people, affiliations = Person.__table__, Affiliation.__table__
    with session_factory(db_url) as s:
        org = s.execute(insert(Organization).returning(Organization.id),
                        [{"name": "Dawn Media Group", "name_key": "dawn media group",
                          "sector": "media"}]).scalar_one()
        for table, row in (
            (people, {"id": 1, "full_name": "Rabia Javed", "name_key": "rabia javed",
                      "do_not_email": True, "do_not_email_at": at,
                      "do_not_email_reason": "asked"}),
            (people, {"id": 2, "full_name": "Amina Qureshi", "name_key": "amina qureshi",
                      "notes": "Prefers calls"}),
            (affiliations, {"id": 1, "person_id": 1, "organization_id": org,
                            "start_date": dt.date(2016, 2, 29)}),
            (affiliations, {"id": 2, "person_id": 2, "organization_id": org,
                            "position": "Editor", "start_date": dt.date(2015, 1, 1),
                            "end_date": dt.date(2017, 12, 31)})):
            s.execute(insert(table).values(row))

    def rows(s, table):
        return [dict(r) for r in s.execute(select(table).order_by(table.c.id)).mappings()]

    later = dt.datetime(2018, 1, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
    changes = {people: [{"notes": "Met at the launch", "do_not_email_at": later,
                         "updated_at": later},
                        {"notes": None, "do_not_email": True, "do_not_email_at": later,
                         "updated_at": later}],
               affiliations: [{"end_date": dt.date(2018, 6, 30), "position": "Editor",
                               "updated_at": later},
                              {"start_date": None, "end_date": None, "position": None,
                               "updated_at": later}]}
    with session_factory(db_url) as s:
        before = {table: rows(s, table) for table in changes}
        recorder = import_batches.Recorder(s, "by hand", later)
        for table, values in changes.items():
            for row, new in zip(before[table], values):
                s.execute(update(table).where(table.c.id == row["id"]).values(new))
                recorder.updated(table.name, row, {**row, **new})
        batch = recorder.finish(Counter(updated=4))
    assert before[people][0]["notes"] is None and before[affiliations][0]["end_date"] is None
    with session_factory(db_url) as s:
        assert rows(s, people) != before[people]
        assert import_batches.undo(s, batch) == {"deleted": {}, "restored": 4}
    with session_factory(db_url) as s:
        assert {table: rows(s, table) for table in changes} == before


def test_undo_names_every_kind_of_row_a_batch_can_create():
    from stakeholders.services.import_batches import DELETE_ORDER, NOUNS

    assert set(NOUNS) == set(DELETE_ORDER)


def _workshop(cli: Cli) -> str:
    """An event with people expected: invited, registered (a speaker) and declined."""
    ev = cli.ok("event", "add", "Follow-up workshop", "--date", "2017-09-01").stdout.strip()
    cli.ok("attendance", "add", ev, "Cesar Guedes", "--status", "invited")
    cli.ok("attendance", "add", ev, "Margaret Akullo", "--status", "registered", "--role",
           "speaker")
    cli.ok("attendance", "add", ev, "Junaid Khan", "--status", "invited")
    cli.ok("attendance", "add", ev, "Sarah Coleman", "--status", "declined")
    return ev


def _statuses(cli: Cli, ev: str) -> dict[str, tuple[str, str]]:
    rows = json.loads(cli.ok("attendance", "list", ev, "-f", "json").stdout)
    return {r["person"]: (r["role"], r["status"]) for r in rows}


def test_a_signed_sign_in_sheet_marks_the_expected_as_attended(seeded_cli: Cli, tmp_path):
    """The sheet `report sheet` prints, signed and imported back with --event: those who were
    invited or registered are now attended (roles kept), newcomers are added, those who did not
    sign stay as they were; undo puts every status back."""
    db_dump = data  # apart from the audit trail
    ev = _workshop(seeded_cli)
    before = db_dump(seeded_cli.url)
    sheet = tmp_path / "sheet.csv"
    seeded_cli.ok("report", "sheet", ev, "-f", "csv", "-o", str(sheet))
    lines = sheet.read_text(encoding="utf-8").splitlines()
    signed = [lines[0]] + [line[:-1] + "signed," for line in lines[1:] if "Junaid" not in line]
    signed.append("4,Ayesha Malik,Dawn Media Group,,signed,ayesha@dawn.com.pk")
    path = write(tmp_path, "\n".join(signed) + "\n", "signed.csv")
    result = seeded_cli.ok("import", "contacts", str(path), "--event", ev, "--dry-run")
    assert result.stdout.splitlines()[2:] == [
        "2      skipped   Margaret Akullo  already recorded (#7); registered -> attended at the "
        "event",
        "3      skipped   Cesar Guedes     already recorded (#1); invited -> attended at the event",
        "4      created   Ayesha Malik",
    ]
    assert db_dump(seeded_cli.url) == before
    result = seeded_cli.ok("import", "contacts", str(path), "--event", ev)
    assert result.stderr == (  # the sheet's number and signature columns pass unremarked
        "Imported batch 1: 1 created, 0 updated, 2 skipped, 0 rejected; 1 attendance recorded; "
        "2 attendances changed to attended\n")
    assert _statuses(seeded_cli, ev) == {
        "Mr. Cesar Guedes": ("attendee", "attended"),
        "Ms. Margaret Akullo": ("speaker", "attended"),
        "Mr. Junaid Khan": ("attendee", "invited"),
        "Ms. Sarah Coleman": ("attendee", "declined"),
        "Ayesha Malik": ("attendee", "attended")}
    assert seeded_cli.ok("import", "undo", "1").stderr == (
        "Undid batch 1: deleted 1 organization, 1 person; restored 2 rows\n")
    assert db_dump(seeded_cli.url) == before


def test_a_signed_sheet_finds_who_came_for_another_organization_or_none(seeded_cli: Cli,
                                                                         tmp_path):
    """The sheet names each person with the organization they came for, which need not be
    their post's (Muhammad Shifaque of the FIA came for the Government of Pakistan), or none
    (Ayesha Malik holds no post): signed and imported back with --event, the sheet finds them
    by that, and adds no second record of them, nor a second attendance."""
    ev = seeded_cli.ok("event", "add", "Provincial briefing", "--date", "2017-09-01").stdout.strip()
    seeded_cli.ok("attendance", "add", ev, "Muhammad Shifaque", "--status", "invited",
                  "--org", "Government of Pakistan")
    seeded_cli.ok("person", "add", "Ms. Ayesha Malik")
    seeded_cli.ok("attendance", "add", ev, "Ayesha Malik", "--status", "registered")
    sheet = tmp_path / "sheet.csv"
    seeded_cli.ok("report", "sheet", ev, "-f", "csv", "-o", str(sheet))
    lines = sheet.read_text(encoding="utf-8").splitlines()
    path = write(tmp_path, "\n".join([lines[0]] + [line[:-1] + "signed," for line in lines[1:]])
                 + "\n", "signed.csv")
    people = len(json.loads(seeded_cli.ok("person", "list", "-f", "json").stdout))
    result = seeded_cli.ok("import", "contacts", str(path), "--event", ev)
    assert result.stderr == (
        "Imported batch 1: 0 created, 0 updated, 2 skipped, 0 rejected; "
        "2 attendances changed to attended\n")
    assert len(json.loads(seeded_cli.ok("person", "list", "-f", "json").stdout)) == people
    assert _statuses(seeded_cli, ev) == {"Mr. Muhammad Shifaque": ("attendee", "attended"),
                                         "Ms. Ayesha Malik": ("attendee", "attended")}


@pytest.mark.parametrize("status, expected", [
    # regrets: the invited decline; a decision already recorded stays
    ("declined", {"Mr. Cesar Guedes": "declined", "Ms. Margaret Akullo": "declined",
                  "Ms. Sarah Coleman": "declined"}),
    # those who came after all: the declined too
    ("attended", {"Mr. Cesar Guedes": "attended", "Ms. Margaret Akullo": "attended",
                  "Ms. Sarah Coleman": "attended"}),
    # registrations: the invited register; nothing later goes back
    ("registered", {"Mr. Cesar Guedes": "registered", "Ms. Margaret Akullo": "registered",
                    "Ms. Sarah Coleman": "declined"}),
    ("invited", {"Mr. Cesar Guedes": "invited", "Ms. Margaret Akullo": "registered",
                 "Ms. Sarah Coleman": "declined"}),
])
def test_a_list_for_an_event_moves_statuses_only_forward(seeded_cli: Cli, tmp_path, status,
                                                           expected):
    ev = _workshop(seeded_cli)
    text = ("Name,Organization\nCesar Guedes,UNODC\nMargaret Akullo,UNODC\n"
            "Sarah Coleman,UNICEF\n")
    seeded_cli.ok("import", "contacts", str(write(tmp_path, text)), "--event", ev, "--status",
                  status)
    got = {name: s for name, (_, s) in _statuses(seeded_cli, ev).items() if name in expected}
    assert got == expected


MESSY = ("Name,Organisation,Email,Phone,Position,Tags\n"
         "Cesar Guedes,UNODC,cesar@unodc.org,+92512601461,Representative,donors\n"
         "Ms. Margaret Akullo,UNODC,info@unodc.org,,Coordinator,\n"
         "Shahida Gilani,UNODC,info@unodc.org,+923001234567,,media\n"
         "Ayesha Malik,Dawn Media Group,ayesha@dawn.com.pk,,,press\n"
         "Ayesha Malik,Dawn News TV,,+923001234568,Anchor,launch\n"
         ",,Shahida.gillani@unodc.org,,,\n"
         "Junaid Khan,IOM,jk@iom.int,,,\n")


@pytest.mark.parametrize("match", ["email", "name", "both"])
@pytest.mark.parametrize("mode", ["skip", "fill", "update"])
@pytest.mark.parametrize("extra", [[], ["--opted-out"], ["--event", "1", "--status",
                                                           "declined"]])
def test_every_combination_of_options_undoes_exactly(seeded_cli: Cli, tmp_path, match, mode,
                                                     extra):
    """Whatever an import did under any --match, --on-duplicate, --opted-out or --event,
    `import undo` gives back the database as it was, and a dry run wrote nothing."""
    db_dump = data  # apart from the audit trail
    before = db_dump(seeded_cli.url)
    args = ["import", "contacts", str(write(tmp_path, MESSY)), "--match", match,
            "--on-duplicate", mode, "--skip-invalid", *extra]
    seeded_cli.ok(*args, "--dry-run")
    assert db_dump(seeded_cli.url) == before
    result = seeded_cli.ok(*args)
    assert db_dump(seeded_cli.url) != before
    batch = result.stdout.strip()
    seeded_cli.ok("import", "undo", batch)
    assert db_dump(seeded_cli.url) == before


def test_a_registration_list_gives_each_row_its_own_status_and_role(seeded_cli: Cli, tmp_path):
    """An RSVP list's own words ("Confirmed", "Regrets", "Chief Guest") are read as statuses and
    roles at --event, row by row; an existing attendance keeps its role and moves forward only.
    Without --event the columns are left unread, and said so."""
    ev = _workshop(seeded_cli)
    text = ("Name,Organisation,RSVP,Role\n"
            "Cesar Guedes,UNODC,Confirmed,Chief Guest\n"
            "Junaid Khan,IOM,Regrets,\n"
            "Ayesha Malik,Dawn Media Group,Yes,Panelist\n"
            "Bilal Ahmed,Dawn Media Group,,\n"
            "Zara Shah,Dawn Media Group,perhaps,\n")
    path = write(tmp_path, text)
    result = seeded_cli("import", "contacts", str(path), "--event", ev)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Row 6: 'perhaps' is not a valid status; choose one of: invited, registered, attended, "
        "no-show, declined, cancelled")
    result = seeded_cli.ok("import", "contacts", str(path), "--event", ev, "--skip-invalid",
                           "--status", "invited")
    assert result.stderr.splitlines()[-1] == (
        "Imported batch 1: 2 created, 0 updated, 2 skipped, 1 rejected; 2 attendances recorded; "
        "1 attendance changed to declined, 1 to registered")
    statuses = _statuses(seeded_cli, ev)
    assert {name: statuses[name] for name in (
        "Mr. Cesar Guedes", "Mr. Junaid Khan", "Ayesha Malik", "Bilal Ahmed")} == {
        "Mr. Cesar Guedes": ("attendee", "registered"),
        "Mr. Junaid Khan": ("attendee", "declined"),
        "Ayesha Malik": ("speaker", "registered"),
        "Bilal Ahmed": ("attendee", "invited")}  # no word of their own: --status
    result = seeded_cli.ok("import", "contacts", str(path), "--dry-run", "--skip-invalid")
    assert result.stderr.splitlines()[0] == (
        "Ignored columns: RSVP (read with --event), Role (read with --event)")


def test_an_attendance_column_says_who_came(seeded_cli: Cli, tmp_path):
    """A list's Attendance (Attended, Present) column is written after the event: Yes there is
    attended and No a no-show, not registered and declined as in an RSVP column; it wins over
    the row's RSVP, and other words in it are read as statuses."""
    ev = _workshop(seeded_cli)
    text = ("Name,Organisation,RSVP,Attendance\n"
            "Cesar Guedes,UNODC,Confirmed,Yes\n"
            "Ayesha Malik,Dawn Media Group,Yes,No\n"
            "Bilal Ahmed,Dawn Media Group,Yes,\n"
            "Zara Shah,Dawn Media Group,,absent\n")
    seeded_cli.ok("import", "contacts", str(write(tmp_path, text)), "--event", ev)
    statuses = _statuses(seeded_cli, ev)
    assert {name: statuses[name][1] for name in (
        "Mr. Cesar Guedes", "Ayesha Malik", "Bilal Ahmed", "Zara Shah")} == {
        "Mr. Cesar Guedes": "attended", "Ayesha Malik": "no-show",
        "Bilal Ahmed": "registered", "Zara Shah": "no-show"}
    sheet = write(tmp_path, "Name,Attended?\nNadia Rahman,x\n", "present.csv")
    seeded_cli.ok("import", "contacts", str(sheet), "--event", ev)
    assert _statuses(seeded_cli, ev)["Nadia Rahman"][1] == "attended"


def test_an_eventbrite_attendee_export_says_who_registered_and_who_came(seeded_cli: Cli,
                                                                        tmp_path):
    """Eventbrite's Attendee Status (Attending, Checked In, Not Attending) is each row's
    status, and its Work Phone and Cell Phone columns are phones."""
    ev = _workshop(seeded_cli)
    text = ("Order #,First Name,Last Name,Email,Ticket Type,Attendee Status,Job Title,Company,"
            "Work Phone,Cell Phone\n"
            "1,Ayesha,Malik,ayesha@dawn.com,Media,Checked In,Reporter,Dawn,,+92 300 1234567\n"
            "2,Bilal,Ahmed,bilal@dawn.com,Media,Attending,Editor,Dawn,+92 51 2345678,\n"
            "3,Zara,Shah,zara@dawn.com,Media,Not Attending,Editor,Dawn,,\n")
    result = seeded_cli.ok("import", "contacts", str(write(tmp_path, text)), "--event", ev)
    assert result.stderr.startswith("Ignored columns: Order #, Ticket Type\n")
    statuses = _statuses(seeded_cli, ev)
    assert {name: statuses[name][1] for name in ("Ayesha Malik", "Bilal Ahmed", "Zara Shah")} == {
        "Ayesha Malik": "attended", "Bilal Ahmed": "registered", "Zara Shah": "declined"}
    assert {p["full_name"]: p["phone"] for p in people(seeded_cli)
            if p["organization"] == "Dawn"} == {
        "Ayesha Malik": "+923001234567", "Bilal Ahmed": "+92512345678", "Zara Shah": None}


def test_every_column_of_the_sign_in_sheet_is_known_to_the_import():
    """The sheet `report sheet` prints reads back without an unknown column: its own number
    and signature columns are known as nothing to import."""
    from stakeholders.io import headers
    from stakeholders.services.reports import SHEET_KEYS

    fields, unknown = headers.recognise(list(SHEET_KEYS), {})
    assert unknown == []
    assert dict(zip(SHEET_KEYS, fields)) == {
        "no": None, "name": "full_name", "organization": "organization",
        "position": "position", "signature": None, "email": "email"}


def test_a_list_piped_in_through_dev_stdin_is_read_whole(cli: Cli, tmp_path):
    """Looking at a pipe's first bytes (is it a workbook?) would take them from the CSV."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "stakeholders", "--db", cli.url, "import", "contacts",
         "/dev/stdin", "--region", "PK"], input=SHEET.encode(), capture_output=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p["full_name"] for p in people(cli)) == [
        "Amina Qureshi", "Ayesha Malik", "Olga Ivanova"]


def test_an_address_held_by_two_people_finds_the_one_whose_main_address_it_is(cli: Cli,
                                                                              tmp_path):
    """Kamran was given Bob's address as a second one before Bob was recorded: a row with it
    is Bob's, so `--opted-out` opts Bob out, not Kamran."""
    kamran = cli.ok("person", "add", "Kamran Ali", "--email", "kamran@example.org").stdout
    cli.ok("person", "edit", kamran.strip(), "--email", "bob.smith@example.org")
    bob = cli.ok("person", "add", "Bob Smith", "--email", "bob.smith@example.org").stdout
    sheet = write(tmp_path, "Name,Email\nRobert Smythe,bob.smith@example.org\n")
    planned = cli.ok("import", "contacts", str(sheet), "--opted-out", "--dry-run").stdout
    assert f"#{bob.strip()}" in planned and f"#{kamran.strip()}" not in planned, planned
    cli.ok("import", "contacts", str(sheet), "--opted-out")
    shown = {p["full_name"]: p for p in people(cli)}
    assert shown["Bob Smith"]["opted_out"] and not shown["Kamran Ali"]["opted_out"]


def test_a_further_address_finds_only_someone_of_the_rows_name(cli: Cli, tmp_path):
    """A further email finds Amina Qureshi, who moved and gave her old address second,
    whatever her name's order in the row, or her family name alone, but not colleagues who
    were given the office's inbox too, even one of her family name: they are someone else,
    and keep it."""
    cli.ok("person", "add", "Amina Qureshi", "--email", "amina@interior.gov.pk",
           "--email", "info@interior.gov.pk")
    text = ("Name,Email\n"
            "\"QURESHI, Amina\",amina.q@undp.org; amina@interior.gov.pk\n"
            "Bilal Raza,bilal@interior.gov.pk; info@interior.gov.pk\n"
            "Sana Qureshi,sana@interior.gov.pk; info@interior.gov.pk\n"
            "Qureshi,amina.q@gmail.com; amina@interior.gov.pk\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    assert result.stderr.startswith("Imported batch 1: 2 created, 2 updated")
    assert _points(cli, "Amina Qureshi") == [
        ("email", "amina@interior.gov.pk", True), ("email", "info@interior.gov.pk", False),
        ("email", "amina.q@undp.org", False), ("email", "amina.q@gmail.com", False)]
    # another Qureshi given the inbox is someone else; "Qureshi" alone is Amina
    assert _points(cli, "Sana Qureshi") == [
        ("email", "sana@interior.gov.pk", True), ("email", "info@interior.gov.pk", False)]
    assert _points(cli, "Bilal Raza") == [
        ("email", "bilal@interior.gov.pk", True), ("email", "info@interior.gov.pk", False)]


def test_a_further_address_given_again_leaves_its_owner_row_in_the_file(cli: Cli, tmp_path):
    """Alice's row gives the office's inbox as her address; Bilal's, next, as his second one:
    he is someone else (his row is not hers), and her own row again still finds her, not him
    (his notes and phone are not hers, nor his name renamed hers)."""
    text = ("Name,Email,Notes\n"
            "Alice Khan,info@office.org,\n"
            "Bilal Raza,bilal@office.org; info@office.org,\n"
            "Alice Khan,info@office.org,Alice's note\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    assert result.stderr.startswith("Imported batch 1: 2 created, 1 updated")
    shown = {p["full_name"]: p for p in people(cli)}
    assert set(shown) == {"Alice Khan", "Bilal Raza"}
    assert shown["Alice Khan"]["notes"] == "Alice's note"
    assert not shown["Bilal Raza"]["notes"]
    assert _points(cli, "Bilal Raza") == [
        ("email", "bilal@office.org", True), ("email", "info@office.org", False)]


def test_a_row_without_a_name_is_found_by_its_primary_email_only(amina: Cli, tmp_path):
    """A further email finds only someone of the row's name, and a row without one has none:
    it is not then a new person without a name, but a row with no name, as any row that
    finds no one."""
    text = "Email Address,First Name\n\"new@undp.org; amina@interior.gov.pk\",\n"
    result = amina("import", "contacts", str(write(tmp_path, text)), "--on-duplicate", "update")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, "Row 2: no name")
    assert [p["full_name"] for p in people(amina)] == ["Amina Qureshi"]


def test_noncharacters_in_a_cell_are_dropped_as_control_characters_are(cli: Cli, tmp_path):
    """U+FFFE, U+FFFF and the other noncharacters (a byte-order mark read the wrong way round,
    a tool's placeholder) are no text: stored, they end up in exports (an XML workbook
    cannot hold them) and in keys no typed name finds."""
    path = write(tmp_path, "Name,Email,Organization,Tags\n"
                           "Zara\ufffe Ali\uffff,zara@x.org,Org\ufdd0 One,tag\U0010fffe\n")
    cli.ok("import", "contacts", str(path))
    (person,) = people(cli)
    assert (person["full_name"], person["organization"], person["tags"]) == (
        "Zara Ali", "Org One", ["tag"])
    assert cli.ok("person", "show", "zara ali").stdout.startswith("id")


def test_html_markup_pasted_from_a_web_page_is_not_stored(cli: Cli, tmp_path):
    """A list copied from a web page's source holds its tags and entities: the name is
    Ayesha Khan, not "<b>Ayesha</b> Khan" (which no search for her finds, and every export
    would carry); a line break tag parts a name from the position below it, as Alt+Enter
    does. Angle brackets that are no HTML tag stay."""
    path = write(tmp_path, "Name,Organization,Position,Email,Notes\n"
                           "<b>Ayesha</b> Khan,<i>Ministry of Interior</i>,"
                           "<span style=\"color:red\">Director</span>,ak@x.org,\n"
                           "Ahmed Raza<br/>Deputy Director,Law &amp; Justice Commission,,"
                           "<a href=\"mailto:ahmed@x.org\">ahmed@x.org</a>,"
                           "Aged <30 & >20; <Team A>\n"
                           "Bilal <script>alert(1)</script>Ahmed<img src=x onerror=alert(2)>,"
                           "<script type=\"text/javascript\">x()</script>UNDP,,b@x.org,\n")
    cli.ok("import", "contacts", str(path))
    assert [(p["full_name"], p["organization"], p["position"], p["email"], p["notes"])
            for p in people(cli)] == [
        ("Bilal Ahmed", "UNDP", None, "b@x.org", None),  # a script is taken out whole
        ("Ayesha Khan", "Ministry of Interior", "Director", "ak@x.org", None),
        ("Ahmed Raza", "Law & Justice Commission", "Deputy Director", "ahmed@x.org",
         "Aged <30 & >20; <Team A>")]


def test_an_address_written_with_its_display_name_is_read_and_names_a_nameless_row(
        cli: Cli, tmp_path):
    """Addresses copied from a mail program's To line come as "Ayesha Khan <ak@x.org>": the
    address is read from them (not refused as invalid), and in a row that gives no name, such
    as Mailchimp's or Google's of an address only, the name written with it is the person's.
    A row of a bare address and no name is still refused: no one would know whom it adds."""
    path = write(tmp_path, "Email Address,First Name,Last Name\n"
                           "Ayesha Khan <ak@x.org>,,\n"
                           "\"\"\"Raza, Ahmed\"\" <ahmed@x.org>; Ahmed Raza <raza@y.org>\",,\n"
                           "Dr. Bilal Ahmed <bilal@x.org>,Bilal,Ahmed\n")
    cli.ok("import", "contacts", str(path))
    assert {p["email"]: (p["full_name"], p["other_emails"]) for p in people(cli)} == {
        "ak@x.org": ("Ayesha Khan", []),
        "ahmed@x.org": ("Raza, Ahmed", ["raza@y.org"]),  # as a Name column's "Raza, Ahmed"
        "bilal@x.org": ("Bilal Ahmed", [])}
    result = cli("import", "contacts", str(write(tmp_path, "Email Address,First Name\n"
                                                         "plain@x.org,\n")))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, "Row 2: no name")


@pytest.mark.parametrize("text", ["Name,Email\n", "Name,Email\r\n\r\n,\r\n"])
def test_a_header_without_rows_is_refused_as_an_empty_json_array_is(seeded_cli: Cli, tmp_path,
                                                                    text):
    """A CSV export that selected nobody imported as an empty batch, exit 0: refused, as the
    same export as a JSON array is, and no batch recorded."""
    refused(seeded_cli, "import", "contacts", str(write(tmp_path, text, "nobody.csv")),
            message="nobody.csv holds no contacts (a header and no rows under it)")


def test_a_dropped_cell_beside_a_label_column_is_named_by_its_own_column(cli: Cli, tmp_path):
    """Google's Phone 1 - Type is written after the number it labels: the dropped number
    was reported under the field's name, 'column phone', which the file has not."""
    google = ("Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value\n"
              "Google Person,* Work,gp@x.org,Mobile,0300 1234567\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, google)), "--skip-invalid")
    assert result.stderr.startswith("Row 2, column Phone 1 - Value: dropped, the row kept ")


def test_an_organization_written_with_spaces_for_hyphens_is_the_one_recorded(cli: Cli,
                                                                              tmp_path):
    """'Quaid i Azam University' in a list made a second organization beside Quaid-i-Azam
    University, after which a reference to either was ambiguous; in one file too."""
    cli.ok("import", "contacts", str(write(
        tmp_path, "Name,Organization,Email\n"
                  "Rukhsana Siddiqui,Quaid-i-Azam University,r@qau.edu.pk\n", "one.csv")))
    cli.ok("import", "contacts", str(write(
        tmp_path, "Name,Organization,Email\n"
                  "Tariq Mahmood,Quaid i Azam University,t@qau.edu.pk\n"
                  "Asma Butt,Jinnah-Institute,asma@ji.org\n"
                  "Omar Ali,Jinnah Institute,omar@ji.org\n"
                  "Sana Mir,UN Childrens Fund,sana@unicef.org\n"
                  "Ali Khan,UN Children's Fund,ali@unicef.org\n", "two.csv")))
    orgs = json.loads(cli.ok("org", "list", "-f", "json").stdout)
    assert sorted(o["name"] for o in orgs) == [
        "Jinnah-Institute", "Quaid-i-Azam University", "UN Childrens Fund"]
    assert {p["full_name"]: p["organization"] for p in people(cli)} == {
        "Rukhsana Siddiqui": "Quaid-i-Azam University",
        "Tariq Mahmood": "Quaid-i-Azam University", "Asma Butt": "Jinnah-Institute",
        "Omar Ali": "Jinnah-Institute", "Sana Mir": "UN Childrens Fund",
        "Ali Khan": "UN Childrens Fund"}


def test_an_empty_region_is_a_usage_error_as_ingest_says(cli: Cli, tmp_path):
    """`--region "$CC"` with CC unset read national numbers in no country, without a word."""
    path = write(tmp_path, "Name,Phone\nSadia Noor,0300 7654321\n")
    result = cli("import", "contacts", str(path), "--region", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--region': it is empty; give a country code such as PK" in (
        result.stderr)
