"""The participatory budget, step by step, and every refusal (a Chinese message, nothing changed)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.budgeting import actions, selectors
from gongzhi.budgeting.actions import CouncilVote
from gongzhi.budgeting.models import (
    Category,
    Listing,
    Project,
    ProjectPhoto,
    ProjectState,
    Ranking,
    Rating,
    Round,
    RoundState,
)
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.disclosures.models import Disclosure
from gongzhi.funds.actions import create_plan, expenditure_approve, expenditure_record
from gongzhi.funds.models import Plan
from gongzhi.notices.models import Notice
from gongzhi.residents.models import Resident
from tests.budgeting.conftest import idea, this_year, today
from tests.conftest import make_user
from tests.funds.conftest import jpeg

pytestmark = pytest.mark.django_db


def _unchanged(model, before: int) -> None:
    assert model.objects.count() == before


# --- The catalogue -----------------------------------------------------------------------------------


def test_the_catalogue_is_seeded_as_data_with_a_priority_and_a_never_pay_list():
    priority = set(Category.objects.filter(listing=Listing.PRIORITY).values_list("name", flat=True))
    excluded = set(Category.objects.filter(listing=Listing.EXCLUDED).values_list("name", flat=True))
    assert {"道路照明", "环境整治", "文体设施", "便民服务", "安全隐患整治", "养老托幼"} <= priority
    assert {
        "发放福利或补贴",
        "偿还债务",
        "人员工资和误工补贴",
        "招待费",
        "营利性项目",
        "宗教活动",
    } <= excluded
    assert "发放福利或补贴" not in set(selectors.categories_offered().values_list("name", flat=True))


def test_the_township_edits_the_catalogue_and_only_it(users, areas):
    admin = users["township_admin"]
    made = actions.category_save(actor=admin, township=areas["township"], name="智慧安防", listing="priority")
    assert made.listing == Listing.PRIORITY
    assert made.active
    changed = actions.category_save(actor=admin, township=areas["township"], name="智慧安防", listing="excluded",
                                    note="暂不支持", active=False, category=made)  # fmt: skip
    assert (changed.listing, changed.active, changed.note) == ("excluded", False, "暂不支持")
    assert AuditEvent.objects.filter(verb="budgeting.category_saved").count() == 2
    before = Category.objects.count()
    with pytest.raises(DomainError, match="已经有"):
        actions.category_save(actor=admin, township=areas["township"], name="道路照明", listing="priority")
    with pytest.raises(DomainError, match="请选择类别"):
        actions.category_save(actor=admin, township=areas["township"], name="新类别", listing="maybe")
    with pytest.raises(DomainError, match="按镇"):
        actions.category_save(actor=admin, township=areas["village"], name="新类别", listing="priority")
    with pytest.raises(NotPermitted):
        actions.category_save(actor=users["community_staff"], township=areas["township"], name="新类别",
                              listing="priority")  # fmt: skip
    _unchanged(Category, before)


def test_a_township_keeps_its_own_categories_and_never_the_shared_catalogue_or_anothers(
    users, areas, round_, proposer
):
    """The shared catalogue (the seeded 负面清单 with it) is no township's to change; a township's own categories
    are its communities' only."""
    admin = users["township_admin"]
    elsewhere = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="青松镇", parent=None, code="511423102000")
    their_admin = make_user("budget_other_admin", Role.TOWNSHIP_ADMIN, elsewhere)
    shared = Category.objects.get(name="宗教活动")
    before = Category.objects.count()
    with pytest.raises(DomainError, match="统一目录"):
        actions.category_save(actor=admin, township=areas["township"], name="宗教活动", listing="priority",
                              category=shared)  # fmt: skip
    shared.refresh_from_db()
    assert (shared.listing, shared.township_id) == (Listing.EXCLUDED, None)
    _unchanged(Category, before)
    theirs = actions.category_save(actor=their_admin, township=elsewhere, name="茶园步道", listing="priority")
    ours = actions.category_save(actor=admin, township=areas["township"], name="茶园步道", listing="allowed")
    assert (theirs.township, ours.township) == (elsewhere, areas["township"])
    with pytest.raises(DomainError):
        actions.category_save(actor=admin, township=areas["township"], name="改名", listing="priority",
                              category=theirs)  # fmt: skip
    theirs.refresh_from_db()
    assert theirs.name == "茶园步道"
    offered = set(selectors.categories_offered(areas["township"]))
    assert ours in offered
    assert theirs not in offered
    assert shared not in offered
    assert Category.objects.get(code="lighting") in offered
    with pytest.raises(DomainError, match="请选择项目类别"):
        actions.project_propose(actor=proposer, round_=round_, data=idea(code=theirs.code), photos=[])
    assert not Project.objects.exists()


# --- Rounds ----------------------------------------------------------------------------------------------


def test_a_round_needs_the_years_public_service_fund_and_is_made_once(users, areas, fund):
    staff = users["community_staff"]
    with pytest.raises(DomainError, match="还没有.*公共服务资金"):
        actions.round_create(actor=staff, community=areas["village"], year=this_year() - 1,
                             opens_on=today(), closes_on=today())  # fmt: skip
    with pytest.raises(DomainError, match="不能早于开始日期"):
        actions.round_create(actor=staff, community=areas["village"], year=this_year(),
                             opens_on=today(), closes_on=today() - dt.timedelta(days=1))  # fmt: skip
    with pytest.raises(DomainError, match="单个项目上限应大于零"):
        actions.round_create(actor=staff, community=areas["village"], year=this_year(),
                             opens_on=today(), closes_on=today(), cap="-5")  # fmt: skip
    with pytest.raises(NotPermitted):
        actions.round_create(actor=users["other_staff"], community=areas["village"], year=this_year(),
                             opens_on=today(), closes_on=today())  # fmt: skip
    assert not Round.objects.exists()
    made = actions.round_create(actor=staff, community=areas["village"], year=this_year(),
                                opens_on=today(), closes_on=today())  # fmt: skip
    assert (made.fund, made.state, made.cap) == (fund, RoundState.PREPARED, None)
    with pytest.raises(DomainError, match="已经建立"):
        actions.round_create(actor=staff, community=areas["village"], year=this_year(),
                             opens_on=today(), closes_on=today())  # fmt: skip
    assert Round.objects.count() == 1


def test_staff_open_and_close_proposing_once_each(round_, users):
    staff = users["community_staff"]
    assert round_.state == RoundState.PROPOSING
    with pytest.raises(DomainError, match="已经开始过"):
        actions.round_open(actor=staff, round_=round_)
    with pytest.raises(NotPermitted):
        actions.round_close(actor=users["resident"], round_=round_)
    closed = actions.round_close(actor=staff, round_=round_)
    assert closed.state == RoundState.RANKING
    with pytest.raises(DomainError, match="不在征集项目阶段"):
        actions.round_close(actor=staff, round_=round_)
    assert (
        AuditEvent.objects.filter(verb__in=["budgeting.round_opened", "budgeting.round_closed"]).count() == 2
    )


# --- Proposing -------------------------------------------------------------------------------------------


def test_a_resident_proposes_with_photos(round_, proposer):
    project = actions.project_propose(actor=proposer, round_=round_, data=idea(), photos=[jpeg()])
    assert (project.state, project.cost, project.proposer, project.entered_by) == (
        ProjectState.SUBMITTED, Decimal("8000.00"), proposer, None)  # fmt: skip
    assert project.resident.user == proposer
    assert project.community == round_.community
    assert ProjectPhoto.objects.filter(project=project).count() == 1
    assert AuditEvent.objects.filter(verb="budgeting.project_proposed").count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "handouts"}, "负面清单"),
        ({"cost": "25000"}, "上限20,000.00元"),
        ({"cost": "abc"}, "估算金额应为数字"),
        ({"cost": "0"}, "估算金额应大于零"),
        ({"title": ""}, "请填写项目名称"),
        ({"description": "太短"}, "项目内容至少10个字"),
        ({"place": ""}, "请填写地点"),
        ({"category": None}, "请选择项目类别"),
    ],
)
def test_a_bad_proposal_is_refused_and_nothing_is_stored(round_, proposer, change, message):
    with pytest.raises(DomainError, match=message):
        actions.project_propose(actor=proposer, round_=round_, data=idea(**change))
    assert not Project.objects.exists()


def test_a_cost_above_the_funds_unplanned_balance_is_refused(round_, proposer, users):
    create_plan(users["community_staff"], round_.fund, "修缮活动室", "15000")
    with pytest.raises(DomainError, match="尚未安排的余额15,000.00元"):
        actions.project_propose(actor=proposer, round_=round_, data=idea(cost="16000"))
    assert not Project.objects.exists()


def test_proposing_outside_the_window_is_refused(round_, proposer, users):
    Round.objects.filter(pk=round_.pk).update(
        opens_on=today() + dt.timedelta(days=1), closes_on=today() + dt.timedelta(days=9)
    )
    round_.refresh_from_db()
    with pytest.raises(DomainError, match="不在征集时间内"):
        actions.project_propose(actor=proposer, round_=round_, data=idea())
    actions.round_close(actor=users["community_staff"], round_=round_)
    with pytest.raises(DomainError, match="现在不接受项目"):
        actions.project_propose(actor=proposer, round_=round_, data=idea())
    assert not Project.objects.exists()


def test_only_residents_of_the_community_propose(round_, users, areas, make_resident):
    stranger = make_user("east_resident", "resident", areas["urban"])
    elsewhere = make_resident("grid_b1", name="王东", birth=dt.date(1980, 1, 1))
    Resident.objects.filter(pk=elsewhere.pk).update(user=stranger)
    with pytest.raises(DomainError, match="只有青山村登记在册的居民"):
        actions.project_propose(
            actor=users["resident"], round_=round_, data=idea()
        )  # no entry in the register
    with pytest.raises(NotPermitted):  # a resident of 东街社区: not over 青山村
        actions.project_propose(actor=stranger, round_=round_, data=idea())
    with pytest.raises(NotPermitted):
        actions.project_propose(actor=users["nobody"], round_=round_, data=idea())
    assert not Project.objects.exists()


def test_staff_enter_a_project_for_a_resident_with_the_consent_recorded(round_, users, make_resident):
    elder = make_resident("grid_a1", name="赵老汉", birth=dt.date(1940, 2, 2))
    staff = users["community_staff"]
    with pytest.raises(DomainError, match="请填写本人同意的方式"):
        actions.project_enter(actor=staff, round_=round_, resident=elder, consent="", data=idea())
    with pytest.raises(DomainError, match="请选择本村"):
        actions.project_enter(
            actor=staff, round_=round_, resident=None, consent="本人到村委会口头提出", data=idea()
        )
    with pytest.raises(NotPermitted):
        actions.project_enter(actor=users["resident"], round_=round_, resident=elder, consent="本人到村委会口头提出",
                              data=idea())  # fmt: skip
    assert not Project.objects.exists()
    project = actions.project_enter(actor=staff, round_=round_, resident=elder, consent="本人到村委会口头提出，已签字",
                                    data=idea())  # fmt: skip
    assert (project.proposer, project.entered_by, project.resident) == (None, staff, elder)
    assert project.consent == "本人到村委会口头提出，已签字"


# --- Screening -------------------------------------------------------------------------------------------


def test_screening_tells_the_proposer(round_, proposer, users):
    staff = users["community_staff"]
    project = actions.project_propose(actor=proposer, round_=round_, data=idea())
    with pytest.raises(DomainError, match="请填写理由"):
        actions.project_screen(actor=staff, project=project, eligible=False)
    with pytest.raises(NotPermitted):
        actions.project_screen(actor=proposer, project=project, eligible=True)
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED
    assert not Notice.objects.exists()
    actions.project_screen(actor=staff, project=project, eligible=False, reason="已列入县交通局改造计划")
    project.refresh_from_db()
    assert (project.state, project.screen_reason) == (ProjectState.INELIGIBLE, "已列入县交通局改造计划")
    notice = Notice.objects.get(recipient=proposer)
    assert "不符合条件" in notice.title
    assert "县交通局" in notice.body
    actions.project_screen(actor=staff, project=project, eligible=True)
    project.refresh_from_db()
    assert (project.state, project.screen_reason) == (ProjectState.ELIGIBLE, "")


# --- Ranking and the decision ------------------------------------------------------------------------


@pytest.fixture
def ranked(round_, proposer, users, council):
    """Three eligible projects (8,000 + 15,000 + 9,000 against 30,000), one ineligible, proposing closed."""
    staff = users["community_staff"]
    made = [
        actions.project_propose(actor=proposer, round_=round_, data=idea("修路灯", "8000")),
        actions.project_propose(
            actor=proposer, round_=round_, data=idea("建健身广场", "15000", "recreation")
        ),
        actions.project_propose(actor=proposer, round_=round_, data=idea("清理水渠", "9000", "environment")),
        actions.project_propose(actor=proposer, round_=round_, data=idea("修村委会围墙", "3000", "other")),
    ]
    for project in made[:3]:
        actions.project_screen(actor=staff, project=project, eligible=True)
    actions.project_screen(actor=staff, project=made[3], eligible=False, reason="属于村委会办公用房维修")
    actions.round_close(actor=staff, round_=round_)
    round_.refresh_from_db()
    return round_, made


def test_ranking_refusals(ranked, users, council, proposer):
    round_, (lamp, square, ditch, _wall) = ranked
    order = [square.pk, lamp.pk, ditch.pk]
    with pytest.raises(NotPermitted):
        actions.ranking_submit(actor=proposer, round_=round_, order=order)
    with pytest.raises(DomainError, match="全部3个"):
        actions.ranking_submit(actor=council[0], round_=round_, order=order[:2])
    with pytest.raises(DomainError, match="全部3个"):
        actions.ranking_submit(actor=council[0], round_=round_, order=[*order[:2], _wall.pk])
    with pytest.raises(DomainError, match="只能排一个名次"):
        actions.ranking_submit(actor=council[0], round_=round_, order=[lamp.pk, lamp.pk, ditch.pk])
    assert not Ranking.objects.exists()
    actions.ranking_submit(actor=council[0], round_=round_, order=order)
    with pytest.raises(DomainError, match="只能排序一次"):
        actions.ranking_submit(actor=council[0], round_=round_, order=order)
    assert Ranking.objects.count() == 1
    with pytest.raises(DomainError, match="不能再改动审查结果"):
        actions.project_screen(
            actor=users["community_staff"], project=lamp, eligible=False, reason="重复的项目"
        )


def test_ranking_waits_for_closing_and_screening(round_, proposer, council, users):
    project = actions.project_propose(actor=proposer, round_=round_, data=idea())
    with pytest.raises(DomainError, match="不是议事会排序的阶段"):
        actions.ranking_submit(actor=council[0], round_=round_, order=[project.pk])
    actions.round_close(actor=users["community_staff"], round_=round_)
    with pytest.raises(DomainError, match="还有项目没有审查"):
        actions.ranking_submit(actor=council[0], round_=round_, order=[project.pk])
    assert not Ranking.objects.exists()


def test_a_decision_needs_the_rankings_quorum(ranked, users, council):
    round_, (lamp, square, ditch, _wall) = ranked
    actions.ranking_submit(actor=council[0], round_=round_, order=[square.pk, lamp.pk, ditch.pk])
    vote = CouncilVote(held_on=today(), present=3, in_favour=3)
    with pytest.raises(DomainError, match="排序人数不足.*至少需2人"):
        actions.round_decide(actor=users["community_staff"], round_=round_, vote=vote)
    assert not Plan.objects.exists()
    assert not Disclosure.objects.exists()
    round_.refresh_from_db()
    assert round_.state == RoundState.RANKING


def test_a_decision_needs_a_passed_item_of_the_councils_meeting(ranked, users, council):
    round_, (lamp, square, ditch, _wall) = ranked
    for member in council[:2]:
        actions.ranking_submit(actor=member, round_=round_, order=[square.pk, lamp.pk, ditch.pk])
    staff = users["community_staff"]
    with pytest.raises(DomainError, match="请选择议事会通过的会议议题"):
        actions.round_decide(actor=staff, round_=round_)
    with pytest.raises(DomainError, match="议事会的表决未获通过"):
        actions.round_decide(
            actor=staff, round_=round_, vote=CouncilVote(held_on=today(), present=3, in_favour=1, against=2)
        )
    with pytest.raises(DomainError, match="不足法定人数"):
        actions.round_decide(
            actor=staff, round_=round_, vote=CouncilVote(held_on=today(), present=1, in_favour=1)
        )
    other = create_plan  # a passed item of another meeting is refused
    from gongzhi.meetings.actions.recording import ItemVote, meeting_record

    meeting = meeting_record(actor=staff, area=round_.community, body_kind="body_meeting", held_on=today(),
                             present=3, members=5, items=[ItemVote("修缮活动室", in_favour=3)])  # fmt: skip
    with pytest.raises(DomainError, match="不是本村\\(社区\\)议事会的会议议题"):
        actions.round_decide(actor=staff, round_=round_, meeting_item=meeting.items.get())
    assert other
    assert not Plan.objects.exists()
    assert not Disclosure.objects.exists()
    with pytest.raises(NotPermitted):
        actions.round_decide(
            actor=council[0], round_=round_, vote=CouncilVote(held_on=today(), present=3, in_favour=3)
        )


def test_the_decision_counts_borda_takes_greedily_within_the_balance_and_publishes(
    ranked, users, council, proposer
):
    round_, (lamp, square, ditch, wall) = ranked
    # Borda (3 projects: 2, 1, 0 points): square 2+2+1=5, lamp 1+1+2=4, ditch 0+0+0=0.
    actions.ranking_submit(actor=council[0], round_=round_, order=[square.pk, lamp.pk, ditch.pk])
    actions.ranking_submit(actor=council[1], round_=round_, order=[square.pk, lamp.pk, ditch.pk])
    actions.ranking_submit(actor=council[2], round_=round_, order=[lamp.pk, square.pk, ditch.pk])
    create_plan(users["community_staff"], round_.fund, "修缮活动室", "6000")  # 24,000 left
    decided = actions.round_decide(
        actor=users["community_staff"],
        round_=round_,
        vote=CouncilVote(held_on=today(), present=3, in_favour=3),
    )
    assert decided.state == RoundState.DECIDED
    assert "有投票资格3人，参加3人" in decided.quorum_reason
    for p in (lamp, square, ditch, wall):
        p.refresh_from_db()
    assert [(square.rank, square.points), (lamp.rank, lamp.points), (ditch.rank, ditch.points)] == [
        (1, 5), (2, 4), (3, 0)]  # fmt: skip
    # 15,000 + 8,000 fit in 24,000; 9,000 no longer does.
    assert (square.state, lamp.state, ditch.state) == ("funded", "funded", "not_funded")
    assert wall.state == ProjectState.INELIGIBLE
    assert wall.rank is None
    plan = square.plan
    assert (plan.amount, plan.origin_app, plan.origin_id, plan.meeting_item) == (
        Decimal("15000.00"), "budgeting", square.pk, decided.meeting_item)  # fmt: skip
    assert decided.meeting_item.passed
    assert decided.meeting_item.meeting.owner_id == round_.pk
    disclosure = decided.disclosure
    assert "第1名 建健身广场" in disclosure.body
    assert "未入选" in disclosure.body
    assert "李秀兰" not in disclosure.body
    assert Notice.objects.filter(recipient=proposer, title__contains="已立项").count() == 2
    assert AuditEvent.objects.filter(verb="budgeting.round_decided").count() == 1
    with pytest.raises(DomainError, match="现在不是议定项目的阶段"):
        actions.round_decide(actor=users["community_staff"], round_=round_, vote=CouncilVote(today(), 3, 3))


@pytest.fixture
def decided(ranked, users, council):
    round_, (lamp, square, ditch, _wall) = ranked
    for member in council:
        actions.ranking_submit(actor=member, round_=round_, order=[lamp.pk, square.pk, ditch.pk])
    actions.round_decide(actor=users["community_staff"], round_=round_,
                         vote=CouncilVote(held_on=today(), present=3, in_favour=3))  # fmt: skip
    lamp.refresh_from_db()
    return lamp


def test_a_funded_projects_spending_shows_amounts_and_payees_never_vouchers(decided, users, areas):
    from tests.funds.conftest import second_staff  # noqa: F401  (the fixture's shape)

    staff = users["community_staff"]
    spending = expenditure_record(actor=staff, plan=decided.plan, amount="7800", payee="青山电器店",
                                  spent_on=today(), purpose="路灯12盏及安装", vouchers=[jpeg()])  # fmt: skip
    assert selectors.project_spending(decided) == []  # not yet approved by two
    expenditure_approve(
        actor=make_user("approver1", "community_staff", areas["village"]), expenditure=spending
    )
    expenditure_approve(
        actor=make_user("approver2", "community_staff", areas["village"]), expenditure=spending
    )
    rows = selectors.project_spending(decided)
    assert [(r.payee, r.amount) for r in rows] == [("青山电器店", Decimal("7800.00"))]


def test_finish_and_rate_once_each(decided, users, proposer, council, areas):
    staff = users["community_staff"]
    with pytest.raises(DomainError, match="项目完工后才能评分"):
        actions.project_rate(actor=proposer, project=decided, stars=5)
    with pytest.raises(DomainError, match="不能晚于今天"):
        actions.project_finish(actor=staff, project=decided, finished_on=today() + dt.timedelta(days=1))
    actions.project_finish(actor=staff, project=decided, finished_on=today())
    with pytest.raises(DomainError, match="已经登记完工"):
        actions.project_finish(actor=staff, project=decided, finished_on=today())
    with pytest.raises(DomainError, match="1到5颗星"):
        actions.project_rate(actor=proposer, project=decided, stars=6)
    actions.project_rate(actor=proposer, project=decided, stars=5)
    actions.project_rate(actor=council[0], project=decided, stars=4)
    with pytest.raises(DomainError, match="每人只能评一次"):
        actions.project_rate(actor=proposer, project=decided, stars=1)
    outsider = make_user("east_rater", "resident", areas["village"])  # a role but no entry in the register
    with pytest.raises(DomainError, match="登记在册的居民可以评分"):
        actions.project_rate(actor=outsider, project=decided, stars=1)
    assert Rating.objects.count() == 2
    from gongzhi.core.indicators import Ratio

    village = areas["village"].pk
    year_start, year_end = dt.date(this_year(), 1, 1), dt.date(this_year(), 12, 31)
    assert selectors.ratings_by_community([village], year_start, year_end) == {village: Ratio(9, 2)}
    score = selectors.project_score(decided)
    assert (score.mean, score.count) == (Decimal("4.5"), 2)


def test_a_project_not_funded_cannot_be_finished(ranked, users, council):
    round_, (lamp, square, ditch, _wall) = ranked
    with pytest.raises(DomainError, match="只有已立项的项目"):
        actions.project_finish(actor=users["community_staff"], project=lamp, finished_on=today())


# --- The count, pure -----------------------------------------------------------------------------------


def test_borda_and_the_greedy_choice_without_the_database():
    points = selectors.borda([[1, 2, 3], [2, 1, 3], [1, 3, 2]], [1, 2, 3])
    assert points == {1: 5, 2: 3, 3: 1}
    choices = selectors.choose(
        [(1, Decimal("20"), False, 0), (2, Decimal("15"), True, 1), (3, Decimal("5"), False, 2)],
        points,
        Decimal("30"),
    )
    assert [(c.project_id, c.rank, c.funded) for c in choices] == [(1, 1, True), (2, 2, False), (3, 3, True)]
    # A tie goes to the priority list first, then the cheaper project.
    tied = selectors.choose(
        [(1, Decimal("9"), False, 0), (2, Decimal("9"), True, 1), (3, Decimal("4"), False, 2)],
        {1: 2, 2: 2, 3: 2},
        Decimal("100"),
    )
    assert [c.project_id for c in tied] == [2, 3, 1]


def test_figures_for_the_township(decided, areas):
    start, end = dt.date(this_year(), 1, 1), dt.date(this_year(), 12, 31)
    village = areas["village"].pk
    assert selectors.proposed_by_community([village], start, end) == {village: 4}
    assert selectors.funded_by_community([village], start, end) == {village: 2}  # 8,000 + 15,000 of 30,000
    assert timezone.localdate() >= start
