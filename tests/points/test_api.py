"""The points over the API: the same actions and refusals as the pages."""

import datetime as dt
import json
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.hours.models import ServiceCredit
from gongzhi.meetings.actions import (
    RollMark,
    meeting_agenda_vote,
    meeting_item_confirm,
    meeting_roll_close,
    meeting_roll_mark,
)
from gongzhi.meetings.models import Meeting
from gongzhi.points.actions import catalogue_draft, entry_decide, goods_add, points_switch_set
from gongzhi.points.models import Catalogue, Entry, EntryState, Funding, Goods, PointsSwitch, RuleItem

from .conftest import ITEMS
from .test_points import _award


def _api(user) -> Client:
    token = api_token_create(actor=user, user=user, name="test")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_staff_enter_over_the_api_and_a_second_person_approves(staff, second, catalogue, households):
    item = catalogue.items.get(name="门前三包")
    path = f"/api/v1/points/communities/{catalogue.community_id}/entries"
    body = {
        "household": "QS-001",
        "item_id": item.pk,
        "occurred_on": timezone.localdate().isoformat(),
        "evidence": "",
    }
    refused = _post(_api(staff), path, body)
    assert refused.status_code == 400
    assert "凭证说明" in refused.json()["message"]
    keeper = _api(staff)
    sent = [
        keeper.post(
            path,
            json.dumps({**body, "evidence": "网格员检查记录"}),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="entry-1",
        )  # fmt: skip
        for _ in range(2)
    ]
    assert [made.status_code for made in sent] == [201, 201]
    entry_id = sent[0].json()["id"]
    assert sent[1].json()["id"] == entry_id  # the retry with its key: the same entry, not a second one
    assert Entry.objects.filter(item=item).count() == 1
    self_approval = _post(_api(staff), f"/api/v1/points/entries/{entry_id}/decide", {"approve": True})
    assert self_approval.status_code == 400
    assert self_approval.json()["code"] == "self_approval"
    assert (
        _post(_api(second), f"/api/v1/points/entries/{entry_id}/decide", {"approve": True}).status_code == 200
    )
    assert Entry.objects.get(pk=entry_id).state == EntryState.COUNTED


def test_every_write_over_the_api_is_refused_while_off(staff, second, catalogue, households, users, areas):
    counted = entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    appeal = _post(
        _api(users["resident"]), f"/api/v1/points/mine/{counted.pk}/appeal", {"reason": "那天没有参加"}
    )
    assert appeal.status_code == 400
    assert appeal.json()["code"] == "points_off"
    ledger = _api(users["resident"]).get("/api/v1/points/mine").json()
    assert ledger[0]["enabled"] is False
    assert ledger[0]["balance"] == 5


def test_an_appeal_after_the_window_is_refused_over_the_api(staff, second, catalogue, households, users):
    counted = entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    Entry.objects.filter(pk=counted.pk).update(appeal_until=timezone.localdate() - dt.timedelta(days=1))
    answer = _post(
        _api(users["resident"]), f"/api/v1/points/mine/{counted.pk}/appeal", {"reason": "那天没有参加"}
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "appeal_closed"
    assert not counted.appeals.exists()


# --- The catalogue, the store, the funding, the deeds, the switch and the summary over the API ----------------


def _state():
    return (
        PointsSwitch.objects.filter(enabled=True).count(),
        Catalogue.objects.count(),
        RuleItem.objects.count(),
        Entry.objects.count(),
        list(Goods.objects.order_by("pk").values_list("name", "quantity")),
        Funding.objects.count(),
        AuditEvent.objects.filter(verb__startswith="points.").count(),
    )


DRAFT = {
    "title": "青山村积分制规则修订",
    "items": [
        {"name": "参加道德讲堂", "points": 6, "evidence": "签到表"},
        {"name": "参加志愿服务每小时", "points": 2, "evidence": "服务时长记录", "source": "hours"},
    ],
}


def _hold_and_vote(staff, second, meeting_id):
    meeting = Meeting.objects.get(pk=meeting_id)
    meeting_roll_mark(
        actor=staff, meeting=meeting, marks=[RollMark(m.pk, "present") for m in meeting.roll.order_by("id")]
    )
    meeting_roll_close(actor=staff, meeting=meeting)
    vote = meeting_agenda_vote(actor=staff, agenda_item=meeting.agenda.get(number=1), in_favour=5)
    meeting_item_confirm(actor=second, item=vote)


def test_a_catalogue_is_drafted_convened_and_taken_into_force_over_the_api(staff, second, catalogue):
    community = catalogue.community_id
    client = _api(staff)
    drafted = client.post(
        f"/api/v1/points/communities/{community}/catalogues",
        json.dumps(DRAFT),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="draft-1",
    )
    assert drafted.status_code == 201
    body = drafted.json()
    assert (body["version"], body["state"], len(body["items"])) == (2, "draft", 2)
    again = client.post(
        f"/api/v1/points/communities/{community}/catalogues",
        json.dumps(DRAFT),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="draft-1",
    )
    assert again.status_code == 201
    assert again.json()["id"] == body["id"]
    assert Catalogue.objects.filter(community_id=community).count() == 2
    convened = _post(
        client,
        f"/api/v1/points/catalogues/{body['id']}/convene",
        {"held_on": timezone.localdate().isoformat(), "place": "村委会", "urgency_reason": "规则须尽快修订"},
    )
    assert convened.status_code == 200
    assert convened.json()["state"] == "convened"
    early = _post(client, f"/api/v1/points/catalogues/{body['id']}/take", {})
    assert early.status_code == 400
    assert Catalogue.objects.get(pk=body["id"]).state == "convened"
    _hold_and_vote(staff, second, convened.json()["meeting_id"])
    taken = _post(client, f"/api/v1/points/catalogues/{body['id']}/take", {})
    assert taken.status_code == 200
    assert taken.json()["state"] == "in_force"
    in_force = client.get(f"/api/v1/points/communities/{community}/catalogue").json()
    assert in_force["catalogue"]["id"] == body["id"]
    assert [i["points"] for i in in_force["catalogue"]["items"]] == [6, 2]
    assert Catalogue.objects.get(pk=catalogue.pk).state == "superseded"


def test_a_bad_draft_or_convening_is_refused_over_the_api_with_nothing_changed(staff, catalogue):
    before = _state()
    path = f"/api/v1/points/communities/{catalogue.community_id}/catalogues"
    deduction = {"title": "扣分规则", "items": [{"name": "乱扔垃圾", "points": -3, "evidence": "检查记录"}]}
    refused = _post(_api(staff), path, deduction)
    assert refused.status_code == 400
    assert refused.json()["code"] == "deductions_not_allowed"
    assert "扣分" in refused.json()["message"]
    empty = _post(_api(staff), path, {"title": "空规则", "items": []})
    assert empty.status_code == 400
    assert "至少" in empty.json()["message"]
    in_force = _post(
        _api(staff),
        f"/api/v1/points/catalogues/{catalogue.pk}/convene",
        {"held_on": timezone.localdate().isoformat(), "place": "村委会"},
    )
    assert in_force.status_code == 400
    assert in_force.json()["code"] == "not_draft"
    huge = _post(_api(staff), f"/api/v1/points/catalogues/{2**63}/take", {})
    assert huge.status_code == 422
    assert _state() == before


def test_staff_of_another_community_and_the_township_office_may_not_draft(users, catalogue):
    before = _state()
    path = f"/api/v1/points/communities/{catalogue.community_id}/catalogues"
    assert _post(_api(users["other_staff"]), path, DRAFT).status_code == 404
    assert _post(_api(users["township_admin"]), path, DRAFT).status_code == 403
    assert _state() == before


def test_the_store_is_stocked_over_the_api_and_bad_goods_are_refused(staff, catalogue):
    path = f"/api/v1/points/communities/{catalogue.community_id}/goods"
    made = _post(_api(staff), path, {"name": "肥皂", "price": 5, "quantity": 10})
    assert made.status_code == 201
    goods_id = made.json()["id"]
    restocked = _post(_api(staff), f"{path}/{goods_id}/restock", {"quantity": 5})
    assert restocked.status_code == 200
    assert restocked.json()["quantity"] == 15
    before = _state()
    duplicate = _post(_api(staff), path, {"name": "肥皂", "price": 5, "quantity": 1})
    assert duplicate.status_code == 400
    assert "补充库存" in duplicate.json()["message"]
    free = _post(_api(staff), path, {"name": "毛巾", "price": 0, "quantity": 1})
    assert free.status_code == 400
    assert free.json()["details"]["field"] == "price"
    negative = _post(_api(staff), f"{path}/{goods_id}/restock", {"quantity": -3})
    assert negative.status_code == 400
    assert "数量" in negative.json()["message"]
    assert _post(_api(staff), f"{path}/{goods_id + 1000}/restock", {"quantity": 3}).status_code == 404
    assert _state() == before


def test_the_funding_ledger_over_the_api(staff, users, catalogue):
    path = f"/api/v1/points/communities/{catalogue.community_id}/funding"
    body = {"kind": "donation", "source": "爱心企业", "amount": "200.50", "received_on": "2026-01-05"}
    made = _api(staff).post(
        path, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY="fund-1"
    )
    assert made.status_code == 201
    retried = _api(staff).post(
        path, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY="fund-1"
    )
    assert retried.json()["id"] == made.json()["id"]
    reused = _api(staff).post(
        path,
        json.dumps({**body, "amount": "1"}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="fund-1",
    )
    assert reused.status_code == 422
    _post(_api(staff), path, {**body, "kind": "grant", "source": "镇财政", "received_on": "2026-02-01"})
    listed = _api(users["township_admin"]).get(path).json()
    assert [f["source"] for f in listed] == ["镇财政", "爱心企业"]
    assert [f["source"] for f in _api(staff).get(f"{path}?limit=1&offset=1").json()] == ["爱心企业"]
    before = _state()
    for bad, field in [
        ({**body, "amount": "0.001"}, "amount"),
        ({**body, "kind": "loan"}, "kind"),
        ({**body, "received_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat()}, "received_on"),
    ]:
        answer = _post(_api(staff), path, bad)
        assert answer.status_code == 400
        assert answer.json()["details"]["field"] == field
    assert _post(_api(users["township_admin"]), path, body).status_code == 403
    assert _state() == before


def test_recorded_deeds_are_imported_over_the_api_each_once(staff, catalogue, households, users, areas):
    ServiceCredit.objects.create(
        helper=users["resident"],
        hours=Decimal("1.5"),
        source="wish",
        source_id=41,
        community=areas["village"],
    )
    path = f"/api/v1/points/communities/{catalogue.community_id}/deeds-import"
    span = {
        "start": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
        "end": timezone.localdate().isoformat(),
    }
    first = _post(_api(staff), path, span)
    assert first.status_code == 200
    assert first.json() == {"credited": 1, "already": 0, "unmatched": 0}
    assert _post(_api(staff), path, span).json() == {"credited": 0, "already": 1, "unmatched": 0}
    before = _state()
    backwards = _post(_api(staff), path, {"start": span["end"], "end": span["start"]})
    assert backwards.status_code == 400
    assert "起止日期" in backwards.json()["message"]
    assert _state() == before


def test_the_switch_is_read_and_set_over_the_api_by_the_township_office_only(users, areas, staff):
    path = f"/api/v1/points/townships/{areas['township'].pk}/switch"
    office = _api(users["township_admin"])
    assert office.get(path).json()["enabled"] is False
    before = _state()
    assert _post(_api(staff), path, {"enabled": True}).status_code == 403
    assert _api(staff).get(path).status_code == 403
    village = f"/api/v1/points/townships/{areas['village'].pk}/switch"
    assert _post(office, village, {"enabled": True}).status_code == 404
    assert _state() == before
    switched = _post(office, path, {"enabled": True})
    assert switched.status_code == 200
    assert switched.json()["enabled"] is True
    assert office.get(path).json()["enabled"] is True
    before = _state()
    unchanged = _post(office, path, {"enabled": True})
    assert unchanged.status_code == 400
    assert unchanged.json()["code"] == "unchanged"
    assert _state() == before


def test_every_new_write_is_refused_while_off_with_nothing_changed(staff, second, catalogue, users, areas):
    community = catalogue.community_id
    soap = goods_add(actor=staff, community=catalogue.community, name="肥皂", price=2, quantity=3)
    draft = catalogue_draft(actor=staff, community=catalogue.community, title="修订草案", items=ITEMS)
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    before = _state()
    today = timezone.localdate().isoformat()
    writes = [
        (f"/api/v1/points/communities/{community}/catalogues", DRAFT),
        (f"/api/v1/points/catalogues/{draft.pk}/convene", {"held_on": today, "place": "村委会"}),
        (f"/api/v1/points/catalogues/{draft.pk}/take", {}),
        (f"/api/v1/points/communities/{community}/goods", {"name": "毛巾", "price": 3, "quantity": 1}),
        (f"/api/v1/points/communities/{community}/goods/{soap.pk}/restock", {"quantity": 2}),
        (
            f"/api/v1/points/communities/{community}/funding",
            {"kind": "grant", "source": "镇财政", "amount": "10", "received_on": today},
        ),
        (f"/api/v1/points/communities/{community}/deeds-import", {"start": today, "end": today}),
    ]
    for path, body in writes:
        answer = _post(_api(staff), path, body)
        assert answer.status_code == 400, path
        assert answer.json()["code"] == "points_off", path
    assert _state() == before


def test_the_monthly_summary_over_the_api_names_items_never_households(
    staff, second, catalogue, households, users
):
    entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    path = f"/api/v1/points/communities/{catalogue.community_id}/summary"
    summary = _api(users["resident"]).get(path).json()
    assert summary["enabled"] is True
    assert summary["awarded"] == [{"name": "参加道德讲堂", "count": 1, "points": 5}]
    assert summary["awarded_points"] == 5
    assert "QS-001" not in json.dumps(summary, ensure_ascii=False)
    assert _api(users["resident"]).get(f"{path}?month=2001-03-01").json()["awarded"] == []
    assert _api(users["resident"]).get(f"/api/v1/points/communities/{2**62}/summary").status_code == 404


def test_an_appeal_sent_twice_with_its_key_is_filed_once(staff, second, catalogue, households, users):
    counted = entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    client, path = _api(users["resident"]), f"/api/v1/points/mine/{counted.pk}/appeal"
    sent = [
        client.post(
            path,
            json.dumps({"reason": "那天没有参加"}),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="appeal-1",
        )  # fmt: skip
        for _ in range(2)
    ]
    assert [answer.status_code for answer in sent] == [201, 201]
    assert counted.appeals.count() == 1
    again = _post(client, path, {"reason": "那天没有参加"})  # without the key: a second appeal is refused
    assert again.status_code == 400, again.content
    assert again.json()["code"] == "appeal_open"
    assert counted.appeals.count() == 1


def test_a_redemption_sent_twice_with_its_key_takes_the_balance_and_the_stock_once(
    staff, second, catalogue, households
):
    entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    soap = goods_add(actor=staff, community=catalogue.community, name="肥皂", price=2, quantity=3)
    keeper = _api(staff)
    path = f"/api/v1/points/communities/{catalogue.community_id}/redemptions"
    body = json.dumps({"household": "QS-001", "goods_id": soap.pk, "quantity": 1})
    sent = [
        keeper.post(path, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="counter-1")
        for _ in range(2)
    ]
    assert [answer.status_code for answer in sent] == [201, 201], sent[0].content
    assert sent[0].json()["entry"]["id"] == sent[1].json()["entry"]["id"]
    soap.refresh_from_db()
    assert soap.quantity == 2  # one taken from the stock, not two
    assert Entry.objects.filter(account__household=households["zhang"], points__lt=0).count() == 1


# --- Answering appeals, the appeal window and evidence photos over the API (as the pages) ------------------------


def _appeals_state():
    from gongzhi.points.models import Appeal

    return (
        list(Appeal.objects.order_by("pk").values_list("state", "answer")),
        Entry.objects.count(),
        AuditEvent.objects.filter(verb__startswith="points.").count(),
    )


def test_staff_answer_an_appeal_over_the_api_as_on_the_page(staff, second, catalogue, households, users):
    from gongzhi.points.actions import appeal_file

    counted = entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    appeal = appeal_file(actor=users["resident"], entry=counted, reason="那天没有参加道德讲堂")
    community_id = catalogue.community_id
    listed = _api(staff).get(f"/api/v1/points/communities/{community_id}/appeals")
    assert listed.status_code == 200
    assert [a["id"] for a in listed.json()] == [appeal.pk]
    assert listed.json()[0]["entry"]["id"] == counted.pk
    path = f"/api/v1/points/appeals/{appeal.pk}/answer"
    before = _appeals_state()
    # No answer: refused with the action's message, nothing changed.
    refused = _post(_api(staff), path, {"upheld": True, "answer": ""})
    assert refused.status_code == 400
    assert "答复" in refused.json()["message"]
    # Another community's staff: not in their reach (404); the township office reads but does not keep (403).
    assert _post(_api(users["other_staff"]), path, {"upheld": True, "answer": "核实有误"}).status_code == 404
    assert (
        _post(_api(users["township_admin"]), path, {"upheld": True, "answer": "核实有误"}).status_code == 403
    )
    assert _post(_api(users["resident"]), path, {"upheld": True, "answer": "核实有误"}).status_code == 403
    assert _appeals_state() == before
    done = _post(_api(staff), path, {"upheld": True, "answer": "核实签到表，记录有误"})
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "upheld"
    reversal = Entry.objects.get(reverses=counted)
    assert reversal.points == -counted.points
    # The same audit row as the page's.
    event = AuditEvent.objects.get(verb="points.appeal_upheld")
    assert event.actor == staff
    assert event.summary["answer"] == "核实签到表，记录有误"
    again = _post(_api(staff), path, {"upheld": False, "answer": "再答复一次"})
    assert again.status_code == 400
    assert again.json()["code"] == "answered"
    assert Entry.objects.filter(reverses=counted).count() == 1


def test_the_appeal_window_is_read_and_set_over_the_api(staff, catalogue, users):
    from gongzhi.points.models import CommunitySettings

    path = f"/api/v1/points/communities/{catalogue.community_id}/appeal-days"
    assert _api(staff).get(path).json() == {"community_id": catalogue.community_id, "appeal_days": 7}
    audited = AuditEvent.objects.filter(verb="points.appeal_days_set").count()
    for bad in (0, 61, 1000):
        refused = _post(_api(staff), path, {"appeal_days": bad})
        assert refused.status_code == 400
        assert "申诉期请填写1到" in refused.json()["message"]
    assert _post(_api(users["other_staff"]), path, {"appeal_days": 10}).status_code == 404
    assert _post(_api(users["township_admin"]), path, {"appeal_days": 10}).status_code == 403
    assert not CommunitySettings.objects.exists()
    assert AuditEvent.objects.filter(verb="points.appeal_days_set").count() == audited
    done = _post(_api(staff), path, {"appeal_days": 10})
    assert done.status_code == 200, done.content
    assert done.json()["appeal_days"] == 10
    assert _api(staff).get(path).json()["appeal_days"] == 10
    event = AuditEvent.objects.get(verb="points.appeal_days_set")
    assert (event.actor, event.summary["days"], event.summary["before"]) == (staff, 10, 7)


def test_an_entry_with_its_evidence_photo_over_the_api_is_stripped_of_exif(
    staff, catalogue, households, users
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from gongzhi.photos.models import Photo
    from tests.activities.test_activities import jpeg_with_gps

    item = catalogue.items.get(name="获评积德榜")  # an item that asks for a photo
    path = f"/api/v1/points/communities/{catalogue.community_id}/entries-with-photo"
    fields = {
        "household": "QS-001",
        "item_id": item.pk,
        "occurred_on": timezone.localdate().isoformat(),
        "evidence": "道德评议会评议结果",
    }

    def photo(raw: bytes | None = None) -> SimpleUploadedFile:
        return SimpleUploadedFile("凭证.jpg", raw or jpeg_with_gps(), content_type="image/jpeg")

    keeper = _api(staff)

    def counts():
        return (
            Entry.objects.count(),
            Photo.objects.count(),
            AuditEvent.objects.filter(verb__startswith="points.").count(),
        )

    before = counts()
    # Without the photo the item asks for; with something that is not an image; by a reader who does not keep.
    missing = keeper.post(path, fields)
    assert missing.status_code == 400
    assert missing.json()["code"] == "photo_required"
    assert "须附照片" in missing.json()["message"]
    not_image = keeper.post(path, {**fields, "photo": photo(b"%PDF-1.4 not an image")})
    assert not_image.status_code == 400
    assert "图片" in not_image.json()["message"] or "照片" in not_image.json()["message"]
    assert _api(users["township_admin"]).post(path, {**fields, "photo": photo()}).status_code == 403
    assert _api(users["other_staff"]).post(path, {**fields, "photo": photo()}).status_code == 404
    assert counts() == before
    made = [keeper.post(path, {**fields, "photo": photo()}, HTTP_IDEMPOTENCY_KEY="photo-1") for _ in range(2)]
    assert [m.status_code for m in made] == [201, 201], made[0].content
    assert made[0].json()["id"] == made[1].json()["id"]
    entry = Entry.objects.get(pk=made[0].json()["id"])
    assert entry.state == EntryState.PENDING
    assert Photo.objects.count() == before[1] + 1
    with Image.open(entry.photo.file_path) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif
    event = AuditEvent.objects.get(verb="points.entry_entered", target_id=str(entry.pk))
    assert event.summary["photo"] is True
    # The photo is read back by the community's staff and the household's member; not by another community.
    photo_path = f"/api/v1/points/entries/{entry.pk}/photo"
    assert keeper.get(photo_path).status_code == 200
    assert _api(users["other_staff"]).get(photo_path).status_code == 404
