"""The warm start (issue 17): a replayed run imports only what a replay needs, and writes the same bytes.

A replay's key is made of the configuration files' bytes (replay.settings_source), not of the parsed
settings, so that a replay parses no TOML and imports no document model; its stored outputs are written
as the stored UTF-8 when they hold no lone surrogate. These tests hold it to what a normal run does.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from svcstd.cache import replay
from svcstd.cli import output
from tests.test_replay import AS_OF, check, judged, records, repo, three_runs  # noqa: F401 (fixtures)

HEAVY = (
    "svcstd.api",
    "svcstd.model",
    "svcstd.rules",
    "svcstd.reporters",
    "svcstd.config.settings",
    "svcstd.config.load",
    "svcstd.escaping",
    "svcstd.reading.loader",
    "yaml",
    "jsonschema",
    "typer",
    "click",
    "rich",
    "tomllib",
    "dataclasses",
    "inspect",
    "datetime",
    "locale",
)
"""Modules a replay does without: the judging pipeline, the document model, configuration parsing (a file
output still imports tempfile, for the temporary file renamed into place)."""

HARNESS = """
import importlib, json, sys
modules = sys.argv.pop(1)
for name in sys.argv.pop(1).split(","):  # the corpus was just written: settled at once, as in test_replay
    importlib.import_module(f"svcstd.cache.{name}").RACY_NS = 0
from svcstd.cli import run
try:
    code = run()
finally:
    with open(modules, "w", encoding="utf-8") as stream:
        json.dump(sorted(sys.modules), stream)
sys.exit(code)
"""


def _run(tmp_path: Path, settled: str, *args: str) -> tuple[subprocess.CompletedProcess[bytes], list[str]]:
    """`svcstd check ...` in a child as the `svcstd` program starts it; its result and the modules it imported.

    `settled`: the modules of svcstd.cache whose RACY_NS is 0 (the cold run's store is heavy: not the warm's)."""
    modules = tmp_path / "modules.json"
    environment = {**os.environ, "SVCSTD_CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(modules), settled, "check", *args],
        capture_output=True,
        cwd=tmp_path / "repo",
        env=environment,
        check=False,
    )
    return done, json.loads(modules.read_text(encoding="utf-8"))


@pytest.mark.parametrize("config", [None, "svcstd.toml", "pyproject.toml"])
def test_a_replay_imports_no_heavy_module(tmp_path: Path, config: str | None) -> None:
    from tests.test_cache import make_corpus

    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    make_corpus(root / "standards", 6)
    if config == "svcstd.toml":
        (root / config).write_text('fail_on = "warning"\n', encoding="utf-8")
    elif config == "pyproject.toml":
        (root / config).write_text('[project]\nname = "x"\n\n[tool.svcstd]\nfail_on = "never"\n', encoding="utf-8")
    args = ("standards", "--format", "json", "-o", "out.json", "--as-of", AS_OF, "--jobs", "1")
    cold, imported = _run(tmp_path, "replay,store", *args)
    assert "svcstd.api" in imported, "the cold run should judge (else this test proves nothing)"
    written = (root / "out.json").read_bytes()
    (root / "out.json").unlink()
    warm, replayed = _run(tmp_path, "replay", *args)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert (root / "out.json").read_bytes() == written
    assert [name for name in HEAVY if name in replayed] == []


def test_settings_source_names_the_configuration_files_of_config_file() -> None:
    from svcstd.config.file import CONFIG_FILES
    from svcstd.reading.files import PSEUDO_ROOTS

    assert replay.CONFIG_FILES == CONFIG_FILES
    assert replay.PSEUDO_ROOTS == PSEUDO_ROOTS


def test_settings_source_covers_every_configuration_file_upwards(tmp_path: Path, monkeypatch) -> None:
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    first = replay.settings_source(None, False)
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    second = replay.settings_source(None, False)
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.svcstd]\n", encoding="utf-8")
    third = replay.settings_source(None, False)
    assert len({repr(first), repr(second), repr(third)}) == 3
    assert replay.settings_source(None, True) == ["isolated"]
    explicit = replay.settings_source("../pyproject.toml", False)
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.svcstd]\nfail_on = 'never'\n", encoding="utf-8")
    assert replay.settings_source("../pyproject.toml", False) != explicit


def test_settings_source_never_opens_a_pipe(tmp_path: Path, monkeypatch) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    monkeypatch.chdir(tmp_path)
    os.mkfifo("svcstd.toml")  # opening it for reading would wait for a writer
    found = replay.settings_source(None, False)
    assert found[1][1][1] == "kind"  # type: ignore[index]


def test_a_configuration_in_a_parent_folder_changed_is_not_replayed(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    judged: list[int],  # noqa: F811
) -> None:
    (repo / "sub").mkdir()
    shutil.move("standards", "sub/standards")
    os.chdir("sub")
    (repo / "svcstd.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    first = three_runs(capsys, judged, args)
    (repo / "svcstd.toml").write_text('fail_on = "never"\nignore = ["FAI"]\n', encoding="utf-8")
    before = len(judged)
    changed = check(capsys, *args)
    assert len(judged) == before + 1 and changed != first
    assert changed == check(capsys, *args, "--no-cache")


RULE = """\
id: DINAS-001
principle: transparency
severity: error
title: {en: Title shape, id: Bentuk judul}
message: {en: "{pointer} does not match.", id: "{pointer} tidak sesuai."}
fix: {en: Fix it., id: Perbaiki.}
reference: Peraturan Kepala Dinas 1/2026
where: /title
require: {pattern: "PATTERN"}
"""


def test_a_custom_rule_changed_is_not_replayed(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    judged: list[int],  # noqa: F811
) -> None:
    """The record keeps its custom rule paths and their digest: a rule edited (the configuration is not) misses."""
    (repo / "aturan").mkdir()
    rule = repo / "aturan" / "rule.yaml"
    rule.write_text(RULE.replace("PATTERN", "^.*$"), encoding="utf-8")
    (repo / "svcstd.toml").write_text('rule_paths = ["aturan"]\n', encoding="utf-8")
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    passing = three_runs(capsys, judged, args)
    rule.write_text(RULE.replace("PATTERN", "^Nothing matches this$"), encoding="utf-8")
    before = len(judged)
    changed = check(capsys, *args)
    assert len(judged) == before + 1
    assert changed == check(capsys, *args, "--no-cache")
    assert changed != passing


@pytest.mark.parametrize("keep", [0, replay.KEEP_BYTES])
def test_outputs_kept_or_inflated_again_replay_the_same_bytes(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    judged: list[int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    keep: int,
) -> None:
    """Written from what the check before writing kept, or inflated a second time (beyond KEEP_BYTES)."""
    monkeypatch.setattr(replay, "KEEP_BYTES", keep)
    monkeypatch.setattr(replay, "_CHUNK", 1000)
    files = ("out.json", "out.html")
    args = ("standards", "-f", "json=out.json", "-f", "html=out.html", "-f", "sarif", "--as-of", AS_OF)
    code, out, _, written = three_runs(capsys, judged, args, files)
    assert code == 1 and out and all(written.values())


def test_an_output_with_a_lone_surrogate_is_replayed_as_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that is not UTF-8 reaches an output as a lone surrogate: no bytes for it, its text instead."""
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    recorder = replay.Recorder("k" * 64)
    recorder.watch([], None)
    texts = {"plain": ["caf\u00e9 ", "\u00f1\n"], "odd": ["layanan-\udcff", ".yaml\n"]}
    for name, chunks in texts.items():
        assert list(recorder.tee(name, None, chunks)) == chunks
    recorder.save(1)
    record = replay.find("k" * 64, lambda *_: ([], None))
    assert record is not None
    try:
        raw = {name: blobs for name, _, blobs in record.output_bytes()}
        text = {name: "".join(chunks) for name, _, chunks in record.outputs()}
        assert raw["odd"] is None and text["odd"] == "".join(texts["odd"])
        assert raw["plain"] is not None and b"".join(raw["plain"]) == "".join(texts["plain"]).encode()
        assert text["plain"] == "".join(texts["plain"])
    finally:
        record.close()


def test_lone_surrogates_are_told_across_chunks() -> None:
    def seen(*blobs: bytes) -> bool:
        found = replay.Inflated(keep=False)
        for blob in blobs:
            found.see(blob)
        return found.surrogate

    assert seen("\udcff".encode("utf-8", "surrogatepass"))
    assert seen(b"ab\xed", b"\xb3\xbf cd")
    assert seen(b"ab", b"\xed", b"\xa0\x80")
    assert not seen("\ud7ff\ue000 \U0001f600 ñ".encode())
    assert not seen(b"ab\xed", b"\x9f\xbf")
    assert not seen(b"", b"")


def test_utf8_bytes_go_to_standard_output_only_when_it_writes_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    monkeypatch.setattr(sys, "stdout", latin)
    assert not output.write_utf8([b"caf\xc3\xa9\n"], None)
    assert latin.buffer.getvalue() == b""
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", utf8)
    utf8.write("before ")
    assert output.write_utf8([b"caf\xc3\xa9", b"\n"], None)
    assert utf8.buffer.getvalue() == "before café\n".encode()


def test_bytes_written_to_a_file_are_those_of_the_text(tmp_path: Path) -> None:
    text = "café — ñ\n" * 3
    output.write_output(text, tmp_path / "a.txt")
    assert output.write_utf8([text.encode()], tmp_path / "b.txt")
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    assert oct((tmp_path / "a.txt").stat().st_mode) == oct((tmp_path / "b.txt").stat().st_mode)


@pytest.mark.parametrize(
    "path",
    [
        "a.docx",
        "A.DOCX",
        "dir/b.PDF",
        "c.yaml",
        "d.yml",
        "e",
        ".hidden",
        "f.",
        "g.tar.gz",
        "h.docx/.",
        "./i.xlsx/",
        "",
        ".",
        "..",
        "/",
        "j/..",
        "k.html//",
    ],
)
def test_suffix_is_pathlibs(path: str) -> None:
    from svcstd.cli.check import _suffix

    assert _suffix(path) == Path(path).suffix.lower()


def test_package_stamp_by_stamps_or_content(monkeypatch: pytest.MonkeyPatch) -> None:
    settled = replay.package_stamp()
    assert replay.package_stamp() == settled
    monkeypatch.setattr(replay, "RACY_NS", 10**30)  # every file "just changed": by content
    by_content = replay.package_stamp()
    assert by_content != settled
    assert replay.package_stamp() == by_content


def test_records_are_found_again(repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]) -> None:  # noqa: F811
    check(capsys, "standards", "--as-of", AS_OF)
    assert len(records()) == 1


def test_a_pipe_as_baseline_never_blocks_the_key(tmp_path: Path) -> None:
    """The key takes the baseline's digest before the run refuses a pipe: it must not wait for a writer
    (with no configuration file before it to fail first, this blocked before the fix)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    from tests.test_cache import make_corpus

    (tmp_path / ".git").mkdir()
    make_corpus(tmp_path / "standards", 2)
    os.mkfifo(tmp_path / "base.json")
    environment = {**os.environ, "SVCSTD_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "svcstd", "check", "standards", "--baseline", "base.json", "--lang", "en"],
        capture_output=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and b"not a regular file" in done.stderr and b"Traceback" not in done.stderr
    assert replay.file_digest(tmp_path / "base.json") is None
    assert replay.file_digest("/dev/zero") is None
