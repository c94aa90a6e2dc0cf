"""A signed-in user changes their own password (Chinese, audited, Django's validators); every
password rule speaks Chinese by default."""

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from gongzhi.accounts.models import User
from gongzhi.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"
NEW = "Neues-Passwort-2027"
URL = "/accounts/password/"


@pytest.fixture
def resident_client(users):
    client = Client()
    client.force_login(users["resident"], backend=BACKEND)
    return client


def change(client, current=PASSWORD, new=NEW, again=None):
    return client.post(
        URL, {"current_password": current, "new_password": new, "new_password_again": again or new}
    )


def snapshot(user: User):
    user.refresh_from_db()
    return (
        user.password,
        user.password_changed_at,
        AuditEvent.objects.filter(verb="auth.password_changed").count(),
    )


def test_the_page_is_chinese_and_lists_the_rules(resident_client):
    html = resident_client.get(URL).content.decode()
    assert "修改密码" in html
    assert "当前密码" in html
    assert "再次输入新密码" in html
    assert "密码至少12个字符。" in html
    assert "不能使用常见密码。" in html
    assert "Your password" not in html
    assert 'autocomplete="new-password"' in html
    assert "required" in html


def test_the_page_is_linked_from_my_page(resident_client):
    assert 'href="/accounts/password/"' in resident_client.get("/me/").content.decode()


def test_a_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_password_is_changed_audited_and_other_sessions_end(users, resident_client):
    elsewhere = Client()
    elsewhere.force_login(users["resident"], backend=BACKEND)
    assert elsewhere.get("/me/").status_code == 200

    response = change(resident_client)

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    user = User.objects.get(pk=users["resident"].pk)
    assert user.check_password(NEW)
    assert user.password_changed_at is not None
    event = AuditEvent.objects.get(verb="auth.password_changed")
    assert event.actor_id == user.pk
    assert NEW not in str(event.summary)
    assert PASSWORD not in str(event.summary)
    assert "密码已修改" in resident_client.get("/me/").content.decode()  # this session stays
    assert elsewhere.get("/me/")["Location"].startswith("/accounts/login/")  # the other one ended


@pytest.mark.parametrize(
    ("current", "new", "again", "message"),
    [
        ("wrong-password-1", NEW, None, "当前密码不正确。"),
        (PASSWORD, "Short-1", None, "密码太短，至少需要12个字符。"),
        (PASSWORD, "123456789012345", None, "密码不能全是数字。"),
        (PASSWORD, NEW, "Neues-Passwort-2028", "两次输入的新密码不一致。"),
        (PASSWORD, PASSWORD, None, "新密码不能与当前密码相同。"),
        (PASSWORD, "resident-Pass", None, "太相似"),
    ],
)
def test_a_refused_change_says_why_in_chinese_and_changes_nothing(users, resident_client, current, new, again,
                                                                  message):  # fmt: skip
    before = snapshot(users["resident"])
    response = change(resident_client, current, new, again)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert snapshot(users["resident"]) == before


def messages_of(password: str, user=None) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_password(password, user=user)
    return caught.value.messages


def test_every_password_rule_speaks_chinese_by_default():
    translation.deactivate_all()  # not even a language active: the messages are ours, in Chinese
    user = User(username="wangxiuying", display_name="王秀英")
    assert "密码太短，至少需要12个字符。" in messages_of("Ab1!", user)
    assert "这个密码太常见，容易被猜到，请换一个。" in messages_of("password123456", user)
    assert "密码不能全是数字。" in messages_of("123456789012345", user)
    assert any("太相似" in m for m in messages_of("Wangxiuying-1", user))
    assert all("密码" in text for text in password_validators_help_texts())


def test_the_rules_speak_english_when_asked():
    with translation.override("en"):
        text = " ".join(messages_of("Ab1!"))
        assert "at least 12 characters" in text
        assert "密码" not in text
