"""The optional libraries of `svcstd import`, loaded only when a document of their kind is read."""

from __future__ import annotations

import importlib
import shlex
import sys
from types import ModuleType

from svcstd.importing.messages import MESSAGES
from svcstd.importing.source import UnreadableDocument


def require(module: str, kind: str) -> ModuleType:
    """Import an optional library, or say in both languages how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise UnreadableDocument(
            MESSAGES.text("missing_extra", kind=kind, module=module, install=install_command())
        ) from None


def install_command() -> str:
    """Installs the extra with the Python svcstd runs on: its virtual environment's (PEP 668 refuses others)."""
    return f"{shlex.quote(sys.executable)} -m pip install 'svcstd[import]'"
