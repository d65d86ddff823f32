"""Importing the files officers really have: sign-in sheets typed in Excel, workbooks of
several sheets, Mailchimp's export of unsubscribed members, lists kept in French or German."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import refused
from tests.conftest import Cli
from tests.dumps import data
from tests.io.test_import import people, write


def _book(tmp_path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None,
          name: str = "sign-in.xlsx", hidden: tuple[str, ...] = ()):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(title, []):
            sheet.merge_cells(cells)
        if title in hidden:
            sheet.sheet_state = "hidden"
    path = tmp_path / name
    book.save(path)
    return path


def _shown(cli: Cli, name: str) -> dict:
    return json.loads(cli.ok("person", "show", name, "-f", "json").stdout)


def _contacts(cli: Cli, name: str) -> list[tuple]:
    return [(p["kind"], p["value"], p["label"]) for p in _shown(cli, name)["contact_points"]]


#: A launch's sign-in sheet as an assistant types it in Excel: a title merged over the
#: columns, a venue line, "S.No.", the name and designation in one cell (on two lines, or
#: after a comma), two numbers in one cell, a name in Urdu, non-breaking and trailing spaces,
#: a blank row, a totals line and a signatures column.
SIGN_IN = [
    ["LAUNCH OF GLO.ACT \u2013 PAKISTAN"],
    ["Venue: Serena Hotel, Islamabad", None, None, "Date: 19 July 2017"],
    [],
    ["S.No.", "Name & Designation", "Organization", "Contact No.", "Email", "Signature"],
    [1, "Mr. Ahmed Raza\nDeputy Director", "Ministry of Interior ", "0300-1234567 / 051-9201234",
     "ahmed.raza@interior.gov.pk ", None],
    [2, "Ms. Ayesha\u00a0Siddiqui, Programme Officer", "UNODC", "0321 7654321",
     "ayesha.siddiqui@unodc.org\u00a0", None],
    [3, "\u0639\u0627\u0626\u0634\u06c1 \u062e\u0627\u0646", "FIA", "051-2345678 ext 12",
     None, None],
    [None, None, None, None, None, None],
    [4, "Syed Ali Shah - AD", "Ministry of Interior", "+92 300 7654321", None, None],
    [5, "Nicole Guihot", "Australian High Commission", None, None, None],
    [None, "Total Participants: 5", None, None, None, None],
]


def test_a_sign_in_sheets_name_and_designation_column_is_read_as_both(seeded_cli: Cli,
                                                                       tmp_path):
    """"Name & Designation" is one column of names and positions: the position is the line
    below the name, or what follows a comma or a spaced dash; the name alone is the name."""
    path = _book(tmp_path, {"Sheet1": SIGN_IN}, {"Sheet1": ["A1:F1"]})
    dry = seeded_cli.ok("import", "contacts", str(path), "--event", "1", "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "5      created   Ahmed Raza",
        "6      created   Ayesha Siddiqui",
        "7      created   \u0639\u0627\u0626\u0634\u06c1 \u062e\u0627\u0646",
        "9      created   Syed Ali Shah",
        "10     skipped   Nicole Guihot          already recorded (#4)",
        "11     skipped   Total Participants: 5  a totals line, not a person",
    ]
    result = seeded_cli.ok("import", "contacts", str(path), "--event", "1")
    assert "Ignored columns" not in result.stderr
    assert result.stderr.endswith("Imported batch 1: 4 created, 0 updated, 2 skipped, "
                                  "0 rejected; 4 attendances recorded\n")
    ahmed = _shown(seeded_cli, "Ahmed Raza")
    assert (ahmed["title"], ahmed["given_name"], ahmed["family_name"], ahmed["position"],
            ahmed["organization"]) == ("Mr.", "Ahmed", "Raza", "Deputy Director",
                                       "Ministry of Interior")
    assert _contacts(seeded_cli, "Ahmed Raza") == [
        ("email", "ahmed.raza@interior.gov.pk", None), ("phone", "+923001234567", None),
        ("phone", "+92519201234", None)]
    ayesha = _shown(seeded_cli, "Ayesha Siddiqui")
    assert (ayesha["full_name"], ayesha["position"], ayesha["email"]) == (
        "Ayesha Siddiqui", "Programme Officer", "ayesha.siddiqui@unodc.org")
    assert _shown(seeded_cli, "Syed Ali Shah")["position"] == "AD"
    assert _contacts(seeded_cli, "\u0639\u0627\u0626\u0634\u06c1 \u062e\u0627\u0646") == [
        ("phone", "+92512345678", "ext 12")]


@pytest.mark.parametrize("cell, name, position", [
    ("Ahmed Raza\nDeputy Director", "Ahmed Raza", "Deputy Director"),
    ("Ahmed Raza\r\nDD\nMinistry of Interior", "Ahmed Raza", "DD, Ministry of Interior"),
    ("Ahmed Raza, Deputy Director", "Ahmed Raza", "Deputy Director"),
    ("Dr. Qureshi, Director, IOM", "Dr. Qureshi", "Director, IOM"),
    ("Ahmed Raza \u2013 Deputy Director", "Ahmed Raza", "Deputy Director"),
    ("Ahmed Raza / AD", "Ahmed Raza", "AD"),
    ("Ahmed Raza (Deputy Director)", "Ahmed Raza", "Deputy Director"),
    ("HALE, David", "HALE, David", None),  # a name written surname first
    ("HALE, David, Ambassador", "HALE, David", "Ambassador"),
    ("Jean-François Cautain", "Jean-François Cautain", None),  # a hyphen is the name's
    ("Ahmed Raza,", "Ahmed Raza", None),
])
def test_a_name_and_designation_cell_is_split(cell, name, position):
    from stakeholders.services.import_rows import name_and_position

    assert dict(name_and_position(cell)) == {
        "full_name": name, **({"position": position} if position else {})}


def test_a_name_and_designation_column_beside_a_designation_column(cli: Cli, tmp_path):
    """The first filled column of a field wins, as for every field: a Designation column
    after it gives the position of the rows whose cell names none."""
    path = write(tmp_path, "Name/Designation,Designation,Organization,Email\n"
                           "\"Ali Raza, Inspector\",SHO,Islamabad Police,ali@police.gov.pk\n"
                           "Sara Khan,Reporter,Dawn,sara@dawn.com.pk\n")
    result = cli.ok("import", "contacts", str(path))
    assert "Ignored columns" not in result.stderr
    assert {p["full_name"]: p["position"] for p in people(cli)} == {
        "Ali Raza": "Inspector", "Sara Khan": "Reporter"}


def test_a_name_cell_of_two_lines_is_the_name_and_below_it_the_position(cli: Cli, tmp_path):
    """A plain Name cell typed with Alt+Enter before the designation: the first line is the
    name, never "Ahmed Raza Deputy Director"; the lines below are the position, or, when a
    column gives the position, a note (kept, not lost)."""
    path = write(tmp_path, 'Name,Designation,Organization,Email\n'
                           '"Mr. Ahmed Raza\nDeputy Director",,Ministry of Interior,'
                           'ahmed@interior.gov.pk\n'
                           '"Sara Khan\nReporter\nCity desk",Senior Reporter,Dawn,'
                           'sara@dawn.com.pk\n')
    cli.ok("import", "contacts", str(path))
    got = {p["full_name"]: (p["title"], p["given_name"], p["family_name"], p["position"])
           for p in people(cli)}
    assert got == {"Ahmed Raza": ("Mr.", "Ahmed", "Raza", "Deputy Director"),
                   "Sara Khan": (None, "Sara", "Khan", "Senior Reporter")}
    assert _shown(cli, "Sara Khan")["notes"] == "Reporter, City desk"


def test_emails_and_phones_on_lines_of_their_own_in_a_cell(cli: Cli, tmp_path):
    """Typed with Alt+Enter between them, or with only a space between two addresses: each
    is a value of its own, the first the primary. One address with words around it is still
    one (wrong) value."""
    path = write(tmp_path, 'Name,Contact No.,Email\n'
                           '"Tariq Mehmood","0300-5556677\n051-9261234",'
                           '"tariq@islamabadpolice.gov.pk\r\ntmehmood@gmail.com"\n'
                           '"Kamran Yousaf","0333-1234567 (WhatsApp)",'
                           '"kamran@tribune.com.pk kamran@gmail.com"\n')
    cli.ok("import", "contacts", str(path), "--region", "PK")
    assert _contacts(cli, "Tariq Mehmood") == [
        ("email", "tariq@islamabadpolice.gov.pk", None), ("email", "tmehmood@gmail.com", None),
        ("phone", "+923005556677", None), ("phone", "+92519261234", None)]
    assert _contacts(cli, "Kamran Yousaf") == [
        ("email", "kamran@tribune.com.pk", None), ("email", "kamran@gmail.com", None),
        ("phone", "+923331234567", "WhatsApp")]
    wrong = write(tmp_path, "Name,Email\nAli Raza,ali at fia.gov.pk\n", "wrong.csv")
    result = cli("import", "contacts", str(wrong))
    assert result.stderr.splitlines()[0] == (
        "Row 2: invalid email 'ali at fia.gov.pk': An email address must have an @-sign.")


UNSUBSCRIBED = (
    "Email Address,First Name,Last Name,Address,Phone Number,MEMBER_RATING,OPTIN_TIME,"
    "UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_REASON,TAGS\n"
    "sana.javed@thenews.com.pk,Sana,Javed,,,1,2017-07-20 10:01:02,2018-01-05 09:12:00,"
    "Newsletter Jan,I never signed up for this mailing list,\"\"\"Media\"\"\"\n"
    "old.contact@undp.org,,,,,1,,2018-02-01 10:00:00,,NORMAL,\n"
)


def test_mailchimps_unsubscribed_members_with_only_an_address_are_kept_opted_out(
        cli: Cli, tmp_path):
    """Most of Mailchimp's members have no name: in its export of unsubscribed members each
    row's UNSUB_TIME opts it out by itself, and a row with only an address is kept under that
    address, as in a list given with --opted-out, rather than rejected: no later list mails
    it. A row with only an address that does not opt out is still refused."""
    before = data(cli.url)  # apart from the audit trail
    path = write(tmp_path, UNSUBSCRIBED, "unsubscribed_members_export_3f2a1.csv")
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr.endswith("Imported batch 1: 2 created, 0 updated, 0 skipped, "
                                  "0 rejected; 2 opted out of email\n")
    kept = _shown(cli, "old.contact@undp.org")
    assert (kept["full_name"], kept["email"], kept["do_not_email"]) == (
        "old.contact@undp.org", "old.contact@undp.org", True)
    assert cli.ok("export", "contacts", "--profile", "mailchimp").stdout.splitlines()[1:] == []
    again = write(tmp_path, "Email Address,First Name,Last Name\nold.contact@undp.org,,\n",
                  "audience.csv")
    assert cli.ok("import", "contacts", str(again)).stderr == (
        "Imported batch 2: 0 created, 0 updated, 1 skipped, 0 rejected\n")
    cli.ok("import", "undo", "2")
    cli.ok("import", "undo", "1")
    assert data(cli.url) == before
    said_no = write(tmp_path, "Email Address,Unsubscribed\nsomeone@undp.org,no\n", "no.csv")
    result = cli("import", "contacts", str(said_no))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, "Row 2: no name")


def _days(tmp_path, name: str = "workshop.xlsx"):
    header = ["Sr. No.", "Name", "Organization", "Email", "Cell No."]
    return _book(tmp_path, {
        "Day 1": [header, [1, "Bilal Ahmed", "UNHCR", "bilal.ahmed@unhcr.org", "0301-2223344"],
                  [2, "Sara Khan", "UN Women", "sara.khan@unwomen.org", "0302 3334455"]],
        "Day 2": [header, [1, "Bilal Ahmed", "UNHCR", "bilal.ahmed@unhcr.org", "0301-2223344"],
                  [2, "Imran Hussain", "Punjab Police", "imran.hussain@punjabpolice.gov.pk",
                   "0303-4445566"]],
        "Notes": [],
        "Summary": [["Day 1: 2"], ["Day 2: 2"]],
        "Lists": [["UNHCR"], ["UN Women"], ["Punjab Police"]],  # a template's, hidden
    }, name=name, hidden=("Lists",))


def test_a_workbook_of_several_sheets_names_those_not_read(cli: Cli, tmp_path):
    """The first sheet is read; the others holding something are named, so that a second
    day's list is not left out without a word (not a hidden one: a template's lists).
    --sheet reads another, by name (in any capitals) or number."""
    path = _days(tmp_path)
    result = cli.ok("import", "contacts", str(path), "--region", "PK", "--dry-run")
    assert result.stdout.splitlines()[2:] == ["2      created   Bilal Ahmed",
                                              "3      created   Sara Khan"]
    assert result.stderr.splitlines()[0] == (
        "Read the sheet 'Day 1' only; not read: 'Day 2', 'Summary' (--sheet NAME to read "
        "another)")
    for sheet in ("day 2", "2"):
        result = cli.ok("import", "contacts", str(path), "--region", "PK", "--dry-run",
                        "--sheet", sheet)
        assert result.stdout.splitlines()[2:] == ["2      created   Bilal Ahmed",
                                                  "3      created   Imran Hussain"]
        assert result.stderr.splitlines()[0] == (
            "Read the sheet 'Day 2' only; not read: 'Day 1', 'Summary' (--sheet NAME to read "
            "another)")
    single = _book(tmp_path, {"Participants": [["Name", "Email"], ["Ann Lee", "ann@x.org"]]})
    assert cli.ok("import", "contacts", str(single), "--sheet", "participants").stderr == (
        "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n")


def test_a_sheet_that_is_not_there_is_refused(cli: Cli, tmp_path):
    path = _days(tmp_path)
    refused(cli, "import", "contacts", str(path), "--sheet", "Day 3",
            message=f"--sheet 'Day 3': {path} has no such sheet (its sheets: Day 1, Day 2, "
                    "Notes, Summary, Lists)")
    refused(cli, "import", "contacts", str(path), "--sheet", "6",
            message=f"--sheet '6': {path} has no such sheet (its sheets: Day 1, Day 2, "
                    "Notes, Summary, Lists)")
    refused(cli, "import", "contacts", str(path), "--sheet", "Notes",
            message=f"the sheet 'Notes' of {path}, the one read, has no rows")
    refused(cli, "import", "contacts", str(path), "--sheet", "Summary",
            message="no name or email column recognised in the header (Day 1: 2); use --map "
                    "HEADER=FIELD")
    csv = write(tmp_path, "Name,Email\nAnn Lee,ann@x.org\n")
    refused(cli, "import", "contacts", str(csv), "--sheet", "1",
            message="--sheet is for .xlsx workbooks; in.csv is not one")


def test_a_workbook_whose_first_sheet_is_a_cover_says_to_name_the_list(cli: Cli, tmp_path):
    path = _book(tmp_path, {"Cover": [["Please type one participant per row on the next "
                                       "sheet."]],
                            "Participants": [["Name", "Email"], ["Ann Lee", "ann@x.org"]]})
    refused(cli, "import", "contacts", str(path),
            message=f"no name or email column recognised on the first sheet of {path}, "
                    "'Cover', the one read (its sheets: Cover, Participants); move the list "
                    "to the first sheet, or name its sheet with --sheet; or use --map "
                    "HEADER=FIELD")
    cli.ok("import", "contacts", str(path), "--sheet", "Participants")
    assert [p["full_name"] for p in people(cli)] == ["Ann Lee"]


def test_a_semicolon_list_from_a_french_excel(cli: Cli, tmp_path):
    """Saved as CSV by a French Excel: semicolons, cp1252, its own headers (Civilité,
    Fonction, Société, Pays) and country names in French."""
    text = ("Civilité;Prénom;Nom;Société;Fonction;Courriel;Téléphone;Pays\r\n"
            "Mme;Élodie;Lefèvre;Ambassade de France;Première conseillère;"
            "elodie.lefevre@diplomatie.gouv.fr;+33 1 43 17 53 53;France\r\n"
            "M.;Hans;Großmann;GIZ;\"Leiter; Programm\";hans.grossmann@giz.de;"
            "+49 6196 79-0;Allemagne\r\n")
    path = write(tmp_path, text, "liste.csv", "cp1252")
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == ("Read liste.csv as cp1252\n"
                             "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n")
    got = {p["full_name"]: (p["title"], p["organization"], p["position"], p["email"],
                            p["phone"], p["country"]) for p in people(cli)}
    assert got == {
        "Élodie Lefèvre": ("Mme", "Ambassade de France", "Première conseillère",
                           "elodie.lefevre@diplomatie.gouv.fr", "+33143175353", "FR"),
        "Hans Großmann": ("M.", "GIZ", "Leiter; Programm", "hans.grossmann@giz.de",
                          "+496196790", "DE"),
    }


@pytest.mark.parametrize("name, phone", [
    ("Nom et Prénoms", "Contact téléphonique"), ("Noms et prénoms", "N° de téléphone"),
    ("Nom & Prénom", "N° téléphone"), ("NOM ET PRÉNOMS", "Téléphone portable")])
def test_a_french_sign_in_sheet_is_read_whatever_its_headers_spelling(
        seeded_cli: Cli, tmp_path, name, phone):
    """A sign-in sheet as French-speaking offices type it: the names under "Nom et
    Prénoms" (plural, or with "&"), the numbers under "N° de téléphone" or "Contact
    téléphonique", and an Émargement column, read as a Signature column: a line left
    unsigned is someone who did not come."""
    path = _book(tmp_path, {"Feuil1": [
        ["LISTE DE PRÉSENCE"],
        ["N°", name, "Structure", phone, "Courriel", "Émargement"],
        [1, "Awa Diop", "Ministère de la Justice", "+221 77 123 45 67", "awa@justice.gouv.sn",
         "A. Diop"],
        [2, "Koffi Mensah", "ONUDC", "+228 90 12 34 56", None, None]]}, name="presence.xlsx")
    result = seeded_cli.ok("import", "contacts", str(path), "--event", "1")
    assert "Ignored columns" not in result.stderr
    assert result.stderr.endswith("1 created, 0 updated, 1 skipped, 0 rejected; "
                                  "1 attendance recorded\n")
    [awa] = [p for p in people(seeded_cli) if p["full_name"] == "Awa Diop"]
    assert (awa["organization"], awa["phone"], awa["email"]) == (
        "Ministère de la Justice", "+221771234567", "awa@justice.gouv.sn")
    assert "Koffi" not in seeded_cli.ok("person", "list", "--search", "koffi").stdout


@pytest.mark.parametrize("absent", ["Absent", "absente", "Excusé", "-", "N/A"])
def test_a_signature_cell_saying_absent_is_no_signature(seeded_cli: Cli, tmp_path, absent):
    """'Absent' written in the Émargement column was read as a signature: recorded as come."""
    path = write(tmp_path, "Nom et prénom,Courriel,Émargement\n"
                           "Awa Diop,awa@justice.gouv.sn,A. Diop\n"
                           f"Koffi Mensah,koffi@onudc.org,{absent}\n")
    result = seeded_cli.ok("import", "contacts", str(path), "--event", "1")
    assert result.stderr.endswith("1 created, 0 updated, 1 skipped, 0 rejected; "
                                  "1 attendance recorded\n")


def test_a_list_from_a_german_outlook(cli: Cli, tmp_path):
    text = ("sep=;\r\n"
            "Anrede;Vorname;Nachname;Firma;Position;E-Mail-Adresse;Telefon geschäftlich;"
            "Land/Region\r\n"
            "Herr;Hans;Großmann;GIZ;Leiter;hans.grossmann@giz.de;+49 6196 79-0;Deutschland\r\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, text, "kontakte.csv", "cp1252")))
    assert result.stderr == ("Read kontakte.csv as cp1252\n"
                             "Imported batch 1: 1 created, 0 updated, 0 skipped, 0 rejected\n")
    [hans] = people(cli)
    assert (hans["title"], hans["full_name"], hans["organization"], hans["position"],
            hans["email"], hans["country"]) == ("Herr", "Hans Großmann", "GIZ", "Leiter",
                                                "hans.grossmann@giz.de", "DE")


def test_a_phones_address_book_skips_company_cards(cli: Cli, tmp_path):
    """An iPhone's export (vCard 3.0, grouped properties, a photo) and an Android's (vCard
    2.1, a name in Urdu in quoted-printable UTF-8): a company's card, as Apple marks it or
    named only by its organization, is no person, and is skipped as such."""
    iphone = ("BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\n"
              "N:;;;;\r\nFN:Dawn News\r\nORG:Dawn News;\r\n"
              "item1.EMAIL;type=INTERNET;type=pref:newsdesk@dawn.com\r\n"
              "item1.X-ABLabel:_$!<Other>!$_\r\nX-ABShowAs:COMPANY\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Javed;Sana;;Ms.;\r\nFN:Ms. Sana Javed\r\n"
              "ORG:The News;\r\nitem1.EMAIL;type=INTERNET;type=pref:sana.javed@thenews.com.pk\r\n"
              "item2.TEL:0300 5554433\r\nitem2.X-ABLabel:Cell\r\n"
              "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgK\r\n"
              " DBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/\r\n"
              "END:VCARD\r\n")
    android = ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
               "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D8=AE=D8=A7=D9=86;"
               "=D8=B9=D8=A7=D8=A6=D8=B4=DB=81;;;\r\n"
               "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D8=B9=D8=A7=D8=A6=D8=B4=DB=81 "
               "=D8=AE=D8=A7=D9=86\r\nTEL;CELL:0300-1234567\r\nEMAIL;HOME:aisha.khan@fia.gov.pk\r\n"
               "ORG:FIA\r\nEND:VCARD\r\n"
               "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nFN:Careem\r\nORG:Careem\r\n"
               "TEL;WORK:+92 21 111 227 336\r\nEND:VCARD\r\n")
    first = cli.ok("import", "contacts", str(write(tmp_path, iphone, "iphone.vcf")),
                   "--region", "PK", "--dry-run")
    assert first.stdout.splitlines()[2:] == [
        "1      skipped   Dawn News   an organization's card, not a person's",
        "2      created   Sana Javed"]
    cli.ok("import", "contacts", str(write(tmp_path, iphone, "iphone.vcf")), "--region", "PK")
    second = cli.ok("import", "contacts", str(write(tmp_path, android, "android.vcf")),
                    "--region", "PK")
    assert second.stderr == "Imported batch 2: 1 created, 0 updated, 1 skipped, 0 rejected\n"
    assert sorted(p["full_name"] for p in people(cli)) == [
        "Sana Javed", "\u0639\u0627\u0626\u0634\u06c1 \u062e\u0627\u0646"]
    assert _contacts(cli, "Sana Javed") == [("email", "sana.javed@thenews.com.pk", None),
                                            ("phone", "+923005554433", "Cell")]  # its label


def test_a_card_of_only_an_organization_is_skipped_not_rejected(cli: Cli, tmp_path):
    """A card that names no one, only an ORG (no N, no FN: an office's address, as some
    address books keep one), is a company's card: skipped, named by its organization, and the
    people beside it are imported without --skip-invalid."""
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nORG:UNODC;Country Office\r\n"
             "EMAIL:fo.pakistan@unodc.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Javed;Sana;;;\r\nFN:Sana Javed\r\n"
             "ORG:UNODC\r\nEMAIL:sana.javed@unodc.org\r\nEND:VCARD\r\n")
    path = write(tmp_path, cards, "office.vcf")
    dry = cli.ok("import", "contacts", str(path), "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "1      skipped   UNODC       an organization's card, not a person's",
        "2      created   Sana Javed"]
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr == "Imported batch 1: 1 created, 0 updated, 1 skipped, 0 rejected\n"
    assert [p["full_name"] for p in people(cli)] == ["Sana Javed"]


@pytest.mark.parametrize("header, company, person", [
    # Google Contacts' export, and Outlook's
    ("First Name,Last Name,File As,Organization Name,E-mail 1 - Label,E-mail 1 - Value",
     ",,Serena Hotel,Serena Hotel,* Work,events@serena.com.pk",
     "Sana,Javed,Sana Javed,UNODC,* Work,sana.javed@unodc.org"),
    ("First Name,Last Name,Company,E-mail Address,E-mail Type,E-mail Display Name",
     ",,Serena Hotel,events@serena.com.pk,SMTP,Serena Events (events@serena.com.pk)",
     "Sana,Javed,UNODC,sana.javed@unodc.org,SMTP,Sana Javed (sana.javed@unodc.org)"),
    # Google's older export: the organization's own name in Name
    ("Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
     "Organization 1 - Name",
     "Serena Hotel,,,* myContacts,Work,events@serena.com.pk,Serena Hotel",
     "Sana Javed,Sana,Javed,* myContacts,Work,sana.javed@unodc.org,UNODC"),
])
def test_an_address_books_entry_of_only_an_organization_is_skipped(cli: Cli, tmp_path, header,
                                                                    company, person):
    """Google's and Outlook's CSV exports hold a company's entry as a row with the
    organization and no name, as their cards do: skipped as a card is, not rejected."""
    path = write(tmp_path, "\n".join((header, company, person)) + "\n", "contacts.csv")
    dry = cli.ok("import", "contacts", str(path), "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "2      skipped   Serena Hotel  an organization's entry, not a person's",
        "3      created   Sana Javed"]
    result = cli.ok("import", "contacts", str(path))
    assert result.stderr.endswith("Imported batch 1: 1 created, 0 updated, 1 skipped, "
                                  "0 rejected\n")
    assert [p["full_name"] for p in people(cli)] == ["Sana Javed"]


def test_a_sheets_row_of_only_an_organization_is_still_rejected(cli: Cli, tmp_path):
    """On a sign-in sheet such a row is someone who left their name out: said, not skipped."""
    path = write(tmp_path, "Name,Organization,Email\n,UNODC,fo@unodc.org\n", "sheet.csv")
    result = cli("import", "contacts", str(path))
    assert result.exit_code == 1
    assert "Row 2: no name" in result.stderr


def test_group_and_organization_cards_are_skipped(cli: Cli, tmp_path):
    """A group's card (vCard 4.0 KIND:group, Apple's X-ADDRESSBOOKSERVER-KIND:group in 3.0)
    is a list of members, and a KIND:org card an organization's, even one whose FN reads as
    a person's: no person is made of either."""
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Press list;;;;\r\nFN:Press list\r\n"
             "X-ADDRESSBOOKSERVER-KIND:group\r\n"
             "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:5c2b6f9e-0001\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Board\r\n"
             "MEMBER:urn:uuid:5c2b6f9e-0002\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Ann Cole Foundation\r\n"
             "EMAIL:info@colefoundation.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:Sana Javed\r\n"
             "EMAIL:sana@example.org\r\nEND:VCARD\r\n")
    path = write(tmp_path, cards, "groups.vcf")
    dry = cli.ok("import", "contacts", str(path), "--dry-run")
    assert dry.stdout.splitlines()[2:] == [
        "1      skipped   Press list           a group's card (a list of members), not a person's",
        "2      skipped   Board                a group's card (a list of members), not a person's",
        "3      skipped   Ann Cole Foundation  an organization's card, not a person's",
        "4      created   Sana Javed"]
    cli.ok("import", "contacts", str(path))
    assert [p["full_name"] for p in people(cli)] == ["Sana Javed"]


def test_a_vcard_2_1_value_keeps_its_bare_commas(cli: Cli, tmp_path):
    """vCard 2.1, as old phones and Outlook write it, leaves a comma in a value unescaped:
    it is part of the text (a name written surname first, an organization, a position, a
    note, quoted-printable too), not the end of it; CATEGORIES still lists several."""
    cards = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hale;David\r\nFN:Hale, David\r\n"
             "ORG:Ministry of Interior, Pakistan;Policy Wing\r\nTITLE:Director, Policy\r\n"
             "EMAIL;PREF;INTERNET:david@example.org\r\n"
             "ADR;WORK:;;1 Road, Sector F-5;Islamabad;;44000;Pakistan\r\n"
             "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the launch, keen=0D=0ASend the MoU, =\r\n"
             "soon\r\nCATEGORIES:Press,Launch 2017\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "outlook.vcf")))
    [david] = people(cli)
    assert (david["full_name"], david["organization"], david["position"], david["notes"],
            david["tags"], david["country"]) == (
        "Hale, David", "Ministry of Interior, Pakistan", "Director, Policy",
        "Met at the launch, keen\nSend the MoU, soon", ["Launch 2017", "Press"], "PK")


def test_a_bare_comma_in_a_later_vcards_one_text_value_is_kept(cli: Cli, tmp_path):
    """Many writers of vCard 3.0 and 4.0 leave a comma in FN, TITLE, NOTE or ORG bare: each
    holds one text, so it is part of it, not the end of it, on a folded line too; an escaped
    one folded between its backslash and the comma stays one comma; CATEGORIES still lists
    several."""
    note = "x" * 68 + "\\\r\n , and more"  # the fold falls after the backslash
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hale;David;;;\r\nFN:Hale, David\r\n"
             "TITLE:Director, Policy\r\nORG:Ministry of Interior, Pakistan;Policy\r\n"
             f"NOTE:{note}\r\nCATEGORIES:Press,Launch 2017\r\n"
             "EMAIL:david@example.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lee, Ann\r\nNOTE:Met once\r\n , at the launch\r\n"
             "EMAIL:ann@example.org\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "cards.vcf")))
    found = {p["email"]: p for p in people(cli)}
    david, ann = found["david@example.org"], found["ann@example.org"]
    assert (david["full_name"], david["position"], david["organization"], david["notes"],
            david["tags"]) == ("Hale, David", "Director, Policy",
                               "Ministry of Interior, Pakistan", "x" * 68 + ", and more",
                               ["Launch 2017", "Press"])
    assert (ann["full_name"], ann["notes"]) == ("Lee, Ann", "Met once, at the launch")


def test_a_vcard_2_1_comma_encoded_quoted_printable_is_part_of_the_text(cli: Cli, tmp_path):
    """Some vCard 2.1 writers encode every comma of a quoted-printable value (=2C): it is
    part of the text as a bare one is."""
    cards = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
             "M=C3=BCller;J=C3=BCrgen\r\n"
             "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller=2C J=C3=BCrgen\r\n"
             "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Leiter=2C Referat 3\r\n"
             "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ausw=C3=A4rtiges Amt=2C Berlin\r\n"
             "EMAIL;PREF;INTERNET:jm@example.de\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "outlook.vcf")))
    [person] = people(cli)
    assert (person["full_name"], person["position"], person["organization"]) == (
        "Müller, Jürgen", "Leiter, Referat 3", "Auswärtiges Amt, Berlin")


def test_a_cards_fax_number_is_not_a_phone(cli: Cli, tmp_path):
    """Outlook and phones give a fax number as a TEL typed FAX, often first: it is not the
    person's phone (as a list's Fax column is passed over), whichever version writes it."""
    cards = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hale;David\r\nFN:David Hale\r\n"
             "TEL;WORK;FAX:+92 51 2601461\r\nTEL;CELL;VOICE:+92 300 1234567\r\n"
             "EMAIL;PREF;INTERNET:dh@example.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\n"
             "TEL;TYPE=WORK,FAX:+92 51 2601462\r\nTEL;TYPE=CELL:+92 300 1234568\r\n"
             "EMAIL:al@example.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Li\r\n"
             "TEL;TYPE=\"fax,work\";VALUE=uri:tel:+92-51-2601463\r\n"
             "TEL;TYPE=work:+92 51 2601464\r\nEMAIL:bl@example.org\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "fax.vcf")))
    assert sorted((p["full_name"], p["phone"], p["other_phones"]) for p in people(cli)) == [
        ("Ann Lee", "+923001234568 (mobile)", []), ("Bo Li", "+92512601464", []),
        ("David Hale", "+923001234567 (mobile)", [])]


def test_a_cards_preferred_email_and_phone_are_the_primary_ones(cli: Cli, tmp_path):
    """The address and number a card marks preferred (TYPE=pref, 2.1's PREF, 4.0's PREF=1,
    the lowest first) are the primary ones, wherever they are on the card."""
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\n"
             "item1.EMAIL;type=INTERNET;type=HOME:ann@gmail.com\r\n"
             "item2.EMAIL;type=INTERNET;type=WORK;type=pref:ann@undp.org\r\n"
             "TEL;TYPE=HOME:+92 51 2601462\r\nTEL;TYPE=CELL,pref:+92 300 1234568\r\n"
             "END:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Li\r\nEMAIL;PREF=2:b2@example.org\r\n"
             "EMAIL:b3@example.org\r\nEMAIL;PREF=1:b1@example.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hale;David\r\nEMAIL;INTERNET:d2@example.org\r\n"
             "EMAIL;PREF;INTERNET:d1@example.org\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "pref.vcf")))
    assert sorted((p["full_name"], p["email"], p["other_emails"], p["phone"], p["other_phones"])
                  for p in people(cli)) == [
        ("Ann Lee", "ann@undp.org", ["ann@gmail.com"], "+923001234568 (mobile)",
         ["+92512601462 (home)"]),
        ("Bo Li", "b1@example.org", ["b2@example.org", "b3@example.org"], None, []),
        ("David Hale", "d1@example.org", ["d2@example.org"], None, [])]
    # TYPE=CELL and TYPE=HOME are labels; a work address or number, the usual kind, is not
    assert _contacts(cli, "Ann Lee") == [
        ("email", "ann@undp.org", None), ("email", "ann@gmail.com", "home"),
        ("phone", "+923001234568", "mobile"), ("phone", "+92512601462", "home")]


def test_a_cards_work_address_gives_the_organizations_country(cli: Cli, tmp_path):
    """A diplomat's card with a home address at home and a work address at the post: the
    organization's country is the work address's, not the first address's."""
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Turner;Christian;;;\r\nFN:Christian Turner\r\n"
             "ORG:British High Commission\r\nEMAIL:ct@example.org\r\n"
             "ADR;TYPE=HOME:;;1 Downing St;London;;SW1A 2AA;United Kingdom\r\n"
             "ADR;TYPE=WORK:;;Diplomatic Enclave;Islamabad;;;Pakistan\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "adr.vcf")))
    [person] = people(cli)
    assert (person["organization"], person["country"]) == ("British High Commission", "PK")


def test_an_android_custom_phone_label_does_not_make_the_file_unreadable(cli: Cli, tmp_path):
    """Samsung and other Android phones write a number's own label in brackets among the
    parameters (TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=4F=66…)), which
    refused the whole file as broken: the number is read, as any TEL is."""
    cards = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Khan;Aisha;;;\r\nFN:Aisha Khan\r\n"
             "TEL;CELL;PREF:+923001234567\r\n"
             "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=4F=66=66=69=63=65):"
             "+92512601461\r\n"
             "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,Home office):"
             "+92512601462\r\n"
             "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Ash;1;;;;;;;;;;;;;\r\n"
             "EMAIL;HOME:aisha@example.org\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "samsung.vcf")))
    [aisha] = people(cli)
    assert (aisha["full_name"], aisha["phone"], aisha["other_phones"]) == (
        "Aisha Khan", "+923001234567 (mobile)", ["+92512601461", "+92512601462"])


def test_a_vcards_name_suffix_is_kept(cli: Cli, tmp_path):
    """N's fifth part, the honorific suffix, is kept as a name written in full keeps it: Jr.
    or III in the family name too, letters after the name (CMG, MNA) in the full name only;
    an FN that already ends with it is left as it is."""
    cards = ("BEGIN:VCARD\r\nVERSION:4.0\r\nN:Hale;David;;;Jr.\r\nFN:David Hale\r\n"
             "EMAIL:david@example.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Turner;Christian;;;CMG\r\n"
             "FN:Christian Turner\r\nEMAIL:christian@example.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Marri;Shazia;;;MNA\r\n"
             "EMAIL:shazia@example.org\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Ross;Tom;;;III\r\nFN:Tom Ross III\r\n"
             "EMAIL:tom@example.org\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "suffixes.vcf")))
    assert sorted((p["full_name"], p["given_name"], p["family_name"]) for p in people(cli)) == [
        ("Christian Turner CMG", "Christian", "Turner"),
        ("David Hale Jr.", "David", "Hale Jr."),
        ("Shazia Marri MNA", "Shazia", "Marri"),
        ("Tom Ross III", "Tom", "Ross III")]


def test_outlooks_and_googles_suffix_columns_are_read(cli: Cli, tmp_path):
    """Outlook's export has a Suffix column, Google's a Name Suffix: read as vCard N's suffix
    is, not passed over."""
    outlook = ("Title,First Name,Middle Name,Last Name,Suffix,Company,Job Title,"
               "E-mail Address\r\n"
               "Mr.,David,,Hale,Jr.,Ministry of Interior,Director,david@example.org\r\n"
               ",Christian,,Turner,CMG,British High Commission,High Commissioner,"
               "christian@example.org\r\n")
    google = ("Name,Given Name,Family Name,Name Suffix,E-mail 1 - Value\r\n"
              "Tom Ross,Tom,Ross,III,tom@example.org\r\n"
              # written in the name already, without its full stop: not added again
              "Ali Rossi Jr,Ali,Rossi Jr,Jr.,ali@example.org\r\n"
              "Bo Rossi,Bo,Rossi,I,bo@example.org\r\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, outlook, "outlook.csv")))
    assert "Ignored columns" not in result.stderr
    result = cli.ok("import", "contacts", str(write(tmp_path, google, "google.csv")))
    assert "Ignored columns" not in result.stderr
    assert sorted((p["full_name"], p["given_name"], p["family_name"], p["title"])
                  for p in people(cli)) == [
        ("Ali Rossi Jr", "Ali", "Rossi Jr", None),
        ("Bo Rossi I", "Bo", "Rossi I", None),
        ("Christian Turner CMG", "Christian", "Turner", None),
        ("David Hale Jr.", "David", "Hale Jr.", "Mr."),
        ("Tom Ross III", "Tom", "Ross III", None)]


def test_a_google_contacts_third_email_and_phone_are_read(cli: Cli, tmp_path):
    """Google Contacts' CSV has as many E-mail n and Phone n columns as its contact with the
    most: the third and further ones are the person's too, not ignored columns, and each
    one's Label column is its label."""
    google = ("First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,"
              "E-mail 2 - Label,E-mail 2 - Value,E-mail 3 - Label,E-mail 3 - Value,"
              "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
              "Phone 3 - Label,Phone 3 - Value\r\n"
              "Anna,Berg,* myContacts ::: Press,* Work,anna@undp.org,Home,anna@gmail.com,"
              "Other,anna.b@proton.me,Mobile,+92 300 1234567,Work,+92 51 2601461,"
              "Home,+92 333 1112223\r\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, google, "contacts.csv")))
    assert "Value" not in result.stderr and "Label" not in result.stderr  # none ignored
    [anna] = people(cli)
    assert (anna["email"], anna["other_emails"], anna["phone"], anna["other_phones"]) == (
        "anna@undp.org", ["anna@gmail.com", "anna.b@proton.me"],
        "+923001234567 (Mobile)", ["+92512601461 (Work)", "+923331112223 (Home)"])
    points = json.loads(cli.ok("person", "show", "Anna Berg", "-f", "json").stdout)[
        "contact_points"]
    assert [(p["value"], p["label"]) for p in points if p["kind"] == "email"] == [
        ("anna@undp.org", "Work"), ("anna@gmail.com", "Home"), ("anna.b@proton.me", "Other")]


def test_one_label_of_a_google_cell_of_several_values_is_each_ones(cli: Cli, tmp_path):
    """Google writes a contact's two numbers of one kind in one cell under one label."""
    google = ("First Name,Last Name,E-mail 1 - Type,E-mail 1 - Value,Phone 2 - Type,"
              "Phone 2 - Value\r\n"
              "Anna,Berg,Work,anna@undp.org ::: berg@undp.org,Work ::: Home,"
              "+92 51 2601461 ::: +92 51 2601462\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, google, "contacts.csv")))
    points = json.loads(cli.ok("person", "show", "Anna Berg", "-f", "json").stdout)[
        "contact_points"]
    assert [(p["value"], p["label"]) for p in points] == [
        ("anna@undp.org", "Work"), ("berg@undp.org", "Work"), ("+92512601461", "Work"),
        ("+92512601462", "Home")]


@pytest.mark.parametrize("google", [
    "Name,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value\r\n"
    "Anna Berg,anna@undp.org,Work Fax,+92 51 2601462\r\n",
    "Name,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value\r\n"
    "Anna Berg,anna@undp.org,Mobile ::: Fax,+92 300 1234567 ::: +92 51 2601462,"
    "Home Fax,+92 51 2601463\r\n",
    "Name,Email,Phone,Phone Type\r\nAnna Berg,anna@undp.org,+92 51 2601462,Fax\r\n",
    "Name,Email,Phone\r\nAnna Berg,anna@undp.org,+92 51 2601462 (fax)\r\n"])
def test_a_number_labelled_a_fax_is_passed_over_as_a_fax_column_is(cli: Cli, tmp_path, google):
    """A mailing tool would take a fax machine's number for a phone: 'Work Fax' in Google's
    Phone Type is passed over, as a Fax column and a vCard's TYPE=FAX are."""
    cli.ok("import", "contacts", str(write(tmp_path, google, "contacts.csv")))
    points = json.loads(cli.ok("person", "show", "Anna Berg", "-f", "json").stdout)[
        "contact_points"]
    assert [p["value"] for p in points if p["kind"] == "phone"] == (
        ["+923001234567"] if "Mobile" in google else [])


def test_a_google_contacts_first_phone_label_is_its_label(cli: Cli, tmp_path):
    """Phone 1 - Label says what kind the first number is (Google stars the primary one): it
    is the number's label, as a remark written after it would be; one the number already
    carries stays."""
    google = ("First Name,Last Name,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n"
              "Anna,Berg,anna@undp.org,* Mobile,+92 300 1234567\r\n"
              "Omar,Khan,omar@undp.org,Work ::: Mobile,+92 51 2601461 ::: +92 300 7654321\r\n"
              "Sara,Ali,sara@undp.org,Mobile,+92 300 1112223 (WhatsApp)\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, google, "contacts.csv")))
    assert _contacts(cli, "Anna Berg")[1:] == [("phone", "+923001234567", "Mobile")]
    assert _contacts(cli, "Omar Khan")[1:] == [("phone", "+92512601461", "Work"),
                                               ("phone", "+923007654321", "Mobile")]
    assert _contacts(cli, "Sara Ali")[1:] == [("phone", "+923001112223", "WhatsApp")]


def test_a_vcard_4_tel_uri_is_a_phone_number(cli: Cli, tmp_path):
    """vCard 4.0 gives TEL as a tel: URI (VALUE=uri): the number it holds is the phone, an
    extension (;ext=) its label as a list writes it."""
    cards = ("BEGIN:VCARD\r\nVERSION:4.0\r\nN:Smith;Jane;;Dr.;\r\nFN:Dr. Jane Smith\r\n"
             "TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-212-963-1234\r\n"
             "TEL;VALUE=uri;TYPE=work:TEL:+44-20-7946-0958;ext=12\r\n"
             "EMAIL:jane@example.org\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "v4.vcf")))
    assert _contacts(cli, "Jane Smith") == [("email", "jane@example.org", None),
                                            ("phone", "+12129631234", None),
                                            ("phone", "+442079460958", "ext. 12")]


def test_googles_system_groups_in_a_cards_categories_are_not_tags(cli: Cli, tmp_path):
    """Google Contacts' vCard export lists its system groups (myContacts, every contact's;
    starred) in CATEGORIES beside the user's labels: only the labels are tags."""
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nN:Berg;Anna;;;\r\n"
             "EMAIL;TYPE=INTERNET;TYPE=WORK:anna@example.org\r\n"
             "CATEGORIES:myContacts,starred,Press\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Lund\r\nN:Lund;Bo;;;\r\n"
             "EMAIL;TYPE=INTERNET:bo@example.org\r\nCATEGORIES:myContacts\r\nEND:VCARD\r\n")
    cli.ok("import", "contacts", str(write(tmp_path, cards, "contacts.vcf")))
    assert sorted((p["full_name"], p["tags"]) for p in people(cli)) == [
        ("Anna Berg", ["Press"]), ("Bo Lund", [])]


@pytest.mark.parametrize("cell, numbers", [
    # a remark after each: each number keeps its own
    ("0300-1234567 (Cell) 051-2345678 (Off)", [("+923001234567", "Cell"),
                                               ("+92512345678", "Off")]),
    # a label before each: it is the next number's, not the remark of the one before
    ("Off: 051-2345678 Cell: 0300-1234567", [("+92512345678", None),
                                             ("+923001234567", None)]),
    ("Cell 0300-1234567 Office 051-2345678", [("+923001234567", None),
                                              ("+92512345678", None)]),
    # a word that only joins them
    ("0300-1234567 or 051-2345678", [("+923001234567", None), ("+92512345678", None)]),
    ("0300-1234567 & 051-2345678", [("+923001234567", None), ("+92512345678", None)]),
    ("0300-1234567 | 051-2345678", [("+923001234567", None), ("+92512345678", None)]),
    # one number and its extension
    ("+92 51 9250000 ext. 12345", [("+92519250000", "ext. 12345")]),
])
def test_a_second_number_after_words_is_a_number_not_a_label(cli: Cli, tmp_path, cell,
                                                             numbers):
    """Words between two numbers were the first one's label, the second number with them:
    kept, but as text, never dialled nor exported."""
    path = write(tmp_path, f'Name,Contact No.\nAsma Bibi,"{cell}"\n')
    cli.ok("import", "contacts", str(path), "--region", "PK")
    assert [(value, label) for _, value, label in _contacts(cli, "Asma Bibi")] == numbers


def test_a_department_column_is_the_organization_where_none_other_is(cli: Cli, tmp_path):
    """A government sheet's Department ("Punjab Police") is whom the person came from; in
    Outlook's export, beside Company, it is a unit of the company, and passed over. Here the
    header is on two lines too (a merged "Contact" above Email and Mobile No.)."""
    path = _book(tmp_path, {"Sheet1": [
        ["Training on Victim Identification, Lahore"],
        ["S. No", "Name & Designation", "Department", "Contact", None, "Signature"],
        [None, None, None, "Email", "Mobile No.", None],
        [1, "Naveed Akhtar\nSHO Gulberg", "Punjab Police", "naveed@punjabpolice.gov.pk",
         "0300-4445566", "sd/-"],
        [2, "Ms. Hina Jilani, Advocate", "AGHS Legal Aid Cell", None, "042-35761234", "sd/-"],
    ]}, {"Sheet1": ["D2:E2", "A2:A3", "B2:B3", "C2:C3"]})
    result = cli.ok("import", "contacts", str(path), "--region", "PK")
    assert result.stderr == "Imported batch 1: 2 created, 0 updated, 0 skipped, 0 rejected\n"
    assert {p["full_name"]: (p["organization"], p["position"], p["email"], p["phone"])
            for p in people(cli)} == {
        "Naveed Akhtar": ("Punjab Police", "SHO Gulberg", "naveed@punjabpolice.gov.pk",
                          "+923004445566"),
        "Hina Jilani": ("AGHS Legal Aid Cell", "Advocate", None, "+924235761234")}
    outlook = write(tmp_path, "First Name,Last Name,Company,Department,E-mail Address\n"
                              "Zoë,Müller,GIZ,Finance,zoe.mueller@giz.de\n", "outlook.csv")
    result = cli.ok("import", "contacts", str(outlook))
    assert result.stderr.splitlines()[0] == "Ignored columns: Department"
    assert _shown(cli, "Zoë Müller")["organization"] == "GIZ"


def test_a_nationality_column_is_passed_over_not_read_as_the_organizations_country(
        cli: Cli, tmp_path):
    """A sign-in sheet's Nationality ("Pakistani", "British") is the person's, which is not
    recorded: it is reported as an ignored column, rather than every row refused as an
    unknown country or a British diplomat's embassy placed in Britain."""
    sheet = ("Name,Organization,Email,Nationality\r\n"
             "Ali Raza,FIA,ali@fia.gov.pk,Pakistani\r\n"
             "John Smith,British High Commission,john@fcdo.gov.uk,British\r\n")
    result = cli.ok("import", "contacts", str(write(tmp_path, sheet, "sheet.csv")))
    assert "Ignored columns: Nationality" in result.stderr
    orgs = json.loads(cli.ok("org", "list", "-f", "json").stdout)
    assert {(o["name"], o["country"]) for o in orgs} == {
        ("FIA", None), ("British High Commission", None)}


def test_a_nationality_in_a_country_column_is_refused_naming_the_country(cli: Cli, tmp_path):
    """The Country column is where the organization is (and the phones are read): a
    nationality there may not be that, so the row is refused, saying which country it names."""
    sheet = "Name,Organization,Email,Country\r\nAli Raza,FIA,ali@fia.gov.pk,Pakistani\r\n"
    result = cli("import", "contacts", str(write(tmp_path, sheet, "sheet.csv")))
    assert result.exit_code == 1
    assert "Row 2: 'Pakistani' is a nationality, not a country; give the country (PK)" \
        in result.stderr
    assert json.loads(cli.ok("person", "list", "-f", "json").stdout) == []


@pytest.mark.parametrize("written,code", [("U.A.E.", "AE"), ("U.K.", "GB"), ("U.S.A.", "US"),
                                          ("u. s.", "US"), ("P.K.", "PK")])
def test_a_country_abbreviated_with_full_stops_is_read(cli: Cli, tmp_path, written, code):
    sheet = f"Name,Organization,Email,Country\r\nAli Raza,Some Org,ali@x.org,{written}\r\n"
    cli.ok("import", "contacts", str(write(tmp_path, sheet, "sheet.csv")))
    [org] = json.loads(cli.ok("org", "list", "-f", "json").stdout)
    assert org["country"] == code


def test_a_sheet_row_names_the_one_person_of_that_name_at_the_event(seeded_cli, tmp_path):
    """A hand-written sheet rarely spells the organization as it is recorded ("UN Office on
    Drugs", or nothing): someone of that name already recorded at the event, the only one, is
    that person signing in, not a new person beside them."""
    path = write(tmp_path, "no,name,organization,signature\n"
                           "1,Ms. Margaret Akullo,UN Office on Drugs,MA\n"
                           "2,Cesar Guedes,,CG\n"
                           "3,Sana Javed,,SJ\n", "sheet.csv")
    result = seeded_cli.ok("import", "contacts", str(path), "--event",
                           "GLO.ACT launch, Islamabad", "--dry-run")
    lines = result.stdout.splitlines()[2:]
    assert [line.split()[1] for line in lines] == ["skipped", "skipped", "created"]
    assert "already recorded (#7)" in lines[0] and "already recorded (#1)" in lines[1]


def test_a_formula_with_no_saved_value_is_said_to_be_read_as_empty(cli: Cli, tmp_path):
    """A workbook written by a script holds formulas but no values: the phone was left out
    without a word. One whose value was saved (as a spreadsheet saves it) is read."""
    import zipfile

    path = _book(tmp_path, {"List": [["Name", "Phone", "Email"],
                                     ["Ali Raza", '="0300"&"7777777"', "ali@x.org"],
                                     ["Sara Khan", "+923001234567", '=LOWER("S@X.ORG")']]})
    result = cli.ok("import", "contacts", str(path), "--region", "PK", "--dry-run")
    assert ("Read as empty: 2 formula cells with no value saved (B2, C3); the workbook was "
            "written by a program that does not compute formulas: open it in Excel or "
            "LibreOffice, save it, and import it again\n") in result.stderr
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(saved, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v />", b"<v>03007777777</v>", 1).replace(
                    b"<v />", b'<v>s@x.org</v>', 1).replace(b'<c r="C3">', b'<c r="C3" t="str">')
            new.writestr(item, data)
    result = cli.ok("import", "contacts", str(saved), "--region", "PK")
    assert "Read as empty" not in result.stderr
    assert sorted((p["full_name"], p["phone"], p["email"]) for p in people(cli)) == [
        ("Ali Raza", "+923007777777", "ali@x.org"), ("Sara Khan", "+923001234567", "s@x.org")]



def test_a_family_name_written_first_in_capitals(cli: Cli, tmp_path):
    """French lists write the family name first, in capitals: 'KOUASSI Yao Serge' was given
    'KOUASSI Yao' and family 'Serge', and a mailing greeted him by his family name."""
    path = write(tmp_path, "Nom et prénom,Email\nKOUASSI Yao Serge,yk@example.org\n"
                           "Mme TRAORÉ Aminata,at@example.org\nMD Ali Khan,ak@example.org\n")
    cli.ok("import", "contacts", str(path))
    cli.ok("person", "add", "DE LA CRUZ Maria", "--email", "mc@example.org")
    assert {p["full_name"]: (p["given_name"], p["family_name"]) for p in people(cli)} == {
        "KOUASSI Yao Serge": ("Yao Serge", "KOUASSI"), "TRAORÉ Aminata": ("Aminata", "TRAORÉ"),
        "MD Ali Khan": ("MD Ali", "Khan"), "DE LA CRUZ Maria": ("Maria", "DE LA CRUZ")}
    # a later list writing his name in ordinary capitals, at the same organization, is him
    cli.ok("org", "add", "UNODC")
    cli.ok("person", "affiliate", "KOUASSI Yao Serge", "UNODC", "--position", "Officer")
    later = write(tmp_path, "Name,Organization\nKouassi Yao Serge,UNODC\n", "later.csv")
    assert cli.ok("import", "contacts", str(later)).stderr == (
        "Imported batch 2: 0 created, 0 updated, 1 skipped, 0 rejected\n")
