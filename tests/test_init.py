"""`svcstd init`: a valid, commented template in both languages that never overwrites a file by accident."""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svcstd import api
from svcstd.cli.main import main
from svcstd.model import DocumentResult
from svcstd.reading.loader import load_text
from svcstd.standard.template import new_standard, yaml_quote
from svcstd.validation.validate import load_schema

MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
SCHEMA_COMMAND = "svcstd schema -o schemas/service-standard.schema.json"
OFFLINE = {"id": "tanpa internet", "en": "offline"}
COMMENTS = {"id": "# Persyaratan: dokumen atau syarat", "en": "# Requirements: documents or conditions"}
MARKERS = {"id": "<<ISI:", "en": "<<FILL IN:"}


@pytest.fixture(autouse=True)
def not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check(path: Path) -> DocumentResult:
    [result] = api.check([str(path)], as_of=date(2026, 11, 27)).documents
    return result


@pytest.mark.parametrize("lang", ["id", "en"])
def test_template_is_valid_commented_and_marked(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "standar-pelayanan.yaml"
    code, _, err = run(
        capsys, "init", str(target), "--lang", lang, "--service", "Penerbitan KTP-el", "--provider", "Disdukcapil"
    )
    assert code == 0 and str(target) in err
    text = target.read_text(encoding="utf-8")
    assert MODELINE.match(text)
    assert COMMENTS[lang] in text and MARKERS[lang] in text
    result = check(target)
    assert result.valid, [f.message.en for f in result.findings]
    assert (result.id, result.title) == ("disdukcapil/penerbitan-ktp-el", "Penerbitan KTP-el")
    assert any(f.rule == "TRA090" and f.severity.value == "error" for f in result.findings)
    assert not result.passed


@pytest.mark.parametrize("lang", ["id", "en"])
def test_without_names_off_a_terminal_uses_placeholders(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "init", "-", "--lang", lang)
    assert code == 0
    [doc] = load_text(out)
    assert isinstance(doc.data, dict) and doc.data["title"].startswith(MARKERS[lang])
    assert doc.data["id"] == {"id": "kode-instansi/kode-layanan", "en": "provider-code/service-code"}[lang]
    (tmp_path / "s.yaml").write_text(out, encoding="utf-8")
    assert check(tmp_path / "s.yaml").valid


def test_asks_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["Legalisir Ijazah", "Dinas Pendidikan"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("typer.prompt", lambda *args, **kwargs: next(answers))
    assert run(capsys, "init", str(tmp_path / "a.yaml"), "--lang", "id")[0] == 0
    assert check(tmp_path / "a.yaml").id == "dinas-pendidikan/legalisir-ijazah"


def test_default_file_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "--lang", "id")[0] == 0
    assert (tmp_path / "standar-pelayanan.yaml").is_file()


def test_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "standar-pelayanan.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = run(capsys, "init", str(target), "--lang", "en")
    assert (code, out) == (2, "")
    assert "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run(capsys, "init", str(target), "--lang", "en", "--force")[0] == 0
    assert MODELINE.match(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_template_says_in_its_language_how_to_write_the_schema_it_names(lang: str) -> None:
    text = new_standard(lang)
    header = text[: text.index("\n\n")]
    assert f"#     {SCHEMA_COMMAND}\n" in header and OFFLINE[lang] in header
    assert "://" not in header


@pytest.mark.parametrize(
    ("repository", "cwd", "file", "modeline"),
    [
        (True, ".", "standar-pelayanan.yaml", "schemas/service-standard.schema.json"),
        (True, ".", "standar/ktp-el.yaml", "../schemas/service-standard.schema.json"),
        (True, "standar", "dinas/a/ktp-el.yaml", "../../../schemas/service-standard.schema.json"),
        (False, ".", "standar/ktp-el.yaml", "../schemas/service-standard.schema.json"),
    ],
)
def test_modeline_is_a_relative_path_to_the_schema_that_svcstd_schema_writes(
    repository: bool,
    cwd: str,
    file: str,
    modeline: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """yaml-language-server resolves a relative `$schema` from the file's folder; the schema is in the repository."""
    if repository:
        (tmp_path / ".git").mkdir()
    (tmp_path / cwd).mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path / cwd)
    code, _, err = run(capsys, "init", file, "--lang", "en")
    target = tmp_path / cwd / file
    match = MODELINE.match(target.read_text(encoding="utf-8"))
    assert code == 0 and match and match.group(1) == modeline
    assert f"svcstd schema -o {os.path.relpath(tmp_path / 'schemas/service-standard.schema.json')}" in err

    monkeypatch.chdir(tmp_path)
    assert run(capsys, *SCHEMA_COMMAND.split()[1:]) == (0, "", "")
    schema = json.loads((target.parent / modeline).read_text(encoding="utf-8"))
    assert schema == load_schema()
    monkeypatch.chdir(tmp_path / cwd)
    code, _, err = run(capsys, "init", file, "--lang", "id", "--force")
    assert code == 0 and "svcstd schema" not in err  # the schema is there now: no hint


def test_hostile_names_stay_data(tmp_path: Path) -> None:
    service = 'KTP" \n: {x}\ntitle: injected # <script>'
    [doc] = load_text(new_standard("id", service, "Dinas {service} \\ '"))
    assert not doc.findings
    assert isinstance(doc.data, dict)
    assert doc.data["title"] == service.strip()
    assert doc.data["provider"]["name"] == "Dinas {service} \\ '"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_yaml_quote_round_trips(value: str) -> None:
    [doc] = load_text(f"v: {yaml_quote(value)}\n")
    assert not doc.findings
    assert doc.data == {"v": value}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("option", "kind"), [("standard", "standard"), ("sheet", "published_sheet")])
def test_init_writes_format_1_1_of_either_kind(
    lang: str, option: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "s.yaml"
    code, _, _ = run(capsys, "init", str(target), "--kind", option, "--lang", lang, "--service", "A", "--provider", "B")
    assert code == 0
    text = target.read_text(encoding="utf-8")
    [doc] = load_text(text)
    assert isinstance(doc.data, dict)
    assert (doc.data["svcstd"], doc.data["kind"]) == ("1.1", kind)
    assert ("manufacturing" in doc.data) is (kind == "standard")
    assert ("pledge" in doc.data and "status" in doc.data) is (kind == "standard")
    delivery = {"requirements", "procedure", "completion_time", "fees", "products", "complaints"}
    assert set(doc.data["delivery"]) == delivery
    assert "#<standard>" not in text and "#</standard>" not in text and not text.endswith("\n\n")
    result = check(target)
    assert result.valid, [f.message.en for f in result.findings]
    assert not {"TRA009", "ACC010"} & {f.rule for f in result.findings}  # nothing of its kind is missing


def test_an_unknown_kind_is_misuse_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "init", str(tmp_path / "s.yaml"), "--kind", "lembar", "--lang", "id")
    assert code == 2 and "--kind harus standard atau sheet" in err
    assert not (tmp_path / "s.yaml").exists()
