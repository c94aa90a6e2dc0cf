"""The county forms over the API: upload (multipart, Idempotency-Key, refusals with the cells), the hand-typed
values, the filled workbook and the typed-twice figure; the township office only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEvent
from gongzhi.oversight.models import CountyForm, HandFact
from tests.oversight.test_countyforms import BASIC, template
from tests.oversight.test_pages import _headers

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


BASIC_BYTES = template(BASIC)


def _post(client, areas, user, rows, key="k1", name="表.xlsx"):
    content = BASIC_BYTES if rows is BASIC else template(rows)
    return client.post(
        f"/api/v1/oversight/townships/{areas['township'].pk}/forms",
        {"title": "基本情况表", "file": SimpleUploadedFile(name, content)},
        HTTP_IDEMPOTENCY_KEY=key, **_headers(user),
    )  # fmt: skip


def test_the_api_uploads_types_fills_and_counts(client, areas, users):
    admin = users["township_admin"]
    made = _post(client, areas, admin, BASIC)
    assert made.status_code == 201, made.content
    again = _post(client, areas, admin, BASIC)
    assert again.json()["id"] == made.json()["id"]
    assert CountyForm.objects.count() == 1
    form_id = made.json()["id"]
    assert {k["key"] for k in made.json()["manual_keys"]} == {"专职网格员人数", "填报人"}
    listed = client.get(f"/api/v1/oversight/townships/{areas['township'].pk}/forms", **_headers(admin)).json()
    assert [f["id"] for f in listed] == [form_id]
    village = areas["village"]
    saved = client.post(
        f"/api/v1/oversight/forms/{form_id}/facts",
        {"year": YEAR, "quarter": 0, "values": [{"area_id": village.pk, "key": "专职网格员人数", "value": "3"}]},
        content_type="application/json", **_headers(admin),
    )  # fmt: skip
    assert saved.status_code == 200, saved.content
    cell = next(c for item in saved.json() if item["key"] == "专职网格员人数" for c in item["cells"]
                if c["area_id"] == village.pk)  # fmt: skip
    assert cell["value"] == "3"
    refused = client.post(
        f"/api/v1/oversight/forms/{form_id}/facts",
        {"year": YEAR, "values": [{"area_id": village.pk, "key": "别的", "value": "1"}]},
        content_type="application/json", **_headers(admin),
    )  # fmt: skip
    assert refused.status_code == 400
    assert "不在这张报表中" in refused.json()["message"]
    assert HandFact.objects.count() == 1
    filled = client.get(f"/api/v1/oversight/forms/{form_id}/filled?year={YEAR}", **_headers(admin))
    rows = [
        [c.value for c in r]
        for r in load_workbook(io.BytesIO(b"".join(filled.streaming_content))).active.iter_rows()
    ]
    assert rows[3][0] == "青山村"
    assert rows[3][5] == "3"
    assert AuditEvent.objects.filter(verb="oversight.form_filled").count() == 1
    twice = client.get(
        f"/api/v1/oversight/townships/{areas['township'].pk}/typed-twice?year={YEAR}", **_headers(admin)
    ).json()
    assert twice["count"] == 0
    assert twice["goal"] == 0


def test_an_unknown_placeholder_is_refused_with_its_cell(client, areas, users):
    answer = _post(client, areas, users["township_admin"], [["{{no.such}}"]])
    assert answer.status_code == 400
    assert "基本情况!A1" in answer.json()["message"]
    assert not CountyForm.objects.exists()


def test_only_the_office_keeps_forms_but_readers_see_the_figure(client, areas, users):
    reviewer = users["township_reviewer"]
    assert _post(client, areas, reviewer, BASIC).status_code == 403
    answer = client.get(
        f"/api/v1/oversight/townships/{areas['township'].pk}/typed-twice?year={YEAR}", **_headers(reviewer)
    )
    assert answer.status_code == 200
    assert not CountyForm.objects.exists()
