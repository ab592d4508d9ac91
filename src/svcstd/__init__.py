"""svcstd: a compliance checker for Indonesian public-service standards (standar pelayanan)."""

__version__ = "0.1.0"
