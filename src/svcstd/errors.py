"""Conditions under which svcstd cannot do its job (exit 2); problems in documents are findings instead."""

from __future__ import annotations

TYPE_CHECKING = False
"""`typing.TYPE_CHECKING` without importing typing (start-up of a warm replay)."""

if TYPE_CHECKING:
    from svcstd.model import Text


class SvcstdError(Exception):
    """Base of every "cannot run" error; carries its message in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


class MissingPathError(SvcstdError):
    """A path named on the command line does not exist."""


class ConfigError(SvcstdError):
    """The configuration file or a rule file is unreadable or invalid."""


class UsageError(SvcstdError):
    """An option's value is not acceptable."""


class NothingCheckedError(SvcstdError):
    """A check found no service standard: a wrong path or an excluding configuration must not pass a gate."""
