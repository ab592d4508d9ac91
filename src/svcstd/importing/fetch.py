"""Read a document from a file or an http(s) URL, bounded in size and time, never written back."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any, NamedTuple

from svcstd.importing.limits import MAX_FILE_BYTES, check_size
from svcstd.importing.messages import MESSAGES
from svcstd.importing.readers import KINDS
from svcstd.importing.source import UnreadableDocument
from svcstd.reading.discovery import is_regular_file

TIMEOUT_SECONDS = 15.0


class Fetched(NamedTuple):
    name: str
    """The file name written in comments and the sidecar (no directory: output stays free of absolute paths)."""
    stem: str
    data: bytes
    kind: str


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def load(target: str) -> Fetched:
    """The bytes of a path or URL and the kind of document they are; UnreadableDocument when they cannot be had."""
    return _fetch(target) if is_url(target) else _read_file(Path(target))


def _kind(name: str, content_type: str = "") -> str:
    suffix = Path(name).suffix.lower()
    if suffix in KINDS:
        return KINDS[suffix]
    if "html" in content_type or (not suffix and content_type == ""):
        return "html"
    markers = (("pdf", "pdf"), ("docx", "wordprocessingml"), ("xlsx", "spreadsheetml"), ("odt", "opendocument.text"))
    for kind, marker in markers:
        if marker in content_type:
            return kind
    raise UnreadableDocument(MESSAGES.text("unknown_type", name=name))


def _read_file(path: Path) -> Fetched:
    kind = _kind(path.name)
    if not is_regular_file(str(path)):  # a pipe or device named .docx would block the read
        raise UnreadableDocument(MESSAGES.text("not_regular", name=path.name))
    try:
        check_size(path.name, path.stat().st_size)
        with path.open("rb") as handle:  # read-only: an input is never changed
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise UnreadableDocument(MESSAGES.text("cannot_read", name=path.name, reason=reason)) from None
    check_size(path.name, len(data))
    return Fetched(path.name, path.stem, data, kind)


class _SameSchemes(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to http or https (urllib would follow one to ftp)."""

    def redirect_request(self, req: Any, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise UnreadableDocument(MESSAGES.text("bad_redirect", url=req.full_url, target=newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    opener = urllib.request.build_opener(_SameSchemes())
    request = urllib.request.Request(url, headers={"User-Agent": "svcstd-import"})
    path = urllib.parse.urlsplit(url).path
    name = Path(path).name or urllib.parse.urlsplit(url).hostname or "halaman"
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = _kind(name, response.headers.get_content_type())
            data = response.read(MAX_FILE_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or str(error)
        raise UnreadableDocument(MESSAGES.text("fetch_failed", url=url, reason=str(reason))) from None
    check_size(name, len(data))
    stem = Path(name).stem if Path(name).suffix else name
    return Fetched(name if Path(name).suffix else f"{name}.html", stem, data, kind)
