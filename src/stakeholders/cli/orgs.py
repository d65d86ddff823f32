"""``stakeholders org …``: the organizations people come for."""

from typing import Annotated, Optional

import typer

from stakeholders.cli.common import (
    FormatOption,
    info,
    new_id,
    refuse_no_change,
    session,
    updated,
    write_confirmed,
)
from stakeholders.cli import merging, options as opt
from stakeholders.render import Format
from stakeholders.vocab import MergeKind

org_app = typer.Typer(
    help="Organizations: ministries, missions, agencies, outlets.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)

#: The lists in `show`: sub-tables in table format, left out of CSV.
SHOW_LISTS = ["contact_points", "people", "partnerships"]
#: What a table shows of each organization; CSV and JSON carry every field.
TABLE_COLUMNS = ["id", "name", "acronym", "sector", "country", "parent", "people", "tags"]

OrgArg = Annotated[str, opt.reference_argument("Id, name or acronym.")]
Acronym = Annotated[Optional[str], typer.Option(
    help="Short name, e.g. UNODC; not another organization's name or acronym.")]
_SECTORS = ("un-agency, government, diplomatic-mission, donor, police, judiciary, ngo, "
            "civil-society, academia, media, private-sector or other.")
_COUNTRY = "ISO 3166 code or country name, e.g. PK or Pakistan."
SectorOpt = Annotated[Optional[str], typer.Option("--sector", help=_SECTORS)]
Country = Annotated[Optional[str], typer.Option("--country", help=_COUNTRY)]
Parent = Annotated[Optional[str], typer.Option(help="The organization it belongs to.")]
NewParent = Annotated[Optional[str], opt.reference_option(
    "--parent", help="The organization it belongs to.")]
Website = Annotated[Optional[str], typer.Option(help="Web address.")]


@org_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.", show_default=False)],
    acronym: Acronym = None,
    sector: SectorOpt = None,
    country: Country = None,
    parent: NewParent = None,
    website: Website = None,
    email: opt.Emails = None,
    phone: opt.Phones = None,
    region: opt.Region = None,
    tag: opt.Tags = None,
    note: opt.Note = None,
) -> None:
    """Add an organization; prints its id.

    \b
    Example: stakeholders org add "Federal Investigation Agency" --acronym FIA --sector police --country PK
    """
    from stakeholders.services.orgs import add_organization

    with session(ctx, write=True) as s:
        org = add_organization(
            s, name, acronym=acronym, sector=sector, country=country, parent=parent,
            website=website, emails=email or (), phones=phone or (), region=region,
            tags=tag or (), notes=note,
        )
    new_id(org.id, f"Added organization #{org.id} {org.name}")


@org_app.command("list")
def list_(
    ctx: typer.Context,
    sector: Annotated[Optional[str], opt.filter_option("--sector", help=_SECTORS)] = None,
    country: Annotated[Optional[str], opt.filter_option("--country", help=_COUNTRY)] = None,
    tag: opt.TagFilter = None,
    search: Annotated[Optional[str], opt.filter_option(
        "--search", help="Only those whose name or acronym contains this text.")] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """List organizations by name.

    \b
    Example: stakeholders org list --sector un-agency --format csv
    """
    from stakeholders.render import write_rows
    from stakeholders.services.orgs import ORGANIZATION_COLUMNS, list_organizations

    with session(ctx, write=False) as s:
        write_rows(list_organizations(s, sector=sector, country=country, tag=tag, search=search),
                   format, TABLE_COLUMNS if format is Format.TABLE else ORGANIZATION_COLUMNS)


@org_app.command("show")
def show(ctx: typer.Context, org: OrgArg, format: FormatOption = Format.TABLE) -> None:
    """Show an organization with its contacts, people and campaign partnerships.

    \b
    Example: stakeholders org show UNODC
    """
    from stakeholders.render import write_record
    from stakeholders.services.orgs import show_organization

    with session(ctx, write=False) as s:
        write_record(show_organization(s, org), format, nested=SHOW_LISTS)


@org_app.command("edit")
def edit(
    ctx: typer.Context,
    org: OrgArg,
    name: Annotated[Optional[str], typer.Option(help="New name.")] = None,
    acronym: Acronym = None,
    sector: SectorOpt = None,
    country: Country = None,
    parent: Parent = None,
    website: Website = None,
    email: opt.Emails = None,
    remove_email: opt.RemoveEmails = None,
    phone: opt.Phones = None,
    remove_phone: opt.RemovePhones = None,
    region: opt.Region = None,
    tag: opt.Tags = None,
    untag: opt.Untags = None,
    note: opt.Note = None,
) -> None:
    """Change an organization; an empty value ("") clears an optional field.

    \b
    Example: stakeholders org edit FIA --website fia.gov.pk --tag law-enforcement
    """
    refuse_no_change(ctx)
    from stakeholders.services.orgs import edit_organization

    with session(ctx, write=True) as s:
        changed = edit_organization(
            s, org, name=name, acronym=acronym, sector=sector, country=country, parent=parent,
            website=website, emails=email or (), remove_emails=remove_email or (),
            phones=phone or (), remove_phones=remove_phone or (), region=region,
            tags=tag or (), untags=untag or (), notes=note,
        )
        message = updated(s, f"organization #{changed.id} {changed.name}")
    info(message)


@org_app.command("remove")
def remove(
    ctx: typer.Context,
    org: OrgArg,
    yes: opt.Yes = False,
) -> None:
    """Remove an organization, with its affiliations, campaign partnerships and assessments.

    Attendances made for it and interactions with it are kept without the organization. Asks
    first (or needs --yes) when anything refers to it.

    \b
    Example: stakeholders org remove "Embassy of the United States" --yes
    """
    from stakeholders.services.orgs import remove_organization

    removed = write_confirmed(ctx, yes, lambda s, confirm: remove_organization(s, org, confirm))
    info(f"Removed organization {removed}")


merging.register(org_app, MergeKind.ORGANIZATION)


def register(app: typer.Typer) -> None:
    app.add_typer(org_app, name="org")
