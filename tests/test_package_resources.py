"""svcstd's files that are not code, read by the package's own loader (svcstd/resources.py) instead of
`importlib.resources`: the same bytes and the same text as `importlib.resources` gives, from the source tree (the
editable install these tests run from), from a plain installed folder (what a wheel installs) and from a zip
import; the fallback to `importlib.resources`; and the modules that read such files no longer import it
(docs/performance.md, issue 17, tenth part)."""

from __future__ import annotations

import importlib.machinery
import json
import shutil
import subprocess
import sys
import zipfile
from importlib import resources as importlib_resources
from pathlib import Path

import pytest

import svcstd
from svcstd import resources

PACKAGE = Path(svcstd.__file__).resolve().parent
FILES = sorted(
    path.relative_to(PACKAGE).as_posix()
    for path in PACKAGE.rglob("*")
    if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
)
ODD = "templates/odd-newlines.txt"
ODD_BYTES = "\ufeffone\r\ntwo\rthree\n\r\nfour\r\r\nfive é\r".encode()
"""A file of the copies below only: a byte order mark, CRLF, lone CR, CR before CRLF, a final CR."""


def _traversable(relative: str):  # type: ignore[no-untyped-def]
    path = importlib_resources.files("svcstd")
    for part in relative.split("/"):
        path = path.joinpath(part)
    return path


def test_there_are_files_to_read() -> None:
    for expected in (
        "schemas/service-standard.schema.json",
        "schemas/custom-rule.schema.json",
        "templates/standard.en.yaml",
        "templates/standard.id.yaml",
        "data/citations.yaml",
        "data/legal_status.yaml",
        "standard/parsed/legal_status.json",
    ):
        assert expected in FILES


@pytest.mark.parametrize("relative", FILES)
def test_each_file_reads_as_importlib_resources_reads_it(relative: str) -> None:
    assert type(svcstd.__spec__.loader).__name__ == "SourceFileLoader"  # the package's own loader, not a fallback
    assert resources.loader_bytes(relative) is not None
    expected = _traversable(relative).read_bytes()
    assert resources.read_bytes(relative) == expected
    try:
        text = _traversable(relative).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        with pytest.raises(UnicodeDecodeError):
            resources.read_text(relative)
    else:
        assert resources.read_text(relative) == text


def _readings() -> list[object]:
    from svcstd.cache import store
    from svcstd.rules import declarative
    from svcstd.standard import data, template

    declarative._validator.cache_clear()
    return [
        *(template.template_text(lang, kind) for lang in ("en", "id") for kind in template.KINDS),
        declarative.load_schema(),
        *(data.parse_yaml(name) for name in data.DATA_FILES),
        store._schema_hash(),
    ]


def test_what_the_modules_read_is_what_importlib_resources_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The templates, the custom rules' schema, the data files and the cache's schema hash: the same read by the
    loader as read through `importlib.resources` (the fallback, what they used before)."""
    by_loader = _readings()
    with monkeypatch.context() as patch:
        patch.setattr(resources, "loader_bytes", lambda relative: None)
        through_importlib = _readings()
    _readings()  # the cached validator made again by the loader's reading
    assert by_loader == through_importlib


def test_missing_file_fails_as_before() -> None:
    with pytest.raises(FileNotFoundError):
        _traversable("schemas/no-such.json").read_bytes()
    assert resources.loader_bytes("schemas/no-such.json") is None
    with pytest.raises(FileNotFoundError):
        resources.read_bytes("schemas/no-such.json")
    with pytest.raises(FileNotFoundError):
        resources.read_text("schemas/no-such.json")


def test_falls_back_to_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    """A loader that cannot read the file: `importlib.resources` reads it, giving what it always gave."""
    relative = "templates/standard.id.yaml"
    monkeypatch.setattr(resources, "loader_bytes", lambda relative: None)
    assert resources.read_bytes(relative) == _traversable(relative).read_bytes()
    assert resources.read_text(relative) == _traversable(relative).read_text(encoding="utf-8")


class _NoGetData:
    pass


class _Refusing:
    def get_data(self, path: str) -> bytes:
        raise PermissionError(path)


@pytest.mark.parametrize("loader", [None, _NoGetData(), _Refusing()])
def test_a_loader_that_cannot_read_gives_none(monkeypatch: pytest.MonkeyPatch, loader: object) -> None:
    spec = importlib.machinery.ModuleSpec("svcstd", loader, origin=svcstd.__file__)  # type: ignore[arg-type]
    monkeypatch.setattr(svcstd, "__spec__", spec)
    assert resources.loader_bytes("schemas/custom-rule.schema.json") is None


def test_a_package_without_a_file_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(svcstd, "__file__", None)
    assert resources.loader_bytes("schemas/custom-rule.schema.json") is None


HARNESS = """
import json, sys
where, loader_name = sys.argv[1], sys.argv[2]
sys.path.insert(0, where)
import svcstd
from importlib import resources as importlib_resources
from svcstd import resources
assert svcstd.__file__.startswith(where), svcstd.__file__
assert type(svcstd.__spec__.loader).__name__ == loader_name, svcstd.__spec__.loader
def traversable(relative):
    path = importlib_resources.files("svcstd")
    for part in relative.split("/"):
        path = path.joinpath(part)
    return path
out = {}
for relative in json.loads(sys.stdin.read()):
    expected = traversable(relative).read_bytes()
    try:
        text = traversable(relative).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = None
    out[relative] = [
        resources.loader_bytes(relative) == expected,
        resources.read_bytes(relative) == expected,
        text is None or resources.read_text(relative) == text,
    ]
from svcstd.standard import data, template
out["template"] = template.template_text("id", "published_sheet")
out["data"] = data.load("legal_status.yaml")
out["odd"] = resources.read_text("templates/odd-newlines.txt")
print(json.dumps(out))
"""


def _copy(tmp_path: Path) -> Path:
    """A copy of the package with one file of odd newlines, as a plain folder."""
    folder = tmp_path / "site"
    shutil.copytree(PACKAGE, folder / "svcstd", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (folder / "svcstd" / ODD).write_bytes(ODD_BYTES)
    return folder


def _run(where: Path, loader: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(where), loader],
        input=json.dumps([*FILES, ODD]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _check(result: dict[str, object]) -> None:
    from svcstd.standard import data, template

    for relative in [*FILES, ODD]:
        assert result[relative] == [True, True, True], relative
    assert result["template"] == template.template_text("id", "published_sheet")
    assert result["data"] == data.load("legal_status.yaml")
    assert result["odd"] == "\ufeffone\ntwo\nthree\n\nfour\n\nfive é\n"  # what text mode reads


def test_an_installed_folder_reads_the_same(tmp_path: Path) -> None:
    """A wheel installs the package as a plain folder: the same loader as the source tree."""
    _check(_run(_copy(tmp_path), "SourceFileLoader"))


def test_a_zip_import_reads_the_same(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    archive = tmp_path / "svcstd.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted((folder / "svcstd").rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(folder).as_posix())
    _check(_run(archive, "zipimporter"))


def test_reading_them_imports_no_importlib_resources() -> None:
    """What a check reads (the templates' module for TRA090, the data files, the cache's schema hash) and the
    custom rules' schema no longer bring importlib.resources, zipfile and tempfile with them."""
    code = (
        "import sys\n"
        "import svcstd.rules\n"
        "from svcstd.standard import data, legal, template\n"
        "from svcstd.cache import store\n"
        "template.template_text('en'); template.template_text('id', 'published_sheet'); legal.catalogue()\n"
        "store._schema_hash(); data.parse_yaml('citations.yaml')\n"
        "names = ('importlib.resources', 'importlib.readers', 'zipfile', 'tempfile', 'pkgutil')\n"
        "print(sorted(name for name in names if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
