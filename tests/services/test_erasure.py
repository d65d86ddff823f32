"""Forgetting a person: a placeholder stays for counts, nothing identifying stays anywhere,
not even in the SQLite file's free pages."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from stakeholders.db import compact
from stakeholders.models import Attendance, Person, Statement
from stakeholders.services import consent, erasure, merge, people, refs
from stakeholders.vocab import Channel, MergeKind
from tests.conftest import PG_URL, dump

SECRETS = ["Guihot", "nicole.guihot@border.gov.au", "+61261611111"]


def _prepare(session) -> int:
    person = refs.person(session, "Nicole Guihot")
    people.add_person(session, "Amina Yusuf",
                      notes="Introduced by Ms. Nicole Guihot (nicole.guihot@border.gov.au)")
    from stakeholders.services import contacts
    from stakeholders.vocab import ContactKind

    contacts.add(person, ContactKind.EMAIL, "nicole.guihot@border.gov.au")
    contacts.add(person, ContactKind.PHONE, "+61 2 6161 1111")
    consent.record(session, str(person.id), {Channel.EMAIL: "opt-in"}, source="launch")
    twin = people.add_person(session, "Nicole Guihott")
    merge.merge(session, MergeKind.PERSON, str(person.id), str(twin.id))
    session.flush()
    return person.id


def _counts(session) -> tuple:
    return (session.scalar(select(func.count()).select_from(Attendance)),
            session.scalar(select(func.count()).select_from(Statement)),
            session.scalar(select(func.count()).select_from(Person)))


def test_forget_keeps_counts_and_leaves_no_trace(seeded_url, session_factory):
    with session_factory(seeded_url, command="person add") as s:
        pid = _prepare(s)
        counts = _counts(s)
        spoke = s.scalar(select(func.count()).select_from(Statement)
                         .where(Statement.person_id == pid))
    with session_factory(seeded_url, command="person forget") as s:
        done = erasure.forget(s, str(pid))
    compact(seeded_url)
    assert done["placeholder"] == f"Forgotten person #{pid}"
    assert done["statements_unattributed"] == spoke > 0
    assert done["contact_points"] == 2 and done["consents"] == 1 and done["merges"] == 1
    with session_factory(seeded_url) as s:
        assert _counts(s) == counts
        placeholder = s.get(Person, pid)
        assert placeholder.full_name == f"Forgotten person #{pid}"
        assert placeholder.do_not_email and placeholder.do_not_contact
        assert placeholder.honorific is None and placeholder.title is None
        assert people.find_by_name(s, "Amina Yusuf")[0].notes == \
            "Introduced by [removed] ([removed])"
    everything = repr(dump(seeded_url)).casefold()
    for secret in SECRETS:
        assert secret.casefold() not in everything
    if PG_URL is None:
        path = Path(seeded_url.split(":///", 1)[1])
        files = [path, Path(f"{path}-wal")]
        raw = b"".join(f.read_bytes() for f in files if f.exists())
        for secret in SECRETS:
            assert secret.encode() not in raw
            assert secret.casefold().encode() not in raw


def test_forget_removes_mentions_from_the_engagement_log(seeded_cli):
    """Interactions, follow-ups (what, owner, done note) and assessment notes are free text
    too: a mention of the forgotten person's name or email there goes as well."""
    cli = seeded_cli
    cli.ok("person", "edit", "Nicole Guihot", "--email", "nicole.guihot@border.gov.au")
    cli.ok("interaction", "add", "--person", "Cesar Guedes", "--kind", "call",
           "--date", "2017-08-02", "--summary", "Asked about Nicole Guihot's visit",
           "--follow-up", "Send the MoU to nicole.guihot@border.gov.au", "--due", "2017-08-16",
           "--owner", "Nicole Guihot")
    cli.ok("followup", "done", "1", "--note", "Sent to Ms. Nicole Guihot")
    cli.ok("assess", "Cesar Guedes", "--campaign", "GLO.ACT", "--influence", "5",
           "--interest", "4", "--note", "Close to Nicole Guihot")
    cli.ok("person", "forget", "Nicole Guihot", "--yes")
    everything = repr(dump(cli.url)).casefold()
    for secret in ("guihot", "nicole.guihot@border.gov.au"):
        assert secret not in everything
    followups = json.loads(cli.ok("followup", "list", "--format", "json").stdout)
    assert followups[0]["owner"] == "[removed]"
    assert followups[0]["follow_up"] == "Send the MoU to [removed]"
