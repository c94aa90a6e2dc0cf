"""Work at once from several threads, each with its own connection, on both databases.

SQLite: the test database lives in shared-cache memory, where a second writer fails at once ("table is locked")
instead of waiting. Production runs on a file (WAL, IMMEDIATE transactions, a busy timeout), so the threads run
on a file copy of the test database, switched to WAL before any thread connects. PostgreSQL: as is.
"""

import sqlite3
import threading
from contextlib import closing

from django.db import connection, connections


def database_for_threads(tmp_path, name: str = "threads.sqlite3") -> str:
    """The SQLite file the threads should open, or "" on PostgreSQL (the test database itself)."""
    if connection.vendor != "sqlite":
        return ""
    path = str(tmp_path / name)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [path])
    # The copy keeps the memory database's journal mode. Switching to WAL needs the file to itself: threads
    # connecting at once would each try it (the settings' init_command) and one could find the file locked
    # without waiting for it. So the copy is switched once, here, as `migrate` does for a production file.
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
    return path


def rows_in(database: str, sql: str, params=()) -> list[tuple]:
    """Rows of a raw query: from the threads' SQLite file, or from the test database on PostgreSQL."""
    if database:
        with closing(sqlite3.connect(database)) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count_in(database: str, query) -> int:
    """How many rows a queryset has where the threads wrote them."""
    if not database:
        return query.count()
    sql, params = query.query.sql_with_params()
    return rows_in(database, f"SELECT COUNT(*) FROM ({sql})", params)[0][0]


def at_once(database: str, work, items, timeout: float = 120) -> list:
    """Run `work(item)` for every item, each in its own thread and connection, released together.

    Returns every outcome in the order they finished: what `work` returned, or the exception it raised (any
    exception, so a thread's failure shows in the test's message instead of as a missing outcome).
    """
    items = list(items)
    barrier = threading.Barrier(len(items))
    outcomes: list = []
    lock = threading.Lock()

    def run(item) -> None:
        try:
            if database:
                connections["default"].settings_dict = {
                    **connections["default"].settings_dict,
                    "NAME": database,
                }
            barrier.wait()
            try:
                outcome = work(item)
            except Exception as exc:  # noqa: BLE001 — the outcome is what the test asserts on
                outcome = exc
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes


def in_words(outcomes: list, done: str) -> list[str]:
    """Each outcome as a word: `done` for work that returned, the refusal's message, or the unexpected
    exception's repr (which no test expects, so it shows in the assertion's message)."""
    return [
        repr(o) if isinstance(o, Exception) and not hasattr(o, "message") else getattr(o, "message", done)
        for o in outcomes
    ]
