"""Seeded, realistic benchmark data: a contacts CSV for imports, and a large launch history
(events, people, attendance) loaded through the data layer's tables for reports and exports.

    python bench/generate.py csv FILE --rows 100000
    python bench/generate.py database URL --events 1000 --people 100000 --attendances 1000000

Names carry accents and particles, organizations spread over every sector, people attend
several events, a few contacts share an address (as real sign-in sheets do).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import unicodedata
from collections.abc import Iterator

GIVEN = ["Margaret", "Nicole", "Cesar", "Muhammad", "Jean-François", "João", "Antonino",
         "Shahida", "Junaid", "Sarah", "Ayesha", "Fatima", "Olúwaseun", "Chloé", "Zoë",
         "Hélène", "Søren", "Björn", "Ngozi", "Aigerim", "Nuno", "Inés", "Łukasz", "Mária",
         "Ahmed", "Hina", "Bilal", "Sana", "Imran", "Zainab", "David", "Maria", "Ana", "Li",
         "Wei", "Priya", "Rahul", "Kofi", "Amara", "Tomás", "Renée", "Dušan", "Ioana",
         "Mehmet", "Elif", "Yusuf", "Leila", "Omar", "Camille", "Agnès", "Grégoire"]
FAMILY = ["Adamson", "Guihot", "Guedes", "Shifaque", "Cautain", "Gomes Cravinho", "de Leo",
          "Gilani", "Khan", "Coleman", "Akullo", "Hale", "van der Berg", "O'Brien",
          "Müller", "Nuñez", "Ødegård", "Kowalczyk", "Dvořák", "Popescu", "Nakamura",
          "Okonkwo", "Mensah", "Qureshi", "Siddiqui", "Chaudhry", "Malik", "Hussain",
          "Rahman", "Hernández", "García", "Lefèvre", "Dubois", "da Silva", "Yılmaz",
          "Öztürk", "Haddad", "Nasser", "Banerjee", "Iyer", "Zhang", "Chen", "Ivanova",
          "Novák", "Santos", "Pereira", "Abubakar", "Diallo", "Traoré", "Ní Bhriain"]
TITLES = ["Mr.", "Ms.", "Dr.", "Mrs.", "Prof.", ""]
SECTORS = ["un-agency", "government", "diplomatic-mission", "donor", "police", "judiciary",
           "ngo", "civil-society", "academia", "media", "private-sector", "other"]
ORG_PATTERNS = {
    "un-agency": "United Nations {} Programme", "government": "Ministry of {}",
    "diplomatic-mission": "Embassy of {}", "donor": "{} Development Fund",
    "police": "{} Police", "judiciary": "{} High Court", "ngo": "{} Foundation",
    "civil-society": "{} Citizens' Forum", "academia": "University of {}",
    "media": "The {} Times", "private-sector": "{} Holdings", "other": "{} Association",
}
PLACES = ["Islamabad", "Lahore", "Karachi", "Peshawar", "Quetta", "Sindh", "Punjab",
          "Balochistan", "Gilgit", "Multan", "Faisalabad", "Sialkot", "Hyderabad", "Sukkur",
          "Abbottabad", "Mardan", "Gwadar", "Skardu", "Chitral", "Swat", "Norway", "Chile",
          "Ghana", "Kenya", "Japan", "Brazil", "Italy", "France", "Canada", "Nepal"]
POSITIONS = ["Director", "Programme Officer", "Deputy Head of Mission", "Counsellor",
             "Senior Advisor", "Inspector General", "Professor", "Editor", "Coordinator",
             "Second Secretary", "Chief of Child Protection", "Representative"]


def ascii_slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower() or "x"


def organizations(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(name, acronym, sector) with unique names."""
    out, seen = [], set()
    i = 0
    while len(out) < count:
        sector = SECTORS[i % len(SECTORS)]
        place = rng.choice(PLACES)
        name = ORG_PATTERNS[sector].format(place)
        if name in seen:
            name = f"{name} {len(out)}"
        seen.add(name)
        acronym = "".join(w[0] for w in name.split() if w[0].isupper())[:6] + str(len(out))
        out.append((name, acronym, sector))
        i += 1
    return out


def people(rng: random.Random, count: int, orgs: list[tuple[str, str, str]]) -> Iterator[dict]:
    previous = None
    for i in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        org = orgs[rng.randrange(len(orgs))]
        domain = ascii_slug(org[0])[:20] + ".org"
        email = f"{ascii_slug(given)}.{ascii_slug(family)}.{i}@{domain}"
        if previous and rng.random() < 0.01:  # ~1% share an address with the row before
            email = previous
        previous = email
        yield {
            "title": rng.choice(TITLES),
            "given": given,
            "family": family,
            "email": email,
            "organization": org[0],
            "position": rng.choice(POSITIONS),
            "phone": f"+92300{i % 10_000_000:07d}",
            "country": "PK",
        }


def write_csv(path: str, rows: int, seed: int = 2017) -> None:
    rng = random.Random(seed)
    orgs = organizations(rng, max(12, rows // 300))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Title", "First Name", "Last Name", "Email", "Organization", "Position",
                    "Phone", "Country"])
        for p in people(rng, rows, orgs):
            w.writerow([p["title"], p["given"], p["family"], p["email"], p["organization"],
                        p["position"], p["phone"], p["country"]])


def fill_database(url: str, events: int, n_people: int, attendances: int,
                  seed: int = 2017) -> None:
    """Bulk-load a migrated database through the models' tables (Core inserts, one
    transaction), keys computed by the same functions the application uses."""
    from sqlalchemy import insert

    from stakeholders.db import make_engine
    from stakeholders.models import (Affiliation, Attendance, Campaign, ContactPoint, Event,
                                     EventCampaign, Organization, Person, Statement)
    from stakeholders.text import fold

    rng = random.Random(seed)
    orgs = organizations(rng, max(50, n_people // 200))
    engine = make_engine(url)
    batch = 20_000

    def chunks(rows: Iterator[dict]) -> Iterator[list[dict]]:
        buf: list[dict] = []
        for r in rows:
            buf.append(r)
            if len(buf) == batch:
                yield buf
                buf = []
        if buf:
            yield buf

    with engine.begin() as conn:
        conn.execute(insert(Organization), [
            {"id": i + 1, "name": n, "name_key": fold(n), "acronym": a, "acronym_key": fold(a),
             "sector": s} for i, (n, a, s) in enumerate(orgs)])
        n_campaigns = max(1, events // 50)
        conn.execute(insert(Campaign), [
            {"id": i + 1, "name": f"Campaign {i + 1}", "name_key": f"campaign {i + 1}",
             "acronym": f"C{i + 1}", "acronym_key": f"c{i + 1}"} for i in range(n_campaigns)])
        start = dt.date(2015, 1, 1)
        conn.execute(insert(Event), [
            {"id": i + 1, "name": f"Event {i + 1}", "name_key": f"event {i + 1}",
             "kind": "launch" if i % 10 == 0 else "meeting",
             "start_date": start + dt.timedelta(days=(i * 3) % 3650), "city": "Islamabad",
             "country": "PK"} for i in range(events)])
        conn.execute(insert(EventCampaign), [
            {"event_id": i + 1, "campaign_id": (i % n_campaigns) + 1} for i in range(events)])
        person_org: list[int] = []
        for rows in chunks(people(rng, n_people, orgs)):
            base = len(person_org)
            conn.execute(insert(Person), [
                {"id": base + j + 1, "title": p["title"] or None, "given_name": p["given"],
                 "family_name": p["family"], "full_name": f"{p['given']} {p['family']}",
                 "name_key": fold(f"{p['given']} {p['family']}"), "family_key": fold(p["family"]),
                 "do_not_email": (base + j) % 50 == 0} for j, p in enumerate(rows)])
            org_ids = [rng.randrange(len(orgs)) + 1 for _ in rows]
            person_org.extend(org_ids)
            conn.execute(insert(Affiliation), [
                {"person_id": base + j + 1, "organization_id": org_ids[j],
                 "position": p["position"], "is_primary": True} for j, p in enumerate(rows)])
            conn.execute(insert(ContactPoint), [
                {"person_id": base + j + 1, "kind": "email", "value": p["email"],
                 "value_key": p["email"].casefold(), "is_primary": True}
                for j, p in enumerate(rows)])
        per_event = max(1, attendances // events)
        roles = ["speaker"] * 4 + ["presenter"] * 2 + ["attendee"] * 94

        def attendance_rows() -> Iterator[dict]:
            for e in range(events):
                chosen = rng.sample(range(n_people), min(per_event, n_people))
                for order, p in enumerate(chosen):
                    role = "speaker" if order < 4 else rng.choice(roles)
                    yield {"event_id": e + 1, "person_id": p + 1,
                           "organization_id": person_org[p], "role": role,
                           "status": "attended" if rng.random() < 0.9 else "no-show",
                           "speaking_order": order + 1 if order < 4 else None}

        for rows in chunks(attendance_rows()):
            conn.execute(insert(Attendance), rows)
        conn.execute(insert(Statement), [
            {"event_id": e + 1, "person_id": None, "kind": "summary", "text": t,
             "text_key": fold(t), "sequence": 1}
            for e in range(events) for t in [f"Remarks at event {e + 1}."]])
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    c = sub.add_parser("csv")
    c.add_argument("path")
    c.add_argument("--rows", type=int, default=100_000)
    d = sub.add_parser("database")
    d.add_argument("url")
    d.add_argument("--events", type=int, default=1000)
    d.add_argument("--people", type=int, default=100_000)
    d.add_argument("--attendances", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.what == "csv":
        write_csv(args.path, args.rows)
    else:
        fill_database(args.url, args.events, args.people, args.attendances)


if __name__ == "__main__":
    main()
