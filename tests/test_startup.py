"""Start-up stays light: --help must not load SQLAlchemy, Alembic or the validators."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["sqlalchemy", "alembic", "email_validator", "phonenumbers", "nameparser", "pycountry",
         "rich"]


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys, json\n"
        "from stakeholders.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_loads_no_heavy_library():
    loaded = _modules_after(["--help"])
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_subcommand_help_loads_no_heavy_library():
    loaded = _modules_after(["db", "--help"])
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_report_help_loads_no_heavy_library():
    loaded = _modules_after(["report", "attendees", "--help"])
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_export_and_import_help_load_no_heavy_library():
    for args in (["export", "contacts", "--help"], ["import", "contacts", "--help"]):
        loaded = _modules_after(args)
        assert not loaded & set(HEAVY + ["openpyxl", "vobject"]), (args, loaded)
