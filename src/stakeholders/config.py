"""Where the database is: ``--db``, else ``STAKEHOLDERS_DB``, else a SQLite file in the user data
directory. Pure string work: importing this module pulls in neither SQLAlchemy nor Alembic."""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV_DB = "STAKEHOLDERS_DB"
ENV_REGION = "STAKEHOLDERS_REGION"
APP_NAME = "stakeholders"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "stakeholders.db"


def resolve_url(option: str | None = None) -> str:
    """A SQLAlchemy URL from the option, the environment or the default file.

    A value without ``://`` is a file path meaning SQLite. ``postgresql://`` and ``postgres://``
    get the psycopg (v3) driver, the one the ``postgres`` extra installs. Any other kind of URL
    is refused (DatabaseError): those are the databases stakeholders is made and tested for.
    """
    from stakeholders.errors import DatabaseError

    # the variable set to nothing, or to only spaces, is unset (the shell's way of clearing it)
    value = option or os.environ.get(ENV_DB, "").strip() or str(default_database_path())
    if "://" not in value:
        if value.endswith(("/", os.sep)):  # the path would drop the slash and make a file
            raise DatabaseError(f"{value} is a folder, not a database file")
        try:
            path = Path(value).expanduser().absolute()
        except RuntimeError:  # ~user of no such user
            raise DatabaseError(f"cannot find the database {value!r}: there is no user "
                                f"{value.split('/', 1)[0][1:]!r}") from None
        _refuse_long_names(path)
        return sqlite_url(path)
    scheme, rest = value.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    if scheme not in SUPPORTED_SCHEMES:
        raise DatabaseError(
            f"unsupported database URL {display_url(value)!r} (use a SQLite file path, "
            "sqlite:///PATH or postgresql://…)"
        )
    if "?" in rest and scheme.startswith("sqlite"):  # ?mode=ro: the SQLite driver ignores
        # it, with a warning of two lines (a PostgreSQL URL's ?sslmode=require is the server's)
        raise DatabaseError(
            f"the database URL {display_url(value)!r} cannot be read (a SQLite file takes no "
            "options after '?': give sqlite:///PATH or just its path)")
    if scheme.startswith("sqlite") and rest in ("", "/", "/:memory:"):
        raise DatabaseError(f"the database at {display_url(value)} is in memory and would be "
                            "gone with the command; give a file path or a PostgreSQL URL")
    url = _home_expanded(value)
    if sqlite_path(url) is not None:
        _refuse_long_names(sqlite_path(url))
    return url


def _refuse_long_names(path: Path) -> None:
    """Refuse a path the system would refuse as too long (a name of over 255 bytes, as most
    file systems allow, or a path of over 4,096), rather than fail on it at first use."""
    from stakeholders.errors import DatabaseError

    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > 255 or len(os.fsencode(str(path))) > 4096:
        from stakeholders.text import shown

        raise DatabaseError(f"the database path {shown(str(path))} is too long: a name of "
                            "at most 255 bytes, a path of at most 4,096")


def _home_expanded(url: str) -> str:
    """A SQLite URL whose path starts with ``~`` or ``~user``, with that home folder in its
    place, as a plain path gets it: ``sqlite:///~/contacts.db`` is the file in the home
    folder, not one in a folder named ``~`` in the current one (``~user`` of no such user is
    refused). The rest of the path is kept as it is written (its escapes included)."""
    head, sep, path = url.partition(":///")
    if not sep or not path.startswith("~"):
        return url
    first, slash, rest = path.partition("/")
    home = os.path.expanduser(first)
    if home == first:  # no such user: as a plain path says
        from stakeholders.errors import DatabaseError

        raise DatabaseError(f"cannot find the database {path!r}: there is no user "
                            f"{first[1:]!r}")
    return f"{head}{sep}{_escaped(home)}{slash}{rest}"


SUPPORTED_SCHEMES = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")


def sqlite_url(path: Path | str) -> str:
    """The URL of the SQLite file at ``path``. A file's name may hold what a URL reads
    otherwise (``?`` starts options, ``%`` an escape, ``#`` a fragment): those are escaped, so
    the URL names that file and no other."""
    return "sqlite:///" + _escaped(str(path))


def _escaped(path: str) -> str:
    return path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite. Its
    escapes are read as SQLAlchemy reads them (``%3F`` is ``?``)."""
    from urllib.parse import unquote

    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(unquote(path))


def display_url(url: str) -> str:
    """The URL as it may be shown: the password, if any, replaced by ***. The password is all
    between the user's ``:`` and the URL's last ``@`` (a password typed without escapes may
    hold ``@`` and ``/``, as generated ones do), or a ``password=`` query parameter. A SQLite
    file is shown by its path as it is named, unescaped."""
    if is_sqlite(url) and "?" not in url and sqlite_path(url) is not None:
        return f"{url.split(':///', 1)[0]}:///{sqlite_path(url)}"
    url = re.sub(r"(://[^/:@]*:).*@", r"\1***@", url, flags=re.S)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")
