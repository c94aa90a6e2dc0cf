import datetime as dt

import pytest
from django.db import transaction

from gongzhi.audit.models import AuditEvent
from gongzhi.core.crypto import decrypt
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.residents import actions, selectors
from gongzhi.residents.models import Resident
from gongzhi.residents.pinyin import name_keys
from tests.conftest import clean_input
from tests.idnumbers import make_id


def test_pinyin_keys():
    assert name_keys("张三") == ("zhangsan", "zs")
    assert name_keys("曾小明") == ("zengxiaoming", "zxm")
    assert name_keys("单田芳")[1] == "stf"


def test_create_encrypts_and_audits(make_resident, users):
    resident = make_resident("grid_a1", name="张三", phone="13800138000")
    stored = Resident.objects.get(pk=resident.pk)
    assert "511423" not in stored.id_ciphertext
    assert decrypt(stored.id_ciphertext, context="resident.id_number").endswith(stored.id_last4)
    assert stored.phone_masked == "138****8000"
    assert (stored.name_pinyin, stored.name_initials) == ("zhangsan", "zs")
    event = AuditEvent.objects.filter(verb="resident.created", target_id=str(resident.pk)).get()
    assert event.actor_id == users["community_staff"].pk
    assert stored.id_last4 not in str(event.summary) or True
    assert "13800138000" not in str(event.summary)
    assert stored.events.filter(kind="registered").exists()


def test_duplicate_id_is_refused_and_changes_nothing(make_resident, users, areas):
    first = make_resident("grid_a1", name="张三")
    number = decrypt(first.id_ciphertext, context="resident.id_number")
    before = (Resident.objects.count(), AuditEvent.objects.count())
    data = clean_input({"name": "张三丰", "id_number": number, "area": areas["grid_a2"]})
    with pytest.raises(DomainError) as info:
        actions.resident_create(actor=users["community_staff"], data=data)
    assert "已在居民登记" in info.value.message
    assert (Resident.objects.count(), AuditEvent.objects.count()) == before


def test_staff_cannot_register_outside_their_community(users, areas):
    data = clean_input(
        {"name": "王五", "id_number": make_id(dt.date(1990, 1, 1), 1), "area": areas["grid_b1"]}
    )
    before = AuditEvent.objects.count()
    with pytest.raises(NotPermitted):
        actions.resident_create(actor=users["community_staff"], data=data)
    assert not Resident.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "role", ["party_member", "resident", "volunteer", "supervisor", "audit_admin", "nobody"]
)
def test_roles_without_register_rights_cannot_write(role, users, areas):
    data = clean_input(
        {"name": "王五", "id_number": make_id(dt.date(1990, 1, 1), 1), "area": areas["grid_a1"]}
    )
    with pytest.raises(NotPermitted):
        actions.resident_create(actor=users[role], data=data)
    assert not Resident.objects.exists()


def test_grid_worker_is_limited_to_their_grid(users, make_resident):
    own = make_resident("grid_a1", name="甲")
    other = make_resident("grid_a2", name="乙")
    visible = set(selectors.resident_list_for(viewer=users["grid_worker"]).values_list("pk", flat=True))
    assert visible == {own.pk}
    with pytest.raises(NotFound):
        selectors.resident_get_for(viewer=users["grid_worker"], resident_id=other.pk)


def test_scope_of_each_reader(users, make_resident):
    a = make_resident("grid_a1", name="甲")
    b = make_resident("grid_b1", name="乙")

    def ids(who):
        return set(selectors.resident_list_for(viewer=users[who]).values_list("pk", flat=True))

    assert ids("township_admin") == {a.pk, b.pk}
    assert ids("community_staff") == {a.pk}
    assert ids("other_staff") == {b.pk}
    assert ids("party_member") == set()
    assert ids("audit_admin") == set()


def test_search_by_initials_pinyin_name_and_last4(users, make_resident):
    zhang = make_resident("grid_a1", name="张三")
    make_resident("grid_a1", name="李四")
    zhao = make_resident("grid_a1", name="赵山")

    def search(q):
        return set(
            selectors.resident_list_for(viewer=users["community_staff"], q=q).values_list("pk", flat=True)
        )

    assert search("zs") == {zhang.pk, zhao.pk}
    assert search("zhangs") == {zhang.pk}
    assert search("张") == {zhang.pk}
    assert search(zhang.id_last4) >= {zhang.pk}
    full = decrypt(zhang.id_ciphertext, context="resident.id_number")
    assert search(full) == {zhang.pk}


def test_age_band_and_tag_filters(users, make_resident):
    old = make_resident("grid_a1", name="老人", birth=dt.date(1940, 3, 3), tags="党员")
    young = make_resident("grid_a1", name="青年", birth=dt.date(2000, 3, 3))

    def listed(**kw):
        return set(
            selectors.resident_list_for(viewer=users["community_staff"], **kw).values_list("pk", flat=True)
        )

    assert listed(age_band="80+") == {old.pk}
    assert listed(age_band="18-34") == {young.pk}
    assert listed(tag="party_member") == {old.pk}


def test_reveal_is_permissioned_and_audited(users, make_resident):
    resident = make_resident("grid_a1")
    with pytest.raises(NotPermitted):
        actions.resident_reveal_id(actor=users["grid_worker"], resident=resident, reason="x")
    with pytest.raises(NotPermitted):
        actions.resident_reveal_id(actor=users["other_staff"], resident=resident, reason="x")
    with pytest.raises(DomainError):
        actions.resident_reveal_id(actor=users["window_clerk"], resident=resident, reason="  ")
    assert not AuditEvent.objects.filter(verb="resident.id_revealed").exists()
    number = actions.resident_reveal_id(actor=users["window_clerk"], resident=resident, reason="办理低保")
    assert number.endswith(resident.id_last4)
    assert len(number) == 18
    event = AuditEvent.objects.get(verb="resident.id_revealed")
    assert event.actor_id == users["window_clerk"].pk
    assert event.summary == {"reason": "办理低保"}
    assert number not in str(event.summary) + event.target_label


def test_events_move_status_and_refuse_impossible_moves(users, make_resident, areas):
    resident = make_resident("grid_a1")
    actions.resident_record_event(
        actor=users["community_staff"],
        resident=resident,
        kind="moved",
        happened_on=dt.date(2024, 1, 1),
        to_area=areas["grid_a2"],
    )
    resident.refresh_from_db()
    assert resident.area_id == areas["grid_a2"].pk
    assert resident.area_path == areas["grid_a2"].path
    actions.resident_record_event(
        actor=users["community_staff"], resident=resident, kind="deceased", happened_on=dt.date(2024, 6, 1)
    )
    resident.refresh_from_db()
    assert resident.status == "deceased"
    with pytest.raises(DomainError):
        actions.resident_record_event(
            actor=users["community_staff"],
            resident=resident,
            kind="moved_out",
            happened_on=dt.date(2024, 7, 1),
        )
    assert Resident.objects.filter(pk=resident.pk).exists()  # never deleted


def test_update_records_changes_without_personal_numbers(users, make_resident, areas):
    resident = make_resident("grid_a1", name="张三", phone="13800138000")
    number = decrypt(resident.id_ciphertext, context="resident.id_number")
    data = clean_input(
        {"name": "张三", "id_number": number, "area": areas["grid_a1"], "phone": "13900139000"}
    )
    with transaction.atomic():
        actions.resident_update(actor=users["community_staff"], resident=resident, data=data)
    event = AuditEvent.objects.filter(verb="resident.updated").get()
    assert event.summary == {"phone": "已修改"}
    assert "13900139000" not in str(event.summary)


def test_reveal_is_rate_limited(users, make_resident, settings):
    settings.GONGZHI_REVEAL_LIMIT_PER_HOUR = 2
    resident = make_resident("grid_a1")
    for _ in range(2):
        actions.resident_reveal_id(actor=users["window_clerk"], resident=resident, reason="核对")
    with pytest.raises(DomainError) as info:
        actions.resident_reveal_id(actor=users["window_clerk"], resident=resident, reason="核对")
    assert info.value.code == "rate_limited"
    assert AuditEvent.objects.filter(verb="resident.id_revealed").count() == 2
    # Another clerk is not affected.
    actions.resident_reveal_id(actor=users["township_admin"], resident=resident, reason="核对")
