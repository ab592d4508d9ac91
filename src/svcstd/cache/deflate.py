"""One zlib stream deflated on two threads, block by block (pigz's way), for the run record's large outputs.

A run record (replay.py) stores an output larger than replay.RAW_BYTES as one zlib stream at level 6: the JSON
report of 100,000 standards is about 730 MB of text, deflated at about 95 MB/s, so about 8 s of the run's tail,
when every worker is done and one process is left to write the outputs. Here the text is cut into blocks of
BLOCK bytes, and each block is deflated on one of two threads (zlib lets go of the GIL while it deflates) as
a raw deflate stream primed with the 32 KiB of text before it (`zdict`, so that matches reach back across the
cut as a single stream's would) and ended by a sync flush, which ends on a byte without ending the stream;
the last block is finished. The blocks one after another, between zlib's two-byte header and the Adler-32
of the whole text (computed here, in order), are one valid zlib stream: `zlib.decompressobj()` reads it as
it reads `zlib.compressobj(level)`'s, and a replay inflates it as before. It is a few hundred bytes larger
(a sync flush per block), and its bytes differ from `compressobj`'s; nothing compares them.

`compress` and `flush` are those of `zlib.compressobj`: each returns the stream's bytes that are ready, in
order. At most WINDOW blocks are in flight (memory: a few MB). `flush` (or `close`, for a stream given up)
ends the threads, so that no thread outlives the output (cli.program ends the process at once only then).
They never raise for what deflating in threads can meet (no memory, no thread to start): the deflater is then
`failed`, its threads ended, and the run record gives the output up. The record is optional; the output is not.
"""

from __future__ import annotations

import zlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

BLOCK = 1 << 20
"""Text per block: large enough that a block's sync flush and its primed window cost nothing measurable."""
WINDOW = 4
"""Blocks deflating or deflated and not yet taken, at most."""
THREADS = 2
DICTIONARY = 32 * 1024
"""Deflate's window: the text before a block that its matches may reach back into."""
HEADER = b"\x78\x9c"
"""zlib's header: deflate, a 32 KiB window, no preset dictionary, the default level (informative only)."""
_FAILURES = (MemoryError, RuntimeError, zlib.error)
"""What deflating in threads can meet: no memory, a thread that cannot be started (RuntimeError), zlib's own."""


def _deflated(level: int, dictionary: bytes, block: bytes, last: bool) -> bytes:
    if dictionary:
        deflater = zlib.compressobj(level, zlib.DEFLATED, -15, zlib.DEF_MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY, dictionary)
    else:
        deflater = zlib.compressobj(level, zlib.DEFLATED, -15)
    return deflater.compress(block) + deflater.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


class BlockDeflater:
    """`zlib.compressobj(level)`'s `compress` and `flush`, the blocks deflated on two threads."""

    def __init__(self, level: int) -> None:
        self.level = level
        self._pending = bytearray()
        self._dictionary = b""
        self._adler = zlib.adler32(b"")
        self._blocks: deque[Future[bytes]] = deque()
        self._pool: ThreadPoolExecutor | None = None
        self._header = HEADER
        self.failed = False
        """Set when a block could not be deflated: what `compress` and `flush` return is then no stream."""

    def compress(self, data: bytes) -> bytes:
        try:
            return self._compress(data)
        except _FAILURES:
            return self._fail()

    def flush(self) -> bytes:
        """The rest of the stream, ended by the Adler-32 of the whole text; the threads are ended."""
        try:
            return self._flush()
        except _FAILURES:
            return self._fail()
        finally:
            self.close()

    def _fail(self) -> bytes:
        self.failed = True
        self.close()
        return b""

    def _compress(self, data: bytes) -> bytes:
        if self.failed:
            return b""
        self._adler = zlib.adler32(data, self._adler)
        self._pending += data
        parts = []
        while len(self._pending) >= BLOCK:
            block = bytes(self._pending[:BLOCK])
            del self._pending[:BLOCK]
            self._submit(block, False)
            if len(self._blocks) > WINDOW:
                parts.append(self._take(wait=True))
        parts.append(self._take(wait=False))
        return b"".join(parts)

    def _flush(self) -> bytes:
        if self.failed:
            return b""
        self._submit(bytes(self._pending), True)
        self._pending = bytearray()
        return self._take(wait=True, every=True) + self._adler.to_bytes(4, "big")

    def close(self) -> None:
        """End the threads (blocks still deflating are waited for, and dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._blocks.clear()

    def _submit(self, block: bytes, last: bool) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(THREADS, thread_name_prefix="svcstd-deflate")
        self._blocks.append(self._pool.submit(_deflated, self.level, self._dictionary, block, last))
        self._dictionary = block[-DICTIONARY:] if len(block) >= DICTIONARY else (self._dictionary + block)[-DICTIONARY:]

    def _take(self, wait: bool, every: bool = False) -> bytes:
        """The deflated blocks at the front that are done (with `wait`, the first at least; with `every`, all)."""
        parts = [self._header]
        self._header = b""
        while self._blocks and (self._blocks[0].done() or wait):
            parts.append(self._blocks.popleft().result())
            wait = every
        return b"".join(parts)
