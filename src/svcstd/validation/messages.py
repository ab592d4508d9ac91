"""What the schema findings say, in English and Indonesian: one message per kind of problem, and per pattern."""

from __future__ import annotations

from svcstd.i18n import Catalog

# fmt: off
MESSAGES = Catalog("validation", {
    "unknown_key": (
        "{field} contains an unknown key `{key}`. Correct its spelling or remove it; keys of your own must start "
        "with `x-`.",
        "{field} memuat kunci `{key}` yang tidak dikenal. Perbaiki ejaannya atau hapus kunci itu; kunci tambahan "
        "milik instansi sendiri harus diawali `x-`."),
    "unknown_key_suggest": (
        "{field} contains an unknown key `{key}`. Did you mean {suggestion}? Correct the spelling, or remove the "
        "key.",
        "{field} memuat kunci `{key}` yang tidak dikenal. Mungkin maksud Anda {suggestion}? Perbaiki ejaannya atau "
        "hapus kunci itu."),
    "unknown_key_required": (
        "{field} contains `{key}`, which is not a known key. Did you mean the required key {suggestion}? Correct "
        "the spelling: the key must be present.",
        "{field} memuat `{key}`, yang bukan kunci yang dikenal. Mungkin maksud Anda kunci wajib {suggestion}? "
        "Perbaiki ejaannya: kunci itu wajib ada."),
    "missing_one": (
        "{field} is missing {missing}, which is required. Add it with its content.",
        "{field} belum memuat {missing}, padahal wajib ada. Tambahkan kunci itu beserta isinya."),
    "missing_many": (
        "{field} is missing required keys: {missing}. Add them with their content.",
        "{field} belum memuat kunci wajib berikut: {missing}. Tambahkan kunci-kunci itu beserta isinya."),
    "wrong_type": (
        "{field} must be {expected}, but it is {found}. {hint}",
        "{field} harus berupa {expected}, tetapi isinya {found}. {hint}"),
    "enum": (
        "{field} cannot be `{value}`. Use one of: {allowed}.",
        "{field} tidak boleh bernilai `{value}`. Gunakan salah satu dari: {allowed}."),
    "enum_suggest": (
        "{field} cannot be `{value}`. Did you mean `{suggestion}`? Allowed values: {allowed}.",
        "{field} tidak boleh bernilai `{value}`. Mungkin maksud Anda `{suggestion}`? Nilai yang diperbolehkan: "
        "{allowed}."),
    "format.date": (
        "{field} is not a valid date: `{value}`. Write the date as YYYY-MM-DD, for example 2025-01-06.",
        "{field} bukan tanggal yang sah: `{value}`. Tulis tanggal dengan bentuk TTTT-BB-HH, misalnya 2025-01-06."),
    "format.uri": (
        "{field} is not a complete web address: `{value}`. Write the whole address, starting with https:// and "
        "the site name, for example https://disdukcapil.contoh.go.id.",
        "{field} bukan alamat web yang lengkap: `{value}`. Tulis alamat lengkapnya, diawali https:// dan nama "
        "situsnya, misalnya https://disdukcapil.contoh.go.id."),
    "format.email": (
        "{field} is not an email address: `{value}`. Write it as name@domain, for example pengaduan@contoh.go.id.",
        "{field} bukan alamat surel (email) yang sah: `{value}`. Tulis dengan bentuk nama@domain, misalnya "
        "pengaduan@contoh.go.id."),
    "pattern.svcstd": (
        "{field} is `{value}`, which is not a format version. Write `\"1.0\"`.",
        "{field} berisi `{value}`, yang bukan versi format. Tuliskan `\"1.0\"`."),
    "pattern.id": (
        "{field} is `{value}`, which is not a valid service code. Use only lowercase letters, digits and the signs "
        "`.` `_` `/` `-`, starting with a letter or digit, for example `dukcapil-kota-contoh/penerbitan-ktp-el`.",
        "{field} berisi `{value}`, yang bukan kode layanan yang sah. Gunakan hanya huruf kecil, angka, serta tanda "
        "`.` `_` `/` `-`, diawali huruf atau angka, misalnya `dukcapil-kota-contoh/penerbitan-ktp-el`."),
    "pattern.time": (
        "{field} is `{value}`, which is not a time of day. Write hours and minutes on the 24-hour clock as HH:MM, "
        "for example `08:00` or `15:30`.",
        "{field} berisi `{value}`, yang bukan penulisan jam yang sah. Tulis jam dan menit dalam "
        "sistem 24 jam dengan bentuk JJ:MM, "
        "misalnya `08:00` atau `15:30`."),
    "pattern.language": (
        "{field} is `{value}`, which is not a language code. Use a code such as `id` (Indonesian) or `en` "
        "(English).",
        "{field} berisi `{value}`, yang bukan kode bahasa. Gunakan kode seperti `id` (bahasa Indonesia) atau `en` "
        "(bahasa Inggris)."),
    "pattern.currency": (
        "{field} is `{value}`, which is not a currency code. Use the three capital letters of the currency, for "
        "example `IDR`.",
        "{field} berisi `{value}`, yang bukan kode mata uang. Gunakan tiga huruf kapital kode mata uang, misalnya "
        "`IDR`."),
    "pattern.rule": (
        "{field} is `{value}`, which is not a rule id. Copy the rule id from the report, for example `SIM002`.",
        "{field} berisi `{value}`, yang bukan kode aturan. Salin kode aturan dari laporan, misalnya `SIM002`."),
    "pattern.other": (
        "{field} is `{value}`, which does not have the expected form.",
        "{field} berisi `{value}`, yang bentuknya tidak sesuai ketentuan."),
    "size.empty_list": (
        "{field} is an empty list, but it needs at least one entry. Add one.",
        "{field} berupa daftar kosong, padahal minimal harus berisi satu butir. Tambahkan isinya."),
    "size.min_items": (
        "{field} has {count} entries, but it needs at least {limit}. Add the missing ones.",
        "{field} berisi {count} butir, padahal minimal {limit}. Tambahkan butir yang kurang."),
    "size.max_items": (
        "{field} has {count} entries, but at most {limit} are allowed. Remove the extra ones.",
        "{field} berisi {count} butir, padahal maksimal {limit}. Hapus butir yang berlebih."),
    "size.empty_text": (
        "{field} is empty. Write what it should say, or remove the key if it is optional.",
        "{field} masih kosong. Isi dengan keterangan yang semestinya, atau hapus kunci itu jika tidak wajib."),
    "size.minimum": (
        "{field} is {value}, but it must be at least {limit}. Correct the number.",
        "{field} bernilai {value}, padahal minimal {limit}. Perbaiki angkanya."),
    "size.maximum": (
        "{field} is {value}, but it must be at most {limit}. Correct the number.",
        "{field} bernilai {value}, padahal maksimal {limit}. Perbaiki angkanya."),
    "size.other": (
        "{field} does not meet the format: {detail}.",
        "{field} tidak memenuhi ketentuan format: {detail}."),
    "one_of.none": (
        "{field} must have {options}, but has neither. Add one of them.",
        "{field} harus memuat {options}, tetapi keduanya belum ada. Tambahkan salah satunya."),
    "one_of.both": (
        "{field} has both {options}, but only one of them is allowed. Keep one and remove the other.",
        "{field} memuat {options} sekaligus, padahal hanya boleh salah satu. Pertahankan satu dan hapus yang lain."),
    "unsupported_version": (
        "This document is written in format version {value}, but this svcstd reads format 1 only. Set "
        "`svcstd: \"1.0\"` and follow format 1.0, or use a svcstd release that reads version {value}.",
        "Dokumen ini ditulis dengan format versi {value}, sedangkan svcstd ini hanya membaca format versi 1. Ubah "
        "menjadi `svcstd: \"1.0\"` dan ikuti format 1.0, atau gunakan rilis svcstd yang dapat membaca versi {value}."),
    "range_reversed": (
        "{field} runs backwards: `min` ({min}) is larger than `max` ({max}). Swap the two numbers or correct them.",
        "{field} terbalik: `min` ({min}) lebih besar daripada `max` ({max}). Tukar kedua angka itu atau perbaiki "
        "nilainya."),
    "document": ("The document", "Dokumen"),
    "and": ("and", "dan"),
    "or": ("or", "atau"),
    "together": ("{keys} together", "{keys} bersama-sama"),
    "type.string": ("text", "teks"),
    "type.integer": ("a whole number", "bilangan bulat"),
    "type.number": ("a number", "angka"),
    "type.decimal": ("a number with decimals", "bilangan desimal"),
    "type.boolean": ("true or false", "true atau false"),
    "type.array": ("a list", "daftar"),
    "type.object": ("a set of `key: value` entries", "kumpulan isian `kunci: nilai`"),
    "type.null": ("empty", "kosong"),
    "hint.empty": (
        "Fill in a value, or remove the key if it is optional.",
        "Isi nilainya, atau hapus kunci itu jika tidak wajib."),
    "hint.quote": (
        "Put the value in quotes exactly as you wrote it (for example `\"08123456789\"` or `\"2.1\"`), so that "
        "it is read as text.",
        "Apit nilainya dengan tanda kutip persis seperti yang Anda tulis (misalnya `\"08123456789\"` atau "
        "`\"2.1\"`), agar dibaca sebagai teks."),
    "hint.list": (
        "Write each item on its own line, starting with `- `.",
        "Tulis setiap butir pada baris tersendiri, diawali `- `."),
    "hint.mapping": (
        "Write it as indented `key: value` lines below the key.",
        "Tuliskan sebagai baris-baris `kunci: nilai` yang menjorok di bawah kunci ini."),
    "hint.duration": (
        "Write it as a duration, for example `{{value: 1, unit: working_days}}`.",
        "Tuliskan sebagai durasi, misalnya `{{value: 1, unit: working_days}}`."),
    "hint.integer": ("Write a whole number, without decimals.", "Tulis bilangan bulat, tanpa angka desimal."),
    "hint.number": (
        "Write only the number, without quotes or units, for example `3`.",
        "Tulis angkanya saja, tanpa tanda kutip atau satuan, misalnya `3`."),
    "hint.boolean": (
        "Write `true` or `false`; `yes` and `no` are read as text.",
        "Tulis `true` atau `false`; `yes` dan `no` dibaca sebagai teks."),
    "hint.text": (
        "Write it as one piece of text after the colon; put it in quotes if it contains `: ` or starts with `-`.",
        "Tulis sebagai satu teks setelah titik dua; apit dengan tanda kutip jika teksnya memuat `: ` atau diawali "
        "`-`."),
})
# fmt: on

# Property name -> how its pattern is explained in words.
PATTERN_MESSAGES = {
    "svcstd": "pattern.svcstd",
    "id": "pattern.id",
    "open": "pattern.time",
    "close": "pattern.time",
    "language": "pattern.language",
    "currency": "pattern.currency",
    "rule": "pattern.rule",
}
