"""`svcstd render`: citizen-facing money, durations and content; nothing internal; everything escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svcstd.cli.main import main
from svcstd.publication.official import qr_svg
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


FORMAT_1_1 = ROOT / "tests" / "fixtures" / "format-1.1"
REAL = sorted((ROOT / "tests" / "fixtures" / "real").glob("*.yaml"))


def normalised(path: Path) -> dict[str, object]:
    """The document as `render` gets it: Indonesian values read as the English ones."""
    from svcstd.standard.aliases import normalise

    value = normalise(data(path))
    assert isinstance(value, dict)
    return value


def test_every_format_1_1_shape_is_laid_out_on_the_citizen_page() -> None:
    page = standard_page([normalised(FORMAT_1_1 / "maximal.yaml")], "id")
    screen = page.split('<div class="official">')[0]
    for text in (
        "<strong>Identitas diri</strong> salah satu dari:",  # requirement alternatives
        "<li>Kartu pelajar</li>",
        "<strong>Ijazah</strong> (fotokopi dilegalisir, 2 rangkap)",  # certified copy
        "<strong>KTP</strong> (asli, ditahan sebagai jaminan)",  # collateral
        "<li>Berkas diperiksa",  # a passive step: no actor
        '<strong class="when">Jika: Pemeriksaan selesai</strong>',  # a branch, and one nested in it
        '<ol class="branch"><li><span class="actor">Petugas</span> Menyerahkan hasil<span class="dur">Sesuai antrean',
        '<strong class="when">Jika: Berkas tidak lengkap</strong> <ol class="branch">',
        'Mengambil surat keterangan <span class="note">(di Kepolisian Sektor Contoh)</span>',  # agency
        "Dilayani secara langsung: Perekaman biometrik",
        "<strong>Klarifikasi</strong>: 5 bulan",  # months, years, text-only durations
        "<strong>Banding</strong>: 1–2 tahun",
        "<strong>Layanan lain</strong>: Sesuai SLA",
        "Sesuai Lampiran PP 22/2023",  # fee reference, fee basis, coverage
        "Dasar tarif: Peraturan Daerah Kabupaten Contoh Nomor 1 Tahun 2024",
        "<h3>Penjaminan biaya</h3><ul><li><strong>BPJS Kesehatan</strong>: Pasien BPJS sesuai dengan haknya</li>",
        "<li><strong>Jamkesda</strong></li>",
        "Jadwal: Kotak saran dibuka setiap Senin dan Kamis",  # complaint channels, times, procedure
        '<ol class="steps"><li>Hubungi nomor pengaduan</li>',
        "<li><strong>Tanggapan awal</strong>: 2 hari kerja</li>",
        "<li><strong>Pengaduan ringan: Penyelesaian</strong>: 14 hari kerja</li>",
        "<h3>Tata cara penanganan pengaduan</h3>",
        "<li>Pengaduan ditindaklanjuti oleh unit terkait</li>",
        "Ditanggapi paling lama 14 hari",
        "Dipublikasikan melalui: Situs web, Papan pengumuman",  # maklumat publication and display
        "Dipajang di: Ruang tunggu",
        "<strong>2024</strong>: indeks 82,5, mutu pelayanan B",  # SKM
        "Tindak lanjut: Menambah loket pada jam sibuk",
        "<strong>Semester I 2025</strong></li>",
        "<h2>Kompensasi</h2><p>Dokumen diantar ke alamat pemohon tanpa biaya</p>",
        'Sistem informasi pelayanan: SIPPN — <a href="https://sippn.menpan.go.id">',
        "Usia 17 tahun ke atas",
        "<h3>Visi</h3><p>Terwujudnya pelayanan prima</p>",
        "<li>Mempermudah akses layanan</li>",
    ):
        assert text in screen, text
    assert "Versi" not in page  # no version in the document: none invented
    for internal in ("AED", "Petugas loket: jumlah", "Peraturan Pemerintah Nomor 96"):
        assert internal not in page  # management components are not published unless asked


def test_the_management_table_is_printed_when_asked_for_a_full_standard_only() -> None:
    full = standard_page([normalised(FORMAT_1_1 / "maximal.yaml")], "id", manufacturing=True)
    official = full.split('<div class="official">')[1]
    assert "<h2>Komponen penyampaian pelayanan</h2>" in official
    management = official.split("<h2>Komponen pengelolaan pelayanan</h2>")[1].split("</table>")[0]
    rows = re.findall(r'<td class="no">(\d)</td><th scope="row">([^<]+)</th>', management)
    assert [n for n, _ in rows] == list("12345678") and rows[0][1] == "Dasar hukum"
    for text in (
        "<li>Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik</li>",  # legal basis as text
        "<li>PP Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik (Pasal 1)</li>",  # structured
        "<li>AED (1 unit; rusak)</li>",  # facility condition
        "<li>Ramp (kondisi baik; untuk: penyandang disabilitas, lanjut usia)</li>",
        "<li>Mampu mengoperasikan komputer</li>",  # competence without a role
        "<li>Petugas loket: jumlah tidak disebutkan</li>",  # staffing shapes
        "<li>Perawat: 2–4 orang</li>",
        "<li>Setiap sif: 2 Perawat, 1 Dokter<br>",
        "<li>Kepala Dinas, bulanan</li>",
        "<p>Survei Kepuasan Masyarakat, semesteran</p>",
    ):
        assert text in management, text
    sheet = standard_page([normalised(FORMAT_1_1 / "published-sheet.yaml")], "id", manufacturing=True)
    assert "Komponen pengelolaan pelayanan" not in sheet


def test_a_missing_component_says_so_and_an_english_page_reads_in_english() -> None:
    document = normalised(FORMAT_1_1 / "published-sheet.yaml")
    delivery = document["delivery"]
    assert isinstance(delivery, dict)
    del delivery["fees"], delivery["complaints"]
    del document["provider"]
    page = standard_page([document], "en")
    official = page.split('<div class="official">')[1]
    assert official.count("Not stated in this standard.") == 2
    assert '<section class="fact fees"><h2>Fees</h2><p class="note missing">Not stated' in page
    english = standard_page([normalised(FORMAT_1_1 / "maximal.yaml")], "en")
    expected = ["any one of:", "certified photocopy", "held as a guarantee", "5 months", "1–2 years"]
    expected += ["As set in Lampiran PP 22/2023", "Acknowledgement", "index 82.5, grade B", "Aged 17 and over"]
    for text in expected:
        assert text in english, text


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_every_real_standard_renders_in_its_own_language_with_the_key_facts_first(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.html"
    code, _, err = run(capsys, "render", str(path), "-o", str(out), "--manufacturing")
    assert (code, err) == (0, "")
    page = out.read_text(encoding="utf-8")
    documents = [normalised(path)] if path.read_text(encoding="utf-8").count("\n---") == 0 else []
    language = str((documents[0] if documents else {"language": "id"}).get("language", "id")).split("-")[0]
    assert f'<html lang="{language}">' in page
    screen = page.split('<div class="official">')[0]
    facts, requirements = screen.index('<div class="facts">'), screen.index('<section class="requirements">')
    assert facts < requirements and screen.index('<section class="fact fees">') < requirements
    official = page.split('<div class="official">')[1]
    assert re.findall(r'<td class="no">(\d)</td>', official)[:6] == list("123456")
    assert not re.search(r'href="(?!https?://|tel:\+\d+"|mailto:[\w.+-]+@[\w.-]+"|sms:\+\d+")', page, re.I)


def test_a_real_folder_renders_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "render", str(ROOT / "tests" / "fixtures" / "real"), "-o", str(tmp_path / "site"))
    assert (code, err) == (0, "")
    pages = [p for p in (tmp_path / "site").iterdir() if p.name != "index.html"]
    assert len(pages) >= len(REAL)


def qr_modules(svg: str) -> list[list[int]]:
    """The dark modules the SVG draws (each path rectangle `M{x} {y}h{w}v1h-{w}z`), without the 4-module margin."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))  # type: ignore[union-attr]
    grid = [[0] * (size - 8) for _ in range(size - 8)]
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", svg):
        for column in range(int(x), int(x) + int(width)):
            grid[int(y) - 4][column - 4] = 1
    return grid


@pytest.mark.parametrize("url", ["https://contoh.go.id/sp/ktp.html", "https://x.id/" + "a" * 200])
def test_the_qr_code_draws_exactly_the_url_encoded(url: str) -> None:
    """The SVG's modules are segno's matrix for the URL, module for module, with its quiet zone."""
    import segno

    svg = qr_svg(url)
    expected = [[value & 1 for value in row] for row in segno.make(url, error="m", micro=False).matrix]
    assert qr_modules(svg) == expected
    assert qr_modules(qr_svg(url + "x")) != expected
    assert "<script" not in svg and "href" not in svg


def test_the_print_carries_a_qr_code_to_the_online_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.html"
    assert run(capsys, "render", str(GOOD), "-o", str(out), "--url", "https://contoh.go.id/ktp.html")[0] == 0
    official = out.read_text(encoding="utf-8").split('<div class="official">')[1]
    assert official.count("<svg") == 1 and "Versi daring: https://contoh.go.id/ktp.html" in official
    assert official.count("https://contoh.go.id/ktp.html") == 2  # the caption and the QR's accessible name
    site = tmp_path / "site"
    assert run(capsys, "render", str(EXAMPLES), "-o", str(site), "--url", "https://sp.contoh.go.id/")[0] == 1
    page = (site / "dukcapil-kota-contoh--penerbitan-ktp-el.html").read_text(encoding="utf-8")
    assert "https://sp.contoh.go.id/dukcapil-kota-contoh--penerbitan-ktp-el.html" in page
    assert "<svg" not in standard_page([data()], "id")  # no address, no code


@pytest.mark.parametrize("url", ["javascript:alert(1)", "contoh.go.id", "ftp://x.id"])
def test_a_url_that_is_not_http_is_misuse(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.html"
    code, _, err = run(capsys, "render", str(GOOD), "-o", str(out), "--url", url)
    assert code == 2 and "--url" in err and not out.exists()


def test_a_duration_note_that_repeats_the_shown_time_is_not_shown_twice() -> None:
    document = normalised(FORMAT_1_1 / "published-sheet.yaml")
    delivery = document["delivery"]
    assert isinstance(delivery, dict)
    delivery["completion_time"] = [
        {
            "when": "Respon tindakan oleh petugas",
            "text": "> 5 menit",
            "note": "Respon tindakan oleh petugas > 5 menit.",
        },
        {"when": "Lama tindakan", "value": 2, "unit": "hours", "note": "Paling lama 2 (dua) jam"},
    ]
    page = standard_page([document], "id").split('<div class="official">')[0]
    assert page.count("Respon tindakan oleh petugas") == 1
    assert '<p class="note">Paling lama 2 (dua) jam</p>' in page  # a note that says more stays
