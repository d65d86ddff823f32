"""Organizations: the ones a release defines ("the International Organization for Migration
(IOM)"), lists ("funded by A and B") or implies, kept once each however they are referred to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from stakeholders.ingest import cues
from stakeholders.ingest.acronyms import spells
from stakeholders.ingest.dates import country_code
from stakeholders.validate import country_of_adjective
from stakeholders.ingest.records import OrganizationRecord
from stakeholders.text import clean, fold

_ACRONYM_IN_PARENS = re.compile(r"\s*\((?P<acronym>[A-Z][A-Za-z.&-]{1,15})\)")
#: 'MoWCA', 'MoFA': capitals with small letters among them, an acronym when it spells the
#: name before it ('Ministry of Women and Children Affairs (MoWCA)').
_MIXED_CASE_ACRONYM = re.compile(r"[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*")
_SHORT_NAME_IN_PARENS = re.compile(r"\s*\((?P<short>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\)")


def _without_short_form(text: str) -> str:
    """A name without the acronym or short name in brackets after it."""
    return _SHORT_NAME_IN_PARENS.sub("", _ACRONYM_IN_PARENS.sub("", text))


_TOKEN = re.compile(r"[^\s,;:()\"“”]+")


@dataclass(frozen=True)
class Definition:
    """ "Name (ACR)" as written: the name, its acronym and where the whole stands."""

    name: str
    acronym: str
    start: int
    end: int
    #: the name as written when words before it were left out, since the acronym does not
    #: spell them ('Punjab Child Protection and Welfare Bureau (CPWB)'), else None
    written: str | None = None

    @property
    def is_campaign(self) -> bool:
        return is_campaign_name(self.name)


def is_campaign_name(name: str) -> bool:
    """'Public Awareness Campaign…', 'Global Action…', 'Safe Roads for Children Campaign' but
    not 'United Nations Development Programme': a campaign word, and no organization word
    other than 'Programme' unless a campaign word (not 'Programme') ends the name."""
    if cues.organization_sector(name) is cues.Sector.UN_AGENCY:
        return False
    words = name.split()
    if words and words[-1] in cues.CAMPAIGN_HEADS - {"Programme", "Program"}:
        return True
    org_heads = cues.ORGANIZATION_HEADS - {"Programme"}
    return cues.has_head(name, cues.CAMPAIGN_HEADS) and not cues.has_head(name, org_heads)


def strip_article(phrase: str) -> str:
    return re.sub(r"^(?:and\s+|the\s+|The\s+)+", "", clean(phrase).strip(" ,.;:"))


def _name_before(text: str) -> tuple[str, int]:
    """The capitalized run of words that ends ``text`` ('… by the European Union') and where it
    starts, small connecting words included ('Office on Drugs and Crime')."""
    tokens = list(_TOKEN.finditer(text))
    start = len(text)
    for tok in reversed(tokens):
        word = tok.group(0)
        gap = text[tok.end(): start]
        if gap.strip() or not (word[:1].isupper() or word in cues.TITLE_CONNECTORS):
            break
        start = tok.start()
    name = text[start:]
    stripped = re.sub(r"^(?:(?:and|the|of|for|on|to|in|against|'s|’s)\s+)+", "", name,
                      flags=re.I)
    return stripped.strip(), len(text) - len(stripped.strip())


def _trim_to_acronym(name: str, acronym: str) -> str:
    """The longest tail of ``name`` that the acronym spells, or the name itself."""
    words = name.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if words[i][:1].isupper() and spells(acronym, tail):
            return tail
    return name


def _last_of_two(name: str) -> str:
    """The second of two organizations joined by 'and the', each named in full ('the Embassy
    of Japan in Sri Lanka and the United Nations Children's Fund (UNICEF)', an acronym that
    spells neither), else the name."""
    joins = list(re.finditer(r"\s+and\s+the\s+", name))
    if not joins:
        return name
    first, second = name[: joins[-1].start()], name[joins[-1].end():]
    both = cues.names_organization(first) and cues.names_organization(second)
    return second if both else name


def _across_commas(sentence: str, name: str, start: int, acronym: str) -> tuple[str, int]:
    """The name with the words before its commas when only with them does the acronym spell it
    ('Ministry of Labour, Employment and Social Security (MoLESS)'), else the name as read."""
    if not name or spells(acronym, name):
        return name, start
    end, at = start + len(name), start
    for _ in range(3):
        comma = re.search(r",\s*$", sentence[:at])
        earlier, at = _name_before(sentence[: comma.start()]) if comma else ("", at)
        if not earlier[:1].isupper():
            break
        if spells(acronym, sentence[at:end]):
            return clean(sentence[at:end]), at
        ministry = list(_PORTFOLIO.finditer(earlier))
        if ministry and " and " in name and not cues.names_organization(name):
            # 'Ministry of Women, Family and Community Development (KPWKM)': an acronym of
            # the name in another language spells neither; the portfolio goes on to the end
            at += ministry[-1].start()
            return clean(sentence[at:end]), at
    return name, start


def definitions(sentence: str) -> list[Definition]:
    """Every "Name (ACR)" in a sentence, and every "Name (Short Name)" whose short name is
    words of the name ("People Forum for Human Rights (People Forum)")."""
    found = []
    for m in _ACRONYM_IN_PARENS.finditer(sentence):
        acronym = m.group("acronym")
        if not (cues.is_acronym(acronym) or _MIXED_CASE_ACRONYM.fullmatch(acronym)):
            continue
        name, start = _across_commas(sentence, *_name_before(sentence[: m.start()]), acronym)
        if not name or not name[:1].isupper():
            continue
        trimmed = _trim_to_acronym(name, acronym)
        if trimmed == name and not spells(acronym, name):
            trimmed = _last_of_two(name)
        if not cues.is_acronym(acronym) and not spells(acronym, trimmed):
            continue  # '(MoWCA)' only where it spells the name before it
        start += len(name) - len(trimmed)
        found.append(Definition(trimmed, acronym, start, m.end(), _written(name, trimmed)))
    for m in _SHORT_NAME_IN_PARENS.finditer(sentence):
        short = m.group("short")
        name, start = _name_before(sentence[: m.start()])
        if name[:1].isupper() and _shortens(short, name) \
                and cues.has_head(name, cues.ORGANIZATION_HEADS | cues.CAMPAIGN_HEADS):
            found.append(Definition(name, short, start, m.end()))
    return sorted(found, key=lambda d: d.start)


def _written(name: str, trimmed: str) -> str | None:
    """The trimmed name with the capitalized words just before it that the acronym left out
    ('Punjab' of 'the Punjab Child Protection and Welfare Bureau (CPWB)'), if any."""
    left_out = name[: len(name) - len(trimmed)].split()
    words: list[str] = []
    while left_out and left_out[-1][:1].isupper() and left_out[-1] not in _SMALL_WORDS:
        words.insert(0, left_out.pop())
    return " ".join([*words, trimmed]) if words else None


_SMALL_WORDS = {"The", "And", "Of"}


def _shortens(short: str, name: str) -> bool:
    """Whether every word of ``short`` is a word of ``name``, in order, and fewer of them."""
    words, rest = short.split(), iter(name.split())
    return len(words) < len(name.split()) and all(w in rest for w in words)


_LIST_SEPARATOR = re.compile(r"(,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)")


def _spelled_together(first: str, second: str) -> bool:
    """Whether the acronym after ``second`` spells the two joined by 'and' but not ``second``
    alone: 'Ministry of Women and Children Affairs (MoWCA)' is one name."""
    m = _ACRONYM_IN_PARENS.search(second)
    if not m:
        return False
    acronym, second = m.group("acronym"), second[: m.start()]
    return not spells(acronym, second) and spells(acronym, f"{strip_article(first)} and {second}")


def split_names(text: str, is_name: Callable[[str], bool]) -> list[str]:
    """'A, B and C' -> [A, B, C], keeping 'and' inside a name: two capitalized parts joined by
    a bare 'and' stay one unless both can stand alone ('Department of Immigration and Border
    Protection', 'Anti-Human Trafficking and Child Protection Unit'), or the second, opened by
    'the', can ('Women in Need and the Colombo University Law Faculty') or the first can ('the
    Fiji Trades Union Congress and the Fiji Commerce and Employers Federation')."""
    text = re.sub(r"\s+(?:and|as well as)$", "", clean(text).strip(" ,.;:"))
    parts = _LIST_SEPARATOR.split(text)
    items = [parts[0]]
    for separator, part in zip(parts[1::2], parts[2::2]):
        bare_and = "," not in separator and "and" in separator
        capitalized = strip_article(items[-1])[:1].isupper() and strip_article(part)[:1].isupper()
        new_item = (is_name(part) and (is_name(items[-1]) or re.match(r"the\s", part))) \
            or (re.match(r"the\s", part) and is_name(items[-1]))  # 'the Fiji Commerce and …'
        if bare_and and capitalized and (not new_item or _spelled_together(items[-1], part)):
            items[-1] += separator + part
        else:
            items.append(part)
    return [re.sub(r"^by\s+", "", i.strip()) for i in items if i.strip()]


#: What an organization opening a sentence does: 'The Ministry of … signed', 'UN Women launched'.
_DOES = re.compile(r"\s+(?:(?:today|yesterday|jointly|also|formally|officially)\s+)?"
                   r"(?:signed|launched|hosted|convened|organi[sz]ed|unveiled|inaugurated|"
                   r"opened|kicked off)\b")


#: An aside between a subject and its verb, naming its partner: 'The Ministry of Labour, with
#: support from the ILO, launched …' (the partner is read on its own).
_ASIDE = re.compile(r",\s*(?:with\s+(?:the\s+)?(?:support|assistance|help)\s+(?:of|from)|in\s+"
                    r"(?:partnership|collaboration|cooperation)\s+with|together\s+with|"
                    r"supported\s+by)\s+[^,]+,?\s*$")

_PORTFOLIO = re.compile(r"(?:Ministry|Department|Division)\s+(?:of|for)\s+[A-Z]")


def _continues_portfolio(before: str, piece: str, is_known: Callable[[str], bool]) -> bool:
    """Whether the words after a comma go on with the portfolio of the ministry before it
    ('Ministry of Employment, Productivity and Industrial Relations'): capitalized words
    joined by 'and' as a portfolio's last item is, none of them a name of its own."""
    piece = _ACRONYM_IN_PARENS.sub("", piece)  # '…, Family and Community Development (KPWKM)'
    words = piece.split()
    return bool(_PORTFOLIO.search(before)) and 2 < len(words) <= 6 and " and " in piece \
        and all(w[:1].isupper() or w in cues.NAME_CONNECTORS for w in words) \
        and not any(is_known(part) or cues.names_organization(part)
                    for part in re.split(r"\s+and\s+", piece))


def _subject_names(subject: str, is_known: Callable[[str], bool]) -> list[str]:
    """The names a subject lists: split at commas, at 'and the', and at a bare 'and' unless
    it continues a known name ('United Nations Office on Drugs and Crime') or the portfolio of
    a ministry or department ('Ministry of Interior and Coordination of National Government')
    beside no acronym or known name ('UNODC')."""
    pieces: list[str] = []
    for piece in re.split(r"\s*,\s*(?:and\s+)?", strip_article(subject)):
        if pieces and _continues_portfolio(pieces[-1], piece, is_known):
            pieces[-1] += f", {piece}"  # 'Ministry of Employment, Productivity and …'
        else:
            pieces.append(piece)
    items: list[str] = []
    for piece in pieces:
        parts = re.split(r"\s+and\s+", piece)
        merged = [parts[0]]
        for part in parts[1:]:
            joined = f"{merged[-1]} and {part}"  # 'United Nations Office on Drugs and Crime'
            if not is_known(joined) and (
                    part.startswith("the ") or is_known(merged[-1]) or is_known(part)
                    or not _PORTFOLIO.search(strip_article(merged[-1]))):
                merged.append(part)
            else:
                merged[-1] = joined
        items += [strip_article(m) for m in merged]
    return items


_MISSION_KINDS = r"(?P<kind>Embassy|High Commission|Consulate General|Consulate)"
_MISSION_OF = re.compile(rf"^{_MISSION_KINDS}\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w\s-]+)$")
_MISSION_ADJECTIVE = re.compile(rf"^(?P<adjective>[A-Z][\w-]+)\s+{_MISSION_KINDS}$")


def mission_key(name: str) -> tuple[str, str] | None:
    """A diplomatic mission's kind and country, however its name is written: 'the Australian
    Embassy' and 'Embassy of Australia' are both ('Embassy', 'AU'); None for another name."""
    name = strip_article(name)
    of = _MISSION_OF.match(name)
    adjective = _MISSION_ADJECTIVE.match(name)
    if of:
        code = country_code(of.group("country"))
    elif adjective:
        code = country_of_adjective(adjective.group("adjective"))
    else:
        return None
    return ((of or adjective).group("kind"), code) if code else None


#: A ministry named with its country after its portfolio: 'the Ministry of Interior of
#: Jordan'.
_MINISTRY_OF_COUNTRY = re.compile(r"^(?P<ministry>Ministry\s+(?:of|for)\s+.+?)\s+of\s+"
                                  r"(?P<country>(?:the\s+)?[A-Z][\w\s]+)$")


#: … or with its country before it: 'the Fiji Ministry of Employment', 'the Kenyan Ministry of
#: Health'.
_COUNTRY_MINISTRY = re.compile(r"^(?P<country>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?)\s+"
                               r"(?P<ministry>Ministry\s+(?:of|for)\s+.+)$")


def _without_country(name: str) -> str:
    m = _MINISTRY_OF_COUNTRY.match(name)
    if m and country_code(m.group("country")):
        return m.group("ministry")
    m = _COUNTRY_MINISTRY.match(name)
    country = m and re.sub(r"['’]s$", "", m.group("country"))
    if m and (country_code(country) or country_of_adjective(country)):
        return m.group("ministry")
    return name


class Organizations:
    """The organizations found so far, each once, looked up by name or acronym."""

    def __init__(self) -> None:
        self.records: list[OrganizationRecord] = []
        #: names as written before an acronym that spells only their end, each to the
        #: organization it was read as ('Punjab Child Protection and Welfare Bureau')
        self.written: dict[str, OrganizationRecord] = {}

    def find(self, ref: str | None) -> OrganizationRecord | None:
        ref = strip_article(_without_short_form(ref or ""))
        return next((o for o in self.records if o.refers_to(ref)), None) \
            or (self.written.get(fold(ref)) if ref else None) or self._same_mission(ref) \
            or self._same_ministry(ref) or self._named_again(ref)

    def _named_again(self, ref: str) -> OrganizationRecord | None:
        """The organization a bare head names again ('Senior Secretary of the Ministry' after
        'The Ministry of Labour and Employment …'): the only one known with that word in its
        name; none when two are (the Ministry of the Interior and the Ministry of Health)."""
        if ref not in cues.HEADS_NAMED_AGAIN:
            return None
        found = [o for o in self.records if ref in o.name.split()]
        return found[0] if len(found) == 1 else None

    def _same_ministry(self, ref: str) -> OrganizationRecord | None:
        """The ministry already known with its country after its name ('the Ministry of
        Interior of Jordan' for 'the Ministry of Interior' named again), the country kept: a
        ministry of another country is another organization."""
        if not ref.startswith("Ministry "):
            return None
        return next((o for o in self.records if _without_country(o.name) == ref
                     and o.name != ref), None)

    def _same_mission(self, ref: str) -> OrganizationRecord | None:
        """The mission already known under the other way of naming it ('Embassy of Australia'
        for 'the Australian Embassy')."""
        key = mission_key(ref) if ref else None
        return next((o for o in self.records if mission_key(o.name) == key), None) \
            if key else None

    def add_written(self, written: str, record: OrganizationRecord) -> None:
        """Find ``record`` by a longer name it was written with, so that the name written
        again without its acronym is the same organization, not another."""
        if self.find(written) is None:
            self.written[fold(strip_article(written))] = record

    def add(self, name: str, acronym: str | None = None, *, source: str = "",
            confidence: float = 0.9) -> OrganizationRecord:
        """Record an organization, or complete the one already known under that name or
        acronym (an acronym used alone is replaced by the full name once it is defined)."""
        name = strip_article(name)
        acronym = acronym or (name if cues.is_acronym(name) else None)
        if name == acronym and not self.find(acronym):
            name = cues.SPELLED_OUT.get(acronym, name)  # 'UN' -> 'United Nations'
        known = self.find(name) or (self.find(acronym) if acronym else None)
        if known:
            if acronym and not known.acronym:
                known.acronym = acronym
            if known.name == known.acronym and name != acronym:
                known.name = name
            return known
        record = OrganizationRecord(name=name, acronym=acronym,
                                    sector=cues.organization_sector(name, acronym).value,
                                    source=source, confidence=confidence)
        self.records.append(record)
        return record

    def looks_like_one(self, phrase: str) -> bool:
        """Whether a phrase can stand alone as an organization's name."""
        core = strip_article(_without_short_form(phrase))
        if not core[:1].isupper():
            return False
        if cues.is_acronym(core) or self.find(core) is not None:
            return True
        return len(core.split()) > 1 and cues.names_organization(core)

    def read_subject(self, sentence: str, masked: str) -> None:
        """Organizations named as the subject opening a sentence, with no marker around them
        ('The Ministry of Interior and Coordination of National Government signed …'): taken
        only when every name listed is an organization's."""
        does = _DOES.search(masked)
        subject = _ASIDE.sub("", sentence[: does.start()]) if does else ""
        words = subject.replace(",", " ").split()
        if not words or len(words) > 20 or any(
                not (w.lstrip("(")[:1].isupper() or w in cues.NAME_CONNECTORS) for w in words):
            return
        def known(name: str) -> bool:
            return cues.is_acronym(strip_article(_without_short_form(name))) \
                or self.find(name) is not None

        names = _subject_names(subject, known)
        if all(self.looks_like_one(n) for n in names):
            for name in names:
                self.add_phrase(name, source=sentence)

    def split_list(self, text: str) -> list[str]:
        """The organizations of a list, as written ('the European Union (EU)', 'UNODC')."""
        return [strip_article(i) for i in split_names(text, self.looks_like_one)
                if strip_article(i)]

    def add_phrase(self, phrase: str, *, source: str, confidence: float = 0.9
                   ) -> OrganizationRecord | None:
        """Record the organization a list item names: 'the European Union (EU)', 'UNODC'."""
        m = _ACRONYM_IN_PARENS.search(phrase) or _SHORT_NAME_IN_PARENS.search(phrase)
        name = strip_article(phrase[: m.start()] if m else phrase)
        if not self.looks_like_one(phrase):
            return None
        office_of = cues.office_in_country(name) if not m else None
        known = self.find(office_of) if office_of and cues.is_acronym(office_of) else None
        if known:
            return known  # 'UNICEF Sri Lanka': a known organization's country office
        acronym = m.group(1) if m else (name if cues.is_acronym(name) else None)
        return self.add(name, acronym, source=source, confidence=confidence)

    def by_email_domain(self, email: str) -> OrganizationRecord | None:
        """'someone@unodc.org' -> UNODC, when an organization has that acronym."""
        labels = email.rsplit("@", 1)[-1].lower().split(".")[:-1]
        return next((o for o in self.records for label in labels
                     if o.acronym and fold(o.acronym).replace(".", "") == label), None)
