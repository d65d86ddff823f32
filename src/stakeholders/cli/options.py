"""Command-line options that several nouns share (contacts, tags, notes, --yes), declared once
so that their names and help read the same everywhere. Typer only: no heavy imports."""

from typing import Annotated, Optional

import typer

Emails = Annotated[Optional[list[str]], typer.Option("--email", metavar="EMAIL", help="Email address (repeatable).")]
RemoveEmails = Annotated[Optional[list[str]], typer.Option(
    "--remove-email", metavar="EMAIL", help="Email address to remove (repeatable).")]
Phones = Annotated[Optional[list[str]], typer.Option("--phone", metavar="PHONE", help="Phone number (repeatable).")]
RemovePhones = Annotated[Optional[list[str]], typer.Option(
    "--remove-phone", metavar="PHONE", help="Phone number to remove (repeatable).")]
Region = Annotated[Optional[str], typer.Option(
    "--region", metavar="CC", help="Country of national phone numbers. Default: $STAKEHOLDERS_REGION.")]
Tags = Annotated[Optional[list[str]], typer.Option("--tag", metavar="TAG", help="A label (repeatable).")]
Untags = Annotated[Optional[list[str]], typer.Option(
    "--untag", metavar="TAG", help="A label to take off (repeatable).")]
TagFilter = Annotated[Optional[str], typer.Option("--tag", metavar="TAG", help="Only those with this tag.")]
NewName = Annotated[Optional[str], typer.Option("--name", metavar="NAME", help="New name.")]
Note = Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Free text.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")]
