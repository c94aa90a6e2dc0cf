"""The mediation pages: a case through its pages, the papers only for who reads its substance, refusals shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.mediation import actions
from gongzhi.mediation.models import Dispute
from tests.pdfs import blank_pdf

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def _agreed(committee, open_case) -> Dispute:
    dispute = actions.dispute_accept(actor=committee.chair, dispute=open_case())
    actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.mediator.pk)
    party = {p.name: p.pk for p in dispute.parties.all()}
    actions.session_record(
        actor=committee.mediator, dispute=dispute, held_on=timezone.localdate(), place="调解室",
        attendees="李四、王五", positions={party["李四"]: "要求疏通", party["王五"]: "同意"},
    )  # fmt: skip
    return actions.dispute_agree(
        actor=committee.mediator,
        dispute=dispute,
        terms="王五本周内疏通排水沟并赔礼道歉。",
        effective_on=timezone.localdate(),
    )


def test_a_resident_applies_on_the_page(client, committee):
    page = _as(client, committee.party).get(reverse("mediation:intake"))
    assert page.status_code == 200
    assert "申请人民调解" in page.content.decode()
    sent = client.post(
        reverse("mediation:intake"),
        {
            "category": "neighbours",
            "facts": "王五家的狗多次咬伤我家鸡。",
            "p0_side": "respondent",
            "p0_name": "王五",
            "p0_id_number": committee.respondent_id,
            "p1_side": "respondent",
        },
    )
    dispute = Dispute.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == reverse("mediation:detail", args=[dispute.pk])
    shown = client.get(sent["Location"]).content.decode()
    assert dispute.code in shown
    assert "狗多次咬伤" in shown


def test_a_wrong_id_number_is_a_clear_message_and_nothing_is_made(client, committee):
    answer = _as(client, committee.party).post(
        reverse("mediation:intake"),
        {"category": "neighbours", "facts": "王五家的狗多次咬伤我家鸡。", "p0_side": "respondent", "p0_name": "王六",
         "p0_id_number": committee.respondent_id, "p1_side": "respondent"},
    )  # fmt: skip
    assert answer.status_code == 200
    assert "居民登记中找不到" in answer.content.decode()
    assert not Dispute.objects.exists()


def test_the_papers_are_for_the_case_only_and_each_download_is_audited(client, committee, open_case, users):
    dispute = _agreed(committee, open_case)
    url = reverse("mediation:agreement_pdf", args=[dispute.pk])
    for name in ("community_staff", "township_admin", "grid_worker", "supervisor"):
        assert _as(client, users[name]).get(url).status_code in (403, 404)
    assert _as(client, committee.second).get(url).status_code == 404
    before = AuditEvent.objects.filter(verb="mediation.file_read").count()
    got = _as(client, committee.party).get(url)
    assert got.status_code == 200
    assert got.content.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(verb="mediation.file_read").count() == before + 1


def test_the_scan_page_refuses_a_non_pdf_and_takes_a_pdf(client, committee, open_case):
    dispute = _agreed(committee, open_case)
    url = reverse("mediation:scan", args=[dispute.pk])
    _as(client, committee.mediator)
    bad = client.post(url, {"scan": SimpleUploadedFile("scan.png", b"\x89PNG not a pdf")}, follow=True)
    assert "PDF" in bad.content.decode()
    assert not Dispute.objects.get(pk=dispute.pk).scan_path
    good = client.post(url, {"scan": SimpleUploadedFile("scan.pdf", blank_pdf())}, follow=True)
    assert "已上传签字盖章的协议书" in good.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).scan_path


def test_the_chair_of_a_family_dispute_sees_its_course_not_its_substance(client, committee, open_case):
    dispute = actions.dispute_accept(actor=committee.chair, dispute=open_case(category="family"))
    actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.mediator.pk)
    shown = _as(client, committee.chair).get(reverse("mediation:detail", args=[dispute.pk])).content.decode()
    assert dispute.code in shown
    assert "排水沟" not in shown
    assert "家事调解" in shown
    mediator = (
        _as(client, committee.mediator).get(reverse("mediation:detail", args=[dispute.pk])).content.decode()
    )
    assert "排水沟" in mediator


def test_the_roster_shows_training_and_the_statistics_show_counts(client, committee, open_case, users, areas):
    seat = committee.body.memberships.get(resident__user=committee.mediator)
    _as(client, committee.chair).post(
        reverse("mediation:training", args=[seat.pk]),
        {"held_on": "2026-03-01", "course": "人民调解法实务", "hours": "4", "given_by": "县司法局"},
    )
    roster = client.get(reverse("mediation:committee", args=[areas["village"].pk])).content.decode()
    assert "人民调解法实务" in roster
    assert "县司法局" in roster
    open_case()
    stats = _as(client, users["township_admin"]).get(reverse("mediation:stats")).content.decode()
    assert "&lt;5" in stats
    assert "李四" not in stats
    assert "TJ" not in stats


def test_every_state_renders_for_the_chair_the_mediator_and_the_party(client, committee, open_case):
    received = open_case()
    declined = actions.dispute_decline(actor=committee.chair, dispute=open_case(), reason="已由人民法院受理")
    agreed = _agreed(committee, open_case)
    failed = actions.dispute_accept(actor=committee.chair, dispute=open_case())
    actions.dispute_assign(actor=committee.chair, dispute=failed, mediator_id=committee.mediator.pk)
    actions.dispute_fail(
        actor=committee.mediator, dispute=failed, referral_to="county_centre", reason="分歧太大"
    )
    withdrawn = actions.dispute_withdraw(actor=committee.party, dispute=open_case(), reason="已和解")
    for dispute in (received, declined, agreed, failed, withdrawn):
        for user in (committee.chair, committee.party):
            page = _as(client, user).get(reverse("mediation:detail", args=[dispute.pk]))
            assert page.status_code == 200
            assert dispute.code in page.content.decode()
    mediator_page = (
        _as(client, committee.mediator).get(reverse("mediation:detail", args=[failed.pk])).content.decode()
    )
    assert "下载引导移交记录" in mediator_page
    assert "县级矛盾纠纷调处中心" in mediator_page
    home = _as(client, committee.mediator).get("/").content.decode()
    assert agreed.code in home
