"""Migrations are the schema: one head, equal to the constant ordinary commands check against;
upgrade and downgrade work; autogenerate finds nothing left to do."""

from __future__ import annotations

from sqlalchemy import inspect

from stakeholders import db, migrations
from stakeholders.models import Base


def test_head_constant_matches_the_scripts():
    assert migrations.head_revision() == db.HEAD_REVISION


def test_upgrade_creates_every_model_table_and_downgrade_removes_them(blank_url):
    migrations.upgrade(blank_url, "head", create=True)
    engine = db.make_engine(blank_url)
    try:
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
        assert db.current_revision(engine) == db.HEAD_REVISION
    finally:
        engine.dispose()
    migrations.downgrade(blank_url, "base")
    engine = db.make_engine(blank_url)
    try:
        assert not set(Base.metadata.tables) & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_autogenerate_finds_nothing_to_do(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        engine.dispose()
