"""The README's editor section, tried with the language server VS Code's YAML extension runs.

`svcstd init` writes a modeline naming `../schemas/service-standard.schema.json`; `svcstd schema -o`
writes that file. yaml-language-server (npm package `yaml-language-server`, started with `--stdio`)
is driven over the Language Server Protocol as an editor would: initialize, open the document, wait
for its diagnostics. A misspelt key must be underlined, offline (the schema store is switched off).

The server is found as `yaml-language-server` on PATH, or at $SVCSTD_YAML_LANGUAGE_SERVER; .ci/run
installs it with npm. Without node or the server the tests are skipped, saying so.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

import pytest

from svcstd.cli.main import main

SERVER = os.environ.get("SVCSTD_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
NO_SERVER = (
    "yaml-language-server is not installed (npm install yaml-language-server, or set "
    "SVCSTD_YAML_LANGUAGE_SERVER): the README's editor section is not tested here"
)
pytestmark = pytest.mark.skipif(SERVER is None or shutil.which("node") is None, reason=NO_SERVER)

WAIT_SECONDS = 120
"""How long to wait for the server before calling it hung (a guard, not a measurement)."""
SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}}


class Client:
    """A minimal LSP client over the server's stdin and stdout; answers the server's own requests."""

    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=root
        )
        self.settings = settings
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        answer = self.wait(lambda message: message.get("id") == self.next_id and "method" not in message)
        return answer.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The first message `wanted` accepts; the server's requests are answered on the way."""
        while True:
            try:
                message = self.messages.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                pytest.fail("yaml-language-server sent nothing for a long time (hung?)")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": self._answer(message)})
            if wanted(message):
                return message

    def _answer(self, request: dict[str, Any]) -> Any:
        if request["method"] == "workspace/configuration":
            items = request["params"]["items"]
            return [self.settings.get(item.get("section", ""), None) for item in items]
        return None

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The next diagnostics published for `uri`."""
        message = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
        found: list[dict[str, Any]] = message["params"]["diagnostics"]
        return found

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=WAIT_SECONDS)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()


def open_document(root: Path, path: Path, settings: dict[str, Any] = SETTINGS) -> list[dict[str, Any]]:
    """The diagnostics an editor shows for `path`, with the README's settings."""
    assert SERVER is not None
    client = Client([SERVER, "--stdio"], root, settings)
    try:
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": settings})
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}
        client.notify("textDocument/didOpen", {"textDocument": document})
        return client.diagnostics(uri)
    finally:
        client.close()


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A repository as the README's steps leave it: a standard from `svcstd init`, the schema written."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    init = ["init", "standar/ktp-el.yaml", "--lang", "en", "--service", "KTP-el", "--provider", "Disdukcapil"]
    assert main(init) == 0
    assert main(["schema", "-o", "schemas/service-standard.schema.json"]) == 0
    capsys.readouterr()
    return tmp_path


def misspell(path: Path) -> None:
    """A top-level key written wrong, as a newcomer would."""
    path.write_text(path.read_text(encoding="utf-8") + "\nprovder_note: a misspelt key\n", encoding="utf-8")


def messages(found: list[dict[str, Any]]) -> list[str]:
    return [str(diagnostic.get("message")) for diagnostic in found]


def test_the_modeline_of_svcstd_init_flags_a_bogus_key_offline(repository: Path) -> None:
    standard = repository / "standar" / "ktp-el.yaml"
    assert standard.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/service-standard.schema.json\n"
    )
    misspell(standard)
    found = open_document(repository, standard)
    bogus = [m for m in messages(found) if "provder_note" in m]
    assert bogus, messages(found)  # "Property provder_note is not allowed."


def test_without_the_schema_file_nothing_is_checked(repository: Path) -> None:
    """The control: the diagnostic above comes from the local schema the modeline names."""
    (repository / "schemas" / "service-standard.schema.json").unlink()
    standard = repository / "standar" / "ktp-el.yaml"
    misspell(standard)
    assert not [m for m in messages(open_document(repository, standard)) if "provder_note" in m]


def test_the_readme_mapping_covers_a_standard_without_a_modeline(repository: Path) -> None:
    """The README's `yaml.schemas` mapping, as `.vscode/settings.json` passes it to the server."""
    standard = repository / "standar" / "ktp-el.yaml"
    text = standard.read_text(encoding="utf-8").split("\n", 1)[1]  # the modeline removed
    standard.write_text(text, encoding="utf-8")
    misspell(standard)
    schema = (repository / "schemas" / "service-standard.schema.json").as_uri()
    settings = {"yaml": {**SETTINGS["yaml"], "schemas": {schema: "**/standar/**/*.yaml"}}}
    assert [m for m in messages(open_document(repository, standard, settings)) if "provder_note" in m]
