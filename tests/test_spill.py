"""Streaming `svcstd check`: results kept in a temporary file, every output identical, nothing left behind."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, ClassVar

import pytest

from svcstd import api, escaping, spill
from svcstd.cli.main import main
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.judge import Pipeline
from svcstd.model import Report
from svcstd.reporters import FORMATS, RenderOptions, chunk_renderer, gitlab, json_report, sarif
from svcstd.rules import BUILTIN_RULES
from tests.conftest import ROOT
from tests.test_cache import make_corpus

AS_OF = date(2026, 11, 27)
RUN = Pipeline(DEFAULT_SETTINGS, BUILTIN_RULES, AS_OF)


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The examples, the real standards and generated files (invalid, multi-document, broken, foreign)."""
    generated = make_corpus(tmp_path_factory.mktemp("generated"), 24)
    return [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "real"), str(generated)]


def held(paths: list[str], jobs: int = 1) -> Report:
    return api.check_pipeline(paths, RUN, jobs, use_cache=False)


def streamed_outputs(paths: list[str], jobs: int, use_cache: bool = False) -> dict[str, str]:
    with spill.Spill() as results:
        report = api.check_pipeline(paths, RUN, jobs, use_cache=use_cache, spill=results)
        assert isinstance(report.documents, spill.SpilledDocuments)
        return outputs(report)


def outputs(report: Report) -> dict[str, str]:
    """Every format as `svcstd check` writes them (chunk by chunk); those --quiet changes also quiet, in Indonesian."""
    chosen = [(name, "en", False) for name in FORMATS] + [(name, "id", True) for name in ("text", "junit", "github")]
    return {
        f"{name}-{lang}-{quiet}": "".join(chunk_renderer(name)(report, RenderOptions(lang, quiet=quiet)))
        for name, lang, quiet in chosen
    }


def whole(report: Report) -> dict[str, str]:
    """The formats that stream, rendered the old way: the whole value built in memory, then dumped."""
    return {
        "json": escaping.json_text(json_report.as_dict(report, "en"), indent=2) + "\n",
        "sarif": escaping.json_text(sarif.as_dict(report, "en"), indent=2) + "\n",
        "gitlab": escaping.json_text([i for d in report.documents for i in gitlab._issues(d, "en")], indent=2) + "\n",
    }


def test_every_format_is_identical_streamed_held_pooled_and_cached(
    paths: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spilled documents, workers and the cache change no byte of any output."""
    expected = outputs(held(paths))
    assert len(expected) == len(FORMATS) + 3
    assert streamed_outputs(paths, jobs=1) == expected
    assert streamed_outputs(paths, jobs=2) == expected
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(tmp_path / "cache"))
    assert streamed_outputs(paths, jobs=2, use_cache=True) == expected  # cold: judged, then stored
    assert streamed_outputs(paths, jobs=1, use_cache=True) == expected  # warm: every result from the cache


def test_streamed_json_sarif_and_gitlab_equal_the_whole_value_dumped(paths: list[str]) -> None:
    report = held(paths)
    rendered = outputs(report)
    for name, text in whole(report).items():
        assert same(name, rendered[f"{name}-en-False"], text)
    empty = Report("0", "2026-11-27", ())
    for name, text in whole(empty).items():
        assert same(name, "".join(chunk_renderer(name)(empty, RenderOptions())), text)


def same(name: str, streamed: str, dumped: str) -> bool:
    """Byte for byte; JSON's contract is the same value (its documents are one per line, not indented)."""
    return json.loads(streamed) == json.loads(dumped) if name == "json" else streamed == dumped


def test_a_report_without_findings_renders_alike_streamed(tmp_path: Path) -> None:
    """A run whose documents have no findings: SARIF's and GitLab's empty lists, JUnit's plain testcases."""
    standard = ROOT / "examples" / "legalisir-ijazah.yaml"
    quiet_run = Pipeline(DEFAULT_SETTINGS, (), AS_OF)
    memory = api.check_pipeline([str(standard)], quiet_run, 1)
    with spill.Spill() as results:
        report = api.check_pipeline([str(standard)], quiet_run, 1, spill=results)
        assert outputs(report) == outputs(memory)
        assert '"results": []' in outputs(report)["sarif-en-False"]


def test_spilled_documents_read_back_as_a_sequence(paths: list[str]) -> None:
    memory = held(paths)
    with spill.Spill() as results:
        report = api.check_pipeline(paths, RUN, 1, spill=results)
        documents = report.documents
        assert len(documents) == len(memory.documents) > 24
        assert tuple(documents) == memory.documents
        assert documents[0] == memory.documents[0] and documents[-1] == memory.documents[-1]
        assert documents[2:5] == memory.documents[2:5]
        with pytest.raises(IndexError):
            documents[len(documents)]
        # Two passes at once (a reporter may zip or nest them) each read their own documents.
        assert all(a == b for a, b in zip(documents, documents, strict=True))
        assert report.tally() == memory.tally() and report.exit_code == memory.exit_code
        assert report.skipped == memory.skipped and report.skipped
        # The files they came from, recorded while writing: what `-o` may not overwrite, nothing read back.
        assert sorted(documents.paths()) == sorted({doc.path for doc in memory.documents})
        assert len(documents.paths()) < len(documents)  # a file of several documents is named once


class Recorded(spill.Spill):
    """A spill that remembers itself, and what the temporary folder held while it was being written."""

    made: ClassVar[list[Recorded]] = []
    seen: ClassVar[list[list[str]]] = []

    def __init__(self, packing: spill.Packing = spill.EVERYTHING) -> None:
        super().__init__(packing)
        Recorded.made.append(self)

    def add(self, slot: int, results: Any) -> None:
        Recorded.seen.append(os.listdir(tempfile.gettempdir()))
        super().add(slot, results)


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Recorded]]:
    Recorded.made, Recorded.seen = [], []
    monkeypatch.setattr(spill, "Spill", Recorded)
    yield Recorded


def test_the_spill_is_closed_after_a_run_and_after_an_error(
    recorded: type[Recorded], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    standard = str(ROOT / "examples" / "legalisir-ijazah.yaml")
    assert main(["check", standard, "--no-cache", "--as-of", "2026-11-27"]) == 1  # it fails the gate
    unwritable = tmp_path / "missing" / "report.json"
    assert main(["check", standard, "--no-cache", "-f", "json", "-o", str(unwritable)]) == 2
    assert main(["check", str(tmp_path), "--no-cache"]) == 2  # nothing found: an error raised inside the spill's run
    assert "Traceback" not in capsys.readouterr().err
    assert len(recorded.made) == 3
    assert all(made.closed for made in recorded.made)


def test_the_spill_never_appears_in_the_checked_tree(
    recorded: type[Recorded], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even with the temporary folder inside the checked tree, the file has no name there (and so is never read)."""
    tree = make_corpus(tmp_path / "tree", 12)
    inside = tree / "tmp"
    inside.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(inside))
    assert main(["check", str(tree), "--no-cache", "--as-of", "2026-11-27", "-f", "json"]) == 1
    assert recorded.seen and all(listing == [] for listing in recorded.seen)
    assert os.listdir(inside) == []
    printed = capsys.readouterr().out
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert main(["check", str(tree), "--no-cache", "--as-of", "2026-11-27", "-f", "json"]) == 1
    assert capsys.readouterr().out == printed


def test_a_full_disk_is_said_plainly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    made = tempfile.TemporaryFile

    class Full:
        def __init__(self, stream: IO[bytes]) -> None:
            self.stream = stream

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.stream, name)

    monkeypatch.setattr(tempfile, "TemporaryFile", lambda **options: Full(made(**options)))
    code = main(["check", str(ROOT / "examples"), "--no-cache", "--lang", "id"])
    err = capsys.readouterr().err
    assert code == 2
    assert "tidak dapat menyimpan hasil pemeriksaan dalam berkas sementara" in err
    assert os.strerror(errno.ENOSPC) in err and "Traceback" not in err


SIGTERM_MID_RUN = """
import os, signal, sys
from svcstd import spill
from svcstd.cli.main import main
real = spill.Spill.add
def add(self, slot, results):
    real(self, slot, results)
    os.kill(os.getpid(), signal.SIGTERM)
spill.Spill.add = add
sys.exit(main(["check", sys.argv[1], "--no-cache"]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_nothing_is_left_behind_when_the_run_is_terminated(tmp_path: Path) -> None:
    private = tmp_path / "tmp"
    private.mkdir()
    standard = str(ROOT / "examples" / "legalisir-ijazah.yaml")
    env = dict(os.environ, TMPDIR=str(private))
    child = subprocess.run(
        [sys.executable, "-c", SIGTERM_MID_RUN, standard], env=env, capture_output=True, timeout=120, check=False
    )
    assert child.returncode == -signal.SIGTERM
    assert os.listdir(private) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_behind_standard_output_is_said_plainly() -> None:
    standard = str(ROOT / "examples" / "legalisir-ijazah.yaml")
    with open("/dev/full", "w") as full:
        child = subprocess.run(
            [sys.executable, "-m", "svcstd", "check", standard, "--no-cache", "-f", "sarif"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert child.returncode == 2
    assert child.stderr.decode().splitlines() == [f"svcstd: error: cannot write <stdout>: {os.strerror(errno.ENOSPC)}"]
