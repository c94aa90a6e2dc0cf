"""A version as a server-made PDF (public once adopted, a draft's only to its readers), and the scan attached
after adoption (once: never replaced; checked like the draft's; audited)."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.audit.presentation import audit_lines_for
from gongzhi.core.errors import DomainError
from gongzhi.meetings.actions import ItemVote, meeting_record
from gongzhi.rulebook import actions, selectors
from gongzhi.rulebook.models import DocumentKind, Version
from tests.hall.pdf_text import pdf_text
from tests.pdfs import BLANK_PDF, blank_pdf, pdf_with_javascript

pytestmark = pytest.mark.django_db


def _adopted(users, areas):
    staff = users["community_staff"]
    meeting = meeting_record(
        actor=staff, area=areas["village"], body_kind="village_representatives_meeting",
        held_on=timezone.localdate(), members=30, present=21, items=[ItemVote("通过民主理财制度", in_favour=18)],
    )  # fmt: skip
    document = actions.document_create(
        actor=staff, community=areas["village"], kind=DocumentKind.objects.get(name="民主理财制度"),
        body="第一条 每月审核账目。\n第二条 理财小组由村(居)民代表会议推选。",
    )  # fmt: skip
    version = actions.version_adopt(
        actor=staff, version=document.versions.get(), meeting_item=meeting.items.get(),
        effective_on=timezone.localdate(),
    )  # fmt: skip
    return document, version


def test_an_adopted_version_prints_as_a_pdf_for_anyone(client, users, areas):
    document, version = _adopted(users, areas)
    answer = client.get(reverse("rulebook:version_print", args=[version.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    for expected in ("民主理财制度", "青山村", "十制度", "第1版", "施行中", "通过民主理财制度", "每月审核账目",
                     "理财小组由村(居)民代表会议推选"):  # fmt: skip
        assert expected in text, expected
    assert timezone.localdate().strftime("%Y年").strip() in text
    public = client.get(reverse("rulebook:public_version", args=[version.pk])).content.decode()
    assert reverse("rulebook:version_print", args=[version.pk]) in public
    assert not AuditEvent.objects.filter(
        verb="rulebook.draft_printed"
    ).exists()  # public: nobody's reads counted


def test_a_draft_prints_only_for_its_readers_and_says_it_is_a_draft(client, users, areas):
    document, version = _adopted(users, areas)
    draft = actions.version_new(actor=users["community_staff"], document=document)
    url = reverse("rulebook:version_print", args=[draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(users["resident"])
    assert client.get(url).status_code == 404
    client.force_login(users["other_staff"])
    assert client.get(url).status_code == 404
    client.force_login(users["township_admin"])
    data = client.get(url).content
    text = pdf_text(data)
    event = AuditEvent.objects.get(verb="rulebook.draft_printed")
    assert event.target_id == str(draft.pk)
    assert event.summary["sha256"] == hashlib.sha256(data).hexdigest()
    for expected in ("第2版", "草稿", "尚未表决"):
        assert expected in text, expected
    client.force_login(users["community_staff"])
    page = client.get(reverse("rulebook:document", args=[document.pk])).content.decode()
    assert url in page


def test_a_scan_is_attached_once_after_adoption_and_never_replaced(users, areas):
    document, version = _adopted(users, areas)
    staff = users["community_staff"]
    with pytest.raises(DomainError):
        actions.scan_attach(actor=staff, version=version, raw=pdf_with_javascript(), name="x.pdf")
    version.refresh_from_db()
    assert not version.scan
    actions.scan_attach(actor=staff, version=version, raw=BLANK_PDF, name="签字盖章.pdf")
    version.refresh_from_db()
    first = version.scan.name
    assert first.endswith(".pdf")
    event = AuditEvent.objects.get(verb="rulebook.scan_attached")
    assert event.summary["adopted"] is True
    [line] = audit_lines_for(viewer=users["township_admin"], events=[event])
    assert "通过施行后补传" in line.sentence
    with pytest.raises(DomainError) as refused:
        actions.scan_attach(actor=staff, version=version, raw=blank_pdf(2), name="另一份.pdf")
    assert refused.value.message == "「民主理财制度」第1版已经通过施行，已有扫描件，不能替换。"
    version.refresh_from_db()
    assert version.scan.name == first
    assert version.scan.read() == BLANK_PDF
    assert AuditEvent.objects.filter(verb="rulebook.scan_attached").count() == 1
    assert Version.objects.get(pk=version.pk).body.startswith("第一条 每月审核账目。")


def test_the_page_offers_the_scan_after_adoption_and_refuses_a_second(client, users, areas):
    document, version = _adopted(users, areas)
    client.force_login(users["community_staff"])
    page = client.get(reverse("rulebook:document", args=[document.pk])).content.decode()
    assert 'data-testid="scan-after"' in page
    upload = reverse("rulebook:scan_upload", args=[document.pk, version.pk])
    client.post(upload, {"scan": SimpleUploadedFile("签字盖章.pdf", BLANK_PDF, "application/pdf")})
    version.refresh_from_db()
    assert version.scan
    page = client.get(reverse("rulebook:document", args=[document.pk])).content.decode()
    assert 'data-testid="scan-after"' not in page
    refused = client.post(upload, {"scan": SimpleUploadedFile("再传.pdf", blank_pdf(2))}, follow=True)
    assert "已有扫描件，不能替换" in refused.content.decode()
    version.refresh_from_db()
    assert version.scan.read() == BLANK_PDF
    assert selectors.public_version_get(version.pk).scan
