"""``stakeholders person …``: the people, their names, affiliations, contacts and opt-outs."""

from typing import Annotated, Optional

import typer

from stakeholders.cli.common import (
    FormatOption,
    info,
    moved_note,
    new_id,
    refuse_no_change,
    review_note,
    session,
    updated,
    write_confirmed,
)
from stakeholders.cli import merging, options as opt
from stakeholders.render import Format
from stakeholders.vocab import MergeKind

person_app = typer.Typer(
    help="People: names, affiliations, contact points, tags and opt-outs.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)

#: The lists in `show`: sub-tables in table format, left out of CSV.
SHOW_LISTS = ["affiliations", "contact_points", "attendances"]
#: What a table shows of each person; CSV and JSON carry every field.
TABLE_COLUMNS = ["id", "name", "organization", "position", "email", "tags"]

PersonArg = Annotated[str, opt.reference_argument(
    "Id, email, or name (with or without honorific).", what=opt.ID_EMAIL_OR_NAME)]
Handles = Annotated[Optional[list[str]], typer.Option(
    "--handle", metavar="@HANDLE", help="Social media handle, e.g. @glo_act (repeatable).")]
Given = Annotated[Optional[str], typer.Option(help="Given name(s), instead of the parser's.")]
Family = Annotated[Optional[str], typer.Option(help="Family name, instead of the parser's.")]
Honorific = Annotated[Optional[str], typer.Option(help="Honorific of office, e.g. H.E.")]
Title = Annotated[Optional[str], typer.Option(help="Courtesy or academic title, e.g. Ms. or Dr.")]


@person_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(
        help='The name as written, e.g. "H.E. Ms. Margaret Adamson".', show_default=False)],
    org: Annotated[Optional[str], opt.reference_option(
        "--org", help="Organization (primary affiliation).")] = None,
    position: Annotated[Optional[str], typer.Option(help="Position at --org.")] = None,
    email: opt.Emails = None,
    phone: opt.Phones = None,
    handle: Handles = None,
    region: opt.Region = None,
    tag: opt.Tags = None,
    no_email: Annotated[bool, typer.Option("--no-email", help="Opted out of email.")] = False,
    no_contact: Annotated[bool, typer.Option(
        "--no-contact", help="Asked not to be contacted at all.")] = False,
    note: opt.Note = None,
    given: Given = None,
    family: Family = None,
    honorific: Honorific = None,
    title: Title = None,
) -> None:
    """Add a person; the name is split into honorific, title, given and family names.

    \b
    Example: stakeholders person add "H.E. Ms. Margaret Adamson" --org "Australian High Commission" --position "High Commissioner"
    """
    from stakeholders.services.people import add_person_noting_alikes

    with session(ctx, write=True) as s:
        person, alikes, on_list = add_person_noting_alikes(
            s, name, given=given, family=family, honorific=honorific, title=title, org=org,
            position=position, emails=email or (), phones=phone or (), handles=handle or (),
            region=region, tags=tag or (), no_email=no_email, no_contact=no_contact, notes=note,
        )
    from stakeholders.names import display_name

    # named as lists name them: "Col. (R) Asif Ali", not "(R) Asif Ali"
    new_id(person.id, f"Added person #{person.id} "
                      f"{display_name(person.honorific, person.title, person.full_name)}")
    for other, why in alikes:
        info(f"Note: #{other.id} {other.full_name} has {why}; if they are one person: "
             f"stakeholders person merge {other.id} {person.id}")
    _note_listed(on_list, person.id)


def _note_listed(reasons: dict[str, int], person_id: int) -> None:
    """Say that email addresses just given to the person are on the suppression list (``reasons``:
    how many, by the reason they were listed for), and what takes them off: an email opt-in
    lifts only an address listed by hand, not one listed when someone who opted out was removed
    or forgotten (it may be a colleague's inbox)."""
    from stakeholders.vocab import SuppressionReason

    n = sum(reasons.values())
    if not n:
        return
    listed = (f"Note: {'an email address' if n == 1 else f'{n} email addresses'} of "
              f"#{person_id} {'is' if n == 1 else 'are'} on the suppression list, which exports "
              "leave out")
    if set(reasons) == {SuppressionReason.ASKED.value}:
        info(f"{listed}; an email opt-in (person consent) or `suppression remove` takes "
             f"{'it' if n == 1 else 'them'} off")
        return
    info(f"{listed}; one listed for someone who opted out or was forgotten (perhaps a colleague "
         "sharing the inbox) stays after an email opt-in; if the address is theirs alone and "
         "they asked to be mailed again: stakeholders suppression remove EMAIL")


@person_app.command("list")
def list_(
    ctx: typer.Context,
    org: Annotated[Optional[str], opt.filter_option(
        "--org", help="Only people who work there now (former staff: report organization).")
    ] = None,
    tag: opt.TagFilter = None,
    sector: Annotated[Optional[str], opt.filter_option(
        "--sector", help="Only people who work now for an organization of this sector.")] = None,
    search: Annotated[Optional[str], opt.filter_option(
        "--search", help="Only those whose name or email contains this text.")] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """List people by family name.

    \b
    Example: stakeholders person list --org UNODC --format json
    """
    from stakeholders.render import write_rows
    from stakeholders.services.people import PERSON_COLUMNS, list_people

    with session(ctx, write=False) as s:
        write_rows(list_people(s, org=org, tag=tag, sector=sector, search=search),
                   format, TABLE_COLUMNS if format is Format.TABLE else PERSON_COLUMNS)


@person_app.command("show")
def show(ctx: typer.Context, person: PersonArg, format: FormatOption = Format.TABLE) -> None:
    """Show a person with affiliations, contact points, tags and attendance history.

    \b
    Example: stakeholders person show "jean-francois cautain"
    """
    from stakeholders.render import write_record
    from stakeholders.services.people import show_person

    with session(ctx, write=False) as s:
        write_record(show_person(s, person), format, nested=SHOW_LISTS)


@person_app.command("edit")
def edit(
    ctx: typer.Context,
    person: PersonArg,
    name: Annotated[Optional[str], typer.Option(
        help="New name as written; split again like `person add`.")] = None,
    given: Given = None,
    family: Family = None,
    honorific: Honorific = None,
    title: Title = None,
    email: opt.Emails = None,
    remove_email: opt.RemoveEmails = None,
    phone: opt.Phones = None,
    remove_phone: opt.RemovePhones = None,
    handle: Handles = None,
    remove_handle: Annotated[Optional[list[str]], typer.Option(
        "--remove-handle", metavar="@HANDLE", help="Social media handle to remove (repeatable).")] = None,
    region: opt.Region = None,
    tag: opt.Tags = None,
    untag: opt.Untags = None,
    no_email: Annotated[Optional[bool], typer.Option(
        "--no-email/--allow-email", help="Opt out of (or back into) email.",
        show_default=False)] = None,
    no_contact: Annotated[Optional[bool], typer.Option(
        "--no-contact/--allow-contact", help="Opt out of (or back into) any contact.",
        show_default=False)] = None,
    note: opt.Note = None,
) -> None:
    """Change a person; an empty value ("") clears an optional name part or the note.

    \b
    Example: stakeholders person edit "Shahida Gilani" --no-email --tag trafficking
    """
    refuse_no_change(ctx)
    from stakeholders.services import suppressions
    from stakeholders.services.people import edit_person, still_listed

    with session(ctx, write=True) as s:
        changed, listed = edit_person(
            s, person, name=name, given=given, family=family, honorific=honorific, title=title,
            emails=email or (), remove_emails=remove_email or (), phones=phone or (),
            remove_phones=remove_phone or (), handles=handle or (),
            remove_handles=remove_handle or (), region=region, tags=tag or (),
            untags=untag or (), no_email=no_email, no_contact=no_contact, notes=note,
        )
        on_list = suppressions.listed_among(s, email or ())
        message = updated(s, f"person #{changed.id} {changed.full_name}")
    info(message + still_listed(listed))
    _note_listed(on_list, changed.id)


@person_app.command("affiliate")
def affiliate(
    ctx: typer.Context,
    person: PersonArg,
    org: Annotated[str, opt.reference_argument("Id, name or acronym.")],
    position: Annotated[str, typer.Option(help="Position held.", show_default=False)],
    start: Annotated[Optional[str], typer.Option(help="Since (YYYY-MM-DD).")] = None,
    end: Annotated[Optional[str], typer.Option(help="Until (YYYY-MM-DD).")] = None,
    primary: Annotated[bool, typer.Option(
        "--primary", help="Make it the person's main affiliation.")] = False,
    instead_of: Annotated[Optional[str], typer.Option(
        "--instead-of", metavar="POSITION",
        help="The position it is recorded with, to be corrected to --position.")] = None,
    remove: Annotated[bool, typer.Option(
        "--remove", help="Take the affiliation off (--start says which, if held twice).")
    ] = False,
) -> None:
    """Record a position a person holds (or held) at an organization and print its id; when
    they already hold it, change its dates (an empty value clears one) or make it primary;
    --instead-of corrects its position, --remove takes it off.

    \b
    Example: stakeholders person affiliate "Margaret Akullo" UNODC --position "GLO.ACT Project Coordinator" --end 2017-12-31
    """
    from stakeholders.services.affiliations import Done, affiliate_or_correct

    with session(ctx, write=True) as s:
        result = affiliate_or_correct(
            s, person, org, position=position, start=start, end=end, primary=primary,
            instead_of=instead_of, remove=remove)
    said = result.message + moved_note(result.organizations_moved, "the event's date")
    if result.done is Done.ADDED:
        new_id(result.id, said)
    else:
        info(said)
    if result.organizations_to_review:
        info(review_note(result.organizations_to_review, then="on the event's date before",
                         now="now", review=f"report person #{result.person_id}"))


@person_app.command("remove")
def remove(
    ctx: typer.Context,
    person: PersonArg,
    yes: opt.Yes = False,
) -> None:
    """Remove a person with their affiliations, contacts, attendances, statements and assessments.

    Interactions with them, and attendances of others made on their behalf, are kept without
    naming them. Asks first (or needs --yes) when they have attendances, statements or
    assessments, attended for others, or took part in interactions.

    \b
    Example: stakeholders person remove "Junaid Khan" --yes
    """
    from stakeholders.services.people import remove_person

    removed = write_confirmed(ctx, yes, lambda s, confirm: remove_person(s, person, confirm))
    info(f"Removed person {removed}")



def _date(name: str, help: str) -> object:
    return typer.Option(name, metavar="DATE", show_default=False, help=help)


def _status(channel: str) -> object:
    return typer.Option(f"--{channel}", show_default=False, metavar="STATUS",
                        help=f"Consent for {channel}: opt-in, opt-out or unknown.")


@person_app.command("consent")
def consent(
    ctx: typer.Context,
    person: Annotated[str, opt.reference_argument("Id, email or name.",
                                                  what=opt.ID_EMAIL_OR_NAME)],
    email: Annotated[Optional[str], _status("email")] = None,
    phone: Annotated[Optional[str], _status("phone")] = None,
    post: Annotated[Optional[str], _status("post")] = None,
    source: Annotated[
        Optional[str],
        typer.Option("--source", show_default=False,
                     help='Where it comes from (needed to record consent), e.g. '
                     '"sign-in sheet, GLO.ACT launch".'),
    ] = None,
    date: Annotated[Optional[str],
                    _date("--date", "When it was given (YYYY-MM-DD; default: today; not later).")] = None,
    expires: Annotated[Optional[str], _date("--expires", "When it lapses (YYYY-MM-DD).")] = None,
    format: FormatOption = Format.TABLE,
) -> None:
    """Record a person's consent per channel; without a channel, show their consent history.

    \b
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
    from stakeholders.text import counted

    with session(ctx, write=True) as s:
        added = service.record(s, person, statuses, source=source,
                               given_on=date, expires_on=expires)
        left = service.opt_in_left(s, added)
        outranked = [f"{c.channel} {c.status}" for c in service.outranked(s, added)
                     if not (left.opted_in_since and c.channel == Channel.EMAIL.value)]
    for c in added:
        typer.echo(str(c.id))
    info("Recorded " + ", ".join(f"{c.channel} {c.status}" for c in added)
         + ("; they still may not be emailed: their request not to be emailed is more recent "
            "than this opt-in's date" if left.no_email else "")
         + (f"; the opt-out is not in force: their email opt-in of {left.opted_in_since} is "
            "more recent" if left.opted_in_since else "")
         + (f"; not in force: {', '.join(outranked)} (a more recent statement on "
            f"{'that channel' if len(outranked) == 1 else 'those channels'} counts)"
            if outranked else ""))
    if still_listed := left.listed:
        info(f"Note: {counted(still_listed, 'email address')} of theirs "
             f"{'stays' if still_listed == 1 else 'stay'} on the suppression list (put there "
             "when someone who opted out was removed or forgotten, perhaps a colleague sharing "
             "the inbox; or held by someone else too; or listed after this opt-in's date); if "
             "the address is theirs alone: "
             "stakeholders suppression remove EMAIL")


@person_app.command("forget")
def forget(
    ctx: typer.Context,
    person: Annotated[str, opt.reference_argument(
        "Id, email or name (or, when no one has it now, a name they had before a merge "
        "or an import changed it).", what=opt.ID_EMAIL_OR_NAME)],
    yes: opt.Yes = False,
) -> None:
    """Erase a person for good, keeping an anonymous placeholder for counts. Cannot be undone.

    Every mention of their name, email or phone elsewhere (notes, event names…) becomes
    [removed], whatever its case, accents or phone format. Their family name alone counts only
    when no one else's name and no organization's has it; otherwise only after a title (Ms.
    Khan, Minister Khan). A SQLite file is then compacted.

    \b
    Example: stakeholders person forget 12 --yes
    """
    from stakeholders.cli.common import state
    from stakeholders.db import compact, uninterrupted
    from stakeholders.errors import DatabaseError
    from stakeholders.services import erasure
    from stakeholders.text import counted

    done = write_confirmed(ctx, yes, lambda s, confirm: erasure.forget(s, person, confirm))
    removed = ", ".join(counted(done[key], noun) for key, noun in (
        ("contact_points", "contact point"), ("consents", "consent"),
        ("assessments", "assessment"), ("mentions_removed", "mention")))
    try:
        with uninterrupted():  # the erasure is committed: compacted, whatever Ctrl-C says
            compact(state(ctx).url)
    except DatabaseError as e:  # the erasure is committed: say so, then what is left
        raise DatabaseError(f"person #{done['person']} is forgotten, but {e}") from None
    listed = done["addresses_suppressed"]
    kept = (f"; {counted(listed, 'email address')} {'stays' if listed == 1 else 'stay'} on the "
            "suppression list, as a one-way hash" if listed else "")
    info(f"Forgot person #{done['person']} (now {done['placeholder']!r}): removed {removed}"
         f"{kept}; this cannot be undone.")


merging.register(person_app, MergeKind.PERSON)


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")
