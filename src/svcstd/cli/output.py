"""Writing what a command produced: standard output, or a file replaced atomically, never an input."""

from __future__ import annotations

import errno
import os
import stat
import sys

from svcstd.cli.common import MESSAGES
from svcstd.errors import UsageError
from svcstd.i18n import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from types import FrameType
    from typing import IO, Any


def write_output(text: str | Iterable[str], path: str | Path | None, inputs: Iterable[str] = ()) -> None:
    """Standard output, or a file written atomically (a temporary file renamed into place).

    `text` may be a whole string or chunks, so that large reports are written as they are rendered.
    `inputs` are the files this run read: an output that would replace one of them is refused. `path` is a
    Path, or the text of one (a replay's: pathlib is not imported), as `str(Path(...))` gives it.
    """
    if path is not None:
        refuse_overwriting(path, inputs)
    _write([text] if isinstance(text, str) else text, path, False)


def write_utf8(chunks: Iterable[bytes], path: str | Path | None) -> bool:
    """Text already encoded as UTF-8 (holding no lone surrogate) written as `write_output` writes its text,
    byte for byte the same, without decoding it to encode it again (a replayed run's stored outputs).

    False, with nothing written, for a standard output that is not plain UTF-8 (then the text is written).
    """
    if path is None and not _utf8_stdout():
        return False
    _write(chunks, path, True)
    return True


def _utf8_stdout() -> bool:
    """Whether standard output writes text as UTF-8 bytes unchanged (no other encoding, no newline translation)."""
    if os.linesep != "\n" or not hasattr(sys.stdout, "buffer"):
        return False
    import codecs

    try:
        return codecs.lookup(getattr(sys.stdout, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def _write(chunks: Iterable[str] | Iterable[bytes], path: str | Path | None, binary: bool) -> None:
    """The chunks (text, or UTF-8 bytes when `binary`) to standard output or to `path`."""
    if path is None:
        _write_stdout(chunks, binary)
        return
    path, folder, name, through = _destination(path)
    if through:  # /dev/null, a pipe: write through, never replace it
        _write_chunks(chunks, path, binary)
        return
    temporary = ""
    try:
        with _terminate_as_exit():
            handle, temporary = _temporary_file(folder, f".{name}.")
            with _open(handle, binary) as stream:
                stream.writelines(chunks)
            os.chmod(temporary, _default_file_mode())
            os.replace(temporary, path)
    except OSError as error:
        raise _cannot_write(path, error) from None
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)  # interrupted or failed: leave no half-written file behind


def _destination(path: str | Path) -> tuple[str | Path, str | Path, str, bool]:
    """The path to write (as given, or its text as `str(Path(path))` is), its folder and name as pathlib
    says them, and whether it exists and is not a regular file (`path.exists() and not path.is_file()`).

    On POSIX without pathlib, by the same rules (discovery.path_text, path_mode); elsewhere by pathlib."""
    if os.name != "posix":
        from pathlib import Path

        path = Path(path)
        return path, path.parent, path.name, path.exists() and not path.is_file()
    from svcstd.reading.discovery import path_mode, path_name, path_parent, path_text

    text = path_text(os.fspath(path))
    mode = path_mode(text)
    return text, path_parent(text), path_name(text), mode is not None and not stat.S_ISREG(mode)


NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
"""The letters of a temporary file's random part, as tempfile's."""


def _temporary_file(folder: str | Path, prefix: str) -> tuple[int, str]:
    """`tempfile.mkstemp(prefix=prefix, dir=folder)` without importing tempfile (which brings shutil, random,
    re and more: most of a replay's start-up when it writes a file): a new file `prefix` + 8 random letters in
    `folder`, created exclusively (never through a link), private (0600), open for reading and writing; its
    descriptor and absolute path. A name taken is tried again with other letters, as mkstemp does."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(getattr(os, "TMP_MAX", 10000)):
        letters = "".join(NAME_LETTERS[byte % len(NAME_LETTERS)] for byte in os.urandom(8))
        name = os.path.join(folder, prefix + letters)
        sys.audit("tempfile.mkstemp", name)
        try:
            handle = os.open(name, flags, 0o600)
        except FileExistsError:
            continue
        except PermissionError:  # as mkstemp: on Windows a folder of that name says so; elsewhere an error
            if os.name == "nt" and os.path.isdir(folder) and os.access(folder, os.W_OK):
                continue
            raise
        return handle, os.path.abspath(name)
    raise FileExistsError(errno.EEXIST, "No usable temporary file name found")


def _open(target: int | str | Path, binary: bool) -> IO[Any]:
    """A file opened for writing as `write_output` writes: UTF-8, unencodable characters escaped, `\\n` kept."""
    if binary:
        return open(target, "wb")
    return open(target, "w", encoding="utf-8", errors="backslashreplace", newline="\n")


def _write_stdout(chunks: Iterable[str] | Iterable[bytes], binary: bool = False) -> None:
    """Each chunk to standard output as it is rendered; a full disk behind it is said as for a file (exit 2)."""
    if hasattr(sys.stdout, "reconfigure"):  # a name that is not UTF-8 is shown escaped, never a traceback
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        if binary:  # UTF-8 already: to the bytes beneath, after whatever text went before
            sys.stdout.flush()
            stream = sys.stdout.buffer
            for chunk in chunks:
                stream.write(chunk)  # type: ignore[arg-type]
            stream.flush()
            return
        for chunk in chunks:
            sys.stdout.write(chunk)  # type: ignore[arg-type]
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        _drop_stdout()
        raise _cannot_write("<stdout>", error) from None


def _drop_stdout() -> None:
    """Standard output pointed at the null device, so that the flush at exit does not fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real file behind sys.stdout (a test's capture)
        pass


class Terminated(SystemExit):
    """SIGTERM arrived while a file was being written: unwind (removing the temporary file), exit 143."""


class _terminate_as_exit:  # (used as the context manager function it was)
    """SIGTERM raises Terminated while the block runs, so `finally` clauses clean up; the old handler after.

    Python's default for SIGTERM ends the process at once, which left a half-written temporary file.
    Signal handlers can only be set from the main thread; elsewhere the block runs as it is. A class rather
    than `contextlib.contextmanager`: a replay writing a file imports no contextlib (start-up).
    """

    def __enter__(self) -> None:
        self.previous: Any = None
        self.set = False
        try:
            self.previous = _set_handler(_SIGTERM, _stop)
        except ValueError:  # not the main thread
            return
        self.set = True

    def __exit__(self, *exc_info: object) -> None:
        if self.set:
            _set_handler(_SIGTERM, self.previous)


if TYPE_CHECKING:
    from signal import SIGTERM as _SIGTERM
    from signal import signal as _set_handler
else:
    try:  # what signal.signal calls, without signal.py (whose enums are a replay's start-up when it writes a file)
        from _signal import SIGTERM as _SIGTERM
        from _signal import signal as _set_handler
    except ImportError:  # an interpreter without it
        from signal import SIGTERM as _SIGTERM
        from signal import signal as _set_handler


def _stop(number: int, frame: FrameType | None) -> None:
    raise Terminated(128 + number)


def ensure_folder(path: Path) -> None:
    """Create the folder a new file goes in (`schemas/`, `standar/`), for commands that start a repository's files."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(path, error) from None


def refuse_overwriting(path: str | Path, inputs: Iterable[str]) -> None:
    """No command ever changes an input file (CLI.md): `-o` naming a checked standard is an error."""
    try:
        written = os.stat(path)
    except OSError:
        return
    for name in inputs:
        try:
            read = os.stat(name)
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            raise UsageError(MESSAGES.text("overwrite_input", path=str(path)))


def _write_chunks(chunks: Iterable[str] | Iterable[bytes], path: str | Path, binary: bool) -> None:
    try:
        with _open(path, binary) as stream:
            stream.writelines(chunks)
    except OSError as error:
        raise _cannot_write(path, error) from None


def _cannot_write(path: str | Path, error: OSError) -> UsageError:
    return UsageError(MESSAGES.text("cannot_write", path=str(path), reason=error.strerror or str(error)))


def _default_file_mode() -> int:
    """The mode a plain `open(path, "w")` would give (mkstemp's own is private, 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
