"""Every catalogue has both languages for every message, with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import svcstd
from svcstd.i18n import all_catalogs, default_language, placeholders
from svcstd.rules import BUILTIN_RULES


def _neutral(template: str) -> set[str]:
    """Placeholders with their language suffix removed: `{group_en}` and `{group_id}` name one value."""
    return {name.removesuffix("_en").removesuffix("_id") for name in placeholders(template)}


def _import_everything() -> None:
    for module in pkgutil.walk_packages(svcstd.__path__, "svcstd."):
        if module.name != "svcstd.__main__":
            importlib.import_module(module.name)


def test_catalogues_have_both_languages_with_the_same_placeholders() -> None:
    _import_everything()
    assert len(all_catalogs()) >= 4
    for catalog in all_catalogs():
        for key, (en, id_) in catalog.messages.items():
            assert en.strip() and id_.strip(), f"{catalog.name}.{key} is empty"
            assert _neutral(en) == _neutral(id_), f"{catalog.name}.{key} placeholders differ"


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.id)
def test_every_rule_speaks_both_languages(rule: object) -> None:
    for field in ("title", "message", "fix", "rationale", "reference"):
        en, id_ = getattr(rule, field)
        assert en.strip() and id_.strip(), field
        assert _neutral(en) == _neutral(id_), field
    assert rule.title.en != rule.title.id  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "id_ID"}, "id"),
        ({"LANG": "C"}, "en"),
    ],
)
def test_default_language_follows_the_locale(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "SVCSTD_LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert default_language() == expected
