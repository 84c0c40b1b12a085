"""Writing many new rows fast, with their history rows: the path of imports that create statements.

The ORM's ``bulk_create`` spends most of an import's time building SQL (tens of microseconds
per row); here the rows are written as tuples: ``COPY`` on PostgreSQL, ``executemany`` on
SQLite.  Ids are taken up front (PostgreSQL: from the table's sequence; SQLite: after the
highest id, under the write lock the transaction already holds), so the history rows, which
carry the same values, are written the same way.  Callers validate first: the database's
constraints still refuse anything invalid, but only the caller can say where it came from.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.ForeignKey, models.AutoField,
          models.BooleanField, models.FloatField)


def _preparers(model, names: Sequence[str]):
    """Per column: None when the value goes to the driver as it is, else the field's converter."""
    preparers = []
    for name in names:
        field = model._meta.get_field(name)  # attnames (statement_id) are found too
        if isinstance(field, _PLAIN):
            preparers.append(None)
        else:
            preparers.append(lambda value, field=field: field.get_db_prep_save(value, connection))
    return preparers


def _prepared(rows: Sequence[tuple], preparers) -> list[tuple]:
    if all(preparer is None for preparer in preparers):
        return list(rows)
    return [tuple(value if prep is None or value is None else prep(value) for value, prep in zip(row, preparers))
            for row in rows]


def _ids_take(model, count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            (sequence,) = cursor.fetchone()
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
            return [pk for (pk,) in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        (top,) = cursor.fetchone()
        return list(range(top + 1, top + 1 + count))


def _write(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("%s" for _ in columns)
            cursor.executemany(f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})", rows)


def rows_insert(model, columns: Sequence[str], rows: Sequence[tuple], *, user=None, reason: str = "",
                history: bool = True) -> list[int]:
    """Insert ``rows`` (values in ``columns`` order, attnames, no id) and, with ``history``, one
    history row each (history type "+", ``user``, ``reason``); returns the new ids in order.
    Must run in a transaction: with the history it is one all-or-nothing write."""
    if not rows:
        return []
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        raise RuntimeError("rows_insert runs inside a transaction only")
    ids = _ids_take(model, len(rows))
    prepared = _prepared(rows, _preparers(model, columns))
    _write(model._meta.db_table, ["id", *[model._meta.get_field(c).column for c in columns]],
           [(pk, *row) for pk, row in zip(ids, prepared)])
    if not history:
        return ids
    history = model.history.model
    tracked = {field.attname for field in history._meta.concrete_fields}
    keep = [index for index, column in enumerate(columns) if column in tracked]
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    user_id = getattr(user, "pk", None)
    _write(history._meta.db_table,
           ["id", *[columns[i] for i in keep], "history_date", "history_change_reason", "history_type",
            "history_user_id"],
           [(pk, *[row[i] for i in keep], stamp, reason or None, "+", user_id) for pk, row in zip(ids, prepared)])
    return ids
