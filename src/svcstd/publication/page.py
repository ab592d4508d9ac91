"""The citizen-facing publication: the six service-delivery components as a page, or a static site of pages.

Never the manufacturing components (PermenPANRB 15/2014: only the delivery components are published), except
in the official print when `manufacturing` is asked for. The key facts come first (cost, time, hours, where);
the page prints as the official notice (publication/official.py). Format 1.0 and 1.1 documents alike; every
value from a document is escaped (publication/components.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from svcstd.publication.components import (
    LABELS,
    VOCABULARY,
    audience_html,
    contact_link,
    delivery_rows,
    duration_words,
    e,
    fee_words,
    hours_html,
    information_system_html,
    link,
    mission_html,
    money,
    pledge_html,
    pledge_places_html,
    safe_url,
    special_html,
    survey_html,
)
from svcstd.publication.official import PRINT_STYLE, footer_html, official_html
from svcstd.standard.kinds import status as document_status

__all__ = [
    "contact_link",
    "duration_words",
    "fee_words",
    "money",
    "page_language",
    "page_name",
    "safe_url",
    "site",
    "standard_page",
]


def page_name(identifier: str, taken: set[str]) -> str:
    """A safe, unique file name from a document id: `dukcapil/ktp-el` -> `dukcapil--ktp-el.html`."""
    base = re.sub(r"[^a-z0-9._-]+", "-", identifier.replace("/", "--").lower()).strip(".-")[:80] or "standar"
    name, number = base, 1
    while name in taken or name == "index":
        number += 1
        name = f"{base}-{number}"
    taken.add(name)
    return f"{name}.html"


def _section(key: str, body: str, lang: str) -> str:
    return f'<section class="{key}"><h2>{e(LABELS(key, lang))}</h2>{body}</section>'


# --- pages --------------------------------------------------------------------------------------------------------

STYLE = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#000;font:1.25rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
overflow-wrap:break-word}
main{max-width:50rem;margin:0 auto;padding:1rem}
h1{font-size:2rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.5rem;border-bottom:3px solid #000;margin:2rem 0 .75rem;padding-bottom:.25rem}
h3{font-size:1.25rem;margin:1rem 0 .5rem}
a{color:#0033cc;text-decoration:underline;overflow-wrap:anywhere}
a:focus{outline:3px solid #000;outline-offset:2px}
a[href^="tel:"],a[href^="mailto:"],a[href^="https://wa.me/"],a[href^="sms:"]{padding:.4rem 0;font-weight:bold}
li{margin:.4rem 0}
ol>li::marker{font-weight:bold}
.kicker{margin:0;font-weight:bold;text-transform:uppercase;font-size:1rem;letter-spacing:.05em}
.provider{font-size:1.125rem;margin:0}
.note{color:#222;font-size:1.05rem}
.big{font-size:1.5rem;font-weight:bold}
.status{display:inline-block;border:3px solid #000;padding:.25rem .75rem;font-weight:bold}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,17rem),1fr));gap:.75rem;margin:1rem 0}
.fact{border:3px solid #000;border-radius:.5rem;padding:.15rem .75rem .35rem}
.fact h2{font-size:1rem;border:0;margin:.2rem 0;padding:0;text-transform:uppercase;letter-spacing:.03em}
.small{font-size:.9rem;line-height:1.4;display:inline-block}
nav{font-size:1rem}
.fact ul{padding-left:1.1rem;margin:.25rem 0}.fact p{margin:.25rem 0}
.fact .big{font-size:1.4rem}
ol.steps{list-style:none;counter-reset:step;padding:0}
ol.steps>li{counter-increment:step;position:relative;padding:0 0 .75rem 2rem;border-left:3px solid #000;
margin:0 0 0 1.1rem}
ol.steps>li:last-child{border-left-color:transparent}
ol.steps>li::before{content:counter(step);position:absolute;left:-1.2rem;top:0;width:2.2rem;height:2.2rem;
border-radius:50%;background:#000;color:#fff;font-weight:bold;text-align:center;line-height:2.2rem}
.actor{display:block;font-weight:bold}
.dur{display:inline-block;margin-left:.25rem;font-weight:bold;white-space:nowrap;border:2px solid #000;
border-radius:1rem;padding:0 .5rem;font-size:1rem}
blockquote{margin:0;border-left:6px solid #000;padding:.5rem 1rem;background:#f2f2f2}
input[type=search]{font:inherit;width:100%;padding:.5rem;border:3px solid #000}
li,blockquote{break-inside:avoid}
ol.branch{list-style:lower-alpha;padding-left:1.5rem;margin:.4rem 0}
@media (max-width:30rem){body{font-size:1.125rem}h1{font-size:1.4rem}main{padding:.75rem}.facts{gap:.5rem}
.fact .big{font-size:1.25rem}}
"""

FILTER_SCRIPT = (
    "(function(){var p=document.getElementById('search'),b=document.getElementById('filter'),"
    "n=document.getElementById('none');p.hidden=false;"
    "b.addEventListener('input',function(){var w=b.value.toLowerCase().split(/\\s+/).filter(Boolean),c=0;"
    "document.querySelectorAll('section[data-provider]').forEach(function(s){var o=0,"
    "h=s.querySelector('h2').textContent.toLowerCase();"
    "s.querySelectorAll('[data-entry]').forEach(function(e){var t=h+' '+e.textContent.toLowerCase();"
    "e.hidden=!w.every(function(x){return t.indexOf(x)>=0;});if(!e.hidden){o++;}});"
    "s.hidden=!o;c+=o;});n.hidden=c>0;});"
    "if(location.hash.indexOf('#q=')===0){b.value=decodeURIComponent(location.hash.slice(3));"
    "b.dispatchEvent(new Event('input'));}})();"
)
"""The index's search: every word, in any order, in a title or its provider's name; a message when none match.

`index.html#q=words` opens with the search filled in (a link can share a search)."""


def _csp(script: str | None) -> str:
    """No network, no script unless the one inline script of the index, pinned by its hash."""
    scripts = "'none'"
    if script is not None:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        scripts = f"'sha256-{digest}'"
    return f"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src {scripts}; base-uri 'none'"


def html_document(title: str, body: str, lang: str, script: str | None = None) -> str:
    tail = f"<script>{script}</script>" if script else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(script)}">\n'
        f'<meta name="referrer" content="no-referrer">\n<title>{e(title)}</title>\n'
        f"<style>{STYLE}{PRINT_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n{tail}</body>\n</html>\n"
    )


def _provider(data: Mapping[str, Any]) -> Mapping[str, Any]:
    provider = data.get("provider")
    return provider if isinstance(provider, Mapping) else {}


def _title(data: Mapping[str, Any], lang: str) -> str:
    return str(data.get("title") or LABELS("standard", lang))


def _header(data: Mapping[str, Any], lang: str) -> str:
    status = document_status(data)
    badge = f'<p class="status">{e(LABELS(status, lang))}</p>' if status in ("draft", "retired") else ""
    kicker = f'<p class="kicker">{e(LABELS("standard", lang))}</p>'
    motto = f'<p class="note">{e(data["motto"])}</p>' if data.get("motto") else ""
    provider = e(_provider(data).get("name", ""))
    return f'<header>{kicker}<h1>{e(_title(data, lang))}</h1><p class="provider">{provider}</p>{motto}{badge}</header>'


def where_html(data: Mapping[str, Any], lang: str) -> str:
    """The office and how to reach it, each contact tappable; the service's information system (1.1)."""
    provider = _provider(data)
    lines = [e(line) for line in (provider.get("unit"), provider.get("address")) if line]
    for kind in ("phone", "email"):
        if provider.get(kind):
            lines.append(f"{e(VOCABULARY[kind](lang))}: {contact_link(kind, provider[kind])}")
    if safe_url(provider.get("website")):
        lines.append(f"{e(VOCABULARY['website'](lang))}: {link(provider['website'])}")
    if isinstance(data.get("information_system"), Mapping):
        lines.append(information_system_html(data["information_system"], lang))
    return "<p>" + "<br>".join(line for line in lines if line) + "</p>" if any(lines) else ""


def facts_html(data: Mapping[str, Any], lang: str) -> str:
    """What a citizen asks first, before the details: what it costs, how long it takes, when and where."""
    rows = dict(delivery_rows(data, lang))
    facts = [("fees", rows["fees"]), ("time", rows["time"])]
    if data.get("service_hours"):
        facts.append(("hours", hours_html(data["service_hours"], lang)))
    where = where_html(data, lang)
    if where:
        facts.append(("where", where))
    cards = "".join(
        f'<section class="fact {key}"><h2>{e(LABELS(key, lang))}</h2>{body}</section>' for key, body in facts
    )
    return f'<div class="facts">{cards}</div>'


def article_html(data: Mapping[str, Any], lang: str, url: str | None = None, manufacturing: bool = False) -> str:
    """One standard: the key facts first, then requirements, procedure and what citizens also need to know.

    The screen version; `official_html` is the notice-board version the same page prints."""
    rows = dict(delivery_rows(data, lang))
    pledge = data.get("pledge") if isinstance(data.get("pledge"), Mapping) else None
    extra = [
        ("special", special_html(data["special_services"], lang) if data.get("special_services") else ""),
        ("compensation", f"<p>{e(data['compensation'])}</p>" if data.get("compensation") else ""),
        ("audience", audience_html(data["audience"], lang) if isinstance(data.get("audience"), Mapping) else ""),
        ("survey", survey_html(data["satisfaction_survey"], lang) if data.get("satisfaction_survey") else ""),
        ("pledge", pledge_html(pledge, lang) + pledge_places_html(pledge, lang) if pledge else ""),
    ]
    sections = [
        facts_html(data, lang),
        *(_section(key, rows[key], lang) for key in ("requirements", "procedure", "products", "complaints")),
        *(_section(key, body, lang) for key, body in extra if body),
    ]
    mission = mission_html(data, lang)
    if mission:
        sections.append(f'<section class="mission">{mission}</section>')
    screen = f'<article class="screen">{_header(data, lang)}{"".join(sections)}{footer_html(data, lang)}</article>'
    return screen + official_html(data, lang, url=url, manufacturing=manufacturing)


def page_language(data: Mapping[str, Any], lang: str | None, fallback: str) -> str:
    """`--lang` when given, else the document's own `language` (default id), else `fallback` for other languages."""
    if lang is not None:
        return lang
    primary = str(data.get("language", "id")).split("-")[0].lower()
    return primary if primary in ("en", "id") else fallback


def standard_page(
    documents: Sequence[Mapping[str, Any]],
    lang: str,
    back: str | None = None,
    *,
    url: str | None = None,
    manufacturing: bool = False,
) -> str:
    """A self-contained page for the standards of one file (usually one); `url` is its online address (QR code)."""
    nav = f'<nav><a href="{e(back)}">{e(LABELS("back", lang))}</a></nav>' if back else ""
    body = nav + "<hr>".join(article_html(data, lang, url, manufacturing) for data in documents)
    title = _title(documents[0], lang) if len(documents) == 1 else LABELS("standard", lang)
    return html_document(title, body, lang)


def _identifier(data: Mapping[str, Any]) -> str:
    """The document's `id`; format 1.1 may leave it out: then the provider and title name the page."""
    if data.get("id"):
        return str(data["id"])
    return f"{_provider(data).get('name', '')}/{data.get('title', '')}"


def site(
    documents: Sequence[Mapping[str, Any]],
    lang: str | None,
    fallback: str = "id",
    *,
    base_url: str | None = None,
    manufacturing: bool = False,
) -> dict[str, str]:
    """File name -> HTML: `index.html` listing the standards by provider, and one page per standard.

    Each page speaks its document's language unless `lang` says otherwise; the index, the most common one.
    With `base_url`, each page's print carries a QR code to its own address under it."""
    taken: set[str] = set()

    def order(data: Mapping[str, Any]) -> tuple[str, str, str]:
        provider = str(_provider(data).get("name", "")).casefold()
        return (provider, str(data.get("title", "")).casefold(), _identifier(data))

    pages = {page_name(_identifier(data), taken): data for data in sorted(documents, key=order)}
    languages = {name: page_language(data, lang, fallback) for name, data in pages.items()}
    base = base_url.rstrip("/") + "/" if base_url else None
    files = {
        name: standard_page(
            [data], languages[name], back="index.html", url=base + name if base else None, manufacturing=manufacturing
        )
        for name, data in pages.items()
    }
    counts = {code: list(languages.values()).count(code) for code in ("id", "en")}
    index_lang = lang or (max(counts, key=lambda code: counts[code]) if languages else fallback)
    return {"index.html": index_page(pages, index_lang), **files}


def index_page(pages: Mapping[str, Mapping[str, Any]], lang: str) -> str:
    providers: dict[str, list[str]] = {}
    for name, data in pages.items():
        status = document_status(data)
        note = f" — {LABELS(status, lang)}" if status in ("draft", "retired") else ""
        entry = f'<a href="{e(name)}">{e(_title(data, lang))}</a>{e(note)}'
        providers.setdefault(str(_provider(data).get("name", "")), []).append(f"<li data-entry>{entry}</li>")
    sections = "".join(
        f"<section data-provider><h2>{e(provider)}</h2><ul>{''.join(entries)}</ul></section>"
        for provider, entries in providers.items()
    )
    title = LABELS("index", lang)
    search = (
        f'<p id="search" hidden><label for="filter">{e(LABELS("search", lang))}</label><br>'
        '<input type="search" id="filter" autocomplete="off"></p>'
        f'<p id="none" role="status" hidden>{e(LABELS("no_results", lang))}</p>'
    )
    return html_document(title, f"<h1>{e(title)}</h1>{search}{sections}", lang, FILTER_SCRIPT)
