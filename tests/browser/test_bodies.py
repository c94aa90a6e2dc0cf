"""A community's bodies on a phone, as staff keep them: register the committee, pick a member from the register
by search, see the warning go away, and the public page of the members without an account; no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from gongzhi.bodies.models import Membership

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser


def test_staff_keep_the_committee_on_a_phone(browser_run, phone_page, make_resident, areas, tmp_path):
    page = phone_page
    check_layout = LayoutCheck(tmp_path)
    make_resident("grid_a1", name="王秀英", gender="F")
    log_in(page, "community_staff")
    page.goto("/bodies/")  # one community: straight to it
    expect(page.get_by_role("heading", name="青山村")).to_be_visible()
    page.get_by_test_id("body-new").tap()
    page.get_by_label("类型").select_option("committee")
    page.get_by_test_id("save-body").tap()
    expect(page.get_by_role("heading", name="村民委员会")).to_be_visible()
    check_layout(page, "bodies-01-committee")
    page.get_by_test_id("member-new").tap()
    page.get_by_label("搜索居民").fill("王")
    page.get_by_role("button", name="查找").tap()
    page.get_by_role("link", name="王秀英").tap()
    expect(page.get_by_test_id("picked")).to_have_text("王秀英")
    page.get_by_label("职务").select_option("member")
    page.get_by_label("分工（可不填，如妇女委员、纪检委员）").fill("妇女委员")
    page.get_by_test_id("save-member").tap()
    members = page.get_by_test_id("members")
    expect(members).to_contain_text("王秀英")
    expect(members).to_contain_text("妇女委员")
    # One member of three to seven: the statute's warning, with its article.
    expect(page.get_by_test_id("body-warnings")).to_contain_text("村民委员会组织法第六条")
    check_layout(page, "bodies-02-member")
    assert Membership.objects.get().resident.name == "王秀英"

    visitor = browser_run.new_page(phone=True)
    visitor.goto(f"/bodies/p/{areas['village'].pk}/")
    expect(visitor.get_by_test_id("public-committee")).to_contain_text("王秀英")
    check_layout(visitor, "bodies-03-public")
    check_layout.assert_clean()
    browser_run.assert_clean()
