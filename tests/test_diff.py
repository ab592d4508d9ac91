"""`svcstd diff`: regressions for citizens named and exit 1, improvements exit 0, units compared, git --since."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.diff.output import markdown_escape
from tests.conftest import ROOT

GOOD = ROOT / "examples" / "dukcapil-ktp-el.yaml"
TEXT = GOOD.read_text(encoding="utf-8")
FEE = "      amount: 0\n"
TIME = "  completion_time:\n    value: 1\n    unit: working_days\n"
REQUIREMENTS = "  requirements:\n"
WHATSAPP = '      - {type: whatsapp, contact: "+62 812-2750-4411"}\n'


def worse(text: str = TEXT) -> str:
    text = text.replace(FEE, "      amount: 25000\n", 1)
    text = text.replace(TIME, "  completion_time:\n    value: 14\n    unit: working_days\n")
    text = text.replace(REQUIREMENTS, REQUIREMENTS + "    - {name: Surat pengantar RT/RW, form: original}\n", 1)
    return text.replace(WHATSAPP, "")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_four_regressions_are_named_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(GOOD), write(tmp_path, "new.yaml", worse()), "--lang", "en")
    assert code == 1
    assert "fee raised: Penerbitan KTP-el (baru, hilang, rusak, dan perubahan data): free → Rp25.000" in out
    assert "completion time longer: 1 working day → 14 working days" in out
    assert "requirement added: Surat pengantar RT/RW" in out
    assert "complaint channel removed: whatsapp +62 812-2750-4411" in out
    assert out.count("✗ REGRESSION") >= 4


def test_improved_copy_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", write(tmp_path, "old.yaml", worse()), str(GOOD), "--lang", "id")
    assert code == 0
    assert "biaya turun" in out and "sarana pengaduan ditambahkan" in out and "KEMUNDURAN" not in out


def test_no_change_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(GOOD), str(GOOD), "--lang", "en")
    assert code == 0 and "no change for citizens" in out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{value: 2, unit: working_days}", "{value: 48, unit: hours}", "shorter"),
        ("{value: 48, unit: hours}", "{value: 2, unit: working_days}", "longer"),
        ("{value: 60, unit: minutes}", "{value: 1, unit: hours}", None),
        ("{min: 1, max: 14, unit: working_days}", "{min: 1, max: 14, unit: working_days}", None),
        ("{value: 1, unit: days}", "{min: 1, max: 3, unit: days}", "longer"),
    ],
)
def test_times_compare_across_units(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str | None
) -> None:
    def version(duration: str) -> str:
        return re.sub(r"  completion_time:\n(?:    .*\n)+", f"  completion_time: {duration}\n", TEXT)

    code, out, _ = run(
        capsys, "diff", write(tmp_path, "a.yaml", version(old)), write(tmp_path, "b.yaml", version(new)), "-f", "json"
    )
    kinds = [
        c["kind"] for d in json.loads(out)["documents"] for c in d["changes"] if c["component"] == "completion_time"
    ]
    assert kinds == ([expected] if expected else [])
    assert code == (1 if expected == "longer" else 0)


def test_per_case_times_and_formula_fees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pbg = (ROOT / "examples" / "dpmptsp-pbg.yaml").read_text(encoding="utf-8")
    changed = pbg.replace(
        "{min: 3, max: 25, unit: working_days, when: Konsultasi sampai berita acara}",
        "{min: 3, max: 30, unit: working_days, when: Konsultasi sampai berita acara}",
    )
    changed = changed.replace("x indeks bangunan gedung terbangun", "x indeks terbangun x 1,1")
    code, out, _ = run(
        capsys, "diff", write(tmp_path, "a.yaml", pbg), write(tmp_path, "b.yaml", changed), "-f", "json", "--lang", "en"
    )
    changes = json.loads(out)["documents"][0]["changes"]
    time = next(c for c in changes if c["component"] == "completion_time")
    assert (time["kind"], time["when"], time["effect"]) == ("longer", "Konsultasi sampai berita acara", "regression")
    fee = next(c for c in changes if c["component"] == "fees")
    assert (fee["kind"], fee["effect"]) == ("formula", "neutral")
    assert code == 1


def test_invalid_version_cannot_be_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write(tmp_path, "b.yaml", TEXT.replace("  fees:\n", "  feez:\n"))
    code, out, _ = run(capsys, "diff", str(GOOD), broken, "--lang", "en")
    assert code == 1 and "cannot compare: invalid" in out and "SCH" in out


def test_missing_file_and_bad_usage_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "diff", str(GOOD), str(tmp_path / "nope.yaml"))[0] == 2
    assert run(capsys, "diff", str(GOOD))[0] == 2
    assert run(capsys, "diff", str(GOOD), str(GOOD), "-f", "sarif")[0] == 2


def test_markdown_escapes_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "<script>alert(1)</script> | **x** [y](javascript:z) @admin"
    text = TEXT.replace(REQUIREMENTS, REQUIREMENTS + f"    - name: '{hostile}'\n", 1)
    code, out, _ = run(capsys, "diff", str(GOOD), write(tmp_path, "b.yaml", text), "-f", "markdown", "--lang", "en")
    assert code == 1
    assert "<script>" not in out and "](javascript" not in out and "**x**" not in out and "@admin" not in out
    assert "&#60;script&#62;" in out and r"\| \*\*x\*\*" in out
    assert markdown_escape("a\n# b") == r"a \# b"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed for diff --since")
    monkeypatch.chdir(tmp_path)

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], check=True, capture_output=True
        )

    (tmp_path / "standar").mkdir()
    write(tmp_path / "standar", "ktp.yaml", TEXT)
    write(tmp_path, "ci.yml", "steps: []\n")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    write(tmp_path / "standar", "ktp.yaml", worse())
    write(
        tmp_path / "standar",
        "baru.yaml",
        TEXT.replace("id: dukcapil-kota-contoh/penerbitan-ktp-el", "id: baru/layanan"),
    )
    write(tmp_path, "ci.yml", "steps: [x]\n")
    git("add", ".")
    git("commit", "-q", "-m", "second")
    return tmp_path


def test_since_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "--since", "HEAD~1", "-f", "json", "--lang", "en")
    documents = {d["id"]: d for d in json.loads(out)["documents"]}
    assert code == 1
    assert set(documents) == {"dukcapil-kota-contoh/penerbitan-ktp-el", "baru/layanan"}
    assert documents["baru/layanan"]["status"] == "added" and not documents["baru/layanan"]["regression"]
    assert documents["dukcapil-kota-contoh/penerbitan-ktp-el"]["regression"]
    assert documents["dukcapil-kota-contoh/penerbitan-ktp-el"]["old_path"] == "HEAD~1:standar/ktp.yaml"


def test_since_path_and_bad_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, _ = run(capsys, "diff", "--since", "HEAD", "standar")
    assert code == 0
    code, _, err = run(capsys, "diff", "--since", "no-such-rev", "--lang", "en")
    assert code == 2 and "git rev-parse failed" in err
    code, _, _ = run(capsys, "diff", "--since", "--upload-pack=x", "--lang", "en")
    assert code == 2


def test_withdrawn_standard_counts_as_a_regression_in_every_format(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "rm", "-q", "standar/ktp.yaml"], check=True, capture_output=True)
    code, out, _ = run(capsys, "diff", "--since", "HEAD", "--lang", "en")
    assert code == 1
    assert out.endswith("1 standard(s) compared: 1 regression(s), 0 improvement(s), 0 other change(s).\n")
    assert "standard withdrawn (a regression" in out
    code, out, _ = run(capsys, "diff", "--since", "HEAD", "--lang", "id", "-f", "markdown")
    assert code == 1 and out.endswith("1 standar dibandingkan: 1 kemunduran, 0 perbaikan, 0 perubahan lain.\n")
    code, out, _ = run(capsys, "diff", "--since", "HEAD", "-f", "json")
    report = json.loads(out)
    assert code == report["exit_code"] == 1
    assert report["summary"] == {"regression": 1, "improvement": 0, "neutral": 0, "invalid": 0}
    assert report["documents"][0]["status"] == "removed" and report["documents"][0]["regression"]


def test_invalid_version_is_counted_in_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write(tmp_path, "b.yaml", TEXT.replace("  fees:\n", "  feez:\n"))
    code, out, _ = run(capsys, "diff", str(GOOD), broken, "--lang", "id")
    assert code == 1
    assert out.endswith(
        "1 standar dibandingkan: 0 kemunduran, 0 perbaikan, 0 perubahan lain. "
        "1 standar tidak dapat dibandingkan sebelum galat di atas diperbaiki.\n"
    )
    code, out, _ = run(capsys, "diff", str(GOOD), broken, "-f", "json")
    assert json.loads(out)["summary"]["invalid"] == 1


@pytest.mark.parametrize(
    ("lang", "fmt", "expected"),
    [
        ("id", "text", "skor turun: keseluruhan: 100,0 → 90,6"),
        ("en", "text", "score lower: overall: 100.0 → 90.6"),
        ("id", "markdown", "skor turun: keseluruhan: 100,0 → 90,6"),
        ("id", "json", "100.0"),
    ],
)
def test_scores_use_the_decimal_comma_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, fmt: str, expected: str
) -> None:
    code, out, _ = run(capsys, "diff", str(GOOD), write(tmp_path, "b.yaml", worse()), "--lang", lang, "-f", fmt)
    assert code == 1 and expected in out
    if fmt == "json":
        overall = next(c for c in json.loads(out)["documents"][0]["changes"] if c["subject"] == "overall")
        assert (overall["old"], overall["new"], overall["message"]) == (
            100.0,
            90.6,
            "skor turun: keseluruhan: 100,0 → 90,6",
        )


def test_format_1_1_shapes_compare_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Aliases read as their values, months compare, a fee `reference` and missing components are no crash."""
    maximal = (ROOT / "tests" / "fixtures" / "format-1.1" / "maximal.yaml").read_text(encoding="utf-8")
    longer = maximal.replace("{value: 5, unit: bulan, when: Klarifikasi}", "{value: 6, unit: bulan, when: Klarifikasi}")
    old, new = write(tmp_path, "lama.yaml", maximal), write(tmp_path, "baru.yaml", longer)
    code, out, err = run(capsys, "diff", old, new, "--lang", "en")
    assert (code, err) == (1, "")
    assert "REGRESSION: completion time longer (case: Klarifikasi): 5 months → 6 months" in out
    sheet = str(ROOT / "tests" / "fixtures" / "format-1.1" / "published-sheet.yaml")
    code, out, err = run(capsys, "diff", sheet, old, "--lang", "en")
    assert err == "" and "special service added: disability" in out
