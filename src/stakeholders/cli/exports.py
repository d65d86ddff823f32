"""``export contacts``: mailing lists and address-book files, opt-outs honoured."""

import sys
from typing import Annotated, Optional

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import OutputOption, info, needs_file, session, warn
from stakeholders.vocab import ExportProfile

export_app = typer.Typer(
    help="Write contacts for mailing tools, spreadsheets and address books.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)

Many = Optional[list[str]]

#: The layout an -o file's extension asks for, when --profile is not given; any layout but
#: vCard, JSON and the workbook is a CSV file.
EXTENSION_PROFILES = {".csv": ExportProfile.CSV, ".vcf": ExportProfile.VCARD,
                      ".json": ExportProfile.JSON, ".xlsx": ExportProfile.XLSX}


def _no_format(ctx: typer.Context, value: Optional[str]) -> None:
    """Reports and lists take --format; an export's layout is its --profile: said so, rather
    than Click's "No such option: --format (Possible options: --org)"."""
    if value is not None:
        from typer._click.exceptions import UsageError

        raise UsageError("export contacts takes --profile " + "|".join(ExportProfile.values())
                         + " for the file's layout, not --format", ctx=ctx)


def _profile(ctx: typer.Context, profile: ExportProfile, output) -> ExportProfile:
    """The layout to write: --profile when given (with a warning when the -o file's extension
    is that of another kind of file: vCards in contacts.csv), else the one the extension asks
    for ("-o launch.vcf"), else csv, as reports choose their format."""
    from typer._click.core import ParameterSource

    wanted = EXTENSION_PROFILES.get(output.suffix.lower()) if output is not None else None
    if wanted is None or _kind(wanted) == _kind(profile):
        return profile
    if ctx.get_parameter_source("profile") is ParameterSource.COMMANDLINE:
        warn([f"writing {profile.value} to {output.name}, as --profile says, not "
              f"{wanted.value} as its extension would"])
        return profile
    return wanted


def _kind(profile: ExportProfile) -> ExportProfile:
    """The kind of file a layout is: vCard, JSON, a workbook or (any other) CSV."""
    return (profile if profile in (ExportProfile.VCARD, ExportProfile.JSON, ExportProfile.XLSX)
            else ExportProfile.CSV)


@export_app.command("contacts")
def export_contacts(
    ctx: typer.Context,
    event: Annotated[Many, opt.filter_option("--event", help=(
        "Recorded at this event, in any status unless --status is given (repeatable)."))] = None,
    campaign: Annotated[Many, opt.filter_option("--campaign", help=(
        "Recorded at an event of this campaign, in any status unless --status is given "
        "(repeatable)."))] = None,
    role: Annotated[Many, opt.filter_option("--role", help="In this role (repeatable).")] = None,
    status: Annotated[Many, opt.filter_option("--status", help="With this attendance status (repeatable).")] = None,
    sector: Annotated[Many, opt.filter_option("--sector", help="Organization sector (repeatable).")] = None,
    org: Annotated[Many, opt.filter_option("--org", help="Organization (repeatable).")] = None,
    tag: Annotated[Many, opt.filter_option("--tag", help="Person tag (repeatable).")] = None,
    country: Annotated[Many, opt.filter_option("--country", help="Organization country (repeatable).")] = None,
    profile: Annotated[ExportProfile, typer.Option(
        help="File layout (default: the one the -o file's extension asks for, .vcf, .json or "
        ".xlsx, else csv). xlsx is a workbook, every cell text: give -o FILE.xlsx.",
        case_sensitive=False, show_default=False)] = ExportProfile.CSV,
    output: OutputOption = None,
    include_opted_out: Annotated[bool, typer.Option(
        "--include-opted-out", help=(
            "Also export people who opted out (asked not to be emailed or contacted, or an "
            "email opt-out in force), any address of theirs or on the suppression list that "
            "others hold too, and the phone numbers of those with a phone opt-out in "
            "force."))] = False,
    require_consent: Annotated[bool, typer.Option(
        "--require-consent", help="Export only people with an email opt-in in force.")] = False,
    format: Annotated[Optional[str], typer.Option(
        "--format", "-f", hidden=True, callback=_no_format, expose_value=False)] = None,
) -> None:
    """Export one row per person (primary email), leaving out those who opted out.

    Filters combine with AND; a repeated option matches any of its values. Someone with a phone
    opt-out in force is exported without their phone numbers. A summary of who was exported and
    who was left out (and why) goes to stderr.

    \b
    Example: stakeholders export contacts --event 1 --sector diplomatic-mission --sector media --profile mailchimp -o launch.csv
    """
    from stakeholders.io.files import atomic_private_output
    from stakeholders.io.profiles import profile as writer_for
    from stakeholders.services.exports import ContactFilter, ExportSummary, contacts

    profile = _profile(ctx, profile, output)
    if profile is ExportProfile.XLSX:
        needs_file(output, "--profile")
    writer = writer_for(profile.value)
    where = ContactFilter(events=event or (), campaigns=campaign or (), roles=role or (),
                          statuses=status or (), sectors=sector or (), orgs=org or (),
                          tags=tag or (), countries=country or ())
    summary = ExportSummary()
    cut = None
    reader_gone = False
    # a write: the export is logged in the audit trail; it only appends that entry, so on a
    # server it keeps no other writer waiting while its reader (`| less`) takes its time
    with session(ctx, write=True, only_appends=True) as s:
        rows = contacts(s, where, summary, mailing=writer.mailing,
                        include_opted_out=include_opted_out, require_consent=require_consent,
                        profile=profile.value)
        if output is None:
            try:
                if writer.encoding == "utf-8-sig":
                    sys.stdout.write("\ufeff")
                cut = writer.write(rows, sys.stdout)
                sys.stdout.flush()
            except BrokenPipeError:  # `| head`: what was handed out is still logged
                rows.close()
                reader_gone = True
        else:
            with atomic_private_output(output, encoding=writer.encoding) as out:
                cut = writer.write(rows, out)
    if reader_gone:
        raise BrokenPipeError
    info(summary.message() + (f"; written to {output}" if output else ""))
    if cut:
        info(cut_note(cut, writer.max_cell_bytes, profile.value))


def cut_note(cut, limit: int, profile: str) -> str:
    """One line: how many cells of which columns were cut to the bytes the tool takes."""
    from stakeholders.text import counted

    columns = ", ".join(f"{n} {header}" for header, n in cut.items())
    return (f"Note: {counted(sum(cut.values()), 'cell')} cut to the {limit} bytes "
            f"{profile.capitalize()} takes in a field, ending in '…' ({columns})")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
