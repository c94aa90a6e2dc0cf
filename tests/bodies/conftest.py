"""A village with its bodies filled: a party organisation, a committee, a supervisory committee and a
representatives' meeting, members who are residents of the register (with their ID numbers and phones, which
no bodies page may show)."""

import datetime as dt

import pytest

from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.residents.actions import household_create

START = dt.date(2024, 1, 10)
PHONE = "13912345678"


@pytest.fixture
def staff(users):
    return users["community_staff"]


@pytest.fixture
def filled(staff, areas, make_resident):
    """青山村: 李建国 secretary and chair (一肩挑), 王秀英 women's member, a supervisor from another household,
    a representative with no households yet (a warning)."""
    village = areas["village"]
    bodies = {
        kind: body_create(actor=staff, area=village, kind=kind)
        for kind in (
            BodyKind.PARTY_ORG,
            BodyKind.COMMITTEE,
            BodyKind.SUPERVISORY,
            BodyKind.JOINT,
            BodyKind.ASSEMBLY,
            BodyKind.REPRESENTATIVES,
        )
    }
    people = {
        "chair": make_resident(name="李建国", phone=PHONE),
        "woman": make_resident(name="王秀英", gender="F"),
        "member": make_resident(name="张大山"),
        "supervisor": make_resident("grid_a2", name="赵监督"),
        "representative": make_resident(name="钱代表", gender="F"),
    }
    add = lambda body, who, post, **extra: membership_add(  # noqa: E731
        actor=staff, body=bodies[body], resident=people[who], post=post, started_on=START, **extra
    )
    held = {
        "secretary": add(BodyKind.PARTY_ORG, "chair", Post.SECRETARY, term="第十二届"),
        "chair": add(BodyKind.COMMITTEE, "chair", Post.CHAIR, term="第十二届"),
        "woman": add(BodyKind.COMMITTEE, "woman", Post.MEMBER, title="妇女委员", term="第十二届"),
        "member": add(BodyKind.COMMITTEE, "member", Post.MEMBER, term="第十二届"),
        "supervisor": add(BodyKind.SUPERVISORY, "supervisor", Post.CHAIR),
        "representative": add(BodyKind.REPRESENTATIVES, "representative", Post.REPRESENTATIVE),
    }
    households = [household_create(actor=staff, area=areas["grid_a1"], number=f"QS-{n:03}") for n in range(8)]
    return {"bodies": bodies, "people": people, "held": held, "households": households}
