"""The run record's zlib stream deflated in blocks on two threads (cache/deflate.py): one valid stream, whatever
the cuts, that inflates to exactly the text; the threads end with the output, however it ends."""

from __future__ import annotations

import random
import shutil
import threading
import zlib
from pathlib import Path

import pytest

from svcstd.cache import deflate, replay
from tests.test_cache import make_corpus
from tests.test_replay import AS_OF, _only_record, _packings, judged, repo, three_runs  # noqa: F401  (fixtures)

TEXT = b"".join(
    f'{{"path": "standar/{n:05d}.yaml", "message": "lebih dari {n % 97} hari \u2013 \u2264 {n % 7}"}},\n'.encode()
    for n in range(60_000)
)


def deflated(text: bytes, cuts: random.Random, level: int = 6) -> bytes:
    deflater = deflate.BlockDeflater(level)
    parts, position = [], 0
    while position < len(text):
        size = cuts.choice([1, 7, 1000, 8192, 65536, deflate.BLOCK, 3 * deflate.BLOCK + 5])
        parts.append(deflater.compress(text[position : position + size]))
        position += size
    parts.append(deflater.flush())
    return b"".join(parts)


def inflated(stream: bytes) -> bytes:
    inflater = zlib.decompressobj()
    text = inflater.decompress(stream)
    assert inflater.eof and not inflater.unused_data, "not one whole zlib stream"
    return text


@pytest.mark.parametrize(
    "size", [0, 1, 1000, deflate.BLOCK - 1, deflate.BLOCK, deflate.BLOCK + 1, 3 * deflate.BLOCK + 17, len(TEXT)]
)
def test_the_blocks_make_one_stream_of_exactly_the_text(size: int) -> None:
    text = TEXT[:size]
    stream = deflated(text, random.Random(size))
    assert inflated(stream) == text
    assert zlib.decompress(stream) == text  # zlib's own check of the Adler-32 at the end
    assert len(stream) <= len(zlib.compress(text, 6)) * 1.01 + 64  # primed blocks deflate as one stream does


@pytest.mark.parametrize("block", [1, 100, 40_000])
def test_small_blocks_each_primed_with_the_text_before_them(monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    """Blocks smaller than deflate's window, and larger: the dictionary is the last 32 KiB whatever they are."""
    monkeypatch.setattr(deflate, "BLOCK", block)
    text = TEXT[:150_000]
    assert inflated(deflated(text, random.Random(block))) == text


def test_no_more_blocks_are_held_than_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deflate, "BLOCK", 1000)
    deflater = deflate.BlockDeflater(6)
    held = []
    real = deflater._submit

    def submit(block: bytes, last: bool) -> None:
        real(block, last)
        held.append(len(deflater._blocks))

    deflater._submit = submit  # type: ignore[method-assign]
    stream = deflater.compress(TEXT[:500_000]) + deflater.flush()
    assert inflated(stream) == TEXT[:500_000]
    assert len(held) == 501 and max(held) <= deflate.WINDOW + 1


def _deflate_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("svcstd-deflate")]


def test_the_threads_end_with_the_stream_or_when_it_is_given_up() -> None:
    """Proven by mutation: without the pool's shutdown in `close`, threads are left (and cli.program, seeing
    them, would end the process the slow way)."""
    deflater = deflate.BlockDeflater(6)
    deflater.compress(TEXT[: 3 * deflate.BLOCK])
    assert _deflate_threads()
    deflater.flush()
    assert _deflate_threads() == []
    deflater = deflate.BlockDeflater(6)
    deflater.compress(TEXT[: 3 * deflate.BLOCK])
    deflater.close()
    assert _deflate_threads() == []
    small = deflate.BlockDeflater(6)
    assert zlib.decompress(small.compress(b"kecil") + small.flush()) == b"kecil"
    assert _deflate_threads() == []  # below a block no thread was started at all


def test_a_large_output_recorded_in_blocks_replays_exactly(
    repo: Path,  # noqa: F811  (the fixtures imported above)
    capsys: pytest.CaptureFixture[str],
    judged: list[int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Blocks of 4 KiB, so that a run's outputs are hundreds of them: the replay writes the same bytes, and no
    deflating thread outlives the run."""
    shutil.rmtree("standards")
    make_corpus(repo / "standards", 60)
    monkeypatch.setattr(deflate, "BLOCK", 4096)
    monkeypatch.setattr(replay, "RAW_BYTES", 10_000)  # the first output raw, then read back and deflated in blocks
    blocks: list[int] = []
    real = deflate._deflated
    monkeypatch.setattr(deflate, "_deflated", lambda *args: blocks.append(len(args[2])) or real(*args))
    files = ("out.json",)
    args = ("standards", "-f", "json=out.json", "-f", "sarif", "--as-of", AS_OF)
    code, _, _, written = three_runs(capsys, judged, args, files)
    assert code == 1 and len(written["out.json"]) > 100 * 4096
    assert len(blocks) > 100 and sum(blocks) > len(written["out.json"])  # both outputs, in blocks
    assert "zlib" in _packings(_only_record())
    assert _deflate_threads() == []


def test_a_block_that_cannot_be_deflated_fails_the_deflater_not_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_memory(*args: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(deflate, "_deflated", no_memory)
    deflater = deflate.BlockDeflater(6)
    deflater.compress(TEXT[: 8 * deflate.BLOCK])
    assert deflater.failed and _deflate_threads() == []
    assert deflater.compress(b"lagi") == b"" and deflater.flush() == b""


def test_a_failed_deflate_gives_up_the_record_never_the_output(
    repo: Path,  # noqa: F811  (the fixtures imported above)
    capsys: pytest.CaptureFixture[str],
    judged: list[int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Proven by mutation: when the deflater raised (as a thread that cannot start does, RuntimeError), the
    exception ended the run with a traceback and a cut output. Now the output is whole and there is no record."""
    from tests.test_replay import check, records

    monkeypatch.setattr(deflate, "BLOCK", 4096)
    monkeypatch.setattr(replay, "RAW_BYTES", 0)
    args = ("standards", "-f", "json=out.json", "-f", "sarif", "--as-of", AS_OF)
    expected = check(capsys, *args, "--no-cache", files=("out.json",))

    def no_thread(*args: object) -> bytes:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(deflate, "_deflated", no_thread)
    assert check(capsys, *args, files=("out.json",)) == expected
    assert records() == [] and _deflate_threads() == []
