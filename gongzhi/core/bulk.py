"""Fast bulk inserts: rows straight to the driver, no model instance per row.

`bulk_create` prepares every value of every row through its field and,
on PostgreSQL, sends one multi-row INSERT per batch; at a hundred thousand
rows that preparation is most of the time. Here a table's columns are named
once, each column gets one adapter chosen once from its field type, and the
rows go to `executemany` (SQLite) or `COPY … FROM STDIN` (PostgreSQL).

Primary keys are allocated before the insert (`reserve_ids`) so that rows
of other tables can refer to them without reading them back. Callers run
inside a transaction; nothing here checks permissions or writes the audit
trail — the action that calls it does both.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

Adapter = Callable[[Any], Any] | None


def _adapter_for(field: models.Field) -> Adapter:
    """How a Python value of `field` becomes what the driver takes (None: as it is)."""
    if connection.vendor != "sqlite":
        return None  # psycopg adapts dates, datetimes, decimals and None itself
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return lambda value: value.isoformat() if isinstance(value, dt.date) else value
    return None


class BulkTable:
    """INSERT rows of one table; `columns` are attribute names (``household_id``, not ``household``)."""

    def __init__(self, model: type[models.Model], columns: Sequence[str] | None = None):
        fields = {field.attname: field for field in model._meta.concrete_fields}
        if columns is None:
            columns = list(fields)
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise ValueError(f"{model._meta.label} has no columns {unknown}")
        self.model = model
        self.columns = tuple(columns)
        self.fields = [fields[c] for c in self.columns]
        self.adapters = [_adapter_for(f) for f in self.fields]
        self._needs_adapting = any(self.adapters)
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        self.names = ", ".join(quote(str(f.column)) for f in self.fields)

    def adapt(self, row: Sequence[Any]) -> tuple:
        if not self._needs_adapting:
            return tuple(row)
        return tuple(
            value if adapter is None or value is None else adapter(value)
            for value, adapter in zip(row, self.adapters, strict=True)
        )

    def values_of(self, instance: models.Model, now: dt.datetime | None = None) -> tuple:
        """The row of an unsaved instance, with auto_now / auto_now_add fields set to `now`."""
        now = now or timezone.now()
        values = []
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now if isinstance(field, models.DateTimeField) else now.date()
            else:
                value = getattr(instance, field.attname)
            values.append(value)
        return tuple(values)

    def insert(self, rows: Iterable[Sequence[Any]]) -> int:
        """Write `rows` (Python values, in column order); returns how many."""
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                # Under Django's wrapper, so a refused row raises django.db.IntegrityError.
                with (
                    connection.wrap_database_errors,
                    raw.copy(f"COPY {self.table} ({self.names}) FROM STDIN") as copy,
                ):
                    for row in rows:
                        copy.write_row(row)
                        count += 1
            else:
                adapted = [self.adapt(row) for row in rows]
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {self.table} ({self.names}) VALUES ({marks})"  # noqa: S608 (names from _meta)
                cursor.executemany(sql, adapted)
                count = len(adapted)
        return count


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys no other insert will take. Call inside the transaction that uses them.

    PostgreSQL: drawn from the table's own sequence, so concurrent inserts
    never collide with them. SQLite: the write transaction (IMMEDIATE) holds
    the database's only write lock, so the keys after the current maximum
    stay free until it commits.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    pk_column = str(model._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), pk_column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({quote(pk_column)}) FROM {quote(table)}")  # noqa: S608 (names from _meta)
        start = (cursor.fetchone()[0] or 0) + 1
        if connection.vendor == "sqlite":
            # AUTOINCREMENT keys are never reused: start past any deleted row's key too.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seq = cursor.fetchone()
            if seq is not None and seq[0] is not None:
                start = max(start, seq[0] + 1)
        return list(range(start, start + count))
