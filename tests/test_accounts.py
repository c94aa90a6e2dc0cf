"""Accounts: login, lockout, session limits, deactivation, passwords, 三员分立, headers.

SECURITY-TARGETS §7 rows 5, 7, 9, 10, 12 (policy part) and 13.
"""

import itertools
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from gongzhi.accounts import actions
from gongzhi.accounts.checks import separation_of_duties_check
from gongzhi.accounts.models import ApiToken, RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.accounts.selectors import session_keys_of
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from tests.conftest import PASSWORD, make_user

LOGIN = reverse("accounts:login")
ME = reverse("core:me")
BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"
GOOD_PASSWORD = "Qingshan2026"


def login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in_user_id(client: Client):
    return client.session.get("_auth_user_id")


def changes():
    """Rows a refused account action must leave alone."""
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        ApiToken.objects.count(),
        AuditEvent.objects.exclude(verb__startswith="auth.").count(),
        list(User.objects.order_by("pk").values_list("is_active", "is_superuser")),
    )


# --- Login ---------------------------------------------------------------------------------


def test_login_by_username(users, client):
    response = login(client, "community_staff")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert logged_in_user_id(client) == str(users["community_staff"].pk)
    assert AuditEvent.objects.filter(verb="auth.login", actor=users["community_staff"]).exists()


def test_login_by_phone(users, client):
    user = users["resident"]
    user.set_phone("13912345678")
    user.save()
    response = login(client, "139 1234 5678")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user.pk)


def test_wrong_password_is_refused_in_chinese_and_audited(users, client):
    response = login(client, "community_staff", "Wrong-Password-1")
    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    assert "用户名（手机号）或密码错误" in response.content.decode()
    failed = AuditEvent.objects.get(verb="auth.login_failed")
    assert failed.success is False
    assert "community_staff" in failed.actor_label


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("139 1234 5678", "尝试:139****5678"),
        ("511423196005170013", "尝试:**************0013"),
        ("zhangsan", "尝试:zhangsan"),
    ],
)
def test_failed_login_audit_keeps_no_phone_or_id_number(users, client, typed, label):
    login(client, typed, "Wrong-Password-1")
    assert AuditEvent.objects.get(verb="auth.login_failed").actor_label == label


def test_inactive_user_cannot_log_in(users, client):
    User.objects.filter(pk=users["resident"].pk).update(is_active=False)
    assert login(client, "resident").status_code == 200
    assert logged_in_user_id(client) is None


# --- Lockout (row 7) --------------------------------------------------------------------------


def test_five_failures_lock_that_username_from_that_address_only(users):
    from_a = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [login(from_a, "community_staff", "Wrong-Password-1").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure engages the lock
    response = login(from_a, "community_staff")  # the right password, too late
    assert response.status_code == 429
    page = response.content.decode()
    assert "锁定" in page
    assert "15 分钟" in page
    assert logged_in_user_id(from_a) is None

    from_b = Client(REMOTE_ADDR="198.51.100.9")
    assert login(from_b, "community_staff").status_code == 302
    assert logged_in_user_id(from_b) == str(users["community_staff"].pk)

    colleague_from_a = Client(REMOTE_ADDR="203.0.113.7")
    assert login(colleague_from_a, "window_clerk").status_code == 302
    assert logged_in_user_id(colleague_from_a) == str(users["window_clerk"].pk)

    # Audited when the lock engages; the attempts it turns away do not each add a row (a flood of them
    # cannot fill the trail): one row per account name and address per ten minutes.
    for _n in range(30):
        login(from_a, "community_staff", password="Still-Wrong-99")
    locked = list(AuditEvent.objects.filter(verb="auth.locked_out"))
    assert len(locked) == 1
    for event in locked:
        assert event.success is False
        assert event.source_ip == "203.0.113.7"
        assert "community_staff" in event.actor_label
        assert event.summary == {"ip": "203.0.113.7"}


# --- Session limits (rows 9 and 10) -------------------------------------------------------------


class Clock:
    """Stands in for the time module inside the session middleware only."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    fake = Clock()
    with mock.patch("gongzhi.accounts.middleware.time", fake):
        yield fake


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.mark.parametrize(
    ("role", "idle_minutes"), [("community_staff", 15), ("grid_worker", 15), ("resident", 30), ("nobody", 30)]
)
def test_idle_timeout(users, clock, role, idle_minutes):
    client = signed_in(users[role])
    assert client.get(ME).status_code == 200  # starts the clock
    clock.advance(idle_minutes * 60 - 1)
    assert client.get(ME).status_code == 200  # still within the limit; this request counts as activity
    key = client.session.session_key
    clock.advance(idle_minutes * 60 + 1)
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not Session.objects.filter(session_key=key).exists()  # invalid server-side
    page = client.get(response["Location"]).content.decode()
    assert "您已长时间未操作" in page  # says why
    assert client.get(ME).status_code == 302


def test_absolute_cap_of_twelve_hours_even_when_active(users, clock):
    client = signed_in(users["community_staff"])
    assert client.get(ME).status_code == 200
    for _ in range(12 * 60 // 10):  # a request every 10 minutes for 12 hours
        clock.advance(10 * 60)
        assert client.get(ME).status_code == 200
    clock.advance(1)
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert logged_in_user_id(client) is None


def test_logout_then_replaying_the_old_cookie_is_not_logged_in(users):
    client = signed_in(users["window_clerk"])
    assert client.get(ME).status_code == 200
    old_key = client.session.session_key
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "cookies" in response["Clear-Site-Data"]
    assert not Session.objects.filter(session_key=old_key).exists()

    replay = Client()
    replay.cookies["sessionid"] = old_key
    response = replay.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert AuditEvent.objects.filter(verb="auth.logout", actor=users["window_clerk"]).exists()


def test_deactivation_ends_every_session_and_token(users):
    victim = users["community_staff"]
    phone, laptop, bystander = signed_in(victim), signed_in(victim), signed_in(users["window_clerk"])
    for c in (phone, laptop, bystander):
        assert c.get(ME).status_code == 200
    _token, key = actions.api_token_create(actor=victim, user=victim, name="对接")
    assert len(session_keys_of(victim)) == 2

    actions.user_deactivate(actor=users["sys_admin"], user=victim)

    assert session_keys_of(victim) == []
    assert not Session.objects.filter(session_key__in=[phone.session.session_key, laptop.session.session_key])
    for c in (phone, laptop):
        assert c.get(ME).status_code == 302
    assert bystander.get(ME).status_code == 200
    assert Client().get("/api/v1/areas", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert login(Client(), "community_staff").status_code == 200  # refused
    event = AuditEvent.objects.get(verb="account.deactivated")
    assert event.actor_id == users["sys_admin"].pk
    assert event.summary == {"sessions_ended": 2, "tokens_revoked": 1}


@pytest.mark.parametrize("role", ["sec_admin", "audit_admin", "township_admin", "community_staff", "nobody"])
def test_only_the_system_admin_deactivates(users, role):
    before = changes()
    with pytest.raises(NotPermitted):
        actions.user_deactivate(actor=users[role], user=users["resident"])
    assert changes() == before


def test_deactivation_refuses_self_and_repeat(users):
    with pytest.raises(DomainError, match="自己"):
        actions.user_deactivate(actor=users["sys_admin"], user=users["sys_admin"])
    actions.user_deactivate(actor=users["sys_admin"], user=users["resident"])
    before = changes()
    with pytest.raises(DomainError, match="已经停用"):
        actions.user_deactivate(actor=users["sys_admin"], user=users["resident"])
    assert changes() == before


# --- Passwords (row 12, the policy table) --------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Qingshan202", False),  # 11 characters, 3 classes
        (GOOD_PASSWORD, True),  # 12 characters: upper, lower, digit
        ("qingshan2026", False),  # 12 characters, 2 classes
        ("Password1234", False),  # on the common-password list
        ("1Qaz2wsx3edc", False),  # on the common-password list (keyboard walk)
        ("284619573028", False),  # digits only
        ("Qs7-" * 16, True),  # 64 characters
        ("Zhangwei-2026", False),  # too close to the username
    ],
)
def test_password_policy(password, accepted):
    user = User(username="zhangwei", display_name="张伟")
    if accepted:
        validate_password(password, user=user)
    else:
        with pytest.raises(ValidationError):
            validate_password(password, user=user)


def test_user_create_validates_the_password_in_chinese(users):
    before = changes()
    with pytest.raises(DomainError) as info:
        actions.user_create(actor=users["sys_admin"], username="lisi", password="Qingshan202")
    assert info.value.field == "password"
    assert "12" in info.value.message
    assert changes() == before


def test_user_create_by_the_system_admin(users):
    user = actions.user_create(
        actor=users["sys_admin"],
        username="lisi",
        password=GOOD_PASSWORD,
        display_name="李四",
        email="lisi@example.cn",
        phone="13700001111",
    )
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert user.is_active
    assert not user.is_superuser
    assert user.phone_masked == "137****1111"
    assert "13700001111" not in user.phone_ciphertext
    assert user.password_changed_at is not None
    event = AuditEvent.objects.get(verb="account.created")
    assert event.actor_id == users["sys_admin"].pk
    assert event.summary == {"username": "lisi"}
    assert login(Client(), "13700001111", GOOD_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("admin", "保留"),
        ("Root", "保留"),
        ("community_staff", "已被使用"),
        ("张 三", "只能包含"),
        ("", "请填写"),
    ],
)
def test_user_create_refuses_bad_usernames(users, username, message):
    before = changes()
    with pytest.raises(DomainError, match=message):
        actions.user_create(actor=users["sys_admin"], username=username, password=GOOD_PASSWORD)
    assert changes() == before


@pytest.mark.parametrize("role", ["sec_admin", "audit_admin", "township_admin", "community_staff", "nobody"])
def test_only_the_system_admin_creates_users(users, role):
    before = changes()
    with pytest.raises(NotPermitted):
        actions.user_create(actor=users[role], username="lisi", password=GOOD_PASSWORD)
    assert changes() == before


# --- 三员分立 (row 5) ------------------------------------------------------------------------------


def test_security_admin_assigns_and_revokes_roles_with_audit(users, areas):
    target = make_user("zhaoliu")
    assignment = actions.role_assign(
        actor=users["sec_admin"], user=target, role=Role.GRID_WORKER, area=areas["grid_a2"]
    )
    assert assignment.area_path == areas["grid_a2"].path
    assigned = AuditEvent.objects.get(verb="role.assigned")
    assert assigned.actor_id == users["sec_admin"].pk
    assert assigned.target_id == str(target.pk)
    assert assigned.summary == {"role": "grid_worker", "area": "2组网格"}
    actions.role_revoke(actor=users["sec_admin"], assignment=assignment)
    assert not RoleAssignment.objects.filter(user=target).exists()
    assert AuditEvent.objects.filter(verb="role.revoked", target_id=str(target.pk)).exists()


@pytest.mark.parametrize(
    "role", ["sys_admin", "audit_admin", "township_admin", "community_staff", "resident", "nobody"]
)
def test_only_the_security_admin_assigns_roles(users, areas, role):
    target = make_user("zhaoliu")
    before = changes()
    with pytest.raises(NotPermitted):
        actions.role_assign(actor=users[role], user=target, role=Role.RESIDENT, area=areas["village"])
    with pytest.raises(NotPermitted):
        actions.role_revoke(actor=users[role], assignment=users["resident"].role_assignments.get())
    assert changes() == before


@pytest.mark.parametrize(
    ("held", "wanted"), list(itertools.permutations([Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN], 2))
)
def test_nobody_holds_two_of_the_three_admin_roles(users, areas, held, wanted):
    target = make_user("zhaoliu", held, areas["township"])
    before = changes()
    with pytest.raises(DomainError) as info:
        actions.role_assign(actor=users["sec_admin"], user=target, role=wanted, area=areas["township"])
    assert "三员分立" in info.value.message
    assert "不能由同一人兼任" in info.value.message
    assert changes() == before


def test_role_assignment_refuses_superusers_self_and_duplicates(users, areas):
    root_like = make_user("zhaoliu", is_superuser=True)
    before = changes()
    with pytest.raises(DomainError, match="超级用户"):
        actions.role_assign(
            actor=users["sec_admin"], user=root_like, role=Role.RESIDENT, area=areas["village"]
        )
    with pytest.raises(DomainError, match="自己"):
        actions.role_assign(
            actor=users["sec_admin"], user=users["sec_admin"], role=Role.AUDIT_ADMIN, area=areas["township"]
        )
    with pytest.raises(DomainError, match="自己"):
        actions.role_revoke(actor=users["sec_admin"], assignment=users["sec_admin"].role_assignments.get())
    with pytest.raises(DomainError, match="已在此区域"):
        actions.role_assign(
            actor=users["sec_admin"], user=users["resident"], role=Role.RESIDENT, area=areas["village"]
        )
    assert changes() == before


def test_security_admin_scoped_to_a_community_cannot_assign_elsewhere(users, areas):
    village_sec = make_user("cun_anquan", Role.SEC_ADMIN, areas["village"])
    target = make_user("zhaoliu")
    before = changes()
    with pytest.raises(NotPermitted):
        actions.role_assign(actor=village_sec, user=target, role=Role.RESIDENT, area=areas["urban"])
    assert changes() == before


def run_check():
    return {m.id: m for m in separation_of_duties_check(databases=["default"])}


def test_system_check_is_clean_for_a_proper_deployment(users):
    assert run_check() == {}
    assert separation_of_duties_check(databases=None) == []  # no database named: no query


def test_system_check_reports_superusers_and_combined_admin_roles(users, areas):
    make_user("zhaoliu", is_superuser=True)
    RoleAssignment.objects.create(
        user=users["sys_admin"],
        role=Role.AUDIT_ADMIN,
        area=areas["township"],
        area_path=areas["township"].path,
    )
    found = run_check()
    assert found["gongzhi.E001"].is_serious()
    assert "zhaoliu" in found["gongzhi.E001"].msg
    assert found["gongzhi.E002"].is_serious()
    assert "sys_admin" in found["gongzhi.E002"].msg
    with pytest.raises(Exception, match="gongzhi.E001"):
        call_command("check", databases=["default"], stdout=StringIO(), stderr=StringIO())


def test_no_superuser_and_no_double_admin_in_the_fixture_township(users):
    """Row 5's database query, as CI runs it against every seeded deployment."""
    assert not User.objects.filter(is_superuser=True).exists()
    assert not run_check()


@pytest.mark.parametrize("name", ["admin", "root", "test", "Admin"])
def test_system_check_warns_about_reserved_usernames(db, name):
    make_user(name)
    found = run_check()
    assert set(found) == {"gongzhi.W001"}
    assert not found["gongzhi.W001"].is_serious()


# --- API tokens ----------------------------------------------------------------------------


def test_api_token_is_shown_once_and_stored_as_a_hash(users):
    owner = users["community_staff"]
    token, key = actions.api_token_create(actor=owner, user=owner, name="区县对接")
    stored = ApiToken.objects.get(pk=token.pk)
    assert key.startswith("gz_")
    assert len(key) > 40
    assert stored.key_hash == ApiToken.hash_key(key)
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert stored.prefix == key[:8]
    event = AuditEvent.objects.get(verb="token.created")
    assert event.actor_id == owner.pk
    assert key not in str(event.summary)
    response = Client().get("/api/v1/residents", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["sys_admin", "sec_admin", "township_admin", "nobody"])
def test_nobody_creates_a_token_for_someone_else(users, role):
    before = changes()
    with pytest.raises(NotPermitted):
        actions.api_token_create(actor=users[role], user=users["community_staff"], name="冒用")
    assert changes() == before


def test_create_api_token_command_prints_the_key_once_and_audits(users):
    out = StringIO()
    call_command("create_api_token", "window_clerk", "窗口对接", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get(user=users["window_clerk"])
    assert token.key_hash == ApiToken.hash_key(key)
    assert token.name == "窗口对接"
    event = AuditEvent.objects.get(verb="token.created")
    assert event.actor_id is None
    assert event.actor_label == "服务器命令行"
    assert event.target_id == str(users["window_clerk"].pk)
    with pytest.raises(CommandError, match="没有用户名"):
        call_command("create_api_token", "nosuchuser", "x", stdout=StringIO())
    User.objects.filter(pk=users["resident"].pk).update(is_active=False)
    with pytest.raises(CommandError, match="停用"):
        call_command("create_api_token", "resident", "x", stdout=StringIO())


# --- Security headers (row 13) ---------------------------------------------------------------


def directives(header: str) -> dict[str, str]:
    result = {}
    for part in header.split(";"):
        name, _sep, value = part.strip().partition(" ")
        if name:
            result[name] = value
    return result


@pytest.mark.parametrize("page", ["me", "not_found", "login"])
def test_security_headers(users, page):
    client = Client()
    if page != "login":
        client.force_login(users["community_staff"], backend=BACKEND)
    path = {"me": ME, "not_found": "/no-such-page/", "login": LOGIN}[page]
    response = client.get(path)
    assert response.status_code == {"me": 200, "not_found": 404, "login": 200}[page]
    csp = directives(response["Content-Security-Policy"])
    scripts = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    if page != "login":
        assert "no-store" in response["Cache-Control"]


def test_login_page_has_no_inline_script(db):
    html = Client().get(LOGIN).content.decode()
    assert "<script>" not in html
    assert "onclick=" not in html
    assert "javascript:" not in html
