"""How many service hours a span of time is worth: the same rounding for every source."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def hours_of_span(starts_at: dt.datetime, ends_at: dt.datetime) -> Decimal:
    """The span in hours, rounded to the nearest half hour (at least half an hour)."""
    halves = Decimal((ends_at - starts_at).total_seconds() / 1800).quantize(Decimal(1), ROUND_HALF_UP)
    return max(halves, Decimal(1)) / 2
