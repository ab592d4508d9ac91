"""Reading one file safely: a regular file only, never a device, pipe, socket or kernel file, and never too much.

Every file svcstd reads from the checked repository or the command line (standards, configuration, custom
rules, baselines, `--compare` reports, `diff` versions) goes through `read_regular`. A committed symlink
to `/proc/kmsg` (a "regular" file whose read blocks for ever), to `/dev/zero` (endless) or to a FIFO once
hung or exhausted svcstd; here each is an OSError the caller reports like any unreadable file.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
from functools import cache
from io import FileIO
from pathlib import Path

from svcstd.model import Text

NOT_REGULAR = (
    "not a regular file (a folder, pipe, device or socket)",
    "bukan berkas biasa (folder, pipa, perangkat, atau soket)",
)
KERNEL_FILE = ("a kernel or device file (/proc, /sys, /dev)", "berkas kernel atau perangkat (/proc, /sys, /dev)")
SYMLINK = ("a symbolic link, which is not followed here", "tautan simbolik, yang tidak diikuti di sini")
TOO_LARGE = ("larger than {limit} bytes", "lebih besar dari {limit} bita")
REASONS = (NOT_REGULAR, KERNEL_FILE, SYMLINK)
"""Why a file is refused, in English and Indonesian; an error's `strerror` is `"english / indonesia"`."""

PSEUDO_ROOTS = ("/proc", "/sys", "/dev")
"""File systems whose "regular" files are the kernel's: reading one may block, never end, or disclose."""
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
"""O_NONBLOCK: opening a FIFO must not wait for a writer (the fstat check then refuses it)."""
_CHUNK = 1 << 20


class UnsafeFileError(OSError):
    """A path svcstd will not read; `strerror` says why, in English and Indonesian."""

    def __init__(self, reason: tuple[str, str], path: str, **values: object) -> None:
        self.reason = (reason[0].format(**values), reason[1].format(**values))
        super().__init__(errno.EINVAL, " / ".join(self.reason), path)


def read_regular(path: str | os.PathLike[str], limit: int, *, follow_links: bool = True) -> bytes:
    """The file's bytes, at most `limit + 1` of them (so a caller can tell "over the limit" from "at it").

    Raises OSError for a file that cannot be opened, and UnsafeFileError for anything but a regular file
    outside /proc, /sys and /dev (checked on the opened descriptor, so a swapped path cannot slip through),
    and, with `follow_links=False`, for a symbolic link.
    """
    return read_regular_stat(path, limit, follow_links=follow_links)[0]


def read_regular_stat(
    path: str | os.PathLike[str], limit: int, *, follow_links: bool = True
) -> tuple[bytes, os.stat_result]:
    """`read_regular`, with the stat of the opened file taken just before reading (the cache's stamp).

    A file no larger than `_CHUNK` is read with one read of its size plus one byte: a regular file's read
    returns fewer bytes than asked only at its end, so when the bytes are exactly the size its fstat gave, the
    end was reached (the same bytes a read to an empty read gives). Otherwise, or when the size was wrong (a
    file that grows, or a file system that reports none), it is read on in chunks to an empty read or the limit.
    """
    name = os.fspath(path)
    handle, info = _open_checked(name, follow_links)
    try:
        left = limit + 1
        size = info.st_size
        if 0 <= size < _CHUNK and size < left:
            first = os.read(handle, size + 1)
            if len(first) == size:
                return first, info
            chunks = [first]
            left -= len(first)
            if not first:
                return first, info
        else:
            chunks = []
        while left > 0:
            chunk = os.read(handle, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(handle)
    return b"".join(chunks), info


def open_regular(path: str | os.PathLike[str], *, follow_links: bool = True) -> tuple[FileIO, os.stat_result]:
    """The file opened for reading (unbuffered) and its stat, refused as `read_regular` refuses it: for a
    caller that reads it a piece at a time (a baseline) instead of whole."""
    handle, info = _open_checked(os.fspath(path), follow_links)
    try:
        return os.fdopen(handle, "rb", buffering=0), info
    except BaseException:
        os.close(handle)
        raise


def _open_checked(name: str, follow_links: bool) -> tuple[int, os.stat_result]:
    """The descriptor of `name` opened for reading, and its fstat; every refusal of `read_regular` made.

    Before opening, one stat (lstat without `follow_links`): a link (without `follow_links`), anything but a
    regular file, and a file on a kernel file system (`_kernel_devices`) are refused unopened. After opening
    (O_NONBLOCK: a FIFO swapped in never waits for a writer; O_NOFOLLOW without `follow_links`), the fstat of
    the descriptor is checked again, so a path swapped between the two cannot slip through. The path test
    (nothing under /proc, /sys or /dev, whatever the links on the way) is made on the opened file's own path
    where the system names it (/proc/self/fd): one readlink instead of a stat of every folder on the way.
    """
    early_path_test = not _names_descriptors()
    _refuse_before_opening(name, follow_links, early_path_test)
    try:
        handle = os.open(name, _OPEN_FLAGS | (0 if follow_links else _NO_FOLLOW))
    except OSError as error:
        if not follow_links and error.errno == errno.ELOOP:
            raise UnsafeFileError(SYMLINK, name) from None
        raise
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(NOT_REGULAR, name)
        if info.st_dev in _kernel_devices():
            raise UnsafeFileError(KERNEL_FILE, name)
        if not early_path_test and _is_kernel_path(_descriptor_path(handle) or _real_path(name, follow_links)):
            raise UnsafeFileError(KERNEL_FILE, name)
    except BaseException:
        os.close(handle)
        raise
    return handle, info


def read_limited(path: str | os.PathLike[str], limit: int, *, follow_links: bool = True) -> bytes:
    """`read_regular`, and a file over `limit` bytes is an UnsafeFileError too (for files read whole)."""
    raw = read_regular(path, limit, follow_links=follow_links)
    if len(raw) > limit:
        raise UnsafeFileError(TOO_LARGE, os.fspath(path), limit=limit)
    return raw


def _refuse_before_opening(name: str, follow_links: bool, path_test: bool = True) -> None:
    """Devices and kernel files are refused unopened: opening some devices acts (a watchdog, a tape rewind).

    A kernel file is known by its device (`_kernel_devices`) and, with `path_test`, by its real path too
    (where /proc/self/fd cannot name the opened file, so that the test cannot wait until it is open).
    """
    try:
        info = os.stat(name) if follow_links else os.lstat(name)
    except OSError:
        return  # opening reports it, with the system's own reason
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFileError(SYMLINK, name)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFileError(NOT_REGULAR, name)
    if info.st_dev in _kernel_devices():
        raise UnsafeFileError(KERNEL_FILE, name)
    if path_test and _is_kernel_path(_real_path(name, follow_links)):
        raise UnsafeFileError(KERNEL_FILE, name)


def _real_path(name: str, follow_links: bool) -> str:
    return os.path.realpath(name) if follow_links else os.path.abspath(name)


def _is_kernel_path(path: str) -> bool:
    return any(path == root or path.startswith(root + "/") for root in PSEUDO_ROOTS)


_DESCRIPTORS = "/proc/self/fd/"


def _descriptor_path(handle: int) -> str:
    """The path of an open file as the system names it (links resolved); "" when it cannot say."""
    try:
        return os.readlink(f"{_DESCRIPTORS}{handle}")
    except OSError:
        return ""


@cache
def _names_descriptors() -> bool:
    """Whether /proc/self/fd names an open file by its real path here (Linux with /proc): tried once, on the
    root folder (always there, wherever svcstd itself is installed, a zip included); no answer means no."""
    if not os.path.isdir(_DESCRIPTORS):
        return False
    try:
        handle = os.open("/", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return False
    try:
        return _descriptor_path(handle) == "/"
    finally:
        os.close(handle)


KERNEL_FILE_SYSTEMS = frozenset({
    "proc", "sysfs", "devtmpfs", "devpts", "mqueue", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs",
    "pstore", "bpf", "configfs", "fusectl", "binfmt_misc", "efivarfs", "selinuxfs", "autofs", "rpc_pipefs",
})  # fmt: skip
"""Types of file system whose files are the kernel's, wherever they are mounted (never one of ordinary files)."""


@cache
def _kernel_devices() -> frozenset[int]:
    """The devices of /proc and /sys, and of every kernel file system mounted (from /proc/self/mountinfo,
    where there is one): a file on one is refused before it is opened, wherever the path to it leads."""
    devices = set()
    for root in PSEUDO_ROOTS[:2]:
        try:
            devices.add(Path(root).stat().st_dev)
        except OSError:
            continue
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as mounts:
            for line in mounts:
                fields, _, tail = line.partition(" - ")
                numbers, kind = fields.split()[2:3], tail.split()[:1]
                if numbers and kind and kind[0] in KERNEL_FILE_SYSTEMS:
                    major, _, minor = numbers[0].partition(":")
                    devices.add(os.makedev(int(major), int(minor)))
    except (OSError, ValueError):
        pass
    return frozenset(devices)


# --- JSON that svcstd reads back (baselines, `--compare` reports) ----------------------------------------------

DATA_MAX_BYTES = 512 * 1024 * 1024
"""The largest baseline or earlier report read: a JSON report of 100,000 standards is well under it."""
EMPTY = ("the file is empty", "berkasnya kosong")
NOT_UTF8 = ("not UTF-8 text", "bukan teks UTF-8")
TOO_DEEP = ("nested too deeply", "bersarang terlalu dalam")
BAD_JSON = ("not valid JSON: {detail}", "bukan JSON yang sah: {detail}")
NOT_FINITE = ("holds {value}, which is not a finite number", "memuat {value}, yang bukan bilangan hingga")
HUGE_NUMBER = ("holds a number of {digits} digits", "memuat bilangan {digits} digit")
MAX_DIGITS = 100
"""No count, index or score svcstd writes is longer; Python refuses over 4,300 digits with a ValueError."""


class BadContentError(ValueError):
    """A file that was read but does not hold what it should; `reason` in English and Indonesian."""

    def __init__(self, reason: tuple[str, str], **values: object) -> None:
        self.reason = (reason[0].format(**values), reason[1].format(**values))
        super().__init__(" / ".join(self.reason))


def read_json(path: str | os.PathLike[str], limit: int = DATA_MAX_BYTES) -> object:
    """A JSON file's value: OSError when it cannot be read (`read_limited`), BadContentError when it is not
    UTF-8 JSON of finite numbers at a sane depth; never a RecursionError or an int-digits ValueError."""
    raw = read_limited(path, limit)
    if not raw.strip():
        raise BadContentError(EMPTY)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadContentError(NOT_UTF8) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_short_int)
    except RecursionError:
        raise BadContentError(TOO_DEEP) from None
    except BadContentError:
        raise
    except ValueError as error:  # a syntax error
        raise BadContentError(BAD_JSON, detail=str(error).split(";")[0]) from None


def _refuse_constant(name: str) -> object:
    raise BadContentError(NOT_FINITE, value=name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadContentError(NOT_FINITE, value=text[:40])
    return value


def _short_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise BadContentError(HUGE_NUMBER, digits=len(text))
    return int(text)


def reason(error: OSError | ValueError) -> Text | str:
    """Why a file could not be used, for a message's `{reason}`: both languages where svcstd wrote it."""
    own = getattr(error, "reason", None)
    if isinstance(own, tuple):
        return Text(*own)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
