"""统一出件: the window issues the result notice (a PDF with a verification code and QR code), records the
hand-over, and anyone may verify the document at /verify/<code>/ — learning nothing personal."""

import datetime as dt
import hashlib
import os
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import CaseEvent
from gongzhi.core.crypto import decrypt
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.core.periodic import periodic_jobs
from gongzhi.hall.actions import issuing, office
from gongzhi.hall.actions.sweep import hall_files_orphans_delete
from gongzhi.hall.documents import CODE_LENGTH, document_code_clean, document_code_grouped
from gongzhi.hall.models import Application, ApplicationFile, HandlingMode, Handover, IssuedDocument
from gongzhi.notices.models import Notice
from tests.conftest import make_user
from tests.hall.pdf_text import pdf_text
from tests.idnumbers import make_id

pytestmark = pytest.mark.django_db
SITE = "https://gz.example.cn/"


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def fresh(application) -> Application:
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


@pytest.fixture
def approved(make_matter, make_application, officer, users, make_resident):
    """An application of 青山村's resident for 最低生活保障, approved by 民政办 (number and acceptance set)."""
    application = make_application(make_matter(), state="township_review", number="SL-2026-0007",
                                   accepted_at=timezone.now())  # fmt: skip
    return office.application_decide(actor=officer, application=application, verb="approve",
                                     opinion="经审核，符合最低生活保障条件。")  # fmt: skip


def issue(application, actor, **extra):
    return issuing.application_issue(actor=actor, application=application, site_url=SITE,
                                     **{"delivery": "in_person", **extra})  # fmt: skip


def test_issuing_renders_stores_and_moves_to_done(approved, users, tmp_path):
    clerk = users["window_clerk"]
    document = issue(approved, clerk)
    application = fresh(approved)
    assert application.case.state == "issued"
    assert application.case.closed_at is not None
    assert (application.issued_by, application.delivery) == (clerk, "in_person")
    assert len(document.code) == CODE_LENGTH
    assert document_code_clean(document.code) == document.code
    stored = Path(tmp_path) / document.path
    content = stored.read_bytes()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == document.sha256
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    text = pdf_text(content)
    assert document_code_grouped(document.code) in text
    for expected in ("准予决定书", "永安镇", "民政办", "最低生活保障", "SL-2026-0007", "经审核，符合最低生活保障条件。",
                     f"gz.example.cn/verify/{document.code}/"):  # fmt: skip
        assert expected in text, expected
    row = AuditEvent.objects.get(verb="hall.issued")
    assert row.summary["sha256"] == document.sha256
    assert row.summary["delivery"] == "in_person"


def test_the_notice_names_the_applicant_as_on_the_register(
    make_matter, make_application, officer, users, make_resident
):
    resident = make_resident(name="李秀英")
    application = make_application(make_matter(), state="township_review")
    application.case.resident = resident
    application.case.save(update_fields=["resident"])
    office.application_decide(actor=officer, application=application, verb="reject", opinion="收入超过标准")
    document = issue(fresh(application), users["window_clerk"])
    text = pdf_text(Path(issuing.document_path(document)).read_bytes())
    assert "李秀英" in text
    assert "不予批准决定书" in text
    assert "收入超过标准" in text
    assert "行政复议" in text


def test_a_village_direct_matter_gets_a_result_notice(make_matter, make_application, users):
    application = make_application(
        make_matter(mode=HandlingMode.VILLAGE_DIRECT, name="临时救助"), state="village_review"
    )
    office.application_decide(actor=users["community_staff"], application=application, verb="approve_village")
    document = issue(fresh(application), users["window_clerk"])
    assert document.title == "办理结果通知书"


@pytest.mark.parametrize("state", ["submitted", "township_review", "external"])
def test_issuing_before_a_decision_is_refused_and_stores_nothing(
    make_matter, make_application, users, tmp_path, state
):
    application = make_application(make_matter(county_office="县民政局"), state=state)
    events = CaseEvent.objects.filter(case_id=application.pk).count()
    with pytest.raises(Conflict) as caught:
        issue(application, users["window_clerk"])
    assert caught.value.message.startswith("审批通过或不予批准后才能出件（现为“")
    assert fresh(application).case.state == state
    assert not IssuedDocument.objects.exists()
    assert not list(Path(tmp_path).rglob("*.pdf"))
    assert CaseEvent.objects.filter(case_id=application.pk).count() == events
    assert not AuditEvent.objects.filter(verb="hall.issued").exists()


def test_a_second_issue_is_refused_naming_who_issued(approved, users, areas):
    issue(approved, users["window_clerk"])
    with pytest.raises(Conflict) as caught:
        issue(approved, users["community_staff"])
    assert caught.value.message.startswith("该办件已由window_clerk于")
    assert IssuedDocument.objects.count() == 1


def test_only_the_window_over_the_community_issues(approved, officer, users):
    with pytest.raises(NotPermitted) as caught:
        issue(approved, officer)
    assert caught.value.message == "出件由申请人所在村(社区)的窗口办理，您不能出件。"
    with pytest.raises(NotFound):
        issue(approved, users["other_staff"])
    assert fresh(approved).case.state == "approved"
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"delivery": "pigeon"}, "delivery", "请选择出件方式。"),
        ({"delivery": "post", "delivery_note": ""}, "delivery_note", "邮寄出件请填写快递公司和运单号。"),
        ({"delivery": "authorised", "collector_name": "", "collector_id": ""}, "collector_name", "请填写受托人姓名。"),
        ({"delivery": "authorised", "collector_name": "王建国", "collector_id": ""}, "collector_id", "请填写受托人身份证号。"),
        ({"delivery": "authorised", "collector_name": "王建国", "collector_id": "12345"}, "collector_id",
         "身份证号应为18位，前17位为数字，最后一位为数字或X。"),
    ],
)  # fmt: skip
def test_a_hand_over_without_what_it_needs_is_refused(approved, users, extra, field, message):
    with pytest.raises(DomainError) as caught:
        issue(approved, users["window_clerk"], **extra)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert fresh(approved).case.state == "approved"
    assert not IssuedDocument.objects.exists()


def test_an_authorised_collector_is_stored_encrypted_and_shown_masked(client, approved, users):
    number = make_id(dt.date(1975, 3, 9), 12)
    issue(
        approved, users["window_clerk"], delivery="authorised", collector_name="王建国", collector_id=number
    )
    handover = Handover.objects.get(application=approved)
    assert number not in handover.collector_id_enc
    assert decrypt(handover.collector_id_enc, context=issuing.COLLECTOR_ID_CONTEXT) == number
    client.force_login(User.objects.get(username="window_clerk"))
    page = client.get(f"/hall/a/{approved.pk}/").content.decode()
    assert f"王** **************{number[-4:]}" in page
    assert "王建国" not in page
    assert number not in page


def test_the_applicant_downloads_the_pdf_and_others_get_404(client, approved, users, areas):
    document = issue(approved, users["window_clerk"], delivery="post", delivery_note="EMS 1234567890")
    client.force_login(User.objects.get(username="resident"))
    page = client.get(f"/hall/a/{approved.pk}/").content.decode()
    assert f"/hall/a/{approved.pk}/documents/{document.pk}/" in page
    assert "EMS 1234567890" in page
    response = client.get(f"/hall/a/{approved.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256
    make_user("neighbour", "resident", areas["village"])
    client.force_login(User.objects.get(username="neighbour"))
    assert client.get(f"/hall/a/{approved.pk}/documents/{document.pk}/").status_code == 404
    # The applicant's own downloads are not recorded; staff reads are, once each.
    assert not AuditEvent.objects.filter(verb="hall.document_read").exists()
    client.force_login(users["window_clerk"])
    assert client.get(f"/hall/a/{approved.pk}/documents/{document.pk}/").status_code == 200
    read = AuditEvent.objects.get(verb="hall.document_read")
    assert read.actor_id == users["window_clerk"].pk
    assert read.summary["code"] == document.code


def test_issuing_by_page(client, approved, users):
    client.force_login(User.objects.get(username="window_clerk"))
    page = client.get(f"/hall/a/{approved.pk}/").content.decode()
    assert 'data-testid="move-issue"' in page
    assert client.get(f"/hall/a/{approved.pk}/issue/").status_code == 200
    response = client.post(f"/hall/a/{approved.pk}/issue/", {"delivery": "post", "delivery_note": ""})
    assert response.status_code == 400
    assert "邮寄出件请填写快递公司和运单号。" in response.content.decode()
    response = client.post(f"/hall/a/{approved.pk}/issue/", {"delivery": "in_person"})
    assert response.status_code == 302
    document = IssuedDocument.objects.get(application=approved)
    assert "testserver/verify/" in pdf_text(Path(issuing.document_path(document)).read_bytes())
    response = client.post(f"/hall/a/{approved.pk}/issue/", {"delivery": "in_person"})
    assert response.status_code == 409
    assert IssuedDocument.objects.count() == 1


def test_issuing_by_page_before_approval_is_409(client, make_matter, make_application, users):
    application = make_application(make_matter(), state="township_review")
    client.force_login(User.objects.get(username="window_clerk"))
    response = client.post(f"/hall/a/{application.pk}/issue/", {"delivery": "in_person"})
    assert response.status_code == 409
    assert "审批通过或不予批准后才能出件" in response.content.decode()
    assert not IssuedDocument.objects.exists()


# --- /verify/<code>/ ---------------------------------------------------------------------------


def test_verify_says_genuine_and_current_and_nothing_personal(client, approved, users, make_resident):
    document = issue(approved, users["window_clerk"])
    response = client.get(f"/verify/{document.code}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "真实有效" in page
    for expected in ("准予决定书", "永安镇", "民政办", "最低生活保障", timezone.localdate().isoformat()):
        assert expected in page, expected
    for private in ("resident", "SL-2026-0007", "经审核", approved.case.author.display_name):
        assert private not in page, private
    # As typed from paper: lower case, grouped with spaces or dashes.
    typed = document_code_grouped(document.code).lower().replace(" ", "-")
    assert "真实有效" in client.get(f"/verify/{typed}/").content.decode()
    assert client.get("/verify/", {"code": document_code_grouped(document.code)}).status_code == 302


def test_verify_says_when_a_document_was_revoked(client, approved, users):
    document = issue(approved, users["window_clerk"])
    IssuedDocument.objects.filter(pk=document.pk).update(revoked_at=timezone.now(), revoked_reason="更正")
    page = client.get(f"/verify/{document.code}/").content.decode()
    assert "已撤销，不再有效" in page
    assert "真实有效" not in page


@pytest.mark.parametrize("code", ["ABCDEFGHJKMNPQRSTVWX", "not-a-code", "0" * 200, "验证码ＡＢＣ"])
def test_an_unknown_or_fake_code_says_so(client, approved, users, code):
    issue(approved, users["window_clerk"])
    response = client.get(f"/verify/{code}/")
    assert response.status_code == 404
    assert "未找到该验证码对应的文书。" in response.content.decode()
    assert client.get("/verify/", {"code": "FAKE-CODE"}).status_code == 404


def test_a_decision_changed_while_the_pdf_was_rendered_is_not_issued(approved, users, tmp_path, monkeypatch):
    real = issuing.result_notice_pdf

    def render_while_the_record_changes(notice):
        Application.objects.filter(pk=approved.pk).update(decision_reason="更正后的意见")
        return real(notice)

    monkeypatch.setattr(issuing, "result_notice_pdf", render_while_the_record_changes)
    with pytest.raises(Conflict) as caught:
        issue(approved, users["window_clerk"])
    assert caught.value.message == "审批结果刚刚发生了变化，请刷新后重新出件。"
    assert fresh(approved).case.state == "approved"
    assert not IssuedDocument.objects.exists()
    assert not list(Path(tmp_path).rglob("*.pdf"))


# --- Files no row owns (a rolled-back transaction, a process that died): swept after an hour ---------------

HOUR_AGO = time.time() - 3700


def _file(relative: str, *, old: bool = True) -> Path:
    path = Path(settings.DATA_DIR) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    if old:
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


def test_an_issued_notice_whose_transaction_rolled_back_is_swept(approved, users):
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():  # e.g. a request wrapped in a transaction that fails after issuing
            document = issue(approved, users["window_clerk"])
            path = issuing.document_path(document)
            raise Rollback
    except Rollback:
        pass
    assert path.is_file()
    assert not IssuedDocument.objects.exists()
    assert hall_files_orphans_delete() == 0  # younger than any transaction can be: kept for now
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    kept = issue(approved, users["window_clerk"])
    kept_path = issuing.document_path(kept)
    os.utime(kept_path, (HOUR_AGO, HOUR_AGO))
    assert hall_files_orphans_delete() == 1
    assert not path.exists()
    assert kept_path.is_file()


def test_handed_in_pdfs_without_a_row_and_stale_temporaries_go_others_stay(approved, users):
    owned = _file(f"hall/2026/12/{uuid.uuid4()}.pdf")
    ApplicationFile.objects.create(
        application=approved, line=approved.materials.first(), name="收入证明.pdf",
        path=owned.relative_to(settings.DATA_DIR).as_posix(), added_by=users["resident"],
    )  # fmt: skip
    orphan = _file(f"hall/2026/12/{uuid.uuid4()}.pdf")
    young = _file(f"hall/2026/12/{uuid.uuid4()}.pdf", old=False)
    temporary = _file("hall/2026/12/.k3j9xq2a.tmp")  # file_write_atomically's temporary
    stale_render = _file("hall/documents/2026/.abc123zz.tmp")
    foreign = _file("hall/2026/12/readme.pdf")  # not a name the hall writes
    assert hall_files_orphans_delete() == 3
    assert [p.exists() for p in (orphan, temporary, stale_render)] == [False, False, False]
    assert [p.is_file() for p in (young, foreign, owned)] == [True, True, True]


def test_the_sweep_runs_with_the_periodic_jobs():
    assert "hall_file_orphans" in {job.name for job in periodic_jobs()}


# --- 撤销: an issued notice that is no longer current ---------------------------------------------------


def test_revoking_a_notice_makes_verify_say_so_tells_the_applicant_and_is_audited(
    client, approved, officer, users
):
    document = issue(approved, users["window_clerk"])
    assert "真实有效" in client.get(f"/verify/{document.code}/").content.decode()
    revoked = issuing.document_revoke(
        actor=officer, application=approved, document=document, reason="审批依据有误，另行出具"
    )
    assert revoked.revoked_by == officer
    stored = IssuedDocument.objects.get(pk=document.pk)
    assert stored.revoked_at is not None
    assert stored.revoked_reason == "审批依据有误，另行出具"
    page = client.get(f"/verify/{document.code}/").content.decode()
    assert "已撤销，不再有效" in page
    assert "审批依据有误" not in page  # nothing more than whether it stands
    notice = Notice.objects.filter(recipient=approved.case.author).order_by("-id").first()
    assert "已撤销" in notice.title
    assert "审批依据有误，另行出具" in notice.body
    event = AuditEvent.objects.get(verb="hall.document_revoked")
    assert event.actor_id == officer.pk
    assert event.summary["code"] == document.code
    # Twice is refused, naming when; nothing more is written.
    with pytest.raises(Conflict) as caught:
        issuing.document_revoke(actor=officer, application=approved, document=document, reason="再次撤销一下")
    assert caught.value.code == "already_revoked"
    assert AuditEvent.objects.filter(verb="hall.document_revoked").count() == 1


def test_only_the_deciding_department_and_the_township_revoke_with_a_reason(approved, officer, users, areas):
    document = issue(approved, users["window_clerk"])
    with pytest.raises(NotPermitted):  # the window issues, it does not revoke
        issuing.document_revoke(
            actor=users["window_clerk"], application=approved, document=document, reason="理由理由"
        )
    with pytest.raises(NotFound):  # another community's staff do not see the application
        issuing.document_revoke(
            actor=users["other_staff"], application=approved, document=document, reason="理由理由"
        )
    with pytest.raises(DomainError) as caught:
        issuing.document_revoke(actor=officer, application=approved, document=document, reason="短")
    assert caught.value.field == "reason"
    assert IssuedDocument.objects.get(pk=document.pk).revoked_at is None
    issuing.document_revoke(
        actor=users["township_admin"], application=approved, document=document, reason="决定已撤回，文书作废"
    )
    assert IssuedDocument.objects.get(pk=document.pk).revoked_by == users["township_admin"]


def test_revoking_by_page_shows_the_form_to_those_who_may_and_the_mark_to_all(
    client, approved, officer, users
):
    document = issue(approved, users["window_clerk"])
    url = reverse("hall:document_revoke", args=[approved.pk, document.pk])
    client.force_login(users["window_clerk"])
    assert url not in client.get(f"/hall/a/{approved.pk}/").content.decode()
    assert client.post(url, {"reason": "理由理由理由"}).status_code == 403
    client.force_login(officer)
    assert url in client.get(f"/hall/a/{approved.pk}/").content.decode()
    response = client.post(url, {"reason": "短"}, follow=True)
    assert "撤销理由至少4个字。" in response.content.decode()
    assert IssuedDocument.objects.get(pk=document.pk).revoked_at is None
    response = client.post(url, {"reason": "审批依据有误，另行出具"})
    assert response.status_code == 302
    client.force_login(approved.case.author)
    page = client.get(f"/hall/a/{approved.pk}/").content.decode()
    assert 'data-testid="document-revoked"' in page
    assert "审批依据有误，另行出具" in page
    assert url not in page
