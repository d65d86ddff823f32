"""The fast paths bulk imports rely on give exactly what the general code gives."""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings, strategies as st

from stakeholders import validate
from stakeholders.text import clean, fold

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
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fold_fast_path_agrees(value):
    assert fold(value) == _slow_fold(value)


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
    from stakeholders.text import _INVISIBLE, _SPACE

    slow = _SPACE.sub(" ", unicodedata.normalize("NFC", value).translate(_INVISIBLE)).strip()
    assert clean(value) == slow
