"""四议两公开 in the demo township, made through the bodies', power list's and decisions' actions.

The township's 社治办 loads the standard power list (小微权力清单) as its template and every community adopts
it. Each community gets the bodies a decision needs (`demo_decision_bodies`, its own function: the bodies'
pages helper may fill bodies too — an existing body of a kind is reused): a party organisation, a committee
(in the second community the party secretary is also the chair: 一肩挑), a supervisory committee (the demo's
监委会 account sits on the first community's), and representatives, all residents of the register. The first
two communities then hold a decision at every stage: waiting for the party organisation, for the joint
meeting, for the party members' meeting, for the resolution, for its publication, being carried out (a task
in progress and an objection of the supervisory committee waiting for its answer), accepted and waiting for
the result's publication, done, and one not adopted (the representatives voted it down).
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import Body, BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, body_roll, memberships_current
from gongzhi.meetings.actions import RollMark, meeting_agenda_vote, meeting_roll_close, meeting_roll_mark
from gongzhi.residents.models import Resident
from gongzhi.selfgov.actions import decisions as actions
from gongzhi.selfgov.models import PowerItem

MATTERS = [
    # (power item code, title, body)
    (
        "A02",
        "修缮村道（一组至三组）",
        "对一组至三组之间约2.3公里村道进行硬化修缮，预算约46万元，按规定公开招标。",
    ),
    ("A03", "出租村集体闲置仓库", "村集体闲置仓库约600平方米公开招租，租期三年，底价每年3万元。"),
    (
        "A08",
        "安装村内路灯（一事一议）",
        "在主干道安装太阳能路灯40盏，按一事一议筹资筹劳，每人筹资不超过20元。",
    ),
    ("A09", "文化广场健身器材更新", "使用财政奖补资金更新文化广场健身器材一批，约8万元。"),
    ("A12", "本年度村级财务预算", "审议本年度村级财务收支预算，收入约52万元，支出约49万元。"),
    ("A01", "村集体果园承包方案", "村集体果园80亩对外承包，期限五年，公开竞价。"),
    ("A13", "村庄规划（修编）", "按镇国土空间规划修编村庄规划，征求村民意见后报镇审批。"),
    ("B02", "接受乡贤捐赠修建凉亭", "接受在外乡贤捐赠5万元，用于村口凉亭修建。"),
    ("A14", "本年度宅基地使用方案", "安排本年度宅基地12宗，优先安排无房户和危房户。"),
]
# The state each demo decision is left in, and how it gets there: the meeting stages pass, then what follows.
TARGETS = [
    "proposal",
    "consultation",
    "review",
    "resolution",
    "disclosure",
    "executing",
    "result",
    "done",
    "rejected",
]


def _staff(community: Area) -> User:
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).first()
    assert staff is not None, "demo_conventions_seed gives every community its staff"
    return staff


def _body(staff: User, community: Area, kind: str) -> tuple[Body, bool]:
    found = body_of_kind(community, kind)
    return (
        (found, False) if found is not None else (body_create(actor=staff, area=community, kind=kind), True)
    )


@transaction.atomic
def demo_decision_bodies(
    *, community: Area, staff: User, shoulder_one: bool, supervisor: User | None
) -> None:
    """The bodies of a community for 四议两公开, with members from the register (reused if they exist)."""
    today = timezone.localdate()
    adult = today.replace(year=today.year - 20, day=min(today.day, 28))
    people = list(
        Resident.objects.filter(community=community, status="active", birth_date__lte=adult).order_by("id")[
            :60
        ]
    )
    party = [p for p in people if p.political_status == "01"] or people[:3]
    others = [p for p in people if p not in party]
    start = timezone.localdate().replace(month=1, day=10)

    def fill(kind: str, seats: list[tuple[Resident, str]]) -> None:
        body, fresh = _body(staff, community, kind)
        if not fresh and memberships_current(body).exists():
            return
        for resident, post in seats:
            membership_add(actor=staff, body=body, resident=resident, post=post, started_on=start)

    secretary = party[0]
    fill(BodyKind.PARTY_ORG, [(secretary, Post.SECRETARY), *[(p, Post.MEMBER) for p in party[1:3]]])
    chair = secretary if shoulder_one else others[0]
    fill(BodyKind.COMMITTEE, [(chair, Post.CHAIR), (others[1], Post.MEMBER), (others[2], Post.MEMBER)])
    watchers = [others[3], others[4]]
    if supervisor is not None:
        own = Resident.objects.filter(user=supervisor).first()
        if own is None:
            own = others[3]
            Resident.objects.filter(pk=own.pk).update(user=supervisor)
        watchers = [own, *[w for w in watchers if w.pk != own.pk]][:2]
    fill(BodyKind.SUPERVISORY, [(watchers[0], Post.CHAIR), (watchers[1], Post.MEMBER)])
    if supervisor is not None:  # the demo's supervisor account sits on the committee it supervises for
        supervisory, _fresh = _body(staff, community, BodyKind.SUPERVISORY)
        if not memberships_current(supervisory).filter(resident=watchers[0]).exists():
            membership_add(
                actor=staff, body=supervisory, resident=watchers[0], post=Post.MEMBER, started_on=start
            )
    fill(BodyKind.REPRESENTATIVES, [(p, Post.REPRESENTATIVE) for p in others[5:17]])
    for kind in (BodyKind.JOINT, BodyKind.PARTY_MEMBERS, BodyKind.ASSEMBLY):
        _body(staff, community, kind)


def _all_present(staff: User, decision, *, against: int = 0, passing: bool = True):
    stage, body, _merged = actions.decision_stage_body(decision)
    assert body is not None
    roll = body_roll(body)
    present = len(roll.seats)
    against = against if present >= 5 else 0  # a small body's vote in the demo is unanimous
    in_favour = present - against if passing else present // 3
    return actions.decision_stage_record(
        actor=staff,
        decision=decision,
        meeting=actions.StageMeeting(
            held_on=timezone.localdate(),
            present=present,
            in_favour=in_favour,
            against=against if passing else present - in_favour,
            place="村委会会议室",
            opinion="同意提交下一环节。" if passing else "",
        ),
    )


def _convened(staff: User, decision):
    """The stage's meeting convened in gongzhi today (an urgent one), its roll all present, the matter voted by
    roll call, the vote taken as the stage's verdict."""
    meeting = actions.decision_stage_convene(
        actor=staff,
        decision=decision,
        held_on=timezone.localdate(),
        place="村委会会议室",
        method="roll_call",
        urgency_reason="汛期将至，须尽快议定",
    )
    lines = list(meeting.roll.order_by("id"))
    meeting_roll_mark(actor=staff, meeting=meeting, marks=[RollMark(m.pk, "present") for m in lines])
    meeting = meeting_roll_close(actor=staff, meeting=meeting)
    agenda = meeting.agenda.get()
    meeting_agenda_vote(actor=staff, agenda_item=agenda, votes={m.pk: "for" for m in lines})
    agenda.refresh_from_db()
    return actions.decision_stage_take(actor=staff, decision=decision, agenda_item=agenda, opinion="同意。")


def _decision_to(
    staff: User, supervisor: User | None, community: Area, code: str, title: str, body: str, target: str
):
    item = PowerItem.objects.get(area=community, code=code)
    decision = actions.decision_start(
        actor=staff,
        community=community,
        title=title,
        body=body,
        origin_kind="cadre_proposal",
        power_item=item,
    )
    order = ["proposal", "consultation", "review", "resolution"]
    stop = order.index(target) if target in order else len(order)
    while decision.state in order and order.index(decision.state) < stop:
        last = target == "rejected" and decision.state == "resolution"
        if target == "resolution" and decision.state == "review":
            decision = _convened(staff, decision)  # the party members' meeting convened and held in gongzhi
        else:
            decision = _all_present(staff, decision, against=1, passing=not last)
    if target == "consultation":  # the joint meeting is called for next week
        actions.decision_stage_convene(
            actor=staff,
            decision=decision,
            held_on=timezone.localdate() + dt.timedelta(days=7),
            place="村委会会议室",
        )
    if (
        target in ("proposal", "consultation", "review", "resolution", "rejected")
        or decision.state != "disclosure"
    ):
        return decision
    if target == "disclosure":
        return decision
    today = timezone.localdate()
    decision = actions.decision_publish(
        actor=staff,
        decision=decision,
        text=f"经村民代表会议决议：{body}",
        published_on=today,
        where="村务公开栏",
    )
    task = actions.decision_task_add(
        actor=staff, decision=decision, title="组织实施", body=f"按决议实施：{title}"
    )
    task = actions.decision_task_move(actor=staff, task=task, verb="start")
    task = actions.decision_task_move(actor=staff, task=task, verb="progress", note="已完成前期准备。")
    if target == "executing":
        if supervisor is not None:
            actions.decision_object(
                actor=supervisor, decision=decision, text="请公开实施过程中的资金使用明细。"
            )
        return decision
    actions.decision_task_move(actor=staff, task=task, verb="finish", note="已按决议完成。")
    if supervisor is None:
        return decision
    decision = actions.decision_accept(
        actor=supervisor, decision=decision, note="经核查，实施情况与决议一致。"
    )
    if target == "done":
        decision = actions.decision_publish(
            actor=staff, decision=decision, text=f"{title}已实施完毕，经监委会验收。", published_on=today
        )
    return decision


def demo_decisions_seed(*, township: Area, communities: list[Area], rng: random.Random) -> int:
    """The power list everywhere; bodies everywhere; a decision at every stage in the first two communities."""
    admin = User.objects.get(username="zhen_admin")
    supervisor = User.objects.filter(username="jianwei").first()
    actions.power_template_install(actor=admin, township=township)
    made = 0
    for index, community in enumerate(communities):
        staff = _staff(community)
        actions.power_list_adopt(actor=staff, community=community)
        demo_decision_bodies(
            community=community,
            staff=staff,
            shoulder_one=index == 1,
            supervisor=supervisor if index == 0 else None,
        )
        if index > 1:
            continue
        watcher = supervisor if index == 0 else None
        for (code, title, body), target in zip(rng.sample(MATTERS, len(TARGETS)), TARGETS, strict=True):
            with transaction.atomic():
                _decision_to(staff, watcher, community, code, title, body, target)
            made += 1
    return made
