"""The demo township's participatory budget (gongzhi.budgeting), made through its actions.

青山村 gets its 村民议事会 (five residents with accounts, `yishi1`…`yishi5`) and this year's 公共服务资金; its round
is decided: residents proposed six projects (`jumin` two of them, staff entered others for residents who asked in
person), one was ineligible (office upkeep is not the fund's), four members of five ranked, the 议事会's meeting
adopted the result; the projects that fit the fund became spending plans, one did not fit. One is finished and
rated, another has its spending recorded and approved. The second community's round is still collecting
projects: one submitted, one found eligible, one ineligible.
"""

import datetime as dt
import random

from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.budgeting import actions
from gongzhi.budgeting.actions import CouncilVote, ProjectInput
from gongzhi.budgeting.models import Category
from gongzhi.funds.actions import expenditure_approve, expenditure_record, fund_create, income_record
from gongzhi.funds.models import FundKind, IncomeSource
from gongzhi.residents.models import Resident

# (title, category code, cost, place, description)
PROJECTS = [
    ("村口至小学路段增设路灯", "lighting", "18000", "村口至青山小学", "这段路晚上没有灯，孩子放学和老人散步都不安全，建议装12盏太阳能路灯。"),
    ("文化广场添置健身器材", "recreation", "26000", "村文化广场", "广场上只有两件旧器材，早晚锻炼的人多，建议添置一套适合老人的健身器材。"),
    ("二组水渠清淤", "environment", "12000", "二组灌溉水渠", "水渠淤积严重，夏天发臭，下雨容易漫到路上，建议清淤并修补渠壁。"),
    ("老年活动室安装空调", "care", "28000", "村老年活动室", "活动室夏天太热冬天太冷，老人来得少，建议安装两台空调。"),
    ("小学门口减速带和护栏", "safety", "29000", "青山小学门口", "学校门口车开得快，建议装减速带、护栏和警示牌。"),
    ("村委会办公室装修", "other", "20000", "村委会", "办公室墙面脱落，建议重新粉刷、更换桌椅。"),
]  # fmt: skip
ORDERS = [[1, 0, 4, 2, 3], [0, 1, 2, 4, 3], [1, 4, 0, 3, 2], [0, 1, 3, 2, 4]]  # four members' rankings


def _idea(row) -> ProjectInput:
    title, code, cost, place, description = row
    return ProjectInput(title, description, place, cost, Category.objects.get(code=code))


def _council(community: Area, staff: User, password: str) -> list[User]:
    body = body_create(
        actor=staff, area=community, kind=BodyKind.COUNCIL, duties="议定村公资金项目，监督项目实施。"
    )
    born_before = timezone.localdate().replace(year=timezone.localdate().year - 30)
    people = Resident.objects.filter(
        community=community, status="active", user__isnull=True, birth_date__lte=born_before
    ).order_by("pk")[:5]
    members = []
    for n, person in enumerate(people, start=1):
        user = User(username=f"yishi{n}", display_name=person.name, email=f"yishi{n}@demo.gongzhi.local")
        user.password = password
        user.save()
        RoleAssignment.objects.create(user=user, role=Role.RESIDENT, area=community, area_path=community.path)
        Resident.objects.filter(pk=person.pk).update(user=user)
        person.refresh_from_db()
        membership_add(actor=staff, body=body, resident=person, post=Post.CHAIR if n == 1 else Post.MEMBER,
                       started_on=dt.date(2024, 3, 1), term="第一届")  # fmt: skip
        members.append(user)
    return members


def _fund(community: Area, staff: User, year: int):
    fund = fund_create(actor=staff, community=community, year=year, kind=FundKind.objects.get(code="public_service"),
                       note="村级公共服务和社会管理资金")  # fmt: skip
    income_record(actor=staff, fund=fund, source=IncomeSource.objects.get(code="finance"), amount="100000",
                  received_on=dt.date(year, 1, 15), note="市、县、镇三级财政拨付")  # fmt: skip
    return fund


def demo_budgeting_seed(*, communities: list[Area], password: str, rng: random.Random) -> int:
    """Returns the number of projects proposed."""
    today = timezone.localdate()
    year = today.year
    first, second = communities[0], communities[1]
    staff = User.objects.get(username="cun_ganbu")
    jumin = User.objects.get(username="jumin")
    members = _council(first, staff, password)
    _fund(first, staff, year)
    round_ = actions.round_create(actor=staff, community=first, year=year, opens_on=today, closes_on=today,
                                  cap="30000")  # fmt: skip
    actions.round_open(actor=staff, round_=round_)
    elders = list(
        Resident.objects.filter(community=first, status="active", user__isnull=True).order_by("-pk")[:4]
    )
    projects = []
    for n, row in enumerate(PROJECTS):
        if n in (0, 3):
            projects.append(actions.project_propose(actor=jumin, round_=round_, data=_idea(row)))
        else:
            projects.append(actions.project_enter(actor=staff, round_=round_, resident=elders[n % len(elders)],
                                                  consent="本人到村委会当面提出，在登记表上签字", data=_idea(row)))  # fmt: skip
    for project in projects[:5]:
        actions.project_screen(actor=staff, project=project, eligible=True)
    actions.project_screen(actor=staff, project=projects[5], eligible=False,
                           reason="办公室修缮属于办公经费的开支范围，不能使用村公资金")  # fmt: skip
    actions.round_close(actor=staff, round_=round_)
    for member, order in zip(members, ORDERS, strict=False):
        actions.ranking_submit(actor=member, round_=round_, order=[projects[i].pk for i in order])
    actions.round_decide(actor=staff, round_=round_, vote=CouncilVote(held_on=today, present=5, in_favour=4,
                                                                      abstaining=1, place="村委会会议室"))  # fmt: skip
    for project in projects:
        project.refresh_from_db()
    lamp, square = projects[0], projects[1]
    recorder = User.objects.filter(username="cun_baozhang").first() or staff
    approvers = [u for u in User.objects.filter(username__in=["cun_ganbu", "cun_zhuren"]) if u != recorder]
    if square.plan is not None:
        spending = expenditure_record(actor=recorder, plan=square.plan, amount="24600", payee="永安体育器材店",
                                      spent_on=today, purpose="健身器材8件及安装",
                                      vouchers=[_receipt(rng)])  # fmt: skip
        for person in approvers[:2]:
            expenditure_approve(actor=person, expenditure=spending)
    if lamp.plan_id is not None:
        actions.project_finish(actor=staff, project=lamp, finished_on=today)
        for person, stars in zip([jumin, *members], [5, 4, 5, 4, 3, 5], strict=False):
            actions.project_rate(actor=person, project=lamp, stars=stars)
    # The second community is still collecting projects.
    other_staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=second
    )
    keeper = other_staff.order_by("pk").first() or staff
    _fund(second, keeper, year)
    open_round = actions.round_create(actor=keeper, community=second, year=year, opens_on=today,
                                      closes_on=today + dt.timedelta(days=30))  # fmt: skip
    actions.round_open(actor=keeper, round_=open_round)
    people = list(Resident.objects.filter(community=second, status="active").order_by("pk")[:3])
    waiting = []
    for asker, row in zip(people, (PROJECTS[2], PROJECTS[0], PROJECTS[5]), strict=False):
        waiting.append(actions.project_enter(actor=keeper, round_=open_round, resident=asker,
                                             consent="本人到社区当面提出，在登记表上签字", data=_idea(row)))  # fmt: skip
    if len(waiting) == 3:
        actions.project_screen(actor=keeper, project=waiting[1], eligible=True)
        actions.project_screen(actor=keeper, project=waiting[2], eligible=False,
                               reason="办公用房修缮属于办公经费的开支范围")  # fmt: skip
    return len(projects) + len(waiting)


def _receipt(rng: random.Random) -> bytes:
    from gongzhi.devtools.demo_funds import _voucher

    return _voucher(rng)
