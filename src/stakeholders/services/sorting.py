"""Ordering that reads the same on SQLite and PostgreSQL.

PostgreSQL sorts text by the database's locale (which skips spaces and hyphens), SQLite byte by
byte; lists and search results must come out in one order on both, so folded keys are compared
byte-wise ("C" collation) on PostgreSQL too.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import String


class bytewise(FunctionElement):  # noqa: N801 - reads as a SQL function
    """``bytewise(col)``: the column, compared byte by byte on every database."""

    type = String()
    inherit_cache = True


@compiles(bytewise)
def _plain(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(bytewise, "postgresql")
def _c_collation(element, compiler, **kw) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "C"'


def by_family_name(family_key, name_key) -> tuple:
    """People by family name, else by name (for one recorded without a family name, whom
    SQLite would put first and PostgreSQL last), then by name, byte-wise on every database."""
    return bytewise(func.coalesce(family_key, name_key)), bytewise(name_key)

