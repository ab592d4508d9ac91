"""`--help` speaks Indonesian or English: SVCSTD_LANG when set, else the locale (`--lang` comes too late for help)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
import typer

from svcstd.cli.app import app

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "SVCSTD_LANG")

# command -> (Indonesian phrases, English phrases) its help must show in that language
EXPECTED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "": (("Memeriksa standar pelayanan publik", "Menampilkan versi"), ("Check Indonesian public-service standards",)),
    "check": (
        ("Memvalidasi dan menilai standar pelayanan", "Berkas atau folder", "Bahasa pesan"),
        ("Validate and score service standards", "Files or folders", "Language of messages"),
    ),
    "schema": (("Menampilkan JSON Schema", "alih-alih"), ("Print the JSON Schema", "instead of printing")),
    "rules": (("Menampilkan daftar semua aturan", "Berkas konfigurasi"), ("List every rule", "Configuration file")),
    "explain": (("Dokumentasi lengkap", "Kode aturan"), ("full documentation", "A rule id")),
    "report": (("laporan kepatuhan", "Judul laporan"), ("compliance report", "The report's title")),
    "init": (
        ("Membuat standar pelayanan baru", "Nama layanan"),
        ("Write a new service standard", "Name of the service"),
    ),
    "diff": (("Membandingkan standar pelayanan", "Versi lama"), ("Compare standards", "The old version")),
    "import": (("Mengimpor standar pelayanan", "Berkas atau URL"), ("Import standards", "Files or http(s) URLs")),
    "migrate": (
        ("Menulis ulang standar format 1.0 menjadi format 1.1", "Berkas yang akan dimigrasikan"),
        ("Rewrite format 1.0 standards as format 1.1", "The files to migrate"),
    ),
    "render": (("publikasi standar pelayanan", "situs statis"), ("citizen-facing publication", "static site")),
    "cache": (("Mengelola tembolok",), ("Manage the result cache",)),
    "cache clean": (
        ("Menghapus tembolok", "Bahasa pesan"),
        ("Remove the result cache of the current repository", "Language of messages"),
    ),
}


def _help(command: str, **environment: str) -> str:
    return " ".join(_raw_help(command, **environment).split())  # wrapped to the terminal: compare words, not lines


def _raw_help(command: str, **environment: str) -> str:
    env = {key: value for key, value in os.environ.items() if key not in LOCALE_VARIABLES}
    env.update(environment)
    done = subprocess.run(
        [sys.executable, "-m", "svcstd", *command.split(), "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    return done.stdout


def _shows(text: str, wanted: tuple[str, ...], unwanted: tuple[str, ...]) -> None:
    for phrase in wanted:
        assert phrase in text, phrase
    for phrase in unwanted:
        assert phrase not in text, phrase


@pytest.mark.parametrize("command", EXPECTED)
def test_help_in_indonesian_with_svcstd_lang(command: str) -> None:
    indonesian, english = EXPECTED[command]
    _shows(_help(command, SVCSTD_LANG="id", LANG="en_US.UTF-8"), indonesian, english)


@pytest.mark.parametrize("command", EXPECTED)
def test_help_in_english_with_svcstd_lang_even_in_an_indonesian_locale(command: str) -> None:
    indonesian, english = EXPECTED[command]
    _shows(_help(command, SVCSTD_LANG="en", LANG="id_ID.UTF-8"), english, indonesian)


@pytest.mark.parametrize("command", EXPECTED)
def test_help_follows_an_indonesian_locale(command: str) -> None:
    indonesian, english = EXPECTED[command]
    _shows(_help(command, LANG="id_ID.UTF-8"), indonesian, english)


def test_help_is_english_in_a_neutral_locale() -> None:
    indonesian, english = EXPECTED["check"]
    _shows(_help("check", LANG="C.UTF-8"), english, indonesian)


def test_an_unknown_svcstd_lang_falls_back_to_the_locale() -> None:
    indonesian, english = EXPECTED["check"]
    _shows(_help("check", SVCSTD_LANG="fr", LANG="id_ID.UTF-8"), indonesian, english)


def _commands(group: Any) -> list[Any]:
    """Every command below `group`, nested groups included (typer's own click: walked by attribute)."""
    found: list[Any] = []
    for command in getattr(group, "commands", {}).values():
        found.append(command)
        found.extend(_commands(command))
    return found


def test_every_command_option_and_argument_has_help() -> None:
    import svcstd.cli.main  # noqa: F401  (registers the commands on `app`)

    commands_found = _commands(typer.main.get_command(app))
    assert len(commands_found) == len(EXPECTED) - 1  # the root has no entry of its own
    for command in commands_found:
        assert command.help, command.name
        for param in command.params:
            assert getattr(param, "help", None), f"{command.name} {param.name}"


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_help_is_never_cut_and_names_arguments_plainly(command: str, lang: str) -> None:
    """At 80 columns: no summary cut with `...`, no Python type after an argument (`PATH <list[str]>`).

    Proven by mutation: without short_help, the command list cuts check's summary mid-sentence;
    without cli.app._plain_argument_names, `PATH <list[str]>` comes back.
    """
    lines = _raw_help(command, SVCSTD_LANG=lang, COLUMNS="80").splitlines()
    assert not [line for line in lines if line.rstrip().endswith("...") and not line.startswith("Usage:")]
    assert not [line for line in lines if "<" in line and ">" in line]
