"""Document text made inert where it is shown: a terminal or CI log, Markdown, HTML, JSON. The one place that says how.

Standards are untrusted input: a title may carry escape sequences, bidi overrides, line separators,
Markdown, HTML or GitHub workflow commands, and a file name may not even be UTF-8 (its bytes arrive as
lone surrogates, `os.fsdecode`'s surrogateescape). Every output that shows document or repository text
passes it through one of these.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

_INVISIBLE = "\u200e\u200f\u061c\u2028\u2029\u0085\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TERMINAL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    **{ord(char): f"\\u{ord(char):04x}" for char in _INVISIBLE},
}
"""What `terminal` shows as an escape, besides the lone surrogates (`_surrogates`)."""
_COMMAND_STARTS = (("::", "\\x3a:"), ("##[", "\\x23#["))
"""How a runner recognises a workflow command after leading spaces (v2 `::name::`, legacy `##[name]`), and
the same start made inert."""
_MARKDOWN_PUNCTUATION = frozenset("\\`*_[]#|~$@")
"""Characters that start Markdown syntax (emphasis, code, links, tables, math, autolinks); a backslash disarms them."""
_MARKDOWN_ENTITIES = {"<": "&#60;", ">": "&#62;", "&": "&#38;"}
"""Raw HTML cannot be backslash-escaped: these three become entities."""
_WORD_JOINER = "\u2060"

# Built on first use, not at import: the table of 2,048 surrogates and the patterns whose classes span the
# surrogates or other wide ranges cost more to make than checking a small file with text output does to show
# it (docs/performance.md, issue 17 ninth part). Text without them never needs them.


@cache
def _surrogates() -> dict[int, str]:
    """Any lone surrogate as an escape (no encoder can write it); a byte that was not UTF-8 in a file name
    (surrogateescape, U+DC80-U+DCFF) as the byte it was."""
    undecodable = {code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)}
    return {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)} | undecodable


def _surrogates_shown(text: str) -> str:
    """`text` with its lone surrogates shown as `_surrogates` says; only they make UTF-8 encoding fail."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.translate(_surrogates())
    return text


def _first_html_escape(text: str, quote: bool = True) -> str:
    """`html.escape`, its module (and table of entities) imported by the first HTML output, which makes
    `_html_escape` that function itself."""
    global _html_escape  # noqa: PLW0603 (bound once, on first use)
    from html import escape

    _html_escape = escape
    return escape(text, quote=quote)


_html_escape: Callable[..., str] = _first_html_escape


@cache
def _control() -> re.Pattern[str]:
    return re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_INVISIBLE}]")


@cache
def _json_unsafe() -> re.Pattern[str]:
    """What `json.dumps(..., ensure_ascii=False)` leaves raw inside strings although a terminal or page would obey
    it (C1 controls, DEL, line separators, bidi controls) or no encoder can write it (lone surrogates)."""
    return re.compile(f"[\\x7f-\\x9f{_INVISIBLE}\\ud800-\\udfff]")


@cache
def _www() -> re.Pattern[str]:
    return re.compile(r"(www)\\?\.", re.IGNORECASE)


@cache
def _scheme() -> re.Pattern[str]:
    """A colon after a letter and before a non-space could end a URL scheme (`http:`, `javascript:`, `mailto:`)."""
    return re.compile(r"(?<=[A-Za-z]):(?=\S)")


def terminal(text: str) -> str:
    """Control characters (a newline in a file name, an escape sequence, a bidi override) shown, not obeyed."""
    return _surrogates_shown(text.translate(_TERMINAL))  # the escapes made first are ASCII: left as they are


def not_a_command(line: str) -> str:
    """A line whose start (after its indentation) a GitHub Actions runner would take for a workflow command,
    with that start's first character escaped; any other line unchanged."""
    body = line.lstrip()
    for start, inert in _COMMAND_STARTS:
        if body.startswith(start):
            return line[: len(line) - len(body)] + inert + body[len(start) :]
    return line


def inert_line(text: str) -> str:
    """One line of plain output (text, a log message) that neither a terminal nor a GitHub Actions runner obeys.

    Controls are shown (`terminal`: no line break can start a new line), and a line that would start
    with a workflow command after its indentation has its first character escaped.
    """
    return not_a_command(terminal(text))


def inert_lines(text: str) -> str:
    """Several lines of output (a rule's explanation, an error message): each line made inert by `inert_line`.

    Only `\\n` separates lines; every other break (`\\r`, U+0085, U+2028) is shown as an escape.
    """
    return "\n".join(inert_line(line) for line in text.split("\n"))


def one_line(text: str) -> str:
    """Controls and line breaks folded to single spaces: text that must stay on one line.

    Undecodable file-name bytes are shown as escapes (`\\xe9`), never dropped.
    """
    return " ".join(_control().sub(" ", _surrogates_shown(text)).split())


def json_safe(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with what a terminal or page would obey written
    as `\\uXXXX` escapes: the same JSON value, and a file that is safe to print. Lone surrogates (a
    non-UTF-8 file name) become escapes too, so the file can be written and reads back to the same name."""
    if text.isascii() and "\x7f" not in text:
        return text  # no character of `_json_unsafe` (DEL is its only ASCII one): nothing to escape
    return _json_unsafe().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def json_text(value: object, indent: int | None = None) -> str:
    """`value` as JSON: no NaN or infinity, non-ASCII text as itself, everything `json_safe` lists escaped."""
    return json_safe(json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent))


def markdown(text: str) -> str:
    """Content as inert, readable Markdown on one line.

    Markdown punctuation gets a backslash (`\\*`, `\\[`, `\\|`), so the raw text still reads as the text;
    only `<`, `>` and `&` become entities, because raw HTML cannot be backslash-escaped. `www.` and `x:`
    never autolink (`www\\.`, `http\\:`), and `@` is followed by a word joiner so that no one is mentioned.
    """
    escaped = []
    for char in one_line(text):
        if char in _MARKDOWN_ENTITIES:
            escaped.append(_MARKDOWN_ENTITIES[char])
        elif char in _MARKDOWN_PUNCTUATION:
            escaped.append("\\" + char + (_WORD_JOINER if char == "@" else ""))
        else:
            escaped.append(char)
    joined = "".join(escaped).replace("](", "]\\(")
    return _scheme().sub(r"\\:", _www().sub(r"\1\\.", joined))


def html(text: object) -> str:
    """Content as inert HTML text or attribute value; controls that HTML would keep are dropped."""
    shown = _surrogates_shown(str(text))
    return _html_escape(_control().sub(lambda m: " " if m.group() in "\t\n\r" else "", shown), quote=True)
