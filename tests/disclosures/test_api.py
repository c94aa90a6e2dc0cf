"""The board over /api/v1/: the public list and item with its history to any token, publishing, revising and
withdrawing for the community's staff, what is overdue for the staff pages' readers; JSON errors, nothing
changed on refusal."""

import json

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.disclosures.models import Disclosure, DisclosureRevision

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, headers, body):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


BODY = {
    "category": "finance",
    "title": "2026年10月财务收支公开",
    "body": "收入：土地租金三万元。支出：道路维修一万元。",
}


def test_staff_publish_revise_and_withdraw_and_anyone_reads_it(client, users, areas):
    staff = auth(users["community_staff"])
    made = post(
        client,
        "/api/v1/disclosures",
        staff | {"HTTP_IDEMPOTENCY_KEY": "k-1"},
        BODY | {"community_id": areas["village"].pk},
    )
    assert made.status_code == 201, made.content
    again = post(
        client,
        "/api/v1/disclosures",
        staff | {"HTTP_IDEMPOTENCY_KEY": "k-1"},
        BODY | {"community_id": areas["village"].pk},
    )
    assert again.json()["id"] == made.json()["id"]
    assert Disclosure.objects.count() == 1
    pk = made.json()["id"]
    revised = post(client, f"/api/v1/disclosures/{pk}/revise", staff,
                   {"title": BODY["title"], "body": "收入：土地租金三万五千元。", "reason": "租金数额更正"})  # fmt: skip
    assert revised.status_code == 200
    assert revised.json()["revision"] == 2
    resident = auth(users["resident"])
    listed = client.get(f"/api/v1/disclosures?community_id={areas['village'].pk}", **resident).json()
    assert listed["count"] == 1
    assert listed["items"][0]["category_label"] == "财务公开"
    detail = client.get(f"/api/v1/disclosures/{pk}", **resident).json()
    assert [r["reason"] for r in detail["revisions"]] == ["租金数额更正", ""]
    gone = post(client, f"/api/v1/disclosures/{pk}/withdraw", staff, {"reason": "重复发布"})
    assert gone.status_code == 200
    assert gone.json()["body"] == ""
    assert gone.json()["withdrawn_reason"] == "重复发布"
    assert (
        client.get(f"/api/v1/disclosures?community_id={areas['village'].pk}", **resident).json()["count"] == 0
    )


def test_refusals_are_json_with_a_chinese_message_and_change_nothing(client, users, areas):
    staff = auth(users["community_staff"])
    bad = post(
        client,
        "/api/v1/disclosures",
        staff,
        BODY | {"community_id": areas["village"].pk, "body": "张三 13812345678"},
    )
    assert bad.status_code == 400
    assert "手机号" in bad.json()["message"]
    other = post(client, "/api/v1/disclosures", staff, BODY | {"community_id": areas["urban"].pk})
    assert other.status_code == 404
    resident = post(
        client, "/api/v1/disclosures", auth(users["resident"]), BODY | {"community_id": areas["village"].pk}
    )
    assert resident.status_code == 403
    assert client.get(f"/api/v1/disclosures?community_id={areas['village'].pk}").status_code == 401
    assert not Disclosure.objects.exists()
    assert not DisclosureRevision.objects.exists()


def test_the_overdue_list_is_for_the_staff_pages_readers(client, users, areas):
    listed = client.get("/api/v1/disclosures/overdue", **auth(users["township_admin"])).json()
    assert [row["community_name"] for row in listed] == ["青山村", "东街社区"] or len(listed) == 2
    assert {gap["category"] for gap in listed[0]["gaps"]} == {"party", "affairs", "finance"}
    mine = client.get("/api/v1/disclosures/overdue", **auth(users["supervisor"])).json()
    assert [row["community_name"] for row in mine] == ["青山村"]
    assert client.get("/api/v1/disclosures/overdue", **auth(users["resident"])).status_code == 403
    assert (
        client.get(
            f"/api/v1/disclosures/overdue?community_id={areas['urban'].pk}", **auth(users["supervisor"])
        ).status_code
        == 404
    )


def test_staff_publish_an_overdue_item_over_the_api_and_it_is_fulfilled(client, users, areas):
    import datetime as dt

    from django.utils import timezone

    from gongzhi.disclosures.actions import disclosure_due_register
    from gongzhi.disclosures.models import DisclosureDue
    from gongzhi.meetings.models import Meeting

    meeting = Meeting.objects.create(
        body_kind="villagers_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=timezone.localdate(), present=300, adults=500, quorate=True, recorded_by=users["community_staff"],
    )  # fmt: skip
    disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="affairs", title="决议公开：修缮村道",
        owner=meeting, purpose="resolution", due_on=timezone.localdate() - dt.timedelta(days=1),
    )  # fmt: skip
    staff = auth(users["community_staff"])
    listed = client.get(f"/api/v1/disclosures/overdue?community_id={areas['village'].pk}", **staff).json()
    due_id = listed[0]["overdue"][0]["id"]
    other = post(client, "/api/v1/disclosures", auth(users["other_staff"]),
                 BODY | {"community_id": areas["urban"].pk, "due_id": due_id})  # fmt: skip
    assert other.status_code == 404
    made = post(
        client, "/api/v1/disclosures", staff, BODY | {"community_id": areas["village"].pk, "due_id": due_id}
    )
    assert made.status_code == 201
    assert DisclosureDue.objects.get().fulfilled_by_id == made.json()["id"]
    assert client.get("/api/v1/disclosures/overdue", **staff).json()[0]["overdue"] == []


def _jpeg_with_gps() -> bytes:
    import io

    from PIL import Image

    image = Image.new("RGB", (16, 16), (10, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "相机厂商"  # Make
    exif[0x8825] = {1: "N", 2: (30.0, 40.0, 50.0)}  # GPSInfo: where the photo was taken
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def _upload(name: str, content: bytes, kind: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=kind)


def test_staff_publish_with_a_photo_or_a_pdf_over_the_api(client, users, areas, settings, tmp_path):
    from tests.pdfs import BLANK_PDF

    settings.DATA_DIR = tmp_path
    staff = auth(users["community_staff"])
    form = {**BODY, "community_id": areas["village"].pk}
    made = client.post(
        "/api/v1/disclosures/with-attachment",
        {**form, "attachment": _upload("board.jpg", _jpeg_with_gps(), "image/jpeg")},
        **staff,
    )
    assert made.status_code == 201, made.content
    item = made.json()
    assert item["has_attachment"] is True
    disclosure = Disclosure.objects.get(pk=item["id"])
    assert disclosure.photo_id is not None
    # The photos kernel keeps a cleaned copy: no camera, no place.
    served = client.get(item["attachment_url"])
    assert served.status_code == 200
    stored = b"".join(served.streaming_content) if served.streaming else served.content
    assert b"GPS" not in stored
    assert "相机厂商".encode() not in stored
    pdf = client.post(
        "/api/v1/disclosures/with-attachment",
        {
            **form,
            "title": "2026年10月财务收支明细",
            "attachment": _upload("statement.pdf", BLANK_PDF, "application/pdf"),
        },
        **staff,
    )
    assert pdf.status_code == 201, pdf.content
    assert Disclosure.objects.get(pk=pdf.json()["id"]).pdf_path.startswith("disclosures/")
    # The JSON twin still publishes without one.
    plain = post(
        client, "/api/v1/disclosures", staff, {**BODY, "title": "无附件", "community_id": areas["village"].pk}
    )
    assert plain.status_code == 201
    assert plain.json()["attachment_url"] is None


def test_bad_attachments_over_the_api_are_refused_and_change_nothing(
    client, users, areas, settings, tmp_path
):
    from gongzhi.disclosures import actions
    from tests.pdfs import pdf_with_javascript

    settings.DATA_DIR = tmp_path
    staff = auth(users["community_staff"])
    form = {**BODY, "community_id": areas["village"].pk}
    before = (Disclosure.objects.count(), DisclosureRevision.objects.count())
    for name, content, kind, words in (
        ("note.txt", b"not an image", "text/plain", "PDF 文件或照片"),
        ("bad.pdf", pdf_with_javascript(), "application/pdf", "PDF"),
        ("big.pdf", b"%PDF-" + b"0" * actions.ATTACHMENT_MAX, "application/pdf", "5 MB"),
    ):
        refused = client.post(
            "/api/v1/disclosures/with-attachment",
            {**form, "attachment": _upload(name, content, kind)},
            **staff,
        )
        assert refused.status_code == 400, (name, refused.content)
        assert words in json.dumps(refused.json(), ensure_ascii=False)
    missing = client.post("/api/v1/disclosures/with-attachment", form, **staff)
    assert missing.status_code in (400, 422)
    resident = auth(users["resident"])
    photo = _upload("board.jpg", _jpeg_with_gps(), "image/jpeg")
    denied = client.post("/api/v1/disclosures/with-attachment", {**form, "attachment": photo}, **resident)
    assert denied.status_code == 403
    assert (Disclosure.objects.count(), DisclosureRevision.objects.count()) == before
