"""core.quorum.turnout_check: the quorum of a secret ballot, counted as the statutes count, in exact fractions."""

from fractions import Fraction

import pytest

from gongzhi.core.errors import DomainError
from gongzhi.core.quorum import turnout_check


@pytest.mark.parametrize(
    ("eligible", "participated", "share", "inclusive", "needed", "quorate"),
    [
        (9, 6, Fraction(2, 3), True, 6, True),  # 三分之二以上: 6 of 9 is exactly 2/3
        (9, 5, Fraction(2, 3), True, 6, False),
        (10, 5, Fraction(1, 2), False, 6, False),  # 过半数: 5 of 10 is half, not more
        (10, 6, Fraction(1, 2), False, 6, True),
        (7, 4, Fraction(1, 2), False, 4, True),
        (500, 334, Fraction(2, 3), True, 334, True),  # 333.33… → 334, no float rounding
        (500, 333, Fraction(2, 3), True, 334, False),
        (0, 0, Fraction(1, 2), False, 1, False),  # nobody eligible: never quorate
        (5, 0, Fraction(0), True, 0, True),  # no quorum asked
    ],
)
def test_turnout(eligible, participated, share, inclusive, needed, quorate):
    result = turnout_check(eligible=eligible, participated=participated, share=share, inclusive=inclusive)
    assert (result.needed, result.quorate) == (needed, quorate)
    assert str(participated) in result.reason


@pytest.mark.parametrize(
    ("eligible", "participated", "share", "message"),
    [
        (5, 6, Fraction(1, 2), "不能超过"),
        (-1, 0, Fraction(1, 2), "不小于0的整数"),
        (5, 2, Fraction(3, 2), "0到1之间"),
    ],
)
def test_impossible_figures_are_refused(eligible, participated, share, message):
    with pytest.raises(DomainError, match=message):
        turnout_check(eligible=eligible, participated=participated, share=share, inclusive=True)
