"""Validation and normalization of what users type: emails, phones, countries, dates, handles.

Each function returns the stored form or raises :class:`~stakeholders.errors.Invalid` with a
message that names the problem. The libraries are imported on first use (they are slow to load).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from stakeholders.config import ENV_REGION
from stakeholders.errors import Invalid
from stakeholders.names import lettered
from stakeholders.text import HTML_TAG, clean, clean_lines, fold, shown

T = TypeVar("T")

#: The largest whole number an INTEGER column holds on both databases (32 bits on PostgreSQL):
#: no id is larger, and a larger number fits no query or row.
MAX_INTEGER = 2**31 - 1

#: Names people type for countries whose ISO name they do not use.
COUNTRY_ALIASES = {
    "uk": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "usa": "US", "us": "US", "united states": "US", "united states of america": "US",
    "america": "US", "turkey": "TR", "russia": "RU", "iran": "IR", "syria": "SY",
    "south korea": "KR", "korea": "KR", "north korea": "KP", "vietnam": "VN", "laos": "LA",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "czechia": "CZ",
    "czech republic": "CZ", "ivory coast": "CI", "cote d'ivoire": "CI", "holland": "NL",
    "the netherlands": "NL", "uae": "AE", "emirates": "AE", "drc": "CD", "dr congo": "CD",
    "palestine": "PS", "taiwan": "TW", "macedonia": "MK", "swaziland": "SZ", "burma": "MM",
    "cape verde": "CV", "vatican": "VA", "holy see": "VA", "brunei": "BN", "micronesia": "FM",
    "eu": "EU",
}


#: Plain ASCII addresses, a strict subset of what email-validator accepts: checked here
#: without it (an import checks 100,000 of them), with the same normalized result.
_PLAIN_EMAIL = re.compile(
    r"^(?=[^@]{1,64}@)[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$"
)
_SPECIAL_USE = ("arpa", "invalid", "local", "localhost", "onion", "test")


@lru_cache(maxsize=1)
def _case_insensitive_mailboxes() -> frozenset[str]:
    from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES

    return frozenset(CASE_INSENSITIVE_MAILBOX_NAMES)


def _plain_email(value: str) -> str | None:
    m = _PLAIN_EMAIL.match(value)
    if m is None or len(value) > 254:
        return None
    domain, at = m.group(1), m.start(1)
    if "--" in domain or value[:at - 1].lower() in _case_insensitive_mailboxes():
        return None  # info@, postmaster@…: email-validator lower-cases these
    domain = domain.lower()
    if domain.rpartition(".")[2] in _SPECIAL_USE:
        return None
    return value[:at] + domain


def email(value: str, *, test_environment: bool = False) -> str:
    """The normalized address (domain lower-cased, NFC); no network look-up. A ``mailto:``
    link (copied from a web page or a signature) is read as the address it names: without
    its query (``?subject=unsubscribe``) and its %-escapes decoded, as RFC 6068 writes it."""
    value = clean(value)
    if ":" in value and value[:7].lower() == "mailto:":
        value = value[7:].partition("?")[0].strip()
        if "%" in value:
            from urllib.parse import unquote

            value = unquote(value)
    plain = _plain_email(value)
    if plain is not None:
        return plain
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(
            value, check_deliverability=False, test_environment=test_environment
        ).normalized
    except EmailNotValidError as e:
        raise Invalid(f"invalid email {shown(value)}: {e}") from None


def region(value: str | None) -> str | None:
    """The default region for phone numbers: the option, else STAKEHOLDERS_REGION."""
    value = value or os.environ.get(ENV_REGION) or None
    return country(value) if value else None


def phone(value: str, default_region: str | None = None) -> str:
    """E.164 form. National numbers need a region (``--region`` or STAKEHOLDERS_REGION); a
    number with an extension is refused."""
    return _phone(clean(value), default_region)


def _phone(raw: str, default_region: str | None) -> str:
    """:func:`phone` of a value already cleaned (:func:`~stakeholders.text.clean`)."""
    if national(raw) and default_region is None:
        raise Invalid(
            f"phone number {shown(raw)} has no country code; give --region (e.g. --region PK) "
            f"or set {ENV_REGION}"
        )
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if _E164.match(raw) and _valid_e164(raw):
        return raw
    if _words_in_number(raw):  # the parser would dial them as a keypad does ("PTCL" as 7825)
        raise Invalid(f"phone number {shown(raw)} holds letters, which are not part of a "
                      "number; give the number alone (a remark in a note)")
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, default_region)
    except phonenumbers.NumberParseException as e:
        reason = _parse_error(e)
        raise Invalid(f"invalid phone number {shown(raw)}"
                      + (f": {reason}" if reason else "")) from None
    if not (phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number)):
        raise Invalid(f"invalid phone number {shown(raw)}")
    if number.extension:  # E.164 has no room for it: it would be dropped without a word
        raise Invalid(f"phone number {shown(raw)} has an extension, which is not stored; give "
                      "the number without it (and the extension in a note)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_and_remark(value: str, default_region: str | None = None) -> tuple[str, str | None]:
    """A number as :func:`phone` stores it, and the remark a list writes after it, kept apart:
    "0300-1234567 (WhatsApp)" -> ("+923001234567", "WhatsApp"); "051-9250000 ext. 12" ->
    ("+92519250000", "ext. 12"). Words in the middle of a number are still refused."""
    raw = clean(value)
    if _SCIENTIFIC.fullmatch(raw):
        raise Invalid(f"phone number {shown(raw)} was turned into a number in scientific "
                      "notation by a spreadsheet, which lost its last digits; format the "
                      "column as text and write the number again")
    parts = _number_and_remark(raw)
    if parts is not None:
        try:
            number = phone(parts[0], default_region)
        except Invalid:
            if raw[len(parts[0]):][:1].isspace() and sum(c.isdigit() for c in parts[0]) >= 5:
                raise  # a remark after what reads as a number: that number is what is wrong
            # not a number and a remark after all ("0300-WHATS-APP"): say what is wrong with
            # the whole
        else:  # a whole number: a remark too long to keep is what is wrong
            return number, text(parts[1], "phone label", 100)
    return _phone(raw, default_region), None


#: A number a spreadsheet showed in scientific notation ("9.23001E+11"), its digits lost.
_SCIENTIFIC = re.compile(r"[0-9](?:[.,][0-9]+)?[eE]\+[0-9]+")


def _number_and_remark(raw: str) -> tuple[str, str] | None:
    """``raw`` split where words start after its first digit, or None when it has none."""
    if raw[1:].isdigit():  # "+923001234567", "03001234567": most cells, first
        return None
    first = _first_digit(raw)
    m = _REMARK.search(raw, first) if first is not None else None
    if m is None:
        return None
    number, remark = raw[:m.start()].rstrip(_BEFORE_REMARK), _unbracketed(m.group(0))
    return (number, remark) if number and remark else None


_CLOSING = {"(": ")", "[": "]"}


def _unbracketed(remark: str) -> str:
    """A remark without the brackets around it, and without a bracket left open or closed
    alone at an end ("(WhatsApp", "WhatsApp)"); brackets within it stay ("(Office (PTCL))"
    is "Office (PTCL)")."""
    remark = remark.strip(" ,;:-")
    while (remark[:1] in _CLOSING and remark.endswith(_CLOSING[remark[0]])
           and _balanced(remark[1:-1])):
        remark = remark[1:-1].strip(" ,;:-")
    for opening, closing in _CLOSING.items():
        if remark.startswith(opening) and closing not in remark:
            remark = remark[1:].strip(" ,;:-")
        if remark.endswith(closing) and opening not in remark:
            remark = remark[:-1].strip(" ,;:-")
    return remark


def _balanced(text: str) -> bool:
    """Whether every bracket in ``text`` closes one opened before it."""
    depth = 0
    for c in text:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _first_digit(raw: str) -> int | None:
    return next((i for i, c in enumerate(raw) if c.isdigit()), None)


#: An extension written after a number ("ext. 12", "extension 12", "x12").
EXTENSION_WORD = r"e?xt(?:ension|n)?\.?"
#: Where a remark after a number starts: its first word (a letter, or a bracket or dash just
#: before one), to the end; and what may stand between the number and it.
_REMARK = re.compile(rf"[\s(\[,;:-]*(?:{EXTENSION_WORD}\s*\d+|[^\W\d_]).*$", re.IGNORECASE)
_BEFORE_REMARK = " -/,;:("
#: Letters of any script, and an extension written after a number, which the parser reads
#: and refuses as an extension.
_LETTERS = re.compile(r"[^\W\d_]+")
_EXTENSION = re.compile(rf"(?:{EXTENSION_WORD}|x)\s*\d+\s*$", re.IGNORECASE)


def _words_in_number(raw: str) -> bool:
    """Whether words are written after a phone number's first digit ("(WhatsApp)", "PTCL"),
    other than an extension; a label before it ("Cell: 0300-1234567") is passed over as the
    parser does. The parser would read such letters as a keypad's digits, making up a
    number."""
    first = _first_digit(raw)
    return first is not None and bool(_LETTERS.search(_EXTENSION.sub("", raw[first:])))


def national(number: str) -> bool:
    """Whether a phone number is written without its country code (``+92``, ``0092``)."""
    return not number.startswith(("+", "00"))


def _parse_error(e) -> str | None:
    """What the phone number parser's error means, in a few words (its own text numbers
    them: "(1) The string supplied did not seem to be…"); None when the words would add
    nothing to "invalid"."""
    return {e.INVALID_COUNTRY_CODE: "unknown country code", e.TOO_SHORT_AFTER_IDD: "too short",
            e.TOO_SHORT_NSN: "too short", e.TOO_LONG: "too long"}.get(e.error_type)


_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def _valid_e164(raw: str) -> bool:
    """A number already written in E.164 (+923001234567), checked without the general parser
    (imports check 100,000 of them). False sends it through the parser."""
    found = _calling_code(raw[1:4])
    if found is None:
        return False
    code, size, rules = found
    national = raw[1 + size:]
    if national.startswith("0"):
        return False  # Italian-style leading zeros: the parser knows the rules
    if rules is not None:
        # digits of another script are read as ASCII ones; ASCII ones need no reading
        return _is_valid_national(national if national.isascii() else str(int(national)),
                                  rules)
    import phonenumbers

    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
    return phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number)


@lru_cache(maxsize=4096)
def _calling_code(head: str) -> tuple[int, int, _Rules | None] | None:
    """The country calling code an E.164 number's first three digits (``head``) begin with,
    its length and its rules (:func:`_number_rules`); None when they begin with none. Looked
    up once per head, not per number."""
    import phonenumbers

    for size in (1, 2, 3):  # country calling codes are prefix-free
        code = int(head[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return code, size, _number_rules(code)
    return None


#: (lengths of the general description, its pattern, the patterns of the number types by
#: length, the patterns of types without lengths of their own)
_Rules = tuple


@lru_cache(maxsize=None)
def _number_rules(code: int) -> _Rules | None:
    """phonenumbers' ``is_possible_number and is_valid_number`` for the calling code of one
    region, compiled once (the library looks every pattern up again for every number).

    Valid: the national number fits the general description (its possible lengths, then its
    pattern) and at least one of the number types ``is_valid_number`` tries; a number of a
    possible length is possible, so validity decides. None (the library decides) for calling
    codes shared by several regions (+1, +7, +44…) and descriptions without lengths."""
    import phonenumbers
    from phonenumbers.phonemetadata import PhoneMetadata

    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]
    if len(regions) != 1:
        return None
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, regions[0].upper())
    general = metadata.general_desc if metadata is not None else None
    if general is None or not general.national_number_pattern or not general.possible_length:
        return None
    kinds = [metadata.fixed_line, metadata.premium_rate, metadata.toll_free,
             metadata.shared_cost, metadata.voip, metadata.personal_number, metadata.pager,
             metadata.uan, metadata.voicemail]  # any order: only whether one fits counts
    if not metadata.same_mobile_and_fixed_line_pattern:
        kinds.insert(0, metadata.mobile)  # the most common first
    kinds = [d for d in kinds if d is not None and d.national_number_pattern]
    unsized = tuple(re.compile(d.national_number_pattern) for d in kinds if not d.possible_length)
    by_length = {
        n: unsized + tuple(re.compile(d.national_number_pattern) for d in kinds
                           if n in d.possible_length)
        for d in kinds for n in d.possible_length
    }
    return (frozenset(general.possible_length), re.compile(general.national_number_pattern),
            by_length, unsized)


def _is_valid_national(nsn: str, rules: _Rules) -> bool:
    lengths, general, by_length, unsized = rules
    if len(nsn) not in lengths or general.fullmatch(nsn) is None:
        return False
    for pattern in by_length.get(len(nsn), unsized):
        if pattern.fullmatch(nsn) is not None:
            return True
    return False


#: Adjectives of countries not made from the country's name ('British' is not 'Britain…').
_IRREGULAR_ADJECTIVES = {"british": "GB", "american": "US", "french": "FR", "dutch": "NL",
                         "swiss": "CH", "norwegian": "NO", "danish": "DK", "swedish": "SE",
                         "finnish": "FI", "irish": "IE", "spanish": "ES", "thai": "TH",
                         "turkish": "TR", "polish": "PL", "emirati": "AE", "saudi": "SA",
                         "filipino": "PH", "philippine": "PH", "greek": "GR"}


@lru_cache(maxsize=256)
def country_of_adjective(adjective: str) -> str | None:
    """ISO 3166 alpha-2 for a country's adjective ('Australian' -> 'AU', 'Kenyan' -> 'KE',
    'Japanese' -> 'JP'): the country whose name starts with the adjective less its ending;
    None when none or several do."""
    word = adjective.strip().lower()
    if word in _IRREGULAR_ADJECTIVES:
        return _IRREGULAR_ADJECTIVES[word]
    import pycountry

    names = [(c.alpha_2, getattr(c, "common_name", c.name).lower()) for c in pycountry.countries]
    for ending in ("n", "an", "ian", "i", "ese", "ish"):
        stem = word[: -len(ending)] if word.endswith(ending) else ""
        if len(stem) < 4:
            continue
        found = {code for code, name in names if name.startswith(stem)}
        if len(found) == 1:
            return found.pop()
    return None


def country(value: str) -> str:
    """ISO 3166 alpha-2 from a code (PK, PAK) or a name ("Pakistan", "UK")."""
    key = fold(value).strip(" .")
    if not key:
        raise Invalid("empty country")
    if _DOTTED.fullmatch(key):  # "U.A.E.", "U.K.", "U.S.A.": the abbreviation without stops
        key = key.replace(".", "").replace(" ", "")
    if key in COUNTRY_ALIASES and COUNTRY_ALIASES[key] != "EU":
        return COUNTRY_ALIASES[key]
    import pycountry

    if len(key) == 2:
        found = pycountry.countries.get(alpha_2=key.upper())
    elif len(key) == 3:
        found = pycountry.countries.get(alpha_3=key.upper())
    else:
        found = None
    if found is None:
        for c in pycountry.countries:
            names = (c.name, getattr(c, "official_name", ""), getattr(c, "common_name", ""))
            # compared as the key is, without a full stop at the end ("Virgin Islands, U.S.")
            if key in (fold(n).strip(" .") for n in names if n):
                found = c
                break
    if found is None:
        code = _translated_countries().get(key)
        if code is not None:
            return code
        nation = country_of_adjective(key) if key.isalpha() else None
        if nation:  # 'Pakistani' in a Country column
            raise Invalid(f"{shown(value)} is a nationality, not a country; give the country "
                          f"({nation})")
        raise Invalid(f"unknown country {shown(value)}; give an ISO 3166 code such as PK or GB")
    return found.alpha_2


#: A country's abbreviation written with full stops, the last one already dropped.
_DOTTED = re.compile(r"(?:[a-z]\. ?){1,3}[a-z]")


#: The languages besides English whose country names are read ("Allemagne", "Deutschland"):
#: those of the lists embassies keep, in French or German, with their headers (Pays, Land).
COUNTRY_NAME_LANGUAGES = ("fr", "de")


@lru_cache(maxsize=1)
def _translated_countries() -> dict[str, str]:
    """Country names in :data:`COUNTRY_NAME_LANGUAGES`, folded, as alpha-2 codes: from the
    translations pycountry ships, read only when a name is not an English one."""
    import gettext

    import pycountry

    names: dict[str, str] = {}
    for language in COUNTRY_NAME_LANGUAGES:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                              languages=[language])
        except OSError:  # a pycountry without its translations: English names only
            continue
        for c in pycountry.countries:
            for name in (c.name, getattr(c, "official_name", ""),
                         getattr(c, "common_name", "")):
                if name:
                    names.setdefault(fold(translation.gettext(name)).strip(" ."), c.alpha_2)
    return names


def date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not value.isascii():  # digits of another script (an Urdu keyboard's) read as theirs
        value = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value)
    # YYYY-MM-DD alone: Python reads "20240315" and the week date "2024-W11-5" too, which a
    # typo could make a wrong day of
    if not _DATE_SHAPE.fullmatch(value.strip()):
        raise Invalid(f"invalid date {shown(value)}; use YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:  # written right: the day does not exist
        raise Invalid(f"invalid date {shown(value)}: there is no such day") from None


_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def optional(check: Callable[[Any], T], value: Any) -> T | None:
    """``check(value)``, or None for None or a blank text: how an optional field is left
    empty, or cleared by an edit given ``""``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check(value)


def optional_date(value: str | dt.date | None) -> dt.date | None:
    """A date, or None for None or a blank text."""
    return optional(date, value)


def date_range(start: dt.date | None, end: dt.date | None, *,
               names: tuple[str, str] = ("start date", "end date"), hint: str = "") -> None:
    """Refuse an ``end`` before ``start``, each called by ``names`` in the message, which
    ``hint`` ends."""
    if start and end and end < start:
        raise Invalid(f"the {names[1]} {end} is before the {names[0]} {start}{hint}")


_HANDLE = re.compile(r"^@?[A-Za-z0-9_.]{1,64}$")


def handle(value: str) -> str:
    value = clean(value)
    if not _HANDLE.match(value):
        raise Invalid(f"invalid social handle {shown(value)}; use @name")
    return value if value.startswith("@") else "@" + value


WEBSITE_LENGTH = 500  # the column's width (models.Organization.website)


def website(value: str) -> str:
    value = clean(value)
    if not re.match(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", value, re.IGNORECASE):
        raise Invalid(f"invalid website {shown(value)}")
    value = value if "://" in value else "https://" + value
    if len(value) > WEBSITE_LENGTH:
        raise Invalid(f"website is too long ({len(value)} characters; at most {WEBSITE_LENGTH})")
    return value


def text(value: str | None, what: str, max_length: int, *, lines: bool = False
         ) -> str | None:
    """Cleaned free text, None when empty; refuses text longer than the column allows.
    ``lines``: text of several lines, whose line breaks are kept (:func:`note`)."""
    if value is None:
        return None
    value = clean_lines(value) if lines else clean(value)
    if len(value) > max_length:
        raise Invalid(f"{what} is too long ({len(value)} characters; at most {max_length})")
    return value or None


def plain(value: str | None, what: str, max_length: int) -> str | None:
    """Text shown beside or as part of a name (an honorific, a title, an acronym, a post):
    as :func:`text`, and no markup, as :func:`unmarked` says."""
    result = text(value, what, max_length)
    return unmarked(result, what) if result else result


def acronym(value: str | None) -> str | None:
    """An organization's or a campaign's acronym: plain text (:func:`plain`), not written as
    an id (:func:`not_an_id`)."""
    return not_an_id(plain(value, "acronym", 50), "acronym")


def note(value: str | None, what: str = "note", max_length: int = 10_000) -> str | None:
    """A note: free text of several lines, its line breaks kept."""
    return text(value, what, max_length, lines=True)


def required_text(value: str, what: str, max_length: int) -> str:
    result = text(value, what, max_length)
    if not result:
        raise Invalid(f"{what} is empty")
    return result


def search_text(value: str) -> str:
    """A text to look for: not empty, and holding a letter or a digit (a hyphen reads as a
    space, so "-" alone would find every name of two words)."""
    result = required_text(value, "search text", 200)
    if not any(ch.isalnum() for ch in result):
        raise Invalid(f"the search text {shown(result)} has no letter or digit to look for")
    return result


#: A letter or digit: what an organization, campaign or event name needs ("3M", "2030 Agenda").
_ALNUM = re.compile(r"[^\W_]")


def person_name(value: str) -> str:
    """A person's written name: not empty, holding at least one letter and no markup."""
    return unmarked(lettered(required_text(value, "name", 400)), "name")


def required_name(value: str, what: str, max_length: int) -> str:
    """The name of an organization, campaign or event: not empty, holding at least one
    letter or digit, so that it can be told apart and looked up, and no markup."""
    name = required_text(value, what, max_length)
    if not _ALNUM.search(name):
        raise Invalid(f"{what} {shown(name)} has no letters or digits")
    return unmarked(name, what)


def unmarked(name: str, what: str) -> str:
    """``name`` unless it holds an HTML tag ("<b>Ayesha</b> Khan", pasted from a web page's
    source): a name is shown as written in reports, exports and mail merges, so markup would
    reach them all. Imports take the tags out themselves; a name typed with them is refused.
    Angle brackets that are no tag ("<Team A>") are the name's own."""
    tag = HTML_TAG.search(name)
    if tag:
        raise Invalid(f"{what} {shown(name)} holds HTML markup ({tag.group()}); "
                      "write it as plain text")
    return name


_ID = re.compile(r"#[0-9]+")


def not_an_id(value: str | None, what: str) -> str | None:
    """A name or acronym that is not written as an id: a reference "#7" always means record
    #7, so a record called "#7" could never be referred to by it."""
    if value is not None and _ID.fullmatch(value.strip()):
        raise Invalid(f"{what} {shown(value)} would read as an id (#N always means record N); "
                      "write more than a number after #")
    return value


def tag(value: str) -> str:
    """A tag name: exports list a person's tags in one cell, separated by ',' or ';' (as each
    mailing tool expects) or ' ::: ' (as Google Contacts does), and imports split them
    there, so a tag may hold none of them."""
    name = required_text(value, "tag", 100)
    if "," in name or ";" in name:
        raise Invalid(f"tag {shown(name)} holds ',' or ';', which separate tags in exports; "
                      "give each tag on its own (--tag A --tag B)")
    if ":::" in name:
        raise Invalid(f"tag {shown(name)} holds ':::', which separates tags in exports; "
                      "give each tag on its own (--tag A --tag B)")
    return name
