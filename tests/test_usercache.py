"""A signed-in request reads its session, user and roles from the shared cache — and a change
counts from the very next request. (Transactional: outside a transaction the cache is written, as in
production; inside one, gongzhi.accounts.usercache stores nothing.)"""

import pytest
from django.db import transaction
from django.test import Client, override_settings

from gongzhi.accounts import actions
from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.notices.actions import notice_send
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"
ME = "/me/"
REGISTER = "/residents/"
FLOOR = "/bench/floor/layout"


@pytest.fixture
def people(users, audit_triggers_for_flush):
    return users


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@override_settings(ROOT_URLCONF="gongzhi.devtools.urls")
def test_a_signed_in_page_reads_only_its_unread_count_once_warm(people, django_assert_num_queries):
    client = signed_in(people["community_staff"])
    assert client.get(FLOOR).status_code == 200  # session, user and roles: into the cache
    with django_assert_num_queries(1) as queries:  # the header's unread count, on its index
        response = client.get(FLOOR)
    assert "notices_notice" in queries.captured_queries[0]["sql"]
    assert response.status_code == 200
    assert 'data-testid="notices-link"' in response.content.decode()


def test_a_revoked_role_stops_working_on_the_very_next_request(people):
    staff, sec_admin = people["community_staff"], people["sec_admin"]
    client = signed_in(staff)
    assert client.get(REGISTER).status_code == 200
    assert client.get(REGISTER).status_code == 200  # from the cache now

    actions.role_revoke(actor=sec_admin, assignment=staff.role_assignments.get(role=Role.COMMUNITY_STAFF))

    assert client.get(REGISTER).status_code == 403


def test_an_assigned_role_works_on_the_very_next_request(people, areas):
    resident, sec_admin = people["resident"], people["sec_admin"]
    client = signed_in(resident)
    assert client.get(REGISTER).status_code == 403
    assert client.get(REGISTER).status_code == 403

    actions.role_assign(actor=sec_admin, user=resident, role=Role.COMMUNITY_STAFF, area=areas["village"])

    assert client.get(REGISTER).status_code == 200


def test_a_role_assigned_in_a_transaction_that_rolls_back_is_never_cached(people, areas):
    resident, sec_admin = people["resident"], people["sec_admin"]
    client = signed_in(resident)
    assert client.get(REGISTER).status_code == 403

    def assign_then_roll_back():
        with transaction.atomic():
            actions.role_assign(
                actor=sec_admin, user=resident, role=Role.COMMUNITY_STAFF, area=areas["village"]
            )
            assert (
                signed_in(resident).get(REGISTER).status_code == 200
            )  # inside: the new role, read, not stored
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError, match="roll back"):
        assign_then_roll_back()
    assert client.get(REGISTER).status_code == 403


def test_a_password_change_ends_the_other_sessions_at_once(people):
    resident = people["resident"]
    here, elsewhere = signed_in(resident), signed_in(resident)
    assert elsewhere.get(ME).status_code == 200
    assert elsewhere.get(ME).status_code == 200

    response = here.post("/accounts/password/", {"current_password": PASSWORD, "new_password": "Neues-Passwort-2027",
                                                 "new_password_again": "Neues-Passwort-2027"})  # fmt: skip

    assert response.status_code == 302
    assert here.get(ME).status_code == 200  # this session stays
    assert elsewhere.get(ME)["Location"].startswith("/accounts/login/")


def test_a_deactivated_user_is_signed_out_at_once(people):
    victim = people["community_staff"]
    client = signed_in(victim)
    assert client.get(ME).status_code == 200
    assert client.get(ME).status_code == 200

    actions.user_deactivate(actor=people["sys_admin"], user=victim)

    assert client.get(ME).status_code == 302
    assert not User.objects.get(pk=victim.pk).is_active


def test_a_user_whose_row_changed_is_read_again(people):
    resident = people["resident"]
    client = signed_in(resident)
    assert "居民甲" not in client.get(ME).content.decode()
    resident.display_name = "居民甲"
    resident.save(update_fields=["display_name"])
    assert "居民甲" in client.get(ME).content.decode()


@override_settings(ROOT_URLCONF="gongzhi.devtools.urls")
def test_a_new_notice_shows_in_the_header_on_the_next_page(people):
    staff = people["community_staff"]
    client = signed_in(staff)
    assert 'data-testid="unread"' not in client.get(FLOOR).content.decode()
    with transaction.atomic():
        notice_send(recipient=staff, kind="test", title="有新心愿待审核")
    assert 'data-testid="unread"' in client.get(FLOOR).content.decode()
    client.post("/notices/read-all/")
    assert 'data-testid="unread"' not in client.get(FLOOR).content.decode()
