"""A mediation from intake to the signed agreement and the follow-up visit, on phones: the resident 李四 applies
against 王五; the committee's chair accepts and assigns a mediator; the mediator records a session and the
agreement, downloads the 人民调解协议书, uploads the signed scan and records the follow-up visit; the
resident sees the outcome. The community's staff never see the case."""

import pytest
from playwright.sync_api import expect

from gongzhi.mediation.models import Dispute
from tests.mediation.conftest import committee  # noqa: F401  (the fixture)
from tests.pdfs import blank_pdf

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser


def test_a_mediation_from_intake_to_the_signed_agreement_and_the_follow_up(
    browser_run,
    phone_page,
    committee,  # noqa: F811  (the fixture imported above)
    users,
    tmp_path,
):
    check_layout = LayoutCheck(tmp_path)
    resident = phone_page
    log_in(resident, "resident")
    resident.goto("/mediation/")
    resident.get_by_test_id("mediation-intake").tap()
    resident.get_by_label("纠纷类别").select_option("neighbours")
    resident.get_by_label("纠纷事实").fill("王五家的排水沟堵塞，雨水冲进我家院子，多次协商未果。")
    resident.locator('[name="p0_name"]').fill("王五")
    resident.locator('[name="p0_id_number"]').fill(committee.respondent_id)
    check_layout(resident, "mediation-01-intake")
    resident.get_by_test_id("mediation-intake-submit").tap()
    expect(resident.get_by_test_id("mediation-state")).to_have_text("待受理")
    code = resident.get_by_test_id("mediation-code").inner_text()
    dispute = Dispute.objects.get(code=code)

    chair = browser_run.new_page(phone=True)
    log_in(chair, "chair")
    chair.goto(f"/mediation/{dispute.pk}/")
    chair.get_by_test_id("move-accept").tap()
    expect(chair.get_by_test_id("mediation-state")).to_have_text("已受理，待指派调解员")
    chair.get_by_test_id("assign-form").locator("select").select_option(str(committee.mediator.pk))
    chair.get_by_test_id("move-assign").tap()
    expect(chair.get_by_test_id("mediation-mediators")).to_contain_text("mediator")

    staff = browser_run.new_page(phone=True)
    log_in(staff, "community_staff")
    response = staff.goto(f"/mediation/{dispute.pk}/")
    assert response is not None
    assert response.status == 403
    browser_run.problems[:] = [p for p in browser_run.problems if f"/mediation/{dispute.pk}/" not in p]

    mediator = browser_run.new_page(phone=True)
    log_in(mediator, "mediator")
    mediator.goto("/mediation/")
    mediator.get_by_role("link", name=code).tap()
    expect(mediator.get_by_test_id("mediation-facts")).to_contain_text("排水沟")
    form = mediator.get_by_test_id("session-form")
    form.get_by_label("地点").fill("村委会人民调解室")
    form.get_by_label("参加人员").fill("李四、王五、钱调解")
    parties = {p.name: p.pk for p in dispute.parties.all()}
    form.locator(f'[name="position_{parties["李四"]}"]').fill("要求疏通排水沟并赔偿院墙损失。")
    form.locator(f'[name="position_{parties["王五"]}"]').fill("同意疏通，院墙费用愿意承担一半。")
    mediator.get_by_test_id("move-session").tap()
    expect(mediator.get_by_test_id("mediation-sessions")).to_contain_text("同意疏通")

    mediator.get_by_test_id("open-agree").tap()
    agree = mediator.get_by_test_id("agree-form")
    agree.get_by_label("协议内容").fill("王五于本周内疏通排水沟；院墙修复费用八百元由双方各承担一半。")
    agree.get_by_label("履行方式和期限").fill("本月底前履行完毕")
    agree.get_by_label("当事人愿意申请司法确认").check()
    mediator.get_by_test_id("move-agree").tap()
    expect(mediator.get_by_test_id("mediation-state")).to_have_text("已达成协议")
    expect(mediator.get_by_test_id("mediation-confirmation")).to_be_visible()
    with mediator.expect_download() as info:
        mediator.get_by_test_id("paper-agreement").tap()
    with open(info.value.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"

    mediator.locator('[name="scan"]').set_input_files(
        files=[{"name": "协议书.pdf", "mimeType": "application/pdf", "buffer": blank_pdf()}]
    )
    mediator.get_by_test_id("move-scan").tap()
    expect(mediator.get_by_test_id("paper-scan")).to_be_visible()
    visit = mediator.get_by_test_id("followup-form")
    visit.get_by_label("回访结果").select_option("kept")
    visit.get_by_label("回访情况").fill("排水沟已疏通，院墙已修好，双方和好。")
    check_layout(mediator, "mediation-02-agreed")
    mediator.get_by_test_id("move-followup").tap()
    expect(mediator.get_by_test_id("mediation-followups")).to_contain_text("协议已履行")

    resident.goto(f"/mediation/{dispute.pk}/")
    expect(resident.get_by_test_id("mediation-state")).to_have_text("已达成协议")
    expect(resident.get_by_test_id("mediation-terms")).to_contain_text("各承担一半")
    expect(resident.get_by_test_id("mediation-followups")).to_contain_text("协议已履行")
    dispute.refresh_from_db()
    assert dispute.scan_path
    assert dispute.followups.get().outcome == "kept"
    check_layout.assert_clean()
