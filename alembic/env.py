"""Alembic environment for stakeholders.

Uses the connection handed over in ``config.attributes["connection"]`` (the application does
this; pytest-alembic hands over an engine there); otherwise connects to the database named by ``sqlalchemy.url`` or, as the
``stakeholders`` command does, by ``STAKEHOLDERS_DB`` / the default data file.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Engine

from stakeholders.config import resolve_url
from stakeholders.db import create_sqlite_file, make_engine
from stakeholders.config import sqlite_path
from stakeholders.models import Base

config = context.config
if config.config_file_name is not None and not config.attributes.get("connection"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )


def _run_on(connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or resolve_url(None),
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, Engine):  # pytest-alembic hands over its engine
        with connection.connect() as conn:
            _run_on(conn)
        return
    if connection is not None:
        _run_on(connection)
        return

    url = config.get_main_option("sqlalchemy.url") or resolve_url(None)
    path = sqlite_path(url)
    if path is not None:
        create_sqlite_file(path)
    engine = make_engine(url, write=True, foreign_keys=False)
    try:
        with engine.connect() as conn:
            _run_on(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
