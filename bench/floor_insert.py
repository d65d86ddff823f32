"""The floor under target 2: Python's own sqlite3 module inserting, with executemany in one
transaction, the rows an import wrote, into a fresh copy of the same schema and indexes. No
checks, no SQLAlchemy: what any importer written in Python pays to hand these rows to SQLite.

usage: floor_insert.py IMPORTED.db TEMPLATE.db TARGET.db (TARGET is a copy of TEMPLATE)
"""

import sqlite3
import sys


def counts(conn: sqlite3.Connection, schema: str) -> dict[str, int]:
    names = [n for (n,) in conn.execute(
        f"select name from {schema}.sqlite_master where type = 'table' "
        "and name not like 'sqlite_%'")]
    return {n: conn.execute(f'select count(*) from {schema}."{n}"').fetchone()[0]
            for n in names}


def main(imported: str, template: str, target: str) -> None:
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("ATTACH ? AS imported", (imported,))
    conn.execute("ATTACH ? AS template", (template,))
    before, after = counts(conn, "template"), counts(conn, "imported")
    conn.execute("BEGIN IMMEDIATE")
    for table, n in after.items():
        skip = before.get(table, 0)
        if n <= skip:
            continue
        rows = conn.execute(f'SELECT * FROM imported."{table}" LIMIT -1 OFFSET {skip}')
        width = len(rows.description)
        conn.executemany(f'INSERT INTO main."{table}" VALUES ({", ".join("?" * width)})',
                         rows.fetchall())
    conn.execute("COMMIT")


if __name__ == "__main__":
    main(*sys.argv[1:4])
