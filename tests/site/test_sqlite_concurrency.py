"""On SQLite (the default database) concurrent saves wait for their turn: transactions begin
IMMEDIATE, so one that reads and then writes never fails with "database is locked" when
another writer got in between (as a deferred transaction does in WAL mode)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

WRITERS = 8
SAVES = 25


def test_concurrent_writers_on_a_file_database_all_succeed(tmp_path: Path) -> None:
    database = tmp_path / "xhht.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE saves (writer integer, number integer, seen integer)")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"XHHT_DATABASE_URL": f"sqlite:///{database}", "XHHT_DEBUG": "1"}
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.site.sqlite_writer", str(writer), str(SAVES)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for writer in range(WRITERS)
    ]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * WRITERS, outputs
    assert [out.split(" ", 1)[0] for out, _ in outputs] == ["0"] * WRITERS, outputs
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT writer, number, seen FROM saves").fetchall()
    assert len(rows) == WRITERS * SAVES  # nothing lost
    # Each writer's read saw all of its own earlier saves: its transaction held.
    assert sorted(rows) == [(w, n, n) for w in range(WRITERS) for n in range(SAVES)]
