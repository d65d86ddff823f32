"""Imports in the audit trail, and forgetting a person an import updated (its before-image
holds their old name)."""

from __future__ import annotations

import json

from tests.conftest import Cli, dump
from tests.io.test_import import write

SHEET = (
    "Surname,First Name,Organisation,E-mail,Job Title\n"
    "Quréshi,Amina,Ministry of Interior,amina@interior.gov.pk,Director\n"
    "Malik,Ayesha,Dawn Media Group,ayesha@dawn.com.pk,Reporter\n"
)
UPDATE = (
    "Surname,First Name,Organisation,E-mail,Job Title\n"
    "Qureshi-Khan,Amina,Ministry of Interior,amina@interior.gov.pk,Director General\n"
)


def test_import_and_its_undo_are_logged_by_batch_records_and_counts(cli: Cli, tmp_path):
    cli.ok("import", "contacts", str(write(tmp_path, SHEET)))
    entries = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["import contacts"]
    assert entries[0]["records"] == ["insert import-batch:1", "insert organization:1",
                                     "insert organization:2", "insert person:1",
                                     "insert person:2"]
    assert entries[0]["details"]["import_batch"] == 1
    assert entries[0]["details"]["counts"] == {"created": 2}
    cli.ok("import", "undo", "1")
    entries = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["import contacts", "import undo"]
    assert entries[1]["records"] == ["delete import-batch:1", "delete organization:1",
                                     "delete organization:2", "delete person:1",
                                     "delete person:2"]


def test_log_of_a_person_names_the_import_that_added_them_and_its_undo(cli: Cli, tmp_path):
    """Even after the undo has deleted the batch and its items, the log still says which
    command added the person and which took them away."""
    cli.ok("person", "add", "Ms. Ayesha Malik", "--email", "ayesha@dawn.com.pk")
    cli.ok("import", "contacts", str(write(tmp_path, SHEET)), "--tag", "launch-2017")
    found = json.loads(cli.ok("log", "--record", "person:2", "-f", "json").stdout)
    assert [e["command"] for e in found] == ["import contacts"]
    assert "insert person:2" in found[0]["records"]
    tagged = json.loads(cli.ok("log", "--record", "person:1", "-f", "json").stdout)
    assert [e["command"] for e in tagged] == ["person add", "import contacts"]
    assert "update person:1" in tagged[1]["records"]
    cli.ok("import", "undo", "1")
    found = json.loads(cli.ok("log", "--record", "person:2", "-f", "json").stdout)
    assert [e["command"] for e in found] == ["import contacts", "import undo"]
    assert "delete person:2" in found[1]["records"]


def test_forget_removes_the_name_from_import_before_images(cli: Cli, tmp_path):
    cli.ok("import", "contacts", str(write(tmp_path, SHEET, "a.csv")))
    cli.ok("import", "contacts", str(write(tmp_path, UPDATE, "b.csv")), "--on-duplicate", "update")
    assert "Quréshi" in repr(dump(cli.url)) or "Qur\\\\u00e9shi" in repr(dump(cli.url))
    cli.ok("person", "forget", "amina@interior.gov.pk", "--yes")
    everything = repr(dump(cli.url)).casefold()
    for trace in ("quréshi", "qur\\\\u00e9shi", "qureshi-khan", "amina@interior.gov.pk"):
        assert trace not in everything
