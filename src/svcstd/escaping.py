"""Document text made inert for where it is shown: a terminal or CI log, Markdown, HTML. The one place that says how.

Standards are untrusted input: a title may carry escape sequences, bidi overrides, line separators,
Markdown or HTML. Every output that shows document text passes it through one of these.
"""

from __future__ import annotations

import re
from html import escape as _html_escape

_INVISIBLE = "\u200e\u200f\u061c\u2028\u2029\u0085\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TERMINAL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    **{ord(char): f"\\u{ord(char):04x}" for char in _INVISIBLE},
}
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_INVISIBLE}]")
_MARKDOWN_PUNCTUATION = frozenset("\\`*_[]#|~$@")
"""Characters that start Markdown syntax (emphasis, code, links, tables, math, autolinks); a backslash disarms them."""
_MARKDOWN_ENTITIES = {"<": "&#60;", ">": "&#62;", "&": "&#38;"}
"""Raw HTML cannot be backslash-escaped: these three become entities."""
_WWW = re.compile(r"(www)\\?\.", re.IGNORECASE)
_WORD_JOINER = "\u2060"
_SCHEME = re.compile(r"(?<=[A-Za-z]):(?=\S)")
"""A colon after a letter and before a non-space could end a URL scheme (`http:`, `javascript:`, `mailto:`)."""


def terminal(text: str) -> str:
    """Control characters (a newline in a file name, an escape sequence, a bidi override) shown, not obeyed."""
    return text.translate(_TERMINAL)


def one_line(text: str) -> str:
    """Controls and line breaks folded to single spaces: text that must stay on one line."""
    return " ".join(_CONTROL.sub(" ", text).split())


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
    return _SCHEME.sub(r"\\:", _WWW.sub(r"\1\\.", joined))


def html(text: object) -> str:
    """Content as inert HTML text or attribute value; controls that HTML would keep are dropped."""
    return _html_escape(_CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", str(text)), quote=True)
