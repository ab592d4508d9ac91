"""Reading a long line takes linear time: an e-mail or web address, and the named fields after a dash.

The addresses found are those the old patterns found.

`[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+` and `\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:go\\.id|…)`, searched, re-scan a run like
"a.a.a.…" from every position: quadratic in the run. A cell of a megabyte (far under the import's 20 MB file
bound) is looked at in a child process bounded to 10 s of CPU (the kernel stops it past that): a run past the
bound fails the test; nothing here measures a duration. Proven by putting the old patterns back: the first
three cases then ran past the bound (killed at 10 s of CPU); the fourth guards the "@" anchoring itself.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.importing.components import complaint_channel, find_email, find_url
from tests.hostile.harness import WALL_SECONDS, _bounded

OLD_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
OLD_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:go\.id|id|com|org|net)\b\S*", re.IGNORECASE)
SIZE = 1_000_000


def channel_in_child(text_expression: str, function: str = "complaint_channel") -> str:
    """`FUNCTION(TEXT)` of importing.components in a child process under the CPU and memory bounds; its result."""
    code = f"from svcstd.importing.components import {function}\nprint(repr({function}({text_expression})))\n"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        timeout=WALL_SECONDS,
        preexec_fn=_bounded,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout.decode("utf-8").strip()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (f"'a.' * {SIZE // 2}", "None"),  # no "@", no known domain: every old search went to the end and back
        (f"'a.' * {SIZE // 2} + ' Surel: ult@unsuka.ac.id'", "{'type': 'email', 'contact': 'ult@unsuka.ac.id'}"),
        (f"'a-' * {SIZE // 2} + '@x'", "None"),  # an "@" with no domain after a long local part
        (f"'@a' * {SIZE // 2}", "None"),
    ],
)
def test_a_long_line_without_an_address_is_linear(text: str, found: str) -> None:
    assert channel_in_child(text) == found


@pytest.mark.parametrize(
    ("function", "text"),
    [
        ("step", f"'Periksa — ' * {SIZE // 10}"),  # a dash with no named field after it, again and again
        ("requirement", f"'KTP — jumlah: 1 ' * {SIZE // 16}"),  # a label whose value runs to the end
        ("step", f"'Periksa — pelaksana: Petugas; zz' * {SIZE // 32}"),
    ],
)
def test_a_line_of_many_dashes_is_linear(function: str, text: str) -> None:
    """named_fields tried the whole rest of the line after every " — " (20,000 dashes took 7 s): now linear.

    Proven by putting the old loop back: each case ran past the bound."""
    assert channel_in_child(text, function).startswith("{")


ALPHABET = st.sampled_from(["a", "B", "1", "_", ".", "..", "-", "+", "@", " ", ":", "/", "é", "go", "id", "com"])
PIECES = ALPHABET | st.sampled_from(["www.", "http://", "https://", ".go.id", ".co.id", "ORG"])


@settings(derandomize=True, max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=16).map("".join))
def test_the_same_addresses_as_the_old_patterns(text: str) -> None:
    email, url = OLD_EMAIL.search(text), OLD_URL.search(text)
    assert find_email(text) == (email.group(0) if email else None)
    assert find_url(text) == (url.group(0) if url else None)


def test_real_complaint_lines_are_read_as_before() -> None:
    assert complaint_channel("Email : pengaduan.rsud@sukamajukab.go.id") == {
        "type": "email",
        "contact": "pengaduan.rsud@sukamajukab.go.id",
    }
    assert complaint_channel("Website: www.disdukcapil.go.id/pengaduan") == {
        "type": "website",
        "contact": "www.disdukcapil.go.id/pengaduan",
    }
    assert complaint_channel("Melalui laman disdukcapil.sekadaukab.go.id") == {
        "type": "website",
        "contact": "disdukcapil.sekadaukab.go.id",
    }
