"""The benchmark's data generator builds consistent data through the real schema."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select

from stakeholders.models import Attendance, ContactPoint, Event, Person

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402


def test_generated_database_is_consistent(db_url):
    generate.fill_database(db_url, events=5, n_people=200, attendances=400)
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            count = lambda m: conn.scalar(select(func.count()).select_from(m))  # noqa: E731
            assert (count(Event), count(Person), count(ContactPoint)) == (5, 200, 200)
            assert count(Attendance) == 400
            speakers = conn.scalar(select(func.count()).where(Attendance.role == "speaker"))
            assert speakers >= 5 * 4
    finally:
        engine.dispose()


def test_generated_csv_has_accents_and_repeats(tmp_path):
    path = tmp_path / "contacts.csv"
    generate.write_csv(str(path), 2000)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 2000
    assert any(not r["First Name"].isascii() or not r["Last Name"].isascii() for r in rows)
    assert len({r["Email"] for r in rows}) < 2000  # a few shared addresses, as in real sheets


def test_the_import_floor_copies_exactly_the_new_rows(tmp_path):
    """bench/floor_insert.py re-inserts what a database holds beyond its template."""
    import shutil
    import sqlite3
    import subprocess

    template, seeded, target = (tmp_path / n for n in ("empty.db", "seeded.db", "target.db"))
    run = [sys.executable, "-m", "stakeholders", "--db"]
    subprocess.run([*run, str(template), "init"], check=True, capture_output=True)
    subprocess.run([*run, str(seeded), "init", "--seed"], check=True, capture_output=True)
    shutil.copyfile(template, target)
    floor = Path(generate.__file__).with_name("floor_insert.py")
    subprocess.run([sys.executable, str(floor), str(seeded), str(template), str(target)],
                   check=True)
    query = ("select (select count(*) from people), (select count(*) from attendances), "
             "(select group_concat(full_name) from people)")
    with sqlite3.connect(seeded) as a, sqlite3.connect(target) as b:
        assert a.execute(query).fetchone() == b.execute(query).fetchone()
        assert b.execute("select count(*) from people").fetchone()[0] == 10
