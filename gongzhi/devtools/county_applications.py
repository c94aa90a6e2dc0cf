"""The county data set's service hall: about a million synthetic applications (办件), written fast.

Synthetic benchmark data, not a history, as county_wishes is for the wish
walls: the rows go straight to the tables (cases_case kind "application",
hall_application, its checklist lines in hall_applicationmaterial, the
open 一次性告知 of those waiting for the applicant, and each case's
timeline in cases_caseevent) through gongzhi.core.bulk, and nothing of the
hall's actions runs: no audit rows per application, no notices, no PDFs.
They look like what the actions leave behind — the same states and moves
for each matter's handling mode (村级直接办结, 村级受理·乡级办结 with or
without a village review, 转乡级窗口, a county office last), timelines in
order, receipt numbers per township and day, due times from the matters'
promised limits chained from acceptance on the working calendar — so that
the back-office queues, the detail pages and the statistics can be
measured at county size.

The catalogue is the starter one (hall/starter.py), loaded into every
township through `catalogue_starter_load` by a township admin made for it,
which also creates the departments the matters route to. Per township the
writer adds the people the hall needs, with no password (they cannot log
in): the township window's clerk (乡镇便民服务中心), one officer holding the
township reviewer role in each department, and, per village, a cadre at the
village window (the wish seed's community staff member when there is one).

Applications arrive over two years in time order (ids grow with
`created_at`), each in a random community for one of a sample of its
residents (the register's facts filled in as the apply form does; county
residents have no accounts, so every application is made for them: at the
township window or through the village's 代办). Old ones are mostly 已办结;
recent ones wait at every stage — the window, the village review, the
deciding department (乡镇审批中), the county office, approved and waiting to
be issued — and some of them are past their due time.
"""

import datetime as dt
import functools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, AreaKind, Department
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.core.masking import mask_id_last4
from gongzhi.hall.actions.catalogue import catalogue_starter_load
from gongzhi.hall.limits import ChainedDue, Step
from gongzhi.hall.models import (
    Application,
    ApplicationMaterial,
    HandlingMode,
    MaterialSource,
    Matter,
    ReceiptCounter,
    SupplyNotice,
    SupplyNoticeItem,
)
from gongzhi.hall.workflow import APPLICATION, APPLICATION_KIND, CHECK_WORKDAYS, ISSUE_WORKDAYS, RATINGS
from gongzhi.residents.models import Resident
from gongzhi.workdays.calendar import TimeLimit

from .county_wishes import CASE_COLUMNS
from .writer import Table, indexes_deferred

APPLICATION_COLUMNS = (
    "case_id", "matter_id", "channel", "facts", "phone", "number", "accepted_at", "accepted_by_id", "decision",
    "decision_reason", "decided_at", "decided_by_id", "handed_off_at", "handed_back_at", "issued_at",
    "issued_by_id", "delivery", "delivery_note", "unreasonable_reason", "unreasonable_basis",
    "unreasonable_by_id", "unreasonable_at", "unreasonable_kind", "unreasonable_review",
    "unreasonable_review_note", "unreasonable_reviewed_by_id", "unreasonable_reviewed_at", "promised_due_at",
    "visits",
)  # fmt: skip
LINE_COLUMNS = ("id", "application_id", "material_id", "state", "note", "round", "promised_by", "supplied_at")
NOTICE_COLUMNS = ("id", "application_id", "round", "sent_by_id", "sent_at", "note", "supplied_at")
ITEM_COLUMNS = ("notice_id", "line_id", "problem", "note")
EVENT_COLUMNS = ("id", "case_id", "actor_id", "verb", "from_state", "to_state", "note", "at")
BATCH = 10_000
SPAN_DAYS = 730
SAMPLE = 400  # residents per community who apply (household heads first): a county's applicants repeat
CONSENT = [("in_person", "当面", "本人到场，当面同意"), ("phone", "电话", "电话联系，本人同意代为申请")]
# (state, weight) by the application's age in days: recent ones wait at every stage, old ones are done.
MIX_NEW = (  # < 3 days
    ["submitted", "supplementing", "township_window", "village_review", "township_review", "external",
     "approved", "rejected", "issued", "refused", "withdrawn"],
    [40, 6, 6, 14, 24, 2, 3, 0.5, 3, 1, 0.5],
)  # fmt: skip
MIX_MONTH = (  # 3 to 40 days
    ["submitted", "supplementing", "township_window", "village_review", "township_review", "external",
     "approved", "rejected", "issued", "refused", "withdrawn"],
    [2, 4, 1, 5, 18, 6, 4, 1, 52, 4, 3],
)  # fmt: skip
MIX_OLD = (  # older: done, a few forgotten (overdue) or abandoned by the applicant
    ["supplementing", "village_review", "township_review", "external", "approved", "rejected", "issued",
     "refused", "withdrawn"],
    [1, 0.05, 0.15, 0.25, 0.1, 0.03, 91, 4, 3],
)  # fmt: skip
REVIEW_STATES = frozenset({"village_review", "township_review", "external"})
OPINIONS = ["经审核，符合条件", "材料齐全，情况属实", "经入户核实，同意", "符合政策规定，予以办理"]
REJECTIONS = ["家庭收入高于当地标准", "不符合申请条件", "经核实，情况与申报不符", "已在其他地方享受同类待遇"]
VILLAGE_OPINIONS = ["村民代表评议通过", "经入户调查，情况属实", "四邻无异议", "公示期满无异议"]
REFUSALS = ["申请事项不属于本窗口受理范围", "申请人不符合受理条件", "已在县政务服务中心办理，无需重复申请"]
WITHDRAWALS = ["已在别处办理", "暂时不需要了", "家里情况有变化，先不办了"]
RATING_COMMENTS = ["跑一次就办好了", "窗口服务热情", "办得很快", "", "流程清楚", "村里代办很方便"]
HOUR = dt.timedelta(hours=1)


@dataclass
class Place:
    """One community's hall: its township's matters and people, and the residents who apply there."""

    community: Area
    township_id: int
    prefix: str  # the receipt number's: the township code's first nine digits
    cadre: int  # the village window (community staff): accepts, reviews, issues, applies for villagers
    clerk: int  # the township window
    residents: list[tuple]  # (id, name, area_path, facts json)


@dataclass
class MatterInfo:
    pk: int
    name: str
    mode: str
    village_review: bool
    county_office: str
    department_id: int | None
    steps: tuple[Step, ...]
    lines: list[tuple[int, str, bool]]  # (material id, source, required)
    officer: int | None  # the department's officer


Spec = tuple[str, str, str, Area, int | None]  # username, display name, role, area, department id


def _accounts(specs: list[Spec]) -> dict[str, int]:
    """Users with no password and their role, by username; made if missing (bulk), returns {username: id}."""
    password = UNUSABLE_PASSWORD_PREFIX + "seed"
    names = [spec[0] for spec in specs]
    known = dict(User.objects.filter(username__in=names).values_list("username", "id"))
    with transaction.atomic():
        User.objects.bulk_create(
            [User(username=u, display_name=d, password=password) for u, d, _r, _a, _dep in specs if u not in known],
            batch_size=2000,
        )  # fmt: skip
        ids = dict(User.objects.filter(username__in=names).values_list("username", "id"))
        held = set(
            RoleAssignment.objects.filter(user_id__in=ids.values()).values_list("user_id", "role", "area_id")
        )
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user_id=ids[u], role=role, area=area, area_path=area.path, department_id=dep)
                for u, _d, role, area, dep in specs
                if (ids[u], role, area.pk) not in held
            ],
            batch_size=2000,
        )
    return ids


def county_hall_prepare(townships: list[Area]) -> dict[int, dict[str, int]]:
    """The starter catalogue in every township (its departments with it), and the hall's people.

    Returns {township id: {"clerk": id, department id: officer id}}. Idempotent: a second call adds nothing.
    """
    admins = _accounts(
        [(f"county_ta_{t.pk}", f"{t.name}社治办", Role.TOWNSHIP_ADMIN, t, None) for t in townships]
    )
    for township in townships:
        catalogue_starter_load(User.objects.get(pk=admins[f"county_ta_{township.pk}"]), township)
    specs: list[Spec] = [
        (f"county_ck_{t.pk}", f"{t.name}便民服务中心窗口", Role.WINDOW_CLERK, t, None) for t in townships
    ]
    by_id = {t.pk: t for t in townships}
    departments = list(
        Department.objects.filter(township__in=townships).order_by("township_id", "sort_order")
    )
    for department in departments:
        township = by_id[department.township_id]
        specs.append((f"county_sp_{department.pk}", f"{township.name}{department.name}审批",
                      Role.TOWNSHIP_REVIEWER, township, department.pk))  # fmt: skip
    ids = _accounts(specs)
    people: dict[int, dict] = {t.pk: {"clerk": ids[f"county_ck_{t.pk}"]} for t in townships}
    for department in departments:
        people[department.township_id][department.pk] = ids[f"county_sp_{department.pk}"]
    return people


def _cadres(communities: list[Area]) -> dict[int, int]:
    """The village window of each community: the wish seed's community staff member, else one made now."""
    specs: list[Spec] = [
        (f"county_cs_{c.pk}", f"{c.name}书记", Role.COMMUNITY_STAFF, c, None) for c in communities
    ]
    ids = _accounts(specs)
    return {c.pk: ids[f"county_cs_{c.pk}"] for c in communities}


def _applicants(community: Area, rng: random.Random) -> list[tuple]:
    """A sample of the community's residents with their register facts, as `register_facts` fills them in."""
    rows = (
        Resident.objects.filter(community=community, status="active")
        .order_by("relation_to_head", "id")
        .values_list(
            "id", "name", "area_path", "id_last4", "gender", "birth_date", "current_address",
            "registered_address", "household__number", "phone_masked",
        )[:SAMPLE]
    )  # fmt: skip
    result = []
    genders = dict(Resident._meta.get_field("gender").flatchoices)
    for pk, name, path, last4, gender, born, current, registered, household, phone in rows:
        facts: dict[str, object] = {
            "name": name, "id_masked": mask_id_last4(last4), "gender": str(genders.get(gender, "")),
            "birth_year": born.year if born else None, "address": current or registered,
            "household": household or "", "members": [], "community": community.name, "phone_masked": phone,
        }  # fmt: skip
        result.append((pk, name, path, json.dumps(facts, ensure_ascii=False)))
    rng.shuffle(result)
    return result


class CountyApplicationWriter:
    def __init__(self, communities: list[Area], seed: int):
        from gongzhi.workdays.selectors import work_calendar

        self.rng = random.Random(seed)
        self.calendar = work_calendar()
        # A day's status never changes during the seed: read each day once (the library's lookup is slow).
        self.calendar.day = functools.lru_cache(maxsize=None)(self.calendar.day)  # type: ignore[method-assign]
        townships = list(
            Area.objects.filter(kind=AreaKind.TOWNSHIP, pk__in={c.parent_id for c in communities}).order_by(
                "path"
            )
        )
        people = county_hall_prepare(townships)
        cadres = _cadres(communities)
        self.matters: dict[int, list[MatterInfo]] = {}
        for township in townships:
            self.matters[township.pk] = self._matters(township, people[township.pk])
        by_id = {t.pk: t for t in townships}
        self.places = []
        for community in communities:
            # Communities sit under their township directly (the county seed makes them so).
            township = by_id[community.parent_id or 0]
            residents = _applicants(community, self.rng)
            if residents:
                self.places.append(Place(
                    community=community, township_id=township.pk, prefix=(township.code or "")[:9] or f"T{township.pk}",
                    cadre=cadres[community.pk], clerk=people[township.pk]["clerk"], residents=residents,
                ))  # fmt: skip
        self.cases = Table(Case, CASE_COLUMNS)
        self.applications = Table(Application, APPLICATION_COLUMNS)
        self.lines = Table(ApplicationMaterial, LINE_COLUMNS)
        self.notices = Table(SupplyNotice, NOTICE_COLUMNS)
        self.items = Table(SupplyNoticeItem, ITEM_COLUMNS)
        self.events = Table(CaseEvent, EVENT_COLUMNS)
        self.now = timezone.now()
        self.next_case = (Case.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_event = (CaseEvent.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_line = (ApplicationMaterial.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.next_notice = (SupplyNotice.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.counters = {
            (c.township_id, c.day): c.last for c in ReceiptCounter.objects.filter(township__in=townships)
        }
        self.counters_before = dict(self.counters)
        self.due_cache: dict[tuple, tuple] = {}
        self.tz = timezone.get_current_timezone()
        # The matters an application in each state may be for, per township (its handling mode goes there).
        self.candidates = {
            (township_id, state): [m for m in matters if _reaches(m, state)]
            for township_id, matters in self.matters.items()
            for state in APPLICATION.states
        }
        self.written = 0

    def _matters(self, township: Area, people: dict) -> list[MatterInfo]:
        matters = list(
            Matter.objects.filter(township=township, is_active=True, children__isnull=True)
            .prefetch_related("steps", "materials")
            .order_by("sort_order", "code")
        )
        return [
            MatterInfo(
                pk=m.pk, name=m.name[:60], mode=m.mode, village_review=m.village_review,
                county_office=m.county_office, department_id=m.department_id,
                steps=tuple(Step(s.name, s.amount, s.unit) for s in m.steps.all()),
                lines=[(x.pk, x.source, x.required) for x in m.materials.all()],
                officer=people.get(m.department_id),
            )
            for m in matters
        ]  # fmt: skip

    # --- Writing ---------------------------------------------------------------------------------

    def write(self, count: int, progress: Callable[[int], None] | None = None) -> int:
        """`count` applications over two years to now; the plain indexes are rebuilt once afterwards."""
        if not self.places or count <= 0:
            return 0
        start = self.now - dt.timedelta(days=SPAN_DAYS)
        step = dt.timedelta(days=SPAN_DAYS) / count
        # The case tables already hold the wishes: their indexes are dropped and built again as well
        # (one sorted build is far cheaper than a million scattered inserts into them).
        tables = [Case, CaseEvent, Application, ApplicationMaterial, SupplyNotice, SupplyNoticeItem]
        with indexes_deferred(tables, filled_too=True):
            for number in range(count):
                self.application(start + step * (number + self.rng.random() * 0.9))
                if len(self.cases.rows) >= BATCH:
                    self.flush(progress)
            self.flush(progress)
        self.counters_write()
        if connection.vendor == "postgresql":
            # Explicit ids do not advance PostgreSQL's sequences: move them past the rows.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(
                    no_style(), [Case, CaseEvent, ApplicationMaterial, SupplyNotice]
                ):
                    cursor.execute(sql)
        return self.written

    def flush(self, progress: Callable[[int], None] | None) -> None:
        count = len(self.cases.rows)
        with transaction.atomic():
            for table in (self.cases, self.applications, self.lines, self.notices, self.items, self.events):
                table.write()
        self.written += count
        if progress is not None:
            progress(count)

    def counters_write(self) -> None:
        """The receipt counters: the next acceptance of a township on a seeded day goes on from the seed's."""
        new = [
            ReceiptCounter(township_id=t, day=d, last=last)
            for (t, d), last in self.counters.items()
            if (t, d) not in self.counters_before
        ]
        with transaction.atomic():
            ReceiptCounter.objects.bulk_create(new, batch_size=2000)
            for (t, d), last in self.counters.items():
                if (t, d) in self.counters_before and last != self.counters_before[(t, d)]:
                    ReceiptCounter.objects.filter(township_id=t, day=d).update(last=last)

    # --- Due times (end of day: cached by the day they start on) --------------------------------

    def due(self, start: dt.datetime, steps: tuple[Step, ...]) -> tuple:
        """(at, label, basis, note) of `steps` chained from `start`, as limits.promised_due computes them."""
        key = (steps, self.day(start))
        found = self.due_cache.get(key)
        if found is None:
            chain, moment = [], start
            for s in steps:
                due = self.calendar.due_at(moment, TimeLimit(s.amount, s.unit))  # type: ignore[arg-type]
                chain.append((s, due))
                moment = due.at
            chained = ChainedDue(at=moment, steps=tuple(chain))
            found = (moment, chained.limit_label[:20], chained.basis, chained.basis_note[:100])
            self.due_cache[key] = found
        return found

    def day(self, at: dt.datetime) -> dt.date:
        return at.astimezone(self.tz).date()

    def receipt(self, place: Place, at: dt.datetime) -> str:
        day = self.day(at)
        key = (place.township_id, day)
        self.counters[key] = sequence = self.counters.get(key, 0) + 1
        return f"{place.prefix}-{day:%Y%m%d}-{sequence:04d}"

    # --- One application ----------------------------------------------------------------------

    def application(self, created: dt.datetime) -> None:
        rng = self.rng
        place = self.places[rng.randrange(len(self.places))]
        age = (self.now - created).total_seconds() / 86400
        states, weights = MIX_NEW if age < 3 else MIX_MONTH if age < 40 else MIX_OLD
        state = rng.choices(states, weights)[0]
        matter = rng.choice(self.candidates[(place.township_id, state)])
        resident_id, name, path, facts = place.residents[rng.randrange(len(place.residents))]
        pk = self.next_case
        self.next_case += 1
        # At the township window (the resident came) or through the village's 代办.
        at_window = rng.random() < 0.35
        opener = place.clerk if at_window else place.cadre
        channel, channel_label, consent_note = CONSENT[0 if at_window else rng.randrange(2)]
        app: dict[str, Any] = {
            "number": "", "accepted_at": None, "accepted_by": None, "decision": "", "decision_reason": "",
            "decided_at": None, "decided_by": None, "handed_off_at": None, "handed_back_at": None,
            "issued_at": None, "issued_by": None, "delivery": "", "promised_due_at": None,
        }  # fmt: skip
        events: list[tuple] = []

        def move(actor: int | None, verb: str, source: str, target: str, note: str, at: dt.datetime) -> None:
            events.append((pk, actor, verb, source, target, note, at))

        def after(at: dt.datetime, low: float, high: float) -> dt.datetime:
            """A moment `low`…`high` hours after `at`, squeezed to stay before now."""
            room = max(0.02, (self.now - at).total_seconds() / 3600)
            return at + HOUR * rng.uniform(min(low, room * 0.2), min(high, room * 0.6))

        move(opener, "open", "", "submitted", f"代{name}申请，居民已{channel_label}同意", created)
        at, current = created, "submitted"
        lines_state = "provided"
        path_verbs = _path(matter, state, rng)
        for verb in path_verbs:
            target = _target(verb, current)
            actor: int | None = opener
            note = ""
            if verb == "notify":
                at = after(at, 1, 72)
                note = f"第1次一次性告知，请补正：{matter.name}所需材料"
                actor = place.clerk if current == "township_window" else opener
                lines_state = "missing"
            elif verb == "forward":
                at = after(at, 1, 48)
                actor, note = place.cadre, "已转乡镇便民服务中心窗口受理"
            elif verb in ("accept", "accept_village", "accept_window"):
                at = after(at, 0.2, 24 * 4)
                actor = (
                    place.clerk
                    if verb == "accept_window"
                    else (place.cadre if verb == "accept_village" else opener)
                )
                app["number"] = self.receipt(place, at)
                app["accepted_at"], app["accepted_by"] = at, actor
                note = f"受理编号 {app['number']}"
                if matter.steps:
                    app["promised_due_at"] = self.due(at, matter.steps)[0]
                lines_state = "checked"
            elif verb == "refuse":
                at = after(at, 1, 24 * 4)
                actor, note = (place.clerk if current == "township_window" else opener), rng.choice(REFUSALS)
            elif verb == "withdraw":
                at = after(at, 1, 24 * 5)
                note = rng.choice(WITHDRAWALS)
            elif verb == "pass_up":
                at = after(at, 4, 24 * 8)
                actor, note = place.cadre, rng.choice(VILLAGE_OPINIONS)
            elif verb in ("approve", "reject", "approve_village", "reject_village", "hand_off"):
                days = sum(s.amount for s in matter.steps) or 5
                at = after(at, 4, 24 * days * 1.1)
                village = verb.endswith("_village")
                actor = place.cadre if village else matter.officer
                if verb == "hand_off":
                    app["handed_off_at"] = at
                    note = f"报{matter.county_office}，{self.day(at).isoformat()}送出。"
                else:
                    rejected = verb.startswith("reject")
                    note = rng.choice(REJECTIONS) if rejected else rng.choice(OPINIONS)
                    app["decision"] = "rejected" if rejected else "approved"
                    app["decision_reason"], app["decided_at"], app["decided_by"] = note, at, actor
            elif verb in ("hand_back_approved", "hand_back_rejected"):
                at = after(at, 24, 24 * 20)
                approved = verb == "hand_back_approved"
                actor = matter.officer
                reason = "" if approved else rng.choice(REJECTIONS)
                decision = "准予" if approved else "不予"
                note = f"{matter.county_office}于{self.day(at).isoformat()}答复：{decision}。{reason}"
                app["handed_back_at"] = at
                app["decision"], app["decision_reason"] = ("approved" if approved else "rejected"), reason
                app["decided_at"], app["decided_by"] = at, actor
            elif verb == "issue":
                at = after(at, 1, 24 * 3)
                actor = place.clerk if at_window else place.cadre
                app["issued_at"], app["issued_by"], app["delivery"] = at, actor, "in_person"
                note = f"{matter.name}办理结果通知书，本人现场领取"
            move(actor, verb, current, target, note, at)
            current = target
        assert current == state, (matter.mode, state, path_verbs)
        # The due time of the state it waits in (none once closed, none while the applicant supplies).
        due_at, due = None, ("", "", "")
        if state in ("submitted", "township_window"):
            found = self.due(at, (Step("", CHECK_WORKDAYS, "workdays"),))
            due_at, due = found[0], found[1:]
        elif state in REVIEW_STATES and app["accepted_at"] is not None and matter.steps:
            found = self.due(app["accepted_at"], matter.steps)
            due_at, due = found[0], found[1:]
        elif state in ("approved", "rejected"):
            found = self.due(at, (Step("", ISSUE_WORKDAYS, "workdays"),))
            due_at, due = found[0], found[1:]
        closed_at = at if state in APPLICATION.closed else None
        rating, rating_comment, rated_at = None, "", None
        if state == "issued" and rng.random() < 0.5:
            # Rated at the window when the result was handed over, recorded by whoever handed it over.
            rating = rng.choices((5, 4, 3), (75, 20, 5))[0]
            rating_comment = rng.choice(RATING_COMMENTS)
            at = rated_at = min(self.now, at + HOUR * rng.uniform(0.01, 0.5))
            move(
                app["issued_by"],
                "rate",
                "issued",
                "issued",
                f"{RATINGS[rating]} {rating_comment}".strip(),
                at,
            )
        for event in events:
            self.events.rows.append((self.next_event, *event))
            self.next_event += 1
        self.cases.rows.append(
            (
                pk, APPLICATION_KIND, state, matter.name, "", None, resident_id, opener, True,
                channel, created, consent_note, place.community.pk, path, "", "staff_only", False, "",
                None, due_at, due[0], due[1], due[2], rating, rating_comment, rated_at,
                "", created, at, closed_at, matter.department_id,
            )
        )  # fmt: skip
        self.applications.rows.append(
            (
                pk, matter.pk, "window" if at_window else "proxy", facts, "", app["number"], app["accepted_at"],
                app["accepted_by"], app["decision"], app["decision_reason"], app["decided_at"], app["decided_by"],
                app["handed_off_at"], app["handed_back_at"], app["issued_at"], app["issued_by"], app["delivery"],
                "", "", "", None, None, "", "", "", None, None, app["promised_due_at"], 1 if at_window else 0,
            )
        )  # fmt: skip
        missing = []
        for material_id, source, required in matter.lines:
            line = self.next_line
            self.next_line += 1
            if source == MaterialSource.REGISTER:
                line_state = "from_register"
            elif lines_state == "checked":
                line_state = "checked" if required or rng.random() < 0.4 else "missing"
            elif lines_state == "missing" and required:
                line_state = "missing"
                missing.append(line)
            else:
                line_state = "provided" if rng.random() < 0.6 else "missing"
            supplied = created if line_state in ("provided", "checked") else None
            self.lines.rows.append((line, pk, material_id, line_state, "", 0, None, supplied))
        if state == "supplementing" and missing:
            notice = self.next_notice
            self.next_notice += 1
            sent_by, sent_at = events[-1][1], events[-1][-1]
            self.notices.rows.append((notice, pk, 1, sent_by, sent_at, "", None))
            for line in missing:
                self.items.rows.append((notice, line, "missing", "请提供原件，窗口核对后退还"))


def _reaches(matter: MatterInfo, state: str) -> bool:
    """Whether an application for `matter` can be in `state` (its handling mode's path goes there)."""
    if state == "village_review":
        return matter.mode == HandlingMode.VILLAGE_DIRECT or (
            matter.mode == HandlingMode.VILLAGE_TO_TOWNSHIP and matter.village_review
        )
    if state in ("township_review", "external"):
        return (
            matter.mode != HandlingMode.VILLAGE_DIRECT
            and matter.officer is not None
            and (state == "township_review" or bool(matter.county_office))
        )
    if state == "township_window":
        return matter.mode == HandlingMode.VILLAGE_TO_WINDOW
    if state in ("approved", "rejected", "issued"):
        return matter.mode == HandlingMode.VILLAGE_DIRECT or matter.officer is not None
    return True


def _path(matter: MatterInfo, state: str, rng: random.Random) -> list[str]:
    """The moves from 待受理 to `state` for `matter`, as the workflow allows them for its handling mode."""
    window = matter.mode == HandlingMode.VILLAGE_TO_WINDOW
    if state == "submitted":
        return []
    if state == "township_window":
        return ["forward"]
    if state == "supplementing":
        return ["forward", "notify"] if window and rng.random() < 0.5 else ["notify"]
    if state == "refused":
        return ["forward", "refuse"] if window and rng.random() < 0.5 else ["refuse"]
    if state == "withdrawn":
        return ["withdraw"]
    if matter.mode == HandlingMode.VILLAGE_DIRECT:
        front, back = ["accept_village"], []
    elif window:
        front, back = ["forward", "accept_window"], ["township"]
    elif matter.village_review:
        front, back = ["accept_village", "pass_up"], ["township"]
    else:
        front, back = ["accept"], ["township"]
    if state == "village_review":
        return ["accept_village"]
    if state == "township_review":
        return front
    if state == "external":
        return [*front, "hand_off"]
    approved = state == "approved" or (state == "issued" and rng.random() < 0.93)
    if not back:
        decide = ["approve_village" if approved else "reject_village"]
    elif matter.county_office:
        decide = ["hand_off", "hand_back_approved" if approved else "hand_back_rejected"]
    else:
        decide = ["approve" if approved else "reject"]
    return [*front, *decide, *(["issue"] if state == "issued" else [])]


def _target(verb: str, source: str) -> str:
    move = APPLICATION.move(verb, source)
    assert move is not None, (verb, source)
    return move.target
