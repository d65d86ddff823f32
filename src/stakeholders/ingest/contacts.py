"""The contact block at the end of a release ("For more information, please contact: Ms. A,
Programme Officer / Email: … / Twitter: @…", "For media enquiries", "Notes to editors"): the
addresses and social handles it lists, line by line."""

from __future__ import annotations

import re

from stakeholders.ingest.campaigns import Campaigns
from stakeholders.ingest.organizations import Organizations
from stakeholders.ingest.records import ContactRecord, PersonRecord
from stakeholders.text import fold

CONTACT_BLOCK = re.compile(r"^(?:for (?:more|further|additional) information|"
                           r"(?:for )?(?:media|press) (?:enquiries|inquiries|queries|contacts?)|"
                           r"contacts?\b|notes? (?:to|for) editors)", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}\b")


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
        for handle in HANDLE.findall(EMAIL.sub(" ", line)):
            campaign = self._campaign_of(handle)
            self.records.append(ContactRecord(handle=handle, campaign=campaign, source=line,
                                              confidence=0.8))

    def _campaign_of(self, handle: str) -> str | None:
        key = re.sub(r"[^a-z0-9]", "", fold(handle))
        return next((c.name for c in self.campaigns.records
                     if key in {re.sub(r"[^a-z0-9]", "", fold(ref))
                                for ref in (c.name, c.acronym) if ref}), None)
