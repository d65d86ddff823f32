"""Consent: history kept, the latest counts, expired counts as unknown, email opt-out sets
do-not-email; the export condition is one SQL filter."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from stakeholders.errors import Invalid, NotFound
from stakeholders.models import Person
from stakeholders.services import consent, people
from stakeholders.vocab import Channel

TODAY = dt.date(2026, 11, 29)


def _in_force(session) -> list[tuple[str, str | None]]:
    current = consent.in_force(Channel.EMAIL, today=TODAY)
    return list(session.execute(
        select(Person.full_name, current.c.status)
        .outerjoin(current, current.c.person_id == Person.id)
        .order_by(Person.id)
    ).all())


def _setup(session):
    for name in ("Amina Yusuf", "Bilal Raza", "Chen Wei", "Dana Holt", "Eve Park"):
        people.add_person(session, name)
    record = consent.record
    record(session, "Amina Yusuf", {Channel.EMAIL: "opt-in"}, source="sign-in sheet",
           given_on=dt.date(2026, 1, 1))
    record(session, "Bilal Raza", {Channel.EMAIL: "opt-in"}, source="sign-in sheet",
           given_on=dt.date(2026, 1, 1))
    record(session, "Bilal Raza", {Channel.EMAIL: "opt-out"}, source="phone call",
           given_on=dt.date(2026, 6, 1))
    record(session, "Chen Wei", {Channel.EMAIL: "opt-in"}, source="form",
           given_on=dt.date(2025, 1, 1), expires_on=dt.date(2026, 1, 1))
    record(session, "Dana Holt", {Channel.PHONE: "opt-out", Channel.POST: "opt-in"},
           source="form", given_on=dt.date(2026, 1, 1))


def test_latest_consent_counts_and_expired_is_unknown(db_url, session_factory):
    with session_factory(db_url) as s:
        _setup(s)
    with session_factory(db_url) as s:
        assert _in_force(s) == [("Amina Yusuf", "opt-in"), ("Bilal Raza", "opt-out"),
                                ("Chen Wei", "unknown"), ("Dana Holt", None), ("Eve Park", None)]
        bilal = people.find_by_name(s, "Bilal Raza")[0]
        assert bilal.do_not_email is True
        assert bilal.do_not_email_reason == "consent: phone call"
        rows = consent.history(s, "Chen Wei", today=TODAY)
        assert [(r["status"], r["in_force"]) for r in rows] == [("opt-in", False)]
        rows = consent.history(s, "Bilal Raza", today=TODAY)
        assert [(r["status"], r["in_force"]) for r in rows] == [("opt-out", True),
                                                                ("opt-in", False)]


def test_email_opt_in_clears_do_not_email(db_url, session_factory):
    with session_factory(db_url) as s:
        people.add_person(s, "Amina Yusuf", no_email=True)
        consent.record(s, "Amina Yusuf", {Channel.EMAIL: "opt-in"}, source="her email")
        assert people.find_by_name(s, "Amina Yusuf")[0].do_not_email is False


def test_bad_consent_input_is_refused(db_url, session_factory):
    with session_factory(db_url) as s:
        people.add_person(s, "Amina Yusuf")
        with pytest.raises(Invalid, match="not a valid consent status; choose one of: "
                                          "opt-in, opt-out, unknown"):
            consent.record(s, "Amina Yusuf", {Channel.EMAIL: "maybe"}, source="x")
        with pytest.raises(Invalid, match="--source"):
            consent.record(s, "Amina Yusuf", {Channel.EMAIL: "opt-in"}, source=None)
        with pytest.raises(Invalid, match="say which channel"):
            consent.record(s, "Amina Yusuf", {}, source="x")
        with pytest.raises(Invalid, match="before the consent date"):
            consent.record(s, "Amina Yusuf", {Channel.POST: "opt-in"}, source="x",
                           given_on=TODAY, expires_on=dt.date(2026, 1, 1))
        with pytest.raises(NotFound):
            consent.record(s, "Nobody Here", {Channel.POST: "opt-in"}, source="x")


def test_history_marks_the_statement_in_force_by_the_export_rules(db_url, session_factory):
    """Two statements on one day: the later entry counts, in the history as in exports; an
    expired latest one leaves none in force on that channel."""
    with session_factory(db_url) as s:
        people.add_person(s, "Amina Yusuf")
        for status in ("opt-in", "opt-out"):
            consent.record(s, "Amina Yusuf", {Channel.EMAIL: status}, source="form",
                           given_on=dt.date(2026, 3, 1))
        consent.record(s, "Amina Yusuf", {Channel.POST: "opt-in"}, source="form",
                       given_on=dt.date(2025, 1, 1), expires_on=dt.date(2025, 12, 31))
    with session_factory(db_url) as s:
        assert _in_force(s) == [("Amina Yusuf", "opt-out")]
        rows = consent.history(s, "Amina Yusuf", today=TODAY)
        assert [(r["channel"], r["status"], r["in_force"]) for r in rows] == [
            ("email", "opt-out", True), ("email", "opt-in", False), ("post", "opt-in", False)]


def test_a_date_after_today_is_refused(db_url, session_factory, monkeypatch):
    monkeypatch.setenv("STAKEHOLDERS_TODAY", TODAY.isoformat())
    with session_factory(db_url) as s:
        people.add_person(s, "Amina Yusuf")
        with pytest.raises(Invalid, match=r"^the consent date 2026-11-30 is after today "
                                          r"\(2026-11-29\)"):
            consent.record(s, "Amina Yusuf", {Channel.EMAIL: "opt-in"}, source="x",
                           given_on=TODAY + dt.timedelta(days=1))
        [added] = consent.record(s, "Amina Yusuf", {Channel.EMAIL: "opt-in"}, source="x")
        assert added.given_on == TODAY
