"""The native reader (src/svcstd/reading/_native_reader.c) reads exactly as the Python reader, or leaves the text to it.

For every text: the same documents, data (types, NaN, key order), findings, SourceMap rows and mapping keys,
and the same answers for every pointer, as `loader.load_events` (the Python reader alone). The native reader
must also take the common case itself (else a reader that always gives up would pass), give up on everything
it does not handle, hold no memory between calls, and be switched off by SVCSTD_NATIVE=0.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import sysconfig
import tracemalloc
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.model import LoadedDocument
from svcstd.reading import loader
from svcstd.reading.limits import DEFAULT_LIMITS, Limits
from tests.test_reader_rewrite import ARBITRARY, FILES, GENERATED, _odd_files, _probes, _same, _text

ROOT = Path(__file__).resolve().parents[1]
HEADERS = Path("/usr/include/yaml.h").exists() and shutil.which(sysconfig.get_config_var("CC") or "cc") is not None
native = pytest.mark.skipif(loader._NATIVE_READ is None, reason="the native reader is not built on this machine")


def test_built_where_it_can_be() -> None:
    """Where libyaml's headers and a compiler are (Debian with libyaml-dev, as in CI), the install builds it."""
    if not HEADERS:
        pytest.skip("no libyaml headers or C compiler here: svcstd reads with Python alone")
    assert loader._NATIVE_READ is not None, "the native reader was not built: run `pip install -e .` again"


def _read(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    assert loader._NATIVE_READ is not None
    return loader._read_natively(loader._NATIVE_READ, text, limits)


def assert_same(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    if isinstance(text, bytes):
        decoded = loader.decode(text)
        if not isinstance(decoded, str):
            return  # not text: neither reader sees it
        text = decoded
    was = loader.load_events(text, "t.yaml", limits)
    now = loader.load_text(text, "t.yaml", limits)
    _compare(was, now)


def _compare(was: list[LoadedDocument], now: list[LoadedDocument]) -> None:
    assert len(was) == len(now)
    for old, new in zip(was, now, strict=True):
        assert (old.path, old.index) == (new.path, new.index)
        assert _same(old.data, new.data), (old.data, new.data)
        assert old.findings == new.findings
        assert old.source.rows() == new.source.rows()
        assert old.source.mapping_keys() == new.source.mapping_keys()
        assert (old.source.built() is None) == (new.source.built() is None)
        for pointer in _probes(old):
            assert old.source.key(pointer) == new.source.key(pointer), pointer
            assert old.source.value(pointer) == new.source.value(pointer), pointer
            assert (pointer in old.source) == (pointer in new.source), pointer


@native
@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_files_read_the_same(path: Path) -> None:
    assert_same(path.read_bytes())


@native
@pytest.mark.parametrize(("name", "text"), sorted(_odd_files().items()))
def test_odd_yaml_reads_the_same(name: str, text: str | None) -> None:
    if text is not None:
        assert_same(text)


@native
@settings(max_examples=1500, deadline=None, derandomize=True)
@given(**GENERATED)
def test_generated_yaml_reads_the_same(
    documents: list[Any], breaks: str, separator: str, limits: Limits, start: str
) -> None:
    assert_same(start + _text(documents, breaks, separator), limits)


PLAIN_ONLY = st.recursive(
    st.sampled_from(["1", "word", "'q'", '"d\\tq"', "08:00", "true", "~", "0x1f", ".nan", "-.inf", "é ü", "''", "0o7"]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(["a", "b", "c", "é", "a/b", "c~d", "1"]), inner, max_size=4).map(
            lambda entries: "{" + ", ".join(f"{key}: {value}" for key, value in entries.items()) + "}"
        ),
    ),
    max_leaves=20,
)


@native
@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["id", "title", "x y", "é", "0"]), PLAIN_ONLY), max_size=6))
def test_plain_data_is_read_natively_and_the_same(entries: list[tuple[str, str]]) -> None:
    """Texts without anything the native reader leaves: it reads them itself, as the Python reader would."""
    text = "".join(f"{key}: {value}\n" for key, value in dict(entries).items()) or "{}\n"
    assert _read(text) is not None
    assert_same(text)


@native
@settings(max_examples=300, deadline=None, derandomize=True)
@given(ARBITRARY)
def test_arbitrary_text_reads_the_same(pieces: list[str]) -> None:
    assert_same("".join(pieces))


REAL = sorted(
    path
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures" / "real")
    for path in folder.rglob("*")
    if path.suffix in {".yaml", ".yml"} and path.is_file() and "invalid" not in path.parts
)


@native
@pytest.mark.parametrize("path", REAL, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_common_case_is_read_natively(path: Path) -> None:
    """The examples and the real standards hold nothing the native reader leaves to Python."""
    text = loader.decode(path.read_bytes())
    assert isinstance(text, str)
    read = _read(text)
    assert read is not None
    assert [root for root, _, _ in read if root is not None]


LEFT = {
    "an anchor": "a: &x 1\n",
    "an alias": "a: 1\nb: *x\n",
    "an anchored mapping": "a: &m {b: 1}\n",
    "a tag on a value": "a: !!str 1\n",
    "a non-specific tag": "a: ! 1\n",
    "a tag on a list": "a: !!seq [1]\n",
    "a tag on a key": "!!str a: 1\n",
    "a merge key": "a: {b: 1}\nc:\n  <<: {d: 2}\n",
    "a quoted merge key": "'<<': 1\n",
    "a duplicate key": "a: 1\nb: 2\na: 3\n",
    "a complex key": "? [a]\n: 1\n",
    "a mapping as a key": "{a: 1}: 2\n",
    "a syntax error": "a: [1, 2\n",
    "a syntax error in a later document": "a: 1\n---\nb: : c\n",
    "a tab": "a:\n\t- 1\n",
    "an empty key": "? \n: 1\n",
    "an empty key before a colon": ": 1\n",
    "a stray bracket libyaml 0.2.5 accepts": "a: [?]]\nb: 1\n",
}


@native
@pytest.mark.parametrize("text", LEFT.values(), ids=list(LEFT))
def test_what_it_leaves_to_the_python_reader(text: str) -> None:
    assert _read(text) is None
    assert_same(text)


TIGHT = Limits(max_file_bytes=40, max_depth=2, max_nodes=5, max_documents=2)
OVER = {
    "too deep": "a: {b: {c: 1}}\n",
    "too many nodes": "a: [1, 2, 3, 4, 5]\n",
    "too much text": "a: " + "x" * 41 + "\n",
    "too many documents": "a: 1\n---\nb: 2\n---\nc: 3\n",
}


@native
@pytest.mark.parametrize("text", OVER.values(), ids=list(OVER))
def test_limits_leave_it_to_the_python_reader(text: str) -> None:
    assert _read(text, TIGHT) is None
    assert _read(text) is not None  # under the default limits it reads them itself
    assert_same(text, TIGHT)
    assert any(finding.rule == "YML006" for doc in loader.load_text(text, "t.yaml", TIGHT) for finding in doc.findings)


@native
def test_text_that_is_not_utf8_encodable() -> None:
    """A lone surrogate cannot be given to libyaml as UTF-8: the Python reader says what it says about it."""
    assert _read("a: \udc80\n") is None
    with pytest.raises(UnicodeEncodeError):
        loader.load_events("a: \udc80\n")
    with pytest.raises(UnicodeEncodeError):
        loader.load_text("a: \udc80\n")


@native
def test_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counted(*args: Any) -> Any:
        calls.append(args[0])
        return None

    monkeypatch.setattr(loader, "_NATIVE_READ", counted)
    monkeypatch.setenv("SVCSTD_NATIVE", "0")
    (doc,) = loader.load_text("a: 1\n")
    assert doc.data == {"a": 1} and calls == []
    monkeypatch.delenv("SVCSTD_NATIVE")
    (doc,) = loader.load_text("a: 2\n")
    assert doc.data == {"a": 2} and calls == ["a: 2\n"]


@native
@pytest.mark.parametrize(
    ("attribute", "value"),
    [("ABI", 99), ("LIBYAML_VERSION", "0.2.2"), ("LIBYAML_VERSION", ""), ("SOURCE_DIGEST", "0" * 64)],
)
def test_a_module_it_cannot_trust_is_not_used(monkeypatch: pytest.MonkeyPatch, attribute: str, value: object) -> None:
    module = sys.modules["svcstd.reading._native_reader"]
    assert loader._native_reader() is not None
    monkeypatch.setattr(module, attribute, value)
    assert loader._native_reader() is None


@native
def test_no_memory_is_kept_between_reads() -> None:
    """Every object the native reader makes is given away or freed, on the paths it reads and on those it leaves."""
    texts = [path.read_text(encoding="utf-8") for path in REAL[:3]] + list(LEFT.values()) + list(OVER.values())
    for text in texts:  # warm: caches of the interpreter and of loader._RESOLVED
        _read(text), _read(text, TIGHT)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(300):
            for text in texts:
                _read(text)
                _read(text, TIGHT)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 64 * 1024, grown  # one row kept per read would be about 300 KB


@native
def test_a_module_that_reads_a_divergent_text_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml 0.2.5 reads `[?]]` as data where later releases find a syntax error: the native reader leaves it, so
    it is read by the libyaml inside PyYAML (0.2.5 in PyYAML 6.0's wheels, later in 6.0.2's) as without the native
    reader."""
    module = sys.modules["svcstd.reading._native_reader"]
    for text in loader.DIVERGENT:
        assert _read(text) is None
        assert_same(text)
        newer = yaml_version() > (0, 2, 5)
        assert newer == any(finding.rule == "YML003" for doc in loader.load_text(text) for finding in doc.findings)
    real = module.read
    monkeypatch.setattr(module, "read", lambda text, *args: [] if text == loader.DIVERGENT[-1] else real(text, *args))
    assert loader._native_reader() is None


def yaml_version() -> tuple[int, ...]:
    """The version of the libyaml inside PyYAML, which the Python reader uses."""
    from yaml import _yaml

    return tuple(int(part) for part in _yaml.get_version_string().split(".")[:3])


def _hook_module() -> types.ModuleType:
    """hatch_build.py without hatchling installed: its base class stubbed."""
    interface = types.ModuleType("hatchling.builders.hooks.plugin.interface")
    interface.BuildHookInterface = object  # type: ignore[attr-defined]
    names = ["hatchling", "hatchling.builders", "hatchling.builders.hooks", "hatchling.builders.hooks.plugin"]
    saved = {name: sys.modules.get(name) for name in [*names, interface.__name__]}
    for name in names:
        sys.modules[name] = types.ModuleType(name)
    sys.modules[interface.__name__] = interface
    try:
        spec = importlib.util.spec_from_file_location("svcstd_hatch_build", ROOT / "hatch_build.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        for name, was in saved.items():
            if was is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = was


def test_the_build_goes_on_without_a_compiler(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hook = _hook_module()
    source = ROOT / hook.SOURCE
    monkeypatch.setenv("CC", str(tmp_path / "no-such-compiler"))
    assert hook.build(source, tmp_path / "x.so") is not None
    monkeypatch.setenv("CC", "false")
    assert hook.build(source, tmp_path / "x.so") is not None
    monkeypatch.delenv("CC")
    monkeypatch.setenv("SVCSTD_BUILD_NATIVE", "0")
    assert hook.build(source, tmp_path / "x.so") == "SVCSTD_BUILD_NATIVE=0"
    monkeypatch.delenv("SVCSTD_BUILD_NATIVE")
    monkeypatch.setenv("CFLAGS", '"-O2')  # an unbalanced quote: shlex cannot split it
    assert "ValueError" in hook.build(source, tmp_path / "x.so")
    assert not (tmp_path / "x.so").exists()


@pytest.mark.slow
def test_the_build_makes_a_module_that_reads(tmp_path: Path) -> None:
    if not HEADERS:
        pytest.skip("no libyaml headers or C compiler here")
    hook = _hook_module()
    target = tmp_path / ("_native_reader" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so"))
    assert hook.build(ROOT / hook.SOURCE, target) is None
    spec = importlib.util.spec_from_file_location("svcstd.reading._native_reader", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.ABI == loader.NATIVE_ABI
    assert hook.source_digest(ROOT / hook.SOURCE) == module.SOURCE_DIGEST
    read = module.read("a: [1, x]\n", 64, 100, 1000, 10, loader._RESOLVED, loader._MAY_RESOLVE_TEXT)
    assert read[0][0] == {"a": [1, "x"]}
