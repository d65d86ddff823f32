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


def test_import_and_its_undo_are_logged_by_batch_and_counts(cli: Cli, tmp_path):
    cli.ok("import", "contacts", str(write(tmp_path, SHEET)))
    entries = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["import contacts"]
    assert entries[0]["records"] == ["insert import-batch:1"]
    assert entries[0]["details"]["import_batch"] == 1
    assert entries[0]["details"]["counts"] == {"created": 2}
    cli.ok("import", "undo", "1")
    entries = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [e["command"] for e in entries] == ["import contacts", "import undo"]
    assert entries[1]["records"] == ["delete import-batch:1"]


def test_forget_removes_the_name_from_import_before_images(cli: Cli, tmp_path):
    cli.ok("import", "contacts", str(write(tmp_path, SHEET, "a.csv")))
    cli.ok("import", "contacts", str(write(tmp_path, UPDATE, "b.csv")), "--on-duplicate", "update")
    assert "Quréshi" in repr(dump(cli.url)) or "Qur\\\\u00e9shi" in repr(dump(cli.url))
    cli.ok("person", "forget", "amina@interior.gov.pk", "--yes")
    everything = repr(dump(cli.url)).casefold()
    for trace in ("quréshi", "qur\\\\u00e9shi", "qureshi-khan", "amina@interior.gov.pk"):
        assert trace not in everything
