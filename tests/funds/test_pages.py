"""The funds' pages: a spending from plan to voucher to the public board, refusals on the page, who sees what."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.disclosures.models import Disclosure
from gongzhi.funds.models import Board, BoardState, Expenditure, Plan, Verdict
from tests.funds.conftest import jpeg, last_year

pytestmark = pytest.mark.django_db


def _voucher():
    return SimpleUploadedFile("invoice.jpg", jpeg(), content_type="image/jpeg")


def test_a_spending_from_plan_to_voucher_to_the_public_board(
    client, fund, users, second_staff, township_admin_approver, supervisory, areas
):
    year = last_year()
    client.force_login(users["community_staff"])
    page = client.get(reverse("funds:community", args=[areas["village"].pk]) + f"?year={year}")
    assert "专项经费" in page.content.decode()
    answer = client.post(
        reverse("funds:plan_new", args=[fund.pk]), {"title": "修缮文化活动室", "amount": "3000"}
    )
    plan = Plan.objects.get()
    assert answer.url == reverse("funds:plan", args=[plan.pk])
    client.post(
        reverse("funds:expenditure_new", args=[plan.pk]),
        {"amount": "1200.50", "payee": "青山建材店", "spent_on": dt.date(year, 3, 10).isoformat(),
         "purpose": "购买水泥", "vouchers": _voucher()},
    )  # fmt: skip
    spending = Expenditure.objects.get()
    voucher = spending.vouchers.get()
    served = client.get(reverse("funds:voucher", args=[spending.pk, voucher.pk]))
    assert served.status_code == 200
    assert "no-store" in served["Cache-Control"]
    for approver in (second_staff, township_admin_approver):
        client.force_login(approver)
        client.post(reverse("funds:approve", args=[spending.pk]))
    spending.refresh_from_db()
    assert spending.approved_at is not None
    client.force_login(users["supervisor"])
    client.post(reverse("funds:review", args=[spending.pk]), {"verdict": "passed"})
    spending.refresh_from_db()
    assert spending.verdict == Verdict.PASSED
    client.force_login(users["community_staff"])
    client.post(reverse("funds:board_new", args=[areas["village"].pk]), {"period": f"{year}-Q1"})
    board = Board.objects.get()
    client.force_login(users["supervisor"])
    client.post(reverse("funds:board_review", args=[board.pk]))
    client.force_login(users["community_staff"])
    client.post(reverse("funds:board_publish", args=[board.pk]))
    board.refresh_from_db()
    assert board.state == BoardState.PUBLISHED
    client.logout()
    public = client.get(reverse("funds:public", args=[board.pk])).content.decode()
    assert "118800.00" in public
    disclosure = Disclosure.objects.get(pk=board.disclosure_id)
    board_page = client.get(reverse("disclosures:board", args=[areas["village"].pk]) + "?category=finance")
    assert disclosure.title in board_page.content.decode()


@pytest.fixture
def township_admin_approver(areas):
    from gongzhi.accounts.roles import Role
    from tests.conftest import make_user

    return make_user("funds_staff3", Role.COMMUNITY_STAFF, areas["village"])


def test_one_approval_is_not_enough_and_says_so(client, fund, users, second_staff):
    plan = Plan.objects.create(fund=fund, community=fund.community, area_path=fund.area_path, title="修路",
                               amount="5000", created_by=users["community_staff"])  # fmt: skip
    client.force_login(users["community_staff"])
    client.post(
        reverse("funds:expenditure_new", args=[plan.pk]),
        {"amount": "6000", "payee": "甲", "spent_on": dt.date(last_year(), 3, 10).isoformat(), "purpose": "修路",
         "vouchers": _voucher()},
    )  # fmt: skip
    assert not Expenditure.objects.exists()
    page = client.get(reverse("funds:plan", args=[plan.pk]), follow=True).content.decode()
    assert "超过了计划「修路」剩余的5,000.00元" in page
    client.post(
        reverse("funds:expenditure_new", args=[plan.pk]),
        {"amount": "100", "payee": "甲", "spent_on": dt.date(last_year(), 3, 10).isoformat(), "purpose": "修路",
         "vouchers": _voucher()},
    )  # fmt: skip
    spending = Expenditure.objects.get()
    client.force_login(second_staff)
    client.post(reverse("funds:approve", args=[spending.pk]))
    client.force_login(users["supervisor"])
    answer = client.post(reverse("funds:review", args=[spending.pk]), {"verdict": "passed"})
    assert answer.status_code == 403  # not seated on the supervisory committee
    client.force_login(users["community_staff"])
    page = client.get(reverse("funds:expenditure", args=[spending.pk])).content.decode()
    assert "已有 1 人审批，须经两人审批" in page


def test_scope_township_reads_only_other_community_sees_nothing(client, fund, users):
    client.force_login(users["township_admin"])
    page = client.get(reverse("funds:fund", args=[fund.pk]))
    assert page.status_code == 200
    assert "登记收入" not in page.content.decode()
    assert (
        client.post(reverse("funds:plan_new", args=[fund.pk]), {"title": "x", "amount": "1"}).status_code
        == 403
    )
    client.force_login(users["other_staff"])
    assert client.get(reverse("funds:fund", args=[fund.pk])).status_code == 404
    assert (
        client.post(reverse("funds:plan_new", args=[fund.pk]), {"title": "修路", "amount": "1"}).status_code
        == 404
    )
    client.force_login(users["resident"])
    assert client.get(reverse("funds:index")).status_code == 403
    assert not Plan.objects.exists()


def test_policy_page(client, users, areas):
    client.force_login(users["township_admin"])
    url = reverse("funds:policy", args=[areas["township"].pk])
    assert client.get(url).status_code == 200
    client.post(url, {"decision_above": "abc", "monthly_above": "5", "approver_roles": ["community_staff"]})
    page = client.get(url).content.decode()
    assert "应为数字" in page
    client.post(url, {"decision_above": "80000", "monthly_above": "5", "approver_roles": ["community_staff"]})
    assert 'value="80000.00"' in client.get(url).content.decode()
