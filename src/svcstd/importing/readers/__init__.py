"""One reader per file type, each `read(name, data) -> SourceDocument`; the libraries load only when needed."""

from __future__ import annotations

from collections.abc import Callable

from svcstd.importing.source import SourceDocument

Reader = Callable[[str, bytes], SourceDocument]

KINDS: dict[str, str] = {
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".pdf": "pdf",
    ".odt": "odt",
}
LIBRARIES: dict[str, str] = {"docx": "docx", "xlsx": "openpyxl", "pdf": "pdfplumber"}
"""The optional library (extra `import`) each kind needs; .html and .odt are read with the standard library."""


def reader_for(kind: str) -> Reader:
    from svcstd.importing.readers import docx_reader, html_reader, odt_reader, pdf_reader, xlsx_reader

    readers: dict[str, Reader] = {
        "docx": docx_reader.read,
        "html": html_reader.read,
        "xlsx": xlsx_reader.read,
        "pdf": pdf_reader.read,
        "odt": odt_reader.read,
    }
    return readers[kind]
