"""村规民约/居民公约 (conventions): the compliance checker lives here; the app comes later."""
