"""core.pdfs: a PDF upload is checked by what it is — it parses, has pages, opens without a password and
carries nothing that runs — whatever its name says."""

import io
import os
import subprocess
import sys

import pytest
from PIL import Image

from gongzhi.core.errors import DomainError
from gongzhi.core.pdfs import pdf_check
from tests.pdfs import (
    BLANK_PDF,
    blank_pdf,
    encrypted_pdf,
    pdf_with_attachment,
    pdf_with_javascript,
    pdf_with_launch_action,
)

MB = 1024 * 1024


def scanned() -> bytes:
    """A page as a phone's scanner app or Pillow writes it."""
    out = io.BytesIO()
    Image.new("RGB", (120, 160), (255, 255, 255)).save(out, "PDF", resolution=72)
    return out.getvalue()


@pytest.mark.parametrize("raw", [BLANK_PDF, blank_pdf(3), scanned()], ids=["blank", "three pages", "scan"])
def test_an_ordinary_pdf_passes_unchanged(raw):
    assert pdf_check(raw, name="收入证明.pdf", max_bytes=MB) == raw


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (b"MZ\x90\x00 a program", "upload_not_pdf", "「收入证明.pdf」不是有效的PDF文件，请重新导出后上传。"),
        (b"%PDF-1.4\n%%EOF\n", "upload_not_pdf", "不是有效的PDF文件"),
        (BLANK_PDF[: len(BLANK_PDF) // 2], "upload_not_pdf", "不是有效的PDF文件"),
        (pdf_with_javascript(), "upload_pdf_active", "含有脚本、附件或自动执行的内容，不能作为材料上传"),
        (pdf_with_launch_action(), "upload_pdf_active", "含有脚本、附件或自动执行的内容"),
        (pdf_with_attachment(), "upload_pdf_active", "含有脚本、附件或自动执行的内容"),
        (encrypted_pdf(), "upload_pdf_encrypted", "「收入证明.pdf」设有密码，窗口无法打开。"),
    ],
    ids=["program", "header only", "cut short", "javascript", "launch", "attachment", "password"],
)
def test_what_is_not_a_safe_pdf_is_refused_saying_what_to_do(raw, code, message):
    with pytest.raises(DomainError) as refused:
        pdf_check(raw, name="收入证明.pdf", max_bytes=MB, field="files")
    assert refused.value.code == code
    assert message in refused.value.message
    assert refused.value.field == "files"


def test_the_size_limit_comes_first():
    with pytest.raises(DomainError) as refused:
        pdf_check(BLANK_PDF + b"\n" * MB, name="大.pdf", max_bytes=MB)
    assert refused.value.code == "upload_too_large"
    assert "超过1 MB" in refused.value.message


def test_a_worker_does_not_load_pypdf_until_a_pdf_arrives():
    """pypdf weighs about 26 MiB; a web worker that imports every view must not carry it for nothing."""
    script = (
        "import sys, django; django.setup()\n"
        "from django.urls import get_resolver; get_resolver().url_patterns\n"
        "print('pypdf' in sys.modules)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongzhi.config.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "False"
