"""Reading a .vcf file of contact cards (vCard 2.1, 3.0 or 4.0, as phones, address books and
``export contacts --profile vcard`` write them) as a table: one row a card, numbered from 1.

The parsing is vobject's (folded lines, escapes, quoted-printable text in vCard 2.1); each card
becomes the fields the importer reads: N's prefix (honorific and title), given, additional and
family names and suffix, FN, the first unit of ORG, TITLE, every EMAIL and TEL but fax
numbers (as several values of one cell, the preferred first; a number's label, its group's
X-ABLabel, after it as a list writes one), CATEGORIES as tags (but Google's system groups),
NOTE, the organization's sector (X-STAKEHOLDERS-SECTOR, as the vcard profile writes it), and
the country of the first work ADR, else of the first ADR.
A company's card names no person, nor does a group's or a place's (KIND other than
individual): the table says so (:attr:`Table.not_people`), and the importer skips it.
"""

from __future__ import annotations

import re
from pathlib import Path

from stakeholders.errors import Invalid
from stakeholders.io.headers import MULTI_SEPARATOR
from stakeholders.io.profiles import written_phone
from stakeholders.io.vcard import SECTOR_PROPERTY
from stakeholders.io.table import Table

#: The table's columns: field names the importer knows as headers.
HEADER = ["prefix", "given_name", "middle_name", "family_name", "suffix", "full_name",
          "organization", "position", "email", "phone", "tags", "notes", "country", "sector"]


#: The system groups Google Contacts writes in a card's CATEGORIES beside its labels (every
#: contact is in myContacts), as its CSV writes them "* myContacts": not tags.
GOOGLE_SYSTEM_GROUPS = frozenset({"myContacts", "starred"})


def looks_like_vcard(text: str, path: Path) -> bool:
    """Whether a file (its decoded text) holds vCards: named .vcf, or starting as one."""
    return (Path(path).suffix.lower() in (".vcf", ".vcard")
            or text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD")


def read_text(text: str, path: Path) -> Table:
    import vobject  # only files of cards pay for it

    name = Path(path).name
    rows = []
    companies = {}
    try:
        cards = _escape_bare_commas(_plain_custom_labels(_join_soft_breaks(
            text.lstrip("\ufeff"))))
        for card in vobject.readComponents(cards):
            if card.name.upper() != "VCARD":
                raise Invalid(f"{name} holds a {card.name} where a VCARD should be")
            rows.append(_row(card))
            kind = _kind(card)
            if kind in _NOT_PEOPLE:
                companies[len(rows)] = _NOT_PEOPLE[kind]
            elif _company(card, rows[-1]):
                companies[len(rows)] = _NOT_PEOPLE["org"]
    except vobject.base.ParseError:  # its message quotes the line: personal data
        raise Invalid(f"{name} is not a readable vCard file: card {len(rows) + 1} is broken "
                      "(a line that is no vCard property, or no END:VCARD)") from None
    if not rows:
        raise Invalid(f"{name} holds no vCard (BEGIN:VCARD … END:VCARD)")
    return Table(header=list(HEADER), rows=rows, encoding=None, first_row=1,
                 not_people=companies)


#: What a card of each KIND (vCard 4.0; Apple's X-ADDRESSBOOKSERVER-KIND in 3.0) other than
#: an individual's is, as the report says it is skipped.
_NOT_PEOPLE = {"org": "an organization's card, not a person's",
               "group": "a group's card (a list of members), not a person's",
               "location": "a place's card, not a person's"}


def _kind(card) -> str:
    """The card's KIND in lower case (``individual`` when it gives none)."""
    for key in ("kind", "x-addressbookserver-kind"):
        for line in card.contents.get(key, ()):
            if _text(line.value):
                return _text(line.value).lower()
    return "individual"


def _company(card, row: list[str]) -> bool:
    """Whether a card is a company's, not a person's: as Apple marks it (X-ABShowAs:COMPANY),
    or as phones and Google write one, its name only the organization's (an empty N), or
    naming nobody at all beside its ORG (no N, no FN)."""
    shown_as = card.contents.get("x-abshowas", ())
    if any(_text(line.value).upper() == "COMPANY" for line in shown_as):
        return True
    fields = dict(zip(HEADER, row))
    return bool(fields["organization"]) and not (
        fields["given_name"] or fields["middle_name"] or fields["family_name"]) and (
        not fields["full_name"]
        or fields["full_name"].casefold() == fields["organization"].casefold())


#: A line, its end kept.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _join_soft_breaks(text: str) -> str:
    """The text with each quoted-printable value on one line. vCard 2.1 writers (phones)
    break a long quoted-printable value with ``=`` at the end of a line and go on at the
    start of the next, unindented, which vobject would read as a line of its own."""
    if "QUOTED-PRINTABLE" not in text.upper():
        return text
    out: list[str] = []
    joining = False
    for line in _LINE.findall(text):
        content = line.rstrip("\r\n")
        if joining:
            out[-1] = out[-1][:-1] + content  # the "=" goes with the line break
        else:
            out.append(content)
            joining = "QUOTED-PRINTABLE" in content.partition(":")[0].upper()
        joining = joining and out[-1].endswith("=")
        if not joining:
            out[-1] += line[len(content):]
    if joining:  # the file ends in the middle of a value
        out[-1] = out[-1][:-1]
    return "".join(out)


#: Android's custom label of a number or address, in brackets among the parameters:
#: ``TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=4F=66=66):+92…``.
_CUSTOM_LABEL = re.compile(r"^([^:\r\n]*?;X-CUSTOM)\([^)\r\n]*\)", re.IGNORECASE | re.MULTILINE)


def _plain_custom_labels(text: str) -> str:
    """The text with Android's bracketed custom labels left out (the parameter stays, bare):
    no vCard parser reads a parameter in brackets, and vobject would refuse the whole file."""
    if "X-CUSTOM(" not in text.upper():
        return text
    return _CUSTOM_LABEL.sub(r"\1", text)


#: A comma in a value not escaped yet (not after a backslash, itself not escaped).
_BARE_COMMA = re.compile(r"(?<!\\)((?:\\\\)*),")
#: A comma in a quoted-printable value, as some writers encode it.
_ENCODED_COMMA = re.compile(r"=2C", re.IGNORECASE)
#: Properties whose value is a list of several, separated by commas in every version.
_COMMA_LISTS = ("CATEGORIES",)
#: Properties whose value is one text (ORG: units of one text each) in every version.
_ONE_TEXT = ("FN", "TITLE", "ROLE", "NOTE", "ORG")


def _escape_bare_commas(text: str) -> str:
    """The text with the bare commas of values that hold one text escaped: every value's in a
    vCard 2.1 card, FN's, TITLE's, ROLE's, NOTE's and ORG's in any. vCard 2.1 (old phones,
    Outlook) gives a comma no meaning and writes it bare (``TITLE:Director, Policy``), as do
    many writers of later versions; vobject reads every card as 3.0, where a bare comma
    separates the values of a list, and would keep only what comes before it, or split a name
    or an organization at it."""
    if "," not in text and "=2C" not in text.upper():
        return text
    out: list[str] = []
    card: list[str] = []
    for line in _LINE.findall(text):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            out += card
            card = []
        card.append(line)
        if upper == "END:VCARD":
            out += _escaped_card(card)
            card = []
    return "".join(out + card)


def _escaped_card(lines: list[str]) -> list[str]:
    old = any(line.strip().upper().replace(" ", "") == "VERSION:2.1" for line in lines)
    out: list[str] = []
    for line in _unfolded(lines):
        name, colon, value = line.partition(":")
        prop = name.partition(";")[0].rpartition(".")[2].strip().upper()  # item1.TEL -> TEL
        if not colon or "," not in value and "=2C" not in value.upper() or (
                prop in _COMMA_LISTS if old else prop not in _ONE_TEXT):
            out.append(line)
            continue
        if old and "QUOTED-PRINTABLE" in name.upper():  # a comma encoded is one too
            value = _ENCODED_COMMA.sub(r"\\,", value)
        out.append(name + colon + _BARE_COMMA.sub(r"\1\\,", value))
    return out


def _unfolded(lines: list[str]) -> list[str]:
    """Content lines with their folded parts joined, as vobject joins them: a fold may fall
    between a backslash and the comma it escapes."""
    out: list[str] = []
    for line in lines:
        if line[:1] in (" ", "\t") and out:
            previous = out[-1]
            out[-1] = previous[:len(previous) - len(_ending(previous))] + line[1:]
        else:
            out.append(line)
    return out


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def _row(card) -> list[str]:
    contents = card.contents
    fields = dict.fromkeys(HEADER, "")
    if "n" in contents:
        n = contents["n"][0].value
        fields.update(prefix=_text(n.prefix), given_name=_text(n.given),
                      middle_name=_text(n.additional), family_name=_text(n.family),
                      suffix=_text(n.suffix))
    fields["full_name"] = _first(contents, "fn")
    if "org" in contents:
        org = contents["org"][0].value
        fields["organization"] = _text(org[0] if isinstance(org, list) and org else org)
    fields["position"] = _first(contents, "title")
    fields["email"] = MULTI_SEPARATOR.join(
        _text(line.value) + (f" ({label})" if (label := _type_label(line)) else "")
        for line in _preferred_first(contents.get("email", ())) if _text(line.value))
    labels = _group_labels(contents)
    fields["phone"] = MULTI_SEPARATOR.join(
        written_phone(_number(_text(line.value)), _tel_label(line, labels))
        for line in _preferred_first(contents.get("tel", ()))
        if _text(line.value) and not _fax(line))
    fields["sector"] = _first(contents, SECTOR_PROPERTY.lower())
    fields["tags"] = MULTI_SEPARATOR.join(
        _text(tag) for line in contents.get("categories", ())
        for tag in (line.value if isinstance(line.value, list) else [line.value])
        if _text(tag) and _text(tag) not in GOOGLE_SYSTEM_GROUPS)
    fields["notes"] = "\n".join(_all(contents, "note"))
    countries = [(line, _text(getattr(line.value, "country", "")))
                 for line in contents.get("adr", ())]
    countries = [(line, country) for line, country in countries if country]
    if countries:  # the organization's: a work address's before a home one's
        fields["country"] = next((country for line, country in countries
                                  if "WORK" in _types(line)), countries[0][1])
    return [fields[column] for column in HEADER]


def _preferred_first(lines) -> list:
    """EMAIL or TEL lines, the preferred one first (the primary), as the card marks it:
    TYPE=pref (3.0), vCard 2.1's bare PREF, or PREF=1 (4.0, the lowest first); the others
    in the card's order."""
    def rank(line) -> int:
        pref = line.params.get("PREF", ())
        if pref:
            return int(pref[0]) if str(pref[0]).strip().isdigit() else 100
        return 0 if "PREF" in _types(line) else 101

    return sorted(lines, key=rank)


def _types(line) -> list[str]:
    return [t for value in (*line.params.get("TYPE", ()), *line.singletonparams)
            for t in value.upper().replace('"', "").split(",")]


#: Apple's way of writing a label of its own list (``_$!<Mobile>!$_``): the label inside.
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")


def _group_labels(contents) -> dict[str, str]:
    """The labels of a card's grouped properties (``item1.X-ABLabel:office``), by group."""
    labels = {}
    for line in contents.get("x-ablabel", ()):
        label = _text(line.value)
        apple = _APPLE_LABEL.fullmatch(label)
        if line.group and label:
            labels[line.group.casefold()] = apple.group(1) if apple else label
    return labels


def _tel_label(line, labels: dict[str, str]) -> str | None:
    """A number's label: its group's X-ABLabel, else what its TYPE says of it, if any."""
    own = labels.get(line.group.casefold()) if line.group else None
    return own or _type_label(line)


#: What a TEL's or an EMAIL's TYPE says that a label says (a work number or address, the
#: usual kind of a contact's, says nothing; VOICE, INTERNET, PREF are no labels).
_TYPE_LABELS = {"CELL": "mobile", "HOME": "home"}


def _type_label(line) -> str | None:
    return next((_TYPE_LABELS[t] for t in _types(line) if t in _TYPE_LABELS), None)


def _fax(line) -> bool:
    """Whether a TEL is a fax machine's (TYPE=FAX; vCard 2.1's bare FAX), not a phone: as a
    list's Fax column is passed over."""
    return "FAX" in _types(line)


#: A TEL given as a URI (vCard 4.0's ``VALUE=uri``, RFC 3966): ``tel:+1-212-555-0100;ext=12``.
_TEL_URI = re.compile(r"tel:([^;]*)((?:;[^;]*)*)", re.IGNORECASE)


def _number(value: str) -> str:
    """A TEL's number: a ``tel:`` URI as the number it holds, its extension after it as a
    list writes one (``ext. 12``), the URI's other parameters left out."""
    uri = _TEL_URI.fullmatch(value)
    if uri is None:
        return value
    params = {k.strip().lower(): v for k, _, v in (p.partition("=") for p in
                                                  uri.group(2).split(";"))}
    extension = params.get("ext", "").strip()
    return uri.group(1).strip() + (f" ext. {extension}" if extension else "")


def _text(value) -> str:
    """A value as one line of text (a part of N or ORG may be a list of several)."""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    return str(value or "").strip()


def _all(contents, key: str) -> list[str]:
    values = (_text(line.value) for line in contents.get(key, ()))
    return [value for value in values if value]


def _first(contents, key: str) -> str:
    found = _all(contents, key)
    return found[0] if found else ""
