"""reading.files after issue 17's seventh part: fewer system calls per file, every refusal kept.

The path test (nothing under /proc, /sys or /dev) is made on the opened descriptor's own path where the
system names it, kernel file systems are refused by device before opening, and a small file is read with
one read of its size plus one byte. Each test here was proven by breaking what it guards.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from svcstd.reading import files
from svcstd.reading.files import UnsafeFileError, open_regular, read_regular, read_regular_stat

SHM = Path("/dev/shm")
needs_shm = pytest.mark.skipif(not SHM.is_dir() or not os.access(SHM, os.W_OK), reason="no writable /dev/shm")
needs_proc = pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="no /proc on this system")


@pytest.mark.parametrize("size", [0, 1, 2, 99, 100, 101, 102, 5000, files._CHUNK - 1, files._CHUNK, files._CHUNK + 7])
@pytest.mark.parametrize("limit", [0, 100, files._CHUNK + 3, 3 * files._CHUNK])
def test_bytes_are_the_first_limit_plus_one(tmp_path: Path, size: int, limit: int) -> None:
    """Proven by breaking the one-read path (returning `first` whatever its length, and reading `size` bytes)."""
    data = bytes(range(256)) * (size // 256 + 1)
    (tmp_path / "f").write_bytes(data[:size])
    raw, info = read_regular_stat(tmp_path / "f", limit)
    assert raw == data[:size][: limit + 1]
    assert info.st_size == size
    assert read_regular(tmp_path / "f", limit, follow_links=False) == raw


def test_a_file_larger_than_its_stat_is_read_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that reports a size too small (or a file that grew after fstat) is read to its end."""
    (tmp_path / "f").write_bytes(b"x" * 300)
    real_fstat = os.fstat

    def small(handle: int) -> os.stat_result:
        info = real_fstat(handle)
        return os.stat_result((*info[:6], 10, *info[7:]))  # st_size 10

    monkeypatch.setattr(files.os, "fstat", small)
    assert read_regular(tmp_path / "f", 1000) == b"x" * 300
    assert read_regular(tmp_path / "f", 100) == b"x" * 101


@needs_shm
@pytest.mark.parametrize("descriptors", [True, False])
def test_regular_files_under_dev_are_refused(monkeypatch: pytest.MonkeyPatch, descriptors: bool) -> None:
    """A link in the tree to a regular file under /dev (tmpfs, no kernel device): refused whether the opened
    file's path comes from /proc/self/fd or, where there is none, from realpath before opening. Proven by
    breaking each: the post-open test off, and the early path test off."""
    monkeypatch.setattr(files, "_names_descriptors", lambda: descriptors)
    with tempfile.NamedTemporaryFile(dir=SHM) as shared, tempfile.TemporaryDirectory() as folder:
        Path(shared.name).write_bytes(b"svcstd: '1.1'\n")
        link = Path(folder) / "standard.yaml"
        link.symlink_to(shared.name)
        with pytest.raises(UnsafeFileError, match="kernel or device file"):
            read_regular(link, 100)
        with pytest.raises(UnsafeFileError, match="kernel or device file"):
            open_regular(link)
        within = Path(folder) / "inside"
        within.symlink_to(SHM)  # a folder link on the way: the descriptor's path still says /dev
        if descriptors:
            with pytest.raises(UnsafeFileError, match="kernel or device file"):
                read_regular(within / Path(shared.name).name, 100, follow_links=False)


@needs_proc
def test_kernel_files_are_refused_unopened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proven by removing the device test before opening: /proc/self/environ was opened (then refused)."""
    (tmp_path / "env.yaml").symlink_to("/proc/self/environ")
    opened: list[str] = []
    real_open = os.open

    def spy(name: str, *args: object, **kwargs: object) -> int:
        opened.append(os.fspath(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", spy)
    with pytest.raises(UnsafeFileError, match="kernel or device file"):
        read_regular(tmp_path / "env.yaml", 100)
    assert str(tmp_path / "env.yaml") not in opened


@needs_proc
def test_kernel_file_systems_are_known_by_device() -> None:
    """/proc, /sys and the kernel file systems mounted under them (cgroup, debugfs...) are in the set."""
    devices = files._kernel_devices()
    assert os.stat("/proc").st_dev in devices
    assert os.stat(Path(__file__)).st_dev not in devices  # an ordinary file system is never in it


def test_descriptors_are_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every refusal and every read closes what it opened (a run reads a hundred thousand files); the folder
    is refused after opening too (the test before opening left out), as a path swapped in between would be.
    Proven by leaving out each close."""
    (tmp_path / "f").write_bytes(b"abc")
    monkeypatch.setattr(files, "_refuse_before_opening", lambda *args: None)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    for _ in range(50):
        read_regular(tmp_path / "f", 10)
        with pytest.raises(OSError):
            read_regular(tmp_path, 10)
        with pytest.raises(OSError):
            read_regular(tmp_path / "missing", 10)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before


@needs_proc
def test_descriptor_probe_answers_without_raising(monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe opens the root folder, not svcstd's own (which a zip install has not): where /proc names it,
    yes; where it cannot be opened, no (the path is then tested before opening), never an error. Proven by
    taking the catch out of the probe."""
    probe = files._names_descriptors.__wrapped__
    assert probe() is True

    def refused(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", refused)
    assert probe() is False
