"""The governing documents' pages: the staff create from a template, edit the draft, adopt it by a meeting item;
the public library lists it with the convention; an adopted version's edit is refused with a message."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.meetings.actions import ItemVote, meeting_record
from gongzhi.rulebook.models import Document, DocumentKind, Template, Version

pytestmark = pytest.mark.django_db


def test_the_staff_draft_adopt_and_the_public_reads_it(client, users, areas):
    meeting = meeting_record(
        actor=users["community_staff"], area=areas["village"], body_kind="village_representatives_meeting",
        held_on=timezone.localdate(), members=30, present=21, items=[ItemVote("通过自治章程", in_favour=18)],
    )  # fmt: skip
    client.force_login(users["community_staff"])
    template = Template.objects.get(kind=DocumentKind.objects.get(name="自治章程"))
    answer = client.post(reverse("rulebook:new", args=[areas["village"].pk]), {"template": template.pk})
    document = Document.objects.get()
    assert answer["Location"] == reverse("rulebook:document", args=[document.pk])
    draft = Version.objects.get()
    page = client.get(reverse("rulebook:document", args=[document.pk])).content.decode()
    assert "通过自治章程" in page  # the meeting item offered for adoption
    client.post(
        reverse("rulebook:draft_save", args=[document.pk, draft.pk]), {"body": draft.body + "\n第六条 补充。"}
    )
    client.post(
        reverse("rulebook:adopt", args=[document.pk, draft.pk]),
        {"meeting_item": meeting.items.get().pk, "effective_on": timezone.localdate().isoformat()},
    )
    draft.refresh_from_db()
    assert draft.state == "in_force"
    assert draft.body.endswith("第六条 补充。")
    refused = client.post(
        reverse("rulebook:draft_save", args=[document.pk, draft.pk]),
        {"body": "全部改掉的正文，不应保存。"},
        follow=True,
    )
    assert "不能再修改" in refused.content.decode()
    assert Version.objects.get(pk=draft.pk).body.endswith("第六条 补充。")
    client.post(reverse("rulebook:version_new", args=[document.pk]))
    second = Version.objects.get(number=2)
    client.post(
        reverse("rulebook:draft_save", args=[document.pk, second.pk]),
        {"body": second.body.replace("补充", "修改")},
    )
    page = client.get(reverse("rulebook:document", args=[document.pk])).content.decode()
    assert 'data-testid="diff"' in page
    client.logout()
    public = client.get(reverse("rulebook:public", args=[areas["village"].pk])).content.decode()
    assert reverse("rulebook:public_version", args=[draft.pk]) in public
    assert client.get(reverse("rulebook:public_version", args=[draft.pk])).status_code == 200
    assert client.get(reverse("rulebook:public_version", args=[second.pk])).status_code == 404  # a draft


def test_the_scan_is_uploaded_on_the_page_and_served_to_readers(client, users, areas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.pdfs import BLANK_PDF, pdf_with_javascript

    meeting = meeting_record(
        actor=users["community_staff"], area=areas["village"], body_kind="village_representatives_meeting",
        held_on=timezone.localdate(), members=30, present=21, items=[ItemVote("通过民主理财制度", in_favour=18)],
    )  # fmt: skip
    client.force_login(users["community_staff"])
    kind = DocumentKind.objects.get(name="民主理财制度")
    client.post(
        reverse("rulebook:new", args=[areas["village"].pk]),
        {"kind": kind.pk, "body": "第一条 每月审核账目。"},
    )
    document, draft = Document.objects.get(), Version.objects.get()
    upload = reverse("rulebook:scan_upload", args=[document.pk, draft.pk])
    bad = client.post(upload, {"scan": SimpleUploadedFile("坏.pdf", pdf_with_javascript())}, follow=True)
    assert "PDF" in bad.content.decode()
    draft.refresh_from_db()
    assert not draft.scan
    client.post(upload, {"scan": SimpleUploadedFile("签字盖章.pdf", BLANK_PDF, "application/pdf")})
    draft.refresh_from_db()
    assert draft.scan
    page = client.get(reverse("rulebook:document", args=[document.pk])).content.decode()
    assert reverse("rulebook:scan", args=[draft.pk]) in page
    served = client.get(reverse("rulebook:scan", args=[draft.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == BLANK_PDF
    client.force_login(users["resident"])
    assert client.get(reverse("rulebook:scan", args=[draft.pk])).status_code == 404  # a draft's: readers only
    client.force_login(users["community_staff"])
    client.post(
        reverse("rulebook:adopt", args=[document.pk, draft.pk]),
        {"meeting_item": meeting.items.get().pk, "effective_on": timezone.localdate().isoformat()},
    )
    refused = client.post(upload, {"scan": SimpleUploadedFile("再传.pdf", BLANK_PDF)}, follow=True)
    assert "已有扫描件，不能替换" in refused.content.decode()  # adopted with a scan: never replaced
    client.logout()
    public = client.get(reverse("rulebook:public_version", args=[draft.pk])).content.decode()
    assert reverse("rulebook:scan", args=[draft.pk]) in public
    assert client.get(reverse("rulebook:scan", args=[draft.pk])).status_code == 200  # adopted: anyone's
