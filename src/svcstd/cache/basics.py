"""What the per-file cache and the run record share without importing the document model."""

from __future__ import annotations

from _collections_abc import Mapping  # collections.abc.Mapping itself, without importing collections

TYPE_CHECKING = False
"""`typing.TYPE_CHECKING` without importing typing (start-up of a warm replay)."""
if TYPE_CHECKING:
    from collections.abc import Iterable
    from hashlib import sha256 as sha256  # noqa: PLC0414  (re-exported: svcstd.cache.replay's)
    from hmac import compare_digest as compare_digest  # noqa: PLC0414
    from typing import Any

    hmac_new: Any
else:
    try:  # hashlib's and hmac's own OpenSSL functions, without hashlib.py and hmac.py (start-up of a warm replay)
        from _hashlib import compare_digest, hmac_new
        from _hashlib import openssl_sha256 as sha256
    except ImportError:  # a Python without them: hashlib's and hmac's own fallbacks
        from hashlib import sha256
        from hmac import compare_digest  # noqa: F401  (svcstd.cache.replay's)

        hmac_new = None
"""sha256 is `hashlib.sha256` (which is `_hashlib.openssl_sha256` where there is OpenSSL), compare_digest
`hmac.compare_digest` (OpenSSL's there too): the same functions, not imported through hashlib and hmac."""


def hmac_sha256(key: bytes) -> Any:
    """A new HMAC-SHA256 under `key`, as `hmac.new(key, digestmod=hashlib.sha256)` makes it: that also calls
    `_hashlib.hmac_new(key, msg, digestmod=hashlib.sha256)` where OpenSSL is there (tests compare the two)."""
    if hmac_new is None:
        import hmac

        return hmac.new(key, digestmod=sha256)
    return hmac_new(key, digestmod=sha256)


FORMAT = "svcstd-cache-6"
MAX_BYTES = 200 * 1024 * 1024
"""Per checked root: beyond it the oldest contexts (and run records) go."""
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""One file's record: larger results are not stored."""
STALE_SECONDS = 3600
"""A temporary file this old belongs to a run that died (kill -9): pruned."""


def stable(value: object) -> str:
    """A repr that does not depend on the insertion order of mappings."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(sorted(f"{stable(k)}: {stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(stable(item) for item in value) + ")"
    return repr(value)


def files_hash(paths: Iterable[str]) -> str:
    """The content of every file under the custom rule folders (a missing one hashes as missing)."""
    digest = sha256()
    for given in paths:
        from pathlib import Path

        root = Path(given)
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def label(display: str, explicit: bool) -> str:
    """A target's name in the index: its display path and whether it was named."""
    return f"{display}\0{int(explicit)}"
