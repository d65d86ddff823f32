"""Forgetting a person: a placeholder stays for counts, nothing identifying stays anywhere,
not even in the SQLite file's free pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stakeholders.db import compact
from stakeholders.models import (
    Attendance,
    AuditEntry,
    Campaign,
    ContactPoint,
    EventSector,
    ImportBatch,
    Merge,
    Organization,
    Person,
    SeedLoad,
    Statement,
    Tag,
)
from stakeholders.services import consent, erasure, merge, people, refs
from stakeholders.text import fold
from stakeholders.vocab import Channel, MergeKind
from tests.cli.helpers import refused
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


def _leaks(url: str, forms: list[str]) -> list[str]:
    """The forms still found, case and accents aside, in any text column (JSON escapes read
    as their characters) or, for SQLite, as bytes anywhere in the database file and its WAL."""
    texts = [fold(erasure._unescaped(v)) for rows in dump(url).values() for row in rows
             for v in row if isinstance(v, str)]
    found = [f for f in forms if any(fold(f) in t for t in texts)]
    if PG_URL is None:
        path = Path(url.split(":///", 1)[1])
        raw = b"".join(f.read_bytes() for f in (path, Path(f"{path}-wal")) if f.exists())
        found += [f for f in forms
                  if any(v.encode() in raw for v in {f, f.upper(), f.lower(), fold(f)})]
    return found


def _attendance_counts(url: str) -> list[tuple]:
    return sorted((r[1], r[2]) for r in dump(url)["attendances"])  # (event, person) pairs


def test_forget_finds_every_spelling_case_and_phone_form(seeded_cli):
    """A mention without accents, in capitals (Cyrillic too, which SQLite's LIKE does not
    fold), a phone number written the national way, and an event named after the person:
    all go, and the attendances stay."""
    cli = seeded_cli
    cli.ok("event", "add", "Dinner with Junaid Khan", "--date", "2026-12-05",
           "--venue", "home of Junaid Khan")
    cli.ok("person", "add", "José Müller", "--org", "UNODC")
    cli.ok("person", "edit", "Margaret Akullo", "--note", "Jose Muller will attend")
    cli.ok("person", "add", "Ирина Петрова", "--org", "UNODC")
    cli.ok("person", "edit", "Sarah Coleman", "--note", "Call ИРИНА ПЕТРОВА")
    cli.ok("person", "edit", "Junaid Khan", "--phone", "+923001234567")
    cli.ok("person", "edit", "Cesar Guedes",
           "--note", "Junaid: 0300 1234567, or +92 (300) 123-4567; not 03001234567890")
    cli.ok("attendance", "add", "Dinner with Junaid Khan", "José Müller")
    attended = _attendance_counts(cli.url)
    for name in ("Junaid Khan", "jose muller", "Ирина Петрова"):
        cli.ok("person", "forget", name, "--yes")
    assert _leaks(cli.url, ["Junaid Khan", "José Müller", "Jose Muller", "ИРИНА ПЕТРОВА",
                            "0300 1234567", "123-4567", "+923001234567"]) == []
    assert _attendance_counts(cli.url) == attended
    events = json.loads(cli.ok("event", "list", "--format", "json").stdout)
    assert [(e["name"], e["attendances"]) for e in events][-1] == ("Dinner with [removed]", 1)
    show = json.loads(cli.ok("person", "show", "Cesar Guedes", "--format", "json").stdout)
    assert show["notes"] == "Junaid: [removed], or [removed]; not 03001234567890"


def test_forget_finds_an_international_address_in_either_form(seeded_cli):
    """An address at an internationalized domain written in the ASCII form mail software
    uses (xn--…) stayed in a note after the person was forgotten; the Unicode form went."""
    cli = seeded_cli
    cli.ok("person", "add", "Ayesha Siddiqa", "--email", "ayesha@مثال.پاکستان")
    cli.ok("person", "add", "Mei Tanaka", "--email", "mei@xn--r8jz45g.jp")
    cli.ok("person", "edit", "Cesar Guedes", "--note",
           "Write to ayesha@xn--mgbh0fb.xn--mgbai9azgqp6j and mei@例え.jp")
    for name in ("Ayesha Siddiqa", "Mei Tanaka"):
        cli.ok("person", "forget", name, "--yes")
    show = json.loads(cli.ok("person", "show", "Cesar Guedes", "--format", "json").stdout)
    assert show["notes"] == "Write to [removed] and [removed]"


def test_forget_reaches_every_free_text_column(seeded_url, session_factory):
    """Names of organizations, campaigns and tags, sectors' descriptions, contact labels,
    imports' and seeds' file names and JSON written with escapes: a mention goes from each. Names that
    must stay unique stay unique."""
    with session_factory(seeded_url, command="test") as s:
        person = refs.person(s, "Nicole Guihot")
        org_id = refs.organization(s, "UNODC").id
        s.add_all([
            Organization(name="Nicole Guihot Foundation"),
            Campaign(name="Friends of NICOLE GUIHOT", description="Guihot’s idea"),
            Tag(name="[removed]"), Tag(name="nicole guihot"),
            EventSector(event_id=1, sector="other", description="Guihot family"),
            ContactPoint(organization_id=org_id, kind="phone", value="+43126060",
                         label="assistant to Ms. Guihot"),
            ImportBatch(source="guihot-contacts.csv", stamped_at=dt.datetime.now(dt.UTC)),
            SeedLoad(name="guihot-visit.toml", digest="0" * 64),
            Merge(record_type="organization", kept_id=1, removed_id=99,
                  payload=json.dumps({"notes": "Met Nicole Guihot"})),
            AuditEntry(at=dt.datetime.now(dt.UTC), os_user="officer", command="export contacts",
                       details=json.dumps({"names": ["Nicole  Guihot"]})),
        ])
        pid = person.id
    with session_factory(seeded_url, command="person forget") as s:
        done = erasure.forget(s, str(pid))
    compact(seeded_url)
    assert _leaks(seeded_url, ["Guihot"]) == []
    assert done["mentions_removed"] >= 10
    with session_factory(seeded_url) as s:
        assert s.scalar(select(Organization.name).where(Organization.id > 10)) == \
            "[removed] Foundation"
        tags = s.scalars(select(Tag.name).order_by(Tag.id)).all()
        assert tags[-2:] == ["[removed]", f"[removed] #{s.scalar(select(func.max(Tag.id)))}"]


def test_forget_asks_naming_the_person_it_found(seeded_cli, at_a_terminal):
    """Forgetting cannot be undone: the question names the person the reference found (an id
    says nothing of who it is), and a reference that finds no one, or several, is an error
    before anything is asked."""
    question = "Forget Nicole Guihot (#4) for good? This cannot be undone. [y/N]:"
    before = dump(seeded_cli.url)
    result = seeded_cli("person", "forget", "4", input="n\n")
    assert (result.exit_code, result.stderr) == (
        1, f"{question}Error: cancelled; nothing was changed\n")
    assert dump(seeded_cli.url) == before
    refused(seeded_cli, "person", "forget", "Nobody Known",
            message="no person matches 'Nobody Known'")
    assert "Margaret Adamson" in seeded_cli("person", "forget", "Margaret").stderr
    result = seeded_cli.ok("person", "forget", "4", input="y\n")
    assert result.stderr.startswith(f"{question}Forgot person #4 ")


def test_forgetting_twice_is_refused(seeded_cli):
    """Nothing is left to erase: a second forget is an error and changes nothing (it would
    otherwise stamp the placeholder and the audit log again)."""
    seeded_cli.ok("person", "forget", "Nicole Guihot", "--yes")
    name = list(Person.__table__.c.keys()).index("full_name")
    pid = next(r[0] for r in dump(seeded_cli.url)["people"]
               if r[name].startswith("Forgotten person #"))
    refused(seeded_cli, "person", "forget", str(pid), "--yes",
            message=f"person #{pid} is already forgotten")
    refused(seeded_cli, "person", "forget", str(pid),
            message=f"person #{pid} is already forgotten")


def _forgotten(cli, name: str) -> int:
    cli.ok("person", "forget", name, "--yes")
    column = list(Person.__table__.c.keys()).index("full_name")
    return next(r[0] for r in dump(cli.url)["people"]
                if r[column].startswith("Forgotten person #"))


@pytest.mark.parametrize("command", [
    ("person", "edit", "{pid}", "--email", "junaid.khan@example.org"),
    ("person", "edit", "{pid}", "--tag", "launch"),
    ("person", "affiliate", "{pid}", "IOM", "--position", "Adviser"),
    ("person", "consent", "{pid}", "--email", "opt-in", "--source", "a call"),
    ("assess", "{pid}", "--campaign", "GLO.ACT", "--influence", "3", "--interest", "3"),
    ("interaction", "add", "--person", "Forgotten person #{pid}", "--org", "IOM", "--kind",
     "call", "--date", "2017-08-01", "--summary", "Catch-up"),
    ("attendance", "edit", "GLO.ACT", "Sarah Coleman", "--on-behalf-of", "{pid}"),
    ("person", "merge", "{pid}", "Sarah Coleman"),
    ("person", "merge", "Sarah Coleman", "{pid}"),
])
def test_nothing_new_is_recorded_about_a_forgotten_person(seeded_cli, command):
    """The placeholder keeps counts true and nothing else: a new email, tag, post, consent,
    assessment, interaction, representation or merge would put back personal data that
    forget cannot then reach (forgetting again is refused), so each is refused."""
    pid = _forgotten(seeded_cli, "Junaid Khan")
    refused(seeded_cli, *(part.format(pid=pid) for part in command),
            message=f"person #{pid} is forgotten; nothing more is recorded about them")


def test_a_forgotten_person_is_not_recorded_at_a_new_event(seeded_cli):
    pid = _forgotten(seeded_cli, "Junaid Khan")
    seeded_cli.ok("event", "add", "Follow-up briefing", "--date", "2017-09-01")
    refused(seeded_cli, "attendance", "add", "Follow-up briefing", str(pid),
            message=f"person #{pid} is forgotten; nothing more is recorded about them")

def test_a_forgotten_person_can_still_be_read_and_removed(seeded_cli):
    pid = _forgotten(seeded_cli, "Junaid Khan")
    seeded_cli.ok("person", "show", str(pid))
    seeded_cli.ok("report", "person", str(pid))
    seeded_cli.ok("person", "consent", str(pid))
    seeded_cli.ok("attendance", "edit", "GLO.ACT", str(pid), "--status", "no-show")
    seeded_cli.ok("person", "remove", str(pid), "--yes")

@pytest.mark.parametrize(("text", "expected"), [
    ("call 0300 1234567", "call [removed]"),
    ("call (0300) 123-4567.", "call [removed]."),
    # in brackets, with them: no ")" left behind
    ("Numbers: (+923001234567); [+92 300 1234567]; (0300-1234567) x",
     "Numbers: [removed]; [[removed]]; [removed] x"),
    ("+92 300 1234567 / 0092-300-1234567", "[removed] / [removed]"),
    ("+92 (0) 300 1234567 or 923001234567", "[removed] or [removed]"),
    ("ref 13001234567 and 030012345678", "ref 13001234567 and 030012345678"),
    ("JOSE\u0301 MU\u0308LLER came", "[removed] came"),
    ('{"n": "Jos\\u00e9 M\\u00fcller"}', '{"n": "[removed]"}'),
    ("jose.muller@example.org and José  Müller", "[removed]@example.org and [removed]"),
    ("STRAẞE", "STRAẞE"),
    ("José Müllers Café; José Müllerová", "[removed] Café; José Müllerová"),
])
def test_mentions_are_found_however_written(text, expected):
    mentions = erasure._Mentions({"José Müller"}, {"+923001234567"})
    assert mentions.redact(text) == expected


def test_forget_leaves_words_that_only_contain_the_name(seeded_cli):
    """A family name inside a longer word is another word: forgetting Mr. Ali Shah leaves
    Shahida Gilani's name, and Shahdara, in what others wrote; his own mentions go, with
    their possessive or plural."""
    cli = seeded_cli
    cli.ok("person", "add", "Ali Shah", "--org", "UNODC")
    cli.ok("person", "edit", "Cesar Guedes", "--note",
           "Shahida Gilani to brief Ali Shah in Shahdara; Shah's reply, the Shahs' visit")
    cli.ok("event", "add", "Shahida Gilani briefing", "--date", "2017-08-01")
    cli.ok("person", "forget", "Ali Shah", "--yes")
    show = json.loads(cli.ok("person", "show", "Cesar Guedes", "-f", "json").stdout)
    assert show["notes"] == ("Shahida Gilani to brief [removed] in Shahdara; [removed]'s "
                             "reply, the [removed]' visit")
    events = json.loads(cli.ok("event", "list", "-f", "json").stdout)
    assert "Shahida Gilani briefing" in [e["name"] for e in events]


def test_a_family_name_others_have_goes_only_after_a_title(seeded_cli):
    """Khan is not Ms. Sarah Khan's alone (Junaid and Imran Khan are on record, and the Khan
    Foundation): forgetting her leaves other Khans, a Sara Khan who owns a follow-up and the
    foundation as they are, and takes "Sarah Khan", "Ms. Khan", "Ms Khan" and "Minister
    Khan". Guihot is Nicole Guihot's alone: "Guihot said" goes."""
    cli = seeded_cli
    cli.ok("person", "add", "Ms. Sarah Khan", "--org", "UNODC")
    cli.ok("person", "add", "Imran Khan", "--org", "FIA")
    cli.ok("org", "add", "Khan Foundation")
    note = ("Meeting with Imran Khan; Sarah Khan to brief the Khan Foundation. Ms. Khan said "
            "yes, Ms Khan said no, then Minister Khan; access to justice. Khan Foundation. "
            "Guihot said so")
    cli.ok("person", "edit", "Cesar Guedes", "--note", note)
    cli.ok("interaction", "add", "--person", "Imran Khan", "--kind", "call",
           "--date", "2017-08-02", "--summary", "Call with Sara Khan about Ms. Khan",
           "--follow-up", "Send Sarah Khan's paper to the Khan Foundation",
           "--due", "2017-08-16", "--owner", "Sara Khan")
    cli.ok("person", "forget", "Sarah Khan", "--yes")
    cli.ok("person", "forget", "Nicole Guihot", "--yes")
    show = json.loads(cli.ok("person", "show", "Cesar Guedes", "-f", "json").stdout)
    assert show["notes"] == (
        "Meeting with Imran Khan; [removed] to brief the Khan Foundation. [removed] said "
        "yes, [removed] said no, then [removed]; access to justice. Khan Foundation. "
        "[removed] said so")
    follow_up = json.loads(cli.ok("followup", "list", "-f", "json").stdout)[0]
    assert (follow_up["owner"], follow_up["follow_up"]) == (
        "Sara Khan", "Send [removed]'s paper to the Khan Foundation")
    assert json.loads(cli.ok("interaction", "list", "-f", "json").stdout)[0]["summary"] == \
        "Call with Sara Khan about [removed]"
    orgs = [o["name"] for o in json.loads(cli.ok("org", "list", "-f", "json").stdout)]
    assert "Khan Foundation" in orgs
    for name in ("Imran Khan", "Junaid Khan"):
        cli.ok("person", "show", name)


def test_a_family_name_only_the_forgotten_had_goes_alone(seeded_cli):
    """Forgotten people's placeholders and an organization named after the person herself do
    not share her family name: once Junaid Khan is forgotten, Sarah Khan is the only Khan,
    and "Khan said" is her; Sarah Khan's foundation is hers."""
    cli = seeded_cli
    cli.ok("person", "add", "Sarah Khan", "--org", "UNODC")
    cli.ok("person", "add", "Imran Qureshi", "--org", "FIA")
    cli.ok("org", "add", "Sarah Khan Foundation")
    cli.ok("person", "edit", "Cesar Guedes", "--note", "Khan said so; Sara Khan too; "
           "Qureshi said no")
    cli.ok("person", "forget", "Junaid Khan", "--yes")
    show = json.loads(cli.ok("person", "show", "Cesar Guedes", "-f", "json").stdout)
    assert show["notes"] == "Khan said so; Sara Khan too; Qureshi said no"  # Sarah Khan is
    cli.ok("person", "forget", "Sarah Khan", "--yes")
    cli.ok("person", "add", "Farah Qureshi")
    cli.ok("person", "forget", "Imran Qureshi", "--yes")
    show = json.loads(cli.ok("person", "show", "Cesar Guedes", "-f", "json").stdout)
    assert show["notes"] == "[removed] said so; Sara [removed] too; Qureshi said no"
    assert _leaks(cli.url, ["Sarah Khan", "Khan Foundation"]) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Ms. Khan, Ms Khan, MS.KHAN and Mrs  Khan", "[removed], [removed], [removed] and [removed]"),
    ("H.E. Dr. Khan; H. E. Khan; Begum Khan", "[removed]; [removed]; [removed]"),
    ("Ambassador Khan, Minister Khan's office", "[removed], [removed]'s office"),
    ("Director-General Khan; Rev. Khan", "[removed]; [removed]"),
    ("Brig. Khan, Lt Col Khan, DIG Khan; Sqn Ldr Khan", "[removed], [removed], [removed]; "
                                                      "[removed]"),
    ("Justice Khan; access to justice. Khan Foundation", "[removed]; access to justice. Khan "
                                                         "Foundation"),
    ("Khan Foundation, Imran Khan, Sims Khan, Ms. Khanum", "Khan Foundation, Imran Khan, "
                                                          "Sims Khan, Ms. Khanum"),
    ('{"owner": "Dr. Khan"}', '{"owner": "[removed]"}'),
])
def test_a_shared_family_name_is_found_after_a_title(text, expected):
    mentions = erasure._Mentions({"Sarah Khan"}, set(), {"Khan"}, erasure._titles() | {"Rev."})
    assert mentions.redact_json(text) == expected


def test_whether_a_family_name_is_shared_takes_two_statements(seeded_url, session_factory):
    """However many people and organizations hold the names, and however many names."""
    from sqlalchemy import event

    with session_factory(seeded_url, command="test") as s:
        for i in range(30):
            people.add_person(s, f"Person{i} Khan")
            s.add(Organization(name=f"Akhtar Trust {i}"))
        s.flush()
        pid = refs.person(s, "Junaid Khan").id
        statements = []
        engine = s.get_bind()
        listen = (engine, "before_cursor_execute",
                  lambda *args: statements.append(args[2]))
        event.listen(*listen)
        try:
            shared = erasure._shared(s, pid, {"Khan", "Akhtar", "Guihotte"},
                                     erasure._Mentions({"Junaid Khan"}, set()))
        finally:
            event.remove(*listen)
    assert shared == {"khan", "akhtar"}
    assert len(statements) == 2


@pytest.mark.skipif(PG_URL is not None, reason="SQLite file compaction")
def test_forget_says_so_when_a_reader_holds_the_old_pages_in_the_file(seeded_cli, monkeypatch):
    """VACUUM writes the rewritten file into the write-ahead log; a reader keeping its
    snapshot open holds back the checkpoint that would copy it over the old pages, which
    still hold the name. That is not reported as a finished erasure: the person is
    forgotten, and the command says the file is not yet clean (exit 3). Once the reader has
    gone, the next command using the file finishes the job."""
    import sqlite3

    from stakeholders import db

    cli = seeded_cli
    cli.ok("person", "edit", "Nicole Guihot", "--email", "nicole.guihot@border.gov.au")
    path = Path(cli.url.split(":///", 1)[1])
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 1000)
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM people").fetchone()
        result = cli("person", "forget", "Nicole Guihot", "--yes")
        assert (result.exit_code, result.stdout) == (3, "")
        assert result.stderr == (
            "Error: person #4 is forgotten, but could not compact the database: another "
            "program kept the database open (reading it) for over 1 s, so old copies of what "
            "was erased stay in the file until every program using it has closed it\n")
        assert b"guihot" in path.read_bytes().lower()
    finally:
        reader.execute("COMMIT")
        reader.close()
    cli.ok("person", "list")
    assert _leaks(cli.url, ["Guihot", "nicole.guihot@border.gov.au"]) == []
    assert cli.ok("person", "show", "4", "-f", "json").stdout.count("Forgotten person #4") == 2


def test_forget_reaches_the_names_of_the_duplicates_merged_into_the_person(seeded_cli):
    """A duplicate merged into the person was the same person under another name (a maiden
    name, a misspelling), and so was a duplicate merged into that one before: the merges
    that could bring either back go, and so does every mention of their names."""
    cli = seeded_cli
    for name in ("Nadia Rehman", "Nadia Tariq", "Nadia Parveen"):
        cli.ok("person", "add", name, "--org", "UNICEF")
    cli.ok("interaction", "add", "--person", "Nadia Tariq", "--kind", "meeting",
           "--date", "2018-02-01", "--summary", "Nadia Tariq briefed us",
           "--follow-up", "Thank Ms. Parveen", "--due", "2018-03-01", "--owner", "Nadia Tariq")
    cli.ok("person", "merge", "Nadia Tariq", "Nadia Parveen")
    cli.ok("person", "merge", "Nadia Rehman", "Nadia Tariq")
    cli.ok("person", "forget", "Nadia Rehman", "--yes")
    assert _leaks(cli.url, ["Rehman", "Tariq", "Parveen"]) == []
    assert dump(cli.url)["merges"] == []
    follow_up = json.loads(cli.ok("followup", "list", "--format", "json").stdout)[0]
    assert (follow_up["owner"], follow_up["follow_up"]) == ("[removed]", "Thank Ms. [removed]")
    assert json.loads(cli.ok("interaction", "list", "--format", "json").stdout)[0][
        "summary"] == "[removed] briefed us"


def test_forget_reaches_the_name_a_merge_took_from_the_duplicate(seeded_cli):
    """Merged with --prefer other, the person took the duplicate's name: the one they had
    before the merge is theirs too."""
    cli = seeded_cli
    cli.ok("person", "add", "Nadia Rehman", "--org", "UNICEF")
    cli.ok("person", "add", "Nadia Tariq", "--org", "UNICEF")
    cli.ok("person", "edit", "Sarah Coleman", "--note", "Nadia Rehman reports to her")
    cli.ok("person", "merge", "Nadia Rehman", "Nadia Tariq", "--prefer", "other")
    cli.ok("person", "forget", "Nadia Tariq", "--yes")
    assert _leaks(cli.url, ["Rehman", "Tariq"]) == []


def _renamed_by_an_import(cli, tmp_path, name: str, email: str, new_name: str) -> None:
    """``name`` is on record with ``email``; a sheet names them ``new_name``, and the import
    updates their record with it."""
    cli.ok("person", "add", name, "--email", email)
    sheet = tmp_path / f"{email}.csv"
    sheet.write_text(f"Name,Email\n{new_name},{email}\n")
    assert "1 updated" in cli.ok("import", "contacts", str(sheet), "--on-duplicate",
                                 "update").stderr


def test_forget_finds_someone_by_the_name_an_import_changed(cli, tmp_path, at_a_terminal):
    """The request to be forgotten comes under the name she had before a sheet renamed her:
    the question names who she is now, and the name she had."""
    _renamed_by_an_import(cli, tmp_path, "Parveen Akhtar", "parveen@example.org",
                          "Parveen Khan")
    question = ("Forget Parveen Khan (#1), formerly Parveen Akhtar, for good? This cannot be "
                "undone. [y/N]:")
    before = dump(cli.url)
    result = cli("person", "forget", "parveen AKHTAR", input="n\n")
    assert (result.exit_code, result.stderr) == (
        1, f"{question}Error: cancelled; nothing was changed\n")
    assert dump(cli.url) == before
    result = cli.ok("person", "forget", "Parveen Akhtar", input="y\n")
    assert result.stderr.startswith(f"{question}Forgot person #1 ")
    assert _leaks(cli.url, ["Akhtar", "Parveen Khan", "parveen@example.org"]) == []
    refused(cli, "person", "forget", "Parveen Akhtar", "--yes",
            message="no person matches 'Parveen Akhtar'")


def test_forget_finds_someone_by_the_name_of_a_duplicate_merged_into_them(cli):
    """Merged into Parveen Khan, who was later merged into a third record: the name leads to
    the record she ended up in."""
    for name in ("Parveen Akhtar", "Parveen Khan", "P. Khan"):
        cli.ok("person", "add", name)
    cli.ok("person", "merge", "Parveen Khan", "Parveen Akhtar")
    cli.ok("person", "merge", "P. Khan", "Parveen Khan")
    result = cli.ok("person", "forget", "Parveen Akhtar", "--yes")
    assert result.stderr.startswith("Forgot person #3 ")
    assert _leaks(cli.url, ["Akhtar", "Parveen"]) == []


def test_an_earlier_name_two_people_had_is_ambiguous(cli, tmp_path):
    _renamed_by_an_import(cli, tmp_path, "Parveen Akhtar", "p1@example.org", "Parveen Khan")
    cli.ok("person", "edit", "1", "--name", "Parveen Qureshi")  # not the name she had
    cli.ok("person", "add", "Parveen Akhtar")
    cli.ok("person", "add", "Parveen Baig")
    cli.ok("person", "merge", "Parveen Baig", "Parveen Akhtar")
    refused(cli, "person", "forget", "Parveen Akhtar", "--yes",
            message="'Parveen Akhtar' matches 2 people: #1 Parveen Qureshi, formerly Parveen "
                    "Akhtar; #3 Parveen Baig, formerly Parveen Akhtar (use the id)")
    # the name the import gave, which an edit changed since, is hers alone
    assert cli.ok("person", "forget", "Parveen Khan", "--yes").stderr.startswith(
        "Forgot person #1 ")


def test_a_current_name_wins_over_an_earlier_one(cli, tmp_path):
    _renamed_by_an_import(cli, tmp_path, "Parveen Akhtar", "p1@example.org", "Parveen Khan")
    cli.ok("person", "add", "Parveen Akhtar")
    assert cli.ok("person", "forget", "Parveen Akhtar", "--yes").stderr.startswith(
        "Forgot person #2 ")


def test_a_rename_by_edit_keeps_no_earlier_name_to_find(cli):
    """The audit log holds ids, not values: the name before an edit is nowhere."""
    cli.ok("person", "add", "Parveen Akhtar")
    cli.ok("person", "edit", "Parveen Akhtar", "--name", "Parveen Khan")
    refused(cli, "person", "forget", "Parveen Akhtar", "--yes",
            message="no person matches 'Parveen Akhtar'; closest: Parveen Khan")


@pytest.mark.skipif(PG_URL is not None, reason="SQLite file compaction")
def test_ctrl_c_while_forget_compacts_the_file_does_not_say_rolled_back(seeded_cli,
                                                                         monkeypatch):
    """The erasure is committed before the file is compacted: Ctrl-C then neither leaves the
    old pages (the name) in the file nor tells the officer that nothing was changed."""
    from stakeholders import db
    from tests.cli.helpers import ctrl_c_during

    ctrl_c_during(monkeypatch, db, "compact")
    cli = seeded_cli
    result = cli("person", "forget", "Nicole Guihot", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Forgot person #4 ")
    assert _leaks(cli.url, ["Guihot"]) == []
    assert b"guihot" not in Path(cli.url.split(":///", 1)[1]).read_bytes().lower()


def test_a_name_written_family_name_first_goes(seeded_cli):
    """ "Khan, Sarah", as a list of owners writes her, is her full name: it went only in part
    ("[removed], Sarah" when Khan was hers alone) or not at all (when another Khan is on
    record)."""
    cli = seeded_cli
    cli.ok("person", "add", "Ms. Sarah Khan", "--org", "UNODC")
    cli.ok("interaction", "add", "--person", "Junaid Khan", "--kind", "call",
           "--date", "2017-08-02", "--summary", "Call with Junaid Khan; Khan Sarah to follow",
           "--follow-up", "Brief Junaid Khan", "--due", "2017-08-16", "--owner", "Khan, Sarah",
           "--follow-up", "Minutes", "--due", "2017-08-17", "--owner", "Guihot,Nicole")
    cli.ok("person", "forget", "Sarah Khan", "--yes")
    cli.ok("person", "forget", "Nicole Guihot", "--yes")
    follow_ups = json.loads(cli.ok("followup", "list", "-f", "json").stdout)
    assert [(f["owner"], f["follow_up"]) for f in follow_ups] == [
        ("[removed]", "Brief Junaid Khan"), ("[removed]", "Minutes")]
    assert json.loads(cli.ok("interaction", "list", "-f", "json").stdout)[0]["summary"] == \
        "Call with Junaid Khan; [removed] to follow"
