"""On a phone: a resident books 青山村's 党员活动室, which needs the staff's approval; the community's staff approve it
from their list of bookings waiting; the resident sees it approved (and has a notice)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongzhi.facilities.actions import facility_save
from gongzhi.facilities.models import Booking, FacilityType
from tests.conftest import migration_rows_restore

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser


def test_a_resident_books_a_room_on_a_phone_and_the_staff_approve_it(
    browser_run, phone_page, users, areas, tmp_path
):
    migration_rows_restore()
    facility = facility_save(
        actor=users["community_staff"], community=areas["village"],
        facility_type=FacilityType.objects.get(name="党员活动室"), name="党员活动室", opens_at="08:00",
        closes_at="21:00", bookable=True, capacity=30, approval_required=True,
    )  # fmt: skip
    check_layout = LayoutCheck(tmp_path)
    resident = phone_page
    log_in(resident, "resident")
    resident.goto("/facilities/")
    resident.get_by_role("link", name="党员活动室").tap()
    day = (timezone.localdate() + dt.timedelta(days=4)).isoformat()
    resident.get_by_label("日期").fill(day)
    resident.get_by_label("开始").fill("09:00")
    resident.get_by_label("结束").fill("11:00")
    resident.get_by_label("人数").fill("12")
    resident.get_by_label("用途").fill("老年协会学习会")
    check_layout(resident, "facilities-01-book")
    resident.get_by_role("button", name="提交预约").tap()
    expect(resident.get_by_test_id("state")).to_contain_text("待审批")
    booking = Booking.objects.get(facility=facility)

    staff = browser_run.new_page(phone=True)
    log_in(staff, "community_staff")
    staff.goto("/facilities/")
    staff.get_by_test_id("pending").get_by_role("link", name="党员活动室").tap()
    check_layout(staff, "facilities-02-approve")
    staff.get_by_test_id("approve").tap()
    expect(staff.get_by_test_id("state")).to_contain_text("已预约")

    resident.goto("/facilities/")
    expect(resident.get_by_test_id("mine")).to_contain_text("已预约")
    resident.goto(f"/facilities/bookings/{booking.pk}/")
    expect(resident.get_by_test_id("state")).to_have_attribute("data-state", "approved")
    check_layout.assert_clean()
