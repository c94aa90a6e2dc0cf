"""Notices: inbox rows always, e-mail through a real SMTP server only after commit."""

import email
from email.header import decode_header, make_header

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gongzhi.accounts.models import User
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import NotPermitted
from gongzhi.notices.actions import notice_mark_read, notice_preferences_set, notice_send
from gongzhi.notices.models import Notice, NoticePreference
from gongzhi.notices.selectors import notice_unread_count
from tests.conftest import make_user

BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"


def with_email(user: User, address: str) -> User:
    User.objects.filter(pk=user.pk).update(email=address)
    user.refresh_from_db()
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def subject_of(envelope) -> str:
    message = email.message_from_bytes(envelope.content)
    return str(make_header(decode_header(message["Subject"])))


def body_of(envelope) -> str:
    message = email.message_from_bytes(envelope.content)
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


# --- Delivery ----------------------------------------------------------------------------


def test_email_goes_out_through_smtp_only_after_commit(
    users, smtp_server, django_capture_on_commit_callbacks
):
    recipient = with_email(users["resident"], "jumin@example.cn")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notice = notice_send(
                recipient=recipient, kind="wish", title="您的微心愿已被认领", body="党员王五认领了您的心愿。"
            )
        assert smtp_server.messages == []  # the change has not committed yet
        assert Notice.objects.get(pk=notice.pk).emailed_at is None
    assert len(callbacks) == 1
    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == ["jumin@example.cn"]
    assert subject_of(envelope) == "[共治] 您的微心愿已被认领"
    assert "党员王五认领了您的心愿。" in body_of(envelope)
    assert Notice.objects.get(pk=notice.pk).emailed_at is not None


def test_committed_and_rolled_back_transactions(audit_triggers_for_flush, smtp_server):
    """Against the real transaction machinery: commit mails once, rollback mails nothing."""
    recipient = make_user("zhangsan", email="zhangsan@example.cn")
    with transaction.atomic():
        notice_send(recipient=recipient, kind="case", title="已受理")
    assert smtp_server.event.wait(5)
    assert [e.rcpt_tos for e in smtp_server.messages] == [["zhangsan@example.cn"]]

    class Abort(Exception):
        pass

    def send_then_abort() -> None:
        with transaction.atomic():
            notice_send(recipient=recipient, kind="case", title="已办结")
            raise Abort

    with pytest.raises(Abort):
        send_then_abort()
    assert len(smtp_server.messages) == 1
    assert list(Notice.objects.values_list("title", flat=True)) == ["已受理"]


def test_rolled_back_savepoint_sends_nothing(users, smtp_server, django_capture_on_commit_callbacks):
    recipient = with_email(users["resident"], "jumin@example.cn")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notice_send(recipient=recipient, kind="case", title="不应发出")
                raise RuntimeError("the surrounding action failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert smtp_server.messages == []
    assert not Notice.objects.exists()


def test_email_off_means_inbox_only(users, smtp_server, django_capture_on_commit_callbacks):
    recipient = with_email(users["resident"], "jumin@example.cn")
    notice_preferences_set(actor=recipient, email_enabled=False, daily_digest=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice = notice_send(recipient=recipient, kind="case", title="已受理")
    assert callbacks == []
    assert smtp_server.messages == []
    assert Notice.objects.filter(pk=notice.pk, recipient=recipient, emailed_at__isnull=True).exists()
    assert notice_unread_count(viewer=recipient) == 1


def test_no_address_means_inbox_only(users, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice_send(recipient=users["resident"], kind="case", title="已受理")
    assert callbacks == []
    assert smtp_server.messages == []
    assert Notice.objects.count() == 1


def test_mail_server_down_keeps_the_notice(users, settings, django_capture_on_commit_callbacks, caplog):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = s.getsockname()[1]
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # not the test locmem
    recipient = with_email(users["resident"], "jumin@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_send(recipient=recipient, kind="case", title="已受理")
    notice.refresh_from_db()
    assert notice.emailed_at is None
    assert Notice.objects.count() == 1
    assert f"notice {notice.pk}: e-mail delivery failed" in caplog.text


# --- Pages -------------------------------------------------------------------------------


def test_inbox_lists_own_notices_only(users):
    notice_send(recipient=users["resident"], kind="case", title="给居民的通知")
    notice_send(recipient=users["party_member"], kind="case", title="给党员的通知")
    page = signed_in(users["resident"]).get(reverse("notices:inbox"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "给居民的通知" in html
    assert "给党员的通知" not in html
    assert page["Cache-Control"] == "no-store"


def test_inbox_needs_a_login(db):
    response = Client().get(reverse("notices:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_marking_read_own_notice(users):
    notice = notice_send(recipient=users["resident"], kind="case", title="已受理")
    response = signed_in(users["resident"]).post(reverse("notices:read", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:inbox")
    notice.refresh_from_db()
    assert notice.read_at is not None
    event = AuditEvent.objects.get(verb="notice.read")
    assert event.actor_id == users["resident"].pk
    assert event.target_id == str(notice.pk)


def non_auth_events() -> int:
    # Logins, and the trace a refused attempt leaves (access.*), are not changes.
    return AuditEvent.objects.exclude(verb__startswith="auth.").exclude(verb__startswith="access.").count()


@pytest.mark.parametrize(
    "role", ["party_member", "community_staff", "township_admin", "audit_admin", "sys_admin"]
)
def test_marking_another_users_notice_read_is_404_and_changes_nothing(users, role):
    notice = notice_send(recipient=users["resident"], kind="case", title="私人通知")
    client = signed_in(users[role])
    before = non_auth_events()
    response = client.post(reverse("notices:read", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    assert non_auth_events() == before
    missing = client.post(reverse("notices:read", args=[notice.pk + 1000]))
    assert missing.status_code == 404  # "not yours" and "missing" look the same


def test_mark_read_action_refuses_other_users(users):
    notice = notice_send(recipient=users["resident"], kind="case", title="私人通知")
    with pytest.raises(NotPermitted):
        notice_mark_read(actor=users["party_member"], notice=notice)
    notice.refresh_from_db()
    assert notice.read_at is None
    assert not AuditEvent.objects.filter(verb="notice.read").exists()


def test_read_redirects_only_within_the_site(users):
    inside = notice_send(recipient=users["resident"], kind="case", title="内部", url="/me/")
    outside = notice_send(
        recipient=users["resident"], kind="case", title="外部", url="https://evil.example/x"
    )
    client = signed_in(users["resident"])
    assert client.post(reverse("notices:read", args=[inside.pk]))["Location"] == "/me/"
    assert client.post(reverse("notices:read", args=[outside.pk]))["Location"] == reverse("notices:inbox")


def test_preferences_page_saves_and_audits(users):
    client = signed_in(users["community_staff"])
    assert client.get(reverse("notices:preferences")).status_code == 200
    response = client.post(reverse("notices:preferences"), {"daily_digest": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:inbox")
    pref = NoticePreference.objects.get(user=users["community_staff"])
    assert (pref.email_enabled, pref.daily_digest) == (False, True)
    event = AuditEvent.objects.get(verb="notice.preferences_changed")
    assert event.actor_id == users["community_staff"].pk
    assert event.summary == {"email_enabled": False, "daily_digest": True}
    assert "通知设置已保存" in client.get(reverse("notices:inbox")).content.decode()


def test_enabling_email_without_an_address_is_refused_and_changes_nothing(users):
    client = signed_in(users["community_staff"])
    response = client.post(reverse("notices:preferences"), {"email_enabled": "on"})
    assert response.status_code == 200
    assert "没有登记电子邮箱" in response.content.decode()
    assert not NoticePreference.objects.exists()
    assert not AuditEvent.objects.filter(verb="notice.preferences_changed").exists()
