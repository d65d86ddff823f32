"""The bad-input corpus (tests/corpus/cases.toml): each hostile or broken input gives its one
clear line on stderr and its exit code, without a traceback and without writing anything.
Then text that is odd but legitimate (metacharacters, right-to-left script, invisible marks)
is stored sensibly and found again the same way on both databases."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import Cli, dump

CORPUS = Path(__file__).parent / "corpus"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]


LONG_NAME = "A" * 5000 + " " + "B" * 4999


@pytest.mark.parametrize("case", CASES, ids=[c.get("file") or c["id"] for c in CASES])
def test_bad_input_gives_one_clear_line_and_writes_nothing(case, seeded_url, tmp_path):
    file = tmp_path / "input" / case.get("file", "none")
    file.parent.mkdir()
    if "generate" in case:
        file.write_text("Name,Email,Notes\nAna Ruiz,ana@example.org," + "x" * 10_000_000 + "\n")
    elif "file" in case:
        shutil.copyfile(CORPUS / case["file"], file)
    original = file.read_bytes() if file.exists() else None
    args = [a.replace("{file}", str(file)).replace("{long}", LONG_NAME) for a in case["args"]]
    before = dump(seeded_url)
    result = Cli(seeded_url)(*args)
    assert (result.exit_code, result.stderr) == (
        case["exit"], case["stderr"].replace("{file}", str(file)) + "\n")
    assert result.stdout == ""
    assert dump(seeded_url) == before
    assert (file.read_bytes() if file.exists() else None) == original


def _seed_people(tmp_path: Path, url: str, names: list[str]) -> None:
    seed = tmp_path / "odd.toml"
    # JSON string escapes are valid TOML basic strings.
    seed.write_text("".join(f"[[people]]\nname = {json.dumps(n)}\nnotes = {json.dumps(n)}\n\n"
                            for n in names), encoding="utf-8")
    Cli(url).ok("seed", str(seed))


METACHARACTERS = [
    "Robert'); DROP TABLE people;--",
    'Quote "Double" O\'Brien',
    "Dollar $(touch pwned) `id` Backtick",
    "Pipe | Semi ; Amp && Redirect > out",
    "Percent 100% Under_score Back\\slash",
    "=HYPERLINK(\"http://x\") Formula",
]


def test_sql_and_shell_metacharacters_are_stored_as_typed(db_url, tmp_path, session_factory):
    from sqlalchemy import select

    from stakeholders.models import Person

    _seed_people(tmp_path, db_url, METACHARACTERS)
    with session_factory(db_url, write=False) as s:
        stored = {(p.full_name, p.notes) for p in s.scalars(select(Person))}
    assert {n for _, n in stored} == set(METACHARACTERS)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.parametrize("text", METACHARACTERS)
def test_metacharacters_in_every_text_option_are_kept_as_typed(db_url, text, tmp_path,
                                                               monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli = Cli(db_url)
    tag = text.replace(",", ".").replace(";", ":")  # the tag separators of exports are refused
    org = cli.ok("org", "add", f"Org {text}", "--acronym", text[:20], "--note", text,
                 "--tag", tag).stdout.strip()
    person = cli.ok("person", "add", text, "--org", org, "--position", text, "--note", text,
                    "--tag", tag, "--honorific", text[:20], "--title", text[:20]).stdout.strip()
    shown = json.loads(cli.ok("person", "show", person, "--format", "json").stdout)
    assert (shown["full_name"], shown["position"], shown["notes"], shown["tags"]) == (
        text, text, text, [tag])
    assert (shown["honorific"], shown["title"]) == (text[:20], text[:20])
    org_shown = json.loads(cli.ok("org", "show", org, "--format", "json").stdout)
    assert (org_shown["name"], org_shown["acronym"], org_shown["notes"]) == (
        f"Org {text}", text[:20], text)
    found = json.loads(cli.ok("search", f"Org {text}", "--format", "json").stdout)
    assert [(r["kind"], r["id"]) for r in found] == [("organization", int(org))]
    assert not {"pwned", "out"} & {p.name for p in tmp_path.iterdir()}  # no shell ran


def test_invisible_and_bidi_controls_are_removed_and_scripts_kept(db_url, tmp_path,
                                                                   session_factory):
    from sqlalchemy import select

    from stakeholders.models import Person
    from stakeholders.services import refs

    _seed_people(tmp_path, db_url, ["\u202eAli\u200b Khan\u200f", "محمد علی", "Zoë\u2060 Ng"])
    with session_factory(db_url, write=False) as s:
        names = sorted(p.full_name for p in s.scalars(select(Person)))
        assert names == ["Ali Khan", "Zoë Ng", "محمد علی"]
        assert refs.person(s, "ali khan").full_name == "Ali Khan"
        assert refs.person(s, "ZOE NG").full_name == "Zoë Ng"
        assert refs.person(s, "محمد علی").full_name == "محمد علی"


def test_control_characters_are_dropped_and_a_zero_width_space_parts_words(
        db_url, tmp_path, session_factory):
    """A sign-in sheet's cell may carry terminal escapes (ESC, BEL): stored, every table that
    printed the name would run them. A zero-width space between two words is a space."""
    from sqlalchemy import select

    from stakeholders.models import Person
    from stakeholders.services import refs

    _seed_people(tmp_path, db_url, ["Evil\x1b]0;pwned\x07 Name\x1b[31m\x00",
                                    "Zayed bin\u200bSultan", "Plain\x7f Ascii"])
    with session_factory(db_url, write=False) as s:
        people = sorted((p.full_name, p.notes) for p in s.scalars(select(Person)))
        assert people == [("Evil]0;pwned Name[31m", "Evil]0;pwned Name[31m"),
                          ("Plain Ascii", "Plain Ascii"),
                          ("Zayed bin Sultan", "Zayed bin Sultan")]
        assert refs.person(s, "zayed bin sultan").family_name == "bin Sultan"
    listed = Cli(db_url).ok("person", "list").stdout
    assert "\x1b" not in listed and "\x07" not in listed


@pytest.mark.parametrize("typed", ["jean-francois cautain", "JEAN-FRANÇOIS CAUTAIN",
                                   "Jean-Francois  Cautain", "H.E. jean-françois cautain"])
def test_case_and_accents_do_not_matter_on_either_database(seeded_url, session_factory, typed):
    from stakeholders.services import refs

    with session_factory(seeded_url, write=False) as s:
        assert refs.person(s, typed).full_name == "Jean-François Cautain"


def test_search_folds_case_and_accents_the_same_on_either_database(seeded_cli):
    results = [json.loads(seeded_cli.ok("search", typed, "--format", "json").stdout)
               for typed in ("jean-francois", "JEAN-FRANÇOIS", "Jean-François")]
    assert results[0] == results[1] == results[2]
    assert [(r["kind"], r["name"]) for r in results[0]] == [
        ("person", "H.E. Mr. Jean-François Cautain")]
