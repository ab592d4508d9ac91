"""Fixtures of the import tests."""

from __future__ import annotations

import importlib
from typing import Any

import pytest


@pytest.fixture
def without_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx as if the `import` extra were not installed."""
    real = importlib.import_module

    def import_module(name: str, package: str | None = None) -> Any:
        if name == "docx":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", import_module)
