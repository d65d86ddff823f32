"""``stakeholders campaign …``: campaigns, their partners, events and handles."""

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
    write_confirmed,
)
from stakeholders.cli import options as opt
from stakeholders.render import Format
from stakeholders.vocab import PartnerRole

campaign_app = noun_app("Campaigns: add, list, show, edit, remove, and record their partners.")

#: The lists in `show`: sub-tables in table format, left out of CSV.
SHOW_LISTS = ["partners", "events"]

CampaignArg = Annotated[str, opt.reference_argument("Campaign id, name or acronym.")]
Acronym = Annotated[Optional[str], typer.Option(
    "--acronym", metavar="TEXT",
    help="Short name, e.g. GLO.ACT; not another campaign's name or acronym.")]
Start = Annotated[Optional[str], typer.Option(
    "--start", metavar="DATE", help="Start date, YYYY-MM-DD.")]
End = Annotated[Optional[str], typer.Option(
    "--end", metavar="DATE", help="End date, YYYY-MM-DD.")]
Description = Annotated[Optional[str], typer.Option(
    "--description", metavar="TEXT", help="What it is about.")]
Handles = Annotated[Optional[list[str]], typer.Option(
    "--handle", metavar="@HANDLE", help="Social media handle, e.g. @glo_act; repeatable.")]


@campaign_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign's full name.", show_default=False)],
    acronym: Acronym = None,
    start: Start = None,
    end: End = None,
    description: Description = None,
    handle: Handles = None,
) -> None:
    """Add a campaign; prints its id.

    \b
    Example: stakeholders campaign add "Global Action against Trafficking" --acronym GLO.ACT --handle @glo_act
    """
    from stakeholders.services import campaigns

    with session(ctx, write=True) as s:
        c = campaigns.add_campaign(s, name, acronym=acronym, start=start, end=end,
                                   description=description, handles=handle or [])
    new_id(c.id, f"Added campaign #{c.id} {c.name}")


@campaign_app.command("partner")
def partner(
    ctx: typer.Context,
    campaign: CampaignArg,
    org: Annotated[str, opt.reference_argument("Organization id, name or acronym.")],
    role: Annotated[str, typer.Option(
        "--role", metavar="ROLE", help="One of: " + ", ".join(PartnerRole.values()),
        show_default=False)],
    instead_of: Annotated[Optional[str], typer.Option(
        "--instead-of", metavar="ROLE",
        help="The role it is recorded with, to be corrected to --role.")] = None,
    remove: Annotated[bool, typer.Option(
        "--remove", help="Take off its link as --role (the organization stays).")] = False,
) -> None:
    """Record an organization as a partner of a campaign (funder, lead agency…), correct the
    role it is recorded with (--instead-of), or take the link off (--remove).

    \b
    Example: stakeholders campaign partner GLO.ACT EU --role co-funder --instead-of funder
    """
    from stakeholders.services import campaigns

    with session(ctx, write=True) as s:
        if remove or instead_of is not None:
            message = campaigns.correct_partner(s, campaign, org, role, instead_of=instead_of,
                                                remove=remove)
        else:
            p = campaigns.partner(s, campaign, org, role)
            message = f"{p.organization.name} is now {p.role} of {p.campaign.name}"
    info(message)


@campaign_app.command("list")
def list_(ctx: typer.Context, format: FormatOption = Format.TABLE) -> None:
    """List campaigns with their numbers of partners and events.

    \b
    Example: stakeholders campaign list --format csv
    """
    from stakeholders.render import write_rows
    from stakeholders.services import campaigns

    with session(ctx, write=False) as s:
        rows = campaigns.list_campaigns(s)
    write_rows(rows, format, campaigns.CAMPAIGN_COLUMNS)


@campaign_app.command("show")
def show(ctx: typer.Context, campaign: CampaignArg, format: FormatOption = Format.TABLE) -> None:
    """Show a campaign with its partners by role, its events and its handles.

    \b
    Example: stakeholders campaign show GLO.ACT --format json
    """
    from stakeholders.render import write_record
    from stakeholders.services import campaigns

    with session(ctx, write=False) as s:
        record = campaigns.campaign_detail(s, campaign)
    write_record(record, format, nested=SHOW_LISTS)


@campaign_app.command("edit")
def edit(
    ctx: typer.Context,
    campaign: CampaignArg,
    name: opt.NewName = None,
    acronym: Acronym = None,
    start: Start = None,
    end: End = None,
    description: Description = None,
    handle: Handles = None,
    remove_handle: Annotated[Optional[list[str]], typer.Option(
        "--remove-handle", metavar="@HANDLE", help="Social media handle to remove; repeatable.")
    ] = None,
) -> None:
    """Change a campaign's name, acronym, dates or description, or add and remove handles.

    \b
    Example: stakeholders campaign edit GLO.ACT --end 2021-12-31 --remove-handle @glo_act
    """
    refuse_no_change(ctx)
    from stakeholders.services import campaigns

    with session(ctx, write=True) as s:
        c = campaigns.edit_campaign(s, campaign, name=name, acronym=acronym, start=start,
                                    end=end, description=description, handles=handle or [],
                                    remove_handles=remove_handle or [])
        outside = campaigns.events_outside(s, c) if start or end else []
        message = updated(s, f"campaign #{c.id} {c.name}")
    info(message)
    warn(outside)


@campaign_app.command("remove")
def remove(ctx: typer.Context, campaign: CampaignArg, yes: opt.Yes = False) -> None:
    """Remove a campaign with its partner and event links, handles and assessments.

    Events, organizations and interactions logged for it stay. Asks first (or needs --yes)
    when anything refers to it.

    \b
    Example: stakeholders campaign remove GLO.ACT --yes
    """
    from stakeholders.services import campaigns

    removed = write_confirmed(ctx, yes, lambda s, confirm: campaigns.remove_campaign(
        s, campaign, confirm))
    info(f"Removed campaign {removed}")


def register(app: typer.Typer) -> None:
    app.add_typer(campaign_app, name="campaign")
