"""Reading text files the way officers' tools write them: UTF-8 with or without a BOM, UTF-16
with a BOM (Excel's "Unicode Text", Word's "Unicode"), else cp1252 (Windows' "ANSI", old Excel and
Word), else Latin-1."""

from __future__ import annotations

import codecs

from stakeholders.errors import Invalid


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding used: the one asked for, else UTF-16 when a byte-order mark
    says so, else UTF-8, else cp1252, else Latin-1 (which decodes anything)."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise Invalid(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise Invalid(f"the file is not {encoding} (byte {e.start + 1})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text" (tab separated): the way it saves Urdu, Arabic or Chinese
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise Invalid(f"the file is not utf-16 (byte {e.start + 1})") from None
    for candidate in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(candidate), candidate.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover
