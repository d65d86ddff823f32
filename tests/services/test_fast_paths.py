"""The fast paths bulk imports rely on give exactly what the general code gives."""

from __future__ import annotations

import re
import unicodedata

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings, strategies as st

from stakeholders import validate
from stakeholders.text import clean, fold, same_words

#: The regular expression clean() and fold() used before their faster split-and-join.
_SPACE = re.compile(r"\s+")

_LOCAL = st.text(alphabet=st.sampled_from(list("aZ09._%+-!#ü")), min_size=1, max_size=12) | (
    st.sampled_from(["Info", "POSTMASTER", "abuse", "Sales", "webmaster", "Jane.Doe"]))
_LABEL = st.text(alphabet=st.sampled_from(list("aZ09-")), min_size=1, max_size=8)
_TLD = st.sampled_from(["org", "COM", "pk", "c", "test", "localhost", "xn--p1ai", "1a", "io"])


@settings(max_examples=400)
@given(local=_LOCAL, labels=st.lists(_LABEL, min_size=1, max_size=3), tld=_TLD)
def test_plain_email_fast_path_agrees_with_email_validator(local, labels, tld):
    address = f"{local}@{'.'.join(labels + [tld])}"
    fast = validate._plain_email(address)
    if fast is None:
        return  # left to email-validator
    try:
        expected = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    assert fast == expected


def _slow_fold(value: str) -> str:
    from stakeholders.text import _INVISIBLE

    decomposed = unicodedata.normalize("NFKD", value.translate(_INVISIBLE))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fold_fast_path_agrees(value):
    assert fold(value) == _slow_fold(value)


@pytest.mark.parametrize(("text", "key"), [
    ("Jørgen Støre", "jorgen store"), ("ØRSTED", "orsted"), ("Ǿrsted", "orsted"),
    ("Ærø", "aero"), ("Ǽbel", "aebel"), ("Łukasz Wałęsa", "lukasz walesa"), ("Þór", "thor"),
    ("Đorđe", "dorde"), ("ılık", "ilik"), ("Œuvre", "oeuvre"),
])
def test_letters_without_an_accent_to_take_off_fold_one_way(text, key):
    """A letter with no decomposition folds as it is typed without it, and so does the same
    letter with an accent on it (ǿ is ø and an acute)."""
    assert fold(text) == key


@settings(max_examples=300)
@given(code=st.sampled_from(["1", "44", "92", "39", "7", "33", "49", "234", "880", "61"]),
       national=st.text(alphabet=st.sampled_from(list("0123456789")), min_size=5, max_size=12))
def test_e164_fast_path_agrees_with_phonenumbers(code, national):
    import phonenumbers

    raw = f"+{code}{national}"
    if not validate._E164.match(raw) or not validate._valid_e164(raw):
        return  # left to the parser
    number = phonenumbers.parse(raw, None)
    assert phonenumbers.is_valid_number(number)
    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == raw


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_clean_fast_path_agrees(value):
    from stakeholders.text import _INVISIBLE

    slow = _SPACE.sub(" ", unicodedata.normalize("NFC", value).translate(_INVISIBLE)).strip()
    assert clean(value) == slow


def _single_region_codes() -> list[int]:
    import phonenumbers

    return sorted(code for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
                  if len(regions) == 1)


def _example_numbers(code: int) -> list[str]:
    """Every example number phonenumbers has for a calling code, and near misses of each."""
    import phonenumbers
    from phonenumbers import PhoneNumberType

    region = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code][0]
    found = set()
    for kind in PhoneNumberType.values():
        example = (phonenumbers.example_number_for_non_geo_entity(code) if region == "001"
                   else phonenumbers.example_number_for_type(region, kind))
        if example is not None:
            found.add(str(example.national_number))
    variants = set(found)
    for nsn in found:
        variants |= {nsn[:-1], nsn + "5", nsn[:-1] + str(9 - int(nsn[-1])),
                     str(9 - int(nsn[0])) + nsn[1:] if nsn[0] != "9" else nsn}
    return sorted(v for v in variants if v and not v.startswith("0"))


def test_compiled_number_rules_agree_with_phonenumbers_for_every_calling_code():
    import phonenumbers

    checked = 0
    for code in _single_region_codes():
        rules = validate._number_rules(code)
        assert rules is not None
        for nsn in _example_numbers(code):
            number = phonenumbers.PhoneNumber(country_code=code, national_number=int(nsn))
            assert validate._is_valid_national(nsn, rules) == \
                phonenumbers.is_valid_number(number), (code, nsn)
            checked += 1
    assert checked > 1000
    assert validate._number_rules(1) is None  # shared by several regions: the library decides


def _library_valid_e164(raw: str) -> bool:
    """What ``validate._valid_e164`` decides, asking the library for every number."""
    import phonenumbers

    digits = raw[1:]
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            if digits[size:].startswith("0"):
                return False
            number = phonenumbers.PhoneNumber(country_code=code,
                                              national_number=int(digits[size:]))
            return phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number)
    return False


@settings(max_examples=500)
@given(code=st.sampled_from(_single_region_codes() + [1, 7, 44]),
       national=st.text(alphabet=st.sampled_from(list("0123456789")), min_size=4, max_size=13))
def test_e164_fast_path_agrees_with_phonenumbers_everywhere(code, national):
    raw = f"+{code}{national}"
    if validate._E164.match(raw):
        assert validate._valid_e164(raw) == _library_valid_e164(raw)


@given(st.text())
def test_clean_and_fold_collapse_whitespace_as_the_regular_expression_does(value):
    from stakeholders.text import _FOLDED, _INVISIBLE, LETTERS

    slow = _SPACE.sub(" ", unicodedata.normalize("NFC", value).translate(_INVISIBLE)).strip()
    assert clean(value) == slow
    decomposed = unicodedata.normalize("NFKD", value.translate(_FOLDED))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(LETTERS)
    assert fold(value) == _SPACE.sub(" ", stripped.casefold()).strip()


@given(st.text(alphabet=st.sampled_from(list("ab,\"\r\n\x85\u2028\x0c"))))
def test_csv_lines_are_those_a_string_buffer_reads(value):
    import io

    from stakeholders.io.csv_in import lines

    assert list(lines(value)) == list(io.StringIO(value, newline=""))


@pytest.mark.parametrize(("one", "other", "same"), [
    ("we must act.", "we must act!", True),
    ("yes, now", "yes now", True),
    ("我们，必须行动。", "我们必须行动", True),
    ("?!", "? !", True),
    ("?!", "?", False),
    ("we must act", "we must not act", False),
])
def test_same_words_leaves_punctuation_and_spacing_aside(one, other, same):
    assert (same_words(one) == same_words(other)) is same
