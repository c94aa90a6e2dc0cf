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


# --- 民主法治示范村 applications over the API (multipart, as the page) --------------------------------------------


def _assessment() -> str:
    from gongzhi.legal.standards import CRITERION_KEYS

    return json.dumps(
        {key: {"met": True, "note": "有制度有记录"} for key in CRITERION_KEYS}, ensure_ascii=False
    )


def _apply_form(year: int, files: list) -> dict:
    body: dict = {
        "year": str(year),
        "summary": "本村建立了法律顾问制度，培养法律明白人，矛盾纠纷不出村。",
        "assessment": _assessment(),
    }
    if files:
        body["files"] = files
    return body


def _pdf(name: str = "材料.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.pdfs import BLANK_PDF

    return SimpleUploadedFile(name, BLANK_PDF, content_type="application/pdf")


def _nothing_changed(before: tuple) -> None:
    from gongzhi.audit.models import AuditEvent
    from gongzhi.legal.models import Application, Attachment

    legal = AuditEvent.objects.filter(verb__startswith="legal.").count()
    assert (Application.objects.count(), Attachment.objects.count(), legal) == before


def _counts() -> tuple:
    from gongzhi.audit.models import AuditEvent
    from gongzhi.legal.models import Application, Attachment

    legal = AuditEvent.objects.filter(verb__startswith="legal.").count()
    return Application.objects.count(), Attachment.objects.count(), legal


def test_staff_apply_over_the_api_with_pdfs_and_bad_input_changes_nothing(
    client, users, areas, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from gongzhi.legal.models import Application

    settings.DATA_DIR = tmp_path
    staff, year = users["community_staff"], timezone.localdate().year
    url = f"/api/v1/legal/communities/{areas['village'].pk}/applications"
    before = _counts()
    # Not a PDF (the page's check, core.pdfs): refused with its Chinese message, nothing stored.
    html = SimpleUploadedFile("a.pdf", b"<html>", content_type="application/pdf")
    bad = client.post(url, _apply_form(year, [html]), **_headers(staff))
    assert bad.status_code == 400
    assert "不是有效的PDF" in bad.json()["message"]
    # More than five attachments.
    many = client.post(url, _apply_form(year, [_pdf(f"{n}.pdf") for n in range(6)]), **_headers(staff))
    assert many.status_code == 400
    assert "附件最多5个" in many.json()["message"]
    # No attachment at all, and a self-assessment that is not a JSON object.
    bare = client.post(url, _apply_form(year, []), **_headers(staff))
    assert "请上传佐证材料" in bare.json()["message"]
    garbled = client.post(url, {**_apply_form(year, [_pdf()]), "assessment": "[1, 2"}, **_headers(staff))
    assert garbled.status_code == 400
    assert "JSON 对象" in garbled.json()["message"]
    # Someone not allowed: a resident (403), another community's staff (404, as if it did not exist).
    resident = client.post(url, _apply_form(year, [_pdf()]), **_headers(users["resident"]))
    assert resident.status_code == 403
    other = f"/api/v1/legal/communities/{areas['urban'].pk}/applications"
    assert client.post(other, _apply_form(year, [_pdf()]), **_headers(staff)).status_code == 404
    _nothing_changed(before)
    assert not any(tmp_path.rglob("*.pdf"))

    made = client.post(
        url, _apply_form(year, [_pdf(), _pdf("台账.pdf")]), HTTP_IDEMPOTENCY_KEY="apply-1", **_headers(staff)
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["state"], body["attachments"], body["year"]) == ("submitted", 2, year)
    # A retry with the same key and the same files answers the first application; nothing is added.
    retry = client.post(
        url, _apply_form(year, [_pdf(), _pdf("台账.pdf")]), HTTP_IDEMPOTENCY_KEY="apply-1", **_headers(staff)
    )
    assert retry.status_code == 201
    assert retry.json()["id"] == body["id"]
    application = Application.objects.get()
    assert application.attachments.count() == 2
    assert len(list(tmp_path.rglob("*.pdf"))) == 2
    # Without the key, a second application of the same year is refused, as on the page.
    again = client.post(url, _apply_form(year, [_pdf()]), **_headers(staff))
    assert again.status_code == 400
    assert "不能重复申报" in again.json()["message"]


def test_a_returned_application_is_resubmitted_over_the_api(client, users, areas, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from gongzhi.legal import actions
    from gongzhi.legal.models import Application

    settings.DATA_DIR = tmp_path
    staff = users["community_staff"]
    application = actions.application_submit(
        actor=staff, community=areas["village"], year=timezone.localdate().year,
        assessment=json.loads(_assessment()), summary="本村建立了法律顾问制度，培养法律明白人，矛盾纠纷不出村。",
        files=[_pdf(f"{n}.pdf") for n in range(3)],
    )  # fmt: skip
    url = f"/api/v1/legal/applications/{application.pk}/resubmit"
    form = {"summary": "补充了调解台账和普法活动记录，矛盾纠纷不出村。", "assessment": _assessment()}
    # Not yet returned: the lifecycle refuses it.
    early = client.post(url, form, **_headers(staff))
    assert early.status_code == 400
    assert early.json()["code"] != "validation_error"
    actions.application_decide(
        actor=users["township_admin"], application=application, verb="return", note="请补充"
    )
    before = _counts()
    html = SimpleUploadedFile("b.pdf", b"<html>", content_type="application/pdf")
    bad = client.post(url, {**form, "files": [html]}, **_headers(staff))
    assert bad.status_code == 400
    assert "不是有效的PDF" in bad.json()["message"]
    # Three already, three more: beyond five.
    many = client.post(url, {**form, "files": [_pdf(f"{n}.pdf") for n in range(3)]}, **_headers(staff))
    assert "附件最多5个" in many.json()["message"]
    assert client.post(url, {**form, "files": [_pdf()]}, **_headers(users["resident"])).status_code == 403
    outside = client.post(url, {**form, "files": [_pdf()]}, **_headers(users["other_staff"]))
    assert outside.status_code == 404
    decider = client.post(url, {**form, "files": [_pdf()]}, **_headers(users["township_admin"]))
    assert decider.status_code == 403
    _nothing_changed(before)
    assert Application.objects.get().state == "returned"

    done = client.post(url, {**form, "files": [_pdf("补充.pdf")]}, **_headers(staff))
    assert done.status_code == 200, done.content
    assert (done.json()["state"], done.json()["attachments"]) == ("submitted", 4)
    assert Application.objects.get().summary.startswith("补充了调解台账")


def _legal_state():
    from gongzhi.audit.models import AuditEvent
    from gongzhi.legal.models import Aide, Setting, Slot

    return (
        list(Aide.objects.order_by("pk").values_list("pk", "ended_at")),
        list(Slot.objects.order_by("pk").values_list("pk", "cancelled_at")),
        Consultation.objects.count(),
        list(Setting.objects.values_list("pk", flat=True)),
        AuditEvent.objects.filter(verb__startswith="legal.").count(),
    )


def test_an_aide_leaves_and_the_target_is_set_over_the_api(client, users, areas, adviser):
    from gongzhi.audit.models import AuditEvent

    path = f"/api/v1/legal/aides/{adviser.pk}/end"
    before = _legal_state()
    refused = _post(client, path, {"reason": ""}, users["community_staff"])
    assert refused.status_code == 400
    assert "离任原因" in refused.json()["message"]
    assert _post(client, path, {"reason": "任期届满"}, users["other_staff"]).status_code == 404
    assert _post(client, path, {"reason": "任期届满"}, users["supervisor"]).status_code == 403
    target = f"/api/v1/legal/townships/{areas['township'].pk}/target"
    bad = _post(client, target, {"target": -1}, users["township_admin"])
    assert bad.status_code == 400
    assert bad.json()["message"]
    assert _post(client, target, {"target": 4}, users["community_staff"]).status_code == 403
    assert _legal_state() == before
    ended = _post(client, path, {"reason": "任期届满"}, users["community_staff"])
    assert ended.status_code == 200, ended.content
    assert AuditEvent.objects.filter(verb="legal.aide_ended", target_id=str(adviser.pk)).count() == 1
    again = _post(client, path, {"reason": "任期届满"}, users["community_staff"])
    assert again.status_code == 400
    assert "已经离任" in again.json()["message"]
    done = _post(client, target, {"target": 4}, users["township_admin"])
    assert done.status_code == 200, done.content
    assert done.json()["target"] == 4
    assert AuditEvent.objects.filter(verb="legal.target_set").count() == 1


def test_a_slot_is_withdrawn_and_a_clerk_books_for_a_resident_over_the_api(
    client, users, areas, slot, adviser, make_resident
):
    from gongzhi.audit.models import AuditEvent

    first, second = slot(), slot(hours_ahead=50)
    elder = make_resident(name="王老伯")
    book_for = f"/api/v1/legal/slots/{first.pk}/book-for"
    body = {"resident_id": elder.pk, "topic": "赡养纠纷", "consent_channel": "phone"}
    before = _legal_state()
    no_channel = _post(client, book_for, {**body, "consent_channel": "guess"}, users["window_clerk"])
    assert no_channel.status_code == 400
    assert no_channel.json()["message"]
    assert _post(client, book_for, body, users["other_staff"]).status_code == 404
    assert _post(client, book_for, body, users["resident"]).status_code == 403
    withdraw = f"/api/v1/legal/slots/{second.pk}/withdraw"
    assert _post(client, withdraw, {}, users["other_staff"]).status_code == 404
    assert _post(client, withdraw, {}, users["resident"]).status_code == 403
    assert _legal_state() == before
    booked = [
        client.post(book_for, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY="bf-1",
                    **_headers(users["window_clerk"]))
        for _ in range(2)
    ]  # fmt: skip
    assert [b.status_code for b in booked] == [201, 201], booked[0].content
    assert booked[0].json()["id"] == booked[1].json()["id"]
    assert Consultation.objects.count() == 1
    assert AuditEvent.objects.filter(verb="legal.consultation_booked_assisted").count() == 1
    withdrawn = _post(client, withdraw, {}, users["community_staff"])
    assert withdrawn.status_code == 200, withdrawn.content
    assert withdrawn.json()["withdrawn"] is True
    assert AuditEvent.objects.filter(verb="legal.slot_withdrawn").count() == 1
    again = _post(client, withdraw, {}, users["community_staff"])
    assert again.status_code == 400
    assert "已经撤回" in again.json()["message"]
