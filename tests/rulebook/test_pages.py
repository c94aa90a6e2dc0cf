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
