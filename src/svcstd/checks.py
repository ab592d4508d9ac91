"""The one registry of the ids that are not rules: reading (YML), schema (SCH), waiver (WVR) and gate (GAT) checks.

The loader, the validator, the engine and the gate emit these ids; every report names and explains them from here.
"""

from __future__ import annotations

from typing import NamedTuple

from svcstd.model import RuleInfo, Severity, Text

PREFIXES = {"YML": "reading", "SCH": "schema", "WVR": "waiver", "GAT": "gate"}
"""Each family's id prefix and kind."""

UNWAIVABLE = ("YML", "SCH", "WVR", "GAT")
"""No waiver can switch these off: they say whether a document could be judged at all, or the gate itself."""


def kind_of(check_id: str) -> str | None:
    """`reading`, `schema`, `waiver` or `gate` for a built-in check id; None for a rule id."""
    return PREFIXES.get(check_id[:3]) if len(check_id) == 6 and check_id[3:].isdigit() else None


def is_check(check_id: str) -> bool:
    return kind_of(check_id) is not None


class BuiltinCheck(NamedTuple):
    """A reading, schema, waiver or gate check: not a rule, but its id appears in reports like one."""

    id: str
    kind: str
    severity: Severity
    title: Text
    trigger: Text
    fix: Text


def _check(check_id: str, kind: str, severity: Severity, *pairs: tuple[str, str]) -> BuiltinCheck:
    title, trigger, fix = (Text(*pair) for pair in pairs)
    return BuiltinCheck(check_id, kind, severity, title, trigger, fix)


_ERROR, _WARNING = Severity.ERROR, Severity.WARNING

# fmt: off
BUILTIN_CHECKS: tuple[BuiltinCheck, ...] = (
    _check("YML001", "reading", _ERROR,
        ("The file cannot be read", "Berkas tidak dapat dibaca"),
        ("The file cannot be opened or read: permission is denied, a link is broken, or the path is a folder, pipe "
         "or device rather than a regular file.",
         "Berkas tidak dapat dibuka atau dibaca: izin aksesnya ditolak, tautannya rusak, atau path tersebut berupa "
         "folder, pipe, atau perangkat, bukan berkas biasa."),
        ("Check the path and the file's permissions; name a regular YAML file.",
         "Periksa path dan izin akses berkas; tunjuk berkas YAML biasa.")),
    _check("YML002", "reading", _ERROR,
        ("The file is not UTF-8 text", "Berkas bukan teks UTF-8"),
        ("The file is saved in another encoding (Latin-1, Windows-1252, UTF-16 or UTF-32), or holds a NUL byte "
         "and so is a binary file.",
         "Berkas disimpan dengan pengodean lain (Latin-1, Windows-1252, UTF-16, atau UTF-32), atau memuat bita NUL "
         "sehingga merupakan berkas biner."),
        ("Save the file as UTF-8 text in your editor.",
         "Simpan ulang berkas sebagai teks UTF-8 melalui penyunting teks Anda.")),
    _check("YML003", "reading", _ERROR,
        ("The YAML cannot be read", "YAML tidak dapat dibaca"),
        ("The text is not valid YAML (indentation, a missing colon or an unclosed quote), a key is a list or "
         "mapping, or an alias refers to an anchor that is undefined or contains it.",
         "Teksnya bukan YAML yang sah (indentasi, titik dua yang hilang, atau tanda kutip yang tidak ditutup), ada "
         "kunci berupa daftar atau pemetaan, atau alias merujuk ke jangkar yang belum didefinisikan atau yang "
         "memuat alias itu sendiri."),
        ("Correct the YAML at the line and column shown; write keys as plain text.",
         "Perbaiki YAML pada baris dan kolom yang ditunjukkan; tulis kunci sebagai teks biasa.")),
    _check("YML004", "reading", _ERROR,
        ("Duplicate key", "Kunci ganda"),
        ("The same key appears twice in one mapping; YAML keeps only one of them, silently.",
         "Kunci yang sama muncul dua kali dalam satu pemetaan; YAML hanya menyimpan salah satunya tanpa "
         "memberi tahu."),
        ("Keep one of the two entries, merging their content if both are needed.",
         "Pertahankan salah satu isian, dan gabungkan isinya jika keduanya diperlukan.")),
    _check("YML005", "reading", _ERROR,
        ("Tag or merge key not allowed", "Tag atau kunci gabungan tidak diizinkan"),
        ("A value carries a tag (`!something`) other than the plain YAML types, a tagged value does not fit its "
         "tag, or a merge key (`<<`) is used, which YAML 1.2 does not have.",
         "Suatu nilai memakai tag (`!sesuatu`) selain tipe YAML biasa, nilai bertag tidak sesuai dengan tagnya, "
         "atau dipakai kunci gabungan (`<<`), yang tidak ada dalam YAML 1.2."),
        ("Remove the tag and write plain values; write merged keys out in full.",
         "Hapus tag dan tulis nilai biasa; tuliskan kunci yang digabung secara lengkap.")),
    _check("YML006", "reading", _ERROR,
        ("Over a reading limit", "Melebihi batas pembacaan"),
        ("The file is larger than `max_file_bytes`, nested deeper than `max_depth`, holds more than `max_nodes` "
         "values once aliases are expanded, or more than `max_documents` documents (the [limits] table of the "
         "configuration).",
         "Berkas lebih besar daripada `max_file_bytes`, bersarang lebih dalam daripada `max_depth`, memuat lebih "
         "dari `max_nodes` nilai setelah alias diuraikan, atau lebih dari `max_documents` dokumen (tabel [limits] "
         "dalam konfigurasi)."),
        ("Split or simplify the file; raise the limit in [limits] only for a file you trust.",
         "Pecah atau sederhanakan berkas; naikkan batas di [limits] hanya untuk berkas yang Anda percayai.")),
    _check("YML007", "reading", _ERROR,
        ("Not a service standard", "Bukan standar pelayanan"),
        ("The document is a list or a single value rather than a mapping of keys, or a file named on the command "
         "line holds no YAML document at all.",
         "Dokumen berupa daftar atau satu nilai, bukan pemetaan kunci, atau berkas yang disebut pada baris "
         "perintah sama sekali tidak memuat dokumen YAML."),
        ("Write the standard as `key: value` lines, starting with `svcstd: \"1.1\"` (`svcstd init` writes one).",
         "Tulis standar sebagai baris-baris `kunci: nilai`, diawali `svcstd: \"1.1\"` (`svcstd init` membuatkan "
         "contohnya).")),
    _check("YML008", "reading", _ERROR,
        ("Shared file not found or not readable", "Berkas bersama tidak ditemukan atau tidak dapat dibaca"),
        ("A file named in `uses` (format 1.1 shared parts) does not exist, cannot be read, or is a folder, pipe, "
         "device or socket rather than a regular file.",
         "Berkas yang disebut pada `uses` (bagian bersama format 1.1) tidak ada, tidak dapat dibaca, atau berupa "
         "folder, pipe, perangkat, atau soket, bukan berkas biasa."),
        ("Correct the path: it is relative to the document's folder.",
         "Perbaiki path-nya: path itu relatif terhadap folder dokumen.")),
    _check("YML009", "reading", _ERROR,
        ("Shared file outside the repository", "Berkas bersama di luar repositori"),
        ("A file named in `uses` lies outside the repository (the folder of the configuration file or of `.git`): "
         "an absolute path, a path that climbs out with `..`, or a symbolic link that leads out.",
         "Berkas yang disebut pada `uses` berada di luar repositori (folder berkas konfigurasi atau `.git`): path "
         "absolut, path yang keluar melalui `..`, atau tautan simbolik yang mengarah ke luar."),
        ("Keep shared files in the repository and name them by a relative path.",
         "Simpan berkas bersama di dalam repositori dan sebut dengan path relatif.")),
    _check("YML010", "reading", _ERROR,
        ("Shared files use each other in a cycle", "Berkas bersama saling memakai secara melingkar"),
        ("A shared file takes parts, directly or through other shared files, from a file that takes parts from "
         "it.",
         "Suatu berkas bersama mengambil bagian, langsung atau melalui berkas bersama lain, dari berkas yang "
         "mengambil bagian darinya."),
        ("Remove one `uses` entry of the cycle named in the message.",
         "Hapus salah satu butir `uses` pada lingkaran yang disebut dalam pesan temuan.")),
    _check("SCH001", "schema", _ERROR,
        ("Unknown key", "Kunci tidak dikenal"),
        ("A key that the format does not define, often a misspelling.",
         "Kunci yang tidak didefinisikan dalam format, sering kali karena salah ketik."),
        ("Correct the spelling (the message suggests the closest key) or remove the key; keys of your own must "
         "start with `x-`.",
         "Perbaiki ejaannya (pesan temuan menyarankan kunci yang paling mirip) atau hapus kunci itu; kunci tambahan "
         "milik instansi sendiri harus diawali `x-`.")),
    _check("SCH002", "schema", _ERROR,
        ("Required key missing", "Kunci wajib belum ada"),
        ("A mapping lacks one or more keys that the format requires.",
         "Suatu pemetaan belum memuat satu atau beberapa kunci yang diwajibkan format."),
        ("Add the keys named in the message, with their content.",
         "Tambahkan kunci yang disebut dalam pesan temuan, beserta isinya.")),
    _check("SCH003", "schema", _ERROR,
        ("Wrong type of value", "Jenis nilai salah"),
        ("A value has the wrong type: text where a number is expected, a single value where a list is expected, "
         "or a number or `yes` where text is expected.",
         "Jenis nilainya salah: teks di tempat angka, satu nilai di tempat daftar, atau angka maupun `yes` di "
         "tempat teks."),
        ("Write the value as the message says; put text that looks like a number in quotes.",
         "Tulis nilainya sesuai petunjuk pesan temuan; apit dengan tanda kutip teks yang tampak seperti angka.")),
    _check("SCH004", "schema", _ERROR,
        ("Value not allowed", "Nilai tidak diperbolehkan"),
        ("A value is not one of those the format allows for this key.",
         "Nilainya tidak termasuk nilai yang diperbolehkan format untuk kunci ini."),
        ("Use one of the allowed values listed in the message.",
         "Gunakan salah satu nilai yang diperbolehkan, sebagaimana tercantum dalam pesan temuan.")),
    _check("SCH005", "schema", _ERROR,
        ("Not a valid date, web address or email address", "Tanggal, alamat web, atau surel tidak sah"),
        ("A date is not a real YYYY-MM-DD date, a web address is incomplete, or an email address is not of the "
         "form name@domain.",
         "Tanggal bukan tanggal TTTT-BB-HH yang benar-benar ada, alamat web tidak lengkap, atau alamat surel tidak "
         "berbentuk nama@domain."),
        ("Write the date as YYYY-MM-DD, the full address starting with https://, or name@domain.",
         "Tulis tanggal sebagai TTTT-BB-HH, alamat web lengkap diawali https://, atau alamat surel nama@domain.")),
    _check("SCH006", "schema", _ERROR,
        ("Value of the wrong form", "Bentuk nilai tidak sesuai"),
        ("A value does not have the required form: the format version, the service code, a time of day (HH:MM), "
         "a language or currency code, or a rule id in a waiver.",
         "Bentuk nilainya tidak sesuai ketentuan: versi format, kode layanan, jam (JJ:MM), kode bahasa atau mata "
         "uang, atau kode aturan dalam pengecualian."),
        ("Write the value in the form the message describes.",
         "Tulis nilainya dalam bentuk yang dijelaskan pesan temuan.")),
    _check("SCH007", "schema", _ERROR,
        ("Empty, too short or out of range", "Kosong, kurang, atau di luar batas"),
        ("A list or text is empty, a list has too few or too many entries, or a number is out of its range.",
         "Daftar atau teks masih kosong, jumlah butir daftar kurang atau berlebih, atau angka berada di luar "
         "batasnya."),
        ("Fill in, add or remove entries, or correct the number, as the message says.",
         "Isi, tambahkan, atau hapus butirnya, atau perbaiki angkanya, sesuai pesan temuan.")),
    _check("SCH008", "schema", _ERROR,
        ("Exactly one of the alternatives is needed", "Harus tepat salah satu pilihan"),
        ("A mapping that needs exactly one of several alternatives (a fee's `amount` or its `formula`) has none "
         "of them complete, or more than one.",
         "Pemetaan yang harus memuat tepat satu dari beberapa pilihan (misalnya `amount` atau `formula` pada "
         "biaya) tidak memuat satu pun secara lengkap, atau memuat lebih dari satu."),
        ("Keep exactly one of the alternatives named in the message, complete.",
         "Pertahankan tepat satu pilihan yang disebut dalam pesan temuan, dan lengkapi isinya.")),
    _check("SCH009", "schema", _ERROR,
        ("Unsupported format version", "Versi format tidak didukung"),
        ("`svcstd` names a major format version other than 1; the rest of the document is not checked.",
         "`svcstd` menyebut versi utama format selain 1; bagian dokumen lainnya tidak diperiksa."),
        ("Set `svcstd: \"1.1\"` and follow format 1.1, or use a svcstd release that reads that version.",
         "Ubah menjadi `svcstd: \"1.1\"` dan ikuti format 1.1, atau gunakan rilis svcstd yang dapat membaca versi "
         "tersebut.")),
    _check("SCH010", "schema", _ERROR,
        ("Duration range runs backwards", "Rentang durasi terbalik"),
        ("A duration's `min` is larger than its `max`.",
         "Nilai `min` suatu durasi lebih besar daripada `max`-nya."),
        ("Swap the two numbers or correct them.", "Tukar kedua angka itu atau perbaiki nilainya.")),
    _check("SCH011", "schema", _ERROR,
        ("Shared part not usable", "Bagian bersama tidak dapat dipakai"),
        ("A file named in `uses` is not a shared file (one YAML mapping starting with `svcstd-shared: \"1.1\"`), "
         "lacks a part the document names, or gives a part the document also gives itself.",
         "Berkas yang disebut pada `uses` bukan berkas bersama (satu pemetaan YAML yang diawali "
         "`svcstd-shared: \"1.1\"`), tidak memuat bagian yang disebut dokumen, atau memuat bagian yang juga dimuat "
         "dokumen itu sendiri."),
        ("Correct the shared file or the `parts` list; keep each part in one place only.",
         "Perbaiki berkas bersama atau daftar `parts`; simpan setiap bagian di satu tempat saja.")),
    _check("WVR001", "waiver", _WARNING,
        ("Waiver expired", "Pengecualian sudah berakhir"),
        ("A waiver's `until` date is before the date judged against (`--as-of`, default today); the rule it "
         "waived applies again.",
         "Tanggal `until` suatu pengecualian sudah lewat dari tanggal acuan penilaian (`--as-of`, bawaannya hari "
         "ini); aturan yang dikecualikan berlaku kembali."),
        ("Fix the problem the rule reports, or renew the waiver with a new approval and a new `until`.",
         "Perbaiki masalah yang dilaporkan aturan itu, atau perbarui pengecualian dengan persetujuan dan tanggal "
         "`until` yang baru.")),
    _check("WVR002", "waiver", _ERROR,
        ("Waiver for an unknown rule", "Pengecualian untuk aturan yang tidak dikenal"),
        ("A waiver names a rule id that no rule has (a misspelling, or a custom rule that is not loaded).",
         "Pengecualian menyebut kode aturan yang tidak dimiliki aturan mana pun (salah ketik, atau aturan tambahan "
         "yang tidak dimuat)."),
        ("Copy the rule id from the report or from `svcstd rules`.",
         "Salin kode aturan dari laporan atau dari `svcstd rules`.")),
    _check("WVR003", "waiver", _ERROR,
        ("This check cannot be waived", "Pemeriksaan ini tidak dapat dikecualikan"),
        ("A waiver names a reading, schema or waiver check (`YML`, `SCH`, `WVR`).",
         "Pengecualian menyebut pemeriksaan pembacaan, skema, atau pengecualian (`YML`, `SCH`, `WVR`)."),
        ("Remove the waiver and correct the document instead.",
         "Hapus pengecualian itu dan perbaiki dokumennya.")),
    _check("GAT001", "gate", _ERROR,
        ("Overall score below fail_under", "Skor keseluruhan di bawah fail_under"),
        ("The document's overall score is below `fail_under` (configuration or `--fail-under`).",
         "Skor keseluruhan dokumen berada di bawah `fail_under` (konfigurasi atau `--fail-under`)."),
        ("Fix what the findings report to raise the score, or agree on a lower `fail_under`.",
         "Perbaiki hal-hal yang dilaporkan temuan agar skornya naik, atau sepakati `fail_under` yang lebih "
         "rendah.")),
    _check("GAT002", "gate", _ERROR,
        ("A principle's score below min_principle", "Skor suatu prinsip di bawah min_principle"),
        ("A principle's score is below its `min_principle` minimum in the configuration.",
         "Skor suatu prinsip berada di bawah batas `min_principle` untuk prinsip itu dalam konfigurasi."),
        ("Fix the findings of that principle's rules (`svcstd explain RULE` says how), or agree on a lower "
         "minimum.",
         "Perbaiki temuan dari aturan-aturan prinsip itu (`svcstd explain RULE` menjelaskan caranya), atau sepakati "
         "batas minimum yang lebih rendah.")),
)
# fmt: on


CHECKS_BY_ID = {check.id: check for check in BUILTIN_CHECKS}


def check_info(check: BuiltinCheck) -> RuleInfo:
    """The check as a report carries it."""
    return RuleInfo(check.id, check.kind, check.severity, check.title, check.fix, description=check.trigger)


CHECK_INFOS: tuple[RuleInfo, ...] = tuple(check_info(check) for check in BUILTIN_CHECKS)
