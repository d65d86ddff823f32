"""Reading text files the way officers' tools write them: UTF-8 with or without a BOM, UTF-16
with a BOM (Excel's "Unicode Text", Word's "Unicode"), else cp1252 (Windows' "ANSI", old Excel and
Word), the five bytes cp1252 leaves undefined read as Latin-1 reads them. A UTF-8 file with a few
lines that are not (rows typed on in an older Excel, or pasted from another file) is read line by
line: UTF-8 where a line is, and where it is not, its bytes that are not UTF-8 as cp1252."""

from __future__ import annotations

import codecs

from stakeholders.errors import Invalid

def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


#: cp1252's character for every byte, a byte it leaves undefined (0x81, 0x8D, 0x8F, 0x90,
#: 0x9D) as Latin-1 reads it: one of them does not turn the whole file to Latin-1, and every
#: €, curly quote and dash of it to a control character.
_CP1252 = "".join(_cp1252_char(b) for b in range(256))

#: How many lines read as cp1252 in a UTF-8 file are named.
_NAMED_LINES = 3


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding used: the one asked for, else UTF-16 when a byte-order mark
    says so, else UTF-8, else UTF-8 line by line with the lines that are not read as cp1252
    (when some line holds UTF-8's own characters), else cp1252, which decodes anything."""
    if encoding:
        return _asked(data, encoding), encoding
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text" (tab separated): the way it saves Urdu, Arabic or Chinese
        return _asked(data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _mixed(data) or (_cp1252(data), "cp1252")


def _asked(data: bytes, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise Invalid(f"unknown encoding {encoding!r}") from None
    if name == "cp1252":
        return _cp1252(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        if name.startswith(("utf-16", "utf-32")):  # lines are not counted in bytes
            raise Invalid(f"the file is not {encoding} (byte {e.start + 1})") from None
        line = data.count(b"\n", 0, e.start) + 1
        raise Invalid(f"the file is not {encoding}: byte 0x{data[e.start]:02X} on line "
                      f"{line}") from None


def _cp1252(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _CP1252)[0]


def _mixed(data: bytes) -> tuple[str, str] | None:
    """The text of a UTF-8 file some of whose lines are cp1252, and what was used; None when
    no line that is UTF-8 holds more than ASCII (then nothing says the file is UTF-8)."""
    lines = data.split(b"\n")
    other: list[int] = []
    utf8 = False
    for n, line in enumerate(lines):
        try:
            text = line.decode("utf-8-sig" if n == 0 else "utf-8")
        except UnicodeDecodeError:
            other.append(n)
            lines[n] = _utf8_else_cp1252(line)
            continue
        utf8 = utf8 or not text.isascii()
        lines[n] = text
    if not utf8:
        return None
    named = ", ".join(str(n + 1) for n in other[:_NAMED_LINES])
    more = f" and {len(other) - _NAMED_LINES} more" if len(other) > _NAMED_LINES else ""
    which = f"line {named}" if len(other) == 1 else f"lines {named}{more}"
    return "\n".join(lines), f"utf-8, {which} as cp1252"


def _utf8_else_cp1252(line: bytes) -> str:
    """A line read as UTF-8 where it is, its other bytes as cp1252: a name pasted from a
    UTF-8 file into a row typed in cp1252 is read whole."""
    parts = []
    while True:
        try:
            parts.append(line.decode("utf-8"))
            return "".join(parts)
        except UnicodeDecodeError as e:
            parts.append(line[:e.start].decode("utf-8"))
            parts.append(_cp1252(line[e.start:e.end]))
            line = line[e.end:]
