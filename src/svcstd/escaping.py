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
_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>#!|~&:@$")
"""Characters that start Markdown or HTML syntax anywhere in a line; they become numeric entities."""
_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def terminal(text: str) -> str:
    """Control characters (a newline in a file name, an escape sequence, a bidi override) shown, not obeyed."""
    return text.translate(_TERMINAL)


def one_line(text: str) -> str:
    """Controls and line breaks folded to single spaces: text that must stay on one line."""
    return " ".join(_CONTROL.sub(" ", text).split())


def markdown(text: str) -> str:
    """Content as inert Markdown on one line: syntax characters as entities, `www.` and `x:` never linked."""
    encoded = "".join(f"&#{ord(char)};" if char in _MARKDOWN_SPECIAL else char for char in one_line(text))
    return _WWW.sub(r"\1&#46;", encoded)


def html(text: object) -> str:
    """Content as inert HTML text or attribute value; controls that HTML would keep are dropped."""
    return _html_escape(_CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", str(text)), quote=True)
