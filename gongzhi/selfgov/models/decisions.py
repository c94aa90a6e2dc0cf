"""四议两公开 decisions and the village power list (小微权力清单)."""

__all__: list[str] = []
