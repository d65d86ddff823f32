"""Start-up stays light: --help must not load SQLAlchemy, Alembic or the validators."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["sqlalchemy", "alembic", "email_validator", "phonenumbers", "nameparser", "pycountry",
         "rich"]


def _modules_after(args: list[str], *, whole_names: bool = False) -> set[str]:
    name = "m" if whole_names else "m.split('.')[0]"
    code = (
        "import sys, json\n"
        "from stakeholders.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted({name} for m in sys.modules)), file=sys.stderr)\n"
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


def test_a_command_loads_only_its_own_noun():
    loaded = _modules_after(["person", "list", "--help"], whole_names=True)
    nouns = {m for m in loaded if m.startswith("stakeholders.cli.")}
    assert "stakeholders.cli.people" in nouns
    assert not nouns & {"stakeholders.cli.reports", "stakeholders.cli.exports",
                        "stakeholders.cli.imports", "stakeholders.cli.events"}, nouns


def test_help_lists_every_top_level_command_in_order():
    from stakeholders.cli import COMMANDS

    result = subprocess.run([sys.executable, "-m", "stakeholders", "--help"],
                            capture_output=True, text=True, timeout=60)
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert listed[: len(COMMANDS)] == list(COMMANDS)


def test_a_mistyped_command_gets_a_suggestion():
    result = subprocess.run([sys.executable, "-m", "stakeholders", "persn", "list"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "No such command 'persn'. Did you mean 'person'?" in result.stderr


def test_the_command_line_collects_cycles_rarely():
    code = (
        "import gc, sys\n"
        "from stakeholders.cli import main\n"
        "sys.argv = ['stakeholders', '--version']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(gc.get_threshold()[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert int(result.stdout.split()[-1]) >= 10_000


def test_the_models_declare_columns_with_evaluated_annotations():
    """String annotations would make declarative mapping re-parse every column's type at each
    start-up; only relationships to classes defined later may be strings."""
    from stakeholders import models

    for mapper in models.Base.registry.mappers:
        relationships = set(mapper.relationships.keys())
        for name, annotation in mapper.class_.__annotations__.items():
            if name not in relationships:
                assert not isinstance(annotation, str), (mapper.class_.__name__, name)


def test_finding_a_person_by_the_name_they_are_stored_under_loads_no_name_parser(seeded_url):
    """The parser is tried only when the name as typed matches no one."""
    loaded = _modules_after(["--db", seeded_url, "person", "show", "Junaid Khan"])
    assert "nameparser" not in loaded
    loaded = _modules_after(["--db", seeded_url, "person", "show", "Khan, Junaid"])
    assert "nameparser" in loaded
