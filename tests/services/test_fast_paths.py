"""The fast paths bulk imports rely on give exactly what the general code gives."""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings, strategies as st

from stakeholders import validate
from stakeholders.text import fold

_LOCAL = st.text(alphabet=st.sampled_from(list("aZ09._%+-!#ü")), min_size=1, max_size=12)
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
