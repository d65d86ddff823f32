"""The dateline ("Islamabad, Pakistan, 20 July 2017 -") and the dates written in the text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December"
    .split(), start=1)}
#: A month as written: its name or its abbreviation ("Feb.", "Sept"), capitalized or in
#: capitals ("14 FEB 2023"), never in lower case ("3 may attend").
_ABBREVIATIONS = {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
_MONTH = r"(?:%s)(?![\w])\.?" % "|".join(
    sorted({form for m in [*MONTHS, *_ABBREVIATIONS] for form in (m.capitalize(), m.upper())},
           key=len, reverse=True))
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAY_OF = r"\d{1,2}(?:(?:st|nd|rd|th)(?:\s+of)?)?"  # a day before its month: "3rd of May"
#: "20 July 2017", "20th July 2017", "3rd of May 2023", "14th February, 2023", "July 20, 2017", "20 July" (year
#: from the dateline), the first day of "3 to 5 March 2021", and a date in numbers: ISO's
#: "2017-07-20", or the day first "20/07/2017", "05.12.2023" (the month first only where the
#: day cannot be: "07/20/2017").
DATE = re.compile(rf"\b(?:(?:(?P<d0>{_DAY})\s*(?:-|–|to)\s*)?(?P<d1>{_DAY_OF})\s+(?P<m1>{_MONTH})"
                  rf"|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?)(?:,?\s+(?P<y>\d{{4}}))?\b"
                  rf"|\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b"
                  rf"|\b(?P<n1>\d{{1,2}})(?P<sep>[./])(?P<n2>\d{{1,2}})(?P=sep)(?P<ny>\d{{4}})\b")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DASH = r"\s*[-–—]+\s*"
DATELINE = re.compile(
    rf"^(?P<place>[^\d\n]{{2,80}}?)(?:,|\s+\(|\s+[–—-]+)\s*(?:(?i:{_WEEKDAY}),?\s+)?"
    rf"(?:the\s+)?(?P<date>{DATE.pattern})\)?\s*(?:\((?P<agency>[^)]{{1,20}})\))?"
    rf"(?:{_DASH}(?:(?P<tag>\S{{2,20}}){_DASH}(?=[A-Z]))?"
    # or 'Suva – 9 May:', or a line of its own ('Islamabad, the 14th August, 2024.')
    rf"|\s*:\s+(?=[A-Z])|\s*[:.]?\s*$)"
)
#: A date line without a place, as a government's press office writes it ("Posted On: 14
#: FEB 2023 5:42PM by PIB Delhi").
_POSTED = re.compile(rf"^(?:Posted\s+on|Published(?:\s+on)?|Released(?:\s+on)?|Dated?)\s*:?\s*"
                     rf"(?P<date>{DATE.pattern})[^\n]*$", re.I)


#: … or a date on a line of its own above the text ("03/04/2024", "Tuesday, 3 April 2024").
_DATE_ALONE = re.compile(rf"^\s*(?:(?i:{_WEEKDAY}),?\s+)?(?P<date>{DATE.pattern})\s*$")


@dataclass(frozen=True)
class Dateline:
    city: str | None
    country_name: str | None
    date: dt.date | None
    text: str  # the dateline as written, to strip it from the first sentence
    tag: str | None  # a label after the dateline ("GLO.ACT")


def parse_date(m: re.Match[str], default_year: int | None) -> dt.date | None:
    """The date a DATE match names, or None when it names no valid day or no year is known."""
    if m.group("iso"):
        return dt.date.fromisoformat(m.group("iso"))
    if m.group("n1"):
        day, month, year = int(m.group("n1")), int(m.group("n2")), int(m.group("ny"))
        if month > 12 >= day:  # the month first, as the United States writes it
            day, month = month, day
    else:
        day = int(re.match(r"\d+", m.group("d0") or m.group("d1") or m.group("d2")).group())
        written = (m.group("m1") or m.group("m2")).rstrip(".").lower()
        month = MONTHS.get(written) or _ABBREVIATIONS[written[:4] if written == "sept"
                                                      else written[:3]]
        year = int(m.group("y")) if m.group("y") else default_year
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def _place(place: str) -> tuple[str | None, str | None]:
    parts = [p.strip(" ()") for p in re.split(r",|\(", place) if p.strip(" ()")]
    city = parts[0].title() if parts and parts[0].isupper() else (parts[0] if parts else None)
    return city, (parts[-1] if len(parts) > 1 else None)


#: The segments of a line a news site sets out with bars ("22 November 2023 | News release |
#: Kathmandu"), and the ones that only say what kind of text it is.
_BARS = re.compile(r"\s*\|\s*")
_KIND_OF_TEXT = re.compile(r"(?i:(?:news|press|media)(?:\s+(?:release|note|statement|"
                           r"advisory))?|statement|feature|story|update|release)")
_TOWN = re.compile(r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,2}")


def _barred(paragraph: str) -> Dateline | None:
    """A date set between bars, with the town in another segment if one names it."""
    segments = _BARS.split(paragraph.strip())
    if len(segments) < 2 or "\n" in paragraph.strip():
        return None
    date = next((DATE.fullmatch(s) for s in segments if DATE.fullmatch(s)), None)
    if not date:
        return None
    towns = [s for s in segments if _TOWN.fullmatch(s) and not _KIND_OF_TEXT.fullmatch(s)
             and not DATE.fullmatch(s)]
    city, country = _place(towns[0]) if len(towns) == 1 else (None, None)
    return Dateline(city, country, parse_date(date, None), paragraph, None)


def dateline(paragraph: str) -> Dateline | None:
    m = DATELINE.match(paragraph)
    if not m and "|" in paragraph:
        return _barred(paragraph)
    if not m:
        posted = _POSTED.match(paragraph) or _DATE_ALONE.match(paragraph)
        return Dateline(None, None, parse_date(DATE.search(posted.group("date")), None),
                        posted.group(0), None) if posted else None
    if m.group(0).rstrip().endswith(".") and len(m.group("place").split()) > 4:
        return None  # a sentence ending in a date ('The ceremony was held in Karachi, 3 May.')
    date = parse_date(DATE.search(m.group("date")), None)
    weekday = re.fullmatch(rf"\s*(?i:{_WEEKDAY})\s*", m.group("place"))
    city, country = (None, None) if weekday else _place(m.group("place"))
    return Dateline(city, country, date, m.group(0), m.group("tag"))


_LAUNCH = re.compile(r"\b(?:launch(?:ed|es)?|inaugurated|held|took place|organi[sz]ed|opened|"
                     r"hosted|convened|signed|conducted|concluded|wrapped up|kicked off|"
                     r"celebrated|commemorated)\b", re.I)


_RELATIVE = {"yesterday": -1, "today": 0}


def event_date(sentence: str, published: dt.date | None) -> dt.date | None:
    """The date of the event told in a sentence that reports it ("launched … on 19 July 2017",
    "launched yesterday"), or None when the sentence reports no event or names no date. A date
    without a year, or a relative day, is read against the publication date."""
    if not _LAUNCH.search(sentence):
        return None
    for m in DATE.finditer(sentence):
        date = parse_date(m, published.year if published else None)
        if date:
            return date
    relative = re.search(r"\b(yesterday|today)\b", sentence, re.I)
    if relative and published:
        return published + dt.timedelta(days=_RELATIVE[relative.group(1).lower()])
    return None


_VENUE = re.compile(r"\b(?:held|launched|took place|hosted|organi[sz]ed)\b(?:\s+\w+){0,3}?\s+in\s+"
                    r"(?P<place>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)")


def event_city(sentence: str) -> str | None:
    """The town an event was held in ("held in Naivasha from 3 to 5 March"), which may not be
    the dateline's; None when the sentence names none or names a country or a month."""
    m = _VENUE.search(sentence)
    place = m.group("place") if m else None
    if not place or country_code(place) or place.split()[0].lower() in MONTHS:
        return None
    return place


#: A venue and its town after it, in a sentence reporting the event: 'launched … at Vigyan
#: Bhawan, New Delhi today'.
_VENUE_TOWN = re.compile(r"\bat\s+(?:the\s+)?[A-Z][^,.;:()]{2,60},\s+(?P<place>[A-Z][a-z]+"
                         r"(?:\s[A-Z][a-z]+)?)(?=\s+(?:today|yesterday|on)\b|\s*[.;]|\s*$)")


def venue_town(sentence: str) -> str | None:
    """The town written after the venue of an event a sentence reports, for a release whose
    dateline names none; None when the sentence reports no event, or names a country."""
    m = _VENUE_TOWN.search(sentence) if _LAUNCH.search(sentence) else None
    if not m or country_code(m.group("place")) or m.group("place").split()[0].lower() in MONTHS:
        return None
    return m.group("place")


def country_code(name: str | None) -> str | None:
    """ISO 3166 alpha-2 for a country name ("Pakistan" -> "PK"), None when unknown."""
    if not name:
        return None
    import pycountry  # imported late: only needed once per release

    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return None
