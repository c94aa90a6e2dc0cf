"""Counting attempts against limits in a time window (the cache), for pages anyone may call: the password-reset
mail (per address and per source address) and the lookup of a suggestion by its receipt code.

Keys are the caller's (hash what is personal before it becomes a key). Nothing is stored beyond the counts,
which expire with the window."""

from collections.abc import Iterable

from django.core.cache import caches


def attempts_allowed(
    counters: Iterable[tuple[str, int]], window_seconds: int, *, alias: str = "default"
) -> bool:
    """Count this attempt against every (key, limit) in the cache `alias` ("shared": every process of the
    deployment counts together); False when any count is past its limit."""
    cache = caches[alias]
    allowed = True
    for key, limit in counters:
        cache.add(key, 0, window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window_seconds)
            count = 1
        allowed = allowed and count <= limit
    return allowed
