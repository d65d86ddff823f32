"""The influence/interest grid of a campaign's stakeholders (Mendelow's matrix).

On the 1–5 scale a score of 3 or more is *high*, 1 or 2 is *low*: a stakeholder needs both
scores at 3+ to be managed closely, and one at 2 or less on both to be merely monitored.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from stakeholders.services import assessments, refs

HIGH_FROM = 3

MANAGE_CLOSELY = "manage closely"
KEEP_SATISFIED = "keep satisfied"
KEEP_INFORMED = "keep informed"
MONITOR = "monitor"
QUADRANTS = (MANAGE_CLOSELY, KEEP_SATISFIED, KEEP_INFORMED, MONITOR)


def quadrant(influence: int, interest: int) -> str:
    """Which quarter of the grid a pair of 1–5 scores falls in (3 counts as high)."""
    high_influence, high_interest = influence >= HIGH_FROM, interest >= HIGH_FROM
    if high_influence:
        return MANAGE_CLOSELY if high_interest else KEEP_SATISFIED
    return KEEP_INFORMED if high_interest else MONITOR


#: The fields of each stakeholder on the map, in order: the table's columns, and (with the
#: person's or organization's id, which tells two of one name apart) the CSV's and JSON's.
MAP_COLUMNS = ["quadrant", "name", "kind", "influence", "interest", "stance", "assessed_on",
               "note"]
MAP_KEYS = [*MAP_COLUMNS[:3], "id", *MAP_COLUMNS[3:]]


def stakeholder_map(session: Session, campaign: str) -> dict:
    """{"campaign": name, "stakeholders": rows}: each assessed stakeholder's latest scores and
    quadrant, listed quadrant by quadrant, most influential first."""
    camp = refs.campaign(session, campaign)
    rows = [
        {
            "quadrant": quadrant(r.influence, r.interest),
            "name": r.name,
            "kind": "person" if r.person_id is not None else "organization",
            "id": r.person_id if r.person_id is not None else r.organization_id,
            "influence": r.influence, "interest": r.interest, "stance": r.stance,
            "assessed_on": r.assessed_on, "note": r.note,
        }
        for r in assessments.current_for_campaign(session, camp.id)
    ]
    rows.sort(key=lambda r: (QUADRANTS.index(r["quadrant"]), -r["influence"],
                             -r["interest"], r["name"].casefold()))
    return {"campaign": camp.name, "stakeholders": rows}
