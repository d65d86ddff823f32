"""stakeholders person add | list | show | edit | affiliate | remove, through the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.helpers import added_id, refused, unchanged
from tests.cli.test_orgs import record_orgs
from tests.conftest import Cli

LAUNCH_PEOPLE = [
    ("Mr. Cesar Guedes", "UNODC", "UNODC Representative for Pakistan"),
    ("Mr. Muhammad Shifaque", "Federal Investigation Agency", "Additional Director General"),
    ("H.E. Ms. Margaret Adamson", "Australian High Commission",
     "Australian High Commissioner to Pakistan"),
    ("Ms. Nicole Guihot", "Australian High Commission", "Acting Deputy High Commissioner"),
    ("H.E. Mr. David Hale", "Embassy of the United States", "Ambassador"),
    ("H.E. Mr. Jean-François Cautain", "EU",
     "Ambassador of the European Union to the Islamic Republic of Pakistan"),
    ("Ms. Margaret Akullo", "UNODC", "GLO.ACT Project Coordinator"),
    ("Mr. Junaid Khan", "IOM", "IOM Senior Programme Coordinator"),
    ("Ms. Sarah Coleman", "UNICEF", "UNICEF Chief of Child Protection"),
    ("Ms. Shahida Gilani", "UNODC", "Programme Officer Human Trafficking and Migrant Smuggling"),
]


def record_launch(cli) -> dict[str, int]:
    """The launch's organizations and people, entered as an officer would."""
    record_orgs(cli)
    ids = {name: added_id(cli, "person", "add", name, "--org", org, "--position", position)
           for name, org, position in LAUNCH_PEOPLE}
    cli.ok("person", "edit", "Shahida Gilani", "--email", "Shahida.gillani@unodc.org")
    return ids


def test_add_prints_the_id_and_splits_the_name(cli):
    result = cli.ok("person", "add", "H.E. Ms. Margaret Adamson")
    assert (result.stdout, result.stderr) == ("1\n",
                                              "Added person #1 H.E. Ms. Margaret Adamson\n")
    shown = json.loads(cli.ok("person", "show", "1", "-f", "json").stdout)
    assert (shown["honorific"], shown["title"], shown["given_name"], shown["family_name"],
            shown["full_name"], shown["name"]) == (
        "H.E.", "Ms.", "Margaret", "Adamson", "Margaret Adamson", "H.E. Ms. Margaret Adamson")


@pytest.mark.parametrize("typed, title, given, family", [
    ("Begum Nusrat Bhutto", "Begum", "Nusrat", "Bhutto"),
    ("Mohtarma Benazir Bhutto", "Mohtarma", "Benazir", "Bhutto"),
    ("Janab Imran Khan", "Janab", "Imran", "Khan"),
    ("Mst. Fatima Bibi", "Mst.", "Fatima", "Bibi"),
    ("Engr. Ali Raza", "Engr.", "Ali", "Raza"),
    ("Dr. Begum Shahnaz Khan", "Dr. Begum", "Shahnaz", "Khan"),
    ("Smt. Meena Devi", "Smt.", "Meena", "Devi"),
    ("Shahnaz Begum", None, "Shahnaz", "Begum"),  # a family name after the given one
])
def test_titles_of_pakistani_and_indian_lists_are_titles(cli, typed, title, given, family):
    """Sign-in sheets of launches in Pakistan and India put these before names: they are
    titles, so the name is found without them and sorts by the family name."""
    cli.ok("person", "add", typed)
    shown = json.loads(cli.ok("person", "show", f"{given} {family}", "-f", "json").stdout)
    assert (shown["title"], shown["given_name"], shown["family_name"], shown["name"]) == (
        title, given, family, typed)


@pytest.mark.parametrize("typed, honorific, title, given, family", [
    ("Brig. (R) Asif Ali", "Brig. (R)", None, "Asif", "Ali"),
    ("Col (Retd.) Tariq Khan", "Col (Retd.)", None, "Tariq", "Khan"),
    ("Lt. Col. Dr. Sara Malik", "Lt. Col.", "Dr.", "Sara", "Malik"),
    ("Maj Gen Amir Raza", "Maj Gen", None, "Amir", "Raza"),
    ("Air Vice Marshal Faisal Butt", "Air Vice Marshal", None, "Faisal", "Butt"),
    ("Sqn Ldr Hina Aziz", "Sqn Ldr", None, "Hina", "Aziz"),
    ("Major Imran Qadir", "Major", None, "Imran", "Qadir"),
    ("DIG Ahmed Raza", "DIG", None, "Ahmed", "Raza"),
    ("Justice (R) Nasir Zahid", "Justice (R)", None, "Nasir", "Zahid"),
    ("Gen Nakatani", None, None, "Gen", "Nakatani"),  # a given name, without a full stop
    ("S.S.P. Rao", None, None, "S.S.P.", "Rao"),  # initials, not the police rank SSP
])
def test_ranks_before_a_name_are_honorifics(cli, typed, honorific, title, given, family):
    """Lists of launches with the armed forces and police write ranks before names, a retired
    officer's with "(R)": the rank is the honorific, so the name is found and matched without
    it, and shown with it."""
    cli.ok("person", "add", typed)
    shown = json.loads(cli.ok("person", "show", f"{given} {family}", "-f", "json").stdout)
    assert (shown["honorific"], shown["title"], shown["given_name"], shown["family_name"],
            shown["name"]) == (honorific, title, given, family, typed)
    assert json.loads(cli.ok("person", "show", typed, "-f", "json").stdout)["id"] == shown["id"]


@pytest.mark.parametrize("typed, given, family", [
    ("Mr. van der Berg", None, "van der Berg"),
    ("Van der Berg", None, "Van der Berg"),  # capitalized when no given name comes first
    ("Frans van der Berg", "Frans", "van der Berg"),
    ("Van Morrison", "Van", "Morrison"),
    ("Bin Wang", "Bin", "Wang"),
])
def test_a_family_name_with_particles_written_alone_is_one_family_name(
        cli, typed, given, family):
    cli.ok("person", "add", typed)
    shown = json.loads(cli.ok("person", "show", "1", "-f", "json").stdout)
    assert (shown["given_name"], shown["family_name"]) == (given, family)


def test_adding_someone_already_recorded_is_allowed_and_noted(cli):
    """An office address may be shared, so a second record is written; the officer is told who
    may be the same person and how to merge them."""
    cli.ok("org", "add", "UNODC")
    cli.ok("person", "add", "Zoë Ahmed", "--org", "UNODC", "--email", "zoe@example.org")
    result = cli.ok("person", "add", "Ms. Zoe Ahmed", "--email", "ZOE@example.org")
    assert (result.stdout, result.stderr) == ("2\n", (
        "Added person #2 Ms. Zoe Ahmed\n"
        "Note: #1 Zoë Ahmed has the same email; if they are one person: "
        "stakeholders person merge 1 2\n"))
    result = cli.ok("person", "add", "ZOE AHMED", "--org", "unodc")
    assert result.stderr.splitlines()[1:] == [
        "Note: #1 Zoë Ahmed has the same name and organization; if they are one person: "
        "stakeholders person merge 1 3"]
    # a namesake elsewhere, or no email in common, is no cause for a note
    assert cli.ok("person", "add", "Zoë Ahmed", "--email", "z@example.net").stderr == (
        "Added person #4 Zoë Ahmed\n")


@pytest.mark.parametrize("written, given, family", [
    ("Jean-François Cautain", "Jean-François", "Cautain"),
    ("João Gomes Cravinho", "João Gomes", "Cravinho"),
    ("Antonino de Leo", "Antonino", "de Leo"),
])
def test_names_keep_their_exact_spelling(cli, written, given, family):
    cli.ok("person", "add", written)
    shown = json.loads(cli.ok("person", "show", written, "-f", "json").stdout)
    assert (shown["name"], shown["given_name"], shown["family_name"]) == (written, given, family)
    assert json.loads(cli.ok("person", "list", "-f", "json").stdout)[0]["name"] == written
    assert cli.ok("search", family.split()[-1]).stdout.count(written) == 1


@pytest.mark.parametrize(("args", "message"), [
    (("person", "add", "."), "name '.' has no letters"),
    (("person", "add", "123"), "name '123' has no letters"),
    (("person", "add", "Dr. -"), "name '-' has no letters"),
    (("org", "add", "--", "-"), "organization name '-' has no letters or digits"),
    (("campaign", "add", "..."), "campaign name '...' has no letters or digits"),
    (("event", "add", "?", "--date", "2026-01-01"),
     "event name '?' has no letters or digits"),
])
def test_a_name_without_letters_is_refused(cli, args, message):
    """"." or "-" typed for a name names no one, and could not be told apart or looked up."""
    refused(cli, *args, message=message)


@pytest.mark.parametrize(("args", "message"), [
    (("person", "add", "<b>Ayesha</b> Khan"),
     "name '<b>Ayesha</b> Khan' holds HTML markup (<b>); write it as plain text"),
    (("org", "add", "Ministry of <i>Interior</i>"),
     "organization name 'Ministry of <i>Interior</i>' holds HTML markup (<i>); "
     "write it as plain text"),
    (("event", "add", "Launch<br/>Islamabad", "--date", "2026-01-01"),
     "event name 'Launch<br/>Islamabad' holds HTML markup (<br/>); write it as plain text"),
    # what would run, were a name shown as written in a web page
    (("person", "add", "<script>alert(1)</script> Khan"),
     "name '<script>alert(1)</script> Khan' holds HTML markup (<script>); "
     "write it as plain text"),
    (("person", "add", "Ali <img src=x onerror=alert(1)>"),
     "name 'Ali <img src=x onerror=alert(1)>' holds HTML markup (<img src=x onerror=alert(1)>); "
     "write it as plain text"),
    (("campaign", "add", "Blue <svg onload=alert(1)> Heart"),
     "campaign name 'Blue <svg onload=alert(1)> Heart' holds HTML markup "
     "(<svg onload=alert(1)>); write it as plain text"),
])
def test_a_name_with_markup_is_refused(cli, args, message):
    """Markup pasted with a name would reach every report, export and mail merge as written;
    nothing is added."""
    refused(cli, *args, message=message)
    assert cli.ok("person", "list", "-f", "json").stdout.strip() == "[]"


@pytest.mark.parametrize(("args", "message"), [
    (("person", "add", "Jane Doe", "--honorific", "<b>H.E.</b>"),
     "honorific '<b>H.E.</b>' holds HTML markup (<b>); write it as plain text"),
    (("person", "add", "Jane Doe", "--title", "<img src=x>"),
     "title '<img src=x>' holds HTML markup (<img src=x>); write it as plain text"),
    (("org", "add", "Y Org", "--acronym", "<b>YO</b>"),
     "acronym '<b>YO</b>' holds HTML markup (<b>); write it as plain text"),
    (("campaign", "add", "Camp", "--acronym", "<i>C</i>"),
     "acronym '<i>C</i>' holds HTML markup (<i>); write it as plain text"),
])
def test_markup_beside_a_name_is_refused_as_in_it(cli, args, message):
    """An honorific, a title or an acronym is shown with the name, in every report and mail
    merge: markup there was taken as written."""
    refused(cli, *args, message=message)


@pytest.mark.parametrize(("args", "message"), [
    (("person", "affiliate", "Cesar Guedes", "UNODC", "--position", "<b>Boss</b>"),
     "position '<b>Boss</b>' holds HTML markup (<b>); write it as plain text"),
    (("person", "add", "Jane Doe", "--org", "UNODC", "--position", "<i>Chief</i>"),
     "position '<i>Chief</i>' holds HTML markup (<i>); write it as plain text"),
    (("person", "edit", "Cesar Guedes", "--honorific", "<script>x</script>"),
     "honorific '<script>x</script>' holds HTML markup (<script>); write it as plain text"),
])
def test_a_post_or_an_edited_honorific_with_markup_is_refused(seeded_cli, args, message):
    refused(seeded_cli, *args, message=message)


def test_angle_brackets_that_are_no_markup_are_kept(cli):
    assert added_id(cli, "org", "add", "<Team A> Partners") == 1
    refused(cli, "person", "add", "Ali Raza", "--given", "<b>Ali</b>",
            message="name '<b>Ali</b> Raza' holds HTML markup (<b>); write it as plain text")


def test_names_in_any_script_and_with_digits_are_kept(cli):
    assert added_id(cli, "person", "add", "علی رضا") == 1
    assert added_id(cli, "person", "add", "李小龙") == 2
    assert added_id(cli, "org", "add", "3M") == 1
    refused(cli, "person", "edit", "1", "--given", "", "--family", "-",
            message="name '-' has no letters")


def test_explicit_name_parts_win(cli):
    cli.ok("person", "add", "Gomes Cravinho João", "--given", "João", "--family",
           "Gomes Cravinho", "--honorific", "H.E.", "--title", "Prof.")
    shown = json.loads(cli.ok("person", "show", "joao gomes cravinho", "-f", "json").stdout)
    assert (shown["name"], shown["given_name"], shown["family_name"]) == (
        "H.E. Prof. João Gomes Cravinho", "João", "Gomes Cravinho")


def test_the_launch_people_show_field_by_field(cli):
    ids = record_launch(cli)
    shown = json.loads(cli.ok("person", "show", "shahida.GILLANI@unodc.org", "-f", "json").stdout)
    assert shown == {
        "id": ids["Ms. Shahida Gilani"],
        "name": "Ms. Shahida Gilani",
        "honorific": None,
        "title": "Ms.",
        "given_name": "Shahida",
        "family_name": "Gilani",
        "organization": "United Nations Office on Drugs and Crime",
        "position": "Programme Officer Human Trafficking and Migrant Smuggling",
        "email": "Shahida.gillani@unodc.org",
        "phone": None,
        "tags": [],
        "do_not_email": False,
        "do_not_contact": False,
        "full_name": "Shahida Gilani",
        "notes": None,
        "affiliations": [{
            "organization_id": 1, "organization": "United Nations Office on Drugs and Crime",
            "position": "Programme Officer Human Trafficking and Migrant Smuggling",
            "start_date": None, "end_date": None, "primary": True,
        }],
        "contact_points": [
            {"kind": "email", "value": "Shahida.gillani@unodc.org", "label": None,
             "primary": True}],
        "attendances": [],
    }
    rows = list(csv.DictReader(io.StringIO(
        cli.ok("person", "show", "Shahida Gilani", "-f", "csv").stdout)))
    assert rows == [{
        "id": str(ids["Ms. Shahida Gilani"]), "name": "Ms. Shahida Gilani", "honorific": "",
        "title": "Ms.", "given_name": "Shahida", "family_name": "Gilani",
        "organization": "United Nations Office on Drugs and Crime",
        "position": "Programme Officer Human Trafficking and Migrant Smuggling",
        "email": "Shahida.gillani@unodc.org", "phone": "", "tags": "", "do_not_email": "no",
        "do_not_contact": "no", "full_name": "Shahida Gilani", "notes": "",
    }]
    table = cli.ok("person", "show", "ms. shahida gilani").stdout
    assert table.startswith(f"id              {ids['Ms. Shahida Gilani']}\n"
                            "name            Ms. Shahida Gilani\n")
    assert "\naffiliations:\norganization_id" in table
    assert "\nattendances:\n(none)\n" in table


def test_list_in_three_formats(cli):
    ids = record_launch(cli)
    listed = json.loads(cli.ok("person", "list", "-f", "json").stdout)
    assert [p["family_name"] for p in listed] == [
        "Adamson", "Akullo", "Cautain", "Coleman", "Gilani", "Guedes", "Guihot", "Hale", "Khan",
        "Shifaque"]
    cautain = listed[2]
    assert cautain == {
        "id": ids["H.E. Mr. Jean-François Cautain"], "name": "H.E. Mr. Jean-François Cautain",
        "honorific": "H.E.", "title": "Mr.", "given_name": "Jean-François",
        "family_name": "Cautain", "organization": "European Union",
        "position": "Ambassador of the European Union to the Islamic Republic of Pakistan",
        "email": None, "phone": None, "tags": [], "do_not_email": False,
        "do_not_contact": False,
    }
    rows = list(csv.DictReader(io.StringIO(cli.ok("person", "list", "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == [str(p["id"]) for p in listed]
    assert rows[2]["given_name"] == "Jean-François"
    assert list(rows[0]) == list(listed[0])
    table = cli.ok("person", "list").stdout.splitlines()
    assert table[0].split() == ["id", "name", "organization", "position", "email", "tags"]
    assert table[2].startswith(f"{ids['H.E. Ms. Margaret Adamson']}     H.E. Ms. Margaret Adamson")


@pytest.mark.parametrize("options, families", [
    (["--org", "unodc"], ["Akullo", "Gilani", "Guedes"]),
    (["--sector", "diplomatic-mission"], ["Adamson", "Guihot", "Hale"]),
    (["--search", "MARGARET"], ["Adamson", "Akullo"]),
    (["--search", "jean-francois"], ["Cautain"]),
    (["--search", "gillani@"], ["Gilani"]),
    (["--tag", "press"], []),
])
def test_list_filters(cli, options, families):
    record_launch(cli)
    listed = json.loads(cli.ok("person", "list", *options, "-f", "json").stdout)
    assert [p["family_name"] for p in listed] == families


def test_post_nominals_are_not_part_of_the_name_that_finds_and_matches(cli, tmp_path):
    """Lists from Pakistan write members of the assemblies "Shazia Marri, MNA", and British
    lists "Christian Turner CMG": the name as written keeps the letters, the family name and
    the matching do not, so a list without them finds the same people."""
    cli.ok("org", "add", "National Assembly of Pakistan", "--acronym", "NA")
    marri = added_id(cli, "person", "add", "Ms. Shazia Marri, MNA", "--org", "NA",
                     "--position", "Member")
    shown = json.loads(cli.ok("person", "show", "Shazia Marri", "-f", "json").stdout)
    assert (shown["id"], shown["family_name"], shown["name"]) == (
        marri, "Marri", "Ms. Shazia Marri, MNA")
    turner = added_id(cli, "person", "add", "H.E. Dr. Christian Turner CMG")
    assert json.loads(cli.ok("person", "show", "Christian Turner", "-f", "json").stdout)[
        "id"] == turner
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Organization\nShazia Marri (MNA),National Assembly of Pakistan\n")
    result = cli.ok("import", "contacts", str(sheet), "--dry-run")
    assert f"already recorded (#{marri})" in result.stdout
    cli.ok("person", "add", "Christian Turner OBE", "--email", "ct@example.org")
    pairs = json.loads(cli.ok("person", "duplicates", "-f", "json").stdout)
    assert [(p["id_a"], p["name_a"]) for p in pairs] == [(turner, "Christian Turner CMG")]


def test_a_name_part_changed_keeps_the_letters_after_the_name(cli):
    """Correcting a given or family name keeps "MNA" or "CMG" where it was written: the
    letters stay in the name as written, whichever part of it is changed."""
    marri = added_id(cli, "person", "add", "Ms. Shazia Marri, MNA")
    result = cli.ok("person", "edit", "Shazia Marri", "--given", "")
    assert result.stderr == f"Updated person #{marri} Marri, MNA\n"
    turner = added_id(cli, "person", "add", "Christian Turner CMG OBE", "--given", "Chris")
    cli.ok("person", "edit", str(turner), "--family", "Turner-Smith")
    shown = [(p["name"], p["given_name"], p["family_name"]) for p in json.loads(
        cli.ok("person", "list", "-f", "json").stdout)]
    assert shown == [("Ms. Marri, MNA", None, "Marri"),
                     ("Chris Turner-Smith CMG OBE", "Chris", "Turner-Smith")]
    refused(cli, "person", "edit", str(marri), "--family", "", message="name is empty")


def test_list_by_organization_or_sector_leaves_out_former_staff(seeded_cli):
    """Margaret Akullo leaves UNODC for IOM: she is listed under IOM and un-agency, no longer
    under UNODC (where the row would have shown her at IOM); report organization keeps her."""
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position",
                  "GLO.ACT Project Coordinator", "--end", "2017-12-31")
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "IOM", "--position", "Adviser",
                  "--start", "2018-01-01", "--primary")

    def families(*options):
        listed = json.loads(seeded_cli.ok("person", "list", *options, "-f", "json").stdout)
        return [p["family_name"] for p in listed]

    assert families("--org", "UNODC") == ["Gilani", "Guedes"]
    assert families("--org", "IOM") == ["Akullo", "Khan"]
    assert "Akullo" in families("--sector", "un-agency")
    former = json.loads(seeded_cli.ok("report", "organization", "UNODC", "-f", "json").stdout)
    assert any(p["person"].endswith("Margaret Akullo") and not p["current"]
               for p in former["people"])


@pytest.mark.parametrize("ref", ["jean-francois cautain", "JEAN-FRANÇOIS CAUTAIN",
                                 "H.E. Mr. Jean-Francois Cautain", "Jean-François  Cautain",
                                 "6", "#6"])
def test_references_ignore_case_accents_and_honorifics(seeded_cli, ref):
    shown = json.loads(seeded_cli.ok("person", "show", ref, "-f", "json").stdout)
    assert (shown["id"], shown["full_name"]) == (6, "Jean-François Cautain")


def test_show_lists_the_attendance_history(seeded_cli):
    shown = json.loads(seeded_cli.ok("person", "show", "Nicole Guihot", "-f", "json").stdout)
    assert shown["attendances"] == [{
        "event_id": 1, "event": "GLO.ACT launch, Islamabad", "date": "2017-07-19",
        "role": "speaker", "status": "attended", "organization": "Australian High Commission",
        "on_behalf_of": "Margaret Adamson", "notes": None,
    }]


def test_edit_contacts_tags_and_opt_outs(seeded_cli, monkeypatch):
    monkeypatch.setenv("STAKEHOLDERS_REGION", "PK")
    result = seeded_cli.ok(
        "person", "edit", "Shahida Gilani", "--remove-email", "shahida.gillani@unodc.org",
        "--email", "s.gilani@unodc.org", "--phone", "051 2601461", "--handle", "shahida_g",
        "--tag", "Trafficking", "--no-email", "--no-contact", "--note", "Met at the launch.")
    assert result.stderr == ("Updated person #10 Shahida Gilani; 1 email address they opted "
                             "out of stays on the suppression list\n")  # the one taken off
    shown = json.loads(seeded_cli.ok("person", "show", "10", "-f", "json").stdout)
    assert (shown["email"], shown["phone"], shown["tags"], shown["do_not_email"],
            shown["do_not_contact"], shown["notes"]) == (
        "s.gilani@unodc.org", "+92512601461", ["Trafficking"], True, True, "Met at the launch.")
    assert {"kind": "social", "value": "@shahida_g", "label": None,
            "primary": True} in shown["contact_points"]
    seeded_cli.ok("person", "edit", "10", "--allow-email", "--allow-contact", "--untag",
                  "trafficking", "--remove-phone", "+92 51 2601461")
    shown = json.loads(seeded_cli.ok("person", "show", "10", "-f", "json").stdout)
    assert (shown["do_not_email"], shown["do_not_contact"], shown["tags"], shown["phone"]) == (
        False, False, [], None)


def test_a_remark_after_a_phone_number_is_its_label(cli):
    """As an import keeps it: "0300-1234567 (WhatsApp)" or an office line's extension is the
    number, stored in E.164, and the remark its label (an extension has no room in E.164,
    and refusing it made people leave it out). --remove-phone finds the number whatever
    remark follows it."""
    def phones(*show: str) -> list[tuple]:
        shown = json.loads(cli.ok(*show, "-f", "json").stdout)
        return [(p["value"], p["label"], p["primary"]) for p in shown["contact_points"]
                if p["kind"] == "phone"]

    cli.ok("person", "add", "Ms. Ana Lima", "--phone", "0300-1234567 (WhatsApp)",
           "--phone", "051-9250000 ext. 123", "--region", "PK")
    assert phones("person", "show", "Ana Lima") == [("+923001234567", "WhatsApp", True),
                                                    ("+92519250000", "ext. 123", False)]
    cli.ok("person", "edit", "Ana Lima", "--phone", "+92 51 2601461 x12",
           "--remove-phone", "0300 1234567 [WhatsApp]", "--region", "PK")
    assert phones("person", "show", "Ana Lima") == [("+92519250000", "ext. 123", True),
                                                    ("+92512601461", "x12", False)]
    cli.ok("org", "add", "Federal Investigation Agency", "--phone", "051-9250000 (PABX)",
           "--region", "PK")
    cli.ok("org", "edit", "Federal Investigation Agency", "--phone", "051 9261686 - fax",
           "--region", "PK")
    assert phones("org", "show", "Federal Investigation Agency") == [
        ("+92519250000", "PABX", True), ("+92519261686", "fax", False)]


def test_national_numbers_are_read_in_the_country_of_the_organization(cli):
    """Without --region or $STAKEHOLDERS_REGION, a national number is read in the country of
    the organization: the person's (the one they are added to, or their primary post) or the
    organization's own. --region still wins; with no country anywhere it is refused."""
    def phones(*show: str) -> list[str]:
        shown = json.loads(cli.ok(*show, "-f", "json").stdout)
        return [p["value"] for p in shown["contact_points"] if p["kind"] == "phone"]

    cli.ok("org", "add", "Ministry of Interior", "--country", "PK", "--phone", "051-9212026")
    cli.ok("org", "add", "Australian High Commission", "--country", "Pakistan")
    cli.ok("org", "edit", "Australian High Commission", "--phone", "051 835 5500")
    assert phones("org", "show", "Ministry of Interior") == ["+92519212026"]
    assert phones("org", "show", "Australian High Commission") == ["+92518355500"]
    cli.ok("person", "add", "Ms. Ana Lima", "--org", "Ministry of Interior",
           "--phone", "0300 1234567")
    cli.ok("person", "edit", "Ana Lima", "--phone", "020 7946 0018", "--region", "GB")
    assert phones("person", "show", "Ana Lima") == ["+923001234567", "+442079460018"]
    cli.ok("person", "edit", "Ana Lima", "--phone", "0333 7654321")
    assert phones("person", "show", "Ana Lima") == [
        "+923001234567", "+442079460018", "+923337654321"]
    cli.ok("org", "add", "European Union")
    refused(cli, "person", "add", "Mr. Jean Roux", "--org", "European Union",
            "--phone", "0300 1234567",
            message="phone number '0300 1234567' has no country code; give --region (e.g. "
                    "--region PK) or set STAKEHOLDERS_REGION")


def test_edit_renames(seeded_cli):
    seeded_cli.ok("person", "edit", "Cesar Guedes", "--name", "Dr. César Guedes")
    shown = json.loads(seeded_cli.ok("person", "show", "cesar guedes", "-f", "json").stdout)
    assert (shown["name"], shown["given_name"]) == ("Dr. César Guedes", "César")
    seeded_cli.ok("person", "edit", "1", "--title", "", "--family", "Guedes Pérez")
    shown = json.loads(seeded_cli.ok("person", "show", "1", "-f", "json").stdout)
    assert (shown["name"], shown["family_name"]) == ("César Guedes Pérez", "Guedes Pérez")


def test_affiliate(seeded_cli):
    result = seeded_cli.ok("person", "affiliate", "Margaret Akullo", "IOM", "--position",
                           "Adviser", "--start", "2018-01-01", "--primary")
    assert result.stdout == "11\n"
    assert result.stderr == "Margaret Akullo is Adviser at International Organization for Migration\n"
    shown = json.loads(seeded_cli.ok("person", "show", "Margaret Akullo", "-f", "json").stdout)
    assert [(a["organization"], a["start_date"], a["primary"]) for a in shown["affiliations"]] == [
        ("International Organization for Migration", "2018-01-01", True),
        ("United Nations Office on Drugs and Crime", None, False)]
    assert shown["organization"] == "International Organization for Migration"


UNODC = "United Nations Office on Drugs and Crime"
AKULLO = "GLO.ACT Project Coordinator"


def _affiliations(cli: Cli, person: str) -> list[tuple]:
    shown = json.loads(cli.ok("person", "show", person, "-f", "json").stdout)
    return [(a["position"], a["start_date"], a["end_date"], a["primary"])
            for a in shown["affiliations"]]


def test_affiliate_again_ends_or_dates_the_position_held(seeded_cli):
    result = seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position",
                           AKULLO.upper(), "--end", "2017-12-31")
    assert (result.stdout, result.stderr) == (
        "", f"Updated affiliation #7 (Margaret Akullo, {AKULLO} at {UNODC}, until 2017-12-31)\n")
    assert _affiliations(seeded_cli, "Margaret Akullo") == [(AKULLO, None, "2017-12-31", True)]
    # a later stint of the same position is another affiliation
    assert seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position", AKULLO,
                         "--start", "2018-01-01").stdout == "11\n"
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position", AKULLO,
                  "--end", "2019-06-30")
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position", AKULLO,
                  "--start", "", "--end", "2017-06-30")
    assert _affiliations(seeded_cli, "Margaret Akullo") == [
        (AKULLO, None, "2017-06-30", True), (AKULLO, "2018-01-01", "2019-06-30", False)]
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position", AKULLO,
                  "--start", "2018-01-01", "--end", "", "--primary")
    assert _affiliations(seeded_cli, "Margaret Akullo") == [
        (AKULLO, "2018-01-01", None, True), (AKULLO, None, "2017-06-30", False)]


def test_affiliate_instead_of_corrects_the_position_and_remove_takes_it_off(seeded_cli):
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "IOM", "--position", "Adviser",
                  "--start", "2018-01-01", "--primary")
    result = seeded_cli.ok("person", "affiliate", "Margaret Akullo", "IOM", "--position",
                           "Senior Adviser", "--instead-of", "adviser")
    assert (result.stdout, result.stderr) == (
        "", "Updated affiliation #11 (Margaret Akullo, Senior Adviser at International "
            "Organization for Migration, from 2018-01-01)\n")
    result = seeded_cli.ok("person", "affiliate", "Margaret Akullo", "IOM", "--position",
                           "Senior Adviser", "--remove")
    assert (result.stdout, result.stderr) == (
        "", "Removed affiliation #11 (Margaret Akullo, Senior Adviser at International "
            "Organization for Migration, from 2018-01-01)\n")
    # the primary one went: the one left becomes primary
    assert _affiliations(seeded_cli, "Margaret Akullo") == [(AKULLO, None, None, True)]
    log = json.loads(seeded_cli.ok("log", "-f", "json").stdout)
    assert [e["records"] for e in log[-2:]] == [
        ["update affiliation:11"],
        ["update affiliation:7", "delete affiliation:11", "update person:7"]]


def test_new_post_dates_move_the_organizations_taken_from_posts(cli):
    """An attendance without --org took the person's post on the event's date: new dates of a
    post move it to the post current then (or none), in the command's transaction, and say how
    many. One given with --org stays; one recorded by an earlier version, which did not keep
    which it was, stays and is counted for review when it was the post before and is not
    after; a new primary alone moves none."""
    from sqlalchemy import create_engine, update

    from stakeholders.models import Attendance

    for org in ("UNODC", "IOM", "UNICEF"):
        cli.ok("org", "add", org)
    cli.ok("person", "add", "Sarah Khan")
    cli.ok("person", "affiliate", "Sarah Khan", "UNODC", "--position", "Officer", "--start",
           "2018-01-01")
    cli.ok("person", "add", "Omar Zaidi")
    cli.ok("person", "affiliate", "Omar Zaidi", "UNICEF", "--position", "Officer")
    days = {"Launch": "2017-07-19", "Briefing": "2018-03-01", "Workshop": "2019-05-01"}
    for name, day in days.items():
        cli.ok("event", "add", name, "--date", day)
    cli.ok("attendance", "add", "Launch", "Sarah Khan")  # no post then: none
    cli.ok("attendance", "add", "Briefing", "Sarah Khan")  # UNODC
    cli.ok("attendance", "add", "Workshop", "Sarah Khan", "--org", "IOM")  # given
    cli.ok("attendance", "add", "Launch", "Omar Zaidi")  # UNICEF, as by an earlier version
    engine = create_engine(cli.url)
    with engine.begin() as conn:
        conn.execute(update(Attendance).where(Attendance.person_id == 2)
                     .values(organization_defaulted=None))
    engine.dispose()

    def organizations(person: str) -> dict[str, str | None]:
        shown = json.loads(cli.ok("person", "show", person, "-f", "json").stdout)
        return {a["event"]: a["organization"] for a in shown["attendances"]}

    def affiliate(person: str, org: str, *args: str) -> str:
        return cli.ok("person", "affiliate", person, org, "--position", "Officer", *args).stderr

    moved = "; 1 attendance now records the organization of the person's post on the event's date"
    assert affiliate("Sarah Khan", "UNODC", "--start", "2017-01-01") == (
        f"Updated affiliation #1 (Sarah Khan, Officer at UNODC, from 2017-01-01){moved}\n")
    assert organizations("Sarah Khan") == {"Launch": "UNODC", "Briefing": "UNODC",
                                           "Workshop": "IOM"}
    # no event's post changes (the workshop's organization was given): none moves
    assert affiliate("Sarah Khan", "UNODC", "--end", "2019-12-31") == (
        "Updated affiliation #1 (Sarah Khan, Officer at UNODC, from 2017-01-01 to "
        "2019-12-31)\n")
    assert affiliate("Sarah Khan", "UNODC", "--end", "2017-12-31") == (
        "Updated affiliation #1 (Sarah Khan, Officer at UNODC, from 2017-01-01 to "
        f"2017-12-31){moved}\n")
    assert organizations("Sarah Khan") == {"Launch": "UNODC", "Briefing": None,
                                           "Workshop": "IOM"}
    # a new primary alone says which post is the main one now: nothing moves
    cli.ok("person", "affiliate", "Sarah Khan", "IOM", "--position", "Adviser", "--start",
           "2017-06-01")
    assert cli.ok("person", "affiliate", "Sarah Khan", "IOM", "--position", "Adviser",
                  "--primary").stderr.endswith("from 2017-06-01)\n")
    assert organizations("Sarah Khan")["Launch"] == "UNODC"

    assert affiliate("Omar Zaidi", "UNICEF", "--start", "2017-08-01") == (
        "Updated affiliation #2 (Omar Zaidi, Officer at UNICEF, from 2017-08-01)\n"
        "Note: 1 attendance recorded by an earlier version records the organization of the "
        "person's post on the event's date before, which differs now; if it was not given, "
        "review it with `report person #2` and `attendance edit --org`\n")
    assert organizations("Omar Zaidi") == {"Launch": "UNICEF"}
    # a refused change moves nothing
    refused(cli, "person", "affiliate", "Sarah Khan", "UNODC", "--position", "Officer",
            "--start", "2017-01-01", "--end", "2016-12-31",
            message="the end date 2016-12-31 is before the start date 2017-01-01")


def test_a_post_recorded_late_fills_in_the_attendances_that_took_none(cli):
    """An attendance recorded before the person's post was, having no post then, took no
    organization: adding the post gives it the post's organization on each event's date and
    says how many. One that took an organization keeps it, even from a new primary post; one
    given with --org stays; removing a post moves none."""
    for org in ("UNODC", "IOM"):
        cli.ok("org", "add", org)
    cli.ok("person", "add", "Sarah Khan")
    for name, day in {"Launch": "2017-07-19", "Briefing": "2018-03-01",
                      "Workshop": "2019-05-01"}.items():
        cli.ok("event", "add", name, "--date", day)
    cli.ok("attendance", "add", "Launch", "Sarah Khan")
    cli.ok("attendance", "add", "Briefing", "Sarah Khan")
    cli.ok("attendance", "add", "Workshop", "Sarah Khan", "--org", "IOM")

    def organizations() -> dict[str, str | None]:
        shown = json.loads(cli.ok("person", "show", "Sarah Khan", "-f", "json").stdout)
        return {a["event"]: a["organization"] for a in shown["attendances"]}

    assert organizations() == {"Launch": None, "Briefing": None, "Workshop": "IOM"}
    added = cli.ok("person", "affiliate", "Sarah Khan", "UNODC", "--position", "Officer",
                   "--start", "2018-01-01")
    assert (added.stdout, added.stderr) == (
        "1\n", "Sarah Khan is Officer at UNODC; 1 attendance now records the organization of "
        "the person's post on the event's date\n")
    assert organizations() == {"Launch": None, "Briefing": "UNODC", "Workshop": "IOM"}
    # a new primary post with no dates: the launch, with none, takes it; the briefing keeps
    # UNODC, the workshop IOM
    assert cli.ok("person", "affiliate", "Sarah Khan", "IOM", "--position", "Adviser",
                  "--primary").stderr.endswith("; 1 attendance now records the organization "
                                               "of the person's post on the event's date\n")
    assert organizations() == {"Launch": "IOM", "Briefing": "UNODC", "Workshop": "IOM"}
    assert cli.ok("person", "affiliate", "Sarah Khan", "UNODC", "--position", "Officer",
                  "--remove").stderr == (
        "Removed affiliation #1 (Sarah Khan, Officer at UNODC, from 2018-01-01)\n")
    assert organizations() == {"Launch": "IOM", "Briefing": "UNODC", "Workshop": "IOM"}


@pytest.mark.parametrize(("args", "message"), [
    (["--position", AKULLO], f"Margaret Akullo already holds that position at {UNODC} "
     "(affiliation #7); give --start, --end or --primary to change it"),
    # what is given is what is recorded: no change, refused as giving nothing is
    (["--position", AKULLO, "--primary"], f"Margaret Akullo already holds that position at "
     f"{UNODC} (affiliation #7) as the primary one; nothing to change"),
    (["--position", AKULLO, "--start", "", "--end", "", "--primary"],
     f"Margaret Akullo already holds that position at {UNODC} (affiliation #7) with no start "
     "date, not ended, as the primary one; nothing to change"),
    (["--position", AKULLO, "--instead-of", AKULLO.upper()], f"Margaret Akullo already holds "
     f"that position at {UNODC} (affiliation #7) with that position; nothing to change"),
    (["--position", "Adviser", "--remove"],
     f"no affiliation matches 'Margaret Akullo, Adviser at {UNODC}'"),
    (["--position", "Adviser", "--instead-of", "Director"],
     f"no affiliation matches 'Margaret Akullo, Director at {UNODC}'"),
    (["--position", AKULLO, "--start", "2020-01-01", "--end", "2019-01-01"],
     "the end date 2019-01-01 is before the start date 2020-01-01"),
    (["--position", AKULLO, "--end", "2017-13-01"],
     "invalid date '2017-13-01': there is no such day"),
])
def test_affiliation_corrections_refused(seeded_cli, args, message):
    refused(seeded_cli, "person", "affiliate", "Margaret Akullo", "UNODC", *args,
            message=message)


def test_a_position_held_twice_needs_its_start(seeded_cli):
    for start, end in (("2015-01-01", "2016-12-31"), ("2017-01-01", "2017-12-31")):
        seeded_cli.ok("person", "affiliate", "Junaid Khan", "UNODC", "--position", "Intern",
                      "--start", start, "--end", end)
    refused(seeded_cli, "person", "affiliate", "Junaid Khan", "UNODC", "--position", "Intern",
            "--remove",
            message=f"Junaid Khan holds that position at {UNODC} 2 times (#11 from 2015-01-01 "
                    "to 2016-12-31; #12 from 2017-01-01 to 2017-12-31); give its --start to "
                    'say which ("" if none)')
    seeded_cli.ok("person", "affiliate", "Junaid Khan", "UNODC", "--position", "Intern",
                  "--remove", "--start", "2015-01-01")
    assert [a[:3] for a in _affiliations(seeded_cli, "Junaid Khan")][1:] == [
        ("Intern", "2017-01-01", "2017-12-31")]


def test_remove_with_yes_takes_attendances_and_statements(seeded_cli):
    result = seeded_cli.ok("person", "remove", "David Hale", "--yes")
    assert result.stderr == "Removed person #5 David Hale, with 1 attendance and 2 statements\n"
    assert "David Hale" not in seeded_cli.ok("search", "welcomed").stdout
    assert seeded_cli.ok("search", "welcomed", "-f", "json").stdout == "[]\n"


def test_removal_logs_every_record_it_takes_or_clears(seeded_cli):
    """The audit trail names what a removal took with it, the rows the database's own
    cascades delete or clear included."""
    def last_records() -> list[str]:
        return json.loads(seeded_cli.ok("log", "-f", "json").stdout)[-1]["records"]

    seeded_cli.ok("person", "remove", "Cesar Guedes", "--yes")
    assert last_records() == ["delete affiliation:1", "delete attendance:1", "delete person:1",
                              "delete statement:1", "delete statement:2"]
    seeded_cli.ok("org", "remove", "UNODC", "--yes")
    assert last_records() == ["delete affiliation:7", "delete affiliation:10",
                              "update attendance:6", "delete organization:1", "delete partner:2"]
    seeded_cli.ok("event", "remove", "1", "--yes")
    records = last_records()
    assert records[:3] == ["delete attendance:2", "delete attendance:3", "delete attendance:4"]
    assert "delete event:1" in records


def test_remove_clears_the_person_from_proxy_attendances(seeded_cli):
    """… and says so once done, as it did when asking (it said only who was removed)."""
    assert seeded_cli.ok("person", "remove", "Margaret Adamson", "--yes").stderr == (
        "Removed person #3 Margaret Adamson; cleared them from 1 proxy attendance\n")
    shown = json.loads(seeded_cli.ok("person", "show", "Nicole Guihot", "-f", "json").stdout)
    assert shown["attendances"][0]["on_behalf_of"] is None


def test_remove_someone_without_history_needs_no_yes(cli):
    cli.ok("person", "add", "Ms. Sarah Coleman", "--email", "sc@example.org")
    assert cli.ok("person", "remove", "sc@example.org").stderr == (
        "Removed person #1 Sarah Coleman\n")
    assert cli.ok("person", "list").stdout == "(none)\n"


# -- refusals: exact message, exit code, nothing written ---------------------------------------

@pytest.mark.parametrize("args, message", [
    (["person", "add", "Ms. Ana Lima", "--org", "UNDP"],
     "no organization matches 'UNDP'; closest: UNODC; record a new one first with: stakeholders org add UNDP"),
    (["person", "affiliate", "Margaret Akullo", "Ministry of Interior", "--position", "Adviser"],
     "no organization matches 'Ministry of Interior'; record a new one first with: "
     "stakeholders org add 'Ministry of Interior'"),
    # an id that names nothing: no name to record
    (["person", "add", "Ms. Ana Lima", "--org", "#99"], "no organization matches '#99'"),
    (["person", "affiliate", "Margaret Akullo", "77", "--position", "Adviser"],
     "no organization matches '77'"),
    (["person", "add", "Ms. Ana Lima", "--email", "ana@"],
     "invalid email 'ana@': There must be something after the @-sign."),
    (["person", "add", "Ms. Ana Lima", "--phone", "0300 1234567"],
     "phone number '0300 1234567' has no country code; give --region (e.g. --region PK) or "
     "set STAKEHOLDERS_REGION"),
    (["person", "add", "Ms. Ana Lima", "--phone", "12345", "--region", "US"],
     "invalid phone number '12345'"),
    # words inside a number: the parser would dial them as a keypad does (a remark after a
    # whole number is its label: below; after one too short, that number is what is wrong)
    (["person", "add", "Ms. Ana Lima", "--phone", "051-925 (PTCL)", "--region", "PK"],
     "invalid phone number '051-925'"),
    (["person", "edit", "Cesar Guedes", "--phone", "0300-WHATS-APP", "--region", "PK"],
     "phone number '0300-WHATS-APP' holds letters, which are not part of a number; give the "
     "number alone (a remark in a note)"),
    (["person", "add", "Ms. Ana Lima", "--region", "Narnia", "--phone", "0300 1234567"],
     "unknown country 'Narnia'; give an ISO 3166 code such as PK or GB"),
    (["person", "add", "Ms. Ana Lima", "--handle", "not a handle"],
     "invalid social handle 'not a handle'; use @name"),
    (["person", "add", "H.E. Ms."], "'H.E. Ms.' has no name besides its title"),
    (["person", "show", "Margret Adamson"],
     "no person matches 'Margret Adamson'; closest: Margaret Adamson, Margaret Akullo"),
    (["person", "show", "99"], "no person matches '99'"),
    (["person", "edit", "Cesar Guedes", "--remove-email", "cg@unodc.org"],
     "no email 'cg@unodc.org' to remove"),
    (["person", "edit", "Cesar Guedes", "--untag", "vip"], "no tag 'vip' to remove"),
    # exports put a person's tags in one cell, separated by ',' or ';'
    (["person", "edit", "Cesar Guedes", "--tag", "donors, media"],
     "tag 'donors, media' holds ',' or ';', which separate tags in exports; give each tag on "
     "its own (--tag A --tag B)"),
    # and Google's ":::", which an import of any export splits at too
    (["person", "edit", "Cesar Guedes", "--tag", "donors ::: media"],
     "tag 'donors ::: media' holds ':::', which separates tags in exports; give each tag on "
     "its own (--tag A --tag B)"),
    (["person", "edit", "Cesar Guedes", "--given", "", "--family", ""], "name is empty"),
    (["person", "affiliate", "Cesar Guedes", "IOM", "--position", "Adviser", "--start",
      "2018-01-01", "--end", "2017-01-01"],
     "the end date 2017-01-01 is before the start date 2018-01-01"),
    (["person", "affiliate", "Cesar Guedes", "IOM", "--position", "Adviser", "--start",
      "19/07/2017"], "invalid date '19/07/2017'; use YYYY-MM-DD"),
    (["person", "affiliate", "Cesar Guedes", "UNODC", "--position",
      "UNODC Representative for Pakistan"],
     "Cesar Guedes already holds that position at United Nations Office on Drugs and Crime "
     "(affiliation #1); give --start, --end or --primary to change it"),
    (["person", "remove", "David Hale"],
     "Removing David Hale (#5) also removes 1 attendance and 2 statements. Refusing without "
     "--yes (standard input is not a terminal)"),
    (["person", "remove", "H.E. Ms. Margaret Adamson"],
     "Removing Margaret Adamson (#3) also clears them from 1 proxy attendance. Refusing without "
     "--yes (standard input is not a terminal)"),
])
def test_refusals(seeded_cli, args, message):
    refused(seeded_cli, *args, message=message)


def test_ambiguous_names_list_each_candidate_with_organization(seeded_cli):
    seeded_cli.ok("person", "add", "Dr. Margaret Adamson", "--org", "IOM", "--position", "Adviser")
    refused(seeded_cli, "person", "show", "margaret adamson",
            message="'margaret adamson' matches 2 people: #3 Margaret Adamson (Australian High "
                    "Commission); #11 Margaret Adamson (International Organization for "
                    "Migration) (use the id)")
    refused(seeded_cli, "person", "remove", "Margaret Adamson", "--yes",
            message="'Margaret Adamson' matches 2 people: #3 Margaret Adamson (Australian High "
                    "Commission); #11 Margaret Adamson (International Organization for "
                    "Migration) (use the id)")


def test_affiliate_needs_a_position(seeded_cli):
    result = seeded_cli("person", "affiliate", "Cesar Guedes", "IOM")
    assert result.exit_code == 2
    assert "Missing option '--position'" in result.stderr


def test_at_a_terminal_removal_asks_and_no_keeps_everything(seeded_cli, db_dump, at_a_terminal):
    before = db_dump(seeded_cli.url)
    result = seeded_cli("person", "remove", "David Hale", input="n\n")
    assert result.exit_code == 1
    assert result.stderr == ("Removing David Hale (#5) also removes 1 attendance and 2 statements. "
                             "[y/N]:Error: cancelled; nothing was changed\n")
    assert db_dump(seeded_cli.url) == before


def test_ctrl_c_at_the_question_is_an_interruption(seeded_cli, db_dump, at_a_terminal):
    before = db_dump(seeded_cli.url)
    result = seeded_cli("person", "remove", "David Hale", input="")  # end of input, as Ctrl-D
    assert result.exit_code == 130
    assert result.stderr.endswith(
        "[y/N]:\nError: interrupted; the command's changes were rolled back\n")
    assert db_dump(seeded_cli.url) == before


def test_at_a_terminal_yes_removes(seeded_cli, at_a_terminal):
    result = seeded_cli("org", "remove", "EU", input="y\n")
    assert result.exit_code == 0
    assert result.stderr.endswith("[y/N]:Removed organization #2 European Union, with "
                                  "1 affiliation and 1 campaign partnership; cleared it "
                                  "from 1 attendance\n")


@pytest.mark.parametrize(("args", "message"), [
    (("person", "consent", "1", "--email", "opt-in", "--source", "x", "--date", "2017-02-30"),
     "invalid date '2017-02-30': there is no such day"),
    (("person", "consent", "1", "--email", "opt-in", "--source", "x", "--expires", "2018"),
     "invalid date '2018'; use YYYY-MM-DD"),
    (("log", "--since", "yesterday"), "invalid date 'yesterday'; use YYYY-MM-DD"),
])
def test_a_bad_date_reads_as_everywhere_else(seeded_cli, args, message):
    """One message and exit code 1 for a bad date, as every other command gives, rather than
    a usage error quoting a strftime format."""
    refused(seeded_cli, *args, message=message)


def test_a_post_with_an_end_date_still_to_come_is_held_now(seeded_cli, monkeypatch):
    """A contract known to end on 2017-12-31 has not ended in October 2017: she works there
    now, for `person list --org/--sector` and the organization the list shows, until then."""
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "UNODC", "--position",
                  "GLO.ACT Project Coordinator", "--end", "2017-12-31")

    def listed(*args: str) -> list[tuple[str, str | None]]:
        rows = json.loads(seeded_cli.ok("person", "list", "--search", "akullo", *args,
                                        "-f", "json").stdout)
        return [(r["name"], r["organization"]) for r in rows]

    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2017-10-01")
    akullo = [("Ms. Margaret Akullo", "United Nations Office on Drugs and Crime")]
    assert listed("--org", "UNODC") == listed("--sector", "un-agency") == listed() == akullo
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2018-01-01")
    assert listed("--org", "UNODC") == listed("--sector", "un-agency") == []
    assert listed() == [("Ms. Margaret Akullo", None)]


def test_a_post_not_yet_taken_up_is_not_held_now(seeded_cli, monkeypatch):
    """A move recorded ahead of time: until its start she works where she did, for `person
    list --org` and the organization the list and exports show; from then, at the new one."""
    seeded_cli.ok("person", "affiliate", "Margaret Akullo", "IOM", "--position", "Adviser",
                  "--start", "2018-03-01", "--primary")

    def listed(*args: str) -> list[tuple[str, str | None]]:
        rows = json.loads(seeded_cli.ok("person", "list", "--search", "akullo", *args,
                                        "-f", "json").stdout)
        return [(r["name"], r["organization"]) for r in rows]

    def exported() -> list[str]:
        rows = json.loads(seeded_cli.ok("export", "contacts", "--profile", "json").stdout)
        return [r["organization"] for r in rows if r["family_name"] == "Akullo"]

    iom = "International Organization for Migration"
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2018-01-20")
    assert listed("--org", "IOM") == []
    assert listed() == [("Ms. Margaret Akullo", "United Nations Office on Drugs and Crime")]
    assert exported() == ["United Nations Office on Drugs and Crime"]
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2018-03-01")
    assert listed("--org", "IOM") == listed() == [("Ms. Margaret Akullo", iom)]
    assert exported() == [iom]


def test_a_consent_dated_after_today_is_refused(seeded_cli, monkeypatch):
    """As the latest statement it would outrank a real opt-out and put the address back in
    mailing exports."""
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2030-01-01")
    seeded_cli.ok("person", "add", "Person F", "--email", "f@x.example.com")
    seeded_cli.ok("person", "consent", "Person F", "--email", "opt-out", "--source", "asked")
    refused(seeded_cli, "person", "consent", "Person F", "--email", "opt-in", "--source", "typo",
            "--date", "2030-01-02",
            message="the consent date 2030-01-02 is after today (2030-01-01); give the day it "
                    "was given")
    assert "f@x.example.com" not in seeded_cli.ok("export", "contacts", "--profile",
                                                  "mailchimp").stdout
    seeded_cli.ok("person", "consent", "Person F", "--email", "opt-in", "--source", "asked",
                  "--date", "2030-01-01")  # today itself is fine
    assert "f@x.example.com" in seeded_cli.ok("export", "contacts", "--profile",
                                              "mailchimp").stdout


def test_a_consent_expiring_before_its_date_names_the_dates_given(seeded_cli, monkeypatch):
    """The consent's date is today unless --date says otherwise: the error names the expiry
    and that date, not a start and an end date the officer never typed."""
    monkeypatch.setenv("STAKEHOLDERS_TODAY", "2030-01-01")
    refused(seeded_cli, "person", "consent", "Sarah Coleman", "--email", "opt-in", "--source",
            "form", "--expires", "2020-01-01",
            message="the expiry date 2020-01-01 is before the consent date 2030-01-01 (today: "
                    "give the day it was given with --date)")
    refused(seeded_cli, "person", "consent", "Sarah Coleman", "--email", "opt-in", "--source",
            "form", "--date", "2021-01-01", "--expires", "2020-01-01",
            message="the expiry date 2020-01-01 is before the consent date 2021-01-01")
    seeded_cli.ok("person", "consent", "Sarah Coleman", "--email", "opt-in", "--source", "form",
                  "--date", "2019-01-01", "--expires", "2020-01-01")


def test_notes_keep_their_line_breaks_through_export_and_import(cli, tmp_path):
    """A note of several lines keeps them (each line cleaned, at most one blank line in a
    row, none at the ends), in `person show`, in the csv export and read back in."""
    cli.ok("person", "add", "Ali Raza", "--email", "ali@x.org",
           "--note", "  Met at the launch.\n\n\n\tFollow up on  the MoU.  \r\n\n")
    note = "Met at the launch.\n\nFollow up on the MoU."
    shown = json.loads(cli.ok("person", "show", "Ali Raza", "-f", "json").stdout)
    assert shown["notes"] == note
    exported = tmp_path / "contacts.csv"
    cli.ok("export", "contacts", "-o", str(exported))
    cli.ok("person", "edit", "Ali Raza", "--note", "one line")
    cli.ok("import", "contacts", str(exported), "--on-duplicate", "update")
    assert json.loads(cli.ok("person", "show", "Ali Raza", "-f", "json").stdout)["notes"] == note


def test_a_name_typed_with_spaces_for_hyphens_finds_the_person(cli):
    """"Jean Francois Cautain" finds Jean-François Cautain and "Al-Hashimi" Al Hashimi
    (hyphens read as spaces, after the name as typed found no one); an organization too."""
    cli.ok("org", "add", "Quaid-i-Azam University", "--sector", "academia")
    cli.ok("person", "add", "H.E. Mr. Jean-François Cautain")
    cli.ok("person", "add", "Dr. Sana Al Hashimi", "--org", "Quaid i Azam University")
    assert cli.ok("person", "show", "jean francois cautain", "-f", "json").stdout.count(
        '"family_name": "Cautain"') == 1
    sana = json.loads(cli.ok("person", "show", "Sana Al-Hashimi", "-f", "json").stdout)
    assert (sana["family_name"], sana["organization"]) == ("Al Hashimi", "Quaid-i-Azam University")
    result = cli("person", "show", "Jean Francois Cautin")
    assert result.exit_code == 1 and result.stderr.startswith("Error: no person matches")


@pytest.mark.parametrize("typed, given, family", [
    ("王小明", "小明", "王"), ("Nguyen Van An", "Van An", "Nguyen"),
    ("Orbán Viktor", "Viktor", "Orbán")])
def test_a_name_typed_family_name_first_finds_the_person(cli, typed, given, family):
    """--given and --family show the name given name first ("小明 王"); the name as typed
    found no one."""
    cli.ok("person", "add", typed, "--given", given, "--family", family)
    shown = json.loads(cli.ok("person", "show", typed, "-f", "json").stdout)
    assert (shown["name"], shown["given_name"], shown["family_name"]) == (
        f"{given} {family}", given, family)


def test_a_name_typed_without_its_apostrophe_finds_the_person(cli):
    """search found Ann O'Brien by "obrien"; a reference did not."""
    cli.ok("person", "add", "Ann O'Brien")
    cli.ok("org", "add", "UN Children's Fund")
    for ref in ("ann obrien", "Ann O’Brien"):
        assert json.loads(cli.ok("person", "show", ref, "-f", "json").stdout)["name"] == \
            "Ann O'Brien"
    refused(cli, "org", "add", "UN Childrens Fund",
            message="an organization named \"UN Children's Fund\" already exists (#1)")


def test_an_edit_giving_the_recorded_values_changes_nothing(seeded_cli):
    """Values equal to the recorded ones (an email already there, a tag already given, an
    opt-out already made) change nothing: `No change`, and no audit-log entry."""
    seeded_cli.ok("person", "edit", "Cesar Guedes", "--email", "cesar@example.org", "--tag",
                  "un", "--no-email")
    unchanged(seeded_cli, "person", "edit", "Cesar Guedes", "--email", "Cesar@Example.org",
              "--tag", "un", "--no-email", "--title", "Mr.", "--given", "Cesar",
              what="person #1 Cesar Guedes")
    assert seeded_cli.ok("person", "edit", "Cesar Guedes", "--allow-email").stderr == \
        "Updated person #1 Cesar Guedes\n"


def test_the_id_of_someone_merged_away_names_who_they_were_merged_into(seeded_cli):
    """An id kept from before a merge (a spreadsheet, a note) found no one, without saying
    the person is still on record under another id; once the merge is undone it is theirs."""
    twin = added_id(seeded_cli, "person", "add", "Muhammad Shafique", "--org", "FIA")
    seeded_cli.ok("person", "merge", "Muhammad Shifaque", str(twin))
    for args in (("report", "person", str(twin)), ("person", "show", f"#{twin}"),
                 ("followup", "list", "--person", str(twin))):
        refused(seeded_cli, *args, message=f"no person matches {args[-1]!r}; it was merged into "
                "#2 Muhammad Shifaque (Federal Investigation Agency): use #2")
    seeded_cli.ok("person", "unmerge", "1")
    assert seeded_cli.ok("person", "show", str(twin)).stdout.startswith(f"id              {twin}")


def test_a_phone_remark_too_long_to_keep_says_so_rather_than_refusing_the_number(seeded_cli):
    """A whole number with a remark after it longer than a label holds: the error is the
    remark's length, not letters in the number."""
    remark = "w" * 150
    refused(seeded_cli, "person", "edit", "Cesar Guedes", "--region", "PK",
            "--phone", f"0300-1234567 ({remark})",
            message="phone label is too long (150 characters; at most 100)")


def test_a_refused_person_add_takes_no_id(seeded_cli):
    """Everything given is checked before the person is written: on PostgreSQL a row written
    and rolled back uses up an id of its sequence, and the next person's id would differ
    from the one SQLite gives."""
    for bad in (("--phone", "0300 1234567"), ("--email", "not an email"), ("--org", "NOPE"),
                ("--tag", "a;b"), ("--handle", "not a handle")):
        assert seeded_cli("person", "add", "Bad Person", *bad).exit_code != 0
    assert added_id(seeded_cli, "person", "add", "Good Person") == 11
