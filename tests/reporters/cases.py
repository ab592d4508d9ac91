"""Reports the reporter tests share: the examples, and a mix of good, weak and broken files with odd names."""

from __future__ import annotations

import contextlib
import shutil
from datetime import date
from pathlib import Path

from svcstd import api
from svcstd.config.settings import DEFAULT_SETTINGS
from svcstd.model import Report

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
AS_OF = date(2026, 11, 27)
ODD_NAME = "layanan ktp é.yaml"
WAIVER = """
waivers:
  - rule: TRA007
    reason: "Kanal SP4N-LAPOR! disiapkan: 50% selesai, target 2027"
    approved_by: Kepala Biro Akademik
    until: "2027-06-30"
"""
BROKEN = "svcstd: '1.0'\nid: [tidak ditutup\ntitle: <Rusak & \"buruk\">\n"


def reference_schema(name: str) -> Path:
    """An official schema shipped in tests/data; its absence is a failure, never a skip."""
    path = DATA / name
    assert path.is_file(), f"missing reference schema {path} (see tests/data/README.md)"
    return path


def examples_report() -> Report:
    with contextlib.chdir(ROOT):
        return api.check(["examples"], DEFAULT_SETTINGS, AS_OF)


def mixed_folder(tmp_path: Path) -> Path:
    """Valid, weak (with a waiver), schema-invalid and unparseable standards under names with spaces and é."""
    folder = tmp_path / "standar pelayanan ü"
    shutil.copytree(ROOT / "examples", folder)
    shutil.copy(ROOT / "examples" / "dukcapil-ktp-el.yaml", folder / ODD_NAME)
    weak = (ROOT / "examples" / "legalisir-ijazah.yaml").read_text(encoding="utf-8")
    (folder / "legalisir dengan pengecualian.yaml").write_text(weak + WAIVER, encoding="utf-8")
    (folder / "rusak.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


def mixed_report(tmp_path: Path) -> Report:
    folder = mixed_folder(tmp_path)
    with contextlib.chdir(tmp_path):
        return api.check([folder.name], DEFAULT_SETTINGS, AS_OF)
