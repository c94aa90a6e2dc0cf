"""A year of the county's self-governance, written fast: what a township's oversight reads.

Synthetic benchmark data for `seed-demo --size county --add-year YEAR`, written straight to the tables
through gongzhi.devtools.writer's `Table` (every column named, so a model change fails loudly), like the
county's wishes and applications: no audit rows, no notices. The rows are those the apps' own actions leave
behind, in the same shapes:

- the representatives' meeting (村(居)民代表会议) of every community as a body of the register's adults
  (15–25 representatives) and its people's mediation committee (a chair and members);
- the representatives' quarterly meetings, held and closed with their roll, about one in twelve missed;
- 四议两公开 decisions (6–10 a community): each stage done a meeting recorded in one go with its vote
  (stages 1–4) or an item on the community's public board (stages 5–6); every resolution registers its
  publication as due five workdays later (`major_due_on`), fulfilled by the publication or, for some, still
  open past its date (overdue);
- the regular 党务 / 村务·居务 publications of every quarter, with a few gaps (财务: the funds' boards, below);
- the facilities (阵地) of the catalogue's required types, a few missing or without their signage, and the
  year's bookings of the bookable ones (one slot an evening, never overlapping);
- people's mediation cases (dispute cases on the case engine) with their parties, mediator, session,
  timeline and outcome (agreement with its follow-up, referral, withdrawal), a few still open;
- the township's convention revision campaign of the year (村规民约修订) and each community's revision, at
  every stage from drafting to filed and acknowledged (the adopted ones with their meeting and vote, the filed
  ones the convention version in force);
- the staffing (队伍): the township's target for every community (its minimum of workers, a grid worker in every
  grid and a leader in every resident group) and the residents in post — the full- and part-time community
  workers, the grid leader, a grid worker in most grids and a leader in most groups; a few short of the target;
- the township's round of committee elections (换届选举) and each community's election at its stage: the
  election committee chosen, the voter roll published (every adult of the register), the candidates
  published, the election held, its result filed (the polls and their counts are not written);
- the funds (经费) with their income, plans, expenditures, 民主理财 and quarterly boards, and the participatory
  budget (村公资金) with its 议事会, round, projects, rankings, decision and ratings (county_funds).

The wishes and the service hall's applications of the year are the county's own (county_wishes,
county_applications).
"""

import datetime as dt
import json
import random
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import Body, Membership
from gongzhi.budgeting.models import Project, Ranking, RankingEntry, Rating
from gongzhi.budgeting.models import Round as BudgetRound
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.conventions.actions import ADOPTION_PURPOSE
from gongzhi.conventions.checker.topics import DEFAULT_TOPICS
from gongzhi.conventions.models import Campaign, ConventionVersion, Revision, RevisionEvent
from gongzhi.core.quorum import RULES, meeting_check
from gongzhi.disclosures.actions import major_due_on
from gongzhi.disclosures.models import Disclosure, DisclosureDue, DisclosureRevision
from gongzhi.disclosures.statute import MAJOR_BASIS
from gongzhi.elections.models import CommitteeMember, Election, Nomination, Round, RoundPractice, Voter
from gongzhi.facilities.models import Booking, Facility, FacilityType
from gongzhi.funds.models import Approval, Board, Expenditure, Fund, Income, Plan, Voucher
from gongzhi.mediation.models import Assignment, Dispute, FollowUp, Party, Session
from gongzhi.meetings.models import Meeting, MeetingItem, MeetingMember
from gongzhi.residents.models import Resident
from gongzhi.selfgov.models import Decision, DecisionEvent, DecisionStage
from gongzhi.workforce.models import Appointment, PostType, Target

from .convention_texts import revised_convention
from .county_applications import _accounts
from .county_funds import CountyFunds, funds_accounts
from .county_wishes import CASE_COLUMNS
from .county_wishes import EVENT_COLUMNS as CASE_EVENT_COLUMNS
from .writer import Table

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
STAGE_RULES = {
    "proposal": "party_committee_meeting",
    "consultation": "joint_meeting",
    "review": "party_members_meeting",
}
ALL_STAGES = ("proposal", "consultation", "review", "resolution", "disclosure", "result")
# The state a decision waits in once `done` stages are recorded (all six: done; after the disclosure: executing).
WAITING = {0: "proposal", 1: "consultation", 2: "review", 3: "resolution", 4: "disclosure", 5: "executing"}
MATTERS = [
    ("projects", "村道硬化工程"),
    ("land_assets", "集体鱼塘发包"),
    ("welfare_funds", "一事一议筹资筹劳"),
    ("charter", "修订村规民约"),
    ("projects", "文化广场改造"),
    ("land_assets", "闲置校舍出租"),
    ("welfare_funds", "饮水管网维修"),
    ("projects", "河堤护坡修缮"),
]
CATEGORIES = [
    ("neighbours", "邻居因排水沟堵塞发生争执"),
    ("family", "赡养老人费用分担有分歧"),
    ("land", "承包地边界划分有争议"),
    ("damages", "牲畜毁坏庄稼赔偿有争议"),
    ("labour", "务工报酬未按约定支付"),
    ("property", "宅基地界址有争议"),
    ("debt", "借款到期未归还"),
]
BOOKING_PURPOSES = ["老年协会排练", "党员学习会", "儿童托管课堂", "志愿者培训", "文艺队排练"]
# Where a community's convention revision stands at the year's end (weights), its moves to get there.
REVISION_STATES = {
    "filed": 50,
    "adopted": 10,
    "approved": 10,
    "under_review": 10,
    "returned": 5,
    "drafting": 15,
}
REVISION_MOVES = {
    "drafting": (),
    "under_review": ("submit",),
    "returned": ("submit", "return"),
    "approved": ("submit", "approve"),
    "adopted": ("submit", "approve", "adopt"),
    "filed": ("submit", "approve", "adopt", "file"),
}
MOVE_TARGET = {"submit": "under_review", "return": "returned", "approve": "approved", "adopt": "adopted",
               "file": "filed", "acknowledge": "filed"}  # fmt: skip
# Where a community's election stands (weights): the dates it has recorded.
ELECTION_STAGES = {"filed": 60, "held": 10, "candidates": 10, "roll": 8, "committee": 7, "deployed": 5}


@dataclass
class Place:
    community: Area
    staff: int
    adults: list[int]
    urban: bool


def _aware(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


class Rows:
    """The pending rows of one table, as dicts of every concrete column, and its next id."""

    def __init__(self, model: type[models.Model], *, pk: str = "id"):
        self.model = model
        self.columns = [f.attname for f in model._meta.concrete_fields]
        self.table = Table(model, self.columns)
        self.pk = pk
        self.next = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1 if pk == "id" else 0
        self.rows: list[tuple] = []
        self.written = 0
        # What the driver takes as it is on both databases (and through PostgreSQL's COPY): JSON as its text,
        # times as ISO text.
        self.plain = {
            f.attname: json.dumps if isinstance(f, models.JSONField) else dt.time.isoformat
            for f in model._meta.concrete_fields
            if isinstance(f, models.JSONField | models.TimeField)
        }

    def add(self, **values) -> int:
        if self.pk == "id" and "id" not in values:
            values["id"] = self.next
            self.next += 1
        if set(values) != set(self.columns):
            missing, extra = set(self.columns) - set(values), set(values) - set(self.columns)
            raise RuntimeError(
                f"{self.model._meta.label}: columns missing {sorted(missing)}, unknown {sorted(extra)}"
            )
        for name in self.plain:
            if values[name] is not None:
                values[name] = self.plain[name](values[name])
        self.rows.append(tuple(values[c] for c in self.columns))
        return values[self.pk]

    def write(self) -> None:
        if self.rows:
            self.table.insert(self.rows)
            self.written += len(self.rows)
        self.rows = []


def _year_people(communities: list[Area]) -> dict[int, int]:
    """Each community's staff member who records (the county's `county_cs_<id>`, made here if missing)."""
    names = {f"county_cs_{c.pk}": c for c in communities}
    found = dict(User.objects.filter(username__in=list(names)).values_list("username", "id"))
    missing = [name for name in names if name not in found]
    if missing:
        User.objects.bulk_create(
            [
                User(
                    username=name,
                    display_name=f"{names[name].name}书记",
                    password=UNUSABLE_PASSWORD_PREFIX + "seed",
                )
                for name in missing
            ],
            batch_size=2000,
        )
        found = dict(User.objects.filter(username__in=list(names)).values_list("username", "id"))
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(
                    user_id=found[name],
                    role=Role.COMMUNITY_STAFF,
                    area=names[name],
                    area_path=names[name].path,
                )
                for name in missing
            ],
            batch_size=2000,
        )
    return {c.pk: found[f"county_cs_{c.pk}"] for c in communities}


class CountyYearWriter(CountyFunds):
    """Write one year (`year`, up to `today` if it is the current one) for every community of the county."""

    def __init__(self, communities: list[Area], seed: int, year: int, today: dt.date):
        self.rng = random.Random(seed)
        self.communities = communities
        self.year = year
        self.start = dt.date(year, 1, 1)
        self.end = min(dt.date(year, 12, 31), today)
        self.today = today
        self.tables = {
            name: Rows(model, pk=pk)
            for name, model, pk in (
                ("body", Body, "id"),
                ("membership", Membership, "id"),
                ("meeting", Meeting, "id"),
                ("member", MeetingMember, "id"),
                ("item", MeetingItem, "id"),
                ("disclosure", Disclosure, "id"),
                ("revision", DisclosureRevision, "id"),
                ("due", DisclosureDue, "id"),
                ("decision", Decision, "id"),
                ("decision_event", DecisionEvent, "id"),
                ("stage", DecisionStage, "id"),
                ("facility", Facility, "id"),
                ("booking", Booking, "id"),
                ("case", Case, "id"),
                ("case_event", CaseEvent, "id"),
                ("dispute", Dispute, "case_id"),
                ("party", Party, "id"),
                ("assignment", Assignment, "id"),
                ("session", Session, "id"),
                ("followup", FollowUp, "id"),
                ("campaign", Campaign, "id"),
                ("convention", Revision, "id"),
                ("revision_event", RevisionEvent, "id"),
                ("version", ConventionVersion, "id"),
                ("round", Round, "id"),
                ("practice", RoundPractice, "id"),
                ("election", Election, "id"),
                ("committee", CommitteeMember, "id"),
                ("voter", Voter, "id"),
                ("nomination", Nomination, "id"),
                ("target", Target, "id"),
                ("target_covered", Target.covered.through, "id"),
                ("appointment", Appointment, "id"),
                ("fund", Fund, "id"),
                ("income", Income, "id"),
                ("plan", Plan, "id"),
                ("expenditure", Expenditure, "id"),
                ("approval", Approval, "id"),
                ("voucher", Voucher, "id"),
                ("board", Board, "id"),
                ("bround", BudgetRound, "id"),
                ("project", Project, "id"),
                ("ranking", Ranking, "id"),
                ("ranking_entry", RankingEntry, "id"),
                ("rating", Rating, "id"),
            )
        }
        self.posts = {p.name: p for p in PostType.objects.filter(active=True)}
        self.worker_posts = {p.pk: p.counts_as_worker for p in self.posts.values()}
        self.townships = {
            t.pk: t for t in Area.objects.filter(pk__in={c.parent_id for c in communities if c.parent_id})
        }
        self.campaigns: dict[int, int] = {}  # township id: its campaign of the year
        self.rounds: dict[int, int] = {}  # township id: its round of elections
        self.outcomes_owed: dict[int, list[str]] = {}  # township id: dispute outcomes it has not shown yet
        self.staffed: dict[int, int] = {}  # township id: its communities staffed so far
        assert set(CASE_COLUMNS) == {f.attname for f in Case._meta.concrete_fields}
        assert set(CASE_EVENT_COLUMNS) == {f.attname for f in CaseEvent._meta.concrete_fields}
        self.types = list(FacilityType.objects.all())
        self.funds_prepare()

    # -- the run ----------------------------------------------------------------------------------------------

    def write(self) -> dict[str, int]:
        staff = _year_people(self.communities)
        admins = _accounts(
            [
                (f"county_ta_{t.pk}", f"{t.name}社治办", Role.TOWNSHIP_ADMIN, t, None)
                for t in self.townships.values()
            ]
        )
        self.admins = {pk: admins[f"county_ta_{pk}"] for pk in self.townships}
        places = []
        for community in self.communities:
            adults = list(
                Resident.objects.filter(
                    community=community,
                    status="active",
                    birth_date__lte=self.start.replace(year=self.year - 18),
                )
                .order_by("id")
                .values_list("id", flat=True)[:80]
            )
            if len(adults) < 12:
                continue  # too small a register for a representatives' meeting and a mediation committee: left out
            places.append(Place(community, staff[community.pk], adults, community.community_type == "urban"))
        self.funds_people = funds_accounts(places)
        for place in places:
            self.community(place)
            pending = ("case", "meeting", "voter")
            if sum(len(self.tables[name].rows) for name in pending) > 20_000:
                self.flush()
        self.flush()
        if connection.vendor == "postgresql":
            # Explicit ids do not advance PostgreSQL's sequences: move them past the rows.
            models_ = [t.model for t in self.tables.values() if t.pk == "id"]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                    cursor.execute(sql)
        return {name: table.written for name, table in self.tables.items()}

    def flush(self) -> None:
        with transaction.atomic():
            for table in self.tables.values():  # in dependency order (dict order)
                table.write()

    def day(self, low: dt.date, high: dt.date) -> dt.date:
        span = max(0, (high - low).days)
        return low + dt.timedelta(days=self.rng.randint(0, span))

    def community(self, place: Place) -> None:
        representatives = self.bodies(place)
        self.quarterly_meetings(place, representatives)
        self.decisions(place, representatives)
        self.regular_disclosures(place)
        self.facilities(place)
        self.disputes(place)
        township = self.townships.get(place.community.parent_id or 0)
        if township is not None:
            self.convention(place, township, representatives)
            self.election(place, township)
            self.staffing(place, township)
        self.funds(place, self.funds_people.get(place.community.pk))

    # -- bodies and meetings ----------------------------------------------------------------------------------

    def bodies(self, place: Place) -> tuple[int, str, list[int]]:
        c, rng, t = place.community, self.rng, self.tables
        rule = "residents_representatives_meeting" if place.urban else "village_representatives_meeting"
        created = _aware(self.start - dt.timedelta(days=400))
        body = t["body"].add(
            area_id=c.pk, area_path=c.path, kind="representatives",
            name="居民代表会议" if place.urban else "村民代表会议", group_id=None, meeting_rule=rule,
            proxies_allowed=False, notice_days=None, duties="", active=True, created_by_id=place.staff,
            created_at=created,
        )  # fmt: skip
        seats = place.adults[: rng.randint(15, 25)]
        for resident in seats:
            self.membership(body, resident, "representative", created, place.staff)
        mediation = t["body"].add(
            area_id=c.pk, area_path=c.path, kind="mediation", name="人民调解委员会", group_id=None,
            meeting_rule="body_meeting", proxies_allowed=False, notice_days=None, duties="", active=True,
            created_by_id=place.staff, created_at=created,
        )  # fmt: skip
        for index, resident in enumerate(place.adults[-rng.randint(3, 5) :]):
            self.membership(mediation, resident, "chair" if index == 0 else "member", created, place.staff)
        return body, rule, seats

    def membership(self, body: int, resident: int, post: str, at: dt.datetime, by: int) -> int:
        return self.tables["membership"].add(
            body_id=body, resident_id=resident, post=post, title="", term="第十二届", started_on=at.date(),
            ended_on=None, end_reason="", group_id=None, recorded_by_id=by, recorded_at=at,
        )  # fmt: skip

    def meeting(
        self, place: Place, *, rule: str, held_on: dt.date, members: int, present: int, purpose: str,
        owner: tuple[str, str, int | None], title: str, body: int | None, roll: list[int] | None = None,
        in_favour: int | None = None,
    ) -> tuple[int, bool, bool]:  # fmt: skip
        """A meeting recorded and closed (its roll, its one vote): (id, quorate, passed)."""
        t, c, rng = self.tables, place.community, self.rng
        spec = RULES[rule]
        favour = present - rng.randint(0, present // 10) if in_favour is None else in_favour
        majority = spec.default_majority
        verdict = meeting_check(
            rule,
            present=present,
            in_favour=favour,
            against=present - favour,
            members=members,
            majority=majority,
        )
        quorate, passed = verdict.quorate, verdict.passed
        at = _aware(held_on, 19)
        meeting = t["meeting"].add(
            body_kind=rule, area_id=c.pk, area_path=c.path, held_on=held_on, place="村(居)委会会议室",
            purpose=purpose, owner_app=owner[0], owner_model=owner[1], owner_id=owner[2], members=members,
            adults=None, households=None, households_present=None, present=present, quorate=quorate,
            quorum_reason=verdict.quorum_reason[:500], recorded_by_id=place.staff, recorded_at=at, body_id=body,
            state="closed", title=title[:100], starts_at=dt.time(19, 0), noticed_at=None, notice_days=None,
            notice_law="", urgency_reason="", follows_id=None, roll_closed_at=at if body else None,
            roll_closed_by_id=place.staff if body else None, minutes="", closed_at=at, cancel_reason="",
            witness_id=None, witness_signed_at=None, witness_note="",
        )  # fmt: skip
        for index, resident in enumerate(roll or []):
            t["member"].add(
                meeting_id=meeting, name=f"代表{index + 1}", resident_id=resident, user_id=None, post="代表",
                present=index < present, attendance="present" if index < present else "absent", online=False,
                proxy_name="", proxy_resident_id=None,
            )  # fmt: skip
        t["item"].add(
            meeting_id=meeting, number=1, title=title[:200], method="show_of_hands", majority=majority,
            in_favour=favour, against=present - favour, abstaining=0, rule_key=rule, law=str(spec.law)[:200],
            quorate=quorate, passed=passed, quorum_reason=verdict.quorum_reason[:500],
            vote_reason=verdict.vote_reason[:500], counted_by_id=place.staff, counted_at=at, confirmed_by_id=None,
            confirmed_at=None,
        )  # fmt: skip
        return meeting, quorate, passed

    def quarterly_meetings(self, place: Place, representatives: tuple[int, str, list[int]]) -> None:
        body, rule, seats = representatives
        for quarter in range(4):
            first = dt.date(self.year, quarter * 3 + 1, 1)
            if first > self.end:
                break
            last = min(dt.date(self.year, quarter * 3 + 3, 28), self.end)
            if self.rng.random() < 0.08:
                continue  # this quarter's meeting was missed
            present = len(seats) - self.rng.randint(0, len(seats) // 3)
            self.meeting(
                place, rule=rule, held_on=self.day(first, last), members=len(seats), present=present,
                purpose="", owner=("", "", None), title=f"{self.year}年第{quarter + 1}季度代表会议", body=body,
                roll=seats,
            )  # fmt: skip

    # -- 四议两公开 and the public board --------------------------------------------------------------------

    def disclosure(
        self, place: Place, *, category: str, title: str, text: str, major: bool, period: str,
        owner: tuple[str, str, int | None], purpose: str, at: dt.datetime,
    ) -> int:  # fmt: skip
        c = place.community
        pk = self.tables["disclosure"].add(
            area_id=c.pk, area_path=c.path, category=category, title=title[:100], body=text, major=major,
            period=period, revision_count=1, photo_id=None, pdf_path="", pdf_size=0, published_at=at,
            published_by_id=place.staff, withdrawn_at=None, withdrawn_by_id=None, withdrawn_reason="",
            purpose=purpose, owner_app=owner[0], owner_model=owner[1], owner_id=owner[2],
        )  # fmt: skip
        self.tables["revision"].add(
            disclosure_id=pk, number=1, title=title[:100], body=text, reason="", personal_data_reason="",
            by_id=place.staff, at=at,
        )  # fmt: skip
        return pk

    def decisions(self, place: Place, representatives: tuple[int, str, list[int]]) -> None:
        rng, t, c = self.rng, self.tables, place.community
        body, rule, seats = representatives
        for _n in range(rng.randint(6, 10)):
            matter, name = MATTERS[rng.randrange(len(MATTERS))]
            started = self.day(self.start, self.end - dt.timedelta(days=10))
            # How far it got: most are through, the recent ones part-way.
            age = (self.end - started).days
            done = 6 if age > 120 and rng.random() < 0.8 else rng.randint(0, 6 if age > 40 else 4)
            failed = done >= 4 and rng.random() < 0.05  # the resolution not adopted
            if failed:
                done = 4
            state = "not_adopted" if failed else "done" if done == 6 else WAITING[done]
            started_at = _aware(started, 9)
            title = f"{name}（{c.name}）"[:60]
            decision = t["decision"].add(
                community_id=c.pk, area_path=c.path, title=title, body=f"{name}，按四议两公开程序决策。",
                matter_type=matter, power_item_id=None, stages=list(ALL_STAGES), state=state,
                origin_kind="cadre_proposal", origin_app="", origin_model="", origin_id=None, origin_title="",
                started_by_id=place.staff, started_at=started_at, updated_at=started_at,
                closed_at=None,
            )  # fmt: skip
            owner = ("selfgov", "decision", decision)
            t["decision_event"].add(
                decision_id=decision, actor_id=place.staff, verb="start", from_state="", to_state="proposal",
                note="", at=started_at,
            )  # fmt: skip
            day, previous = started, "proposal"
            for index, stage in enumerate(ALL_STAGES[:done]):
                day = min(day + dt.timedelta(days=rng.randint(3, 12)), self.end)
                at = _aware(day, 20)
                meeting = disclosure = None
                passed = True
                text, where = "", ""
                if stage in STAGE_RULES or stage == "resolution":
                    members = len(seats) if stage == "resolution" else rng.randint(5, 30)
                    present = members - rng.randint(0, members // 4)
                    meeting, _quorate, passed = self.meeting(
                        place, rule=STAGE_RULES.get(stage, rule), held_on=day, members=members, present=present,
                        purpose=f"decision_{stage}", owner=owner, title=f"{stage}：{title}", body=None,
                        in_favour=present // 3 if failed and stage == "resolution" else None,
                    )  # fmt: skip
                    passed = passed and not (failed and stage == "resolution")
                    if stage == "resolution" and passed:
                        self.resolution_due(place, decision, title, matter, at)
                else:
                    purpose = "decision_resolution" if stage == "disclosure" else "decision_result"
                    text, where = (
                        f"{title}：{'决议' if stage == 'disclosure' else '实施结果'}公开。",
                        "村(居)务公开栏",
                    )
                    disclosure = self.disclosure(
                        place, category="finance" if matter == "finance" else "affairs", title=f"{stage}：{title}",
                        text=text, major=True, period="", owner=owner, purpose=purpose, at=at,
                    )  # fmt: skip
                    if stage == "disclosure":
                        self.resolution_published(decision, disclosure, at)
                t["stage"].add(
                    decision_id=decision, stage=stage, meeting_id=meeting, item_id=None, passed=passed,
                    merged=False, skipped=False, opinion="", published_on=day if disclosure else None,
                    published_text=text, published_where=where, disclosure_id=disclosure,
                    recorded_by_id=place.staff, recorded_at=at,
                )  # fmt: skip
                after = "not_adopted" if not passed else "done" if index == 5 else WAITING[index + 1]
                t["decision_event"].add(
                    decision_id=decision, actor_id=place.staff, verb=stage, from_state=previous, to_state=after,
                    note="", at=at,
                )  # fmt: skip
                previous = after
            if state in ("done", "not_adopted"):
                self._close(decision, _aware(day, 20))

    def _close(self, decision: int, at: dt.datetime) -> None:
        rows = self.tables["decision"]
        columns = rows.columns
        row = list(rows.rows[-1])
        assert row[columns.index("id")] == decision
        row[columns.index("closed_at")] = at
        row[columns.index("updated_at")] = at
        rows.rows[-1] = tuple(row)

    def resolution_due(self, place: Place, decision: int, title: str, matter: str, at: dt.datetime) -> None:
        c = place.community
        self.tables["due"].add(
            area_id=c.pk, area_path=c.path, category="finance" if matter == "finance" else "affairs",
            title=f"disclosure：{title}"[:100], major=True, due_on=major_due_on(at), basis=str(MAJOR_BASIS)[:200],
            registered_by_id=place.staff, registered_at=at, fulfilled_by_id=None, fulfilled_at=None,
            purpose="decision_resolution", owner_app="selfgov", owner_model="decision", owner_id=decision,
        )  # fmt: skip

    def resolution_published(self, decision: int, disclosure: int, at: dt.datetime) -> None:
        rows = self.tables["due"]
        columns = rows.columns
        for position in range(len(rows.rows) - 1, -1, -1):
            row = list(rows.rows[position])
            if row[columns.index("owner_id")] == decision:
                row[columns.index("fulfilled_by_id")] = disclosure
                row[columns.index("fulfilled_at")] = at
                rows.rows[position] = tuple(row)
                return

    def regular_disclosures(self, place: Place) -> None:
        for quarter in range(4):
            first = dt.date(self.year, quarter * 3 + 1, 1)
            if first > self.end:
                break
            # 财务: the funds' quarterly boards, once reviewed (county_funds).
            for category, label in (("party", "党务"), ("affairs", "村务")):
                if self.rng.random() < 0.06:
                    continue  # a gap on the board
                day = min(self.day(first + dt.timedelta(days=20), first + dt.timedelta(days=80)), self.end)
                self.disclosure(
                    place, category=category, title=f"{self.year}年第{quarter + 1}季度{label}公开",
                    text=f"{place.community.name}{self.year}年第{quarter + 1}季度{label}公开内容。", major=False,
                    period=f"{self.year}-Q{quarter + 1}", owner=("", "", None), purpose="", at=_aware(day, 15),
                )  # fmt: skip

    # -- 阵地 -----------------------------------------------------------------------------------------------

    def facilities(self, place: Place) -> None:
        rng, t, c = self.rng, self.tables, place.community
        created = _aware(self.start - dt.timedelta(days=200))
        bookable_done = 0
        for kind in self.types:
            if not (kind.required_urban if place.urban else kind.required_village):
                continue
            if rng.random() < 0.05:
                continue  # a gap: the community lacks it
            signage = list(kind.signage) if rng.random() < 0.85 else list(kind.signage)[:-1]
            bookable = kind.kind in ("room", "centre") and bookable_done < 2
            facility = t["facility"].add(
                community_id=c.pk, area_path=c.path, facility_type_id=kind.pk, name=kind.name,
                floor_area=rng.randint(20, 300), opens_at=dt.time(8, 30), closes_at=dt.time(21, 30),
                signage=signage, bookable=bookable, capacity=rng.randint(20, 80) if bookable else None,
                approval_required=False, shared=False, note="", created_by_id=place.staff, created_at=created,
                updated_at=created,
            )  # fmt: skip
            if bookable:
                bookable_done += 1
                self.bookings(place, facility)

    def bookings(self, place: Place, facility: int) -> None:
        rng, c = self.rng, place.community
        day = self.start + dt.timedelta(days=rng.randint(0, 6))
        while day <= self.end:
            starts = _aware(day, 19)
            state = "cancelled" if rng.random() < 0.05 else "approved"
            resident = rng.choice(place.adults)
            self.tables["booking"].add(
                facility_id=facility, community_id=c.pk, area_path=c.path, starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2), headcount=rng.randint(5, 20),
                purpose=rng.choice(BOOKING_PURPOSES), state=state, user_id=None, resident_id=resident,
                organisation_id=None, booked_by_id=place.staff, assisted=True, consent_channel="in_person",
                consent_at=starts - dt.timedelta(days=3), decided_by_id=None, decided_at=None, refusal_reason="",
                created_at=starts - dt.timedelta(days=3),
                closed_at=(starts - dt.timedelta(days=1)) if state == "cancelled" else None,
            )  # fmt: skip
            day += dt.timedelta(days=rng.randint(4, 10))

    # -- 村规民约修订 and 换届选举 ---------------------------------------------------------------------------

    def campaign(self, township: Area) -> int | None:
        """The township's revision campaign of the year (launched in March), once; None before it opens."""
        launched = dt.date(self.year, 3, 1)
        if launched > self.end:
            return None
        if township.pk not in self.campaigns:
            self.campaigns[township.pk] = self.tables["campaign"].add(
                township_id=township.pk, area_path=township.path, year=self.year,
                title=f"{self.year}年村规民约(居民公约)修订", deadline=dt.date(self.year, 10, 31),
                topic_keys=[t.key for t in DEFAULT_TOPICS], extra_topics=[], demonstration_target=3,
                launched_by_id=self.admins[township.pk], launched_at=_aware(launched, 9),
            )  # fmt: skip
        return self.campaigns[township.pk]

    def convention(self, place: Place, township: Area, representatives: tuple[int, str, list[int]]) -> None:
        """The community's revision in the township's campaign, at its stage, with the moves that led there."""
        rng, t, c = self.rng, self.tables, place.community
        campaign = self.campaign(township)
        if campaign is None:
            return
        admin = self.admins[township.pk]
        state = rng.choices(list(REVISION_STATES), list(REVISION_STATES.values()))[0]
        title, text = revised_convention(
            c.name, village=not place.urban, rng=rng, topics=[topic.key for topic in DEFAULT_TOPICS]
        )
        day = self.day(dt.date(self.year, 3, 3), dt.date(self.year, 4, 15))
        created = _aware(min(day, self.end), 9)
        moves: list[tuple[str, dt.datetime]] = []
        for verb in REVISION_MOVES[state]:
            day = min(day + dt.timedelta(days=rng.randint(5, 30)), self.end)
            moves.append((verb, _aware(day, 16)))
        if state == "filed" and rng.random() < 0.8:
            day = min(day + dt.timedelta(days=rng.randint(1, 7)), self.end)
            moves.append(("acknowledge", _aware(day, 11)))
        at = dict(moves)
        meeting = None
        if "adopt" in at:
            body, rule, seats = representatives
            present = len(seats) - rng.randint(0, len(seats) // 6)
            meeting, _quorate, passed = self.meeting(
                place, rule=rule, held_on=at["adopt"].date(), members=len(seats), present=present,
                purpose=ADOPTION_PURPOSE, owner=("conventions", "revision", t["convention"].next),
                title=title, body=None, in_favour=present - rng.randint(0, present // 10),
            )  # fmt: skip
            assert passed, "an adoption vote recorded only when it carried"
        reviewed = at.get("approve") or at.get("return")
        revision = t["convention"].add(
            campaign_id=campaign, community_id=c.pk, area_path=c.path, title=title, text=text, state=state,
            compliant=True, problems=0, created_by_id=place.staff, created_at=created,
            updated_at=moves[-1][1] if moves else created, submitted_at=at.get("submit"),
            review_comment="第五条表述不够明确，请修改后重新报送。" if state == "returned" else "",
            reviewed_by_id=admin if reviewed else None, reviewed_at=reviewed, meeting_id=meeting,
            adopted_at=at.get("adopt"), filing_number=f"{self.year}-{c.code or c.pk}" if "file" in at else "",
            filed_at=at.get("file"), acknowledged_by_id=admin if "acknowledge" in at else None,
            acknowledged_at=at.get("acknowledge"),
        )  # fmt: skip
        t["revision_event"].add(
            revision_id=revision, actor_id=place.staff, verb="start", from_state="", to_state="drafting", note="",
            at=created,
        )  # fmt: skip
        previous = "drafting"
        for verb, when in moves:
            by = admin if verb in ("approve", "return", "acknowledge") else place.staff
            t["revision_event"].add(
                revision_id=revision, actor_id=by, verb=verb, from_state=previous, to_state=MOVE_TARGET[verb],
                note=f"{self.year}-{c.code or c.pk}" if verb == "file" else "", at=when,
            )  # fmt: skip
            previous = MOVE_TARGET[verb]
        if "file" in at:
            t["version"].add(
                community_id=c.pk, area_path=c.path, title=title, text=text, adopted_on=at["adopt"].date(),
                revision_id=revision, recorded_by_id=place.staff, recorded_at=at["file"], superseded_at=None,
            )  # fmt: skip

    def round(self, township: Area) -> int:
        """The township's round of committee elections (opened in January), once."""
        if township.pk not in self.rounds:
            opened = _aware(self.start + dt.timedelta(days=4), 9)
            pk = self.tables["round"].add(
                township_id=township.pk, term=12, name="第十二届村(社区)“两委”换届选举",
                opened_by_id=self.admins[township.pk], opened_at=opened, closed_at=None,
            )  # fmt: skip
            self.tables["practice"].add(
                round_id=pk, committee_lead_days=60, candidates_lead_days=5, filing_days=15,
                shoulder_one_target=50, cross_holding_target=50,
            )  # fmt: skip
            self.rounds[township.pk] = pk
        return self.rounds[township.pk]

    def election(self, place: Place, township: Area) -> None:
        """The community's election in the round: the dates of the stages reached by the year's end (or today),
        the election committee, the roll (every adult) once published, the candidates once published."""
        rng, t, c = self.rng, self.tables, place.community
        round_ = self.round(township)
        stage = rng.choices(list(ELECTION_STAGES), list(ELECTION_STAGES.values()))[0]
        horizon = max(self.end, self.start + dt.timedelta(days=90))
        # Held (and filed): election day between April and the year's end, in the past; the later stages still
        # ahead: election day after `end`, the stages reached before it.
        if stage in ("filed", "held"):
            day = self.day(min(dt.date(self.year, 4, 1), self.end), self.end)
        else:
            day = horizon + dt.timedelta(
                days={"candidates": 4, "roll": 12, "committee": 30, "deployed": 70}[stage]
            )
        committee_on = day - dt.timedelta(days=rng.randint(45, 60))
        roll_at = _aware(day - dt.timedelta(days=rng.randint(20, 25)), 9)
        candidates_at = _aware(day - dt.timedelta(days=rng.randint(5, 8)), 9)
        filed_at: dt.datetime | None = _aware(day + dt.timedelta(days=rng.randint(3, 15)), 15)
        if stage == "filed" and filed_at is not None and filed_at.date() > self.end:
            filed_at = _aware(self.end, 15) if self.end > day else None
        reached = list(ELECTION_STAGES)[
            list(ELECTION_STAGES).index(stage) :
        ]  # this stage and those before it
        created = _aware(min(self.start + dt.timedelta(days=rng.randint(5, 20)), committee_on), 10)
        election = t["election"].add(
            round_id=round_, community_id=c.pk, election_day=day, seats=rng.randint(5, 7),
            committee_formed_on=committee_on if "committee" in reached else None,
            roll_published_at=roll_at if "roll" in reached else None,
            candidates_published_at=candidates_at if "candidates" in reached else None,
            result_filed_at=filed_at if stage == "filed" else None, created_at=created,
        )  # fmt: skip
        if "committee" not in reached:
            return
        posts = ["chair", "vice_chair", "member", "member", "member"]
        for post, resident in zip(posts, rng.sample(place.adults, len(posts)), strict=True):
            t["committee"].add(
                election_id=election, resident_id=resident, post=post, joined_on=committee_on, left_on=None,
                left_reason="", recorded_by_id=place.staff, recorded_at=_aware(committee_on, 17),
            )  # fmt: skip
        if "roll" not in reached:
            return
        roll = Resident.objects.filter(
            community=c, status="active", birth_date__lte=dt.date(day.year - 18, day.month, min(day.day, 28))
        ).values_list("id", flat=True)
        added = roll_at - dt.timedelta(days=2)
        voters = []
        for resident in roll.order_by("id").iterator(chunk_size=2000):
            voters.append(
                t["voter"].add(
                    election_id=election,
                    round_id=round_,
                    resident_id=resident,
                    basis="away" if rng.random() < 0.12 else "living",
                    added_by_id=place.staff,
                    added_at=added,
                    removed_at=None,
                    removal_reason="",
                )  # fmt: skip
            )
        if "candidates" not in reached or not voters:
            return
        for candidate in rng.sample(voters, min(len(voters), 7 + rng.randint(1, 3))):
            t["nomination"].add(
                election_id=election, candidate_id=candidate, status="accepted", reason="",
                nominated_by_id=place.staff, nominated_at=candidates_at - dt.timedelta(days=6),
                decided_by_id=place.staff, decided_at=candidates_at - dt.timedelta(days=1),
            )  # fmt: skip

    # -- 队伍 --------------------------------------------------------------------------------------------------

    def staffing(self, place: Place, township: Area) -> None:
        """The township's staffing target for the community and the residents in post today (appointed last
        year, a three-year term): the community's workers, a grid worker per grid and a leader per resident group,
        some places left without one and some communities short of their minimum."""
        rng, t, c = self.rng, self.tables, place.community
        grid, group = self.posts.get("网格员"), self.posts.get("村(居)民小组长")
        target = t["target"].add(
            community_id=c.pk, area_path=c.path, min_workers=rng.randint(8, 14), set_by_id=self.admins[township.pk],
            updated_at=_aware(self.start + dt.timedelta(days=10), 10),
        )  # fmt: skip
        for post in (grid, group):
            if post is not None:
                t["target_covered"].add(target_id=target, posttype_id=post.pk)
        people = iter(rng.sample(place.adults, len(place.adults)))
        started = dt.date(self.year - 1, rng.randint(3, 9), 1)

        def appoint(post: PostType | None, area_id: int, area_path: str) -> None:
            resident = next(people, None)
            if post is None or resident is None:
                return
            t["appointment"].add(
                community_id=c.pk, area_id=area_id, area_path=area_path, post_type_id=post.pk, resident_id=resident,
                started_on=started, term_ends_on=started.replace(year=started.year + 3), contract_id=None,
                vacated_on=None, vacate_reason="", recorded_by_id=place.staff, recorded_at=_aware(started, 10),
            )  # fmt: skip

        for name, low, high in (("专职社区工作者", 2, 4), ("兼职社区工作者", 2, 4), ("网格长", 1, 1)):
            for _n in range(rng.randint(low, high)):
                appoint(self.posts.get(name), c.pk, c.path)
        places = Area.objects.filter(path__startswith=c.path, kind__in=["grid", "resident_group"]).order_by(
            "path"
        )
        for area_id, kind, path in places.values_list("id", "kind", "path"):
            if rng.random() < 0.9:  # most places have their holder; the others are the target's gaps
                appoint(grid if kind == "grid" else group, area_id, path)
        # Some communities (the first of each township among them) are short of their minimum of workers.
        first = self.staffed.setdefault(township.pk, 0) == 0
        self.staffed[township.pk] += 1
        if first or rng.random() < 0.25:
            workers = sum(
                1
                for row in t["appointment"].rows
                if row[t["appointment"].columns.index("community_id")] == c.pk
                and self.worker_posts.get(row[t["appointment"].columns.index("post_type_id")])
            )
            rows = t["target"]
            at = next(
                i
                for i in range(len(rows.rows) - 1, -1, -1)
                if rows.rows[i][rows.columns.index("id")] == target
            )
            row = list(rows.rows[at])
            row[rows.columns.index("min_workers")] = workers + rng.randint(3, 6)
            rows.rows[at] = tuple(row)

    # -- 人民调解 -------------------------------------------------------------------------------------------

    def disputes(self, place: Place) -> None:
        rng, t, c = self.rng, self.tables, place.community
        for _n in range(rng.randint(2, 8)):
            category, facts = CATEGORIES[rng.randrange(len(CATEGORIES))]
            received = self.day(self.start, self.end)
            age = (self.end - received).days
            owed = self.outcomes_owed.setdefault(c.parent_id or 0, ["failed", "withdrawn", "declined"])
            if age > 20:  # closed; each township shows every outcome at least once
                outcome = owed.pop() if owed else rng.choices(["agreed", "failed", "withdrawn", "declined"],
                                                              [75, 12, 8, 5])[0]  # fmt: skip
            else:
                outcome = rng.choice(["received", "accepted", "mediating", "agreed"])
            at = _aware(received, 10)
            case = t["case"].next
            code = f"TJ{self.year}{case:06d}"
            ends = min(at + dt.timedelta(days=rng.randint(3, 20)), _aware(self.end, 18))
            closed = ends if outcome in ("agreed", "failed", "withdrawn", "declined") else None
            t["case"].add(
                kind="dispute", state=outcome, title=code, body="", author_id=None, resident_id=None,
                submitted_by_id=place.staff, assisted=False, consent_channel="", consent_at=None, consent_note="",
                community_id=c.pk, area_path=c.path, place="", privacy="staff_only", sensitive=category == "family",
                pii_released="", assignee_id=None, due_at=None, due_limit="", due_basis="", due_note="", rating=None,
                rating_comment="", rated_at=None, submission_key="", created_at=at, updated_at=closed or at,
                closed_at=closed, department_id=None,
            )  # fmt: skip
            events = [("open", "", "received", at)]
            taken = at + dt.timedelta(days=1)
            if outcome == "declined":
                events.append(("decline", "received", "declined", ends))
            elif outcome != "received":
                events.append(("accept", "received", "accepted", taken))
                if outcome != "accepted":
                    events.append(("assign", "accepted", "mediating", taken))
                if outcome in ("agreed", "failed", "withdrawn"):
                    verb = {"agreed": "agree", "failed": "fail", "withdrawn": "withdraw"}[outcome]
                    events.append((verb, "mediating", outcome, ends))
            for verb, source, target, when in events:
                t["case_event"].add(
                    case_id=case, actor_id=place.staff, verb=verb, from_state=source, to_state=target, note="", at=when
                )  # fmt: skip
            outcome_field = {
                "agreed": "agreement",
                "failed": "failed",
                "withdrawn": "withdrawn",
                "declined": "declined",
            }
            agreed = outcome == "agreed"
            t["dispute"].add(
                case_id=case, code=code, category=category, source=rng.choice(["party", "grid", "committee"]),
                source_ref=None, facts=facts, taken_by_id=place.staff if outcome not in ("received",) else None,
                taken_at=taken if outcome != "received" else None, outcome=outcome_field.get(outcome, ""),
                outcome_note="" if agreed or outcome not in outcome_field else "当事人另行处理",
                terms="双方自愿达成协议，按约定履行。" if agreed else "", performance="十日内履行" if agreed else "",
                effective_on=ends.date() if agreed else None, confirmation_wanted=False, confirmation_due=None,
                confirmation_reminded_at=None, agreement_path="", agreement_sha256="", scan_path="", scan_sha256="",
                scan_uploaded_by_id=None, scan_uploaded_at=None,
                referral_to="township_centre" if outcome == "failed" else "", referral_path="", referral_sha256="",
                closed_by_id=place.staff if closed else None,
            )  # fmt: skip
            parties = rng.sample(place.adults, 2)
            for side, resident in zip(("applicant", "respondent"), parties, strict=True):
                t["party"].add(
                    dispute_id=case, side=side, resident_id=resident, user_id=None, name="当事人",
                    phone_ciphertext="", phone_index="", phone_masked="",
                )  # fmt: skip
            if outcome in ("mediating", "agreed", "failed", "withdrawn"):
                t["assignment"].add(
                    dispute_id=case, mediator_id=place.staff, assigned_by_id=place.staff, assigned_at=taken,
                    ended_at=None, end_reason="",
                )  # fmt: skip
                t["session"].add(
                    dispute_id=case, held_on=taken.date() + dt.timedelta(days=1), place="调解室",
                    attendees="双方当事人、调解员", next_steps="", recorded_by_id=place.staff, recorded_at=taken,
                )  # fmt: skip
            if agreed:
                due = ends.date() + dt.timedelta(days=30)
                visited = due <= self.today
                t["followup"].add(
                    dispute_id=case, due_on=due, visited_on=due if visited else None,
                    outcome=("kept" if rng.random() < 0.9 else "not_kept") if visited else "",
                    note="已回访" if visited else "", visited_by_id=place.staff if visited else None,
                )  # fmt: skip


def county_year_write(
    year: int, seed: int, today: dt.date, communities: Iterable[Area] | None = None
) -> dict[str, int]:
    """Write `year` for every community of the county (or those given); returns the rows written per table."""
    if communities is None:
        communities = Area.objects.filter(kind=AreaKind.COMMUNITY).order_by("path")
    writer = CountyYearWriter(list(communities), seed, year, today)
    return writer.write()
