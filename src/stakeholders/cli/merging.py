"""Duplicate finding, merge, unmerge and not-duplicate: the same four commands for people and
for organizations, made once here for each kind of record (see :func:`register`)."""

from typing import Annotated, Optional

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import FormatOption, info, new_id, session
from stakeholders.render import Format
from stakeholders.vocab import MergeKind, Preference

#: The noun in the command line for each kind ("stakeholders org merge").
NOUNS = {MergeKind.PERSON: "person", MergeKind.ORGANIZATION: "org"}

ThresholdOption = Annotated[
    int,
    typer.Option("--threshold", min=0, max=100,
                 help="Lowest score (0-100) of a pair to show."),
]
PreferOption = Annotated[
    Preference,
    typer.Option("--prefer", case_sensitive=False,
                 help="Whose value wins when both records have one."),
]


def _documented(command, summary: str, example: str):
    """Give a command made for one kind of record its help: a summary and an example."""
    command.__doc__ = f"{summary}\n\n\b\nExample: {example}\n"
    return command


def _duplicates(kind: MergeKind):
    def duplicates(
        ctx: typer.Context,
        threshold: ThresholdOption = 85,
        format: FormatOption = Format.TABLE,
    ) -> None:
        from stakeholders.render import write_rows
        from stakeholders.services import duplicates as service

        with session(ctx, write=False) as s:
            found = service.find(s, kind, threshold)
        write_rows(found.pairs, format,
                   ["id_a", "name_a", "id_b", "name_b", "score", "signals"])

    return _documented(
        duplicates,
        "List probable duplicates, each pair with the signals that matched.",
        f"stakeholders {NOUNS[kind]} duplicates --threshold 90",
    )


def _merge(kind: MergeKind):
    def merge(
        ctx: typer.Context,
        keep: Annotated[str, opt.reference_argument("The record that stays (id or name).")],
        other: Annotated[str, opt.reference_argument(
            "The record merged into KEEP, then removed.")],
        prefer: PreferOption = Preference.KEEP,
        role_from: Annotated[
            Optional[Preference],
            typer.Option("--role-from", case_sensitive=False, show_default=False,
                         help="Whose role wins when both attended one event in different "
                         "roles (the merge is refused otherwise)."),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show the result without changing anything."),
        ] = False,
        format: FormatOption = Format.TABLE,
    ) -> None:
        from stakeholders.render import write_record
        from stakeholders.services import merge as service

        with session(ctx, write=not dry_run) as s:
            result = service.merge(s, kind, keep, other, prefer=prefer, role_from=role_from,
                                   dry_run=dry_run)
        write_record(result, format)
        if dry_run:
            info("Dry run: nothing was changed.")
        else:
            info(f"Merged {result['removed']} into {result['kept']}; undo with "
                 f"`stakeholders {NOUNS[kind]} unmerge {result['merge']}`")

    return _documented(
        merge,
        "Merge OTHER into KEEP: everything moves to KEEP, OTHER is removed.",
        f"stakeholders {NOUNS[kind]} merge 12 31 --prefer other --dry-run",
    )


MergeId = opt.record_id("The merge's id (printed by merge).")


def _unmerge(kind: MergeKind):
    def unmerge(
        ctx: typer.Context,
        merge_id: MergeId,
    ) -> None:
        from stakeholders.services import merge as service

        with session(ctx, write=True) as s:
            result = service.unmerge(s, kind, merge_id)
        info(f"Undid merge {merge_id}: {result['restored']} is back, {result['kept']} as before")

    return _documented(
        unmerge,
        "Undo a merge exactly, as long as what it changed is unchanged since.",
        f"stakeholders {NOUNS[kind]} unmerge 3",
    )


def _not_duplicate(kind: MergeKind):
    def not_duplicate(
        ctx: typer.Context,
        a: Annotated[str, opt.reference_argument("One record (id or name).")],
        b: Annotated[str, opt.reference_argument("The other record.")],
    ) -> None:
        from stakeholders.services import duplicates as service

        with session(ctx, write=True) as s:
            mark = service.mark_not_duplicate(s, kind, a, b)
        new_id(mark.id, f"#{mark.low_id} and #{mark.high_id} will not be proposed as duplicates")

    return _documented(
        not_duplicate,
        "Say that two records are different, so they are not proposed again.",
        f"stakeholders {NOUNS[kind]} not-duplicate 7 9",
    )


def register(app: typer.Typer, kind: MergeKind) -> None:
    """Add duplicates, merge, unmerge and not-duplicate to a noun's app."""
    app.command("duplicates")(_duplicates(kind))
    app.command("merge")(_merge(kind))
    app.command("unmerge")(_unmerge(kind))
    app.command("not-duplicate")(_not_duplicate(kind))
