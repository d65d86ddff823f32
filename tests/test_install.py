"""A regular (non-editable) install, run from another folder with an empty HOME, works: the
migrations and the seed ship inside the wheel and the database lands in the data folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import BACKEND

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    BACKEND != "sqlite" or os.environ.get("STAKEHOLDERS_SKIP_INSTALL_TEST") == "1",
    reason="installs the package into a fresh environment once per suite run (SQLite pass)",
)


def test_fresh_install_runs_init_seed_from_another_directory(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
                   check=True, timeout=600)
    home = tmp_path / "home"
    cwd = tmp_path / "elsewhere"
    home.mkdir()
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("STAKEHOLDERS_DB", "PYTHONPATH", "VIRTUAL_ENV", "XDG_DATA_HOME")}
    env["HOME"] = str(home)
    exe = env_dir / "bin" / "stakeholders"
    result = subprocess.run([exe, "init", "--seed"], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    db = home / ".local" / "share" / "stakeholders" / "stakeholders.db"
    assert db.exists()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert "added 10 organizations" in result.stderr
    version = subprocess.run([py, "-m", "stakeholders", "--version"], cwd=cwd, env=env,
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("stakeholders ")
    # a wide (CJK) name lines up with the others: wcwidth comes with a regular install
    for name, email in (("王毅", "wy@example.cn"), ("Anna Bell", "ab@example.cn")):
        subprocess.run([exe, "person", "add", name, "--email", email], cwd=cwd, env=env,
                       check=True, capture_output=True, timeout=60)
    listed = subprocess.run([exe, "person", "list"], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=60).stdout
    import wcwidth

    starts = {wcwidth.wcswidth(line[:line.index("@example.cn") - 2])
              for line in listed.splitlines() if "@example.cn" in line}
    assert len(starts) == 1, listed
    assert sys.executable  # the suite's own interpreter is untouched
