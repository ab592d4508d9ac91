"""Hostile and broken input: every case exits as CLI.md says, names its problem in both languages,
writes well-formed output in every registered format, stays within bounds and changes no input."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from svcstd.reading.loader import load_text
from svcstd.reporters import FORMATS
from tests.hostile.cases import CASES, EXAMPLES, MARKER, Case
from tests.hostile.harness import TIME_BOUND, TRACEBACK, check_well_formed, digests, svcstd


def _outputs(lang: str) -> list[str]:
    """Every registered format but text to a file; text goes to standard output."""
    return [f"--format={name}=out.{lang}.{name}" for name in FORMATS if name != "text"] + ["--format=text"]


def _run_all_formats(case_path: str, folder: Path, lang: str) -> tuple[int, str, str]:
    run = svcstd(["check", "--no-cache", "--lang", lang, *_outputs(lang), "--", case_path], folder)
    for name in FORMATS:
        if run.code == 2:
            break
        text = run.stdout if name == "text" else (folder / f"out.{lang}.{name}").read_text(encoding="utf-8")
        check_well_formed(name, text)
    return run.code, run.stdout, run.stderr


def _json_findings(folder: Path, lang: str) -> list[dict[str, object]]:
    report = json.loads((folder / f"out.{lang}.json").read_text(encoding="utf-8"))
    return [finding for document in report["documents"] for finding in document["findings"]]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    target = case.make(folder)
    before = digests(folder)
    said = {}
    with ThreadPoolExecutor(2) as pool:  # the two languages write different files
        languages = ("en", "id")
        done = pool.map(lambda lang: _run_all_formats(target, folder, lang), languages)
        runs = dict(zip(languages, done, strict=True))
    for lang, (code, stdout, stderr) in runs.items():
        assert code == case.code, (lang, stdout[-2000:], stderr[-2000:])
        said[lang] = stdout + stderr
        if case.rule is not None:
            messages = [f["message"] for f in _json_findings(folder, lang) if f["rule"] == case.rule]
            assert messages, (case.rule, _json_findings(folder, lang))
            said[lang] = "\n".join(str(m) for m in messages)
    assert case.en in said["en"], said["en"][-2000:]
    assert case.id in said["id"], said["id"][-2000:]
    if case.rule is not None:
        assert said["en"] != said["id"], "the message is not translated"
    for name, value in before.items():
        assert digests(folder).get(name) == value, f"{name} changed"
    assert not (folder / MARKER).exists(), "a python tag was constructed"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway; io-error and folder cases cover it")
def test_permission_denied(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text('svcstd: "1.0"\n', encoding="utf-8")
    (tmp_path / "secret.yaml").chmod(0)
    try:
        for lang, words in (("en", "permission denied"), ("id", "izin akses ditolak")):
            run = svcstd(["check", "--no-cache", "--lang", lang, "secret.yaml"], tmp_path)
            assert run.code == 1 and words in run.stdout
    finally:
        (tmp_path / "secret.yaml").chmod(0o600)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("a: 08:00", "08:00"),
        ("a: 2024-01-31", "2024-01-31"),
        ("a: 2024-01-31T08:00:00Z", "2024-01-31T08:00:00Z"),
        ("a: yes", "yes"),
        ("a: no", "no"),
        ("a: on", "on"),
        ("a: off", "off"),
        ("a: Yes", "Yes"),
        ("a: y", "y"),
        ("a: 1_000", "1_000"),
        ("a: 0777", 777),
        ("a: 012", 12),
        ("a: 1:20", "1:20"),
        ("a: &x 08:00\nb: *x", "08:00"),
    ],
)
def test_yaml_1_1_lookalikes_stay_what_yaml_1_2_says(yaml_text: str, expected: object) -> None:
    (document,) = load_text(yaml_text)
    assert document.data is not None and document.data["a"] == expected
    assert type(document.data["a"]) is type(expected)


def _looks_like_a_standard(path: Path) -> bool:
    """A found file with a top-level `svcstd:` line (CLI.md: others are skipped silently)."""
    return path.is_file() and re.search(rb"^svcstd\s*:", path.read_bytes(), re.MULTILINE) is not None


def test_a_folder_of_everything(tmp_path: Path) -> None:
    """Good standards are scored as usual beside hostile files; each hostile standard gets its finding."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = sorted(EXAMPLES.glob("*.yaml"))
    for example in good:
        shutil.copy(example, folder / example.name)
    expected: dict[str, str] = {}
    for case in CASES:
        if case.in_folder:
            expected[case.make(folder)] = case.rule or ""
    before = digests(folder)
    run = svcstd(["check", "--no-cache", "--format", "json", "--lang", "id", "."], folder)
    assert run.code == 1, run.stderr
    report = json.loads(run.stdout)
    by_path: dict[str, list[dict[str, object]]] = {}
    for document in report["documents"]:
        by_path.setdefault(document["path"], []).append(document)
    for example in good:
        alone = json.loads(svcstd(["check", "--no-cache", "--format", "json", str(example)], folder).stdout)
        keys = ("index", "score", "passed", "valid")
        mine = [tuple(document[key] for key in keys) for document in by_path.pop(example.name)]
        assert mine == [tuple(document[key] for key in keys) for document in alone["documents"]]
    for name, rule in expected.items():
        if rule.startswith("YML") and _looks_like_a_standard(folder / name):
            documents = by_path.get(name, [])
            assert any(f["rule"] == rule for d in documents for f in d["findings"]), (name, documents)
    assert digests(folder) == before
    assert not (folder / MARKER).exists()


def test_an_interrupted_run_leaves_no_half_written_output(tmp_path: Path) -> None:
    """Ctrl-C during a long check: exit 130, one short line, and out.json absent or complete."""
    folder = tmp_path / "big"
    folder.mkdir()
    for number in range(600):
        shutil.copy(EXAMPLES / "dpmptsp-pbg.yaml", folder / f"s{number:04}.yaml")
    judging = tmp_path / "judging"
    # The child marks the tenth file it judges, then holds there until the interrupt arrives (a sleep that
    # Ctrl-C ends): the test waits on that condition, with a deadline, instead of guessing a delay.
    started = (
        "import sys, pathlib, time, svcstd.cli.main, svcstd.api, svcstd.parallel, svcstd.reporters.json_report;"
        "real = svcstd.parallel.check_file; seen = []\n"
        "def held(target, run):\n"
        "    seen.append(target)\n"
        "    if len(seen) == 10:\n"
        f"        pathlib.Path({str(judging)!r}).touch(); time.sleep({TIME_BOUND})\n"
        "    return real(target, run)\n"
        "svcstd.parallel.check_file = held\n"
        "sys.exit(svcstd.cli.main.main(sys.argv[1:]))"
    )
    args = ["check", "--no-cache", "--jobs", "1", "--format", "json", "-o", "out.json", "big"]
    child = subprocess.Popen(
        [sys.executable, "-c", started, *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + TIME_BOUND
        while not judging.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert judging.exists(), "the check never reached its tenth file"
        os.killpg(child.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
        stdout, stderr = child.communicate(timeout=TIME_BOUND)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    said = (stdout + stderr).decode("utf-8", "replace")
    assert TRACEBACK not in said
    assert child.returncode == 130, said
    assert said.strip().count("\n") == 0 and "interrupted" in said
    output = tmp_path / "out.json"
    if output.exists():
        json.loads(output.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []
