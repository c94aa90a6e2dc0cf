"""The legal pages' last reads over the API: one 法律明白人 (its page's facts, the name masked) and an
application's PDF attachment (gongzhi/legal/files.py, as the page); outside the caller's reach, 404."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.legal import actions
from gongzhi.legal.standards import CRITERION_KEYS
from tests.pdfs import BLANK_PDF


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="legal")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_one_law_savvy_is_read_masked_with_its_training(client, users, areas, make_resident):
    staff = users["community_staff"]
    savvy = actions.savvy_select(actor=staff, community=areas["village"], resident=make_resident(name="陈明白"),
                                 group="youth")  # fmt: skip
    for hours, course in (("2", "宪法"), ("1.5", "民法典")):
        actions.savvy_training_record(actor=staff, savvy=savvy, held_on=timezone.localdate(), course=course,
                                      hours=hours, organiser="镇司法所")  # fmt: skip
    path = f"/api/v1/legal/law-savvy/{savvy.pk}"
    got = client.get(path, **_headers(users["supervisor"]))
    assert got.status_code == 200, got.content
    body = got.json()
    assert "陈明白" not in got.content.decode()
    assert (body["name"], body["community_id"], float(body["training_hours"])) == (
        "陈**",
        areas["village"].pk,
        3.5,
    )
    assert [(t["course"], float(t["hours"])) for t in body["trainings"]] == [("宪法", 2.0), ("民法典", 1.5)]
    assert client.get(path, **_headers(users["township_admin"])).status_code == 200
    # Another community's staff, a resident, and an id that does not exist: the same 404.
    assert client.get(path, **_headers(users["other_staff"])).status_code == 404
    assert client.get(path, **_headers(users["resident"])).status_code == 404
    assert client.get(f"/api/v1/legal/law-savvy/{savvy.pk + 1000}", **_headers(staff)).status_code == 404


@pytest.mark.parametrize("reader", ["community_staff", "supervisor", "township_admin"])
def test_an_applications_attachment_is_downloaded_by_its_readers(
    client, users, areas, settings, tmp_path, reader
):
    settings.DATA_DIR = tmp_path
    staff = users["community_staff"]
    form = {
        "year": str(timezone.localdate().year),
        "summary": "本村建立了法律顾问制度，培养法律明白人，矛盾纠纷不出村。",
        "assessment": json.dumps({key: {"met": True, "note": "有制度有记录"} for key in CRITERION_KEYS}),
        "files": [SimpleUploadedFile("材料.pdf", BLANK_PDF, content_type="application/pdf")],
    }
    made = client.post(
        f"/api/v1/legal/communities/{areas['village'].pk}/applications", form, **_headers(staff)
    )
    assert made.status_code == 201, made.content
    application = made.json()
    [attachment_id] = application["attachment_ids"]
    path = f"/api/v1/legal/applications/{application['id']}/attachments/{attachment_id}"
    got = client.get(path, **_headers(users[reader]))
    assert got.status_code == 200
    assert (got["Content-Type"], got["Cache-Control"]) == ("application/pdf", "private, no-store")
    assert b"".join(got.streaming_content) == BLANK_PDF
    assert client.get(path, **_headers(users["other_staff"])).status_code == 404
    assert client.get(path, **_headers(users["resident"])).status_code == 404
    wrong = f"/api/v1/legal/applications/{application['id']}/attachments/{attachment_id + 1000}"
    assert client.get(wrong, **_headers(users[reader])).status_code == 404
    assert client.get(path).status_code == 401
