"""Command-line options that several nouns share (contacts, tags, notes, --yes), declared once
so that their names and help read the same everywhere. Typer only: no heavy imports."""

from pathlib import PurePath
from typing import Annotated, Any, Optional

import typer

from stakeholders.validate import MAX_INTEGER

Emails = Annotated[Optional[list[str]], typer.Option("--email", metavar="EMAIL", help="Email address (repeatable).")]
RemoveEmails = Annotated[Optional[list[str]], typer.Option(
    "--remove-email", metavar="EMAIL", help="Email address to remove (repeatable).")]
Phones = Annotated[Optional[list[str]], typer.Option("--phone", metavar="PHONE", help=(
    'Phone number (repeatable); a remark after it is its label: "0300-1234567 (WhatsApp)".'))]
RemovePhones = Annotated[Optional[list[str]], typer.Option(
    "--remove-phone", metavar="PHONE", help="Phone number to remove (repeatable).")]
Tags = Annotated[Optional[list[str]], typer.Option("--tag", metavar="TAG", help="A label (repeatable).")]
# --remove-tag as every other --remove-X; --untag, its first name, still works
Untags = Annotated[Optional[list[str]], typer.Option(
    "--remove-tag", "--untag", metavar="TAG", help="A label to take off (repeatable).")]


def _is_empty(value: Any) -> bool:
    """Whether a value given on the command line is empty or spaces alone. A file name given ""
    arrives as "." (Click refuses a real "." where a file, not a folder, is wanted)."""
    if value is None:
        return False
    if isinstance(value, PurePath):
        return str(value) == "." or not str(value).strip()
    return not str(value).strip()


def refuse_empty(what: str) -> Any:
    """A callback refusing an empty value (or one of several) as a usage error: "give {what}"."""
    def check(value: Any) -> Any:
        given = value if isinstance(value, (list, tuple)) else (value,)
        if any(_is_empty(v) for v in given):
            raise typer.BadParameter(f"it is empty; give {what}")
        return value

    return check

Region = Annotated[Optional[str], typer.Option(
    "--region", metavar="CC", help="Country of national phone numbers. Default: $STAKEHOLDERS_REGION, else the "
    "organization's country.", callback=refuse_empty("a country code such as PK"))]


def filter_option(*names: str, **kwargs: Any) -> Any:
    """An option that narrows what a list, report or export shows: an empty value is a usage
    error, not a filter that keeps everything. (An ``edit`` option given "" clears a field:
    declare those with ``typer.Option``.)"""
    return typer.Option(*names, callback=refuse_empty("a value, or leave the option out"),
                        **kwargs)


#: What a reference names when its declaration does not say.
ID_OR_NAME = "an id or a name"
ID_EMAIL_OR_NAME = "an id, an email or a name"


def reference_argument(help: str, *, what: str = ID_OR_NAME, **kwargs: Any) -> Any:
    """An argument naming a record (or a file, a revision, a text to look for): given ""
    (an unset variable, say), it is a usage error, not a lookup of the empty string, which
    names nothing, or, read as words of a name, anything."""
    kwargs.setdefault("show_default", False)
    return typer.Argument(help=help, callback=refuse_empty(what), **kwargs)


def reference_option(*names: str, what: str = ID_OR_NAME, **kwargs: Any) -> Any:
    """An option naming a record where "" cannot mean "none" (``person add --org``,
    ``assess --campaign``): an empty value is a usage error, as for
    :func:`reference_argument`. (In an ``edit`` command "" clears a field: declare those
    with ``typer.Option``.)"""
    return typer.Option(*names, callback=refuse_empty(what), **kwargs)


TagFilter = Annotated[Optional[str], filter_option("--tag", metavar="TAG", help="Only those with this tag.")]
NewName = Annotated[Optional[str], typer.Option("--name", metavar="NAME", help="New name.")]
Note = Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Free text.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")]


def _record_id(value: str) -> int:
    """A record's id as the references write it: 12 or #12 (``#`` always means an id)."""
    text = str(value).strip()
    digits = text[1:] if text.startswith("#") else text
    if not digits.isdigit():
        raise typer.BadParameter(f"{value!r} is not an id (a number such as 12, or #12)")
    if int(digits) > MAX_INTEGER:
        raise typer.BadParameter(f"{value} is past the largest id ({MAX_INTEGER})")
    return int(digits)


def record_id(help: str):
    """An argument naming a record by its id alone (a follow-up, a merge, an import batch)."""
    return Annotated[int, typer.Argument(help=help, show_default=False, parser=_record_id)]
