"""The village power list's flow on a certificate application (decision 0044), in real Chromium.

青山村's cadre opens an application for 居住证明 (bound to C06 村级证明出具: 核实 → 签批) under village review,
tries to approve it at once and is told which step comes first; records the verification and the
signature on the application's page, each step showing as done; then approves.
"""

import pytest
from playwright.sync_api import expect

from gongzhi.cases.actions import case_open
from gongzhi.cases.models import Case
from gongzhi.hall.actions.flow import matter_power_bind
from gongzhi.hall.models import Application, Channel, HandlingMode, Matter, MatterStep
from gongzhi.hall.workflow import APPLICATION_KIND
from gongzhi.selfgov.actions.decisions_power import power_list_adopt, power_template_install

from .conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def certificate_application(areas, users):
    power_template_install(actor=users["township_admin"], township=areas["township"])
    power_list_adopt(actor=users["community_staff"], community=areas["village"])
    matter = Matter.objects.create(
        township=areas["township"], code="ZM-001", name="居住证明", levels=["village"],
        mode=HandlingMode.VILLAGE_DIRECT,
    )  # fmt: skip
    MatterStep.objects.create(matter=matter, order=0, name="核实", amount=3, unit="workdays")
    matter = matter_power_bind(actor=users["township_admin"], matter=matter, code="C06")
    village = areas["village"]
    case = case_open(
        case=Case(kind=APPLICATION_KIND, title=matter.name, body="", author=users["resident"], community=village,
                  area_path=village.path),
        actor=users["resident"],
    )  # fmt: skip
    Case.objects.filter(pk=case.pk).update(state="village_review")
    return Application.objects.create(case=case, matter=matter, channel=Channel.ONLINE)


def test_a_cadre_follows_the_certificate_flow_and_cannot_skip_it(browser_run, certificate_application):
    page = browser_run.new_page()
    log_in(page, "community_staff")
    page.goto(f"/hall/a/{certificate_application.pk}/")
    flow = page.get_by_test_id("flow")
    expect(flow).to_contain_text("C06")
    expect(page.get_by_test_id("flow-step-1")).to_have_attribute("data-state", "pending")

    page.get_by_test_id("move-approve_village").click()
    # The move's page answers 409 with the refusal: the step that comes first, nothing changed.
    expect(page.get_by_test_id("refusal")).to_contain_text("须先完成第1步“核实情况”")
    assert [p for p in browser_run.problems if "409" in p and "approve_village" in p]
    browser_run.problems[:] = [p for p in browser_run.problems if not ("409" in p and "approve_village" in p)]
    page.goto(f"/hall/a/{certificate_application.pk}/")
    expect(page.get_by_test_id("state")).to_have_text("村级审核中")

    page.get_by_test_id("flow-form").get_by_label("办理情况").fill("已核实申请人在本村居住满一年")
    page.get_by_test_id("flow-submit").click()
    expect(page.get_by_test_id("flow-step-1")).to_have_attribute("data-state", "done")
    page.get_by_test_id("flow-form").get_by_label("办理情况").fill("陈主任签字盖章")
    page.get_by_test_id("flow-submit").click()
    expect(page.get_by_test_id("flow-step-2")).to_have_attribute("data-state", "done")
    expect(page.get_by_test_id("flow-form")).to_have_count(0)

    page.get_by_test_id("move-approve_village").click()
    expect(page.get_by_test_id("state")).to_have_text("已准予，待出件")
