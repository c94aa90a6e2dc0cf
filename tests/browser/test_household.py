"""A household on a phone: found by a member's pinyin initials, its head changed, its printout fetched."""

import re

import pytest
from playwright.sync_api import expect

from gongzhi.residents import actions
from gongzhi.residents.models import Resident

from .conftest import log_in
from .test_phone import MIN_TARGET, LayoutCheck


class ChoiceLayoutCheck(LayoutCheck):
    """As LayoutCheck, but a radio button or checkbox is tapped through its label row, which must be big enough."""

    def __call__(self, page, name: str) -> None:
        super().__call__(page, name)
        radios = page.evaluate("[...document.querySelectorAll('label.gz-choice input')].map(i => i.value)")
        small_radio = [f"'tag': 'input', 'name': '{value}'" for value in radios]
        self.findings = [f for f in self.findings if not any(mark in f for mark in small_radio)]
        rows = page.evaluate(
            "[...document.querySelectorAll('label.gz-choice')].map(l => l.getBoundingClientRect().height)"
        )
        self.findings += [f"{name}: a choice row is {h}px high" for h in rows if h < MIN_TARGET]


pytestmark = pytest.mark.browser


def test_a_household_found_by_initials_and_managed_on_a_phone(
    browser_run, phone_page, make_resident, users, areas, tmp_path
):
    household = actions.household_create(
        actor=users["community_staff"], area=areas["grid_a1"], number="QS-0001"
    )
    for name, relation in (("李秀兰", "02"), ("张三丰", "20")):
        person = make_resident("grid_a1", name=name, relation_to_head=relation)
        Resident.objects.filter(pk=person.pk).update(household=household)
    page = phone_page
    check_layout = ChoiceLayoutCheck(tmp_path)
    log_in(page, "community_staff")

    page.goto("/residents/households/?q=zsf")
    expect(page.get_by_role("link", name="QS-0001")).to_be_visible()
    expect(page.get_by_text("户主：李秀兰")).to_be_visible()
    check_layout(page, "households-zsf")

    page.get_by_role("link", name="QS-0001").tap()
    expect(page.get_by_test_id("household-head")).to_contain_text("李秀兰")
    check_layout(page, "household")

    page.get_by_role("button", name="变更户主").tap()
    page.get_by_label("张三丰").check()
    page.get_by_label("原户主改为").select_option("50")
    check_layout(page, "household-head")
    page.get_by_role("button", name="确认变更").tap()
    expect(page.get_by_test_id("household-head")).to_contain_text("张三丰")

    with page.expect_download() as download:
        page.get_by_role("button", name="打印（PDF）").tap()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_text("返回").first.tap()
    expect(page).to_have_url(re.compile(r"/residents/households/$"))

    page.goto("/residents/exports/new/")
    check_layout(page, "export-request")
    page.get_by_label("用途").fill("低保年审核对身份信息")
    page.get_by_label("含完整身份证号").check()
    page.get_by_role("button", name="提交申请").tap()
    expect(page.get_by_test_id("export-status")).to_have_text("待审批")
    check_layout(page, "export-request-detail")
    check_layout.assert_clean()
    browser_run.assert_clean()
