"""Rosters, the 法律明白人's way into office, consultations and 民主法治示范村 applications: the actions, with every
refusal leaving nothing changed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.legal import actions
from gongzhi.legal.models import Aide, Application, Consultation, LawSavvy, Setting, Slot
from gongzhi.legal.selectors import coverage_for, open_slots_of
from gongzhi.legal.standards import CRITERION_KEYS
from gongzhi.notices.models import Notice
from tests.pdfs import BLANK_PDF


def _counts():
    return (
        Aide.objects.count(), LawSavvy.objects.count(), Slot.objects.count(), Consultation.objects.count(),
        Application.objects.count(), AuditEvent.objects.exclude(verb__startswith="access.").count(),
    )  # fmt: skip


# --- Roster ----------------------------------------------------------------------------------


def test_one_legal_adviser_in_office_per_village(users, areas, adviser):
    before = _counts()
    with pytest.raises(DomainError) as refused:
        actions.aide_appoint(
            actor=users["community_staff"], community=areas["village"], kind="adviser", name="王法官",
            unit="县司法局", phone="13900139000", term_start=dt.date(2026, 1, 1),
        )  # fmt: skip
    assert "已有在任的法律顾问" in refused.value.message
    assert _counts() == before
    # Once the first has left, a new adviser may be appointed.
    actions.aide_end(actor=users["community_staff"], aide=adviser, reason="任期届满")
    new = actions.aide_appoint(
        actor=users["community_staff"], community=areas["village"], kind="adviser", name="王法官",
        unit="县司法局", phone="13900139000", term_start=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert new.phone_masked == "139****9000"
    assert "13900139000" not in new.phone_ciphertext
    event = AuditEvent.objects.filter(verb="legal.aide_appointed").latest("id")
    assert "13900139000" not in str(event.summary)
    assert "王法官" not in str(event.summary)


def test_other_community_staff_cannot_keep_this_roster(users, areas):
    before = _counts()
    with pytest.raises(NotPermitted):
        actions.aide_appoint(
            actor=users["other_staff"], community=areas["village"], kind="assistant", name="赵助理",
            unit="镇司法所", term_start=dt.date(2026, 1, 1),
        )  # fmt: skip
    assert _counts() == before


# --- 法律明白人 ---------------------------------------------------------------------------------


def _savvy(users, areas, make_resident):
    resident = make_resident(name="陈明白")
    return actions.savvy_select(
        actor=users["community_staff"], community=areas["village"], resident=resident, group="mediator",
        duties="宣传法律，发现和报告矛盾纠纷",
    )  # fmt: skip


def test_a_law_savvy_resident_cannot_take_up_the_role_without_a_passed_assessment(
    users, areas, make_resident
):
    staff = users["community_staff"]
    savvy = _savvy(users, areas, make_resident)
    with pytest.raises(DomainError) as refused:
        actions.savvy_move(actor=staff, savvy=savvy, verb="activate")
    assert "考核合格后才能上岗" in refused.value.message
    actions.savvy_move(actor=staff, savvy=savvy, verb="train")
    with pytest.raises(DomainError) as no_training:
        actions.savvy_assess(actor=staff, savvy=savvy, assessed_on=timezone.localdate(), passed=True)
    assert no_training.value.code == "no_training"
    actions.savvy_training_record(actor=staff, savvy=savvy, held_on=timezone.localdate(), course="民法典进农村",
                                  hours="3.5", organiser="镇司法所")  # fmt: skip
    actions.savvy_assess(
        actor=staff, savvy=savvy, assessed_on=timezone.localdate(), passed=False, note="再学一次"
    )
    savvy.refresh_from_db()
    assert savvy.state == "training"
    before = (_counts(), savvy.state)
    with pytest.raises(DomainError) as still:
        actions.savvy_move(actor=staff, savvy=savvy, verb="activate")
    assert "考核合格后才能上岗" in still.value.message
    savvy.refresh_from_db()
    assert (_counts(), savvy.state) == before
    actions.savvy_assess(actor=staff, savvy=savvy, assessed_on=timezone.localdate(), passed=True)
    actions.savvy_move(actor=staff, savvy=savvy, verb="activate")
    savvy.refresh_from_db()
    assert savvy.state == "active"
    assert savvy.activated_at
    assert savvy.trainings.get().hours == Decimal("3.5")


def test_bad_training_hours_and_a_stranger_are_refused(users, areas, make_resident):
    savvy = _savvy(users, areas, make_resident)
    for hours in ("abc", "0", "41", "1.3", "NaN", "1e999"):
        with pytest.raises(DomainError):
            actions.savvy_training_record(actor=users["community_staff"], savvy=savvy, held_on=timezone.localdate(),
                                          course="宪法", hours=hours, organiser="镇司法所")  # fmt: skip
    outsider = make_resident("grid_b1", name="外村人")
    with pytest.raises(DomainError) as refused:
        actions.savvy_select(actor=users["community_staff"], community=areas["village"], resident=outsider,
                             group="youth")  # fmt: skip
    assert refused.value.code == "not_a_resident"
    with pytest.raises(DomainError):
        actions.savvy_select(actor=users["community_staff"], community=areas["village"], resident=savvy.resident,
                             group="youth")  # fmt: skip
    assert savvy.trainings.count() == 0
    assert LawSavvy.objects.count() == 1


def test_coverage_is_computed_from_the_roster_against_the_township_target(users, areas, make_resident):
    staff = users["community_staff"]
    rows = {r.community.name: r for r in coverage_for(viewer=users["township_admin"])}
    assert rows["青山村"].short == 3
    assert rows["东街社区"].short == 3
    for n in range(3):
        savvy = actions.savvy_select(actor=staff, community=areas["village"],
                                     resident=make_resident(name="明白" + "甲乙丙"[n]), group="cadre")  # fmt: skip
        actions.savvy_move(actor=staff, savvy=savvy, verb="train")
        actions.savvy_training_record(actor=staff, savvy=savvy, held_on=timezone.localdate(), course="宪法",
                                      hours=2, organiser="镇司法所")  # fmt: skip
        actions.savvy_assess(actor=staff, savvy=savvy, assessed_on=timezone.localdate(), passed=True)
        if n < 2:
            actions.savvy_move(actor=staff, savvy=savvy, verb="activate")
    rows = {r.community.name: r for r in coverage_for(viewer=users["township_admin"])}
    assert (rows["青山村"].savvy_active, rows["青山村"].savvy_preparing, rows["青山村"].short) == (2, 1, 1)
    actions.savvy_target_set(actor=users["township_admin"], township=areas["township"], target=2)
    rows = {r.community.name: r for r in coverage_for(viewer=users["township_admin"])}
    assert rows["青山村"].short == 0
    assert rows["东街社区"].short == 2
    # Community staff see their own community only; a target is the township's to set.
    assert [r.community.name for r in coverage_for(viewer=staff)] == ["青山村"]
    with pytest.raises(NotPermitted):
        actions.savvy_target_set(actor=staff, township=areas["township"], target=5)
    assert Setting.objects.get().savvy_target == 2


# --- Consultations ---------------------------------------------------------------------------


def test_a_resident_books_a_slot_once_and_the_adviser_is_told(villagers, slot, adviser_user):
    open_slot = slot()
    booked = actions.consultation_book(actor=villagers[0], slot=open_slot, topic="宅基地边界")
    assert booked.state == "booked"
    assert Notice.objects.filter(recipient=adviser_user, kind="legal").count() == 1
    event = AuditEvent.objects.get(verb="legal.consultation_booked")
    assert "宅基地" not in str(event.summary)
    assert list(open_slots_of(open_slot.community)) == []
    before = _counts()
    with pytest.raises(DomainError) as twice:
        actions.consultation_book(actor=villagers[0], slot=open_slot, topic="宅基地边界")
    assert twice.value.code == "already_booked"
    with pytest.raises(Conflict) as taken:
        actions.consultation_book(actor=villagers[1], slot=open_slot, topic="劳动合同")
    assert taken.value.code == "slot_taken"
    assert _counts() == before
    # Cancelled, the slot is open again for the other villager.
    actions.consultation_cancel(actor=villagers[0], consultation=booked)
    actions.consultation_book(actor=villagers[1], slot=open_slot, topic="劳动合同")
    assert Consultation.objects.filter(slot=open_slot).exclude(state="cancelled").get().booker == villagers[1]


def test_a_past_slot_or_another_communitys_resident_cannot_book(users, villagers, slot, areas):
    from tests.conftest import make_user

    open_slot = slot()
    past = slot(hours_ahead=2)
    Slot.objects.filter(pk=past.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    past.refresh_from_db()
    outsider = make_user("urban_resident", "resident", areas["urban"])
    before = _counts()
    with pytest.raises(DomainError) as late:
        actions.consultation_book(actor=villagers[0], slot=past, topic="合同纠纷")
    assert late.value.code == "slot_past"
    with pytest.raises(DomainError) as elsewhere:
        actions.consultation_book(actor=outsider, slot=open_slot, topic="合同纠纷")
    assert elsewhere.value.code == "other_community"
    with pytest.raises(NotPermitted):
        actions.consultation_book(actor=users["nobody"], slot=open_slot, topic="合同纠纷")
    assert _counts() == before


def test_the_adviser_records_the_consultation_once_after_its_time(villagers, slot, adviser_user, users):
    open_slot = slot()
    booked = actions.consultation_book(actor=villagers[0], slot=open_slot, topic="遗产继承")
    with pytest.raises(DomainError) as early:
        actions.consultation_record(actor=adviser_user, consultation=booked, held=True)
    assert early.value.code == "not_yet"
    Slot.objects.filter(pk=open_slot.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(NotPermitted):
        actions.consultation_record(actor=villagers[1], consultation=booked, held=True)
    actions.consultation_record(actor=adviser_user, consultation=booked, held=True)
    with pytest.raises(DomainError) as again:
        actions.consultation_record(actor=users["community_staff"], consultation=booked, held=False)
    assert again.value.code == "already_recorded"
    booked.refresh_from_db()
    assert booked.state == "held"


def test_the_reminder_goes_the_day_before_once(villagers, slot):
    tomorrow_ten = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(10, 0))
    )
    open_slot = slot()
    Slot.objects.filter(pk=open_slot.pk).update(starts_at=tomorrow_ten)
    later = slot(hours_ahead=24 * 5)
    actions.consultation_book(actor=villagers[0], slot=open_slot, topic="借款纠纷")
    actions.consultation_book(actor=villagers[1], slot=later, topic="借款纠纷")
    assert actions.consultation_reminders() == 1
    assert actions.consultation_reminders() == 0
    notices = Notice.objects.filter(kind="legal", recipient__in=villagers)
    assert [n.recipient for n in notices] == [villagers[0]]
    assert "明天 10:00" in notices[0].title


# --- 民主法治示范村 applications ------------------------------------------------------------------


def _assessment(met: bool = True) -> dict:
    return {key: {"met": met, "note": "有制度有记录"} for key in CRITERION_KEYS}


def _pdf(name: str = "材料.pdf"):
    return SimpleUploadedFile(name, BLANK_PDF, content_type="application/pdf")


def _apply(users, areas, actor=None, files=None):
    return actions.application_submit(
        actor=actor or users["community_staff"], community=areas["village"], year=timezone.localdate().year,
        assessment=_assessment(), summary="本村建立了法律顾问制度，培养法律明白人，矛盾纠纷不出村。",
        files=[_pdf()] if files is None else files,
    )  # fmt: skip


def test_an_application_by_someone_outside_the_villages_staff_is_refused(users, areas, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    before = _counts()
    for outsider in ("other_staff", "township_admin", "resident", "supervisor"):
        with pytest.raises(NotPermitted):
            _apply(users, areas, actor=users[outsider])
    with pytest.raises(DomainError) as not_pdf:
        _apply(users, areas, files=[SimpleUploadedFile("x.pdf", b"not a pdf")])
    assert "不是有效的PDF" in not_pdf.value.message
    with pytest.raises(DomainError) as incomplete:
        actions.application_submit(actor=users["community_staff"], community=areas["village"],
                                   year=timezone.localdate().year, assessment={"safety": {"met": True}},
                                   summary="本村建立了法律顾问制度，培养法律明白人。", files=[_pdf()])  # fmt: skip
    assert "每一项标准" in incomplete.value.message
    assert _counts() == before
    assert not (tmp_path / "legal").exists()


def test_the_township_returns_names_and_cannot_decide_twice(users, areas, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    application = _apply(users, areas)
    assert application.attachments.count() == 1
    township = users["township_admin"]
    with pytest.raises(DomainError):
        actions.application_decide(actor=township, application=application, verb="return", note="")
    actions.application_decide(actor=township, application=application, verb="return", note="请补充调解台账")
    with pytest.raises(DomainError):
        actions.application_decide(actor=township, application=application, verb="approve")
    actions.application_resubmit(actor=users["community_staff"], application=application,
                                 assessment=_assessment(), summary="补充了人民调解台账和法治宣传活动记录，以及法律顾问的服务记录。",
                                 files=[_pdf("调解台账.pdf")])  # fmt: skip
    with pytest.raises(NotPermitted):
        actions.application_decide(actor=users["community_staff"], application=application, verb="approve")
    actions.application_decide(actor=township, application=application, verb="approve", note="材料齐全")
    before = (_counts(), Application.objects.get().state)
    with pytest.raises(DomainError) as twice:
        actions.application_decide(actor=township, application=application, verb="reject", note="重复")
    assert "已经审核过了" in twice.value.message
    assert (_counts(), Application.objects.get().state) == before
    with pytest.raises(DomainError) as again:
        _apply(users, areas)
    assert again.value.code == "already_applied"
    assert application.attachments.count() == 2


def test_a_clerk_books_for_a_resident_without_an_account_with_their_consent(
    users, areas, slot, make_resident
):
    open_slot = slot()
    elderly = make_resident(name="王大爷")
    outsider = make_resident("grid_b1", name="外村人")
    clerk = users["window_clerk"]
    before = _counts()
    with pytest.raises(DomainError) as no_consent:
        actions.consultation_book_assisted(actor=clerk, slot=open_slot, resident=elderly, topic="赡养费",
                                           consent_channel="")  # fmt: skip
    assert "同意的方式" in no_consent.value.message
    with pytest.raises(NotPermitted):
        actions.consultation_book_assisted(actor=clerk, slot=open_slot, resident=outsider, topic="赡养费",
                                           consent_channel="phone")  # fmt: skip
    with pytest.raises(NotPermitted):
        actions.consultation_book_assisted(actor=users["resident"], slot=open_slot, resident=elderly, topic="赡养费",
                                           consent_channel="phone")  # fmt: skip
    assert _counts() == before
    booked = actions.consultation_book_assisted(actor=clerk, slot=open_slot, resident=elderly, topic="赡养费",
                                                consent_channel="in_person")  # fmt: skip
    assert (booked.booker, booked.resident, booked.booked_by, booked.assisted) == (None, elderly, clerk, True)
    event = AuditEvent.objects.get(verb="legal.consultation_booked_assisted")
    assert event.summary["consent"] == "in_person"
    with pytest.raises(DomainError) as twice:
        actions.consultation_book_assisted(actor=users["community_staff"], slot=open_slot, resident=elderly,
                                           topic="赡养费", consent_channel="phone")  # fmt: skip
    assert twice.value.code == "already_booked"
    # The day before, the clerk who booked it is reminded to tell the resident.
    tomorrow = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(15))
    )
    Slot.objects.filter(pk=open_slot.pk).update(starts_at=tomorrow)
    assert actions.consultation_reminders() == 1
    notice = Notice.objects.get(kind="legal", recipient=clerk)
    assert notice.title.startswith("请提醒王**")
    actions.consultation_cancel(actor=clerk, consultation=booked)


def test_coverage_reads_a_fixed_number_of_queries_however_many_communities(
    users, areas, django_assert_num_queries
):
    from gongzhi.areas.actions import area_create_unchecked

    viewer = users["township_admin"]
    coverage_for(viewer=viewer)  # the viewer's grants, read once
    with django_assert_num_queries(4):  # communities, targets, 法律明白人 by state, aides by kind
        assert len(coverage_for(viewer=viewer)) == 2
    for n in range(5):
        area_create_unchecked(
            kind="community", name=f"新村{n}", parent=areas["township"], community_type="village"
        )
    with django_assert_num_queries(4):
        assert len(coverage_for(viewer=viewer)) == 7
