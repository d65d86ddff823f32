"""``export contacts --profile xlsx``: the csv layout in a workbook, every cell text."""

from __future__ import annotations

import stat

import pytest

from tests.cli.helpers import refused
from tests.conftest import Cli
from tests.io.conftest import PAYLOADS, add_people


def _sheet(path) -> list[list]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert wb.sheetnames == ["Contacts"]
    ws = wb.active
    assert ws.freeze_panes == "A2"
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value is not None)
    return rows


def test_the_workbook_holds_the_csv_layout_as_text(people_cli: Cli, tmp_path):
    """Each cell as the csv layout writes it, typed as text: a phone number keeps its + (in a
    CSV file Excel reads it as a number and shows 9.23E+11); the file is the owner's only."""
    people_cli.ok("person", "edit", "Olga Ivanova", "--phone", "0300-7654321 (mobile)",
                  "--region", "PK")
    path = tmp_path / "contacts.xlsx"
    result = people_cli.ok("export", "contacts", "-o", str(path))
    assert result.stderr == f"Exported 4; left out 0; written to {path}\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    csv_rows = people_cli.ok("export", "contacts", "--profile", "csv").stdout.splitlines()
    header, *rows = _sheet(path)
    assert ",".join(header) == csv_rows[0]
    olga = next(r for r in rows if r[3] == "Ivanova")
    as_dict = dict(zip(header, olga))
    assert (as_dict["phone"], as_dict["other_phones"], as_dict["tags"]) == (
        "+923001234567", "+923007654321 (mobile)", "media-list; press")
    assert as_dict["opted_out"] is None and as_dict["title"] is None  # empty, no cell


def test_text_a_spreadsheet_would_run_is_kept_as_text(db_url: str, tmp_path):
    """The injection payloads are written as text cells, as typed (no quote before them is
    needed: a text cell never runs)."""
    add_people(db_url, [(f"Person {i}", None, f"p{i}@example.org", None, {"notes": payload})
                        for i, payload in enumerate(PAYLOADS + ("=1+2",))])
    path = tmp_path / "contacts.xlsx"
    Cli(db_url).ok("export", "contacts", "--profile", "xlsx", "-o", str(path))
    header, *rows = _sheet(path)
    notes = header.index("notes")
    # as recorded: a note is stored without the spaces around it ("\tTabbed" is "Tabbed")
    assert sorted(r[notes] for r in rows) == sorted(p.strip() for p in PAYLOADS + ("=1+2",))


def test_opted_out_people_are_left_out_of_the_workbook(people_cli: Cli, tmp_path):
    people_cli.ok("person", "consent", "Amina Qureshi", "--email", "opt-out", "--source", "call")
    path = tmp_path / "contacts.xlsx"
    assert people_cli.ok("export", "contacts", "-o", str(path)).stderr.startswith(
        "Exported 3; left out 1 (1 opted out)")
    assert "Qureshi" not in {cell for row in _sheet(path) for cell in row}


def test_a_workbook_is_not_written_to_the_terminal(people_cli: Cli):
    """A usage error before any work: nothing is exported, nothing logged."""
    refused(people_cli, "export", "contacts", "--profile", "xlsx", code=2,
            message="Invalid value for --profile: xlsx writes a workbook; give -o FILE.xlsx "
                    "(see 'stakeholders export contacts --help')")


@pytest.mark.parametrize("given", [[], ["--profile", "xlsx"]])
def test_the_workbook_reads_back_as_it_was(people_cli: Cli, templates, tmp_path, given):
    from tests.io.test_round_trip import _exported_to_fresh

    people_cli.ok("person", "edit", "Olga Ivanova", "--phone", "051 2601461 ext. 12",
                  "--region", "PK")
    before = people_cli.ok("export", "contacts", "--profile", "csv").stdout
    with _exported_to_fresh(people_cli, templates, tmp_path, "all.xlsx",
                            *given) as (exported, target):
        target.ok("import", "contacts", str(exported))
        assert target.ok("export", "contacts", "--profile", "csv").stdout == before
