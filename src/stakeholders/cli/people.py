"""``stakeholders person …``: people's data-quality and personal-data duties (duplicates,
merge, consent, forget)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from stakeholders.cli import merging
from stakeholders.cli.common import FormatOption, confirm_or_refuse, info, session
from stakeholders.render import Format
from stakeholders.vocab import MergeKind

person_app = typer.Typer(
    help="People: representatives, speakers and attendees.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)


def _date(name: str, help: str) -> object:
    return typer.Option(name, formats=["%Y-%m-%d"], show_default=False, help=help)


def _status(channel: str) -> object:
    return typer.Option(f"--{channel}", show_default=False, metavar="STATUS",
                        help=f"Consent for {channel}: opt-in, opt-out or unknown.")


@person_app.command("consent")
def consent(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, email or name.")],
    email: Annotated[Optional[str], _status("email")] = None,
    phone: Annotated[Optional[str], _status("phone")] = None,
    post: Annotated[Optional[str], _status("post")] = None,
    source: Annotated[
        Optional[str],
        typer.Option("--source", show_default=False,
                     help='Where it comes from, e.g. "sign-in sheet, GLO.ACT launch".'),
    ] = None,
    date: Annotated[Optional[dt.datetime],
                    _date("--date", "When it was given (default: today).")] = None,
    expires: Annotated[Optional[dt.datetime], _date("--expires", "When it lapses.")] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """Record a person's consent per channel; without a channel, show their consent history.

    Example: stakeholders person consent 12 --email opt-out --source "phone call, 2026-11-20"
    """
    from stakeholders.render import write_rows
    from stakeholders.services import consent as service
    from stakeholders.vocab import Channel

    statuses = {ch: v for ch, v in ((Channel.EMAIL, email), (Channel.PHONE, phone),
                                    (Channel.POST, post)) if v is not None}
    if not statuses and source is None and date is None and expires is None:
        with session(ctx, write=False) as s:
            rows = service.history(s, person)
        write_rows(rows, format,
                   ["id", "channel", "status", "date", "expires", "source", "in_force"])
        return
    with session(ctx, write=True) as s:
        added = service.record(s, person, statuses, source=source,
                               given_on=date.date() if date else None,
                               expires_on=expires.date() if expires else None)
    for c in added:
        typer.echo(str(c.id))
    info("Recorded " + ", ".join(f"{c.channel} {c.status}" for c in added))


@person_app.command("forget")
def forget(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, email or name.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person for good, keeping an anonymous placeholder for counts. Cannot be undone.

    Example: stakeholders person forget 12 --yes
    """
    from stakeholders.cli.common import state
    from stakeholders.db import compact
    from stakeholders.services import erasure

    confirm_or_refuse(f"Forget {person} for good? This cannot be undone.", yes)
    with session(ctx, write=True) as s:
        done = erasure.forget(s, person)
    compact(state(ctx).url)
    info(f"Forgot person #{done['person']} (now {done['placeholder']!r}): removed "
         f"{done['contact_points']} contact points, {done['consents']} consents, "
         f"{done['mentions_removed']} mentions; this cannot be undone.")


merging.register(person_app, MergeKind.PERSON)


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")
