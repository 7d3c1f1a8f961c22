"""`migrate` (and so `make run`) on a database made before the migrations were made afresh
stops with a plain message and touches nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def migrate(database: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"XHHT_DATABASE_URL": f"sqlite:///{database}", "XHHT_DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "-m", "xhht", "migrate", "--no-input"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def old_database(path: Path, *, rows: list[tuple[str, str]], tables: list[str]) -> None:
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE django_migrations (id integer primary key, app varchar, name varchar,"
            " applied datetime)"
        )
        db.executemany(
            "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, '2026-11-01')", rows
        )
        for table in tables:
            db.execute(f"CREATE TABLE {table} (id integer primary key)")


@pytest.mark.parametrize(
    ("rows", "tables", "named"),
    [
        ([("reports", "0001_initial"), ("reports", "0002_template_section_retired")], [], "0002"),
        ([("reports", "0001_initial")], ["reports_indicator"], "reports_indicator"),
    ],
)
def test_an_old_database_is_refused_with_what_to_do(
    tmp_path: Path, rows: list[tuple[str, str]], tables: list[str], named: str
) -> None:
    database = tmp_path / "xhht.sqlite3"
    old_database(database, rows=rows, tables=tables)
    result = migrate(database)
    assert result.returncode != 0
    assert "xhht.E001" in result.stderr
    assert "mv var var.old" in result.stderr and named in result.stderr
    with sqlite3.connect(database) as db:  # nothing was migrated
        assert db.execute("SELECT count(*) FROM django_migrations").fetchone() == (len(rows),)


def test_a_new_database_migrates(tmp_path: Path) -> None:
    database = tmp_path / "xhht.sqlite3"
    result = migrate(database)
    assert result.returncode == 0, result.stderr
    assert migrate(database).returncode == 0  # and again, with nothing to do
