"""Chinese by default, English on request: pages, forms, domain errors and the catalogue itself."""

import datetime as dt
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.template.base import Lexer, TokenType
from django.urls import reverse
from django.utils import timezone, translation

from gongzhi.residents.codes import code_for, label_for

BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"
LOCALE_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3001-\u3011]")


def switch_to_english(client, next_url="/"):
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.fixture
def staff_client(client, users):
    client.force_login(users["community_staff"], backend=BACKEND)
    return client


# --- Pages -------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_chinese_by_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="zh-CN">' in html
    assert "登录共治" in html
    assert "用户名或手机号" in html
    assert "Sign in" not in html


@pytest.mark.django_db
def test_login_page_in_english_after_set_language(client):
    switch_to_english(client, reverse("accounts:login"))
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in to Gongzhi" in html
    assert "Username or mobile number" in html
    assert "Password" in html
    assert "登录共治" not in html


@pytest.mark.django_db
def test_the_language_switch_names_each_language_in_itself(client):
    # A reader who cannot read the current language must still find theirs.
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<strong aria-current="true" lang="zh-hans">简体中文</strong>' in html
    assert 'data-testid="language-en">English</a>' in html
    assert "英语" not in html
    switch_to_english(client, reverse("accounts:login"))
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'data-testid="language-zh-hans">简体中文</a>' in html
    assert "Simplified Chinese" not in html


@pytest.mark.django_db
def test_accept_language_header_selects_english(client):
    html = client.get(reverse("accounts:login"), headers={"accept-language": "en"}).content.decode()
    assert "Sign in to Gongzhi" in html


@pytest.mark.django_db
def test_english_login_error(client, users):
    switch_to_english(client)
    response = client.post(reverse("accounts:login"), {"username": "community_staff", "password": "wrong-1"})
    assert "Incorrect username (mobile number) or password." in response.content.decode()


@pytest.mark.django_db
def test_residents_list_chinese_then_english(staff_client, make_resident):
    make_resident("grid_a1", name="张三")
    html = staff_client.get(reverse("residents:list")).content.decode()
    assert "居民登记" in html
    assert "共 1 人" in html
    assert "证件 " in html

    switch_to_english(staff_client, reverse("residents:list"))
    html = staff_client.get(reverse("residents:list")).content.decode()
    assert "Resident register" in html
    assert "1 resident<" in html  # plural forms: one resident
    assert "张三" in html  # data stays as entered
    assert "Male" in html  # gender display
    assert "Register a resident" in html
    assert "Households" in html
    assert "Name, pinyin initials (e.g. zs) or last 4 ID digits" in html
    assert ">All<" in html
    assert "Active" in html
    # the chrome of every page: navigation, logout, role list
    assert ">Areas</a>" in html
    assert ">Notifications</a>" in html
    assert "Sign out (community_staff)" in html
    assert "Roles: Village / community official" in html
    for chinese in ("居民登记", "登记居民", "户管理", "共 1 人", "退出", "角色："):
        assert chinese not in html, chinese


@pytest.mark.django_db
def test_resident_detail_in_english(staff_client, make_resident):
    resident = make_resident("grid_a1", name="张三", birth=dt.date(1960, 5, 17))
    url = reverse("residents:detail", args=[resident.pk])
    html = staff_client.get(url).content.decode()
    assert "1960年" in html
    assert "汉族" in html
    assert "群众" in html
    assert "户籍人口" in html

    switch_to_english(staff_client, url)
    html = staff_client.get(url).content.decode()
    assert "Year of birth" in html
    assert "<dd>1960</dd>" in html
    assert "Ethnic group" in html
    assert "<dd>Han</dd>" in html
    assert "Political status" in html
    assert "Masses (no party affiliation)" in html
    assert "Registered resident (local hukou)" in html
    assert "Show the full ID number (this is recorded in the audit log)" in html
    assert "Change history" in html
    assert "Registration" in html
    for chinese in ("1960年", "汉族", "群众", "户籍人口", "变动记录", "出生年份"):
        assert chinese not in html, chinese


@pytest.mark.django_db
def test_form_validation_errors_in_english(staff_client):
    switch_to_english(staff_client, reverse("residents:create"))
    # An empty form (a POST without any field would count as unbound, so send one blank field).
    response = staff_client.post(reverse("residents:create"), {"name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "Register a resident" in html
    assert "Ethnic group" in html
    assert "Grid / building" in html
    assert "这个字段是必填项" not in html
    assert "姓名" not in html


@pytest.mark.django_db
def test_form_validation_errors_in_chinese_by_default(staff_client):
    html = staff_client.post(reverse("residents:create"), {"name": ""}).content.decode()
    assert "这个字段是必填项" in html
    assert "姓名" in html


@pytest.mark.django_db
def test_domain_error_from_an_action_in_english(staff_client, make_resident):
    resident = make_resident("grid_a1", name="张三")
    url = reverse("residents:event", args=[resident.pk])
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    data = {"kind": "moved_out", "happened_on": tomorrow, "note": ""}

    html = staff_client.post(url, data).content.decode()
    assert "发生日期不能晚于今天。" in html

    switch_to_english(staff_client, url)
    html = staff_client.post(url, data).content.decode()
    assert "The date cannot be later than today." in html
    assert "Record a change: 张三" in html
    assert "Move out" in html
    assert "发生日期不能晚于今天" not in html


@pytest.mark.django_db
def test_error_pages_in_english(staff_client):
    switch_to_english(staff_client)
    response = staff_client.get(reverse("residents:detail", args=[999_999]))
    assert response.status_code == 404
    assert "outside your area of responsibility" in response.content.decode()


# --- Python-side UI strings: app names, form and filter labels, API errors, e-mail prefix ---


def test_python_side_ui_strings_in_english():
    from django.apps import apps

    from gongzhi.config.api import api
    from gongzhi.notices.views import PreferenceForm
    from gongzhi.residents.selectors import AGE_BAND_LABELS

    with translation.override("en"):
        assert str(apps.get_app_config("accounts").verbose_name) == "Accounts and roles"
        assert str(apps.get_app_config("wishes").verbose_name) == "Wish wall"
        assert PreferenceForm().fields["email_enabled"].label == "Also send by email"
        assert str(AGE_BAND_LABELS["80+"]) == "80 years and over"
        assert str(settings.EMAIL_SUBJECT_PREFIX) == "[Gongzhi] "
        schema = api.get_openapi_schema()
        assert schema["info"]["description"].startswith(
            "The API of a township community-governance platform."
        )
        residents = schema["paths"]["/api/v1/residents"]["get"]
        assert residents["summary"] == "Residents (in your scope; ID numbers masked)"
        assert (
            residents["responses"]["401"]["description"]
            == "Not authenticated: the Bearer token is missing or invalid"
        )
    with translation.override("zh-hans"):
        assert str(apps.get_app_config("accounts").verbose_name) == "账号与角色"
        assert PreferenceForm().fields["email_enabled"].label == "同时发送电子邮件"


def test_every_app_name_is_translatable():
    from django.apps import apps
    from django.utils.functional import Promise

    ours = [app for app in apps.get_app_configs() if app.name.startswith("gongzhi.")]
    assert ours
    plain = [app.name for app in ours if not isinstance(app.verbose_name, Promise)]
    assert not plain, f"verbose_name = gettext_lazy(...) in {plain}"


def _bare_chinese_literals(path: Path) -> list[str]:
    """String literals with Chinese characters outside gettext calls (docstrings aside)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    translated, docstrings = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "_" or "gettext" in name:
                translated |= {id(sub) for sub in ast.walk(node)}
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    return [
        f"{path}:{node.lineno}: {node.value[:40]}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.search(r"[\u3400-\u9fff]", node.value)
        and id(node) not in translated | docstrings
    ]


def test_views_and_forms_have_no_bare_chinese():
    """Labels, messages and file names in views and forms sit inside gettext (as templates' in {% translate %})."""
    files = [
        path
        for path in sorted(Path(settings.PACKAGE_DIR).glob("**/*.py"))
        if (path.name in ("forms.py", "views.py") or path.name.endswith("_views.py"))
        and "devtools" not in path.parts
    ]
    assert files
    problems = [problem for path in files for problem in _bare_chinese_literals(path)]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_api_errors_in_english(client):
    answer = client.get("/api/v1/residents", HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer == {
        "code": "unauthenticated",
        "message": "Not authenticated: send a valid Bearer token in the Authorization header.",
    }
    answer = client.get("/api/v1/residents").json()
    assert answer["message"] == "未认证：请在 Authorization 头中提供有效的 Bearer 令牌。"


# --- Code lists: labels translated for display, spreadsheets stay Chinese ------


def test_code_lists_accept_code_chinese_and_english_labels():
    assert (
        code_for("ethnicity", "01") == code_for("ethnicity", "汉族") == code_for("ethnicity", "Han") == "01"
    )
    assert code_for("ethnicity", "zhuang") == "08"
    assert code_for("political_status", "Masses (no party affiliation)") == "13"
    assert code_for("gender", "女") == code_for("gender", "Female") == "F"
    assert code_for("relation_to_head", "女") == code_for("relation_to_head", "Daughter") == "30"
    assert code_for("relation_to_head", "Head of household") == "02"
    assert code_for("ethnicity", "Klingon") is None
    assert code_for("ethnicity", "") is None


def test_spreadsheet_labels_stay_chinese_in_english():
    with translation.override("en"):
        assert label_for("ethnicity", "01") == "汉族"
        assert label_for("relation_to_head", "02") == "户主"
        assert label_for("gender", "F") == "女"


# --- Templates and catalogue ---------------------------------------------------


def template_files() -> list[Path]:
    return sorted(Path(settings.PACKAGE_DIR).glob("**/templates/**/*.html"))


def test_templates_have_no_bare_chinese():
    """Every Chinese literal in a template sits inside {% translate %} or {% blocktranslate %}."""
    files = template_files()
    assert files
    problems = []
    for path in files:
        depth = 0
        for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
            content = token.contents
            if token.token_type == TokenType.BLOCK:
                name = content.split()[0] if content else ""
                if name in ("blocktranslate", "blocktrans"):
                    depth += 1
                elif name in ("endblocktranslate", "endblocktrans"):
                    depth -= 1
            elif token.token_type in (TokenType.TEXT, TokenType.VAR) and depth == 0 and CJK.search(content):
                problems.append(f"{path}:{token.lineno}: {content.strip()[:60]}")
    assert not problems, "\n".join(problems)


def test_every_template_compiles():
    django_engine = engines["django"]
    for path in template_files():
        django_engine.from_string(path.read_text(encoding="utf-8"))


def test_po_file_is_completely_translated():
    text = PO_FILE.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    assert "#| msgid" not in text
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    statistics = result.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages\.", statistics), statistics


def test_committed_mo_matches_po(tmp_path):
    """The .mo is committed so that installs need no gettext; it must be compiled from the current .po."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(PO_FILE)], check=True)
    with MO_FILE.open("rb") as committed, fresh.open("rb") as compiled:
        committed_catalog = gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
        compiled_catalog = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    assert committed_catalog == compiled_catalog, "run `make messages` and commit django.mo"
