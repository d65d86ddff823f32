"""``campaign add | partner | list | show | edit | remove`` on a real database."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.press_release import (
    AWARENESS,
    GLO_ACT,
    add_people_and_organizations,
    record_campaigns,
    record_event,
)
from tests.cli.helpers import give_acronym, read_as_id, refused, unchanged
from tests.conftest import Cli


@pytest.fixture
def officer(cli: Cli) -> Cli:
    """A database holding the press release's organizations and people, no campaign yet."""
    add_people_and_organizations(cli.url)
    return cli


def test_add_prints_the_id_alone_and_confirms_on_stderr(officer):
    result = officer.ok("campaign", "add", "Blue Heart", "--acronym", "BH")
    assert result.stdout == "1\n"
    assert result.stderr == "Added campaign #1 Blue Heart\n"
    second = officer.ok("campaign", "add", "Second campaign")
    assert second.stdout == "2\n"


def test_partner_confirms_on_stderr(officer):
    officer.ok("campaign", "add", GLO_ACT, "--acronym", "GLO.ACT")
    result = officer.ok("campaign", "partner", "glo.act", "European Union", "--role", "Funder")
    assert result.stdout == ""
    assert result.stderr == f"European Union is now funder of {GLO_ACT}\n"


def test_the_press_release_campaigns_listed_in_three_formats(officer):
    glo, awareness = record_campaigns(officer)
    record_event(officer)
    rows = json.loads(officer.ok("campaign", "list", "--format", "json").stdout)
    assert rows == [
        {"id": int(glo), "name": GLO_ACT, "acronym": "GLO.ACT", "start_date": "2016-01-01",
         "end_date": "2019-12-31", "partners": 4, "events": 1},
        {"id": int(awareness), "name": AWARENESS, "acronym": None, "start_date": None,
         "end_date": None, "partners": 2, "events": 1},
    ]
    table = officer.ok("campaign", "list").stdout.splitlines()
    assert table[0].split() == ["id", "name", "acronym", "start_date", "end_date", "partners",
                                "events"]
    assert table[2].split()[:2] == [glo, "Global"]
    assert table[2].split()[-5:] == ["GLO.ACT", "2016-01-01", "2019-12-31", "4", "1"]
    assert any(line.split()[-2:] == ["2", "1"] for line in table[3:])
    parsed = list(csv.DictReader(io.StringIO(officer.ok("campaign", "list", "-f", "csv").stdout)))
    assert parsed == [
        {"id": glo, "name": GLO_ACT, "acronym": "GLO.ACT", "start_date": "2016-01-01",
         "end_date": "2019-12-31", "partners": "4", "events": "1"},
        {"id": awareness, "name": AWARENESS, "acronym": "", "start_date": "", "end_date": "",
         "partners": "2", "events": "1"},
    ]


def test_show_has_partners_by_role_events_and_handles(officer):
    glo, _ = record_campaigns(officer)
    event = record_event(officer)
    shown = json.loads(officer.ok("campaign", "show", "GLO.ACT", "--format", "json").stdout)
    assert {k: shown[k] for k in ("id", "name", "acronym", "start_date", "end_date",
                                  "description", "handles")} == {
        "id": int(glo), "name": GLO_ACT, "acronym": "GLO.ACT", "start_date": "2016-01-01",
        "end_date": "2019-12-31",
        "description": "A four-year joint initiative by the European Union and UNODC.",
        "handles": ["@glo_act"]}
    assert [(p["role"], p["organization"], p["acronym"]) for p in shown["partners"]] == [
        ("funder", "European Union", "EU"),
        ("implementing-partner", "International Organization for Migration", "IOM"),
        ("implementing-partner", "United Nations Children's Fund", "UNICEF"),
        ("lead-agency", "United Nations Office on Drugs and Crime", "UNODC"),
    ]
    assert all(isinstance(p["organization_id"], int) for p in shown["partners"])
    assert shown["events"] == [{"id": int(event), "name": "GLO.ACT launch, Islamabad",
                                "kind": "launch", "start_date": "2017-07-19",
                                "city": "Islamabad"}]

    table = officer.ok("campaign", "show", glo).stdout
    lines = table.splitlines()
    assert lines[0].split() == ["id", glo]
    assert "handles      @glo_act" in lines
    assert "partners:" in lines and "events:" in lines
    funder = next(line for line in lines if line.startswith("funder "))
    assert funder.split()[2:] == ["European", "Union", "EU"]

    rows = list(csv.DictReader(io.StringIO(officer.ok("campaign", "show", glo, "-f",
                                                      "csv").stdout)))
    assert rows == [{"id": glo, "name": GLO_ACT, "acronym": "GLO.ACT",
                     "start_date": "2016-01-01", "end_date": "2019-12-31",
                     "description": "A four-year joint initiative by the European Union and "
                                    "UNODC.", "handles": "'@glo_act"}]  # CSV-safe


def test_a_partner_role_is_corrected_and_a_link_removed(officer):
    glo, _ = record_campaigns(officer)
    officer.ok("campaign", "partner", "GLO.ACT", "EU", "--role", "co-funder")
    result = officer.ok("campaign", "partner", "GLO.ACT", "eu", "--role", "co-funder",
                        "--remove")
    assert (result.stdout, result.stderr) == (
        "", f"European Union is no longer co-funder of {GLO_ACT}\n")
    result = officer.ok("campaign", "partner", "GLO.ACT", "UNODC", "--role",
                        "implementing-partner", "--instead-of", "lead-agency")
    assert (result.stdout, result.stderr) == (
        "", "United Nations Office on Drugs and Crime is now implementing-partner of "
            f"{GLO_ACT}, instead of lead-agency\n")
    shown = json.loads(officer.ok("campaign", "show", glo, "-f", "json").stdout)
    assert [(p["role"], p["acronym"]) for p in shown["partners"]] == [
        ("funder", "EU"), ("implementing-partner", "IOM"), ("implementing-partner", "UNICEF"),
        ("implementing-partner", "UNODC")]
    log = json.loads(officer.ok("log", "-f", "json").stdout)
    assert [(e["command"], e["records"]) for e in log[-2:]] == [
        ("campaign partner", ["update campaign:1", "delete partner:7"]),
        ("campaign partner", ["update partner:2"])]


def test_an_empty_list_still_has_its_header(officer):
    assert officer.ok("campaign", "list", "-f", "csv").stdout == (
        "id,name,acronym,start_date,end_date,partners,events\n")
    assert officer.ok("campaign", "list", "-f", "json").stdout == "[]\n"


@pytest.mark.parametrize(("args", "message"), [
    (["campaign", "add", "global action to prevent and address trafficking in persons and the "
      "smuggling of migrants"],
     f"a campaign named {GLO_ACT!r} already exists (#1)"),
    (["campaign", "add", "Later", "--start", "2020-01-01", "--end", "2019-12-31"],
     "the end date 2019-12-31 is before the start date 2020-01-01"),
    (["campaign", "add", "Leap", "--start", "2017-02-30"],
     "invalid date '2017-02-30': there is no such day"),
    (["campaign", "add", "Bad", "--handle", "not a handle"],
     "invalid social handle 'not a handle'; use @name"),
    (["campaign", "partner", "GLO.ACT", "IOM", "--role", "sponsor"],
     "'sponsor' is not a valid partner role; choose one of: funder, co-funder, "
     "implementing-partner, lead-agency, government-counterpart"),
    (["campaign", "partner", "GLO.ACT", "EU", "--role", "funder"],
     f"European Union is already funder of {GLO_ACT}"),
    (["campaign", "partner", "GLO.ACTT", "EU", "--role", "funder"],
     "no campaign matches 'GLO.ACTT'; closest: GLO.ACT"),
    (["campaign", "partner", "Public Awarenes Campaign against human trafficking and migrant "
      "smuggling", "EU", "--role", "funder"],
     "no campaign matches 'Public Awarenes Campaign against human trafficking and migrant "
     f"smuggling'; closest: {AWARENESS}"),
    (["campaign", "partner", "GLO.ACT", "Nobody", "--role", "funder"],
     "no organization matches 'Nobody'"),
    (["campaign", "edit", "GLO.ACT", "--name", AWARENESS.upper()],
     f"a campaign named {AWARENESS!r} already exists (#2)"),
    # a name or acronym another campaign answers to would make references to it ambiguous
    (["campaign", "add", "glo.act"],
     f"'glo.act' is the acronym of #1 {GLO_ACT}; give the campaign its full name (and the "
     "acronym with --acronym)"),
    (["campaign", "add", "Blue Heart", "--acronym", "Glo.Act"],
     f"'Glo.Act' is already the acronym of #1 {GLO_ACT}"),
    (["campaign", "edit", AWARENESS, "--name", "GLO.ACT"],
     f"'GLO.ACT' is the acronym of #1 {GLO_ACT}; give the campaign its full name (and the "
     "acronym with --acronym)"),
    (["campaign", "edit", "GLO.ACT", "--end", "2015-01-01"],
     "the end date 2015-01-01 is before the start date 2016-01-01"),
    (["campaign", "show", "99"], "no campaign matches '99'"),
    (["campaign", "partner", "GLO.ACT", "EU", "--role", "co-funder", "--remove"],
     f"European Union is not co-funder of {GLO_ACT}"),
    (["campaign", "partner", "GLO.ACT", "EU", "--role", "co-funder", "--instead-of",
      "lead-agency"], f"European Union is not lead-agency of {GLO_ACT}"),
    (["campaign", "partner", "GLO.ACT", "IOM", "--role", "implementing-partner",
      "--instead-of", "implementing-partner"],
     f"International Organization for Migration is already implementing-partner of {GLO_ACT}"),
    (["campaign", "partner", "GLO.ACT", "EU", "--role", "co-funder", "--instead-of", "donor"],
     "'donor' is not a valid partner role; choose one of: funder, co-funder, "
     "implementing-partner, lead-agency, government-counterpart"),
    (["campaign", "partner", "GLO.ACT", "UNHCR", "--role", "funder", "--remove"],
     "no organization matches 'UNHCR'"),
    (["campaign", "partner", "Blue Heart", "EU", "--role", "funder", "--remove"],
     "no campaign matches 'Blue Heart'"),
    (["campaign", "edit", "GLO.ACT", "--remove-handle", "@unodc"],
     "no handle '@unodc' to remove"),
    (["campaign", "edit", "GLO.ACT", "--remove-handle", "glo act"],
     "invalid social handle 'glo act'; use @name"),
])
def test_errors_are_one_line_and_write_nothing(officer, args, message):
    record_campaigns(officer)
    refused(officer, *args, message=message)


def test_an_acronym_may_not_be_another_campaigns_name(officer):
    officer.ok("campaign", "add", "Blue Heart")
    refused(officer, "campaign", "add", "Blue Heart Mexico", "--acronym", "BLUE HEART",
            message="'BLUE HEART' is the name of #1 Blue Heart; an acronym may not be another "
                    "campaign's name")
    officer.ok("campaign", "edit", "Blue Heart", "--acronym", "blue heart")  # its own name


@pytest.mark.parametrize("args, message", [
    (["campaign", "add", "#7"], read_as_id("campaign name", "#7")),
    (["campaign", "add", "Blue Heart", "--acronym", " #12 "], read_as_id("acronym", "#12")),
    (["campaign", "edit", "GLO.ACT", "--name", "#1"], read_as_id("campaign name", "#1")),
    (["campaign", "edit", "GLO.ACT", "--acronym", "#2"], read_as_id("acronym", "#2")),
])
def test_a_name_or_acronym_written_as_an_id_is_refused(officer, args, message):
    """"#7" always means record #7: a campaign so called could not be referred to by it."""
    record_campaigns(officer)
    refused(officer, *args, message=message)


def test_a_name_with_a_number_sign_and_more_is_a_name(officer):
    officer.ok("campaign", "add", "#7 Campaign", "--acronym", "C#7")
    assert json.loads(officer.ok("campaign", "show", "#7 campaign", "-f", "json").stdout)[
        "acronym"] == "C#7"


@pytest.mark.parametrize("ref, closest", [
    ("GLOACT", "GLO.ACT"),  # an acronym near the one typed
    ("pubic awareness campaign against human trafficking", AWARENESS),  # a typo
    ("Gloabl Action to Prevent and Address Trafficking in Persons", GLO_ACT),
])
def test_a_miss_names_the_closest_campaigns(officer, ref, closest):
    record_campaigns(officer)
    for args in (["campaign", "show", ref], ["event", "list", "--campaign", ref],
                 ["report", "campaign", ref]):
        refused(officer, *args, message=f"no campaign matches {ref!r}; closest: {closest}")


def test_words_of_one_campaign_name_name_it(officer):
    """As for an event: words that only one campaign's name holds, in any order, name it; a
    name too long to type whole is still found, and words several names hold list them. A word
    is a whole word: a typo ("awarenes") is a miss, naming the closest."""
    record_campaigns(officer)
    for ref in ("public awareness", "Awareness public", "migrant smuggling campaign"):
        assert json.loads(officer.ok("report", "campaign", ref, "-f", "json").stdout)[
            "campaign"] == AWARENESS
    refused(officer, "event", "list", "--campaign", "trafficking", message=(
        f"'trafficking' matches 2 campaigns: #1 {GLO_ACT}; #2 {AWARENESS} (use the id)"))


def test_hyphens_and_spaces_in_a_campaign_name_are_alike(officer):
    """"Public-Awareness Campaign" names the Public Awareness Campaign, as a person's or an
    organization's name so written does, and is no other campaign's name."""
    officer.ok("campaign", "add", "Public Awareness Campaign", "--acronym", "PAC")
    officer.ok("campaign", "add", "Blue-Heart Campaign")
    for ref, name in (("public-awareness campaign", "Public Awareness Campaign"),
                      ("Blue Heart Campaign", "Blue-Heart Campaign")):
        assert json.loads(officer.ok("campaign", "show", ref, "-f", "json").stdout)[
            "name"] == name
    refused(officer, "campaign", "add", "Public-Awareness Campaign",
            message="a campaign named 'Public Awareness Campaign' already exists (#1)")
    refused(officer, "campaign", "edit", "Blue-Heart Campaign", "--name",
            "Public Awareness-Campaign",
            message="a campaign named 'Public Awareness Campaign' already exists (#1)")
    refused(officer, "campaign", "add", "Blue Heart Mexico", "--acronym", "Blue heart-campaign",
            message="'Blue heart-campaign' is the name of #2 Blue-Heart Campaign; an acronym "
                    "may not be another campaign's name")
    officer.ok("campaign", "edit", "PAC", "--name", "Public-Awareness Campaign")  # its own


def test_new_dates_leaving_events_outside_are_recorded_with_a_warning(officer):
    record_campaigns(officer)
    record_event(officer)  # 2017-07-19
    officer.ok("event", "add", "GLO.ACT review", "--date", "2018-03-05", "--campaign", "GLO.ACT")
    assert officer.ok("campaign", "edit", "GLO.ACT", "--start", "2018-01-01").stderr == (
        f"Updated campaign #1 {GLO_ACT}\nWarning: 1 event of GLO.ACT falls outside its dates "
        "(2018-01-01 to 2019-12-31): #1 GLO.ACT launch, Islamabad (2017-07-19)\n")
    assert officer.ok("campaign", "edit", "GLO.ACT", "--start", "", "--end",
                      "2017-01-31").stderr == (
        f"Updated campaign #1 {GLO_ACT}\nWarning: 2 events of GLO.ACT fall outside its dates "
        "(to 2017-01-31): #1 GLO.ACT launch, Islamabad (2017-07-19); #2 GLO.ACT review "
        "(2018-03-05)\n")
    assert officer.ok("campaign", "edit", "GLO.ACT", "--end", "").stderr == (
        f"Updated campaign #1 {GLO_ACT}\n")


def test_a_shared_acronym_is_ambiguous(officer):
    officer.ok("campaign", "add", "Blue Heart Pakistan", "--acronym", "BH")
    officer.ok("campaign", "add", "Blue Heart Mexico")
    give_acronym(officer.url, "campaigns", 2, "bh")
    refused(officer, "campaign", "show", "Bh",
            message="'Bh' matches 2 campaigns: #1 Blue Heart Pakistan; #2 Blue Heart Mexico "
                   "(use the id)")


def test_unknown_format_is_a_usage_error(officer):
    result = officer("campaign", "list", "--format", "xml")
    assert result.exit_code == 2


def test_edit_changes_only_what_is_given(officer):
    glo, _ = record_campaigns(officer)
    result = officer.ok("campaign", "edit", "GLO.ACT", "--name", "Global Action (GLO.ACT)",
                        "--end", "2021-12-31", "--handle", "@unodc")
    assert (result.stdout, result.stderr) == ("", f"Updated campaign #{glo} Global Action "
                                                  "(GLO.ACT)\n")
    shown = json.loads(officer.ok("campaign", "show", glo, "-f", "json").stdout)
    assert (shown["name"], shown["acronym"], shown["start_date"], shown["end_date"],
            shown["handles"]) == ("Global Action (GLO.ACT)", "GLO.ACT", "2016-01-01",
                                  "2021-12-31", ["@glo_act", "@unodc"])
    assert len(shown["partners"]) == 4


def test_edit_removes_handles_and_the_log_says_so(officer):
    glo, _ = record_campaigns(officer)
    officer.ok("campaign", "edit", "GLO.ACT", "--handle", "@unodc", "--remove-handle",
               "@GLO_ACT")
    shown = json.loads(officer.ok("campaign", "show", glo, "-f", "json").stdout)
    assert shown["handles"] == ["@unodc"]
    last = json.loads(officer.ok("log", "-f", "json").stdout)[-1]
    assert (last["command"], last["records"]) == (
        "campaign edit", ["update campaign:1", "delete contact:2", "insert contact:3"])


def test_edit_clears_dates_given_empty(officer):
    glo, _ = record_campaigns(officer)
    officer.ok("campaign", "edit", "GLO.ACT", "--start", "", "--end", "")
    shown = json.loads(officer.ok("campaign", "show", glo, "-f", "json").stdout)
    assert (shown["start_date"], shown["end_date"]) == (None, None)


def test_remove_refuses_without_yes_and_says_what_goes(officer):
    glo, _ = record_campaigns(officer)
    record_event(officer)
    refused(officer, "campaign", "remove", "GLO.ACT",
            message=f"Removing {GLO_ACT} (#{glo}) also removes 4 partner links, 1 event link "
                    "and 1 handle. Refusing without --yes (standard input is not a terminal)")
    result = officer.ok("campaign", "remove", "GLO.ACT", "--yes")
    assert result.stderr == (f"Removed campaign #{glo} {GLO_ACT}, with 4 partner links, "
                             "1 event link and 1 handle\n")
    listed = json.loads(officer.ok("campaign", "list", "-f", "json").stdout)
    assert [c["name"] for c in listed] == [AWARENESS]
    event = json.loads(officer.ok("event", "show", "1", "-f", "json").stdout)
    assert [c["name"] for c in event["campaigns"]] == [AWARENESS]
    assert officer("campaign", "show", glo).stderr == f"Error: no campaign matches '{glo}'\n"


def test_show_csv_has_the_same_header_without_partners_or_events(officer):
    record_campaigns(officer)
    bare = officer.ok("campaign", "add", "Draft").stdout.strip()
    headers = {officer.ok("campaign", "show", c, "-f", "csv").stdout.splitlines()[0]
               for c in (bare, "GLO.ACT")}
    assert headers == {"id,name,acronym,start_date,end_date,description,handles"}


def test_a_campaign_nothing_refers_to_goes_without_asking(officer):
    ident = officer.ok("campaign", "add", "Draft").stdout.strip()
    result = officer.ok("campaign", "remove", "draft")
    assert result.stderr == f"Removed campaign #{ident} Draft\n"
    assert officer.ok("campaign", "list", "-f", "json").stdout == "[]\n"


def test_a_campaign_edit_giving_the_recorded_values_changes_nothing(seeded_cli):
    glo_act = ("campaign #1 Global Action to Prevent and Address Trafficking in Persons and the "
               "Smuggling of Migrants")
    unchanged(seeded_cli, "campaign", "edit", "GLO.ACT", "--acronym", "GLO.ACT", what=glo_act)
    assert seeded_cli.ok("campaign", "edit", "GLO.ACT", "--end", "2021-12-31").stderr == \
        f"Updated {glo_act}\n"


@pytest.mark.parametrize("first, then, message", [
    (["campaign", "add", "Empty campaign"],
     ["campaign", "edit", "2", "--acronym", "empty-campaign"],
     "'empty-campaign' is the name of #3 Empty campaign; an acronym may not be another "
     "campaign's name"),
    (["campaign", "edit", "2", "--acronym", "Pub-Aware"], ["campaign", "add", "Pub Aware"],
     "'Pub Aware' is the acronym of #2 Public Awareness Campaign against human trafficking "
     "and migrant smuggling; give the campaign its full name (and the acronym with "
     "--acronym)"),
    (["org", "add", "Save-the Kids"], ["org", "add", "Kids Org", "--acronym", "save the kids"],
     "'save the kids' is the name of #11 Save-the Kids; an acronym may not be another "
     "organization's name")])
def test_a_name_or_acronym_another_has_with_hyphens_for_spaces_is_taken(seeded_cli, first,
                                                                        then, message):
    """References read hyphens as spaces: 'pub-aware' and 'pub aware' reached two campaigns,
    and an edit's own acronym hid the name it clashed with."""
    seeded_cli.ok(*first)
    refused(seeded_cli, *then, message=message)
