"""Nothing a repository supplies reaches a terminal, a CI log or a page unescaped, in any command or format.

A hostile title, key, file name, grade label, configuration value or custom rule carries every class
of character a reader would obey: C0 and C1 controls, DEL, line separators (U+2028, U+2029, U+0085),
bidi controls, and GitHub workflow commands after a line break. Each output is searched for all of them.
A file name that is not UTF-8 goes through every format without a traceback, shown escaped.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.reporters import FORMATS
from tests.conftest import ROOT

GOOD = ROOT / "examples" / "dukcapil-ktp-el.yaml"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
PAYLOAD = (
    "T\x01\x07\x08\x0b\x0c\x1b[2J\x7f\x85\x9b31m\u2028\u2029"
    + BIDI
    + "\n::error::owned\r\n::add-mask::secret\n  ::stop-commands::tok\n##[error]legacy"
)
CONTROLS = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
FORBIDDEN = re.compile("[" + re.escape("".join(CONTROLS)) + "\r\u2028\u2029" + BIDI + "\ud800-\udfff]")
HOSTILE_NAME = "n\x1b[2J\u202e\x85\n::error::name.yaml"
ANNOTATION = re.compile(r"::(error|warning|notice) file=")
"""The only workflow commands svcstd writes itself: the github format's annotations."""


def assert_inert(output: str, fmt: str = "text") -> None:
    found = sorted({f"U+{ord(char):04X}" for char in FORBIDDEN.findall(output)})
    assert not found, f"{fmt}: {found}"
    for line in output.split("\n"):
        body = line.lstrip()
        if body.startswith(("::", "##[")):
            assert fmt.endswith("github") and ANNOTATION.match(line), f"{fmt}: a workflow command: {line[:120]!r}"


def hostile_document() -> str:
    """The example standard with PAYLOAD as its title and as an unknown key (quoted in SCH001's message)."""
    text = GOOD.read_text(encoding="utf-8")
    extra = f"\ntitle: {json.dumps(PAYLOAD)}\n{json.dumps('k' + PAYLOAD)}: 1\nx-old-title: "
    return text.replace("\ntitle: ", extra, 1)


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "standards"
    folder.mkdir()
    (folder / HOSTILE_NAME).write_text(hostile_document(), encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_check_shows_hostile_text_inertly_in_every_format(
    fmt: str, hostile_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Proven by mutation: before, json/sarif/gitlab kept C1, bidi and U+2028 raw, junit a `::error` line,
    github raw escape sequences in the message, text a path that starts a line with `::`."""
    assert main(["check", str(hostile_folder), "--format", fmt, "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "owned" in captured.out  # the text is shown ...
    assert_inert(captured.out + captured.err, fmt)  # ... never obeyed


def test_a_relative_name_never_starts_a_text_line_as_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check .` prints paths relative to the folder: a file named `::error::x.yaml` began a line."""
    (tmp_path / "::error::x.yaml").write_text(hostile_document(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "junit"):
        main(["check", ".", "--format", fmt, "--lang", "en"])
        assert_inert(capsys.readouterr().out, fmt)


def test_json_keeps_the_same_values(hostile_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON is data: the escapes are JSON's own, so a reader gets the title back exactly."""
    main(["check", str(hostile_folder), "--format", "json"])
    [doc] = json.loads(capsys.readouterr().out)["documents"]
    assert doc["title"] == PAYLOAD
    assert doc["path"].endswith(HOSTILE_NAME)


def test_step_summary_is_inert(
    hostile_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    main(["check", str(hostile_folder), "--format", "github"])
    capsys.readouterr()
    assert_inert(summary.read_text(encoding="utf-8"), "summary")


def test_report_and_diff_are_inert(hostile_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("report.md", "report.html"):
        assert main(["report", str(hostile_folder), "-o", str(tmp_path / name), "--lang", "en"]) == 0
        assert_inert((tmp_path / name).read_text(encoding="utf-8"), name)
    [path] = hostile_folder.iterdir()
    for fmt in ("text", "json", "markdown"):
        main(["diff", str(GOOD), str(path), "--format", fmt, "--lang", "en"])
        captured = capsys.readouterr()
        assert_inert(captured.out + captured.err, f"diff {fmt}")


def test_configuration_texts_are_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A grade label, an unknown key and a bad value from the configuration: printed raw before."""
    (tmp_path / "a.yaml").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    label = f"[[grades]]\nkey = 'A'\nmin = 0\nlabel_en = {json.dumps(PAYLOAD)}\nlabel_id = 'x'\n"
    configs = {"grades.toml": label, "key.toml": f"{json.dumps('k' + PAYLOAD)} = 1\n"}
    configs["value.toml"] = f"lang = {json.dumps(PAYLOAD)}\n"
    for name, text in configs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        for fmt in ("text", "github", "junit", "sarif"):
            main(["check", str(tmp_path / "a.yaml"), "--config", str(tmp_path / name), "--format", fmt])
            captured = capsys.readouterr()
            if fmt == "text" or name != "grades.toml":  # only text shows the grade
                assert "owned" in captured.out + captured.err, (name, fmt)
            assert_inert(captured.out + captured.err, f"{name} {fmt}")
    for name in ("report.md", "report.html"):  # the grade label in the reports' legends and tables
        code = main(
            ["report", str(tmp_path / "a.yaml"), "-o", str(tmp_path / name), "--config", str(tmp_path / "grades.toml")]
        )
        assert code == 0
        assert_inert((tmp_path / name).read_text(encoding="utf-8"), name)


CUSTOM_RULE = """\
id: DINAS-001
principle: transparency
severity: warning
weight: 2
title: {{en: {text}, id: {text}}}
message: {{en: {text}, id: {text}}}
fix: {{en: {text}, id: {text}}}
reference: {text}
where: /provider/phone
require: {{pattern: '^\\+99'}}
"""


def test_custom_rule_texts_are_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A custom rule's title, message, fix and reference in `rules`, `explain` and every check format."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "rule.yaml").write_text(CUSTOM_RULE.format(text=json.dumps(PAYLOAD)), encoding="utf-8")
    (tmp_path / "svcstd.toml").write_text('rule_paths = ["rules"]\n', encoding="utf-8")
    (tmp_path / "a.yaml").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    config = ["--config", str(tmp_path / "svcstd.toml")]
    commands = [["rules", "--format", fmt, *config] for fmt in ("text", "json")]
    commands.append(["explain", "DINAS-001", *config])
    commands += [["check", str(tmp_path / "a.yaml"), "--format", fmt, *config] for fmt in sorted(FORMATS)]
    for command in commands:
        main(command)
        captured = capsys.readouterr()
        assert "owned" in captured.out, command
        assert_inert(captured.out + captured.err, f"{command[0]} {command[-3]}")


# --- File names that are not UTF-8 -----------------------------------------------------------------------


@pytest.fixture
def undecodable(tmp_path: Path) -> Path:
    """A folder holding `café-\\xff.yaml` in Latin-1 bytes, an invalid standard (an unknown key)."""
    folder = tmp_path / "latin"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9-\xff.yaml")
    try:
        with open(name, "wb") as stream:
            stream.write(GOOD.read_bytes().replace(b"\ntitle: ", b"\nbogus: 1\ntitle: ", 1))
    except OSError:  # pragma: no cover - a file system that refuses such names
        pytest.skip("this file system refuses file names that are not UTF-8")
    return folder


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_non_utf8_names_in_every_format(
    fmt: str, undecodable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Proven by mutation: before, every format but junit and stdout text ended in a UnicodeEncodeError."""
    out = tmp_path / f"out.{fmt}"
    assert main(["check", str(undecodable), "--format", f"{fmt}={out}", "--lang", "en"]) == 1
    written = out.read_text(encoding="utf-8")
    assert_inert(written, fmt)
    if fmt == "sarif":
        assert "caf%E9-%FF.yaml" in written  # the URI names the bytes on disk
    elif fmt in ("text", "github", "junit"):
        assert "caf\\xe9-\\xff.yaml" in written
    elif fmt == "gitlab":
        assert "caf\\\\xe9-\\\\xff.yaml" in written  # shown escaped, inside JSON
    assert main(["check", str(undecodable), "--format", fmt, "--lang", "en"]) == 1
    assert_inert(capsys.readouterr().out, fmt)


def test_non_utf8_names_in_baseline_report_and_summary(
    undecodable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    main(["check", str(undecodable), "--write-baseline", str(baseline)])
    assert_inert(baseline.read_text(encoding="utf-8"), "baseline")
    assert main(["check", str(undecodable), "--baseline", str(baseline)]) == 0  # the name reads back
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", str(undecodable), "--format", "github"]) == 1
    assert "caf\\\\xe9" in summary.read_text(encoding="utf-8")  # Markdown's backslash escaped too
    previous = tmp_path / "previous.json"
    main(["check", str(undecodable), "--format", f"json={previous}"])
    for name in ("report.md", "report.html"):
        assert main(["report", str(undecodable), "-o", str(tmp_path / name), "--compare", str(previous)]) == 0
        assert_inert((tmp_path / name).read_text(encoding="utf-8"), name)
    capsys.readouterr()


# --- Interrupted writes ----------------------------------------------------------------------------------

SLOW_WRITER = """
import sys
from svcstd.cli.output import write_output

def chunks():
    yield "start\\n"
    print("WRITING", flush=True)
    sys.stdin.readline()  # the test sends SIGTERM while this waits
    yield "never\\n"

write_output(chunks(), __import__("pathlib").Path(sys.argv[1]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_while_writing_leaves_nothing_behind(tmp_path: Path) -> None:
    """Proven by mutation: without the SIGTERM handler, `.out.txt.XXXX` stayed in the folder."""
    target = tmp_path / "out.txt"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    assert process.stdout.readline() == "WRITING\n"
    assert next(p.name for p in tmp_path.iterdir()).startswith(".out.txt.")  # the temporary file exists
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 128 + signal.SIGTERM
    process.stdin.close()
    process.stdout.close()
    assert list(tmp_path.iterdir()) == []


def test_import_and_migrate_print_source_text_inertly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An imported page's title and labels, and a migrated file's name, were echoed raw."""
    page = (ROOT / "tests" / "fixtures" / "import" / "bangilan-skck.html").read_text(encoding="utf-8")
    hostile = PAYLOAD.replace("<", "").replace("&", "")
    page = page.replace("STANDAR PELAYANAN PENGURUSAN", f"STANDAR {hostile} PENGURUSAN", 1)
    page = page.replace("Persyaratan", f"Persyaratan {hostile}", 1)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    main(["import", str(tmp_path / "page.html"), "-o", str(tmp_path / "out"), "--report", "--lang", "en"])
    captured = capsys.readouterr()
    assert "owned" in captured.out
    assert_inert(captured.out + captured.err, "import")
    (tmp_path / HOSTILE_NAME).write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    main(["migrate", str(tmp_path / HOSTILE_NAME), "--lang", "en"])
    captured = capsys.readouterr()
    assert "name.yaml" in captured.out
    assert_inert(captured.out + captured.err, "migrate")
