"""The front desk 前台受理 (issue 10, "An application's life", second paragraph): accept with a receipt and the
due date, 容缺受理 with a tracked promise, 不予受理 with the reason, ONE notice of everything (一次性告知, a later
round only about newly supplied material), the clock stopped while supplementing, forward to the township
window; each bad input answered in Chinese with nothing changed."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case
from gongzhi.cases.selectors import case_moves_for
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.hall.actions.desk import (
    application_accept,
    application_forward,
    application_notify,
    application_promise_keep,
    application_refuse,
    application_supply,
    application_withdraw,
    receipt_number_next,
)
from gongzhi.hall.limits import Step, promised_due
from gongzhi.hall.models import (
    Application,
    ApplicationMaterial,
    HandlingMode,
    MaterialState,
    ReceiptCounter,
    SupplyNotice,
)
from gongzhi.notices.models import Notice
from tests.conftest import make_user
from tests.pdfs import BLANK_PDF

pytestmark = pytest.mark.django_db

PDF = BLANK_PDF  # a real one-page PDF (tests/pdfs.py)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def make_application(make_application):
    """Applications as applying makes them: the register-sourced lines satisfied from the register."""

    def build(matter, **kwargs):
        application = make_application(matter, **kwargs)
        ApplicationMaterial.objects.filter(application=application, material__source="register").update(
            state=MaterialState.FROM_REGISTER
        )
        return application

    return build


def line(application, name: str) -> ApplicationMaterial:
    return ApplicationMaterial.objects.select_related("material").get(
        application=application, material__name=name
    )


def fresh(application) -> Application:
    return Application.objects.select_related("case", "matter").get(pk=application.pk)


def snapshot(application) -> tuple:
    a = fresh(application)
    lines = tuple(
        ApplicationMaterial.objects.filter(application=a).order_by("id").values_list("state", "round", "note")
    )
    return (a.case.state, a.case.due_at, a.number, a.accepted_at, a.visits, lines,
            SupplyNotice.objects.filter(application=a).count(), a.case.events.count())  # fmt: skip


def test_accept_gives_a_receipt_number_and_the_chained_due_date(users, make_matter, make_application, client):
    matter = make_matter(steps=(("公示", 7, "calendar_days"), ("审核", 15, "workdays")))
    application = make_application(matter)
    clerk = users["window_clerk"]
    before = timezone.now()
    accepted = application_accept(actor=clerk, application=application,
                                  checked=[line(application, "申请书").pk], came=True)  # fmt: skip
    case = accepted.case
    assert case.state == "township_review"
    assert accepted.accepted_by == clerk
    assert accepted.accepted_at >= before
    assert re.fullmatch(r"511423101-\d{8}-0001", accepted.number)
    expected = promised_due(
        accepted.accepted_at, [Step("公示", 7, "calendar_days"), Step("审核", 15, "workdays")]
    )
    assert case.due_at == expected.at
    assert accepted.promised_due_at == expected.at  # kept for the on-time rate once the case moves on
    assert "公示" in case.due_limit
    assert accepted.visits == 1
    assert line(application, "申请书").state == MaterialState.CHECKED
    assert line(application, "收入证明").state == MaterialState.MISSING  # optional, not needed
    # The applicant hears of it (case_move notifies the author).
    assert Notice.objects.filter(recipient=users["resident"], title__contains="受理").exists()
    client.force_login(users["resident"])
    receipt = client.get(reverse("hall:receipt", args=[application.pk])).content.decode()
    assert "受理回执" in receipt
    assert accepted.number in receipt
    assert timezone.localtime(case.due_at).strftime("%Y-%m-%d") in receipt
    detail = client.get(reverse("hall:detail", args=[application.pk])).content.decode()
    assert accepted.number in detail
    assert "乡镇审批中" in detail
    # The next acceptance that day takes the next number.
    second = application_accept(actor=clerk, application=make_application(matter),
                                checked=[ApplicationMaterial.objects.filter(material__name="申请书").last().pk])  # fmt: skip
    assert second.number.endswith("-0002")


def test_a_missing_required_material_refuses_acceptance_and_changes_nothing(
    users, make_matter, make_application, client
):
    application = make_application(make_matter())
    before = snapshot(application)
    with pytest.raises(DomainError) as refused:
        application_accept(actor=users["window_clerk"], application=application)
    assert refused.value.message.startswith("缺少必要材料：申请书")
    assert snapshot(application) == before
    assert not ReceiptCounter.objects.exists()
    client.force_login(users["window_clerk"])
    response = client.post(reverse("hall:accept", args=[application.pk]), {"came": "1"}, follow=True)
    assert "缺少必要材料：申请书" in response.content.decode()
    assert snapshot(application) == before


def test_no_receipt_before_acceptance_and_none_for_strangers(users, make_matter, make_application, client):
    application = make_application(make_matter())
    client.force_login(users["resident"])
    assert client.get(reverse("hall:receipt", args=[application.pk])).status_code == 404
    application_accept(
        actor=users["window_clerk"], application=application, checked=[line(application, "申请书").pk]
    )
    client.force_login(users["volunteer"])
    assert client.get(reverse("hall:receipt", args=[application.pk])).status_code == 404


def test_accept_on_a_promise_tracks_it_and_the_promised_material_comes_later(
    users, make_matter, make_application, client
):
    application = make_application(make_matter())
    clerk = users["window_clerk"]
    required, optional = line(application, "申请书"), line(application, "收入证明")
    promise = timezone.localdate() + dt.timedelta(days=5)
    with pytest.raises(DomainError, match="「申请书」是必要材料，不能容缺受理"):
        application_accept(actor=clerk, application=application, promises={required.pk: promise})
    with pytest.raises(DomainError, match="承诺补交日期"):
        application_accept(
            actor=clerk, application=application, checked=[required.pk], promises={optional.pk: None}
        )
    assert fresh(application).case.state == "submitted"
    accepted = application_accept(actor=clerk, application=application, checked=[required.pk],
                                  promises={optional.pk: promise})  # fmt: skip
    optional.refresh_from_db()
    assert optional.state == MaterialState.PROMISED
    assert optional.promised_by == promise
    assert "容缺受理，待补：收入证明" in accepted.case.events.get(verb="accept").note
    client.force_login(users["resident"])
    assert (
        promise.strftime("%Y-%m-%d")
        in client.get(reverse("hall:detail", args=[application.pk])).content.decode()
    )
    # Overdue promises are listed for the window.
    ApplicationMaterial.objects.filter(pk=optional.pk).update(
        promised_by=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(users["window_clerk"])
    overdue = client.get(reverse("hall:promises")).content.decode()
    assert "收入证明" in overdue
    assert accepted.number in overdue
    client.force_login(users["other_staff"])  # another community's window
    assert accepted.number not in client.get(reverse("hall:promises")).content.decode()
    # A stranger cannot bring it; the applicant uploads it: the state and due time do not change.
    due = fresh(application).case.due_at
    with pytest.raises(NotFound):
        application_promise_keep(
            actor=users["volunteer"], application=application, line_id=optional.pk, brought=True
        )
    from django.core.files.uploadedfile import SimpleUploadedFile

    kept = application_promise_keep(actor=users["resident"], application=application, line_id=optional.pk,
                                    files=[SimpleUploadedFile("收入证明.pdf", PDF, "application/pdf")])  # fmt: skip
    assert kept.state == MaterialState.PROVIDED
    assert kept.supplied_at is not None
    assert kept.files.count() == 1
    assert (fresh(application).case.state, fresh(application).case.due_at) == ("township_review", due)
    with pytest.raises(Conflict, match="不是容缺受理待补交的材料"):
        application_promise_keep(actor=clerk, application=application, line_id=optional.pk, brought=True)


def test_refuse_needs_a_reason(users, make_matter, make_application):
    application = make_application(make_matter())
    before = snapshot(application)
    with pytest.raises(DomainError, match="不予受理的理由"):
        application_refuse(actor=users["window_clerk"], application=application, reason="  ")
    assert snapshot(application) == before
    refused = application_refuse(
        actor=users["window_clerk"], application=application, reason="不属于本事项受理范围"
    )
    assert refused.case.state == "refused"
    assert refused.case.closed_at is not None
    assert Notice.objects.filter(recipient=users["resident"], body__contains="不属于本事项受理范围").exists()


def test_one_notice_of_everything_then_only_newly_supplied_material(
    users, make_matter, make_application, client
):
    matter = make_matter(materials=(("申请书", True, "applicant"), ("身份证", True, "applicant"),
                                    ("户口簿", True, "register"), ("收入证明", False, "applicant")))  # fmt: skip
    application = make_application(matter)
    ApplicationMaterial.objects.filter(application=application, material__name="身份证").update(
        state=MaterialState.PROVIDED
    )
    clerk = users["window_clerk"]
    apply_line, id_line, register_line = (
        line(application, "申请书"),
        line(application, "身份证"),
        line(application, "户口簿"),
    )
    assert fresh(application).case.due_at is not None
    before = snapshot(application)
    # Not "one notice" if a missing required material is left out.
    with pytest.raises(DomainError, match="一次性告知应列出所有缺少的必要材料，还缺：申请书"):
        application_notify(actor=clerk, application=application, items=[(id_line.pk, "faulty", "已过有效期")])
    with pytest.raises(DomainError, match="不能要求申请人补正"):
        application_notify(actor=clerk, application=application,
                           items=[(apply_line.pk, "missing", "请本人签字"), (register_line.pk, "missing", "请带来")])  # fmt: skip
    with pytest.raises(DomainError, match="说明"):
        application_notify(actor=clerk, application=application, items=[(apply_line.pk, "missing", "")])
    assert snapshot(application) == before
    notice = application_notify(actor=clerk, application=application,
                                items=[(apply_line.pk, "missing", "请本人签字"), (id_line.pk, "faulty", "已过有效期")])  # fmt: skip
    case = fresh(application).case
    assert notice.round == 1
    assert notice.items.count() == 2
    assert case.state == "supplementing"
    assert case.due_at is None
    assert Notice.objects.filter(recipient=users["resident"], body__contains="请本人签字").exists()
    # A stranger cannot supply; the applicant must answer every line of the notice.
    with pytest.raises(NotFound):
        application_supply(
            actor=users["volunteer"], application=application, ready=[apply_line.pk, id_line.pk]
        )
    with pytest.raises(DomainError, match="还有告知书列出的材料没有补交：身份证"):
        application_supply(actor=users["resident"], application=application, ready=[apply_line.pk])
    client.force_login(users["volunteer"])
    assert (
        client.post(reverse("hall:supply", args=[application.pk]), {"ready": [apply_line.pk]}).status_code
        == 404
    )
    assert fresh(application).case.state == "supplementing"
    # The applicant supplies: the application goes back to the window with a new clock.
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["resident"])
    response = client.post(reverse("hall:supply", args=[application.pk]), {
        "ready": [apply_line.pk], f"file_{id_line.material_id}": SimpleUploadedFile("身份证.pdf", PDF, "application/pdf"),
    })  # fmt: skip
    assert response.status_code == 302
    case = fresh(application).case
    assert case.state == "submitted"
    assert case.due_at is not None
    assert line(application, "身份证").round == 1
    assert line(application, "身份证").files.count() == 1
    assert SupplyNotice.objects.get(pk=notice.pk).supplied_at is not None
    # Round 2 may only name material supplied since round 1: old material is refused, with nothing changed.
    income = line(application, "收入证明")
    before = snapshot(application)
    with pytest.raises(DomainError) as refused:
        application_notify(actor=clerk, application=application,
                           items=[(id_line.pk, "faulty", "照片不清晰"), (income.pk, "missing", "请补收入证明")])  # fmt: skip
    assert "第2次告知只能针对上次告知后新补交的材料" in refused.value.message
    assert "收入证明" in refused.value.message
    assert refused.value.code == "notice_old_material"
    assert snapshot(application) == before
    second = application_notify(
        actor=clerk, application=application, items=[(id_line.pk, "faulty", "照片不清晰")]
    )
    assert second.round == 2
    assert fresh(application).case.state == "supplementing"


def test_a_window_matter_is_forwarded_to_the_township_window(
    users, township_clerk, make_matter, make_application
):
    matter = make_matter(mode=HandlingMode.VILLAGE_TO_WINDOW)
    application = make_application(matter)
    with pytest.raises(NotFound):
        application_forward(actor=users["volunteer"], application=application)
    forwarded = application_forward(actor=users["window_clerk"], application=application)
    assert forwarded.case.state == "township_window"
    # The village's window does not accept at the township window; the township's does.
    with pytest.raises(NotPermitted):
        application_accept(actor=users["window_clerk"], application=application,
                           checked=[line(application, "申请书").pk])  # fmt: skip
    accepted = application_accept(actor=township_clerk, application=application,
                                  checked=[line(application, "申请书").pk])  # fmt: skip
    assert accepted.case.state == "township_review"
    assert accepted.number
    # A notice from the township window comes back to it after supply (supply_window).
    other = make_application(matter, state="township_window")
    application_notify(
        actor=township_clerk, application=other, items=[(line(other, "申请书").pk, "missing", "请补申请书")]
    )
    supplied = application_supply(
        actor=users["resident"], application=other, ready=[line(other, "申请书").pk]
    )
    assert supplied.case.state == "township_window"


def test_wrong_state_and_wrong_person(users, make_matter, make_application):
    application = make_application(make_matter(), state="township_review")
    with pytest.raises(Conflict, match="办件当前为“乡镇审批中”，不能受理"):
        application_accept(actor=users["window_clerk"], application=application)
    submitted = make_application(make_matter())
    with pytest.raises(NotFound):
        application_refuse(actor=users["volunteer"], application=submitted, reason="理由理由理由")
    with pytest.raises(NotPermitted) as caught:  # the applicant sees it, but does not accept it
        application_accept(actor=users["resident"], application=submitted)
    assert caught.value.message == "这一步由申请人所在村(社区)或乡镇的窗口办理，您不能办理。"
    with pytest.raises(NotFound):  # another community's window does not see it
        application_accept(actor=users["other_staff"], application=submitted)


def test_withdraw_by_the_applicant(users, make_matter, make_application):
    application = make_application(make_matter())
    with pytest.raises(NotPermitted):
        application_withdraw(actor=users["window_clerk"], application=application)
    withdrawn = application_withdraw(actor=users["resident"], application=application, reason="不需要了")
    assert withdrawn.case.state == "withdrawn"


def test_receipt_numbers_run_per_township_and_day(areas):
    day = dt.date(2026, 12, 7)
    numbers = [receipt_number_next(areas["township"], day=day) for _ in range(3)]
    assert numbers == ["511423101-20261207-0001", "511423101-20261207-0002", "511423101-20261207-0003"]
    assert receipt_number_next(areas["township"], day=day + dt.timedelta(days=1)).endswith("-0001")


def test_the_case_is_what_the_kernel_knows(users, make_matter, make_application):
    application = make_application(make_matter())
    application_accept(
        actor=users["window_clerk"], application=application, checked=[line(application, "申请书").pk]
    )
    assert Case.objects.get(pk=application.pk).events.filter(verb="accept").count() == 1


def test_a_clerk_does_not_handle_their_own_application(client, users, make_matter, make_application):
    """回避: a window clerk who applies for themself is served by another; the page offers them no desk move."""
    clerk = users["window_clerk"]
    application = make_application(make_matter(), author=clerk)
    audit_rows = AuditEvent.objects.count()
    for run in (
        lambda: application_accept(
            actor=clerk, application=application, checked=[line(application, "申请书").pk]
        ),
        lambda: application_refuse(actor=clerk, application=application, reason="理由理由理由"),
    ):
        with pytest.raises(NotPermitted) as caught:
            run()
        assert caught.value.message == "这是您本人的申请，请由其他工作人员办理。"
        assert caught.value.code == "own_application"
    assert Case.objects.get(pk=application.pk).state == "submitted"
    assert AuditEvent.objects.exclude(verb__startswith="access.").count() == audit_rows
    assert case_moves_for(application, clerk) == ["withdraw"]  # as the applicant, not as the window
    # Another clerk of the same window accepts it.
    colleague = make_user(
        "colleague_clerk", Role.WINDOW_CLERK, users["window_clerk"].role_assignments.get().area
    )
    assert "accept" in case_moves_for(application, colleague) or "accept_village" in case_moves_for(
        application, colleague
    )
    client.force_login(clerk)
    page = client.get(reverse("hall:detail", args=[application.pk])).content.decode()
    assert reverse("hall:accept", args=[application.pk]) not in page
