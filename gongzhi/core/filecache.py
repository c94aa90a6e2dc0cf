"""A file-based cache that every process on the machine shares, for state that must not differ between
workers (sessions, users' roles): Django's FileBasedCache without its cost per write.

Django's version lists the whole directory on every `set` to decide whether to cull; with a file per
session and per user that is a directory scan on every login. Here the scan runs on one write in
CULL_EVERY (per process), and culling only ever costs a cache miss: every value kept here can be
computed again (a session from the database, a user's entry from their rows).
"""

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 500


class SharedFileCache(FileBasedCache):
    _writes = 0

    def _cull(self) -> None:
        SharedFileCache._writes += 1
        if SharedFileCache._writes % CULL_EVERY == 0:
            super()._cull()  # type: ignore[misc]  # not in the stubs
