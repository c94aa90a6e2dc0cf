"""A power-list item's flow given as data (the API's list, the page's lines): a publication's days are whole days
from 1 to 30; anything else is refused with its message, never cut short or overflowed."""

import pytest

from gongzhi.core.errors import DomainError
from gongzhi.selfgov.power_flows import flow_clean


@pytest.mark.parametrize("days", [3.7, float("inf"), True, "x", "1000", 31, -2])
def test_a_publication_needs_whole_days_within_bounds(days):
    with pytest.raises(DomainError) as refused:
        flow_clean([{"kind": "verify"}, {"kind": "publish", "days": days}])
    assert "公示天数" in refused.value.message


@pytest.mark.parametrize(("days", "kept"), [(10, 10), ("15", 15), (None, 7)])
def test_whole_days_are_kept_and_none_is_the_default(days, kept):
    cleaned = flow_clean([{"kind": "publish", "days": days}])
    assert cleaned[0]["days"] == kept
