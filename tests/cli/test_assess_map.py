"""`assess` and `report map` on the command line."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET


def _assess(cli, *args):
    return cli("assess", *args, "--campaign", "GLO.ACT", env={"STAKEHOLDERS_TODAY":
                                                              "2017-08-01"})


def test_assess_then_map_as_table_json_and_svg(seeded_cli, tmp_path):
    first = _assess(seeded_cli, "Cesar Guedes", "--influence", "5", "--interest", "3",
                    "--stance", "supportive")
    assert (first.exit_code, first.stdout, first.stderr) == (0, "1\n",
                                                             "Recorded assessment #1\n")
    assert _assess(seeded_cli, "--org", "FIA", "--influence", "2", "--interest", "2",
                   "--note", "later").exit_code == 0
    rows = json.loads(seeded_cli.ok("report", "map", "--campaign", "GLO.ACT",
                                    "-f", "json").stdout)
    assert [(r["quadrant"], r["name"], r["assessed_on"]) for r in rows] == [
        ("manage closely", "Cesar Guedes", "2017-08-01"),
        ("monitor", "Federal Investigation Agency", "2017-08-01")]
    table = seeded_cli.ok("report", "map", "--campaign", "GLO.ACT").stdout
    lines = table.splitlines()
    assert lines[2].startswith("manage closely  Cesar Guedes")
    assert lines[3].startswith("monitor         Federal ")
    assert max(map(len, lines)) <= 100
    csv_text = seeded_cli.ok("report", "map", "--campaign", "GLO.ACT", "-f", "csv").stdout
    assert csv_text.splitlines()[:2] == [
        "quadrant,name,kind,id,influence,interest,stance,assessed_on,note",
        "manage closely,Cesar Guedes,person,1,5,3,supportive,2017-08-01,"]
    out = tmp_path / "map.svg"
    result = seeded_cli.ok("report", "map", "--campaign", "GLO.ACT", "-f", "svg", "-o",
                           str(out))
    assert (result.stdout, result.stderr) == ("", f"Wrote {out}\n")
    assert os.stat(out).st_mode & 0o777 == 0o600
    texts = [t.text for t in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}text")]
    assert "Cesar Guedes" in texts and "Federal Investigation Agency" in texts


def test_two_stakeholders_of_one_name_are_told_apart_by_id(seeded_cli):
    """Every other command asks for the id of one of two Ali Razas; the map's rows gave
    none."""
    ids = [seeded_cli.ok("person", "add", "Ali Raza", "--org", org).stdout.strip()
           for org in ("UNODC", "FIA")]
    for ident, score in zip(ids, ("5", "1")):
        assert _assess(seeded_cli, f"#{ident}", "--influence", score, "--interest",
                       score).exit_code == 0
    rows = json.loads(seeded_cli.ok("report", "map", "--campaign", "GLO.ACT",
                                    "-f", "json").stdout)
    assert [(r["name"], r["kind"], str(r["id"]), r["influence"]) for r in rows] == [
        ("Ali Raza", "person", ids[0], 5), ("Ali Raza", "person", ids[1], 1)]


def test_assess_errors_change_nothing(seeded_cli, db_dump):
    before = db_dump(seeded_cli.url)
    for args, message in [
        (("Cesar Guedes", "--influence", "9", "--interest", "3"),
         "Error: influence must be between 1 and 5, not 9\n"),
        (("Cesar Guedes", "--influence", "3", "--interest", "3", "--stance", "hostile"),
         "Error: 'hostile' is not a valid stance; choose one of: supportive, neutral, "
         "opposed, unknown\n"),
        # dated ahead, it would be the one that counts for good
        (("Cesar Guedes", "--influence", "3", "--interest", "3", "--date", "2017-08-02"),
         "Error: the assessment date 2017-08-02 is after today (2017-08-01); give the day it "
         "was made\n"),
        # `--date "$DAY"` with DAY unset: not today without a word
        (("Cesar Guedes", "--influence", "3", "--interest", "3", "--date", ""),
         "Error: invalid date ''; use YYYY-MM-DD\n"),
    ]:
        result = _assess(seeded_cli, *args)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert db_dump(seeded_cli.url) == before


def test_a_long_note_wraps_in_the_room_the_other_columns_leave(seeded_cli):
    _assess(seeded_cli, "Cesar Guedes", "--influence", "5", "--interest", "3", "--note",
            "Keen on the border training; wants the curriculum before the next steering "
            "committee and a visit to the Torkham crossing")
    lines = seeded_cli.ok("report", "map", "--campaign", "GLO.ACT").stdout.splitlines()
    assert lines[2].startswith("manage closely  Cesar Guedes  person  5")
    assert max(map(len, lines)) <= 100 and len(lines) > 3


def test_map_of_an_unknown_campaign(seeded_cli):
    result = seeded_cli("report", "map", "--campaign", "Nope")
    assert result.exit_code == 1 and result.stderr.startswith("Error: no campaign matches 'Nope'")


def test_the_map_opens_whatever_a_name_holds(seeded_cli, tmp_path):
    """U+FFFF, which XML cannot hold, is dropped from a name typed or imported (one recorded
    before may still hold it); the map would not
    open with it in."""
    seeded_cli.ok("person", "add", "Ms. Odd\uffffName Pasted")
    assert _assess(seeded_cli, "Odd\uffffName Pasted", "--influence", "4", "--interest", "4",
                   "--note", "met\ufffe").exit_code == 0
    out = tmp_path / "map.svg"
    seeded_cli.ok("report", "map", "--campaign", "GLO.ACT", "-f", "svg", "-o", str(out))
    texts = [t.text for t in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}text")]
    assert "OddName Pasted" in texts


def test_re_scoring_keeps_the_stance_unless_given(seeded_cli):
    """Re-scoring someone leaves where they stand (their colour on the map) as it was;
    --stance unknown still sets it back."""
    def stance():
        rows = json.loads(seeded_cli.ok("report", "map", "--campaign", "GLO.ACT",
                                        "-f", "json").stdout)
        return [(r["name"], r["influence"], r["stance"]) for r in rows]

    _assess(seeded_cli, "Cesar Guedes", "--influence", "5", "--interest", "3", "--stance",
            "supportive", "--date", "2017-07-01")
    assert _assess(seeded_cli, "Cesar Guedes", "--influence", "3",
                   "--interest", "4").exit_code == 0
    assert stance() == [("Cesar Guedes", 3, "supportive")]
    # one dated before every other has none to follow
    _assess(seeded_cli, "Cesar Guedes", "--influence", "2", "--interest", "2", "--date",
            "2017-06-01")
    history = json.loads(seeded_cli.ok("report", "person", "Cesar Guedes",
                                       "-f", "json").stdout)["assessments"]
    assert [(a["assessed_on"], a["stance"]) for a in history] == [
        ("2017-08-01", "supportive"), ("2017-07-01", "supportive"), ("2017-06-01", "unknown")]
    _assess(seeded_cli, "Cesar Guedes", "--influence", "3", "--interest", "4", "--stance",
            "unknown")
    assert stance() == [("Cesar Guedes", 3, "unknown")]
    # an organization's stance stands the same way, apart from any person's
    _assess(seeded_cli, "--org", "FIA", "--influence", "4", "--interest", "2", "--stance",
            "opposed")
    _assess(seeded_cli, "--org", "FIA", "--influence", "4", "--interest", "3")
    assert ("Federal Investigation Agency", 4, "opposed") in stance()
