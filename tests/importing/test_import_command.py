"""`svcstd import` end to end: files written with provenance, --report, exit codes, hostile input, URLs."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from svcstd.cli.main import main
from tests.conftest import ROOT
from tests.importing.test_fixtures import resolve

FIXTURES = ROOT / "tests" / "fixtures" / "import"
HOSTILE = FIXTURES / "hostile"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_writes_yaml_with_provenance_comments_and_a_sidecar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "bangilan-skck.docx"
    before = digest(source)
    code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path), "--lang", "en")
    assert (code, err) == (0, "")
    assert f"{tmp_path / 'bangilan-skck.yaml'}: STANDAR PELAYANAN PENGURUSAN SURAT" in out
    text = (tmp_path / "bangilan-skck.yaml").read_text(encoding="utf-8")
    assert "    - name: Gratis  # sumber: bangilan-skck.docx, tabel 1, baris 6, sel 3\n" in text
    document = yaml.safe_load(text)
    assert document["svcstd"] == "1.1" and document["delivery"]["fees"] == [{"name": "Gratis", "amount": 0}]
    sidecar = json.loads((tmp_path / "bangilan-skck.provenance.json").read_text(encoding="utf-8"))
    assert sidecar["pointers"]["/delivery/fees/0"] == {"file": "bangilan-skck.docx", "table": 1, "row": 6, "cell": "3"}
    for pointer in sidecar["pointers"]:
        resolve(document, pointer)  # every pointer names a value of the document
    assert digest(source) == before


def test_yaml_reads_back_equal_in_every_fixture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The hand-rolled emitter (comments on values) writes YAML that PyYAML reads as the document built."""
    from svcstd.importing.emit import to_yaml
    from svcstd.importing.run import import_target

    for source in sorted(FIXTURES.glob("*.*")):
        if source.suffix in (".docx", ".html", ".xlsx", ".pdf", ".odt"):
            for item in import_target(str(source)):
                assert yaml.safe_load(to_yaml(item)) == item.document


def test_phone_numbers_stay_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(FIXTURES / "pbg-pematangsiantar-sippn.html"), "-o", str(tmp_path))
    text = (tmp_path / "pbg-pematangsiantar-sippn.yaml").read_text(encoding="utf-8")
    assert "contact: '082164460854'" in text


def test_report_names_what_was_recognised_kept_as_text_and_not_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "import", str(FIXTURES / "perpustakaan-ntb.xlsx"), "-o", str(tmp_path), "--report", "--lang", "en"
    )
    assert code == 1
    assert (
        "  recognised: /delivery/fees from “Biaya Tarif” (perpustakaan-ntb.xlsx, lembar Standar Pelayanan, "
        "baris 6, sel A6)"
    ) in out
    assert (
        "  not understood, kept in /x-rows/0: “Informasi Selengkapnya” (perpustakaan-ntb.xlsx, "
        "lembar Standar Pelayanan, baris 15, sel A15)"
    ) in out
    assert out.endswith(
        "1 document(s) from 1 file(s); 0 file(s) could not be imported, 1 document(s) have parts not understood.\n"
    )
    code, out, _ = run(
        capsys, "import", str(FIXTURES / "sekadau-igd.html"), "-o", str(tmp_path), "--report", "--lang", "id"
    )
    assert code == 0
    assert "  disimpan sebagai teks: /delivery/completion_time\n" in out


@pytest.mark.parametrize(
    ("name", "english", "indonesian"),
    [
        ("berpassword.docx", "is password-protected", "dilindungi kata sandi"),
        ("berpassword.xlsx", "is password-protected", "dilindungi kata sandi"),
        ("berpassword.pdf", "is a password-protected PDF", "PDF yang dilindungi kata sandi"),
        ("rusak.docx", "is corrupted or truncated", "rusak atau terpotong"),
        ("terpotong.docx", "is corrupted or truncated", "rusak atau terpotong"),
        ("terpotong.xlsx", "is corrupted or truncated", "rusak atau terpotong"),
        ("terpotong.pdf", "is corrupted or truncated", "rusak atau terpotong"),
        ("bukan-pdf.pdf", "is corrupted or truncated", "rusak atau terpotong"),
        ("bom-zip.docx", "possible zip bomb", "mungkin bom zip"),
        ("pindaian.pdf", "run OCR on it first", "jalankan OCR terlebih dahulu"),
        ("bukan-standar.html", "no component of a service standard", "tidak ditemukan komponen standar pelayanan"),
        ("terpotong.odt", "is corrupted or truncated", "rusak atau terpotong"),
        ("entitas.odt", "a document type declaration", "rusak atau terpotong"),
        ("berpassword.odt", "password-protected OpenDocument", "OpenDocument yang dilindungi kata sandi"),
    ],
)
def test_hostile_input_is_a_clear_message_and_exit_1(
    name: str, english: str, indonesian: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = HOSTILE / name
    before = digest(source)
    for lang, words in (("en", english), ("id", indonesian)):
        code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path), "--lang", lang)
        assert code == 1
        assert err.startswith(f"svcstd import: {name}") and words in err, err
        assert "Traceback" not in err + out
    assert list(tmp_path.iterdir()) == []
    assert digest(source) == before


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "import",
        str(HOSTILE / "rusak.docx"),
        str(FIXTURES / "sekadau-igd.html"),
        "-o",
        str(tmp_path),
        "--lang",
        "en",
    )
    assert code == 1
    assert (tmp_path / "sekadau-igd.yaml").exists()
    assert "1 document(s) from 2 file(s); 1 file(s) could not be imported" in out


def test_a_huge_file_is_refused_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "besar.docx"
    with huge.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(25 * 1024 * 1024)
    code, _, err = run(capsys, "import", str(huge), "-o", str(tmp_path / "out"), "--lang", "en")
    assert code == 1 and "more than the 20971520 bytes" in err


def test_misuse_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "tidak-ada.docx"), "--lang", "en")
    assert code == 2 and "does not exist" in err
    file = tmp_path / "berkas"
    file.write_text("x")
    code, _, err = run(capsys, "import", str(FIXTURES / "sekadau-igd.html"), "-o", str(file), "--lang", "en")
    assert code == 2 and "is not a directory" in err
    code, _, err = run(capsys, "import", str(FIXTURES / "make.py"), "-o", str(tmp_path), "--lang", "en")
    assert code == 1 and "unknown file type" in err


@pytest.mark.usefixtures("without_docx")
def test_a_missing_extra_names_the_install_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(FIXTURES / "bangilan-skck.docx"), "-o", str(tmp_path), "--lang", "id")
    assert code == 1 and "pip install 'svcstd[import]'" in err and "belum ada: docx" in err


def test_check_does_not_load_the_import_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from svcstd.cli.main import main; main(['check', 'examples/dukcapil-ktp-el.yaml']);"
        "print(sorted(m for m in ('docx', 'openpyxl', 'pdfplumber', 'lxml') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads the result, not the server's log."""

    def do_GET(self) -> None:
        if self.path == "/ke-berkas":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/standar.docx")  # urllib itself would follow ftp
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture
def server() -> Iterator[str]:
    """A page server on 127.0.0.1 only, serving the fixtures, stopped after the test."""

    def handler(*args: Any, **kwargs: Any) -> _Handler:
        return _Handler(*args, directory=str(FIXTURES), **kwargs)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_imports_a_page_from_a_url(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", f"{server}/pbg-pematangsiantar-sippn.html", "-o", str(tmp_path))
    assert (code, err) == (0, "")
    document = yaml.safe_load((tmp_path / "pbg-pematangsiantar-sippn.yaml").read_text(encoding="utf-8"))
    assert document["delivery"]["products"] == [{"name": "Persetujuan Bangunan Gedung"}]


def test_refuses_a_redirect_to_another_scheme(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", f"{server}/ke-berkas", "-o", str(tmp_path), "--lang", "en")
    assert code == 1 and "which is not http(s): refused" in err


def test_an_unreachable_url_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = run(capsys, "import", f"http://127.0.0.1:{port}/x.html", "-o", str(tmp_path), "--lang", "en")
    assert code == 1 and "cannot fetch" in err


@pytest.mark.parametrize(
    ("real", "named"),
    [
        ("perpustakaan-ntb.xlsx", "salah.docx"),
        ("bangilan-skck.docx", "salah.xlsx"),
        ("bangilan-skck.docx", "salah.pdf"),
    ],
)
def test_a_file_of_another_type_under_the_extension(
    real: str, named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / named
    source.write_bytes((FIXTURES / real).read_bytes())
    code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path / "out"), "--lang", "en")
    assert code == 1 and err.startswith(f"svcstd import: {named} cannot be read as")
    assert "BytesIO" not in err and "Traceback" not in err + out


def test_a_table_nested_in_a_cell_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Persyaratan", "KTP"
    table.rows[1].cells[0].text = "Prosedur"
    nested = table.rows[1].cells[1].add_table(rows=2, cols=2)
    nested.rows[0].cells[0].text, nested.rows[0].cells[1].text = "Pemohon", "Mengisi formulir"
    nested.rows[1].cells[0].text, nested.rows[1].cells[1].text = "Petugas", "Memeriksa berkas"
    document.save(tmp_path / "bersarang.docx")
    code, _, err = run(capsys, "import", str(tmp_path / "bersarang.docx"), "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    imported = yaml.safe_load((tmp_path / "out" / "bersarang.yaml").read_text(encoding="utf-8"))
    assert imported["delivery"]["procedure"]["steps"] == [
        {"action": "Pemohon | Mengisi formulir"},
        {"action": "Petugas | Memeriksa berkas"},
    ]
