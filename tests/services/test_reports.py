"""Reports on real databases: the seed launch as the press release tells it, positions held on
the event date, grouping and filters, and a statement count that does not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest

from stakeholders.errors import Invalid, NotFound
from stakeholders.services import attendance, campaigns, events, orgs, people, reports

EVENT = "GLO.ACT launch, Islamabad"

#: The press release's speakers and presenters, in the order they addressed the launch.
PRESS_RELEASE_SPEAKERS = [
    "Mr. Cesar Guedes, UNODC Representative for Pakistan",
    "Mr. Muhammad Shifaque, Additional Director General",
    "Ms. Nicole Guihot, Acting Deputy High Commissioner, for H.E. Ms. Margaret Adamson",
    "H.E. Mr. David Hale, Ambassador",
    "H.E. Mr. Jean-François Cautain, Ambassador of the European Union to the Islamic Republic "
    "of Pakistan",
    "Ms. Margaret Akullo, GLO.ACT Project Coordinator",
    "Mr. Junaid Khan, IOM Senior Programme Coordinator",
    "Ms. Sarah Coleman, UNICEF Chief of Child Protection",
]


def test_attendees_of_the_seed_launch(seeded_url, session_factory):
    with session_factory(seeded_url, write=False) as s:
        report = reports.attendees(s, EVENT)
    assert list(report) == ["event_id", "event", "date", "city", "attendees", "also_present",
                            "total", "attended_by_sector"]
    assert report["date"] == dt.date(2017, 7, 19)
    guihot = report["attendees"][2]
    assert guihot == {
        "person_id": guihot["person_id"], "person": "Ms. Nicole Guihot", "honorific": None,
        "title": "Ms.", "organization": "Australian High Commission",
        "position": "Acting Deputy High Commissioner", "sector": "diplomatic-mission",
        "role": "speaker", "status": "attended", "on_behalf_of": "H.E. Ms. Margaret Adamson",
        "speaking_order": 3,
    }
    assert [r["speaking_order"] for r in report["attendees"]] == list(range(1, 9))
    assert report["total"] == 8
    assert report["attended_by_sector"] == {
        "diplomatic-mission": 2, "donor": 1, "police": 1, "un-agency": 4}
    assert {p["sector"] for p in report["also_present"]} == {
        "academia", "civil-society", "diplomatic-mission", "government", "media", "police"}


def test_speakers_of_the_seed_launch_are_the_press_release_s(seeded_url, session_factory):
    with session_factory(seeded_url, write=False) as s:
        rows = reports.speakers(s)["speakers"]
    assert [r["speaker"] for r in rows] == PRESS_RELEASE_SPEAKERS
    assert [r["role"] for r in rows] == ["speaker"] * 6 + ["presenter"] * 2
    guihot = rows[2]
    assert guihot["on_behalf_of"] == "H.E. Ms. Margaret Adamson"
    assert guihot["statements"] == [
        "“Australia is a regional leader in efforts to stop people smuggling, human trafficking "
        "and slavery and strongly supports efforts to raise public awareness of the dangers of "
        "human trafficking and people smuggling”"]
    hale = rows[3]["statements"]
    assert hale == ["“success will require partnerships among governments, judiciaries, civil "
                    "societies, business communities and the public”",
                    "The United States welcomed the launch of both initiatives."]


# -- a second launch, to see history, filters and the campaign across events -----------------


@pytest.fixture
def two_launches(seeded_url, session_factory):
    """The seed launch, then a 2019 follow-up of GLO.ACT where Guihot, promoted, speaks for
    the High Commission herself, Khan sends his regrets, and a journalist attends."""
    with session_factory(seeded_url) as s:
        guihot = people.find_by_name(s, "Nicole Guihot")[0]
        old = guihot.affiliations[0]
        old.start_date, old.end_date = dt.date(2016, 1, 1), dt.date(2018, 12, 31)
        old.is_primary = False
        ahc = old.organization
        people.affiliate(s, guihot, ahc, position="Deputy High Commissioner",
                         start=dt.date(2019, 1, 1), primary=True)
        dawn = orgs.add_organization(s, "Dawn", sector="media", country="PK")
        reporter = people.add_person(s, "Ms. Zofeen Ebrahim", org="Dawn", position="Reporter")
        ev = events.add_event(s, "GLO.ACT review, Lahore", date=dt.date(2019, 3, 5),
                              kind="meeting", city="Lahore", campaigns=["GLO.ACT"])
        attendance.add_attendance(s, ev, guihot, role="speaker", order=1,
                                  quotes=["Three years on, the partnership holds."])
        khan = people.find_by_name(s, "Junaid Khan")[0]
        attendance.add_attendance(s, ev, khan, role="presenter", status="declined")
        attendance.add_attendance(s, ev, reporter, org=dawn.name)
        ev_id = ev.id
    return seeded_url, ev_id


def test_position_is_the_one_held_on_the_event_date(two_launches, session_factory):
    url, _ = two_launches
    with session_factory(url, write=False) as s:
        first = reports.attendees(s, EVENT)["attendees"][2]
        later = reports.attendees(s, "GLO.ACT review, Lahore")["attendees"][0]
    assert (first["person"], first["position"]) == ("Ms. Nicole Guihot",
                                                    "Acting Deputy High Commissioner")
    assert (later["person"], later["position"]) == ("Ms. Nicole Guihot",
                                                    "Deputy High Commissioner")


def test_position_prefers_the_organization_attended_for(db_url, session_factory):
    with session_factory(db_url) as s:
        unodc = orgs.add_organization(s, "UNODC", sector="un-agency")
        orgs.add_organization(s, "University of Karachi", sector="academia")
        person = people.add_person(s, "Dr. Ayesha Khan", org="University of Karachi",
                                   position="Professor")
        people.affiliate(s, person, unodc, position="Consultant")
        ev = events.add_event(s, "Workshop", date=dt.date(2020, 1, 1))
        attendance.add_attendance(s, ev, person, org="UNODC")
        other = events.add_event(s, "Seminar", date=dt.date(2020, 2, 1))
        attendance.add_attendance(s, other, person)
    with session_factory(db_url, write=False) as s:
        row = reports.attendees(s, "Workshop")["attendees"][0]
        fallback = reports.attendees(s, "Seminar")["attendees"][0]
    assert (row["organization"], row["position"]) == ("UNODC", "Consultant")
    assert (fallback["organization"], fallback["position"]) == (
        "University of Karachi", "Professor")


def test_attendees_grouped_and_filtered(two_launches, session_factory):
    url, _ = two_launches
    lahore = "GLO.ACT review, Lahore"
    with session_factory(url, write=False) as s:
        by_role = reports.attendees(s, EVENT, by="role")
        by_sector = reports.attendees(s, lahore, by="sector")
        declined = reports.attendees(s, lahore, statuses=["Declined"])
        presenters = reports.attendees(s, EVENT, roles=["presenter"], statuses=["attended"])
        with pytest.raises(Invalid, match="'tall' is not a valid status; choose one of: "):
            reports.attendees(s, EVENT, statuses=["tall"])
        with pytest.raises(Invalid, match="cannot group by 'city'"):
            reports.attendees(s, EVENT, by="city")
    # the programme's order: speakers before presenters
    assert by_role["groups"] == [{"role": "speaker", "count": 6},
                                 {"role": "presenter", "count": 2}]
    assert [r["role"] for r in by_role["attendees"]] == ["speaker"] * 6 + ["presenter"] * 2
    assert by_sector["groups"] == [{"sector": "diplomatic-mission", "count": 1},
                                   {"sector": "media", "count": 1},
                                   {"sector": "un-agency", "count": 1}]
    assert by_sector["total"] == 3
    # The summary counts people who came: Khan declined.
    assert by_sector["attended_by_sector"] == {"diplomatic-mission": 1, "media": 1}
    assert [r["person"] for r in declined["attendees"]] == ["Mr. Junaid Khan"]
    assert [r["person"] for r in presenters["attendees"]] == ["Mr. Junaid Khan",
                                                               "Ms. Sarah Coleman"]
    assert presenters["attended_by_sector"] == {"un-agency": 2}


def test_speakers_across_a_campaign_and_by_date(two_launches, session_factory):
    url, lahore_id = two_launches
    with session_factory(url, write=False) as s:
        glo_act = reports.speakers(s, campaign="GLO.ACT")["speakers"]
        since_2018 = reports.speakers(s, date_from="2018-01-01")["speakers"]
        until_2018 = reports.speakers(s, date_to=dt.date(2018, 1, 1))["speakers"]
        one = reports.speakers(s, events=[str(lahore_id)])["speakers"]
        both = reports.speakers(s, events=[EVENT, str(lahore_id)])["speakers"]
        with pytest.raises(Invalid, match="invalid date '2019-13-01'"):
            reports.speakers(s, date_from="2019-13-01")
        with pytest.raises(NotFound, match="closest: GLO.ACT review, Lahore"):
            reports.speakers(s, events=["GLO.ACT reveiw, Lahore"])
    # Khan declined in Lahore: he did not speak there.
    assert [(r["date"].year, r["speaking_order"]) for r in glo_act] == [
        (2017, n) for n in range(1, 9)] + [(2019, 1)]
    assert glo_act[-1]["speaker"] == "Ms. Nicole Guihot, Deputy High Commissioner"
    assert glo_act[-1]["statements"] == ["“Three years on, the partnership holds.”"]
    assert [r["event"] for r in since_2018] == ["GLO.ACT review, Lahore"]
    assert len(until_2018) == 8
    assert one == since_2018
    assert both == glo_act


def test_person_report(two_launches, session_factory):
    url, _ = two_launches
    with session_factory(url, write=False) as s:
        report = reports.person(s, "Nicole Guihot")
        gilani = reports.person(s, "shahida.gillani@unodc.org")
    assert [(a["position"], a["current"]) for a in report["affiliations"]] == [
        ("Deputy High Commissioner", True), ("Acting Deputy High Commissioner", False)]
    assert [(e["date"], e["position"], e["role"], e["on_behalf_of"]) for e in report["events"]] \
        == [(dt.date(2017, 7, 19), "Acting Deputy High Commissioner", "speaker",
             "H.E. Ms. Margaret Adamson"),
            (dt.date(2019, 3, 5), "Deputy High Commissioner", "speaker", None)]
    assert [st["kind"] for st in report["statements"]] == ["verbatim", "verbatim"]
    assert report["do_not_email"] is False
    assert gilani["contact_points"] == [{"kind": "email", "value": "Shahida.gillani@unodc.org",
                                        "label": None, "primary": True}]
    assert gilani["events"] == []


def test_person_report_holds_the_events_others_attended_on_their_behalf(seeded_url,
                                                                       session_factory):
    # The High Commissioner was represented at the launch by her deputy: her history says so,
    # with the post she held then, and the deputy's history names whom she spoke for.
    with session_factory(seeded_url, write=False) as s:
        adamson = reports.person(s, "Margaret Adamson")
        guihot = reports.person(s, "Nicole Guihot")
    assert adamson["events"] == [{
        "event_id": 1, "event": EVENT, "date": dt.date(2017, 7, 19),
        "organization": "Australian High Commission",
        "position": "Australian High Commissioner to Pakistan", "role": "speaker",
        "status": "attended", "on_behalf_of": None, "represented_by": "Ms. Nicole Guihot",
        "speaking_order": 3}]
    assert [(e["on_behalf_of"], e["represented_by"]) for e in guihot["events"]] == [
        ("H.E. Ms. Margaret Adamson", None)]
    assert adamson["statements"] == []


def test_person_report_names_no_organization_for_someone_represented_who_held_no_post(
        seeded_url, session_factory):
    # Someone with no post on the day was represented by a UNODC officer: their history
    # must not say they were at UNODC (the organization the representative came for).
    with session_factory(seeded_url) as s:
        people.add_person(s, "Zara Noor")
        attendance.record_attendance(s, EVENT, "Shahida Gilani", on_behalf_of="Zara Noor")
    with session_factory(seeded_url, write=False) as s:
        noor = reports.person(s, "Zara Noor")
    assert [(e["represented_by"], e["organization"], e["position"]) for e in noor["events"]] \
        == [("Ms. Shahida Gilani", None, None)]


def test_organization_report(two_launches, session_factory):
    url, _ = two_launches
    with session_factory(url, write=False) as s:
        report = reports.organization(s, "UNODC")
        ahc = reports.organization(s, "Australian High Commission")
    assert [p["person"] for p in report["people"]] == [
        "Ms. Margaret Akullo", "Ms. Shahida Gilani", "Mr. Cesar Guedes"]
    assert [(e["person"], e["role"]) for e in report["events"]] == [
        ("Mr. Cesar Guedes", "speaker"), ("Ms. Margaret Akullo", "speaker")]
    assert report["roles"] == {"speaker": 2}
    assert [(c["campaign"][:13], c["role"]) for c in report["campaigns"]] == [
        ("Global Action", "lead-agency")]
    # Former and current posts; Adamson was represented, so she attended nothing herself.
    assert [(p["person"], p["position"], p["current"]) for p in ahc["people"]] == [
        ("H.E. Ms. Margaret Adamson", "Australian High Commissioner to Pakistan", True),
        ("Ms. Nicole Guihot", "Deputy High Commissioner", True),
        ("Ms. Nicole Guihot", "Acting Deputy High Commissioner", False)]
    assert [e["date"].year for e in ahc["events"]] == [2017, 2019]


def test_organization_report_holds_meetings_with_its_people_at_the_time(seeded_url,
                                                                         session_factory):
    """"What have we done with UNODC?" takes in the meetings with its staff, while they were
    its staff, and their open follow-ups, each once."""
    from stakeholders.services import followups, interactions
    from stakeholders.services.affiliations import affiliate_or_correct
    from stakeholders.services.interactions import FollowUpSpec

    with session_factory(seeded_url) as s:
        people.add_person(s, "Ms. Sarah Khan")
        affiliate_or_correct(s, "Sarah Khan", "UNODC", position="Programme Officer",
                             start="2017-01-01", end="2018-12-31")
        for date, who, orgs_named, summary in (
                ("2016-11-30", ["Sarah Khan"], [], "before she joined"),
                ("2017-08-02", ["Sarah Khan"], [], "with her"),
                ("2017-09-01", ["Sarah Khan", "Margaret Akullo"], ["UNODC"], "with all"),
                ("2019-01-01", ["Sarah Khan"], [], "after she left")):
            interactions.add_interaction(
                s, kind="meeting", date=date, summary=summary, people=who, orgs=orgs_named,
                follow_ups=[FollowUpSpec(f"follow {summary}", "2017-10-01"),
                            FollowUpSpec(f"done {summary}", "2017-10-01")])
        for ident in (2, 4, 6, 8):
            followups.mark_done(s, ident, today=dt.date(2019, 1, 2))
    with session_factory(seeded_url, write=False) as s:
        report = reports.organization(s, "UNODC", today=dt.date(2017, 9, 15))
    assert [i["summary"] for i in report["interactions"]] == ["with all", "with her"]
    assert [f["follow_up"] for f in report["open_follow_ups"]] == [
        "follow with her", "follow with all"]


def test_campaign_report(two_launches, session_factory):
    url, _ = two_launches
    with session_factory(url, write=False) as s:
        report = reports.campaign(s, "glo.act")
    assert [(p["role"], p["organization"]) for p in report["partners"]] == [
        ("funder", "European Union"),
        ("implementing-partner", "International Organization for Migration"),
        ("implementing-partner", "United Nations Children's Fund"),
        ("lead-agency", "United Nations Office on Drugs and Crime")]
    assert [(e["event"], e["attended"]) for e in report["events"]] == [
        (EVENT, 8), ("GLO.ACT review, Lahore", 2)]
    assert len(report["speakers"]) == 9
    assert report["attendance_by_sector"] == [
        {"sector": "diplomatic-mission", "attendances": 3, "people": 2},
        {"sector": "donor", "attendances": 1, "people": 1},
        {"sector": "media", "attendances": 1, "people": 1},
        {"sector": "police", "attendances": 1, "people": 1},
        {"sector": "un-agency", "attendances": 4, "people": 4}]
    assert report["people_reached"] == 9  # Guihot came twice, Khan declined the second


def test_sign_in_sheet_lists_the_expected_by_family_name(two_launches, session_factory):
    url, _ = two_launches
    with session_factory(url, write=False) as s:
        report = reports.sheet(s, "GLO.ACT review, Lahore")
    assert report["sheet"] == [
        {"no": 1, "name": "Ms. Zofeen Ebrahim", "organization": "Dawn", "position": "Reporter",
         "signature": "", "email": ""},
        {"no": 2, "name": "Ms. Nicole Guihot", "organization": "Australian High Commission",
         "position": "Deputy High Commissioner", "signature": "", "email": ""},
    ]


def test_a_campaign_without_events(db_url, session_factory):
    with session_factory(db_url) as s:
        campaigns.add_campaign(s, "Quiet campaign")
    with session_factory(db_url, write=False) as s:
        report = reports.campaign(s, "Quiet campaign")
    assert (report["events"], report["speakers"], report["attendance_by_sector"],
            report["people_reached"]) == ([], [], [], 0)


# -- a fixed number of statements, whatever the size of the data ------------------------------


#: When the meeting with person ``p`` of :func:`generate` took place, by ``p % 3``.
MEETING_DATES = (dt.date(2005, 6, 1), dt.date(2012, 6, 1), dt.date(1990, 6, 1))


def generate(url: str, *, events: int, people: int, per_event: int) -> None:
    """A campaign of ``events`` events, ``people`` people spread over 20 organizations (each
    with a former and a current post), ``per_event`` attendances per event, every fifth one a
    speaker with a statement and every tenth on behalf of someone; a meeting with each person,
    with an open follow-up. Core bulk inserts."""
    from sqlalchemy import insert

    from stakeholders.db import make_engine
    from stakeholders.models import (Affiliation, Attendance, Campaign, Event, EventCampaign,
                                     FollowUp, Interaction, InteractionParticipant,
                                     Organization, Person, Statement)
    from stakeholders.vocab import Sector

    sectors = Sector.values()
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(Organization), [
            {"id": o, "name": f"Org {o}", "name_key": f"org {o}",
             "sector": sectors[o % len(sectors)]} for o in range(1, 21)])
        conn.execute(insert(Person), [
            {"id": p, "title": "Ms.", "full_name": f"Person {p}", "name_key": f"person {p}",
             "family_key": f"{p:05d}"} for p in range(1, people + 1)])
        conn.execute(insert(Affiliation), [
            row for p in range(1, people + 1) for row in (
                {"person_id": p, "organization_id": p % 20 + 1, "position": "Former post",
                 "start_date": dt.date(2000, 1, 1), "end_date": dt.date(2009, 12, 31),
                 "is_primary": False},
                {"person_id": p, "organization_id": (p + 1) % 20 + 1, "position": "Post",
                 "start_date": dt.date(2010, 1, 1), "end_date": None, "is_primary": True})])
        conn.execute(insert(Campaign), [{"id": 1, "name": "Big", "name_key": "big"}])
        conn.execute(insert(Event), [
            {"id": e, "name": f"Event {e}", "name_key": f"event {e}",
             "start_date": dt.date(2010, 1, 1) + dt.timedelta(days=e)}
            for e in range(1, events + 1)])
        conn.execute(insert(EventCampaign), [{"event_id": e, "campaign_id": 1}
                                             for e in range(1, events + 1)])
        rows = []
        for e in range(1, events + 1):
            for k in range(per_event):
                p = (e * 37 + k) % people + 1
                rows.append({
                    "event_id": e, "person_id": p, "organization_id": (p + 1) % 20 + 1,
                    "role": "speaker" if k % 5 == 0 else "attendee", "status": "attended",
                    "speaking_order": k // 5 + 1 if k % 5 == 0 else None,
                    "on_behalf_of_id": (p % people) + 1 if k % 10 == 0 else None})
        for start in range(0, len(rows), 5000):
            conn.execute(insert(Attendance), rows[start:start + 5000])
        conn.execute(insert(Statement), [
            {"event_id": r["event_id"], "person_id": r["person_id"], "kind": "verbatim",
             "text": "We are here.", "text_key": "we are here.", "sequence": 1}
            for r in rows if r["role"] == "speaker"])
        # A meeting with each person (during their former post, their current one, or before
        # either), with an open follow-up.
        meetings = range(1, people + 1)
        conn.execute(insert(Interaction), [_keyed(Interaction, {
            "id": i, "kind": "meeting", "summary": "Met", "date": MEETING_DATES[i % 3]})
            for i in meetings])
        conn.execute(insert(InteractionParticipant), [
            {"interaction_id": i, "person_id": i} for i in meetings])
        conn.execute(insert(FollowUp), [_keyed(FollowUp, {
            "interaction_id": i, "text": "Write", "due_date": dt.date(2030, 1, 1)})
            for i in meetings])
    engine.dispose()


def _keyed(model, row: dict) -> dict:
    """``row`` with the folded key of each text its table keeps one for (``summary_key``…),
    as the services would write it."""
    from stakeholders.text import fold

    columns = model.__table__.c
    return {**row, **{f"{name}_key": fold(value) for name, value in row.items()
                      if f"{name}_key" in columns}}


REPORTS = {
    "attendees": lambda s: reports.attendees(s, "1", by="sector"),
    "speakers": lambda s: reports.speakers(s),
    "speakers of a campaign": lambda s: reports.speakers(s, campaign="1", date_from="2010-01-01"),
    "person": lambda s: reports.person(s, "2"),
    "organization": lambda s: reports.organization(s, "3"),
    "campaign": lambda s: reports.campaign(s, "1"),
    "sheet": lambda s: reports.sheet(s, "1"),
}


def count_statements(url: str) -> dict[str, tuple[int, int]]:
    """For each report: (SQL statements it ran, rows in its biggest section)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from stakeholders.db import make_engine

    engine = make_engine(url, write=False)
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(1))
    counts = {}
    try:
        for name, build in REPORTS.items():
            with Session(engine) as s:
                statements.clear()
                report = build(s)
                counts[name] = (len(statements),
                                max(len(v) for v in report.values() if isinstance(v, list)))
    finally:
        engine.dispose()
    return counts


def test_reports_run_a_fixed_number_of_statements(db_url, templates, tmp_path,
                                                  session_factory):
    (tmp_path / "small").mkdir()
    small_url = templates.fresh(tmp_path / "small")
    try:
        generate(small_url, events=3, people=12, per_event=5)
        generate(db_url, events=200, people=3000, per_event=100)
        small, large = count_statements(small_url), count_statements(db_url)
    finally:
        templates.drop(small_url)
    for name in REPORTS:
        assert small[name][0] == large[name][0], (name, small[name], large[name])
        # person and organization add interactions, open follow-ups and assessments: +6; a
        # reference written as digits also looks for a record called that (refs): +1
        assert small[name][0] <= (14 if name in ("person", "organization") else 11), \
            (name, small[name])
    # The large fixture really is large where it counts.
    assert large["speakers"][1] == 200 * 20
    assert large["attendees"][1] == 100
    assert large["campaign"][1] == 200 * 20
    with session_factory(db_url, write=False) as s:
        report = reports.organization(s, "3", today=dt.date(2020, 1, 1))
    # Organization 3's meetings: with its former staff (p % 20 == 2) met in 2005 and its
    # current staff (p % 20 == 1) met in 2012; not before they had a post there.
    met = [p for p in range(1, 3001)
           if (p % 20, p % 3) in ((2, 0), (1, 1))]
    assert len(report["interactions"]) == len(report["open_follow_ups"]) == len(met) > 50


def test_people_who_came_for_no_organization_count_as_none(db_url, session_factory):
    with session_factory(db_url) as s:
        ev = events.add_event(s, "Open day", date=dt.date(2021, 5, 1))
        walk_in = people.add_person(s, "Mr. Ali Raza")
        attendance.add_attendance(s, ev, walk_in)
    with session_factory(db_url, write=False) as s:
        report = reports.attendees(s, "Open day", by="organization")
    assert report["attendees"][0]["organization"] is None
    assert report["attendees"][0]["position"] is None
    assert report["groups"] == [{"organization": None, "count": 1}]
    assert report["attended_by_sector"] == {"none": 1}
