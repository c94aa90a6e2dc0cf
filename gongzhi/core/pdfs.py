"""A PDF upload checked by what it is, not by its name: it parses, it has pages, it opens without a password,
and it carries nothing that runs.

Residents and clerks hand in scans and exports (an income certificate, a meeting's minutes) that staff then
open on the township's computers. A file that only starts like a PDF is refused with a message the sender
can act on; so is one with a password (the window could not open it) and one with active content —
JavaScript, a launch action, embedded files, XFA forms, rich media — which no scan or "print to PDF" has and
which is how a PDF attacks the reader that opens it. pypdf parses the file (cross-reference tables and
object streams alike) and the check walks the document's object graph, never decoding the page streams.
pypdf is imported when a PDF arrives, not when a worker starts: it weighs about 26 MiB, which every web
worker would otherwise carry for the few requests that upload one.
"""

import io
import logging
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .errors import DomainError

if TYPE_CHECKING:
    from pypdf import PdfReader

logger = logging.getLogger(__name__)

# Names whose presence means the file can run or carry something: keys in a dictionary, or the /S of an action.
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
)
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"})
# A scan of a hundred pages has a few thousand objects; past this many the file is refused as too complex.
MAX_OBJECTS = 200_000


class PdfRefused(DomainError):
    code = "upload_not_pdf"


def _active(reader: "PdfReader") -> bool:
    """Whether any object reachable from the trailer names active content."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack: list[object] = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            return True
        if isinstance(item, DictionaryObject):  # streams too: their dictionary, not their data
            if ACTIVE_KEYS.intersection(item.keys()):
                return True
            action = item.get("/S")
            if isinstance(action, NameObject) and action in ACTIVE_ACTIONS:
                return True
            stack.extend(value for key, value in item.items() if key != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def pdf_check(raw: bytes, *, name: str, max_bytes: int, field: str | None = "files") -> bytes:
    """`raw` if it is a PDF staff can open safely; else a DomainError (on `field`) saying what to do."""
    if len(raw) > max_bytes:
        raise PdfRefused(
            _("「%(name)s」超过%(size)d MB，请压缩或分开上传。")
            % {"name": name, "size": max_bytes // (1024 * 1024)},
            field=field,
            code="upload_too_large",
        )
    not_pdf = PdfRefused(_("「%(name)s」不是有效的PDF文件，请重新导出后上传。") % {"name": name}, field=field)
    if not raw.startswith(b"%PDF-"):
        raise not_pdf
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            raise PdfRefused(
                _("「%(name)s」设有密码，窗口无法打开。请去掉密码后重新导出上传。") % {"name": name},
                field=field,
                code="upload_pdf_encrypted",
            )
        pages = len(reader.pages)
        active = _active(reader)
    except PdfRefused:
        raise
    except Exception:  # pypdf raises many kinds on a damaged file; each means the same to the sender
        logger.info("a PDF upload did not parse", exc_info=True)
        raise not_pdf from None
    if pages < 1:
        raise not_pdf
    if active:
        raise PdfRefused(
            _(
                "「%(name)s」含有脚本、附件或自动执行的内容，不能作为材料上传。请用“打印为PDF”或扫描后重新上传。"
            )
            % {"name": name},
            field=field,
            code="upload_pdf_active",
        )
    return raw
