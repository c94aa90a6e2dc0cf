"""The service hall end to end (issue 10, "Measured"), in real Chromium, through the real pages.

A resident applies on a phone (a photo of the application form); the village window clerk, at a desk, sends
ONE notice (一次性告知) naming the missing income certificate; the resident supplies it as a PDF on the phone;
the clerk accepts (a receipt number and the promised due date); the township department's officer approves;
the clerk issues the result notice as a PDF, whose verification code an anonymous browser checks at
/verify/<code>; the resident rates 不满意 and the township admin finds the follow-up in 回访整改.
Every step is checked as each person sees it, and the resident hears of every change in the notice inbox.
"""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Department
from gongzhi.hall.models import Application, HandlingMode, Material, MaterialSource, Matter, MatterStep
from gongzhi.residents.models import Resident
from tests.conftest import make_user
from tests.hall.pdf_text import pdf_text

from .conftest import log_in

pytestmark = pytest.mark.browser

MATTER = "最低生活保障"
FULL_NAME = "李秀兰"
PHONE_NUMBER = "13800138000"
NOTICE_NOTE = "请提供近6个月的家庭收入证明，加盖村委会公章"
COMPLAINT = "窗口让我跑了两趟"
OPINION = "经审核，家庭人均收入低于当地低保标准"


def jpeg(path: Path) -> Path:
    Image.new("RGB", (64, 48), (200, 120, 40)).save(path, "JPEG", quality=85)
    return path


def pdf(path: Path) -> Path:
    """A real one-page PDF (Pillow writes it), as a scanner would."""
    Image.new("RGB", (120, 160), (255, 255, 255)).save(path, "PDF", resolution=72)
    return path


def notice_titles(page: Page) -> list[str]:
    page.goto("/notices/")
    return [t.strip().lstrip("● ") for t in page.get_by_test_id("notice").locator("h3").all_inner_texts()]


def timeline_is(page: Page, rows: list[tuple[str, str]]) -> None:
    """The application's timeline, in order: each row's "verb → state · who" and its note."""
    steps = page.get_by_test_id("timeline").locator("li")
    expect(steps).to_have_count(len(rows))
    for i, (line, note) in enumerate(rows):
        expect(steps.nth(i)).to_contain_text(line)
        expect(steps.nth(i)).to_contain_text(note)


def scrolls_sideways(page: Page, name: str) -> list[str]:
    """On a phone nothing scrolls sideways (an elderly resident would never find the button off screen)."""
    size = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    return [f"{name}: scrolls sideways {size}"] if size["scroll"] > size["inner"] else []


def messages(page: Page):
    return page.locator(".gz-messages")


@pytest.fixture
def hall_world(areas, users, make_resident):
    """民政办 with its officer, one matter decided there (accepted by the village window), and the resident's
    register entry (so the application is filled from the register, and staff see the name)."""
    department = Department.objects.create(township=areas["township"], name="民政办")
    officer = make_user("officer", display_name="民政办审批员")
    RoleAssignment.objects.create(
        user=officer, role=Role.TOWNSHIP_REVIEWER, area=areas["township"], area_path=areas["township"].path,
        department=department,
    )  # fmt: skip
    matter = Matter.objects.create(
        township=areas["township"], code="MZ-001", name=MATTER, department=department,
        levels=["village", "township"], mode=HandlingMode.VILLAGE_TO_TOWNSHIP,
    )  # fmt: skip
    MatterStep.objects.create(matter=matter, order=0, name="审核", amount=15, unit="workdays")
    for order, (name, source) in enumerate(
        [("申请书", MaterialSource.APPLICANT), ("户口簿", MaterialSource.REGISTER),
         ("家庭收入证明", MaterialSource.APPLICANT)]
    ):  # fmt: skip
        Material.objects.create(
            matter=matter, order=order, name=name, required=True, source=source,
            register_fact="household" if source == MaterialSource.REGISTER else "",
        )  # fmt: skip
    resident = make_resident(name=FULL_NAME)
    Resident.objects.filter(pk=resident.pk).update(user=users["resident"])
    users["resident"].display_name = FULL_NAME
    users["resident"].save(update_fields=["display_name"])
    return {"matter": matter, "officer": officer, "department": department}


def test_an_application_from_the_phone_to_the_follow_up(settings, tmp_path, browser_run, users, hall_world):
    # `settings` before `browser_run`: the browsers close before DATA_DIR is put back.
    settings.DATA_DIR = tmp_path / "data"
    matter = hall_world["matter"]

    # 1. The resident, on a phone, finds the matter and applies online with a photo of the application form.
    phone = browser_run.new_page(phone=True)
    log_in(phone, "resident")
    phone.goto("/hall/apply/")
    card = phone.get_by_test_id("matters").locator(".gz-card").filter(has_text=MATTER)
    expect(card.get_by_role("link", name="网上申请")).to_be_visible()
    # The public guide (办事指南) says what to bring and how long it takes; the resident applies from it.
    phone.goto(f"/hall/guide/m/{matter.pk}/")
    expect(phone.get_by_test_id("guide-limit")).to_contain_text("15个工作日")
    expect(phone.get_by_test_id("guide-bring")).to_contain_text("家庭收入证明")
    phone.get_by_test_id("apply-online").tap()
    expect(phone).to_have_url(re.compile(rf"/hall/apply/{matter.pk}/$"))
    expect(phone.get_by_test_id("facts")).to_contain_text(FULL_NAME)  # from the register, never asked
    findings = scrolls_sideways(phone, "apply form")
    phone.get_by_label("联系电话").fill(PHONE_NUMBER)
    phone.get_by_label("申请书").set_input_files(jpeg(tmp_path / "申请书.jpg"))
    phone.get_by_test_id("submit-application").tap()
    expect(phone).to_have_url(re.compile(r"/hall/a/\d+/$"))
    detail_path = re.search(r"/hall/a/\d+/$", phone.url).group(0)
    expect(messages(phone)).to_contain_text("申请已提交")
    expect(phone.get_by_test_id("state")).to_have_text("待受理")
    # The photo is on its checklist line (stored re-encoded); nothing yet for the income certificate.
    materials = phone.get_by_test_id("materials").locator("li")
    expect(materials.filter(has_text="申请书").get_by_role("link", name="照片1")).to_have_count(1)
    expect(materials.filter(has_text="家庭收入证明").get_by_role("link")).to_have_count(0)
    application = Application.objects.select_related("case").get(matter=matter)
    assert application.case.author_id == users["resident"].pk

    # 2. The village window clerk, at a desk, finds it in the queue and sends ONE notice of what is missing.
    clerk = browser_run.new_page()
    log_in(clerk, "window_clerk")
    clerk.goto("/hall/queue/")
    row = clerk.get_by_test_id("queue-row").filter(has_text=MATTER)
    expect(row).to_contain_text("待受理")
    expect(row).to_contain_text("李**")  # masked in lists, as all personal data by default
    expect(row).not_to_contain_text(FULL_NAME)
    row.get_by_role("link", name=MATTER).click()
    expect(clerk).to_have_url(re.compile(re.escape(detail_path)))
    expect(clerk.get_by_test_id("state")).to_have_text("待受理")
    expect(clerk.locator(".gz-facts")).to_contain_text(FULL_NAME)  # on the application itself, in full
    notify = clerk.get_by_test_id("notify-form")
    income = notify.locator("fieldset").filter(has_text="家庭收入证明")
    expect(income.get_by_label("问题")).to_have_value("missing")  # a required line not handed in
    income.get_by_label("具体说明").fill(NOTICE_NOTE)
    notify.get_by_role("button", name="发出一次性告知").click()
    expect(messages(clerk)).to_contain_text("已一次性告知申请人需要补正的材料。")
    expect(clerk.get_by_test_id("state")).to_have_text("待补正")

    # 3. The resident sees the notice's items on the phone and supplies the certificate as a PDF.
    phone.goto("/hall/mine/")
    expect(phone.get_by_test_id("mine")).to_contain_text("需要您补正材料")
    phone.goto(detail_path)
    expect(phone.get_by_test_id("state")).to_have_text("待补正")
    notice = phone.get_by_test_id("open-notice")
    expect(notice).to_contain_text("一次性告知（第1次）")
    expect(notice.locator("li")).to_have_count(1)
    expect(notice.locator("li")).to_contain_text(f"家庭收入证明 — 缺少: {NOTICE_NOTE}")
    findings += scrolls_sideways(phone, "one-time notice and supply form")
    supply = phone.get_by_test_id("supply-form")
    supply.get_by_label("家庭收入证明").set_input_files(pdf(tmp_path / "收入证明.pdf"))
    supply.get_by_role("button", name="提交补正材料").tap()
    expect(messages(phone)).to_contain_text("材料已补正，窗口会重新审查。")
    expect(phone.get_by_test_id("state")).to_have_text("待受理")
    expect(phone.get_by_test_id("open-notice")).to_have_count(0)
    income_line = phone.get_by_test_id("materials").locator("li").filter(has_text="家庭收入证明")
    expect(income_line.get_by_role("link", name="PDF1")).to_have_count(1)

    # 4. The clerk checks every line and accepts: a receipt number and the promised due date.
    clerk.goto(detail_path)
    accept = clerk.get_by_test_id("accept-form")
    for name in ("申请书", "家庭收入证明"):
        accept.get_by_role("row").filter(has_text=name).get_by_label("审查通过").check()
    accept.get_by_test_id("accept").click()
    expect(messages(clerk)).to_contain_text("已受理，请打印受理回执交给申请人。")
    expect(clerk.get_by_test_id("state")).to_have_text("乡镇审批中")
    application.refresh_from_db()
    application.case.refresh_from_db()
    number = application.number
    assert re.fullmatch(r"511423101-\d{8}-0001", number)
    due = timezone.localtime(application.case.due_at).strftime("%Y-%m-%d")
    expect(clerk.get_by_test_id("number")).to_have_text(number)
    clerk.get_by_role("link", name="受理回执").click()
    expect(clerk.get_by_test_id("receipt").get_by_test_id("number")).to_have_text(number)
    expect(clerk.get_by_test_id("due")).to_contain_text(due)

    # The resident sees the same number and due date on the phone.
    phone.goto(detail_path)
    expect(phone.get_by_test_id("state")).to_have_text("乡镇审批中")
    expect(phone.get_by_test_id("number")).to_have_text(number)
    expect(phone.locator("main")).to_contain_text(due)

    # The timeline shows every step so far, in order, in plain Chinese, with who did it and why.
    timeline_is(
        phone,
        [
            (f"提交 → 待受理 · {FULL_NAME}", "网上申请"),
            ("一次性告知 → 待补正 · window_clerk", f"家庭收入证明：{NOTICE_NOTE}"),
            (f"补正材料 → 待受理 · {FULL_NAME}", "已补正：家庭收入证明"),
            ("受理 → 乡镇审批中 · window_clerk", f"受理编号 {number}"),
        ],
    )
    # The resident heard of each of the window's moves (newest first), not of their own.
    assert notice_titles(phone) == [
        f"办件「{MATTER}」受理，现为“乡镇审批中”",
        f"办件「{MATTER}」一次性告知，现为“待补正”",
    ]
    # The notice itself names what to supply, so the resident need not open the application to know.
    expect(phone.get_by_test_id("notice").filter(has_text="一次性告知")).to_contain_text(NOTICE_NOTE)

    # 5. The department's officer, at a desk, approves it in the back office.
    office = browser_run.new_page()
    log_in(office, "officer")
    office.goto("/hall/queue/")
    row = office.get_by_test_id("queue-row").filter(has_text=MATTER)
    expect(row).to_contain_text("乡镇审批中")
    expect(row).to_contain_text(number)
    row.get_by_role("link", name=MATTER).click()
    expect(office.get_by_test_id("state")).to_have_text("乡镇审批中")
    decide = office.get_by_test_id("decide-form")
    decide.get_by_label("审批意见").fill(OPINION)
    decide.get_by_test_id("move-approve").click()
    expect(messages(office)).to_contain_text("已准予，待窗口出件。")
    expect(office.get_by_test_id("state")).to_have_text("已准予，待出件")
    expect(office.get_by_test_id("decision-value")).to_contain_text("准予")

    # 6. The window issues the result notice (a PDF) and records the hand-over.
    clerk.goto(detail_path)
    expect(clerk.get_by_test_id("state")).to_have_text("已准予，待出件")
    clerk.get_by_test_id("move-issue").click()
    clerk.get_by_label("本人现场领取").check()
    clerk.get_by_test_id("office-submit").click()
    expect(messages(clerk)).to_contain_text("已出件，申请人可在办件页面下载结果文书。")
    expect(clerk.get_by_test_id("state")).to_have_text("已办结")
    expect(clerk.get_by_test_id("handover")).to_contain_text("本人现场领取")

    # 7. The resident downloads the PDF on the phone and reads its verification code.
    phone.goto(detail_path)
    expect(phone.get_by_test_id("state")).to_have_text("已办结")
    findings += scrolls_sideways(phone, "issued application")
    link = phone.get_by_test_id("document-link")
    expect(link).to_have_count(1)
    # Chromium would show it in its PDF viewer: fetch it as that tap does, with the resident's session.
    response = phone.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    document = response.body()
    assert document.startswith(b"%PDF-")
    text = pdf_text(document)
    for said in (MATTER, number, OPINION, "准予"):
        assert said in text, said
    grouped = re.search(r"验证码：\s*((?:[0-9A-Z]{4}\s?){5})", text)
    assert grouped, text
    code_on_paper = grouped.group(1).strip()
    verify_url = re.search(r"https?://\S+/verify/([0-9A-Z]+)/?", text)
    assert verify_url, text
    assert verify_url.group(1) == code_on_paper.replace(
        " ", ""
    )  # the QR code's address carries the same code

    # 8. Anyone, not logged in, checks the code typed from the paper, and the QR code's address.
    anonymous = browser_run.new_page(phone=True)
    anonymous.goto("/verify/")
    anonymous.get_by_label("验证码").fill(code_on_paper.lower())
    anonymous.get_by_role("button", name="核验").tap()
    expect(anonymous).to_have_url(re.compile(r"/verify/[0-9A-Z]{20}/$"))
    expect(anonymous.get_by_test_id("verify-status")).to_have_text("真实有效")
    result = anonymous.get_by_test_id("verify-result")
    expect(result).to_contain_text(MATTER)
    expect(result).not_to_contain_text(FULL_NAME)
    expect(result).not_to_contain_text(number)
    findings += scrolls_sideways(anonymous, "verification")
    anonymous.goto(re.sub(r"^https?://[^/]+", "", verify_url.group(0)))
    expect(anonymous.get_by_test_id("verify-status")).to_have_text("真实有效")

    # The resident's page now shows the whole way, and every change reached the resident's inbox.
    phone.goto(detail_path)
    timeline_is(
        phone,
        [
            (f"提交 → 待受理 · {FULL_NAME}", "网上申请"),
            ("一次性告知 → 待补正 · window_clerk", f"家庭收入证明：{NOTICE_NOTE}"),
            (f"补正材料 → 待受理 · {FULL_NAME}", "已补正：家庭收入证明"),
            ("受理 → 乡镇审批中 · window_clerk", f"受理编号 {number}"),
            ("准予 → 已准予，待出件 · 民政办审批员", OPINION),
            ("出件 → 已办结 · window_clerk", "准予决定书，本人现场领取"),
        ],
    )
    assert notice_titles(phone) == [
        f"办件「{MATTER}」出件，现为“已办结”",
        f"办件「{MATTER}」准予，现为“已准予，待出件”",
        f"办件「{MATTER}」受理，现为“乡镇审批中”",
        f"办件「{MATTER}」一次性告知，现为“待补正”",
    ]

    # 9. The resident rates it 不满意 on the phone; that opens a follow-up (回访整改) for the township.
    phone.goto(detail_path)
    rate = phone.get_by_test_id("rate-form")
    rate.get_by_label("不满意", exact=True).check()
    rate.get_by_label("意见或建议（可不填）").fill(COMPLAINT)
    rate.get_by_test_id("rate").tap()
    expect(phone.get_by_test_id("rating")).to_contain_text(f"不满意 · {COMPLAINT}")
    expect(phone.get_by_test_id("rating")).not_to_contain_text("非常不满意")
    expect(phone.get_by_test_id("rate-form")).to_have_count(0)  # once only
    expect(phone.get_by_test_id("followup-outcome")).to_contain_text("待回访")
    findings += scrolls_sideways(phone, "rated application")

    # 10. The township admin finds it in 回访整改, with the rating and the resident's words.
    admin = browser_run.new_page()
    log_in(admin, "township_admin")
    admin.goto("/")
    admin.get_by_role("link", name="回访整改").first.click()
    expect(admin).to_have_url(re.compile(r"/hall/followups/$"))
    row = admin.get_by_test_id("followup-row").filter(has_text=MATTER)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("青山村")
    expect(row).to_contain_text("待回访")
    row.get_by_role("link", name=MATTER).click()
    expect(admin.get_by_test_id("rating")).to_have_text(f"不满意 · {COMPLAINT}")
    expect(admin.get_by_test_id("state")).to_have_text("待回访")
    expect(admin.get_by_test_id("due")).to_contain_text("个工作日")  # its own due time
    expect(admin.locator(".gz-facts")).to_contain_text(number)

    # The resident's page keeps the whole way, the rating last.
    phone.goto(detail_path)
    timeline_is(
        phone,
        [
            (f"提交 → 待受理 · {FULL_NAME}", "网上申请"),
            ("一次性告知 → 待补正 · window_clerk", f"家庭收入证明：{NOTICE_NOTE}"),
            (f"补正材料 → 待受理 · {FULL_NAME}", "已补正：家庭收入证明"),
            ("受理 → 乡镇审批中 · window_clerk", f"受理编号 {number}"),
            ("准予 → 已准予，待出件 · 民政办审批员", OPINION),
            ("出件 → 已办结 · window_clerk", "准予决定书，本人现场领取"),
            (f"评价 → 已办结 · {FULL_NAME}", COMPLAINT),
        ],
    )
    assert findings == []
