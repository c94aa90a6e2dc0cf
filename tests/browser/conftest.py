"""Real Chromium (Debian's package) driven by Playwright's sync API against live_server.

One browser per xdist worker (session scope); a fresh context per test, so cookies
never leak between tests. Every context records what a user would never see but a
developer must: console errors (CSP violations among them), uncaught page errors and
responses with an error status. `BrowserRun.assert_clean()` checks them, and the
fixture checks them again when the test ends.
"""

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.conftest import PASSWORD

# Playwright's sync API keeps an asyncio loop alive in another greenlet of this
# thread, so Django's async-safety check would refuse the ORM calls tests make.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GONGZHI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 15_000
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class BrowserRun:
    """Contexts opened by one test, all sharing the live server and one problem log."""

    browser: Browser
    base_url: str
    problems: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)

    def new_context(self, *, phone: bool = False, javascript: bool = True) -> BrowserContext:
        options = dict(PHONE) if phone else {"viewport": {"width": 1280, "height": 900}}
        context = self.browser.new_context(
            base_url=self.base_url,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            java_script_enabled=javascript,
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.problems.append(f"page error: {error.error}"))
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)
        self.contexts.append(context)
        return context

    def new_page(self, **options) -> Page:
        return self.new_context(**options).new_page()

    def _on_console(self, message) -> None:
        # htmx:sendAbort is the browser cancelling a request in flight because the person moved on
        # (submitted the form, followed a link): nothing went wrong on either side.
        if (
            message.type in ("error", "warning")
            and "[DOM]" not in message.text
            and "htmx:sendAbort" not in message.text
        ):
            self.problems.append(f"console {message.type}: {message.text} ({message.location.get('url')})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def _on_request_failed(self, request) -> None:
        failure = request.failure or ""
        # A download ends its request as "aborted" in Chromium; that is not an error.
        if "ERR_ABORTED" not in failure:
            self.problems.append(f"request failed: {request.url} ({failure})")

    def assert_clean(self) -> None:
        assert self.problems == [], "\n".join(self.problems)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browser_run(browser, live_server, audit_triggers_for_flush) -> Iterator[BrowserRun]:
    run = BrowserRun(browser=browser, base_url=live_server.url)
    try:
        yield run
    finally:
        run.close()
    run.assert_clean()


@pytest.fixture
def page(browser_run) -> Page:
    return browser_run.new_page()


@pytest.fixture
def phone_page(browser_run) -> Page:
    return browser_run.new_page(phone=True)


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("用户名或手机号").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    # Signed in: the logout button in the header, or on a phone the one menu button that holds it.
    expect(page.locator('[data-testid="logout"]:visible, [data-testid="menu-button"]:visible')).to_have_count(
        1
    )
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
