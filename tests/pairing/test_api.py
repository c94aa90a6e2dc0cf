"""The pairing API: the same actions and scoping as the pages; refusals are a Chinese 400 that change nothing."""

import json

from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.pairing.models import Aim, Pair, Visit
from tests.conftest import make_user


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="pairing")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path: str, body: dict, user):
    return client.post(path, json.dumps(body), content_type="application/json", **_headers(user))


def test_pairing_over_the_api(client, users, person, home, areas):
    staff = users["community_staff"]
    aimed = _post(client, "/api/v1/pairing/aims",
                  {"area_id": areas["township"].pk, "tag_codes": ["left_behind_elderly"], "per_member_max": 1},
                  users["township_admin"])  # fmt: skip
    assert aimed.status_code == 200
    assert aimed.json()["per_member_max"] == 1
    first, second = home(), home()
    member, masses = person("李党员", party="01"), person("群众甲")
    refused = _post(client, f"/api/v1/pairing/households/{first.pk}/pair", {"member_id": masses.pk}, staff)
    assert refused.status_code == 400
    assert "党员" in refused.json()["message"]
    made = _post(client, f"/api/v1/pairing/households/{first.pk}/pair", {"member_id": member.pk}, staff)
    assert made.status_code == 201
    over = _post(client, f"/api/v1/pairing/households/{second.pk}/pair", {"member_id": member.pk}, staff)
    assert over.status_code == 400
    assert over.json()["code"] == "over_limit"
    assert Pair.objects.count() == 1
    pair_id = made.json()["id"]
    future = (timezone.localdate() + timezone.timedelta(days=2)).isoformat()
    late = _post(
        client, f"/api/v1/pairing/pairs/{pair_id}/visits", {"visited_on": future, "what": "走访"}, staff
    )
    assert late.status_code == 400
    assert Visit.objects.count() == 0
    ok = _post(client, f"/api/v1/pairing/pairs/{pair_id}/visits",
               {"visited_on": timezone.localdate().isoformat(), "what": "走访"}, staff)  # fmt: skip
    assert ok.status_code == 201
    coverage = client.get("/api/v1/pairing/coverage", **_headers(users["township_admin"])).json()
    village = next(r for r in coverage if r["community_name"] == "青山村")
    assert (village["aim_total"], village["paired"], village["unpaired"]) == (2, 1, 1)
    grids = client.get(f"/api/v1/pairing/communities/{areas['village'].pk}/map", **_headers(staff)).json()[
        "grids"
    ]
    assert sum(len(g["households"]) for g in grids) == 2
    detail = client.get(f"/api/v1/pairing/households/{first.pk}", **_headers(staff)).json()
    assert detail["pairs"][0]["visits"][0]["what"] == "走访"


def test_an_aim_outside_scope_is_404_and_a_stranger_household_404(client, users, areas, home):
    from gongzhi.areas.actions import area_create_unchecked
    from gongzhi.areas.models import AreaKind

    elsewhere = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="太平镇", parent=None, code="511423102000")
    answer = _post(client, "/api/v1/pairing/aims", {"area_id": elsewhere.pk, "tag_codes": ["dibao"]},
                   users["township_admin"])  # fmt: skip
    assert answer.status_code == 404
    assert Aim.objects.count() == 0
    household = home()
    assert (
        client.get(f"/api/v1/pairing/households/{household.pk}", **_headers(users["other_staff"])).status_code
        == 404
    )


def test_mine_over_the_api(client, person, home):
    household_user = make_user("api_hz")
    home(user=household_user)
    near = person("近党员", party="01")
    mine = client.get("/api/v1/pairing/mine", **_headers(household_user)).json()
    assert [c["name"] for c in mine["household"]["choices"]] == ["近党员"]
    chosen = _post(client, "/api/v1/pairing/mine/choose", {"member_id": near.pk}, household_user)
    assert chosen.status_code == 201
    declined = _post(client, "/api/v1/pairing/mine/decline", {}, household_user)
    assert declined.json()["household"]["declined_on"] == timezone.localdate().isoformat()
