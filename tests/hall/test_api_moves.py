"""Every move of an application over the API (issue 10, "every paragraph works from the pages and the API"):
the whole life through the API only, a refusal, and each bad input answered with its status and Chinese
message while nothing changes."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import CaseEvent
from gongzhi.config.api import api
from gongzhi.hall.actions import office
from gongzhi.hall.models import Application, ApplicationFile, FollowUp, IssuedDocument, MaterialState
from tests.conftest import make_user
from tests.pdfs import BLANK_PDF

pytestmark = pytest.mark.django_db

URL = "/api/v1/hall/applications"
PDF = BLANK_PDF  # a real one-page PDF (tests/pdfs.py)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


class Api:
    """A token per user, made before the test counts anything (creating a token is audited)."""

    def __init__(self, client, users: dict) -> None:
        self.client = client
        self.headers = {}
        for name, user in users.items():
            _token, key = api_token_create(actor=user, user=user, name="test")
            self.headers[name] = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, who: str, path: str, body: dict | None = None, **extra):
        return self.client.post(
            path, json.dumps(body or {}), content_type="application/json", **self.headers[who], **extra
        )

    def upload(self, who: str, path: str, data: dict, **extra):
        return self.client.post(path, data, **self.headers[who], **extra)  # multipart

    def get(self, who: str, path: str):
        return self.client.get(path, **self.headers[who])


@pytest.fixture
def api_as(client, users, areas, me, officer, other_department):
    stranger_officer = make_user("agri_officer", display_name="农业农村办审批员")
    township = areas["township"]
    RoleAssignment.objects.create(
        user=stranger_officer, role=Role.TOWNSHIP_REVIEWER, area=township, area_path=township.path,
        department=other_department,
    )  # fmt: skip
    return Api(
        client,
        {
            "applicant": me,
            "clerk": users["window_clerk"],
            "officer": officer,
            "agri_officer": stranger_officer,
            "admin": users["township_admin"],
            "supervisor": users["supervisor"],
            "nobody": users["nobody"],
        },
    )


def writes() -> tuple[int, int, int, int]:
    """What a refused request must leave as it was: audit rows (but the refusal trail), moves, files, documents."""
    return (
        AuditEvent.objects.exclude(verb__startswith="access.").exclude(verb__startswith="auth.").count(),
        CaseEvent.objects.count(),
        ApplicationFile.objects.count(),
        IssuedDocument.objects.count(),
    )


def state_of(application_id: int) -> str:
    return Application.objects.select_related("case").get(pk=application_id).case.state


def refused(response, status: int, message: str) -> None:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert body["code"]
    assert message in body["message"], body["message"]


def line(detail: dict, name: str) -> dict:
    return next(item for item in detail["materials"] if item["name"] == name)


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def apply(api_as, matter, key: str | None = None, **files) -> dict:
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    data = {"matter_id": matter.pk, "phone": "13800138000", **files}
    response = api_as.upload("applicant", URL, data, **extra)
    assert response.status_code == 201, response.content.decode()
    return response.json()


def test_the_whole_life_through_the_api(api_as, matter, data_dir, client):
    # A resident applies online, with the optional income certificate; the 户口簿 comes from the register.
    income = matter.materials.get(name="收入证明")
    created = apply(api_as, matter, key="apply-1", files=[pdf("收入证明.pdf")], file_materials=[income.pk])
    number = created["id"]
    assert (created["state"], created["channel"], created["applicant"]) == ("submitted", "online", "李秀兰")
    assert line(created, "户口簿")["state"] == MaterialState.FROM_REGISTER
    assert line(created, "收入证明")["state"] == MaterialState.PROVIDED
    assert line(created, "申请书")["state"] == MaterialState.MISSING
    assert "withdraw" in created["allowed_moves"]

    # The window tells, once, what is missing; the applicant uploads it.
    form = line(created, "申请书")
    told = api_as.post("clerk", f"{URL}/{number}/notify", {
        "items": [{"line_id": form["id"], "problem": "missing", "note": "请上传本人签字的申请书"}]})  # fmt: skip
    assert told.status_code == 200, told.content.decode()
    assert told.json()["state"] == "supplementing"
    assert line(told.json(), "申请书")["note"] == "请上传本人签字的申请书"
    supplied = api_as.upload("applicant", f"{URL}/{number}/supply", {
        "files": [pdf("申请书.pdf")], "file_materials": [form["material_id"]], "note": "已签字"})  # fmt: skip
    assert supplied.status_code == 200, supplied.content.decode()
    assert supplied.json()["state"] == "submitted"
    assert line(supplied.json(), "申请书")["state"] == MaterialState.PROVIDED
    assert ApplicationFile.objects.filter(application_id=number).count() == 2

    # Accepted with every material checked: the receipt number and the promised due time.
    accepted = api_as.post("clerk", f"{URL}/{number}/accept", {
        "checked": [form["id"], line(created, "收入证明")["id"]], "came": True, "note": "材料齐全"})  # fmt: skip
    assert accepted.status_code == 200, accepted.content.decode()
    body = accepted.json()
    assert body["state"] == "township_review"
    assert body["accepted_at"]
    assert body["due_at"]
    assert Application.objects.get(pk=number).number
    assert "approve" not in body["allowed_moves"]  # the window does not decide

    # 民政办 approves.
    approved = api_as.post("officer", f"{URL}/{number}/decide", {"verb": "approve", "opinion": "符合条件。"})
    assert approved.status_code == 200, approved.content.decode()
    assert (approved.json()["state"], approved.json()["decision"]) == ("approved", "approved")

    # The window issues: the PDF is stored and its code verifies.
    issued = api_as.post("clerk", f"{URL}/{number}/issue", {"delivery": "in_person"})
    assert issued.status_code == 200, issued.content.decode()
    body = issued.json()
    assert body["state"] == "issued"
    assert body["issued_at"]
    [document] = body["documents"]
    assert document["title"] == "准予决定书"
    assert document["url"].endswith(f"/hall/a/{number}/documents/{document['id']}/")
    stored = IssuedDocument.objects.get(pk=document["id"])
    assert stored.code == document["code"]
    assert (Path(data_dir) / stored.path).read_bytes().startswith(b"%PDF-")
    verified = client.get(f"/verify/{document['code']}/")
    assert verified.status_code == 200
    assert "真实有效" in verified.content.decode()
    assert api_as.get("applicant", f"{URL}/{number}").json()["documents"] == body["documents"]

    # The applicant rates 不满意: the township's 社治办 follows it up and remedies it.
    rated = api_as.post("applicant", f"{URL}/{number}/rate", {"rating": 2, "comment": "等得太久"})
    assert rated.status_code == 200, rated.content.decode()
    assert (rated.json()["rating"], rated.json()["rating_label"]) == (2, "不满意")
    assert rated.json()["followup_id"] is None  # the follow-up is the township's, not the applicant's
    followup = FollowUp.objects.get(application_id=number)
    assert api_as.get("admin", f"{URL}/{number}").json()["followup_id"] == followup.pk
    visited = api_as.post(
        "admin", f"/api/v1/hall/followups/{followup.pk}/visit", {"finding": "电话回访：审核等待太久"}
    )
    assert visited.status_code == 200, visited.content.decode()
    assert (visited.json()["state"], visited.json()["allowed_moves"]) == ("rectifying", ["rectify"])
    done = api_as.post(
        "admin", f"/api/v1/hall/followups/{followup.pk}/rectify", {"remedy": "审核改为每周两次"}
    )
    assert done.status_code == 200, done.content.decode()
    assert (done.json()["state"], done.json()["remedy"]) == ("done", "审核改为每周两次")


def test_a_refusal_through_the_api(api_as, matter):
    number = apply(api_as, matter)["id"]
    before = writes()
    refused(api_as.post("clerk", f"{URL}/{number}/refuse", {"reason": "不行"}), 400, "不予受理的理由")
    assert (state_of(number), writes()) == ("submitted", before)
    response = api_as.post("clerk", f"{URL}/{number}/refuse", {"reason": "该事项须由户籍所在地申请"})
    assert response.status_code == 200
    assert response.json()["state"] == "refused"
    assert response.json()["timeline"][-1]["note"] == "该事项须由户籍所在地申请"
    # Over: nothing more to withdraw, and rating is the applicant's alone.
    before = writes()
    refused(api_as.post("applicant", f"{URL}/{number}/withdraw", {"reason": "不办了"}), 409, "不能撤回申请")
    refused(api_as.post("clerk", f"{URL}/{number}/rate", {"rating": 5}), 403, "只有申请人本人可以评价")
    assert (state_of(number), writes()) == ("refused", before)
    rated = api_as.post("applicant", f"{URL}/{number}/rate", {"rating": 4})
    assert (rated.status_code, rated.json()["rating_label"]) == (200, "满意")


def test_accepting_without_a_required_material_is_refused(api_as, matter):
    number = apply(api_as, matter)["id"]
    before = writes()
    response = api_as.post("clerk", f"{URL}/{number}/accept", {"checked": [], "came": True})
    refused(response, 400, "缺少必要材料：申请书")
    assert response.json()["code"] == "missing_required"
    assert response.json()["details"] == {"field": "lines"}
    assert (state_of(number), writes()) == ("submitted", before)
    assert not Application.objects.get(pk=number).number


@pytest.fixture
def in_review(api_as, matter):
    """Applied and accepted through the API: 乡镇审批中 at 民政办."""
    created = apply(api_as, matter)
    checked = [line(created, "申请书")["id"]]
    response = api_as.post("clerk", f"{URL}/{created['id']}/accept", {"checked": checked})
    assert response.json()["state"] == "township_review"
    return created["id"]


def test_approval_only_by_the_deciding_department(api_as, in_review):
    before = writes()
    approve = {"verb": "approve", "opinion": "同意。"}
    # Another department's officer does not even see the application.
    refused(api_as.post("agri_officer", f"{URL}/{in_review}/decide", approve), 404, "未找到该记录")
    # The window sees it, but the decision is 民政办's.
    refused(api_as.post("clerk", f"{URL}/{in_review}/decide", approve), 403, "该办件由民政办审批")
    # The supervisory committee sees it, but has no queue at all.
    refused(api_as.post("supervisor", f"{URL}/{in_review}/decide", approve), 403, "您没有权限执行此操作")
    assert (state_of(in_review), writes()) == ("township_review", before)
    # A rejection needs its reasons; an unknown verb is named.
    refused(api_as.post("officer", f"{URL}/{in_review}/decide", {"verb": "reject"}), 400, "请写明理由")
    refused(api_as.post("officer", f"{URL}/{in_review}/decide", {"verb": "bless"}), 400, "未知的审批操作")
    assert (state_of(in_review), writes()) == ("township_review", before)


def test_issuing_before_approval_is_refused(api_as, in_review):
    before = writes()
    response = api_as.post("clerk", f"{URL}/{in_review}/issue", {"delivery": "in_person"})
    refused(response, 409, "审批通过或不予批准后才能出件")
    assert response.json()["code"] == "not_decided"
    assert (state_of(in_review), writes()) == ("township_review", before)


def test_a_second_decision_is_told_who_made_the_first(api_as, in_review):
    assert api_as.post("officer", f"{URL}/{in_review}/decide", {"verb": "approve"}).status_code == 200
    before = writes()
    response = api_as.post("officer", f"{URL}/{in_review}/decide", {"verb": "approve"})
    refused(response, 409, "该办件已由民政办审批员于")
    assert (state_of(in_review), writes()) == ("approved", before)


def test_rating_by_someone_else_is_refused_and_off_the_scale_too(api_as, in_review):
    api_as.post("officer", f"{URL}/{in_review}/decide", {"verb": "approve"})
    api_as.post("clerk", f"{URL}/{in_review}/issue", {"delivery": "in_person"})
    before = writes()
    refused(api_as.post("clerk", f"{URL}/{in_review}/rate", {"rating": 1}), 403, "只有申请人本人可以评价")
    refused(api_as.post("admin", f"{URL}/{in_review}/rate", {"rating": 1}), 403, "只有申请人本人可以评价")
    refused(api_as.post("applicant", f"{URL}/{in_review}/rate", {"rating": 9}), 400, "请选择评价等级")
    assert (state_of(in_review), writes()) == ("issued", before)
    assert not FollowUp.objects.exists()
    assert Application.objects.get(pk=in_review).case.rating is None


def test_the_same_idempotency_key_gives_the_same_application(api_as, matter):
    first = apply(api_as, matter, key="phone-retry-7")
    before = (Application.objects.count(), writes())
    again = apply(api_as, matter, key="phone-retry-7")
    assert again["id"] == first["id"]
    assert (Application.objects.count(), writes()) == before
    # The same key with another body is refused; a new key makes a new application.
    other = api_as.upload("applicant", URL, {"matter_id": matter.pk, "phone": "13900139000"},
                          HTTP_IDEMPOTENCY_KEY="phone-retry-7")  # fmt: skip
    refused(other, 422, "Idempotency-Key 已用于一次内容不同的请求")
    assert (Application.objects.count(), writes()) == before
    assert apply(api_as, matter, key="phone-retry-8")["id"] != first["id"]


def test_applying_is_the_residents_and_checks_what_is_sent(api_as, matter, users):
    before = (Application.objects.count(), writes())
    refused(api_as.upload("clerk", URL, {"matter_id": matter.pk, "phone": "13800138000"}), 403, "您没有权限")
    refused(api_as.upload("applicant", URL, {"matter_id": matter.pk}), 400, "请填写联系电话")
    form = matter.materials.get(name="申请书")
    unpaired = {"matter_id": matter.pk, "phone": "13800138000", "files": [pdf("a.pdf"), pdf("b.pdf")],
                "file_materials": [form.pk]}  # fmt: skip
    refused(api_as.upload("applicant", URL, unpaired), 400, "请为每个文件注明对应的材料")
    fake = SimpleUploadedFile("申请书.pdf", b"not a pdf at all", content_type="application/pdf")
    bad = {"matter_id": matter.pk, "phone": "13800138000", "files": [fake], "file_materials": [form.pk]}
    refused(api_as.upload("applicant", URL, bad), 400, "不是有效的PDF文件")
    assert api_as.upload("applicant", URL, {"matter_id": 99999999, "phone": "13800138000"}).status_code == 404
    assert (Application.objects.count(), writes()) == before


def test_supplying_must_answer_the_notice(api_as, matter):
    created = apply(api_as, matter)
    number, form = created["id"], line(created, "申请书")
    api_as.post("clerk", f"{URL}/{number}/notify",
                {"items": [{"line_id": form["id"], "problem": "missing", "note": "请上传申请书"}]})  # fmt: skip
    before = writes()
    refused(
        api_as.upload("applicant", f"{URL}/{number}/supply", {"note": "稍后"}),
        400,
        "还有告知书列出的材料没有补交",
    )
    refused(
        api_as.upload("clerk", f"{URL}/{number}/supply", {"ready": [form["id"]]}),
        403,
        "这一步由申请人或代为申请的人办理",
    )
    assert (state_of(number), writes()) == ("supplementing", before)
    ready = api_as.upload("applicant", f"{URL}/{number}/supply", {"ready": [form["id"]]})
    assert (ready.status_code, ready.json()["state"]) == (200, "submitted")


def test_a_promised_material_and_the_county_hand_off(api_as, make_matter, users):
    matter = make_matter(code="MZ-CTY", name="残疾人证办理", county_office="县残联")
    created = apply(api_as, matter)
    number = created["id"]
    promised_by = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    accepted = api_as.post("clerk", f"{URL}/{number}/accept", {
        "checked": [line(created, "申请书")["id"]],
        "promises": [{"line_id": line(created, "收入证明")["id"], "promised_by": promised_by}]})  # fmt: skip
    assert accepted.status_code == 200, accepted.content.decode()
    assert line(accepted.json(), "收入证明")["promised_by"] == promised_by
    kept = api_as.upload("applicant", f"{URL}/{number}/promised", {
        "line_id": line(created, "收入证明")["id"], "files": [pdf("收入证明.pdf")]})  # fmt: skip
    assert kept.status_code == 200, kept.content.decode()
    assert line(kept.json(), "收入证明")["state"] == MaterialState.PROVIDED
    assert "hand_off" in api_as.get("officer", f"{URL}/{number}").json()["allowed_moves"]
    before = writes()
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    refused(
        api_as.post("officer", f"{URL}/{number}/hand-off", {"sent_on": tomorrow}), 400, "报送日期不能晚于今天"
    )
    refused(api_as.post("officer", f"{URL}/{number}/hand-off", {}), 400, "请填写报送日期")
    assert (state_of(number), writes()) == ("township_review", before)
    today = timezone.localdate().isoformat()
    sent = api_as.post("officer", f"{URL}/{number}/hand-off", {"sent_on": today})
    assert (sent.status_code, sent.json()["state"]) == (200, "external")
    refused(api_as.post("officer", f"{URL}/{number}/hand-back", {"approved": False, "answered_on": today}),
            400, "请写明理由")  # fmt: skip
    back = api_as.post("officer", f"{URL}/{number}/hand-back",
                       {"approved": False, "answered_on": today, "opinion": "县残联：评残等级不符"})  # fmt: skip
    assert (back.status_code, back.json()["state"], back.json()["decision"]) == (200, "rejected", "rejected")


def test_the_unreasonable_mark_and_its_review(api_as, matter):
    number = apply(api_as, matter)["id"]
    api_as.post("clerk", f"{URL}/{number}/refuse", {"reason": "要求镇里裁决私人合同纠纷"})
    mark = {"kind": "outside_powers", "reason": "私人合同纠纷", "basis": "《民法典》第四百六十五条"}
    before = writes()
    refused(api_as.post("clerk", f"{URL}/{number}/unreasonable", mark), 403, "您没有权限")
    refused(api_as.post("admin", f"{URL}/{number}/unreasonable", {**mark, "basis": ""}), 400, "依据")
    assert writes() == before
    marked = api_as.post("admin", f"{URL}/{number}/unreasonable", mark)
    assert marked.status_code == 200, marked.content.decode()
    refused(api_as.post("admin", f"{URL}/{number}/unreasonable/review", {"decision": "upheld", "note": "确属超出职权"}),
            403, "您没有权限")  # fmt: skip
    reviewed = api_as.post("supervisor", f"{URL}/{number}/unreasonable/review",
                           {"decision": "upheld", "note": "确属超出职权"})  # fmt: skip
    assert reviewed.status_code == 200, reviewed.content.decode()
    application = Application.objects.get(pk=number)
    assert (application.unreasonable_kind, application.unreasonable_review) == ("outside_powers", "upheld")


def test_someone_elses_application_answers_404_and_anonymous_401(api_as, client, matter):
    number = apply(api_as, matter)["id"]
    before = writes()
    refused(api_as.post("nobody", f"{URL}/{number}/withdraw"), 404, "未找到该记录")
    fake = SimpleUploadedFile("申请书.pdf", b"not a pdf at all", content_type="application/pdf")
    probe = {"files": [fake], "file_materials": [matter.materials.get(name="申请书").pk]}
    refused(api_as.upload("nobody", f"{URL}/{number}/supply", probe), 404, "未找到该记录")
    anonymous = client.post(f"{URL}/{number}/withdraw", "{}", content_type="application/json")
    refused(anonymous, 401, "未认证")
    assert (state_of(number), writes()) == ("submitted", before)


def test_the_moves_are_documented():
    schema = api.get_openapi_schema()
    for path in (URL, *(URL + "/{application_id}/" + move for move in (
            "accept", "forward", "notify", "refuse", "supply", "promised", "withdraw", "decide", "hand-off",
            "hand-back", "issue", "rate", "unreasonable", "unreasonable/review")),
                 "/api/v1/hall/followups/{followup_id}/visit", "/api/v1/hall/followups/{followup_id}/rectify"):  # fmt: skip
        operation = schema["paths"][path]["post"]
        assert operation["summary"], path
        assert {"400", "401", "403", "409"} <= set(operation["responses"]), path
    supply = schema["paths"][URL + "/{application_id}/supply"]["post"]["requestBody"]["content"]
    assert "files" in supply["multipart/form-data"]["schema"]["properties"]


def test_a_result_notice_is_revoked_over_the_api(api_as, matter, make_application, officer, users):
    application = make_application(matter, state="township_review", number="SL-2026-0009")
    office.application_decide(actor=officer, application=application, verb="approve", opinion="")
    done = api_as.post("clerk", f"{URL}/{application.pk}/issue", {"delivery": "in_person"})
    assert done.status_code == 200, done.content.decode()
    (document,) = done.json()["documents"]
    assert document["revoked_at"] is None
    path = f"{URL}/{application.pk}/documents/{document['id']}/revoke"
    before = writes()
    refused(api_as.post("clerk", path, {"reason": "理由理由理由"}), 403, "")
    refused(api_as.post("officer", path, {"reason": "短"}), 400, "撤销理由至少4个字。")
    refused(
        api_as.post("officer", f"{URL}/{application.pk}/documents/999999/revoke", {"reason": "理由理由"}),
        404,
        "",
    )
    assert writes() == before
    answer = api_as.post("officer", path, {"reason": "审批依据有误，另行出具"})
    assert answer.status_code == 200, answer.content.decode()
    (shown,) = answer.json()["documents"]
    assert shown["revoked_at"] is not None
    assert shown["revoked_reason"] == "审批依据有误，另行出具"
    refused(api_as.post("officer", path, {"reason": "再撤销一次"}), 409, "无需重复办理")
