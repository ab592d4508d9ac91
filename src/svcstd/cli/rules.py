"""`svcstd rules` and `svcstd explain RULE`: the rule registry, built-in and custom, as documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from svcstd.cli.app import app, help_text, resolve_lang
from svcstd.cli.output import write_output
from svcstd.errors import UsageError
from svcstd.escaping import inert_lines, json_safe
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
        "explain_short": ("Show one rule's full documentation.", "Menampilkan dokumentasi lengkap suatu aturan."),
        "rules_short": ("List every rule.", "Menampilkan daftar semua aturan."),
        "rules": (
            "List every rule: id, principle, severity, weight and title (custom rules of rule_paths included).",
            "Menampilkan daftar semua aturan: kode, prinsip, tingkat, bobot, dan judul (termasuk aturan tambahan "
            "dari rule_paths).",
        ),
        "format": ("text or json (json: every field).", "text atau json (json: seluruh isian)."),
        "all": (
            "Also list the built-in reading, schema, waiver and gate checks (YML, SCH, WVR, GAT).",
            "Menampilkan juga pemeriksaan bawaan untuk pembacaan, skema, pengecualian, dan gerbang "
            "(YML, SCH, WVR, GAT).",
        ),
        "lang": ("Language: en or id.", "Bahasa: en atau id."),
        "config": (
            "Configuration file (adds its custom rules).",
            "Berkas konfigurasi (aturan tambahan di dalamnya ikut dimuat).",
        ),
        "explain": (
            "A rule's full documentation: why, legal basis, how to fix, options, examples (also for the built-in "
            "checks such as SCH001).",
            "Dokumentasi lengkap suatu aturan: alasan, dasar hukum, cara memperbaiki, opsi, dan contoh (juga untuk "
            "pemeriksaan bawaan seperti SCH001).",
        ),
        "rule": (
            "A rule id, such as SIM001, or a built-in check id, such as SCH001.",
            "Kode aturan, misalnya SIM001, atau kode pemeriksaan bawaan, misalnya SCH001.",
        ),
        "explain_config": ("Configuration file (for custom rules).", "Berkas konfigurasi (untuk aturan tambahan)."),
    },
)


@app.command("rules", help=help_text(HELP, "rules"), short_help=help_text(HELP, "rules_short"))
def rules_command(
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=help_text(HELP, "format"))
    ] = "text",
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    config: Annotated[str | None, typer.Option("--config", metavar="FILE", help=help_text(HELP, "config"))] = None,
    show_all: Annotated[bool, typer.Option("--all", help=help_text(HELP, "all"))] = False,
) -> int:
    """List every rule: id, principle, severity, weight and title (custom rules of rule_paths included)."""
    from svcstd.checks import BUILTIN_CHECKS
    from svcstd.config.load import load_settings
    from svcstd.rules import docs as ruledocs
    from svcstd.rules import load_rules

    if output_format not in RULE_FORMATS:
        raise UsageError(MESSAGES.text("bad_format", value=output_format))
    settings = load_settings(config)
    rules = load_rules(settings.rule_paths)
    checks = BUILTIN_CHECKS if show_all else ()
    # Custom rules' texts are the repository's: controls shown, no line taken for a workflow command.
    if output_format == "json":
        text = json_safe(ruledocs.rules_json(rules, checks))
    else:
        language = resolve_lang(lang, settings.lang)
        text = ruledocs.rules_table(rules, language) + ("\n" + ruledocs.checks_table(language) if checks else "")
        text = inert_lines(text)
    write_output(text, None)
    return 0


@app.command("explain", help=help_text(HELP, "explain"), short_help=help_text(HELP, "explain_short"))
def explain_command(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help=help_text(HELP, "rule"))],
    lang: Annotated[str | None, typer.Option("--lang", metavar="en|id", help=help_text(HELP, "lang"))] = None,
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE", help=help_text(HELP, "explain_config"))
    ] = None,
) -> int:
    """A rule's full documentation: why, legal basis, how to fix, options, examples (built-in checks too)."""
    from svcstd.config.load import load_settings
    from svcstd.rules import docs as ruledocs
    from svcstd.rules import load_rules

    settings = load_settings(config)
    entry = ruledocs.find_entry(rule_id, load_rules(settings.rule_paths))
    write_output(inert_lines(ruledocs.explain(entry, resolve_lang(lang, settings.lang))), None)
    return 0
