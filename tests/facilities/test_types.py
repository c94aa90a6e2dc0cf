"""A township's own facility types: added, edited, retired by the township office only; used by its communities
only; required by its standard; each refusal is a Chinese message and changes nothing (actions, page, API)."""

import json

import pytest
from django.urls import reverse

from gongzhi.accounts.actions import api_token_create
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.facilities import actions, selectors
from gongzhi.facilities.models import FacilityType
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _add(actor, township, name="非遗传习室", **extra):
    values = {"kind": "room", "required_village": True, "signage": "功能室门牌"} | extra
    return actions.facility_type_save(actor=actor, township=township, name=name, **values)


def test_the_township_adds_a_type_its_villages_must_have_and_only_its_communities_see_it(users, areas):
    kind = _add(users["township_admin"], areas["township"])
    assert kind.own
    assert kind.area_path == areas["township"].path
    assert kind.signage == ["功能室门牌"]
    assert AuditEvent.objects.filter(verb="facilities.type_added", target_id=str(kind.pk)).count() == 1
    gap = selectors.gap_of(areas["village"])
    assert "非遗传习室" in {t.name for t in gap.required}
    assert "非遗传习室" in {t.name for t in gap.missing}
    assert "非遗传习室" not in {t.name for t in selectors.gap_of(areas["urban"]).required}
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    assert kind not in selectors.facility_types(other)
    assert kind in selectors.facility_types(areas["township"])
    # A community of the township records a facility of the type; the gap closes.
    actions.facility_save(
        actor=users["community_staff"], community=areas["village"], facility_type=kind, name="传习室",
        opens_at="08:00", closes_at="18:00", signage=["功能室门牌"],
    )  # fmt: skip
    assert "非遗传习室" not in {t.name for t in selectors.gap_of(areas["village"]).missing}


def test_a_community_of_another_township_cannot_use_the_type(users, areas):
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    village = area_create_unchecked(
        kind=AreaKind.COMMUNITY, name="河西村", parent=other, community_type="village"
    )
    theirs = FacilityType.objects.create(kind="room", name="河西书屋", township=other, area_path=other.path)
    staff = make_user("hexi_staff", "community_staff", village)
    with pytest.raises(DomainError) as refused:
        actions.facility_save(
            actor=users["community_staff"], community=areas["village"], facility_type=theirs, name="书屋",
            opens_at="08:00", closes_at="18:00",
        )  # fmt: skip
    assert refused.value.message == "请选择阵地类型。"
    actions.facility_save(
        actor=staff, community=village, facility_type=theirs, name="书屋", opens_at="08:00", closes_at="18:00"
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "党员活动室"}, "已有名为「党员活动室」的阵地类型。"),
        ({"name": "室"}, "名称"),
        ({"kind": "castle"}, "请选择类别"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_changes_nothing(users, areas, values, message):
    before = FacilityType.objects.count()
    with pytest.raises(DomainError) as refused:
        _add(users["township_admin"], areas["township"], **values)
    assert message in refused.value.message
    assert FacilityType.objects.count() == before
    assert not AuditEvent.objects.filter(verb__startswith="facilities.type_").exists()


def test_only_the_township_office_over_the_township_keeps_its_types(users, areas):
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    with pytest.raises(NotPermitted) as refused:
        _add(users["township_admin"], other)
    assert "河西镇不在您管辖的范围内" in refused.value.message
    with pytest.raises(NotPermitted):
        _add(users["community_staff"], areas["township"])
    catalogue = FacilityType.objects.get(name="警务室")
    with pytest.raises(DomainError) as refused:
        actions.facility_type_save(
            actor=users["township_admin"], township=areas["township"], facility_type=catalogue, kind="room",
            name="警务站",
        )  # fmt: skip
    assert "默认目录" in refused.value.message
    with pytest.raises(DomainError):
        actions.facility_type_retire(actor=users["township_admin"], facility_type=catalogue)
    assert FacilityType.objects.get(pk=catalogue.pk).name == "警务室"


def test_a_retired_type_is_no_longer_required_nor_offered_but_a_facility_keeps_it(users, areas):
    kind = _add(users["township_admin"], areas["township"])
    room = actions.facility_save(
        actor=users["community_staff"], community=areas["village"], facility_type=kind, name="传习室",
        opens_at="08:00", closes_at="18:00",
    )  # fmt: skip
    actions.facility_type_retire(actor=users["township_admin"], facility_type=kind)
    assert kind not in selectors.facility_types(areas["township"])
    assert "非遗传习室" not in {t.name for t in selectors.gap_of(areas["village"]).required}
    event = AuditEvent.objects.get(verb="facilities.type_retired")
    assert event.summary["in_use"] == 1
    with pytest.raises(DomainError):  # a new facility may not take a retired type
        actions.facility_save(
            actor=users["community_staff"], community=areas["village"], facility_type=kind, name="新传习室",
            opens_at="08:00", closes_at="18:00",
        )  # fmt: skip
    actions.facility_save(  # the old one keeps it when edited
        actor=users["community_staff"], community=areas["village"], facility=room, facility_type=kind,
        name="传习室（二楼）", opens_at="08:00", closes_at="18:00",
    )  # fmt: skip
    with pytest.raises(DomainError) as again:
        actions.facility_type_retire(actor=users["township_admin"], facility_type=kind)
    assert "已经停用" in again.value.message
    actions.facility_type_retire(actor=users["township_admin"], facility_type=kind, retired=False)
    assert kind in selectors.facility_types(areas["township"])


def test_the_standard_of_an_own_type_is_the_type_itself(users, areas):
    kind = _add(users["township_admin"], areas["township"])
    actions.standard_set(
        actor=users["township_admin"], township=areas["township"], facility_type=kind, required_village=False,
        required_urban=True, signage=[],
    )  # fmt: skip
    kind.refresh_from_db()
    assert (kind.required_village, kind.required_urban) == (False, True)
    assert "非遗传习室" in {t.name for t in selectors.gap_of(areas["urban"]).required}


def test_the_page_adds_edits_and_retires(client, users, areas):
    client.force_login(users["township_admin"])
    url = reverse("facilities:types", args=[areas["township"].pk])
    assert client.get(url).status_code == 200
    answer = client.post(
        url, {"name": "非遗传习室", "kind": "room", "required_village": "1", "signage": "门头"}
    )
    assert answer.status_code == 302
    kind = FacilityType.objects.get(name="非遗传习室")
    assert "非遗传习室" in client.get(url).content.decode()
    client.post(reverse("facilities:type_edit", args=[areas["township"].pk, kind.pk]),
                {"name": "非遗传承室", "kind": "room"})  # fmt: skip
    kind.refresh_from_db()
    assert kind.name == "非遗传承室"
    assert not kind.required_village
    answer = client.post(url, {"name": "党员活动室", "kind": "room"}, follow=True)
    assert "已有名为「党员活动室」的阵地类型。" in answer.content.decode()
    client.post(reverse("facilities:type_retire", args=[areas["township"].pk, kind.pk]), {"retired": "1"})
    kind.refresh_from_db()
    assert kind.retired
    client.force_login(users["community_staff"])
    assert client.get(url).status_code == 403


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="facilities")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


class _Api:
    def __init__(self, client, user):
        self.client, self.headers = client, _headers(user)

    def get(self, path):
        return self.client.get(path, **self.headers)

    def post(self, path, body, **extra):
        return self.client.post(
            path, json.dumps(body), content_type="application/json", **self.headers, **extra
        )


def test_the_api_lists_creates_with_a_key_edits_and_retires(client, users, areas):
    office = _Api(client, users["township_admin"])
    base = f"/api/v1/facilities/types/{areas['township'].pk}"
    body = {"kind": "station", "name": "老年食堂服务站", "required_urban": True}
    made = office.post(base, body, HTTP_IDEMPOTENCY_KEY="type-1")
    assert made.status_code == 201, made.content
    again = office.post(base, body, HTTP_IDEMPOTENCY_KEY="type-1")
    assert again.json()["id"] == made.json()["id"]
    assert FacilityType.objects.filter(name="老年食堂服务站").count() == 1
    listed = office.get(base).json()
    assert any(t["own"] and t["name"] == "老年食堂服务站" for t in listed)
    assert len(listed) == FacilityType.objects.filter(township__isnull=True).count() + 1
    kid = made.json()["id"]
    edited = office.post(f"{base}/{kid}/edit", {"kind": "station", "name": "老年助餐点"})
    assert edited.json()["name"] == "老年助餐点"
    bad = office.post(f"{base}/{kid}/edit", {"kind": "station", "name": "警务室"})
    assert bad.status_code == 400
    assert "警务室" in bad.json()["message"]
    assert office.post(f"{base}/{kid}/retire", {"retired": True}).json()["retired"] is True
    staff = _Api(client, users["community_staff"])
    assert staff.get(base).status_code == 403
