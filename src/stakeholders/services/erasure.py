"""The right to erasure: forgetting a person for good.

The person's row stays as an anonymous placeholder ("Forgotten person #12") so that attendance
counts and sector statistics stay true; everything that identifies them goes: names, notes,
contact points, consents, tags, assessments (judgements about them, of no use once they are
anonymous), positions, attendance notes, the attribution of their statements, the merges that
could bring them back, and every mention of their name, email or phone in the free text of the
database (:data:`FREE_TEXT`: statements, notes, descriptions, the names of events, campaigns,
organizations and tags, venues, the engagement log, audit details, merge payloads, imports' file
names and before-images). Mentions are found whatever their case and accents ("JOSE MULLER" for
"José Müller", on SQLite too, whose LIKE folds ASCII only) and phone numbers however they are
written ("0300 1234567", "+92 300 1234567" for +923001234567). The family name alone is a
mention only when it is the person's alone in the database; one others share ("Khan") is one
only after a title ("Ms. Khan", "Minister Khan"). There is no undo. On SQLite the
file must then be compacted (:func:`stakeholders.db.compact`) so that no old copy survives in
free pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    String,
    Table,
    and_,
    bindparam,
    cast,
    delete,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from stakeholders.errors import Ambiguous, Conflict, NotFound
from stakeholders.models import (
    Affiliation,
    Assessment,
    Attendance,
    Base,
    Consent,
    ContactPoint,
    ImportBatchItem,
    Merge,
    Organization,
    Person,
    PersonTag,
    Statement,
)
from stakeholders.names import HONORIFICS, POLICE_RANKS, RANKS, TITLES, name_key
from stakeholders.services import audit, refs, suppressions
from stakeholders.services.people import now
from stakeholders.services.removal import Confirm
from stakeholders.text import fold, holding
from stakeholders.vocab import ContactKind, MergeKind, SuppressionReason

REDACTED = "[removed]"
#: The name a forgotten person's row keeps, followed by its id.
PLACEHOLDER = "Forgotten person #"
#: Why a forgotten person may not be emailed or contacted.
FORGOTTEN = "forgotten"
#: Free text that may mention a person: (table, column, folded key column to recompute). Other
#: people's names, contact values, countries, cities, vocabulary and the audit log's command
#: and OS user are not free text. A mention is replaced by :data:`REDACTED` ("Dinner with
#: [removed]").
FREE_TEXT = (
    ("statements", "text", "text_key"),
    ("events", "name", "name_key"),
    ("events", "venue", None),
    ("event_sectors", "description", None),
    ("campaigns", "name", "name_key"),
    ("organizations", "name", "name_key"),
    ("tags", "name", "name_key"),
    ("contact_points", "label", None),
    ("import_batches", "source", None),
    ("seed_loads", "name", None),
    ("attendances", "notes", None),
    ("people", "notes", None),
    ("people", "do_not_email_reason", None),
    ("people", "do_not_contact_reason", None),
    ("organizations", "notes", None),
    ("events", "notes", None),
    ("campaigns", "description", None),
    ("affiliations", "position", None),
    ("consents", "source", None),
    ("interactions", "summary", "summary_key"),
    ("follow_ups", "text", "text_key"),
    ("follow_ups", "owner", "owner_key"),
    ("follow_ups", "done_note", None),
    ("assessments", "note", None),
    ("audit_log", "details", None),
    ("merges", "payload", None),
    ("import_batch_items", "before", None),
    ("import_batch_items", "after", None),
)
#: Free-text columns that hold JSON: only its string values are free text. Its keys are column
#: names ("person_id") and a "table" value a table's name, which unmerge and import undo read
#: back; a family name such as "Person" must not rewrite them.
_JSON_TEXT = {("audit_log", "details"), ("merges", "payload"),
              ("import_batch_items", "before"), ("import_batch_items", "after")}
#: Fields of a person's row that name them.
_NAME_FIELDS = ("full_name", "family_name")
#: Columns only a person's row has: a JSON object holding one is an image of someone's row
#: (a merge's, an import's). The forgotten person's own images are deleted, so such an image
#: is someone else's, and their names are not free text (as in the people table itself): a
#: merge or an import undone later puts them back as they are, and finds them unchanged.
_PERSON_IMAGE = {"given_name", "family_name", "full_name", "family_key"}
_PERSON_NAMES = {"honorific", "title", "name_key", *_PERSON_IMAGE}
#: Shorter words than this (a two-letter family name) are not searched for on their own.
_MIN_TERM = 4
#: What may separate an honorific or title from the name after it: "Ms. Khan", "Ms.Khan",
#: "Ms Khan"; a word written without a full stop ("Minister", "Justice") only spaces, so that
#: "access to justice. Khan Foundation" is not "Justice Khan".
_AFTER_ABBREVIATION = r"(?:\.\s*|\s+)"
_AFTER_WORD = r"\s+"
#: What may separate the words of a name in a mention ("Junaid  Khan", "junaid.khan").
_WORD_GAP = r"[\s._-]+"
#: What may separate the digits of a phone number ("(0300) 123-4567").
_DIGIT_GAP = r"[\s().\-/]*"
#: A JSON escape (audit details, merge payloads and import images are JSON) or one character.
_CHARACTER = re.compile(r"\\u[0-9a-fA-F]{4}|.", re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
#: Rows read at a time while searching a column.
_CHUNK = 2000


def forget(session: Session, person_ref: str,
           confirm: Confirm | None = None) -> dict[str, Any]:
    """Erase what identifies the person; return what was done, in counts. ``confirm`` is
    asked first, naming the person the reference found (it raises to refuse). A name no one
    has now finds the person who had it before (:func:`formerly_named`)."""
    person, earlier = _to_forget(session, person_ref)
    pid = person.id
    if session.scalar(select(Person.id).where(Person.id == pid, is_placeholder())) is not None:
        raise Conflict(f"person #{pid} is already forgotten")
    if confirm is not None:
        formerly = f", formerly {earlier}," if earlier else ""
        confirm(f"Forget {person.full_name} (#{pid}){formerly} for good? "
                "This cannot be undone.")
    merges, selves = _merges_of(session, pid)
    former, former_families = _former_names(session, selves)
    merged, merged_families = _merged_names(session, merges, selves)
    mentions = _Mentions(*_identifying_terms(session, person, former | merged,
                                             former_families | merged_families))
    done = {
        "addresses_suppressed": suppressions.record_emails_of(session, pid,
                                                              SuppressionReason.FORGOTTEN),
        "import_images": _delete(session, ImportBatchItem, *_own_import_images(selves)),
        "contact_points": _delete(session, ContactPoint, ContactPoint.person_id == pid),
        "consents": _delete(session, Consent, Consent.person_id == pid),
        "tags": _delete(session, PersonTag, PersonTag.person_id == pid),
        "assessments": _delete(session, Assessment, Assessment.person_id == pid),
        "merges": _delete(session, Merge, Merge.id.in_(merges)) if merges else 0,
        "statements_unattributed": _update(session, Statement, Statement.person_id == pid,
                                           person_id=None),
    }
    _update(session, Affiliation, Affiliation.person_id == pid, position=None)
    _update(session, Attendance, Attendance.person_id == pid, notes=None)
    placeholder = f"{PLACEHOLDER}{pid}"
    _update(session, Person, Person.id == pid,
            honorific=None, title=None, given_name=None, family_name=None,
            full_name=placeholder, name_key=fold(placeholder), family_key=None, notes=None,
            do_not_email=True, do_not_email_at=now(), do_not_email_reason=FORGOTTEN,
            do_not_contact=True, do_not_contact_at=now(), do_not_contact_reason=FORGOTTEN)
    _erase_from_images(session, selves)
    done["mentions_removed"] = _redact(session, mentions)
    session.expire_all()
    return {"person": pid, "placeholder": placeholder, **done}


def _to_forget(session: Session, ref: str) -> tuple[Person, str | None]:
    """The person ``ref`` names and, when it names them by a name they no longer have (no
    one has it now), that earlier name as it was written. A request to be forgotten may come
    under the name someone had before a merge or an import changed it."""
    try:
        return refs.person(session, ref), None
    except NotFound:
        text = ref.strip()
        if "@" in text or text.lstrip("#").isdigit():
            raise
        found = formerly_named(session, text)
        if not found:
            raise
    if len(found) > 1:
        raise Ambiguous("person", ref, [f"{refs.describe_person(session, p)}, formerly {name}"
                                        for p, name in found])
    return found[0]


def formerly_named(session: Session, name: str) -> list[tuple[Person, str]]:
    """The people on record (not forgotten) who were called ``name`` (compared as references
    compare names) before a merge or an import changed it, by id, each with that earlier name
    as written: a duplicate merged into them (followed to the person it ended up in, however
    many merges on), their own name before a merge gave them the duplicate's, or their name in
    an import's before- or after-image of their row. A rename by ``person edit`` keeps no
    earlier name (the audit log holds ids, not values), so it is not found."""
    key = name_key(name)
    earlier: dict[int, str] = {}
    merged_into = dict(session.execute(
        select(Merge.removed_id, Merge.kept_id)
        .where(Merge.record_type == MergeKind.PERSON.value)).all())
    for kept_id, payload in session.execute(
        select(Merge.kept_id, Merge.payload).where(Merge.record_type == MergeKind.PERSON.value)
        .order_by(Merge.id)
    ):
        data = json.loads(payload) if payload else {}
        for image in (data.get("removed"), data.get("kept")):
            if written := _named_in(image, key):
                earlier.setdefault(_ended_in(kept_id, merged_into), written)
    for keys, before, after in session.execute(
        select(ImportBatchItem.keys, ImportBatchItem.before, ImportBatchItem.after)
        .where(ImportBatchItem.table_name == Person.__tablename__,
               ImportBatchItem.action == "updated")
        .order_by(ImportBatchItem.id)
    ):
        for image in (before, after):
            if written := _named_in(json.loads(image) if image else None, key):
                earlier.setdefault(_ended_in(json.loads(keys)[0], merged_into), written)
    if not earlier:
        return []
    people = session.scalars(select(Person).where(Person.id.in_(sorted(earlier)),
                                                  ~is_placeholder())
                             .order_by(Person.id)).all()
    return [(p, earlier[p.id]) for p in people if p.name_key != key]


def _named_in(image: dict[str, Any] | None, key: str) -> str | None:
    """The full name of a person's row image, when it is the name whose key is ``key``."""
    written = (image or {}).get("full_name")
    if written and key in {image.get("name_key"), name_key(written)}:
        return written
    return None


def _ended_in(pid: int, merged_into: dict[int, int]) -> int:
    """The person a record became: itself, or the one it was merged into, followed on."""
    seen = {pid}
    while pid in merged_into and merged_into[pid] not in seen:
        pid = merged_into[pid]
        seen.add(pid)
    return pid


def is_forgotten(person: Person) -> bool:
    """The person is the placeholder :func:`forget` left (as :func:`is_placeholder`, in
    Python, for a person already loaded)."""
    return (person.do_not_contact_reason == FORGOTTEN
            and person.name_key == fold(f"{PLACEHOLDER}{person.id}"))


def refuse_forgotten(person: Person) -> Person:
    """``person``, unless it is a forgotten person's placeholder: nothing new is recorded about
    someone who asked to be forgotten (a new email, post, consent, assessment, interaction,
    attendance or merge would put back what was erased, and a second forget is refused)."""
    if is_forgotten(person):
        raise Conflict(f"person #{person.id} is forgotten; nothing more is recorded about them")
    return person


def is_placeholder():
    """SQL: the person is the placeholder :func:`forget` left (the name it writes, with the
    row's own id, and the reason it gives), not someone whose name merely reads alike."""
    return and_(Person.name_key == literal(fold(PLACEHOLDER)) + cast(Person.id, String),
                Person.do_not_contact_reason == FORGOTTEN)


def _own_import_images(ids: set[int]) -> tuple:
    """The before/after images an import kept of the person's own row (``ids``: the person
    and the duplicates merged into them)."""
    return (ImportBatchItem.table_name == Person.__tablename__,
            ImportBatchItem.keys.in_(sorted(json.dumps([i]) for i in ids)))


def _merges_of(session: Session, pid: int) -> tuple[list[int], set[int]]:
    """The person merges that could bring the person back, and the ids the person has had.
    A duplicate merged into the person was the person under another record, and so was one
    merged into that duplicate before: their merges are followed back, newest to oldest."""
    selves = set(audit.merged_into(session, MergeKind.PERSON.value, pid))
    merges = session.scalars(select(Merge.id).where(
        Merge.record_type == MergeKind.PERSON.value,
        or_(Merge.removed_id == pid, Merge.kept_id.in_(sorted(selves)))))
    return sorted(merges), selves


def _former_names(session: Session, ids: set[int]) -> tuple[set[str], set[str]]:
    """Names the person had before an import updated them (kept for the import's undo): (full
    names, family names)."""
    names: tuple[set[str], set[str]] = (set(), set())
    for before, after in session.execute(
        select(ImportBatchItem.before, ImportBatchItem.after).where(*_own_import_images(ids))
    ):
        for image in (before, after):
            _add_names(names, json.loads(image) if image else None)
    return names


def _add_names(names: tuple[set[str], set[str]], image: dict[str, Any] | None) -> None:
    """Add the full and family names of a person's row image to (full names, family names)."""
    for names_of, field in zip(names, _NAME_FIELDS, strict=True):
        if (image or {}).get(field):
            names_of.add(image[field])


def _merged_names(session: Session, merges: list[int],
                  ids: set[int]) -> tuple[set[str], set[str]]:
    """Names the person had in the merges that made them (``ids``: the person and their
    duplicates): each duplicate's, and their own before a merge gave them the duplicate's
    (``--prefer other``), as (full names, family names). The record the person was merged
    into is someone else's."""
    names: tuple[set[str], set[str]] = (set(), set())
    for kept_id, payload in session.execute(
        select(Merge.kept_id, Merge.payload).where(Merge.id.in_(merges))
    ):
        data = json.loads(payload) if payload else {}
        for image in (data.get("removed"), data.get("kept") if kept_id in ids else None):
            _add_names(names, image)
    return names


def _identifying_terms(session: Session, person: Person, former: set[str],
                       former_families: set[str]) -> tuple[set[str], set[str], set[str],
                                                           set[str]]:
    """What would identify the person: (names as written and contacts other than phones,
    phone numbers in E.164, family names searched only after a title, the titles). The
    family name alone (or a former one, or a name of one word that is one of them) is a
    term when no one else's name and no organization's holds it as a word (:func:`_shared`);
    otherwise only "Ms. Khan", "Minister Khan" and the like are (:func:`_titles`, and the
    person's own honorific and title)."""
    names = {
        person.full_name,
        " ".join(p for p in (person.given_name, person.family_name) if p),
        " ".join(p for p in (person.honorific, person.title, person.full_name) if p),
        *former,
    }
    if person.given_name and person.family_name:  # as lists write it: "Khan, Sarah"
        names |= {f"{person.family_name}{between}{person.given_name}"
                  for between in (", ", ",", " ")}
    contacts = session.execute(
        select(ContactPoint.kind, ContactPoint.value).where(ContactPoint.person_id == person.id)
    ).all()
    names.update(form for kind, value in contacts if kind != ContactKind.PHONE.value
                 for form in _written_forms(value))
    phones = {value for kind, value in contacts if kind == ContactKind.PHONE.value}
    terms = {t.strip() for t in names if t and len(t.strip()) >= _MIN_TERM}
    families = {f.strip() for f in (person.family_name, *former_families)
                if f and len(f.strip()) >= _MIN_TERM}
    folded = {fold(f) for f in families}
    alone = {t for t in terms if fold(t) in folded}  # "Guedes", a name of one word
    shared = _shared(session, person.id, families, _Mentions(terms - alone, set()))
    titled = {f for f in families if fold(f) in shared}
    terms = (terms | families) - {t for t in terms | families if fold(t) in shared}
    own = {t for t in (person.honorific, person.title) if t}
    return terms, phones, titled, (_titles() | own) if titled else set()


def _written_forms(value: str) -> set[str]:
    """A contact point's value as it may be written: an address at an internationalized
    domain both in Unicode and in the ASCII form mail software writes it in
    (``mbs@例え.jp`` and ``mbs@xn--r8jz45g.jp``), as the suppression list reads it too."""
    if "@" not in value or (value.isascii() and "xn--" not in value.lower()):
        return {value}
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return {value}
    return {value} | {f for f in (checked.normalized, checked.ascii_email) if f}


def _titles() -> set[str]:
    """What, written before a family name, makes it a mention of someone ("Ms. Khan", "Dr
    Khan", "Begum Khan", "H.E. Khan", "Brig. Khan", "Ambassador Khan", "Minister Khan"): the
    honorifics, ranks and titles names are parsed with, and the nouns of office of press
    releases."""
    from stakeholders.ingest.cues import POST_NOUNS

    return {*HONORIFICS, *RANKS, *POLICE_RANKS, *TITLES, *POST_NOUNS}


def _shared(session: Session, pid: int, families: set[str], own: _Mentions) -> set[str]:
    """The folded family names (of ``families``) that are not the person's alone: another
    person's name (not a forgotten one's) holds one as a word ("Imran Khan", "Khan Mohammad"),
    or an organization's name does ("Khan Foundation"), the person's own name in it left
    aside ("Nicole Guihot Foundation" is named after her, and its name goes too). Two
    statements, whatever the number of names or rows."""
    if not families:
        return set()
    patterns = {fold(f): re.compile(_words(f)) for f in families}
    shared: set[str] = set()

    def holding_any(column):  # a first sieve in SQL; the patterns say which are words
        return or_(*(holding(column, key) for key in patterns))

    def note(keys: Iterable[str]) -> bool:
        for key in keys:
            shared.update(f for f, pattern in patterns.items()
                          if f not in shared and pattern.search(key))
        return len(shared) == len(patterns)

    for row in session.execute(
        select(Person.name_key, Person.family_key)
        .where(Person.id != pid, ~is_placeholder(),
               or_(holding_any(Person.name_key), holding_any(Person.family_key)))
    ):
        if note(k for k in row if k):
            return shared
    for name in session.scalars(select(Organization.name)
                                .where(holding_any(Organization.name_key))):
        if note([fold(own.redact(name))]):
            break
    return shared


class _Mentions:
    """Finds and replaces mentions in text, case- and accent-insensitively (in Python, as
    :func:`~stakeholders.text.fold` does, so alike on SQLite and PostgreSQL), JSON escapes
    ("Jos\\u00e9") read as the characters they stand for."""

    def __init__(self, terms: set[str], phones: set[str], titled: set[str] = frozenset(),
                 titles: set[str] = frozenset()) -> None:
        """``terms`` are found wherever they are written, the family names ``titled`` only
        after one or more of ``titles`` ("Ms. Khan", "H.E. Dr. Khan")."""
        words = [_words(t) for t in sorted(terms, key=len, reverse=True)]  # longest first
        after = _titled(sorted(titled, key=len, reverse=True), titles)
        parts = [*(p for p in map(_phone_pattern, phones) if p), *(a for a in [after] if a),
                 *(w for w in words if w)]
        self.pattern = re.compile("|".join(parts)) if parts else None

    def redact(self, text: str) -> str:
        """``text`` with every mention replaced by :data:`REDACTED` (the same string when
        there is none)."""
        if self.pattern is None or not self.pattern.search(fold(_unescaped(text))):
            return text  # the common case: one fold and one search, no per-character work
        folded: list[str] = []
        spans: list[tuple[int, int]] = []  # for each folded character, the text it came from
        for m in _CHARACTER.finditer(text):
            char = m.group()
            char = chr(int(char[2:], 16)) if len(char) > 1 else char
            for f in " " if char.isspace() else fold(char):
                folded.append(f)
                spans.append(m.span())
        cuts: list[list[int]] = []
        for m in self.pattern.finditer("".join(folded)):
            if m.end() == m.start():
                continue
            start, end = spans[m.start()][0], spans[m.end() - 1][1]
            while end < len(text) and (n := _CHARACTER.match(text, end)) and not fold(
                _unescaped(n.group())
            ) and not n.group().isspace():
                end = n.end()  # a combining accent or invisible mark after the match
            if cuts and start < cuts[-1][1]:  # one character folded into two ('ß' -> 'ss')
                cuts[-1][1] = max(cuts[-1][1], end)
            else:
                cuts.append([start, end])
        out, at = [], 0
        for start, end in cuts:
            out += [text[at:start], REDACTED]
            at = end
        return "".join(out) + text[at:]

    def redact_json(self, text: str) -> str:
        """``text``, JSON, with every mention in its string values replaced (keys, and the
        table named by a "table" value, left as they are); text that is not JSON is redacted
        whole."""
        if self.pattern is None or not self.pattern.search(fold(_unescaped(text))):
            return text
        try:
            data = json.loads(text)
        except ValueError:
            return self.redact(text)
        new = self._redact_values(data)
        return text if new == data else json.dumps(new, ensure_ascii=False)

    def _redact_values(self, data: Any) -> Any:
        if isinstance(data, str):
            return self.redact(data)
        if isinstance(data, list):
            return [self._redact_values(v) for v in data]
        if isinstance(data, dict):
            kept = _PERSON_NAMES if _PERSON_IMAGE & data.keys() else set()
            return {k: v if k == "table" or k in kept else self._redact_values(v)
                    for k, v in data.items()}
        return data


def _unescaped(text: str) -> str:
    if "\\u" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _words(term: str) -> str:
    """A pattern for the folded ``term``, its words separated by any gap, and not inside a
    longer word of letters and digits (Mr. Shah is not in "Shahida", nor Mr. Ahmed in
    "Ahmedabad"); a plural or genitive "s" is part of the mention ("the Khans", "Müllers
    Haus"). Scripts written without spaces keep matching anywhere."""
    words = [w for w in re.split(_WORD_GAP, fold(term)) if w]
    if not words:
        return ""
    pattern = _WORD_GAP.join(map(re.escape, words))
    before = _NOT_AFTER_LETTER if _LETTER.match(words[0][0]) else ""
    after = f"s?{_NOT_BEFORE_LETTER}" if _LETTER.match(words[-1][-1]) else ""
    return f"{before}{pattern}{after}"


def _titled(families: list[str], titles: set[str]) -> str:
    """A pattern for the folded ``families`` after one or more of ``titles`` ("Ms. Khan",
    "ms khan", "H. E. Dr. Khan"), the title not inside a longer word ("Sims Khan"). A title
    written with a full stop ("Dr.") may be followed by one, with or without a space; a word
    ("Minister") only by spaces."""
    names = [w for w in map(_words, families) if w]
    forms: dict[str, bool] = {}  # the folded title's pattern: whether an abbreviation
    for title in titles:
        words = [w for w in re.split(_WORD_GAP, fold(title)) if w]
        if words:
            key = _WORD_GAP.join(map(re.escape, words))
            forms[key] = forms.get(key, False) or title.rstrip().endswith(".")
    if not names or not forms:
        return ""
    prefix = "|".join(f"{key}{_AFTER_ABBREVIATION if dotted else _AFTER_WORD}"
                      for key, dotted in sorted(forms.items(), key=lambda f: -len(f[0])))
    return f"{_NOT_AFTER_LETTER}(?:{prefix})+(?:{'|'.join(names)})"


#: A folded letter or digit of a script written with spaces between words (Latin, folded to
#: a-z, Greek, Cyrillic), where a name inside a longer word is another word.
_WORD_CHARACTER = r"[a-z0-9\u0370-\u03ff\u0400-\u04ff]"
_LETTER = re.compile(_WORD_CHARACTER)
_NOT_AFTER_LETTER = rf"(?<!{_WORD_CHARACTER})"
_NOT_BEFORE_LETTER = rf"(?!{_WORD_CHARACTER})"


def _phone_pattern(e164: str) -> str | None:
    """A pattern for a phone number in its international, national and bare forms, its
    digits grouped any way ("(0300) 123-4567"), and not inside a longer run of digits; in
    brackets ("(+923001234567)"), with them."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return re.escape(e164) if len(e164) >= _MIN_TERM else None
    code = str(number.country_code)
    significant = phonenumbers.national_significant_number(number)
    national = re.sub(r"\D", "", phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.NATIONAL))
    spaced = _DIGIT_GAP.join
    forms = [f"(?:\\+|00){_DIGIT_GAP}{spaced(code)}{_DIGIT_GAP}(?:\\(?0\\)?{_DIGIT_GAP})?"
             f"{spaced(significant)}",
             *(spaced(f) for f in sorted({code + significant, national, significant},
                                         key=len, reverse=True))]
    either = "|".join(forms)
    # a number in brackets goes with both of them: "([removed]" would be left otherwise
    return rf"(?<!\d)(?:\((?:{either})\)|\(?(?:{either})(?!\d))"


def _keys(session: Session, table: Table, conditions) -> list:
    return session.connection().execute(
        select(*table.primary_key.columns).where(*conditions)
    ).all()


def _delete(session: Session, model, *conditions) -> int:
    """Delete matching rows (one statement); audited; returns how many."""
    table: Table = model.__table__
    keys = _keys(session, table, conditions)
    if keys:
        session.connection().execute(delete(table).where(*conditions))
        audit.touched(session, table, keys, "delete")
    return len(keys)


def _update(session: Session, model, condition, **values) -> int:
    """Update matching rows (one statement); audited; returns how many."""
    table: Table = model.__table__
    keys = _keys(session, table, [condition])
    if keys:
        session.connection().execute(update(table).where(condition).values(values))
        audit.touched(session, table, keys, "update")
    return len(keys)


#: What forgetting a person erases from their rows that stay (their posts' positions, their
#: attendances' notes, the attribution of their statements), by table.
_ERASED = {"affiliations": {"position": None}, "attendances": {"notes": None},
           "statements": {"person_id": None}}


def _erase_from_images(session: Session, ids: set[int]) -> None:
    """Erase from the images of the person's rows that others' merges and imports keep (an
    organization merge keeps their posts there, an import the attendance it moved on) what
    :func:`forget` erased from the rows themselves (``ids``: the person and the duplicates
    merged into them): undone, those put none of it back, and find the rows as they are."""
    conn = session.connection()

    def erased(table: str, row: Any) -> bool:
        if not isinstance(row, dict) or row.get("person_id") not in ids:
            return False
        row.update(_ERASED[table])
        return True

    merges = []
    for merge_id, payload in conn.execute(select(Merge.id, Merge.payload)):
        data = json.loads(payload) if payload else {}
        hits = [erased(i["table"], i["row"]) for part in ("deleted", "after")
                for i in data.get(part, []) if i.get("table") in _ERASED]
        if any(hits):
            merges.append({"k": merge_id, "v": json.dumps(data, ensure_ascii=False)})
    if merges:
        conn.execute(update(Merge).where(Merge.id == bindparam("k"))
                     .values(payload=bindparam("v")), merges)
        audit.touched(session, Merge.__table__, [(m["k"],) for m in merges], "update")
    items = []
    for item_id, table, before, after in conn.execute(
        select(ImportBatchItem.id, ImportBatchItem.table_name, ImportBatchItem.before,
               ImportBatchItem.after)
        .where(ImportBatchItem.table_name.in_(sorted(_ERASED)),
               ImportBatchItem.action == "updated")
    ):
        images = [json.loads(i) if i else None for i in (before, after)]
        if any([erased(table, i) for i in images]):
            items.append({"k": item_id, **{
                f"v_{name}": None if i is None else json.dumps(i, ensure_ascii=False,
                                                               sort_keys=True)
                for name, i in zip(("before", "after"), images)}})
    if items:
        conn.execute(update(ImportBatchItem).where(ImportBatchItem.id == bindparam("k"))
                     .values(before=bindparam("v_before"), after=bindparam("v_after")), items)
        audit.touched(session, ImportBatchItem.__table__, [(i["k"],) for i in items], "update")


def _redact(session: Session, mentions: _Mentions) -> int:
    """Replace every mention in the free-text columns; returns how many values changed.
    Each column is read once, in chunks, and matched in Python (SQLite's LIKE and lower()
    fold ASCII only, and no SQL folds accents): a full read, as the compaction that follows
    rewrites the whole file anyway. Changed rows are written back in one statement."""
    if mentions.pattern is None:
        return 0
    conn = session.connection()
    count = 0
    for table_name, column_name, key_name in FREE_TEXT:
        table = Base.metadata.tables[table_name]
        changed = _redacted(conn, table, column_name, key_name, mentions)
        if not changed:
            continue
        primary = list(table.primary_key.columns)
        values = {column_name: bindparam("v_text")}
        if key_name:
            values[key_name] = bindparam("v_key")
        conn.execute(
            update(table).where(*(c == bindparam(f"k_{c.name}") for c in primary))
            .values(values),
            [{**{f"k_{c.name}": v for c, v in zip(primary, key)}, "v_text": t, "v_key": fold(t)}
             for key, t in changed],
        )
        audit.touched(session, table, [key for key, _ in changed], "update")
        count += len(changed)
    return count


def _redacted(conn, table: Table, column_name: str, key_name: str | None,
              mentions: _Mentions) -> list[tuple[tuple, str]]:
    """(primary key, new text) of each row of the column that mentions the person. A name
    that must stay unique (organizations, campaigns, tags) and would become another's gets
    its id ("[removed] #4"); text longer than its column allows is cut."""
    primary = list(table.primary_key.columns)
    column = table.c[column_name]
    unique = key_name is not None and table.c[key_name].unique
    extra = [table.c[key_name]] if unique else []
    limit = getattr(column.type, "length", None)
    rows = conn.execute(select(*primary, column, *extra).where(column.is_not(None))
                        .execution_options(yield_per=_CHUNK))
    redact = (mentions.redact_json if (table.name, column_name) in _JSON_TEXT
              else mentions.redact)
    changed, taken = [], set()
    for row in rows:
        key, text = tuple(row[:len(primary)]), row[len(primary)]
        new = redact(text)
        if new != text:
            changed.append((key, new[:limit] if limit else new))
        elif unique:
            taken.add(row[-1])
    if unique:
        for i, (key, new) in enumerate(changed):
            while fold(new) in taken:
                new = f"{new} #{key[0]}"
            taken.add(fold(new))
            changed[i] = (key, new)
    return changed
