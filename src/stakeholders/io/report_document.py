"""What a donor-ready report shows, independent of the file format: a title, headline facts,
attendance by sector, the speakers with their statements, and tables. Built from the mappings
:mod:`stakeholders.services.reports` already computes (no queries here); the HTML and XLSX
writers lay it out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stakeholders.vocab import SPOKE, Role

Row = Mapping[str, Any]


@dataclass
class Table:
    title: str
    columns: Sequence[str]
    rows: Sequence[Row]


@dataclass
class Document:
    title: str
    subtitle: str = ""
    facts: list[tuple[str, Any]] = field(default_factory=list)
    by_sector: list[tuple[str, int]] = field(default_factory=list)
    speakers: list[Row] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


#: How a group or sector with no value reads in a table or on a page (JSON keeps its null,
#: or the sector counts' ``none``): "(none)" cannot be taken for an organization's name.
NO_VALUE = "(none)"

#: As the text report shows them: a speaker's place in the programme too.
ATTENDEE_COLUMNS = ("person", "organization", "position", "sector", "role", "status",
                    "on_behalf_of", "speaking_order")
SPEAKER_COLUMNS = ("date", "event", "speaking_order", "role", "speaker", "organization")


def _counted(n: int, noun: str, after: str = "") -> tuple[str, int]:
    """A headline fact whose label agrees with its number: ('Event', 1), ('People reached', 8)."""
    from stakeholders.text import plural_of

    return (noun if n == 1 else plural_of(noun)).capitalize() + after, n


def for_people(report: Row) -> dict[str, Any]:
    """``report`` as tables and pages show it: the rows counted for no organization or sector
    (``--by`` groups, attendance by sector) under :data:`NO_VALUE` instead of a blank or a
    bare "none"."""
    from stakeholders.services.reports import NO_SECTOR

    shown = dict(report)
    if report.get("groups"):
        shown["groups"] = [{k: NO_VALUE if v is None else v for k, v in g.items()}
                           for g in report["groups"]]
    if isinstance(report.get("attended_by_sector"), Mapping):
        shown["attended_by_sector"] = {NO_VALUE if k == NO_SECTOR else k: n
                                       for k, n in report["attended_by_sector"].items()}
    if report.get("attendance_by_sector"):
        shown["attendance_by_sector"] = [
            {**r, "sector": NO_VALUE} if r["sector"] == NO_SECTOR else r
            for r in report["attendance_by_sector"]]
    return shown


def label(key: str) -> str:
    """A column key as a heading: 'on_behalf_of' -> 'On behalf of'."""
    return key.replace("_", " ").capitalize()


def _where(report: Row) -> str:
    """'2018-03-05, Lahore', or '2018-03-05 to 2018-03-06, Lahore' for an event of two days."""
    start, end = report.get("date"), report.get("end_date")
    days = _days(start, end) if start and end and end != start else start
    return ", ".join(str(v) for v in (days, report.get("city")) if v)


def from_attendees(report: Row) -> Document:
    """The attendee report of one event (with its speakers, when the report carries them);
    a list filtered by status or role says so under its title."""
    kept = report.get("selection") or {}
    only = "; ".join(f"{noun} {', '.join(values)}" for noun, values in
                     (("status", kept.get("statuses")), ("role", kept.get("roles"))) if values)
    subtitle = " — ".join(p for p in (_where(report), only and f"only {only}") if p)
    doc = Document(title=f"Attendees: {report['event']}", subtitle=subtitle)
    doc.facts.append(("Total recorded", report.get("total", len(report["attendees"]))))
    doc.by_sector = _chart_order(report.get("attended_by_sector", {}).items())
    doc.facts.append(("Attended", sum(n for _, n in doc.by_sector)))
    doc.speakers = list(report.get("speakers", []))
    if report.get("groups"):  # --by: the rows counted per organization, sector or role
        key = next(k for k in report["groups"][0] if k != "count")
        doc.tables.append(Table(f"Attendees by {key}", (key, "count"), report["groups"]))
    doc.tables.append(Table("Attendees", ATTENDEE_COLUMNS, report["attendees"]))
    if report.get("also_present"):
        doc.tables.append(Table("Also present", ("sector", "description"),
                                report["also_present"]))
    return doc


def from_speakers(report: Row) -> Document:
    """Who spoke where, event by event; titled with the campaign and events chosen, if any,
    and the days as subtitle."""
    chosen = report.get("selection") or {}
    # The campaign, then the events it is narrowed to: a campaign's name alone over one
    # event's speakers would pass them off as all of the campaign's.
    named = " — ".join(p for p in (
        chosen.get("campaign") and _with_acronym(chosen["campaign"], chosen.get("acronym")),
        "; ".join(chosen.get("events") or ())) if p)
    doc = Document(title=f"Speakers: {named}" if named else "Speakers",
                   subtitle=_days(chosen.get("from"), chosen.get("to")))
    doc.speakers = list(report["speakers"])
    # A person who spoke at several events is one speaker; a moderator or an attendee whose
    # words are recorded (a question from the floor) is listed, and counted apart.
    people = {s.get("person_id", s.get("person")) for s in doc.speakers}
    spoke = {s.get("person_id", s.get("person")) for s in doc.speakers
             if s.get("role", Role.SPEAKER.value) in SPOKE}
    doc.facts.append(_counted(len(spoke), "speaker"))
    if people - spoke:
        doc.facts.append(("Also quoted", len(people - spoke)))
    # Events at which someone spoke: the title may name one at which no one did.
    doc.facts.append(_counted(len({s.get("event_id", s.get("event")) for s in doc.speakers}),
                              "event", " with speakers"))
    doc.tables.append(Table("Speaking order", SPEAKER_COLUMNS, report["speakers"]))
    return doc


def from_campaign(report: Row) -> Document:
    """A campaign's partners, events, speakers and reach."""
    name = _with_acronym(report["campaign"], report.get("acronym"))
    doc = Document(title=f"Campaign: {name}",
                   subtitle=_days(report.get("start_date"), report.get("end_date")))
    doc.facts.append(_counted(report.get("people_reached", 0), "person", " reached"))
    doc.facts.append(_counted(len(report.get("events", [])), "event"))
    doc.by_sector = _chart_order((r["sector"], r["people"])
                                 for r in report.get("attendance_by_sector", []))
    doc.speakers = list(report.get("speakers", []))
    doc.tables += [
        Table("Partners", ("role", "organization", "sector"), report.get("partners", [])),
        Table("Events", ("date", "event", "city", "attended"), report.get("events", [])),
        Table("Attendance by sector", ("sector", "attendances", "people"),
              report.get("attendance_by_sector", [])),
    ]
    return doc


def _chart_order(counts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Sectors as the chart shows them: the most people first, the people of no sector
    (:data:`NO_VALUE`) last however many they are, as every table lists them."""
    return sorted(counts, key=lambda kv: (kv[0] == NO_VALUE, -kv[1], kv[0]))


def _days(start, end) -> str:
    """'2017-07-01 to 2017-12-31', 'from 2017-07-01' or 'to 2017-12-31': a date alone would
    read as the one day, which is what it is when both are that day ('2017-07-19')."""
    return (str(start) if start and start == end else
            f"{start} to {end}" if start and end else
            f"from {start}" if start else f"to {end}" if end else "")


def _with_acronym(name: str, acronym: str | None) -> str:
    """'Global Action against Trafficking (GLO.ACT)'."""
    return f"{name} ({acronym})" if acronym else name


BUILDERS = {"attendees": from_attendees, "speakers": from_speakers, "campaign": from_campaign}


def document(name: str, report: Row) -> Document:
    """The document for report ``name`` (attendees, speakers or campaign)."""
    return BUILDERS[name](for_people(report))
