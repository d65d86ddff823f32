"""``stakeholders attendance …``: who came to an event, for whom, in what role, and what they
said."""

from typing import Annotated, Optional

import typer

from stakeholders.cli.common import (
    FormatOption,
    info,
    new_id,
    noun_app,
    refuse_no_change,
    session,
    updated,
    warn,
)
from stakeholders.cli import options as opt
from stakeholders.render import Format
from stakeholders.vocab import Role, Status

attendance_app = noun_app("Attendance: who came to an event, in what role, on whose behalf.")

EventArg = Annotated[str, opt.reference_argument(
    "Event id, name, the acronym of its campaign, or words of the name only it holds.")]
PersonArg = Annotated[str, opt.reference_argument(
    "Person id, email, or name (with or without honorific).", what=opt.ID_EMAIL_OR_NAME)]
RoleOpt = Annotated[Optional[str], typer.Option(
    "--role", metavar="ROLE", help="One of: " + ", ".join(Role.values()) + " (default: attendee).")]
StatusOpt = Annotated[Optional[str], typer.Option(
    "--status", metavar="STATUS",
    help="One of: " + ", ".join(Status.values())
    + " (default: attended; invited, for an event still to come).")]
EditRole = Annotated[Optional[str], typer.Option(
    "--role", metavar="ROLE", help="One of: " + ", ".join(Role.values()) + ".")]
EditStatus = Annotated[Optional[str], typer.Option(
    "--status", metavar="STATUS", help="One of: " + ", ".join(Status.values()) + ".")]
OrgOpt = Annotated[Optional[str], opt.reference_option(
    "--org", metavar="ORG",
    help="The organization they came for (default: their affiliation on the day).")]
OnBehalfOf = Annotated[Optional[str], opt.reference_option(
    "--on-behalf-of", metavar="PERSON", help="The person they represented.",
    what=opt.ID_EMAIL_OR_NAME)]
Order = Annotated[Optional[int], typer.Option(
    "--order", metavar="N", help="Speaking order, from 1.")]
EditOrg = Annotated[Optional[str], typer.Option(
    "--org", metavar="ORG", help="The organization they came for; an empty value clears it.")]
EditOnBehalfOf = Annotated[Optional[str], typer.Option(
    "--on-behalf-of", metavar="PERSON",
    help="The person they represented; an empty value clears it.")]


def _order_or_empty(value: Optional[str]) -> Optional[str]:
    """A speaking order to set, or an empty value to clear it; anything else (``--order
    abc``) is a value of the wrong kind, a usage error as ``attendance add --order abc`` is."""
    if value is not None and value.strip():
        try:
            int(value.strip())
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a whole number; give one from 1, or "
                                     "an empty value to clear the order") from None
    return value


EditOrder = Annotated[Optional[str], typer.Option(
    "--order", metavar="N", help="Speaking order, from 1; an empty value clears it.",
    callback=_order_or_empty)]
#: What --remove-quote and --instead-of name: a statement, which "" cannot name.
STATEMENT_REFERENCE = "a statement's id, its words or a part of them"
Quotes = Annotated[Optional[list[str]], typer.Option(
    "--quote", metavar="TEXT", help="Something they said, word for word; repeatable.")]


@attendance_app.command("add")
def add(
    ctx: typer.Context,
    event: EventArg,
    person: PersonArg,
    role: RoleOpt = None,
    status: StatusOpt = None,
    org: OrgOpt = None,
    on_behalf_of: OnBehalfOf = None,
    order: Order = None,
    quote: Quotes = None,
    note: opt.Note = None,
) -> None:
    """Record that a person attended an event; prints the attendance id.

    \b
    Example: stakeholders attendance add 1 "Nicole Guihot" --role speaker --on-behalf-of "Margaret Adamson" --order 3
    """
    from stakeholders.services import attendance

    with session(ctx, write=True) as s:
        a = attendance.record_attendance(
            s, event, person, role=role, status=status, org=org, on_behalf_of=on_behalf_of,
            order=order, quotes=quote or [], notes=note)
        how = a.role if a.status == Status.ATTENDED.value else f"{a.role}, {a.status}"
        message = f"Added attendance #{a.id}: {a.person.full_name} at {a.event.name} ({how})"
        shared = attendance.shared_speaking_orders(s, [a.id]) + attendance.doubtful(s, a)
    new_id(a.id, message)
    warn(shared)


@attendance_app.command("edit")
def edit(
    ctx: typer.Context,
    event: EventArg,
    person: PersonArg,
    role: EditRole = None,
    status: EditStatus = None,
    org: EditOrg = None,
    on_behalf_of: EditOnBehalfOf = None,
    order: EditOrder = None,
    quote: Quotes = None,
    remove_quote: Annotated[Optional[list[str]], opt.reference_option(
        "--remove-quote", metavar="STATEMENT", what=STATEMENT_REFERENCE,
        help="A statement of theirs to remove: its id (see `search`), its words or a part of "
        "them; repeatable.")] = None,
    instead_of: Annotated[Optional[str], opt.reference_option(
        "--instead-of", metavar="STATEMENT", what=STATEMENT_REFERENCE,
        help="A statement of theirs (id, words or a part of them) whose text the one --quote "
        "corrects.")] = None,
    note: opt.Note = None,
) -> None:
    """Change an attendance: what is given changes, the rest stays; --quote adds a statement,
    or with --instead-of corrects one; --remove-quote removes one. An empty value
    (--on-behalf-of "") clears the organization, on-behalf-of, order or note.

    \b
    Example: stakeholders attendance edit 1 "Cesar Guedes" --role speaker --remove-quote "mobilize all the relevant stakeholders"
    """
    refuse_no_change(ctx)
    from stakeholders.services import attendance

    with session(ctx, write=True) as s:
        a = attendance.edit_attendance(
            s, event, person, role=role, status=status, org=org, on_behalf_of=on_behalf_of,
            order=order, quotes=quote or [], remove_quotes=remove_quote or [],
            instead_of=instead_of, notes=note)
        message = updated(s, f"attendance #{a.id}: {a.person.full_name} at {a.event.name}")
        # Said when the order or the status (a speaker back from declined) changes, not on
        # every later edit of a panel that shares its slot on purpose.
        shared = (attendance.shared_speaking_orders(s, [a.id])
                  if order is not None or status is not None else [])
        shared += attendance.doubtful(
            s, a, order=order is not None or status is not None or role is not None,
            represented=on_behalf_of is not None or status is not None)
    info(message)
    warn(shared)


@attendance_app.command("remove")
def remove(ctx: typer.Context, event: EventArg, person: PersonArg,
           yes: opt.Yes = False) -> None:
    """Remove a person's attendance at an event, with what they said there.

    It is removed without asking (--yes is accepted, as by every remove).

    \b
    Example: stakeholders attendance remove 1 "Junaid Khan"
    """
    from stakeholders.services import attendance

    with session(ctx, write=True) as s:
        removed = attendance.remove_attendance(s, event, person)
    info(f"Removed attendance {removed}")


@attendance_app.command("list")
def list_(ctx: typer.Context, event: EventArg, format: FormatOption = Format.TABLE) -> None:
    """List who attended an event: speakers in order first, then everyone by name.

    \b
    Example: stakeholders attendance list "GLO.ACT launch, Islamabad" --format csv
    """
    from stakeholders.render import write_rows
    from stakeholders.services import attendance

    with session(ctx, write=False) as s:
        rows = attendance.list_attendance(s, event)
    write_rows(rows, format, attendance.ATTENDANCE_COLUMNS)


def register(app: typer.Typer) -> None:
    app.add_typer(attendance_app, name="attendance")
