"""User rules written in YAML: a JSON Pointer with wildcards and one requirement from a closed set.

A rule file holds one rule, or `rules:` with a list of them (custom-rule.schema.json). Its id must
contain a hyphen (`KEMENKES-001`), so that it can never collide with a built-in id (`SIM001`).

A rule file comes from the checked repository, so nothing in it may cost more than linear time or
bounded output: `require.pattern` runs on RE2 (google-re2), which has no backtracking (a pattern it
cannot run, such as a backreference or a look-around, is a configuration error), and a message may
hold only plain `{field}` placeholders, filled with bounded text (rules/base.py, QUOTE_LIMIT).
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import re2  # type: ignore[import-untyped]
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from svcstd import resources
from svcstd.errors import ConfigError
from svcstd.i18n import Catalog
from svcstd.model import LoadedDocument, Location, Principle, Severity, Text
from svcstd.reading.discovery import display_path
from svcstd.reading.files import read_regular, reason
from svcstd.reading.limits import DEFAULT_LIMITS
from svcstd.reading.loader import load_bytes
from svcstd.reading.sourcemap import join_pointer
from svcstd.rules.base import CheckFunction, Document, Hit, Rule, RuleContext

SCHEMA_FILE = "custom-rule.schema.json"
SUFFIXES = (".yaml", ".yml")
KINDS = (
    "present",
    "non_empty",
    "min_items",
    "max_items",
    "min_value",
    "max_value",
    "pattern",
    "allowed_values",
    "max_words",
)
MESSAGE_PARAMS = ("pointer", "value", "limit", "count")
JSON_TYPES = {
    "object": Text("a mapping", "pemetaan"),
    "string": Text("a string", "teks"),
    "integer": Text("a whole number", "bilangan bulat"),
    "number": Text("a number", "angka"),
    "array": Text("a list", "daftar"),
    "boolean": Text("true or false", "true atau false"),
}

MESSAGES = Catalog(
    "declarative",
    {
        "problem": ("{where}: invalid custom rule: {problem}", "{where}: aturan tambahan tidak sah: {problem}"),
        "missing_path": ("rule_paths: {path} does not exist.", "rule_paths: {path} tidak ada."),
        "unreadable": (
            "{path}: cannot read the rule file: {reason}.",
            "{path}: berkas aturan tidak dapat dibaca: {reason}.",
        ),
        "required": ("the key `{key}` is required.", "kunci `{key}` wajib ada."),
        "unknown": (
            "unknown key `{key}`; the keys allowed here: {allowed}.",
            "kunci `{key}` tidak dikenal; kunci yang boleh dipakai di sini: {allowed}.",
        ),
        "enum": (
            "`{key}` must be one of {allowed}, not {value}.",
            "`{key}` harus salah satu dari {allowed}, bukan {value}.",
        ),
        "type": ("`{key}` must be {expected}, not {value}.", "`{key}` harus berupa {expected}, bukan {value}."),
        "id": (
            "the id {value} must be upper-case letters and digits with a hyphen, ending in three digits "
            "(for example KEMENKES-001); built-in ids have no hyphen.",
            "kode {value} harus berupa huruf besar dan angka dengan tanda hubung, diakhiri tiga angka "
            "(misalnya KEMENKES-001); kode aturan bawaan tidak memakai tanda hubung.",
        ),
        "where": (
            "`where` must be a JSON Pointer starting with `/`, such as /delivery/fees/*/basis.",
            "`where` harus berupa JSON Pointer yang diawali `/`, misalnya /delivery/fees/*/basis.",
        ),
        "require": ("`require` takes exactly one of: {kinds}.", "`require` harus berisi tepat satu dari: {kinds}."),
        "other": ("`{key}`: {detail}.", "`{key}`: {detail}."),
        "regex": (
            "`require.pattern` is not a regular expression that runs in linear time (RE2 syntax: no "
            "backreferences, look-ahead or look-behind; at most 1000 repetitions): {detail}.",
            "`require.pattern` bukan ekspresi reguler yang berjalan dalam waktu linear (sintaks RE2: tanpa "
            "rujukan balik, look-ahead, atau look-behind; paling banyak 1000 pengulangan): {detail}.",
        ),
        "placeholder": (
            "`message.{lang}` may use only the plain placeholders {params}, with no format, conversion, "
            "attribute or index (not `{{value:>9}}`, `{{value!r}}` or `{{value.x}}`); write `{{{{` and `}}}}` "
            "for braces.",
            "`message.{lang}` hanya boleh memakai penanda polos {params}, tanpa format, konversi, atribut, atau "
            "indeks (bukan `{{value:>9}}`, `{{value!r}}`, atau `{{value.x}}`); tulis `{{{{` dan `}}}}` untuk "
            "kurung kurawal.",
        ),
        "duplicate": ("the rule id {rule} is already used at {first}.", "kode aturan {rule} sudah dipakai di {first}."),
        "custom": ("A custom rule: {requirement}.", "Aturan tambahan: {requirement}."),
        "present": ("`{where}` must be present", "`{where}` wajib ada"),
        "non_empty": ("`{where}` must be present and not empty", "`{where}` wajib ada dan tidak boleh kosong"),
        "min_items": (
            "`{where}` must have at least {limit} items",
            "`{where}` wajib memuat paling sedikit {limit} butir",
        ),
        "max_items": ("`{where}` must have at most {limit} items", "`{where}` paling banyak memuat {limit} butir"),
        "min_value": ("`{where}` must be at least {limit}", "nilai `{where}` paling kecil {limit}"),
        "max_value": ("`{where}` must be at most {limit}", "nilai `{where}` paling besar {limit}"),
        "pattern": ("`{where}` must match the pattern `{limit}`", "`{where}` wajib sesuai dengan pola `{limit}`"),
        "allowed_values": ("`{where}` must be one of: {limit}", "`{where}` wajib berisi salah satu dari: {limit}"),
        "max_words": ("`{where}` must have at most {limit} words", "`{where}` paling banyak {limit} kata"),
    },
)


def _say(message_key: str, /, **params: object) -> Text:
    return MESSAGES.text(message_key, **params)


class RuleError(Exception):
    """A problem inside one rule file, at a JSON Pointer; turned into a ConfigError with its line."""

    def __init__(self, pointer: str, problem: Text, at_key: bool = False) -> None:
        super().__init__(problem.en)
        self.pointer, self.problem, self.at_key = pointer, problem, at_key


# --- files ---------------------------------------------------------------------------------------------------------


_LOADED: dict[tuple[tuple[str, int, int, int], ...], tuple[Rule, ...]] = {}
"""Rule files already read in this process, by name and stat: the configuration and the pipeline share one read."""


def load_rule_files(paths: tuple[str, ...]) -> tuple[Rule, ...]:
    """Every rule in the rule files of `paths` (folders, or files), in file order; ids must be unique.

    Read once per process for the same unchanged files: checking `[rules.<ID>]` in the configuration and
    building the run's pipeline do not read them twice, and workers inherit the rules by fork.
    """
    files = rule_files(paths)
    key = tuple(_identity(file) for file in files)
    if key not in _LOADED:
        _LOADED.clear()  # one set of rule files per run; never grows
        _LOADED[key] = _read_all(files)
    return _LOADED[key]


def _identity(file: Path) -> tuple[str, int, int, int]:
    try:
        status = file.stat()
    except OSError:
        return (str(file), -1, -1, -1)  # reading it will say why
    return (str(file.resolve()), status.st_mtime_ns, status.st_size, status.st_ino)


def _read_all(files: list[Path]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for file in files:
        for rule, where in read_rule_file(file):
            if rule.id in seen:
                raise ConfigError(
                    _say("problem", where=where, problem=_say("duplicate", rule=rule.id, first=seen[rule.id]))
                )
            seen[rule.id] = where
            rules.append(rule)
    return tuple(rules)


def rule_files(paths: tuple[str, ...]) -> list[Path]:
    """The *.yaml and *.yml files directly in each folder, sorted by name; a file path is taken as is."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            # every entry named *.yaml but a folder: a pipe or a broken link is reported, never passed over
            files.extend(sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and not p.is_dir()))
        elif path.exists():  # a file, or a device or pipe that reading refuses with its reason
            files.append(path)
        else:
            raise ConfigError(_say("missing_path", path=given))
    return files


def read_rule_file(path: Path) -> list[tuple[Rule, str]]:
    """The rules of one file, each with its file:line:column; a bad file raises ConfigError."""
    display = display_path(path)
    try:
        raw = read_regular(path, DEFAULT_LIMITS.max_file_bytes)  # no pipe, device or /proc file; bounded
    except OSError as error:
        raise ConfigError(_say("unreadable", path=display, reason=reason(error))) from None
    found: list[tuple[Rule, str]] = []
    for doc in load_bytes(raw, display):
        for finding in doc.findings:
            where = f"{display}:{finding.line}:{finding.column}"
            raise ConfigError(_say("problem", where=where, problem=finding.message))
        try:
            found.extend(_rules_of(doc))
        except RuleError as error:
            at = doc.source.key(error.pointer) if error.at_key else doc.source.value(error.pointer)
            raise ConfigError(_say("problem", where=_place(display, at), problem=error.problem)) from None
    return found


def _place(display: str, at: Location) -> str:
    return f"{display}:{at.line}:{at.column}"


def _rules_of(doc: LoadedDocument) -> Iterator[tuple[Rule, str]]:
    check_schema(doc)
    data: Mapping[str, Any] = doc.data  # type: ignore[assignment]
    entries = [(f"/rules/{i}", entry) for i, entry in enumerate(data["rules"])] if "rules" in data else [("", data)]
    for pointer, entry in entries:
        yield build_rule(entry, pointer), _place(doc.path, doc.source.value(f"{pointer}/id"))


# --- the rule file's schema ----------------------------------------------------------------------------------------


@cache
def _validator() -> Draft202012Validator:
    text = resources.read_text(f"schemas/{SCHEMA_FILE}")
    return Draft202012Validator(json.loads(text))


def load_schema() -> dict[str, Any]:
    """The custom-rule schema (a fresh copy), for editors."""
    schema: dict[str, Any] = json.loads(json.dumps(_validator().schema))
    return schema


def check_schema(doc: LoadedDocument) -> None:
    """Raise RuleError for the first schema problem in file order (the deepest when several share a place)."""
    errors = list(_validator().iter_errors(doc.data))
    if errors:
        first = min(errors, key=lambda e: (doc.source.value(_pointer(e)), -len(e.absolute_path)))
        raise _schema_problem(first)


def _pointer(error: ValidationError) -> str:
    return "".join(join_pointer("", token) for token in error.absolute_path)


def _label(error: ValidationError, extra: str | None = None) -> str:
    parts = [*error.absolute_path, *([extra] if extra else [])]
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".") or "(file)"


def _schema_problem(error: ValidationError) -> RuleError:
    pointer, kind = _pointer(error), str(error.validator)
    instance: Any = error.instance
    if kind == "required":
        expected: Any = error.validator_value
        missing = next(key for key in expected if key not in instance)
        return RuleError(pointer, _say("required", key=_label(error, missing)))
    if kind == "additionalProperties":
        schema: Any = error.schema
        allowed = tuple(schema.get("properties", {}))
        extra = next(key for key in instance if key not in allowed)
        problem = _say("unknown", key=_label(error, extra), allowed=", ".join(allowed))
        return RuleError(join_pointer(pointer, extra), problem, at_key=True)
    if kind in ("minProperties", "maxProperties") or (kind == "type" and pointer.endswith("/require")):
        return RuleError(pointer, _say("require", kinds=", ".join(KINDS)), at_key=True)
    return RuleError(pointer, _value_problem(error, kind, pointer))


def _value_problem(error: ValidationError, kind: str, pointer: str) -> Text:
    key, value = _label(error), json.dumps(error.instance, ensure_ascii=False)
    if kind == "pattern":
        return _say("where", value=value) if pointer.endswith("/where") else _say("id", value=value)
    if kind in ("enum", "const"):
        expected: Any = error.validator_value
        allowed = expected if kind == "enum" else [expected]
        return _say("enum", key=key, allowed=", ".join(json.dumps(a) for a in allowed), value=value)
    if kind == "type":
        return _say("type", key=key, expected=JSON_TYPES.get(str(error.validator_value), Text("?", "?")), value=value)
    if kind == "oneOf":
        return _say("type", key=key, expected=Text("a string or {en, id}", "teks atau {en, id}"), value=value)
    return _say("other", key=key, detail=error.message)


# --- building a Rule -----------------------------------------------------------------------------------------------


def _text(entry: Mapping[str, Any], key: str) -> Text:
    value = entry[key]
    return Text(value, value) if isinstance(value, str) else Text(value["en"], value["id"])


def build_rule(entry: Mapping[str, Any], pointer: str) -> Rule:
    """A Rule like a built-in one; the check is a closure over `where` and the one requirement."""
    [(kind, argument)] = entry["require"].items()
    _check_message(entry, pointer)
    if kind == "pattern":
        argument = _compile(argument, f"{pointer}/require/pattern")
    requirement = _say(kind, where=entry["where"], limit=show_limit(kind, argument))
    check = make_check(tokens(entry["where"]), kind, argument)
    check.__doc__ = entry.get("examples") or requirement.en + "."
    return Rule(
        id=entry["id"],
        principle=Principle(entry["principle"]),
        severity=Severity(entry["severity"]),
        weight=entry.get("weight", 1),
        title=_text(entry, "title"),
        message=_text(entry, "message"),
        fix=_text(entry, "fix"),
        rationale=_text(entry, "rationale") if "rationale" in entry else _say("custom", requirement=requirement),
        reference=_text(entry, "reference"),
        check=check,
        applies=make_applies(tokens(entry["where"]), kind),
        kind="custom",
    )


def _re2_options() -> Any:
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own error, with the pattern, to stderr
    return options


_RE2_OPTIONS = _re2_options()


class Pattern(NamedTuple):
    """A custom rule's pattern, compiled by RE2: a search takes time linear in the text, whatever the pattern."""

    pattern: str
    compiled: Any

    def search(self, text: str) -> bool:
        return self.compiled.search(text) is not None


def _compile(pattern: str, pointer: str) -> Pattern:
    try:
        return Pattern(pattern, re2.compile(pattern, _RE2_OPTIONS))
    except re2.error as error:
        reason = error.args[0] if error.args else "?"
        detail = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        detail = detail if len(detail) <= 200 else detail[:199] + "…"
        raise RuleError(pointer, _say("regex", detail=detail)) from None


def _check_message(entry: Mapping[str, Any], pointer: str) -> None:
    """The message may use only plain `{name}` fields every hit supplies; a stray brace would fail at run time.

    No `{value:>400000000}` (a format that writes gigabytes), `{value!r}`, `{value.__class__}` or `{value[0]}`.
    """
    for lang in ("en", "id"):
        if not _plain_fields(entry["message"][lang]):
            params = ", ".join(f"{{{name}}}" for name in MESSAGE_PARAMS)
            raise RuleError(f"{pointer}/message/{lang}", _say("placeholder", lang=lang, params=params))


def _plain_fields(template: str) -> bool:
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)]
    except ValueError:  # a single `{` or `}`
        return False
    return all(
        name in MESSAGE_PARAMS and not spec and conversion is None
        for name, spec, conversion in fields
        if name is not None
    )


def show_limit(kind: str, argument: object) -> str:
    if isinstance(argument, Pattern):
        return argument.pattern
    if kind == "allowed_values" and isinstance(argument, list):
        return ", ".join(json.dumps(value, ensure_ascii=False) for value in argument)
    return "" if argument is True else str(argument)


# --- evaluating `where` and `require` ------------------------------------------------------------------------------


class Target(NamedTuple):
    """A node that `where` reaches (or, for present/non_empty, should reach)."""

    pointer: str
    exists: bool
    value: Any = None


def tokens(where: str) -> tuple[str, ...]:
    """The pointer's reference tokens, unescaped (RFC 6901); `*` is the wildcard."""
    return tuple(token.replace("~1", "/").replace("~0", "~") for token in where.split("/")[1:])


def _children(pointer: str, node: Any, token: str) -> list[tuple[str, Any]]:
    if token == "*" and isinstance(node, dict):
        return [(join_pointer(pointer, key), value) for key, value in node.items()]
    if token == "*" and isinstance(node, list):
        return [(join_pointer(pointer, index), value) for index, value in enumerate(node)]
    if isinstance(node, dict) and token in node:
        return [(join_pointer(pointer, token), node[token])]
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return [(join_pointer(pointer, token), node[int(token)])]
    return []


def expand(doc: Document, path: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Every existing node on the path, wildcards expanded, in document order."""
    nodes: list[tuple[str, Any]] = [("", doc)]
    for token in path:
        nodes = [child for pointer, node in nodes for child in _children(pointer, node, token)]
    return nodes


def targets(doc: Document, path: tuple[str, ...], kind: str) -> list[Target]:
    """The nodes a requirement judges: missing ones too for present/non_empty, else those of a fitting type."""
    if kind in ("present", "non_empty") and path[-1] != "*":
        parents = [(p, node) for p, node in expand(doc, path[:-1]) if isinstance(node, dict | list)]
        found = [(join_pointer(p, path[-1]), _children(p, node, path[-1])) for p, node in parents]
        return [Target(p, bool(child), child[0][1] if child else None) for p, child in found]
    return [Target(p, True, value) for p, value in expand(doc, path) if _fits(kind, value)]


def _fits(kind: str, value: Any) -> bool:
    if kind in ("min_items", "max_items"):
        return isinstance(value, list | dict)
    if kind in ("min_value", "max_value"):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "pattern":
        return isinstance(value, str | int | float) and not isinstance(value, bool)
    if kind == "max_words":
        return isinstance(value, str)
    return True


def measure(kind: str, value: Any) -> int | None:
    """The count a requirement compares: items or words."""
    if kind in ("min_items", "max_items"):
        return len(value)
    if kind == "max_words":
        return len(str(value).split())
    return None


def passes(kind: str, argument: Any, target: Target) -> bool:
    """Whether one node meets the requirement."""
    value, count = target.value, measure(kind, target.value) if target.exists else None
    checks: dict[str, Callable[[], object]] = {
        "present": lambda: target.exists,
        "non_empty": lambda: target.exists and value is not None and value not in ("", [], {}) and str(value).strip(),
        "min_items": lambda: count is not None and count >= argument,
        "max_items": lambda: count is not None and count <= argument,
        "max_words": lambda: count is not None and count <= argument,
        "min_value": lambda: value >= argument,
        "max_value": lambda: value <= argument,
        "pattern": lambda: argument.search(str(value)),
        "allowed_values": lambda: any(type(value) is type(a) and value == a for a in argument),
    }
    return bool(checks[kind]())


def make_check(path: tuple[str, ...], kind: str, argument: Any) -> CheckFunction:
    def check(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for target in targets(doc, path, kind):
            if not passes(kind, argument, target):
                yield Hit(target.pointer, hit_params(kind, argument, target), at_key=not target.exists)

    return check


def make_applies(path: tuple[str, ...], kind: str) -> Any:
    """A custom rule applies to a document when `where` reaches at least one node it can judge."""

    def applies(doc: Document, ctx: RuleContext) -> bool:
        return bool(targets(doc, path, kind))

    return applies


def hit_params(kind: str, argument: Any, target: Target) -> dict[str, object]:
    shown = "" if not target.exists else target.value if isinstance(target.value, str) else json.dumps(target.value)
    count = measure(kind, target.value) if target.exists else None
    return {
        "pointer": target.pointer,
        "value": shown if len(shown) <= 80 else shown[:77] + "...",
        "limit": show_limit(kind, argument),
        "count": "" if count is None else count,
    }
