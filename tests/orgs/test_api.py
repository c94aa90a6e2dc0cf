"""The registry over the API: the same actions and messages as the pages; the contact masked."""

import json

import pytest

from gongzhi.orgs.models import Organisation, OrgState
from tests.orgs.conftest import PHONE
from tests.selfgov.test_proposals_api import auth

pytestmark = pytest.mark.django_db


def _post(client, path, body, who):
    return client.post(path, json.dumps(body), content_type="application/json", **who)


def test_register_review_and_read_over_the_api(users, areas, client):
    admin = auth(users["township_admin"])
    body = {
        "home_id": areas["township"].pk, "name": "永安镇志愿者协会", "kind": "volunteer", "authority": "某县民政局",
        "contact_name": "王明", "contact_phone": PHONE, "serves_all": True, "credit_code": "91110108551385082A",
    }  # fmt: skip
    response = _post(client, "/api/v1/orgs", body, admin)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_credit_code"
    assert "统一社会信用代码" in response.json()["message"]
    assert not Organisation.objects.exists()
    response = _post(client, "/api/v1/orgs", {**body, "credit_code": "91110108551385082Q"}, admin)
    assert response.status_code == 201
    made = response.json()
    assert (made["state"], made["contact_name"], made["contact_phone"]) == ("pending", "王**", "139****5678")
    assert set(made["community_ids"]) == {areas["village"].pk, areas["urban"].pk}
    moved = _post(client, f"/api/v1/orgs/{made['id']}/move", {"verb": "approve"}, admin)
    assert moved.json()["state"] == OrgState.REGISTERED
    added = _post(client, f"/api/v1/orgs/{made['id']}/representatives", {"username": "volunteer"}, admin)
    assert added.status_code == 201
    assert [r["username"] for r in added.json()["representatives"]] == ["volunteer"]
    rep = auth(users["volunteer"])
    changed = _post(
        client, f"/api/v1/orgs/{made['id']}/profile", {"contact_name": "赵六", "description": "简介"}, rep
    )
    assert changed.json()["contact_name"] == "赵**"
    refused = _post(client, f"/api/v1/orgs/{made['id']}/move", {"verb": "suspend", "reason": "自己暂停"}, rep)
    assert refused.status_code == 403
    listed = client.get(f"/api/v1/orgs?community_id={areas['urban'].pk}", **auth(users["township_reviewer"]))
    assert [o["name"] for o in listed.json()] == ["永安镇志愿者协会"]
    assert PHONE not in listed.content.decode()


def test_naming_a_representative_tells_nothing_about_accounts_out_of_reach(
    users, areas, client, township_org
):
    """An unknown username and an account that is neither on the keeper's register nor holding a role there get
    the same message, on the API and the page, and nobody is named."""
    admin = auth(users["township_admin"])
    path = f"/api/v1/orgs/{township_org.pk}/representatives"
    unknown = _post(client, path, {"username": "no-such-account"}, admin)
    elsewhere = _post(client, path, {"username": "nobody"}, admin)
    assert unknown.status_code == elsewhere.status_code == 400
    assert unknown.json()["message"] == elsewhere.json()["message"]
    assert "管辖范围内" in elsewhere.json()["message"]
    blank = _post(client, path, {"username": "  "}, admin)
    assert (blank.status_code, blank.json()["message"]) == (400, "请填写代表的登录用户名。")
    client.force_login(users["township_admin"])
    page = client.post(f"/orgs/{township_org.pk}/representatives/", {"username": "nobody"}, follow=True)
    assert "管辖范围内" in page.content.decode()
    assert not users["nobody"].role_assignments.exists()
