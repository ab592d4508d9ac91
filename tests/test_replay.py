"""The run record (cache/replay.py): a check where nothing changed replays exactly, and nothing else does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from svcstd import api, cache
from svcstd.cache import location, replay
from svcstd.cli.main import main
from tests.test_cache import make_corpus

AS_OF = "2026-11-27"
FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (it has .git) as the current folder, a corpus in `standards/`, files settled at once."""
    (tmp_path / ".git").mkdir()
    make_corpus(tmp_path / "standards", 12)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(replay, "RACY_NS", 0)
    monkeypatch.setattr(cache.store, "RACY_NS", 0)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("SVCSTD_LANG", raising=False)
    return tmp_path


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many runs went through the pipeline (a replayed run does not)."""
    calls: list[int] = []
    real = api.check_pipeline

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "check_pipeline", spy)
    return calls


Run = tuple[int, str, str, dict[str, bytes]]


def check(capsys: pytest.CaptureFixture[str], *args: str, files: tuple[str, ...] = ()) -> Run:
    """Exit code, standard output, standard error and the bytes of each file written."""
    for name in files:
        Path(name).unlink(missing_ok=True)
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err, {name: Path(name).read_bytes() for name in files}


def records() -> list[Path]:
    folder = cache.root_folder() / replay.FOLDER
    return sorted(folder.glob(f"{replay.PREFIX}*")) if folder.is_dir() else []


def three_runs(
    capsys: pytest.CaptureFixture[str], judged: list[int], args: tuple[str, ...], files: tuple[str, ...] = ()
):
    """--no-cache, a cold run (records), a warm run (replays): all equal, the last one judging nothing."""
    plain = check(capsys, *args, "--no-cache", files=files)
    cold = check(capsys, *args, files=files)
    before = len(judged)
    warm = check(capsys, *args, files=files)
    assert len(judged) == before, "the warm run went through the pipeline"
    assert plain == cold == warm
    return warm


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("name", FORMATS)
def test_replayed_output_is_byte_identical_on_stdout(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], name: str, lang: str
) -> None:
    code, out, _, _ = three_runs(capsys, judged, ("standards", "--format", name, "--lang", lang, "--as-of", AS_OF))
    assert code == 1 and out


def test_several_formats_to_files_and_stdout_replayed(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]
) -> None:
    files = ("out.json", "out.sarif", "out.html", "out.md")
    args = ("standards", "-f", "json=out.json", "-f", "sarif=out.sarif", "-f", "html=out.html", "-f", "text")
    code, out, _, written = three_runs(
        capsys, judged, (*args, "-f", "markdown", "-o", "out.md", "--as-of", AS_OF), files
    )
    assert code == 1 and out and all(written.values())


def test_stderr_notes_and_skipped_files_replayed(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]
) -> None:
    Path("svcstd.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    _, _, err, _ = three_runs(capsys, judged, ("standards", "-q", "--show-skipped", "--as-of", AS_OF))
    assert "notes.yaml" in err and "warning" in err


def test_exit_zero_replayed(repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]) -> None:
    (repo / "empty").mkdir()
    shutil.copy(repo / "standards" / "notes.yaml", repo / "empty")  # not a standard: nothing to fail
    code, *_ = three_runs(capsys, judged, ("empty", "--allow-empty", "-f", "json", "--as-of", AS_OF))
    assert code == 0


def edit(repo: Path) -> None:
    path = next((repo / "standards").rglob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("svcstd:", "svcstd:", 1) + "\n# edited\n", "utf-8")


def add(repo: Path) -> None:
    source = next(path for path in (repo / "standards").rglob("*.yaml") if path.name != "broken.yaml")
    shutil.copy(source, source.with_name("added.yaml"))


def remove(repo: Path) -> None:
    next(path for path in (repo / "standards").rglob("*.yaml") if path.name != "notes.yaml").unlink()


def rename(repo: Path) -> None:
    path = next((repo / "standards").rglob("*.yaml"))
    path.rename(path.with_name("renamed-" + path.name))


def touch(repo: Path) -> None:
    path = next((repo / "standards").rglob("*.yaml"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10_000_000_000))


def configure(repo: Path) -> None:
    (repo / "svcstd.toml").write_text('fail_on = "warning"\n', encoding="utf-8")


def baseline(repo: Path) -> None:
    (repo / "base.json").write_text('{"version": 1, "findings": []}\n', encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit": edit,
    "add": add,
    "remove": remove,
    "rename": rename,
    "touch": touch,
    "config": configure,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_is_not_replayed_and_gives_the_right_result(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], change: str
) -> None:
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    check(capsys, *args)
    check(capsys, *args)
    CHANGES[change](repo)
    before = len(judged)
    changed = check(capsys, *args)
    assert len(judged) == before + 1, f"{change}: replayed"
    assert changed == check(capsys, *args, "--no-cache")
    again = len(judged)
    assert check(capsys, *args) == changed
    assert len(judged) == again, "the run after the change recorded a new record"


@pytest.mark.parametrize(
    "other",
    [
        ("--as-of", "2026-11-28"),
        ("--lang", "id"),
        ("--quiet",),
        ("--verbose",),
        ("--select", "SIM"),
        ("--ignore", "FAI001"),
        ("--fail-on", "never"),
        ("--fail-under", "50"),
        ("--min-principle", "60"),
        ("--skip-non-standards",),
        ("--allow-empty",),
        ("--show-skipped",),
        ("-f", "sarif=out.sarif"),
        ("-o", "out.json"),
    ],
)
def test_an_option_change_is_not_replayed(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], other: tuple[str, ...]
) -> None:
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    check(capsys, *args)
    check(capsys, *args)
    before = len(judged)
    changed = check(capsys, *args, *other)
    assert len(judged) == before + 1
    assert changed == check(capsys, *args, *other, "--no-cache")


def test_isolated_with_a_configuration_is_not_replayed(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]
) -> None:
    configure(repo)
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    check(capsys, *args)
    check(capsys, *args)
    before = len(judged)
    isolated = check(capsys, *args, "--isolated")
    assert len(judged) == before + 1
    assert isolated == check(capsys, *args, "--isolated", "--no-cache")


def test_a_baseline_edit_is_not_replayed(repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]) -> None:
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    assert check(capsys, *args, "--write-baseline", "base.json", "--no-cache")[0] == 1
    with_baseline = (*args, "--baseline", "base.json")
    three_runs(capsys, judged, with_baseline)
    findings = json.loads(Path("base.json").read_text(encoding="utf-8"))
    baseline(repo)
    assert findings != json.loads(Path("base.json").read_text(encoding="utf-8"))
    before = len(judged)
    changed = check(capsys, *with_baseline)
    assert len(judged) == before + 1
    assert changed == check(capsys, *with_baseline, "--no-cache")


def test_no_record_without_cache_for_write_baseline_or_racy_files(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    check(capsys, "standards", "--no-cache", "--as-of", AS_OF)
    check(capsys, "standards", "--write-baseline", "base.json", "--as-of", AS_OF)
    assert records() == []
    monkeypatch.setattr(replay, "RACY_NS", 3600 * 1_000_000_000)
    check(capsys, "standards", "--as-of", AS_OF)
    assert records() == [], "a file changed within RACY_NS was stamped"
    monkeypatch.setattr(replay, "RACY_NS", 0)
    check(capsys, "standards", "--as-of", AS_OF)
    assert len(records()) == 1


def test_output_too_large_is_not_recorded(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replay, "MAX_OUTPUT_BYTES", 100)
    check(capsys, "standards", "-f", "json", "--as-of", AS_OF)
    assert records() == []
    assert not any(path.name.startswith(replay.TEMPORARY) for path in (cache.root_folder() / replay.FOLDER).iterdir())


def test_github_step_summary_is_never_replayed(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "summary.md"))
    for _ in range(2):
        check(capsys, "standards", "-f", "github", "--as-of", AS_OF)
    assert len(judged) == 2
    assert records() == []


def test_an_output_naming_a_checked_file_is_refused_when_replayed(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]
) -> None:
    target = next(path for path in (repo / "standards").rglob("*.yaml") if path.name not in ("notes.yaml",))
    relative = str(target.relative_to(repo))
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    check(capsys, *args, "-f", "sarif=elsewhere.sarif")
    plain = check(capsys, *args, "-f", f"sarif={relative}", "--no-cache")
    assert plain[0] == 2
    for _ in range(2):
        assert check(capsys, *args, "-f", f"sarif={relative}") == plain


def test_cache_clean_removes_records(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check(capsys, "standards", "--as-of", AS_OF)
    assert records()
    assert main(["cache", "clean", "--lang", "en"]) == 0
    assert records() == []


# --- hostile records: each a miss (the normal run, the right result), never a traceback ---------------------------


def _only_record() -> Path:
    [record] = records()
    return record


def _tamper_output(record: Path) -> None:
    blob = bytearray(record.read_bytes())
    blob[0] ^= 1
    record.write_bytes(bytes(blob))


def _exit_one_to_zero(record: Path) -> None:
    blob = record.read_bytes()
    assert blob.count(b'"exit":1') == 1
    record.write_bytes(blob.replace(b'"exit":1', b'"exit":0'))


def _truncate(record: Path) -> None:
    record.write_bytes(record.read_bytes()[:-10])


def _foreign_key(record: Path) -> None:
    """The same record re-signed under another key (the signature is the trailer's last 64 characters)."""
    import hashlib
    import hmac

    blob = record.read_bytes()
    signed = blob[: -replay._TRAILER]
    trailer = blob[-replay._TRAILER : -64]
    record.write_bytes(signed + trailer + hmac.new(b"k" * 32, signed, hashlib.sha256).hexdigest().encode())


def _link(record: Path) -> None:
    moved = record.with_name("elsewhere")
    record.rename(moved)
    record.symlink_to(moved)


def _oversized(record: Path) -> None:
    replay.MAX_OUTPUT_BYTES = 10  # restored by monkeypatch in the test


HOSTILE: dict[str, Callable[[Path], None]] = {
    "tampered": _tamper_output,
    "exit-1-to-0": _exit_one_to_zero,
    "truncated": _truncate,
    "foreign-key": _foreign_key,
    "link": _link,
    "oversized": _oversized,
}


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_hostile_record_is_a_miss(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], monkeypatch: pytest.MonkeyPatch, attack: str
) -> None:
    monkeypatch.setattr(replay, "MAX_OUTPUT_BYTES", replay.MAX_OUTPUT_BYTES)
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    expected = check(capsys, *args)
    assert expected[0] == 1
    HOSTILE[attack](_only_record())
    before = len(judged)
    assert check(capsys, *args) == expected
    assert len(judged) == before + 1, f"{attack}: replayed"


# --- compressed outputs: records re-signed under the user's own key (what the HMAC cannot refuse) ------------------


def _resign(record: Path, edit: Callable[[bytearray, list[list[Any]]], bytes]) -> None:
    """The record with its body and outputs' entries edited, then signed again under the user's key, so that
    only the checks after the HMAC (the stored sha256, the stream inflating to exactly its length) stand."""
    import hashlib
    import hmac

    blob = record.read_bytes()
    length = int(blob[-replay._TRAILER + 1 : -replay._TRAILER + 21])
    body = bytearray(blob[: -replay._TRAILER - length])
    header = json.loads(blob[-replay._TRAILER - length : -replay._TRAILER])
    new_body = edit(body, header["outputs"])
    for item in header["outputs"]:
        item[4] = hashlib.sha256(new_body[item[2] : item[2] + item[3]]).hexdigest()
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    signed = new_body + text
    mac = hmac.new(location.secret_key(location.cache_home()), signed, hashlib.sha256).hexdigest().encode()
    record.write_bytes(signed + b"\n" + b"%020d" % len(text) + b" " + mac)


def _flip_stream_byte(body: bytearray, outputs: list[list[Any]]) -> bytes:
    body[outputs[0][2] + outputs[0][3] // 2] ^= 0x55
    return bytes(body)


def _cut_stream(body: bytearray, outputs: list[list[Any]]) -> bytes:
    """The first output's stream cut short by 8 bytes (its adler-32 and a little more), entries moved."""
    start, size = outputs[0][2], outputs[0][3]
    outputs[0][3] = size - 8
    for item in outputs[1:]:
        item[2] -= 8
    return bytes(body[: start + size - 8] + body[start + size :])


def _text_longer_than_said(body: bytearray, outputs: list[list[Any]]) -> bytes:
    outputs[0][5] -= 1  # a stream that gives more than its recorded length (the zip bomb's shape)
    return bytes(body)


def _text_shorter_than_said(body: bytearray, outputs: list[list[Any]]) -> bytes:
    outputs[0][5] += 1
    return bytes(body)


def _stored_length_too_long(body: bytearray, outputs: list[list[Any]]) -> bytes:
    """The first output said to run into the second's bytes: data after its stream."""
    outputs[0][3] += 4
    return bytes(body)


RESIGNED: dict[str, Callable[[bytearray, list[list[Any]]], bytes]] = {
    "flipped-byte": _flip_stream_byte,
    "cut-stream": _cut_stream,
    "text-longer": _text_longer_than_said,
    "text-shorter": _text_shorter_than_said,
    "stored-too-long": _stored_length_too_long,
}


@pytest.mark.parametrize("attack", sorted(RESIGNED))
def test_a_stream_that_does_not_inflate_exactly_is_a_miss_with_nothing_written(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], monkeypatch: pytest.MonkeyPatch, attack: str
) -> None:
    """Standard output first (a partial replay would show before the normal run's text), then a file."""
    monkeypatch.setattr(replay, "RAW_BYTES", 0)  # every output a zlib stream
    args = ("standards", "-f", "json", "-f", "sarif=out.sarif", "--as-of", AS_OF)
    expected = check(capsys, *args, files=("out.sarif",))
    assert expected[0] == 1
    _resign(_only_record(), RESIGNED[attack])
    before = len(judged)
    assert check(capsys, *args, files=("out.sarif",)) == expected
    assert len(judged) == before + 1, f"{attack}: replayed"


def test_a_late_stream_error_leaves_a_file_destination_as_it_was(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the stream to fail after the checks (rewritten in place by the key's holder), the write fails as a
    write does: exit 2, the destination untouched, no temporary file, no traceback."""
    monkeypatch.setattr(replay, "RAW_BYTES", 0)  # a zlib stream
    args = ("standards", "-f", "json", "-o", "out.json", "--as-of", AS_OF)
    assert check(capsys, *args)[0] == 1
    _resign(_only_record(), _cut_stream)
    Path("out.json").write_text("before\n", encoding="utf-8")
    monkeypatch.setattr(replay, "_inflates", lambda *_: True)  # the check before writing, skipped
    code = main(["check", *args])
    _, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    assert Path("out.json").read_text(encoding="utf-8") == "before\n"
    assert [path.name for path in repo.iterdir() if path.name.startswith(".out.json")] == []


def test_a_large_output_is_stored_compressed_and_replayed_in_chunks(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A few hundred standards; chunks of 1,000 bytes, so that every stream crosses many of them."""
    shutil.rmtree("standards")
    make_corpus(repo / "standards", 300)
    monkeypatch.setattr(replay, "_CHUNK", 1000)
    monkeypatch.setattr(replay, "RAW_BYTES", 100_000)  # the first outputs raw, the rest deflated
    files = ("out.json", "out.html")
    args = ("standards", "-f", "json=out.json", "-f", "html=out.html", "-f", "sarif", "--as-of", AS_OF)
    code, out, _, written = three_runs(capsys, judged, args, files)
    assert code == 1
    text = sum(len(blob) for blob in written.values()) + len(out.encode())
    assert text > 1_000_000
    stored = _only_record().stat().st_size
    assert stored < text / 5, (stored, text)
    assert "zlib" in _packings(_only_record())


def _header(record: Path) -> dict[str, Any]:
    blob = record.read_bytes()
    length = int(blob[-replay._TRAILER + 1 : -replay._TRAILER + 21])
    header: dict[str, Any] = json.loads(blob[-replay._TRAILER - length : -replay._TRAILER])
    return header


def _packings(record: Path) -> list[str]:
    return [item[6] for item in _header(record)["outputs"]]


@pytest.mark.parametrize("limit", ["default", "none", "first"])
def test_outputs_are_stored_raw_within_raw_bytes_and_deflated_past_it(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    """Small outputs stored as they are (no inflating on replay), past RAW_BYTES (all outputs together) as
    zlib streams, an output crossing the limit deflated from its first byte: every way the same bytes."""
    files = ("out.json", "out.html")
    args = ("standards", "-f", "markdown", "-f", "json=out.json", "-f", "html=out.html", "--as-of", AS_OF)
    _, out, _, written = check(capsys, *args, "--no-cache", files=files)
    sizes = [len(out.encode()), len(written["out.json"]), len(written["out.html"])]
    raw_bytes = {"default": replay.RAW_BYTES, "none": 0, "first": sizes[0]}[limit]
    monkeypatch.setattr(replay, "RAW_BYTES", raw_bytes)
    code, out, _, written = three_runs(capsys, judged, args, files)
    assert code == 1 and out and all(written.values())
    header = _header(_only_record())
    expected, total = [], 0
    for size in sizes:
        expected.append("raw" if total + size <= raw_bytes else "zlib")
        total += size if expected[-1] == "raw" else 0
    assert expected == {"default": ["raw"] * 3, "none": ["zlib"] * 3, "first": ["raw", "zlib", "zlib"]}[limit]
    assert [item[6] for item in header["outputs"]] == expected
    for item, size in zip(header["outputs"], sizes, strict=True):
        assert item[5] == size and (item[3] == size) == (item[6] == "raw")


def _raw_longer_than_said(body: bytearray, outputs: list[list[Any]]) -> bytes:
    outputs[0][5] -= 1  # raw bytes one more than the text recorded
    return bytes(body)


def _raw_shorter_than_said(body: bytearray, outputs: list[list[Any]]) -> bytes:
    outputs[0][5] += 1
    return bytes(body)


def _raw_packing_unknown(body: bytearray, outputs: list[list[Any]]) -> bytes:
    outputs[0][6] = "gzip"
    return bytes(body)


def _raw_packing_missing(body: bytearray, outputs: list[list[Any]]) -> bytes:
    del outputs[0][6]
    return bytes(body)


RESIGNED_RAW: dict[str, Callable[[bytearray, list[list[Any]]], bytes]] = {
    "longer": _raw_longer_than_said,
    "shorter": _raw_shorter_than_said,
    "stored-too-long": _stored_length_too_long,
    "packing-unknown": _raw_packing_unknown,
    "packing-missing": _raw_packing_missing,
}


@pytest.mark.parametrize("keep", [replay.KEEP_BYTES, 0])
@pytest.mark.parametrize("attack", sorted(RESIGNED_RAW))
def test_raw_bytes_not_of_their_entry_are_a_miss_with_nothing_written(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    judged: list[int],
    monkeypatch: pytest.MonkeyPatch,
    attack: str,
    keep: int,
) -> None:
    """Re-signed under the user's key, raw outputs whose entry does not match their bytes are refused, whether
    the record was read whole (KEEP_BYTES) or its outputs are read from the file again (KEEP_BYTES 0)."""
    monkeypatch.setattr(replay, "KEEP_BYTES", keep)
    args = ("standards", "-f", "json", "-f", "sarif=out.sarif", "--as-of", AS_OF)
    expected = check(capsys, *args, files=("out.sarif",))
    assert expected[0] == 1
    assert _packings(_only_record()) == ["raw", "raw"]
    _resign(_only_record(), RESIGNED_RAW[attack])
    before = len(judged)
    assert check(capsys, *args, files=("out.sarif",)) == expected
    assert len(judged) == before + 1, f"{attack}: replayed"


def test_a_record_copied_from_another_root_is_a_miss(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Signed under the same user's key, exit 0 there: copied over this root's record it must not open the gate."""
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    expected = check(capsys, *args)
    assert expected[0] == 1
    ours = _only_record()
    other = tmp_path_factory.mktemp("other")
    (other / ".git").mkdir()
    shutil.copytree(repo / "standards", other / "standards")
    os.chdir(other)
    try:
        check(capsys, *args, "--fail-on", "never")
        [theirs] = records()
    finally:
        os.chdir(repo)
    shutil.copy(theirs, ours)
    before = len(judged)
    assert check(capsys, *args) == expected
    assert len(judged) == before + 1


def test_a_planted_record_is_a_miss(repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]) -> None:
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    expected = check(capsys, *args)
    record = _only_record()
    record.write_bytes(b"{}\n" + b"0" * 20 + b" " + b"0" * 64)
    before = len(judged)
    assert check(capsys, *args) == expected
    assert len(judged) == before + 1


def test_replay_key_covers_package_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = replay.settings_source(None, False)
    first = replay.run_key(source, {"a": 1})
    monkeypatch.setattr(replay, "package_stamp", lambda: "another")
    assert replay.run_key(source, {"a": 1}) != first


def test_a_record_of_other_options_renamed_to_this_key_is_a_miss(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]
) -> None:
    """Same root, same files, same user key: only the key inside the signed header tells them apart."""
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    expected = check(capsys, *args)
    [ours] = records()
    check(capsys, *args, "--fail-on", "never", "--quiet")
    [theirs] = [record for record in records() if record != ours]
    shutil.copy(theirs, ours)
    before = len(judged)
    assert check(capsys, *args) == expected
    assert len(judged) == before + 1


def test_records_are_pruned_by_count_and_size(tmp_path: Path) -> None:
    folder = tmp_path / "runs"
    folder.mkdir()
    for number in range(replay.KEEP_RUNS + 4):
        record = folder / f"{replay.PREFIX}{number:040d}"
        record.write_bytes(b"x" * 100)
        os.utime(record, (1_000_000 + number, 1_000_000 + number))
    stale = folder / f"{replay.TEMPORARY}dead"
    stale.write_bytes(b"x")
    os.utime(stale, (1_000, 1_000))
    (folder / "stray").write_bytes(b"x")
    assert replay.prune_runs(folder, max_bytes=10_000, now=2_000_000) == 100 * replay.KEEP_RUNS
    kept = sorted(path.name for path in folder.iterdir())
    assert kept == [f"{replay.PREFIX}{number:040d}" for number in range(4, replay.KEEP_RUNS + 4)]
    assert replay.prune_runs(folder, max_bytes=250, now=2_000_000) == 200
    assert len(list(folder.iterdir())) == 2


def test_pruning_the_cache_keeps_the_records_folder_and_counts_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys, "standards", "--as-of", AS_OF)
    root = cache.root_folder()
    cache.prune(root, keep=root / "none", max_bytes=10**9)
    assert records(), "the records folder was taken for a context"
    cache.prune(root, keep=root / "none", max_bytes=0)
    assert records() == []


def test_a_replay_imports_neither_the_rules_nor_the_readers(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]
) -> None:
    args = ["check", "standards", "-f", "json", "-o", os.devnull, "--as-of", AS_OF, "--jobs", "2"]
    check(capsys, *args[1:])
    script = (
        "import sys\nfrom svcstd.cli import run\ncode = run(sys.argv[1:])\n"
        "print(code, sorted(m for m in ('svcstd.api', 'svcstd.rules', 'svcstd.judge', 'svcstd.reading.loader',"
        " 'svcstd.spill', 'pydantic') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[-2] == "1 []", done.stdout + done.stderr


@pytest.mark.parametrize("value", ["0", "-1", "02", "+2", "x", "2.0"])
def test_jobs_other_than_plain_positive_digits_are_typers_to_judge(
    repo: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """cli/coercion.py answers `--jobs 2` itself (no pydantic at start-up); every other value is typer's, as before."""
    from typer import _coercion

    from svcstd.cli import coercion

    descriptor = type("D", (), {})()
    descriptor.file_annotation = None
    descriptor.annotation = int
    descriptor.parameter_info = type("I", (), {"parser": None, "min": 1, "max": None, "clamp": False})()
    assert coercion._plain(descriptor, value) is None
    assert coercion._plain(descriptor, "2") == 2
    assert hasattr(_coercion, "build_runtime_param")
    code = main(["check", "standards", "--jobs", value, "--as-of", AS_OF])
    _, err = capsys.readouterr()
    if value in ("02", "+2", "2.0"):
        assert code == 1  # typer's int accepts them, as before
    else:
        assert code == 2 and "--jobs" in err


def test_a_shared_file_changed_is_not_replayed(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int]
) -> None:
    """The standards are named (the shared file is no target): only the shared file's own stamp can tell."""
    from tests.conftest import ROOT

    shutil.copytree(ROOT / "tests" / "fixtures" / "shared" / "pa-pati", repo / "pa")
    args = ("pa/biaya-perkara.yaml", "pa/persidangan.yaml", "-f", "json", "--as-of", AS_OF)
    three_runs(capsys, judged, args)
    [record] = records()
    assert b"pengadilan-agama-pati.yaml" in record.read_bytes().rsplit(b"\n", 1)[0][-100_000:]
    shared = repo / "pa" / "bersama" / "pengadilan-agama-pati.yaml"
    text = shared.read_text(encoding="utf-8")
    shared.write_text(text.replace("Pati", "Kudus"), encoding="utf-8")
    assert shared.read_text(encoding="utf-8") != text
    before = len(judged)
    changed = check(capsys, *args)
    assert len(judged) == before + 1
    assert changed == check(capsys, *args, "--no-cache")


def test_no_record_when_the_run_used_other_settings_than_its_key(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configuration, custom rule, baseline edited (or midnight passed) between the key and the run."""
    from svcstd.cli import check as command

    real = command.replay_basis
    monkeypatch.setattr(command, "replay_basis", lambda *args: (*real(*args), "edited meanwhile"))
    check(capsys, "standards", "--as-of", AS_OF)
    assert records() == []
    monkeypatch.setattr(command, "replay_basis", real)
    check(capsys, "standards", "--as-of", AS_OF)
    assert len(records()) == 1


@pytest.mark.parametrize("slice_size", [1, 2, 3, 4096])
def test_the_header_made_a_slice_at_a_time_is_the_canonical_json_of_the_whole(
    monkeypatch: pytest.MonkeyPatch, slice_size: int
) -> None:
    from array import array

    from svcstd.reading.discovery import Target

    monkeypatch.setattr(replay, "_SLICE", slice_size)
    targets = [
        Target("a/sp-1.yaml", "a/sp-1.yaml", False),
        Target("./b.yml", "b.yml", True),
        Target("c/layanan-ñ-\udcff.yaml", "c/layanan-ñ-\udcff.yaml", False),  # not UTF-8, not ASCII
        Target('d/"quoted".yaml', 'd/"quoted".yaml', False),
        Target("e.yaml", "e.yaml", True),
    ]
    stamps = array("q", [n * 1_000_000_007 - 3 for n in range(4 * len(targets))])
    head = {"exit": 1, "format": replay.RUN_FORMAT, "stderr": ["é"], "skipped": []}
    whole = {**head, "targets": [[*t, list(stamps[4 * i : 4 * i + 4])] for i, t in enumerate(targets)]}
    expected = json.dumps(whole, sort_keys=True, separators=(",", ":")).encode("ascii")
    made = replay._with_targets(json.dumps(head, sort_keys=True, separators=(",", ":")), targets, stamps)
    assert made == expected
    assert replay._with_targets('{"exit":0}', [], array("q")) == b'{"exit":0,"targets":[]}'


# --- the tail of a cold run: outputs recorded without holding them, JSON from the spill's bytes ---------------------


def _recorded(recorder: replay.Recorder) -> tuple[bytes, list[list[Any]]]:
    """The record's body so far (flushed) and its outputs' entries."""
    recorder._stream.flush()
    return Path(recorder._temporary or "").read_bytes(), [list(item) for item in recorder.outputs]


def _tee_all(recorder: replay.Recorder, texts: list[str], encoded: bool) -> list[Any]:
    if encoded:
        return list(recorder.tee_utf8("json", None, [text.encode("utf-8") for text in texts]))
    return list(recorder.tee("json", None, texts))


@pytest.mark.parametrize("raw_bytes", [0, 5_000, 10**9])
def test_tee_utf8_records_what_tee_records_of_the_text(
    repo: Path, monkeypatch: pytest.MonkeyPatch, raw_bytes: int
) -> None:
    """Raw, deflated from the start, and crossing RAW_BYTES (read back and deflated in place): the same body,
    entries and signature from the bytes as from the text, in chunks cut anywhere."""
    monkeypatch.setattr(replay, "RAW_BYTES", raw_bytes)
    texts = [f'{{"document": {n}, "message": "lebih dari {n} hari – ≤ {n % 7}"}},\n' * (n % 5 + 1) for n in range(400)]
    made = []
    for encoded in (False, True):
        recorder = replay.Recorder("k" * 64)
        passed = _tee_all(recorder, texts, encoded)
        assert passed == ([text.encode("utf-8") for text in texts] if encoded else texts)
        made.append((*_recorded(recorder), recorder._signer.hexdigest(), recorder.raw))
        secret = recorder._secret
        recorder.give_up()
    assert made[0] == made[1]
    body, outputs, signature, _ = made[0]
    signer = replay.hmac_sha256(secret)
    signer.update(body)
    assert signature == signer.hexdigest(), "the signature is not of the body as stored"
    [[_, _, start, size, sha, length, packing]] = outputs
    assert packing == ("raw" if raw_bytes == 10**9 else "zlib") and start == 0 and size == len(body)
    assert length == len("".join(texts).encode("utf-8")) and sha == replay.sha256(body).hexdigest()
    import zlib

    assert (body if packing == "raw" else zlib.decompress(body)) == "".join(texts).encode("utf-8")


def test_raw_output_goes_to_the_record_as_it_comes_not_held(repo: Path) -> None:
    """An output that may yet be stored raw is written at once (it was held in memory, up to RAW_BYTES = 16 MB,
    until it was known to fit: the parent's peak at the end of a cold run)."""
    recorder = replay.Recorder("k" * 64)
    chunk = b"x" * 100_000  # past the stream's buffer
    teed = recorder.tee_utf8("json", None, [chunk, chunk, chunk])
    next(teed)
    next(teed)  # the first chunk recorded now
    assert Path(recorder._temporary or "").stat().st_size >= len(chunk)
    assert list(teed) == [chunk]
    assert _recorded(recorder)[0] == chunk * 3
    recorder.give_up()


def test_an_output_crossing_raw_bytes_is_held_to_max_output_bytes_only_deflated(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raw bytes beyond MAX_OUTPUT_BYTES that turn out to be deflated (past RAW_BYTES) still make a record, as when
    they were held: the limit is for what is stored. A raw output beyond it makes none."""
    monkeypatch.setattr(replay, "MAX_OUTPUT_BYTES", 2_000)
    monkeypatch.setattr(replay, "RAW_BYTES", 5_000)
    recorder = replay.Recorder("k" * 64)
    list(recorder.tee_utf8("json", None, [b"pelayanan " * 100] * 20))  # 20,000 bytes, deflated to far less
    assert recorder.ok and [item[6] for item in recorder.outputs] == ["zlib"]
    recorder.give_up()
    recorder = replay.Recorder("k" * 64)
    list(recorder.tee_utf8("json", None, [b"pelayanan " * 100] * 4))  # 4,000 bytes raw: more than may be stored
    assert not recorder.ok


def test_a_cold_run_records_its_json_from_the_spills_bytes(
    repo: Path, capsys: pytest.CaptureFixture[str], judged: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the cache on, the JSON report is written and recorded from the spill's UTF-8 lines, not rendered as
    text (decoded and encoded again in the parent after judging); every run the same, the replay too."""
    from svcstd import reporters

    rendered: list[str] = []
    real = reporters.chunk_renderer

    def spy(name: str) -> Any:
        rendered.append(name)
        return real(name)

    monkeypatch.setattr(reporters, "chunk_renderer", spy)
    args = ("standards", "-f", "json=out.json", "-f", "sarif", "--as-of", AS_OF)
    three_runs(capsys, judged, args, ("out.json",))
    assert rendered == ["sarif", "sarif"], rendered  # the --no-cache run and the cold one: JSON as bytes both times
    assert [item[0] for item in _header(_only_record())["outputs"]] == ["json", "sarif"]


@pytest.mark.parametrize("header_limit", [None, 400])
def test_the_header_is_written_a_slice_at_a_time_not_made_whole(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    judged: list[int],
    monkeypatch: pytest.MonkeyPatch,
    header_limit: int,
) -> None:
    """Recorder.save writes and signs the header's pieces as they are made (at 100,000 files the whole text was
    ~20 MB twice over, the parent's peak); the record replays. A header past MAX_HEADER_BYTES makes no record."""
    monkeypatch.setattr(replay, "_SLICE", 2)

    def whole(*_: object) -> bytes:
        raise AssertionError("the header made whole")

    monkeypatch.setattr(replay, "_with_targets", whole)
    if header_limit is not None:
        monkeypatch.setattr(replay, "MAX_HEADER_BYTES", header_limit)
    args = ("standards", "-f", "json", "--as-of", AS_OF)
    if header_limit is None:
        three_runs(capsys, judged, args)
        assert len(records()) == 1
    else:
        check(capsys, *args)
        assert records() == []
        assert not list((cache.root_folder() / replay.FOLDER).iterdir()), "a temporary record left"


def test_outputs_after_the_first_cross_raw_bytes_in_their_own_place(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A raw output, then one that crosses RAW_BYTES part-way (it starts past the first, so its raw part is read
    back from there and the signature rewound to there), then a short one and an empty one (raw: RAW_BYTES counts
    only what is stored raw): each entry's bytes give its text, and the signature is of the body as stored."""
    import zlib

    monkeypatch.setattr(replay, "RAW_BYTES", 3_000)
    texts = {
        "first": ["raw output – " * 100],  # about 1,400 bytes: raw
        "second": [f"bagian {n} ≤ hari kerja\n" * 20 for n in range(10)],  # crosses 3,000 at its third chunk
        "third": ["short"],
        "fourth": [],
    }
    recorder = replay.Recorder("k" * 64)
    for name, chunks in texts.items():
        assert list(recorder.tee(name, None, chunks)) == chunks
    body, outputs = _recorded(recorder)
    signer = replay.hmac_sha256(recorder._secret)
    signer.update(body)
    assert recorder._signer.hexdigest() == signer.hexdigest(), "the signature is not of the body as stored"
    assert [item[0] for item in outputs] == list(texts)
    assert [item[6] for item in outputs] == ["raw", "zlib", "raw", "raw"]
    assert outputs[1][2] == outputs[0][3] > 0, "the second output starts where the first ends"
    for (name, _, start, size, sha, length, packing), chunks in zip(outputs, texts.values(), strict=True):
        stored = body[start : start + size]
        assert sha == replay.sha256(stored).hexdigest()
        text = "".join(chunks).encode("utf-8")
        assert (stored if packing == "raw" else zlib.decompress(stored)) == text, name
        assert length == len(text)
    recorder.give_up()


def test_a_failure_while_deflating_in_place_gives_up_the_record_not_the_output(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the raw part cannot be read back (a full disk, an I/O error), there is no record and no temporary file
    left, and every chunk still reaches the output."""
    monkeypatch.setattr(replay, "RAW_BYTES", 1_000)

    def failing(*_: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(replay, "_pread", failing)
    recorder = replay.Recorder("k" * 64)
    chunks = [b"pelayanan " * 60] * 5
    assert list(recorder.tee_utf8("json", None, chunks)) == chunks
    assert not recorder.ok
    assert recorder._temporary is None or not Path(recorder._temporary).exists()
