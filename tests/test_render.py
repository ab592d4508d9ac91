"""`svcstd render`: citizen-facing money, durations and content; nothing internal; everything escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.publication.page import (
    contact_link,
    duration_words,
    fee_words,
    money,
    page_language,
    page_name,
    safe_url,
    standard_page,
)
from svcstd.reading.loader import load_text
from tests.conftest import ROOT

EXAMPLES = ROOT / "tests" / "fixtures" / "format-1.0"  # the examples as 1.0: the page does not lay out 1.1 yet
GOOD = EXAMPLES / "dukcapil-ktp-el.yaml"


def data(path: Path = GOOD, text: str | None = None) -> dict[str, object]:
    [doc] = load_text(text if text is not None else path.read_text(encoding="utf-8"))
    assert isinstance(doc.data, dict)
    return doc.data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("amount", "expected"), [(0, "Rp0"), (500, "Rp500"), (10000, "Rp10.000"), (1250000, "Rp1.250.000")]
)
def test_money(amount: int, expected: str) -> None:
    assert money(amount) == expected


def test_fees_in_words() -> None:
    assert fee_words({"name": "x", "amount": 0}, "id") == "Tidak dipungut biaya"
    assert fee_words({"name": "x", "amount": 0}, "en") == "Free of charge"
    assert fee_words({"name": "x", "amount": 350000}, "id") == "Rp350.000"
    assert fee_words({"name": "x", "formula": "Luas x tarif"}, "id") == "Dihitung dengan rumus: Luas x tarif"


@pytest.mark.parametrize(
    ("duration", "lang", "expected"),
    [
        ({"value": 1, "unit": "working_days"}, "id", "1 hari kerja"),
        ({"min": 1, "max": 14, "unit": "working_days"}, "id", "1–14 hari kerja"),
        ({"value": 1, "unit": "working_days"}, "en", "1 working day"),
        ({"value": 30, "unit": "minutes"}, "en", "30 minutes"),
        ({"value": 1.5, "unit": "hours"}, "id", "1,5 jam"),
    ],
)
def test_durations_in_words(duration: dict[str, object], lang: str, expected: str) -> None:
    assert duration_words(duration, lang) == expected


def test_page_shows_delivery_and_never_manufacturing() -> None:
    page = standard_page([data()], "id")
    for text in (
        "Persyaratan",
        "Tidak dipungut biaya",
        "1 hari kerja",
        "Maklumat pelayanan",
        "Senin",
        '<ol class="steps">',
    ):
        assert text in page
    for internal in (
        "Petugas loket, count",
        "Pelatihan operator",
        "Inspektorat Kota Contoh",
        "APAR",
        "Lulus pelatihan",
    ):
        assert internal not in page
    assert "@page{size:A4" in page and "width=device-width" in page
    assert "<h3>Jika: KTP-el hilang</h3>" in page


def test_formula_fee_and_per_case_times() -> None:
    page = standard_page([data(EXAMPLES / "dpmptsp-pbg.yaml")], "id")
    assert "Dihitung dengan rumus: Luas total lantai" in page
    assert "3–25 hari kerja" in page and "Rp" not in page.split("Biaya/tarif")[1].split("</section>")[0]


def test_hostile_content_is_escaped() -> None:
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("title: Penerbitan", "title: <script>alert(1)</script> Penerbitan", 1)
    text = text.replace("website: https://disdukcapil.contoh.go.id", 'website: "javascript:alert(1)"', 1)
    text = text.replace(
        "contact: https://www.lapor.go.id", 'contact: "https://x.id/\\"><img src=x onerror=alert(1)>"', 1
    )
    text = text.replace(
        "online_url: https://disdukcapil.contoh.go.id/antrean", "online_url: JavaScript://x.id/%0aalert(1)", 1
    )
    page = standard_page([data(text=text)], "en")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r'href="(?!https?://|tel:\+\d+"|mailto:[\w.+-]+@[\w.-]+"|sms:\+\d+")', page, re.IGNORECASE)
    assert "<img" not in page and "onerror=alert(1)&gt;" in page
    assert "script-src 'none'" in page


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "JAVASCRIPT:x", "data:text/html,x", "//x.id", "http://", "https://a b"]
)
def test_unsafe_urls_are_not_links(value: str) -> None:
    assert safe_url(value) is None


def test_page_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert page_name("dukcapil/ktp-el", taken) == "dukcapil--ktp-el.html"
    assert page_name("dukcapil/ktp-el", taken) == "dukcapil--ktp-el-2.html"
    assert page_name("index", taken) == "index-2.html"
    assert "/" not in page_name("a/../../etc", taken)


def test_file_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ktp.html"
    assert run(capsys, "render", str(GOOD), "-o", str(out), "--lang", "en")[0] == 0
    assert "Free of charge" in out.read_text(encoding="utf-8")


def test_folder_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "render", str(EXAMPLES), "-o", str(tmp_path / "site"), "--lang", "id")
    assert code == 1 and "perpustakaan-draf.yaml" in err and "SCH" in err
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (tmp_path / "site").iterdir())
    assert "dukcapil-kota-contoh--penerbitan-ktp-el.html" in pages and len(pages) == 7
    assert '<a href="dukcapil-kota-contoh--penerbitan-ktp-el.html">' in index
    assert "<h2>Dinas Kependudukan dan Pencatatan Sipil Kota Contoh</h2>" in index
    assert '<p id="search" hidden>' in index and "<script>" in index
    assert "Perpustakaan" not in index


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "render", str(tmp_path / "nope"), "-o", str(tmp_path / "x.html"))[0] == 2


def test_contacts_are_tappable_only_when_they_have_the_exact_shape() -> None:
    page = standard_page([data()], "id")
    assert '<a href="tel:+62274512345">0274-512345</a>' in page
    assert '<a href="https://wa.me/6281227504411">+62 812-2750-4411</a>' in page
    assert '<a href="mailto:pengaduan.disdukcapil@contoh.go.id">' in page
    assert contact_link("phone", "tanya di loket") == "tanya di loket"
    assert contact_link("email", 'x@y.id" onclick="a') == "x@y.id&quot; onclick=&quot;a"


def test_key_facts_come_first_and_the_procedure_is_numbered_steps_with_actor_and_duration() -> None:
    page = standard_page([data()], "id").split('<div class="official">')[0]
    order = [
        page.index(text) for text in ("Biaya/tarif", "Jangka waktu penyelesaian", "Waktu pelayanan", "Persyaratan")
    ]
    assert order == sorted(order)
    assert '<li><span class="actor">Pemohon</span>' in page and '<span class="dur">2 menit</span>' in page


def test_the_print_is_the_official_six_component_table_and_a_pledge_poster() -> None:
    page = standard_page([data()], "id")
    official = page.split('<div class="official">')[1]
    heads = re.findall(r'<th scope="col">([^<]+)</th>', official)
    components = re.findall(r'<td class="no">(\d)</td><th scope="row">([^<]+)</th>', official)
    assert heads == ["No", "Komponen", "Uraian"] and [n for n, _ in components] == list("123456")
    assert components[0][1] == "Persyaratan" and components[5][1] == "Pengaduan, saran, dan masukan"
    assert '<section class="poster"><h2>MAKLUMAT PELAYANAN</h2>' in official
    assert "attr(href)" not in page  # the address is printed once, as the text it already is


def test_the_page_speaks_the_documents_language_unless_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.html"
    english = tmp_path / "en.yaml"
    english.write_text(GOOD.read_text(encoding="utf-8").replace("language: id", "language: en"), encoding="utf-8")
    assert run(capsys, "render", str(GOOD), "-o", str(out))[0] == 0
    assert '<html lang="id">' in out.read_text(encoding="utf-8")
    assert run(capsys, "render", str(english), "-o", str(out))[0] == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert run(capsys, "render", str(GOOD), "-o", str(out), "--lang", "en")[0] == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert page_language({"language": "jv"}, None, "en") == "en" and page_language({}, None, "en") == "id"


def test_a_format_1_1_standard_is_left_out_with_a_reason_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page does not lay out 1.1 shapes yet (passive steps, text-only durations): said, and exit 1."""
    maximal = ROOT / "tests" / "fixtures" / "format-1.1" / "maximal.yaml"
    page = tmp_path / "page.html"
    code, out, err = run(capsys, "render", str(maximal), "-o", str(page), "--lang", "en")
    assert (code, out) == (1, "")
    assert err == (
        f"{maximal}: not rendered: the page does not lay out format 1.1 documents yet (passive and branching "
        f"steps, text-only durations, months and years); svcstd check {maximal} judges them.\n"
    )
    assert not page.exists()
