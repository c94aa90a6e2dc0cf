"""Forgotten passwords: by e-mail (a real mail through SMTP on loopback, no user enumeration, rate-limited),
or by the community's staff (a temporary password changed at the next login, audited, the resident told)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from gongzhi.accounts.models import User
from gongzhi.audit.models import AuditEvent
from gongzhi.notices.models import Notice
from gongzhi.residents.models import Resident

from .conftest import PASSWORD
from .test_notices import body_of, subject_of

NEW_PASSWORD = "Xin-Mima-2026!"


def _logged_in(client: Client, username: str, password: str) -> bool:
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


def _reset_link(envelope) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", body_of(envelope))
    assert match, body_of(envelope)
    return match.group(1)


@pytest.mark.django_db
def test_a_resident_resets_by_mail_and_logs_in_with_the_new_password(users, smtp_server, client):
    user = users["resident"]
    User.objects.filter(pk=user.pk).update(email="jumin@example.cn")
    response = client.post(reverse("accounts:password_reset"), {"email": "JuMin@example.cn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert smtp_server.event.wait(5)
    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == ["jumin@example.cn"]
    assert "重设登录密码" in subject_of(envelope)
    link = _reset_link(envelope)
    form_page = client.get(link, follow=True)
    assert 'data-testid="set-password-form"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert _logged_in(Client(), user.username, NEW_PASSWORD)
    assert AuditEvent.objects.get(verb="auth.password_reset").summary == {"via": "email"}
    # the link is used up
    assert 'data-testid="link-invalid"' in client.get(link, follow=True).content.decode()


@pytest.mark.django_db
def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(users, smtp_server, client):
    User.objects.filter(pk=users["resident"].pk).update(email="jumin@example.cn")
    known = client.post(reverse("accounts:password_reset"), {"email": "jumin@example.cn"}, follow=True)
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.cn"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert smtp_server.event.wait(5)
    assert [e.rcpt_tos for e in smtp_server.messages] == [["jumin@example.cn"]]


@pytest.mark.django_db
def test_reset_mails_are_rate_limited_per_address_and_per_source(users, smtp_server, client):
    import time

    from gongzhi.accounts.views import RESET_MAILS_PER_ADDRESS, RESET_MAILS_PER_IP

    User.objects.filter(pk=users["resident"].pk).update(email="jumin@example.cn")
    for _ in range(RESET_MAILS_PER_ADDRESS + 2):
        response = client.post(reverse("accounts:password_reset"), {"email": "jumin@example.cn"})
        assert response["Location"] == reverse(
            "accounts:password_reset_done"
        )  # the same answer, limited or not
    time.sleep(0.5)
    assert len(smtp_server.messages) == RESET_MAILS_PER_ADDRESS
    User.objects.filter(pk=users["party_member"].pk).update(email="dangyuan@example.cn")
    for n in range(RESET_MAILS_PER_IP):  # the same source asking for many addresses is limited as well
        client.post(reverse("accounts:password_reset"), {"email": f"someone{n}@example.cn"})
    client.post(reverse("accounts:password_reset"), {"email": "dangyuan@example.cn"})
    time.sleep(0.5)
    assert all(e.rcpt_tos != ["dangyuan@example.cn"] for e in smtp_server.messages)


@pytest.fixture
def resident_with_account(users, make_resident):
    resident = make_resident("grid_a1", name="胡秀英")
    Resident.objects.filter(pk=resident.pk).update(user=users["resident"])
    return Resident.objects.get(pk=resident.pk)


@pytest.mark.django_db
def test_community_staff_reset_to_a_temporary_password_that_must_be_changed(users, resident_with_account):
    staff = Client()
    staff.force_login(users["community_staff"])
    detail = staff.get(reverse("residents:detail", args=[resident_with_account.pk])).content.decode()
    assert 'data-testid="reset-password"' in detail
    response = staff.post(reverse("residents:reset_password", args=[resident_with_account.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    temporary = re.search(r'data-testid="temporary-password">([^<]+)<', response.content.decode()).group(1)
    user = User.objects.get(pk=users["resident"].pk)
    assert user.password_must_change
    assert user.check_password(temporary)
    assert not user.check_password(PASSWORD)
    event = AuditEvent.objects.get(verb="auth.password_reset_by_staff")
    assert event.actor_id == users["community_staff"].pk
    assert temporary not in str(event.summary)
    assert Notice.objects.filter(recipient=user, title__contains="密码已由村(社区)工作人员重置").exists()

    resident = Client()
    assert _logged_in(resident, user.username, temporary)
    page = resident.get("/wishes/mine/", follow=True)
    assert 'data-testid="must-change"' in page.content.decode()  # any page leads to setting a new password
    set_url = page.redirect_chain[-1][0]
    response = resident.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert not user.password_must_change
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(verb="auth.password_reset", summary={"via": "temporary"}).exists()
    again = Client()
    assert _logged_in(again, user.username, NEW_PASSWORD)
    assert again.get("/wishes/mine/").status_code == 200


@pytest.mark.django_db
def test_only_the_residents_own_community_staff_may_reset_and_refusals_change_nothing(
    users, resident_with_account
):
    before = User.objects.get(pk=users["resident"].pk).password
    url = reverse("residents:reset_password", args=[resident_with_account.pk])
    for name, status in (
        ("other_staff", 404),
        ("township_admin", 403),
        ("grid_worker", 403),
        ("resident", 403),
    ):
        client = Client()
        client.force_login(users[name])
        assert client.post(url).status_code == status, name
    # an account that also holds a role is the system administrator's to reset
    from gongzhi.accounts.models import RoleAssignment
    from gongzhi.accounts.roles import Role

    area = users["party_member"].role_assignments.first().area
    RoleAssignment.objects.create(
        user=users["resident"], role=Role.PARTY_MEMBER, area=area, area_path=area.path
    )
    staff = Client()
    staff.force_login(users["community_staff"])
    response = staff.post(url, follow=True)
    assert "请联系系统管理员" in response.content.decode()
    assert User.objects.get(pk=users["resident"].pk).password == before
    assert not AuditEvent.objects.filter(verb="auth.password_reset_by_staff").exists()


@pytest.mark.django_db
def test_the_login_page_says_how_to_get_an_account_and_how_to_reset(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in html
    assert "还没有账号" in html
    assert "找工作人员重置" in html
