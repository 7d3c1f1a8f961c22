"""Writing many rows at once without building a model per row: one multi-row INSERT per
batch (optionally an upsert), for the bulk paths that measured model building as their cost.
The caller passes values already prepared for the database (Field.get_db_prep_save)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

BATCH = 500  # rows per statement: within every backend's limit of parameters


def insert_many(
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[Any]],
    *,
    conflict: Sequence[str] = (),
    update: Sequence[str] = (),
) -> None:
    """Insert `rows` into `table`, `columns` being (name, database type); with `conflict`
    columns, a row that exists there has its `update` columns set from the new row instead
    (SQLite and PostgreSQL alike). On PostgreSQL the rows go as one array per column
    (unnest): a statement with thousands of placeholders costs it more to parse than to run."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name, _kind in columns)
    tail = ""
    if conflict:
        sets = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
        tail = f" ON CONFLICT ({', '.join(quote(c) for c in conflict)}) DO UPDATE SET {sets}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{kind}[]" for _name, kind in columns)
            sql = f"INSERT INTO {quote(table)} ({names}) SELECT * FROM unnest({arrays}){tail}"
            cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])
            return
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES {', '.join([one] * len(chunk))}"
            cursor.execute(sql + tail, [value for row in chunk for value in row])


def update_many(
    table: str, key: tuple[str, str], columns: Sequence[tuple[str, str]], rows: Sequence[Any]
) -> None:
    """Set `columns` (name, database type) of many rows, each row (key value, *values):
    on PostgreSQL one UPDATE … FROM unnest(one array per column), on SQLite one prepared UPDATE run
    for every row (executemany), the faster of the two there; bulk_update's CASE WHEN grows
    with the batch and took 40 s for 10,000 rows on SQLite."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = [name for name, _type in columns]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            sets = ", ".join(f"{quote(name)} = %s" for name in names)
            sql = f"UPDATE {quote(table)} SET {sets} WHERE {quote(key[0])} = %s"
            cursor.executemany(sql, [[*row[1:], row[0]] for row in rows])
            return
        typed = [key, *columns]
        arrays = ", ".join(f"%s::{kind}[]" for _name, kind in typed)
        sets = ", ".join(f"{quote(name)} = v.{quote(name)}" for name in names)
        aliases = ", ".join(quote(name) for name, _kind in typed)
        sql = (
            f"UPDATE {quote(table)} AS t SET {sets} FROM unnest({arrays}) AS v({aliases}) "
            f"WHERE t.{quote(key[0])} = v.{quote(key[0])}"
        )
        cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])


def statistics_refresh(tables: Sequence[str]) -> None:
    """Have PostgreSQL read `tables` afresh for its planner, after a bulk load it has not
    seen yet (in the loading transaction too): planned on stale statistics, the roll-up's
    joins over thousands of fresh rows can take minutes instead of a fraction of a
    second. SQLite plans without them; nothing is done there."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
