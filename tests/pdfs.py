"""Real PDFs for upload tests, made by pypdf: a blank page as a scan would be, and the kinds gongzhi refuses."""

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    return _written(writer)


def _with_open_action(**entries: object) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    action = DictionaryObject({NameObject(f"/{k}"): v for k, v in entries.items()})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def pdf_with_javascript() -> bytes:
    """Runs a script when the reader opens the file (/OpenAction /S /JavaScript)."""
    return _with_open_action(S=NameObject("/JavaScript"), JS=TextStringObject("app.alert('x');"))


def pdf_with_launch_action() -> bytes:
    """Starts a program when the reader opens the file (/OpenAction /S /Launch)."""
    return _with_open_action(S=NameObject("/Launch"), F=TextStringObject("calc.exe"))


def pdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("readme.txt", b"hello")
    return _written(writer)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret", algorithm="RC4-128")
    return _written(writer)


BLANK_PDF = blank_pdf()
