"""Migrations are the schema: one head, equal to the constant ordinary commands check against;
upgrade and downgrade work; autogenerate finds nothing left to do."""

from __future__ import annotations

from sqlalchemy import inspect

from stakeholders import db, migrations
from stakeholders.models import Base
from tests.conftest import Cli


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


def test_downgrading_the_audit_runs_spells_every_record_out_in_order(blank_url):
    """0005 stores runs of ids; going back to 0004 gives one row per record, in the order the
    log listed them."""
    from sqlalchemy import text

    migrations.upgrade(blank_url, "0005", create=True)
    engine = db.make_engine(blank_url, write=True)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO audit_log (id, at, os_user, command) "
                              "VALUES (1, CURRENT_TIMESTAMP, 'u', 'export contacts'), "
                              "(2, CURRENT_TIMESTAMP, 'u', 'person edit')"))
            conn.execute(text(
                "INSERT INTO audit_records (entry_id, record_type, record_id, last_id, action) "
                "VALUES (1, 'person', 7, 9, 'export'), (1, 'person', 3, 3, 'export'), "
                "(2, 'tag', 1, 2, 'update')"))
    finally:
        engine.dispose()
    migrations.downgrade(blank_url, "0004")
    engine = db.make_engine(blank_url, write=True)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT entry_id, record_type, record_id, action "
                                     "FROM audit_records ORDER BY id")).all()
            assert "last_id" not in {c["name"] for c in inspect(conn).get_columns("audit_records")}
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [
        (1, "person", 7, "export"), (1, "person", 8, "export"), (1, "person", 9, "export"),
        (1, "person", 3, "export"), (2, "tag", 1, "update"), (2, "tag", 2, "update")]
    migrations.upgrade(blank_url, "head")


def test_a_deleted_id_is_never_handed_out_again(seeded_url):
    """SQLite would give the highest id out again (PostgreSQL's sequences never do): the
    audit trail, merges and not-duplicate marks naming the old record would name the new."""
    cli = Cli(seeded_url)
    last = int(cli.ok("person", "add", "Amina Yusuf").stdout)
    cli.ok("person", "remove", str(last), "--yes")
    assert int(cli.ok("person", "add", "Bilal Raza").stdout) == last + 1
    assert int(cli.ok("org", "add", "Press Club").stdout) == 11
    cli.ok("org", "merge", "10", "11")
    assert int(cli.ok("org", "add", "Press Club").stdout) == 12


def _autoincrement_tables(url: str) -> set[str]:
    from sqlalchemy import text

    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return {name for (name,) in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                "'%AUTOINCREMENT%'"))}
    finally:
        engine.dispose()


def test_0006_gives_sqlite_tables_autoincrement_counting_on_from_every_id_used(blank_url):
    """Rows, indexes and constraints survive the rebuild; the counters start past the
    highest id in a table and past any id the audit trail or a merge names (a record
    deleted before the upgrade)."""
    from sqlalchemy import text

    from tests.dumps import dump

    if not blank_url.startswith("sqlite"):
        migrations.upgrade(blank_url, "head", create=True)  # nothing to rebuild: no-op
        migrations.downgrade(blank_url, "0005")
        return
    migrations.upgrade(blank_url, "0005", create=True)
    engine = db.make_engine(blank_url, write=True)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO people (id, full_name, name_key) "
                              "VALUES (3, 'Amina Yusuf', 'amina yusuf')"))
            conn.execute(text("INSERT INTO tags (id, name, name_key) VALUES (1, 'press', 'press')"))
            conn.execute(text("INSERT INTO person_tags (person_id, tag_id) VALUES (3, 1)"))
            conn.execute(text("INSERT INTO audit_log (id, at, os_user, command) "
                              "VALUES (1, CURRENT_TIMESTAMP, 'u', 'person remove')"))
            conn.execute(text(
                "INSERT INTO audit_records (entry_id, record_type, record_id, last_id, action) "
                "VALUES (1, 'person', 4, 4, 'delete')"))
            conn.execute(text("INSERT INTO merges (record_type, kept_id, removed_id, payload) "
                              "VALUES ('person', 3, 9, '{}')"))
    finally:
        engine.dispose()
    before = dump(blank_url)
    migrations.upgrade(blank_url, "head")
    after = dump(blank_url)  # with the tables later revisions add
    assert {name: after[name] for name in before} == before
    assert _autoincrement_tables(blank_url) == {
        t.name for t in Base.metadata.tables.values()
        if [c.name for c in t.primary_key.columns] == ["id"]}
    assert int(Cli(blank_url).ok("person", "add", "Bilal Raza").stdout) == 10
    migrations.downgrade(blank_url, "0005")
    assert _autoincrement_tables(blank_url) == set()
    migrations.upgrade(blank_url, "head")


def test_0007_refolds_typographic_keys_and_never_fails_on_a_taken_one(blank_url):
    """Keys stored before 0007 kept curly apostrophes; after it, the typed form finds the
    record. An organization whose new key another already holds keeps its old one."""
    import json

    from sqlalchemy import text

    migrations.upgrade(blank_url, "0006", create=True)
    engine = db.make_engine(blank_url, write=True)
    try:
        with engine.begin() as conn:
            _organizations_as_stored(conn, ((1, "United Nations Children\u2019s Fund", None),
                                            (2, "Save the Children\u2019s Trust", None),
                                            (3, "Save the Children's Trust", None)))
            conn.execute(text(
                "INSERT INTO people (id, given_name, family_name, full_name, name_key, family_key, "
                "do_not_email, do_not_contact, created_at, updated_at) VALUES (1, 'Se\u00e1n', "
                "'O\u2019Neill', 'Se\u00e1n O\u2019Neill', 'sean o\u2019neill', 'o\u2019neill', "
                "false, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    finally:
        engine.dispose()
    migrations.upgrade(blank_url, "head")
    cli = Cli(blank_url)
    shown = json.loads(cli.ok("org", "show", "United Nations Children's Fund", "-f", "json").stdout)
    assert shown["id"] == 1
    assert json.loads(cli.ok("person", "show", "Sean O'Neill", "-f", "json").stdout)["id"] == 1
    assert json.loads(cli.ok("org", "show", "Save the Children's Trust", "-f", "json").stdout)[
        "id"] == 3
    assert json.loads(cli.ok("org", "show", "#2", "-f", "json").stdout)["name"] == (
        "Save the Children\u2019s Trust")
    migrations.downgrade(blank_url, "0006")
    migrations.upgrade(blank_url, "head")


def _organizations_as_stored(conn, organizations) -> None:
    """Insert (id, name, acronym) organizations with their keys as an earlier version stored
    them: the text in lower case."""
    from sqlalchemy import text

    for ident, name, acronym in organizations:
        conn.execute(text(
            "INSERT INTO organizations (id, name, name_key, acronym, acronym_key, sector, "
            "created_at, updated_at) VALUES (:i, :n, :k, :a, :ak, 'other', CURRENT_TIMESTAMP, "
            "CURRENT_TIMESTAMP)"),
            {"i": ident, "n": name, "k": name.lower(), "a": acronym,
             "ak": acronym.lower() if acronym else None})


def test_0008_folds_the_summaries_and_follow_ups_already_logged(blank_url):
    """Interactions and follow-ups written before 0008 are found by search after it; the
    rebuilt SQLite tables keep their rows, AUTOINCREMENT and cascades; the downgrade drops
    the keys and keeps the rows."""
    import json

    from sqlalchemy import text

    from tests.dumps import dump

    migrations.upgrade(blank_url, "0007", create=True)
    engine = db.make_engine(blank_url, write=True)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO people (id, full_name, name_key, do_not_email, "
                              "do_not_contact, created_at, updated_at) VALUES (1, 'Amina "
                              "Yusuf', 'amina yusuf', false, false, CURRENT_TIMESTAMP, "
                              "CURRENT_TIMESTAMP)"))
            for ident in range(1, 7002):  # past one chunk of the fill
                conn.execute(text(
                    "INSERT INTO interactions (id, kind, date, summary, created_at, updated_at) "
                    "VALUES (:i, 'meeting', '2026-11-02', :s, CURRENT_TIMESTAMP, "
                    "CURRENT_TIMESTAMP)"),
                    {"i": ident, "s": f"Signed the MoU with the Ministère #{ident}"})
            conn.execute(text("INSERT INTO interaction_participants (id, interaction_id, "
                              "person_id, created_at, updated_at) VALUES (1, 7001, 1, "
                              "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
            conn.execute(text("INSERT INTO follow_ups (id, interaction_id, text, due_date, "
                              "created_at, updated_at) VALUES (1, 7001, 'Send the Dari "
                              "translation', '2026-12-01', CURRENT_TIMESTAMP, "
                              "CURRENT_TIMESTAMP)"))
    finally:
        engine.dispose()
    before = dump(blank_url)
    migrations.upgrade(blank_url, "head")
    after = dump(blank_url)
    assert len(after["interactions"]) == 7001 and len(after["follow_ups"]) == 1
    assert after["interaction_participants"] == before["interaction_participants"]
    cli = Cli(blank_url)
    hits = json.loads(cli.ok("search", "ministere #7001", "-f", "json").stdout)
    assert [(h["kind"], h["id"], h["detail"]) for h in hits] == [
        ("interaction", 7001, "meeting, 2026-11-02, with Amina Yusuf")]
    assert [(h["kind"], h["id"]) for h in json.loads(
        cli.ok("search", "DARI", "-f", "json").stdout)] == [("follow-up", 1)]
    if blank_url.startswith("sqlite"):
        assert {"interactions", "follow_ups"} <= _autoincrement_tables(blank_url)
    cli.ok("interaction", "remove", "7001", "--yes")  # the cascade survived the rebuild
    assert dump(blank_url)["follow_ups"] == []
    migrations.downgrade(blank_url, "0007")
    assert len(dump(blank_url)["interactions"]) == 7000
    migrations.upgrade(blank_url, "head")


def _people_as_stored(url: str, revision: str, people: list[tuple]) -> None:
    """A database at ``revision`` holding ``people`` as (id, title, given, family, full name,
    name key) rows, written as an earlier version stored them."""
    from sqlalchemy import text

    migrations.upgrade(url, revision, create=True)
    engine = db.make_engine(url, write=True)
    try:
        with engine.begin() as conn:
            for ident, title, given, family, full, key in people:
                conn.execute(text(
                    "INSERT INTO people (id, title, given_name, family_name, full_name, name_key, "
                    "family_key, do_not_email, do_not_contact, created_at, updated_at) VALUES "
                    "(:i, :t, :g, :f, :n, :k, :fk, false, false, CURRENT_TIMESTAMP, "
                    "CURRENT_TIMESTAMP)"),
                    {"i": ident, "t": title, "g": given, "f": family, "n": full, "k": key,
                     "fk": family.lower()})
    finally:
        engine.dispose()


def _shown(url: str):
    """``shown(ref)``: the person's (id, title, given, family, full name) as `person show`
    gives them."""
    import json

    cli = Cli(url)

    def shown(ref: str) -> tuple:
        p = json.loads(cli.ok("person", "show", ref, "-f", "json").stdout)
        return p["id"], p["title"], p["given_name"], p["family_name"], p["full_name"]
    return shown


def test_0009_moves_a_south_asian_title_off_the_given_name(blank_url):
    """People recorded before the parser knew "Begum" or "Engr." keep their name and get the
    title apart, as someone added now would: found without it, listed by the same key."""
    _people_as_stored(blank_url, "0008", [  # as the earlier parser stored them
        (1, None, "Begum Nusrat", "Bhutto", "Begum Nusrat Bhutto", "begum nusrat bhutto"),
        (2, None, "Ali", "Raza", "Engr. Ali Raza", "ali raza"),
        (3, "Dr.", "Begum Shahnaz", "Khan", "Begum Shahnaz Khan", "begum shahnaz khan"),
        (4, None, None, "Begum", "Begum", "begum"),
        (5, None, "Shahnaz", "Begum", "Shahnaz Begum", "shahnaz begum"),
        (6, None, "Begumova", "Aliya", "Begumova Aliya", "begumova aliya"),
    ])
    migrations.upgrade(blank_url, "head")
    shown = _shown(blank_url)
    assert shown("Nusrat Bhutto") == (1, "Begum", "Nusrat", "Bhutto", "Nusrat Bhutto")
    assert shown("Begum Nusrat Bhutto")[0] == 1
    assert shown("Ali Raza") == (2, "Engr.", "Ali", "Raza", "Ali Raza")
    assert shown("Shahnaz Khan") == (3, "Dr. Begum", "Shahnaz", "Khan", "Shahnaz Khan")
    assert shown("#4") == (4, None, None, "Begum", "Begum")
    assert shown("Shahnaz Begum") == (5, None, "Shahnaz", "Begum", "Shahnaz Begum")
    assert shown("Begumova Aliya")[0] == 6
    migrations.downgrade(blank_url, "0008")
    migrations.upgrade(blank_url, "head")


def test_0011_takes_post_nominals_off_the_family_name(blank_url):
    """People recorded before the parser knew "MNA" or "CMG" keep their name as written and
    lose the letters from their family name and keys: found and matched without them."""
    _people_as_stored(blank_url, "0010", [  # as the earlier parser stored them
        (1, None, "Shazia", "Marri MNA", "Shazia Marri, MNA", "shazia marri mna"),
        (2, None, "Christian", "Turner CMG OBE", "Christian Turner CMG OBE",
         "christian turner cmg obe"),
        (3, None, None, "MNA", "MNA", "mna"),
        (4, None, "David", "Kemp", "David Kemp", "david kemp"),
        (5, None, "John", "Smith Jr.", "John Smith Jr.", "john smith jr."),
    ])
    migrations.upgrade(blank_url, "head")
    shown = _shown(blank_url)
    assert shown("Shazia Marri") == (1, None, "Shazia", "Marri", "Shazia Marri, MNA")
    assert shown("Christian Turner") == (
        2, None, "Christian", "Turner", "Christian Turner CMG OBE")
    assert shown("#3") == (3, None, None, "MNA", "MNA")
    assert shown("David Kemp") == (4, None, "David", "Kemp", "David Kemp")
    assert shown("John Smith Jr.") == (5, None, "John", "Smith Jr.", "John Smith Jr.")
    migrations.downgrade(blank_url, "0010")
    migrations.upgrade(blank_url, "head")


def test_0014_refolds_letters_without_accents_and_gives_the_old_keys_back(blank_url):
    """Keys stored before 0014 kept ø, æ, ł…; after it, the name typed without them finds the
    record, and search finds a follow-up's text so typed. An organization whose new key
    another already holds keeps its old one. The downgrade gives back the keys as they were."""
    import json

    from sqlalchemy import text

    from tests.dumps import dump

    _people_as_stored(blank_url, "0013", [
        (1, None, "Jørgen", "Støre", "Jørgen Støre", "jørgen støre"),
        (2, None, "Łukasz", "Wałek", "Łukasz Wałek", "łukasz wałek"),
        (3, None, "Amina", "Yusuf", "Amina Yusuf", "amina yusuf"),
    ])
    engine = db.make_engine(blank_url, write=True)
    try:
        with engine.begin() as conn:
            # 4: a name as long as a name may be, whose new key would be one letter longer
            _organizations_as_stored(conn, ((1, "Ærø Fonden", "ÆF"), (2, "Aero Fonden", None),
                                            (3, "Ærø Fonden (Oslo)", None),
                                            (4, "Æ" + "x" * 299, None)))
            conn.execute(text(
                "INSERT INTO interactions (id, kind, date, summary, summary_key, created_at, "
                "updated_at) VALUES (1, 'meeting', '2026-11-02', 'Met the Ærø board', "
                "'met the ærø board', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
            conn.execute(text(
                "INSERT INTO follow_ups (id, interaction_id, text, text_key, owner, owner_key, "
                "due_date, created_at, updated_at) VALUES (1, 1, 'Send Bjørn the MoU', "
                "'send bjørn the mou', 'Søren', 'søren', '2026-12-01', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"))
    finally:
        engine.dispose()
    before = dump(blank_url)
    migrations.upgrade(blank_url, "head")
    shown = _shown(blank_url)
    assert shown("Jorgen Store")[0] == 1
    assert shown("lukasz walek")[0] == 2
    cli = Cli(blank_url)
    assert json.loads(cli.ok("org", "show", "Aero Fonden (Oslo)", "-f", "json").stdout)["id"] == 3
    assert json.loads(cli.ok("org", "show", "AEF", "-f", "json").stdout)["id"] == 1
    # "aero fonden" was already organization 2's: organization 1 keeps its old key
    assert json.loads(cli.ok("org", "show", "Aero Fonden", "-f", "json").stdout)["id"] == 2
    assert json.loads(cli.ok("org", "show", "#1", "-f", "json").stdout)["name"] == "Ærø Fonden"
    assert json.loads(cli.ok("org", "show", "#4", "-f", "json").stdout)["name"].startswith("Æx")
    hits = json.loads(cli.ok("search", "bjorn", "-f", "json").stdout)
    assert [(h["kind"], h["id"]) for h in hits] == [("follow-up", 1)]
    assert [(h["kind"], h["id"]) for h in json.loads(
        cli.ok("search", "aero board", "-f", "json").stdout)] == [("interaction", 1)]
    migrations.downgrade(blank_url, "0013")
    assert dump(blank_url) == before
    migrations.upgrade(blank_url, "head")


def test_0016_moves_more_titles_off_the_name(blank_url):
    """People recorded before the parser knew "Rev.", "Eng.", "Barr." or "Alhaji" get it as
    their title, as someone added now does, and Malaysia's honorifics as their honorific;
    "Eng" without its full stop is a name, and so is Georgia's "Dato"."""
    import json

    _people_as_stored(blank_url, "0015", [  # as the earlier parser stored them
        (1, None, "John", "Smith", "Rev. John Smith", "john smith"),
        (2, None, "Alhaji Mohamed", "Bangura", "Alhaji Mohamed Bangura",
         "alhaji mohamed bangura"),
        (3, "Dr.", "Patrick", "Mugisha", "Eng. Patrick Mugisha", "patrick mugisha"),
        (4, None, "Eng Wei", "Ling", "Eng Wei Ling", "eng wei ling"),
        (5, None, None, "Reverend", "Reverend", "reverend"),
        (6, None, "Mohamed", "Bangura", "Mohamed Bangura", "mohamed bangura"),
        (7, None, "YB Dato' Sri Aminah", "binti Haji Salleh",
         "YB Dato' Sri Aminah binti Haji Salleh", "yb dato' sri aminah binti haji salleh"),
        (8, None, "Dato", "Kvirkvelia", "Dato Kvirkvelia", "dato kvirkvelia"),
        (9, None, "Tan Sri Muhyiddin", "Yassin", "Tan Sri Muhyiddin Yassin",
         "tan sri muhyiddin yassin"),
    ])
    migrations.upgrade(blank_url, "head")
    shown = _shown(blank_url)
    honorific = {ref: json.loads(Cli(blank_url).ok("person", "show", ref, "-f", "json").stdout)[
        "honorific"] for ref in ("Aminah binti Haji Salleh", "Muhyiddin Yassin", "#8")}
    assert honorific == {"Aminah binti Haji Salleh": "YB Dato' Sri", "Muhyiddin Yassin": "Tan Sri",
                         "#8": None}
    assert shown("#7") == (7, None, "Aminah", "binti Haji Salleh", "Aminah binti Haji Salleh")
    assert shown("#8") == (8, None, "Dato", "Kvirkvelia", "Dato Kvirkvelia")
    assert shown("John Smith") == (1, "Rev.", "John", "Smith", "John Smith")
    assert shown("#2") == (2, "Alhaji", "Mohamed", "Bangura", "Mohamed Bangura")
    assert shown("Patrick Mugisha") == (3, "Dr. Eng.", "Patrick", "Mugisha", "Patrick Mugisha")
    assert shown("Eng Wei Ling") == (4, None, "Eng Wei", "Ling", "Eng Wei Ling")
    assert shown("#5") == (5, None, None, "Reverend", "Reverend")
    pairs = json.loads(Cli(blank_url).ok("person", "duplicates", "-f", "json").stdout)
    assert [(p["id_a"], p["id_b"]) for p in pairs] == [(2, 6)]
    migrations.downgrade(blank_url, "0015")
    migrations.upgrade(blank_url, "head")


def test_0015_moves_ranks_off_the_name_to_the_honorific(blank_url):
    """People recorded before the parser knew ranks keep their name as shown, and get the
    rank as their honorific: found by the name without it, and keyed as someone added now."""
    import json

    from sqlalchemy import text

    _people_as_stored(blank_url, "0014", [  # as the earlier parser stored them
        (1, None, "Asif", "Ali", "Brig. (R) Asif Ali", "asif ali"),
        (2, None, "Tariq", "Khan", "(R) Tariq Khan", "tariq khan"),
        (3, None, "DIG Ahmed", "Raza", "DIG Ahmed Raza", "dig ahmed raza"),
        (4, None, "Marshal Faisal", "Butt", "Air Marshal Faisal Butt", "marshal faisal butt"),
        (5, None, "Sara", "Malik", "Brig. Dr. Sara Malik", "sara malik"),
        (6, None, None, "Brigadier", "Brigadier", "brigadier"),
        (7, None, "Generalova", "Anna", "Generalova Anna", "generalova anna"),
        (8, "Dr.", "Major Imran", "Qadir", "Major Imran Qadir", "major imran qadir"),
        (9, None, "Ahmed", "Raza", "Ahmed Raza", "ahmed raza"),
        (10, "Mr.", "van", "der Berg", "van der Berg", "van der berg"),
        (11, None, "Van", "Morrison", "Van Morrison", "van morrison"),
    ])
    engine = db.make_engine(blank_url, write=True)
    try:
        with engine.begin() as conn:  # "Col. (R) Tariq Khan": the rank was an honorific then
            conn.execute(text("UPDATE people SET honorific = 'Col.' WHERE id = 2"))
    finally:
        engine.dispose()
    migrations.upgrade(blank_url, "head")
    cli = Cli(blank_url)

    def shown(ref: str) -> tuple:
        p = json.loads(cli.ok("person", "show", ref, "-f", "json").stdout)
        return (p["id"], p["honorific"], p["title"], p["given_name"], p["family_name"],
                p["full_name"], p["name"])

    assert shown("Asif Ali") == (1, "Brig. (R)", None, "Asif", "Ali", "Asif Ali",
                                 "Brig. (R) Asif Ali")
    assert shown("Tariq Khan") == (2, "Col. (R)", None, "Tariq", "Khan", "Tariq Khan",
                                   "Col. (R) Tariq Khan")
    assert shown("#3") == (3, "DIG", None, "Ahmed", "Raza", "Ahmed Raza",
                                   "DIG Ahmed Raza")
    assert shown("Faisal Butt")[:4] == (4, "Air Marshal", None, "Faisal")
    assert shown("Sara Malik")[:3] == (5, "Brig.", "Dr.")
    assert shown("#6")[1:] == (None, None, None, "Brigadier", "Brigadier", "Brigadier")
    assert shown("#7")[1:] == (None, None, "Generalova", "Anna", "Generalova Anna",
                               "Generalova Anna")
    assert shown("Imran Qadir") == (8, "Major", "Dr.", "Imran", "Qadir", "Imran Qadir",
                                    "Major Dr. Imran Qadir")
    # a family name with particles, written alone, is one family name
    assert shown("van der Berg")[2:5] == ("Mr.", None, "van der Berg")
    assert shown("Van Morrison")[3:5] == ("Van", "Morrison")
    # the duplicate finder now pairs the DIG with a record written without his rank
    pairs = json.loads(cli.ok("person", "duplicates", "-f", "json").stdout)
    assert [(p["id_a"], p["id_b"]) for p in pairs] == [(3, 9)]
    migrations.downgrade(blank_url, "0014")
    migrations.upgrade(blank_url, "head")


def test_0017_moves_the_attorney_title_off_the_name(blank_url):
    """People recorded before the parser knew "Atty." get it as their title, after one they
    hold; a name that is only the title is left alone."""
    import json

    _people_as_stored(blank_url, "0016", [  # as the earlier parser stored them
        (1, None, "Atty. Jose", "Santos", "Atty. Jose Santos", "atty jose santos"),
        (2, "Ms.", "Atty Maria", "Cruz", "Atty Maria Cruz", "atty maria cruz"),
        (3, None, None, "Atty.", "Atty.", "atty"),
        (4, None, "Jose", "Santos", "Jose Santos", "jose santos"),
    ])
    migrations.upgrade(blank_url, "head")
    shown = _shown(blank_url)
    assert shown("#1") == (1, "Atty.", "Jose", "Santos", "Jose Santos")
    assert shown("Maria Cruz") == (2, "Ms. Atty", "Maria", "Cruz", "Maria Cruz")
    assert shown("#3") == (3, None, None, "Atty.", "Atty.")
    pairs = json.loads(Cli(blank_url).ok("person", "duplicates", "-f", "json").stdout)
    assert [(p["id_a"], p["id_b"]) for p in pairs] == [(1, 4)]
    migrations.downgrade(blank_url, "0016")
    migrations.upgrade(blank_url, "head")

