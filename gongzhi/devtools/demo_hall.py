"""The service hall in the demo township: applications in every state of the application case type.

Once 永安镇 has loaded the starter catalogue (hall/starter.py, through `catalogue_starter_load`:
seed_demo does it just before), the demo's people apply and handle applications THROUGH THE HALL'S
ACTIONS, so every timeline, notice, receipt number, PDF and audit row is real:

- 待受理: the resident applies online; one applied for at the township window a week and a half ago,
  never checked: overdue (the window has five workdays).
- 待补正: the resident applied online without materials; the village window sent one 一次性告知.
- 乡镇窗口待受理: the resident asked the village to do it (代办); the cadre forwarded it to the township window.
- 村级审核中: a cadre applied for a villager (consent recorded); the village window accepted it.
- 乡镇审批中: one the window sent a notice for, supplied and accepted; one accepted on a promise (容缺受理)
  after the village's review; another accepted a month ago and still with the department: overdue.
- 县级部门办理中: passed up by the village, handed off by 民政办 to the county office — long ago: overdue.
- 已准予/不予批准，待出件: decided by the departments or handed back by the county, waiting at the window
  (one approved by the county six days ago and not yet issued: overdue, the window has two workdays).
- 已办结: two issued with their PDF (one rated 非常满意, one 不满意, which opened a follow-up, already visited).
- 不予受理: refused at the window, then marked unreasonable (诉求不合理) by the township.
- 已撤回: the resident withdrew.

How the older ones are made older: the actions take `timezone.now()` (due dates, receipt numbers, the
timeline, audit rows), so those calls run under `unittest.mock.patch("django.utils.timezone.now")` with
the clock set back (`_clock`). That is the honest way: every date of the application — its acceptance,
its due date, its timeline — agrees with the others, as if it had happened then; a direct update of
`due_at` would leave a timeline that says it was accepted today and is overdue already. The set-back
calls run first and in order of their date, then the present ones, so the hall's timelines and audit
rows keep their order among themselves (the audit chain is ordered by its sequence, not by time, and
verifies). Receipt numbers carry the day they were given on.
"""

import contextlib
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from unittest import mock

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.hall.actions import applying, desk, issuing, office, rating, unreasonable
from gongzhi.hall.actions.followups import followup_visit
from gongzhi.hall.models import (
    Application,
    Delivery,
    FollowUp,
    MaterialSource,
    MaterialState,
    Matter,
    UnreasonableKind,
)
from gongzhi.residents.models import Resident

SITE_URL = "http://127.0.0.1:8000"
PHONE = "13800000000"

_real_now = timezone.now


@contextlib.contextmanager
def _clock(days_ago: float) -> Iterator[None]:
    """The actions run `days_ago` days in the past (timezone.now, localdate and localtime follow); the
    clock ticks a second at each reading, so the steps made in one block follow each other."""
    start, ticks = _real_now() - dt.timedelta(days=days_ago), itertools.count()
    with mock.patch(
        "django.utils.timezone.now", side_effect=lambda: start + dt.timedelta(seconds=next(ticks))
    ):
        yield


def _fresh(application: Application) -> Application:
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


def _villager(community: Area, rng: random.Random) -> Resident:
    """A household head (户主) of `community` without a login: the cadre applies for them."""
    people = list(
        Resident.objects.filter(community=community, user__isnull=True, relation_to_head="02").order_by("pk")[
            :40
        ]
    )
    return rng.choice(people)


def _accept(
    actor: User, application: Application, *, promise: bool = False, came: bool = False
) -> Application:
    """受理 with every material checked; `promise`: optional applicant materials promised (容缺)."""
    checked, promises = [], {}
    for line in _fresh(application).materials.select_related("material"):
        if line.state == MaterialState.FROM_REGISTER:
            continue
        if promise and not line.material.required:
            promises[line.pk] = timezone.localdate() + dt.timedelta(days=7)
        else:
            checked.append(line.pk)
    return desk.application_accept(
        actor=actor, application=application, checked=checked, promises=promises, came=came, note=""
    )


def _notify(actor: User, application: Application) -> None:
    """一次性告知 of every required material the applicant still owes."""
    items = [
        (line.pk, "missing", "请提供原件，窗口核对后退还")
        for line in application.materials.select_related("material")
        if line.material.required
        and line.material.source != MaterialSource.REGISTER
        and line.state == MaterialState.MISSING
    ]
    desk.application_notify(actor=actor, application=application, items=items, note="")


def _supply(actor: User, application: Application) -> Application:
    notice = application.notices.filter(supplied_at=None).get()
    ready = list(notice.items.values_list("line_id", flat=True))
    return desk.application_supply(actor=actor, application=application, ready=ready, note="原件已带到窗口")


def _apply_for(actor: User, matter: Matter, resident: Resident, *, at_window: bool = False) -> Application:
    return applying.application_apply_for(
        actor=actor,
        matter=matter,
        resident=resident,
        consent_channel="in_person",
        consent_note="本人到场，当面同意",
        phone=PHONE,
        at_window=at_window,
    )


def _issue(actor: User, application: Application) -> None:
    issuing.application_issue(
        actor=actor, application=_fresh(application), delivery=Delivery.IN_PERSON, site_url=SITE_URL
    )


def demo_hall_seed(*, township: Area, communities: list[Area], rng: random.Random) -> int:
    """Eighteen applications on the starter catalogue's matters; returns how many were made.

    `communities`: the township's six, in seed order (青山村 first: jumin, cun_ganbu and chuangkou work
    there; cun_ganbu2 in the fourth). Raises KeyError when the starter catalogue is not loaded."""
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "zhen_admin",
                "jumin",
                "cun_ganbu",
                "cun_ganbu2",
                "chuangkou",
                "zhen_chuangkou",
                "minzheng",
                "shehui",
            ]
        )
    }
    admin, jumin, cadre, cadre2 = users["zhen_admin"], users["jumin"], users["cun_ganbu"], users["cun_ganbu2"]
    clerk, hall_clerk = users["chuangkou"], users["zhen_chuangkou"]
    minzheng, shehui = users["minzheng"], users["shehui"]
    matters = {m.code: m for m in Matter.objects.filter(township=township)}
    dibao, temporary, medical = matters["MZ-101"], matters["MZ-103"], matters["MZ-104"]
    elderly, insurance, farmland = matters["LN-101"], matters["SB-101"], matters["NY-102"]
    homestead = matters["NY-101"]
    qingshan, liuxi, dongjie, fourth, fifth, nanyuan = communities[:6]
    made: list[Application] = []

    # --- The older ones, oldest first (see the module docstring) ------------------------------------
    # 县级部门办理中, overdue: 低保 in the fourth village, passed up, handed off to 县民政局 seven weeks ago.
    with _clock(60):
        a = _apply_for(cadre2, dibao, _villager(fourth, rng))
        a = _accept(cadre2, a)
        a = office.application_decide(
            actor=cadre2, application=a, verb="pass_up", opinion="经入户调查，情况属实"
        )
    with _clock(50):
        a = office.application_hand_off(actor=minzheng, application=a, sent_on=timezone.localdate())
    made.append(a)
    # 乡镇审批中, overdue: 临时救助 in 柳溪村, accepted at the township window a month ago.
    with _clock(35):
        a = _apply_for(hall_clerk, temporary, _villager(liuxi, rng), at_window=True)
        made.append(_accept(hall_clerk, a, came=True))
    # 已准予, handed back by the county: 低保 in 青山村, passed up and sent to 县民政局 three weeks ago.
    with _clock(25):
        a = _apply_for(cadre, dibao, _villager(qingshan, rng))
        a = _accept(clerk, a)
        a = office.application_decide(actor=cadre, application=a, verb="pass_up", opinion="村民代表评议通过")
        a = office.application_hand_off(actor=minzheng, application=a, sent_on=timezone.localdate())
    with _clock(6):
        made.append(
            office.application_hand_back(
                actor=minzheng, application=a, approved=True, answered_on=timezone.localdate()
            )
        )
    # 待受理, overdue: applied for at the township window ten days ago, never checked.
    with _clock(10):
        made.append(_apply_for(hall_clerk, elderly, _villager(nanyuan, rng), at_window=True))

    # --- The present ones --------------------------------------------------------------------------
    # 待受理: the resident applies online.
    made.append(applying.application_apply(actor=jumin, matter=elderly, phone=PHONE))
    # 待补正: online without materials; the village window names what is missing, once.
    a = applying.application_apply(actor=jumin, matter=temporary, phone=PHONE)
    _notify(clerk, a)
    made.append(_fresh(a))
    # 乡镇窗口待受理: the resident asks the village to do it; the cadre forwards it to the township window.
    a = applying.application_proxy_request(
        actor=jumin, matter=medical, phone=PHONE, note="住院刚出院，行动不便", consent=True
    )
    made.append(desk.application_forward(actor=cadre, application=a, note="材料已收齐，转镇窗口"))
    # 县级部门办理中 (not overdue): 医疗救助 from the fourth village through the township window.
    a = _apply_for(cadre2, medical, _villager(fourth, rng))
    a = desk.application_forward(actor=cadre2, application=a)
    a = _accept(hall_clerk, a)
    made.append(office.application_hand_off(actor=shehui, application=a, sent_on=timezone.localdate()))
    # 村级审核中: a cadre applies for a villager of 青山村; the village window accepts.
    made.append(_accept(clerk, _apply_for(cadre, dibao, _villager(qingshan, rng))))
    # 乡镇审批中 after 一次性告知 and 补正: 耕地地力保护补贴 in 青山村.
    a = _apply_for(cadre, farmland, _villager(qingshan, rng))
    _notify(clerk, a)
    a = _supply(cadre, a)
    made.append(_accept(clerk, a))
    # 乡镇审批中 with a village review first, accepted on a promise (容缺受理: the house drawing follows):
    # 宅基地 in the fourth village, passed up to 农业农村办.
    a = _accept(cadre2, _apply_for(cadre2, homestead, _villager(fourth, rng)), promise=True)
    made.append(office.application_decide(actor=cadre2, application=a, verb="pass_up", opinion="四邻无异议"))
    # 已准予，待出件 and 不予批准，待出件: decided by 民政办.
    a = _accept(hall_clerk, _apply_for(hall_clerk, elderly, _villager(dongjie, rng), at_window=True))
    made.append(office.application_decide(actor=minzheng, application=a, verb="approve"))
    a = _accept(hall_clerk, _apply_for(hall_clerk, temporary, _villager(fifth, rng), at_window=True))
    made.append(
        office.application_decide(
            actor=minzheng, application=a, verb="reject", opinion="家庭收入高于当地临时救助标准"
        )
    )
    # 不予批准 by the county (handed back).
    a = _apply_for(hall_clerk, medical, _villager(nanyuan, rng), at_window=True)
    a = _accept(hall_clerk, desk.application_forward(actor=hall_clerk, application=a))
    a = office.application_hand_off(actor=shehui, application=a, sent_on=timezone.localdate())
    made.append(
        office.application_hand_back(
            actor=shehui,
            application=a,
            approved=False,
            answered_on=timezone.localdate(),
            opinion="自付费用未达到救助起付线",
        )
    )
    # 已办结, rated 非常满意: the resident's 高龄津贴, through 民政办, issued at the village window.
    a = _accept(clerk, applying.application_apply(actor=jumin, matter=elderly, phone=PHONE), came=True)
    a = office.application_decide(actor=minzheng, application=a, verb="approve")
    _issue(clerk, a)
    made.append(
        rating.application_rate(actor=jumin, application=_fresh(a), rating=5, comment="跑一次就办好了")
    )
    # 已办结, rated 不满意: a village-direct 医保参保登记; the follow-up opens and the township calls back.
    a = _accept(clerk, applying.application_apply(actor=jumin, matter=insurance, phone=PHONE))
    a = office.application_decide(actor=cadre, application=a, verb="approve_village")
    _issue(clerk, a)
    made.append(
        rating.application_rate(
            actor=jumin, application=_fresh(a), rating=2, comment="等了好几天才通知我来拿，电话也没人接"
        )
    )
    followup = FollowUp.objects.get(application=a)
    followup_visit(actor=admin, followup=followup, finding="已电话回访，窗口电话无人值守属实")
    # 不予受理, then marked unreasonable by the township.
    a = _apply_for(hall_clerk, homestead, _villager(dongjie, rng), at_window=True)
    a = desk.application_refuse(
        actor=hall_clerk, application=a, reason="申请人已有一处宅基地，不符合一户一宅规定"
    )
    made.append(
        unreasonable.application_mark_unreasonable(
            actor=admin,
            application=a,
            kind=UnreasonableKind.UNREASONABLE,
            reason="已有宅基地仍反复申请新宅基地",
            basis="《中华人民共和国土地管理法》第六十二条 一户一宅",
        )
    )
    # 已撤回: the resident changed their mind.
    a = applying.application_apply(actor=jumin, matter=farmland, phone=PHONE)
    made.append(desk.application_withdraw(actor=jumin, application=a, reason="已在别处办理"))
    return len(made)
