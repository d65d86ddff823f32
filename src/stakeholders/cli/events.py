"""``stakeholders event …``: launches, meetings, workshops and the campaigns they serve."""

from typing import Annotated, Optional

import typer

from stakeholders.cli.common import (
    FormatOption,
    info,
    moved_note,
    new_id,
    noun_app,
    refuse_no_change,
    review_note,
    session,
    updated,
    warn,
    write_confirmed,
)
from stakeholders.cli import options as opt
from stakeholders.render import Format
from stakeholders.vocab import EventKind, Sector

event_app = noun_app("Events: add, list, show, edit and remove.")

#: The lists in `show`: sub-tables in table format, left out of CSV.
SHOW_LISTS = ["campaigns", "sectors_present"]

EventArg = Annotated[str, opt.reference_argument(
    "Event id, name, the acronym of its campaign, or words of the name only it holds.")]
# --end too, as a campaign's and a post's last day are given
EndDate = Annotated[Optional[str], typer.Option(
    "--end-date", "--end", metavar="DATE", help="Last day, YYYY-MM-DD.")]
Kind = Annotated[Optional[str], typer.Option(
    "--kind", metavar="KIND",
    help="One of: " + ", ".join(EventKind.values()) + " (default: other).")]
EditKind = Annotated[Optional[str], typer.Option(
    "--kind", metavar="KIND", help="One of: " + ", ".join(EventKind.values()) + ".")]
Venue = Annotated[Optional[str], typer.Option(
    "--venue", metavar="TEXT", help="Where, e.g. a hotel.")]
City = Annotated[Optional[str], typer.Option("--city", metavar="TEXT", help="City.")]
Country = Annotated[Optional[str], typer.Option(
    "--country", metavar="CC", help="ISO 3166 code or country name, e.g. PK.")]
Campaigns = Annotated[Optional[list[str]], opt.reference_option(
    "--campaign", metavar="CAMPAIGN",
    help="A campaign it belongs to (id, name or acronym); repeatable.")]
Sectors = Annotated[Optional[list[str]], typer.Option(
    "--sector-present", metavar="SECTOR[=WHO]",
    help="A sector present without named people, and who they were if given "
    "(government=\"provincial line departments\"); repeatable. SECTOR is one of: "
    + ", ".join(Sector.values()))]


@event_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The event's name.", show_default=False)],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="First day, YYYY-MM-DD.",
                                      show_default=False)],
    end_date: EndDate = None,
    kind: Kind = None,
    venue: Venue = None,
    city: City = None,
    country: Country = None,
    campaign: Campaigns = None,
    sector_present: Sectors = None,
    note: opt.Note = None,
) -> None:
    """Add an event; prints its id.

    \b
    Example: ev=$(stakeholders event add "GLO.ACT launch, Islamabad" --date 2017-07-19 --kind launch --city Islamabad --country PK --campaign GLO.ACT)
    """
    from stakeholders.services import events

    with session(ctx, write=True) as s:
        e = events.add_event(s, name, date=date, end_date=end_date, kind=kind, venue=venue,
                             city=city, country=country, campaigns=campaign or [],
                             sectors_present=sector_present or [], notes=note)
        outside = events.outside_campaigns(e)
    new_id(e.id, f"Added event #{e.id} {e.name} ({e.start_date})")
    warn(outside)


@event_app.command("list")
def list_(
    ctx: typer.Context,
    campaign: Annotated[Optional[list[str]], opt.filter_option(
        "--campaign", metavar="CAMPAIGN",
        help="Only the events of this campaign (repeatable: of any of them).")] = None,
    from_: Annotated[Optional[str], opt.filter_option(
        "--from", metavar="DATE", help="Only events on or after this date.")] = None,
    to: Annotated[Optional[str], opt.filter_option(
        "--to", metavar="DATE", help="Only events starting on or before this date.")] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """List events by date, with their campaigns and numbers of attendances.

    \b
    Example: stakeholders event list --campaign GLO.ACT --from 2017-01-01
    """
    from stakeholders.render import write_rows
    from stakeholders.services import events

    with session(ctx, write=False) as s:
        rows = events.list_events(s, campaigns=campaign or (), start=from_, end=to)
    write_rows(rows, format, events.EVENT_COLUMNS)


@event_app.command("show")
def show(ctx: typer.Context, event: EventArg, format: FormatOption = Format.TABLE) -> None:
    """Show an event with its campaigns, the sectors present and attendance by status.

    \b
    Example: stakeholders event show "GLO.ACT launch, Islamabad"
    """
    from stakeholders.render import write_record
    from stakeholders.services import events

    with session(ctx, write=False) as s:
        record = events.event_detail(s, event)
    write_record(record, format, nested=SHOW_LISTS)


@event_app.command("edit")
def edit(
    ctx: typer.Context,
    event: EventArg,
    name: opt.NewName = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="DATE", help="First day, YYYY-MM-DD.")] = None,
    end_date: EndDate = None,
    kind: EditKind = None,
    venue: Venue = None,
    city: City = None,
    country: Country = None,
    campaign: Campaigns = None,
    remove_campaign: Annotated[Optional[list[str]], opt.reference_option(
        "--remove-campaign", metavar="CAMPAIGN",
        help="A campaign it no longer belongs to; repeatable.")] = None,
    sector_present: Sectors = None,
    remove_sector_present: Annotated[Optional[list[str]], typer.Option(
        "--remove-sector-present", metavar="SECTOR",
        help="A sector no longer recorded as present; repeatable.")] = None,
    note: opt.Note = None,
) -> None:
    """Change an event: what is given changes, the rest stays. An empty value (--end-date "")
    clears the end date, venue, city, country or note.

    \b
    Example: stakeholders event edit 1 --venue "Serena Hotel" --remove-campaign GLO.ACT --remove-sector-present media
    """
    refuse_no_change(ctx)
    from stakeholders.services import events

    with session(ctx, write=True) as s:
        done = events.edit_event(s, event, name=name, date=date, end_date=end_date, kind=kind,
                                 venue=venue, city=city, country=country,
                                 campaigns=campaign or [],
                                 remove_campaigns=remove_campaign or [],
                                 sectors_present=sector_present or [],
                                 remove_sectors_present=remove_sector_present or [], notes=note)
        e = done.event
        message = updated(s, f"event #{e.id} {e.name}")
    info(message + moved_note(done.organizations_moved, "the new date"))
    if done.organizations_to_review:
        info(review_note(done.organizations_to_review, then="on the old date",
                         now=f"on {e.start_date}", review=f"attendance list {e.id}"))
    warn(done.outside_campaigns)


@event_app.command("remove")
def remove(
    ctx: typer.Context,
    event: EventArg,
    yes: opt.Yes = False,
) -> None:
    """Remove an event with its attendances, statements and follow-ups.

    Interactions logged at it stay. Asks first (or needs --yes) when it has attendances,
    statements or follow-ups, or interactions were logged at it.

    \b
    Example: stakeholders event remove 3 --yes
    """
    from stakeholders.services import events

    removed = write_confirmed(ctx, yes, lambda s, confirm: events.remove_event(s, event, confirm))
    info(f"Removed event {removed}")


def register(app: typer.Typer) -> None:
    app.add_typer(event_app, name="event")
