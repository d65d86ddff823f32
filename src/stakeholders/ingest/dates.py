"""The dateline ("Islamabad, Pakistan, 20 July 2017 -") and the dates written in the text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December"
    .split(), start=1)}
_MONTH = r"(?:%s)" % "|".join(m.capitalize() for m in MONTHS)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: "20 July 2017", "20th July 2017", "July 20, 2017", "20 July" (year from the dateline), and
#: the first day of "3 to 5 March 2021".
DATE = re.compile(rf"\b(?:(?:(?P<d0>{_DAY})\s*(?:-|–|to)\s*)?(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})"
                  rf"|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?)(?:\s+(?P<y>\d{{4}}))?\b"
                  rf"|\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b")
_DASH = r"\s*[-–—]+\s*"
DATELINE = re.compile(
    rf"^(?P<place>[^\d\n]{{2,80}}?)(?:,|\s+\(|\s+[–—-]+)\s*(?P<date>{DATE.pattern})\)?\s*"
    rf"(?:\((?P<agency>[^)]{{1,20}})\))?"
    rf"(?:{_DASH}(?:(?P<tag>\S{{2,20}}){_DASH}(?=[A-Z]))?|\s*:\s+(?=[A-Z]))"  # or 'Suva – 9 May:'
)


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
    day = int(re.match(r"\d+", m.group("d0") or m.group("d1") or m.group("d2")).group())
    month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
    year = int(m.group("y")) if m.group("y") else default_year
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def _place(place: str) -> tuple[str | None, str | None]:
    parts = [p.strip(" ()") for p in re.split(r",|\(", place) if p.strip(" ()")]
    city = parts[0].title() if parts and parts[0].isupper() else (parts[0] if parts else None)
    return city, (parts[-1] if len(parts) > 1 else None)


def dateline(paragraph: str) -> Dateline | None:
    m = DATELINE.match(paragraph)
    if not m:
        return None
    date = parse_date(DATE.search(m.group("date")), None)
    city, country = _place(m.group("place"))
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


def country_code(name: str | None) -> str | None:
    """ISO 3166 alpha-2 for a country name ("Pakistan" -> "PK"), None when unknown."""
    if not name:
        return None
    import pycountry  # imported late: only needed once per release

    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return None
