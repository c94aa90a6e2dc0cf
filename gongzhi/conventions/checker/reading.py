"""Reading a convention: the lines of a UTF-8 .txt or the paragraphs of a .docx, from a path or an upload."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

from .messages import gettext_noop


class ConventionInputError(Exception):
    """The input cannot be checked (missing, not UTF-8, empty, unsupported type)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message + detail)
        self.message = message  # marked for translation; `detail` (a path) is not
        self.detail = detail


_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# The text of a .docx is at most this big unpacked: a convention is a few pages, a zip bomb is not.
DOCX_XML_MAX = 20 * 1024 * 1024


def convention_lines_read(path: str | Path) -> list[str]:
    """The lines of a UTF-8 .txt, or the paragraphs of a .docx, in order."""
    path = Path(path)
    if not path.is_file():
        raise ConventionInputError(gettext_noop("文件不存在："), str(path))
    return convention_bytes_read(path.name, path.read_bytes())


def convention_bytes_read(name: str, data: bytes) -> list[str]:
    """The same for a file's name and content (an upload)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConventionInputError(gettext_noop("文件不是 UTF-8 编码的文本")) from exc
        lines = re.split(r"\r\n|\r|\n", text)
    elif suffix == ".docx":
        lines = _docx_paragraphs(data)
    else:
        raise ConventionInputError(gettext_noop("不支持的文件类型，请提供 .txt 或 .docx 文件"))
    if not any(line.strip() for line in lines):
        raise ConventionInputError(gettext_noop("文件内容为空"))
    return lines


def _docx_paragraphs(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo("word/document.xml").file_size > DOCX_XML_MAX:
                raise ConventionInputError(gettext_noop("文件内容过大，不像一份村规民约"))
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)  # noqa: S314 - expat refuses entity expansion bombs; no DTDs are fetched
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise ConventionInputError(gettext_noop("无法读取 .docx 文件，文件可能已损坏")) from exc
    # Paragraphs in document order; a text box inside a paragraph holds paragraphs of its own, which
    # are lines of their own rather than part of the paragraph around them. Deleted text of tracked
    # changes (w:delText) is not read.
    return ["".join(_docx_text(paragraph)) for paragraph in root.iter(f"{_W_NS}p")]


def _docx_text(node: ElementTree.Element) -> Iterable[str]:
    for child in node:
        if child.tag == f"{_W_NS}p":
            continue
        if child.tag == f"{_W_NS}t" and child.text:
            yield child.text
        elif child.tag in (f"{_W_NS}tab", f"{_W_NS}br"):
            yield " "
        else:
            yield from _docx_text(child)
