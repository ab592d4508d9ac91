"""A warm replay's start-up (issue 17, ninth part): what it no longer imports, and that what replaced each
import gives what the import gave (pathlib's paths, json's header, hashlib's and hmac's digests, typing's
named tuples)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcstd.cache import basics, location, replay
from svcstd.cli import output
from svcstd.reading import discovery
from tests.test_replay import AS_OF

NOT_ON_THE_WARM_PATH = (
    "typing",
    "pathlib",
    "urllib.parse",
    "ipaddress",
    "fnmatch",
    "json",
    "re",
    "enum",
    "hashlib",
    "hmac",
    "contextlib",
    "functools",
    "collections.abc",
    "zlib",
    "array",
    "importlib",
)
"""What a replay to standard output did import before this part, and imports no more."""

NOT_ON_THE_FILE_PATH = (*NOT_ON_THE_WARM_PATH, "tempfile", "shutil", "random", "signal")
"""The same, and more, for a replay writing a file: tempfile (for the file renamed into place) and signal (for
SIGTERM while it is written) brought shutil, random, re and enum."""

HARNESS = """
import sys
modules = sys.argv.pop(1)
import svcstd.cache.replay
svcstd.cache.replay.RACY_NS = 0  # the corpus was just written: settled at once, as in test_replay
if sys.argv.pop(1) == "cold":
    import svcstd.cache.store
    svcstd.cache.store.RACY_NS = 0
from svcstd.cli import run
try:
    code = run()
finally:
    with open(modules, "w", encoding="utf-8") as stream:
        stream.write("\\n".join(sorted(sys.modules)))
sys.exit(code)
"""
"""`svcstd check ...` started as the `svcstd` program starts it, importing nothing of its own first."""


def _run(tmp_path: Path, phase: str, *args: str) -> tuple[subprocess.CompletedProcess[bytes], set[str]]:
    modules = tmp_path / f"modules-{phase}.txt"
    environment = {**os.environ, "SVCSTD_CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(modules), phase, "check", *args],
        capture_output=True,
        cwd=tmp_path / "repo",
        env=environment,
        check=False,
    )
    return done, set(modules.read_text(encoding="utf-8").split("\n"))


@pytest.mark.parametrize("to_file", [False, True])
def test_a_warm_replay_imports_none_of_the_modules_taken_off_its_path(tmp_path: Path, to_file: bool) -> None:
    from tests.test_cache import make_corpus

    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    make_corpus(root / "standards", 6)
    args = ["standards", "--format", "json", "--as-of", AS_OF, "--jobs", "1"]
    if to_file:
        args += ["-o", "out.json"]
    cold, judged = _run(tmp_path, "cold", *args)
    assert "svcstd.api" in judged and "typing" in judged, "the cold run should judge (else this proves nothing)"
    written = (root / "out.json").read_bytes() if to_file else b""
    if to_file:
        (root / "out.json").unlink()
    warm, replayed = _run(tmp_path, "warm", *args)
    assert "svcstd.api" not in replayed, "the warm run should replay (else this proves nothing)"
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    if to_file:
        assert (root / "out.json").read_bytes() == written
    forbidden = NOT_ON_THE_FILE_PATH if to_file else NOT_ON_THE_WARM_PATH
    assert sorted(name for name in forbidden if name in replayed) == []


# --- paths as text, as pathlib gives them --------------------------------------------------------------------------

PATHS = [
    "",
    ".",
    "./",
    "..",
    "/",
    "//",
    "///",
    "////a",
    "//a//b/",
    "/a/./b/../c",
    "a",
    "a/",
    "./a/./b",
    "a//b",
    "a/.",
    "../a",
    ".a",
    "a.b.",
    "/dev/null",
    "out dir/report.json",
    "x\udcff.json",
]


@pytest.mark.parametrize("name", PATHS)
def test_path_text_is_what_pathlib_says(name: str) -> None:
    text = discovery.path_text(name)
    assert text == str(Path(name))
    assert discovery.path_parent(text) == str(Path(name).parent)
    assert discovery.path_name(text) == Path(name).name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="/.ab", max_size=12))
def test_path_text_is_what_pathlib_says_of_any_path(name: str) -> None:
    text = discovery.path_text(name)
    assert text == str(Path(name))
    assert discovery.path_parent(text) == str(Path(name).parent)
    assert discovery.path_name(text) == Path(name).name


def test_path_mode_answers_as_pathlib_exists_and_is_dir(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for name in ("file", "missing", "file/below", "loop", "."):
        path = tmp_path / name
        mode = discovery.path_mode(str(path))
        assert (mode is not None) == path.exists()
        assert location._is_dir(str(path)) == path.is_dir()
    assert discovery.path_mode("a\0b") is None and not Path("a\0b").exists()


def _home_cases(tmp_path: Path) -> list[dict[str, str | None]]:
    return [
        {"SVCSTD_CACHE_DIR": str(tmp_path / "c")},
        {"SVCSTD_CACHE_DIR": "relative//c/./d/"},
        {"SVCSTD_CACHE_DIR": "."},
        {"SVCSTD_CACHE_DIR": "//double/c"},
        {"SVCSTD_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path) + "//x/"},
        {"SVCSTD_CACHE_DIR": None, "XDG_CACHE_HOME": "relative/x", "HOME": str(tmp_path / "home") + "/"},
        {"SVCSTD_CACHE_DIR": None, "XDG_CACHE_HOME": None, "HOME": "/"},
    ]


def test_the_cache_home_as_text_is_what_pathlib_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for case in _home_cases(tmp_path):
        for name, value in case.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        assert location.home_text() == str(location._home_by_pathlib()), case
        assert location.cache_home() == location._home_by_pathlib()


def _checked_root_by_pathlib(start: str | Path) -> Path:
    """What `checked_root` said before this part."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def test_the_checked_root_as_text_is_what_pathlib_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVCSTD_CACHE_DIR", str(tmp_path / "cache"))
    deep = tmp_path / "repo" / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(deep)
    (tmp_path / "repo" / ".git").mkdir()
    monkeypatch.chdir(deep)
    for start in (".", "..", str(deep), "a/../..", str(tmp_path / "link"), str(tmp_path / "elsewhere"), "/"):
        expected = _checked_root_by_pathlib(start)
        assert location.checked_root_text(start) == str(expected)
        assert location.checked_root(start) == expected
        digest = hashlib.sha256(os.fsencode(expected)).hexdigest()[:32]
        assert location.root_text(start) == str(location._home_by_pathlib() / digest)
        assert location.root_folder(start) == location._home_by_pathlib() / digest
    home, folder = replay._folder(".")
    assert (home, folder) == (str(location.cache_home()), str(location.root_folder() / replay.FOLDER))


@pytest.mark.parametrize("as_text", [True, False])
def test_make_folder_takes_text_and_paths_alike(tmp_path: Path, as_text: bool) -> None:
    home = tmp_path / "above" / "cache"
    folder = home / "root" / "runs"
    location.make_folder(str(folder) if as_text else folder, str(home) if as_text else home)
    for made in (home, home / "root", folder):
        assert made.is_dir() and made.stat().st_mode & 0o777 == 0o700
    key = location.secret_key(str(home) if as_text else home)
    assert key == location.secret_key(home) and len(key) == location.KEY_BYTES
    with pytest.raises(ValueError, match="subpath"):
        location.make_folder(str(tmp_path / "other"), str(home))


# --- the header by json's C scanner; hashlib's and hmac's functions ---------------------------------------------

HEADERS = [
    b'{"a":1}',
    b'{"a":[1,2.5,-3e4,true,false,null,"\\u00e9\\ud800x"],"b":{"c":[]}}',
    b'{"a":NaN,"b":Infinity,"c":-Infinity}',
    b'{"a":1}  \n\t\r',
    b'{"a": 1 , "b" : [ 1 , 2 ] }',
    b'{"\xc3\xa9":"\xf0\x9f\x98\x80"}',
    b'{"a":1}{"b":2}',
    b'{"a":1} x',
    b'{"a":}',
    b'{"a":1',
    b'{"a":"\x01"}',
    b'{"a":1,}',
    b"[1, 2]",
    b" {}",
    b"\xef\xbb\xbf{}",
    b'{\x00"\x00}\x00',
    b"",
    b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
]


@pytest.mark.parametrize("blob", HEADERS, ids=range(len(HEADERS)))
def test_the_header_is_read_as_json_loads_reads_it(blob: bytes) -> None:
    try:
        expected: object = json.loads(blob)
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        kind = RecursionError if isinstance(error, RecursionError) else ValueError
        with pytest.raises(kind):
            replay._loads(blob)
        return
    found = replay._loads(blob)
    assert repr(found) == repr(expected)  # NaN compares unequal to itself; its repr does not


def test_a_real_header_is_read_as_json_loads_reads_it(tmp_path: Path) -> None:
    record = json.dumps({"exit": 1, "outputs": [["json", None, 0, 5, "ab", 5, "raw"]], "stderr": ["é\udcff"]})
    blob = replay._with_targets(record, [discovery.Target("a/b.yaml", "b.yaml", False)], [1, 2, 3, 4])  # type: ignore[arg-type]
    assert replay._loads(blob) == json.loads(blob)


def test_the_digests_are_hashlib_s_and_hmac_s() -> None:
    assert basics.sha256(b"abc").hexdigest() == hashlib.sha256(b"abc").hexdigest()
    assert basics.sha256 is hashlib.sha256  # OpenSSL's own, where there is OpenSSL
    assert basics.compare_digest is hmac.compare_digest
    for key in (b"", b"k" * 32, b"x" * 64, b"y" * 65, os.urandom(32)):
        for message in (b"", b"abc", os.urandom(3000)):
            mine = basics.hmac_sha256(key)
            mine.update(message)
            theirs = hmac.new(key, message, hashlib.sha256)
            assert mine.hexdigest() == theirs.hexdigest()
            assert mine.digest() == theirs.digest()


# --- named tuples without typing -----------------------------------------------------------------------------------


class _TypingText(typing.NamedTuple):
    """The reference: Text as typing.NamedTuple made it."""

    en: str
    id: str

    def __call__(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


def test_the_named_tuples_behave_as_typing_made_them() -> None:
    from svcstd.cli.check import _Command
    from svcstd.i18n import Text

    text, reference = Text("a", "b"), _TypingText("a", "b")
    assert (text("id"), text("en"), tuple(text), text._fields) == (
        reference("id"),
        reference("en"),
        ("a", "b"),
        reference._fields,
    )
    assert repr(text) == repr(reference).replace("_TypingText", "Text")
    assert text._replace(id="c") == ("a", "c") and type(text._replace(id="c")) is Text
    assert text._asdict() == reference._asdict() and Text._make(["x", "y"]) == ("x", "y")
    assert text == ("a", "b") and hash(text) == hash(("a", "b")) and isinstance(text, tuple)
    assert pickle.loads(pickle.dumps(text)) == text and type(pickle.loads(pickle.dumps(text))) is Text
    assert Text.__doc__ is not None and Text.__doc__.startswith("A user-facing text")
    assert (Text.__module__, Text.__qualname__) == ("svcstd.i18n", "Text")
    # what a class statement alone adds: typing's bases and, from Python 3.13, the compiler's bookkeeping
    statement_only = {"__orig_bases__", "__firstlineno__", "__static_attributes__"}
    assert set(vars(reference.__class__)) - set(vars(Text)) - statement_only == set()
    assert "__orig_bases__" in vars(reference.__class__)
    target = discovery.Target(path="a", display="b", explicit=True)
    assert target._replace(explicit=False) == ("a", "b", False) and target.explicit
    assert pickle.loads(pickle.dumps(target)) == target
    globs = discovery.Globs((), (), None)
    assert globs.wanted("x", "x") and discovery.Globs._fields == ("include", "exclude", "root")
    assert _Command._fields[:3] == ("paths", "formats", "output")


def test_named_tuple_refuses_defaults() -> None:
    from svcstd.i18n import named_tuple

    class Defaulted:
        name: str = "x"

    with pytest.raises(TypeError, match="defaults"):
        named_tuple(Defaulted)


# --- writing to the text of a path -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.json", "./sub//out.json", "sub/../out.json"])
def test_an_output_written_to_a_text_path_is_written_as_to_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    output.write_output(["é\n", "x\udcff\n"], Path(name))
    by_path = ((tmp_path / name).read_bytes(), (tmp_path / name).stat().st_mode)
    (tmp_path / name).unlink()
    output.write_output(["é\n", "x\udcff\n"], discovery.path_text(name))
    assert ((tmp_path / name).read_bytes(), (tmp_path / name).stat().st_mode) == by_path
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["out.json", "sub"]


def test_a_text_path_that_is_no_regular_file_is_written_through(tmp_path: Path) -> None:
    assert output._destination(os.devnull)[3] is True
    assert output._destination(str(tmp_path))[3] is True
    assert output._destination(str(tmp_path / "new.json"))[1:] == (str(tmp_path), "new.json", False)
    with pytest.raises(Exception, match="cannot write"):
        output.write_output("x", str(tmp_path))  # a folder: written through, and said as a write that failed


def test_the_temporary_file_is_made_as_mkstemp_makes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handle, name = output._temporary_file(str(tmp_path), ".out.json.")
    os.close(handle)
    assert os.path.isabs(name) and os.path.dirname(name) == str(tmp_path)
    base = os.path.basename(name)
    assert base.startswith(".out.json.") and len(base) == len(".out.json.") + 8
    assert set(base[len(".out.json.") :]) <= set(output.NAME_LETTERS)
    assert os.stat(name).st_mode & 0o777 == 0o600
    taken = [b"\0" * 8, b"\0" * 8, b"\1" * 8]  # the first name twice: taken, so tried again
    real = os.urandom
    monkeypatch.setattr(os, "urandom", lambda size: taken.pop(0) if taken else real(size))
    first, _ = output._temporary_file(str(tmp_path), "p.")
    second, again = output._temporary_file(str(tmp_path), "p.")
    os.close(first)
    os.close(second)
    assert os.path.basename(again) == "p." + output.NAME_LETTERS[1] * 8
    with pytest.raises(FileNotFoundError):
        output._temporary_file(str(tmp_path / "missing"), "p.")


SIGTERM_WHILE_WRITING = """
import os, signal, sys
from svcstd.cli.output import write_output
def chunks():
    yield "first\\n"
    os.kill(os.getpid(), signal.SIGTERM)
    yield "never\\n"
try:
    write_output(chunks(), sys.argv[1])
finally:
    print(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)
"""


def test_sigterm_while_a_file_is_written_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_WHILE_WRITING, str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 128 + 15
    assert done.stdout == "True\n"  # the default handler back in place
    assert list(tmp_path.iterdir()) == []
