"""The table renderer wraps cells itself (skipping the many that already fit) instead of handing
every cell to tabulate's ``maxcolwidths``: it must print exactly what tabulate would."""

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from tabulate import tabulate

import io
import subprocess
import sys

from stakeholders.render import MIN_WRAP, table, wrap_cells, write_report, write_rows

# Letters, accents, spaces, hyphens, punctuation, tabs and line breaks: what names, titles and
# verbatim statements are made of; and wide characters, which tabulate counts twice when the
# wcwidth package is installed (and once otherwise: the renderer measures as it does).
CELL = st.lists(
    st.sampled_from(list("abcdeXYZ éøñ- ,.'’\t\n北京") + ["Ødegård", "UNODC", "Head of Mission"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
# tabulate's wrapper breaks a long hyphenated word where textwrap's (Python 3.10+) would not
@example(rows=[["a-aa", "", ""]], widths=[3, 3, 3])
@given(rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=5),
       widths=st.lists(st.integers(min_value=MIN_WRAP, max_value=30), min_size=3, max_size=3))
def test_wrapping_matches_tabulate(rows, widths):
    # tabulate itself fails on a cell of only whitespace with a line break (int("\n")).
    assume(not any(c.strip() == "" and "\n" in c for row in rows for c in row))
    ours = tabulate(wrap_cells(rows, widths), headers=["a", "b", "c"], tablefmt="simple",
                    disable_numparse=True)
    theirs = tabulate(rows, headers=["a", "b", "c"], tablefmt="simple", maxcolwidths=widths,
                      disable_numparse=True)
    assert ours == theirs


def test_a_column_of_wide_characters_is_laid_out(tmp_path):
    """A one-character header over a wide (CJK) character, with and without the wcwidth
    package (a dependency, but tabulate works without it), which makes the table wrapper count
    it twice: a column one wide would make that wrapper look for ever for a place to break
    it."""
    code = ("from stakeholders.render import table\n"
            "print(table([{'n': '北', 'name': '北京 ' * 40}], width=40))\n"
            "print(table([{'n': '北'}], max_width=1))\n")
    for blocked in ([], ["wcwidth"]):
        prelude = "".join(f"import sys; sys.modules[{m!r}] = None\n" for m in blocked)
        result = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[2].startswith("北  北京 北京")
        assert lines[-1] == "北"


def test_long_cells_wrap_and_short_ones_stay():
    rows = [{"name": "Ms. Zoë Ødegård, Deputy Head of Mission", "org": "UNODC"}]
    assert table(rows, max_width=20).splitlines() == [
        "name              org",
        "----------------  -----",
        "Ms. Zoë Ødegård,  UNODC",
        "Deputy Head of",
        "Mission",
    ]


def test_a_list_cell_splits_back_into_its_items():
    from stakeholders.render import text_cell

    assert text_cell(["donors", "media"]) == "donors; media"
    quotes = ["Six responses: policy; legislation.", "We will act."]
    assert text_cell(quotes).split("\n") == quotes


def test_mappings_read_as_counts_or_fields():
    from stakeholders.render import text_cell

    assert text_cell({"media": 2, "ngo": 1}) == "media 2, ngo 1"
    assert text_cell({}) == "none"
    assert text_cell({"do_not_email": True}) == "do_not_email: yes"
    assert text_cell({"title": "Dr.", "parent_id": None}) == "title: Dr.; parent_id: none"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


PEOPLE = [{"id": 3, "name": "H.E. Ms. Margaret Adamson",
           "organization": "Australian High Commission",
           "position": "Australian High Commissioner to Pakistan",
           "email": "margaret.adamson@dfat.gov.au"},
          {"id": 7, "name": "Ms. Margaret Akullo",
           "organization": "United Nations Office on Drugs and Crime",
           "position": "GLO.ACT Project Coordinator", "email": None}]


def test_a_list_shown_on_a_terminal_fits_its_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = _Terminal()
    write_rows(PEOPLE, "table", out=out)
    lines = out.getvalue().splitlines()
    assert max(map(len, lines)) <= 60
    assert lines[0].split() == ["id", "name", "organization", "position", "email"]
    assert "Adamson" in out.getvalue() and "dfat.gov.au" in out.getvalue()


def test_a_list_written_to_a_file_or_pipe_does_not_depend_on_the_window(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = io.StringIO()
    write_rows(PEOPLE, "table", out=out)
    assert out.getvalue() == table(PEOPLE, max_width=60) + "\n"
    assert max(map(len, out.getvalue().splitlines())) > 100


def test_a_report_on_a_narrow_terminal_fits_it_and_never_grows_past_100(monkeypatch):
    report = {"event": "GLO.ACT launch, Islamabad", "attendees": PEOPLE}
    for columns, widest in (("70", 70), ("200", 100)):
        monkeypatch.setenv("COLUMNS", columns)
        out = _Terminal()
        write_report(report, "table", rows_key="attendees", out=out)
        assert max(map(len, out.getvalue().splitlines())) <= widest


# Text that tabulate would read as a number or a boolean were its number parsing on, blanks,
# wide characters and line breaks.
GUESSABLE = st.lists(st.sampled_from(["True", "False", "", " ", "12", "1,000", "-3.5", "1e3",
                                      "北京", "a b", "\n", "x"]), max_size=3).map("".join)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(GUESSABLE, min_size=3, max_size=3), min_size=1, max_size=5))
def test_columns_of_text_print_as_tabulate_prints_them(rows):
    import tabulate as tabulate_module

    guess = tabulate_module._column_type
    ours = table([dict(zip("abc", row)) for row in rows], max_width=None)
    assert ours == tabulate(rows, headers=["a", "b", "c"], tablefmt="simple",
                            disable_numparse=True)
    assert tabulate_module._column_type is guess


@pytest.mark.parametrize("name", ["王毅", "Zoë Ødegård", "Ali\u0301 Khan", "محمد علی"])
def test_columns_line_up_whatever_the_names_are_written_in(name):
    """tabulate measures with wcwidth only for a table that needs it (a wide or combining
    character); every table lines up either way, and the module is left as it was."""
    import tabulate as tabulate_module
    import wcwidth

    mode = tabulate_module.WIDE_CHARS_MODE
    lines = table([{"name": name, "email": "a@example.org"},
                   {"name": "Anna Bell", "email": "b@example.org"}]).splitlines()
    starts = {wcwidth.wcswidth(line[:line.index("@") - 1]) for line in lines[2:]}
    assert len(starts) == 1, lines
    assert tabulate_module.WIDE_CHARS_MODE == mode


def test_columns_that_fit_exactly_keep_their_width():
    # 14 + 43 + 5 + 10 + 20 characters and four separators: exactly 100. Shared out in
    # floating point, the 43 came back 42.99…, cut to 42, and its lines were wrapped again.
    from stakeholders.render import fit_widths

    cells = ["sector present", "Mr. Jeremy Milsom, UNODC Representative for", "match",
             "confidence", "The agreement was s…"]
    assert fit_widths(["kind", "record", "match", "confidence", "source"], [cells], 100) == [
        14, 43, 5, 10, 20]
