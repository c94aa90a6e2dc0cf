"""The demo's round (gongzhi.devtools.demo_elections_roll): communities at different steps, made through the
actions, with an objection answered, one open, and proxies."""

import datetime as dt
import random

from gongzhi.accounts.roles import Role
from gongzhi.devtools.demo_elections_roll import demo_elections_roll_seed
from gongzhi.elections.models import Election, Objection, Proxy, Voter
from gongzhi.elections.selectors import round_board
from tests.conftest import make_user
from tests.elections.roll_kit import household_of


def test_the_demo_round_has_communities_at_different_steps(users, areas, make_resident):
    make_user("zhen_admin", Role.TOWNSHIP_ADMIN, areas["township"])
    village = [make_resident(name="村民" + c, birth=dt.date(1970, 1, 1)) for c in "甲乙丙丁戊己"]
    household_of((village[0], "02"), (village[1], "10"), (village[2], "20"))
    for c in "甲乙丙丁戊己":
        make_resident("grid_b1", name="居民" + c, birth=dt.date(1970, 1, 1))
    demo_elections_roll_seed(township=areas["township"], communities=[areas["village"], areas["urban"]],
                             rng=random.Random(1))  # fmt: skip
    published = Election.objects.exclude(roll_published_at=None)
    assert published.count() == 2
    assert Objection.objects.exclude(answered_at=None).count() == 2
    assert Objection.objects.filter(answered_at=None).count() == 2
    assert Proxy.objects.filter(election__community=areas["village"]).count() == 2
    assert Voter.objects.filter(election__community=areas["village"], removed_at=None).count() >= 5
    rows = round_board(published.first().round)
    assert [row.objections_open for row in rows] == [1, 1]
