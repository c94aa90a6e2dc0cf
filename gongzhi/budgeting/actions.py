"""参与式预算 (村公资金): a community's yearly round of small public-service projects.

    round:    round_create (against the year's 公共服务资金 fund) ──round_open──▶ proposing
              ──round_close──▶ ranking ──round_decide (议事会's passed meeting item, ranking quorum)──▶ decided
    project:  project_propose (a resident of the community, in the window) / project_enter (staff, for a
              resident who asked in person, consent recorded) ──▶ submitted ──project_screen──▶ eligible |
              ineligible (reason; the proposer is notified) ──round_decide──▶ funded (a funds plan) | not funded
              ──project_finish──▶ finished ──project_rate (each resident once, 1–5)
    ranking:  ranking_submit: each member seated on the 议事会 ranks every eligible project once (Borda count)
    catalogue: category_save (the township's priority list and never-pay list)

Refused, with a message and nothing changed: a never-pay category, a cost above the round's cap or the fund's
unplanned balance (or above the amount that needs a 四议两公开 decision), proposing outside the window or the
proposing state, a proposer not in the community's register; ranking before every project is screened, an
incomplete ranking, a second ranking; a decision without the rankings' quorum (more than half of the seated
members, core.quorum) or without a passed item of the 议事会's meeting. The decision takes the projects by their
points, greedily within the fund's unplanned balance; each chosen one becomes a funds plan owned by the project
(create_plan with origin), and the result is published on the community's public board.

Every action is permission-checked, locks what it reads to change, writes one audit event in its transaction.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import township_of
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotFound
from gongzhi.core.places import row_lock
from gongzhi.core.quorum import turnout_check
from gongzhi.core.text import text_clean
from gongzhi.disclosures.actions import disclosure_publish
from gongzhi.disclosures.models import DisclosureCategory
from gongzhi.funds.actions import amount_parse, create_plan
from gongzhi.funds.models import Fund
from gongzhi.funds.selectors import fund_totals, policy_for
from gongzhi.meetings.actions.recording import ItemVote, meeting_record
from gongzhi.meetings.models import MeetingItem
from gongzhi.notices.actions import notice_send
from gongzhi.residents.models import Resident

from .models import (
    Category,
    Listing,
    Project,
    ProjectPhoto,
    ProjectState,
    Ranking,
    RankingEntry,
    Rating,
    Round,
    RoundState,
)
from .selectors import (
    borda,
    choose,
    council_of,
    council_seats,
    eligible_projects,
    fund_of,
    resident_entry,
    seat_of,
)

TITLE_MAX, DESCRIPTION_MAX, PLACE_MAX, REASON_MAX, CONSENT_MAX, NOTE_MAX = 60, 1000, 100, 300, 200, 200
PHOTOS_MAX = 3
YEAR_MIN = 2000
QUORUM = Fraction(
    1, 2
)  # more than half of the seated members rank (少数服从多数, core.quorum's body_meeting)
NOTICE_KIND = "budgeting"
ORIGIN_APP = "budgeting"


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _day(value, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise DomainError(_("请填写%(label)s（年-月-日）。") % {"label": label}, field=field)
    return value


# --- The catalogue ---------------------------------------------------------------------------------


@transaction.atomic
def category_save(
    *,
    actor: User,
    township: Area,
    name: str,
    listing: str,
    note: str = "",
    active: bool = True,
    category: Category | None = None,
) -> Category:
    """Add a category to the township's catalogue, or change one (its name, list, note, whether in use)."""
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("村公资金目录按镇(乡、街道)维护，请选择镇(乡、街道)。"), field="township")
    authorize(actor, "budgeting.edit_catalogue", township)
    name = text_clean(name, label=_("名称"), field="name", minimum=2, maximum=40)
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=NOTE_MAX)
    if listing not in Listing.values:
        raise DomainError(_("请选择类别：优先支持、可以支持或负面清单。"), field="listing")
    same = Category.objects.filter(Q(township=None) | Q(township=township), name=name)
    if category is not None:
        category = row_lock(Category, category.pk)
        if category.township_id is None:
            raise DomainError(
                _("“%(name)s”是统一目录里的类别，本镇不能修改；可以新增本镇自己的类别。")
                % {"name": category.name}
            )
        if category.township_id != township.pk:
            raise NotFound()
        same = same.exclude(pk=category.pk)
    if same.exists():
        raise DomainError(_("目录里已经有“%(name)s”了。") % {"name": name}, field="name")
    if category is None:
        code = f"c{(Category.objects.order_by('-id').values_list('id', flat=True).first() or 0) + 1}"
        order = (
            Category.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
        ) + 10
        category = Category.objects.create(
            township=township,
            code=code,
            name=name,
            listing=listing,
            note=note,
            active=bool(active),
            sort_order=order,
        )
        created = True
    else:
        category.name, category.listing, category.note, category.active = name, listing, note, bool(active)
        category.save(update_fields=["name", "listing", "note", "active"])
        created = False
    audit_event_record(
        actor=actor,
        verb="budgeting.category_saved",
        target=category,
        area=township,
        summary={
            "name": name,
            "listing": str(Listing(listing).label),
            "active": bool(active),
            "created": created,
        },
    )
    return category


# --- Rounds ----------------------------------------------------------------------------------------


@transaction.atomic
def round_create(*, actor: User, community: Area, year, opens_on, closes_on, cap=None) -> Round:
    if community is None or community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("村公资金项目按村(社区)征集，请选择一个村或社区。"), field="community")
    authorize(actor, "budgeting.organise", community)
    try:
        year = int(str(year).strip())
    except ValueError:
        raise DomainError(_("请填写年度。"), field="year") from None
    this_year = timezone.localdate().year
    if not YEAR_MIN <= year <= this_year + 1:
        raise DomainError(_("年度应在%(a)d到%(b)d之间。") % {"a": YEAR_MIN, "b": this_year + 1}, field="year")
    opens_on = _day(opens_on, field="opens_on", label=_("征集开始日期"))
    closes_on = _day(closes_on, field="closes_on", label=_("征集截止日期"))
    if closes_on < opens_on:
        raise DomainError(_("征集截止日期不能早于开始日期。"), field="closes_on")
    limit = None
    if cap not in (None, ""):
        limit = amount_parse(cap, field="cap", label=_("单个项目上限"))
    row_lock(Area, community.pk)
    fund = fund_of(community, year)
    if fund is None:
        raise DomainError(
            _("%(community)s还没有%(year)d年的公共服务资金，请先在“经费”里建立并登记到账收入。")
            % {"community": community.name, "year": year},
            field="year",
        )
    if Round.objects.filter(community=community, year=year).exists():
        raise DomainError(
            _("%(community)s%(year)d年的项目征集已经建立。") % {"community": community.name, "year": year},
            field="year",
        )
    found = Round.objects.create(
        community=community,
        area_path=community.path,
        year=year,
        fund=fund,
        opens_on=opens_on,
        closes_on=closes_on,
        cap=limit,
        created_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="budgeting.round_created",
        target=found,
        summary={
            "opens_on": opens_on.isoformat(),
            "closes_on": closes_on.isoformat(),
            "cap": _yuan(limit) if limit is not None else "",
        },
    )
    return found


@transaction.atomic
def round_open(*, actor: User, round_: Round) -> Round:
    """Open proposing (residents may propose from the opening date to the closing date)."""
    authorize(actor, "budgeting.organise", round_)
    round_ = row_lock(Round, round_.pk, "community")
    if round_.state != RoundState.PREPARED:
        raise DomainError(_("这轮征集已经开始过了。"), field="state")
    if round_.closes_on < timezone.localdate():
        raise DomainError(_("征集截止日期已过，不能再开始征集。"), field="closes_on")
    round_.state, round_.opened_at = RoundState.PROPOSING, timezone.now()
    round_.save(update_fields=["state", "opened_at"])
    audit_event_record(actor=actor, verb="budgeting.round_opened", target=round_)
    return round_


@transaction.atomic
def round_close(*, actor: User, round_: Round) -> Round:
    """Close proposing: the 议事会 ranks the eligible projects next."""
    authorize(actor, "budgeting.organise", round_)
    round_ = row_lock(Round, round_.pk, "community")
    if round_.state != RoundState.PROPOSING:
        raise DomainError(_("这轮征集不在征集项目阶段。"), field="state")
    round_.state, round_.closed_at = RoundState.RANKING, timezone.now()
    round_.save(update_fields=["state", "closed_at"])
    audit_event_record(
        actor=actor,
        verb="budgeting.round_closed",
        target=round_,
        summary={"projects": round_.projects.count()},
    )
    return round_


# --- Projects --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectInput:
    title: str
    description: str
    place: str
    cost: object
    category: Category | None


def _project_clean(round_: Round, data: ProjectInput) -> tuple[str, str, str, Decimal, Category]:
    title = text_clean(data.title, label=_("项目名称"), field="title", minimum=2, maximum=TITLE_MAX)
    description = text_clean(
        data.description, label=_("项目内容"), field="description", minimum=10, maximum=DESCRIPTION_MAX
    )
    place = text_clean(data.place, label=_("地点"), field="place", minimum=2, maximum=PLACE_MAX)
    cost = amount_parse(data.cost, field="cost", label=_("估算金额"))
    category = data.category
    township = township_of(round_.community)
    if (
        category is None
        or not category.active
        or category.township_id not in (None, township.pk if township is not None else None)
    ):
        raise DomainError(_("请选择项目类别。"), field="category")
    if category.listing == Listing.EXCLUDED:
        raise DomainError(
            _("“%(name)s”在村公资金的负面清单上，村公资金不能用于这类事项。") % {"name": category.name},
            field="category",
        )
    if round_.cap is not None and cost > round_.cap:
        raise DomainError(
            _("估算金额%(cost)s元超过了本轮单个项目的上限%(cap)s元。")
            % {"cost": _yuan(cost), "cap": _yuan(round_.cap)},
            field="cost",
        )
    above = policy_for(round_.community).decision_above
    if cost > above:
        raise DomainError(
            _("估算金额%(cost)s元超过%(limit)s元，须经“四议两公开”决策，不属于村公资金小项目。")
            % {"cost": _yuan(cost), "limit": _yuan(above)},
            field="cost",
        )
    unplanned = fund_totals(round_.fund).unplanned
    if cost > unplanned:
        raise DomainError(
            _("估算金额%(cost)s元超过了%(fund)s尚未安排的余额%(left)s元。")
            % {"cost": _yuan(cost), "fund": str(round_.fund), "left": _yuan(max(unplanned, Decimal("0.00")))},
            field="cost",
        )
    return title, description, place, cost, category


def _window_check(round_: Round) -> None:
    today = timezone.localdate()
    if round_.state != RoundState.PROPOSING:
        raise DomainError(_("这轮征集现在不接受项目（%(state)s）。") % {"state": round_.get_state_display()})
    if today < round_.opens_on or today > round_.closes_on:
        raise DomainError(
            _("项目征集时间是%(start)s至%(end)s，现在不在征集时间内。")
            % {"start": round_.opens_on.isoformat(), "end": round_.closes_on.isoformat()}
        )


def _photos_store(project: Project, actor: User, photos: Iterable) -> int:
    from gongzhi.photos.actions import photo_store

    uploads = [p for p in (photos or []) if p]
    if len(uploads) > PHOTOS_MAX:
        raise DomainError(_("照片最多%(n)d张。") % {"n": PHOTOS_MAX}, field="photos")
    for upload in uploads:
        try:
            photo = photo_store(actor=actor, upload=upload)
        except DomainError as exc:
            raise DomainError(_("照片请上传 JPG 或 PNG 图片。"), field="photos") from exc
        ProjectPhoto.objects.create(project=project, photo=photo)
    return len(uploads)


def _project_create(
    round_: Round, data: ProjectInput, *, resident: Resident, proposer, entered_by, consent: str, photos
) -> Project:
    title, description, place, cost, category = _project_clean(round_, data)
    project = Project.objects.create(
        round=round_,
        community=round_.community,
        area_path=round_.area_path,
        title=title,
        description=description,
        place=place,
        cost=cost,
        category=category,
        resident=resident,
        proposer=proposer,
        entered_by=entered_by,
        consent=consent,
    )
    _photos_store(project, entered_by or proposer, photos)
    return project


@transaction.atomic
def project_propose(*, actor: User, round_: Round, data: ProjectInput, photos: Iterable = ()) -> Project:
    """A resident of the community proposes a project in the proposing window."""
    authorize(actor, "budgeting.propose", round_)
    round_ = row_lock(Round, round_.pk, "community", "fund__kind")
    resident = resident_entry(actor, round_.community)
    if resident is None:
        raise DomainError(
            _("只有%(community)s登记在册的居民可以提出项目。") % {"community": round_.community.name},
            field="resident",
        )
    _window_check(round_)
    project = _project_create(
        round_, data, resident=resident, proposer=actor, entered_by=None, consent="", photos=photos
    )
    audit_event_record(
        actor=actor,
        verb="budgeting.project_proposed",
        target=project,
        summary={"cost": _yuan(project.cost), "category": project.category.name},
    )
    return project


@transaction.atomic
def project_enter(
    *, actor: User, round_: Round, resident: Resident | None, consent: str, data: ProjectInput, photos=()
) -> Project:
    """Staff enter a project for a resident who asked in person; how the resident agreed is recorded."""
    authorize(actor, "budgeting.organise", round_)
    round_ = row_lock(Round, round_.pk, "community", "fund__kind")
    if resident is None or resident.community_id != round_.community_id or resident.status != "active":
        raise DomainError(_("请选择本村(社区)登记在册的居民。"), field="resident")
    consent = text_clean(consent, label=_("本人同意的方式"), field="consent", minimum=4, maximum=CONSENT_MAX)
    _window_check(round_)
    project = _project_create(
        round_, data, resident=resident, proposer=None, entered_by=actor, consent=consent, photos=photos
    )
    audit_event_record(
        actor=actor,
        verb="budgeting.project_entered",
        target=project,
        summary={"cost": _yuan(project.cost), "category": project.category.name, "consent": consent},
    )
    return project


def _notify(project: Project, *, title: str, body: str) -> None:
    from django.urls import reverse

    recipient = project.proposer or project.resident.user
    if recipient is None:
        return
    notice_send(
        recipient=recipient,
        kind=NOTICE_KIND,
        title=title,
        body=body,
        url=reverse("budgeting:project", args=[project.pk]),
    )


@transaction.atomic
def project_screen(*, actor: User, project: Project, eligible: bool, reason: str = "") -> Project:
    """Staff screen a project: eligible, or not with the reason (the proposer is told either way)."""
    authorize(actor, "budgeting.organise", project)
    reason = text_clean(
        reason, label=_("理由"), field="reason", minimum=0 if eligible else 4, maximum=REASON_MAX
    )
    round_ = row_lock(Round, project.round_id)  # the round first, as ranking and deciding lock it
    project = row_lock(Project, project.pk, "round", "community", "resident", "category")
    if round_.state not in (RoundState.PROPOSING, RoundState.RANKING):
        raise DomainError(
            _("这轮征集现在不能审查项目（%(state)s）。") % {"state": round_.get_state_display()}
        )
    if round_.rankings.exists():
        raise DomainError(_("议事会已经开始排序，不能再改动审查结果。"), field="state")
    if project.state not in (ProjectState.SUBMITTED, ProjectState.ELIGIBLE, ProjectState.INELIGIBLE):
        raise DomainError(_("这个项目已经议定，不能再审查。"), field="state")
    project.state = ProjectState.ELIGIBLE if eligible else ProjectState.INELIGIBLE
    project.screen_reason = "" if eligible else reason
    project.screened_by, project.screened_at = actor, timezone.now()
    project.save(update_fields=["state", "screen_reason", "screened_by", "screened_at"])
    if eligible:
        _notify(project, title=_("您提出的项目“%(t)s”符合条件") % {"t": project.title},
                body=_("将提交村(居)民议事会排序议定。"))  # fmt: skip
    else:
        _notify(project, title=_("您提出的项目“%(t)s”不符合条件") % {"t": project.title},
                body=_("理由：%(r)s") % {"r": reason})  # fmt: skip
    audit_event_record(
        actor=actor,
        verb="budgeting.project_screened",
        target=project,
        summary={"verdict": str(ProjectState(project.state).label), "reason": reason if not eligible else ""},
    )
    return project


# --- Ranking and the decision ----------------------------------------------------------------------


@transaction.atomic
def ranking_submit(*, actor: User, round_: Round, order: Sequence[int]) -> Ranking:
    """A member seated on the 议事会 ranks every eligible project once (first = most wanted)."""
    authorize(actor, "budgeting.rank", round_)
    round_ = row_lock(Round, round_.pk, "community")
    seat = seat_of(actor, round_.community)
    if seat is None:
        raise DomainError(_("只有在任的议事会成员可以排序。"), field="order")
    if round_.state != RoundState.RANKING:
        raise DomainError(
            _("现在不是议事会排序的阶段（%(state)s）。") % {"state": round_.get_state_display()}
        )
    if round_.projects.filter(state=ProjectState.SUBMITTED).exists():
        raise DomainError(_("还有项目没有审查，请等工作人员审查完所有项目后再排序。"))
    eligible = list(eligible_projects(round_).values_list("pk", flat=True))
    if not eligible:
        raise DomainError(_("这轮没有符合条件的项目，无需排序。"))
    try:
        chosen = [int(pk) for pk in order]
    except (TypeError, ValueError):
        raise DomainError(_("排序有误，请重新排序。"), field="order") from None
    if len(chosen) != len(set(chosen)):
        raise DomainError(_("每个项目只能排一个名次。"), field="order")
    if sorted(chosen) != sorted(eligible):
        raise DomainError(_("请为全部%(n)d个符合条件的项目排出名次。") % {"n": len(eligible)}, field="order")
    if Ranking.objects.filter(round=round_, membership=seat).exists():
        raise Conflict(_("您已经提交过排序了，每人只能排序一次。"), code="ranked")
    ranking = Ranking.objects.create(round=round_, membership=seat, submitted_by=actor)
    RankingEntry.objects.bulk_create(
        [RankingEntry(ranking=ranking, project_id=pk, position=n) for n, pk in enumerate(chosen, start=1)]
    )
    audit_event_record(
        actor=actor, verb="budgeting.ranking_submitted", target=round_, summary={"projects": len(chosen)}
    )
    return ranking


@dataclass(frozen=True)
class CouncilVote:
    """The 议事会's meeting that adopts the ranking's result, as recorded on paper."""

    held_on: object
    present: object
    in_favour: object
    against: object = 0
    abstaining: object = 0
    place: str = ""


def _count(value, label: str, field: str) -> int:
    try:
        number = int(str(value).strip() or "0")
    except ValueError:
        raise DomainError(_("%(label)s应为整数。") % {"label": label}, field=field) from None
    if number < 0:
        raise DomainError(_("%(label)s不能小于零。") % {"label": label}, field=field)
    return number


def _council_item(actor: User, round_: Round, vote: CouncilVote) -> MeetingItem:
    council = council_of(round_.community)
    if council is None:
        raise DomainError(_("本村(社区)还没有登记村(居)民议事会，请先在“组织”里登记。"))
    seats = council_seats(round_.community).count()
    meeting = meeting_record(
        actor=actor,
        area=round_.community,
        body_kind=council.meeting_rule,
        held_on=_day(vote.held_on, field="meeting_date", label=_("会议日期")),
        present=_count(vote.present, _("到会人数"), "present"),
        members=seats,
        place=vote.place,
        purpose="budgeting_decision",
        owner=round_,
        items=[
            ItemVote(
                _("议定%(year)d年村公资金项目") % {"year": round_.year},
                in_favour=_count(vote.in_favour, _("赞成人数"), "in_favour"),
                against=_count(vote.against, _("反对人数"), "against"),
                abstaining=_count(vote.abstaining, _("弃权人数"), "abstaining"),
            )
        ],
        perm="budgeting.organise",
        perm_obj=round_,
    )
    return meeting.items.get()


def _item_check(round_: Round, item: MeetingItem | None) -> MeetingItem:
    if item is None:
        raise DomainError(_("请选择议事会通过的会议议题。"), field="meeting_item")
    item = MeetingItem.objects.select_related("meeting").get(pk=item.pk)
    meeting = item.meeting
    council = council_of(round_.community)
    owned = (meeting.owner_app, meeting.owner_model, meeting.owner_id) == ("budgeting", "round", round_.pk)
    if meeting.area_id != round_.community_id or not (
        owned or (council is not None and meeting.body_id == council.pk)
    ):
        raise DomainError(_("所选会议议题不是本村(社区)议事会的会议议题。"), field="meeting_item")
    if not item.passed:
        raise DomainError(
            _("议事会的表决未获通过（%(reason)s），不能据此议定项目。") % {"reason": item.vote_reason},
            field="meeting_item",
        )
    return item


def _result_text(round_: Round, projects: list[Project], item: MeetingItem, quorum: str) -> str:
    lines = [
        _("经%(community)s村(居)民议事会排序（%(quorum)s），并经议事会会议表决通过（%(vote)s），"
          "%(year)d年公共服务资金（村公资金）项目议定如下：")
        % {"community": round_.community.name, "quorum": quorum, "vote": item.vote_reason, "year": round_.year},
    ]  # fmt: skip
    for project in projects:
        verdict = _("立项") if project.state == ProjectState.FUNDED else _("未入选（资金余额不足）")
        lines.append(
            _("第%(rank)d名 %(title)s（%(place)s）：估算%(cost)s元，得分%(points)d，%(verdict)s")
            % {
                "rank": project.rank,
                "title": project.title,
                "place": project.place,
                "cost": _yuan(project.cost),
                "points": project.points,
                "verdict": verdict,
            }
        )
    funded = [p for p in projects if p.state == ProjectState.FUNDED]
    lines.append(
        _("共立项%(n)d个，合计%(total)s元。各项目的支出将在项目页面和财务公开中公布，完工后欢迎居民评分。")
        % {"n": len(funded), "total": _yuan(sum((p.cost for p in funded), Decimal("0.00")))}
    )
    return "\n".join(lines)


@transaction.atomic
def round_decide(
    *, actor: User, round_: Round, meeting_item: MeetingItem | None = None, vote: CouncilVote | None = None
) -> Round:
    """The decision: the 议事会's rankings (with their quorum) counted by Borda, adopted by a passed item of the
    议事会's meeting (an item given, or the meeting recorded here from `vote`); the projects taken greedily within
    the fund's unplanned balance each become a funds plan; the result is published on the public board."""
    authorize(actor, "budgeting.organise", round_)
    round_ = row_lock(Round, round_.pk, "community", "fund__kind")
    if round_.state != RoundState.RANKING:
        raise DomainError(_("现在不是议定项目的阶段（%(state)s）。") % {"state": round_.get_state_display()})
    projects = list(eligible_projects(round_))
    if not projects:
        raise DomainError(_("这轮没有符合条件的项目可以议定。"))
    seats = list(council_seats(round_.community))
    seated = {seat.pk for seat in seats}
    rankings = [r for r in round_.rankings.prefetch_related("entries") if r.membership_id in seated]
    turnout = turnout_check(eligible=len(seats), participated=len(rankings), share=QUORUM, inclusive=False)
    if not turnout.quorate:
        raise DomainError(
            _("议事会成员排序人数不足，不能议定（%(reason)s）。") % {"reason": turnout.reason},
            field="rankings",
        )
    if vote is not None:
        meeting_item = _council_item(actor, round_, vote)
    item = _item_check(round_, meeting_item)
    points = borda([[e.project_id for e in r.entries.all()] for r in rankings], [p.pk for p in projects])
    fund = Fund.objects.get(pk=round_.fund_id)
    choices = choose(
        [(p.pk, p.cost, p.category.listing == Listing.PRIORITY, n) for n, p in enumerate(projects)],
        points,
        fund_totals(fund).unplanned,
    )
    by_id = {p.pk: p for p in projects}
    decided = []
    for choice in choices:
        project = by_id[choice.project_id]
        project.points, project.rank = choice.points, choice.rank
        if choice.funded:
            project.plan = create_plan(
                actor,
                fund,
                project.title,
                project.cost,
                meeting_item=item,
                origin=(ORIGIN_APP, project.pk, project.title),
                note=_("村公资金项目（%(place)s）") % {"place": project.place},
                perm="budgeting.organise",
                perm_obj=round_,
            )
            project.state = ProjectState.FUNDED
        else:
            project.state = ProjectState.NOT_FUNDED
        project.save(update_fields=["points", "rank", "plan", "state"])
        decided.append(project)
    round_.state, round_.meeting_item, round_.decided_at = RoundState.DECIDED, item, timezone.now()
    round_.quorum_reason = turnout.reason[:300]
    round_.disclosure = disclosure_publish(
        actor=actor,
        community=round_.community,
        category=DisclosureCategory.AFFAIRS,
        title=_("%(year)d年村公资金项目议定结果") % {"year": round_.year},
        body=_result_text(round_, decided, item, turnout.reason),
        owner=round_,
        purpose="budgeting_result",
        perm="budgeting.organise",
        perm_obj=round_,
    )
    round_.save(update_fields=["state", "meeting_item", "decided_at", "quorum_reason", "disclosure"])
    for project in decided:
        funded = project.state == ProjectState.FUNDED
        _notify(
            project,
            title=(_("您提出的项目“%(t)s”已立项") if funded else _("您提出的项目“%(t)s”未入选"))
            % {"t": project.title},
            body=_("第%(rank)d名，得分%(points)d。") % {"rank": project.rank, "points": project.points},
        )
    funded_count = sum(1 for p in decided if p.state == ProjectState.FUNDED)
    audit_event_record(
        actor=actor,
        verb="budgeting.round_decided",
        target=round_,
        summary={
            "funded": funded_count,
            "projects": len(decided),
            "rankings": len(rankings),
            "item": item.title,
        },
    )
    return round_


# --- After the decision ------------------------------------------------------------------------------


@transaction.atomic
def project_finish(*, actor: User, project: Project, finished_on) -> Project:
    authorize(actor, "budgeting.organise", project)
    finished_on = _day(finished_on, field="finished_on", label=_("完工日期"))
    if finished_on > timezone.localdate():
        raise DomainError(_("完工日期不能晚于今天。"), field="finished_on")
    project = row_lock(Project, project.pk, "community", "round")
    if project.state == ProjectState.FINISHED:
        raise DomainError(_("这个项目已经登记完工。"), field="state")
    if project.state != ProjectState.FUNDED:
        raise DomainError(_("只有已立项的项目才能登记完工。"), field="state")
    if project.round.decided_at and finished_on < timezone.localtime(project.round.decided_at).date():
        raise DomainError(_("完工日期不能早于项目议定的日期。"), field="finished_on")
    project.state, project.finished_on = ProjectState.FINISHED, finished_on
    project.save(update_fields=["state", "finished_on"])
    audit_event_record(
        actor=actor,
        verb="budgeting.project_finished",
        target=project,
        summary={"on": finished_on.isoformat()},
    )
    return project


@transaction.atomic
def project_rate(*, actor: User, project: Project, stars) -> Rating:
    """A resident of the community rates a finished project, once (1–5 stars)."""
    authorize(actor, "budgeting.rate", project)
    try:
        stars = int(str(stars).strip())
    except ValueError:
        stars = 0
    if not 1 <= stars <= 5:
        raise DomainError(_("请选择1到5颗星。"), field="stars")
    project = row_lock(Project, project.pk, "community")
    if resident_entry(actor, project.community) is None:
        raise DomainError(
            _("只有%(community)s登记在册的居民可以评分。") % {"community": project.community.name},
            field="stars",
        )
    if project.state != ProjectState.FINISHED:
        raise DomainError(_("项目完工后才能评分。"), field="stars")
    if Rating.objects.filter(project=project, user=actor).exists():
        raise Conflict(_("您已经为这个项目评过分了，每人只能评一次。"), code="rated")
    rating = Rating.objects.create(project=project, user=actor, stars=stars)
    audit_event_record(actor=actor, verb="budgeting.project_rated", target=project, summary={"stars": stars})
    return rating
