"""Build svcstd's native reader (src/svcstd/reading/_native_reader.c) when this machine can, and go on when not.

The native reader reads the common case of a standard in C, straight from libyaml's events, and gives up on
anything else to the Python reader, which reads the text again (src/svcstd/reading/loader.py); results are
the same with it and without it. It needs a C compiler, Python's headers and libyaml's headers (Debian and
Ubuntu: `apt install gcc python3-dev libyaml-dev`; macOS: `brew install libyaml`, which this hook finds).
Where any of them is missing, or SVCSTD_BUILD_NATIVE=0 is set, the install goes on without it and svcstd
reads with Python alone, more slowly.

An editable install (`pip install -e .`) builds the module next to its source, where the package is
imported from; a wheel carries it as a platform-specific file.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("src") / "svcstd" / "reading" / "_native_reader.c"
MODULE = "_native_reader"


def _homebrew_flags() -> tuple[list[str], list[str]]:
    """-I and -L for Homebrew's libyaml on macOS (it is not on the compiler's own paths)."""
    if sys.platform != "darwin" or shutil.which("brew") is None:
        return [], []
    try:
        found = subprocess.run(
            ["brew", "--prefix", "libyaml"], capture_output=True, text=True, timeout=60, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return [], []
    return ([f"-I{found}/include"], [f"-L{found}/lib"]) if found else ([], [])


def source_digest(source: Path) -> str:
    """What the module is built from (loader.py uses a module only if the source beside it still says this)."""
    return hashlib.sha256(source.read_bytes()).hexdigest()


def build(source: Path, target: Path) -> str | None:
    """Compile `source` to the module `target`; None when built, else why not (the install goes on)."""
    if os.environ.get("SVCSTD_BUILD_NATIVE") == "0":
        return "SVCSTD_BUILD_NATIVE=0"
    try:
        return _compile(source, target)
    except Exception as error:  # a build that cannot be made must never stop the install
        return f"{type(error).__name__}: {error}"


def _compile(source: Path, target: Path) -> str | None:
    linker = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc -shared")
    if os.environ.get("CC"):
        linker[:1] = shlex.split(os.environ["CC"])  # `ccache gcc`, `gcc -m64`
    if sys.platform == "darwin":  # python.org's universal builds ask for two architectures; libyaml has one
        linker = [part for index, part in enumerate(linker) if part != "-arch" and linker[index - 1] != "-arch"]
        linker += ["-arch", platform.machine()]
    include, library = _homebrew_flags()
    command = [
        *linker,
        *shlex.split(sysconfig.get_config_var("CCSHARED") or "-fPIC"),
        "-O2",
        f'-DSVCSTD_SOURCE_DIGEST="{source_digest(source)}"',
        f"-I{sysconfig.get_paths()['include']}",
        *include,
        *shlex.split(os.environ.get("CPPFLAGS", "")),
        *shlex.split(os.environ.get("CFLAGS", "")),
        str(source),
        "-o",
        str(target),
        *library,
        *shlex.split(os.environ.get("LDFLAGS", "")),
        "-lyaml",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=300, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return str(error)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        return said[-1] if said else f"the compiler exited {done.returncode}"
    return None


class NativeReaderHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        name = MODULE + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
        if version == "editable":
            target = Path(self.root) / SOURCE.parent / name
            try:
                target.unlink(missing_ok=True)  # never keep a module built from an older source
            except OSError as error:
                why: str | None = str(error)
            else:
                why = build(Path(self.root) / SOURCE, target)
        else:
            self._scratch = Path(tempfile.mkdtemp(prefix="svcstd-native-"))
            target = self._scratch / name
            why = build(Path(self.root) / SOURCE, target)
            if why is None:
                build_data["force_include"][str(target)] = f"svcstd/reading/{name}"
                build_data["pure_python"] = False
                build_data["infer_tag"] = True
        if why is not None:
            self.app.display_warning(
                f"svcstd: the native reader was not built ({why}); svcstd will read YAML with Python alone, "
                "with the same results, more slowly. It needs a C compiler and the headers of Python and libyaml "
                "(Debian/Ubuntu: apt install gcc python3-dev libyaml-dev; macOS: brew install libyaml)."
            )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """The wheel holds the module now: its scratch folder goes."""
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
