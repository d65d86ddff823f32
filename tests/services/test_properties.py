"""Property: any sequence of service calls, each in its own transaction as a command runs,
keeps the database consistent. Every call either adds exactly what it promises or is refused
with a domain error and adds nothing; counts match a simple model and no reference dangles."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from stakeholders.errors import StakeholdersError
from stakeholders.models import (
    Affiliation,
    Attendance,
    Event,
    Organization,
    Person,
    Statement,
)
from stakeholders.services import attendance, events, orgs, people
from stakeholders.services.maintenance import check

MODELS = {"organizations": Organization, "people": Person, "affiliations": Affiliation,
          "events": Event, "attendances": Attendance, "statements": Statement}

#: Names with accents, case and spacing that fold together, and some that do not.
name = st.text(alphabet="AaÉéÇçNnOo -'", min_size=1, max_size=12)
pick = st.integers(min_value=1, max_value=6)

operation = st.one_of(
    st.tuples(st.just("org"), name),
    st.tuples(st.just("person"), name, st.none() | pick),
    st.tuples(st.just("event"), name, st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))),
    st.tuples(st.just("affiliate"), pick, pick, st.none() | name),
    st.tuples(st.just("attend"), pick, pick, st.sampled_from(["speaker", "attendee", "host"])),
    st.tuples(st.just("say"), pick, pick, name),
)


def _apply(s, op) -> Counter:
    """Run one call; return what it should have added."""
    kind, *args = op
    if kind == "org":
        orgs.add_organization(s, args[0])
        return Counter(organizations=1)
    if kind == "person":
        org = str(args[1]) if args[1] else None
        people.add_person(s, args[0], org=org)
        return Counter(people=1, affiliations=1 if org else 0)
    if kind == "event":
        events.add_event(s, args[0], date=args[1])
        return Counter(events=1)
    if kind == "affiliate":
        person, org = _get(s, Person, args[0]), _get(s, Organization, args[1])
        people.affiliate(s, person, org, position=args[2])
        return Counter(affiliations=1)
    event, person = _get(s, Event, args[0]), _get(s, Person, args[1])
    if kind == "attend":
        attendance.add_attendance(s, event, person, role=args[2])
        return Counter(attendances=1)
    attendance.add_statement(s, event, person, args[2])
    return Counter(statements=1)


def _get(s, model, ident: int):
    found = s.get(model, ident)
    if found is None:
        raise _Missing
    return found


class _Missing(StakeholdersError):
    def __init__(self) -> None:
        super().__init__("no such record")


def _counts(s) -> Counter:
    return Counter({k: s.scalar(select(func.count()).select_from(m)) for k, m in MODELS.items()})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_any_sequence_of_calls_keeps_the_database_consistent(db_url, session_factory, ops):
    with session_factory(db_url) as s:
        expected = _counts(s)
    for op in ops:
        try:
            with session_factory(db_url) as s:
                added = _apply(s, op)
        except StakeholdersError:
            added = Counter()
        expected.update(added)
        with session_factory(db_url, write=False) as s:
            assert _counts(s) == expected, op
    problems = [r for r in check(db_url) if r["status"] != "ok" and "permissions" not in r["check"]]
    assert problems == []
