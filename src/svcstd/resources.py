"""svcstd's own files that are not code (schemas/, templates/, data/, standard/parsed/), read as the package's
loader reads them.

`importlib.resources.files("svcstd")` gives the same bytes, but importing it is a cost of every run's serial
start: its `_common` imports `tempfile` (with `shutil`, `bz2`, `lzma`, `random`) and its readers `zipfile` and
`threading`, ~12 ms of `-X importtime` and ~17 M instructions, against ~2.6 M for `pkgutil.get_data`. This
module does what `pkgutil.get_data` does, without importing `pkgutil`: it asks the loader that imported svcstd
(`svcstd.__spec__.loader`) for the file beside the package's `__init__.py`. That loader reads a plain file for
a source tree, an editable install or an installed wheel, and the archive's member for a zip import
(`zipimport.zipimporter.get_data` takes the path inside the archive the same way). Only a loader without
`get_data`, a package without `__file__`, or a loader that cannot read the file falls back to
`importlib.resources`, so whatever worked before still works, and a missing file still fails as it did.
"""

from __future__ import annotations

import os
import sys


def loader_bytes(relative: str) -> bytes | None:
    """The bytes of `relative` (a `/`-separated path inside the svcstd package) read by the package's own
    loader, or None when that loader has no `get_data` or cannot read the file."""
    package = sys.modules["svcstd"]
    get_data = getattr(getattr(package.__spec__, "loader", None), "get_data", None)
    init = getattr(package, "__file__", None)
    if get_data is None or not init:
        return None
    try:
        data: bytes = get_data(os.path.join(os.path.dirname(init), *relative.split("/")))
    except OSError:
        return None
    return data


def read_bytes(relative: str) -> bytes:
    """The bytes of `relative` inside the svcstd package (`schemas/custom-rule.schema.json`)."""
    data = loader_bytes(relative)
    if data is None:
        from importlib import resources

        path = resources.files("svcstd")
        for part in relative.split("/"):
            path = path.joinpath(part)
        data = path.read_bytes()
    return data


def read_text(relative: str) -> str:
    """The text of `relative` inside the svcstd package: what `importlib.resources`' `read_text(encoding="utf-8")`
    gives (strict UTF-8, a byte order mark kept, universal newlines: `\\r\\n` and a lone `\\r` read as `\\n`)."""
    text = read_bytes(relative).decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
