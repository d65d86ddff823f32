"""The small vocabularies the rules lean on: words that mark organizations, posts, campaigns,
sectors and speech. Kept in one place so they can be extended without touching the rules."""

from __future__ import annotations

import re

from stakeholders.vocab import Sector

#: Words that make a capitalized phrase an organization's name.
ORGANIZATION_HEADS = frozenset("""
    Union Nations Office Organization Organisation Fund Government Department Ministry Agency
    Embassy Commission Police University Court Council Authority Foundation Institute Bank
    Programme Centre Center Society Association Network Trust Federation Service Services Force
    Bureau Corporation Company Group Committee Cross Crescent Mission Delegation Secretariat
    Directorate Division Unit Academy College School Parliament Assembly Senate Television Radio
    News Times Tribune Post Consulate Interpol Children Coalition Alliance Board Prosecution
    Judiciary Secretary-General Forum Platform Observatory
""".split())

#: Heads that, alone after 'the', name again an organization named in full before ('Senior
#: Secretary of the Ministry', 'staff of the Embassy').
HEADS_NAMED_AGAIN = frozenset("""
    Ministry Department Embassy Commission Agency Authority Directorate Division Bureau
    Secretariat Delegation Consulate Foundation University Council
""".split())

#: Last words that make a capitalized phrase an organization's name ("Plan International",
#: "Amnesty International"), though inside a name they need not ("International Day…").
ORGANIZATION_TAILS = frozenset("International Internationalis Worldwide Initiative".split())

#: Organizations whose names hold no word that marks one, nor are an acronym ("UN Women").
NAMED_ORGANIZATIONS = ("UN Women", "UN Habitat", "UN Environment", "UN Volunteers",
                       "UN Global Compact", "World Vision", "Oxfam", "ActionAid",
                       "Terre des Hommes", "Human Rights Watch", "Médecins Sans Frontières",
                       "Caritas")

#: Acronyms used alone for an organization whose full name a release seldom writes out ("UN
#: Resident Coordinator").
SPELLED_OUT = {"UN": "United Nations"}

#: Words that make a capitalized phrase a campaign or initiative rather than an organization.
CAMPAIGN_HEADS = frozenset("""
    Campaign Initiative Action Project Programme Program Partnership Plan Strategy Week Day
    Challenge Drive Movement Fellowship
""".split())

#: Nouns of office: a phrase holding one of them is a position ("Project Coordinator").
POST_NOUNS = frozenset("""
    Ambassador Commissioner Minister Secretary Director Director-General Representative
    Coordinator Officer Head Chief President Vice-President Chair Chairman Chairperson Chairwoman
    Governor Consul Counsellor Counselor Attaché Spokesperson Spokesman Spokeswoman Adviser
    Advisor Manager Specialist Expert Inspector Judge Prosecutor Professor Dean Rector Editor
    Journalist Founder CEO Mayor Senator Envoy Analyst Consultant Lecturer Researcher Commander
    Superintendent Attorney Registrar Delegate Chargé Ombudsperson Rapporteur Principal Trustee
    Correspondent Lead Deputy Administrator Controller Undersecretary Under-Secretary
    Chancellor Vice-Chancellor Pro-Vice-Chancellor Provost Convener Convenor Commandant Member
    Assistant Associate Intern Producer Reporter
""".split())

#: Branches of a police force written after a police rank: 'SSP Operations', 'DIG Traffic'
#: are posts, not a rank before a name.
POLICE_BRANCHES = frozenset("""
    Operations Investigation Investigations Traffic Security Establishment Headquarters Admin
    Administration Legal Training Logistics Finance Welfare Special Crime Crimes Counter
    Highway Highways Motorway City Rural Cantt Saddar Range Region Zone Division District
""".split())

#: Surname particles kept lower-case inside a name ("Antonino de Leo").
NAME_PARTICLES = frozenset("de da do dos das del della degli dei delle di du van von der den la "
                           "las le los bin binti bint ibn al el ben ter zu a/p a/l s/o d/o".split())

#: Lower-case words allowed inside an organization's name ("Rádio e Televisão de Portugal",
#: "Ain o Salish Kendra": Bengali's "and").
NAME_CONNECTORS = frozenset("of on for and the de du des la le da do dos das del di e y et o 's ’s"
                            .split())
#: … and inside a campaign's ("Global Action to Prevent … Trafficking in Persons").
TITLE_CONNECTORS = NAME_CONNECTORS | {"to", "in", "against"}

SPEECH_VERBS = (
    r"said|says|stated|states|highlighted|explained|noted|underscored|underlined|reiterated|"
    r"added|emphasi[sz]ed|stressed|remarked|pointed out|observed|affirmed|reaffirmed|declared|"
    r"announced|commented|acknowledged|urged|recalled|asserted|mentioned|concluded|shared|"
    r"warned|cautioned|assured|reminded|agreed|echoed|responded|replied|"
    r"went on to say|[Aa]ccording to|continued|insisted|maintained|argued|told|expressed|"
    r"welcomed|thanked|"
    r"opened the|closed the|spoke|read out|read(?= by\b)|conveyed|"
    r"(?:gave|proposed|moved|delivered|offered) (?:a|the) vote of thanks|"
    # 'The vote of thanks was given by Rev. A', 'concluded with a vote of thanks by Dr. B'
    r"(?:[Aa]|[Tt]he) vote of thanks(?: was)?"
    r"(?: given| proposed| moved| delivered| offered)?(?= by\b)|"
    r"delivered (?:the |a |an |his |her |their )?(?:opening |closing |welcome |keynote |"
    r"inaugural |concluding |special )?(?:remarks|speech|address|statement|message|keynote)|"
    r"addressed the (?:participants|audience|gathering|launch|event|ceremony|meeting)"
)
PRESENTATION_VERBS = (
    r"delivered (?:a )?presentations?|gave (?:a )?presentations?|made (?:a )?presentations?|"
    r"presented"
)
MODERATION_VERBS = r"moderated|chaired|facilitated|presided over"

#: Reporting verbs whose object is what was said ("said the campaign will…"), not a topic.
CLAUSE_VERBS = frozenset("said says stated added noted explained remarked observed told "
                         "continued".split())

SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
PRESENTATION = re.compile(rf"\b(?:{PRESENTATION_VERBS})\b")
MODERATION = re.compile(rf"\b(?:{MODERATION_VERBS})\b")
ATTENDANCE = re.compile(r"\b(?:attended|also present|were present|was present|in attendance|"
                        r"participated|took part|among the (?:guests|participants)|graced|"
                        r"witnessed|"
                        r"(?:chief|special) guest|guests? of hono(?:u)?r|"
                        r"(?:those|others|guests)\s+present|present\s+(?:were|included))\b",
                        re.I)

#: Signing at the event: a signatory was there ('signed by H.E. Mr. A and Ms. B'), unless the
#: clause gives the signing a year, whichever it is ('the MoU signed in 2015'), or says it was
#: earlier ('signed last year').
SIGNING = re.compile(r"\b(?:signed|co-signed|countersigned)\b(?![^,;]*\bin\s+(?:19|20)\d\d\b)"
                     r"(?![^,;]*\b(?:last|previous|earlier)\s+(?:year|month|week)\b)")

# (sector, cue) in priority order: the first cue found in an organization's name decides.
ORGANIZATION_SECTORS: tuple[tuple[Sector, re.Pattern[str]], ...] = tuple(
    (sector, re.compile(pattern)) for sector, pattern in (
        (Sector.DIPLOMATIC_MISSION, r"\b(?:Embassy|High Commission|Consulate|Permanent Mission|"
                                    r"Delegation of the European Union)\b"),
        (Sector.UN_AGENCY, r"\b(?:United Nations|UN[A-Z]{2,}|UN Women|International "
                           r"Organi[sz]ation for Migration|IOM|World Health Organi[sz]ation|"
                           r"WHO|ILO|International Labour Organi[sz]ation|World Food Programme|"
                           r"WFP)\b"),
        (Sector.DONOR, r"\b(?:European Union|European Commission|EU|USAID|Agency for "
                       r"International Development|GIZ|DFID|FCDO|Norad|Sida|JICA|KOICA)\b"),
        (Sector.POLICE, r"\b(?:Police|Investigation Agency|Criminal Investigations?|Gendarmerie|"
                        r"Borders? (?:Guard|Service|Police|Force)|Interpol|INTERPOL|"
                        r"Law Enforcement|Anti-Narcotics Force|Coast Guard|"
                        r"(?:Security|Protection) Force)\b"),
        (Sector.JUDICIARY, r"\b(?:Court|Judiciary|Judicial|Prosecution|Prosecutor|"
                           r"Attorney General|Bar (?:Association|Council))\b"),
        (Sector.CIVIL_SOCIETY, r"\b(?:Trades?\s+Unions?|Union\s+Congress|Workers'?\s+"
                               r"(?:Union|Federation|Confederation))\b"),
        (Sector.PRIVATE_SECTOR, r"\b(?:Employers'?\s+(?:Federation|Association|Confederation|"
                                r"Council|Organi[sz]ation)|Chambers?\s+of\s+Commerce)\b"),
        (Sector.GOVERNMENT, r"\b(?:Government|Ministry|Department|Minister|Parliament(?:ary)?|"
                            r"Senate|National Assembly|Authority|Municipal|Provincial|Federal|"
                            r"Secretariat|Directorate|Commission)\b"),
        (Sector.ACADEMIA, r"\b(?:University|College|Academy|School|Institute of)\b"),
        (Sector.MEDIA, r"\b(?:News|Televis\w*|TV|Radio|Rádio|Times|Media|Press|Broadcasting|"
                       r"Gazette|Tribune|Herald|Journal)\b"),
        (Sector.NGO, r"\b(?:Foundation|NGO|Trust|Association|Network|Alliance|Save the Children|"
                     r"Red Cross|Red Crescent|Society|Coalition|Federation|Internationalis|"
                     r"World Vision|Oxfam|ActionAid|Terre des Hommes|Human Rights Watch|"
                     r"Médecins Sans Frontières|Caritas)\b"
                     r"|\w \bInternational\s*$"),
        (Sector.PRIVATE_SECTOR, r"\b(?:Ltd|Limited|Inc|Company|Corporation|plc|PLC|Bank|Group|"
                                r"Chamber of Commerce)\b"),
    )
)

# (sector, cue) for groups said to be present ("the diplomatic community", "media").
GROUP_SECTORS: tuple[tuple[Sector, re.Pattern[str]], ...] = tuple(
    (sector, re.compile(pattern, re.I)) for sector, pattern in (
        (Sector.CIVIL_SOCIETY, r"\b(?:civil society|trade unions?|workers'? (?:unions|"
                               r"organi[sz]ations)|community (?:leaders|groups))\b"),
        (Sector.NGO, r"\b(?:NGOs?|non-governmental)\b"),
        (Sector.POLICE, r"\b(?:police|law enforcement)\b"),
        (Sector.JUDICIARY, r"\b(?:judiciary|judges|prosecutors|judicial)\b"),
        (Sector.DIPLOMATIC_MISSION, r"\bdiplomat"),
        (Sector.UN_AGENCY, r"\b(?:United Nations|UN) (?:agencies|family|system)\b"),
        (Sector.DONOR, r"\b(?:donors?|development partners)\b"),
        (Sector.ACADEMIA, r"\b(?:academia|academics?|universit|scholars|researchers|"
                            r"students|faculty|professors)"),
        (Sector.MEDIA, r"\b(?:media|journalists|press)\b"),
        (Sector.PRIVATE_SECTOR, r"\b(?:private sector|business|employers|recruitment "
                                r"agencies|companies|chambers? of commerce)"),
        (Sector.GOVERNMENT, r"\b(?:government|ministr|officials|line departments)"),
    )
)


def first_sector(text: str, table: tuple[tuple[Sector, re.Pattern[str]], ...]) -> Sector | None:
    return next((sector for sector, cue in table if cue.search(text)), None)


def organization_sector(name: str, acronym: str | None = None) -> Sector:
    """The sector an organization's name suggests ("Federal Investigation Agency" -> police)."""
    return first_sector(f"{name} {acronym or ''}", ORGANIZATION_SECTORS) or Sector.OTHER


def has_post_noun(phrase: str) -> bool:
    """Whether the phrase names a post ('Project Coordinator', 'a senior journalist')."""
    words = [w[:1].upper() + w[1:] for w in re.findall(r"[\w'’-]+", phrase)]
    return any(w in POST_NOUNS or w.rstrip("s") in POST_NOUNS
               or w.rpartition("-")[2] in POST_NOUNS for w in words)  # 'Vice-Chairman'


def names_organization(phrase: str) -> bool:
    """Whether a capitalized phrase has what makes it an organization's name: a head word
    anywhere ("Ministry of Interior") or a tail word last ("Plan International", or before a
    country: "Plan International Bangladesh"); an acronym or a known name before a country
    is an office in that country too ("HAART Kenya", "World Vision Bangladesh")."""
    if office_in_country(phrase):
        return True
    words = re.findall(r"[\w-]+", phrase)
    if len(words) > 2 and words[-2] in ORGANIZATION_TAILS and _is_country(words[-1]):
        words = words[:-1]  # 'Plan International Bangladesh': its office in a country
    return any(w in ORGANIZATION_HEADS for w in words) or (
        len(words) > 1 and words[-1] in ORGANIZATION_TAILS) or named_organization(phrase) == phrase


def office_in_country(phrase: str) -> str | None:
    """The organization whose office in a country a phrase names: an acronym or a known name
    before the country ('HAART Kenya' -> 'HAART', 'UNICEF Sri Lanka' -> 'UNICEF', 'World
    Vision Bangladesh' -> 'World Vision'), else None."""
    words = phrase.split()
    for n in range(1, min(5, len(words) - 1) + 1):  # 'Kenya', 'Sri Lanka'
        if _is_country(" ".join(words[-n:])):
            office_of = " ".join(words[:-n])
            if is_acronym(office_of) or named_organization(office_of) == office_of:
                return office_of
    return None


def _is_country(word: str) -> bool:
    from stakeholders.ingest.dates import country_code

    return country_code(word) is not None


def named_organization(phrase: str) -> str | None:
    """The organization of :data:`NAMED_ORGANIZATIONS` that opens the phrase, if one does
    ('UN Women Country Representative' -> 'UN Women')."""
    return next((name for name in NAMED_ORGANIZATIONS
                 if re.match(rf"{re.escape(name)}(?![\w-])", phrase)), None)


def has_head(phrase: str, heads: frozenset[str]) -> bool:
    return any(w in heads for w in re.findall(r"[\w-]+", phrase))


def is_acronym(token: str) -> bool:
    """'UNODC', 'GLO.ACT', 'EU' (not 'I' or 'A', nor the honorific 'H.E.')."""
    capitals = sum(c.isupper() for c in token)
    return (capitals >= 2 and bool(re.fullmatch(r"[A-Z][A-Z.&-]*[A-Z]\.?", token))
            and token.rstrip(".") != "H.E")
