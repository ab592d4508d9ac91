"""Where the cache lives and the key that signs it: the user's cache folder, never the checked tree.

`$SVCSTD_CACHE_DIR`, else `$XDG_CACHE_HOME/svcstd`, else `~/Library/Caches/svcstd` on macOS and
`~/.cache/svcstd` elsewhere; one folder per checked root in it (a digest of the root's resolved path).
Everything that is written is checked on the way: the cache folder, and every folder svcstd creates
for it, must be a real folder (not a symbolic link) owned by the user, and the key file a private
regular file. Anything else is a CacheError (exit 2) rather than a write through someone's link.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from svcstd.cache.basics import sha256
from svcstd.errors import SvcstdError
from svcstd.i18n import Catalog

ENVIRONMENT = "SVCSTD_CACHE_DIR"
KEY_FILE = "key"
KEY_BYTES = 32
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)

MESSAGES = Catalog(
    "cache.location",
    {
        "link": (
            "the result cache {path} is a symbolic link; svcstd does not write through links. Remove the "
            "link, set SVCSTD_CACHE_DIR to a real folder, or run with --no-cache.",
            "tembolok hasil pemeriksaan {path} berupa tautan simbolik; svcstd tidak menulis melalui tautan. "
            "Hapus tautan itu, atur SVCSTD_CACHE_DIR ke folder sungguhan, atau jalankan dengan --no-cache.",
        ),
        "foreign": (
            "the result cache {path} is not a private folder or file of this user (owner or permissions); "
            "svcstd does not trust it. Remove it, set SVCSTD_CACHE_DIR, or run with --no-cache.",
            "tembolok hasil pemeriksaan {path} bukan folder atau berkas pribadi milik pengguna ini (pemilik "
            "atau izin aksesnya); svcstd tidak memercayainya. Hapus, atur SVCSTD_CACHE_DIR, atau jalankan "
            "dengan --no-cache.",
        ),
    },
)


class CacheError(SvcstdError):
    """The cache folder or its key is a link, or not the user's own: svcstd will not use it."""


def cache_home() -> Path:
    """The cache folder of all checked roots (SVCSTD_CACHE_DIR, XDG_CACHE_HOME, the platform's default)."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return Path(chosen).absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "svcstd"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "svcstd"
    return Path.home() / ".cache" / "svcstd"


def checked_root(start: str | os.PathLike[str] = ".") -> Path:
    """The nearest folder upwards holding `.git` (the repository root), else `start` itself, resolved."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def root_folder(start: str | os.PathLike[str] = ".") -> Path:
    """The cache folder of the checked root around `start`: one per root, named by its path's digest."""
    digest = sha256(os.fsencode(checked_root(start))).hexdigest()[:32]
    return cache_home() / digest


def make_folder(path: Path, home: Path) -> None:
    """Create `path` as a private folder, checking each folder from the cache home down before going in.

    The folders above the cache home (e.g. ~/.cache) are the user's business and made as usual; the
    cache home and everything below it must be real folders of this user, never links.
    """
    home.parent.mkdir(parents=True, exist_ok=True)
    parts = path.relative_to(home).parts
    for folder in (home.joinpath(*parts[:depth]) for depth in range(len(parts) + 1)):
        if not os.path.lexists(folder):
            try:  # noqa: SIM105  (contextlib is not imported: start-up of a warm replay)
                os.mkdir(folder, 0o700)
            except FileExistsError:
                pass
        check_private(folder, directory=True)


def check_private(path: Path, directory: bool) -> None:
    """A CacheError unless `path` is a real folder (or regular file) of this user that others cannot write."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise CacheError(MESSAGES.text("link", path=str(path)))
    kind = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    forbidden = 0o022 if directory else 0o077
    if not kind or (_owner_known() and info.st_uid != os.getuid()) or info.st_mode & forbidden:
        raise CacheError(MESSAGES.text("foreign", path=str(path)))


def _owner_known() -> bool:
    return hasattr(os, "getuid")


def secret_key(home: Path) -> bytes:
    """The signing key in the cache home, created private (0600) on first use, never read through a link."""
    make_folder(home, home)
    path = home / KEY_FILE
    if not os.path.lexists(path):
        _create_key(path)
    check_private(path, directory=False)
    handle = os.open(path, os.O_RDONLY | NO_FOLLOW)
    with os.fdopen(handle, "rb") as stream:
        key = stream.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise CacheError(MESSAGES.text("foreign", path=str(path)))
    return key


def _create_key(path: Path) -> None:
    """Written whole to a private temporary file, then linked into place: a racing run sees all of it or none."""
    import secrets

    temporary = path.with_name(f".tmp-key-{secrets.token_hex(8)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(KEY_BYTES))
        try:  # noqa: SIM105
            os.link(temporary, path)
        except FileExistsError:  # another run made it first: use theirs
            pass
    finally:
        temporary.unlink(missing_ok=True)


BINARY = getattr(os, "O_BINARY", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Opening a pipe never waits for a writer."""


def open_regular(path: Path) -> int | None:
    """A descriptor on the regular file at `path` (not a link, folder or device); None otherwise."""
    try:
        handle = os.open(path, os.O_RDONLY | NO_FOLLOW | BINARY)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(handle).st_mode):
            return handle
    except OSError:
        pass
    os.close(handle)
    return None
