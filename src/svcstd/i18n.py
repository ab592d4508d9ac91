"""Message catalogues in English and Indonesian, and the one lookup every module uses."""

from __future__ import annotations

import os

TYPE_CHECKING = False
"""`typing.TYPE_CHECKING` without importing typing (a warm replay imports none of it: start-up)."""
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import NamedTuple, TypeVar

    _Class = TypeVar("_Class")
else:
    NamedTuple = object  # the classes below are made named tuples by `named_tuple`, as typing would

LANGUAGES = ("en", "id")

_NOT_COPIED = frozenset(
    {
        "__module__",
        "__qualname__",
        "__dict__",
        "__weakref__",
        "__annotations__",
        "__firstlineno__",
        "__static_attributes__",
    }
)


def named_tuple(cls: type[_Class]) -> type[_Class]:
    """The class `class NAME(typing.NamedTuple)` would have made of `cls`, made without importing typing.

    As typing itself does it: `collections.namedtuple` of the annotated fields, in order, with the class
    body's docstring and methods set on it (so the same `__new__`, `_replace`, repr, pickling, equality).
    Type checkers see `cls` as a `NamedTuple` (its base under `TYPE_CHECKING`); at run time it is a plain
    class whose annotations name the fields. Fields with defaults are not supported (none are needed).
    """
    from collections import namedtuple

    fields = list(vars(cls).get("__annotations__", {}))
    namespace = vars(cls)
    if any(field in namespace for field in fields):
        raise TypeError(f"{cls.__name__}: named_tuple does not take defaults")
    made = namedtuple(cls.__name__, fields, module=cls.__module__)  # type: ignore[misc]
    for name, value in namespace.items():
        if name not in _NOT_COPIED and not (name == "__doc__" and value is None):  # as typing: only a docstring
            setattr(made, name, value)
    made.__qualname__ = cls.__qualname__
    made.__annotations__ = dict(namespace.get("__annotations__", {}))
    return made  # type: ignore[return-value]


class Text(NamedTuple):
    """A user-facing text in both languages; call it with a language code to pick one.

    Defined here, where every message is filled, and known as `svcstd.model.Text` (the document model
    imports it): the messages of a replayed run need no document model.
    """

    en: str
    id: str

    def __call__(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


if not TYPE_CHECKING:
    Text = named_tuple(Text)

_ALL_CATALOGS: list[Catalog] = []


class Catalog:
    """A named set of messages, each a (English, Indonesian) pair of format strings.

    Modules own the catalogue of their concept (the CLI's texts live in cli/common.py, schema messages in
    validation/messages.py); every catalogue registers itself here so that one test can check them all.
    """

    def __init__(self, name: str, messages: Mapping[str, tuple[str, str]]) -> None:
        self.name = name
        self.messages = dict(messages)
        _ALL_CATALOGS.append(self)

    def text(self, message_key: str, /, **params: object) -> Text:
        """The message filled in both languages; a parameter may itself be a bilingual Text."""
        return bilingual(self.messages[message_key], **params)

    def __call__(self, message_key: str, lang: str, /, **params: object) -> str:
        return self.text(message_key, **params)(lang)


def bilingual(pair: tuple[str, str], /, **params: object) -> Text:
    """A (English, Indonesian) format pair filled with parameters that may themselves be bilingual Texts.

    The one way svcstd fills a message: catalogues, rules and configuration errors all come here.
    """

    def pick(lang: str) -> dict[str, object]:
        return {key: value(lang) if isinstance(value, Text) else value for key, value in params.items()}

    return Text(pair[0].format(**pick("en")), pair[1].format(**pick("id")))


def all_catalogs() -> tuple[Catalog, ...]:
    return tuple(_ALL_CATALOGS)


def placeholders(template: str) -> set[str]:
    """The `{name}` fields of a format string."""
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def environment_language() -> str | None:
    """SVCSTD_LANG (`en` or `id`) when set to one of them."""
    chosen = os.environ.get("SVCSTD_LANG", "").strip().lower()
    return chosen if chosen in LANGUAGES else None


def default_language() -> str:
    """SVCSTD_LANG if set, else `id` when the environment's locale is Indonesian, else `en` (CLI.md)."""
    chosen = environment_language()
    if chosen:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else "en"
    import locale

    current = locale.getlocale()[0] or ""
    return "id" if current.lower().startswith("id") else "en"


def decimal_comma(number: str, lang: str) -> str:
    """A written number with the decimal comma Indonesian readers expect (`69,2`)."""
    return number.replace(".", ",") if lang == "id" else number


def decimal(value: float, lang: str) -> str:
    """A score with one decimal, in the reader's language (`69.2`, `69,2`)."""
    return decimal_comma(f"{value:.1f}", lang)
