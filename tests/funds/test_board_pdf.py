"""The finance board as a PDF: the staff's before it is published (marked as not public), everyone's after; the
text read back from the PDF names the community and the period and its figures add up."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gongzhi.funds import actions
from tests.funds.conftest import jpeg, last_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def approvers(areas):
    from gongzhi.accounts.roles import Role
    from tests.conftest import make_user

    return [make_user(f"pdf_staff{n}", Role.COMMUNITY_STAFF, areas["village"]) for n in (2, 3)]


@pytest.fixture
def board(plan, users, approvers, supervisory, areas):
    """青山村's first quarter of last year: 财政 100,000.00 and 捐赠 20,000.50 in, 1,000.25 spent on the plan."""
    year = last_year()
    spending = actions.expenditure_record(
        actor=users["community_staff"], plan=plan, amount="1000.25", payee="青山建材店",
        spent_on=dt.date(year, 2, 10), purpose="购买水泥", vouchers=[jpeg()],
    )  # fmt: skip
    for person in approvers:
        actions.expenditure_approve(actor=person, expenditure=spending)
    actions.expenditure_review(actor=users["supervisor"], expenditure=spending, verdict="passed")
    return actions.board_generate(
        actor=users["community_staff"], community=areas["village"], day=dt.date(year, 1, 5)
    )


def _text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _amount(text: str, label: str) -> Decimal:
    found = re.search(re.escape(label) + r"\s*([\d,]+\.\d\d)", text)
    assert found, f"{label} not in the PDF: {text[:400]}"
    return Decimal(found.group(1).replace(",", ""))


def _lines(text: str, prefix: str) -> list[Decimal]:
    return [
        Decimal(m.replace(",", "")) for m in re.findall(re.escape(prefix) + r"[^\n]*?([\d,]+\.\d\d)", text)
    ]


def test_the_staff_print_a_board_before_it_is_published_and_nobody_else_sees_it(client, board, users):
    anonymous = client.get(reverse("funds:public_pdf", args=[board.pk]))
    assert anonymous.status_code == 404
    client.force_login(users["other_staff"])
    assert client.get(reverse("funds:board_pdf", args=[board.pk])).status_code == 404
    client.force_login(users["community_staff"])
    answer = client.get(reverse("funds:board_pdf", args=[board.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert "no-store" in answer["Cache-Control"]
    text = _text(answer.content)
    assert "青山村" in text
    assert f"{last_year()}-Q1" in text
    assert "未公开" in text
    assert "尚未审核" in text


def test_the_published_board_pdf_is_public_and_adds_up(client, board, users):
    actions.board_review(actor=users["supervisor"], board=board, remark="账目清楚，凭证齐全")
    board = actions.board_publish(actor=users["community_staff"], board=board)
    answer = client.get(reverse("funds:public_pdf", args=[board.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    text = _text(answer.content)
    assert "未公开" not in text
    assert f"青山村 {last_year()}-Q1 财务公开" in text
    opening, income = _amount(text, "期初余额"), _amount(text, "本期收入")
    spending, closing = _amount(text, "本期支出"), _amount(text, "期末余额")
    assert (opening, income, spending, closing) == (
        Decimal("0.00"), Decimal("120000.50"), Decimal("1000.25"), Decimal("119000.25"),
    )  # fmt: skip
    assert opening + income - spending == closing
    by_source = _lines(text, "收入 · ")
    assert sorted(by_source) == [Decimal("20000.50"), Decimal("100000.00")]
    assert sum(by_source) == income
    assert "财政" in text
    assert "捐赠" in text
    by_plan = _lines(text, "支出 · ")
    assert by_plan == [Decimal("1000.25")]
    assert sum(by_plan) == spending
    assert "修缮文化活动室" in text
    assert "审核意见：账目清楚，凭证齐全" in text
    published = board.published_at.astimezone().date().isoformat()
    assert f"公开日期：{published}" in text
    # The public page links its PDF.
    assert (
        reverse("funds:public_pdf", args=[board.pk])
        in client.get(reverse("funds:public", args=[board.pk])).content.decode()
    )
