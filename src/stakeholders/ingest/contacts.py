"""The contact block at the end of a release ("For more information, please contact: Ms. A,
Programme Officer / Email: … / Twitter: @…", "For media enquiries", "Notes to editors"): the
addresses and social handles it lists, line by line."""

from __future__ import annotations

import re

from stakeholders.ingest.campaigns import Campaigns
from stakeholders.ingest.organizations import Organizations
from stakeholders.ingest.records import ContactRecord, PersonRecord
from stakeholders.text import fold
from stakeholders.validate import EXTENSION_WORD

#: What may follow the heading before the first contact: ', please contact:'.
HEADING_REST = re.compile(r"^[\s,:;-]*(?:(?:please\s+)?contact(?:\s+us)?\b)?[\s,:;-]*", re.I)
CONTACT_BLOCK = re.compile(r"^(?:for (?:more|further|additional) information|"
                           r"(?:for )?(?:media|press) (?:enquiries|inquiries|queries|contacts?)|"
                           r"for (?:enquiries|inquiries|queries)\b|"
                           r"contacts?\b|notes? (?:to|for) editors)", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}\b")
#: '+92 51 260 1461', '+1 (212) 963-1234', '(+351) 21 123 4567', '0300-1234567'
PHONE = re.compile(r"(?<![\w.+/-])(?:\(\+\d{1,4}\)|\+\d{1,4})?[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?"
                   r"\d[\d\s./-]{4,}\d(?![\w/])")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
#: Digits a phone number has at least and at most (E.164: up to 15).
_PHONE_DIGITS = range(7, 16)


class Contacts:
    def __init__(self, organizations: Organizations, campaigns: Campaigns) -> None:
        self.organizations = organizations
        self.campaigns = campaigns
        self.records: list[ContactRecord] = []

    def read(self, line: str, person: PersonRecord | None) -> None:
        """Addresses and handles on one line, given to the person of the contact block the line
        belongs to (an address) or to the campaign the handle spells ('@glo_act')."""
        for email in EMAIL.findall(line):
            if person and person.organization is None:
                org = self.organizations.by_email_domain(email)
                person.organization = org.name if org else None
            self.records.append(ContactRecord(person=person.ref if person else None, email=email,
                                              source=line, confidence=0.9 if person else 0.6))
        for phone in phones(line):
            self.records.append(ContactRecord(person=person.ref if person else None,
                                              phone=phone, source=line,
                                              confidence=0.9 if person else 0.6))
        for handle in HANDLE.findall(EMAIL.sub(" ", line)):
            campaign = self._campaign_of(handle)
            self.records.append(ContactRecord(handle=handle, campaign=campaign, source=line,
                                              confidence=0.8))

    def _campaign_of(self, handle: str) -> str | None:
        key = re.sub(r"[^a-z0-9]", "", fold(handle))
        return next((c.name for c in self.campaigns.records
                     if key in {re.sub(r"[^a-z0-9]", "", fold(ref))
                                for ref in (c.name, c.acronym) if ref}), None)


#: A remark written right after a number, kept with it as its label: an extension
#: ('ext. 12') or words in brackets ('(WhatsApp)').
_REMARK = re.compile(rf"\s*,?\s*(?:{EXTENSION_WORD}\s*\d+|\((?=[^)]*[^\W\d_])[^()]{{1,40}}\))",
                     re.I)


def phones(line: str) -> list[str]:
    """The phone numbers on a line of the contact block, as written ('(+351)' as '+351'), each
    with the remark after it ('ext. 12'), leaving out addresses, web addresses and runs of
    digits too short or long for one."""
    text = _URL.sub(" ", EMAIL.sub(" ", line))
    found = []
    for m in PHONE.finditer(text):
        number = re.sub(r"^\(\+(\d+)\)", r"+\1", m.group(0).strip(" .-"))
        if len(re.sub(r"\D", "", number)) not in _PHONE_DIGITS:
            continue
        remark = _REMARK.match(text, m.end())
        found.append(f"{number} {remark.group(0).strip(' ,')}" if remark else number)
    return found
