"""The legal API: the same actions and scoping as the pages; names and phones masked; a topic only to whom it
belongs."""

import json

from gongzhi.accounts.actions import api_token_create
from gongzhi.legal.models import Consultation


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="legal")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path: str, body: dict, user):
    return client.post(path, json.dumps(body), content_type="application/json", **_headers(user))


def test_a_resident_books_over_the_api_once_and_a_second_gets_a_conflict(client, villagers, slot, adviser):
    target = slot()
    listed = client.get("/api/v1/legal/slots", **_headers(villagers[0])).json()
    assert [s["id"] for s in listed] == [target.pk]
    assert listed[0]["adviser"] == "李**"
    booked = _post(client, f"/api/v1/legal/slots/{target.pk}/book", {"topic": "离婚财产分割"}, villagers[0])
    assert booked.status_code == 201
    assert booked.json()["mine"] is True
    taken = _post(client, f"/api/v1/legal/slots/{target.pk}/book", {"topic": "合同"}, villagers[1])
    assert taken.status_code == 409
    assert "已被他人预约" in taken.json()["message"]
    assert Consultation.objects.count() == 1
    assert client.get("/api/v1/legal/slots", **_headers(villagers[1])).json() == []
    mine = client.get("/api/v1/legal/consultations", **_headers(villagers[1])).json()
    assert mine == []


def test_the_roster_is_masked_and_coverage_counts_it(client, users, areas, adviser, make_resident):
    from django.utils import timezone

    from gongzhi.legal import actions

    staff = users["community_staff"]
    savvy = actions.savvy_select(actor=staff, community=areas["village"], resident=make_resident(name="陈明白"),
                                 group="youth")  # fmt: skip
    for hours in ("2", "1.5"):
        actions.savvy_training_record(actor=staff, savvy=savvy, held_on=timezone.localdate(), course="宪法",
                                      hours=hours, organiser="镇司法所")  # fmt: skip
    roster = client.get(
        f"/api/v1/legal/communities/{areas['village'].pk}/roster", **_headers(users["supervisor"])
    )
    body = roster.json()
    assert body["aides"][0]["name"] == "李**"
    assert body["aides"][0]["phone"] == "138****8000"
    assert "李明律" not in roster.content.decode()
    assert [(s["name"], float(s["training_hours"])) for s in body["law_savvy"]] == [("陈**", 3.5)]
    second = _post(
        client,
        f"/api/v1/legal/communities/{areas['village'].pk}/aides",
        {
            "kind": "adviser",
            "name": "王法官",
            "unit": "县司法局",
            "phone": "13900139000",
            "term_start": "2026-01-01",
        },
        users["community_staff"],
    )
    assert second.status_code == 400
    assert "已有在任的法律顾问" in second.json()["message"]
    coverage = client.get("/api/v1/legal/coverage", **_headers(users["township_admin"])).json()
    assert {(c["community_name"], c["short"], c["has_adviser"]) for c in coverage} == {
        ("青山村", 3, True),
        ("东街社区", 3, False),
    }
