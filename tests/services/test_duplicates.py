"""Duplicate candidates: the signals find what they should, blocking keeps the scan small,
and pairs marked not-duplicate stay out."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from stakeholders.errors import Conflict, Invalid
from stakeholders.models import Affiliation, ContactPoint, Organization, Person
from stakeholders.services import duplicates, orgs, people
from stakeholders.vocab import MergeKind


def _pair_ids(scan):
    return {(p["name_a"], p["name_b"]): p for p in scan.pairs}


def test_similar_name_at_same_organization_is_found(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        people.add_person(s, "Ms. Shahida Gillani", org="UNODC")
    with session_factory(seeded_url) as s:
        found = _pair_ids(duplicates.people(s))
    pair = found[("Shahida Gilani", "Shahida Gillani")]
    assert pair["signals"] == ["similar name 97"]
    assert pair["score"] == 97


def test_a_name_transliterated_otherwise_at_the_same_organization_is_compared(
        seeded_url, session_factory):
    """'Mohammad Shafique' beside 'Muhammad Shifaque' of the same agency shared no block (no
    first three letters of a word alike), so no threshold could show the pair."""
    with session_factory(seeded_url) as s:
        people.add_person(s, "Mohammad Shafique", org="FIA")
    with session_factory(seeded_url) as s:
        pair = _pair_ids(duplicates.people(s, threshold=80))[
            ("Muhammad Shifaque", "Mohammad Shafique")]
    assert pair["signals"] == ["similar name 82"]


def test_different_people_at_different_organizations_are_not_paired(seeded_url,
                                                                   session_factory):
    with session_factory(seeded_url) as s:
        found = _pair_ids(duplicates.people(s))
        low = _pair_ids(duplicates.people(s, threshold=0))
    names = {frozenset(k) for k in found} | {frozenset(k) for k in low}
    assert frozenset({"Margaret Adamson", "Margaret Akullo"}) not in names


def test_same_name_without_titles_and_accents_and_same_email_and_phone(db_url,
                                                                      session_factory):
    with session_factory(db_url) as s:
        people.add_person(s, "H.E. Mr. Jean-François Cautain")
        people.add_person(s, "Jean-Francois CAUTAIN")
        people.add_person(s, "Amina Yusuf", emails=["a.yusuf@unodc.org"])
        people.add_person(s, "A. Yusuf", emails=["A.Yusuf@unodc.org"], phones=["+92 51 2601461"])
        people.add_person(s, "Bilal Raza", phones=["+92512601461"])
    with session_factory(db_url) as s:
        found = _pair_ids(duplicates.people(s))
    assert found[("Jean-François Cautain", "Jean-Francois CAUTAIN")]["signals"] == ["name 95"]
    assert found[("Amina Yusuf", "A. Yusuf")]["signals"] == ["email 100"]
    assert found[("A. Yusuf", "Bilal Raza")]["signals"] == ["phone 90"]
    assert len(found) == 3


def test_threshold_drops_weaker_signals_and_is_checked(db_url, session_factory):
    with session_factory(db_url) as s:
        people.add_person(s, "Amina Yusuf", phones=["+92512601461"])
        people.add_person(s, "Bilal Raza", phones=["+92512601461"])
        assert len(duplicates.people(s, threshold=90).pairs) == 1
        assert duplicates.people(s, threshold=91).pairs == []
        with pytest.raises(Invalid, match="between 0 and 100"):
            duplicates.people(s, threshold=101)


def test_not_duplicate_pairs_are_never_proposed_again(seeded_url, session_factory):
    with session_factory(seeded_url) as s:
        other = people.add_person(s, "Ms. Shahida Gillani", org="UNODC")
        mark = duplicates.mark_not_duplicate(s, MergeKind.PERSON, str(other.id), "Shahida Gilani")
        assert mark.low_id < mark.high_id
    with session_factory(seeded_url) as s:
        assert duplicates.people(s, threshold=0).pairs == []
        with pytest.raises(Conflict, match="already marked"):
            duplicates.mark_not_duplicate(s, MergeKind.PERSON, "Shahida Gilani", str(other.id))
        with pytest.raises(Invalid, match="same record"):
            duplicates.mark_not_duplicate(s, MergeKind.PERSON, "Shahida Gilani", "Shahida Gilani")


def test_forgotten_placeholders_are_never_proposed(db_url, session_factory):
    """Their names ("Forgotten person #1", "Forgotten person #2") read alike, and they keep
    their affiliations; they are nobody to merge."""
    from stakeholders.services import erasure

    with session_factory(db_url) as s:
        orgs.add_organization(s, "UNODC")
        ids = [people.add_person(s, "Amina Yusuf", org="UNODC").id for _ in range(2)]
        people.add_person(s, "Amina Yusof", org="UNODC")
        assert len(duplicates.people(s).pairs) == 3
        for pid in ids:
            erasure.forget(s, str(pid))
        assert duplicates.people(s, threshold=0).pairs == []


def test_organizations_by_folded_name_acronym_and_similarity(db_url, session_factory):
    with session_factory(db_url) as s:
        orgs.add_organization(s, "Federal Investigation Agency", acronym="FIA")
        orgs.add_organization(s, "The Federal Investigation Agency (Pakistan)")
        # a shared acronym is refused now; an older database may still hold one
        orgs.add_organization(s, "Fed. Investigation Agency").acronym = "fia"
        orgs.add_organization(s, "European Union")
    with session_factory(db_url) as s:
        found = _pair_ids(duplicates.organizations(s))
    assert found[("Federal Investigation Agency", "Fed. Investigation Agency")]["signals"] \
        == ["similar name 92", "acronym 85"]
    assert found[("Federal Investigation Agency", "The Federal Investigation Agency (Pakistan)")][
        "signals"] == ["similar name 86"]
    assert len(found) == 2


def test_an_acronym_written_with_dots_is_the_same_acronym(db_url, session_factory):
    """References tell "P.I.L.D.A.T." and PILDAT apart, so both may be recorded: the scan
    pairs them, as the same letters."""
    with session_factory(db_url) as s:
        orgs.add_organization(s, "Pakistan Institute of Legislative Development and "
                                 "Transparency", acronym="PILDAT")
        orgs.add_organization(s, "Legislative Development Institute Islamabad",
                              acronym="P.I.L.D.A.T.")
        orgs.add_organization(s, "Institute of Policy Studies", acronym="I.P.S.")
        orgs.add_organization(s, "Islamabad Policy Research Institute", acronym="IPRI")
    with session_factory(db_url) as s:
        found = _pair_ids(duplicates.organizations(s))
    assert list(found) == [("Pakistan Institute of Legislative Development and Transparency",
                            "Legislative Development Institute Islamabad")]
    assert found[list(found)[0]]["signals"] == ["acronym 85"]


def _generate(session, n_people: int, n_orgs: int) -> None:
    """Many people with realistic spread: few share an organization and a name prefix."""
    import random

    rng = random.Random(7)
    syllables = ["ka", "ri", "mo", "sa", "lu", "ne", "to", "bi", "da", "fe", "go", "hu", "ja",
                 "le", "mi", "no", "pa", "qu", "ro", "si", "ta", "vu", "wa", "ye", "zo"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).capitalize()

    session.execute(insert(Organization), [
        {"id": i, "name": f"Organization {i}", "name_key": f"organization {i}"}
        for i in range(1, n_orgs + 1)
    ])
    rows, affiliations = [], []
    for i in range(1, n_people + 1):
        given, family = word(), word()
        full = f"{given} {family}"
        rows.append({"id": i, "given_name": given, "family_name": family, "full_name": full,
                     "name_key": full.lower(), "family_key": family.lower()})
        affiliations.append({"person_id": i, "organization_id": rng.randint(1, n_orgs)})
    session.execute(insert(Person), rows)
    session.execute(insert(Affiliation), affiliations)


def test_blocking_compares_a_small_fraction_of_all_pairs(db_url, session_factory):
    n = 3000
    with session_factory(db_url) as s:
        _generate(s, n, n_orgs=60)
        twin = s.get(Person, 1)
        typo = twin.full_name[:-1] + ("x" if twin.full_name[-1] != "x" else "y")
        s.execute(insert(Person), [{"id": n + 1, "full_name": typo, "name_key": typo.lower(),
                                    "given_name": None, "family_name": None}])
        org = s.scalar(Affiliation.__table__.select().with_only_columns(
            Affiliation.organization_id).where(Affiliation.person_id == 1))
        s.execute(insert(Affiliation), [{"person_id": n + 1, "organization_id": org}])
        s.execute(insert(ContactPoint), [
            {"person_id": 10, "kind": "email", "value": "x@unodc.org", "value_key": "x@unodc.org"},
            {"person_id": 20, "kind": "email", "value": "X@unodc.org", "value_key": "x@unodc.org"},
        ])
    with session_factory(db_url) as s:
        scan = duplicates.people(s)
    all_pairs = (n + 1) * n // 2
    assert scan.comparisons < all_pairs / 100
    ids = {(p["id_a"], p["id_b"]) for p in scan.pairs}
    assert (1, n + 1) in ids
    assert (10, 20) in ids


def test_a_common_name_pairs_its_bearers_only_by_other_signals(db_url, session_factory):
    n = duplicates.COMMON_NAME + 1
    with session_factory(db_url) as s:
        s.execute(insert(Organization), [
            {"id": i, "name": f"Organization {i}", "name_key": f"organization {i}"}
            for i in range(1, n + 1)])
        s.execute(insert(Person), [
            {"id": i, "given_name": "Muhammad", "family_name": "Khan",
             "full_name": "Muhammad Khan", "name_key": "muhammad khan", "family_key": "khan"}
            for i in range(1, n + 1)])
        s.execute(insert(Affiliation), [{"person_id": i, "organization_id": i}
                                        for i in range(1, n + 1)])
        s.execute(insert(ContactPoint), [
            {"person_id": i, "kind": "phone", "value": "+92512601461",
             "value_key": "+92512601461"} for i in (1, 2)])
        s.execute(insert(Person), [
            {"id": 100 + i, "given_name": "Nicole", "family_name": "Guihot",
             "full_name": "Nicole Guihot", "name_key": "nicole guihot", "family_key": "guihot"}
            for i in (1, 2)])
    with session_factory(db_url) as s:
        pairs = {(p["id_a"], p["id_b"]): p["signals"] for p in duplicates.people(s).pairs}
    assert pairs == {(1, 2): ["phone 90"], (101, 102): ["name 95"]}
