"""Campaigns and initiatives, and who funds, leads and implements them.

Read from the phrases that name a partner role: "X funded by A", "Y co-funded by B and C",
"X is a joint initiative by A and B implemented in partnership with C and D".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stakeholders.ingest import cues
from stakeholders.ingest.acronyms import spells
from stakeholders.ingest.organizations import Organizations, is_campaign_name, strip_article
from stakeholders.ingest.records import CampaignRecord, PartnerRecord
from stakeholders.ingest.sentences import masked
from stakeholders.text import fold
from stakeholders.vocab import PartnerRole, Sector

_CUES = re.compile(
    r"\b(?P<co_funder>co-?funded by|co-?financed by)"
    r"|\b(?P<funder>(?:funded|financed|sponsored) by|with (?:the )?(?:generous )?(?:financial )?"
    r"(?:support|funding) (?:of|from))"
    r"|\b(?P<implementing_partner>(?:(?:implemented|delivered|carried out) )?(?:in partnership|"
    r"jointly|in cooperation|in collaboration|together) with)"
    r"|\b(?P<lead_agency>(?:joint )?initiative (?:of|by)|(?:led|spearheaded|implemented|"
    r"coordinated) by)"
    r"|\b(?P<government_counterpart>in (?:close )?(?:cooperation|collaboration|coordination) "
    r"with)"
)
_END_OF_LIST = re.compile(r"\s+(?:were|was|is|are|will|which|who|that|to|in|at|through|under|"
                          r"aims?|on \d)\b|[.;:]\s|[.;:]$|,\s+(?:which|who|and will)\b")
_SUBJECT = re.compile(r"^\s*(?P<subject>.+?)\s+(?:is|are|was|were)\s+(?:a|an|the)\b"
                      r"(?P<rest>.*)")
_CAMPAIGN_WORD = re.compile(r"\b(?:initiative|campaign|project|programme|program)\b")
_GENERIC = re.compile(r"^(?:the |this |that )?(?:project|campaign|initiative|programme|program)$",
                      re.I)
#: Where a campaign's name ends at the latest: its verb ('The Blue Heart Campaign against Human
#: Trafficking was launched … by the Ministry …').
_VERB_AFTER_NAME = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|shall|"
                              r"launched|kicked off)\s")
_LAUNCHED = re.compile(r"\s+(?:was|were|has been|have been|is being|will be)\s+"
                      r"(?:\w+ly\s+)?(?:launched|unveiled|kicked off)\b")
#: '… launched the Orange the World Campaign in Dhaka', '… hosted the launch of the Safe
#: Journeys Initiative', '… joined the Blue Heart Campaign': a campaign named as the object.
_LAUNCHED_OBJECT = re.compile(r"\b(?:launched|unveiled|kicked off|(?:the )?launch of|joined)\s+"
                              r"(?:the\s+)?")
_CAPITALIZED_RUN = re.compile(r"(?:(?<=\s)|^)(?:the\s+|The\s+)?[\"“‘']?[A-Z]")
#: Quotation marks around a campaign's name or a part of it ('the “STOP Smuggling” Campaign').
_QUOTES = re.compile(r"[\"“”‘’]|(?<!\w)'|'(?!\w)")
#: A name in quotation marks before a campaign word in small letters: 'the "Not for Sale"
#: campaign' (the word is not part of the name), or said to be one right after: 'launched
#: "Safe Online", a nationwide campaign'.
_QUOTED_NAME = re.compile(r"[\"“‘'](?P<name>[A-Z][^\"“”‘’']{1,60}?)[\"”’']\s*"
                          r"(?:,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?)?"
                          r"(?:campaign|initiative|project|programme|program)\b")
#: … or after it ('a nationwide awareness campaign "Surakshit Bachpan"', 'a campaign called
#: "Safe Home"'), or a hashtag before it ('launched the #EndChildTrafficking campaign').
_NAMED_AFTER = re.compile(r"\b(?:campaign|initiative|project|programme|program)\s*,?\s+"
                          r"(?:(?:called|named|titled|entitled)\s+)?[\"“‘'](?P<name>[A-Z][^\"“”‘’']"
                          r"{1,60}?)[\"”’']|(?<![\w#])(?P<tag>#[A-Za-z]\w{2,40})\s+"
                          r"(?:campaign|initiative)\b")


def _campaign_starts(text: str) -> Iterator[int]:
    """Where a campaign's name may start in ``text``: each capitalized run that reaches a
    campaign word ('… launched the Blue Heart Campaign' -> at 'Blue')."""
    for m in _CAPITALIZED_RUN.finditer(text):
        words = strip_article(text[m.start():]).split()
        for word in (_QUOTES.sub("", w) for w in words[:8]):
            if word.strip(",") in cues.CAMPAIGN_HEADS:
                yield m.start()
                break
            if not (word[:1].isupper() or word in cues.NAME_CONNECTORS):
                break


def _campaign_start(text: str) -> int | None:
    return next(_campaign_starts(text), None)


def _role_for(stated: PartnerRole, sector: Sector) -> PartnerRole:
    """The role an organization's sector makes of the stated one: a government body working
    'in partnership with' a campaign is its counterpart, a donor among the members of a
    'joint initiative' funds it."""
    if stated in (PartnerRole.IMPLEMENTING_PARTNER, PartnerRole.GOVERNMENT_COUNTERPART):
        return PartnerRole.GOVERNMENT_COUNTERPART if sector is Sector.GOVERNMENT \
            else PartnerRole.IMPLEMENTING_PARTNER
    if stated is PartnerRole.LEAD_AGENCY and sector is Sector.DONOR:
        return PartnerRole.FUNDER
    return stated


class Campaigns:
    def __init__(self, organizations: Organizations) -> None:
        self.organizations = organizations
        self.records: list[CampaignRecord] = []
        self.partners: list[PartnerRecord] = []

    def find(self, ref: str) -> CampaignRecord | None:
        ref = strip_article(ref)
        if _GENERIC.match(ref) and self.records:
            return self.records[0]
        known = next((c for c in self.records if c.refers_to(ref)), None)
        if known or not cues.is_acronym(ref):
            return known
        return self.link_acronym(ref)

    def link_acronym(self, acronym: str) -> CampaignRecord | None:
        """Give the acronym to the campaign whose name it spells ('GLO.ACT' -> 'Global
        Action…'), when that campaign has none yet."""
        for campaign in self.records:
            if acronym in campaign.name.split():  # a word of the name ('STOP Smuggling')
                continue
            if not campaign.acronym and spells(acronym, campaign.name, whole=False):
                campaign.acronym = acronym
                return campaign
        return None

    def add(self, name: str, acronym: str | None = None, *, source: str) -> CampaignRecord:
        name = strip_article(name)
        known = self.find(name) or (self.find(acronym) if acronym else None)
        if known:
            known.acronym = known.acronym or acronym
            return known
        record = CampaignRecord(name=name, acronym=acronym, source=source)
        self.records.append(record)
        return record

    def lead_agency(self, ref: str) -> str | None:
        """The organization leading a campaign, by the campaign's name or acronym."""
        campaign = self.find(ref)
        return next((p.organization for p in self.partners if campaign and
                     p.campaign == campaign.name and p.role == PartnerRole.LEAD_AGENCY), None)

    # -- reading ------------------------------------------------------------------------------

    def read(self, sentence: str) -> None:
        """Record the campaigns and partner roles one sentence states, and a campaign said to
        be launched without any partner ('The Safe Migration Campaign was launched today')."""
        for quoted in (*_QUOTED_NAME.finditer(sentence), *_NAMED_AFTER.finditer(sentence)):
            name = quoted.group("name") or quoted.group("tag")
            if len(name.split()) <= 6:
                self.add(name, source=sentence)
        found = list(_CUES.finditer(masked(sentence)))
        launched = None if found else _LAUNCHED.search(masked(sentence))
        if launched:
            self._subject(sentence[: launched.start()], "", sentence)
        elif not found:
            for m in _LAUNCHED_OBJECT.finditer(masked(sentence)):  # not inside a quotation
                self._launched_object(sentence[m.end():], sentence)
        campaign: CampaignRecord | None = None
        left_start = 0
        for i, cue in enumerate(found):
            left = sentence[left_start: cue.start()]
            quoted = [self.find(q.group("name")) for q in _QUOTED_NAME.finditer(left)]
            campaign = (quoted[-1] if quoted else None) \
                or self._subject(left, cue.group(0), sentence) or campaign
            list_end = found[i + 1].start() if i + 1 < len(found) else len(sentence)
            listed = sentence[cue.end(): list_end]
            next_campaign = _campaign_start(listed) if i + 1 < len(found) else None
            listed = listed[:next_campaign] if next_campaign else listed
            left_start = cue.end() + len(listed)
            end = _END_OF_LIST.search(listed)
            listed = listed[: end.start()] if end else listed
            role = PartnerRole(cue.lastgroup.replace("_", "-"))
            self._add_partners(campaign, listed, role, sentence)

    def _subject(self, left: str, cue: str, sentence: str) -> CampaignRecord | None:
        """The campaign named before a partner phrase: the subject of 'X is a … initiative by'
        (a new campaign if X is not known yet), or the campaign's name itself ('The Global
        Action … funded by')."""
        left = left.strip(" ,-–—")
        subject = _SUBJECT.match(left)
        if subject:
            name = strip_article(subject.group("subject"))
            known = self.find(name)
            said_to_be_one = _CAMPAIGN_WORD.search(subject.group("rest") + " " + cue)
            if known or not said_to_be_one or not name[:1].isupper():
                return known
            return self.add(name, name if cues.is_acronym(name) else None, source=sentence)
        starts = list(_campaign_starts(left))
        if not starts:  # 'The initiative is funded by': the campaign just named
            left = re.sub(r"\s+(?:is|are|was|were|has been|have been|will be)$", "", left)
            return self.find(left) if left else None
        read_to = 0
        for start in starts:  # 'UNDP (…) launched the Safe Roads Campaign (SRC), funded by'
            if start < read_to:  # inside a name already read ('Development Programme')
                continue
            name = _VERB_AFTER_NAME.split(re.split(r"\s*\(|,\s", left[start:])[0])[0]
            name = _QUOTES.sub("", name)
            if is_campaign_name(name):
                return self.add(name, source=sentence)
            read_to = start + len(name)
        return None

    def _launched_object(self, text: str, sentence: str) -> CampaignRecord | None:
        """The campaign a sentence says was launched, named right after the verb: its
        capitalized words and the small words between them, to the last campaign word or the
        capitalized words after it ('Blue Heart Campaign against Human Trafficking')."""
        words: list[str] = []
        tokens = text.split()
        for i, word in enumerate(tokens):
            bare = _QUOTES.sub("", word).rstrip(",;:.")
            if not (bare[:1].isupper() or bare in cues.NAME_CONNECTORS | {"against"}):
                break
            words.append(bare)
            if bare != _QUOTES.sub("", word):
                break
        else:
            i = len(tokens)
        while words and not words[-1][:1].isupper():
            words.pop()
        name = " ".join(words)
        if not words or not _QUOTES.sub("", tokens[0])[:1].isupper() or not is_campaign_name(name):
            return None
        # a campaign defined already whose longer name goes on past a small word ('the Global
        # Action to Prevent … (GLO.ACT)'): that one, not 'Global Action'
        longer = next((c for c in self.records if len(c.name) > len(name)
                       and fold(text).startswith(fold(c.name))), None)
        if longer is not None:
            return longer
        # read word by word as is_campaign_name reads them ("Campaign's" holds "Campaign")
        heads = [j for j, w in enumerate(words) if cues.has_head(w, cues.CAMPAIGN_HEADS)]
        if heads[-1] < len(words) - 1 and len(words) == i \
                and re.match(r"(?:in|to)\s+[A-Z]", " ".join(tokens[i:i + 2])):
            return None  # 'Plan against Trafficking in Persons' or '… in Dhaka': unsure
        return self.add(name, source=sentence)

    def _add_partners(self, campaign: CampaignRecord | None, listed: str, role: PartnerRole,
                      sentence: str) -> None:
        """Record the organizations listed, and their role when the campaign is known."""
        for phrase in self.organizations.split_list(listed):
            org = self.organizations.add_phrase(phrase, source=sentence)
            if org is None or campaign is None:
                continue
            org_role = _role_for(role, Sector(org.sector))
            if not any(p.campaign == campaign.name and fold(p.organization) == fold(org.name)
                       and p.role == org_role for p in self.partners):
                self.partners.append(PartnerRecord(campaign=campaign.name, organization=org.name,
                                                   role=org_role.value, source=sentence))

    def settle(self) -> None:
        """A funder named again among the members of a 'joint initiative' stays a funder: the
        other members lead it."""
        paying = {(p.campaign, p.organization) for p in self.partners
                  if p.role in (PartnerRole.FUNDER, PartnerRole.CO_FUNDER)}
        self.partners = [p for p in self.partners if not (
            p.role == PartnerRole.LEAD_AGENCY and (p.campaign, p.organization) in paying)]
        for p in self.partners:  # an organization first seen by its acronym may have been renamed
            org = self.organizations.find(p.organization)
            p.organization = org.name if org else p.organization
