"""``suppression``: the email addresses never to be mailed again, kept as one-way hashes."""

from typing import Annotated

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import FormatOption, info, noun_app, session, write_confirmed
from stakeholders.render import Format

suppression_app = noun_app(
    "The suppression list: email addresses no export carries and no import brings back, kept "
    "as one-way hashes (addresses of people removed after opting out, of people forgotten, and "
    "those added here).")

_Address = Annotated[str, opt.reference_argument("An email address.", metavar="EMAIL",
                                                 what="an email address")]


@suppression_app.command("list")
def list_(ctx: typer.Context, format: FormatOption = Format.TABLE) -> None:
    """How many addresses the list holds, by reason, and when they were added (the addresses
    themselves are not kept, only their hashes).

    \b
    Example: stakeholders suppression list
    """
    from stakeholders.render import write_rows
    from stakeholders.services import suppressions

    with session(ctx, write=False) as s:
        rows = suppressions.summary(s)
    write_rows(rows, format, ["reason", "addresses", "first", "last"])


@suppression_app.command("add")
def add(
    ctx: typer.Context,
    addresses: Annotated[list[str], opt.reference_argument(
        "One or more email addresses.", metavar="EMAIL...", what="an email address")],
) -> None:
    """Never mail these addresses: for someone not on record who asked not to be mailed (a
    person on record opts out with `person consent`).

    \b
    Example: stakeholders suppression add someone@example.org
    """
    from stakeholders.services import suppressions
    from stakeholders.text import counted

    with session(ctx, write=True) as s:
        added, listed, holders = suppressions.add(s, addresses)
    info(f"Added {counted(added, 'address')} to the suppression list"
         + (f"; {listed} already on it" if listed else ""))
    if holders:
        info(f"Note: {counted(holders, 'person')} on record {'holds' if holders == 1 else 'hold'}"
             " such an address, and will not be mailed at it; for someone on record who opted "
             "out, record it with `person consent PERSON --email opt-out --source SOURCE`")


@suppression_app.command("check")
def check(ctx: typer.Context, address: _Address) -> None:
    """Say whether an address is on the list, since when and why.

    The answer is the text, with exit code 0 either way; exit code 1 is an address it cannot
    read, 2 an empty one.

    \b
    Example: stakeholders suppression check someone@example.org
    """
    from stakeholders.services import suppressions

    with session(ctx, write=False) as s:
        entry = suppressions.find(s, address)
        shown = None if entry is None else (entry.reason, suppressions.listed_on(entry))
    if shown is None:
        typer.echo("not on the suppression list")
    else:
        typer.echo(f"on the suppression list since {shown[1]:%Y-%m-%d} ({shown[0]})")


@suppression_app.command("remove")
def remove(ctx: typer.Context, address: _Address, yes: opt.Yes = False) -> None:
    """Take an address off the list, when its owner asks to be mailed again. (An email opt-in
    recorded with `person consent` takes the person's own addresses off it.)

    An address listed when a forgotten, or a removed opted-out, person held it is asked about
    first (or needs --yes): an old list would bring them back by it.

    \b
    Example: stakeholders suppression remove someone@example.org
    """
    from stakeholders.services import suppressions

    reason = write_confirmed(ctx, yes, lambda s, confirm: suppressions.lift(
        s, address, confirm).reason)
    info(f"Took the address off the suppression list (it was there as: {reason})")


def register(app: typer.Typer) -> None:
    app.add_typer(suppression_app, name="suppression")
