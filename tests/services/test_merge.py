"""Merging people and organizations, and undoing it: the database comes back exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select, update

from stakeholders.errors import Conflict, Invalid, NotFound
from stakeholders.models import (
    Attendance,
    CampaignPartner,
    ContactPoint,
    Organization,
    Person,
    Statement,
)
from stakeholders.services import attendance, campaigns, consent, merge, orgs, people, refs
from stakeholders.vocab import Channel, ConsentStatus, MergeKind, Preference
from tests.dumps import data


def _twin(session, role: str = "speaker") -> Person:
    """A second record of Shahida Gilani with a bit of everything that refers to a person."""
    twin = people.add_person(
        session, "Dr. Shahida Gillani", org="UNODC", position="Programme officer",
        emails=["Shahida.gillani@unodc.org", "shahida@gmail.com"], phones=["+92512601461"],
        tags=["press"], notes="Met at the launch",
    )
    keep = refs.person(session, "Shahida Gilani")
    people.add_person(session, "Amina Yusuf", tags=["press"])
    from stakeholders.services import tags

    tags.add_tags(session, keep, ["press"])
    event = refs.event(session, "1")
    other_event = _event(session)
    attendance.add_attendance(session, other_event, twin, role=role,
                              on_behalf_of="Shahida Gilani", quotes=["We will act."])
    attendance.add_attendance(session, other_event, refs.person(session, "Amina Yusuf"),
                              on_behalf_of=str(twin.id))
    existing = session.scalar(select(Attendance).where(Attendance.event_id == event.id,
                                                       Attendance.person_id == keep.id))
    if existing is None:
        attendance.add_attendance(session, event, keep, role="attendee")
    consent.add(session, twin, Channel.EMAIL, ConsentStatus.OPT_OUT, source="phone call")
    session.flush()
    return twin


def _event(session):
    from stakeholders.services import events
    import datetime as dt

    return events.add_event(session, "Follow-up meeting", date=dt.date(2017, 9, 1))


def test_person_merge_moves_everything_and_unmerge_restores_exactly(seeded_url,
                                                                    session_factory):
    with session_factory(seeded_url) as s:
        twin_id = _twin(s).id
        keep_id = refs.person(s, "Shahida Gilani").id
    before = data(seeded_url)
    with session_factory(seeded_url, command="person merge") as s:
        result = merge.merge(s, MergeKind.PERSON, str(keep_id), str(twin_id),
                             prefer=Preference.OTHER)
    assert result["kept"] == f"#{keep_id} Shahida Gillani"
    assert result["removed"] == f"#{twin_id} Shahida Gillani"
    assert result["fields"]["title"] == "Dr."
    assert result["fields"]["do_not_email"] is True
    assert result["dropped"] == {"contact_points": 1, "person_tags": 1}
    with session_factory(seeded_url) as s:
        assert s.get(Person, twin_id) is None
        kept = s.get(Person, keep_id)
        assert sorted(c.value for c in kept.contact_points) == [
            "+92512601461", "Shahida.gillani@unodc.org", "shahida@gmail.com"]
        assert [c.is_primary for c in kept.contact_points if c.kind == "email"].count(True) == 1
        assert [t.name for t in kept.tags] == ["press"]
        assert s.scalar(select(Statement.person_id).where(Statement.text == "We will act.")) \
            == keep_id
        own = s.scalars(select(Attendance).where(Attendance.person_id == keep_id)).all()
        assert all(a.on_behalf_of_id != keep_id for a in own)
        amina = refs.person(s, "Amina Yusuf")
        assert s.scalar(select(Attendance.on_behalf_of_id)
                        .where(Attendance.person_id == amina.id)) == keep_id
    assert data(seeded_url) != before
    with session_factory(seeded_url, command="person unmerge") as s:
        merge.unmerge(s, MergeKind.PERSON, result["merge"])
    assert data(seeded_url) == before


def test_conflicting_roles_are_refused_unless_told_which_wins(seeded_url, session_factory,
                                                             db_dump):
    with session_factory(seeded_url) as s:
        keep = refs.person(s, "Shahida Gilani")
        twin = people.add_person(s, "Shahida Gillani", org="UNODC")
        event = _event(s)
        attendance.add_attendance(s, event, keep, role="attendee")
        attendance.add_attendance(s, event, twin, role="speaker")
        keep_id, twin_id = keep.id, twin.id
    before = db_dump(seeded_url)
    with pytest.raises(Conflict, match=r"both attended event #\d+ in different roles "
                                       r"\(attendee and speaker\); say which wins"):
        with session_factory(seeded_url, command="person merge") as s:
            merge.merge(s, MergeKind.PERSON, str(keep_id), str(twin_id))
    assert db_dump(seeded_url) == before
    snapshot = data(seeded_url)
    with session_factory(seeded_url, command="person merge") as s:
        done = merge.merge(s, MergeKind.PERSON, str(keep_id), str(twin_id),
                           role_from=Preference.OTHER)
    with session_factory(seeded_url) as s:
        assert s.scalar(select(Attendance.role).where(Attendance.person_id == keep_id,
                                                      Attendance.event_id == event.id)) \
            == "speaker"
        merge.unmerge(s, MergeKind.PERSON, done["merge"])
    assert data(seeded_url) == snapshot


def test_dry_run_reports_and_changes_nothing(seeded_url, session_factory, db_dump):
    with session_factory(seeded_url) as s:
        twin_id = _twin(s).id
    before = db_dump(seeded_url)
    with session_factory(seeded_url, write=False) as s:
        result = merge.merge(s, MergeKind.PERSON, "Shahida Gilani", str(twin_id),
                             dry_run=True)
    assert result["merge"] is None
    assert result["moved"]["statements"] == 1
    assert db_dump(seeded_url) == before


def test_organization_merge_and_unmerge(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        dup = orgs.add_organization(s, "UN Office on Drugs and Crime", website="unodc.org",
                                    emails=["info@unodc.org"])
        dup.acronym = "UNODC"  # refused by org add now; an older database may hold it
        orgs.add_organization(s, "UNODC Country Office Pakistan", parent=str(dup.id))
        person = people.add_person(s, "Amina Yusuf", org=str(dup.id))
        glo = refs.campaign(s, "GLO.ACT")
        campaigns.add_partner(s, glo, dup, "implementing-partner")
        dup_id, person_id = dup.id, person.id
        keep_id = refs.organization(s, "United Nations Office on Drugs and Crime").id
    before = data(seeded_url)
    with session_factory(seeded_url, command="org merge") as s:
        result = merge.merge(s, MergeKind.ORGANIZATION, str(keep_id), str(dup_id))
    assert result["fields"] == {"website": "https://unodc.org"}
    with session_factory(seeded_url) as s:
        assert s.get(Organization, dup_id) is None
        child = refs.organization(s, "UNODC Country Office Pakistan")
        assert child.parent_id == keep_id
        assert s.scalar(select(ContactPoint.organization_id)
                        .where(ContactPoint.value == "info@unodc.org")) == keep_id
        partners = s.scalars(select(CampaignPartner).where(
            CampaignPartner.organization_id == keep_id)).all()
        assert len({(p.campaign_id, p.role) for p in partners}) == len(partners)
        assert [a.organization_id for a in s.get(Person, person_id).affiliations] == [keep_id]
    with session_factory(seeded_url, command="org unmerge") as s:
        merge.unmerge(s, MergeKind.ORGANIZATION, result["merge"])
    assert data(seeded_url) == before


def test_unmerge_refuses_when_moved_rows_changed_since(seeded_url, session_factory, db_dump):
    with session_factory(seeded_url) as s:
        twin_id = _twin(s).id
    with session_factory(seeded_url) as s:
        done = merge.merge(s, MergeKind.PERSON, "Shahida Gilani", str(twin_id))
    with session_factory(seeded_url) as s:
        s.execute(delete(Statement).where(Statement.text == "We will act."))
    before = db_dump(seeded_url)
    with pytest.raises(Conflict, match=r"^1 statement record it moved was deleted after "
                                       r"the merge; undoing merge \d+ would lose those changes$"):
        with session_factory(seeded_url) as s:
            merge.unmerge(s, MergeKind.PERSON, done["merge"])
    assert db_dump(seeded_url) == before


def test_unmerge_errors(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        twin = people.add_person(s, "Shahida Gillani")
        done = merge.merge(s, MergeKind.PERSON, "Shahida Gilani", str(twin.id))
        with pytest.raises(NotFound, match="no merge matches '999'"):
            merge.unmerge(s, MergeKind.PERSON, 999)
        with pytest.raises(Invalid, match="merged people, not organizations"):
            merge.unmerge(s, MergeKind.ORGANIZATION, done["merge"])
        with pytest.raises(Invalid, match="same record"):
            merge.merge(s, MergeKind.PERSON, "1", "#1")


def test_unmerge_refuses_when_the_removed_id_is_taken_again(seeded_url, session_factory,
                                                           db_dump):
    with session_factory(seeded_url) as s:
        twin = people.add_person(s, "Shahida Gillani")
        twin_id = twin.id
        done = merge.merge(s, MergeKind.PERSON, "Shahida Gilani", str(twin_id))
    with session_factory(seeded_url) as s:  # SQLite hands out the highest id again
        s.add(Person(id=twin_id, full_name="Amina Yusuf"))
    before = db_dump(seeded_url)
    with pytest.raises(Conflict, match=f"id {twin_id} has been used again; the merge cannot "
                                       "be undone"):
        with session_factory(seeded_url) as s:
            merge.unmerge(s, MergeKind.PERSON, done["merge"])
    assert db_dump(seeded_url) == before


@pytest.mark.parametrize("dry_run", [True, False])
def test_keep_attending_on_behalf_of_other_loses_that_link_and_gets_it_back(
        seeded_url, session_factory, dry_run):
    """KEEP attended on behalf of OTHER: once they are one, the row would name KEEP twice."""
    with session_factory(seeded_url) as s:
        twin = people.add_person(s, "Shahida Gillani", org="UNODC")
        keep = refs.person(s, "Shahida Gilani")
        row = attendance.add_attendance(s, _event(s), keep, on_behalf_of=str(twin.id))
        keep_id, twin_id, row_id = keep.id, twin.id, row.id
    before = data(seeded_url)
    with session_factory(seeded_url, command="person merge") as s:
        result = merge.merge(s, MergeKind.PERSON, str(keep_id), str(twin_id),
                             role_from=Preference.KEEP, dry_run=dry_run)
    assert result["moved"]["attendances"] == 1
    if dry_run:
        assert data(seeded_url) == before
        return
    with session_factory(seeded_url) as s:
        merged = s.get(Attendance, row_id)
        assert (merged.person_id, merged.on_behalf_of_id) == (keep_id, None)
    with session_factory(seeded_url, command="person unmerge") as s:
        merge.unmerge(s, MergeKind.PERSON, result["merge"])
    assert data(seeded_url) == before


def _merged_twin(session_factory, url, **options) -> tuple[int, int, int]:
    """(KEEP's id, the twin's id, the merge's id)."""
    with session_factory(url) as s:
        twin_id = _twin(s).id
        keep_id = refs.person(s, "Shahida Gilani").id
    with session_factory(url, command="person merge") as s:
        done = merge.merge(s, MergeKind.PERSON, str(keep_id), str(twin_id), **options)
    return keep_id, twin_id, done["merge"]


def _refused(session_factory, url, db_dump, merge_id: int, message: str) -> None:
    before = db_dump(url)
    with pytest.raises(Conflict) as refused:
        with session_factory(url, command="person unmerge") as s:
            merge.unmerge(s, MergeKind.PERSON, merge_id)
    assert str(refused.value) == message
    assert db_dump(url) == before


def test_unmerge_refuses_to_undo_what_was_done_to_keep_since(seeded_url, session_factory,
                                                            db_dump):
    """An opt-out recorded after the merge must not be undone with it."""
    keep_id, _, merge_id = _merged_twin(session_factory, seeded_url)
    with session_factory(seeded_url, command="person edit") as s:
        people.edit_person(s, str(keep_id), notes="new mobile", no_contact=True)
    _refused(session_factory, seeded_url, db_dump, merge_id,
             f"person #{keep_id} was changed after the merge (notes, do_not_contact, "
             f"do_not_contact_at); undoing merge {merge_id} would lose those changes")


def test_unmerge_refuses_when_a_moved_row_was_changed_since(seeded_url, session_factory,
                                                           db_dump):
    _, _, merge_id = _merged_twin(session_factory, seeded_url)
    with session_factory(seeded_url) as s:
        s.execute(update(Statement).where(Statement.text == "We will act.")
                  .values(kind="summary"))
        s.execute(update(ContactPoint).where(ContactPoint.value == "shahida@gmail.com")
                  .values(label="home"))
    _refused(session_factory, seeded_url, db_dump, merge_id,
             "1 contact record it moved was changed after the merge (label); 1 statement "
             "record it moved was changed after the merge (kind); undoing merge "
             f"{merge_id} would lose those changes")


def test_unmerge_out_of_order_is_refused_until_the_later_merge_is_undone(
        seeded_url, session_factory, db_dump):
    with session_factory(seeded_url) as s:
        twin_id = _twin(s).id
        third_id = people.add_person(s, "Shahida G.", org="UNODC").id
        keep_id = refs.person(s, "Shahida Gilani").id
    before = data(seeded_url)
    with session_factory(seeded_url, command="person merge") as s:
        first = merge.merge(s, MergeKind.PERSON, str(keep_id), str(twin_id))["merge"]
    with session_factory(seeded_url, command="person merge") as s:
        second = merge.merge(s, MergeKind.PERSON, str(keep_id), str(third_id),
                             prefer=Preference.OTHER)["merge"]
    _refused(session_factory, seeded_url, db_dump, first,
             f"person #{keep_id} was merged again after this merge (merge {second}); undo "
             f"merge {second} first")
    for merge_id in (second, first):
        with session_factory(seeded_url, command="person unmerge") as s:
            merge.unmerge(s, MergeKind.PERSON, merge_id)
    assert data(seeded_url) == before



def test_unmerge_refuses_when_what_it_puts_back_clashes_with_a_newer_record(
        seeded_url, session_factory, db_dump):
    with session_factory(seeded_url) as s:
        dup_id = orgs.add_organization(s, "UN Office on Drugs and Crime").id
        keep_id = refs.organization(s, "UNODC").id
    with session_factory(seeded_url, command="org merge") as s:
        merge_id = merge.merge(s, MergeKind.ORGANIZATION, str(keep_id), str(dup_id))["merge"]
    with session_factory(seeded_url) as s:
        orgs.add_organization(s, "UN Office on Drugs and Crime")
    before = db_dump(seeded_url)
    with pytest.raises(Conflict, match=rf"^merge {merge_id} cannot be undone: 'UN Office on "
                                       r"Drugs and Crime', the name of #\d+ UN Office on Drugs "
                                       r"and Crime it would put back, is now the name of #\d+ UN "
                                       r"Office on Drugs and Crime; change #\d+'s name first$"):
        with session_factory(seeded_url, command="org unmerge") as s:
            merge.unmerge(s, MergeKind.ORGANIZATION, merge_id)
    assert db_dump(seeded_url) == before


# -- one post under two records: folded, not doubled ----------------------------------------


def _posts(session, person_id: int) -> list[tuple]:
    """(organization, position, start, end, primary) of each of a person's affiliations, by
    organization, then position (none first)."""
    return sorted(((a.organization.name, a.position, a.start_date, a.end_date, a.is_primary)
                   for a in session.get(Person, person_id).affiliations),
                  key=lambda post: tuple("" if v is None else str(v) for v in post))


def _two_records(session, keep_posts, other_posts) -> tuple[int, int]:
    """Two records of Sarah Khan, each with its posts: (organization, position, start, end,
    primary) tuples, dates as ISO text."""
    ids = []
    for posts in (keep_posts, other_posts):
        person = people.add_person(session, "Ms. Sarah Khan")
        for org, position, start, end, primary in posts:
            people.affiliate(session, person, refs.organization(session, org),
                             position=position, start=start and dt.date.fromisoformat(start),
                             end=end and dt.date.fromisoformat(end), primary=primary)
        ids.append(person.id)
    return ids[0], ids[1]


def _merged(session_factory, url, keep_posts, other_posts) -> tuple[int, dict, dict]:
    """Merge the second record into the first: (KEEP's id, the summary, the data before)."""
    with session_factory(url) as s:
        keep_id, other_id = _two_records(s, keep_posts, other_posts)
    before = data(url)
    with session_factory(url, command="person merge") as s:
        result = merge.merge(s, MergeKind.PERSON, str(keep_id), str(other_id))
    return keep_id, result, before


UNODC = "United Nations Office on Drugs and Crime"


def test_an_empty_post_where_keep_has_one_is_folded_into_it_and_unmerge_restores_it(
        seeded_url, session_factory):
    """The duplicate's post at UNODC without a position is KEEP's post there, seen twice: it
    goes, giving KEEP's the start date it lacked; the undo brings it back exactly."""
    keep_id, result, before = _merged(
        session_factory, seeded_url,
        [("UNODC", "Programme Officer", None, None, True)],
        [("UNODC", None, "2019-03-01", None, True)])
    with session_factory(seeded_url, write=False) as s:
        assert _posts(s, keep_id) == [
            (UNODC, "Programme Officer", dt.date(2019, 3, 1), None, True)]
    assert result["dropped"] == {"affiliations": 1}
    with session_factory(seeded_url, command="person unmerge") as s:
        merge.unmerge(s, MergeKind.PERSON, result["merge"])
    assert data(seeded_url) == before


def test_the_same_position_in_another_case_fills_in_what_keep_lacks(seeded_url,
                                                                  session_factory):
    """A position written in another case and without its accents is the same; the end date
    and the primary flag KEEP's post lacked come from the duplicate's."""
    keep_id, result, _ = _merged(
        session_factory, seeded_url,
        [("EU", "Attachée de presse", None, None, False),
         ("FIA", "Liaison", "2015-01-01", "2016-12-31", False)],
        [("EU", "ATTACHEE DE PRESSE", "2017-01-01", "2020-06-30", True)])
    with session_factory(seeded_url, write=False) as s:
        assert _posts(s, keep_id) == [
            ("European Union", "Attachée de presse", dt.date(2017, 1, 1),
             dt.date(2020, 6, 30), True),
            ("Federal Investigation Agency", "Liaison", dt.date(2015, 1, 1),
             dt.date(2016, 12, 31), False)]
    assert (result["moved"], result["dropped"]) == ({"affiliations": 1}, {"affiliations": 1})


def test_a_folded_primary_post_leaves_one_primary(seeded_url, session_factory):
    """KEEP's main post is elsewhere: the folded post does not become a second one."""
    keep_id, _, _ = _merged(
        session_factory, seeded_url,
        [("UNODC", "Programme Officer", None, None, False), ("EU", "Adviser", None, None, True)],
        [("UNODC", None, None, None, True)])
    with session_factory(seeded_url, write=False) as s:
        assert _posts(s, keep_id) == [("European Union", "Adviser", None, None, True),
                                      (UNODC, "Programme Officer", None, None, False)]


def test_two_different_posts_at_one_organization_stay_two(seeded_url, session_factory):
    """Another position, or the same one at another time (a date that disagrees, or dates
    that would make no span), is another post."""
    keep_id, result, _ = _merged(
        session_factory, seeded_url,
        [("UNODC", "Programme Officer", "2019-01-01", "2021-06-30", True)],
        [("UNODC", "Country Representative", "2021-07-01", None, True),
         ("UNODC", "programme officer", "2023-01-01", None, False),
         ("UNODC", None, None, "2018-12-31", False)])
    with session_factory(seeded_url, write=False) as s:
        assert _posts(s, keep_id) == [
            (UNODC, None, None, dt.date(2018, 12, 31), False),
            (UNODC, "Country Representative", dt.date(2021, 7, 1), None, False),
            (UNODC, "Programme Officer", dt.date(2019, 1, 1), dt.date(2021, 6, 30), True),
            (UNODC, "programme officer", dt.date(2023, 1, 1), None, False)]
    assert result["dropped"] == {}


def test_an_organization_merge_folds_a_person_s_post_at_both_into_one(seeded_url,
                                                                     session_factory):
    with session_factory(seeded_url) as s:
        dup_id = orgs.add_organization(s, "UN Office on Drugs and Crime").id
        person = people.add_person(s, "Ms. Sarah Khan", org="UNODC",
                                   position="Programme Officer")
        people.affiliate(s, person, s.get(Organization, dup_id), start=dt.date(2019, 3, 1))
        person_id, keep_id = person.id, refs.organization(s, "UNODC").id
    before = data(seeded_url)
    with session_factory(seeded_url, command="org merge") as s:
        result = merge.merge(s, MergeKind.ORGANIZATION, str(keep_id), str(dup_id))
    with session_factory(seeded_url, write=False) as s:
        assert _posts(s, person_id) == [
            (UNODC, "Programme Officer", dt.date(2019, 3, 1), None, True)]
    with session_factory(seeded_url, command="org unmerge") as s:
        merge.unmerge(s, MergeKind.ORGANIZATION, result["merge"])
    assert data(seeded_url) == before


def test_posts_written_with_and_without_a_hyphen_are_one_post(seeded_url, session_factory):
    """'Additional Director-General' at one and 'Additional Director General' at the other
    stayed two posts after the organizations were merged."""
    with session_factory(seeded_url) as s:
        dup_id = orgs.add_organization(s, "UN Office on Drugs and Crime").id
        person = people.add_person(s, "Ms. Sarah Khan", org="UNODC",
                                   position="Additional Director-General")
        people.affiliate(s, person, s.get(Organization, dup_id),
                         position="Additional Director General")
        person_id, keep_id = person.id, refs.organization(s, "UNODC").id
    with session_factory(seeded_url, command="org merge") as s:
        merge.merge(s, MergeKind.ORGANIZATION, str(keep_id), str(dup_id))
    with session_factory(seeded_url, write=False) as s:
        assert _posts(s, person_id) == [(UNODC, "Additional Director-General", None, None, True)]


def test_an_organization_filled_in_by_a_merge_keeps_whether_it_was_given(seeded_url,
                                                                          session_factory):
    """KEEP's attendance had no organization (none from a post); OTHER's was given: the one
    filled in stays given, so a new event date does not take it away. A merge recorded before
    attendances kept this (its images lack the column) is still undone."""
    import json

    from stakeholders.models import Merge

    with session_factory(seeded_url) as s:
        keep = people.add_person(s, "Amina Yusuf")
        twin = people.add_person(s, "Amina Yousuf")
        event = _event(s)
        attendance.add_attendance(s, event, keep)
        attendance.add_attendance(s, event, twin, org="UNODC")
        keep_id, twin_id, event_id = keep.id, twin.id, event.id
    snapshot = data(seeded_url)
    with session_factory(seeded_url, command="person merge") as s:
        done = merge.merge(s, MergeKind.PERSON, str(keep_id), str(twin_id))
    with session_factory(seeded_url) as s:
        kept = s.scalar(select(Attendance).where(Attendance.person_id == keep_id,
                                                 Attendance.event_id == event_id))
        assert kept.organization.acronym == "UNODC" and kept.organization_defaulted is False
        row = s.get(Merge, done["merge"])

        def strip(value):
            if isinstance(value, dict):
                return {k: strip(v) for k, v in value.items() if k != "organization_defaulted"}
            return [strip(v) for v in value] if isinstance(value, list) else value

        row.payload = json.dumps(strip(json.loads(row.payload)))
    with session_factory(seeded_url, command="person unmerge") as s:
        merge.unmerge(s, MergeKind.PERSON, done["merge"])
    restored = data(seeded_url)
    # the image without the column puts OTHER's attendance back as an earlier version had it
    for rows in (restored["attendances"], snapshot["attendances"]):
        rows[:] = [r[:4] + r[5:] for r in rows]
    assert restored == snapshot
