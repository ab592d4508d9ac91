"""Option values without pydantic where typer's own coercion is the identity: most of a short run's start-up.

typer 0.2x turns each command-line value into its Python type with a pydantic `TypeAdapter`, built the
first time the parameter is processed: importing pydantic and building the adapters of `svcstd check`'s
parameters cost about a third of checking one small file. Most of those values are plain text:

- an option that was not given: typer answers `None` (or `()`) without looking at the adapter at all;
- a `str` parameter given a `str`: typer's adapter (`_parse_cli_str`, then pydantic's `str`) returns
  that very object;
- a `list[str]` parameter given a list or tuple of `str`: a new list of those same objects.

So each parameter gets a deferred coercion: typer's own `RuntimeParam.coerce` (the `None` and multi-value
checks), answering the two plain-text cases above itself and building typer's real coercion for anything
else (numbers, paths, bytes, any other annotation), which then answers exactly as it always does.
If typer's internals are not the ones this was written against, nothing is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_DECIMAL = re.compile(r"[1-9][0-9]{0,8}")
"""A positive integer as plain ASCII digits (no sign, spaces, underscores or leading zeros)."""


def defer_coercion() -> bool:
    """Give typer's parameters the deferred coercion; False (and typer left as it is) on unknown internals."""
    try:
        from typer import _coercion, core
    except ImportError:  # pragma: no cover - typer's layout before 0.2x
        return False
    runtime: Any = getattr(_coercion, "RuntimeParam", None)
    build: Any = getattr(_coercion, "build_runtime_param", None)
    parameter: Any = getattr(core, "_TyperParameter", None)
    if not _known(runtime, build, parameter):
        return False

    @dataclass(frozen=True)
    class Deferred(runtime):  # type: ignore[misc]
        """typer's coercion for one parameter, built only when a value needs it."""

        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = _plain(self.descriptor, value)
            if plain is not None:
                return plain
            real = build(self.descriptor)
            param._runtime_param = real  # the next value goes straight to typer's own coercion
            return real._coerce_value(value, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            self._runtime_param = Deferred(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, descriptor=descriptor
            )
        return self._runtime_param

    parameter.get_runtime_param = get_runtime_param
    return True


def _known(runtime: Any, build: Any, parameter: Any) -> bool:
    """typer's internals as written against: an abstract RuntimeParam, its builder, a lazily set `_runtime_param`."""
    return (
        isinstance(runtime, type)
        and callable(build)
        and isinstance(parameter, type)
        and callable(getattr(runtime, "coerce", None))
        and "_coerce_value" in getattr(runtime, "__abstractmethods__", ())
        and callable(getattr(parameter, "get_runtime_param", None))
    )


def _plain(descriptor: Any, value: Any) -> str | list[str] | int | None:
    """What typer's coercion returns for plain text of a plain-text parameter, or None to let typer answer."""
    if descriptor.file_annotation is not None or descriptor.parameter_info.parser is not None:
        return None
    annotation = descriptor.annotation
    if annotation is str:
        return value if type(value) is str else None
    if annotation is int and type(value) is str and _DECIMAL.fullmatch(value):
        number = int(value)  # what typer's int makes of plain decimal digits; anything else goes to typer
        info = descriptor.parameter_info
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if getattr(info, "clamp", False) or (low is not None and number < low) or (high is not None and number > high):
            return None  # out of range (or clamped): typer says so, or clamps, as always
        return number
    if annotation == list[str] and type(value) in (list, tuple) and all(type(item) is str for item in value):
        return list(value)
    return None
