"""A ballot box of 青山村 (tests/conftest.py's township) with voters, opened through the kernel's action."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.ballots.actions import EVALUATION, FOR_AGAINST_ABSTAIN, ballot_box_open
from tests.conftest import make_user

QUESTIONS = [
    {"key": "road", "text": "是否同意硬化村东道路", "options": list(FOR_AGAINST_ABSTAIN)},
    {"key": "chair", "text": "对村委会主任的评议", "options": list(EVALUATION)},
]


@pytest.fixture
def voters(users, areas):
    """The resident, the party member and eight more residents of 青山村."""
    extra = [make_user(f"voter{n}", Role.RESIDENT, areas["village"]) for n in range(8)]
    return [users["resident"], users["party_member"], *extra]


@pytest.fixture
def open_box(users, areas, voters):
    def build(*, who=None, closes_in=dt.timedelta(days=1), opens_at=None, **extra):
        return ballot_box_open(
            actor=users["community_staff"],
            area=areas["village"],
            title=extra.pop("title", "村东道路硬化工程表决"),
            questions=extra.pop("questions", QUESTIONS),
            voters=voters if who is None else who,
            opens_at=opens_at,
            closes_at=(opens_at or timezone.now()) + closes_in,
            **extra,
        )

    return build


YES = {"road": "for", "chair": "competent"}
