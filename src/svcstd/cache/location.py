"""Where the cache lives and the key that signs it: the user's cache folder, never the checked tree.

`$SVCSTD_CACHE_DIR`, else `$XDG_CACHE_HOME/svcstd`, else `~/Library/Caches/svcstd` on macOS and
`~/.cache/svcstd` elsewhere; one folder per checked root in it (a digest of the root's resolved path).
Everything that is written is checked on the way: the cache folder, and every folder svcstd creates
for it, must be a real folder (not a symbolic link) owned by the user, and the key file a private
regular file. Anything else is a CacheError (exit 2) rather than a write through someone's link.
"""

from __future__ import annotations

import errno
import os
import stat
import sys

from svcstd.cache.basics import sha256
from svcstd.errors import SvcstdError
from svcstd.i18n import TYPE_CHECKING, Catalog
from svcstd.reading.discovery import path_mode, path_parent, path_text

if TYPE_CHECKING:
    from pathlib import Path

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
    from pathlib import Path

    return Path(home_text())


def home_text() -> str:
    """`cache_home()` as the text of its path (what `str(cache_home())` was), without importing pathlib."""
    if os.name != "posix":  # pathlib's own rules there (drives, both separators)
        return str(_home_by_pathlib())
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        given = path_text(chosen)
        return given if given.startswith("/") else _joined(os.getcwd(), given)  # Path.absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and xdg.startswith("/"):  # Path(xdg).is_absolute()
        return _joined(xdg, "svcstd")
    home = os.path.expanduser("~")  # Path.home()
    if home[:1] == "~":
        raise RuntimeError("Could not determine home directory.")
    if sys.platform == "darwin":
        return _joined(home, "Library/Caches/svcstd")
    return _joined(home, ".cache/svcstd")


def _joined(base: str, relative: str) -> str:
    """`str(Path(base) / relative)` on POSIX, `relative` being relative: a root of `base` stays as it is."""
    return path_text(os.path.join(path_text(base), relative))


def _home_by_pathlib() -> Path:
    """What `cache_home` has always said, by pathlib (off POSIX; and the reference the tests compare with)."""
    from pathlib import Path

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
    from pathlib import Path

    return Path(checked_root_text(start))


def checked_root_text(start: str | os.PathLike[str] = ".") -> str:
    """`checked_root(start)` as the text of its path, without importing pathlib (POSIX; elsewhere pathlib)."""
    if os.name != "posix":
        from pathlib import Path

        resolved = Path(start).resolve()
        for above in (resolved, *resolved.parents):
            if (above / ".git").exists():
                return str(above)
        return str(resolved)
    here = _resolved(path_text(os.fspath(start)))
    folder = here
    while True:
        if _exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)  # Path.parent of a resolved (absolute) path
        if parent == folder:
            return here
        folder = parent


def root_folder(start: str | os.PathLike[str] = ".") -> Path:
    """The cache folder of the checked root around `start`: one per root, named by its path's digest."""
    from pathlib import Path

    return Path(root_text(start))


def root_text(start: str | os.PathLike[str] = ".") -> str:
    """`root_folder(start)` as the text of its path, without importing pathlib."""
    digest = sha256(os.fsencode(checked_root_text(start))).hexdigest()[:32]
    return os.path.join(home_text(), digest)


def _exists(path: str) -> bool:
    return path_mode(path) is not None


def _is_dir(path: str) -> bool:
    mode = path_mode(path)
    return mode is not None and stat.S_ISDIR(mode)


def _resolved(path: str) -> str:
    """`str(Path(path).resolve())` on POSIX: os.path.realpath, and (before Python 3.13) a symbolic link loop
    said as pathlib said it."""
    try:
        real = os.path.realpath(path)
    except OSError as error:
        _loop(error)
        raise
    if sys.version_info < (3, 13):
        try:
            os.stat(real)
        except OSError as error:
            _loop(error)
    return real


def _loop(error: OSError) -> None:
    if error.errno == errno.ELOOP:
        raise RuntimeError(f"Symlink loop from {error.filename!r}")


def _make_parents(path: str) -> None:
    """`Path(path).mkdir(parents=True, exist_ok=True)` on the text of a path (POSIX)."""
    try:
        os.mkdir(path, 0o777)
    except FileNotFoundError:
        parent = path_parent(path)
        if parent == path:
            raise
        _make_parents(parent)
        try:
            os.mkdir(path, 0o777)
        except FileNotFoundError:
            raise
        except OSError:
            if not _is_dir(path):
                raise
    except OSError:
        if not _is_dir(path):
            raise


def make_folder(path: str | Path, home: str | Path) -> None:
    """Create `path` as a private folder, checking each folder from the cache home down before going in.

    The folders above the cache home (e.g. ~/.cache) are the user's business and made as usual; the
    cache home and everything below it must be real folders of this user, never links. `path` lies in
    `home` (both paths, or the text of paths as path_text gives them).
    """
    if os.name != "posix":
        from pathlib import Path

        path, home = Path(path), Path(home)
        home.parent.mkdir(parents=True, exist_ok=True)
        parts = path.relative_to(home).parts
        folders = [str(home.joinpath(*parts[:depth])) for depth in range(len(parts) + 1)]
    else:
        path, home = os.fspath(path), os.fspath(home)
        _make_parents(path_parent(home))
        folders = [home]
        if path != home:
            inside = home if home.endswith("/") else home + "/"
            if not path.startswith(inside):
                raise ValueError(f"{path!r} is not in the subpath of {home!r}")
            for part in path[len(inside) :].split("/"):
                folders.append(os.path.join(folders[-1], part))
    for folder in folders:
        if not os.path.lexists(folder):
            try:  # noqa: SIM105  (contextlib is not imported: start-up of a warm replay)
                os.mkdir(folder, 0o700)
            except FileExistsError:
                pass
        check_private(folder, directory=True)


def check_private(path: str | Path, directory: bool) -> None:
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


def secret_key(home: str | Path) -> bytes:
    """The signing key in the cache home, created private (0600) on first use, never read through a link."""
    make_folder(home, home)
    path = os.path.join(home, KEY_FILE)
    if not os.path.lexists(path):
        _create_key(path)
    check_private(path, directory=False)
    handle = os.open(path, os.O_RDONLY | NO_FOLLOW)
    with os.fdopen(handle, "rb") as stream:
        key = stream.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise CacheError(MESSAGES.text("foreign", path=str(path)))
    return key


def _create_key(path: str) -> None:
    """Written whole to a private temporary file, then linked into place: a racing run sees all of it or none."""
    import secrets

    temporary = os.path.join(os.path.dirname(path), f".tmp-key-{secrets.token_hex(8)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(KEY_BYTES))
        try:  # noqa: SIM105
            os.link(temporary, path)
        except FileExistsError:  # another run made it first: use theirs
            pass
    finally:
        try:  # noqa: SIM105
            os.unlink(temporary)
        except FileNotFoundError:
            pass


BINARY = getattr(os, "O_BINARY", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Opening a pipe never waits for a writer."""


def open_regular(path: str | Path) -> int | None:
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
