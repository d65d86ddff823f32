"""The engagement log on the command line: ``interaction add|list|edit|remove`` and
``followup add|list|done|reopen|edit|remove``."""

from typing import Annotated, Optional

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import (
    FormatOption,
    info,
    new_id,
    one_of,
    refuse_no_change,
    session,
    updated,
    warn,
    write_confirmed,
)
from stakeholders.render import Format

interaction_app = typer.Typer(
    help="Meetings, calls, letters… with people and organizations, and what was promised.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)
followup_app = typer.Typer(
    help="Follow-ups promised at interactions and events: list, close, reopen, correct, "
         "remove.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)

_WITH_PERSON = "this person (id, email or name)."
_WITH_ORG = ("this organization (id, name or acronym): naming it, or someone who held a post "
             "there on the day.")
PersonFilter = Annotated[Optional[str], opt.filter_option(
    "--person", help=f"Only those with {_WITH_PERSON}")]
OrgFilter = Annotated[Optional[str], opt.filter_option(
    "--org", help=f"Only those with {_WITH_ORG}")]
# followup list keeps the follow-ups of the interactions these filters keep.
FollowUpPersonFilter = Annotated[Optional[str], opt.filter_option(
    "--person", help=f"Only those of interactions with {_WITH_PERSON}")]
FollowUpOrgFilter = Annotated[Optional[str], opt.filter_option(
    "--org", help=f"Only those of interactions with {_WITH_ORG}")]
Repeated = Optional[list[str]]


InteractionId = opt.record_id("The interaction's id.")
FollowUpId = opt.record_id("The follow-up's id.")
# The options add and edit share (required in add, optional in edit).
KIND = typer.Option("--kind", metavar="KIND", show_default=False,
                    help="meeting, call, email, letter, visit or note.")
TOOK_PLACE = typer.Option("--date", metavar="DATE", show_default=False,
                          help="When it took place (YYYY-MM-DD; not after today).")
SUMMARY = typer.Option("--summary", metavar="TEXT", help="What was discussed.",
                       show_default=False)
PROMISED = typer.Option("--follow-up", metavar="TEXT", help="What was promised.",
                        show_default=False)
DUE = typer.Option("--due", metavar="DATE", help="Due date (YYYY-MM-DD).", show_default=False)


@interaction_app.command("add")
def add(
    ctx: typer.Context,
    kind: Annotated[str, KIND],
    date: Annotated[str, TOOK_PLACE],
    summary: Annotated[str, SUMMARY],
    people: Annotated[Repeated, opt.reference_option(
        "--person", metavar="PERSON", help="A person involved (repeatable).",
        what=opt.ID_EMAIL_OR_NAME)] = None,
    orgs: Annotated[Repeated, opt.reference_option(
        "--org", metavar="ORG", help="An organization involved (repeatable).")] = None,
    event: Annotated[Optional[str], opt.reference_option(
        "--event", metavar="EVENT", help="The event it was part of.")] = None,
    campaign: Annotated[Optional[str], opt.reference_option(
        "--campaign", metavar="CAMPAIGN", help="The campaign it concerns.")] = None,
    follow_ups: Annotated[Repeated, typer.Option(
        "--follow-up", metavar="TEXT",
        help="Something promised (repeatable; each needs a --due).")] = None,
    dues: Annotated[Repeated, typer.Option(
        "--due", metavar="DATE", help="Due date of each follow-up, in order (repeatable).")] = None,
    owners: Annotated[Repeated, typer.Option(
        "--owner", metavar="NAME",
        help="Who owns the follow-ups: once for all, or once per follow-up (repeatable).")] = None,
) -> None:
    """Log an interaction with one or more people and organizations, and its follow-ups.

    \b
    Example: stakeholders interaction add --person "Cesar Guedes" --org FIA --kind meeting --date 2017-08-02 --summary "Border training plan" --follow-up "Send draft MoU" --due 2017-08-16 --owner Amna
    """
    from stakeholders.services import interactions
    from stakeholders.text import counted

    specs = interactions.pair_follow_ups(follow_ups or [], dues or [], owners or [])
    with session(ctx, write=True) as s:
        created = interactions.add_interaction(
            s, kind=kind, date=date, summary=summary, people=people or [], orgs=orgs or [],
            event=event, campaign=campaign, follow_ups=specs)
        ident, follow_up_ids = created.id, sorted(f.id for f in created.follow_ups)
        no_contact = interactions.no_contact_warnings(s, ident)
    # the follow-ups' ids, which `followup done` and `edit` take
    with_follow_ups = (f" with {counted(len(follow_up_ids), 'follow-up')} ("
                       + ", ".join(f"#{n}" for n in follow_up_ids) + ")") if follow_up_ids else ""
    new_id(ident, f"Logged interaction #{ident}{with_follow_ups}")
    warn(no_contact)


@interaction_app.command("list")
def list_(
    ctx: typer.Context,
    person: PersonFilter = None,
    org: OrgFilter = None,
    campaign: Annotated[Optional[str], opt.filter_option(
        "--campaign", metavar="CAMPAIGN",
        help="Only those about this campaign or its events.")] = None,
    since: Annotated[Optional[str], opt.filter_option(
        "--since", help="Only on or after this date (YYYY-MM-DD).")] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """List interactions, newest first, with who took part and open follow-ups.

    \b
    Example: stakeholders interaction list --org FIA --since 2017-07-01
    """
    from stakeholders.render import write_rows
    from stakeholders.services import interactions

    with session(ctx, write=False) as s:
        rows = interactions.list_interactions(s, person=person, org=org,
                                              campaign=campaign,
                                              since=since)
    write_rows(rows, format, interactions.INTERACTION_COLUMNS)


@interaction_app.command("edit")
def edit(
    ctx: typer.Context,
    ident: InteractionId,
    kind: Annotated[Optional[str], KIND] = None,
    date: Annotated[Optional[str], TOOK_PLACE] = None,
    summary: Annotated[Optional[str], SUMMARY] = None,
    event: Annotated[Optional[str], typer.Option(
        "--event", metavar="EVENT", help="The event it was part of (\"\" for none).")] = None,
    campaign: Annotated[Optional[str], typer.Option(
        "--campaign", metavar="CAMPAIGN", help="The campaign it concerns (\"\" for none).")
    ] = None,
    people: Annotated[Repeated, opt.reference_option(
        "--person", metavar="PERSON", help="A person to add (repeatable).",
        what=opt.ID_EMAIL_OR_NAME)] = None,
    remove_people: Annotated[Repeated, opt.reference_option(
        "--remove-person", metavar="PERSON", help="A person to take off (repeatable).",
        what=opt.ID_EMAIL_OR_NAME)] = None,
    orgs: Annotated[Repeated, opt.reference_option(
        "--org", metavar="ORG", help="An organization to add (repeatable).")] = None,
    remove_orgs: Annotated[Repeated, opt.reference_option(
        "--remove-org", metavar="ORG", help="An organization to take off (repeatable).")] = None,
) -> None:
    """Correct an interaction: what is given changes, the rest stays. An empty --event or
    --campaign clears it; people and organizations are taken off, then added, and at least
    one must remain. Its follow-ups are corrected with `followup edit`.

    \b
    Example: stakeholders interaction edit 1 --date 2017-08-03 --remove-org FIA --person "Cesar Guedes"
    """
    refuse_no_change(ctx)
    from stakeholders.services import interactions

    with session(ctx, write=True) as s:
        added = interactions.edit_interaction(
            s, ident, kind=kind, date=date, summary=summary, event=event,
            campaign=campaign,
            people=people or [], remove_people=remove_people or [], orgs=orgs or [],
            remove_orgs=remove_orgs or [])
        no_contact = interactions.no_contact_warnings(s, ident, added)
        message = updated(s, f"interaction #{ident}")
    info(message)
    warn(no_contact)


@interaction_app.command("remove")
def remove(ctx: typer.Context, ident: InteractionId, yes: opt.Yes = False) -> None:
    """Remove an interaction with its follow-ups; the people and organizations stay.

    Asks first (or needs --yes) when it has follow-ups.

    \b
    Example: stakeholders interaction remove 1 --yes
    """
    from stakeholders.services import interactions

    removed = write_confirmed(ctx, yes, lambda s, confirm: interactions.remove_interaction(
        s, ident, confirm))
    info(f"Removed interaction {removed}")


@followup_app.command("add")
def followup_add(
    ctx: typer.Context,
    event: Annotated[str, opt.reference_option(
        "--event", help="The event where it was promised.", show_default=False)],
    text: Annotated[str, PROMISED],
    due: Annotated[str, DUE],
    owner: Annotated[Optional[str], typer.Option("--owner", help="Who owns it.")] = None,
) -> None:
    """Add a follow-up promised at an event (those from interactions come with `interaction add`).

    \b
    Example: stakeholders followup add --event GLO.ACT --follow-up "Send photos to speakers" --due 2017-07-26 --owner Amna
    """
    from stakeholders.services import followups
    from stakeholders.services.interactions import FollowUpSpec

    # One follow-up: an option given twice (as `interaction add` takes them) is refused, as
    # every one-value option is (see stakeholders.cli._single_values_once).
    with session(ctx, write=True) as s:
        ident = followups.add_to_event(s, event, FollowUpSpec(text, due, owner)).id
    new_id(ident, f"Added follow-up #{ident}")


@followup_app.command("list")
def followup_list(
    ctx: typer.Context,
    owner: Annotated[Optional[str], opt.filter_option(
        "--owner", help="Only this owner's (the name, or words of it).")] = None,
    due_before: Annotated[Optional[str], opt.filter_option(
        "--due-before", help="Only those due before this date.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open ones due before "
                                          "today.")] = False,
    only_open: Annotated[bool, typer.Option("--open", help="Only open ones, the overdue "
                                            "included.")] = False,
    only_done: Annotated[bool, typer.Option("--done", help="Only done ones.")] = False,
    person: FollowUpPersonFilter = None,
    org: FollowUpOrgFilter = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """List follow-ups by due date, with their state: open, overdue or done.

    \b
    Example: stakeholders followup list --overdue --owner Amna
    """
    from stakeholders.clock import today
    from stakeholders.render import write_rows
    from stakeholders.services import followups

    # no follow-up is both: refuse rather than let one flag win
    one_of(ctx, {"--open": only_open, "--done": only_done})
    one_of(ctx, {"--overdue": overdue, "--done": only_done})
    is_open = True if only_open else False if only_done else None
    with session(ctx, write=False) as s:
        rows = followups.list_follow_ups(s, today=today(), owner=owner, due_before=due_before,
                                         overdue=overdue, is_open=is_open, person=person,
                                         org=org)
    write_rows(rows, format, followups.FOLLOW_UP_COLUMNS)


@followup_app.command("done")
def followup_done(
    ctx: typer.Context,
    ident: FollowUpId,
    note: Annotated[Optional[str], typer.Option("--note", help="What was done.")] = None,
    on: Annotated[Optional[str], typer.Option(
        "--on", metavar="YYYY-MM-DD",
        help="The day it was done, if not today (not after today, nor before the "
        "interaction or event that promised it).")] = None,
) -> None:
    """Mark a follow-up done today (or --on the day it was done), with an optional note.

    \b
    Example: stakeholders followup done 3 --note "MoU draft sent by email"
    """
    from stakeholders.clock import today
    from stakeholders.services import followups

    with session(ctx, write=True) as s:
        done = followups.mark_done(s, ident, today=today(), on=on, note=note)
    info(f"Follow-up #{ident} done on {done.done_on}")


@followup_app.command("reopen")
def followup_reopen(ctx: typer.Context, ident: FollowUpId) -> None:
    """Reopen a follow-up marked done by mistake.

    \b
    Example: stakeholders followup reopen 3
    """
    from stakeholders.services import followups

    with session(ctx, write=True) as s:
        followups.reopen(s, ident)
    info(f"Follow-up #{ident} is open again")


@followup_app.command("edit")
def followup_edit(
    ctx: typer.Context,
    ident: FollowUpId,
    text: Annotated[Optional[str], PROMISED] = None,
    due: Annotated[Optional[str], DUE] = None,
    owner: Annotated[Optional[str], typer.Option(
        "--owner", metavar="NAME", help="Who owns it (\"\" for no one).")] = None,
) -> None:
    """Correct a follow-up's text, due date or owner; the rest, done or not, stays.

    \b
    Example: stakeholders followup edit 1 --due 2017-08-23 --owner Bilal
    """
    refuse_no_change(ctx)
    from stakeholders.services import followups

    with session(ctx, write=True) as s:
        followups.edit_follow_up(s, ident, text=text, due=due, owner=owner)
        message = updated(s, f"follow-up #{ident}")
    info(message)


@followup_app.command("remove")
def followup_remove(ctx: typer.Context, ident: FollowUpId, yes: opt.Yes = False) -> None:
    """Remove a follow-up logged by mistake or twice.

    Nothing else goes with it, so it is removed without asking (--yes is accepted, as by
    every remove).

    \b
    Example: stakeholders followup remove 1
    """
    from stakeholders.services import followups

    with session(ctx, write=True) as s:
        removed = followups.remove_follow_up(s, ident)
    info(f"Removed follow-up {removed}")


def register(app: typer.Typer) -> None:
    app.add_typer(interaction_app, name="interaction")
    app.add_typer(followup_app, name="followup")
