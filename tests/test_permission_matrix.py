"""Permission matrix: every URL and API operation × every actor × object relation × GET/POST.

The expectations live in tests/policy.py. This module

* enumerates Django's URL resolver and the ninja OpenAPI schema and fails on
  any endpoint the policy does not declare (and on declarations of endpoints
  that no longer exist);
* builds one small township once per module (inside a transaction that is
  rolled back at the end) and runs every cell in its own savepoint;
* checks each cell's status against the policy; that a response which should
  not write changed nothing (every model of every gongzhi app, from the app
  registry, but for the exclusions listed above snapshot(); audit events other
  than auth.* and access.*); that every 403/404 to a signed-in actor
  left one access.refused row; that a write landed only where the actor may write;
  and that no 200 response carries personal data outside the actor's reach (a cell re-reads only the
  tables its statements wrote to, WrittenTables: the others cannot have changed);
* prints the coverage (endpoints × actors exercised) once every cell has run.
"""

import datetime as dt
import io
import json
import logging
import os
import re
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from gongzhi.accounts.actions import api_token_create
from gongzhi.accounts.models import ApiToken, RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import Area, AreaKind, Department
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case, CaseAttachment, CaseEvent, Escalation, EscalationTarget
from gongzhi.config.api import api
from gongzhi.conventions.checker import DEFAULT_TOPICS
from gongzhi.conventions.models import (
    Campaign,
    DemonstrationApplication,
    Revision,
)
from gongzhi.meetings.models import Meeting, MeetingItem
from gongzhi.notices.actions import notice_send
from gongzhi.notices.models import Notice
from gongzhi.offers.models import Booking, ServiceOffer
from gongzhi.photos.actions import photo_store
from gongzhi.residents.actions import household_create, resident_create
from gongzhi.residents.imports import import_dir
from gongzhi.residents.models import ExportRequest, Household, ImportJob, Resident
from gongzhi.residents.spreadsheet import COLUMNS
from gongzhi.situations.models import SituationNote
from gongzhi.wishes.models import Wish
from gongzhi.workdays.models import CalendarYear
from tests import policy
from tests.conftest import PASSWORD, clean_input, make_user
from tests.idnumbers import make_id
from tests.pdfs import BLANK_PDF
from tests.permission_kit import Call

BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LOGIN_PATH = "/accounts/login/"

# Names planted in each relation's objects; a 200 response may show them only
# to actors whose READ_REACH covers the relation. "never": nobody in ACTORS.
MARKERS: dict[str, tuple[str, ...]] = {
    "same": ("同格居民", "TONG-0001"),
    "grid": ("邻格居民", "LIN-0001"),
    "other": ("外社区居民", "WAI-0001"),
    "never": ("他人通知",),
}

PLACEMENT = {
    Role.TOWNSHIP_ADMIN: "township",
    Role.TOWNSHIP_REVIEWER: "township",
    Role.COMMUNITY_STAFF: "village",
    Role.WINDOW_CLERK: "village",
    Role.GRID_WORKER: "grid_a1",
    Role.PARTY_MEMBER: "village",
    Role.VOLUNTEER: "village",
    Role.MEDIATOR: "village",
    Role.SUPERVISOR: "village",
    Role.RESIDENT: "village",
    Role.SYS_ADMIN: "township",
    Role.SEC_ADMIN: "township",
    Role.AUDIT_ADMIN: "township",
}
assert {r.value for r in PLACEMENT} | {"anonymous", "nobody"} == set(policy.ACTORS)

RELATION_AREA = {"same": "grid_a1", "grid": "grid_a2", "other": "grid_b1"}


# --- Enumeration -------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the route for an unnamed pattern
    route: str
    callback_module: str


def url_routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(p for p in (namespace, pattern.namespace) if p) or None
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = pattern.name
                key = f"{namespace}:{name}" if namespace and name else (name or route)
                found.append(Route(key, route, getattr(pattern.callback, "__module__", "") or ""))

    walk(get_resolver().url_patterns, "", None)
    return found


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def is_api_operation(route: Route) -> bool:
    return route.callback_module == "ninja.operation"


def undeclared(routes: list[Route]) -> list[str]:
    return [r.key for r in routes if not is_api_operation(r) and r.key not in policy.PAGES | policy.SKIPPED]


def test_every_url_and_api_operation_is_declared():
    routes = url_routes()
    assert not undeclared(routes), (
        f"URLs without a declared expectation in tests/policy.py: {undeclared(routes)}"
    )
    keys = {r.key for r in routes}
    stale = sorted((set(policy.PAGES) | set(policy.SKIPPED)) - keys)
    assert not stale, f"tests/policy.py declares URLs that no longer exist: {stale}"

    operations = api_operations()
    assert operations - set(policy.API) == set(), f"undeclared API operations: {operations - set(policy.API)}"
    assert set(policy.API) - operations == set(), (
        f"declared API operations gone: {set(policy.API) - operations}"
    )
    # Every ninja route in the resolver is one of the schema's operations.
    api_paths = {key.split(" ", 1)[1] for key in operations}
    for route in filter(is_api_operation, routes):
        path = "/" + route.route.replace("<", "{").replace(">", "}")
        assert path in api_paths, f"{route.route} is routed but not in the OpenAPI schema"
    assert all(r.key for r in routes), "every URL pattern needs a name"


def test_a_new_url_without_a_declaration_is_caught():
    routes = [*url_routes(), Route("residents:merge", "residents/<id:pk>/merge/", "gongzhi.residents.views")]
    assert undeclared(routes) == ["residents:merge"]


def sibling_method(key: str) -> str | None:
    """For an API operation, the other method when it is a declared operation on the same path."""
    if key not in policy.API:
        return None
    method, path = key.split(" ", 1)
    other = "POST" if method == "GET" else "GET"
    return other if f"{other} {path}" in policy.API else None


def test_policy_tables_are_well_formed():
    for key, table in {**policy.PAGES, **policy.API}.items():
        sibling = sibling_method(key)
        for (method, actor, relation), outcome in table.cells.items():
            if outcome == "-" and method != sibling:
                assert actor == "anonymous", (key, method, actor, relation)
                assert relation == "own", (key, method, actor, relation)
        if key in policy.API:
            method = key.split(" ", 1)[0]
            other = "POST" if method == "GET" else "GET"
            allowed = ("-",) if sibling else ("405", "-")
            assert all(
                table.expect(other, a, r) in allowed for a in policy.MATRIX_ACTORS for r in table.relations
            ), key


# --- The world -------------------------------------------------------------------------


@dataclass
class World:
    areas: dict[str, Area]
    users: dict[str, User]
    sessions: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    residents: dict[str, Resident] = field(default_factory=dict)  # "own:<actor>" / relation
    id_numbers: dict[int, str] = field(default_factory=dict)  # resident pk -> ID number
    households: dict[str, Household] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    api_tokens: dict[str, ApiToken] = field(default_factory=dict)  # "own:<actor>" / relation
    jobs: dict[str, ImportJob] = field(default_factory=dict)
    # Wishes by state: the object each wish move starts from ("own:<actor>" / relation).
    wishes: dict[str, dict[str, Wish]] = field(default_factory=dict)
    wish_photos: dict[int, int] = field(default_factory=dict)  # wish pk -> attachment pk
    # Micro-services by kind ("open", "started", "fresh"): offers and bookings ("own:<actor>" / relation).
    offers: dict[str, dict[str, ServiceOffer]] = field(default_factory=dict)
    bookings: dict[str, dict[str, Booking]] = field(default_factory=dict)
    # Situation notes by state, as wishes ({state: {"own:<actor>" / relation: note}}).
    situations: dict[str, dict[str, SituationNote]] = field(default_factory=dict)
    situation_photos: dict[int, int] = field(default_factory=dict)  # note pk -> attachment pk
    # Departments of 永安镇 ("civil": 民政办, where the township reviewer works).
    departments: dict[str, Department] = field(default_factory=dict)
    # Conventions: campaigns by what they hold ("draft", "review", "approved", "adopted", "filed", "fresh"),
    # revisions by state and relation ("same" 青山村, "other" 东街社区), demonstration applications by relation.
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    revisions: dict[str, dict[str, Revision]] = field(default_factory=dict)
    demonstrations: dict[str, DemonstrationApplication] = field(default_factory=dict)
    # Full exports by state ("pending", "approved"): {"own:<actor>" / "same" / "other": request}.
    export_requests: dict[str, dict[str, ExportRequest]] = field(default_factory=dict)
    # The objects of the apps that keep their matrix pieces in tests/matrix_<app>.py, by app.
    parts: dict[str, Any] = field(default_factory=dict)
    serial: int = 5000

    def next_id_number(self) -> str:
        self.serial += 1
        # make_id's order number wraps after 499: the next 499 people are born a day later.
        return make_id(dt.date(1985, 3, 9) + dt.timedelta(days=self.serial // 499), self.serial)

    def obj(self, table: dict, actor: str, relation: str):
        if relation == "own":
            return table.get(f"own:{actor}")
        return table[relation]


def build_world() -> World:
    a: dict[str, Area] = {}
    a["township"] = area_create_unchecked(
        kind=AreaKind.TOWNSHIP, name="永安镇", parent=None, code="511423101000"
    )
    a["village"] = area_create_unchecked(
        kind=AreaKind.COMMUNITY,
        name="青山村",
        parent=a["township"],
        code="511423101201",
        community_type="village",
    )
    a["urban"] = area_create_unchecked(
        kind=AreaKind.COMMUNITY,
        name="东街社区",
        parent=a["township"],
        code="511423101001",
        community_type="urban",
    )
    group1 = area_create_unchecked(kind=AreaKind.RESIDENT_GROUP, name="1组", parent=a["village"])
    group2 = area_create_unchecked(kind=AreaKind.RESIDENT_GROUP, name="2组", parent=a["village"])
    a["grid_a1"] = area_create_unchecked(kind=AreaKind.GRID, name="1组网格", parent=group1)
    a["grid_a2"] = area_create_unchecked(kind=AreaKind.GRID, name="2组网格", parent=group2)
    a["grid_b1"] = area_create_unchecked(kind=AreaKind.GRID, name="第1网格", parent=a["urban"])

    users = {role.value: make_user(role.value, role, a[place]) for role, place in PLACEMENT.items()}
    # An actor with a base holds its base's role where the base holds it; its part adds the rest (its seat).
    for actor, base in policy.ACTOR_BASES.items():
        users[actor] = make_user(actor, Role(base), a[PLACEMENT[Role(base)]])
    users["nobody"] = make_user("nobody")
    users["peer_staff"] = make_user("peer_staff", Role.COMMUNITY_STAFF, a["village"])
    users["other_staff"] = make_user("other_staff", Role.COMMUNITY_STAFF, a["urban"], display_name="东街干部")
    world = World(areas=a, users=users)
    peer, other_staff = users["peer_staff"], users["other_staff"]

    def register(key: str, name: str, area_key: str, number: str, staff: User, user: User | None = None):
        household = household_create(actor=staff, area=a[area_key], number=number)
        id_number = world.next_id_number()
        data = clean_input({"name": name, "id_number": id_number, "area": a[area_key]})
        data.household = household
        resident = resident_create(actor=staff, data=data)
        if user is not None:
            Resident.objects.filter(pk=resident.pk).update(user=user)
        world.residents[key], world.households[key] = resident, household
        world.id_numbers[resident.pk] = id_number

    register("same", "同格居民", "grid_a1", "TONG-0001", peer)
    register("grid", "邻格居民", "grid_a2", "LIN-0001", peer)
    register("other", "外社区居民", "grid_b1", "WAI-0001", other_staff)

    reports = import_dir()

    def job_of(user: User) -> ImportJob:
        stored = f"{uuid.uuid4().hex}.xlsx"
        report = f"{stored[:-5]}-report.xlsx"
        (reports / report).write_bytes(b"PK report")
        return ImportJob.objects.create(
            actor=user, filename="旧导入.xlsx", stored_name=stored, status="rejected", report_name=report
        )

    world.jobs["same"], world.jobs["other"] = job_of(peer), job_of(other_staff)
    world.notices["same"] = notice_send(recipient=peer, kind="test", title="他人通知（同村）")
    world.notices["other"] = notice_send(recipient=other_staff, kind="test", title="他人通知（外社区）")
    world.api_tokens["same"] = api_token_create(actor=peer, user=peer, name="他人令牌（同村）")[0]
    world.api_tokens["other"] = api_token_create(
        actor=other_staff, user=other_staff, name="他人令牌（外社区）"
    )[0]

    for actor in policy.MATRIX_ACTORS:
        if actor == "anonymous":
            continue
        user = users[actor]
        register(f"own:{actor}", "本人居民", "grid_a1", f"OWN-{actor}", peer, user=user)
        world.notices[f"own:{actor}"] = notice_send(recipient=user, kind="test", title="本人通知")
        world.jobs[f"own:{actor}"] = job_of(user)
        world.api_tokens[f"own:{actor}"], world.tokens[actor] = api_token_create(
            actor=user, user=user, name="matrix"
        )
        client = Client()
        client.force_login(user, backend=BACKEND)
        world.sessions[actor] = client.cookies[settings.SESSION_COOKIE_NAME].value
    build_wishes(world)
    build_situations(world)
    build_offers(world)
    build_conventions(world)
    build_export_requests(world)
    for part in MATRIX_PARTS:
        part.build(world)
    return world


def build_export_requests(world: World) -> None:
    """Full-export requests of 青山村: each actor's own, peer_staff's (same) and 东街社区's (other)."""
    users, a = world.users, world.areas
    later = timezone.now() + dt.timedelta(days=1)

    def make(requester: User, area: Area, state: str) -> ExportRequest:
        decider = None
        if state == "approved":
            decider = users["township_admin"] if requester != users["township_admin"] else users["peer_staff"]
        return ExportRequest.objects.create(
            requested_by=requester, area=area, area_path=area.path, reason="低保年审核对", row_count=2,
            status=state, expires_at=later, decided_by=decider, decided_at=timezone.now() if decider else None,
        )  # fmt: skip

    for state in ("pending", "approved"):
        table = world.export_requests[state] = {
            "same": make(users["peer_staff"], a["village"], state),
            "other": make(users["other_staff"], a["urban"], state),
        }
        for actor in policy.MATRIX_ACTORS:
            if actor != "anonymous":
                table[f"own:{actor}"] = make(users[actor], a["village"], state)


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def build_wishes(world: World) -> None:
    """Wishes in every state a move starts from. "own": the actor wrote it (for claimed wishes: claimed it);
    same/grid/other: typed by staff for the planted residents, who have no account."""
    users = world.users
    staff_of = {"same": users["peer_staff"], "grid": users["peer_staff"], "other": users["other_staff"]}
    photo = _jpeg()

    def make(state: str, *, author, resident, submitted_by, claimer=None, with_photo=False) -> Wish:
        world.serial += 1
        case = Case.objects.create(
            kind="wish", state=state, title=f"矩阵心愿{world.serial}",
            # A published wish holds a phone number, for staff to redact (wishes:redact).
            body="矩阵测试用的心愿内容。" + ("电话13812345678" if state == "published" else ""),
            author=author, resident=resident, submitted_by=submitted_by, assisted=author is None,
            consent_channel="" if author else "in_person", community=resident.community,
            area_path=resident.area_path, privacy="public",
            closed_at=timezone.now() if state in ("confirmed", "withdrawn") else None,
        )  # fmt: skip
        CaseEvent.objects.create(case=case, actor=submitted_by, verb="open", to_state="submitted")
        wish = Wish.objects.create(
            case=case, category="other", claimer=claimer, claimed_at=timezone.now() if claimer else None,
            service_hours=1 if state in ("fulfilled", "confirmed") else None,
        )  # fmt: skip
        if with_photo:
            attachment = CaseAttachment.objects.create(
                case=case,
                photo=photo_store(actor=submitted_by, upload=photo),
                stage="post",
                added_by=submitted_by,
            )
            world.wish_photos[wish.pk] = attachment.pk
        return wish

    for state in ("submitted", "returned", "published", "claimed", "fulfilled", "confirmed", "withdrawn"):
        table = world.wishes.setdefault(state, {})
        helper = users["peer_staff"] if state in ("claimed", "fulfilled", "confirmed") else None
        for relation in ("same", "grid", "other"):
            table[relation] = make(
                state, author=None, resident=world.residents[relation], submitted_by=staff_of[relation],
                claimer=helper, with_photo=state == "submitted",
            )  # fmt: skip
        for actor in policy.MATRIX_ACTORS:
            if actor == "anonymous":
                continue
            user, resident = users[actor], world.residents[f"own:{actor}"]
            if state == "claimed":  # own = claimed by the actor
                table[f"own:{actor}"] = make(state, author=None, resident=resident, submitted_by=users["peer_staff"],
                                             claimer=user)  # fmt: skip
            else:
                table[f"own:{actor}"] = make(state, author=user, resident=resident, submitted_by=user, claimer=helper,
                                             with_photo=state == "submitted")  # fmt: skip


def build_situations(world: World) -> None:
    """Situation notes in every state a move starts from. "own": written by the actor (about 1组网格);
    same/grid/other: written by a resident account of the community for the planted register residents."""
    users, areas = world.users, world.areas
    village_reporter = make_user("reporter_village", Role.RESIDENT, areas["village"])
    urban_reporter = make_user("reporter_urban", Role.RESIDENT, areas["urban"])
    reporter = {"same": village_reporter, "grid": village_reporter, "other": urban_reporter}
    handler = {"same": users["peer_staff"], "grid": users["peer_staff"], "other": users["other_staff"]}
    photo = _jpeg()

    def make(state: str, *, author: User, resident: Resident, assignee: User) -> SituationNote:
        if state == "escalated":
            note = make("handling", author=author, resident=resident, assignee=assignee)
            escalation = Escalation.objects.create(case=note.case, raised_by=assignee, reason="需要民政办核实",
                                                   due_at=timezone.now() + dt.timedelta(days=3))  # fmt: skip
            EscalationTarget.objects.create(escalation=escalation, department=world.departments["civil"])
            return note
        world.serial += 1
        case = Case.objects.create(
            kind="situation", state=state, title=f"矩阵民情{world.serial}", body="矩阵测试用的民情内容。",
            author=author, resident=resident, submitted_by=author, community=resident.community,
            area_path=resident.area_path, place="村口", privacy="staff_only",
            assignee=None if state == "submitted" else assignee,
            closed_at=timezone.now() if state == "resolved" else None,
        )  # fmt: skip
        CaseEvent.objects.create(case=case, actor=author, verb="open", to_state="submitted")
        note = SituationNote.objects.create(case=case, category="roads")
        if state == "submitted":
            attachment = CaseAttachment.objects.create(
                case=case, photo=photo_store(actor=author, upload=photo), stage="post", added_by=author
            )
            world.situation_photos[note.pk] = attachment.pk
        return note

    # 永安镇's 民政办, where the township reviewer works; "escalated" notes are being handled and called to it.
    township = areas["township"]
    world.departments["civil"] = Department.objects.create(township=township, name="民政办")
    RoleAssignment.objects.create(user=users["township_reviewer"], role=Role.TOWNSHIP_REVIEWER, area=township,
                                  area_path=township.path, department=world.departments["civil"])  # fmt: skip
    for state in ("submitted", "handling", "resolved", "escalated"):
        table = world.situations.setdefault(state, {})
        for relation in ("same", "grid", "other"):
            table[relation] = make(state, author=reporter[relation], resident=world.residents[relation],
                                   assignee=handler[relation])  # fmt: skip
        for actor in policy.MATRIX_ACTORS:
            if actor != "anonymous":
                table[f"own:{actor}"] = make(state, author=users[actor], resident=world.residents[f"own:{actor}"],
                                             assignee=users["peer_staff"])  # fmt: skip


def build_offers(world: World) -> None:
    """Micro-services (tests/policy_offers.py). Per kind, "open" (upcoming) and "started": offers "own:<actor>"
    (published by the actor), "same" (a 青山村 party member's) and "other" (东街社区); bookings "same"/"grid"/"other"
    typed by staff for the planted residents, "own:<actor>" the actor's own booking (when started: a booking on
    the actor's own offer, to serve). "fresh": upcoming offers nobody booked yet, to book."""
    users, a = world.users, world.areas
    users["peer_helper"] = make_user("peer_helper", Role.PARTY_MEMBER, a["village"])
    users["other_helper"] = make_user("other_helper", Role.PARTY_MEMBER, a["urban"])
    helper = {"same": users["peer_helper"], "grid": users["peer_helper"], "other": users["other_helper"]}
    staff = {"same": users["peer_staff"], "grid": users["peer_staff"], "other": users["other_staff"]}
    soon, began = timezone.now() + dt.timedelta(days=3), timezone.now() - dt.timedelta(hours=1)

    def offer(offerer: User, area: Area, start: dt.datetime) -> ServiceOffer:
        world.serial += 1
        return ServiceOffer.objects.create(
            title=f"矩阵服务{world.serial}", description="矩阵测试用的服务。", place="活动室", starts_at=start,
            ends_at=start + dt.timedelta(hours=2), places=500, community=area, area_path=area.path, offerer=offerer,
        )  # fmt: skip

    def book(on: ServiceOffer, resident: Resident, user: User | None, booked_by: User) -> Booking:
        return Booking.objects.create(
            offer=on, resident=resident, user=user, booked_by=booked_by, assisted=user is None,
            consent_channel="" if user else "in_person", consent_at=None if user else timezone.now(),
        )  # fmt: skip

    for kind, start in (("open", soon), ("started", began)):
        offers, bookings = world.offers.setdefault(kind, {}), world.bookings.setdefault(kind, {})
        offers["same"] = offer(helper["same"], a["village"], start)
        offers["other"] = offer(helper["other"], a["urban"], start)
        hub = {"same": offers["same"], "grid": offers["same"], "other": offers["other"]}
        for relation in ("same", "grid", "other"):
            bookings[relation] = book(hub[relation], world.residents[relation], None, staff[relation])
        for actor in policy.MATRIX_ACTORS:
            if actor == "anonymous":
                continue
            user = users[actor]
            offers[f"own:{actor}"] = own = offer(user, a["village"], start)
            if kind == "open":
                bookings[f"own:{actor}"] = book(hub["same"], world.residents[f"own:{actor}"], user, user)
            else:
                bookings[f"own:{actor}"] = book(own, world.residents["same"], None, users["peer_staff"])
    world.offers["fresh"] = {"same": offer(helper["same"], a["village"], soon),
                             "other": offer(helper["other"], a["urban"], soon)}  # fmt: skip


CONVENTION_TEXT = (
    (Path(__file__).parent / "conventions" / "documents" / "convention_03.txt")
    .read_text(encoding="utf-8")
    .strip()
)


def _adoption_meeting(community: Area, recorder: User) -> Meeting:
    """The meeting that adopted a revision (gongzhi.meetings), as revision_adopt records it."""
    kind = "village_representatives_meeting" if community.community_type == "village" else (
        "residents_representatives_meeting")  # fmt: skip
    meeting = Meeting.objects.create(body_kind=kind, area=community, area_path=community.path,
                                     held_on=timezone.localdate(), purpose="convention_adoption", members=30,
                                     present=25, quorate=True, recorded_by=recorder)  # fmt: skip
    MeetingItem.objects.create(meeting=meeting, number=1, title="公约", in_favour=20, against=3, rule_key=kind,
                               quorate=True, passed=True, counted_by=recorder)  # fmt: skip
    return meeting


def build_conventions(world: World) -> None:
    """Conventions (tests/policy_conventions.py): one campaign of 永安镇 per state its revisions are in, since a
    community has one revision per campaign; years far in the past, so that launching this year's is possible."""
    users, a = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    now = timezone.now()
    stages = {"draft": "drafting", "review": "under_review", "approved": "approved", "adopted": "adopted",
              "filed": "filed", "fresh": None}  # fmt: skip
    for year, (name, state) in enumerate(stages.items(), start=2010):
        campaign = Campaign.objects.create(
            township=a["township"], area_path=a["township"].path, year=year, title=f"{year}年修订",
            deadline=timezone.localdate() + dt.timedelta(days=30), topic_keys=[t.key for t in DEFAULT_TOPICS],
            launched_by=users["township_admin"],
        )  # fmt: skip
        world.campaigns[name] = campaign
        if state is None:
            continue
        table = world.revisions.setdefault(state, {})
        for relation, key in (("same", "village"), ("other", "urban")):
            community = a[key]
            table[relation] = Revision.objects.create(
                campaign=campaign, community=community, area_path=community.path, title=f"{community.name}公约",
                text=CONVENTION_TEXT, state=state, compliant=True, created_by=staff[relation],
                submitted_at=now if state != "drafting" else None,
                reviewed_at=now if state in ("approved", "adopted", "filed") else None,
                meeting=_adoption_meeting(community, staff[relation]) if state in ("adopted", "filed") else None,
            )  # fmt: skip
            if state == "adopted":  # the meeting's minutes, a PDF under DATA_DIR/meetings/
                from django.core.files.uploadedfile import SimpleUploadedFile
                from django.db import transaction

                from gongzhi.meetings.actions import meeting_document_store

                with transaction.atomic():
                    meeting_document_store(actor=staff[relation], meeting=table[relation].meeting, kind="minutes",
                                           upload=SimpleUploadedFile("记录.pdf", BLANK_PDF))  # fmt: skip
    for relation, key in (("same", "village"), ("other", "urban")):
        community = a[key]
        world.demonstrations[relation] = DemonstrationApplication.objects.create(
            campaign=world.campaigns["adopted"], community=community, area_path=community.path,
            evidence="红白理事会每月议事，婚丧事宜全部简办。" * 2, applied_by=staff[relation],
        )  # fmt: skip


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back afterwards;
    every test (db fixture) and every cell (savepoint) nests inside it.

    Each cell's savepoint also rolls back the session's last-activity stamp, so every actor's session looks
    idle since the world was built: the idle limits are lifted for the module, or a run slower than 15
    minutes (a loaded machine, a growing matrix) would see every staff session end part-way through.
    The register export's approval threshold is lifted too: the world's township holds more people than the
    threshold as apps add their objects, and an export needing approval is tests/test_full_export.py's subject,
    not who may export."""
    lifted = override_settings(
        GONGZHI_IDLE_TIMEOUT_STAFF=24 * 3600,
        GONGZHI_IDLE_TIMEOUT_RESIDENT=24 * 3600,
        GONGZHI_EXPORT_APPROVAL_ROWS=100_000,
    )
    with lifted, django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- Requests ------------------------------------------------------------------------------


# An app with many pages keeps its matrix pieces in its own module, tests/matrix_<app>.py: `build(world)` adds
# its objects (world.parts[<app>]), and its PAGE_CALLS / API_CALLS give the request of each of its routes.
MATRIX_PARTS = [
    import_module(f"tests.{path.stem}") for path in sorted(Path(__file__).parent.glob("matrix_*.py"))
]


def _resident_payload(world: World, resident: Resident, **changes) -> dict:
    return {
        "name": resident.name,
        "id_number": world.id_numbers[resident.pk],
        "ethnicity": "01",
        "political_status": "13",
        "residence_type": "registered",
        "area": resident.area_id,
        **changes,
    }


def _import_file(world: World, relation: str) -> SimpleUploadedFile:
    area = world.areas[RELATION_AREA[relation]]
    community = world.areas["urban" if relation == "other" else "village"]
    wb = Workbook()
    ws = wb.active
    ws.append([header for _key, header, _required in COLUMNS])
    values = {
        "name": "导入居民",
        "id_number": world.next_id_number(),
        "community": community.name,
        "grid": area.name,
    }
    ws.append([values.get(key, "") for key, _header, _required in COLUMNS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("居民.xlsx", buffer.getvalue(), content_type=XLSX)


def _resident_call(url_name: str, data: Callable[[World, Resident], dict] | None = None) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call | None:
        resident = world.obj(world.residents, actor, relation)
        if resident is None:
            return None
        return Call(reverse(url_name, args=[resident.pk]), data(world, resident) if data else {})

    return call


def _simple(name: str, data: dict | None = None) -> Callable:
    return lambda world, actor, relation: Call(reverse(name), dict(data or {}))


def _area_call(name: str, make_data: Callable[[World, Area], dict]) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call:
        area = world.areas[RELATION_AREA[relation]]
        if name == "areas:create":
            return Call(reverse(name, args=[area.pk]), make_data(world, area))
        return Call(reverse(name), make_data(world, area))

    return call


def _object_call(name: str, table: str) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call | None:
        obj = world.obj(getattr(world, table), actor, relation)
        return None if obj is None else Call(reverse(name, args=[obj.pk]))

    return call


def _wish_call(name: str, state: str, data: dict | None = None) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call | None:
        wish = world.obj(world.wishes[state], actor, relation)
        return None if wish is None else Call(reverse(name, args=[wish.pk]), dict(data or {}))

    return call


def _wish_photo_call(world: World, actor: str, relation: str) -> Call | None:
    wish = world.obj(world.wishes["submitted"], actor, relation)
    return None if wish is None else Call(reverse("wishes:photo", args=[wish.pk, world.wish_photos[wish.pk]]))


def _assisted_call(world: World, actor: str, relation: str) -> Call | None:
    resident = world.obj(world.residents, actor, relation)
    if resident is None:
        return None
    data = {"resident": resident.pk, "title": "想去医院复查", "story": "需要人陪同去县医院。", "category": "medical",
            "consent_channel": "in_person"}  # fmt: skip
    return Call(reverse("wishes:post_assisted") + f"?resident={resident.pk}", data)


def _situation_call(name: str, state: str, data: dict | None = None) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call | None:
        note = world.obj(world.situations[state], actor, relation)
        return None if note is None else Call(reverse(name, args=[note.pk]), dict(data or {}))

    return call


def _escalation_reply_call(world: World, actor: str, relation: str) -> Call | None:
    note = world.obj(world.situations["escalated"], actor, relation)
    if note is None:
        return None
    target = EscalationTarget.objects.get(escalation__case=note.case, department=world.departments["civil"])
    return Call(
        reverse("situations:escalation_reply", args=[note.pk, target.pk]), {"reply": "已核实，马上处理"}
    )


def _situation_photo_call(world: World, actor: str, relation: str) -> Call | None:
    note = world.obj(world.situations["submitted"], actor, relation)
    if note is None:
        return None
    return Call(reverse("situations:photo", args=[note.pk, world.situation_photos[note.pk]]))


def _household_call(world: World, actor: str, relation: str, name: str, make_data: Callable) -> Call | None:
    household = world.obj(world.households, actor, relation)
    if household is None:
        return None
    return Call(reverse(name, args=[household.pk]), make_data(world.obj(world.residents, actor, relation)))


def _export_request_call(
    world: World, actor: str, relation: str, name: str, state: str, data=None
) -> Call | None:
    request = world.obj(world.export_requests[state], actor, relation)
    return None if request is None else Call(reverse(name, args=[request.pk]), dict(data or {}))


PAGE_CALLS: dict[str, Callable[[World, str, str], Call | None]] = {
    "core:home": _simple("core:home"),
    "core:me": _simple("core:me"),
    "core:token_create": _simple("core:token_create", {"name": "矩阵令牌"}),
    "core:token_revoke": _object_call("core:token_revoke", "api_tokens"),
    "core:health": _simple("core:health"),
    "core:robots_txt": _simple("core:robots_txt"),
    "core:text_check": lambda world, actor, relation: Call(
        reverse("core:text_check"), {"story": "电话13812345678", "check": "story"}
    ),
    "core:language": lambda world, actor, relation: Call(
        reverse("core:language") + "?language=en&next=/wishes/"
    ),
    "accounts:login": _simple("accounts:login"),
    "accounts:logout": _simple("accounts:logout"),
    "accounts:password_change": _simple(
        "accounts:password_change",
        {
            "current_password": PASSWORD,
            "new_password": "Neues-Passwort-2027",
            "new_password_again": "Neues-Passwort-2027",
        },
    ),
    "accounts:password_reset": _simple("accounts:password_reset", {"email": "nobody@example.invalid"}),
    "accounts:password_reset_done": _simple("accounts:password_reset_done"),
    "accounts:password_reset_confirm": lambda world, actor, relation: Call(
        reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]), {}
    ),
    "accounts:password_reset_complete": _simple("accounts:password_reset_complete"),
    "areas:tree": _simple("areas:tree"),
    "areas:create": _area_call("areas:create", lambda w, area: {"kind": "building", "name": "新楼栋"}),
    "residents:list": _simple("residents:list"),
    "residents:create": _area_call(
        "residents:create",
        lambda w, area: {
            "name": "新登记居民",
            "id_number": w.next_id_number(),
            "ethnicity": "01",
            "political_status": "13",
            "residence_type": "registered",
            "area": area.pk,
        },
    ),
    "residents:detail": _resident_call("residents:detail"),
    "residents:edit": _resident_call(
        "residents:edit", data=lambda w, r: _resident_payload(w, r, name="改名居民")
    ),
    "residents:event": _resident_call(
        "residents:event",
        data=lambda w, r: {
            "kind": "moved_out",
            "happened_on": timezone.localdate().isoformat(),
            "note": "外出务工",
        },
    ),
    "residents:reset_password": _resident_call("residents:reset_password"),
    "residents:reveal": _resident_call("residents:reveal", data=lambda w, r: {"reason": "核对信息"}),
    "residents:import": lambda world, actor, relation: Call(
        reverse("residents:import"), {"file": _import_file(world, relation)}
    ),
    "residents:import_template": _simple("residents:import_template"),
    "residents:import_job": _object_call("residents:import_job", "jobs"),
    "residents:import_report": _object_call("residents:import_report", "jobs"),
    "residents:export": _simple("residents:export"),
    "residents:household_list": _simple("residents:household_list"),
    "residents:household_create": _area_call(
        "residents:household_create",
        lambda w, area: {"number": "NEW-0001", "area": area.pk, "address": "新村路1号"},
    ),
    "residents:household_detail": _object_call("residents:household_detail", "households"),
    "residents:household_add_member": lambda world, actor, relation: _household_call(
        world,
        actor,
        relation,
        "residents:household_add_member",
        lambda resident: {
            "q": "居民",
            "relation": "80",
            "resident": (
                world.residents["same"]
                if relation == "own"
                else world.residents.get(f"own:{actor}", resident)
            ).pk,
        },
    ),  # fmt: skip
    "residents:household_change_head": lambda world, actor, relation: _household_call(
        world,
        actor,
        relation,
        "residents:household_change_head",
        lambda resident: {"new_head": resident.pk, "former_head_relation": "10"},
    ),  # fmt: skip
    "residents:household_move_out": lambda world, actor, relation: _household_call(
        world,
        actor,
        relation,
        "residents:household_move_out",
        lambda resident: {"happened_on": timezone.localdate().isoformat(), "note": "迁往县城"},
    ),  # fmt: skip
    "residents:household_print": _object_call("residents:household_print", "households"),
    "residents:export_requests": _simple("residents:export_requests"),
    "residents:export_request_new": lambda world, actor, relation: Call(
        reverse("residents:export_request_new"),
        {
            "area": world.areas["village"].pk,
            "status": "active",
            "reason": "低保年审核对身份信息",
            "full_data": "on",
        },
    ),  # fmt: skip
    "residents:export_request_detail": lambda world, actor, relation: _export_request_call(
        world, actor, relation, "residents:export_request_detail", "pending"
    ),  # fmt: skip
    "residents:export_request_decide": lambda world, actor, relation: _export_request_call(
        world, actor, relation, "residents:export_request_decide", "pending", {"decision": "approve"}
    ),  # fmt: skip
    "residents:export_request_download": lambda world, actor, relation: _export_request_call(
        world, actor, relation, "residents:export_request_download", "approved"
    ),  # fmt: skip
    "workdays:index": _simple(
        "workdays:index", {"year": "2027", "text": "春节 2027-02-06 至 2027-02-13\n调休上班 2027-02-14"}
    ),
    "workdays:year": lambda world, actor, relation: Call(reverse("workdays:year", args=[2027])),
    "wishes:wall": _simple("wishes:wall"),
    "wishes:community_wall": lambda world, actor, relation: Call(
        reverse("wishes:community_wall", args=[world.areas["village"].pk])
    ),
    "wishes:post": _simple(
        "wishes:post", {"title": "想要一台收音机", "story": "家里的收音机坏了。", "category": "elderly"}
    ),
    "wishes:post_assisted": lambda world, actor, relation: _assisted_call(world, actor, relation),
    "wishes:mine": _simple("wishes:mine"),
    "wishes:settings": lambda world, actor, relation: Call(
        reverse("wishes:settings"), {"community": world.areas["village"].pk, "claim_days": "7"}
    ),
    "wishes:queue": _simple("wishes:queue"),
    "wishes:detail": _wish_call("wishes:detail", "submitted"),
    "wishes:photo": _wish_photo_call,
    "wishes:publish": _wish_call("wishes:publish", "submitted", {"privacy": "public"}),
    "wishes:return": _wish_call("wishes:return", "submitted", {"reason": "信息不全"}),
    "wishes:claim": _wish_call("wishes:claim", "published"),
    "wishes:release": _wish_call("wishes:release", "claimed"),
    "wishes:fulfil": _wish_call("wishes:fulfil", "claimed", {"note": "已送到", "hours": "1"}),
    "wishes:confirm": _wish_call("wishes:confirm", "fulfilled"),
    "wishes:dispute": _wish_call("wishes:dispute", "fulfilled", {"reason": "还没收到"}),
    "wishes:rate": _wish_call("wishes:rate", "confirmed", {"rating": "5"}),
    "wishes:withdraw": _wish_call("wishes:withdraw", "submitted"),
    "wishes:redact": _wish_call("wishes:redact", "published"),
    "wishes:message": _wish_call("wishes:message", "claimed", {"body": "周六上午来您家，可以吗？"}),
    "wishes:contact": _wish_call(
        "wishes:contact", "submitted", {"contact_shared": "on", "contact_phone": "13912345678"}
    ),
    "wishes:reopen": _wish_call("wishes:reopen", "withdrawn"),
    "situations:post": _area_call(
        "situations:post",
        lambda w, area: {
            "category": "roads",
            "place": "村口桥头",
            "body": "桥头路面塌了一个坑。",
            "area": area.pk,
        },
    ),
    "situations:mine": _simple("situations:mine"),
    "situations:queue": _simple("situations:queue"),
    "situations:detail": _situation_call("situations:detail", "submitted"),
    "situations:photo": _situation_photo_call,
    "situations:accept": _situation_call("situations:accept", "submitted", {"note": "马上去看"}),
    "situations:reply": _situation_call("situations:reply", "handling", {"reply": "已联系施工队"}),
    "situations:resolve": _situation_call("situations:resolve", "handling", {"handled_note": "已修补"}),
    "situations:withdraw": _situation_call("situations:withdraw", "submitted"),
    "situations:reopen": _situation_call("situations:reopen", "resolved", {"reason": "又塌了"}),
    "situations:rate": _situation_call("situations:rate", "resolved", {"rating": "5"}),
    "situations:escalate": lambda world, actor, relation: _situation_call(
        "situations:escalate",
        "handling",
        {"departments": world.departments["civil"].pk, "reason": "需要民政办核实", "workdays": "3"},
    )(world, actor, relation),
    "situations:escalation_reply": _escalation_reply_call,
    "situations:escalation_close": _situation_call("situations:escalation_close", "escalated"),
    "cases:escalations": _simple("cases:escalations"),
    "areas:departments": _simple("areas:departments"),
    "areas:department_create": lambda world, actor, relation: Call(
        reverse("areas:department_create"),
        {"township": world.areas["township"].pk, "name": "退役军人服务站", "kind": "department"},
    ),
    "areas:department": lambda world, actor, relation: Call(
        reverse("areas:department", args=[world.departments["civil"].pk]), {"name": "民政所"}
    ),
    "accounts:roles": lambda world, actor, relation: Call(
        reverse("accounts:roles"),
        {"username": "nobody", "role": "volunteer", "area": world.areas["village"].pk, "department": ""},
    ),
    "accounts:role_revoke": lambda world, actor, relation: Call(
        reverse("accounts:role_revoke", args=[RoleAssignment.objects.get(user=world.users["peer_staff"]).pk])
    ),
    "areas:department_active": lambda world, actor, relation: Call(
        reverse("areas:department_active", args=[world.departments["civil"].pk]), {"active": "0"}
    ),
    "wishes:resubmit": _wish_call(
        "wishes:resubmit",
        "returned",
        {"title": "改过的心愿", "story": "补充了详细情况。", "category": "other"},
    ),
    "audit:list": _simple("audit:list"),
    "audit:export": _simple("audit:export"),
    "audit:verify": _simple("audit:verify"),
    "notices:inbox": _simple("notices:inbox"),
    "notices:read": _object_call("notices:read", "notices"),
    "notices:read_all": _simple("notices:read_all"),
    "notices:preferences": _simple("notices:preferences", {"daily_digest": "on"}),
    "api:openapi-json": _simple("api:openapi-json"),
    "api:openapi-view": _simple("api:openapi-view"),
    "api:api-root": _simple("api:api-root"),
}


def _api_call(template: str, table: str | None = None, relation_area: bool = False) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call | None:
        if relation == "-":
            return Call(template)
        if relation_area:
            obj = world.areas[RELATION_AREA[relation]]
        else:
            obj = world.obj(getattr(world, table or ""), actor, relation)
        if obj is None:
            return None
        return Call(template.split("{")[0] + str(obj.pk))

    return call


API_CALLS: dict[str, Callable[[World, str, str], Call | None]] = {
    "GET /api/v1/areas": _api_call("/api/v1/areas"),
    "GET /api/v1/areas/{area_id}": _api_call("/api/v1/areas/{area_id}", relation_area=True),
    "GET /api/v1/residents": _api_call("/api/v1/residents"),
    "GET /api/v1/residents/{resident_id}": _api_call("/api/v1/residents/{resident_id}", "residents"),
    "GET /api/v1/households": _api_call("/api/v1/households"),
    "GET /api/v1/households/{household_id}": _api_call("/api/v1/households/{household_id}", "households"),
    "GET /api/v1/wishes": _api_call("/api/v1/wishes"),
    "POST /api/v1/wishes": lambda world, actor, relation: Call(
        "/api/v1/wishes", {"title": "想要一台收音机", "story": "家里的收音机坏了。", "category": "elderly"}
    ),
    "GET /api/v1/wishes/mine": _api_call("/api/v1/wishes/mine"),
    "GET /api/v1/wishes/{wish_id}": lambda world, actor, relation: _api_wish_call(
        world, actor, relation, "submitted"
    ),
    "GET /api/v1/wishes/{wish_id}/messages": lambda world, actor, relation: _api_wish_call(
        world, actor, relation, "claimed", "messages"
    ),
}
_API_WISH_MOVES = {
    "publish": ("submitted", {"privacy": "public"}), "return": ("submitted", {"reason": "信息不全"}),
    "claim": ("published", {}), "release": ("claimed", {}), "fulfil": ("claimed", {"note": "已送到", "hours": 1}),
    "confirm": ("fulfilled", {}), "dispute": ("fulfilled", {"reason": "还没收到"}), "rate": ("confirmed", {"rating": 5}),
    "withdraw": ("submitted", {}), "reopen": ("withdrawn", {}), "redact": ("published", {}),
    "messages": ("claimed", {"body": "周六上午来您家，可以吗？"}),
    "contact": ("submitted", {"shared": True, "phone": "13912345678"}),
    "resubmit": ("returned", {"title": "改过的心愿", "story": "补充了详细情况。", "category": "other"}),
}  # fmt: skip


def _api_wish_call(
    world: World, actor: str, relation: str, state: str, verb: str = "", data=None
) -> Call | None:
    wish = world.obj(world.wishes[state], actor, relation)
    if wish is None:
        return None
    return Call(f"/api/v1/wishes/{wish.pk}" + (f"/{verb}" if verb else ""), dict(data or {}))


for _verb, (_state, _data) in _API_WISH_MOVES.items():
    API_CALLS[f"POST /api/v1/wishes/{{wish_id}}/{_verb}"] = (
        lambda world, actor, relation, state=_state, verb=_verb, data=_data: _api_wish_call(
            world, actor, relation, state, verb, data
        )
    )

API_CALLS |= {
    "GET /api/v1/situations/mine": _api_call("/api/v1/situations/mine"),
    "GET /api/v1/situations/queue": _api_call("/api/v1/situations/queue"),
    "POST /api/v1/situations": lambda world, actor, relation: Call(
        "/api/v1/situations", {"category": "roads", "place": "村口桥头", "body": "桥头路面塌了一个坑。"}
    ),
    "GET /api/v1/situations/{situation_id}": lambda world, actor, relation: _api_situation_call(
        world, actor, relation, "submitted"
    ),
}
_API_SITUATION_MOVES = {
    "accept": ("submitted", {}), "reply": ("handling", {"reply": "已联系施工队"}),
    "resolve": ("handling", {"handled_note": "已修补"}), "withdraw": ("submitted", {}),
    "reopen": ("resolved", {"reason": "又塌了"}), "rate": ("resolved", {"rating": 5}),
}  # fmt: skip


def _api_escalation_call(suffix: str = "", data: dict | None = None) -> Callable:
    """The call to 民政办 about the "escalated" note of the relation."""

    def call(world: World, actor: str, relation: str) -> Call | None:
        note = world.obj(world.situations["escalated"], actor, relation)
        if note is None:
            return None
        target = EscalationTarget.objects.get(
            escalation__case=note.case, department=world.departments["civil"]
        )
        return Call(f"/api/v1/escalations/{target.pk}{suffix}", dict(data or {}))

    return call


API_CALLS |= {
    "GET /api/v1/escalations": _api_call("/api/v1/escalations"),
    "GET /api/v1/escalations/{target_id}": _api_escalation_call(),
    "POST /api/v1/escalations/{target_id}/reply": _api_escalation_call(
        "/reply", {"reply": "已核实，马上处理"}
    ),
}


def _api_situation_call(
    world: World, actor: str, relation: str, state: str, verb: str = "", data=None
) -> Call | None:
    note = world.obj(world.situations[state], actor, relation)
    if note is None:
        return None
    return Call(f"/api/v1/situations/{note.pk}" + (f"/{verb}" if verb else ""), dict(data or {}))


for _verb, (_state, _data) in _API_SITUATION_MOVES.items():
    API_CALLS[f"POST /api/v1/situations/{{situation_id}}/{_verb}"] = (
        lambda world, actor, relation, state=_state, verb=_verb, data=_data: _api_situation_call(
            world, actor, relation, state, verb, data
        )
    )


def _offer_call(template: str, kind: str, data: dict | None = None) -> Callable:
    """A page (URL name) or API path ("/api/v1/offers/{}/...") on the offer (or "<kind>:booking") of the relation."""

    def call(world: World, actor: str, relation: str) -> Call | None:
        table = world.bookings[kind.split(":")[0]] if kind.endswith(":booking") else world.offers[kind]
        obj = world.obj(table, actor, relation)
        if obj is None:
            return None
        path = template.format(obj.pk) if "{}" in template else reverse(template, args=[obj.pk])
        return Call(path, dict(data or {}))

    return call


def _offer_input(world: World, relation: str, *, api: bool) -> dict:
    start = timezone.localtime() + dt.timedelta(days=5)
    community = world.areas["urban" if relation == "other" else "village"]
    times = {"starts_at": start, "ends_at": start + dt.timedelta(hours=3)}
    return {
        "community_id" if api else "community": community.pk, "title": "义务理发", "description": "为老人免费理发。",
        "place": "活动室", "places": 5,
        **{k: v.isoformat() if api else v.strftime("%Y-%m-%dT%H:%M") for k, v in times.items()},
    }  # fmt: skip


def _offer_assisted(world: World, actor: str, relation: str, *, api: bool) -> Call | None:
    resident = world.obj(world.residents, actor, relation)
    if resident is None:
        return None
    offer = world.offers["fresh"]["same"]
    if api:
        return Call(
            f"/api/v1/offers/{offer.pk}/book-assisted",
            {"resident_id": resident.pk, "consent_channel": "phone"},
        )
    path = reverse("offers:book_assisted", args=[offer.pk]) + f"?resident={resident.pk}"
    return Call(path, {"resident": resident.pk, "consent_channel": "phone"})


PAGE_CALLS.update({
    "offers:list": _simple("offers:list"),
    "offers:community_list": lambda world, actor, relation: Call(
        reverse("offers:community_list", args=[world.areas["village"].pk])
    ),
    "offers:create": lambda world, actor, relation: Call(reverse("offers:create"), _offer_input(world, relation, api=False)),
    "offers:mine": _simple("offers:mine"),
    "offers:detail": _offer_call("offers:detail", "open"),
    "offers:bookings": _offer_call("offers:bookings", "open"),
    "offers:book": _offer_call("offers:book", "fresh"),
    "offers:book_assisted": lambda world, actor, relation: _offer_assisted(world, actor, relation, api=False),
    "offers:cancel": _offer_call("offers:cancel", "open", {"reason": "场地有变"}),
    "offers:complete": _offer_call("offers:complete", "started"),
    "offers:booking_cancel": _offer_call("offers:booking_cancel", "open:booking"),
    "offers:booking_serve": _offer_call("offers:booking_serve", "started:booking"),
})  # fmt: skip
API_CALLS.update({
    "GET /api/v1/offers": _api_call("/api/v1/offers"),
    "POST /api/v1/offers": lambda world, actor, relation: Call("/api/v1/offers", _offer_input(world, relation, api=True)),
    "GET /api/v1/offers/bookings/mine": _api_call("/api/v1/offers/bookings/mine"),
    "GET /api/v1/offers/{offer_id}": _offer_call("/api/v1/offers/{}", "open"),
    "GET /api/v1/offers/{offer_id}/bookings": _offer_call("/api/v1/offers/{}/bookings", "open"),
    "POST /api/v1/offers/{offer_id}/book": _offer_call("/api/v1/offers/{}/book", "fresh"),
    "POST /api/v1/offers/{offer_id}/book-assisted": lambda world, actor, relation: _offer_assisted(
        world, actor, relation, api=True
    ),
    "POST /api/v1/offers/{offer_id}/cancel": _offer_call("/api/v1/offers/{}/cancel", "open", {"reason": "场地有变"}),
    "POST /api/v1/offers/{offer_id}/complete": _offer_call("/api/v1/offers/{}/complete", "started"),
    "POST /api/v1/offers/bookings/{booking_id}/cancel": _offer_call("/api/v1/offers/bookings/{}/cancel", "open:booking"),
    "POST /api/v1/offers/bookings/{booking_id}/serve": _offer_call(
        "/api/v1/offers/bookings/{}/serve", "started:booking"
    ),
})  # fmt: skip


CONVENTION_COMMUNITY = {"same": "village", "other": "urban"}


def _campaign_call(name: str, campaign: str, data: dict | None = None) -> Callable:
    return lambda world, actor, relation: Call(
        reverse(name, args=[world.campaigns[campaign].pk]), dict(data or {})
    )


def _campaign_community_call(name: str, campaign: str, data: dict | None = None) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call:
        community = world.areas[CONVENTION_COMMUNITY[relation]]
        return Call(reverse(name, args=[world.campaigns[campaign].pk, community.pk]), dict(data or {}))

    return call


def _community_call(name: str, data: dict | None = None) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[world.areas[CONVENTION_COMMUNITY[relation]].pk]), dict(data or {}))

    return call


def _revision_call(name: str, state: str, data: dict | None = None) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[world.revisions[state][relation].pk]), dict(data or {}))

    return call


def _adopt_call(world: World, actor: str, relation: str) -> Call:
    revision = world.revisions["approved"][relation]
    kind = "village_representatives_meeting" if relation == "same" else "residents_representatives_meeting"
    data = {"meeting_kind": kind, "meeting_date": timezone.localdate().isoformat(), "members": "30", "present": "25",
            "in_favour": "20", "against": "3"}  # fmt: skip
    return Call(reverse("conventions:adopt", args=[revision.pk]), data)


def _demonstration_call(name: str, data: dict | None = None) -> Callable:
    def call(world: World, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[world.demonstrations[relation].pk]), dict(data or {}))

    return call


PAGE_CALLS.update({
    "conventions:index": _simple("conventions:index"),
    "conventions:campaign_new": lambda world, actor, relation: Call(reverse("conventions:campaign_new"), {
        "township": world.areas["township"].pk, "year": str(timezone.localdate().year),
        "deadline": (timezone.localdate() + dt.timedelta(days=40)).isoformat(),
        "topic_keys": [t.key for t in DEFAULT_TOPICS], "demonstration_target": "2"}),
    "conventions:board": _campaign_call("conventions:board", "draft"),
    "conventions:board_export": _campaign_call("conventions:board_export", "draft"),
    "conventions:start": _campaign_community_call("conventions:start", "fresh"),
    "conventions:demonstration_apply": _campaign_community_call(
        "conventions:demonstration_apply", "filed", {"evidence": "红白理事会每月议事，婚丧事宜全部简办，群众知晓率98%。"}
    ),
    "conventions:revision": _revision_call("conventions:revision", "drafting"),
    "conventions:edit": _revision_call("conventions:edit", "drafting", {"title": "改过的公约", "text": CONVENTION_TEXT}),
    "conventions:check": _revision_call("conventions:check", "drafting", {"text": CONVENTION_TEXT + "\n违者罚款100元。"}),
    "conventions:submit": _revision_call("conventions:submit", "drafting"),
    "conventions:review": _revision_call("conventions:review", "under_review", {"decision": "approve"}),
    "conventions:adopt": _adopt_call,
    "conventions:file": _revision_call("conventions:file", "adopted", {"confirmed": "yes"}),
    "conventions:acknowledge": _revision_call("conventions:acknowledge", "filed"),
    "conventions:document": lambda world, actor, relation: Call(reverse("conventions:document", args=[
        world.revisions["adopted"][relation].pk, world.revisions["adopted"][relation].meeting.documents.get().pk]), {}),
    "conventions:demonstration": _demonstration_call("conventions:demonstration"),
    "conventions:demonstration_decide": _demonstration_call("conventions:demonstration_decide",
                                                            {"decision": "approve"}),
    "conventions:public": _community_call("conventions:public"),
    "conventions:in_force": _community_call("conventions:in_force", {"title": "现行公约", "text": CONVENTION_TEXT}),
})  # fmt: skip

for _part in MATRIX_PARTS:
    PAGE_CALLS.update(getattr(_part, "PAGE_CALLS", {}))
    API_CALLS.update(getattr(_part, "API_CALLS", {}))


# --- Checks ----------------------------------------------------------------------------------


# What a request may change: every model of every gongzhi app, read from the app registry, so the
# tables of a new app are compared without touching this file. A model is compared by all its
# columns unless it is named below. Proxy models are skipped (their table is their concrete model's).
SNAPSHOT_COLUMNS: dict[str, tuple[str, ...]] = {
    # Columns that change as a side effect of reading (a token's last use, a user's last login) are left out.
    "residents.Resident": ("pk", "name", "status", "area_path", "household_id", "user_id", "updated_at"),
    "residents.Household": ("pk", "number", "area_path", "address"),
    "areas.Area": ("pk", "name", "path"),
    "accounts.User": ("pk", "is_active", "is_superuser", "password", "email"),
    "accounts.RoleAssignment": ("pk", "user_id", "role", "area_id"),
    "accounts.ApiToken": ("pk", "is_active"),
    "notices.Notice": ("pk", "read_at"),
    "notices.NoticePreference": ("pk", "email_enabled", "daily_digest"),
    "residents.ImportJob": ("pk", "status"),
    "cases.Case": ("pk", "state", "privacy", "rating", "title", "updated_at"),
    "wishes.Wish": ("pk", "claimer_id", "confirmed_by_id", "contact_shared"),
    "situations.SituationNote": ("pk", "reply", "handled_note"),
    "wishes.WishSettings": ("community_id", "claim_days"),
    "offers.ServiceOffer": ("pk", "state"),
    "offers.Booking": ("pk", "state"),
    "conventions.Campaign": ("pk", "deadline"),
    "conventions.Revision": ("pk", "state", "text", "updated_at"),
    "conventions.ConventionVersion": ("pk", "superseded_at"),
    "conventions.DemonstrationApplication": ("pk", "state"),
    "residents.ExportRequest": ("pk", "status", "decided_by_id"),
}
# Append-only records: a new row is the change.
SNAPSHOT_COUNTED = {
    "residents.ResidentEvent",
    "residents.Tag",
    "cases.CaseMessage",
    "hours.ServiceCredit",
    "conventions.RevisionEvent",
    "conventions.DeadlineReminder",
}
SNAPSHOT_QUERIES: dict[str, Callable[[], object]] = {
    # Logins and refused attempts are recorded by design; any other audit row is a write.
    "audit.AuditEvent": lambda: (
        AuditEvent.objects.exclude(verb__startswith="auth.").exclude(verb__startswith="access.").count()
    ),
}
# Not compared, each with its reason.
SNAPSHOT_EXCLUDED: dict[str, str] = {
    # The counter behind the refusal trail's rate limit: every refused request may write it, by design
    # (gongzhi.audit.refusals); the access.refused rows it limits are checked per cell instead.
    "audit.RefusalTally": "written by every refusal",
}


def snapshot_models() -> list[type[Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("gongzhi.")
        for model in config.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.label not in SNAPSHOT_EXCLUDED
    ]


def _hashable(value: object) -> object:
    return json.dumps(value, sort_keys=True, default=str) if isinstance(value, dict | list) else value


def snapshot(models: list[type[Model]] | None = None) -> dict[str, object]:
    """Everything a request could change that matters, cheaply comparable: one entry per model.

    `models` limits it to those models (the ones a request wrote to, found by WrittenTables)."""
    state: dict[str, object] = {}
    for model in snapshot_models() if models is None else models:
        label = model._meta.label
        rows = model._default_manager.all()
        if label in SNAPSHOT_QUERIES:
            state[label] = SNAPSHOT_QUERIES[label]()
        elif label in SNAPSHOT_COUNTED:
            state[label] = rows.count()
        else:
            columns = SNAPSHOT_COLUMNS.get(label) or tuple(f.attname for f in model._meta.concrete_fields)
            state[label] = {tuple(_hashable(v) for v in row) for row in rows.values_list(*columns)}
    return state


# A statement that writes rows names its table first; one that only reads, or moves a savepoint, cannot change a
# row. Triggers only refuse (gongzhi/audit/schema.py), so every changed row comes from a statement seen here.
WRITE_SQL = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?(\w+)"?',
    re.I,
)
READ_SQL = re.compile(r"^\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|PRAGMA|SET|SHOW)\b", re.I)


class WrittenTables:
    """Records the tables a request's statements write to (a `connection.execute_wrapper`).

    A cell then compares only those tables with the snapshot taken before: a table no statement wrote to
    cannot have changed. A statement it cannot read as either a read or a write marks the cell `unknown`,
    and the cell compares every model, as before this shortcut existed."""

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.unknown = False

    def __call__(self, execute, sql, params, many, context):
        found = WRITE_SQL.match(sql)
        if found:
            self.tables.add(found[1])
        elif not READ_SQL.match(sql):
            self.unknown = True
        return execute(sql, params, many, context)

    def snapshot_after(self, before: dict[str, object]) -> dict[str, object]:
        if self.unknown:
            return snapshot()
        written = [model for model in snapshot_models() if model._meta.db_table in self.tables]
        return {**before, **snapshot(written)}


def relation_of_path(world: World, path: str) -> str:
    for relation, key in RELATION_AREA.items():
        if path.startswith(world.areas[key].path):
            return relation
    if path.startswith(world.areas["urban"].path):
        return "other"
    if path.startswith(world.areas["village"].path):
        return "community"
    return "township"


def written_paths(before: dict, after: dict) -> list[str]:
    paths = [row[3] for row in after["residents.Resident"] - before["residents.Resident"]]
    paths += [row[2] for row in after["residents.Household"] - before["residents.Household"]]
    paths += [row[2] for row in after["areas.Area"] - before["areas.Area"]]
    return paths


def response_text(response) -> str:
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        return json.dumps(response.json(), ensure_ascii=False)
    if content_type.startswith(XLSX):
        data = b"".join(response.streaming_content) if response.streaming else response.content
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True)
        except Exception:  # the planted report files are not real workbooks
            return ""
        return " ".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row)
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def outcome_problem(expected: str, response, is_api: bool) -> str | None:
    status = response.status_code
    token = expected.rstrip("*")
    location = response.get("Location", "") or ""
    if token == "login":
        ok = status == 302 and location.split("?")[0] == LOGIN_PATH
    elif token == "302":
        ok = status == 302 and location.split("?")[0] != LOGIN_PATH
    else:
        ok = status == int(token)
    if not ok:
        return f"expected {expected}, got {status}" + (f" → {location}" if location else "")
    # (an API download's 200 streams the file itself: only its refusals are JSON)
    if is_api and (status in (401, 404) or (status == 200 and not response.streaming)):
        body = response.json()
        if status != 200 and not (body.get("code") and body.get("message")):
            return f"API error body lacks code/message: {body}"
    return None


@dataclass
class Cell:
    key: str
    method: str
    actor: str
    relation: str
    expected: str


NO_OWN_OBJECT = "no own object for this cell; declare it '-'"


def run_cell(world: World, cell: Cell, make_call: Callable, before: dict) -> str | None:
    """One request in a savepoint that is rolled back, so every cell starts from `before`."""
    is_api = cell.key in policy.API
    written = WrittenTables()
    with transaction.atomic(), connection.execute_wrapper(written):
        call = make_call(world, cell.actor, cell.relation)
        if call is None:
            transaction.set_rollback(True)
            return NO_OWN_OBJECT if cell.relation == "own" else "no object for this cell; declare it '-'"
        client = Client(REMOTE_ADDR="10.1.2.3")
        headers = {}
        if is_api and cell.actor != "anonymous":
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[cell.actor]}"
        elif not is_api and cell.actor != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[cell.actor]
        refusals_before = AuditEvent.objects.filter(verb="access.refused").count()
        try:
            if cell.method == "GET":
                response = client.get(call.path, **headers)
            elif is_api and not call.multipart:
                response = client.post(
                    call.path, json.dumps(call.data), content_type="application/json", **headers
                )
            else:
                response = client.post(call.path, call.data, **headers)
        except Exception as exc:  # a 500: the test client re-raises
            transaction.set_rollback(True)
            return f"raised {type(exc).__name__}: {exc}"
        after = written.snapshot_after(before)
        refusals_written = AuditEvent.objects.filter(verb="access.refused").count() - refusals_before
        text = response_text(response) if response.status_code == 200 else ""
        transaction.set_rollback(True)

    problems = []
    problem = outcome_problem(cell.expected, response, is_api)
    if problem:
        problems.append(problem)
    # Every refusal to a signed-in actor or token leaves exactly one trace (gongzhi.audit.refusals).
    if cell.actor != "anonymous" and response.status_code in (403, 404) and refusals_written != 1:
        problems.append(f"a {response.status_code} wrote {refusals_written} access.refused rows, expected 1")
    changed = sorted(name for name in before if before[name] != after[name])
    if cell.expected.endswith("*"):
        if not changed and not problem:
            problems.append("expected a write, nothing changed")
    elif changed:
        problems.append(f"changed {changed} but must not write")
    for path in written_paths(before, after):
        where = relation_of_path(world, path)
        if where not in policy.WRITE_REACH[cell.actor]:
            problems.append(f"wrote into {where} ({path}) outside the actor's write reach")
    reach = policy.READ_REACH[cell.actor]
    for relation, markers in MARKERS.items():
        if relation in reach:
            continue
        leaked = [m for m in markers if m in text]
        if leaked:
            problems.append(f"response shows {leaked} ({relation}) outside the actor's reach")
    return "; ".join(problems) or None


# --- Coverage ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coverage_log(request, tmp_path_factory):
    """Collects exercised cells; the worker that completes the plan prints the figure."""
    log: list[tuple[str, str, str, str]] = []
    yield log
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    root = tmp_path_factory.getbasetemp()
    root = (root.parent if worker else root) / "permission-matrix"
    root.mkdir(exist_ok=True)
    (root / f"{worker or 'main'}-{uuid.uuid4().hex}.json").write_text(json.dumps(log))
    done: set[tuple[str, ...]] = set()
    for part in root.glob("*.json"):
        done |= {tuple(cell) for cell in json.loads(part.read_text())}
    planned = policy.planned_cells()
    if not planned <= done:
        return
    try:
        os.close(os.open(root / "printed", os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return
    endpoints = {cell[0] for cell in planned}
    pairs = {(cell[0], cell[1]) for cell in planned}
    pages = sum(1 for e in endpoints if e in policy.PAGES)
    line = (
        f"\npermission matrix: {pages} URLs + {len(endpoints) - pages} API operations = {len(endpoints)} endpoints"
        f" × {len(policy.MATRIX_ACTORS)} actors = {len(pairs)} endpoint×actor cells exercised "
        f"({len(planned)} requests: GET+POST × own/same/grid/other objects); "
        f"skipped: {', '.join(policy.SKIPPED)}\n"
    )
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        sys.stderr.write(line)


# --- The matrix ----------------------------------------------------------------------------


def cells_of(key: str) -> list[Cell]:
    table = {**policy.PAGES, **policy.API}[key]
    return [
        Cell(key, method, actor, relation, table.expect(method, actor, relation))
        for actor in policy.MATRIX_ACTORS
        for relation in table.relations
        for method in policy.METHODS
    ]


@pytest.fixture
def quiet_refusals():
    """Thousands of expected 403/404/405 warnings (with tracebacks) would drown a real failure."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.mark.parametrize("key", list(policy.PAGES) + list(policy.API))
def test_matrix(key, world, coverage_log, db, quiet_refusals):
    make_call = PAGE_CALLS.get(key) or API_CALLS.get(key)
    assert make_call is not None, f"add a request recipe for {key} to PAGE_CALLS / API_CALLS"
    failures = []
    before = snapshot()
    table = {**policy.PAGES, **policy.API}[key]
    for cell in cells_of(key):
        if cell.expected == "-":
            continue
        problem = run_cell(world, cell, make_call, before)
        if problem == NO_OWN_OBJECT and cell.actor in table.inherited:
            continue  # a part that builds own objects for ACTORS only: the base actor's own cell covers it
        if problem:
            failures.append(f"{cell.method:4} {cell.actor:18} {cell.relation:5} {problem}")
        else:
            coverage_log.append((cell.key, cell.actor, cell.relation, cell.method))
    assert not failures, f"{key}:\n" + "\n".join(failures)
    assert snapshot() == before, "a cell's savepoint did not roll back"


# --- The snapshot ----------------------------------------------------------------------------


def gongzhi_models() -> set[str]:
    return {
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("gongzhi.")
        for model in config.get_models(include_auto_created=True)
        if not model._meta.proxy
    }


@pytest.mark.django_db
def test_the_snapshot_covers_every_model_of_every_gongzhi_app():
    every = gongzhi_models()
    assert set(snapshot()) == every - set(SNAPSHOT_EXCLUDED)
    named = set(SNAPSHOT_COLUMNS) | SNAPSHOT_COUNTED | set(SNAPSHOT_QUERIES) | set(SNAPSHOT_EXCLUDED)
    assert named <= every, f"the snapshot names models that do not exist: {sorted(named - every)}"


@pytest.mark.django_db
def test_a_write_to_a_model_that_no_recipe_names_is_caught():
    # workdays.CalendarYear is named nowhere in this file but here: the registry brings it in.
    clerk = make_user("calendar_clerk")
    before = snapshot()
    CalendarYear.objects.create(year=2099, entered_by=clerk, entered_at=timezone.now())
    after = snapshot()
    assert [name for name in before if before[name] != after[name]] == ["workdays.CalendarYear"]


@pytest.mark.django_db
def test_a_cell_compares_the_tables_its_statements_wrote_to():
    clerk = make_user("calendar_clerk")
    before = snapshot()
    written = WrittenTables()
    with connection.execute_wrapper(written):
        list(Area.objects.all())
        CalendarYear.objects.create(year=2099, entered_by=clerk, entered_at=timezone.now())
    assert written.tables == {CalendarYear._meta.db_table}
    assert not written.unknown
    after = written.snapshot_after(before)
    assert [name for name in before if before[name] != after[name]] == ["workdays.CalendarYear"]
    assert after == snapshot()

    # Raw SQL is seen as well, unquoted table names included.
    written = WrittenTables()
    with connection.execute_wrapper(written), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {CalendarYear._meta.db_table} WHERE year = 2099")
    assert written.tables == {CalendarYear._meta.db_table}
    assert written.snapshot_after(after) == before


@pytest.mark.django_db
def test_a_statement_the_cell_cannot_read_makes_it_compare_everything():
    make_user("calendar_clerk")
    before = snapshot()
    written = WrittenTables()
    with connection.execute_wrapper(written), connection.cursor() as cursor:
        cursor.execute(
            f"WITH gone AS (SELECT id FROM {User._meta.db_table} WHERE username = 'calendar_clerk') "
            f"UPDATE {User._meta.db_table} SET email = 'x@example.org' WHERE id IN (SELECT id FROM gone)"
        )
    assert written.unknown
    after = written.snapshot_after(before)
    assert [name for name in before if before[name] != after[name]] == ["accounts.User"]
