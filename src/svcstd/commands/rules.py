"""`svcstd rules` and `svcstd explain RULE`: the rule registry, built-in and custom, as documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from svcstd.cli import app, help_text, resolve_lang, write_output
from svcstd.errors import UsageError
from svcstd.i18n import Catalog

MESSAGES = Catalog(
    "rules",
    {
        "bad_format": (
            "unknown format `{value}` for `svcstd rules`; choose text or json.",
            "format `{value}` tidak dikenal untuk `svcstd rules`; pilih text atau json.",
        ),
    },
)
RULE_FORMATS = ("text", "json")

HELP = Catalog(
    "help_rules",
    {
        "rules": (
            "List every rule: id, principle, severity, weight and title (custom rules of rule_paths included).",
            "Menampilkan daftar semua aturan: kode, prinsip, tingkat, bobot, dan judul (termasuk aturan kustom "
            "dari rule_paths).",
        ),
        "format": ("text or json (json: every field).", "text atau json (json: seluruh isian)."),
        "lang": ("Language: en or id.", "Bahasa: en atau id."),
        "config": (
            "Configuration file (adds its custom rules).",
            "Berkas konfigurasi (aturan kustom di dalamnya ikut dimuat).",
        ),
        "explain": (
            "A rule's full documentation: why, legal basis, how to fix, options, examples.",
            "Dokumentasi lengkap suatu aturan: alasan, dasar hukum, cara memperbaiki, opsi, dan contoh.",
        ),
        "rule": ("A rule id, such as SIM001.", "Kode aturan, misalnya SIM001."),
        "explain_config": ("Configuration file (for custom rules).", "Berkas konfigurasi (untuk aturan kustom)."),
    },
)


@app.command("rules", help=help_text(HELP, "rules"))
def rules_command(
    output_format: Annotated[str, typer.Option("--format", "-f", help=help_text(HELP, "format"))] = "text",
    lang: Annotated[str | None, typer.Option("--lang", help=help_text(HELP, "lang"))] = None,
    config: Annotated[str | None, typer.Option("--config", help=help_text(HELP, "config"))] = None,
) -> int:
    """List every rule: id, principle, severity, weight and title (custom rules of rule_paths included)."""
    from svcstd import api, ruledocs
    from svcstd.config import load_settings

    if output_format not in RULE_FORMATS:
        raise UsageError(MESSAGES.text("bad_format", value=output_format))
    settings = load_settings(config)
    rules = api.load_rules(settings)
    text = (
        ruledocs.rules_json(rules)
        if output_format == "json"
        else ruledocs.rules_table(rules, resolve_lang(lang, settings.lang))
    )
    write_output(text, None)
    return 0


@app.command("explain", help=help_text(HELP, "explain"))
def explain_command(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help=help_text(HELP, "rule"))],
    lang: Annotated[str | None, typer.Option("--lang", help=help_text(HELP, "lang"))] = None,
    config: Annotated[str | None, typer.Option("--config", help=help_text(HELP, "explain_config"))] = None,
) -> int:
    """A rule's full documentation: why, legal basis, how to fix, options, examples."""
    from svcstd import api, ruledocs
    from svcstd.config import load_settings

    settings = load_settings(config)
    rule = ruledocs.find_rule(rule_id, api.load_rules(settings))
    write_output(ruledocs.explain(rule, resolve_lang(lang, settings.lang)), None)
    return 0
