"""Helpers of the proposals' tests: residents of the register with accounts, a proposal opened by one."""

import datetime as dt

from gongzhi.residents.models import Resident
from gongzhi.selfgov.actions import proposals as actions
from tests.conftest import make_user


def citizen(make_resident, username: str, *, area_key: str = "grid_a1", name: str = "李四", **extra):
    """A resident of the register (青山村 by default) with an account linked to them."""
    user = make_user(username)
    resident = make_resident(area_key, name=name, **extra)
    Resident.objects.filter(pk=resident.pk).update(user=user)
    return user, Resident.objects.get(pk=resident.pk)


def opened(user, *, asks: str = "assembly", title: str = "修缮村口的便民桥", **extra):
    proposal = actions.proposal_create(
        actor=user,
        title=title,
        text="村口的便民桥桥面破损，雨天很滑，建议召开村民会议商量修缮。",
        asks=asks,
        **extra,
    )
    return actions.proposal_open(actor=user, proposal=proposal)


STEMS, BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"


def name_for(prefix: str, i: int) -> str:
    """A name the register accepts (no digits): 村民甲子, 村民乙子, …"""
    return prefix + STEMS[i % 10] + BRANCHES[(i // 10) % 12] + ("" if i < 120 else STEMS[i // 120])


def adults(make_resident, n: int, *, area_key: str = "grid_a1", prefix: str = "村民"):
    """n more adults of the register without accounts (they raise the base)."""
    return [make_resident(area_key, name=name_for(prefix, i), birth=dt.date(1970, 1, 1)) for i in range(n)]
