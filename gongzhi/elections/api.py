"""The elections over the API (token): the same actions as the pages."""

from ninja import Router

router = Router(tags=["换届选举 elections"])

# The round, the committee and the roll.
from .api_roll import router as roll_router  # noqa: E402

router.add_router("", roll_router)

# Candidates, election day, the count, the result and recall.
from .api_count import router as count_router  # noqa: E402

router.add_router("", count_router)
