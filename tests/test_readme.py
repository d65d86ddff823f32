"""The README's examples run: every ```sh block of commands, in order, as a new user would type
them after the README's first command (``stakeholders init --seed``), on a fresh SQLite file.
A command that fails stops the walk-through and the test shows where."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BACKEND

README = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
_COMMAND = re.compile(r"^(\w+=\$\()?stakeholders ")


def walkthrough() -> list[str]:
    """The ```sh blocks made of stakeholders commands (not the install or benchmark lines)."""
    blocks = [b for b in _BLOCK.findall(README.read_text(encoding="utf-8"))]
    return [b for b in blocks if all(_COMMAND.match(line) for line in b.splitlines()
                                     if line and not line.startswith((" ", "#")))]


def test_the_readme_has_a_walkthrough():
    blocks = walkthrough()
    assert len(blocks) >= 8
    assert any("attendance add" in b for b in blocks)


@pytest.mark.skipif(BACKEND != "sqlite", reason="the walk-through runs on its own SQLite file "
                    "once per suite run (SQLite pass)")
def test_every_readme_example_runs_in_order(tmp_path):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("STAKEHOLDERS_") and k != "VIRTUAL_ENV"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    script = "set -euxo pipefail\nstakeholders init --seed\n" + "\n".join(walkthrough())
    result = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    for written in ("launch.html", "map.svg", "launch-mailing.csv", "glo-act.vcf"):
        assert (work / written).stat().st_mode & 0o777 == 0o600, written
