"""Shared fixtures: a small township with two communities, people in every role.

township 永安镇
├── community 青山村 (village)  ── group 1组 ── grid 1组网格 (grid_a1)
│                               └─ group 2组 ── grid 2组网格 (grid_a2)
└── community 东街社区 (urban)  ── grid 第1网格 (grid_b1) ── building 1-1栋
"""

import datetime as dt
import socket
import threading

import pytest
from django.db import connection

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.schema import drop_triggers, install_triggers
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Tag
from gongzhi.residents.validation import resident_input_clean
from tests.idnumbers import make_id

PASSWORD = "Test-Password-2026"


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request leaves its language active in the thread: no test leaks English into the next."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """Each test starts with empty caches (cached select lists, lockout counters, idempotency keys)."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["idempotency"].clear()
    caches["shared"].clear()


@pytest.fixture
def areas(db):
    township = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="永安镇", parent=None, code="511423101000")
    village = area_create_unchecked(
        kind=AreaKind.COMMUNITY, name="青山村", parent=township, code="511423101201", community_type="village"
    )
    urban = area_create_unchecked(
        kind=AreaKind.COMMUNITY, name="东街社区", parent=township, code="511423101001", community_type="urban"
    )
    group1 = area_create_unchecked(kind=AreaKind.RESIDENT_GROUP, name="1组", parent=village)
    group2 = area_create_unchecked(kind=AreaKind.RESIDENT_GROUP, name="2组", parent=village)
    grid_a1 = area_create_unchecked(kind=AreaKind.GRID, name="1组网格", parent=group1)
    grid_a2 = area_create_unchecked(kind=AreaKind.GRID, name="2组网格", parent=group2)
    grid_b1 = area_create_unchecked(kind=AreaKind.GRID, name="第1网格", parent=urban)
    building = area_create_unchecked(kind=AreaKind.BUILDING, name="1-1栋", parent=grid_b1)
    return {
        "township": township,
        "village": village,
        "urban": urban,
        "grid_a1": grid_a1,
        "grid_a2": grid_a2,
        "grid_b1": grid_b1,
        "building": building,
    }


def make_user(username: str, role: str | None = None, area=None, **extra) -> User:
    user = User(username=username, display_name=extra.pop("display_name", username), **extra)
    user.set_password(PASSWORD)
    user.save()
    if role is not None:
        RoleAssignment.objects.create(user=user, role=role, area=area, area_path=area.path)
    return user


@pytest.fixture
def users(areas):
    """One user per role, each over the place that role is usually held."""
    where = {
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
    result = {role.value: make_user(role.value, role, areas[place]) for role, place in where.items()}
    result["other_staff"] = make_user("other_staff", Role.COMMUNITY_STAFF, areas["urban"])
    result["nobody"] = make_user("nobody")
    return result


def clean_input(raw: dict):
    tags = {t.name: t for t in Tag.objects.all()}
    data, errors = resident_input_clean(
        raw,
        area_lookup=lambda _t: None,
        household_lookup=lambda _n, _a: None,
        tag_lookup=tags.get,
    )
    assert not errors, errors
    return data


@pytest.fixture
def make_resident(users, areas):
    counter = iter(range(1, 10_000))

    def build(
        area_key: str = "grid_a1", *, name: str = "张三", actor=None, birth=dt.date(1960, 5, 17), **raw
    ):
        n = next(counter)
        gender = raw.pop("gender", "M")
        id_number = raw.pop("id_number", None) or make_id(birth, n, gender)
        data = clean_input({"name": name, "id_number": id_number, "area": areas[area_key], **raw})
        staff = actor or (users["community_staff"] if area_key.startswith("grid_a") else users["other_staff"])
        return resident_create(actor=staff, data=data)

    return build


# The migrations that put rows in (as `migrate` leaves a fresh database) and their seeding function. A
# transactional test's flush removes those rows for the transactional tests after it on the same worker, so a
# transactional test that needs them calls `migration_rows_restore()` (tests/test_boundaries.py checks that every
# data migration is either here or in MIGRATIONS_CHANGING_ROWS_ONLY).
MIGRATIONS_SEEDING_ROWS = {
    "gongzhi.residents.migrations.0002_default_tags": "forwards",
    "gongzhi.merit.migrations.0002_seed_categories": "forwards",
    "gongzhi.activities.migrations.0002_series_and_kinds": "seed",
    "gongzhi.pledges.migrations.0002_seed_posts": "forwards",
    "gongzhi.facilities.migrations.0002_seed_types": "forwards",
    "gongzhi.workforce.migrations.0002_seed_posts": "forwards",
    "gongzhi.workforce.migrations.0003_post_kept_in": "forwards",
    "gongzhi.workforce.migrations.0004_default_targets": "forwards",
    "gongzhi.feedback.migrations.0002_seed_categories": "seed",
    "gongzhi.rulebook.migrations.0002_seed_kinds": "seed",
    "gongzhi.funds.migrations.0002_seed_catalogues": "seed",
}
# Data migrations that only change rows already there (or install triggers), with nothing to restore.
MIGRATIONS_CHANGING_ROWS_ONLY = {
    "gongzhi.audit.migrations.0002_append_only_triggers",
    "gongzhi.conventions.migrations.0005_revision_meeting_from_fields",
    "gongzhi.residents.migrations.0004_resident_name_sort",
    "gongzhi.selfgov.migrations.0004_powerhall_flow",
    "gongzhi.facilities.migrations.0003_booking_no_overlap",
}


def migration_rows_restore() -> None:
    """Put back the rows the data migrations seed (each seeding is idempotent: get_or_create)."""
    from importlib import import_module

    from django.apps import apps

    for module, function in MIGRATIONS_SEEDING_ROWS.items():
        getattr(import_module(module), function)(apps, None)


@pytest.fixture
def audit_triggers_for_flush(transactional_db):
    """SQLite's flush deletes rows one table at a time, which the append-only
    trigger refuses; drop it for the teardown of transactional tests only."""
    install_triggers(connection)
    yield
    drop_triggers(connection)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self):
            self.messages = []
            self.event = threading.Event()

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            self.event.set()
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    try:
        yield sink
    finally:
        controller.stop()
