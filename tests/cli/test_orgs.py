"""stakeholders org add | list | show | edit | remove, through the real command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.helpers import added_id, give_acronym, read_as_id, refused, unchanged

LAUNCH_ORGS = [
    ("United Nations Office on Drugs and Crime", "--acronym", "UNODC", "--sector", "un-agency"),
    ("European Union", "--acronym", "EU", "--sector", "donor"),
    ("International Organization for Migration", "--acronym", "IOM", "--sector", "un-agency"),
    ("United Nations Children's Fund", "--acronym", "UNICEF", "--sector", "un-agency"),
    ("Australian Government Department of Immigration and Border Protection",
     "--sector", "government", "--country", "Australia"),
    ("United States Department of State", "--sector", "government", "--country", "USA"),
    ("Government of Pakistan", "--sector", "government", "--country", "PK"),
    ("Federal Investigation Agency", "--acronym", "FIA", "--sector", "police", "--country", "pk",
     "--parent", "government of pakistan", "--website", "fia.gov.pk",
     "--email", "Info@FIA.gov.pk", "--phone", "051 9250000", "--region", "PK",
     "--tag", "law enforcement", "--tag", "Pakistan", "--note", "Represented the government."),
    ("Australian High Commission", "--sector", "diplomatic-mission", "--country", "PK"),
    ("Embassy of the United States", "--sector", "diplomatic-mission", "--country", "PK"),
]


def record_orgs(cli) -> dict[str, int]:
    return {args[0]: added_id(cli, "org", "add", *args) for args in LAUNCH_ORGS}


def test_add_prints_the_id_alone_and_confirms_on_stderr(cli):
    result = cli.ok("org", "add", "United Nations Office on Drugs and Crime", "--acronym", "UNODC")
    assert result.stdout == "1\n"
    assert result.stderr == "Added organization #1 United Nations Office on Drugs and Crime\n"


def test_the_launch_organizations_show_field_by_field(cli):
    ids = record_orgs(cli)
    fia = ids["Federal Investigation Agency"]
    shown = json.loads(cli.ok("org", "show", "fia", "--format", "json").stdout)
    assert shown == {
        "id": fia,
        "name": "Federal Investigation Agency",
        "acronym": "FIA",
        "sector": "police",
        "country": "PK",
        "parent": "Government of Pakistan",
        "website": "https://fia.gov.pk",
        "email": "info@fia.gov.pk",
        "phone": "+92519250000",
        "tags": ["law enforcement", "Pakistan"],
        "parent_id": ids["Government of Pakistan"],
        "notes": "Represented the government.",
        "contact_points": [
            {"kind": "email", "value": "info@fia.gov.pk", "label": None,
             "primary": True},
            {"kind": "phone", "value": "+92519250000", "label": None, "primary": True},
        ],
        "people": [],
        "partnerships": [],
    }
    table = cli.ok("org", "show", str(fia)).stdout
    assert [line.split(None, 1) for line in table.splitlines()[:4]] == [
        ["id", str(fia)], ["name", "Federal Investigation Agency"], ["acronym", "FIA"],
        ["sector", "police"]]
    assert "\ntags       law enforcement; Pakistan\n" in table
    assert "\ncontact_points:\nkind    value            label    primary\n" in table
    assert "\npeople:\n(none)\n" in table
    rows = list(csv.DictReader(io.StringIO(cli.ok("org", "show", "FIA", "-f", "csv").stdout)))
    assert rows == [{
        "id": str(fia), "name": "Federal Investigation Agency", "acronym": "FIA",
        "sector": "police", "country": "PK", "parent": "Government of Pakistan",
        "website": "https://fia.gov.pk", "email": "info@fia.gov.pk", "phone": "+92519250000",
        "tags": "law enforcement; Pakistan", "parent_id": str(ids["Government of Pakistan"]),
        "notes": "Represented the government.",
    }]


def test_list_in_three_formats(cli):
    ids = record_orgs(cli)
    listed = json.loads(cli.ok("org", "list", "--format", "json").stdout)
    assert [o["name"] for o in listed] == sorted(ids, key=str.casefold)
    assert {o["id"] for o in listed} == set(ids.values())
    us = next(o for o in listed if o["name"] == "United States Department of State")
    assert us == {
        "id": ids["United States Department of State"], "name": "United States Department of State",
        "acronym": None, "sector": "government", "country": "US", "parent": None,
        "website": None, "email": None, "phone": None, "tags": [], "people": 0,
    }
    rows = list(csv.DictReader(io.StringIO(cli.ok("org", "list", "--format", "csv").stdout)))
    assert [r["name"] for r in rows] == [o["name"] for o in listed]
    assert rows[0].keys() == listed[0].keys()
    assert rows[0]["country"] == "AU"
    table = cli.ok("org", "list").stdout.splitlines()
    assert table[0].split() == ["id", "name", "acronym", "sector", "country", "parent", "people",
                                "tags"]
    assert table[2].split()[:2] == [str(ids["Australian Government Department of Immigration "
                                          "and Border Protection"]), "Australian"]


def test_list_counts_the_people_holding_a_post_there_today(cli):
    """As `person list --org` lists them: a former member of staff, or one who starts next
    month, is not one of an organization's people."""
    cli.ok("org", "add", "Anti-Trafficking Unit", "--acronym", "ATU")
    cli.ok("person", "add", "Amna Baloch", "--org", "ATU")
    cli.ok("person", "add", "Ali Raza")
    cli.ok("person", "affiliate", "Ali Raza", "ATU", "--position", "Analyst", "--start",
           "2015-01-01", "--end", "2016-12-31")
    cli.ok("person", "add", "Sara Malik")
    cli.ok("person", "affiliate", "Sara Malik", "ATU", "--position", "Analyst", "--start",
           "2999-01-01")

    def people() -> int:
        return json.loads(cli.ok("org", "list", "-f", "json").stdout)[0]["people"]

    listed = json.loads(cli.ok("person", "list", "--org", "ATU", "-f", "json").stdout)
    assert (people(), [p["name"] for p in listed]) == (1, ["Amna Baloch"])


@pytest.mark.parametrize("options, names", [
    (["--sector", "UN agency"], ["International Organization for Migration",
                                 "United Nations Children's Fund",
                                 "United Nations Office on Drugs and Crime"]),
    (["--country", "Pakistan", "--sector", "police"], ["Federal Investigation Agency"]),
    (["--tag", "LAW ENFORCEMENT"], ["Federal Investigation Agency"]),
    (["--search", "united"], ["Embassy of the United States", "United Nations Children's Fund",
                              "United Nations Office on Drugs and Crime",
                              "United States Department of State"]),
    (["--search", "unic"], ["United Nations Children's Fund"]),
    (["--search", "100%"], []),
])
def test_list_filters(cli, options, names):
    record_orgs(cli)
    listed = json.loads(cli.ok("org", "list", *options, "--format", "json").stdout)
    assert [o["name"] for o in listed] == names


def test_an_empty_list(cli):
    assert cli.ok("org", "list").stdout == "(none)\n"
    assert cli.ok("org", "list", "-f", "json").stdout == "[]\n"


def test_edit_changes_clears_and_retags(cli):
    record_orgs(cli)
    result = cli.ok("org", "edit", "FIA", "--name", "Federal Investigation Agency (FIA)",
                    "--website", "", "--remove-email", "info@fia.gov.pk",
                    "--email", "press@fia.gov.pk", "--untag", "pakistan", "--tag", "police",
                    "--note", "")
    assert result.stderr.startswith("Updated organization #8 Federal Investigation Agency (FIA)")
    shown = json.loads(cli.ok("org", "show", "fia", "-f", "json").stdout)
    assert (shown["name"], shown["website"], shown["email"], shown["tags"], shown["notes"]) == (
        "Federal Investigation Agency (FIA)", None, "press@fia.gov.pk",
        ["law enforcement", "police"], None)


def test_edit_renames_onto_itself_in_another_case(cli):
    record_orgs(cli)
    cli.ok("org", "edit", "European Union", "--name", "EUROPEAN UNION")
    assert json.loads(cli.ok("org", "show", "EU", "-f", "json").stdout)["name"] == "EUROPEAN UNION"


def test_a_name_pasted_with_typographic_apostrophes_finds_the_typed_one(seeded_cli):
    """Press releases write Children’s and Jean‑François; officers type Children's."""
    seeded_cli.ok("org", "add", "Children's Rights Network", "--acronym", "CRN")
    shown = json.loads(seeded_cli.ok("org", "show", "Children\u2019s Rights Network",
                                     "-f", "json").stdout)
    assert shown["acronym"] == "CRN"
    refused = seeded_cli("org", "add", "Children\u2019s Rights Network")
    assert refused.exit_code == 1
    # Urdu typed on an Arabic keyboard: yeh and kaf in their Arabic forms
    ident = seeded_cli.ok("person", "add", "\u06a9\u0631\u06cc\u0645 \u0639\u0644\u06cc").stdout
    shown = seeded_cli.ok("person", "show", "\u0643\u0631\u064a\u0645 \u0639\u0644\u064a",
                          "-f", "json").stdout
    assert json.loads(shown)["id"] == int(ident)


def test_remove_unreferenced_needs_no_confirmation(cli):
    record_orgs(cli)
    result = cli.ok("org", "remove", "Embassy of the United States")
    assert result.stderr == "Removed organization #10 Embassy of the United States\n"
    refused(cli, "org", "show", "10", message="no organization matches '10'")


def test_remove_with_yes_takes_affiliations_and_keeps_attendances(seeded_cli):
    result = seeded_cli.ok("org", "remove", "eu", "--yes")
    assert result.stderr == ("Removed organization #2 European Union, with 1 affiliation and "
                             "1 campaign partnership; cleared it from 1 attendance\n")
    shown = json.loads(seeded_cli.ok("person", "show", "Jean-François Cautain", "-f", "json").stdout)
    assert shown["affiliations"] == []
    assert [(a["event"], a["organization"]) for a in shown["attendances"]] == [
        ("GLO.ACT launch, Islamabad", None)]


def test_remove_makes_the_current_post_left_primary(seeded_cli):
    """As `person affiliate --remove` does: the primary post went with its organization, the
    person's current post among the rest becomes primary (not left with none)."""
    seeded_cli.ok("person", "affiliate", "Cesar Guedes", "FIA", "--position", "Adviser")
    seeded_cli.ok("org", "remove", "UNODC", "--yes")
    shown = json.loads(seeded_cli.ok("person", "show", "Cesar Guedes", "-f", "json").stdout)
    assert [(a["organization"], a["primary"]) for a in shown["affiliations"]] == [
        ("Federal Investigation Agency", True)]


def test_removing_a_parent_orphans_its_children(seeded_cli):
    seeded_cli.ok("org", "remove", "Government of Pakistan", "--yes")
    assert json.loads(seeded_cli.ok("org", "show", "FIA", "-f", "json").stdout)["parent"] is None


# -- refusals: exact message, exit code, nothing written ---------------------------------------

@pytest.mark.parametrize("args, message", [
    # "#7" always means record #7: an organization so called could not be referred to by it
    (["org", "add", "#7"], read_as_id("organization name", "#7")),
    (["org", "add", "Seven", "--acronym", " #12 "], read_as_id("acronym", "#12")),
    (["org", "edit", "FIA", "--name", "#1"], read_as_id("organization name", "#1")),
    (["org", "edit", "FIA", "--acronym", "#2"], read_as_id("acronym", "#2")),
    (["org", "add", "EUROPEAN UNION"],
     "an organization named 'European Union' already exists (#2)"),
    # a name that is another's acronym would take over every reference by that acronym
    (["org", "add", "unodc"],
     "'unodc' is the acronym of #1 United Nations Office on Drugs and Crime; give the "
     "organization its full name (and the acronym with --acronym)"),
    (["org", "edit", "FIA", "--name", "EU"],
     "'EU' is the acronym of #2 European Union; give the organization its full name (and the "
     "acronym with --acronym)"),
    # an acronym another has, as acronym or as name, would make references to it ambiguous
    (["org", "edit", "FIA", "--acronym", "UNODC"],
     "'UNODC' is already the acronym of #1 United Nations Office on Drugs and Crime"),
    (["org", "add", "Foo", "--acronym", "fia"],
     "'fia' is already the acronym of #8 Federal Investigation Agency"),
    (["org", "add", "Foo", "--acronym", "Européan Union"],
     "'Européan Union' is the name of #2 European Union; an acronym may not be another "
     "organization's name"),
    (["org", "add", "Europäische Union", "--sector", "embassy"],
     "'embassy' is not a valid sector; choose one of: un-agency, government, "
     "diplomatic-mission, donor, police, judiciary, ngo, civil-society, academia, media, "
     "private-sector, other"),
    (["org", "add", "Interpol", "--country", "Atlantis"],
     "unknown country 'Atlantis'; give an ISO 3166 code such as PK or GB"),
    (["org", "add", "Interpol", "--country", "Pakistani"],
     "'Pakistani' is a nationality, not a country; give the country (PK)"),
    (["org", "add", "Interpol", "--email", "not-an-address"],
     "invalid email 'not-an-address': An email address must have an @-sign."),
    (["org", "add", "Interpol", "--phone", "051 9250000"],
     "phone number '051 9250000' has no country code; give --region (e.g. --region PK) or "
     "set STAKEHOLDERS_REGION"),
    (["org", "add", "Interpol", "--parent", "Interpoll"], "no organization matches 'Interpoll'"),
    (["org", "add", "Interpol", "--website", "not a site"], "invalid website 'not a site'"),
    (["org", "add", "  "], "organization name is empty"),
    (["org", "show", "United Nations"],
     "no organization matches 'United Nations'; closest: United Nations Children's Fund, "
     "United Nations Office on Drugs and Crime"),
    (["org", "edit", "FIA", "--name", "european union"],
     "an organization named 'European Union' already exists (#2)"),
    (["org", "edit", "Government of Pakistan", "--parent", "FIA"],
     "Government of Pakistan cannot be its own parent or ancestor"),
    (["org", "edit", "FIA", "--untag", "nothing"], "no tag 'nothing' to remove"),
    (["org", "edit", "FIA", "--remove-email", "x@fia.gov.pk"],
     "no email 'x@fia.gov.pk' to remove"),
    (["org", "remove", "EU"],
     "Removing European Union (#2) also removes 1 affiliation and 1 campaign partnership and "
     "clears it from 1 attendance. Refusing without --yes (standard input is not a terminal)"),
    (["org", "remove", "Government of Pakistan"],
     "Removing Government of Pakistan (#7) also clears it from 1 sub-organization. Refusing "
     "without --yes (standard input is not a terminal)"),
])
def test_refusals(seeded_cli, args, message):
    refused(seeded_cli, *args, message=message)


def test_ambiguous_acronym_lists_candidates(seeded_cli):
    seeded_cli.ok("org", "add", "Instituto de Estudos Universitários", "--acronym", "IEU")
    seeded_cli.ok("org", "add", "Institute of European Unity")
    give_acronym(seeded_cli.url, "organizations", 12, "ieu")
    refused(seeded_cli, "org", "show", "IEU",
            message="'IEU' matches 2 organizations: #11 Instituto de Estudos Universitários "
                    "(IEU); #12 Institute of European Unity (ieu) (use the id)")


def test_usage_errors_exit_2(cli):
    result = cli("org", "add")
    assert result.exit_code == 2
    assert cli("org", "list", "--format", "xml").exit_code == 2


def test_a_name_that_folds_longer_than_its_key_column_is_refused_on_both_databases(
        cli, db_dump):
    """'ß' folds to 'ss': 200 of them fit the 300-character name but not its key. PostgreSQL
    would refuse the key with a database error, SQLite keep it; both say why instead."""
    before = db_dump(cli.url)
    long_name = "ß" * 200
    for args in (["org", "add", long_name, "--sector", "ngo"],
                 ["person", "add", f"Anna {long_name}"]):
        result = cli(*args)
        assert result.exit_code == 1, result.stderr
        assert result.stderr.startswith("Error: name is too long (")
        assert "characters once case and accents are folded; at most" in result.stderr
    assert db_dump(cli.url) == before


def test_an_org_edit_giving_the_recorded_values_changes_nothing(seeded_cli):
    unodc = "organization #1 United Nations Office on Drugs and Crime"
    unchanged(seeded_cli, "org", "edit", "UNODC", "--acronym", "UNODC", "--sector", "un-agency",
              what=unodc)
    assert seeded_cli.ok("org", "edit", "UNODC", "--country", "AT").stderr == \
        f"Updated {unodc}\n"


def test_a_website_longer_than_its_column_is_refused_on_both_databases(seeded_cli):
    """PostgreSQL refuses a website over 500 characters with a database error and SQLite keeps
    it; both say why instead, and record nothing."""
    website = "https://" + "x" * 600 + ".org"
    message = f"website is too long ({len(website)} characters; at most 500)"
    refused(seeded_cli, "org", "edit", "UNODC", "--website", website, message=message)
    refused(seeded_cli, "org", "add", "Long Site Trust", "--sector", "ngo",
            "--website", website, message=message)
