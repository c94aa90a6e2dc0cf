"""The county year's funds (经费) and participatory budget (村公资金), written fast: part of `county_year`.

Rows in the shapes gongzhi.funds' and gongzhi.budgeting's own actions leave behind, for every community:

- its three funds of the year (专项经费, 办公经费, 公共服务资金) with their income lines by source (财政, 部门,
  共驻共建, 捐赠), each spending plan within what the fund had received and not yet planned when it was made;
- the expenditures against each plan (within the plan), recorded by the community's bookkeeper (`county_bz_<id>`)
  with one to six vouchers (one tiny shared PDF, `funds/county-voucher.pdf` under DATA_DIR), approved by the
  secretary (`county_cs_<id>`) and the director (`county_zr_<id>`), a few recent ones with one approval only;
- 民主理财: the supervisory committee (村(居)务监督委员会) seated, its chair holding an account (`county_jw_<id>`,
  a supervisor) who reviews — every approved expenditure of a quarter whose board is reviewed is passed (some
  after a question answered); the recent ones are partly passed, partly questioned (some answered), partly not
  yet reviewed;
- the quarterly finance boards from the ledger (adding up, as `board_generate` makes them): the quarters before
  the last ended one reviewed and mostly published (a finance disclosure on the public board), the last ended
  quarter a draft waiting for 民主理财;
- the participatory budget: the 村(居)民议事会 with 5–7 seated residents holding accounts (`county_ys_<id>_<n>`),
  a round per community in the year against its 公共服务资金 (most decided; some preparing, proposing or
  ranking), projects proposed by residents with accounts (`county_jm_<id>_<n>`) or entered by staff with the
  resident's consent, screened eligible or not, the members' rankings (Borda), the 议事会's meeting that decided
  it and the published result; the funded projects are funds plans with origin ("budgeting", id, title) as
  `create_plan` makes them, with their spending; some are finished and rated by the community's residents.
"""

import datetime as dt
import random
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from gongzhi.accounts.roles import Role
from gongzhi.budgeting.models import Category, Listing
from gongzhi.budgeting.selectors import borda, choose
from gongzhi.core.quorum import turnout_check
from gongzhi.funds.actions import board_text
from gongzhi.funds.models import Board, FundKind, IncomeSource
from gongzhi.residents.models import Resident

from .county_applications import Spec, _accounts

if TYPE_CHECKING:
    from .county_year import Place

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
VOUCHER_PATH = "funds/county-voucher.pdf"
COUNCIL_RULE = "body_meeting"
# (fund kind, source, low, high (yuan), month, chance, note)
INCOME = [
    ("special", "finance", 100_000, 200_000, 1, 1.0, "镇财政拨付村级组织运转专项经费"),
    ("special", "department", 10_000, 40_000, 5, 0.7, "民政办居家养老服务补助"),
    ("office", "finance", 40_000, 80_000, 1, 1.0, "村级办公经费"),
    ("public_service", "finance", 60_000, 100_000, 2, 1.0, "村级公共服务资金"),
    ("public_service", "partners", 5_000, 30_000, 6, 0.5, "共驻共建单位捐资"),
    ("public_service", "donation", 2_000, 15_000, 9, 0.3, "乡贤捐赠"),
]
PLANS = {
    "special": [("文化活动室修缮", "永安建筑队", "修缮人工和材料"), ("村道日常养护", "永安建材店", "购买水泥、砂石"),
                ("防汛物资储备", "永安五金店", "购买沙袋、雨衣"), ("环境卫生整治", "永安保洁公司", "垃圾清运服务费"),
                ("老年食堂运营补助", "永安粮油店", "购买米面粮油")],
    "office": [("办公用品和水电", "永安文具店", "打印纸、墨盒"), ("办公设备维护", "永安电脑店", "电脑和打印机维修")],
    "public_service": [("便民服务点运行", "永安便民超市", "代缴代办服务耗材")],
}  # fmt: skip
# (title, category code, low, high (yuan), place, description, payee, purpose)
IDEAS = [
    ("村口至小学路段增设路灯", "lighting", 12_000, 26_000, "村口至小学", "这段路晚上没有灯，孩子放学和老人散步都不安全，建议装太阳能路灯。", "永安电器行", "购买安装太阳能路灯"),
    ("文化广场添置健身器材", "recreation", 15_000, 28_000, "文化广场", "广场上只有两件旧器材，早晚锻炼的人多，建议添置一套适合老人的健身器材。", "永安体育用品店", "健身器材及安装"),
    ("水渠清淤", "environment", 6_000, 15_000, "灌溉水渠", "水渠淤积严重，夏天发臭，下雨容易漫到路上，建议清淤并修补渠壁。", "永安土石方队", "清淤人工和机械"),
    ("老年活动室安装空调", "care", 10_000, 24_000, "老年活动室", "活动室夏天太热冬天太冷，老人来得少，建议安装两台空调。", "永安电器行", "空调及安装"),
    ("学校门口减速带和护栏", "safety", 8_000, 22_000, "学校门口", "学校门口车开得快，建议装减速带、护栏和警示牌。", "永安交通设施公司", "减速带、护栏及安装"),
    ("增设垃圾收集点", "environment", 5_000, 12_000, "各组路口", "垃圾随意堆放，建议每组设一个带盖的收集点。", "永安环卫设备厂", "垃圾收集箱"),
    ("便民休息座椅", "convenience", 4_000, 9_000, "公交站和小广场", "老人等车和散步没有地方坐，建议添置休息座椅。", "永安家具厂", "休息座椅"),
    ("入户便道修补", "roads", 8_000, 20_000, "三组入户路", "入户路坑洼，雨天积水，建议硬化修补。", "永安建筑队", "便道修补人工和材料"),
    ("儿童游乐设施", "care", 9_000, 20_000, "小广场", "孩子们没有玩的地方，建议添置滑梯、秋千等游乐设施。", "永安玩具厂", "游乐设施及安装"),
    ("危桥护栏", "safety", 7_000, 18_000, "河边小桥", "小桥没有护栏，夜里走很危险，建议加装护栏。", "永安五金店", "护栏材料及安装"),
]  # fmt: skip
INELIGIBLE_REASON = "项目内容属于村(居)委会日常运转开支，不在村公资金支持范围内。"
CONSENT = "本人到村(居)委会当面提出，同意由工作人员代为登记"
QUESTION = "单价偏高，请说明采购方式"
ANSWER = "经三家比价选定，含安装费，比价单已附凭证"
# Where a community's round stands (weights), after the first of each township's (always decided).
ROUND_STATES = {"decided": 65, "ranking": 12, "proposing": 12, "prepared": 11}


def _aware(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _yuan(low: int, high: int, rng) -> Decimal:
    """An amount in whole yuan or half yuan: exact in binary too, so SQLite's check that a board adds up holds."""
    return Decimal(rng.randint(low, high) * 100) / 100 + Decimal(rng.choice([0, 0, 50])) / 100


def voucher_file() -> tuple[str, int]:
    """The one tiny PDF every county voucher points at (a blank page), written under DATA_DIR once."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 297] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = Path(settings.DATA_DIR) / VOUCHER_PATH
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(out))
    return VOUCHER_PATH, len(out)


@dataclass
class People:
    """A community's funds and budget people: accounts by user id, residents by id."""

    bookkeeper: int
    director: int
    supervisor: int  # the supervisory committee's chair
    supervisor_resident: int
    council: list[tuple[int, int]]  # (resident, user) of the 议事会's members
    residents: list[tuple[int, int]]  # (resident, user) of residents with an account


@dataclass
class Spend:
    plan: int
    plan_title: str
    kind: str
    amount: Decimal
    spent_on: dt.date
    payee: str
    purpose: str
    approvals: int = 2


def funds_accounts(places: "list[Place]") -> dict[int, People]:
    """The accounts the year's funds and budget need in each community (made in bulk, residents linked)."""
    taken = set(Resident.objects.filter(user__isnull=False).values_list("id", flat=True))
    specs: list[Spec] = []
    picks: dict[int, list[int]] = {}
    for place in places:
        c = place.community
        free = [r for r in place.adults if r not in taken]
        if len(free) < 15:
            continue
        # Toward the end of the register's adults (the representatives come from its start, the mediation
        # committee from its very end): the supervisory committee's chair, then 14 residents with an account (the
        # 议事会's members, other residents).
        picks[c.pk] = free[-20:-5] if len(free) >= 40 else free[-15:]
        specs += [
            (f"county_bz_{c.pk}", f"{c.name}报账员", Role.COMMUNITY_STAFF, c, None),
            (f"county_zr_{c.pk}", f"{c.name}主任", Role.COMMUNITY_STAFF, c, None),
            (f"county_jw_{c.pk}", f"{c.name}监委会主任", Role.SUPERVISOR, c, None),
        ]
        specs += [(f"county_ys_{c.pk}_{n}", f"{c.name}议事会成员", Role.RESIDENT, c, None) for n in range(7)]
        specs += [(f"county_jm_{c.pk}_{n}", f"{c.name}居民", Role.RESIDENT, c, None) for n in range(7)]
    if not specs:
        return {}
    ids = _accounts(specs)
    links: list[Resident] = []
    people = {}
    for place in places:
        c = place.community
        if c.pk not in picks:
            continue
        chosen = picks[c.pk]
        council = [(chosen[1 + n], ids[f"county_ys_{c.pk}_{n}"]) for n in range(7)]
        residents = [(chosen[8 + n], ids[f"county_jm_{c.pk}_{n}"]) for n in range(7)]
        links += [
            Resident(pk=r, user_id=u)
            for r, u in [(chosen[0], ids[f"county_jw_{c.pk}"]), *council, *residents]
        ]
        people[c.pk] = People(
            bookkeeper=ids[f"county_bz_{c.pk}"], director=ids[f"county_zr_{c.pk}"],
            supervisor=ids[f"county_jw_{c.pk}"], supervisor_resident=chosen[0], council=council, residents=residents,
        )  # fmt: skip
    Resident.objects.bulk_update(links, ["user"], batch_size=2000)
    return people


class CountyFunds:
    """The funds and the participatory budget of one community's year (mixed into CountyYearWriter, whose
    tables, dates and writers of bodies, meetings and disclosures it uses)."""

    rng: random.Random
    tables: dict[str, Any]
    year: int
    start: dt.date
    end: dt.date
    day: Callable[[dt.date, dt.date], dt.date]
    meeting: Callable[..., tuple[int, bool, bool]]
    disclosure: Callable[..., int]
    membership: Callable[..., int]

    def funds_prepare(self) -> None:
        self.kinds = {k.code: k for k in FundKind.objects.all()}
        self.sources = {s.code: s for s in IncomeSource.objects.all()}
        self.categories = {
            c.code: c for c in Category.objects.filter(active=True).exclude(listing=Listing.EXCLUDED)
        }
        self.source_order = {s.name: (s.sort_order, s.name) for s in self.sources.values()}
        self.voucher = voucher_file()
        self.budget_seen: dict[int, int] = defaultdict(int)  # township id: its communities' rounds so far

    # -- the run for one community ------------------------------------------------------------------------

    def funds(self, place: "Place", people: People | None) -> None:
        if people is None or not {"special", "office", "public_service"} <= set(self.kinds):
            return
        rng, t, c = self.rng, self.tables, place.community
        last = self.end - dt.timedelta(days=4)  # the last day spending is recorded (approvals follow)
        if last < dt.date(self.year, 3, 1):
            return  # too early in the year for a ledger worth writing
        self.ledger_incomes: list[tuple[str, str, Decimal, dt.date]] = []  # kind, source name, amount, day
        funds, received = {}, defaultdict(list)
        for code in ("special", "office", "public_service"):
            funds[code] = t["fund"].add(
                community_id=c.pk, area_path=c.path, year=self.year, kind_id=self.kinds[code].pk, note="",
                created_by_id=people.bookkeeper, created_at=_aware(self.start + dt.timedelta(days=1), 9),
            )  # fmt: skip
        for code, source, low, high, month, chance, note in INCOME:
            if source not in self.sources or (chance < 1 and rng.random() > chance):
                continue
            day = dt.date(self.year, month, rng.randint(3, 25))
            if day > last:
                continue
            amount = _yuan(low, high, rng)
            t["income"].add(
                fund_id=funds[code], source_id=self.sources[source].pk, amount=amount, received_on=day, note=note,
                recorded_by_id=people.bookkeeper, recorded_at=_aware(day, 15),
            )  # fmt: skip
            received[code].append((day, amount))
            self.ledger_incomes.append((code, self.sources[source].name, amount, day))
        planned: dict[str, Decimal] = defaultdict(lambda: ZERO)
        spends: list[Spend] = []

        def available(code: str, day: dt.date) -> Decimal:
            return sum((a for d, a in received[code] if d <= day), ZERO) - planned[code]

        for code, count in (("special", rng.randint(1, 2)), ("office", rng.randint(1, 2)),
                            ("public_service", rng.randint(0, 1))):  # fmt: skip
            for title, payee, purpose in rng.sample(PLANS[code], count):
                first = dt.date(self.year, 3, 1) if code == "public_service" else dt.date(self.year, 1, 26)
                day = self.day(first, min(first + dt.timedelta(days=25), last))
                wanted = _yuan(8_000, 15_000 if code == "public_service" else 50_000, rng)
                amount = min(wanted, available(code, day))
                if amount < 1000:
                    continue
                plan = self.plan_add(c, funds[code], title, amount, day, people.bookkeeper)
                planned[code] += amount
                spends += self.spendings(
                    plan, title, code, amount, day, last, payee, purpose, rng.randint(1, 3)
                )
        spends += self.budget(place, people, funds["public_service"], received["public_service"],
                              planned["public_service"], last)  # fmt: skip
        self.ledger_write(place, people, spends)

    def plan_add(self, c, fund: int, title: str, amount: Decimal, day: dt.date, by: int, *, item=None,
                 origin=("", None, ""), note="经村(居)两委会议研究", at=None) -> int:  # fmt: skip
        return self.tables["plan"].add(
            fund_id=fund, community_id=c.pk, area_path=c.path, title=title, amount=amount, note=note,
            meeting_item_id=item, decision_app="", decision_id=None, decision_label="", origin_app=origin[0],
            origin_id=origin[1], origin_label=origin[2], state="open", created_by_id=by,
            created_at=at or _aware(day, 16),
        )  # fmt: skip

    def spendings(self, plan: int, title: str, kind: str, amount: Decimal, made: dt.date, last: dt.date,
                  payee: str, purpose: str, count: int) -> list[Spend]:  # fmt: skip
        """Up to `count` spendings after the plan was made, together within it (50–95% of it)."""
        rng = self.rng
        if made + dt.timedelta(days=3) > last:
            return []
        share = amount * Decimal(rng.randint(50, 95)) / 100
        days = sorted(self.day(made + dt.timedelta(days=3), last) for _n in range(count))
        parts = [Decimal(rng.randint(1, 10)) for _n in days]
        result = []
        for day, part in zip(days, parts, strict=True):
            paid = (share * part / sum(parts)).quantize(Decimal(1)).quantize(CENT)
            if paid > 0:
                result.append(Spend(plan, title, self.kinds[kind].name, paid, day, payee, purpose))
        return result

    # -- 村公资金 -------------------------------------------------------------------------------------------

    def budget(self, place: "Place", people: People, fund: int, received: list, planned: Decimal,
               last: dt.date) -> list[Spend]:  # fmt: skip
        rng, t, c = self.rng, self.tables, place.community
        created = _aware(self.start - dt.timedelta(days=400))
        council = t["body"].add(
            area_id=c.pk, area_path=c.path, kind="council", name="居民议事会" if place.urban else "村民议事会",
            group_id=None, meeting_rule=COUNCIL_RULE, proxies_allowed=False, notice_days=None,
            duties="议定村公资金项目，监督项目实施。", active=True, created_by_id=place.staff,
            created_at=created,
        )  # fmt: skip
        size = rng.randint(5, 7)
        seats = []
        for n, (resident, user) in enumerate(people.council[:size]):
            post = "chair" if n == 0 else "deputy_chair" if n == 1 else "member"
            seats.append((self.membership(council, resident, post, created, place.staff), user))
        supervisory = t["body"].add(
            area_id=c.pk, area_path=c.path, kind="supervisory",
            name="居务监督委员会" if place.urban else "村务监督委员会", group_id=None, meeting_rule=COUNCIL_RULE,
            proxies_allowed=False, notice_days=None, duties="", active=True, created_by_id=place.staff,
            created_at=created,
        )  # fmt: skip
        self.membership(supervisory, people.supervisor_resident, "chair", created, place.staff)
        for resident, _user in people.residents[-2:]:
            self.membership(supervisory, resident, "member", created, place.staff)

        township = c.parent_id or 0
        position = self.budget_seen[township]
        self.budget_seen[township] += 1
        if position == 0:
            state = "decided"
        elif position == 1:
            state = "proposing" if len(self.budget_seen) % 2 else "ranking"
        else:
            state = rng.choices(list(ROUND_STATES), list(ROUND_STATES.values()))[0]
        opens = dt.date(self.year, 3, 1) + dt.timedelta(days=rng.randint(0, 20 if position == 0 else 45))
        closes = opens + dt.timedelta(days=rng.randint(25, 40))
        decide_on = closes + dt.timedelta(days=rng.randint(10, 20))
        if state == "decided" and decide_on > last - dt.timedelta(days=10):
            state = "ranking"  # too early in the year for the decision
        if state == "ranking":  # proposing closed a few weeks ago; the members are ranking
            closes = min(closes, last - dt.timedelta(days=rng.randint(15, 30)))
            opens = min(opens, closes - dt.timedelta(days=25))
            if opens < self.start:
                state = "proposing"
        if state == "proposing":  # the window holds today
            opens = max(self.start, last - dt.timedelta(days=rng.randint(10, 30)))
            closes = max(last + dt.timedelta(days=rng.randint(5, 20)), opens)
        if state == "prepared":  # opens soon
            opens = min(self.end + dt.timedelta(days=rng.randint(5, 20)), dt.date(self.year, 12, 31))
            closes = opens + dt.timedelta(days=30)
        round_ = t["bround"].next
        spends: list[Spend] = []
        projects = []
        if state != "prepared":
            projects = self.projects(
                place, people, round_, opens, min(closes, last), state, fund, received, planned
            )
        rankings, points, choices, item, decided_at, quorum = [], {}, [], None, None, ""
        eligible = [p for p in projects if p["state"] == "eligible"]
        if state in ("ranking", "decided") and eligible:
            seated = len(seats)
            if state == "decided":
                ranking_count = rng.randint(seated // 2 + 1, seated)
            else:
                ranking_count = rng.randint(1, seated)
            start = closes + dt.timedelta(days=1)
            for membership, user in rng.sample(seats, ranking_count):
                order = sorted(eligible, key=lambda p: rng.random() * p["appeal"])
                rankings.append((membership, user, [p["id"] for p in order],
                                 _aware(self.day(start, min(start + dt.timedelta(days=6), last)), 20)))  # fmt: skip
            if state == "decided":
                points = borda([r[2] for r in rankings], [p["id"] for p in eligible])
                turnout = turnout_check(
                    eligible=seated, participated=len(rankings), share=Fraction(1, 2), inclusive=False
                )
                assert turnout.quorate
                quorum = turnout.reason[:300]
                present = seated - rng.randint(0, 1)
                _meeting, _quorate, passed = self.meeting(
                    place, rule=COUNCIL_RULE, held_on=decide_on, members=seated, present=present,
                    purpose="budgeting_decision", owner=("budgeting", "round", round_),
                    title=f"议定{self.year}年村公资金项目", body=None, in_favour=present,
                )  # fmt: skip
                assert passed
                item = t["item"].next - 1
                decided_at = _aware(decide_on, 21)
                balance = sum((a for d, a in received if d <= decide_on), ZERO) - planned
                choices = choose(
                    [(p["id"], p["cost"], p["priority"], n) for n, p in enumerate(eligible)], points, balance
                )
        elif state == "decided":
            state = "ranking"  # nothing eligible to decide: the round waits (no ranking is possible)
        by_id = {p["id"]: p for p in projects}
        for choice in choices:
            p = by_id[choice.project_id]
            p["points"], p["rank"] = choice.points, choice.rank
            p["state"] = "funded" if choice.funded else "not_funded"
            if choice.funded:
                p["plan"] = self.plan_add(
                    c, fund, p["title"], p["cost"], decide_on, place.staff, item=item,
                    origin=("budgeting", p["id"], p["title"]), note=f"村公资金项目（{p['place']}）", at=decided_at,
                )  # fmt: skip
                spends += self.spendings(p["plan"], p["title"], "public_service", p["cost"], decide_on, last,
                                         p["payee"], p["purpose"], rng.randint(1, 2))  # fmt: skip
                done = decide_on + dt.timedelta(days=rng.randint(30, 90))
                if done <= last - dt.timedelta(days=10) and (rng.random() < 0.6 or choice.rank == 1):
                    p["state"], p["finished_on"] = "finished", done
        disclosure = None
        if state == "decided":
            text = "\n".join(
                [f"经{c.name}村(居)民议事会排序（{quorum}），并经议事会会议表决通过，{self.year}年公共服务资金（村公资金）项目议定如下："]
                + [f"第{p['rank']}名 {p['title']}（{p['place']}）：估算{p['cost']:,.2f}元，得分{p['points']}，"
                   + ("立项" if p["state"] in ("funded", "finished") else "未入选（资金余额不足）")
                   for p in sorted((p for p in projects if p.get("rank")), key=lambda p: p["rank"])]
            )  # fmt: skip
            disclosure = self.disclosure(
                place, category="affairs", title=f"{self.year}年村公资金项目议定结果", text=text, major=False,
                period="", owner=("budgeting", "round", round_), purpose="budgeting_result", at=decided_at,
            )  # fmt: skip
        t["bround"].add(
            community_id=c.pk, area_path=c.path, year=self.year, fund_id=fund, opens_on=opens, closes_on=closes,
            cap=Decimal("30000.00"), state=state, created_by_id=place.staff,
            created_at=_aware(opens - dt.timedelta(days=10), 9),
            opened_at=_aware(opens, 9) if state != "prepared" else None,
            closed_at=_aware(closes + dt.timedelta(days=1), 9) if state in ("ranking", "decided") else None,
            meeting_item_id=item, quorum_reason=quorum, decided_at=decided_at, disclosure_id=disclosure,
        )  # fmt: skip
        for p in projects:
            assert t["project"].add(
                round_id=round_, community_id=c.pk, area_path=c.path, title=p["title"], description=p["description"],
                place=p["place"], cost=p["cost"], category_id=p["category"], resident_id=p["resident"],
                proposer_id=p["proposer"], entered_by_id=p["entered_by"], consent=p["consent"],
                submitted_at=p["submitted_at"], state=p["state"], screened_by_id=p["screened_by"],
                screened_at=p["screened_at"], screen_reason=p["reason"], points=p.get("points"), rank=p.get("rank"),
                plan_id=p.get("plan"), finished_on=p.get("finished_on"),
            ) == p["id"]  # fmt: skip
        for membership, user, order, at in rankings:
            ranking = t["ranking"].add(
                round_id=round_, membership_id=membership, submitted_by_id=user, submitted_at=at
            )
            for position, project in enumerate(order, start=1):
                t["ranking_entry"].add(ranking_id=ranking, project_id=project, position=position)
        raters = [user for _r, user in people.residents + people.council]
        for p in projects:
            if p["state"] != "finished":
                continue
            for user in rng.sample(raters, rng.randint(3, 8)):
                day = min(p["finished_on"] + dt.timedelta(days=rng.randint(1, 20)), last)
                t["rating"].add(
                    project_id=p["id"], user_id=user, stars=rng.choices([5, 4, 3, 2], [45, 35, 15, 5])[0],
                    rated_at=_aware(day, rng.randint(8, 20)),
                )  # fmt: skip
        return spends

    def projects(self, place, people, round_, opens, closes, state, fund, received, planned) -> list[dict]:
        rng, t = self.rng, self.tables
        count = rng.randint(5, 8) if state != "proposing" else rng.randint(3, 6)
        projects = []
        ideas = rng.sample(IDEAS, count)
        for n, (title, code, low, high, where, description, payee, purpose) in enumerate(ideas):
            category = self.categories.get(code) or next(iter(self.categories.values()))
            day = self.day(opens, closes)
            at = _aware(day, rng.randint(8, 19))
            by_self = rng.random() < 0.4
            resident, user = rng.choice(people.residents) if by_self else (rng.choice(place.adults), None)
            screened = (at + dt.timedelta(days=rng.randint(1, 3))).replace(hour=16)
            waiting = state == "proposing" and (screened.date() > closes or rng.random() < 0.3)
            eligible = n < 2 or (
                n != count - 1 and rng.random() > 0.1
            )  # the last of four or more: not the fund's
            projects.append({
                "id": t["project"].next + n, "title": title[:60], "description": description, "place": where,
                "cost": _yuan(low, high, rng), "category": category.pk, "resident": resident, "proposer": user,
                "entered_by": None if by_self else place.staff, "consent": "" if by_self else CONSENT,
                "submitted_at": at,
                "state": "submitted" if waiting else "eligible" if eligible else "ineligible",
                "screened_by": None if waiting else place.staff, "screened_at": None if waiting else screened,
                "reason": "" if waiting or eligible else INELIGIBLE_REASON,
                "priority": category.listing == Listing.PRIORITY, "appeal": rng.uniform(0.5, 2.0),
                "payee": payee, "purpose": purpose,
            })  # fmt: skip
        return projects

    # -- the ledger, 民主理财 and the boards ---------------------------------------------------------------------

    def ledger_write(self, place: "Place", people: People, spends: list[Spend]) -> None:
        rng, t, c = self.rng, self.tables, place.community
        quarters = []  # (start, end, label) of the quarters ended by `end`
        for q in range(4):
            start = dt.date(self.year, q * 3 + 1, 1)
            end = (dt.date(self.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)) - dt.timedelta(days=1)
            if end < self.end:
                quarters.append((start, end, f"{self.year}-Q{q + 1}"))
        settled = quarters[-2][1] if len(quarters) >= 2 else None  # boards reviewed up to this day
        staff = place.staff
        approved: list[Spend] = []
        recent = self.end - dt.timedelta(days=45)
        spends = sorted(spends, key=lambda s: s.spent_on)
        for n, spend in enumerate(spends):
            old = settled is not None and spend.spent_on <= settled
            # The latest waits for its second approval; a few other recent ones for one or both.
            if not old and (n == len(spends) - 1 or spend.spent_on >= recent and rng.random() < 0.15):
                spend.approvals = 1 if n == len(spends) - 1 else rng.randint(0, 1)
            recorded = _aware(spend.spent_on, 16)
            expenditure = t["expenditure"].add(**self.expenditure_row(c, spend, people, recorded, old, rng))
            for n in range(rng.randint(1, 6)):
                t["voucher"].add(
                    expenditure_id=expenditure, photo_id=None, pdf_path=self.voucher[0], pdf_size=self.voucher[1],
                    name=f"凭证{n + 1}.pdf", added_by_id=people.bookkeeper, added_at=recorded,
                )  # fmt: skip
            for n, approver in enumerate((staff, people.director)[: spend.approvals]):
                t["approval"].add(
                    expenditure_id=expenditure, approver_id=approver,
                    approved_at=_aware(spend.spent_on + dt.timedelta(days=n + 1), 10),
                )  # fmt: skip
            if spend.approvals == 2:
                approved.append(spend)
        for index, (start, end, label) in enumerate(quarters):
            generated = _aware(end + dt.timedelta(days=rng.randint(6, 9)), 10)
            if generated.date() >= self.end:
                continue
            income: dict[str, Decimal] = defaultdict(lambda: ZERO)
            for _code, source, amount, day in self.ledger_incomes:
                if start <= day <= end:
                    income[source] += amount
            spending: dict[tuple[str, str, int], Decimal] = defaultdict(lambda: ZERO)
            for s in approved:
                if start <= s.spent_on <= end:
                    spending[(s.kind, s.plan_title, s.plan)] += s.amount
            opening = sum((a for _c, _s, a, d in self.ledger_incomes if d < start), ZERO) - sum(
                (s.amount for s in approved if s.spent_on < start), ZERO
            )
            lines = {
                "income": [{"source": name, "amount": str(income[name])}
                           for name in sorted(income, key=lambda n: self.source_order.get(n, (99, n)))],
                "spending": [{"plan": key[1], "fund": key[0], "amount": str(spending[key])} for key in sorted(spending)],
            }  # fmt: skip
            total_in, total_out = sum(income.values(), ZERO), sum(spending.values(), ZERO)
            last_one = index == len(quarters) - 1
            first_of_township = self.budget_seen.get(c.parent_id or 0, 0) == 1
            state = (
                "draft"
                if last_one
                else "published"
                if first_of_township or rng.random() < 0.9
                else "reviewed"
            )
            reviewed = _aware(end + dt.timedelta(days=rng.randint(10, 14)), 15) if state != "draft" else None
            published = (
                reviewed + dt.timedelta(days=rng.randint(1, 3))
                if reviewed is not None and state == "published"
                else None
            )
            values = dict(
                community_id=c.pk, area_path=c.path, period=label, starts_on=start, ends_on=end, opening=opening,
                income=total_in, spending=total_out, closing=opening + total_in - total_out, lines=lines,
            )  # fmt: skip
            disclosure = None
            if published is not None:
                text = board_text(Board(**values))
                disclosure = self.disclosure(
                    place, category="finance", title=f"{self.year}年第{index + 1}季度财务公开", text=text,
                    major=False, period=label, owner=("funds", "board", t["board"].next), purpose="finance_board",
                    at=published,
                )  # fmt: skip
            t["board"].add(
                **values, state=state, generated_by_id=people.bookkeeper, generated_at=generated,
                reviewed_by_id=people.supervisor if reviewed else None, reviewed_at=reviewed,
                review_remark="账目相符，凭证齐全" if reviewed else "", published_at=published, disclosure_id=disclosure,
            )  # fmt: skip

    def expenditure_row(self, c, spend: Spend, people: People, recorded: dt.datetime, old: bool, rng) -> dict:
        """The expenditure as approved (two approvals) and reviewed: an old one (its quarter's board reviewed)
        passed, some after a question answered; a recent one passed, questioned (some answered) or not yet."""
        approved_at = _aware(spend.spent_on + dt.timedelta(days=2), 10) if spend.approvals == 2 else None
        verdict, remark, reviewed, answer, answered = "", "", None, "", None
        if approved_at is not None:
            roll = rng.random()
            late = approved_at + dt.timedelta(days=3) >= _aware(self.end, 0)
            if old:
                verdict, reviewed = "passed", approved_at + dt.timedelta(days=2)
                if roll < 0.1:
                    answer, answered = ANSWER, approved_at + dt.timedelta(days=1)
            elif not late and roll < 0.35:
                verdict, reviewed = "passed", approved_at + dt.timedelta(days=2)
            elif not late and roll < 0.5:
                verdict, remark, reviewed = (
                    "questioned",
                    QUESTIONED_REMARK,
                    approved_at + dt.timedelta(days=1),
                )
                if roll < 0.42:
                    answer, answered = ANSWER, approved_at + dt.timedelta(days=2)
        return dict(
            plan_id=spend.plan, community_id=c.pk, area_path=c.path, amount=spend.amount, payee=spend.payee,
            spent_on=spend.spent_on, purpose=spend.purpose, recorded_by_id=people.bookkeeper, recorded_at=recorded,
            approved_at=approved_at, verdict=verdict, remark=remark,
            reviewed_by_id=people.supervisor if reviewed else None, reviewed_at=reviewed, answer=answer,
            answered_by_id=people.bookkeeper if answered else None, answered_at=answered,
        )  # fmt: skip


QUESTIONED_REMARK = QUESTION
