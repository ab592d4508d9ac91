"""`svcstd migrate` on real files: every 1.0 example becomes 1.1 with the same findings, nothing else changes.

The examples themselves are 1.1 now; their 1.0 copies (tests/fixtures/format-1.0) are what is migrated.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from svcstd import api
from svcstd.cli.main import main
from svcstd.cli.migrate import Outcome, migrate_text
from tests.test_examples import FORMAT_1_1_ONLY

ROOT = Path(__file__).resolve().parents[1]
FORMAT_1_0 = ROOT / "tests" / "fixtures" / "format-1.0"
EXAMPLES = sorted(FORMAT_1_0.rglob("*.yaml"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def findings(path: Path) -> list[tuple[str, str]]:
    """Rule and pointer of every finding (lines move by one: the `kind` line)."""
    report = api.check([str(path)], as_of=date(2026, 11, 30))
    return [(f.rule, f.pointer) for d in report.documents for f in d.findings]


def without_1_1_only(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The findings of every rule but those that read what only format 1.1 can record (their 1.0 and 1.1
    findings differ by design)."""
    return [finding for finding in found if finding[0] not in FORMAT_1_1_ONLY]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_migrates_with_the_same_findings_and_only_its_version_line_changed(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    before = copy.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "migrate", str(copy), "--lang", "en")
    assert (code, out) == (0, f"{copy}: migrated to format 1.1\n")
    after = copy.read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert set(removed) == {'svcstd: "1.0"'} and set(added) == {'svcstd: "1.1"', "kind: standard"}
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    if example.parent.name != "invalid":  # a schema-invalid 1.0 file is judged by 1.1's schema afterwards
        assert without_1_1_only(findings(copy)) == without_1_1_only(findings(example))
        # a rule that reads what 1.1 records keeps its 1.0 findings and may add more
        assert {f for f in findings(example) if f[0] in FORMAT_1_1_ONLY} <= set(findings(copy))
    assert example.read_text(encoding="utf-8") == before  # the original is never touched
    shipped = ROOT / "examples" / example.relative_to(FORMAT_1_0)
    if example.parent.name != "invalid":  # the shipped example is the migrated copy, `kind` left to inference,
        # and may add what only 1.1 can record (the exemplary one: maklumat publication, SKM, compensation)
        assert is_subsequence(
            after.replace("kind: standard\n", "").splitlines(), shipped.read_text("utf-8").splitlines()
        )


def is_subsequence(lines: list[str], within: list[str]) -> bool:
    rest = iter(within)
    return all(any(line == other for other in rest) for line in lines)


def test_migrating_again_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "a.yaml"
    shutil.copy(FORMAT_1_0 / "dukcapil-ktp-el.yaml", copy)
    run(capsys, "migrate", str(copy))
    once = copy.read_bytes()
    code, out, _ = run(capsys, "migrate", str(copy), "--lang", "id")
    assert (code, out) == (0, f"{copy}: sudah format 1.1, tidak diubah\n")
    assert copy.read_bytes() == once


def test_a_file_that_does_not_parse_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "rusak.yaml"
    broken.write_bytes(b'svcstd: "1.0"\ntitle: [tidak ditutup\n')
    good = tmp_path / "baik.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", good)
    code, out, err = run(capsys, "migrate", str(broken), str(good), "--lang", "en")
    assert code == 1 and err == ""
    assert out.startswith(f"{broken}: not migrated, the YAML cannot be read (")
    assert f"run `svcstd check {broken}` and fix it first\n{good}: migrated to format 1.1\n" in out
    assert broken.read_bytes() == b'svcstd: "1.0"\ntitle: [tidak ditutup\n'


def test_a_missing_path_is_misuse_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "baik.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", good)
    before = good.read_bytes()
    code, out, err = run(capsys, "migrate", str(good), str(tmp_path / "tidak-ada.yaml"), "--lang", "en")
    assert (code, out) == (2, "")
    assert "tidak-ada.yaml does not exist or is not a file; no file was changed" in err
    assert good.read_bytes() == before


def test_not_a_standard_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "lain.yaml"
    other.write_text("nama: bukan standar\n", encoding="utf-8")
    code, out, _ = run(capsys, "migrate", str(other), "--lang", "en")
    assert code == 1 and "not a service standard" in out
    assert other.read_text(encoding="utf-8") == "nama: bukan standar\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('svcstd: "1.0"\r\ntitle: A\r\n', 'svcstd: "1.1"\r\ntitle: A\r\n', id="crlf-kept"),
        pytest.param("svcstd: '1.0'  # versi\n", "svcstd: '1.1'  # versi\n", id="quote-and-comment-kept"),
        pytest.param(
            'svcstd: "1.0"\nmanufacturing: {}\n', 'svcstd: "1.1"\nkind: standard\nmanufacturing: {}\n', id="kind-added"
        ),
        pytest.param(
            '{svcstd: "1.0", manufacturing: {}}\n', '{svcstd: "1.1", manufacturing: {}}\n', id="flow-style-no-kind"
        ),
        pytest.param(
            'svcstd: "1.0"\ntitle: A\n---\n# kedua\nsvcstd: "1.0"\ntitle: B\n',
            'svcstd: "1.1"\ntitle: A\n---\n# kedua\nsvcstd: "1.1"\ntitle: B\n',
            id="every-document",
        ),
        pytest.param('svcstd: "1.0"\nkind: standard\nmanufacturing: {}\n', None, id="declared-kind-kept"),
    ],
)
def test_only_the_version_changes_byte_for_byte(text: str, expected: str | None) -> None:
    result = migrate_text(text, "a.yaml")
    assert result.outcome is Outcome.MIGRATED
    if expected is None:
        assert result.text == text.replace('"1.0"', '"1.1"')
    else:
        assert result.text == expected
    assert result.text is not None and migrate_text(result.text, "a.yaml").outcome is Outcome.ALREADY


def test_a_byte_order_mark_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b'\xef\xbb\xbfsvcstd: "1.0"\ntitle: A\n')
    run(capsys, "migrate", str(path))
    assert path.read_bytes() == b'\xef\xbb\xbfsvcstd: "1.1"\ntitle: A\n'
