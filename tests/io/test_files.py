"""atomic_private_output: private files that appear whole or not at all."""

from __future__ import annotations

import os
import stat

import pytest

from stakeholders.errors import Invalid
from stakeholders.io.files import atomic_private_output


def test_the_file_is_private_even_when_it_replaces_a_readable_one(tmp_path):
    target = tmp_path / "list.csv"
    target.write_text("old\n")
    os.chmod(target, 0o644)
    with atomic_private_output(target) as out:
        out.write("name,email\r\n")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_bytes() == b"name,email\r\n"  # line endings left to the writer
    assert os.listdir(tmp_path) == ["list.csv"]


def test_an_error_while_writing_keeps_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "list.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic_private_output(target) as out:
            out.write("half a rep")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["list.csv"]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(Invalid, match="the folder .* does not exist"):
        with atomic_private_output(tmp_path / "no" / "x.csv"):
            pass


def test_a_directory_in_the_way_is_a_clear_error(tmp_path):
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(Invalid, match=r"cannot write .*x\.csv: "):
        with atomic_private_output(tmp_path / "x.csv") as out:
            out.write("data")
    assert sorted(os.listdir(tmp_path)) == ["x.csv"]


def test_a_database_file_is_never_replaced(tmp_path):
    """`export contacts -o contacts.db` (a slip of the finger) must not turn the database
    into a CSV file."""
    import sqlite3

    target = tmp_path / "contacts.db"
    with sqlite3.connect(target) as db:
        db.execute("create table t (x)")
    db.close()
    before = target.read_bytes()
    with pytest.raises(Invalid, match="is a database"):
        with atomic_private_output(target) as out:
            out.write("name,email\n")
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["contacts.db"]



def test_a_device_is_written_to_not_replaced(tmp_path):
    """`-o /dev/null`, `-o /dev/stdout`: renaming a file over a device would replace the
    device itself (as root, /dev/null for every program). A link to it is followed, as it
    would be to a file."""
    if not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        pytest.skip("no /dev/null device")
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    with atomic_private_output(link) as out:
        out.write("name,email\r\n")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert os.listdir(tmp_path) == ["null"]


def test_a_link_is_kept_and_the_file_it_names_replaced(tmp_path):
    (tmp_path / "exports").mkdir()
    target = tmp_path / "exports" / "2024.csv"
    target.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    with atomic_private_output(link) as out:
        out.write("new\n")
    assert link.is_symlink() and target.read_text() == "new\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert sorted(os.listdir(tmp_path / "exports")) == ["2024.csv"]


def test_a_read_only_file_is_kept(tmp_path):
    target = tmp_path / "sent.csv"
    target.write_text("old\n")
    os.chmod(target, 0o444)
    with pytest.raises(Invalid, match=r"cannot write .*sent\.csv: the file is read-only"):
        with atomic_private_output(target) as out:
            out.write("new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["sent.csv"]
