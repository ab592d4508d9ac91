"""Issue 17, ninth part: what a cold `svcstd check FILE --no-cache` imports before judging, held down.

Each case runs the program in a fresh interpreter (what matters is what a new process imports) and reads
`sys.modules` at its end. No timing is asserted (benchmarks/startup.py measures it). The escaping tests
hold the lazily built tables and patterns to what the tables built at import gave.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from svcstd import escaping
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "dpmptsp-pbg.yaml"
PROBE = """
import json, sys
from svcstd.cli import run
code = run()  # the arguments are the program's own: the fast path of `check`, as the `svcstd` program runs it
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "loaded": sorted(sys.modules)}))
"""

CACHE_MODULES = ("svcstd.cache.index", "svcstd.cache.codec", "svcstd.cache.replay", "svcstd.cache.location")
"""The result cache proper: a run that neither reads nor writes it has no use for them."""
HTML_MODULES = ("html", "html.entities")
"""Only HTML output escapes with `html.escape`."""


def probe(cwd: Path, *argv: str) -> tuple[int, str, set[str]]:
    """`svcstd ARGV` in a new interpreter in `cwd`: exit code, standard output, every module imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=300, check=False, cwd=cwd
    )
    assert done.returncode == 0, done.stderr
    out, _, last = done.stdout.rstrip("\n").rpartition("\n")
    result = json.loads(last)
    return result["code"], out, set(result["loaded"])


@pytest.mark.parametrize("output", ["text", "json", "markdown", "sarif"])
def test_a_no_cache_check_without_configuration_imports_no_cache_toml_or_html(tmp_path: Path, output: str) -> None:
    code, out, loaded = probe(tmp_path, "check", str(EXAMPLE), "--no-cache", "--as-of", "2026-12-01", "-f", output)
    assert code in (0, 1) and out, "the file was checked and reported (else this test proves nothing)"
    assert {"svcstd.judge", "svcstd.cache.store", "svcstd.escaping"} <= loaded
    assert [name for name in CACHE_MODULES if name in loaded] == []
    assert [name for name in HTML_MODULES if name in loaded] == []
    assert "tomllib" not in loaded, "no configuration file: nothing to parse as TOML"
    assert "difflib" not in loaded, "no misspelt name: no suggestion to look for"
    assert "importlib.resources" not in loaded, "the schema and data files are read by svcstd.resources"


def test_a_configuration_file_is_still_parsed_and_the_cache_still_opened(tmp_path: Path) -> None:
    """The counterpart: what the run above leaves out is there as soon as it is needed."""
    (tmp_path / "svcstd.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    cache = tmp_path / "cache"
    argv = ("check", str(EXAMPLE), "--as-of", "2026-12-01", "-f", "html", "-o", str(tmp_path / "out.html"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "SVCSTD_CACHE_DIR": str(cache)},
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.rstrip("\n").rpartition("\n")[2])["loaded"])
    assert {"tomllib", *CACHE_MODULES, *HTML_MODULES} <= loaded
    assert "<html" in (tmp_path / "out.html").read_text(encoding="utf-8")
    assert any(cache.rglob("index")), "the result cache was written"


# --- the escaping tables, built on first use ------------------------------------------------------------------------

_INVISIBLE = "\u200e\u200f\u061c\u2028\u2029\u0085\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNDECODABLE = {code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)}
_SURROGATES = {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)} | _UNDECODABLE
_TERMINAL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    **{ord(char): f"\\u{ord(char):04x}" for char in _INVISIBLE},
    **_SURROGATES,
}
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_INVISIBLE}]")
_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f{_INVISIBLE}\\ud800-\\udfff]")
"""The tables and patterns as escaping.py built them at import before, in one piece: the reference."""

TEXTS = [
    "",
    "plain ASCII: Persyaratan KTP-el",
    "DEL \x7f and ESC \x1b[31m red",
    "tab\tnew\nline\rcarriage",
    "Biaya Rp 10.000 \u2014 caf\u00e9 \u00fc",
    "bidi \u202e override \u2066 isolate, line\u2028separator, NEL\u0085",
    "C1 \x85\x9b controls",
    "lone \ud800 high and \udfff low surrogates",
    "not UTF-8 in a file name: \udce9\udcff and \udc80",
    "mixed \udce9 with \x1b and \u202e and caf\u00e9 <b>&amp;</b> \"q\" 'a'",
    "astral \U0001f600 emoji",
]


@pytest.mark.parametrize("text", TEXTS)
def test_terminal_and_one_line_show_what_the_tables_built_at_import_showed(text: str) -> None:
    assert escaping.terminal(text) == text.translate(_TERMINAL)
    assert escaping.one_line(text) == " ".join(_CONTROL.sub(" ", text.translate(_SURROGATES)).split())


@pytest.mark.parametrize("text", TEXTS)
def test_json_safe_and_html_escape_what_the_patterns_built_at_import_escaped(text: str) -> None:
    from html import escape

    assert escaping.json_safe(text) == _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    shown = text.translate(_SURROGATES)
    expected = escape(_CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", shown), quote=True)
    assert escaping.html(text) == expected
    assert escaping.html(text) == expected  # html.escape bound on the first call: the second goes straight to it
