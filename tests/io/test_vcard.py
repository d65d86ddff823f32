"""vCard 3.0 output: parsed back by vobject with the expected fields, escaped and folded."""

from __future__ import annotations

import vobject

from stakeholders.io.vcard import card, fold
from tests.conftest import Cli


def test_vcards_parse_with_vobject(people_cli: Cli):
    text = people_cli.ok("export", "contacts", "--profile", "vcard").stdout
    cards = list(vobject.readComponents(text))
    assert [c.fn.value for c in cards] == [
        "H.E. Mr. Jean-François Cautain", "Olga Ivanova", "Ayesha Malik", "Amina Qureshi"]
    jf = cards[0]
    assert jf.version.value == "3.0"
    assert jf.n.value.family == "Cautain" and jf.n.value.given == "Jean-François"
    assert jf.n.value.prefix == "H.E. Mr."
    assert jf.org.value == ["European Union"]
    assert jf.title.value == "Officer"
    assert jf.email.value == "jf.cautain@eeas.europa.eu"
    assert jf.tel.value == "+3222991111"
    assert jf.note.value == 'Met at the launch; likes "quotes", commas'
    assert cards[1].categories.value == ["media-list", "press"]


def test_every_email_and_phone_is_on_the_card_the_primary_first(people_cli: Cli):
    people_cli.ok("person", "edit", "Amina Qureshi", "--email", "amina.q@gmail.com",
                  "--phone", "+923001234567")
    text = people_cli.ok("export", "contacts", "--profile", "vcard").stdout
    amina = [c for c in vobject.readComponents(text) if c.fn.value == "Amina Qureshi"][0]
    assert [e.value for e in amina.email_list] == ["amina.qureshi@interior.gov.pk",
                                                   "amina.q@gmail.com"]
    assert [t.value for t in amina.tel_list][1:] == ["+923001234567"]


def test_escaping_and_folding_survive_a_parse():
    contact = {"full_name": "Zoë Ça", "given_name": "Zoë", "family_name": "Ça; Ltd, \\x",
               "honorific": None, "title": None, "organization": "Ünïted, Nations; " * 6,
               "position": None, "email": None, "phone": None, "tags": [],
               "notes": "line one\nline two, with ; and \\ and ü" * 5}
    text = card(contact)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = vobject.readOne(text)
    assert parsed.n.value.family == "Ça; Ltd, \\x"
    assert parsed.note.value == contact["notes"]
    assert parsed.org.value == [contact["organization"]]


def test_fold_never_splits_a_character():
    line = "NOTE:" + "é" * 100
    folded = fold(line)
    pieces = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert "".join(pieces) == line + "\r\n"


def test_the_organizations_country_is_on_the_card_and_reads_back(people_cli: Cli, tmp_path):
    """The organization's country, which the csv, json and Outlook layouts carry, is a work
    address of the country's name alone; a card without one has no ADR. Imported, the card
    gives the new organization that country."""
    people_cli.ok("org", "edit", "European Union", "--country", "BE")
    path = tmp_path / "contacts.vcf"
    people_cli.ok("export", "contacts", "--profile", "vcard", "-o", str(path))
    cards = {c.fn.value: c for c in vobject.readComponents(path.read_text())}
    adr = cards["H.E. Mr. Jean-François Cautain"].adr
    assert (adr.type_param, adr.value.country, adr.value.street, adr.value.city) == (
        "WORK", "Belgium", "", "")
    assert "adr" not in cards["Olga Ivanova"].contents
    people_cli.ok("person", "remove", "Jean-François Cautain", "--yes")
    people_cli.ok("org", "remove", "European Union", "--yes")
    people_cli.ok("import", "contacts", str(path))
    assert people_cli.ok("org", "show", "European Union", "--format", "json").stdout.count(
        '"country": "BE"') == 1


def test_a_mobile_or_home_number_is_typed_so_and_reads_back(people_cli: Cli, tmp_path):
    """Every number was marked TYPE=WORK, a mobile recorded as one too. A mobile is CELL and
    a home number HOME, as address books mark them, and each label goes beside its number
    (X-ABLabel, as Apple's and Google's cards write one). Read back, each has its label."""
    people_cli.ok("person", "edit", "Amina Qureshi", "--phone", "0300-1234567 (mobile)",
                  "--phone", "0300-1234568 (home)", "--phone", "051 2601462 (office)",
                  "--region", "PK")
    path = tmp_path / "contacts.vcf"
    people_cli.ok("export", "contacts", "--profile", "vcard", "-o", str(path))
    amina = {c.fn.value: c for c in vobject.readComponents(path.read_text())}["Amina Qureshi"]
    assert [(t.type_param, t.value) for t in amina.tel_list] == [
        ("WORK", "+92512601461"), ("CELL", "+923001234567"), ("HOME", "+923001234568"),
        ("WORK", "+92512601462")]
    labels = {x.group: x.value for x in amina.contents["x-ablabel"]}
    assert [labels.get(t.group) for t in amina.tel_list] == [None, "mobile", "home", "office"]
    before = _contact_points(people_cli)
    people_cli.ok("person", "remove", "Amina Qureshi", "--yes")
    people_cli.ok("import", "contacts", str(path))
    assert _contact_points(people_cli) == before
    assert [label for kind, _, label, _ in before if kind == "phone"] == [
        None, "mobile", "home", "office"]


def _contact_points(cli: Cli) -> list[tuple]:
    import json

    shown = json.loads(cli.ok("person", "show", "Amina Qureshi", "-f", "json").stdout)
    return [(c["kind"], c["value"], c["label"], c["primary"]) for c in shown["contact_points"]]


def test_the_organizations_sector_is_on_the_card_and_reads_back(people_cli: Cli, tmp_path):
    """The organization's sector, which the csv and json layouts carry, was left off the
    card: read back, a ministry was of sector "other". It is an X-STAKEHOLDERS-SECTOR, which
    an import reads as the organization's sector."""
    path = tmp_path / "contacts.vcf"
    people_cli.ok("export", "contacts", "--profile", "vcard", "-o", str(path))
    cards = {c.fn.value: c for c in vobject.readComponents(path.read_text())}
    assert cards["Amina Qureshi"].contents["x-stakeholders-sector"][0].value == "government"
    assert cards["Olga Ivanova"].contents["x-stakeholders-sector"][0].value == "media"
    people_cli.ok("person", "remove", "Amina Qureshi", "--yes")
    people_cli.ok("org", "remove", "Ministry of Interior", "--yes")
    people_cli.ok("import", "contacts", str(path))
    shown = people_cli.ok("org", "show", "Ministry of Interior", "--format", "json").stdout
    assert '"sector": "government"' in shown
