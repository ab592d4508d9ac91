"""Linear time and bounded output on any input that passes the reading limits (issue 12, Build item 6).

Each case is a standard with one field of about 2 MiB (a file just under `max_file_bytes`) or with as
many list items as `max_nodes` allows, shaped to hit one pattern or loop at its worst. `svcstd check`
runs in a child process bounded to 10 s of CPU time and 500 MB of memory (resource limits; the kernel
stops it past either) with a generous wall-clock backstop for a loaded machine: a run past a bound
fails the test; nothing here measures a duration. Each case was proven by putting the old code back:
every one of them then ran past the bound (see the commit messages).
"""

from __future__ import annotations

import json
from pathlib import Path

from svcstd.reading.limits import DEFAULT_LIMITS
from tests.hostile.harness import svcstd

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "legalisir-ijazah.yaml"
BASE = EXAMPLE.read_text(encoding="utf-8")
ROOM = DEFAULT_LIMITS.max_file_bytes - len(BASE.encode("utf-8")) - 4096
"""What one field may take so that the file still passes the reading limits."""
ARGS = ("--no-cache", "--isolated", "--as-of", "2026-11-27", "--lang", "en", "-f", "json")
FIRST_ACT = "    - title: Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n"


def fill(unit: str, size: int = ROOM) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def check(tmp_path: Path, text: str) -> dict[str, object]:
    """Check one file within the bounds; its JSON report (exit 0 or 1: judged, not refused)."""
    (tmp_path / "standar.yaml").write_text(text, encoding="utf-8")
    assert len(text.encode("utf-8")) <= DEFAULT_LIMITS.max_file_bytes
    run = svcstd(["check", "standar.yaml", *ARGS], tmp_path)
    assert run.code in (0, 1), run.stderr[-2000:]
    report: dict[str, object] = json.loads(run.stdout)
    return report


def findings(report: dict[str, object]) -> list[dict[str, object]]:
    [document] = report["documents"]  # type: ignore[misc]
    result: list[dict[str, object]] = document["findings"]
    return result


def with_act(title: str) -> str:
    """The example with its first legal basis title replaced (quoted, so any text is one YAML string)."""
    assert FIRST_ACT in BASE
    return BASE.replace(FIRST_ACT, f"    - title: {json.dumps(title)}\n")


def rules(report: dict[str, object]) -> set[str]:
    return {str(f["rule"]) for f in findings(report)}


def test_a_number_token_after_every_no_is_linear(tmp_path: Path) -> None:
    """legal.py's _NUMBER looked ahead to the end for a digit after every "no" of "no-no-no-...": hours."""
    report = check(tmp_path, with_act("Undang-Undang " + fill("no-")))
    assert "ACC002" in rules(report)  # UU 25/2009 is no longer cited


def test_many_uu_without_25_2009_is_linear(tmp_path: Path) -> None:
    """accountability.py's "UU .* 25 tahun 2009" went to the end and back for every "uu": 415 s for 395 KB."""
    report = check(tmp_path, with_act(fill("uu ")))
    assert "ACC002" in rules(report)


def test_uu_25_2009_named_after_2_mib_is_still_found(tmp_path: Path) -> None:
    """The two searches that replaced the pattern find what it found (not a time bound: this was fast before)."""
    report = check(tmp_path, with_act(fill("uu ", ROOM - 20) + "25 tahun 2009"))
    assert "ACC002" not in rules(report)


def test_undang_undang_repeated_is_linear(tmp_path: Path) -> None:
    report = check(tmp_path, with_act(fill("Undang-undang ")))
    assert "ACC002" in rules(report)


def test_a_requirement_per_case_is_not_quadratic(tmp_path: Path) -> None:
    """SIM001 listed every requirement again for every case: 30,000 cases of one requirement each."""
    items = (DEFAULT_LIMITS.max_nodes - 2000) // 3
    lines = "".join(f"    - {{name: Dokumen {i}, when: Kasus {i}}}\n" for i in range(items))
    text = BASE.replace("  requirements:\n", "  requirements:\n" + lines, 1)
    report = check(tmp_path, text)
    assert not [f for f in findings(report) if f["rule"] == "SIM001"]  # each case: 3 + 1 requirements


def test_a_completion_time_per_case_is_not_quadratic(tmp_path: Path) -> None:
    """SIM006 looked for each route's completion time among all of them (O(cases x completion times)), and
    walked each route's steps, those without a case being on every route (O(cases x steps)): 3,692 cases and
    6,857 completion times took over 38 s of CPU. The completion times are now indexed by case once, and a
    route that certainly fits is decided from its groups' exact totals."""
    room = DEFAULT_LIMITS.max_nodes - 4000
    steps = "".join(
        f"      - {{action: K{i}, when: K{i}, channel: online, duration: {{value: 1, unit: minutes}}}}\n"
        for i in range(room // 2 // 13)
    )
    times = "".join(f"    - {{value: 90, unit: working_days, when: T{i}}}\n" for i in range(room // 2 // 7))
    promised = "  completion_time:\n    value: 2\n    unit: working_days\n"
    assert promised in BASE
    text = BASE.replace("    steps:\n", "    steps:\n" + steps, 1).replace(promised, "  completion_time:\n" + times, 1)
    report = check(tmp_path, text)
    [document] = report["documents"]  # type: ignore[misc]
    assert document["valid"] and "SIM006" not in rules(report)  # judged: one minute per step fits every route


def test_a_version_of_two_million_digits_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    """int() of the `svcstd` value raised ValueError (over 4,300 digits): a traceback, not a finding."""
    text = BASE.replace('svcstd: "1.1"', f'svcstd: "{fill("1")}"', 1)
    assert text != BASE
    report = check(tmp_path, text)
    messages = [str(f["message"]) for f in findings(report)]
    assert messages and all(len(m) < 1000 for m in messages)


def test_a_long_name_is_quoted_cut_in_messages(tmp_path: Path) -> None:
    """A fee of 2 MiB named in a finding (its basis cites a revoked act): the message quotes a bounded part."""
    fee = f"    - name: {json.dumps(fill('Biaya '))}\n      amount: 10000\n      basis: UU 28/2009\n"
    text = BASE.replace("  fees:\n", "  fees:\n" + fee, 1)
    report = check(tmp_path, text)
    [revoked] = [f for f in findings(report) if f["rule"] == "ACC020"]
    assert "Biaya Biaya" in str(revoked["message"])
    assert len(str(revoked["message"])) < 1000


def aliased_fees(size: int, copies: int) -> str:
    """The example with one fee named by a `size`-character anchored string and `copies` fees aliasing it."""
    fees = f"    - name: &big {json.dumps(fill('Biaya ', size))}\n      amount: 1000\n"
    fees += "    - {name: *big, amount: 1000}\n" * copies
    return BASE.replace("  fees:\n", "  fees:\n" + fees, 1)


def test_a_long_value_repeated_by_aliases_counts_towards_the_limits(tmp_path: Path) -> None:
    """100 KB named 10,000 times through `*big` is 1 GB of text to every rule (it took 4 GB and wrote 1 GB of
    JSON): the reading limits count the text aliases expand to, and the document is not judged."""
    text = aliased_fees(100_000, 10_000)
    assert len(text.encode("utf-8")) < DEFAULT_LIMITS.max_file_bytes // 4
    report = check(tmp_path, text)
    [finding] = findings(report)
    assert finding["rule"] == "YML006"
    assert "characters of text once aliases are expanded" in str(finding["message"])
    assert len(json.dumps(report)) < 20_000


def test_aliases_within_the_limits_are_read_as_before(tmp_path: Path) -> None:
    """A short name shared by a few fees is ordinary YAML: no reading finding."""
    report = check(tmp_path, aliased_fees(40, 20))
    assert not [f for f in findings(report) if str(f["rule"]).startswith("YML")]


def test_a_long_title_is_cut_in_every_output(tmp_path: Path) -> None:
    """A 2 MiB title was printed whole: one 2 MB line in text, and the same in JSON's document entry."""
    text = BASE.replace("title: ", f"title: {json.dumps(fill('Legalisir '))}\nx-old-title: ", 1)
    assert text != BASE
    report = check(tmp_path, text)
    [document] = report["documents"]  # type: ignore[index]
    assert 0 < len(document["title"]) <= 300
    run = svcstd(["check", "standar.yaml", "--no-cache", "--isolated", "--as-of", "2026-11-27"], tmp_path)
    assert run.code == 1 and max(len(line) for line in run.stdout.splitlines()) < 5000
