"""``stakeholders report …``: attendees, speakers, person, organization, campaign, sheet.

Each command resolves its references and builds the report in one read-only transaction (see
:mod:`stakeholders.services.reports`), then writes it as a table, CSV or JSON to stdout or to a
private file (``-o``).
"""

from enum import Enum
from typing import Annotated, Any, Optional, TypeVar

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import (
    FormatOption,
    OutputOption,
    info,
    needs_file,
    output_stream,
    session,
    warn,
)
from stakeholders.render import Format, write_report
from stakeholders.vocab import Vocabulary

E = TypeVar("E", bound=Enum)

report_app = typer.Typer(
    help="Attendee and speaker reports, engagement histories, campaign summaries, sign-in "
    "sheets.",
    rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_show_locals=False,
)


class Grouping(Vocabulary):
    """What ``report attendees --by`` groups on."""

    ORGANIZATION = "organization"
    SECTOR = "sector"
    ROLE = "role"


class PageFormat(str, Enum):
    """The report formats, plus the pages meant for people: HTML (printable) and XLSX."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    XLSX = "xlsx"

    @property
    def is_page(self) -> bool:
        return self in (PageFormat.HTML, PageFormat.XLSX)


PageFormatOption = Annotated[PageFormat, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format. html: one self-contained printable page; xlsx: a workbook with one "
    "sheet per section (needs -o).")]


class MapFormat(str, Enum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    SVG = "svg"


EventArg = Annotated[str, opt.reference_argument(
    "Event: id, name, its campaign's acronym, or words of the name only it holds.")]

#: The columns each report section shows in table format (CSV and JSON carry every key).
ATTENDEE_COLUMNS = ("person", "organization", "position", "sector", "role", "status",
                    "on_behalf_of", "speaking_order")
SPEAKER_COLUMNS = ("date", "event", "speaking_order", "role", "speaker", "statements")
ENGAGEMENT_COLUMNS = {
    # ids, as the lists show them: what `followup done ID` and `interaction edit ID` take
    "interactions": ("id", "date", "kind", "summary", "people", "organizations"),
    # the people too, each marked if they may not be contacted, as `followup list` shows them
    "open_follow_ups": ("id", "due", "state", "owner", "follow_up", "about", "people"),
    "assessments": ("assessed_on", "campaign", "influence", "interest", "stance", "current"),
}
TABLE_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "attendees": {"attendees": ATTENDEE_COLUMNS},
    "speakers": {"speakers": SPEAKER_COLUMNS},
    "person": {
        **ENGAGEMENT_COLUMNS,
        "contact_points": ("kind", "value", "label", "primary"),
        "affiliations": ("organization", "position", "start_date", "end_date", "primary"),
        "events": ("date", "event", "organization", "position", "role", "status",
                   "on_behalf_of", "represented_by"),
        "statements": ("date", "event", "kind", "text"),
    },
    "organization": {
        **ENGAGEMENT_COLUMNS,
        "people": ("person", "position", "start_date", "end_date", "current"),
        "events": ("date", "event", "person", "position", "role", "status", "on_behalf_of"),
        "campaigns": ("campaign", "role"),
    },
    "campaign": {
        "partners": ("role", "organization", "sector"),
        "events": ("date", "event", "city", "attended"),
        "speakers": ("date", "event", "speaking_order", "role", "speaker", "organization"),
    },
    "sheet": {"sheet": ("no", "name", "organization", "position", "signature", "email")},
}


#: The format a file's extension asks for, when --format is not given.
EXTENSION_FORMATS = {".txt": "table", ".csv": "csv", ".json": "json", ".html": "html",
                     ".htm": "html", ".xlsx": "xlsx", ".svg": "svg"}


def _format(ctx: typer.Context, fmt: E, output) -> E:
    """The format to write: --format when given (with a warning when the -o file's extension
    is that of another format), else the one the file's extension asks for ("-o
    speakers.csv"), else table. An extension asking for a format this report does not write
    ("report person -o p.xlsx") is a usage error rather than text in a file so named."""
    from typer._click.core import ParameterSource

    wanted = EXTENSION_FORMATS.get(output.suffix.lower()) if output is not None else None
    if wanted is None or wanted == fmt.value:
        return fmt
    if ctx.get_parameter_source("format") is ParameterSource.COMMANDLINE:
        warn([f"writing {fmt.value} to {output.name}, as --format says, not {wanted} as its "
              "extension would"])
        return fmt
    try:
        return type(fmt)(wanted)
    except ValueError:
        raise typer.BadParameter(
            f"{output.name} asks for {wanted}, which report {ctx.info_name} does not write; "
            "give --format " + "|".join(f.value for f in type(fmt)) + " to write one of those "
            "to it anyway", param_hint="--output") from None


def _write(name: str, report: dict[str, Any], rows_key: str, fmt: Format | PageFormat,
           output) -> None:
    from stakeholders.io.report_document import for_people
    from stakeholders.services.reports import CSV_COLUMNS

    if isinstance(fmt, PageFormat) and fmt.is_page:
        _write_page(name, report, fmt, output)
        return
    if fmt.value == Format.TABLE.value:
        report = for_people(report)
    with output_stream(output) as out:
        write_report(report, fmt.value, rows_key=rows_key, csv_columns=CSV_COLUMNS[name],
                     columns=TABLE_COLUMNS[name], out=out,
                     fill=("signature", "email") if name == "sheet" else ())


def _needs_file(fmt: PageFormat, output) -> None:
    if fmt is PageFormat.XLSX:
        needs_file(output, "--format")


def _write_page(name: str, report: dict[str, Any], fmt: PageFormat, output) -> None:
    """The report as a page for people: HTML to stdout or -o, XLSX to -o."""
    from stakeholders.io.report_document import document

    doc = document(name, report)
    if fmt is PageFormat.HTML:
        from stakeholders.io.html_report import render

        with output_stream(output) as out:
            out.write(render(doc))
        return
    from stakeholders.io.files import atomic_private_output
    from stakeholders.io.xlsx_report import render as render_xlsx

    with atomic_private_output(output, encoding=None) as out:
        out.write(render_xlsx(doc))
    info(f"Wrote {output}")


@report_app.command("attendees")
def attendees(
    ctx: typer.Context,
    event: EventArg,
    by: Annotated[Optional[Grouping], typer.Option(
        "--by", help="Group the rows, with a count per group.", case_sensitive=False,
        show_default=False)] = None,
    status: Annotated[Optional[list[str]], opt.filter_option(
        "--status", help="Only these statuses (repeatable): invited, registered, attended, "
        "no-show, declined, cancelled.", show_default=False)] = None,
    role: Annotated[Optional[list[str]], opt.filter_option(
        "--role", help="Only these roles (repeatable): speaker, presenter, moderator, "
        "organizer, attendee.", show_default=False)] = None,
    format: PageFormatOption = PageFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Everyone recorded at an event, with position held then, role, status and on whose behalf.

    Ends with the total and the attended people counted by sector. The html and xlsx pages add
    a chart of attendance by sector and the speakers among the people listed, with their
    statements.

    \b
    Example: stakeholders report attendees "GLO.ACT launch, Islamabad" --by sector
    """
    from stakeholders.services import reports

    format = _format(ctx, format, output)
    _needs_file(format, output)
    with session(ctx, write=False) as s:
        report = reports.attendees(s, event, by=by.value if by else None,
                                   statuses=status or (), roles=role or (),
                                   with_speakers=format.is_page)
    _write("attendees", report, "attendees", format, output)


@report_app.command("speakers")
def speakers(
    ctx: typer.Context,
    events: Annotated[Optional[list[str]], opt.reference_argument(
        "Only these events (as --event).", metavar="[EVENT]...")] = None,
    event: Annotated[Optional[list[str]], opt.filter_option(
        "--event", help="Only this event (repeatable).", show_default=False)] = None,
    campaign: Annotated[Optional[str], opt.filter_option(
        "--campaign", metavar="CAMPAIGN", help="Every event of this campaign.",
        show_default=False)] = None,
    date_from: Annotated[Optional[str], opt.filter_option(
        "--from", help="Events on or after this date (YYYY-MM-DD).", show_default=False)] = None,
    date_to: Annotated[Optional[str], opt.filter_option(
        "--to", help="Events on or before this date (YYYY-MM-DD).", show_default=False)] = None,
    format: PageFormatOption = PageFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Who spoke at which event (speakers, presenters, anyone with a recorded statement), in
    speaking order, with their role and what they said.

    Without an event, campaign or date: every event.

    \b
    Example: stakeholders report speakers --campaign GLO.ACT --from 2017-01-01
    """
    from stakeholders.services import reports

    format = _format(ctx, format, output)
    _needs_file(format, output)
    with session(ctx, write=False) as s:
        report = reports.speakers(s, events=[*(events or ()), *(event or ())], campaign=campaign,
                                  date_from=date_from, date_to=date_to,
                                  with_selection=format.is_page)
    _write("speakers", report, "speakers", format, output)


def _profile(name: str, metavar: str, ref_help: str, summary: str, example: str,
             what: str = opt.ID_OR_NAME, alias: str | None = None) -> None:
    """Register ``report NAME REF``: the one-record reports (person, organization)
    differ only in what they resolve and which service builds them; CSV holds their events.
    ``alias``: another name it answers to, not listed in the help."""

    def command(
        ctx: typer.Context,
        ref: str,
        format: FormatOption = Format.TABLE,
        output: OutputOption = None,
    ) -> None:
        from stakeholders.services import reports

        format = _format(ctx, format, output)
        with session(ctx, write=False) as s:
            report = getattr(reports, name)(s, ref)
        _write(name, report, "events", format, output)

    command.__annotations__["ref"] = Annotated[
        str, opt.reference_argument(ref_help, metavar=metavar, what=what)
    ]
    command.__doc__ = f"{summary}\n\nCSV holds the events.\n\n\b\nExample: {example}\n"
    report_app.command(name)(command)
    if alias is not None:
        report_app.command(alias, hidden=True)(command)


_profile("person", "PERSON", "Id, email or name.",
         "A person's history: affiliations, events with role and status (also those where "
         "someone came on their behalf), statements, contacts.",
         'stakeholders report person "Nicole Guihot"', what=opt.ID_EMAIL_OR_NAME)
_profile("organization", "ORG", "Id, name or acronym.",
         "An organization's people, the events they came to, roles held, campaigns partnered.",
         # `org`, as the noun is called everywhere else (org show, --org)
         "stakeholders report organization UNODC", alias="org")


@report_app.command("campaign")
def campaign(
    ctx: typer.Context,
    ref: Annotated[str, opt.reference_argument("Id, name or acronym.", metavar="CAMPAIGN")],
    format: PageFormatOption = PageFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """A campaign's partners, events with attendance, speakers, sectors and people reached.

    CSV holds the events; the html and xlsx pages add what the speakers said.

    \b
    Example: stakeholders report campaign GLO.ACT --format html -o glo-act.html
    """
    from stakeholders.services import reports

    format = _format(ctx, format, output)
    _needs_file(format, output)
    with session(ctx, write=False) as s:
        report = reports.campaign(s, ref, with_statements=format.is_page)
    _write("campaign", report, "events", format, output)


@report_app.command("sheet")
def sheet(
    ctx: typer.Context,
    event: EventArg,
    format: FormatOption = Format.TABLE,
    output: OutputOption = None,
) -> None:
    """A printable sign-in sheet: name, organization, position, blank signature and email.

    \b
    Example: stakeholders report sheet "GLO.ACT launch, Islamabad" --format csv -o sheet.csv
    """
    from stakeholders.services import reports

    format = _format(ctx, format, output)
    with session(ctx, write=False) as s:
        report = reports.sheet(s, event)
    _write("sheet", report, "sheet", format, output)


@report_app.command("map")
def map_(
    ctx: typer.Context,
    campaign: Annotated[str, opt.filter_option("--campaign", metavar="CAMPAIGN",
                                                     help="The campaign.",
                                                     show_default=False)],
    format: Annotated[MapFormat, typer.Option("--format", "-f", case_sensitive=False,
                                              help="Output format.")] = MapFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """The influence/interest map of a campaign's stakeholders, quadrant by quadrant.

    \b
    Example: stakeholders report map --campaign GLO.ACT --format svg -o map.svg
    """
    from stakeholders.render import report_width, table, write_rows
    from stakeholders.services.stakeholder_map import MAP_COLUMNS, MAP_KEYS, stakeholder_map

    format = _format(ctx, format, output)
    with session(ctx, write=False) as s:
        data = stakeholder_map(s, campaign)
    with output_stream(output) as out:
        if format is MapFormat.SVG:
            from stakeholders.io.svg_map import render

            out.write(render(data["campaign"], data["stakeholders"]))
        elif format is MapFormat.TABLE:  # laid out to fit a terminal, as the reports are
            out.write(table(data["stakeholders"], MAP_COLUMNS, width=report_width(out),
                            widest_first=True) + "\n")
        else:
            write_rows(data["stakeholders"], format.value, MAP_KEYS, out=out)


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
