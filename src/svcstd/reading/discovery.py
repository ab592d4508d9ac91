"""Which files to check: named files always, folders searched for *.yaml/*.yml, include/exclude applied.

include/exclude globs are matched against a found file's path relative to the configuration file's folder
(`root`; the current folder when there is no configuration file), in POSIX form, so that they mean the same
wherever svcstd is run and whichever folder is searched. They are fnmatch patterns: `*` and `**` match any
characters, `/` included; `**/` also matches no folder at all (`**/draft-*.yaml` matches `draft-1.yaml`);
`?` matches one character and `[abc]` one of those. A file outside `root` is matched by its path as shown.
Files named on the command line are always checked (CLI.md).
"""

from __future__ import annotations

import errno
import os
import stat

from svcstd.errors import MissingPathError
from svcstd.i18n import TYPE_CHECKING, Catalog, named_tuple

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path
    from typing import NamedTuple
else:
    NamedTuple = object  # made named tuples by named_tuple (a warm replay imports no typing)

MESSAGES = Catalog(
    "discovery",
    {
        "missing": ("File or folder not found: {path}", "Berkas atau folder tidak ditemukan: {path}"),
    },
)

SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


class Target(NamedTuple):
    """A file to read; `explicit` when named on the command line (then never skipped silently)."""

    path: str
    display: str
    explicit: bool


if not TYPE_CHECKING:
    Target = named_tuple(Target)


class Globs(NamedTuple):
    """include/exclude patterns and the folder they are relative to."""

    include: Sequence[str]
    exclude: Sequence[str]
    root: Path | None
    """None when there is nothing to match (pathlib is not even imported)."""

    def wanted(self, path: str, display: str) -> bool:
        if not (self.include or self.exclude) or self.root is None:
            return True  # nothing to match: no path to work out (a realpath per file was most of discovery)
        relative = glob_path(path, display, self.root)
        if self.include and not any(glob_match(relative, pattern) for pattern in self.include):
            return False
        return not any(glob_match(relative, pattern) for pattern in self.exclude)


if not TYPE_CHECKING:
    Globs = named_tuple(Globs)


def discover(
    paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = (), root: str | None = None
) -> list[Target]:
    """Every target under `paths`, in a stable order, each once; globs relative to `root` (default: here)."""
    globs = Globs(include, exclude, None)
    if include or exclude:
        from pathlib import Path

        globs = Globs(include, exclude, Path(root or os.getcwd()).resolve())
    seen: set[str] = set()
    targets: list[Target] = []
    for given in paths:
        for target in _expand(given, globs):
            if len(paths) == 1:  # one walk never finds a file twice: no path to normalise
                targets.append(target)
                continue
            key = os.path.normpath(target.path)
            if key not in seen:
                seen.add(key)
                targets.append(target)
    return targets


def run_targets(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str], root: str | None, skip_non_standards: bool
) -> list[Target]:
    """The files a check reads: `discover`, every target a folder's (never an error) with `skip_non_standards`."""
    found = discover(paths, include, exclude, root)
    return [target._replace(explicit=False) for target in found] if skip_non_standards else found


def found_in_folders(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str], root: str | None
) -> int | None:
    """With include/exclude: how many files the folder searches find without them (the globs note counts
    them); None without include/exclude (no second walk)."""
    if not (include or exclude):
        return None
    return sum(not target.explicit for target in discover(paths, root=root))


def _expand(given: str, globs: Globs) -> Iterator[Target]:
    if not os.path.lexists(given):
        raise MissingPathError(MESSAGES.text("missing", path=given))
    if not os.path.isdir(given):
        yield Target(given, given, True)
        return
    here = os.path.normpath(given) == "."  # the display is the relative path (as _display says)
    base = given if given.endswith("/") else given + "/"  # os.path.join's own result on POSIX, per file
    for relative in _walk(given):
        path = base + relative if os.sep == "/" else os.path.join(given, relative)
        display = relative if here else path
        if display == path:
            display = path  # one string object for both, not two equal ones (memory at 100,000 files)
        if globs.wanted(path, display):
            yield Target(path, display, False)


def glob_path(path: str, display: str, root: Path) -> str:
    """The path globs see: relative to `root` in POSIX form, or the path as shown when it lies outside."""
    from pathlib import Path

    absolute = os.path.abspath(path)
    real = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    for candidate in (absolute, real):
        try:
            return Path(candidate).relative_to(root).as_posix()
        except ValueError:
            continue
    return Path(display).as_posix()


def glob_match(path: str, pattern: str) -> bool:
    from fnmatch import fnmatch

    return any(fnmatch(path, variant) for variant in _variants(pattern))


_VARIANTS: dict[str, tuple[str, ...]] = {}
"""`_variants` of each pattern seen (as `functools.cache` kept them; functools is not imported)."""


def _variants(pattern: str) -> tuple[str, ...]:
    """`**/` may stand for no folder too: the pattern with each `**/` kept or dropped."""
    found = _VARIANTS.get(pattern)
    if found is None:
        pieces = pattern.split("**/")
        variants = {pieces[0]}
        for piece in pieces[1:]:
            variants = {variant + joint + piece for variant in variants for joint in ("**/", "")}
        found = _VARIANTS[pattern] = tuple(sorted(variants))
    return found


def _display(folder: str, relative: str) -> str:
    return relative if os.path.normpath(folder) == "." else os.path.join(folder, relative)


def _walk(folder: str, prefix: str = "") -> Iterator[str]:
    """Relative paths of the regular *.yaml/*.yml files below `folder`; links to folders are not followed.

    In os.walk's order (a folder's files by name, then its subfolders by name, depth first), from one
    scandir per folder: a file's type comes from its directory entry, stat-ed only for a link (followed,
    as os.stat would) or where the file system does not say. An unreadable folder is passed over.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError:
        return
    folders = []
    for entry in entries:
        if _is_folder(entry):
            if not entry.name.startswith(".") and entry.name not in SKIPPED_FOLDERS and not entry.is_symlink():
                folders.append(entry)
        elif entry.name.endswith(SUFFIXES) and _is_file(entry):
            yield prefix + entry.name
    for entry in folders:
        yield from _walk(entry.path, prefix + entry.name + os.sep)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """As os.walk decides (links followed; an entry that cannot be stat-ed is no folder)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A regular file, links followed, as is_regular_file says; never opened, so pipes and devices are safe."""
    try:
        return entry.is_file()
    except OSError:
        return False


def is_regular_file(path: str) -> bool:
    """True for a regular file (after following links); never opens it, so pipes and devices are safe."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def display_path(path: Path) -> str:
    """Relative to the current folder when below it, else as it is."""
    from pathlib import Path

    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- the text of paths, as pathlib would give it (a warm replay imports no pathlib: start-up) -------------------


def path_text(name: str) -> str:
    """`str(Path(name))` without importing pathlib: on POSIX, empty parts and `.` parts dropped, a root of
    exactly two slashes kept as two (POSIX leaves it to the system), `.` for nothing left. Elsewhere,
    pathlib itself."""
    if os.name != "posix":
        from pathlib import Path

        return str(Path(name))
    root = ""
    if name[:1] == "/":
        stripped = name.lstrip("/")
        root = "//" if len(name) - len(stripped) == 2 else "/"
        name = stripped
    return root + "/".join(part for part in name.split("/") if part and part != ".") or "."


_IGNORED_ERRNOS = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
"""The errors after which pathlib's `exists()` and `is_dir()` answer False; any other is raised."""


def path_mode(path: str) -> int | None:
    """os.stat(path).st_mode as pathlib's `exists()` and `is_dir()` see it: None where they answer False
    (a missing path, a symbolic link loop, a name the system cannot take), any other error raised."""
    try:
        return os.stat(path).st_mode
    except OSError as error:
        if error.errno in _IGNORED_ERRNOS:
            return None
        raise
    except ValueError:
        return None


def path_parent(path: str) -> str:
    """`str(Path(path).parent)` of a path as path_text gives it (POSIX)."""
    return os.path.dirname(path) or "."


def path_name(path: str) -> str:
    """`Path(path).name` of a path as path_text gives it (POSIX): its last part, nothing for `.` or a root."""
    return "" if path in (".", "/", "//") else path.rpartition("/")[2]
