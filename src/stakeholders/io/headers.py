"""Which column holds which field: the headers of our own export profiles (so every export
reads back in), of Mailchimp, Google and Outlook, and the synonyms hand-made sheets use.

Headers are compared folded (case, accents, punctuation and spacing ignored).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from stakeholders.errors import Invalid, Usage
from stakeholders.io.table import holds_data
from stakeholders.text import SHOWN_CHARACTERS, clean, fold, shortened

#: The fields an import understands. ``prefix`` is "H.E. Ms." split into honorific and title;
#: ``middle_name`` joins the given name; ``suffix`` (Jr., CMG) is kept as a name written in full
#: keeps it (see :func:`stakeholders.services.import_rows.with_suffix`).
IMPORT_FIELDS = ("honorific", "prefix", "given_name", "middle_name", "family_name", "suffix",
                 "full_name", "organization", "position", "sector", "email", "phone",
                 "phone_label", "country", "tags", "notes", "opted_out", "role", "status",
                 "attended", "contact", "name_position")
#: Fields read only with ``--event``: the row's role and status there (``attended``, a yes or
#: no column, gives the status after the event: attended or no-show).
EVENT_FIELDS = ("role", "status", "attended")
#: Fields a person may have several of: every column's value is kept, and a cell may hold
#: several, separated as Google Contacts writes them (``a@x.org ::: b@y.org``).
MULTI_FIELDS = ("email", "phone", "tags")
MULTI_SEPARATOR = " ::: "
#: A column of emails and phones both ("Email/Phone", "Email / Contact"): each cell is read
#: as the email addresses it holds and the phone numbers it holds.
CONTACT_FIELD = "contact"
#: A column of names and positions both ("Name & Designation", "Name/Designation"), as sign-in
#: sheets have: each cell is read as a name and the position written after it, on a line of
#: its own or after a comma or a dash ("Ahmed Raza, Deputy Director").
NAME_POSITION_FIELD = "name_position"

_SYNONYMS = {
    "honorific": ("Honorific",),
    "prefix": ("Title", "Salutation", "Name Prefix", "Prefix", "Courtesy Title",
               # lists kept in French or German, and Outlook's exports in those languages
               "Civilité", "Titre", "Anrede"),
    "given_name": ("First Name", "Given Name", "Forename", "First", "Prénom", "Prénoms",
                   "Vorname"),
    "middle_name": ("Middle Name", "Additional Name"),
    # Outlook's and Google's exports
    "suffix": ("Suffix", "Name Suffix"),
    "family_name": ("Last Name", "Family Name", "Surname", "Last", "Nom", "Nachname",
                    "Nom de famille", "Familienname"),
    "full_name": ("Name", "Full Name", "Participant", "Participant Name", "Display Name",
                  "Contact Name", "Name of Participant", "Participant's Name",
                  "Nom et prénom", "Nom prénom", "Prénom et nom", "Prénom nom", "Nom complet",
                  # as French sheets write it: the plural (a person's several given names),
                  # and "&" for "et"
                  "Nom et prénoms", "Noms et prénoms", "Nom & prénom", "Nom & prénoms",
                  "Noms & prénoms", "Prénoms et nom", "Prénom & nom", "Nom prénoms",
                  "Vor- und Nachname", "Vollständiger Name", "Teilnehmer"),
    "organization": ("Organization", "Organisation", "Company", "Org", "Agency", "Institution",
                     "Organization Name", "Organization 1 - Name", "Ministry/Organization",
                     "Affiliation", "Employer", "Name of Organization",
                     "Name of Organisation", "Ministry", "Name of Department",
                     "Name of Institution", "Société", "Entreprise", "Organisme", "Structure",
                     "Firma", "Unternehmen", "Behörde"),
    "position": ("Position", "Job Title", "Title/Position", "Designation", "Function",
                 "Organization Title", "Organization 1 - Title", "Job", "Fonction", "Poste",
                 "Funktion", "Berufsbezeichnung"),
    "sector": ("Sector", "Category of Organization"),
    "email": ("Email", "E-mail", "Email Address", "E-mail Address", "Mail", "E-mail 1 - Value",
              "Email 1 - Value", "Primary Email", "Work Email", "Email ID", "E-mail ID",
              "Emails", "E-mails", "Email Addresses", "E-mail Addresses", "Mail ID",
              "Mail Address", "Email Add", "Email Addr", "Courriel", "Adresse e-mail",
              "Adresse électronique", "Adresse de messagerie", "E-Mail-Adresse"),
    "phone": ("Phone", "Mobile", "Telephone", "Tel", "Cell", "Mobile Phone", "Business Phone",
              "Phone Number", "Phone 1 - Value", "Mobile Number", "Contact Number", "WhatsApp",
              # sign-in sheets' "No." columns, and their abbreviations
              "Contact No", "Phone No", "Mobile No", "Cell No", "Tel No", "Telephone No",
              "Cell Number", "Telephone Number", "WhatsApp No", "WhatsApp Number",
              "Mob", "Mob No", "Mob Number", "Ph", "Ph No", "Ph Number", "Landline",
              "Landline No", "Landline Number", "Cell Phone No", "Mobile Phone No",
              "Mobile Phone Number", "Contact Phone", "Phones", "Telephones", "Phone Numbers",
              "Mobile Numbers", "Contact Numbers", "Contact Nos", "Phone Nos", "Mobile Nos",
              "Cell Nos",
              # Eventbrite's attendee export
              "Work Phone", "Cell Phone",
              "Portable", "Téléphone portable", "Téléphone mobile", "Téléphone bureau",
              "Tél. bureau", "Tél. mobile", "Telefon", "Mobiltelefon", "Handy",
              # French sign-in sheets' "N°" columns
              "N° de téléphone", "N° téléphone", "N° de tél", "N° tél", "Numéro de téléphone",
              "N° de portable", "N° portable", "Contact téléphonique",
              "Telefon geschäftlich",
              # Outlook's second home number (its second business one is our export's)
              "Home Phone 2"),
    # what kind of number the first phone is (Google's "Mobile", "Work"), as a remark after
    # it in a cell says ("+92 300 1234567 (mobile)")
    "phone_label": ("Phone 1 - Label", "Phone 1 - Type", "Phone Label", "Phone Type"),
    "contact": ("Email/Phone", "Phone/Email", "Email or Phone", "Email & Phone"),
    # not Nationality: a person's ("Pakistani"), where Country is the organization's
    "country": ("Country", "Country/Region", "Business Country/Region",
                "Address 1 - Country", "Pays", "Land"),
    "tags": ("Tags", "Labels", "Categories", "Group Membership", "Groups", "Catégories",
             "Kategorien"),
    "notes": ("Notes", "Note", "Comments", "Remarks", "Remarques", "Commentaires",
              "Bemerkungen", "Notizen"),
    # Mailchimp's export of unsubscribed members dates each one in UNSUB_TIME
    "opted_out": ("Opted Out", "Email Opt Out", "Do Not Email", "Unsubscribed", "UNSUB_TIME",
                  "Unsubscribed At", "Unsubscribe Date", "Opted Out On", "Opt Out Date",
                  "Opt-out", "Désabonné", "Désinscrit", "Date de désabonnement", "Abgemeldet",
                  "Abmeldung", "Abgemeldet am", "Abmeldedatum"),
    "role": ("Role", "Participation", "Role at Event"),
    # Eventbrite's Attendee Status, a registration form's question
    "status": ("Status", "RSVP", "RSVP Status", "Response", "Attendance Status",
               "Attendee Status", "Will you attend", "Will you attend?", "Attending?"),
    "attended": ("Attendance", "Attended", "Attended?", "Present", "Present?", "Checked In",
                 "Check In", "Checked In?"),
}


def header_key(header: str) -> str:
    """'E-mail 1 - Value' and 'e_mail 1 value' compare equal."""
    return re.sub(r"[\s_\-./:]+", " ", fold(header).lstrip("\ufeff")).strip()


#: A Department column, where no column names the organization: a government sign-in sheet's
#: ("Punjab Police", "Home Department"). Beside one (Outlook's Company and Department) it is
#: a unit of the organization, and passed over.
_DEPARTMENT = {header_key(h): "organization" for h in ("Department", "Dept", "Deptt",
                                                         "Department Name")}


#: Columns only an address book's export has: Google Contacts' (File As, the label of a
#: first email or phone, Group Membership) and Outlook's (its emails' type and display name).
_ADDRESS_BOOK = frozenset(header_key(h) for h in (
    "File As", "E-mail 1 - Label", "E-mail 1 - Type", "Phone 1 - Label", "Phone 1 - Type",
    "Group Membership", "E-mail Type", "E-mail Display Name"))
#: The fields that name a person: a row of an address book without any of them, but with an
#: organization, is a company's entry.
_NAMING = ("full_name", "given_name", "middle_name", "family_name", NAME_POSITION_FIELD)


def address_book(header: Sequence[str]) -> bool:
    """Whether the header is an address book's export (Google's, Outlook's), whose rows are
    contacts, a company's among them; a sheet's rows are people, each of whom has a name."""
    return any(header_key(h) in _ADDRESS_BOOK for h in header)


def company_entry(values: Mapping[str, str]) -> bool:
    """Whether an address book's row is a company's: an organization, and no name, or only
    the organization's own as its name (Google's older export writes it in Name)."""
    org = values.get("organization")
    if not org:
        return False
    named = [f for f in _NAMING if values.get(f)]
    return not named or (named == ["full_name"]
                         and fold(values["full_name"]).strip() == fold(org).strip())


#: The headers of a sign-in sheet's signature column (French sheets' Émargement).
_SIGNATURE_HEADERS = ("Signature", "Signatures", "Sign", "Signed", "Émargement", "Émargements")
_SIGNATURE = frozenset(header_key(h) for h in _SIGNATURE_HEADERS)
#: Columns of the sign-in sheet `report sheet` prints that hold nothing to import (read
#: back signed), and the row numbers hand-made sheets start with: passed over without a word.
_SHEET_ONLY = ("No", "N°", *_SIGNATURE_HEADERS, "Sr No", "S No", "Sl No", "Serial No",
               "Serial Number", "Sr", "S/N", "#")


def signature_column(header: Sequence[str]) -> int | None:
    """The column of a sign-in sheet where people signed, if it has one."""
    return next((i for i, h in enumerate(header) if header_key(h) in _SIGNATURE), None)


@lru_cache(maxsize=1)  # asked for each line a header may be on, then for the header
def _known() -> dict[str, str]:
    """Every header the importer knows by itself, as its key, and the field it fills."""
    from stakeholders.io.profiles import CSV_PROFILES, read_back_as

    known = {header_key(h): field for field, hs in _SYNONYMS.items() for h in hs}
    known.update((header_key(h), "ignore") for h in _SHEET_ONLY)
    for profile in CSV_PROFILES:  # our exports: the round trip (further emails are emails)
        for header, field in profile.columns:
            known.setdefault(header_key(header), read_back_as(field))
    return known


#: The fields a header must name one of: who each row is.
_WHO = frozenset({"full_name", "given_name", "family_name", "email", CONTACT_FIELD,
                  NAME_POSITION_FIELD})


def parse_maps(maps: Sequence[str]) -> dict[str, str]:
    """``--map HEADER=FIELD`` options as {header key: field}; one header given two fields is
    a usage error."""
    result = {}
    for item in maps:
        header, sep, field = item.partition("=")
        field = field.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not header.strip() or field not in IMPORT_FIELDS + ("ignore",):
            raise Invalid(f"--map {item!r}: use HEADER=FIELD with FIELD one of: "
                          + ", ".join(IMPORT_FIELDS + ("ignore",)))
        key = header_key(header)
        if result.get(key, field) != field:  # the last one would win without a word
            raise Usage(f"--map gives the column {header.strip()!r} two fields, "
                        f"{result[key]} and {field}; give one")
        result[key] = field
    return result


def recognise(headers: Sequence[str], maps: Mapping[str, str]) -> tuple[list[str | None], list[str]]:
    """The field of each column (None: ignored) and the headers nobody knew."""
    present = {header_key(h) for h in headers}
    missing = [key for key in maps if key not in present]
    if missing:
        raise Invalid(f"--map names a column the file does not have ({', '.join(missing)}); "
                      + _columns_of(headers, "its columns: {}"))
    fields = [field_of(header, maps) for header in headers]
    for label, _, _ in label_columns(headers, maps):  # read beside its values: with_labels
        fields[label] = "ignore"
    if "organization" not in fields:  # a government sheet's "Department": the organization
        fields = [_DEPARTMENT.get(_bare(header)) if field is None else field
                  for header, field in zip(headers, fields)]
    unknown = [header for header, field in zip(headers, fields)
               if field is None and header_key(header)]
    fields = [None if field == "ignore" else field for field in fields]
    if not _WHO & set(fields):
        raise Invalid("no name or email column recognised in the header"
                      + _columns_of(headers, " ({}); use --map HEADER=FIELD"))
    return fields, unknown


def _columns_of(headers: Sequence[str], listed: str) -> str:
    """The header's cells, as ``listed`` formats them, to see what --map could name; unless
    the line read as the header is a row of people's data (the file has no header line): it
    holds an email address or a phone number, which an error message does not print. Each
    cell is cut as an error cuts a value, and one too long for a header is only measured: a
    file read in the wrong encoding (``--encoding utf-16`` for a UTF-8 file) is one line of
    one cell, all of the file."""
    if holds_data(headers):
        return (": the file seems to have no header line (the first lines hold email addresses "
                "or phone numbers, not column names); add one above the rows, such as "
                "Name, Organization, Email, Phone")
    cells = [shortened(h, SHOWN_CHARACTERS) if len(h) <= _HEADER_CELL
             else f"a cell of {len(h):,} characters" for h in headers if h]
    if len(cells) > _LISTED_CELLS:
        cells = cells[:_LISTED_CELLS] + ["…"]
    return listed.format(", ".join(cells) or "none")


#: The longest header cell an error quotes (cut): a longer one is a file read in the wrong
#: encoding, or a paragraph, and only its length is given.
_HEADER_CELL = 100
#: How many of a header's cells an error lists: a header has a few dozen at most, and a line
#: of hundreds is no header.
_LISTED_CELLS = 40


def names_someone(row: Sequence[str], maps: Mapping[str, str]) -> bool:
    """Whether ``row`` reads as a header with a name or email column (``maps`` as
    :func:`recognise` takes them): what tells the header from a title line above it."""
    return any(field_of(cell, maps) in _WHO for cell in row)


#: A remark in brackets after a header: "Email (optional)", "Name (in block letters)".
_REMARK = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
#: What joins two headers written as one: "Organization / Department", "Name & Title".
_JOINED = re.compile(r"\s*(?:/|&|\+|,|\bor\b|\band\b)\s*", re.IGNORECASE)
#: Words that say whose or which email or phone a column holds ("Official E-mail", "Off.
#: Tel", "Personal Cell No."): the column is the email or phone column all the same.
_QUALIFIERS = re.compile(r"\b(?:official|personal|office|off|work|business|primary|private|"
                         r"res|residence|home|alternate|alt|other|secondary|direct)\b")
#: "Contact" beside Email in one header ("Email / Contact"): the phone. Alone it may be the
#: contact person's name, and is not read.
_CONTACT = frozenset({"contact", "contacts", "contact details", "contact info"})
#: The fields of two headers joined that make a column of emails and phones both.
_EMAIL_AND_PHONE = frozenset({"email", "phone"})
#: The fields of two headers joined that make a column of names and positions both ("Name &
#: Designation"; "Name & Title", a Title column holding job titles as often as courtesy ones).
_NAME_AND_POSITION = (frozenset({"full_name", "position"}), frozenset({"full_name", "prefix"}))


def field_of(header: str, maps: Mapping[str, str]) -> str | None:
    """The field a header names (``ignore`` for columns passed over), or None. A header not
    known as written is read as sheets write them: a remark in brackets dropped, "#" for
    "No" ("Cell #"), a word saying whose email or phone it is dropped ("Official E-mail"),
    and two headers joined ("Organization / Department") taken as the one field they name
    when only one of them is known; an email and a phone header joined ("E-mail / Cell No.",
    "Email / Contact") are a column of both (:data:`CONTACT_FIELD`), a name and a position
    header joined ("Name & Designation") one of names and positions
    (:data:`NAME_POSITION_FIELD`)."""
    key = header_key(header)
    if not key:
        return None
    known = _known()
    field = maps.get(key) or known.get(key) or _numbered(key)
    if field is not None:
        return field
    bare = _bare(header)
    field = known.get(bare) or _qualified(bare, known)
    if field is not None:
        return field
    parts = [_bare(part) for part in _JOINED.split(header)]
    named = {known.get(part) or _qualified(part, known) for part in parts} - {None, "ignore"}
    if "email" in named and any(part in _CONTACT for part in parts):
        named.add("phone")
    if named == _EMAIL_AND_PHONE:
        return CONTACT_FIELD
    if named in _NAME_AND_POSITION:
        return NAME_POSITION_FIELD
    return named.pop() if len(named) == 1 else None


#: Google Contacts' columns of a contact's nth email or phone, as many as the contact with the
#: most has: "E-mail 3 - Value", "Phone 4 - Value" (Outlook's: "E-mail 3 Address").
_NUMBERED = re.compile(r"(?:(e ?mail) \d+ (?:value|address)|(phone) \d+ value)")


#: An address book's label of its nth email or phone, beside that value's column: Google's
#: "E-mail 2 - Type" (or "- Label") beside "E-mail 2 - Value", "Phone 3 - Type" beside
#: "Phone 3 - Value".
_NUMBERED_LABEL = re.compile(r"(e ?mail|phone) (\d+) (?:type|label)")


def label_columns(headers: Sequence[str], maps: Mapping[str, str]
                  ) -> list[tuple[int, int, bool]]:
    """(label column, value column, whether of phones) of each numbered email or phone label
    whose value column the file has, unless ``--map`` names the label column."""
    keys = [header_key(h) for h in headers]
    pairs = []
    for i, key in enumerate(keys):
        m = _NUMBERED_LABEL.fullmatch(key)
        if m and key not in maps:
            value = f"{m.group(1)} {m.group(2)} value"
            if value in keys:
                pairs.append((i, keys.index(value), m.group(1) == "phone"))
    return pairs


_LETTER = re.compile(r"[^\W\d_]")


def labels_of(cell: str) -> list[str]:
    """An address book's label cell as its labels, in order ("* Mobile ::: Work" ->
    ["Mobile", "Work"]: Google stars the primary one)."""
    return [clean(label.strip().lstrip("*")) for label in cell.split(MULTI_SEPARATOR.strip())]


def with_labels(cells: list[str], pairs: Sequence[tuple[int, int, bool]],
                kinds: Sequence[tuple[int, str]] = ()) -> list[str]:
    """The row with each label written after its values as a remark ("+923001234567 (Mobile)",
    "ali@fia.gov.pk (Work)"), as a list writes one: one label for all the values of a cell, or
    one each ("Mobile ::: Work"); Google's star before the primary one is dropped. A value
    that carries a remark already keeps it alone ("+92 300 1112223 (WhatsApp)"). ``kinds``:
    the label a phone column's header gives its numbers (:func:`phone_kinds`)."""
    cells = list(cells)
    for i, j, phones in pairs:
        if max(i, j) < len(cells) and cells[i].strip():
            cells[j] = _labelled(cells[j], labels_of(cells[i]), phones)
    for j, kind in kinds:
        if j < len(cells):
            cells[j] = _labelled(cells[j], [kind], True)
    return cells


def _labelled(cell: str, labels: list[str], phones: bool) -> str:
    if not cell.strip():
        return cell
    values = [value.strip() for value in cell.split(":::")]
    if len(labels) == 1:
        labels = labels * len(values)
    return MULTI_SEPARATOR.join(
        f"{value} ({label})" if label and value and not set("()@") & set(label)
        and not value.endswith(")") and not (phones and _LETTER.search(value)) else value
        for value, label in zip(values, labels + [""] * len(values)))


#: The kind of number an address book's phone column holds: Outlook's Mobile Phone and Home
#: Phone (the labels a vCard's CELL and HOME are read as). A sheet's "Mobile No." column is
#: read as it is written, without a label: many hold any number.
_PHONE_KINDS = {"mobile phone": "mobile", "home phone": "home", "home phone 2": "home"}


def phone_kinds(headers: Sequence[str], fields: Sequence[str | None]
                ) -> list[tuple[int, str]]:
    """(column, label) of each phone column whose header says what kind of number it holds,
    for :func:`with_labels`: Outlook's Mobile Phone is read back as a mobile."""
    return [(j, _PHONE_KINDS[header_key(header)]) for j, (header, field)
            in enumerate(zip(headers, fields))
            if field == "phone" and header_key(header) in _PHONE_KINDS]


def _numbered(key: str) -> str | None:
    m = _NUMBERED.fullmatch(key)
    return None if m is None else "email" if m.group(1) else "phone"


def _bare(header: str) -> str:
    """A header's key without a remark in brackets, "#" read as "No" ("Cell #")."""
    bare = header_key(_REMARK.sub(" ", header))
    if bare.endswith("#"):
        bare = bare[:-1].rstrip() + " no" if bare[:-1].strip() else "#"
    return bare


def _qualified(key: str, known: Mapping[str, str]) -> str | None:
    """The email or phone field a key names once the words saying whose are dropped."""
    field = known.get(" ".join(_QUALIFIERS.sub(" ", key).split()))
    return field if field in _EMAIL_AND_PHONE else None


def second_columns(headers: Sequence[str], fields: Sequence[str | None]) -> list[str]:
    """Columns of a field that holds one value, after another column of that field: each is
    read only where the earlier ones are empty (as "Company (after Organization)")."""
    first: dict[str, str] = {}
    later = []
    for header, field in zip(headers, fields):
        if field is None or field in MULTI_FIELDS or field in (CONTACT_FIELD,
                                                                NAME_POSITION_FIELD):
            continue
        if field in first:
            later.append(f"{header} (after {first[field]})")
        else:
            first[field] = header
    return later
