"""后台审批: the back office's moves — routing to the matter's department, opinions, the county hand-off's
dates, the promised due time, and exactly one decision when two officers act at once."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.hall.actions import office
from gongzhi.hall.limits import Step, promised_due
from gongzhi.hall.models import Application, HandlingMode
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def fresh(application) -> Application:
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


def events(application) -> int:
    return CaseEvent.objects.filter(case_id=application.pk).count()


@pytest.fixture
def other_officer(areas, other_department):
    user = make_user("other_officer", display_name="农业办审批员")
    RoleAssignment.objects.create(user=user, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                                  area_path=areas["township"].path, department=other_department)  # fmt: skip
    return user


@pytest.fixture
def second_officer(areas, department):
    user = make_user("officer2", display_name="民政办副主任")
    RoleAssignment.objects.create(user=user, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                                  area_path=areas["township"].path, department=department)  # fmt: skip
    return user


def unchanged(application, before: Application, n_events: int) -> None:
    after = fresh(application)
    assert after.case.state == before.case.state
    assert (after.decision, after.decision_reason, after.decided_by_id) == (
        before.decision, before.decision_reason, before.decided_by_id,
    )  # fmt: skip
    assert events(application) == n_events
    assert not AuditEvent.objects.filter(verb__startswith="hall.").exists()


# --- Deciding ---------------------------------------------------------------------------------


def test_an_officer_of_the_department_approves_with_an_opinion(make_matter, make_application, officer, users):
    application = make_application(make_matter(), state="township_review")
    result = office.application_decide(actor=officer, application=application, verb="approve",
                                       opinion="经审核，符合低保条件。")  # fmt: skip
    assert result.case.state == "approved"
    assert (result.decision, result.decision_reason, result.decided_by) == (
        "approved",
        "经审核，符合低保条件。",
        officer,
    )
    assert result.decided_at is not None
    assert result.case.due_at is not None  # 2 workdays to issue
    row = AuditEvent.objects.get(verb="hall.decided")
    assert row.summary["decision"] == "approved"
    assert row.summary["opinion"] == "经审核，符合低保条件。"
    event = CaseEvent.objects.filter(case_id=application.pk).latest("id")
    assert (event.verb, event.note) == ("approve", "经审核，符合低保条件。")


def test_a_rejection_or_return_needs_its_reasons_and_changes_nothing(make_matter, make_application, officer):
    application = make_application(make_matter(), state="township_review")
    before, n = fresh(application), events(application)
    for verb in ("reject", "return"):
        with pytest.raises(DomainError) as caught:
            office.application_decide(actor=officer, application=application, verb=verb, opinion="  ")
        assert caught.value.message == "不予批准或退回，请写明理由。"
        assert caught.value.field == "opinion"
    unchanged(application, before, n)


def test_a_rejection_records_the_reason_for_the_applicant(make_matter, make_application, officer):
    application = make_application(make_matter(), state="township_review")
    result = office.application_decide(actor=officer, application=application, verb="reject",
                                       opinion="家庭人均收入高于当地低保标准。")  # fmt: skip
    assert (result.case.state, result.decision) == ("rejected", "rejected")
    assert result.decision_reason == "家庭人均收入高于当地低保标准。"


def test_an_officer_of_another_department_cannot_see_or_decide(make_matter, make_application, other_officer):
    application = make_application(make_matter(), state="township_review")
    before, n = fresh(application), events(application)
    with pytest.raises(NotFound) as caught:
        office.application_decide(actor=other_officer, application=application, verb="approve")
    assert caught.value.message == "未找到该办件，或您无权查看。"
    unchanged(application, before, n)


def test_a_window_clerk_is_told_who_decides_and_nothing_changes(make_matter, make_application, users):
    application = make_application(make_matter(), state="township_review")
    before, n = fresh(application), events(application)
    with pytest.raises(NotPermitted) as caught:
        office.application_decide(actor=users["window_clerk"], application=application, verb="approve")
    assert caught.value.message == "该办件由民政办审批，只有该部门的审批人员可以办理。"
    unchanged(application, before, n)


def test_the_second_decision_is_refused_naming_who_decided(
    make_matter, make_application, officer, second_officer
):
    application = make_application(make_matter(), state="township_review")
    office.application_decide(actor=officer, application=application, verb="approve", opinion="符合条件")
    decided, n = fresh(application), events(application)
    with pytest.raises(Conflict) as caught:
        office.application_decide(
            actor=second_officer, application=application, verb="reject", opinion="不符合条件"
        )
    assert caught.value.status == 409
    assert caught.value.message.startswith("该办件已由民政办审批员于")
    assert "准予（现为“已准予，待出件”），无需重复办理。" in caught.value.message
    after = fresh(application)
    assert (after.decision, after.decided_by) == ("approved", officer)
    assert events(application) == n == decided.case.events.count()
    assert AuditEvent.objects.filter(verb="hall.decided").count() == 1


def test_a_move_the_matters_mode_does_not_have_is_refused(make_matter, make_application, officer):
    # A matter decided last by a county office: the township hands off, it does not approve.
    application = make_application(make_matter(county_office="县民政局"), state="township_review")
    with pytest.raises(Conflict) as caught:
        office.application_decide(actor=officer, application=application, verb="approve")
    assert caught.value.message == "该事项的办理方式不适用“准予”。"
    assert fresh(application).case.state == "township_review"


def test_return_to_the_window_clears_nothing_but_moves_back(make_matter, make_application, officer):
    application = make_application(make_matter(), state="township_review")
    result = office.application_decide(actor=officer, application=application, verb="return",
                                       opinion="收入证明不清晰，请窗口核实。")  # fmt: skip
    assert result.case.state == "submitted"
    assert result.decision == ""
    assert AuditEvent.objects.get(verb="hall.returned").summary["opinion"] == "收入证明不清晰，请窗口核实。"


# --- Village review and the promised due time -------------------------------------------------


def test_pass_up_keeps_the_promised_due_time_from_acceptance(make_matter, make_application, users):
    matter = make_matter(village_review=True, steps=(("公示", 7, "calendar_days"), ("审核", 15, "workdays")))
    accepted_at = timezone.now() - dt.timedelta(days=3)
    application = make_application(matter, state="village_review", accepted_at=accepted_at)
    promised = promised_due(accepted_at, [Step("公示", 7, "calendar_days"), Step("审核", 15, "workdays")])
    result = office.application_decide(actor=users["community_staff"], application=application, verb="pass_up",
                                       opinion="经民主评议，同意上报。")  # fmt: skip
    assert result.case.state == "township_review"
    assert result.case.due_at == promised.at
    assert result.case.due_limit == "公示7个自然日，审核15个工作日"
    assert result.decision == ""  # the village passed it up; the township decides


def test_a_village_settles_a_village_direct_matter(make_matter, make_application, users, officer):
    application = make_application(make_matter(mode=HandlingMode.VILLAGE_DIRECT, name="临时救助"),
                                   state="village_review")  # fmt: skip
    with pytest.raises(NotFound):  # not the department's matter at all
        office.application_decide(actor=officer, application=application, verb="approve_village")
    result = office.application_decide(actor=users["community_staff"], application=application,
                                       verb="approve_village", opinion="情况属实")  # fmt: skip
    assert (result.case.state, result.decision, result.decided_by) == (
        "approved",
        "approved",
        users["community_staff"],
    )


def test_the_village_cannot_decide_for_the_township(make_matter, make_application, users):
    application = make_application(make_matter(village_review=True), state="village_review")
    with pytest.raises(Conflict) as caught:
        office.application_decide(
            actor=users["community_staff"], application=application, verb="approve_village"
        )
    assert caught.value.message == "该事项的办理方式不适用“准予”。"


# --- The county hand-off -----------------------------------------------------------------------


def test_hand_off_and_hand_back_record_the_dates_and_the_countys_decision(
    make_matter, make_application, officer
):
    accepted_at = timezone.now() - dt.timedelta(days=10)
    application = make_application(make_matter(county_office="县民政局"), state="township_review",
                                   accepted_at=accepted_at)  # fmt: skip
    sent_on = timezone.localdate() - dt.timedelta(days=5)
    handed = office.application_hand_off(
        actor=officer, application=application, sent_on=sent_on, opinion="初审同意"
    )
    assert handed.case.state == "external"
    assert timezone.localtime(handed.handed_off_at).date() == sent_on
    assert handed.case.due_at == promised_due(accepted_at, [Step("审核", 15, "workdays")]).at
    answered_on = timezone.localdate() - dt.timedelta(days=1)
    back = office.application_hand_back(actor=officer, application=application, approved=False,
                                        answered_on=answered_on, opinion="县民政局：不符合特困条件")  # fmt: skip
    assert (back.case.state, back.decision) == ("rejected", "rejected")
    assert timezone.localtime(back.handed_back_at).date() == answered_on
    assert back.decision_reason == "县民政局：不符合特困条件"
    row = AuditEvent.objects.get(verb="hall.handed_back")
    assert row.summary["answered_on"] == answered_on.isoformat()
    assert row.summary["decision"] == "rejected"


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "报送日期不能晚于今天。"), (-30, "报送日期不能早于受理日期（")],
)
def test_a_hand_off_date_in_the_future_or_before_acceptance_is_refused(
    make_matter, make_application, officer, days, message
):
    application = make_application(make_matter(county_office="县民政局"), state="township_review",
                                   accepted_at=timezone.now() - dt.timedelta(days=10))  # fmt: skip
    before, n = fresh(application), events(application)
    with pytest.raises(DomainError) as caught:
        office.application_hand_off(actor=officer, application=application,
                                    sent_on=timezone.localdate() + dt.timedelta(days=days))  # fmt: skip
    assert caught.value.message.startswith(message)
    assert caught.value.field == "sent_on"
    unchanged(application, before, n)
    assert fresh(application).handed_off_at is None


def test_a_hand_back_before_the_hand_off_or_without_reasons_is_refused(
    make_matter, make_application, officer
):
    application = make_application(make_matter(county_office="县民政局"), state="township_review")
    office.application_hand_off(actor=officer, application=application, sent_on=timezone.localdate())
    n = events(application)
    with pytest.raises(DomainError) as caught:
        office.application_hand_back(actor=officer, application=application, approved=True,
                                     answered_on=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    assert caught.value.message.startswith("县级答复日期不能早于报送日期（")
    with pytest.raises(DomainError) as caught:
        office.application_hand_back(actor=officer, application=application, approved=False,
                                     answered_on=timezone.localdate())  # fmt: skip
    assert caught.value.message == "不予批准或退回，请写明理由。"
    after = fresh(application)
    assert (after.case.state, after.decision, after.handed_back_at) == ("external", "", None)
    assert events(application) == n


# --- Pages ---------------------------------------------------------------------------------------


def login(client, user) -> None:
    client.force_login(user)


def test_the_detail_page_offers_the_officer_the_decision_form(
    client, make_matter, make_application, officer, users
):
    application = make_application(make_matter(), state="township_review")
    login(client, officer)
    page = client.get(f"/hall/a/{application.pk}/").content.decode()
    assert 'data-testid="move-approve"' in page
    assert 'data-testid="move-reject"' in page
    login(client, users["window_clerk"])
    page = client.get(f"/hall/a/{application.pk}/").content.decode()
    assert 'data-testid="office-moves"' not in page


def test_a_decision_by_page_then_a_second_one_gets_409(
    client, make_matter, make_application, officer, second_officer
):
    application = make_application(make_matter(), state="township_review")
    login(client, officer)
    url = f"/hall/a/{application.pk}/office/approve/"
    response = client.post(url, {"opinion": "符合条件"})
    assert response.status_code == 302
    assert response["Location"] == f"/hall/a/{application.pk}/"
    login(client, second_officer)
    response = client.post(f"/hall/a/{application.pk}/office/reject/", {"opinion": "不符合"})
    assert response.status_code == 409
    assert "该办件已由民政办审批员于" in response.content.decode()
    assert fresh(application).decided_by == officer


def test_a_rejection_without_reasons_by_page_shows_the_message(
    client, make_matter, make_application, officer
):
    application = make_application(make_matter(), state="township_review")
    login(client, officer)
    response = client.post(f"/hall/a/{application.pk}/office/reject/", {"opinion": ""})
    assert response.status_code == 400
    assert "不予批准或退回，请写明理由。" in response.content.decode()
    assert fresh(application).case.state == "township_review"


def test_a_window_clerk_posting_a_decision_gets_403_with_the_reason(
    client, make_matter, make_application, users
):
    application = make_application(make_matter(), state="township_review")
    login(client, users["window_clerk"])
    response = client.post(f"/hall/a/{application.pk}/office/approve/", {"opinion": ""})
    assert response.status_code == 403
    assert "该办件由民政办审批，只有该部门的审批人员可以办理。" in response.content.decode()
    assert fresh(application).case.state == "township_review"


def test_a_hand_off_date_in_the_future_by_page(client, make_matter, make_application, officer):
    application = make_application(make_matter(county_office="县民政局"), state="township_review")
    login(client, officer)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(f"/hall/a/{application.pk}/office/hand_off/", {"sent_on": tomorrow})
    assert response.status_code == 400
    assert "报送日期不能晚于今天。" in response.content.decode()
    assert Case.objects.get(pk=application.pk).state == "township_review"
    response = client.post(
        f"/hall/a/{application.pk}/office/hand_off/", {"sent_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=application.pk).state == "external"


def test_an_unknown_office_verb_is_404(client, make_matter, make_application, officer):
    application = make_application(make_matter(), state="township_review")
    login(client, officer)
    assert client.post(f"/hall/a/{application.pk}/office/issue/", {}).status_code == 404


def test_an_officer_does_not_decide_their_own_application(make_matter, make_application, officer):
    application = make_application(make_matter(), state="township_review", author=officer)
    with pytest.raises(NotPermitted) as caught:
        office.application_decide(actor=officer, application=application, verb="approve")
    assert caught.value.message == "这是您本人的申请，请由其他审批人员办理。"
    assert fresh(application).case.state == "township_review"
