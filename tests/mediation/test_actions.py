"""People's mediation from intake to the follow-up, and every refusal with nothing changed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.mediation import actions, selectors
from gongzhi.mediation.models import Assignment, Dispute, FollowUp, Party, Screening, Session
from gongzhi.notices.models import Notice
from gongzhi.residents.models import Resident
from tests.conftest import make_user
from tests.pdfs import blank_pdf, pdf_with_javascript

TERMS = "王五于本月底前疏通排水沟并修复李四家院墙，费用由王五承担。"


def _snapshot():
    return (
        Dispute.objects.count(),
        Case.objects.filter(kind="dispute").count(),
        Party.objects.count(),
        Assignment.objects.filter(ended_at=None).count(),
        Session.objects.count(),
        FollowUp.objects.exclude(visited_on=None).count(),
        AuditEvent.objects.count(),
        list(Case.objects.filter(kind="dispute").values_list("state", flat=True).order_by("pk")),
    )


def _to_mediating(committee, dispute):
    dispute = actions.dispute_accept(actor=committee.chair, dispute=dispute)
    actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.mediator.pk)
    return Dispute.objects.get(pk=dispute.pk)


def _session(committee, dispute):
    parties = {p.name: p.pk for p in dispute.parties.all()}
    return actions.session_record(
        actor=committee.mediator,
        dispute=dispute,
        held_on=timezone.localdate(),
        place="村委会调解室",
        attendees="李四、王五、钱调解",
        positions={parties["李四"]: "要求疏通并赔偿院墙。", parties["王五"]: "同意疏通，院墙费用可商量。"},
        next_steps="双方回去商量修墙费用。",
    )


def test_a_resident_applies_and_gets_one_case_code_from_intake_to_close(committee, open_case):
    dispute = open_case()
    assert dispute.code == f"TJ{timezone.localdate().year}{dispute.pk:06d}"
    assert dispute.case.title == dispute.code
    assert dispute.case.state == "received"
    assert dispute.source == "party"
    sides = {p.name: (p.side, p.user_id) for p in dispute.parties.all()}
    assert sides == {"李四": ("applicant", committee.party.pk), "王五": ("respondent", None)}
    # The chair hears of it at once.
    assert Notice.objects.filter(recipient=committee.chair, title__contains=dispute.code).exists()

    dispute = _to_mediating(committee, dispute)
    assert dispute.case.state == "mediating"
    _session(committee, dispute)
    dispute = actions.dispute_agree(
        actor=committee.mediator,
        dispute=dispute,
        terms=TERMS,
        performance="本月底前履行完毕",
        effective_on=timezone.localdate(),
        confirmation_wanted=True,
    )
    dispute.refresh_from_db()
    assert dispute.case.state == "agreed"
    assert dispute.code == dispute.case.title
    assert dispute.confirmation_due == timezone.localdate() + dt.timedelta(days=30)
    pdf = actions.dispute_file_read(actor=committee.party, dispute=dispute, kind="agreement")
    assert pdf.startswith(b"%PDF-")
    actions.agreement_scan_upload(
        actor=committee.mediator, dispute=dispute, upload=SimpleUploadedFile("signed.pdf", blank_pdf())
    )
    dispute.refresh_from_db()
    assert dispute.scan_path
    assert len(dispute.scan_sha256) == 64
    visit = actions.followup_record(
        actor=committee.mediator,
        dispute=dispute,
        visited_on=timezone.localdate(),
        outcome="kept",
        note="已疏通，墙已修。",
    )
    assert visit.outcome == "kept"
    verbs = list(CaseEvent.objects.filter(case=dispute.case).values_list("verb", flat=True))
    assert verbs == ["open", "accept", "assign", "session", "agree", "scan", "followup"]


def test_audit_rows_name_the_code_never_the_facts_or_the_parties(committee, open_case):
    first = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    dispute = _to_mediating(committee, open_case())
    _session(committee, dispute)
    actions.dispute_agree(
        actor=committee.mediator, dispute=dispute, terms=TERMS, effective_on=timezone.localdate()
    )
    rows = AuditEvent.objects.filter(target_id=str(dispute.pk))
    assert rows.exists()
    text = " ".join(f"{r.target_label} {r.summary}" for r in AuditEvent.objects.filter(id__gt=first))
    for secret in ("排水沟", "李四", "王五", "院墙", "要求疏通"):
        assert secret not in text


def test_a_mediator_in_a_partys_household_is_refused_and_nothing_changes(committee, open_case):
    dispute = actions.dispute_accept(actor=committee.chair, dispute=open_case())
    Resident.objects.filter(user=committee.second).update(
        household=committee.household, relation_to_head="10"
    )
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.second.pk)
    assert refused.value.code == "mediator_related"
    assert "同属一户" in refused.value.message
    assert "配偶" in refused.value.message
    assert _snapshot() == before


def test_a_mediator_who_is_a_party_is_refused(committee, users, make_resident, areas):
    dispute = actions.dispute_intake(
        actor=committee.chair,
        community=areas["village"],
        category="labour",
        facts="孙调解与王五因工钱发生争执。",
        parties=[
            actions.PartyInput(side="applicant", name="孙调解", id_number=_id_of(committee.second)),
            actions.PartyInput(side="respondent", name="王五", id_number=committee.respondent_id),
        ],
    )
    dispute = actions.dispute_accept(actor=committee.chair, dispute=dispute)
    with pytest.raises(DomainError, match="本人是当事人"):
        actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.second.pk)


def _id_of(user) -> str:
    from gongzhi.core.crypto import decrypt

    return decrypt(Resident.objects.get(user=user).id_ciphertext, context="resident.id_number")


def test_a_case_opened_outside_the_openers_scope_is_refused(committee, users, areas):
    before = _snapshot()
    # A grid worker of 青山村 cannot open a case for 东街社区; a 东街社区 resident's role cannot open one for 青山村.
    with pytest.raises(NotPermitted, match="东街社区"):
        actions.dispute_intake(
            actor=users["grid_worker"],
            community=areas["urban"],
            category="neighbours",
            facts="东街社区两户因噪音争执。",
            parties=[actions.PartyInput(side="applicant", name="某某", phone="13800138000")],
        )
    outsider = make_user("east_resident", Role.RESIDENT, areas["urban"])
    with pytest.raises(NotPermitted):
        actions.dispute_intake(
            actor=outsider,
            community=areas["village"],
            category="neighbours",
            facts="青山村两户因噪音争执。",
            parties=[actions.PartyInput(side="applicant", name="某某", phone="13800138000")],
        )
    # Community staff and the township office do not open cases (they refer notes through the hook).
    with pytest.raises(NotPermitted):
        actions.dispute_intake(
            actor=users["community_staff"], community=areas["village"], category="neighbours",
            facts="两户因噪音争执。", parties=[actions.PartyInput(side="applicant", name="某某", phone="13800138000")],
        )  # fmt: skip
    assert _snapshot() == before


def test_a_grid_worker_opens_a_case_and_then_cannot_read_it(committee, users, areas):
    dispute = actions.dispute_intake(
        actor=users["grid_worker"],
        community=areas["village"],
        category="land",
        facts="两户对承包地边界有争议。",
        parties=[
            actions.PartyInput(side="applicant", name="李四", id_number=committee.party_id),
            actions.PartyInput(side="respondent", name="外村人", phone="13912345678"),
        ],
    )
    assert dispute.source == "grid"
    assert Notice.objects.filter(recipient=users["grid_worker"], title__contains=dispute.code).exists()
    assert not users["grid_worker"].has_perm("mediation.view", dispute)
    outsider = dispute.parties.get(resident=None)
    assert outsider.phone_masked == "139****5678"
    assert "13912345678" not in outsider.phone_ciphertext


def test_assigning_by_anyone_but_the_chair_is_refused(committee, open_case, users):
    dispute = actions.dispute_accept(actor=committee.chair, dispute=open_case())
    before = _snapshot()
    for actor in (
        committee.mediator,
        committee.second,
        users["community_staff"],
        users["township_admin"],
        committee.party,
    ):
        with pytest.raises(NotPermitted):
            actions.dispute_assign(actor=actor, dispute=dispute, mediator_id=committee.second.pk)
    assert _snapshot() == before


def test_closing_twice_is_a_clear_conflict(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    _session(committee, dispute)
    actions.dispute_agree(
        actor=committee.mediator, dispute=dispute, terms=TERMS, effective_on=timezone.localdate()
    )
    before = _snapshot()
    with pytest.raises(Conflict, match="已达成协议"):
        actions.dispute_agree(
            actor=committee.mediator, dispute=dispute, terms=TERMS, effective_on=timezone.localdate()
        )
    with pytest.raises(Conflict):
        actions.dispute_fail(
            actor=committee.mediator, dispute=dispute, referral_to="court", reason="双方分歧太大"
        )
    with pytest.raises(Conflict):
        actions.dispute_withdraw(actor=committee.party, dispute=dispute)
    assert _snapshot() == before


def test_an_agreement_without_terms_is_refused(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    _session(committee, dispute)
    before = _snapshot()
    for terms in ("", "   ", "同意"):
        with pytest.raises(DomainError) as refused:
            actions.dispute_agree(actor=committee.mediator, dispute=dispute, terms=terms)
        assert refused.value.field == "terms"
        assert "协议内容" in refused.value.message
    assert _snapshot() == before
    assert not Dispute.objects.get(pk=dispute.pk).agreement_path


def test_a_scan_that_is_not_a_pdf_is_refused(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    _session(committee, dispute)
    actions.dispute_agree(
        actor=committee.mediator, dispute=dispute, terms=TERMS, effective_on=timezone.localdate()
    )
    before = _snapshot()
    for upload, says in (
        (SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff\xe0 not a pdf"), "PDF"),
        (SimpleUploadedFile("scan.pdf", b"%PDF-1.4 broken"), ""),
        (SimpleUploadedFile("scan.pdf", pdf_with_javascript()), ""),
        (None, "扫描"),
    ):
        with pytest.raises(DomainError) as refused:
            actions.agreement_scan_upload(actor=committee.mediator, dispute=dispute, upload=upload)
        assert says in refused.value.message
    assert _snapshot() == before
    assert not Dispute.objects.get(pk=dispute.pk).scan_path


def test_a_follow_up_before_the_agreement_is_refused(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    before = _snapshot()
    with pytest.raises(Conflict, match="达成调解协议后才能回访"):
        actions.followup_record(
            actor=committee.mediator,
            dispute=dispute,
            visited_on=timezone.localdate(),
            outcome="kept",
            note="已履行。",
        )
    assert _snapshot() == before


def test_a_follow_up_finding_it_not_kept_lets_the_chair_reopen(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    _session(committee, dispute)
    actions.dispute_agree(
        actor=committee.mediator, dispute=dispute, terms=TERMS, effective_on=timezone.localdate()
    )
    with pytest.raises(Conflict, match="未履行"):
        actions.dispute_reopen(actor=committee.chair, dispute=dispute, reason="当事人反映未履行")
    actions.followup_record(
        actor=committee.mediator,
        dispute=dispute,
        visited_on=timezone.localdate(),
        outcome="not_kept",
        note="墙未修。",
    )
    dispute = actions.dispute_reopen(actor=committee.chair, dispute=dispute, reason="回访发现未履行")
    assert dispute.case.state == "mediating"


def test_a_failure_refers_with_the_record_and_a_withdrawal_closes(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    _session(committee, dispute)
    actions.dispute_fail(
        actor=committee.mediator, dispute=dispute, referral_to="court", reason="双方分歧太大，建议诉讼"
    )
    dispute.refresh_from_db()
    assert dispute.case.state == "failed"
    assert dispute.referral_to == "court"
    record = actions.dispute_file_read(actor=committee.mediator, dispute=dispute, kind="referral")
    assert record.startswith(b"%PDF-")
    other = open_case()
    actions.dispute_withdraw(actor=committee.party, dispute=other, reason="已私下和解")
    assert Dispute.objects.get(pk=other.pk).case.state == "withdrawn"


def test_a_mediator_recuses_and_loses_the_case(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    actions.dispute_recuse(actor=committee.mediator, dispute=dispute, reason="与当事人是表亲")
    assert not committee.mediator.has_perm("mediation.view", Dispute.objects.get(pk=dispute.pk))
    assert (
        Notice.objects.filter(recipient=committee.chair, body__contains="回避").exists()
        or CaseEvent.objects.filter(case=dispute.case, verb="recuse").exists()
    )


def test_family_facts_are_hidden_from_the_chair_once_assigned(committee, open_case):
    dispute = actions.dispute_accept(actor=committee.chair, dispute=open_case(category="family"))
    assert committee.chair.has_perm("mediation.view_facts", dispute)
    actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.mediator.pk)
    assert committee.chair.has_perm("mediation.view", dispute)
    assert not committee.chair.has_perm("mediation.view_facts", dispute)
    assert not committee.chair.has_perm("mediation.files", dispute)
    assert committee.mediator.has_perm("mediation.view_facts", dispute)
    assert committee.party.has_perm("mediation.view_facts", dispute)
    # Nor does the chair's inbox carry what the page hides: told that the case moved, not the move's note.
    before = set(Notice.objects.values_list("pk", flat=True))
    actions.dispute_withdraw(actor=committee.party, dispute=dispute, reason="婆媳已和好，不再调解")
    told = {n.recipient_id: n.body for n in Notice.objects.exclude(pk__in=before)}
    assert "婆媳已和好" in told[committee.mediator.pk]
    assert committee.chair.pk in told
    assert "婆媳已和好" not in told[committee.chair.pk]
    assert told[committee.chair.pk].startswith("撤回")


def test_the_chair_of_any_other_dispute_hears_the_note_of_a_move(committee, open_case):
    dispute = actions.dispute_accept(actor=committee.chair, dispute=open_case())
    actions.dispute_assign(actor=committee.chair, dispute=dispute, mediator_id=committee.mediator.pk)
    before = set(Notice.objects.values_list("pk", flat=True))
    actions.dispute_withdraw(actor=committee.party, dispute=dispute, reason="已私下和解")
    told = {n.recipient_id: n.body for n in Notice.objects.exclude(pk__in=before)}
    assert "已私下和解" in told[committee.chair.pk]
    assert "已私下和解" in told[committee.mediator.pk]


def test_only_parties_mediators_and_the_chair_list_a_case(committee, open_case, users):
    dispute = _to_mediating(committee, open_case())
    for user in (committee.party, committee.mediator, committee.chair):
        assert list(selectors.dispute_list_for(viewer=user)) == [dispute]
    for name in (
        "community_staff",
        "township_admin",
        "grid_worker",
        "supervisor",
        "window_clerk",
        "party_member",
    ):
        assert list(selectors.dispute_list_for(viewer=users[name])) == []
    assert list(selectors.dispute_list_for(viewer=committee.second)) == []


def test_the_judicial_confirmation_reminder_goes_once(committee, open_case):
    dispute = _to_mediating(committee, open_case())
    _session(committee, dispute)
    actions.dispute_agree(
        actor=committee.mediator,
        dispute=dispute,
        terms=TERMS,
        effective_on=timezone.localdate(),
        confirmation_wanted=True,
    )
    early = timezone.localdate()
    assert actions.confirmation_reminders_send(today=early) == 0  # 30 days left: not yet
    due_soon = early + dt.timedelta(days=25)
    assert actions.confirmation_reminders_send(today=due_soon) == 1
    assert actions.confirmation_reminders_send(today=due_soon) == 0
    assert Notice.objects.filter(recipient=committee.party, title__contains="司法确认").count() == 1


def test_training_and_screening(committee, areas, users):
    seat = committee.body.memberships.get(resident__user=committee.mediator)
    training = actions.training_record(
        actor=committee.chair,
        membership=seat,
        held_on=dt.date(2026, 3, 1),
        course="人民调解法实务",
        hours="4",
        given_by="县司法局",
    )
    assert str(training.hours) == "4.0"
    with pytest.raises(NotPermitted):
        actions.training_record(
            actor=committee.mediator,
            membership=seat,
            held_on=dt.date(2026, 3, 1),
            course="自学",
            hours=1,
            given_by="本人",
        )
    with pytest.raises(DomainError, match="学时"):
        actions.training_record(
            actor=committee.chair,
            membership=seat,
            held_on=dt.date(2026, 3, 1),
            course="人民调解法",
            hours="abc",
            given_by="县司法局",
        )
    month = timezone.localdate().replace(day=1)
    found = actions.screening_record(
        actor=committee.mediator, community=areas["village"], month=month, none_found=False
    )
    dispute = actions.dispute_intake(
        actor=committee.mediator,
        community=areas["village"],
        category="neighbours",
        facts="排查发现两户因宅基地边界争执。",
        parties=[actions.PartyInput(side="applicant", name="王五", id_number=committee.respondent_id)],
        source="screening",
        source_ref=found.pk,
    )
    assert dispute.source == "screening"
    assert selectors.screening_findings(found) == [dispute]
    with pytest.raises(Conflict):
        actions.screening_record(
            actor=committee.mediator, community=areas["village"], month=month, none_found=True
        )
    with pytest.raises(NotPermitted):
        actions.screening_record(
            actor=users["community_staff"], community=areas["village"], month=month, none_found=True
        )
    assert Screening.objects.count() == 1


def test_statistics_are_counts_with_small_ones_suppressed(committee, open_case, users):
    for _ in range(6):
        open_case()
    open_case(category="family")
    figures = selectors.stats_for(viewer=users["township_admin"])
    assert figures["total"].count == 7
    labels = {c.label: c.shown for c in figures["categories"]}
    assert labels == {"邻里纠纷": "6", "其他纠纷": "<5"}  # family folded below the threshold
    assert all("李四" not in str(c) for c in figures["categories"] + figures["states"] + figures["months"])


def test_adding_a_party_from_a_mediators_household_is_refused(
    committee, open_case, make_resident, users, areas
):
    from gongzhi.residents.actions import household_create
    from tests.idnumbers import make_id

    dispute = _to_mediating(committee, open_case())
    home = household_create(actor=users["community_staff"], area=areas["grid_a1"], number="QIAN-0001")
    Resident.objects.filter(user=committee.mediator).update(household=home, relation_to_head="02")
    number = make_id(dt.date(2001, 2, 3), 403)
    son = make_resident(name="钱小", id_number=number)
    Resident.objects.filter(pk=son.pk).update(household=home, relation_to_head="20")
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        actions.party_add(
            actor=committee.chair,
            dispute=dispute,
            party=actions.PartyInput(side="respondent", name="钱小", id_number=number),
        )
    assert refused.value.code == "mediator_related"
    assert "子" in refused.value.message
    assert _snapshot() == before
    added = actions.party_add(
        actor=committee.chair,
        dispute=dispute,
        party=actions.PartyInput(side="respondent", name="外村人", phone="13912345678"),
    )
    assert added.phone_masked == "139****5678"


def test_the_mediator_role_without_a_seat_reads_and_opens_nothing(committee, open_case, areas):
    dispute = open_case()
    seatless = make_user("seatless", Role.MEDIATOR, areas["village"])
    assert list(selectors.dispute_list_for(viewer=seatless)) == []
    assert not seatless.has_perm("mediation.view", dispute)
    assert not seatless.has_perm("mediation.intake")
    # A seat without the role is no office either: the chair's role withdrawn, the chair reads nothing.
    committee.chair.role_assignments.all().delete()
    chair = type(committee.chair).objects.get(pk=committee.chair.pk)
    assert not chair.has_perm("mediation.view", dispute)
    with pytest.raises(NotPermitted):
        actions.dispute_accept(actor=chair, dispute=dispute)
