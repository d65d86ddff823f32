"""pytest-alembic's built-in migration tests on the test database (SQLite or PostgreSQL), and
a data-carrying test: data written at any revision survives the upgrade to head.

The built-in tests are imported here rather than collected by the plugin (its collector fails
on recent pytest; see pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_alembic.tests import (  # noqa: F401 - collected as tests of this module
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import MetaData
from sqlalchemy.engine import Engine

from stakeholders import migrations
from stakeholders.db import make_engine
from stakeholders.services.copy import rows, tables


@pytest.fixture
def alembic_config():
    from pytest_alembic.config import Config

    return Config(config_options={"script_location": str(migrations.script_location())})


@pytest.fixture
def alembic_engine(blank_url: str) -> Iterator[Engine]:
    """An empty database; foreign keys off on SQLite as for every migration (batch mode)."""
    engine = make_engine(blank_url, write=True, foreign_keys=False)
    yield engine
    engine.dispose()


def _contents(url: str) -> dict[str, list[dict]]:
    engine = make_engine(url, write=False)
    try:
        with engine.connect() as conn:
            return {t.name: [r for batch in rows(conn, t) for r in batch] for t in tables()}
    finally:
        engine.dispose()


def _fill_at_revision(url: str, data: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Insert ``data`` into the tables and columns that exist at the database's revision;
    return those columns per table."""
    engine = make_engine(url, write=True, foreign_keys=False)
    try:
        with engine.begin() as conn:
            present = MetaData()
            present.reflect(conn)
            kept = {}
            for table in tables():
                old = present.tables.get(table.name)
                if old is None or not data[table.name]:
                    continue
                kept[table.name] = [c.name for c in old.columns]
                conn.execute(old.insert(), [{c: r[c] for c in kept[table.name] if c in r}
                                            for r in data[table.name]])
            return kept
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", [r["revision"] for r in migrations.history()])
def test_data_written_at_a_revision_survives_the_upgrade_to_head(revision, seeded_url,
                                                                 spare_url):
    seed = _contents(seeded_url)
    migrations.upgrade(spare_url, revision, create=True)
    kept = _fill_at_revision(spare_url, seed)
    assert kept, "the seed filled no table"
    migrations.upgrade(spare_url, "head")
    after = _contents(spare_url)
    for name, columns in kept.items():
        expected = [{c: r[c] for c in columns if c in r} for r in seed[name]]
        assert [{c: r[c] for c in columns if c in r} for r in after[name]] == expected, name
