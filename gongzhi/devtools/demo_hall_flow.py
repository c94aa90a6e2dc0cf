"""The demo's 低保 recommendation on the village power list (hall/actions/flow.py, decision 0044).

After the hall's applications (demo_hall.py) and the power list and bodies of every community
(demo_decisions.py, demo_bodies.py): the township's admin binds 最低生活保障 (MZ-101) to the list's C01
最低生活保障对象民主评议和推荐, and one application of 青山村 is part-way through its flow, through the
actions — 入户调查 recorded, the representatives' 民主评议 held and passed, the recommendation on 青山村's
public board for seven days, and an objection received that waits for its answer. The applications made
before the binding keep going as they were (passed up already, or waiting for their first step).
"""

import random

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind, body_roll
from gongzhi.hall.actions import flow
from gongzhi.hall.models import Application, Matter

from .demo_hall import _accept, _apply_for, _villager


def demo_hall_flow_seed(*, township: Area, communities: list[Area], rng: random.Random) -> Application | None:
    """Bind 低保 to C01 and take one 青山村 application to its publication with an objection (None when the
    community has no representatives' meeting to hold the 民主评议)."""
    users = {
        u.username: u for u in User.objects.filter(username__in=["zhen_admin", "cun_ganbu", "chuangkou"])
    }
    admin, cadre, clerk = users["zhen_admin"], users["cun_ganbu"], users["chuangkou"]
    qingshan = communities[0]
    representatives = body_of_kind(qingshan, BodyKind.REPRESENTATIVES)
    if representatives is None:
        return None
    seats = len(body_roll(representatives).seats)
    dibao = flow.matter_power_bind(
        actor=admin, matter=Matter.objects.get(township=township, code="MZ-101"), code="C01"
    )
    application = _accept(clerk, _apply_for(cadre, dibao, _villager(qingshan, rng)))
    flow.application_step_fulfil(
        actor=cadre,
        application=application,
        note="入户调查：家庭4口人，人均月收入低于本县低保标准，无机动车和商品房",
    )
    flow.application_step_fulfil(
        actor=cadre,
        application=application,
        meeting=flow.StepMeeting(
            held_on=timezone.localdate(), present=seats, in_favour=seats - 1, abstaining=1, place="村委会议室"
        ),
    )
    flow.application_step_fulfil(
        actor=cadre,
        application=application,
        note="经村民代表会议民主评议，拟推荐该户为最低生活保障对象（保障人口4人）。",
    )
    flow.application_objection_record(
        actor=cadre, application=application, text="村民反映该户家中有一辆农用三轮车，请核实是否影响认定"
    )
    return application
