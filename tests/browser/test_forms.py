"""In real Chromium: the browser itself marks the wish form's required fields before anything is sent,
and a server answer shows every error at once, each linked to its field."""

import pytest
from playwright.sync_api import expect

from gongzhi.cases.models import Case

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_the_browser_marks_required_fields_without_a_round_trip(browser_run, users):
    page = browser_run.new_page(phone=True)
    log_in(page, "resident")
    page.goto("/wishes/new/")
    sent = []
    page.on("request", lambda request: sent.append(request) if request.method == "POST" else None)
    page.get_by_test_id("submit-wish").tap()
    title = page.get_by_label("心愿标题")
    assert title.evaluate("el => el.validity.valueMissing") is True
    for label in ("心愿标题", "心愿内容", "类别"):
        field = page.get_by_label(label)
        expect(field).to_have_attribute("required", "")
        assert field.evaluate("el => el.matches(':invalid')") is True
    assert page.get_by_label("希望完成日期（可不填）").evaluate("el => el.matches(':invalid')") is False
    assert not sent
    assert not Case.objects.exists()
    expect(page.get_by_label("心愿标题")).to_have_attribute("maxlength", "60")


def test_the_servers_answer_shows_every_error_next_to_its_field(browser_run, users):
    page = browser_run.new_page()
    log_in(page, "resident")
    page.goto("/wishes/new/")
    page.get_by_test_id("wish-form").evaluate(
        "form => form.noValidate = true"
    )  # as an old browser would send it
    page.get_by_label("心愿内容").fill("短")
    page.get_by_test_id("submit-wish").click()
    expect(page.get_by_test_id("field-error")).to_have_count(3)
    for name, text in (
        ("title", "请填写心愿标题"),
        ("story", "心愿内容至少5个字"),
        ("category", "请填写类别"),
    ):
        field = page.locator(f"[name={name}]")
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby") or ""
        assert f"id_{name}_error" in described.split()
        expect(page.locator(f"#id_{name}_error")).to_contain_text(text)
