"""Static files: the files pages load are served, and nothing else from the packages they come from."""

import re
from pathlib import Path

import ninja
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

STATIC_TAG = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]\s*%\}""")
# Templates whose pages gongzhi serves: its own, and django-ninja's API documentation (Swagger UI).
TEMPLATE_DIRS = [Path(settings.PACKAGE_DIR), Path(ninja.__file__).parent / "templates" / "ninja"]
SWAGGER_TEMPLATES = {"swagger.html", "favicons.html"}


def loaded_by_pages() -> set[str]:
    paths = set()
    for root in TEMPLATE_DIRS:
        for template in root.rglob("*.html"):
            if root.name == "ninja" and template.name not in SWAGGER_TEMPLATES:
                continue  # ninja's other docs page (ReDoc) is not the one gongzhi uses
            paths |= set(STATIC_TAG.findall(template.read_text(encoding="utf-8")))
    return paths


def test_every_file_a_page_loads_is_found():
    missing = sorted(path for path in loaded_by_pages() if not finders.find(path))
    assert not missing


def test_every_package_file_served_is_loaded_by_a_page():
    listed = set(settings.GONGZHI_VENDOR_FILES) | set(settings.GONGZHI_APP_STATIC_FILES)
    assert listed <= loaded_by_pages(), sorted(listed - loaded_by_pages())


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("vendor/htmx/htmx.min.js", 200),
        ("vendor/pico/pico.min.css", 200),
        ("gongzhi/gongzhi.css", 200),
        ("ninja/swagger-ui-bundle.js", 200),
        ("vendor/echarts/echarts.min.js", 200),  # the township's oversight page draws its chart with it
        # The rest of the same packages' folders is not published.
        ("vendor/htmx/htmx.js", 404),
        ("vendor/htmx/htmx.esm.js", 404),
        ("vendor/pico/pico.css", 404),
        ("vendor/echarts/echarts.js", 404),
        ("vendor/echarts/echarts.common.min.js", 404),
        ("ninja/swagger-ui-bundle.js.map", 404),
        ("ninja/redoc.standalone.js", 404),
        ("django_htmx/django-htmx.js", 404),
    ],
)
@pytest.mark.django_db
def test_only_the_files_pages_load_are_served(client, path, status):
    assert client.get(f"{settings.STATIC_URL}{path}").status_code == status
