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


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_gives_one_clear_line_and_writes_nothing(case, seeded_url, tmp_path):
    file = tmp_path / "input" / case["file"]
    file.parent.mkdir()
    shutil.copyfile(CORPUS / case["file"], file)
    original = file.read_bytes()
    args = [a.replace("{file}", str(file)) for a in case["args"]]
    before = dump(seeded_url)
    result = Cli(seeded_url)(*args)
    assert (result.exit_code, result.stderr) == (
        case["exit"], case["stderr"].replace("{file}", str(file)) + "\n")
    assert result.stdout == ""
    assert dump(seeded_url) == before
    assert file.read_bytes() == original


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


@pytest.mark.parametrize("typed", ["jean-francois cautain", "JEAN-FRANÇOIS CAUTAIN",
                                   "Jean-Francois  Cautain", "H.E. jean-françois cautain"])
def test_case_and_accents_do_not_matter_on_either_database(seeded_url, session_factory, typed):
    from stakeholders.services import refs

    with session_factory(seeded_url, write=False) as s:
        assert refs.person(s, typed).full_name == "Jean-François Cautain"
