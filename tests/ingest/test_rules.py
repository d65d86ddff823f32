"""The tricky pieces of the extractor, one rule at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from stakeholders.ingest import REVIEW_THRESHOLD, extract
from stakeholders.ingest.acronyms import spells
from stakeholders.ingest.dates import dateline
from stakeholders.ingest.organizations import Organizations, definitions
from stakeholders.ingest.sentences import blocks, quotes, repair, sentences
from stakeholders.text import clean


def people(text: str) -> dict[str, dict]:
    return {p["name"] or p["position"]: p for p in extract(text).to_dict()["people"]}


def attendances(text: str) -> dict[str, dict]:
    return {a["person"]: a for a in extract(text).to_dict()["attendances"]}


def sectors(text: str) -> list[tuple[str, str]]:
    return [(s["sector"], s["description"]) for s in extract(text).to_dict()["sectors_present"]]


def statements(text: str) -> list[tuple[str, str, str]]:
    return [(s["person"], s["kind"], s["text"]) for s in extract(text).to_dict()["statements"]]


# -- dateline and dates ----------------------------------------------------------------------


@pytest.mark.parametrize("line, city, country, date, tag", [
    ("Islamabad, Pakistan, 20 July 2017 - GLO.ACT - The Global Action", "Islamabad", "Pakistan",
     dt.date(2017, 7, 20), "GLO.ACT"),
    ("NAIROBI, Kenya, March 8, 2021 — Thirty officers", "Nairobi", "Kenya", dt.date(2021, 3, 8),
     None),
    ("Lisbon (Portugal), 3 May 2019 (UNODC) - Portugal", "Lisbon", "Portugal",
     dt.date(2019, 5, 3), None),
    ("Lahore, 12th October 2022 – The", "Lahore", None, dt.date(2022, 10, 12), None),
    ("Bangkok, Thailand – 3 May 2023 – Thailand's", "Bangkok", "Thailand", dt.date(2023, 5, 3),
     None),
    ("NAIROBI — 5 May 2021 — The", "Nairobi", None, dt.date(2021, 5, 5), None),
])
def test_dateline(line, city, country, date, tag):
    found = dateline(line)
    assert (found.city, found.country_name, found.date, found.tag) == (city, country, date, tag)


def test_a_dateline_set_off_by_dashes_gives_the_event_its_town_and_country():
    text = ("Bangkok, Thailand – 3 May 2023 – The Department of Special Investigation (DSI) held "
            "a two-day training on financial investigations from 2 to 3 May 2023.")
    event = extract(text).event
    assert (event.name, event.date, event.city, event.country) == \
        ("Training, Bangkok", "2023-05-02", "Bangkok", "TH")
    assert not event.source.startswith("Bangkok")


def test_a_dateline_over_two_lines_of_its_own_is_one():
    """The town on one line and the date under it lost the whole event (no date)."""
    found = extract("PRESS RELEASE\n\nKarachi\nTuesday 8th October 2024\n\nThe Sindh Police "
                    "and UNODC today launched the Safe Streets Campaign in Karachi.\n")
    assert (found.event.date, found.event.city) == ("2024-10-08", "Karachi")


def test_a_dateline_under_a_reference_number():
    """A ministry's reference number on the line above its dateline lost the event."""
    found = extract("MINISTRY OF HUMAN RIGHTS\nPRESS RELEASE\n\nNo. PR-245/2024\nIslamabad, "
                    "the 14th August, 2024.\n\nThe Minister launched the National Campaign "
                    "against Bonded Labour at the Ministry.\n")
    assert (found.event.date, found.event.city) == ("2024-08-14", "Islamabad")


@pytest.mark.parametrize("sentence", [
    "Mr. Cesar Guedes, UNODC Representative, said that it matters.",
    "The ceremony was held at the Serena Hotel in Karachi, 3 May 2024."])
def test_no_dateline_in_an_ordinary_sentence(sentence):
    assert dateline(sentence) is None


def test_the_launch_date_in_the_text_wins_over_the_dateline():
    event = extract("Islamabad, Pakistan, 20 July 2017 - The campaign was launched in Islamabad "
                    "on 19 July 2017.").event
    assert (event.date, event.city, event.country) == ("2017-07-19", "Islamabad", "PK")


@pytest.mark.parametrize("verb", ["signed an agreement", "hosted a dialogue",
                                  "convened a meeting", "concluded a three-day training",
                                  "conducted a workshop"])
def test_the_day_of_a_signing_or_a_hosted_event_wins_over_the_dateline(verb):
    event = extract(f"NAIROBI, 14 March 2018 - The Embassy of Sweden {verb} in Nairobi on "
                    "13 March 2018.").event
    assert (event.date, event.confidence) == ("2018-03-13", 0.9)


@pytest.mark.parametrize("what, name, kind", [
    ("hosted a reception", "Reception, Karachi", "other"),
    ("held a signing ceremony", "Signing ceremony, Karachi", "other"),
    ("hosted a national forum", "Conference, Karachi", "conference"),
])
def test_an_event_of_no_listed_kind_is_named_as_the_release_calls_it(what, name, kind):
    event = extract(f"Karachi, Pakistan, 14 March 2023 - The Embassy of Japan {what} in "
                    "Karachi on 13 March 2023.").event
    assert (event.name, event.kind) == (name, kind)


def test_a_launch_yesterday_is_the_day_before_the_dateline():
    event = extract("Karachi, Pakistan, 1 March 2020 - The campaign was launched yesterday.").event
    assert event.date == "2020-02-29"


def test_without_a_date_in_the_text_the_dateline_date_is_kept_less_surely():
    event = extract("Vienna, Austria, 5 June 2018 - Ms. Ana Ruiz, Project Officer, said that "
                    "it went well.").event
    assert event.date == "2018-06-05" and event.confidence < 0.9


# -- sentences and quotes --------------------------------------------------------------------


def test_a_quote_of_several_sentences_stays_in_one_sentence():
    text = 'He added that"there is a need. We need to act." The seriousness is clear.'
    assert sentences(text) == ['He added that"there is a need. We need to act."',
                               "The seriousness is clear."]


@pytest.mark.parametrize("opening, closing", [("“", "”"), ('"', '"'), ("«", "»")])
def test_a_quote_over_two_paragraphs_is_the_speakers(opening, closing):
    """Each paragraph of the quotation opens with a mark; only the last one closes."""
    text = (f"Ms. Ana Ruiz, Project Officer, said: {opening}Violence is not inevitable.\n\n"
            f"{opening}We must work together.{closing}\n\n"
            "Mr. Omar Farouk, Director, said that the work matters.")
    assert statements(text) == [("Ana Ruiz", "verbatim", "Violence is not inevitable."),
                                ("Ana Ruiz", "verbatim", "We must work together."),
                                ("Omar Farouk", "summary", "The work matters.")]


@pytest.mark.parametrize("opening, closing", [
    ("\u201e", "\u201c"), ("\u201e", "\u201d"), ("\u00bb", "\u00ab"), ("\u300c", "\u300d"),
    ("\u300e", "\u300f")])
def test_every_languages_quotation_marks_quote_a_speaker(opening, closing):
    """German „…“ and »…«, Polish „…”, Chinese and Japanese 「…」 and 『…』: a quotation
    in them is the speaker's words, as one in “…” is; the German closing “ no second
    opening mark that would leave the rest of the release inside the quotation."""
    text = (f"Ms. Ana Ruiz, Project Officer, said: {opening}Violence is not inevitable. "
            f"We act now.{closing} The event closed.\n\n"
            "Mr. Omar Farouk, Director, said that the work matters.")
    assert statements(text) == [("Ana Ruiz", "verbatim", "Violence is not inevitable. "
                                 "We act now."),
                                ("Omar Farouk", "summary", "The work matters.")]


def test_french_guillemets_are_not_read_the_german_way_round():
    """« and » open and close a French quotation; between two of them (»…« in «A» et «B»)
    is no quotation."""
    text = "Ms. Ana Ruiz, Project Officer, said: «We act now» and «we do it together»."
    assert [q.text for q in quotes(repair(text)[0])] == ["We act now", "we do it together"]


def test_titles_and_initials_do_not_end_a_sentence():
    text = "H.E. Mr. George E. Glass attended. Dr. A. Khan spoke."
    assert sentences(text) == ["H.E. Mr. George E. Glass attended.", "Dr. A. Khan spoke."]


@pytest.mark.parametrize("text", ['She said: "We act now," and left.',
                                  "She said: “We act now,” and left.",
                                  "She said: «We act now,» and left."])
def test_straight_and_typographic_quotes(text):
    assert [q.text for q in quotes(text)] == ["We act now,"]


@pytest.mark.parametrize("text, said", [
    ("Mr. Ali Raza, Director General of the FIA, stated: ‘We will act on every case.’",
     "We will act on every case."),
    ("Mr. Ali Raza, Director General of the FIA, stated: 'We won't fail Pakistan's victims.'",
     "We won't fail Pakistan's victims."),
    ("‘Pakistan’s workers deserve better,’ said Mr. Ali Raza, Director General of the FIA.",
     "Pakistan’s workers deserve better"),
])
def test_a_quotation_in_single_marks_is_a_statement(text, said):
    assert statements(text) == [("Ali Raza", "verbatim", said)]


def test_single_marks_inside_a_quotation_stay_as_written():
    text = "Mr. Ali Raza said: “They told us ‘we will not stop now’ and we agreed.”"
    assert statements(text) == [
        ("Ali Raza", "verbatim", "They told us ‘we will not stop now’ and we agreed.")]


def test_paragraphs_are_joined_lines():
    written = blocks("One line\nwrapped.\n\n\nNext.")
    assert written == ["One line\nwrapped.", "Next."]  # the contact block reads its lines
    assert [clean(b) for b in written] == ["One line wrapped.", "Next."]


# -- organizations and acronyms --------------------------------------------------------------


def test_acronyms_spell_names():
    assert spells("UNODC", "United Nations Office on Drugs and Crime")
    assert spells("GLO.ACT", "Global Action to Prevent and Address", whole=False)
    assert not spells("GLO.ACT", "Global Action to Prevent and Address")
    assert not spells("EU", "United Nations")


def test_a_definition_starts_where_its_acronym_does():
    found = definitions("a joint initiative by the Ministry of Interior and the Federal "
                        "Investigation Agency (FIA).")
    assert [(d.name, d.acronym) for d in found] == [("Federal Investigation Agency", "FIA")]


def test_a_name_written_with_words_its_acronym_leaves_out_is_one_organization():
    text = ("Save the Children and the Punjab Child Protection and Welfare Bureau (CPWB) held a "
            "workshop in Lahore on 4 October 2022. Ms. Sara Ahmad, Chairperson of the Punjab "
            "Child Protection and Welfare Bureau (CPWB), said: \"We will train 500 case "
            "workers.\"")
    result = extract(text).to_dict()
    assert [(o["name"], o["acronym"]) for o in result["organizations"]] == [
        ("Child Protection and Welfare Bureau", "CPWB")]
    assert people(text)["Sara Ahmad"]["organization"] == "Child Protection and Welfare Bureau"


def test_and_inside_a_name_is_kept():
    orgs = Organizations()
    assert orgs.split_list("Australian Government Department of Immigration and Border "
                           "Protection and United States Department of State") == [
        "Australian Government Department of Immigration and Border Protection",
        "United States Department of State"]


def test_an_acronym_alone_becomes_the_full_name_once_defined():
    orgs = Organizations()
    orgs.add("UNODC")
    orgs.add("United Nations Office on Drugs and Crime", "UNODC")
    assert [(o.name, o.acronym, o.sector) for o in orgs.records] == [
        ("United Nations Office on Drugs and Crime", "UNODC", "un-agency")]


def test_positions_imply_organizations():
    found = people(
        "H.E. Ms. Margaret Adamson, Australian High Commissioner to Pakistan, attended. "
        "Mr. Junaid Khan, IOM Senior Programme Coordinator, attended. "
        "The Minister of Interior, Mr. Ali Raza, attended. "
        "H.E. Mr. Harry Verweij, Ambassador of the Kingdom of the Netherlands to Jordan, attended. "
        "The Cabinet Secretary for Interior and Coordination of National Government, Dr. Fred "
        "Matiang'i, attended. "
        "Ms. Nadia Islam, Minister of Women and Children Affairs, attended.")
    assert {n: p["organization"] for n, p in found.items()} == {
        "Margaret Adamson": "Australian High Commission",
        "Junaid Khan": "IOM",
        "Ali Raza": "Ministry of Interior",
        "Harry Verweij": "Embassy of the Kingdom of the Netherlands",
        "Fred Matiang'i": "Ministry of Interior and Coordination of National Government",
        "Nadia Islam": "Ministry of Women and Children Affairs",
    }


# -- representation --------------------------------------------------------------------------


def test_representation_in_brackets():
    text = ("H.E. Ms. Margaret Adamson, Australian High Commissioner to Pakistan (represented by "
            "Ms. Nicole Guihot, Acting Deputy High Commissioner), said: \"Australia leads.\"")
    att = attendances(text)
    assert list(att) == ["Nicole Guihot"]
    assert att["Nicole Guihot"]["on_behalf_of"] == "Margaret Adamson"
    assert people(text)["Nicole Guihot"]["organization"] == "Australian High Commission"


def test_representation_between_commas_and_on_behalf_of():
    text = ("Dr. Rana Siddiqui, Country Director of Save the Children, represented by Ms. Sana "
            "Mirza, Provincial Manager, remarked that volunteers will be trained. Speaking on "
            "behalf of H.E. Mr. Harry Verweij, Ambassador of the Netherlands, Ms. Marieke van der "
            "Berg, Deputy Head of Mission, noted that reporting saves lives.")
    att = attendances(text)
    assert {p: a["on_behalf_of"] for p, a in att.items()} == {
        "Sana Mirza": "Rana Siddiqui", "Marieke van der Berg": "Harry Verweij"}
    assert {"Rana Siddiqui", "Harry Verweij"} <= set(people(text))


@pytest.mark.parametrize("joint", [
    ", was represented by ", ", could not attend and was represented by ",
    ", who was unable to attend, was represented by ", ", represented by his deputy ",
    ", was represented by his chief of staff, "])
def test_represented_by_without_brackets_or_who(joint):
    text = (f"The Minister of Road Transport and Bridges, Mr. Obaidul Quader{joint}Ms. Nazma "
            "Begum, Joint Secretary, who read out the Minister's message: \"Roads must be "
            "safe.\"")
    att = attendances(text)
    assert {p: (a["role"], a["on_behalf_of"]) for p, a in att.items()} == {
        "Nazma Begum": ("speaker", "Obaidul Quader")}
    assert statements(text) == [("Nazma Begum", "verbatim", "Roads must be safe.")]


def test_represented_by_after_a_post_ending_in_an_acronym():
    text = ("Lt Gen Inam Haider Malik, Chairman of the National Disaster Management Authority "
            "(NDMA), was represented by Mr. Idrees Mahsud, who said that \"preparedness saves "
            "lives.\"")
    att = attendances(text)
    assert {p: a["on_behalf_of"] for p, a in att.items()} == {
        "Idrees Mahsud": "Inam Haider Malik"}
    assert people(text)["Idrees Mahsud"]["organization"] == (
        "National Disaster Management Authority")


@pytest.mark.parametrize("joint", [", speaking on behalf of ", " (CWB), representing "])
def test_who_speaks_for_someone_named_after_them_is_the_speaker(joint):
    text = (f"Ms. Sana Mirza, Director of the Child Welfare Bureau{joint}Dr. Rana Siddiqui, "
            "said that volunteers will be trained.")
    att = attendances(text)
    assert {p: (a["role"], a["on_behalf_of"]) for p, a in att.items()} == {
        "Sana Mirza": ("speaker", "Rana Siddiqui")}
    assert statements(text) == [("Sana Mirza", "summary", "Volunteers will be trained.")]


@pytest.mark.parametrize("text", [
    "Ms. Sana Mirza, Director of the Child Welfare Bureau, representing Dr. Rana Siddiqui, "
    "attended the workshop.",
    "Dr. Rana Siddiqui, Country Director of Save the Children, was represented by Ms. Sana "
    "Mirza, Provincial Manager, who attended the workshop.",
])
def test_who_attends_for_someone_attends_on_their_behalf(text):
    assert {p: (a["role"], a["on_behalf_of"]) for p, a in attendances(text).items()} == {
        "Sana Mirza": ("attendee", "Rana Siddiqui")}


def test_a_post_with_commas_before_the_name():
    text = ("The Minister for Labour, Employment and Social Security, Mr. Sharat Bhandari, "
            "opened the workshop.")
    person = people(text)["Sharat Bhandari"]
    assert (person["position"], person["organization"]) == (
        "Minister for Labour, Employment and Social Security",
        "Ministry for Labour, Employment and Social Security")


def test_a_member_holds_a_post():
    found = people("Ms. Shaza Fatima, Member of the National Assembly, said: \"We will "
                   "legislate.\" Mr. Idrees Mahsud, Member Operations, National Disaster "
                   "Management Authority, attended.")
    assert [(p["position"], p["organization"]) for p in found.values()] == [
        ("Member", "National Assembly"),
        ("Member Operations", "National Disaster Management Authority")]


def test_a_post_with_commas_after_the_name():
    text = ("Hon. Mr. Sharat Singh Bhandari, Minister for Labour, Employment and Social "
            "Security, said: \"Safe migration is a shared responsibility.\" Dr. Rana Siddiqui, "
            "Director of Programmes, Save the Children, attended.")
    found = people(text)
    assert (found["Sharat Singh Bhandari"]["position"],
            found["Sharat Singh Bhandari"]["organization"]) == (
        "Minister for Labour, Employment and Social Security",
        "Ministry for Labour, Employment and Social Security")
    assert (found["Rana Siddiqui"]["position"], found["Rana Siddiqui"]["organization"]) == (
        "Director of Programmes", "Save the Children")


def test_a_minister_for_a_portfolio_is_of_the_ministry_of_it():
    text = ("The Ministry of Labour, Employment and Social Security (MoLESS) hosted a forum. "
            "Hon. Mr. Sharat Singh Bhandari, Minister for Labour, Employment and Social "
            "Security, said: \"Safe migration is a shared responsibility.\"")
    assert people(text)["Sharat Singh Bhandari"]["organization"] == (
        "Ministry of Labour, Employment and Social Security")
    assert [o["name"] for o in extract(text).to_dict()["organizations"]] == [
        "Ministry of Labour, Employment and Social Security"]


@pytest.mark.parametrize("text, name, position", [
    ('"We will do more," said Amina Yusuf, Director of the National Police Academy.',
     "Amina Yusuf", "Director"),
    ("Cesar Guedes, UNODC Representative in Pakistan, said that training comes first.",
     "Cesar Guedes", "UNODC Representative in Pakistan"),
    ("Richard Howard, ILO Country Director, in his speech, stressed that recruitment must be "
     "fair.", "Richard Howard", "ILO Country Director"),
])
def test_a_speaker_without_a_title_where_only_a_person_can_stand(text, name, position):
    assert attendances(text)[name]["role"] == "speaker"
    assert people(text)[name]["position"] == position


@pytest.mark.parametrize("text", [
    "Road Safety Week, the national campaign, ended in Dhaka.",
    '"Enough," said the Global Road Safety Partnership in a statement.',
    "Safe Roads Campaign, launched in 2020, said nothing new.",
    "New York, the host city, welcomed the delegates.",
])
def test_capitalized_phrases_without_a_title_are_not_people(text):
    assert people(text) == {}


def test_several_titles_before_a_name_and_an_organization_after_of():
    text = "Prof. Dr. Meena Poudel of Tribhuvan University explained the results."
    person = people(text)["Meena Poudel"]
    assert (person["title"], person["organization"]) == ("Prof. Dr.", "Tribhuvan University")


def test_a_position_ending_the_sentence_loses_its_full_stop():
    text = '"We must act now," said Mr. Numan Ozcan, ILO Country Director for Jordan.'
    assert people(text)["Numan Ozcan"]["position"] == "ILO Country Director for Jordan"


def test_a_quotation_inside_a_reported_clause_is_one_statement():
    text = ('Mr. Krishna Dawadi, Secretary, underscored that the Government "will not tolerate '
            'exploitation".')
    assert statements(text) == [
        ("Krishna Dawadi", "summary", 'The Government "will not tolerate exploitation".')]


def test_a_campaign_named_with_an_organization_word_and_its_partners():
    text = ("Dhaka, Bangladesh, 14 March 2022 - The United Nations Development Programme (UNDP) "
            "today launched the Safe Roads for Children Campaign (SRCC), funded by the "
            "Government of Japan and implemented in partnership with BRAC.")
    result = extract(text).to_dict()
    assert [(c["name"], c["acronym"]) for c in result["campaigns"]] == [
        ("Safe Roads for Children Campaign", "SRCC")]
    assert [(p["organization"], p["role"]) for p in result["partners"]] == [
        ("Government of Japan", "funder"), ("BRAC", "implementing-partner")]
    assert "Safe Roads for Children Campaign" not in [o["name"] for o in result["organizations"]]


def test_a_short_name_in_brackets_defines_an_organization():
    [d] = definitions("the People Forum for Human Rights (People Forum) and partners")
    assert (d.name, d.acronym) == ("People Forum for Human Rights", "People Forum")


def test_a_short_name_in_brackets_is_one_organization_in_a_list_too():
    text = ("The Safe Migration Campaign, funded by the People Forum for Human Rights (People "
            "Forum) and the European Union (EU), was launched today.")
    result = extract(text).to_dict()
    assert [(o["name"], o["acronym"]) for o in result["organizations"]] == [
        ("People Forum for Human Rights", "People Forum"), ("European Union", "EU")]
    assert [p["organization"] for p in result["partners"]] == [
        "People Forum for Human Rights", "European Union"]


def test_an_organization_represented_is_not_a_person():
    text = ("Also addressing the launch, the Government of Pakistan, represented by the "
            "Additional Director General of the Federal Investigation Agency, Mr. Muhammad "
            "Shifaque said that: \"It is crucial.\"")
    assert attendances(text)["Muhammad Shifaque"]["on_behalf_of"] is None
    assert people(text)["Muhammad Shifaque"]["organization"] == "Federal Investigation Agency"
    assert extract(text).organization("Government of Pakistan") is not None


def test_an_organization_that_was_represented_is_the_speakers_when_they_have_no_other():
    text = ("The Sindh Health Department was represented by Dr. Naseem Ahmed, Additional "
            "Director Public Health, who thanked both organizations.")
    assert attendances(text)["Naseem Ahmed"]["on_behalf_of"] is None
    assert people(text)["Naseem Ahmed"]["organization"] == "Sindh Health Department"


# -- speakers and statements -----------------------------------------------------------------


def test_a_pronoun_continues_the_last_speaker_of_that_gender():
    text = ("Ms. Sara Bianchi, Project Officer, said that the plan works. Mr. Omar Farouk, "
            "Director of the Police Academy, stated that training matters most. She added that "
            "\"funding is secured\". He went on to say that: \"We are ready.\"")
    assert statements(text) == [
        ("Sara Bianchi", "summary", "The plan works."),
        ("Omar Farouk", "summary", "Training matters most."),
        ("Sara Bianchi", "verbatim", "funding is secured"),
        ("Omar Farouk", "verbatim", "We are ready."),
    ]


def test_quote_first_then_speaker_then_family_name_alone():
    text = ("“No country acts alone,” said Mr. Antonino de Leo, UNODC Representative. "
            "“Awareness comes first,” Mr. de Leo noted.")
    assert statements(text) == [("Antonino de Leo", "verbatim", "No country acts alone"),
                                ("Antonino de Leo", "verbatim", "Awareness comes first")]
    assert list(people(text)) == ["Antonino de Leo"]


@pytest.mark.parametrize("later", ["“Borders stay open,” said Ambassador van der Berg.",
                                   "Mr. van der Berg said: “Borders stay open,” and left."])
def test_a_family_name_with_particles_alone_is_the_person_named_before(later):
    text = ("H.E. Mr. Frans van der Berg, Ambassador of the Netherlands to Kenya, signed the "
            f"agreement. {later}")
    assert list(people(text)) == ["Frans van der Berg"]
    assert statements(text) == [("Frans van der Berg", "verbatim", "Borders stay open")]


def test_a_vice_chancellor_is_a_post():
    text = ("Prof. Dr. Rashida Begum, Vice Chancellor of Dhaka University, and Mr. Omar Farouk, "
            "Director of the Bangla Press Institute, also spoke at the event.")
    assert {n: (p["position"], p["organization"]) for n, p in people(text).items()} == {
        "Rashida Begum": ("Vice Chancellor", "Dhaka University"),
        "Omar Farouk": ("Director", "Bangla Press Institute")}
    assert {p: a["speaking_order"] for p, a in attendances(text).items()} == {
        "Rashida Begum": 1, "Omar Farouk": 2}


@pytest.mark.parametrize("post, position, organization", [
    ("Deputy Head of Mission of the British High Commission", "Deputy Head of Mission",
     "British High Commission"),
    ("Chief of Mission of the International Organization for Migration in Kenya",
     "Chief of Mission of the International Organization for Migration in Kenya",
     "International Organization for Migration"),
])
def test_head_of_mission_is_a_post_not_an_office(post, position, organization):
    text = f"Ms. Harriet Mercer, {post}, said that the work matters a lot."
    assert (people(text)["Harriet Mercer"]["position"],
            people(text)["Harriet Mercer"]["organization"]) == (position, organization)
    assert [o["name"] for o in extract(text).to_dict()["organizations"]] == [organization]


def test_an_acronym_with_small_letters_and_a_minister_of_it():
    text = ("UN Women and the Ministry of Women and Children Affairs (MoWCA) launched the campaign "
            "in Dhaka on 25 November 2019. H.E. Ms. Nadia Islam, Minister of Women and Children "
            "Affairs, said that the ministry will lead. Representatives of MoWCA and BRAC "
            "attended.")
    organizations = [(o["name"], o["acronym"]) for o in extract(text).to_dict()["organizations"]]
    assert organizations == [("Ministry of Women and Children Affairs", "MoWCA"),
                             ("UN Women", None), ("BRAC", "BRAC")]
    assert people(text)["Nadia Islam"]["organization"] == "Ministry of Women and Children Affairs"


def test_she_is_the_last_speaker_when_named_without_a_title():
    text = ("Ms. Ana Ruiz, Project Officer, presented the plan. "
            "“Workers pay too much,” said Sita Gurung, President of the Workers Union. "
            "“Fees must be zero,” she said.")
    assert statements(text)[1:] == [("Sita Gurung", "verbatim", "Workers pay too much"),
                                     ("Sita Gurung", "verbatim", "Fees must be zero")]


@pytest.mark.parametrize("name", ["Maria de los Santos", "Juan de las Heras",
                                  "Paolo degli Esposti"])
def test_a_family_name_with_two_particles_is_kept_whole(name):
    text = f"Also present was Ms. {name}, Programme Officer, Swiss Red Cross."
    assert {n: (p["position"], p["organization"]) for n, p in people(text).items()} == {
        name: ("Programme Officer", "Swiss Red Cross")}


@pytest.mark.parametrize("post", ["UN Women Country Representative",
                                  "Country Representative, UN Women"])
def test_un_women_is_the_organization_not_the_un(post):
    text = f"Ms. Shoko Ishikawa, {post}, said that the work matters a lot."
    assert people(text)["Shoko Ishikawa"]["organization"] == "UN Women"
    assert [(o["name"], o["sector"]) for o in extract(text).to_dict()["organizations"]] == [
        ("UN Women", "un-agency")]


def test_a_post_from_an_organization_is_held_there():
    text = "Ms. Zoe Khan, a senior journalist from Dawn News, also addressed the audience."
    assert (people(text)["Zoe Khan"]["position"], people(text)["Zoe Khan"]["organization"]) \
        == ("senior journalist", "Dawn News")
    assert attendances(text)["Zoe Khan"]["organization"] == "Dawn News"


def test_a_speaker_named_only_by_post_gets_no_invented_name():
    text = "The Inspector General of Sindh Police said that units will be set up."
    person = extract(text).people[0]
    assert (person.name, person.position, person.organization) == (
        None, "Inspector General", "Sindh Police")
    assert person.confidence <= 0.5
    assert statements(text) == [("the Inspector General", "summary",
                                 "Units will be set up.")]


def test_presenters_share_a_sentence_and_respectively_splits_their_topics():
    text = ("Mr. Junaid Khan, IOM Senior Programme Coordinator, and Ms. Sarah Coleman, UNICEF "
            "Chief of Child Protection, delivered presentations on their mandates on migrants "
            "and children respectively.")
    assert [(a["person"], a["role"], a["speaking_order"]) for a in attendances(text).values()] \
        == [("Junaid Khan", "presenter", 1), ("Sarah Coleman", "presenter", 2)]
    assert statements(text) == [("Junaid Khan", "summary", "Presented IOM's mandate on migrants."),
                                ("Sarah Coleman", "summary",
                                 "Presented UNICEF's mandate on children.")]


def test_a_release_quoting_nobody_has_attendees_but_no_statements():
    text = ("Also present were Ms. Wanjiru Odhiambo, Head of Unit at the Directorate of "
            "Immigration Services, and Dr. Tobias Mwenda, a lecturer at the University of Nairobi.")
    assert {p: a["role"] for p, a in attendances(text).items()} == {
        "Wanjiru Odhiambo": "attendee", "Tobias Mwenda": "attendee"}
    assert statements(text) == []


@pytest.mark.parametrize("letters", ["CMG", "OBE", "CMG OBE"])
def test_letters_after_a_name_are_not_a_family_name_in_capitals(letters):
    text = (f"H.E. Dr. Angela Macdonald {letters}, Ambassador of Australia to Thailand, noted "
            "that Australia had worked against trafficking.")
    result = extract(text)
    [person] = result.people
    assert (person.name, person.family, person.position, person.confidence) == \
        (f"Angela Macdonald {letters}", "Macdonald", "Ambassador of Australia to Thailand", 0.9)
    assert result.warnings == []


def test_words_inside_a_quote_are_not_speakers():
    text = 'Ms. Ana Ruiz, Project Officer, said: "Mr. Smith said nothing to us."'
    assert list(people(text)) == ["Ana Ruiz"]


def test_sectors_present():
    text = ("The ceremony took place in the presence of the diplomatic community, provincial "
            "police, academia, media and civil society representatives.")
    assert sectors(text) == [
        ("diplomatic-mission", "the diplomatic community"), ("police", "provincial police"),
        ("academia", "academia"), ("media", "media"),
        ("civil-society", "civil society representatives")]


def test_sectors_listed_before_attended():
    text = "Teachers, parents, police officers and journalists attended the launch."
    assert sectors(text) == [("police", "police officers"), ("media", "journalists")]


def test_sectors_a_forum_brought_together():
    text = ("The forum brought together government officials, UN agencies, donors, the private "
            "sector and journalists.")
    assert sectors(text) == [
        ("government", "government officials"), ("un-agency", "UN agencies"),
        ("donor", "donors"), ("private-sector", "the private sector"), ("media", "journalists")]


def test_organizations_said_to_attend_are_their_sectors_present():
    text = ("Representatives of the Ministry of Interior, the Ministry of Law, the National "
            "Police Bureau and Save the Children attended the launch.")
    assert sectors(text) == [
        ("government", "Ministry of Interior, Ministry of Law"),
        ("police", "National Police Bureau"), ("ngo", "Save the Children")]


def test_organizations_that_also_attended_through_their_officials():
    text = ("Officials from the National Migration Institute (INM), the Attorney General's Office "
            "and the National Human Rights Commission also attended.")
    result = extract(text)
    assert [o.name for o in result.organizations] == [
        "National Migration Institute", "Attorney General's Office",
        "National Human Rights Commission"]


def test_an_initiative_listed_after_and_is_an_organization_of_its_own():
    text = ("Also present were representatives of the Nigeria Police Force and Pathfinders "
            "Justice Initiative.")
    assert [o.name for o in extract(text).organizations] == [
        "Nigeria Police Force", "Pathfinders Justice Initiative"]


def test_two_lists_of_who_attended_in_one_sentence():
    text = ("Officials from the Department of Employment and the Royal Thai Police also attended, "
            "as did representatives of the Freedom Fund and the Issara Initiative.")
    assert [o.name for o in extract(text).organizations] == [
        "Department of Employment", "Royal Thai Police", "Freedom Fund", "Issara Initiative"]


def test_a_named_attendee_is_not_read_as_a_sector():
    text = "Mr. Ali Khan, Inspector of Police, and journalists attended the launch."
    assert extract(text).to_dict()["sectors_present"] == []


@pytest.mark.parametrize("heading", ["For media enquiries, please contact:", "Media contact:",
                                     "For further information:", "Notes to editors",
                                     "For enquiries contact:"])
def test_contact_block_headings_and_lines_in_one_paragraph(heading):
    text = (f"UNDP launched the campaign.\n\n{heading}\nMs. Farzana Rahman, Communications "
            "Analyst, UNDP\nEmail: farzana.rahman@undp.org")
    result = extract(text)
    assert [(c.person, c.email) for c in result.contacts] == [
        ("Farzana Rahman", "farzana.rahman@undp.org")]
    assert result.person("Farzana Rahman").organization == "UNDP"


def test_a_contact_on_the_heading_s_line_is_read_from_its_name():
    text = ("UNDP launched the campaign.\n\nFor enquiries, please contact: Mr. Vincent Adekoye, "
            "Press Officer, 0803 123 4567, press@undp.org\n")
    result = extract(text)
    assert [(c.person, c.email, c.phone) for c in result.contacts] == [
        ("Vincent Adekoye", "press@undp.org", None), ("Vincent Adekoye", None, "0803 123 4567")]
    assert {c.source for c in result.contacts} == {
        "Mr. Vincent Adekoye, Press Officer, 0803 123 4567, press@undp.org"}
    assert result.attendances == []


def test_a_paragraph_opening_with_inquiries_is_no_contact_block():
    text = ("UNDP launched the campaign.\n\nInquiries into trafficking cases doubled, said Ms. "
            "Ana Ruiz, UNDP Project Officer.\n")
    assert [a.person for a in extract(text).attendances] == ["Ana Ruiz"]


def test_a_contact_named_on_a_line_of_its_own_without_a_title():
    text = ("UNDP launched the campaign.\n\nFor further information please contact\nPim Sukjai\n"
            "Programme Assistant\nPhone: +66 2 344 6100\npim.sukjai@undp.org")
    result = extract(text)
    assert [(c.person, c.email, c.phone) for c in result.contacts] == [
        ("Pim Sukjai", None, "+66 2 344 6100"), ("Pim Sukjai", "pim.sukjai@undp.org", None)]
    assert result.attendances == []
    assert people(text)["Pim Sukjai"]["position"] == "Programme Assistant"


@pytest.mark.parametrize("below, position, organization", [
    ("Communications Officer, UNODC", "Communications Officer", "UNODC"),
    ("UNODC Communications Officer", "UNODC Communications Officer", "UNODC"),
    ("Head, Media and Outreach", "Head, Media and Outreach", None),
    ("Federal Investigation Agency", None, "Federal Investigation Agency"),
])
def test_the_line_under_a_contacts_name_is_their_post(below, position, organization):
    text = ("UNODC launched the campaign.\n\nFor enquiries, please contact:\nAyesha Khan\n"
            f"{below}\nTel: 051 260 1461")
    found = people(text)["Ayesha Khan"]
    assert (found["position"], found["organization"]) == (position, organization)


@pytest.mark.parametrize("line", ["Communications Unit", "Media Relations Officer"])
def test_a_unit_or_a_post_on_a_line_of_its_own_names_no_contact(line):
    text = f"UNDP launched the campaign.\n\nMedia contact:\n{line}\nEmail: press@undp.org"
    result = extract(text)
    assert result.people == [] and [c.person for c in result.contacts] == [None]


def test_contact_block():
    text = ("GLO.ACT is a joint initiative by the European Union (EU) and UNODC.\n\n"
            "For more information, please contact:\n\nMs. Shahida Gilani, Programme Officer\n\n"
            "Email: Shahida.gillani@unodc.org\n\nOr follow us on Twitter: @glo_act")
    result = extract(text)
    assert [(c.person, c.email, c.handle) for c in result.contacts] == [
        ("Shahida Gilani", "Shahida.gillani@unodc.org", None), (None, None, "@glo_act")]
    assert result.person("Shahida Gilani").organization == "UNODC"
    assert result.attendances == []


def test_contact_block_phone_numbers():
    text = ("UNDP launched the campaign.\n\nFor more information: Ms. Ayesha Malik, "
            "+92 51 260 1461, ayesha.malik@un.org\nTel: (+351) 21 123 4567 / Mobile: "
            "0300-1234567\nOn 20 July 2017, see www.undp.org/pk/12345678")
    result = extract(text)
    assert [(c.person, c.email, c.phone) for c in result.contacts] == [
        ("Ayesha Malik", "ayesha.malik@un.org", None), ("Ayesha Malik", None, "+92 51 260 1461"),
        ("Ayesha Malik", None, "+351 21 123 4567"), ("Ayesha Malik", None, "0300-1234567")]


# -- text that defeats the rules: repaired and reported, or reported, never invented --------


def test_missing_spaces_are_repaired_and_reported():
    text = ("Also attending, theAmbassador of the Embassy of the United StatesH. E. Mr. David "
            "Hale, reiterated that \"success will require partnerships\".")
    result = extract(text)
    hale = result.person("David Hale")
    assert (hale.honorific, hale.title, hale.position, hale.organization) == (
        "H.E.", "Mr.", "Ambassador", "Embassy of the United States")
    assert REVIEW_THRESHOLD <= hale.confidence < 0.9
    assert len(result.warnings) == 2
    assert "theAmbassador" in result.warnings[0].message


def test_repairs_say_what_changed():
    _, repairs = repair("Mr.Omar Khalil spoke and Ms. Sarah Colemansaid no.")
    assert sorted((r.original, r.repaired) for r in repairs) == [
        ("Colemansaid", "Coleman said"), ("Mr.Omar", "Mr. Omar")]


def test_a_family_name_in_capitals_is_read_and_reported():
    result = extract("Ms. Nicole GUIHOT of the Australian High Commission and H.E. Mr. "
                     "Jean-François CAUTAIN also attended.")
    assert [(p.name, p.family) for p in result.people] == [
        ("Nicole Guihot", "Guihot"), ("Jean-François Cautain", "Cautain")]
    assert all(REVIEW_THRESHOLD <= p.confidence < 0.9 for p in result.people)
    assert "a family name in capitals: read 'Ms. Nicole GUIHOT' as 'Ms. Nicole Guihot'" \
        in [w.message for w in result.warnings]


def test_an_acronym_the_release_defines_is_no_family_name():
    text = ("The International Organization for Migration (IOM) met. Mr. Junaid Khan IOM, "
            "said: \"We are ready.\"")
    result = extract(text)
    assert [p.name for p in result.people] == ["Junaid Khan"]
    assert result.warnings == []


def test_a_lower_case_name_is_reported_not_invented():
    result = extract("Ms. sarah coleman, UNICEF Chief, said that children matter.")
    assert result.people == [] and result.attendances == []
    assert any("lower-case" in w.message for w in result.warnings)


def test_a_garbled_name_is_kept_below_the_review_threshold():
    result = extract("Mr. DavidHale, Ambassador, said that it matters.")
    assert result.people[0].confidence < REVIEW_THRESHOLD
    assert result.attendances[0].confidence < REVIEW_THRESHOLD
    assert any("garbled" in w.message for w in result.warnings)


def test_a_title_without_a_name_is_reported():
    result = extract('The speaker, Mr. "the host", said hello.')
    assert result.people == []


# -- military and police ranks ---------------------------------------------------------------


def test_ranks_open_a_name():
    text = ("Islamabad, 3 May 2022 - Brig. (R) Asif Ali, Director General of the National Police "
            "Academy, said \"we must train every officer.\" Lt Col Sara Malik, Commandant of the "
            "Punjab Police College, and Wg. Cdr. (Retd.) Omar Farooq also spoke. DIG Ahmed Raza, "
            "Deputy Inspector General of Police, said that the force is ready. Air Vice Marshal "
            "Faisal Butt also attended.")
    assert {n: (p["honorific"], p["position"], p["organization"])
            for n, p in people(text).items()} == {
        "Asif Ali": ("Brig. (R)", "Director General", "National Police Academy"),
        "Sara Malik": ("Lt Col", "Commandant", "Punjab Police College"),
        "Omar Farooq": ("Wg. Cdr. (Retd.)", None, None),
        "Ahmed Raza": ("DIG", "Deputy Inspector General of Police", None),
        "Faisal Butt": ("Air Vice Marshal", None, None)}
    assert statements(text)[0] == ("Asif Ali", "verbatim", "we must train every officer.")
    assert {p: a["role"] for p, a in attendances(text).items()} == {
        "Asif Ali": "speaker", "Sara Malik": "speaker", "Omar Farooq": "speaker",
        "Ahmed Raza": "speaker", "Faisal Butt": "attendee"}


def test_a_rank_after_deputy_is_a_post():
    text = "Deputy Inspector General Ahmed Raza said that the force is ready for the work."
    assert {n: (p["honorific"], p["position"]) for n, p in people(text).items()} == {
        "Ahmed Raza": (None, "Deputy Inspector General")}


@pytest.mark.parametrize("text", [
    "The UN General Assembly recently addressed this major concern.",
    "The Inspector General of Police said that the force is ready for the work.",
    "The Inspector General Punjab Police said that the force is ready for the work.",
    "Inspector General Police Punjab, Mr. Ali Khan, said that the force is ready.",
    "Captain Planet Foundation and Major Events Company attended.",
    "Commander Hassan Shah and General Manager Omar Khan attended the launch.",
    "SSP Operations Lahore and DIG Traffic attended the launch.",
])
def test_ranks_written_as_ordinary_words_make_no_person(text):
    assert [n for n, p in people(text).items() if p["name"]] in ([], ["Ali Khan"])
    assert not [w for w in extract(text).to_dict()["warnings"] if "title" in w["message"]]


def test_a_un_post_is_held_at_the_united_nations():
    text = "Ms. Rina Das, UN Resident Coordinator in Bangladesh, said that the work matters a lot."
    assert people(text)["Rina Das"]["organization"] == "United Nations"
    assert [(o["name"], o["acronym"], o["sector"])
            for o in extract(text).to_dict()["organizations"]] == [
        ("United Nations", "UN", "un-agency")]


def test_an_acronym_defines_a_name_with_commas_in_it():
    text = ("The Ministry of Labour, Employment and Social Security (MoLESS) launched the "
            "campaign. Mr. Ram Thapa, Joint Secretary at MoLESS, said that the work matters.")
    assert [(o["name"], o["acronym"]) for o in extract(text).to_dict()["organizations"]] == [
        ("Ministry of Labour, Employment and Social Security", "MoLESS")]
    assert people(text)["Ram Thapa"]["organization"] == \
        "Ministry of Labour, Employment and Social Security"


def test_an_acronym_after_a_list_defines_only_the_last_name():
    text = ("The campaign is funded by UNODC, IOM, the European Union (EU), the Government of "
            "Japan, and the Swiss Agency for Development and Cooperation (SDC). Partners are the "
            "Ministry of Interior, Labour and Employment Agency (LEA).")
    assert [(d.name, d.acronym) for d in definitions(text)] == [
        ("European Union", "EU"), ("Swiss Agency for Development and Cooperation", "SDC"),
        ("Labour and Employment Agency", "LEA")]


@pytest.mark.parametrize("verb", ["said that", "stressed that"])
def test_a_reported_clause_opening_with_a_quotation_is_the_quotation(verb):
    text = (f"Mr. Omar Khan, Editor, {verb} “journalists face serious threats” in the region "
            "and that editors must act.")
    assert statements(text) == [("Omar Khan", "verbatim", "journalists face serious threats"),
                                ("Omar Khan", "summary", "Editors must act.")]


def test_organizations_and_a_campaign_named_without_a_marker_in_the_opening_sentence():
    text = ("Nairobi, 14 March 2018 - The Ministry of Interior and Coordination of National "
            "Government and UNODC today launched the Orange the World Campaign in Nairobi. "
            "UNICEF and the Embassy of Japan hosted the event.")
    found = extract(text)
    assert [o.name for o in found.organizations] == [
        "Ministry of Interior and Coordination of National Government", "UNODC", "UNICEF",
        "Embassy of Japan"]
    assert [c.name for c in found.campaigns] == ["Orange the World Campaign"]
    assert found.event.name == "Orange the World Campaign launch, Nairobi"


@pytest.mark.parametrize("verb", ["joined UNODC at the launch of", "launched"])
def test_a_campaign_launched_by_its_defined_name_is_one_campaign(verb):
    """The name stops at a small word ('to'), where the name defined with its acronym goes
    on: that campaign, not another called 'Global Action'."""
    found = extract(f"Islamabad, 19 July 2017 - Australia today {verb} the Global Action to "
                    "Prevent and Address Trafficking in Persons and the Smuggling of Migrants "
                    "(GLO.ACT) in Islamabad.")
    assert [(c.name, c.acronym) for c in found.campaigns] == [
        ("Global Action to Prevent and Address Trafficking in Persons and the Smuggling of "
         "Migrants", "GLO.ACT")]


def test_a_campaign_word_with_a_possessive_after_launched_is_read():
    # "Campaign's" is a campaign word to the name check and to where the name ends alike
    found = extract("Dhaka, 25 November 2022 - The ministry launched the Campaign's Toolkit "
                    "in Dhaka today.")
    assert (found.event.name, found.campaigns) == ("Launch, Dhaka", [])  # where it ends: unsure


@pytest.mark.parametrize("sentence", [
    "The Dhaka Tribune and Rina Das launched a report.",
    "Bangladesh launched the plan in Dhaka.",
    "Ms. Rina Das opened the Big Week event.",
    "The Minister launched the National Action Plan against Trafficking in Persons here.",
    "Ms. Rina Das said: “We launched the Big Campaign last year.”",
])
def test_no_organization_or_campaign_is_guessed_from_an_opening_subject(sentence):
    found = extract(f"Dhaka, 25 November 2022 - {sentence}")
    assert (found.organizations, found.campaigns) == ([], [])


@pytest.mark.parametrize("sentence, signatories", [
    ("The agreement was signed by H.E. Mr. Jan Olsson, Ambassador of Sweden to Kenya, and Ms. "
     "Amina Otieno, Principal Secretary, in Nairobi on 13 March 2018.",
     ["Jan Olsson", "Amina Otieno"]),
    ("Ms. Amina Otieno, Principal Secretary, signed the agreement for the ministry.",
     ["Amina Otieno"]),
    ("The memorandum signed by Mr. Peter Kamau in 2015 is still in force.", []),
    ("The memorandum signed last year by Mr. Peter Kamau is still in force.", []),
])
def test_a_signatory_attended(sentence, signatories):
    found = attendances(sentence)
    assert list(found) == signatories
    assert {a["role"] for a in found.values()} <= {"attendee"}


@pytest.mark.parametrize("who", ["Ms. Nadia Karim", "Maj. Gen. Nadia Karim"])
def test_a_post_in_a_list_of_attendees_is_no_organization(who):
    text = (f"The launch was attended by {who}, Director of the Staff College, and Mr. Usman "
            "Tariq. Representatives of the Office of the Attorney General also attended.")
    assert [o["name"] for o in extract(text).to_dict()["organizations"]] == [
        "Staff College", "Office of the Attorney General"]
    assert (people(text)["Nadia Karim"]["position"], people(text)["Nadia Karim"]["organization"]) \
        == ("Director", "Staff College")


@pytest.mark.parametrize("text, person, post", [
    ("IGP Punjab Dr. Usman Anwar said that the force is ready.", "Usman Anwar", "IGP Punjab"),
    ("DIG Lahore Ms. Sara Khan and SSP Karachi South attended the launch.", "Sara Khan",
     "DIG Lahore"),
])
def test_a_police_rank_before_a_place_is_a_post(text, person, post):
    assert {n: p["position"] for n, p in people(text).items()} == {person: post}
    assert extract(text).to_dict()["organizations"] == []


def test_a_police_rank_before_a_name_alone_is_the_officers():
    text = "DIG Ahmed Raza and SSP Sara Malik also attended the training."
    assert {n: (p["honorific"], p["position"]) for n, p in people(text).items()} == {
        "Ahmed Raza": ("DIG", None), "Sara Malik": ("SSP", None)}
    assert {p: a["role"] for p, a in attendances(text).items()} == {
        "Ahmed Raza": "attendee", "Sara Malik": "attendee"}


def test_students_are_academia_and_parents_no_sector():
    text = "Parents, students and journalists attended the launch."
    assert sectors(text) == [("academia", "students"), ("media", "journalists")]


@pytest.mark.parametrize("first, second", [("Mr. Asif Ali", "Ms. Sara Malik"),
                                           ("Col. (Retd.) Asif Ali", "Lt. Gen. Sara Malik")])
def test_an_organization_after_of_ends_before_the_next_person(first, second):
    text = f"{first} of the National Police Academy and {second} attended the launch."
    assert [o["name"] for o in extract(text).to_dict()["organizations"]] == [
        "National Police Academy"]
    assert people(text)["Asif Ali"]["organization"] == "National Police Academy"
    assert list(attendances(text)) == ["Asif Ali", "Sara Malik"]


def test_a_retired_mark_after_the_name_goes_with_the_rank():
    text = ("Brig. Asif Ali (R), Director General of the National Police Academy, said that "
            "the force is ready.")
    assert {n: (p["honorific"], p["position"], p["organization"])
            for n, p in people(text).items()} == {
        "Asif Ali": ("Brig. (R)", "Director General", "National Police Academy")}


def test_a_listed_name_with_and_spelled_by_its_acronym_and_a_bengali_connector_stay_whole():
    found = extract("Dhaka, Bangladesh, 12 February 2024 – A workshop was held in Dhaka on 10 "
                    "February 2024.\n\nParticipants came from Ain o Salish Kendra (ASK), the "
                    "Department of Women Affairs and the Ministry of Women and Children Affairs "
                    "(MoWCA).\n\nMr. Tanvir Ahmed, Communications Manager, Plan International "
                    "Bangladesh, said that the plan would be reviewed.\n").to_dict()
    assert [o["name"] for o in found["organizations"]] == [
        "Ain o Salish Kendra", "Ministry of Women and Children Affairs",
        "Department of Women Affairs", "Plan International Bangladesh"]


def test_an_office_in_a_country_of_an_acronym_or_a_known_ngo_is_an_organization():
    text = ("Representatives of the University of Nairobi, HAART Kenya, World Vision Bangladesh "
            "and the Kenya Red Cross also attended the event.")
    result = extract(text)
    assert [o.name for o in result.organizations] == [
        "University of Nairobi", "HAART Kenya", "World Vision Bangladesh", "Kenya Red Cross"]
    assert [(s["sector"], s["description"]) for s in result.to_dict()["sectors_present"]] == [
        ("academia", "University of Nairobi"), ("other", "HAART Kenya"),
        ("ngo", "World Vision Bangladesh, Kenya Red Cross")]


def test_a_known_name_with_and_in_it_opening_a_sentence_is_one_organization():
    text = ("The United Nations Office on Drugs and Crime (UNODC) and the Government of Kenya "
            "today launched a national campaign.")
    assert [o.name for o in extract(text).organizations] == [
        "United Nations Office on Drugs and Crime", "Government of Kenya"]


def test_a_head_count_before_the_groups_present_is_not_a_group():
    text = ("The launch was attended by more than 200 participants from government, civil "
            "society and the media.")
    assert sectors(text) == [
        ("government", "government"), ("civil-society", "civil society"), ("media", "the media")]


def test_two_organizations_joined_before_an_acronym_that_spells_neither_are_two():
    text = ("The Embassy of Japan in Sri Lanka and the United Nations Children's Fund (UNICEF) "
            "today launched a campaign.")
    assert [(o.name, o.acronym) for o in extract(text).organizations][0] == (
        "United Nations Children's Fund", "UNICEF")


def test_a_name_between_commas_after_the_post_opening_the_sentence_is_the_speakers():
    text = ("UNICEF Representative in Sri Lanka, Christian Skoog, noted that one in ten "
            "children had been exposed to harmful content.")
    assert {n: p["position"] for n, p in people(text).items()} == {
        "Christian Skoog": "UNICEF Representative in Sri Lanka"}
    assert statements(text) == [
        ("Christian Skoog", "summary", "One in ten children had been exposed to harmful content.")]


def test_a_name_between_commas_after_the_post_opening_the_sentence_with_its_article():
    text = "The Director of the Staff College, Ahmed Raza, said that the work matters."
    assert {n: (p["position"], p["organization"]) for n, p in people(text).items()} == {
        "Ahmed Raza": ("Director", "Staff College")}


@pytest.mark.parametrize("opening", ["In Colombo, Christian Skoog, the Representative, said",
                                     "In Colombo, Christian Skoog said"])
def test_no_bare_name_after_an_opening_that_is_no_post(opening):
    assert people(f"{opening} that the work matters.") == {}


@pytest.mark.parametrize("opening", ["Speaking at the launch, Christian Skoog said",
                                     "Opening the session, Christian Skoog stressed"])
def test_a_bare_name_after_an_opening_that_says_someone_speaks_is_the_speaker(opening):
    assert list(attendances(f"{opening} that the work matters.")) == ["Christian Skoog"]
    assert people("Speaking at the launch, Save the Children said that it matters.") == {}


def test_a_quoted_name_said_to_be_a_campaign_is_one():
    text = ('Colombo, Sri Lanka, 5 September 2023 - UNICEF today launched "Safe Online", a '
            "nationwide campaign to protect children.")
    assert [c.name for c in extract(text).campaigns] == ["Safe Online"]


def test_a_known_acronyms_country_office_is_that_organization():
    text = ("The United Nations Children's Fund (UNICEF) launched the campaign.\n\nFor more "
            "information, please contact:\nBismarck Swangin\nCommunication Specialist, UNICEF "
            "Sri Lanka\nEmail: bswangin@unicef.org")
    assert people(text)["Bismarck Swangin"]["organization"] == "United Nations Children's Fund"
    assert [o.name for o in extract(text).organizations] == ["United Nations Children's Fund"]


@pytest.mark.parametrize("text", [
    "A panel discussion moderated by Mr. Omar Nasser featured Ms. Dina Khoury and Mr. Karim "
    "Saleh.",
    "Mr. Omar Nasser moderated the panel. Panellists included Ms. Dina Khoury and Mr. Karim "
    "Saleh."])
def test_who_sat_on_a_panel_spoke(text):
    assert {p: (a["role"], a["speaking_order"]) for p, a in attendances(text).items()} == {
        "Omar Nasser": ("moderator", None), "Dina Khoury": ("speaker", 1),
        "Karim Saleh": ("speaker", 2)}


def test_a_ministry_named_with_its_country_keeps_it_and_is_the_ministry_named_again():
    text = ("The International Organization for Migration (IOM), in partnership with the "
            "Ministry of Interior of Jordan, convened a roundtable. Ms. Rana Ali, Director at "
            "the Ministry of Interior, said that borders are safer.")
    assert [o.name for o in extract(text).organizations] == [
        "International Organization for Migration", "Ministry of Interior of Jordan"]
    assert people(text)["Rana Ali"]["organization"] == "Ministry of Interior of Jordan"


def test_a_roundtable_is_a_meeting_called_a_roundtable_and_a_quoted_project_is_funded():
    text = ("Amman, Jordan, 12 November 2024 - IOM convened a regional roundtable on migrant "
            "smuggling today. The roundtable is part of the \"Safe Routes\" project funded by "
            "the European Union.")
    result = extract(text).to_dict()
    assert (result["event"]["name"], result["event"]["kind"]) == (
        "Safe Routes roundtable, Amman", "meeting")
    assert [(p["campaign"], p["organization"], p["role"]) for p in result["partners"]] == [
        ("Safe Routes", "European Union", "funder")]


def test_the_groups_a_head_count_includes_are_present():
    text = ("The roundtable brought together over 60 participants, including border officials, "
            "prosecutors and journalists.")
    assert sectors(text) == [
        ("government", "border officials"), ("judiciary", "prosecutors"), ("media", "journalists")]


@pytest.mark.parametrize("intro, role", [("Speakers at the ceremony included:", "speaker"),
                                         ("Also present were:", "attendee")])
def test_the_items_of_a_list_of_people_have_the_role_its_opening_line_gives(intro, role):
    text = (f"UNODC launched the campaign today.\n\n{intro}\n"
            "- Ms. Kristian Hölge, UNODC Representative in Mexico\n"
            "- Dr. Ana Güezmes, Director of the ECLAC Subregional Headquarters\n"
            "- Senator Olga Sánchez Cordero")
    found = people(text)
    assert {n: p["position"] for n, p in found.items()} == {
        "Kristian Hölge": "UNODC Representative in Mexico",
        "Ana Güezmes": "Director of the ECLAC Subregional Headquarters",
        "Olga Sánchez Cordero": None}
    assert found["Olga Sánchez Cordero"]["honorific"] == "Senator"
    assert {p: a["role"] for p, a in attendances(text).items()} == dict.fromkeys(found, role)


def test_her_excellency_is_the_honorific_and_she_said_is_who_was_named_before():
    text = ("Her Excellency Alicia Bárcena, Secretary of Foreign Affairs, signed the "
            "declaration. \"Mexico stands with every victim,\" she said.")
    assert people(text)["Alicia Bárcena"]["honorific"] == "H.E."
    assert statements(text) == [("Alicia Bárcena", "verbatim", "Mexico stands with every victim")]


def test_a_country_that_joined_a_campaign_and_a_city_named_for_its_country():
    result = extract("Mexico City, 10 January 2025 - The Government of Mexico today joined the "
                     "Blue Heart Campaign against Human Trafficking.").to_dict()
    assert (result["event"]["country"], [c["name"] for c in result["campaigns"]]) == (
        "MX", ["Blue Heart Campaign against Human Trafficking"])
    assert [o["name"] for o in result["organizations"]] == ["Government of Mexico"]


def test_a_contact_line_with_a_label_a_bare_name_and_an_address():
    text = ("UNODC launched the campaign.\n\nNotes to editors:\nThe campaign fights "
            "trafficking.\nMedia contact: Laura Gómez, laura.gomez@un.org")
    assert [(c.person, c.email) for c in extract(text).contacts] == [
        ("Laura Gómez", "laura.gomez@un.org")]


def test_south_asian_titles_and_a_name_after_chaired_by():
    text = ("The event was chaired by Md. Mahbub Hossain, Senior Secretary of the Ministry. "
            "Barrister Shameem Haider Patwary MP and Dr. (Mrs.) Fatema Begum of Dhaka "
            "University also spoke at the event.")
    assert {n: (p["title"], p["position"], p["organization"])
            for n, p in people(text).items()} == {
        "Md. Mahbub Hossain": (None, "Senior Secretary of the Ministry", None),
        "Shameem Haider Patwary MP": ("Barrister", None, None),
        "Fatema Begum": ("Dr.", None, "Dhaka University")}
    assert {p: a["role"] for p, a in attendances(text).items()} == {
        "Md. Mahbub Hossain": "moderator", "Shameem Haider Patwary MP": "speaker",
        "Fatema Begum": "speaker"}


def test_a_head_count_before_a_group_is_not_its_name():
    text = "More than 300 students, employers and journalists took part."
    assert sectors(text) == [
        ("academia", "students"), ("private-sector", "employers"), ("media", "journalists")]


def test_a_name_opening_a_clause_after_while_before_a_post_and_being_there():
    text = ("The Minister attended the event as chief guest, while Tuomo Poutiainen, Country "
            "Director of ILO Bangladesh, was present as special guest.")
    assert {n: p["organization"] for n, p in people(text).items() if p["name"]} == {
        "Tuomo Poutiainen": "ILO Bangladesh"}
    assert {p: a["role"] for p, a in attendances(text).items()} == {
        "Tuomo Poutiainen": "attendee"}


@pytest.mark.parametrize("text, name, post", [
    ("UNODC Country Representative Jeremy Douglas said that the work matters.",
     "Jeremy Douglas", "UNODC Country Representative"),
    ("Prime Minister Shehbaz Sharif stated that the work matters.", "Shehbaz Sharif",
     "Prime Minister")])
def test_a_name_right_after_its_post_before_a_verb_of_speech(text, name, post):
    assert {n: p["position"] for n, p in people(text).items()} == {name: post}
    assert list(attendances(text)) == [name]


@pytest.mark.parametrize("text", ["The Director Operations Lahore said that it matters.",
                                  "Regional Director Asia Pacific said that it matters."])
def test_a_place_right_after_a_post_is_no_name(text):
    assert [p["name"] for p in people(text).values()] == [None]


@pytest.mark.parametrize("verb", ["agreed", "echoed", "responded", "replied"])
def test_a_speaker_who_agreed_or_replied_is_heard(verb):
    """'Mr. B, ILO Country Director, agreed: "…"' lost both the turn and the words."""
    found = extract("Dhaka, 12 May 2024 - The ILO today launched the Fair Recruitment Campaign "
                    "in Dhaka. Dr. Rahima Begum, Joint Secretary of the Ministry of Labour, "
                    "said: \"Decent work is the best protection.\" Mr. Tuomo Poutiainen, ILO "
                    f"Country Director for Bangladesh, {verb}: \"Fair recruitment must become "
                    "the norm.\"")
    assert [(s.person, s.text) for s in found.statements][1:] == [
        ("Tuomo Poutiainen", "Fair recruitment must become the norm.")]
    assert [a.person for a in found.attendances] == ["Rahima Begum", "Tuomo Poutiainen"]


@pytest.mark.parametrize("sent", ["sent a message read out by",
                                  "whose message was read by"])
def test_a_message_read_out_by_someone_else_is_a_stand_in(sent):
    """The minister who sent a message did not come: the one who read it out spoke on his
    behalf, and the message's words are hers to report, as a deputy's who spoke for an
    ambassador (they were an attendee's, and the words were kept by the minister, who had no
    row in the speakers report to show them)."""
    found = extract("Dhaka, 12 May 2024 - The ILO today launched the Fair Recruitment Campaign "
                    "in Dhaka. The State Minister for Labour and Employment, Mr. Nazrul Islam, "
                    f"{sent} Ms. Shirin Akhter, Deputy Secretary. \"Bangladesh will not look "
                    "away,\" the message said.")
    assert [(a.person, a.role, a.on_behalf_of, a.speaking_order)
            for a in found.attendances] == [("Shirin Akhter", "speaker", "Nazrul Islam", 1)]
    assert [(s.person, s.text) for s in found.statements] == [
        ("Shirin Akhter", "Bangladesh will not look away")]


@pytest.mark.parametrize("sentence", [
    "A message from Ms. Sima Bahous, UN Women Executive Director, was read out on behalf of "
    "her by Ms. Gitanjali Singh, UN Women Country Representative in Bangladesh.",
    "A message from Ms. Sima Bahous, UN Women Executive Director, was read out by Ms. "
    "Gitanjali Singh, UN Women Country Representative in Bangladesh.",
    "A message from the Executive Director of UN Women, Ms. Sima Bahous, was read out by the "
    "Country Representative, Ms. Gitanjali Singh.",
    "Ms. Gitanjali Singh, UN Women Country Representative, read out a message from Ms. Sima "
    "Bahous, UN Women Executive Director."])
def test_a_message_from_someone_absent_read_out_by_another(sentence):
    """The Executive Director whose message was read out was recorded as present and its
    speaker, and the one who read it had no attendance or none on her behalf."""
    found = extract("Dhaka, 12 May 2024 - UN Women today launched the Safe Rides campaign in "
                    f"Dhaka. {sentence} \"Every woman has the right to travel without fear,\" "
                    "the message said.")
    assert [(a.person, a.role, a.on_behalf_of) for a in found.attendances] == [
        ("Gitanjali Singh", "speaker", "Sima Bahous")]
    assert [(s.person, s.text) for s in found.statements] == [
        ("Gitanjali Singh", "Every woman has the right to travel without fear")]


@pytest.mark.parametrize("text, name, honorific, role", [
    ("Justice (R) Nasira Iqbal, former judge of the Lahore High Court, urged the agency to act.",
     "Nasira Iqbal", "Justice (R)", "speaker"),
    ("The event was attended by Justice Ali Nawaz Chohan, Chairman of the NCHR.",
     "Ali Nawaz Chohan", "Justice", "attendee"),
    ("Sen. Sherry Rehman, Chairperson of the Senate Committee, said that it matters.",
     "Sherry Rehman", "Sen.", "speaker")])
def test_a_judge_and_a_senator_written_short(text, name, honorific, role):
    """'Justice (R) Nasira Iqbal' and 'Sen. Sherry Rehman' were nobody."""
    assert people(text)[name]["honorific"] == honorific
    assert attendances(text)[name]["role"] == role


@pytest.mark.parametrize("text", ["The Justice Sector Reform Programme was launched.",
                                  "Justice Project Pakistan, an NGO, took part."])
def test_justice_in_a_name_of_something_else_is_no_judge(text):
    assert people(text) == {}


def test_a_name_with_a_possessive_is_the_person_named():
    """"Mr. Shah's answer" made a second person called Shah's."""
    text = ("Mr. Imran Shah, Director of the FIA, spoke. Mr. Shah's answer was clear. Mr. Cesar "
            "Guedes' speech was long.")
    assert sorted(people(text)) == ["Cesar Guedes", "Imran Shah"]


def test_a_quotation_in_the_paragraphs_after_said_and_a_colon():
    """'Ms. A said:' with her words in the paragraphs below: she had no statement."""
    text = ("Dhaka, 12 May 2024 - UN Women launched the Safe Rides campaign.\n\nThe Secretary "
            "of MoWCA, Ms. Mamataz Ahmed, said:\n\n\"Safe transport is a right. We will act."
            "\"\n\n“Every bus will have a helpline.”\n\nMr. Ali Khan spoke too.\n")
    assert statements(text) == [
        ("Mamataz Ahmed", "verbatim", "Safe transport is a right. We will act."),
        ("Mamataz Ahmed", "verbatim", "Every bus will have a helpline.")]


def test_a_subject_with_its_partner_in_an_aside_before_the_verb():
    text = ("The Ministry of Labour and Employment, with support from the International Labour "
            "Organization (ILO), launched a campaign.")
    assert sorted(o.name for o in extract(text).organizations) == [
        "International Labour Organization", "Ministry of Labour and Employment"]


_MINISTRY = "The Ministry of Labour and Employment launched a campaign against child labour. "


def test_a_name_straight_after_the_portfolio_of_a_ministry_named_before():
    text = (_MINISTRY + "State Minister for Labour and Employment Nazrul Islam Chowdhury MP "
            "attended the event as chief guest. Speaking as chief guest, the State Minister "
            "said the government was committed to the work.")
    assert {n: (p["position"], p["organization"]) for n, p in people(text).items()} == {
        "Nazrul Islam Chowdhury MP": ("State Minister for Labour and Employment",
                                      "Ministry of Labour and Employment")}
    assert {p: a["role"] for p, a in attendances(text).items()} == {
        "Nazrul Islam Chowdhury MP": "speaker"}
    assert [(s.person, s.text) for s in extract(text).statements] == [
        ("Nazrul Islam Chowdhury MP", "The government was committed to the work.")]


def test_no_name_is_cut_from_a_portfolio_no_ministry_ends():
    """Without the ministry's name, where 'Labour and Employment Nazrul Islam Chowdhury'
    turns from portfolio to name is a guess: none is made."""
    text = ("State Minister for Labour and Employment Nazrul Islam Chowdhury MP attended the "
            "event as chief guest.")
    assert [n for n in people(text) if n and "Nazrul" in n] == []


@pytest.mark.parametrize("ministries, organization", [
    (_MINISTRY, "Ministry of Labour and Employment"),
    ("The Ministry of Labour and Employment and the Ministry of Education launched a "
     "campaign. ", None)])
def test_the_ministry_is_the_only_ministry_named(ministries, organization):
    text = ministries + "The event was chaired by Md. Mahbub Hossain, Senior Secretary of the " \
                        "Ministry."
    assert people(text)["Md. Mahbub Hossain"]["organization"] == organization


@pytest.mark.parametrize("text, country", [
    ("Lahore, 3 March 2025 - UNICEF launched a campaign. Abdullah Fadil, UNICEF "
     "Representative in Pakistan, said that it matters.", "PK"),
    ("Lahore, 3 March 2025 - The High Commissioner to Pakistan and the Ambassador to the "
     "United Kingdom spoke.", None),
    ("Lahore, 3 March 2025 - UNICEF launched a campaign in the city.", None)])
def test_the_event_is_in_the_one_country_the_release_places_things_in(text, country):
    assert extract(text).to_dict()["event"]["country"] == country


def test_someone_who_stood_in_attended_on_behalf_even_without_a_turn():
    text = ("Mr. Demelash Gebremichael, Commissioner of the Ethiopian Federal Police, was "
            "represented by Mr. Zelalem Mengiste, Deputy Commissioner.")
    assert {p: (a["role"], a["on_behalf_of"]) for p, a in attendances(text).items()} == {
        "Zelalem Mengiste": ("attendee", "Demelash Gebremichael")}


def test_names_right_after_their_posts_on_either_side_of_represented_by():
    text = ("Commissioner Demelash Gebremichael of the Ethiopian Federal Police was represented "
            "by Deputy Commissioner Zelalem Mengiste, who gave a vote of thanks.")
    assert {n: (p["position"], p["organization"]) for n, p in people(text).items()} == {
        "Demelash Gebremichael": ("Commissioner", "Ethiopian Federal Police"),
        "Zelalem Mengiste": ("Deputy Commissioner", "Ethiopian Federal Police")}
    assert {p: (a["role"], a["on_behalf_of"]) for p, a in attendances(text).items()} == {
        "Zelalem Mengiste": ("speaker", "Demelash Gebremichael")}


def test_a_name_right_after_its_post_before_also_and_a_verb():
    assert {p: a["role"] for p, a in attendances(
        "Police Commissioner Demelash Gebremichael also spoke.").items()} == {
        "Demelash Gebremichael": "speaker"}


def test_a_professor_before_a_lower_case_word_is_a_post_not_a_garbled_name():
    text = ("The session was moderated by Dr. Abebe Girma, Associate Professor at Addis Ababa "
            "University.")
    assert extract(text).warnings == []
    assert people(text)["Abebe Girma"]["position"] == "Associate Professor"


def test_a_dateline_closed_by_a_colon():
    d = dateline("SUVA, Fiji – 9 October 2023: The ILO launched a campaign.")
    assert (d.city, d.country_name, d.date) == ("Suva", "Fiji", dt.date(2023, 10, 9))


@pytest.mark.parametrize("name", ["Ewen McDonald", "Ian MacArthur", "Liam O'Brien",
                                  "Ana DeSouza", "Kate FitzGerald"])
def test_a_family_name_with_a_capital_inside_is_no_garbled_name(name):
    text = f"Mr. {name}, Australian High Commissioner to Fiji, said that it matters."
    assert extract(text).warnings == []
    assert people(text)[name]["name"] == name


def test_also_speaking_were():
    text = ("Also speaking at the event were Ms. Matin Karimli, Director of the ILO Office for "
            "Pacific Island Countries, and Mr. Ewen McDonald, Australian High Commissioner.")
    assert {p: (a["role"], a["speaking_order"]) for p, a in attendances(text).items()} == {
        "Matin Karimli": ("speaker", 1), "Ewen McDonald": ("speaker", 2)}


def test_a_chief_guest_attended_and_speaks_as_minister_and_family_name():
    text = ("The launch was graced by the Hon. Agni Deo Singh, Minister for Employment, as "
            "chief guest. \"Our workers must travel knowing their rights,\" Minister Singh said.")
    assert {p: a["role"] for p, a in attendances(text).items()} == {"Agni Deo Singh": "speaker"}
    assert statements(text) == [
        ("Agni Deo Singh", "verbatim", "Our workers must travel knowing their rights")]


def test_a_ministry_whose_portfolio_has_a_comma_opens_the_sentence_with_a_partner():
    text = ("The International Labour Organization (ILO) and the Fiji Ministry of Employment, "
            "Productivity and Industrial Relations launched a campaign today. The Hon. Agni Deo "
            "Singh, Minister for Employment, Productivity and Industrial Relations, said that "
            "it matters.")
    assert sorted(o.name for o in extract(text).organizations) == [
        "Fiji Ministry of Employment, Productivity and Industrial Relations",
        "International Labour Organization"]
    assert people(text)["Agni Deo Singh"]["organization"] == \
        "Fiji Ministry of Employment, Productivity and Industrial Relations"


def test_those_present_included_officials_of_unions_and_employers():
    assert sectors("Those present included officials from the Fiji Police Force, the Fiji "
                   "Trades Union Congress and the Fiji Commerce and Employers Federation.") == [
        ("police", "Fiji Police Force"), ("civil-society", "Fiji Trades Union Congress"),
        ("private-sector", "Fiji Commerce and Employers Federation")]


@pytest.mark.parametrize("line, city, date", [
    ("Kampala, 06/03/2024", "Kampala", dt.date(2024, 3, 6)),
    ("Kampala, 6 March 2024", "Kampala", dt.date(2024, 3, 6)),
    ("Dushanbe, 05.12.2023 – On 4 December, UNFPA launched a campaign.", "Dushanbe",
     dt.date(2023, 12, 5)),
    ("Washington, 07/20/2017 - The Embassy signed an agreement.", "Washington",
     dt.date(2017, 7, 20)),
    ("FREETOWN, Tuesday 4th June 2024 — A coalition launched a campaign.", "Freetown",
     dt.date(2024, 6, 4)),
    ("New Delhi, 14th February, 2023: The Ministry launched a campaign.", "New Delhi",
     dt.date(2023, 2, 14)),
    ("Suva, Sept. 9, 2023 - The ILO launched a campaign.", "Suva", dt.date(2023, 9, 9)),
    ("Posted On: 14 FEB 2023 5:42PM by PIB Delhi", None, dt.date(2023, 2, 14)),
    ("Amman (Jordan), 3rd of May 2023 — The EU launched a campaign.", "Amman",
     dt.date(2023, 5, 3)),
    ("03/04/2024", None, dt.date(2024, 4, 3)),  # a date on its own line, the place below
    ("Tuesday, 3 April 2024", None, dt.date(2024, 4, 3)),
    ("Islamabad, the 14th August, 2024.", "Islamabad", dt.date(2024, 8, 14)),
    ("22 November 2023 | News release | Kathmandu", "Kathmandu", dt.date(2023, 11, 22)),
    ("Kathmandu | 22 November 2023", "Kathmandu", dt.date(2023, 11, 22)),
    ("News | 22 November 2023", None, dt.date(2023, 11, 22))])
def test_datelines_as_offices_write_them(line, city, date):
    """A dateline that was not read lost the event, and with it every attendance and
    statement: a line of its own, a date in numbers, a weekday, a comma before the year, a
    press office's 'Posted On'."""
    d = dateline(line)
    assert (d.city, d.date) == (city, date)


def test_an_event_day_told_without_its_year_is_read_in_the_datelines():
    text = ("Dushanbe, 05.12.2023 – On 4 December, the United Nations Population Fund (UNFPA) "
            "launched the national campaign \"Oilai Solim\" in Dushanbe.")
    assert extract(text).to_dict()["event"]["date"] == "2023-12-04"


def test_a_month_in_lower_case_is_no_date():
    assert dateline("Kampala, 3 may 2024") is None


@pytest.mark.parametrize("text, name, title", [
    ("Smt. Rekha Sharma Iyer, Secretary, Ministry of Women and Child Development, said that "
     "it matters.", "Rekha Sharma Iyer", "Smt."),
    ("Shri Anil Kumar Mehta, Secretary, Ministry of Women and Child Development, presided over "
     "the function.", "Anil Kumar Mehta", "Shri"),
    ("Prof. (Dr.) Suresh Chandra Pillai, Member, NCPCR, gave a presentation on the trends.",
     "Suresh Chandra Pillai", "Prof. Dr."),
    ("The vote of thanks was given by Rev. Emmanuel Tamba Sesay, Vice-Chairman of SLCACT.",
     "Emmanuel Tamba Sesay", "Rev."),
    ("She was accompanied by Eng. Patrick Mugisha, Under Secretary of the Ministry of Gender, "
     "and Mr. Joseph Tumwine, who also spoke.", "Patrick Mugisha", "Eng."),
    ("Barr. Ngozi Okafor, Director of the Legal Aid Council, said that it matters.",
     "Ngozi Okafor", "Barr."),
    ("Alhaji Mohamed Bangura, Chairman of the Parliamentary Committee, said that it matters.",
     "Mohamed Bangura", "Alhaji"),
    ("The message was read out by Atty. Reginald Velasco, House Secretary General, who said "
     "that it matters.", "Reginald Velasco", "Atty.")])
def test_titles_of_south_asia_and_africa(text, name, title):
    """Smt., Shri, Rev., Eng., Barr., Alhaji and 'Prof. (Dr.)' were not read as titles, and
    'Eng.' ended the sentence there."""
    assert people(text)[name]["title"] == title
    assert extract(text).warnings == []


@pytest.mark.parametrize("text, name, role", [
    ("The programme concluded with a vote of thanks by Dr. Kavita Rao Deshpande, Additional "
     "Secretary.", "Kavita Rao Deshpande", "speaker"),
    ("The vote of thanks was given by Rev. Emmanuel Tamba Sesay, Vice-Chairman of SLCACT.",
     "Emmanuel Tamba Sesay", "speaker"),
    ("Shri Anil Kumar Mehta, Secretary, presided over the function.", "Anil Kumar Mehta",
     "moderator")])
def test_a_vote_of_thanks_and_presiding_are_turns(text, name, role):
    assert attendances(text)[name]["role"] == role


def test_a_minister_of_state_is_of_the_ministry_of_the_portfolio():
    text = ("The Ministry of Women and Child Development launched a campaign. Smt. Rekha Sharma "
            "Iyer, Hon'ble Minister of State for Women and Child Development, graced the "
            "occasion as the chief guest.")
    assert (people(text)["Rekha Sharma Iyer"]["position"],
            people(text)["Rekha Sharma Iyer"]["organization"]) == (
        "Minister of State for Women and Child Development",
        "Ministry of Women and Child Development")
    assert [o.name for o in extract(text).organizations] == [
        "Ministry of Women and Child Development"]


def test_on_behalf_of_a_post_before_the_name_is_whom_they_stand_in_for():
    text = ("The Vice-Minister of Security, Ms. María del Valle, speaking on behalf of the "
            "Minister of Security, Mr. Gustavo Sánchez, thanked the partners and announced that "
            "120 community police officers would be trained.")
    assert {p: (a["role"], a["on_behalf_of"]) for p, a in attendances(text).items()} == {
        "María del Valle": ("speaker", "Gustavo Sánchez")}
    assert [s[0] for s in statements(text)] == ["María del Valle"]


def test_she_is_not_the_one_she_stood_in_for():
    text = ("Dr. Isata Mahoi-Conteh, delivering the statement on behalf of Hon. Aminata Kanu, "
            "Minister of Gender, said the Government would act.\n\n"
            "\"We will not tolerate the sale of our children,\" she said.")
    assert [s[0] for s in statements(text)] == ["Isata Mahoi-Conteh", "Isata Mahoi-Conteh"]


@pytest.mark.parametrize("text, campaign", [
    ("The Ministry launched a nationwide awareness campaign \"Surakshit Bachpan\" against "
     "child trafficking.", "Surakshit Bachpan"),
    ("A coalition of NGOs today launched the #EndChildTrafficking campaign.",
     "#EndChildTrafficking")])
def test_a_campaign_named_after_the_word_campaign_or_by_a_hashtag(text, campaign):
    assert [c.name for c in extract(text).campaigns] == [campaign]


def test_a_ministry_defined_by_an_acronym_in_another_language():
    text = ("UN Women and the Ministry of Women, Family and Community Development (KPWKM) today "
            "launched \"Safe at Work\", an initiative.")
    assert sorted((o.name, o.acronym) for o in extract(text).organizations) == [
        ("Ministry of Women, Family and Community Development", "KPWKM"), ("UN Women", None)]


def test_officers_of_forces_present_are_police_and_a_parliament_committee_government():
    assert sectors("Senior officers of the Railway Protection Force (RPF) and the Border "
                   "Security Force (BSF) were also present on the occasion.") == [
        ("police", "Railway Protection Force, Border Security Force")]
    assert sectors("Representatives of the Parliamentary Committee on Social Welfare "
                   "attended.") == [("government", "Parliamentary Committee on Social Welfare")]


def test_names_shortened_to_their_first_words_are_the_people_named_before():
    """Where the family name does not come last, a release names someone again by their
    first words: each was a second person with a second turn."""
    text = ("The panellists were Dr. Ahmad Faizal bin Mohd Yusof, Director General, Department "
            "of Labour, Ms. Priya Devi a/p Rajendran, Chairperson of the MTUC Women's "
            "Committee, and Mr. Lim Wei Jie, Chief People Officer.\n\n"
            "Dr. Ahmad Faizal noted that complaints had doubled since 2023.\n\n"
            "\"Most complaints come from women on short contracts,\" said Ms. Priya.\n\n"
            "Mr. Lim said that the bank had trained every branch manager.")
    assert list(people(text)) == ["Ahmad Faizal bin Mohd Yusof", "Priya Devi a/p Rajendran",
                                  "Lim Wei Jie"]
    assert len(attendances(text)) == 3


def test_malaysian_honorifics_and_a_panel_title_that_is_no_ones_words():
    text = ("The launch was officiated by YB Dato' Sri Aminah binti Haji Salleh, Minister of "
            "Women, Family and Community Development, who delivered the keynote address. The "
            "launch was followed by a panel discussion, \"From Law to Practice\", moderated by "
            "Ms. Melissa Tan Mei Ling.")
    assert {n: p["honorific"] for n, p in people(text).items()} == {
        "Aminah binti Haji Salleh": "YB Dato' Sri", "Melissa Tan Mei Ling": None}
    assert {p: a["role"] for p, a in attendances(text).items()} == {
        "Aminah binti Haji Salleh": "speaker", "Melissa Tan Mei Ling": "moderator"}
    assert statements(text) == []


def test_a_family_name_after_a_post_after_a_quotation_and_its_verb():
    text = ("Ms. Matin Karimli, Director of the ILO Office, attended the launch. \"The campaign "
            "will reach ten thousand workers,\" said Director Karimli.")
    assert statements(text) == [
        ("Matin Karimli", "verbatim", "The campaign will reach ten thousand workers")]


def test_a_post_addressed_is_nobody_and_an_honorific_no_acronym():
    """'Mr. Speaker of the House' was a person called Mr. Speaker, and 'Professor Emeritus'
    one called Emeritus who spoke in the place of the one who did; 'H.E.' after a campaign's
    name gave it the acronym 'H.E' (and the event its name)."""
    text = ('AMMAN, 3 May 2023 - The EU launched the "Her Voice Counts" campaign. H.E. Ms. Maria '
            'Hadjitheodosiou, Ambassador of the European Union to Jordan, spoke. Mr. Speaker of '
            'the House, Hon. Martin Romualdez, sent a message read out by Atty. Reginald '
            'Velasco, House Secretary General.')
    found = extract(text).to_dict()
    assert [c["acronym"] for c in found["campaigns"]] == [None]
    assert sorted(people(text)) == ["Maria Hadjitheodosiou", "Martin Romualdez",
                                    "Reginald Velasco"]
    assert found["event"]["name"].startswith("Her Voice Counts launch")
    text = "Dr. Ainun Nishat, Professor Emeritus at BRAC University, spoke."
    assert list(people(text)) == ["Ainun Nishat"]
    assert attendances(text)["Ainun Nishat"]["role"] == "speaker"


def test_a_name_opened_by_md_is_read_as_after_a_title():
    """'Md.' (Muhammad) opening a sentence's name, with no title before it: nobody was read."""
    text = ("Md. Shahab Uddin, Minister for Environment, Forest and Climate Change, attended as "
            "chief guest.")
    assert people(text)["Md. Shahab Uddin"]["position"] == (
        "Minister for Environment, Forest and Climate Change")
    assert attendances(text)["Md. Shahab Uddin"]["role"] == "attendee"

