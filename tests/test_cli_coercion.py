"""The deferred coercion of svcstd.cli.coercion returns what typer's own returns, for every parameter and value.

Every parameter of every command is given each sample value twice: through the deferred coercion the
program uses, and through typer's own (`build_runtime_param`, a pydantic TypeAdapter). Both must return
equal values of the same type, or raise the same error with the same message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer import _coercion
from typer._click import Context

import svcstd.cli.main  # noqa: F401  (registers the commands)
from svcstd.cli import coercion
from svcstd.cli.app import app

SAMPLES: list[Any] = [
    None,
    (),
    [],
    "",
    "x",
    " spaced ",
    "é-ünïcode",
    "\udcff",  # an undecodable byte of a file name, as Python passes it in sys.argv
    "\x00",
    "1.5",
    "0",
    "-3",
    "abc",
    "results.sarif",
    ("a", "b"),
    ["a"],
    ("1", "2"),
    ("x", 1),
    b"bytes",
    (b"a",),
    3,
    1.5,
    True,
    Path("file.yaml"),
]


GROUP: Any = typer.main.get_command(app)


def parameters() -> list[Any]:
    group = GROUP
    found = list(group.params)
    for command in group.commands.values():
        found.extend(command.params)
    return [param for param in found if hasattr(param, "type_descriptor")]


def outcome(coerce: Any, value: Any, param: Any) -> tuple[str, Any]:
    ctx = Context(GROUP)
    try:
        result = coerce(value, param=param, ctx=ctx)
    except Exception as error:  # the same error, same message
        return ("error", (type(error).__name__, str(error)))
    return (type(result).__name__, result)


def test_the_deferral_is_in_place() -> None:
    from typer.core import _TyperParameter

    assert coercion._known(_coercion.RuntimeParam, _coercion.build_runtime_param, _TyperParameter)
    param = parameters()[0]
    param._runtime_param = None
    assert type(param.get_runtime_param()).__name__ == "Deferred"


@pytest.mark.parametrize("param", parameters(), ids=lambda p: p.name)
def test_every_value_is_coerced_as_typer_coerces_it(param: Any) -> None:
    for value in SAMPLES:
        own = _coercion.build_runtime_param(param.type_descriptor)
        param._runtime_param = None
        deferred = param.get_runtime_param()
        assert outcome(deferred.coerce, value, param) == outcome(own.coerce, value, param), (param.name, value)
    param._runtime_param = None


def test_unknown_internals_leave_typer_as_it_is() -> None:
    assert not coercion._known(None, _coercion.build_runtime_param, object)
    assert not coercion._known(object, _coercion.build_runtime_param, object)  # nothing abstract to fill in
