"""The output formats: one module each, all `render(report, options) -> str`; one mapping names them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import NamedTuple

from svcstd.model import Report


class RenderOptions(NamedTuple):
    lang: str = "en"
    color: bool = False
    quiet: bool = False
    max_chars: int | None = 60_000
    """The most characters Markdown may fill: under the 65,536 of a GitHub comment; None: no limit."""


Renderer = Callable[[Report, RenderOptions], str]
ChunkRenderer = Callable[[Report, RenderOptions], Iterable[str]]

# Module paths, imported only when their format is asked for (keeps `svcstd --version` fast).
FORMATS: dict[str, str] = {
    "text": "svcstd.reporters.text",
    "json": "svcstd.reporters.json_report",
    "sarif": "svcstd.reporters.sarif",
    "junit": "svcstd.reporters.junit",
    "github": "svcstd.reporters.github",
    "gitlab": "svcstd.reporters.gitlab",
    "markdown": "svcstd.reporters.markdown",
    "html": "svcstd.reporters.html",
}

WHOLE_FORMATS = frozenset({"markdown", "html"})
"""The formats that read every document at once (summaries, worst first): given a report held in memory."""


def renderer(name: str) -> Renderer:
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render


def chunk_renderer(name: str) -> ChunkRenderer:
    """The format's `render_chunks` where it streams (large outputs), else its whole `render` as one chunk."""
    module = importlib.import_module(FORMATS[name])
    if hasattr(module, "render_chunks"):
        chunks: ChunkRenderer = module.render_chunks
        return chunks
    render: Renderer = module.render
    return lambda report, options: (render(report, options),)
