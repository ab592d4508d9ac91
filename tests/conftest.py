"""Shared test options: `pytest --update-golden` rewrites golden files instead of comparing with them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """`golden("name.txt", text)` compares text with tests/golden/name.txt (or rewrites it)."""
    update = request.config.getoption("--update-golden")

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} did not exist; written now — review and commit it")
        assert text == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"

    return compare


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's result cache in a folder of its own, never the user's ~/.cache (SVCSTD_CACHE_DIR)."""
    folder = tmp_path_factory.mktemp("cache") / "svcstd"
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(folder))
    return folder
