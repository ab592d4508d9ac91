"""The hostile inputs, as data: how to make each one and what svcstd must say about it."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOOD = EXAMPLES / "dukcapil-ktp-el.yaml"  # valid and passing: exit 0 on its own
HEAD = 'svcstd: "1.0"\n'  # makes a broken file look like a standard when found in a folder
MARKER = "PWNED"  # a file that only a constructed python tag could create


class Case(NamedTuple):
    """`make(folder) -> the path to name`; the exit code; the finding's rule and words in en and id."""

    name: str
    make: Callable[[Path], str]
    code: int
    rule: str | None
    en: str
    id: str
    in_folder: bool = True  # whether the mixed-folder run includes it as a file


def _write(name: str, content: str | bytes) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
        return name

    return make


def _good_plus(name: str, extra: str, prefix: bytes = b"") -> Callable[[Path], str]:
    return _write(name, prefix + GOOD.read_bytes() + extra.encode("utf-8"))


def _laughs() -> str:
    lines = [HEAD, 'l0: &l0 "lol"\n']
    for level in range(1, 10):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 10)}]\n")
    return "".join(lines)


def _nested_anchors() -> str:
    lines = [HEAD, "a0: &a0 {k0: v, k1: v, k2: v, k3: v}\n"]
    for level in range(1, 12):
        keys = ", ".join(f"k{i}: *a{level - 1}" for i in range(6))
        lines.append(f"a{level}: &a{level} {{{keys}}}\n")
    return "".join(lines)


def _deep_block(levels: int) -> str:
    return HEAD + "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "end\n"


def _sparse(name: str, size: int) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        with open(folder / name, "wb") as handle:
            handle.write(HEAD.encode())
            handle.truncate(size)
        return name

    return make


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.yaml")
    return "pipe.yaml"


def _socket(folder: Path) -> str:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.yaml"))
    server.close()  # the socket file stays
    return "sock.yaml"


def _device(device: str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        if not stat.S_ISCHR(os.stat(device).st_mode):
            pytest.skip(f"{device} is not a device on this machine (something replaced it with a file)")
        return device

    return make


def _link_loop(folder: Path) -> str:
    (folder / "loop-a.yaml").symlink_to("loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to("loop-a.yaml")
    return "loop-a.yaml"


def _io_error(folder: Path) -> str:
    """A "regular" file that even root cannot read, the reading process's own /proc/self/mem: refused unread."""
    (folder / "mem.yaml").symlink_to("/proc/self/mem")
    return "mem.yaml"


def _folder_named_yaml(folder: Path) -> str:
    (folder / "dir.yaml").mkdir()
    return "dir.yaml"


_BROKEN = HEAD + "title: [unclosed\n"

CASES = (
    Case("billion-laughs", _write("laughs.yaml", _laughs()), 1, "YML006", "alias bomb", "bom alias"),
    Case("nested-anchors", _write("anchors.yaml", _nested_anchors()), 1, "YML006", "alias bomb", "bom alias"),
    Case("deep-flow", _write("deep-flow.yaml", "[" * 1_000_000), 1, "YML006", "levels deep", "tingkat"),
    Case("deep-flow-map", _write("deep-map.yaml", "{a: " * 400_000), 1, "YML006", "levels deep", "tingkat"),
    Case("deep-after-abort", _write("deep-key.yaml", "{" + "[" * 1_000_000), 1, "YML006", "levels deep", "tingkat"),
    Case("deep-block", _write("deep-block.yaml", _deep_block(300)), 1, "YML006", "levels deep", "tingkat"),
    Case("long-line", _write("long-line.yaml", HEAD + "x: " + "a" * 2_000_000), 1, "SCH001", "`x`", "`x`"),
    Case("long-string", _write("long-string.yaml", HEAD + 'x-s: "' + "é" * 900_000 + '"\n'), 1, "SCH002", "id", "id"),
    Case("over-size", _write("big.yaml", HEAD + "a: b\n" * 500_000), 1, "YML006", "over the limit", "melebihi"),
    Case("far-over-size", _sparse("huge.yaml", 200 * 1024 * 1024), 1, "YML006", "over the limit", "melebihi"),
    Case("binary", _write("binary.yaml", bytes(range(256)) * 64), 1, "YML002", "binary", "biner"),
    Case("binary-no-nul", _write("noise.yaml", bytes(range(128, 256)) * 64), 1, "YML002", "UTF-8", "UTF-8"),
    Case("latin-1", _write("latin1.yaml", (HEAD + "t: Café\n").encode("latin-1")), 1, "YML002", "Latin-1", "Latin-1"),
    Case("utf-16", _write("utf16.yaml", (HEAD + "title: x\n").encode("utf-16")), 1, "YML002", "UTF-16", "UTF-16"),
    Case("utf-16-no-bom", _write("u16le.yaml", (HEAD + "t: x\n").encode("utf-16-le")), 1, "YML002", "UTF-16", "UTF-16"),
    Case("utf-32", _write("utf32.yaml", (HEAD + "title: x\n").encode("utf-32")), 1, "YML002", "UTF-32", "UTF-32"),
    Case("nul-byte", _write("nul.yaml", HEAD + "title: a\x00b\n"), 1, "YML002", "NUL", "NUL"),
    Case("utf-8-bom", _good_plus("bom.yaml", "", b"\xef\xbb\xbf"), 0, None, "", ""),
    Case("empty", _write("empty.yaml", ""), 1, "YML007", "no YAML document", "tidak memuat dokumen", False),
    Case(
        "comment-only",
        _write("comment.yaml", "# x\n"),
        1,
        "YML007",
        "no YAML document",
        "tidak memuat",
        False,
    ),
    Case("scalar", _write("scalar.yaml", "just text\n"), 1, "YML007", "a single value", "nilai tunggal", False),
    Case("list", _write("list.yaml", "- svcstd: '1.0'\n- b\n"), 1, "YML007", "a list", "daftar", False),
    Case("many-documents", _write("docs.yaml", (HEAD + "a: 1\n---\n") * 3000), 1, "YML006", "1000", "1000"),
    Case("merge-key", _write("merge.yaml", HEAD + "b: &b {a: 1}\nc:\n  <<: *b\n"), 1, "YML005", "Merge", "gabungan"),
    Case("custom-tag", _write("custom.yaml", HEAD + "title: !custom x\n"), 1, "YML005", "!custom", "!custom"),
    Case(
        "python-tag",
        _write("python.yaml", HEAD + f'x: !!python/object/apply:os.system ["touch {MARKER}"]\n'),
        1,
        "YML005",
        "!!python/object/apply:os.system",
        "!!python/object/apply:os.system",
    ),
    Case(
        "python-tag-key",
        _write("python-key.yaml", HEAD + f'? !!python/object/apply:os.system ["touch {MARKER}"]\n: 1\n'),
        1,
        "YML003",
        "plain text",
        "teks biasa",
    ),
    Case("duplicate-key", _good_plus("dup.yaml", "\nsvcstd: '1.0'\n"), 1, "YML004", "twice", "dua kali"),
    Case("broken-syntax", _write("broken.yaml", _BROKEN), 1, "YML003", "cannot be read", "tidak dapat dibaca"),
    Case("fifo", _fifo, 1, "YML001", "not a regular file", "bukan berkas biasa"),
    Case("socket", _socket, 1, "YML001", "not a regular file", "bukan berkas biasa"),
    Case("dev-zero", _device("/dev/zero"), 1, "YML001", "not a regular file", "bukan berkas biasa", False),
    Case("dev-null", _device("/dev/null"), 1, "YML001", "not a regular file", "bukan berkas biasa", False),
    Case("symlink-loop", _link_loop, 1, "YML001", "loop", "putaran"),
    Case("kernel-file", _io_error, 1, "YML001", "kernel or device file", "berkas kernel", False),
    # a folder named like a file holds no standard: a checked nothing is exit 2, never a green gate
    Case("folder-named-yaml", _folder_named_yaml, 2, None, "no service standard found", "tidak ditemukan", False),
    Case("space in name", _write("with space.yaml", _BROKEN), 1, "YML003", "cannot be read", "tidak dapat dibaca"),
    Case("non-ascii-name", _write("berkas-é-ñ-日本.yaml", _BROKEN), 1, "YML003", "cannot be", "tidak dapat"),
    Case("newline-name", _write("new\nline.yaml", _BROKEN), 1, "YML003", "cannot be read", "tidak dapat dibaca"),
    Case("markup-name", _write('<x a="&">.yaml', _BROKEN), 1, "YML003", "cannot be read", "tidak dapat dibaca"),
    Case("missing-path", lambda folder: "absent.yaml", 2, None, "absent.yaml", "absent.yaml", False),
)
