"""The meeting pages and /api/v1/meetings: a meeting convened, its roll marked and closed, an item voted,
minutes written and the meeting closed from the pages; the same over the API; refusals on the page and as
{code, message}; who sees what."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.meetings.models import Meeting, MeetingItem
from tests.meetings.conftest import URGENT, convene_today

TODAY = timezone.localdate


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user) -> Client:
    _token, key = api_token_create(actor=user, user=user, name="测试")
    return Client(headers={"authorization": f"Bearer {key}"})


def test_a_meeting_from_convening_to_closing_on_the_pages(staff, users, village):
    page = _client(staff)
    body = village["representatives"]
    answer = page.get(reverse("meetings:convene"))
    assert answer.status_code == 200
    assert "提前 3 天" in answer.text
    short = {
        "body": body.pk, "held_on": TODAY().isoformat(), "place": "村委会",
        "agenda_1_title": "修建村道", "agenda_1_method": "show_of_hands", "agenda_1_majority": "",
    }  # fmt: skip
    refused = page.post(reverse("meetings:convene"), short)
    assert refused.status_code == 200
    assert "紧急召开的理由" in refused.text
    assert not Meeting.objects.exists()
    done = page.post(reverse("meetings:convene"), short | {"urgency_reason": URGENT})
    meeting = Meeting.objects.get()
    assert done.status_code == 302
    assert done.url == reverse("meetings:detail", args=[meeting.pk])
    # A vote before the roll: not offered, and refused if sent.
    page.post(reverse("meetings:vote", args=[meeting.pk, 1]), {"in_favour": 9})
    assert not MeetingItem.objects.exists()
    lines = list(meeting.roll.order_by("id"))
    roll = {f"a_{m.pk}": "present" for m in lines[:7]} | {f"a_{m.pk}": "absent" for m in lines[7:]}
    assert page.post(reverse("meetings:roll", args=[meeting.pk]), roll).status_code == 302
    page.post(reverse("meetings:roll_close", args=[meeting.pk]))
    detail = page.get(reverse("meetings:detail", args=[meeting.pk]))
    assert "符合法定人数" in detail.text
    assert (
        page.post(reverse("meetings:vote", args=[meeting.pk, 1]), {"in_favour": 6, "against": 1}).status_code
        == 302
    )
    assert MeetingItem.objects.get().passed
    page.post(reverse("meetings:minutes", args=[meeting.pk]), {"minutes": "王主任主持，审议村道修建。"})
    page.post(reverse("meetings:close", args=[meeting.pk]))
    assert Meeting.objects.get().state == "held"  # the count is not yet confirmed by a second person
    assert "第二人复核" in page.get(reverse("meetings:detail", args=[meeting.pk])).text
    pdf = page.get(reverse("meetings:record_pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_members_see_their_meeting_without_the_roll_and_others_get_404(staff, users, village):
    meeting = convene_today(staff, village["representatives"])
    member = _client(village["代表一"].user)
    seen = member.get(reverse("meetings:detail", args=[meeting.pk]))
    assert seen.status_code == 200
    assert "修建村道" in seen.text
    assert "王主任" not in seen.text
    assert member.get(reverse("meetings:record_pdf", args=[meeting.pk])).status_code == 403
    assert (
        member.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "不想开了"}).status_code == 403
    )
    assert _client(users["resident"]).get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert _client(users["other_staff"]).get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    board = _client(users["township_admin"]).get(reverse("meetings:board"))
    assert board.status_code == 200
    assert "共 2 个村(社区)" in board.text
    assert _client(users["resident"]).get(reverse("meetings:board")).status_code == 403


def test_the_api_convenes_holds_and_votes_with_the_same_refusals(staff, users, village):
    api = _api(staff)
    body = {
        "body_id": village["representatives"].pk, "held_on": (TODAY() + dt.timedelta(days=1)).isoformat(),
        "place": "村委会", "agenda": [{"title": "修建村道"}, {"title": "村规民约", "method": "roll_call"}],
    }  # fmt: skip
    refused = api.post("/api/v1/meetings", body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "notice_short"
    assert not Meeting.objects.exists()
    body["held_on"] = TODAY().isoformat()
    created = api.post(
        "/api/v1/meetings", body | {"urgency_reason": URGENT}, content_type="application/json",
        headers={"idempotency-key": "k1"},
    )  # fmt: skip
    assert created.status_code == 201
    meeting = created.json()
    assert [a["number"] for a in meeting["agenda"]] == [1, 2]
    assert len(meeting["roll"]) == 9
    early = api.post(
        f"/api/v1/meetings/{meeting['id']}/agenda/1/vote", {"in_favour": 9}, content_type="application/json"
    )
    assert early.status_code == 400
    assert early.json()["code"] == "roll_open"
    marks = [{"member_id": m["id"], "attendance": "present"} for m in meeting["roll"][:6]]
    marks += [{"member_id": m["id"], "attendance": "absent"} for m in meeting["roll"][6:]]
    assert (
        api.post(
            f"/api/v1/meetings/{meeting['id']}/roll", {"marks": marks}, content_type="application/json"
        ).status_code
        == 200
    )
    proxied = api.post(
        f"/api/v1/meetings/{meeting['id']}/roll",
        {"marks": [{"member_id": meeting["roll"][8]["id"], "attendance": "proxy", "proxy_name": "王小二"}]},
        content_type="application/json",
    )
    assert proxied.status_code == 400
    assert proxied.json()["code"] == "no_proxy"
    held = api.post(
        f"/api/v1/meetings/{meeting['id']}/roll/close", {}, content_type="application/json"
    ).json()
    assert (held["present"], held["quorate"], held["state"]) == (6, True, "held")
    present_ids = [m["id"] for m in held["roll"] if m["attendance"] == "present"]
    voted = api.post(
        f"/api/v1/meetings/{meeting['id']}/agenda/2/vote",
        {"votes": {str(i): "for" for i in present_ids}},
        content_type="application/json",
    ).json()
    assert voted["agenda"][1]["vote"]["passed"]
    assert _api(users["resident"]).get(f"/api/v1/meetings/{meeting['id']}").status_code == 404
    board = _api(users["township_admin"]).get("/api/v1/meetings/board").json()
    assert [r["community_name"] for r in board["rows"]] == ["青山村", "东街社区"]
    assert board["rows"][0]["upcoming"] == []
