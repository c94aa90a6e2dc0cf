"""The hall's API beyond the moves (issue 10, "every paragraph works from the pages and the API"): the catalogue
as the public guide shows it, the issued documents and the handed-in files by token (a staff read audited, the
applicant's not), applying for a resident and the 代办 request, the follow-ups' reads and the statistics — each
with its refusals, which change nothing."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case
from gongzhi.config.api import api
from gongzhi.hall.models import Application, FollowUp, IssuedDocument, Material, MaterialForm, Matter
from gongzhi.hall.selectors.stats import stats_for
from gongzhi.notices.models import Notice
from tests.hall.test_api_moves import Api, line, pdf, refused, writes

pytestmark = pytest.mark.django_db

URL = "/api/v1/hall/applications"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def api_as(client, users, me, officer):
    who = {
        "applicant": me, "clerk": users["window_clerk"], "officer": officer, "admin": users["township_admin"],
        "supervisor": users["supervisor"], "grid": users["grid_worker"], "nobody": users["nobody"],
    }  # fmt: skip
    tokens = Api(client, who)
    tokens.users = who  # type: ignore[attr-defined]
    return tokens


def apply(api_as, matter, **data) -> dict:
    response = api_as.upload("applicant", URL, {"matter_id": matter.pk, "phone": "13800138000", **data})
    assert response.status_code == 201, response.content.decode()
    return response.json()


def issued(api_as, matter, **data) -> dict:
    """Applied (with `data`'s files), accepted, approved and issued through the API: the fresh detail."""
    created = apply(api_as, matter, **data)
    number = created["id"]
    accepted = api_as.post("clerk", f"{URL}/{number}/accept", {"checked": [line(created, "申请书")["id"]]})
    assert accepted.status_code == 200, accepted.content.decode()
    assert api_as.post("officer", f"{URL}/{number}/decide", {"verb": "approve"}).status_code == 200
    done = api_as.post("clerk", f"{URL}/{number}/issue", {"delivery": "in_person"})
    assert done.status_code == 200, done.content.decode()
    return done.json()


def reads(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb).order_by("pk"))


# --- The catalogue ------------------------------------------------------------------------------


@pytest.fixture
def guide(make_matter, areas):
    """A matter with a chained limit, a fee, conditions and basis, and a checklist of every kind."""
    found = make_matter(
        code="MZ-100", name="特困人员救助供养", steps=(("公示", 7, "calendar_days"), ("审核", 15, "workdays")),
        materials=(), conditions="无劳动能力、无生活来源", legal_basis="《社会救助暂行办法》第十四条", fee="",
        where="镇便民服务中心2号窗口",
    )  # fmt: skip
    Material.objects.create(matter=found, order=0, name="申请书", required=True, form=MaterialForm.ORIGINAL,
                            count=2, check_point="本人签字")  # fmt: skip
    Material.objects.create(matter=found, order=1, name="户口簿", required=True, source="register",
                            register_fact="household")  # fmt: skip
    Material.objects.create(matter=found, order=2, name="病历", required=False, note="有则提供")
    return found


def test_the_catalogue_lists_a_townships_matters_as_the_guide_does(api_as, guide, matter, make_matter, areas):
    hidden = make_matter(code="MZ-OFF", name="已停用的事项", is_active=False)
    township = areas["township"]
    listed = api_as.get("nobody", f"/api/v1/hall/matters?township_id={township.pk}")
    assert listed.status_code == 200, listed.content.decode()
    body = listed.json()
    assert body["count"] == 2
    names = {item["name"]: item for item in body["items"]}
    assert set(names) == {"特困人员救助供养", "最低生活保障"}
    assert hidden.name not in names
    assert names["特困人员救助供养"]["limit"] == "公示7个自然日，审核15个工作日"
    assert names["特困人员救助供养"]["fee"] == "不收费"
    assert names["最低生活保障"]["department"] == "民政办"
    # The same township through one of its villages; a search; paging.
    by_village = api_as.get("nobody", f"/api/v1/hall/matters?community_id={areas['village'].pk}").json()
    assert by_village == body
    assert [i["name"] for i in api_as.get("nobody", "/api/v1/hall/matters?township_id="
                                          f"{township.pk}&q=特困").json()["items"]] == ["特困人员救助供养"]  # fmt: skip
    page = api_as.get("nobody", f"/api/v1/hall/matters?township_id={township.pk}&limit=1&offset=1").json()
    assert (page["count"], len(page["items"])) == (2, 1)
    # Without a place: the matters of the caller's own township (none for an account without a role).
    assert api_as.get("applicant", "/api/v1/hall/matters").json()["count"] == 2
    assert api_as.get("nobody", "/api/v1/hall/matters").json() == {"count": 0, "items": []}


def test_a_matters_guide_names_its_materials(api_as, guide):
    response = api_as.get("applicant", f"/api/v1/hall/matters/{guide.pk}")
    assert response.status_code == 200, response.content.decode()
    body = response.json()
    assert (body["conditions"], body["legal_basis"], body["where"]) == (
        "无劳动能力、无生活来源", "《社会救助暂行办法》第十四条", "镇便民服务中心2号窗口")  # fmt: skip
    assert body["limit_steps"] == [
        {"name": "公示", "amount": 7, "unit": "calendar_days", "unit_label": "自然日"},
        {"name": "审核", "amount": 15, "unit": "workdays", "unit_label": "工作日"},
    ]
    assert (body["mode"], body["mode_label"], body["online"], body["proxy"]) == (
        "village_to_township", "村级受理·乡级办结", True, True)  # fmt: skip
    form, household, record = body["materials"]
    assert form["id"] == guide.materials.get(name="申请书").pk
    assert (form["required"], form["form"], form["form_label"], form["count"], form["check_point"]) == (
        True, "original", "原件", 2, "本人签字")  # fmt: skip
    assert (household["from_register"], household["register_fact"], household["register_fact_label"]) == (
        True, "household", "户口簿(户成员)")  # fmt: skip
    assert (record["required"], record["from_register"], record["note"]) == (False, False, "有则提供")


def test_the_catalogue_refuses_what_the_guide_does_not_show(api_as, client, guide, areas):
    Matter.objects.filter(pk=guide.pk).update(is_active=False)
    refused(api_as.get("applicant", f"/api/v1/hall/matters/{guide.pk}"), 404, "未找到该记录")
    refused(api_as.get("applicant", "/api/v1/hall/matters/99999999"), 404, "未找到该记录")
    refused(api_as.get("applicant", f"/api/v1/hall/matters?township_id={areas['village'].pk}"), 404, "未找到")
    mismatch = f"/api/v1/hall/matters?township_id={areas['township'].pk}&community_id={areas['grid_a1'].pk}"
    refused(api_as.get("applicant", mismatch), 404, "未找到该记录")
    refused(client.get("/api/v1/hall/matters"), 401, "未认证")


# --- Documents and files by token ---------------------------------------------------------------


def test_the_issued_document_by_token_is_the_stored_file(api_as, matter, data_dir, client):
    detail = issued(api_as, matter)
    [document] = detail["documents"]
    path = f"{URL}/{detail['id']}/documents/{document['id']}"
    assert document["api_url"].endswith(path)
    stored = IssuedDocument.objects.get(pk=document["id"])
    assert stored.sha256 == hashlib.sha256((Path(data_dir) / stored.path).read_bytes()).hexdigest()

    # The applicant's own download is not audited.
    mine = api_as.get("applicant", path)
    assert mine.status_code == 200
    assert mine["Content-Type"] == "application/pdf"
    assert mine["Cache-Control"] == "private, no-store"
    assert hashlib.sha256(b"".join(mine.streaming_content)).hexdigest() == stored.sha256
    assert reads("hall.document_read") == []

    # The window's is, once per read, with the document named.
    theirs = api_as.get("clerk", path)
    assert hashlib.sha256(b"".join(theirs.streaming_content)).hexdigest() == stored.sha256
    [event] = reads("hall.document_read")
    assert (event.actor_id, event.summary["code"]) == (api_as.users["clerk"].pk, stored.code)

    # Someone who may not see the application, another application's document, no token: nothing read.
    other = issued(api_as, matter)
    before = writes()
    refused(api_as.get("nobody", path), 404, "未找到该记录")
    refused(
        api_as.get("clerk", f"{URL}/{detail['id']}/documents/{other['documents'][0]['id']}"), 404, "未找到"
    )
    refused(client.get(path), 401, "未认证")
    assert writes() == before


def test_a_handed_in_file_by_token(api_as, matter, client):
    income = matter.materials.get(name="收入证明")
    created = apply(api_as, matter, files=[pdf("收入证明.pdf")], file_materials=[income.pk])
    [handed_in] = line(created, "收入证明")["files"]
    path = f"{URL}/{created['id']}/files/{handed_in['id']}"
    assert (handed_in["kind"], handed_in["round"], handed_in["api_url"].endswith(path)) == ("pdf", 0, True)
    assert "name" not in handed_in  # a file's name may name a person
    stored = Application.objects.get(pk=created["id"]).files.get()

    mine = api_as.get("applicant", path)
    assert mine.status_code == 200
    assert hashlib.sha256(b"".join(mine.streaming_content)).hexdigest() == stored.sha256
    assert reads("hall.file_read") == []
    theirs = api_as.get("clerk", path)
    assert hashlib.sha256(b"".join(theirs.streaming_content)).hexdigest() == stored.sha256
    [event] = reads("hall.file_read")
    assert (event.actor_id, event.summary["file"]) == (api_as.users["clerk"].pk, stored.pk)

    before = writes()
    refused(api_as.get("nobody", path), 404, "未找到该记录")
    refused(api_as.get("clerk", f"{URL}/{created['id']}/files/99999999"), 404, "未找到该记录")
    refused(client.get(path), 401, "未认证")
    assert writes() == before


# --- Applying for a resident, and the 代办 request ---------------------------------------------


@pytest.fixture
def neighbour(make_resident):
    return make_resident(name="赵大爷")


def test_a_clerk_applies_for_a_resident_with_their_consent(api_as, matter, neighbour):
    data = {"matter_id": matter.pk, "resident_id": neighbour.pk, "consent_channel": "phone",
            "consent_note": "电话确认", "files": [pdf("申请书.pdf")],
            "file_materials": [matter.materials.get(name="申请书").pk]}  # fmt: skip
    response = api_as.upload("clerk", f"{URL}/for", data, HTTP_IDEMPOTENCY_KEY="for-1")
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert (body["channel"], body["state"], body["applicant"]) == ("window", "submitted", "赵大爷")
    assert line(body, "申请书")["state"] == "provided"
    assert line(body, "户口簿")["state"] == "from_register"
    case = Case.objects.get(pk=body["id"])
    assert (case.assisted, case.consent_channel, case.resident_id) == (True, "phone", neighbour.pk)
    assert "已电话同意" in body["timeline"][0]["note"]
    # A retry with the same key answers the same application.
    before = (Application.objects.count(), writes())
    again = api_as.upload(
        "clerk", f"{URL}/for", data | {"files": [pdf("申请书.pdf")]}, HTTP_IDEMPOTENCY_KEY="for-1"
    )
    assert (again.status_code, again.json()["id"]) == (201, body["id"])
    assert (Application.objects.count(), writes()) == before


def test_applying_for_a_resident_is_refused_without_consent_role_or_reach(api_as, matter, neighbour,
                                                                         make_resident):  # fmt: skip
    outsider = make_resident("grid_b1", name="钱某")
    base = {"matter_id": matter.pk, "resident_id": neighbour.pk, "consent_channel": "in_person"}
    before = (Application.objects.count(), writes())
    refused(api_as.upload("clerk", f"{URL}/for", base | {"consent_channel": ""}), 400, "请选择居民同意的方式")
    refused(api_as.upload("applicant", f"{URL}/for", base), 403, "您没有权限")
    refused(api_as.upload("clerk", f"{URL}/for", base | {"resident_id": outsider.pk}), 404, "未找到该记录")
    refused(api_as.upload("clerk", f"{URL}/for", base | {"matter_id": 99999999}), 404, "未找到该记录")
    fake = {"files": [pdf("a.pdf"), pdf("b.pdf")], "file_materials": [matter.materials.get(name="申请书").pk]}
    refused(api_as.upload("clerk", f"{URL}/for", base | fake), 400, "请为每个文件注明对应的材料")
    assert (Application.objects.count(), writes()) == before


def test_the_resident_asks_the_village_to_do_it(api_as, matter, users):
    body = {"matter_id": matter.pk, "phone": "13800138000", "note": "腿脚不便"}
    before = (Application.objects.count(), writes(), Notice.objects.count())
    refused(api_as.post("applicant", f"{URL}/proxy-request", body), 400, "请确认同意由村(社区)代办员")
    refused(api_as.post("clerk", f"{URL}/proxy-request", body | {"consent": True}), 403, "您没有权限")
    refused(api_as.post("applicant", f"{URL}/proxy-request", body | {"consent": True, "phone": ""}), 400,
            "请填写联系电话")  # fmt: skip
    assert (Application.objects.count(), writes(), Notice.objects.count()) == before
    response = api_as.post("applicant", f"{URL}/proxy-request", body | {"consent": True},
                           HTTP_IDEMPOTENCY_KEY="proxy-1")  # fmt: skip
    assert response.status_code == 201, response.content.decode()
    created = response.json()
    assert (created["channel"], created["state"]) == ("proxy", "submitted")
    assert "腿脚不便" in created["timeline"][0]["note"]
    assert Notice.objects.filter(recipient=users["window_clerk"], title__contains="代办请求").count() == 1
    again = api_as.post("applicant", f"{URL}/proxy-request", body | {"consent": True},
                        HTTP_IDEMPOTENCY_KEY="proxy-1")  # fmt: skip
    assert again.json()["id"] == created["id"]
    assert Application.objects.count() == before[0] + 1


# --- Follow-ups and statistics ------------------------------------------------------------------


def test_the_follow_ups_of_the_township(api_as, matter):
    detail = issued(api_as, matter)
    assert api_as.post("applicant", f"{URL}/{detail['id']}/rate", {"rating": 1}).status_code == 200
    followup = FollowUp.objects.get(application_id=detail["id"])
    listed = api_as.get("admin", "/api/v1/hall/followups")
    assert listed.status_code == 200, listed.content.decode()
    assert listed.json()["count"] == 1
    [row] = listed.json()["items"]
    assert (row["id"], row["application_id"], row["matter_name"], row["state"]) == (
        followup.pk, detail["id"], "最低生活保障", "open")  # fmt: skip
    one = api_as.get("admin", f"/api/v1/hall/followups/{followup.pk}").json()
    assert (one["rating"], one["rating_label"], one["allowed_moves"]) == (1, "非常不满意", ["visit"])
    assert (one["application_state"], one["applicant"]) == ("issued", "李秀兰")
    before = writes()
    refused(api_as.get("clerk", "/api/v1/hall/followups"), 403, "您没有权限")
    refused(api_as.get("applicant", f"/api/v1/hall/followups/{followup.pk}"), 403, "您没有权限")
    refused(api_as.get("admin", "/api/v1/hall/followups/99999999"), 404, "未找到该记录")
    assert writes() == before


def test_the_statistics_are_the_pages(api_as, matter, make_application, users, officer):
    now = timezone.now()
    for rating in (5, 2):
        application = make_application(matter, state="issued", accepted_at=now - dt.timedelta(days=3),
                                       issued_at=now - dt.timedelta(days=1), visits=1)  # fmt: skip
        Case.objects.filter(pk=application.pk).update(rating=rating)
    make_application(matter, state="refused")
    today = timezone.localdate()
    period = f"?start={(today - dt.timedelta(days=30)).isoformat()}&end={today.isoformat()}"
    response = api_as.get("admin", "/api/v1/hall/stats" + period)
    assert response.status_code == 200, response.content.decode()
    body = response.json()
    total = body["total"]
    assert (total["received"], total["finished"], total["refused"], total["rated"]) == (3, 2, 1, 2)
    assert (total["satisfaction_rate"], total["one_visit_rate"], total["median_days"]) == (50.0, 100.0, 2.0)
    assert [(lv["rating"], lv["label"], lv["count"]) for lv in total["distribution"]][::4] == [
        (5, "非常满意", 1), (1, "非常不满意", 0)]  # fmt: skip
    [row] = body["matters"]
    assert (row["id"], row["label"], row["department"], row["figures"]["received"]) == (
        matter.pk, "最低生活保障", "民政办", 3)  # fmt: skip
    expected = stats_for(viewer=users["township_admin"], start=today - dt.timedelta(days=30), end=today)
    assert total["on_time_rate"] == expected.total.on_time_rate
    assert api_as.get("officer", "/api/v1/hall/stats" + period).json()["total"]["received"] == 3
    # Default: this year. Refusals: the page's period messages, and the roles without statistics.
    assert api_as.get("admin", "/api/v1/hall/stats").json()["start"] == f"{today.year}-01-01"
    refused(api_as.get("admin", f"/api/v1/hall/stats?start={today}&end={today - dt.timedelta(days=1)}"), 400,
            "开始日期不能晚于结束日期")  # fmt: skip
    refused(api_as.get("admin", "/api/v1/hall/stats?start=2000-01-01&end=2020-01-01"), 400, "不能超过五年")
    refused(api_as.get("clerk", "/api/v1/hall/stats"), 403, "您没有权限")
    refused(api_as.get("applicant", "/api/v1/hall/stats"), 403, "您没有权限")


def test_the_new_operations_are_documented():
    schema = api.get_openapi_schema()["paths"]
    gets = ["/api/v1/hall/matters", "/api/v1/hall/matters/{matter_id}", "/api/v1/hall/followups",
            "/api/v1/hall/followups/{followup_id}", "/api/v1/hall/stats",
            URL + "/{application_id}/documents/{document_id}", URL + "/{application_id}/files/{file_id}"]  # fmt: skip
    for path in gets:
        operation = schema[path]["get"]
        assert operation["summary"], path
        assert "401" in operation["responses"], path
    for path in (URL + "/for", URL + "/proxy-request"):
        operation = schema[path]["post"]
        assert {"400", "401", "403", "409", "422"} <= set(operation["responses"]), path
    pdf_answer = schema[URL + "/{application_id}/documents/{document_id}"]["get"]["responses"][200]
    assert "application/pdf" in pdf_answer["content"]
    assert "400" in schema["/api/v1/hall/stats"]["get"]["responses"]
