"""A community files a social organisation on a phone, approves it and names its representative; the
representative speaks for it in a proposal's 议事厅 (协同参与), marked "社会组织"; once suspended, it is gone from
the community's public page and its representative is told why it may not speak for it now."""

import pytest
from playwright.sync_api import expect

from gongzhi.orgs.models import Organisation
from gongzhi.selfgov.models import ProposalPost
from tests.selfgov.proposals_kit import adults, citizen, opened

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser
NAME = "青山村乡贤理事会"


def test_a_filed_organisation_takes_part_in_the_thread(
    browser_run, phone_page, users, areas, make_resident, tmp_path
):
    check_layout = LayoutCheck(tmp_path)
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 12)
    proposal = opened(author)

    staff = phone_page
    log_in(staff, "community_staff")
    staff.goto("/orgs/")
    staff.get_by_test_id("org-new").first.tap()
    staff.get_by_label("名称").fill(NAME)
    staff.get_by_label("类别").select_option("community_group")
    staff.get_by_label("登记(备案)机关").fill("青山村村民委员会（备案）")
    staff.get_by_label("联系人").fill("李德明")
    staff.get_by_label("联系电话（手机号）").fill("13800138000")
    staff.get_by_test_id("save-org").tap()
    expect(staff.get_by_text("备案编号和备案日期")).to_be_visible()  # no credit code: the filing, please
    staff.get_by_label("备案编号（没有信用代码的村(社区)备案组织填写）").fill("QS-2024-01")
    staff.get_by_label("备案日期").fill("2024-03-01")
    staff.get_by_test_id("save-org").tap()
    expect(staff.get_by_test_id("org-state")).to_have_text("待审核")
    expect(staff.get_by_test_id("org-contact")).to_contain_text("李**")
    check_layout(staff, "orgs-01-filed")
    staff.get_by_test_id("move-approve").tap()
    expect(staff.get_by_test_id("org-state")).to_have_text("已登记")
    staff.get_by_label("代表的登录用户名").fill("volunteer")
    staff.get_by_test_id("add-representative").tap()
    expect(staff.get_by_text("已指定")).to_be_visible()

    rep = browser_run.new_page(phone=True)
    log_in(rep, "volunteer")
    rep.goto(f"/selfgov/proposals/{proposal.pk}/")
    rep.get_by_label("我的意见").fill("本会可以组织志愿者协助施工期间的交通疏导。")
    rep.get_by_label("发言身份").select_option(label=f"以社会组织「{NAME}」名义")
    rep.get_by_role("button", name="发表意见").tap()
    expect(rep.get_by_test_id("org-mark")).to_have_text("社会组织")
    expect(rep.get_by_test_id("thread")).to_contain_text(f"{NAME}（协同参与）")
    check_layout(rep, "orgs-02-thread")
    assert ProposalPost.objects.get().org == Organisation.objects.get()

    visitor = browser_run.new_page(phone=True)
    visitor.goto(f"/orgs/p/{areas['village'].pk}/")
    expect(visitor.get_by_test_id("public-org")).to_contain_text(NAME)
    expect(visitor.locator("main")).not_to_contain_text("李德明")

    staff.get_by_label("理由").first.fill("年检未通过")
    staff.get_by_test_id("move-suspend").tap()
    expect(staff.get_by_test_id("org-state")).to_have_text("暂停活动")
    rep.goto(f"/selfgov/proposals/{proposal.pk}/")
    rep.get_by_label("我的意见").fill("我们还想补充一点意见。")
    rep.get_by_label("发言身份").select_option(label=f"以社会组织「{NAME}（暂停活动）」名义")
    rep.get_by_role("button", name="发表意见").tap()
    expect(rep.get_by_text(f"「{NAME}」现为“暂停活动”")).to_be_visible()
    assert ProposalPost.objects.count() == 1
    check_layout.assert_clean()
    browser_run.assert_clean()
