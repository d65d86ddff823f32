"""Shows the extractor's precision/recall table in the terminal summary of any run that
evaluated it, so it is in the test report without -s."""

from __future__ import annotations

from typing import Callable

import pytest

_TABLE = pytest.StashKey[str]()


@pytest.fixture
def show_in_summary(request) -> Callable[[str], None]:
    """Keep a text to print in the terminal summary at the end of the run."""

    def keep(text: str) -> None:
        request.config.stash[_TABLE] = text

    return keep


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    table = config.stash.get(_TABLE, None)
    if table:
        terminalreporter.section("press-release extraction: precision and recall")
        terminalreporter.write_line(table)
