"""Sessions in the database, read through the shared cache (SESSION_ENGINE without Redis).

Django's cached_db store, with the cache every process shares (SESSION_CACHE_ALIAS = "shared"): a
logout or an ended session in one worker is gone for all of them. Like gongzhi.accounts.usercache, it
stores nothing in the cache from inside a transaction (the write may roll back): there a save writes
the database and drops the cached copy.
"""

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.db import connection


class SessionStore(cached_db.SessionStore):
    def load(self):
        if not connection.in_atomic_block:
            return super().load()
        data = self._cache.get(self.cache_key)  # type: ignore[attr-defined]
        if data is None:
            row = self._get_session_from_db()  # type: ignore[attr-defined]
            data = self.decode(row.session_data) if row else {}
        return data

    def save(self, must_create=False):
        if not connection.in_atomic_block:
            return super().save(must_create)
        DBStore.save(self, must_create)
        self._cache.delete(self.cache_key)  # type: ignore[attr-defined]
