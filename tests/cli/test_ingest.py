"""``stakeholders ingest`` through the real command line, against real databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.cli.helpers import refused
from tests.dumps import data

FIXTURES = Path(__file__).parents[1] / "ingest" / "fixtures"
SEED_RELEASE = FIXTURES / "glo-act-launch-2017.txt"
SEED_EVENT = "GLO.ACT launch, Islamabad"

#: What the seed file records, read back as rows any database returns alike.
CONTENT = {
    "organizations": "SELECT name, sector FROM organizations",
    "people": "SELECT honorific, title, full_name FROM people",
    "affiliations": """SELECT p.full_name, o.name, a.position, a.is_primary FROM affiliations a
                       JOIN people p ON p.id = a.person_id
                       JOIN organizations o ON o.id = a.organization_id""",
    "campaigns": "SELECT name, acronym FROM campaigns",
    "partners": """SELECT c.name, o.name, cp.role FROM campaign_partners cp
                   JOIN campaigns c ON c.id = cp.campaign_id
                   JOIN organizations o ON o.id = cp.organization_id""",
    "events": "SELECT name, kind, start_date, city, country FROM events",
    "event campaigns": """SELECT e.name, c.name FROM event_campaigns ec
                          JOIN events e ON e.id = ec.event_id
                          JOIN campaigns c ON c.id = ec.campaign_id""",
    "sectors": "SELECT sector, description FROM event_sectors",
    "attendances": """SELECT p.full_name, o.name, a.role, a.status, b.full_name,
                             a.speaking_order
                      FROM attendances a JOIN people p ON p.id = a.person_id
                      LEFT JOIN organizations o ON o.id = a.organization_id
                      LEFT JOIN people b ON b.id = a.on_behalf_of_id""",
    "statements": """SELECT p.full_name, s.kind, s.text, s.sequence FROM statements s
                     JOIN people p ON p.id = s.person_id""",
    "contacts": """SELECT COALESCE(p.full_name, c.name), cp.kind, cp.value
                   FROM contact_points cp LEFT JOIN people p ON p.id = cp.person_id
                   LEFT JOIN campaigns c ON c.id = cp.campaign_id""",
}


def content(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {part: sorted((tuple(map(str, r)) for r in conn.execute(text(sql))))
                    for part, sql in CONTENT.items()}
    finally:
        engine.dispose()


def contract(stdout: str) -> dict:
    return json.loads(stdout)


# -- writing ----------------------------------------------------------------------------------


@pytest.fixture
def seed_content(templates) -> dict[str, list[tuple]]:
    """The content of the seeded template database (read only)."""
    return content(templates.template(seeded=True))


def test_the_seed_release_creates_what_the_seed_file_records(cli, seed_content):
    result = cli.ok("ingest", str(SEED_RELEASE), "--yes")
    assert result.stderr.splitlines()[-1] == (
        "Added as import batch 1 (new rows per table): campaigns 2, organizations 10, "
        "people 10, events 1, event campaigns 2, campaign partners 6, affiliations 10, "
        "event sectors 6, attendances 8, statements 12, contact points 2. "
        "Undo with: stakeholders import undo 1")
    assert content(cli.url) == seed_content


def test_on_the_seeded_database_everything_matches_and_nothing_is_added(seeded_cli, db_dump):
    before = db_dump(seeded_cli.url)
    out = contract(seeded_cli.ok("ingest", str(SEED_RELEASE), "--format", "json").stdout)
    assert all(o["match_id"] is not None for o in out["organizations"])
    assert all(p["match_id"] is not None for p in out["people"])
    result = seeded_cli.ok("ingest", str(SEED_RELEASE), "--yes")
    assert result.stderr.splitlines()[-1] == \
        "Nothing new: every record is already in the database."
    assert " new " not in result.stdout
    assert db_dump(seeded_cli.url) == before


def test_yes_writing_nothing_for_what_it_left_out_does_not_say_all_is_recorded(cli, db_dump):
    """A release without a date nor anyone named: its event is left out."""
    before = db_dump(cli.url)
    result = cli.ok("ingest", "-", "--yes", input="The workshop went well.\n")
    assert "not written:" in result.stdout
    assert result.stderr.splitlines()[-1] == (
        "Nothing was written: 1 record left out (the review says why) and nothing else is new.")
    assert db_dump(cli.url) == before


def test_ingesting_twice_adds_nothing_the_second_time(cli, db_dump):
    cli.ok("ingest", str(SEED_RELEASE), "--yes")
    after_first = db_dump(cli.url)
    cli.ok("ingest", str(SEED_RELEASE), "--yes")
    assert db_dump(cli.url) == after_first


@pytest.mark.parametrize("flags", [["--dry-run"], []], ids=["dry-run", "no flag"])
def test_without_yes_nothing_is_written(cli, db_dump, flags):
    before = db_dump(cli.url)
    result = cli.ok("ingest", str(SEED_RELEASE), *flags)
    assert result.stderr.splitlines()[-1] == \
        "Dry run: nothing was written; run again with --yes to write the new records."
    assert db_dump(cli.url) == before


def test_a_dry_run_with_nothing_new_does_not_ask_for_yes(seeded_cli):
    """Everything in the seed release is recorded: --yes would write nothing."""
    result = seeded_cli.ok("ingest", str(SEED_RELEASE))
    assert " new " not in result.stdout
    assert result.stderr.splitlines()[-1] == \
        "Dry run: nothing was written, and --yes would add nothing new."


def test_a_quote_punctuated_otherwise_is_the_statement_recorded(seeded_cli):
    """An edited version of the release, one quote ending in "!" and another with a comma
    added, quotes the same words: re-ingesting it adds no second statement."""
    text = SEED_RELEASE.read_text(encoding="utf-8")
    edited = (text.replace('prosecution."', 'prosecution!"')
              .replace("slavery and strongly", "slavery, and strongly"))
    assert edited.count('prosecution!"') == 1 and "slavery, and" in edited
    result = seeded_cli.ok("ingest", "-", input=edited)
    assert " new " not in result.stdout
    assert result.stderr.splitlines()[-1] == \
        "Dry run: nothing was written, and --yes would add nothing new."


def test_standard_input(cli, seed_content):
    cli.ok("ingest", "-", "--yes", input=SEED_RELEASE.read_text(encoding="utf-8"))
    assert content(cli.url) == seed_content


def test_a_file_name_that_is_not_utf8_names_the_batch_as_text(cli, tmp_path):
    """A release saved on another system may have a name of Latin-1 bytes."""
    import os
    import shutil

    path = tmp_path / os.fsdecode(b"Pressemitteilung M\xfcnchen.txt")
    shutil.copyfile(SEED_RELEASE, path)
    cli.ok("ingest", str(path), "--yes")
    [batch] = json.loads(cli.ok("import", "list", "--format", "json").stdout)
    assert batch["source"] == "ingest Pressemitteilung München.txt"


# -- undo -------------------------------------------------------------------------------------


def test_undo_takes_an_ingestion_back_exactly(seeded_cli):
    """The release matches UNODC and adds the rest; undo removes only what it added."""
    db_dump = data  # apart from the audit trail, which records ingestion and undo
    before = db_dump(seeded_cli.url)
    seeded_cli.ok("ingest", str(FIXTURES / "child-protection-karachi-2021.txt"), "--yes")
    listed = seeded_cli.ok("import", "list", "--format", "json").stdout
    [batch] = json.loads(listed)
    assert (batch["source"], batch["created"]) == \
        ("ingest child-protection-karachi-2021.txt", 38)
    result = seeded_cli.ok("import", "undo", str(batch["batch"]))
    assert result.stderr.strip() == (
        "Undid batch 1: deleted 7 organizations, 6 people, 6 affiliations, 1 campaign, "
        "2 campaign partnerships, 1 event, 1 event-campaign link, 6 sectors present, "
        "4 attendances, 4 statements; restored nothing")
    assert db_dump(seeded_cli.url) == before


def test_undo_of_a_whole_release_into_an_empty_database(cli):
    db_dump = data  # apart from the audit trail, which records ingestion and undo
    before = db_dump(cli.url)
    cli.ok("ingest", "-", "--yes", input=SEED_RELEASE.read_text(encoding="utf-8"))
    cli.ok("import", "undo", "1")
    assert db_dump(cli.url) == before


def test_undo_refuses_when_later_work_hangs_on_the_ingested_event(cli, db_dump):
    cli.ok("ingest", str(SEED_RELEASE), "--yes")
    cli.ok("ingest", str(FIXTURES / "child-protection-karachi-2021.txt"), "--event",
           SEED_EVENT, "--yes")
    before = db_dump(cli.url)
    result = cli("import", "undo", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: import batch 1: ")
    assert "undoing would lose" in result.stderr
    assert db_dump(cli.url) == before
    cli.ok("import", "undo", "2")
    cli.ok("import", "undo", "1")
    assert all(not rows for rows in content(cli.url).values())


# -- the review -------------------------------------------------------------------------------


def test_the_review_table_shows_matches_sources_and_warnings(seeded_cli):
    result = seeded_cli.ok("ingest", str(SEED_RELEASE))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kind", "record", "match", "confidence", "source"]
    unodc = next(line for line in lines if line.startswith("organization")
                 and "United Nations Office on Drugs" in line)
    assert "#1 " in unodc and "GLO.ACT is a four-y…" in unodc
    assert unodc.endswith("…")  # the sentence is cut to one line in the table
    assert "Warning: missing space after a small word: read 'theAmbassador' as " \
        "'the Ambassador'" in result.stderr


def test_json_is_the_extraction_contract_with_match_ids(cli):
    out = contract(cli.ok("ingest", str(SEED_RELEASE), "--format", "json").stdout)
    assert list(out) == ["event", "campaigns", "partners", "organizations", "people",
                         "attendances", "statements", "sectors_present", "contacts", "warnings"]
    assert set(out["event"]) >= {"name", "kind", "date", "city", "country", "source",
                                 "confidence"}
    assert set(out["people"][0]) >= {"name", "honorific", "title", "position", "organization",
                                     "match_id", "source", "confidence"}
    assert set(out["attendances"][0]) >= {"person", "role", "status", "on_behalf_of",
                                          "speaking_order"}
    assert all(p["match_id"] is None for p in out["people"] + out["organizations"])
    represented = next(a for a in out["attendances"] if a["on_behalf_of"])
    assert (represented["person"], represented["on_behalf_of"]) == \
        ("Nicole Guihot", "Margaret Adamson")


def test_a_misspelled_name_is_reported_not_invented(cli, db_dump):
    garbled = SEED_RELEASE.read_text(encoding="utf-8").replace("Ms. Sarah Coleman",
                                                              "Ms. SarahColeman")
    result = cli.ok("ingest", "-", "--yes", input=garbled)
    assert "Warning: the name 'Ms. SarahColeman' looks garbled" in result.stderr
    assert "Records marked 'low confidence' are written only with --include-low-confidence." \
        in result.stderr
    lines = result.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("person")
               and "SarahColeman" in line)
    assert "not written: low" in lines[row] and "confidence" in lines[row + 1].split()
    names = [r[2] for r in content(cli.url)["people"]]
    assert "SarahColeman" not in names and "Sarah Coleman" not in names and len(names) == 9



def test_low_confidence_records_are_reviewed_then_written_with_yes(cli, db_dump):
    """Without --yes, --include-low-confidence shows what it would write (the garbled name as
    new) and writes nothing; the command it says to run again is the one that writes it."""
    garbled = SEED_RELEASE.read_text(encoding="utf-8").replace("Ms. Sarah Coleman",
                                                              "Ms. SarahColeman")
    before = db_dump(cli.url)
    result = cli.ok("ingest", "-", "--include-low-confidence", input=garbled)
    row = next(line for line in result.stdout.splitlines() if line.startswith("person")
               and "SarahColeman" in line)
    assert "not written" not in row and " new " in row
    assert result.stderr.splitlines()[-1] == ("Dry run: nothing was written; run again with "
                                              "--yes --include-low-confidence to write the new "
                                              "records.")
    assert db_dump(cli.url) == before
    cli.ok("ingest", "-", "--yes", "--include-low-confidence", input=garbled)
    assert any("SarahColeman" in r[2] for r in content(cli.url)["people"])


# -- choosing the event -----------------------------------------------------------------------


def test_event_option_attaches_to_an_existing_event(seeded_cli):
    release = FIXTURES / "child-protection-karachi-2021.txt"
    result = seeded_cli.ok("ingest", str(release), "--event", SEED_EVENT, "--yes")
    # Its speakers are numbered from 1 as the release tells it: where the launch already
    # has someone at that place, the write goes through with a warning.
    assert result.stderr.endswith(
        "Warning: Cesar Guedes and Kashif Ali Baloch share speaking order 1 at GLO.ACT launch, "
        "Islamabad\n"
        "Warning: Muhammad Shifaque and Sana Mirza share speaking order 2 at GLO.ACT launch, "
        "Islamabad\n"
        "Warning: David Hale and Farah Naz share speaking order 4 at GLO.ACT launch, "
        "Islamabad\n")
    rows = content(seeded_cli.url)
    assert [r[0] for r in rows["events"]] == [SEED_EVENT]
    assert ("Imran Qureshi", "Dawn News", "moderator", "attended", "None", "None") in \
        rows["attendances"]


def test_new_event_forces_a_new_one(seeded_cli):
    seeded_cli.ok("ingest", str(SEED_RELEASE), "--new-event", "--yes")
    rows = content(seeded_cli.url)
    assert [r[0] for r in rows["events"]] == [SEED_EVENT, SEED_EVENT]
    assert len(rows["people"]) == 10 and len(rows["attendances"]) == 16


# -- bad input --------------------------------------------------------------------------------


def test_an_unknown_event_is_an_error_and_changes_nothing(seeded_cli, db_dump):
    before = db_dump(seeded_cli.url)
    result = seeded_cli("ingest", str(SEED_RELEASE), "--event", "Nowhere launch", "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no event matches 'Nowhere launch'")
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert db_dump(seeded_cli.url) == before


@pytest.mark.parametrize("flags", [["--dry-run", "--yes"], ["--event", "1", "--new-event"]],
                         ids=["dry-run and yes", "event and new-event"])
def test_contradictory_options_are_usage_errors(seeded_cli, db_dump, flags):
    before = db_dump(seeded_cli.url)
    result = seeded_cli("ingest", str(SEED_RELEASE), *flags)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert db_dump(seeded_cli.url) == before


@pytest.mark.parametrize(("flags", "message", "code"), [
    (["--event", ""], "Invalid value for '--event': it is empty; give an id or a name "
     "(see 'stakeholders ingest --help')", 2),
    (["--campaign", ""], "Invalid value for '--campaign': it is empty; give an id or a name "
     "(see 'stakeholders ingest --help')", 2),
    (["--region", ""], "Invalid value for '--region': it is empty; give a country code such "
     "as PK (see 'stakeholders ingest --help')", 2),
], ids=["event", "campaign", "region"])
def test_an_empty_option_is_refused_not_taken_for_none(cli, flags, message, code):
    """`--event "$EV"` with EV unset would write a new event instead of using the one meant."""
    refused(cli, "ingest", str(FIXTURES / "child-protection-karachi-2021.txt"), "--yes", *flags,
            message=message, code=code)


def test_a_binary_file_is_refused_not_read_as_a_release(cli, tmp_path):
    """A .docx or a PDF given by mistake: read as text it proposed an event named 'Other'."""
    import zipfile

    path = tmp_path / "release.docx"
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr("word/document.xml", SEED_RELEASE.read_text(encoding="utf-8"))
    refused(cli, "ingest", str(path), message="release.docx is not plain text (it holds a NUL "
            "byte); save the release as text (.txt) and ingest that")


def test_a_missing_file_is_a_usage_error(cli, tmp_path):
    result = cli("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "nope.txt" in result.stderr


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_a_release_saved_by_windows_tools_is_read(cli, tmp_path, encoding):
    release = tmp_path / "release.txt"
    release.write_bytes('Paris, France, 1 May 2020 - Mr. René Dupont said: "Bonjour."\n'
                        .encode(encoding))
    result = cli.ok("ingest", str(release), "--format", "json")
    assert [p["name"] for p in json.loads(result.stdout)["people"]] == ["René Dupont"]


def test_an_empty_release_is_an_error(cli):
    result = cli("ingest", "-", input="  \n")
    assert (result.exit_code, result.stderr) == (1, "Error: the press release is empty\n")


def test_campaign_option_links_the_event_to_an_existing_campaign(seeded_cli):
    release = FIXTURES / "child-protection-karachi-2021.txt"
    seeded_cli.ok("ingest", str(release), "--campaign", "GLO.ACT", "--yes")
    links = content(seeded_cli.url)["event campaigns"]
    new_event = [r for r in links if r[0] != SEED_EVENT]
    assert new_event and any(r[1].startswith("Global Action") for r in new_event)


def test_campaign_option_given_twice_is_a_usage_error(seeded_cli, db_dump):
    """One campaign is linked: given twice, the first was dropped unsaid."""
    seeded_cli.ok("campaign", "add", "Blue Heart")
    before = db_dump(seeded_cli.url)
    result = seeded_cli("ingest", str(FIXTURES / "child-protection-karachi-2021.txt"),
                        "--campaign", "GLO.ACT", "--campaign", "Blue Heart", "--yes")
    assert result.exit_code == 2
    assert "--campaign: given 2 times ('GLO.ACT', 'Blue Heart'); give it once" in result.stderr
    assert db_dump(seeded_cli.url) == before


NO_COUNTRY = """Karachi - The Safe Schools Campaign (SSC) was launched on 2 March 2024 in Karachi.

Ms. Amina Shah, Director at Save the Children, said: "Every child counts."
"""


def test_region_gives_the_country_the_dateline_lacks(cli):
    assert contract(cli.ok("ingest", "-", "--format", "json",
                           input=NO_COUNTRY).stdout)["event"]["country"] is None
    cli.ok("ingest", "-", "--region", "pk", "--yes", input=NO_COUNTRY)
    assert content(cli.url)["events"] == [("SSC launch", "launch", "2024-03-02", "None", "PK")]


def test_an_unknown_region_is_an_error_and_changes_nothing(cli, db_dump):
    before = db_dump(cli.url)
    result = cli("ingest", "-", "--region", "xx", "--yes", input=NO_COUNTRY)
    assert (result.exit_code, result.stderr) == (
        1, "Error: unknown country 'xx'; give an ISO 3166 code such as PK or GB\n")
    assert db_dump(cli.url) == before


# -- releases written in other ways -----------------------------------------------------------


def ingested(cli, tmp_path, release: str) -> dict[str, list[tuple]]:
    """What a release, saved as a file and ingested with --yes, leaves in the database."""
    path = tmp_path / "release.txt"
    path.write_text(release, encoding="utf-8")
    cli.ok("ingest", str(path), "--yes")
    return content(cli.url)

COLOMBO = """Colombo, Sri Lanka, 5 June 2023 - The Blue Heart Campaign against Human Trafficking was \
launched today in Colombo by the Ministry of Defence and the United Nations Office on Drugs and \
Crime (UNODC), with the financial support of the Government of Japan.

Dr. Ahmed bin Rashid Al-Mansoori, Head of the Regional Office of the International Organization \
for Migration (IOM), delivered a presentation on safe migration.

Representatives of the Human Rights Commission of Sri Lanka, Women in Need and the Colombo \
University Law Faculty also attended.
"""

ACCRA = """Accra, Ghana, 12 March 2024 - The Safe Harvest Initiative (SHI), funded by the \
Government of the Netherlands and implemented in partnership with the International Labour \
Organization (ILO) and Plan International, was launched in Accra on 11 March 2024.

Mr. Jean-Luc Ndiaye, Country Director of Plan International, said: "Nothing about children \
without children."
"""


ACCRA_REVIEW = """\
kind          record                                        match  confidence  source
------------  --------------------------------------------  -----  ----------  --------------------
event         SHI launch, Accra, 2024-03-11                 new    0.90        The Safe Harvest In…
campaign      Safe Harvest Initiative (SHI)                 new    0.90        The Safe Harvest In…
organization  International Labour Organization (ILO)       new    0.90        The Safe Harvest In…
organization  Government of the Netherlands                 new    0.90        The Safe Harvest In…
organization  Plan International                            #1     0.90        The Safe Harvest In…
person        Mr. Jean-Luc Ndiaye, Country Director, Plan   new    0.90        Mr. Jean-Luc Ndiaye…
              International
partner       Government of the Netherlands: funder of SHI  new    0.90        The Safe Harvest In…
partner       International Labour Organization:            new    0.90        The Safe Harvest In…
              implementing-partner of SHI
partner       Plan International: implementing-partner of   new    0.90        The Safe Harvest In…
              SHI
affiliation   Jean-Luc Ndiaye: Country Director, Plan       new    0.90        Mr. Jean-Luc Ndiaye…
              International
attendance    Jean-Luc Ndiaye: speaker #1                   new    0.90        Mr. Jean-Luc Ndiaye…
statement     Jean-Luc Ndiaye: Nothing about children       new    0.90        Mr. Jean-Luc Ndiaye…
              without children.
"""


def test_the_review_table_fits_a_terminal_the_json_keeps_each_sentence(cli, tmp_path):
    """At most 100 characters wide (what a terminal shows; a narrower one gets a narrower
    table): records wrap between words, each sentence is cut to one line; --format json has
    the sentences whole."""
    cli.ok("org", "add", "Plan International")
    path = tmp_path / "release.txt"
    path.write_text(ACCRA, encoding="utf-8")
    result = cli.ok("ingest", str(path))
    assert result.stdout == ACCRA_REVIEW
    out = contract(cli.ok("ingest", str(path), "--format", "json").stdout)
    assert out["event"]["source"] == " ".join(ACCRA.split("\n\n")[0].split()[6:])
    seed = cli.ok("ingest", str(SEED_RELEASE)).stdout.splitlines()
    assert max(map(len, seed)) == 100


def test_a_campaign_named_before_its_launch_verb_gets_its_funder(cli, tmp_path):
    """'The Blue Heart Campaign … was launched … by the Ministry …, with the support of …':
    the campaign is the name before the verb, not the whole clause."""
    found = ingested(cli, tmp_path, COLOMBO)
    assert found["campaigns"] == [("Blue Heart Campaign against Human Trafficking", "None")]
    assert found["partners"] == [
        ("Blue Heart Campaign against Human Trafficking", "Government of Japan", "funder")]
    assert found["events"][0][0] == "Blue Heart Campaign against Human Trafficking launch, Colombo"


def test_a_post_in_an_office_of_a_known_organization_is_held_at_that_organization(cli, tmp_path):
    found = ingested(cli, tmp_path, COLOMBO)
    assert ("Ahmed bin Rashid Al-Mansoori", "International Organization for Migration",
            "Head of the Regional Office") in [a[:3] for a in found["affiliations"]]
    names = [name for name, _ in found["organizations"]]
    assert "Colombo University Law Faculty" in names  # not joined to 'Women in Need'
    assert not [n for n in names if "Regional Office" in n or " and the " in n]


def test_an_organization_named_international_is_a_partner(cli, tmp_path):
    found = ingested(cli, tmp_path, ACCRA)
    assert ("Plan International", "ngo") in found["organizations"]
    assert ("Safe Harvest Initiative", "Plan International", "implementing-partner") \
        in found["partners"]
    assert ("Jean-Luc Ndiaye", "Plan International", "Country Director") \
        in [a[:3] for a in found["affiliations"]]


TUNIS = """TUNIS, Tunisia, 3 October 2022 – The “STOP Smuggling” Campaign, an initiative of the \
European Union (EU) implemented by the United Nations Office on Drugs and Crime (UNODC), was \
launched on 2 October 2022.

Ambassador Marcus Cornaro, Head of the Delegation of the European Union to Tunisia, was \
represented by Ms. Ingrid Schulz, Head of Cooperation. Ms. Schulz said: “The EU stands ready \
to support Tunisia.”
"""


def test_a_quoted_campaign_name_is_read_whole_and_keeps_its_words(cli, tmp_path):
    """'The “STOP Smuggling” Campaign': not 'Smuggling” Campaign', and 'STOP' used alone is a
    word of the name, not its acronym."""
    found = ingested(cli, tmp_path, TUNIS + "\nSTOP smuggling now.\n")
    assert found["campaigns"] == [("STOP Smuggling Campaign", "None")]
    assert found["events"][0][0] == "STOP Smuggling Campaign launch, Tunis"


def test_ambassador_before_a_name_is_an_honorific_and_can_be_represented(cli, tmp_path):
    release = tmp_path / "tunis.txt"
    release.write_text(TUNIS, encoding="utf-8")
    out = contract(cli.ok("ingest", str(release), "--format", "json").stdout)
    cornaro = next(p for p in out["people"] if p["name"] == "Marcus Cornaro")
    assert cornaro["honorific"] == "Amb."
    assert [(a["person"], a["on_behalf_of"]) for a in out["attendances"]] == [
        ("Ingrid Schulz", "Marcus Cornaro")]
    cli.ok("ingest", str(release), "--yes")
    found = content(cli.url)
    assert ("Amb.", "None", "Marcus Cornaro") in found["people"]
    assert [a[0] for a in found["attendances"]] == ["Ingrid Schulz"]
    assert found["attendances"][0][4] == "Marcus Cornaro"


KARACHI = """Karachi, Pakistan, 8 February 2024 - The Safe Migration Campaign was launched today \
at the Karachi Press Club.

Mr. Tariq Mehmood, Joint Secretary, delivered remarks on behalf of H.E. Ms. Sabeen Qureshi, \
Federal Minister for Overseas Pakistanis and Human Resource Development.
"""


def test_remarks_delivered_on_behalf_of_someone_are_a_representation(cli, tmp_path):
    found = ingested(cli, tmp_path, KARACHI)
    assert [(a[0], a[2], a[4]) for a in found["attendances"]] == [
        ("Tariq Mehmood", "speaker", "Sabeen Qureshi")]  # she did not attend


def test_a_campaign_launched_without_partners_is_still_a_campaign(cli, tmp_path):
    found = ingested(cli, tmp_path, KARACHI)
    assert found["campaigns"] == [("Safe Migration Campaign", "None")]
    assert found["event campaigns"] == [
        ("Safe Migration Campaign launch, Karachi", "Safe Migration Campaign")]


def test_a_name_in_capitals_is_read_and_reported(cli, tmp_path):
    """'MS. NADIA HUSSAIN, Programme Manager …, noted' was left out without a word."""
    release = ("Lahore, Pakistan, 4 April 2024 - The Clean Air Campaign (CAC), funded by the "
               "Asian Development Bank (ADB), was launched on 3 April 2024.\n\n"
               "MS. NADIA HUSSAIN, Programme Manager at ADB, noted that \"the campaign will "
               "reach ten million people\".\n")
    path = tmp_path / "lahore.txt"
    path.write_text(release, encoding="utf-8")
    result = cli.ok("ingest", str(path), "--yes")
    assert "Warning: a name in capitals: read 'MS. NADIA HUSSAIN' as 'Ms. Nadia Hussain'" \
        in result.stderr
    found = content(cli.url)
    assert ("None", "Ms.", "Nadia Hussain") in found["people"]
    assert [s[:3] for s in found["statements"]] == [
        ("Nadia Hussain", "verbatim", "the campaign will reach ten million people")]


def test_a_speaker_named_only_by_post_with_an_adverb_is_shown_not_written(cli):
    release = ("Colombo, Sri Lanka, 5 June 2023 - The Blue Heart Campaign was launched today.\n\n"
               "The Inspector General of Police also addressed the gathering.\n")
    out = contract(cli.ok("ingest", "-", "--format", "json", input=release).stdout)
    assert [(p["name"], p["position"]) for p in out["people"]] == [
        (None, "Inspector General of Police")]
    assert [(a["person"], a["role"]) for a in out["attendances"]] == [
        ("the Inspector General of Police", "speaker")]
    review = cli.ok("ingest", "-", "--yes", input=release)
    assert "not written" in review.stdout
    assert content(cli.url)["people"] == []


def test_a_release_does_not_bring_back_a_person_whose_email_is_listed(cli):
    """Shahida Gilani, the release's contact, was forgotten: she is not written again, nor her
    post and address; the review does not show the address and counts her."""
    cli.ok("person", "add", "Shahida Gilani", "--email", "Shahida.gillani@unodc.org")
    cli.ok("person", "forget", "Shahida Gilani", "--yes")
    result = cli.ok("ingest", str(SEED_RELEASE), "--yes")
    assert "gillani@" not in result.stdout + result.stderr
    assert result.stderr.endswith(
        "Not written, as their email address is on the suppression list: 1 person (nor what "
        "hangs on them).\n")
    assert "people 9," in result.stderr and "contact points 1." in result.stderr  # @glo_act
    held = json.dumps(data(cli.url), default=str).lower()
    assert "shahida" not in held and "gillani" not in held
    assert "Muhammad Shifaque" in cli.ok("person", "list").stdout


def test_the_listed_persons_contact_points_are_shown_in_no_format(cli):
    """The table hid a listed person's address but called her phone an address too; JSON
    printed both, and the sentences giving them."""
    cli.ok("person", "add", "Ayesha Malik", "--email", "ayesha.malik@un.org")
    cli.ok("person", "forget", "Ayesha Malik", "--yes")
    release = ("ISLAMABAD, 20 July 2017 - UNODC launched a campaign.\n\n"
               "For more information: Ms. Ayesha Malik, +92 51 260 1461, ayesha.malik@un.org\n")
    for fmt in ("table", "csv", "json"):
        shown = cli.ok("ingest", "-", "--format", fmt, input=release).stdout
        assert "malik@" not in shown and "260 1461" not in shown, fmt
    rows = cli.ok("ingest", "-", "--format", "csv", input=release).stdout
    assert rows.count("Ayesha Malik: (not shown: their address is on the suppression list)") == 2


def test_a_release_matches_someone_on_record_who_holds_a_listed_address(cli):
    cli.ok("person", "add", "Shahida Gilani", "--email", "Shahida.gillani@unodc.org",
           "--no-email")
    cli.ok("person", "add", "Programme Desk", "--email", "shahida.gillani@unodc.org")
    cli.ok("person", "remove", "Shahida Gilani", "--yes")
    result = cli.ok("ingest", str(SEED_RELEASE), "--yes")
    assert "suppression list" not in result.stderr


NAIROBI_SIGNING = """Nairobi, Kenya, 14 March 2018 - The agreement was signed by H.E. Mr. Jan \
Olsson, Ambassador of Sweden to Kenya, and Ms. Amina Otieno, Principal Secretary, in Nairobi on \
13 March 2018.

The earlier memorandum, signed by Mr. Peter Kamau in 2015, is still in force.
"""


def test_signatories_attended_the_signing(cli, tmp_path):
    found = ingested(cli, tmp_path, NAIROBI_SIGNING)
    assert [a[0] + ":" + a[2] + ":" + a[3] for a in found["attendances"]] == [
        "Amina Otieno:attendee:attended", "Jan Olsson:attendee:attended"]


def test_csv_carries_every_sentence_whole(seeded_cli):
    """As every CSV does: the table cuts a sentence to fit, a file for a spreadsheet does not."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(seeded_cli.ok("ingest", str(SEED_RELEASE),
                                                         "--format", "csv").stdout)))
    assert list(rows[0]) == ["kind", "record", "match", "confidence", "source"]
    assert max(len(r["source"]) for r in rows) > 100
    assert not [r["source"] for r in rows if r["source"].endswith("…")]


def test_a_post_written_with_or_without_its_organization_is_the_post_held(seeded_cli, tmp_path):
    """The seed holds Ms. Sarah Coleman as 'UNICEF Chief of Child Protection' at UNICEF: a
    release calling her 'Chief of Child Protection at UNICEF' names the post she holds, and
    gives her no second one."""
    path = tmp_path / "release.txt"
    path.write_text(
        "Workshop on child protection\n\nLahore, Pakistan, 5 October 2022 - A workshop on "
        "child protection was held in Lahore on 4 October 2022.\n\nMs. Sarah Coleman, Chief "
        "of Child Protection at UNICEF, said: \"Every child counts.\"\n", encoding="utf-8")
    seeded_cli.ok("ingest", str(path), "--yes")
    held = [a[1:3] for a in content(seeded_cli.url)["affiliations"] if a[0] == "Sarah Coleman"]
    assert held == [("United Nations Children's Fund", "UNICEF Chief of Child Protection")]


def test_an_organization_without_a_post_is_the_post_held_there(seeded_cli, tmp_path):
    """'Ms. Nicole Guihot of the Australian High Commission' names no post: she holds one
    there already, and is given no second, empty one beside it."""
    path = tmp_path / "release.txt"
    path.write_text(
        "Reception\n\nIslamabad, Pakistan, 5 October 2022 - A workshop was held in Islamabad on "
        "4 October 2022.\n\nMs. Nicole Guihot of the Australian High Commission also "
        "attended.\n", encoding="utf-8")
    result = seeded_cli.ok("ingest", str(path), "--yes")
    assert "attendance" in result.stdout
    held = [a[1:3] for a in content(seeded_cli.url)["affiliations"] if a[0] == "Nicole Guihot"]
    assert held == [("Australian High Commission", "Acting Deputy High Commissioner")]


def test_a_family_name_alone_is_the_one_person_of_the_organization_who_has_it(
        seeded_cli, tmp_path):
    """'Mr. Shifaque' of the Federal Investigation Agency is the seed's Muhammad Shifaque,
    the one person of the agency named so, not a new person."""
    path = tmp_path / "release.txt"
    path.write_text(
        "Dialogue\n\nIslamabad, Pakistan, 10 May 2024 - A dialogue on migrant smuggling was "
        "held in Islamabad on 9 May 2024.\n\nMr. Shifaque, Additional Director General of the "
        "Federal Investigation Agency, said: \"We will act on every case.\"\n",
        encoding="utf-8")
    known = json.loads(seeded_cli.ok("person", "show", "Muhammad Shifaque", "--format",
                                     "json").stdout)["id"]
    out = contract(seeded_cli.ok("ingest", str(path), "--format", "json").stdout)
    assert [p["match_id"] for p in out["people"]] == [known]


# -- what a release adds to records already there ----------------------------------------------

FIA_RELEASE = (
    "Islamabad, Pakistan, 5 March 2024 - UNODC and the Federal Investigation Agency (FIA) "
    "launched a national helpline against human trafficking in Islamabad on 4 March 2024.\n\n"
    'Mr. Jeremy Milsom, UNODC Representative for Pakistan, said: "The helpline gives victims '
    'a voice."\n')


def test_an_acronym_the_release_defines_is_given_to_the_organization_without_one(cli):
    cli.ok("org", "add", "Federal Investigation Agency")
    review = cli.ok("ingest", "-", input=FIA_RELEASE).stdout
    assert any(line.split()[:1] == ["acronym"] and "FIA" in line and " new " in line
               for line in review.splitlines())
    result = cli.ok("ingest", "-", "--yes", input=FIA_RELEASE)
    assert result.stderr.splitlines()[-1].endswith(
        "; acronym given to 1 existing record. Undo with: stakeholders import undo 1")
    assert json.loads(cli.ok("org", "show", "FIA", "--format", "json").stdout)["id"] == 1
    again = cli.ok("ingest", "-", "--yes", input=FIA_RELEASE)
    assert again.stderr.splitlines()[-1] == \
        "Nothing new: every record is already in the database."
    cli.ok("import", "undo", "1")
    assert json.loads(cli.ok("org", "show", "1", "--format", "json").stdout)["acronym"] is None


def test_an_acronym_another_organization_answers_to_is_not_given(cli, db_dump):
    cli.ok("org", "add", "Federal Investigation Agency")
    cli.ok("org", "add", "Frontier Intelligence Agency", "--acronym", "FIA")
    result = cli.ok("ingest", "-", "--yes", "--format", "csv", input=FIA_RELEASE)
    assert "acronym,Federal Investigation Agency: FIA,not written: 'FIA' is already the " \
        "acronym of #2 Frontier Intelligence Agency," in result.stdout
    assert json.loads(cli.ok("org", "show", "1", "--format", "json").stdout)["acronym"] is None


def test_phone_numbers_in_the_contact_block_are_written(cli):
    """An international number as written; a national one read in the event's country."""
    release = FIA_RELEASE + ("\nFor more information: Ms. Ayesha Malik, +92 51 260 1461, "
                             "ayesha.malik@un.org\nTel: 051-9250000\n")
    review = cli.ok("ingest", "-", "--format", "csv", input=release).stdout
    assert "contact,Ayesha Malik: +92 51 260 1461,new," in review
    cli.ok("ingest", "-", "--yes", input=release)
    points = json.loads(cli.ok("person", "show", "Ayesha Malik", "--format", "json")
                        .stdout)["contact_points"]
    assert [(p["kind"], p["value"]) for p in points] == [
        ("email", "ayesha.malik@un.org"), ("phone", "+92512601461"), ("phone", "+92519250000")]
    again = cli.ok("ingest", "-", "--yes", input=release)
    assert again.stderr.splitlines()[-1] == \
        "Nothing new: every record is already in the database."


@pytest.mark.parametrize("recorded, matched", [
    ("Ms. Ayesha Khan", False),  # an office's shared address, recorded for a colleague
    ("Dr. Laura M. Gómez", True)])  # her, written otherwise
def test_a_contact_found_by_an_email_alone_is_that_person_only_by_family_name(
        cli, recorded, matched):
    cli.ok("person", "add", recorded, "--email", "media@unodc.org")
    release = FIA_RELEASE + "\nMedia contact: Ms. Laura Gómez, media@unodc.org\n"
    review = cli.ok("ingest", "-", "--format", "csv", input=release).stdout
    held = ('person,"Ms. Laura Gómez, UNODC","not written: the email address is that of #1 '
            f'{recorded.split(" ", 1)[1]}, named otherwise",')
    assert (held in review) is not matched
    assert ('person,"Ms. Laura Gómez, UNODC",#1,' in review) is matched
    cli.ok("ingest", "-", "--yes", input=release)
    people = json.loads(cli.ok("person", "list", "--format", "json").stdout)
    assert [p["name"] for p in people if p["id"] == 1] == [recorded]
    assert "Ms. Laura Gómez" not in [p["name"] for p in people]


def test_a_national_number_of_an_event_in_no_known_country_is_held(cli):
    release = ("A workshop on witness protection was held on 12 June 2023.\n\n"
               "Media contact: Ms. Amina Yusuf, Tel: 020 762 1234\n")
    review = cli.ok("ingest", "-", "--format", "csv", input=release).stdout
    assert "contact,Amina Yusuf: 020 762 1234,not written: phone number '020 762 1234' has " \
        "no country code" in review
    kenya = cli.ok("ingest", "-", "--format", "csv", "--region", "KE", input=release).stdout
    assert "contact,Amina Yusuf: 020 762 1234,new," in kenya


NAIROBI_RELEASE = (
    "Nairobi, Kenya, 12 June 2023 - A workshop on witness protection opened in Nairobi on "
    "12 June 2023.\n\n"
    'Ms. Amina Yusuf, Programme Officer, said: "Witnesses must be safe."\n\n'
    "The Inspector General of Police said the police would support the programme.\n")


def test_a_post_named_at_no_organization_is_shown_as_not_written(cli):
    """A post is held at an organization: one the release names at none is not dropped
    silently, and someone named only by post is named once."""
    rows = cli.ok("ingest", "-", "--format", "csv", input=NAIROBI_RELEASE).stdout.splitlines()
    assert "affiliation,Amina Yusuf: Programme Officer (no organization),not written: no " \
        "organization named (add it with person affiliate),0.90," in "\n".join(rows)
    assert any(r.startswith("person,the Inspector General of Police,not written") for r in rows)
    cli.ok("ingest", "-", "--yes", input=NAIROBI_RELEASE)
    person = json.loads(cli.ok("person", "show", "Amina Yusuf", "--format", "json").stdout)
    assert person["affiliations"] == []


def test_a_post_named_at_no_organization_that_the_person_holds_is_recorded(seeded_cli):
    release = NAIROBI_RELEASE.replace(
        "Ms. Amina Yusuf, Programme Officer,",
        "Ms. Shahida Gilani, Programme Officer Human Trafficking and Migrant Smuggling,")
    rows = seeded_cli.ok("ingest", "-", "--format", "csv", input=release).stdout
    assert "affiliation,Shahida Gilani: Programme Officer Human Trafficking and Migrant " \
        "Smuggling (no organization),already recorded," in rows


ATTENDED = ("\nRepresentatives of the Ministry of Interior, the National Police Bureau and Save the "
            "Children attended the launch.\n")


def test_organizations_said_to_attend_are_linked_to_the_event_as_sectors_present(cli):
    cli.ok("ingest", "-", "--yes", input=FIA_RELEASE + ATTENDED)
    assert content(cli.url)["sectors"] == [
        ("government", "Ministry of Interior"), ("ngo", "Save the Children"),
        ("police", "National Police Bureau")]


def test_a_sector_the_event_records_already_is_left_as_it_is(seeded_cli):
    """The seed launch has the government present: the ministry adds no second row."""
    seeded_cli.ok("ingest", "-", "--event", SEED_EVENT, "--yes", input=FIA_RELEASE + ATTENDED)
    sectors = dict(content(seeded_cli.url)["sectors"])
    assert sectors["government"] == \
        "senior government representatives from provincial line departments"
    assert sectors["ngo"] == "Save the Children"


def test_letters_after_a_name_are_not_a_garbled_name(cli):
    release = SEED_RELEASE.read_text(encoding="utf-8")
    for letters in ("PhD", "MBA", "OBE", "MD"):
        text = release.replace("Ms. Sarah Coleman", f"Ms. Sarah Coleman {letters}")
        result = cli.ok("ingest", "-", "--format", "json", input=text)
        person = next(p for p in contract(result.stdout)["people"]
                      if p["name"].startswith("Sarah Coleman"))
        assert (person["name"], person["confidence"]) == (f"Sarah Coleman {letters}", 0.9)
        assert "garbled" not in result.stderr and "capitals" not in result.stderr


def proposed(cli, release: str) -> dict:
    """What ingesting a release proposes, as --format json gives it."""
    return contract(cli.ok("ingest", "-", "--format", "json", input=release).stdout)


def test_a_post_heading_a_section_of_an_organization_names_the_organization(cli):
    found = proposed(cli, "Abuja, Nigeria – 3 May 2024 – A dialogue on migration was held in "
                     "Abuja on 2 May 2024.\n\nMs. Sarah Coleman, Head of Cooperation of the EU "
                     "Delegation to Nigeria, said that the dialogue would continue.\n")
    person = next(p for p in found["people"] if p["name"] == "Sarah Coleman")
    assert (person["position"], person["organization"]) == \
        ("Head of Cooperation of the EU Delegation to Nigeria", "EU Delegation")
    assert not any("Cooperation" in o["name"] for o in found["organizations"])


@pytest.mark.parametrize("rank", ["Pol. Col.", "Pol. Lt. Gen.", "Brig. Gen.", "Lt. Col.",
                                  "Maj. Gen."])
def test_a_rank_of_several_words_is_kept_whole(cli, rank):
    found = proposed(cli, "Bangkok, Thailand – 5 March 2024 – A training on trafficking "
                     f"investigations was held in Bangkok on 4 March 2024.\n\n{rank} Somsak "
                     "Chaiyaphum, Deputy Commander of the Anti-Human Trafficking Division, said "
                     "that investigators need better tools.\n")
    person = next(p for p in found["people"] if p["name"] == "Somsak Chaiyaphum")
    assert person["honorific"] == rank


def test_a_remark_after_a_number_in_the_contact_block_is_kept_as_its_label(cli):
    release = ("Mexico City, Mexico – 3 May 2024 – A workshop on migrant smuggling was held in "
               "Mexico City on 2 May 2024.\n\nFor more information, please contact:\n"
               "Ms. Maria Lopez, Programme Officer, UNODC\nTel: +52 55 5263 9600 ext. 12\n"
               "Mobile: +52 55 1234 5678 (WhatsApp)\n")
    phones = [c["phone"] for c in proposed(cli, release)["contacts"] if c["phone"]]
    assert phones == ["+52 55 5263 9600 ext. 12", "+52 55 1234 5678 (WhatsApp)"]
    cli.ok("ingest", "-", "--yes", input=release)
    engine = create_engine(cli.url)
    try:
        with engine.connect() as conn:
            rows = sorted(conn.execute(text(
                "SELECT value, label FROM contact_points WHERE kind = 'phone'")).all())
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [("+525512345678", "WhatsApp"),
                                         ("+525552639600", "ext. 12")]


def test_groups_attending_together_with_others_are_sectors_present(cli):
    release = ("Bangkok, Thailand – 5 March 2024 – A meeting on trafficking was held in Bangkok "
               "on 4 March 2024.\n\nRepresentatives of the Ministry of Labour attended, together "
               "with journalists and civil society representatives.\n")
    present = {s["sector"]: s["description"] for s in proposed(cli, release)["sectors_present"]}
    assert present == {"government": "Ministry of Labour", "media": "journalists",
                       "civil-society": "civil society representatives"}


@pytest.mark.parametrize("quoted", ["'Not for Sale'", "“Not for Sale”", '"Not for Sale"'])
def test_a_campaign_named_in_quotation_marks_is_read(cli, quoted):
    release = ("Bangkok, Thailand – 5 March 2024 – The Royal Thai Police held a meeting in "
               f"Bangkok on 4 March 2024 as part of the {quoted} campaign.\n")
    found = proposed(cli, release)
    assert [c["name"] for c in found["campaigns"]] == ["Not for Sale"]
    assert found["statements"] == []


def test_a_mission_named_two_ways_and_an_office_named_by_its_country_are_one_organization(cli):
    release = ("Bangkok, Thailand – 5 March 2024 – A training on trafficking investigations was "
               "held in Bangkok on 4 March 2024 with funding from the Australian Embassy in "
               "Bangkok.\n\nMr. John Brown, Counsellor of the Embassy of Australia, stressed "
               "that victims must come first.\n\nRepresentatives of UNODC also attended.\n\n"
               "For more information, please contact:\nMs. Maria Lopez, Programme Officer, "
               "UNODC Mexico\nEmail: maria.lopez@un.org\n")
    found = proposed(cli, release)
    assert [o["name"] for o in found["organizations"]] == ["Australian Embassy", "UNODC"]
    assert {p["name"]: p["organization"] for p in found["people"]} == \
        {"John Brown": "Australian Embassy", "Maria Lopez": "UNODC"}


def test_a_release_fills_in_the_attendances_a_sign_in_sheet_recorded(cli, tmp_path):
    """The usual order of work: the sign-in sheet first, the press release after. The
    speakers the sheet recorded as attendees stayed attendees, without a speaking order or
    whom they came for, and the review called them 'already recorded'. What the record leaves
    open is filled in, said in the review and in the summary, and undone with the batch."""
    cli.ok("event", "add", SEED_EVENT, "--date", "2017-07-19", "--kind", "launch",
           "--city", "Islamabad", "--country", "PK")
    sheet = tmp_path / "signin.csv"
    sheet.write_text("Name,Organization,Email\n"
                     "Mr. Cesar Guedes,UNODC,cesar.guedes@unodc.org\n"
                     "Ms. Nicole Guihot,Australian High Commission,nicole.guihot@dfat.gov.au\n",
                     encoding="utf-8")
    cli.ok("import", "contacts", str(sheet), "--event", "1")
    before = content(cli.url)["attendances"]
    table = cli.ok("ingest", str(SEED_RELEASE), "--event", "1", "--format", "csv").stdout
    assert '"Cesar Guedes: speaker #1 (filling role, speaking order)",new' in table
    assert ("Nicole Guihot: speaker #3 on behalf of Margaret Adamson (filling role, speaking "
            "order, on behalf of)\",new") in table
    written = cli.ok("ingest", str(SEED_RELEASE), "--event", "1", "--yes").stderr
    assert "; filled in 2 recorded attendances. Undo with: stakeholders import undo 2" in written
    attendances = {r[0]: r[2:] for r in content(cli.url)["attendances"]}
    assert attendances["Cesar Guedes"] == ("speaker", "attended", "None", "1")
    assert attendances["Nicole Guihot"] == ("speaker", "attended", "Margaret Adamson", "3")
    assert cli.ok("ingest", str(SEED_RELEASE), "--event", "1", "--yes").stderr.endswith(
        "Nothing new: every record is already in the database.\n")
    cli.ok("import", "undo", "2")
    assert content(cli.url)["attendances"] == before
