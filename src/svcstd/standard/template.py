"""The commented starter standard of `svcstd init`: a packaged template with its placeholders filled safely."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from svcstd import resources
from svcstd.model import Text
from svcstd.standard.words import lazy_pattern

# The marker every unfilled value carries; rule TRA090 looks for these.
PLACEHOLDER_MARKERS = ("<<ISI:", "<<FILL IN:")

MARKER = Text("<<FILL IN: {what}>>", "<<ISI: {what}>>")
SERVICE_HINT = Text("the name of the service", "nama layanan")
PROVIDER_HINT = Text("the name of the provider (office)", "nama instansi penyelenggara")
DEFAULT_ID = Text("provider-code/service-code", "kode-instansi/kode-layanan")

# Where `svcstd schema -o` writes the schema, from the repository's top folder (README, Editor support).
SCHEMA_FILE = "schemas/service-standard.schema.json"

# Compiled at the first use: only `svcstd init` fills a template; every check imports this module for TRA090.
_FIELDS = lazy_pattern(r"\{(service|provider|id)\}")
_KIND = lazy_pattern(r"\{kind\} *")
_OPEN, _CLOSE = "#<standard>", "#</standard>"
_STANDARD_ONLY = lazy_pattern(f"^{_OPEN}\n.*?^{_CLOSE}\n", re.MULTILINE | re.DOTALL)
KINDS = ("standard", "published_sheet")
"""What `svcstd init --kind` writes: a full standard, or the published sheet (the six delivery components)."""
_NOT_SLUG = lazy_pattern(r"[^a-z0-9]+")
# Characters that YAML does not allow raw inside a double-quoted scalar, or reads as line breaks.
_LINE_BREAKS = frozenset("\u0085\u2028\u2029\ufeff")


def placeholder(what: Text, lang: str) -> str:
    """`<<ISI: nama layanan>>`: a value the author still has to write."""
    return MARKER(lang).format(what=what(lang))


def has_placeholder(text: str) -> bool:
    return any(marker in text for marker in PLACEHOLDER_MARKERS)


def yaml_quote(value: str) -> str:
    """`value` as a YAML double-quoted scalar that reads back as exactly `value`."""
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif 0xD800 <= ord(char) <= 0xDFFF:
            out.append("\ufffd")
        elif char.isprintable() and char not in _LINE_BREAKS:
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def slug(text: str) -> str:
    """`Dinas Kependudukan & Pencatatan Sipil` -> `dinas-kependudukan-pencatatan-sipil`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG().sub("-", ascii_text.lower()).strip("-")[:60].strip("-")


def standard_id(service: str, provider: str, lang: str) -> str:
    """A schema-valid `id` from the names; the neutral default while either is a placeholder."""
    if has_placeholder(service) or has_placeholder(provider):
        return DEFAULT_ID(lang)
    provider_part, service_part = slug(provider), slug(service)
    if not provider_part or not service_part:
        return DEFAULT_ID(lang)
    return f"{provider_part}/{service_part}"


def template_text(lang: str, kind: str = "standard") -> str:
    """The template of one kind of document: a full standard, or a published sheet (`#<standard>` parts left out)."""
    name = f"standard.{'id' if lang == 'id' else 'en'}.yaml"
    text = resources.read_text(f"templates/{name}")
    if kind != "standard":
        text = _STANDARD_ONLY().sub("", text)
    text = text.replace(f"{_OPEN}\n", "").replace(f"{_CLOSE}\n", "")
    return _KIND().sub(lambda _: kind.ljust(24), text.rstrip("\n") + "\n", count=1)


def repository_root(folder: Path, cwd: Path) -> Path:
    """The nearest folder holding the schema or `.git`; else the current folder if it holds `folder`; else `folder`."""
    for candidate in (folder, *folder.parents):
        if (candidate / SCHEMA_FILE).is_file() or (candidate / ".git").exists():
            return candidate
    return cwd if folder.is_relative_to(cwd) else folder


def schema_reference(target: Path | None, cwd: Path) -> str:
    """The schema's path relative to the new file's folder, as yaml-language-server resolves a modeline."""
    folder = (cwd / target).parent.resolve() if target is not None else cwd.resolve()
    root = repository_root(folder, cwd.resolve())
    return Path(os.path.relpath(root / SCHEMA_FILE, folder)).as_posix()


def new_standard(
    lang: str,
    service: str | None = None,
    provider: str | None = None,
    schema: str = SCHEMA_FILE,
    kind: str = "standard",
) -> str:
    """The template of `kind` in `lang`, its names, id and schema path filled in (placeholders for missing names)."""
    service = service if service and service.strip() else placeholder(SERVICE_HINT, lang)
    provider = provider if provider and provider.strip() else placeholder(PROVIDER_HINT, lang)
    values = {"service": service.strip(), "provider": provider.strip()}
    values["id"] = standard_id(values["service"], values["provider"], lang)
    text = template_text(lang, kind).replace("{schema}", schema, 1)
    return _FIELDS().sub(lambda match: yaml_quote(values[match.group(1)]), text)
