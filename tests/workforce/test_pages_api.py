"""The workforce's pages and API: the same actions and scoping; refusals are Chinese messages that change nothing."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.workforce import actions
from gongzhi.workforce.models import Appointment, ServiceContract, Target, Training
from tests.workforce.conftest import days

pytestmark = pytest.mark.django_db


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="workforce")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path: str, body: dict, user, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **_headers(user), **extra)


def test_the_staff_find_a_resident_by_pinyin_and_appoint_them_on_the_page(
    client, users, areas, posts, make_resident
):
    resident = make_resident(name="王建国", phone="13812345678")
    make_resident("grid_b1", name="王东街")  # another community's: never offered
    village = areas["village"]
    client.force_login(users["community_staff"])
    page = client.get(reverse("workforce:community", args=[village.pk]), {"q": "wjg"}).content.decode()
    assert "王建国" in page
    assert "王东街" not in page
    form = {"resident": resident.pk, "post_type": posts["网格员"].pk, "area": areas["grid_b1"].pk,
            "started_on": days(-1).isoformat()}  # fmt: skip
    refused = client.post(reverse("workforce:appoint", args=[village.pk]), form, follow=True)
    assert "「第1网格」不在青山村内" in refused.content.decode()
    assert not Appointment.objects.exists()
    form["area"] = areas["grid_a1"].pk
    client.post(reverse("workforce:appoint", args=[village.pk]), form)
    appointment = Appointment.objects.get()
    page = client.get(reverse("workforce:community", args=[village.pk])).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    answer = client.post(
        reverse("workforce:train", args=[appointment.pk]),
        {
            "held_on": days(-1).isoformat(),
            "title": "网格员业务培训",
            "hours": "4",
            "organiser": "永安镇综治中心",
        },
    )
    assert answer.status_code == 302
    assert Training.objects.get().title == "网格员业务培训"
    client.post(
        reverse("workforce:vacate", args=[appointment.pk]),
        {"vacated_on": days(0).isoformat(), "reason": "搬走"},
    )
    appointment.refresh_from_db()
    assert appointment.vacate_reason == "搬走"


def test_other_communities_are_404_and_residents_see_only_the_public_list(
    client, users, areas, posts, make_resident
):
    holder = make_resident(name="李梅", phone="13912340000")
    actions.appointment_create(
        actor=users["community_staff"], community=areas["village"], post_type=posts["网格员"], area=areas["grid_a1"],
        resident=holder, started_on=days(-3),
    )  # fmt: skip
    client.force_login(users["other_staff"])
    assert client.get(reverse("workforce:community", args=[areas["village"].pk])).status_code == 404
    assert (
        client.get(reverse("workforce:appointment", args=[Appointment.objects.get().pk])).status_code == 404
    )
    # A resident of 青山村 (on its register) sees who serves them, phones masked, and no staff page.
    own = make_resident(name="居民甲")
    own.user = users["nobody"]
    own.save(update_fields=["user"])
    client.force_login(users["nobody"])
    page = client.get(reverse("workforce:index")).content.decode()
    assert "李梅" in page
    assert "139****0000" in page
    assert client.get(reverse("workforce:public", args=[areas["village"].pk])).status_code == 200
    assert client.get(reverse("workforce:public", args=[areas["urban"].pk])).status_code == 404
    assert client.get(reverse("workforce:community", args=[areas["village"].pk])).status_code == 403


def test_the_township_sets_a_target_sees_the_gap_and_exports_it(client, users, areas, posts):
    client.force_login(users["township_admin"])
    url = reverse("workforce:target", args=[areas["urban"].pk])
    client.post(url, {"min_workers": "6", "covered": [posts["网格员"].pk, posts["楼院门栋长"].pk]})
    target = Target.objects.get()
    assert target.min_workers == 6
    page = client.get(reverse("workforce:staffing")).content.decode()
    assert "还缺 6 人" in page
    assert "第1网格" in page
    assert "1-1栋" in page
    answer = client.get(reverse("workforce:export"))
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[[r[0] for r in rows].index("东街社区")][:4] == ["东街社区", 6, 0, 6]
    assert AuditEvent.objects.filter(verb="workforce.exported").exists()
    client.force_login(users["community_staff"])
    assert client.post(url, {"min_workers": "1"}).status_code == 403
    assert Target.objects.get().min_workers == 6


def test_the_api_appoints_with_an_idempotency_key_and_refuses_in_chinese(
    client, users, areas, posts, make_resident
):
    resident = make_resident(name="赵敏")
    body = {"community_id": areas["village"].pk, "post_type_id": posts["村(居)民小组长"].pk,
            "area_id": areas["grid_a1"].pk, "resident_id": resident.pk, "started_on": days(-5).isoformat()}  # fmt: skip
    staff = users["community_staff"]
    wrong = _post(client, "/api/v1/workforce/appointments", body, staff)
    assert wrong.status_code == 400
    assert (
        wrong.json()["message"]
        == "「村(居)民小组长」设在村(居)民小组，「1组网格」是网格，请选择村(居)民小组。"
    )
    group = areas["grid_a1"].parent
    body["area_id"] = group.pk
    first = _post(client, "/api/v1/workforce/appointments", body, staff, HTTP_IDEMPOTENCY_KEY="wf-1")
    again = _post(client, "/api/v1/workforce/appointments", body, staff, HTTP_IDEMPOTENCY_KEY="wf-1")
    assert first.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Appointment.objects.count() == 1
    made = first.json()["id"]
    trained = _post(client, f"/api/v1/workforce/appointments/{made}/trainings",
                    {"held_on": days(-1).isoformat(), "title": "小组长培训", "hours": "2", "organiser": "镇民政办"},
                    staff)  # fmt: skip
    assert trained.status_code == 201
    detail = client.get(f"/api/v1/workforce/appointments/{made}", **_headers(staff)).json()
    assert detail["trainings"][0]["title"] == "小组长培训"
    assert (
        client.get(f"/api/v1/workforce/appointments/{made}", **_headers(users["other_staff"])).status_code
        == 404
    )
    gap = client.get(f"/api/v1/workforce/communities/{areas['village'].pk}/gap", **_headers(staff)).json()
    assert gap["workers"] == 1
    public = client.get(
        f"/api/v1/workforce/communities/{areas['village'].pk}/public", **_headers(staff)
    ).json()
    assert public == [{"post": "村(居)民小组长", "area": "1组", "name": "赵敏", "phone": ""}]
    vacated = _post(client, f"/api/v1/workforce/appointments/{made}/vacate",
                    {"vacated_on": days(0).isoformat(), "reason": "换届"}, staff)  # fmt: skip
    assert vacated.json()["vacate_reason"] == "换届"


def test_the_api_target_outside_scope_is_404_and_contracts_need_a_serving_organisation(
    client, users, areas, posts, agency
):
    staff, office = users["community_staff"], users["township_admin"]
    assert _post(client, f"/api/v1/workforce/communities/{areas['village'].pk}/target",
                 {"min_workers": 2}, staff).status_code == 403  # fmt: skip
    done = _post(client, f"/api/v1/workforce/communities/{areas['village'].pk}/target",
                 {"min_workers": 2, "covered_post_type_ids": [posts["网格员"].pk]}, office)  # fmt: skip
    assert done.json()["min_workers"] == 2
    body = {"community_id": areas["urban"].pk, "organisation_id": agency.pk, "number": "HT-1", "amount": "5000",
            "starts_on": days(-10).isoformat(), "ends_on": days(300).isoformat()}  # fmt: skip
    refused = _post(client, "/api/v1/workforce/contracts", body, users["other_staff"])
    assert refused.status_code == 400  # the agency does not serve 东街社区
    assert "社会组织" in json.dumps(refused.json(), ensure_ascii=False)
    body["community_id"] = areas["village"].pk
    made = _post(client, "/api/v1/workforce/contracts", body, staff, HTTP_IDEMPOTENCY_KEY="c-1")
    assert made.status_code == 201
    assert ServiceContract.objects.count() == 1
    assert made.json()["ended"] is False
    posts_list = client.get("/api/v1/workforce/posts", **_headers(users["resident"])).json()
    assert "网格员" in [p["name"] for p in posts_list]
    assert _post(client, "/api/v1/workforce/posts", {"name": "护林员", "level": "community", "duty": "volunteer"},
                 staff).status_code == 403  # fmt: skip
