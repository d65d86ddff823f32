"""Assertions shared by the command-line tests."""

from __future__ import annotations

from tests.conftest import Cli, dump


def refused(cli: Cli, *args: str, message: str, code: int = 1) -> None:
    """The command fails with exactly ``Error: message``, prints no data and no traceback,
    and leaves every row of the database as it was."""
    before = dump(cli.url)
    result = cli(*args)
    assert (result.exit_code, result.stderr) == (code, f"Error: {message}\n"), result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert dump(cli.url) == before


def unchanged(cli: Cli, *args: str, what: str) -> None:
    """The edit is given only the values recorded: it says ``No change: what``, exits 0, and
    writes nothing, not even an audit-log entry. The same edit changing one value says
    ``Updated``."""
    before = dump(cli.url)
    result = cli.ok(*args)
    assert result.stderr == f"No change: {what}\n"
    assert result.stdout == ""
    assert dump(cli.url) == before


def read_as_id(what: str, value: str) -> str:
    """The refusal of a name or acronym written as an id ("#7" always means record #7)."""
    return (f"{what} '{value}' would read as an id (#N always means record N); write more "
            "than a number after #")


def ctrl_c_during(monkeypatch, module, name: str) -> None:
    """Ctrl-C pressed while ``module.name`` runs: SIGINT sent to this process, which runs the
    command, as it starts."""
    import os
    import signal

    real = getattr(module, name)

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, interrupted)


def added_id(cli: Cli, *args: str) -> int:
    """Run an ``add`` command: the id alone on stdout; returns it."""
    result = cli.ok(*args)
    assert result.stdout.strip().isdigit(), result.stdout
    assert result.stdout == result.stdout.strip() + "\n"
    return int(result.stdout)


def give_acronym(url: str, table: str, ident: int, acronym: str) -> None:
    """Set a record's acronym behind the commands' back, as a database written before taken
    acronyms were refused may hold it."""
    from sqlalchemy import create_engine, update

    from stakeholders.models import Base
    from stakeholders.text import fold

    engine = create_engine(url)
    t = Base.metadata.tables[table]
    with engine.begin() as conn:
        conn.execute(update(t).where(t.c.id == ident)
                     .values(acronym=acronym, acronym_key=fold(acronym)))
    engine.dispose()


def meet_a_former_officer(cli: Cli) -> None:
    """Sarah Khan was a UNODC programme officer in 2017 and 2018. She is met before she
    joined, while there (once alone, once with Cesar Guedes and UNODC itself named) and after
    she left; each meeting ("Meeting before"…) leaves a follow-up ("Write before"…) due in
    2019."""
    cli.ok("person", "add", "Ms. Sarah Khan")
    cli.ok("person", "affiliate", "Sarah Khan", "UNODC", "--position", "Programme Officer",
           "--start", "2017-01-01", "--end", "2018-12-31")
    for date, also, when in (("2016-12-31", (), "before"), ("2017-08-02", (), "during"),
                             ("2017-09-01", ("--person", "Cesar Guedes", "--org", "UNODC"),
                              "with all"),
                             ("2019-01-01", (), "after")):
        cli.ok("interaction", "add", "--person", "Sarah Khan", *also, "--kind", "meeting",
               "--date", date, "--summary", f"Meeting {when}", "--follow-up", f"Write {when}",
               "--due", "2019-02-01")


def two_without_organization(cli: Cli) -> None:
    """The seed launch plus two people who came for no organization (so of no sector): Ayesha
    Malik, who attended, and Omar Baig, only invited."""
    for name, status in (("Ms. Ayesha Malik", "attended"), ("Mr. Omar Baig", "invited")):
        cli.ok("person", "add", name)
        cli.ok("attendance", "add", "GLO.ACT launch, Islamabad", name, "--status", status)
