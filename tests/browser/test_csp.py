"""The strict Content-Security-Policy holds, and using the pages logs no errors at all."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Response, expect

from .conftest import log_in

pytestmark = pytest.mark.browser


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def test_csp_is_sent_and_enforced_and_the_pages_log_no_errors(browser_run, page, make_resident, users):
    resident = make_resident("grid_a1", name="张三", birth=dt.date(1960, 5, 17))
    documents: list[Response] = []
    page.on("response", lambda r: documents.append(r) if r.request.resource_type == "document" else None)

    # The login page carries the policy: nothing inline, nothing from elsewhere.
    response = page.goto("/accounts/login/")
    assert response is not None
    assert response.ok
    assert "content-security-policy-report-only" not in response.headers
    policy = directives(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]

    # Pico, gongzhi.css and htmx are served by the deployment itself and applied.
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans CJK SC"')
    assert page.evaluate("getComputedStyle(document.querySelector('.gz-brand')).fontWeight") == "700"
    assert page.evaluate("[...document.styleSheets].every(s => s.cssRules.length > 0)")
    assert page.evaluate("document.styleSheets.length") == 2
    assert page.evaluate("window.htmx && htmx.version").startswith("2.")

    # Walk the staff's pages, with htmx doing its part.
    log_in(page, "community_staff")
    page.goto("/residents/")
    page.get_by_test_id("search").press_sequentially("zs", delay=50)
    expect(page).to_have_url(re.compile(r"[?&]q=zs"))
    expect(page.get_by_test_id("resident-row")).to_have_count(1)
    page.get_by_role("link", name="张三").click()
    page.get_by_text("查看完整身份证号").click()
    page.get_by_test_id("reveal-reason").fill("核对")
    page.get_by_test_id("reveal").click()
    expect(page.get_by_test_id("revealed-id")).to_contain_text(resident.id_last4)
    page.goto("/residents/import/")
    with page.expect_download():
        page.get_by_test_id("template").click()
    page.goto("/residents/households/")
    page.goto("/areas/")
    page.goto("/notices/")

    # Every HTML page had the header, and nothing went wrong on the way.
    assert len(documents) >= 6
    missing = [r.url for r in documents if "content-security-policy" not in r.headers]
    assert missing == []
    browser_run.assert_clean()

    # And the policy is enforced, not merely sent: an inline style is refused and
    # the refusal shows up in the log the other tests rely on.
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate("document.querySelector('h1').setAttribute('style', 'color: rgb(255, 0, 0)')")
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") != "rgb(255, 0, 0)"
    assert len(browser_run.problems) == 1
    assert "Content Security Policy" in browser_run.problems[0]
    browser_run.problems.clear()
