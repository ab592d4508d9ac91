"""Python's cyclic garbage collector, paused while the program imports and sets up a run, resumed to judge.

Starting a check makes tens of thousands of objects that live as long as the process (modules, classes,
functions, the rules, the schema) and almost no garbage (about 500 unreachable objects on the real corpus),
yet the collector runs every 700 allocations meanwhile, and fully whenever the long-lived objects grow by a
quarter: 3% of the instructions of a `--jobs 2` run's serial head, before the fork. So the program (`svcstd
check` through `svcstd.cli.fast`) pauses it first; `resume` (from `svcstd.api`, before any file is read or
judged or any worker forked, and from a replay in `svcstd.cli.check`) freezes what the start made, so that no
collection scans those objects again (nor a forked worker's, which would also copy every page their headers
are on), and collects as before from then on. `restore` puts it back as it was when the run ends, whatever
happened: a program using svcstd as a library, or the tests, see no difference. Where objects are frozen
already (by the program, or by Python 3.12, which starts with some of its own frozen), nothing is frozen here:
`restore` could not unfreeze only ours, so the start is paused but not frozen.
"""

from __future__ import annotations

import gc

_state = {"paused": False, "frozen": False}


def pause() -> None:
    """Stop collecting until `resume` or `restore` (nothing to do when the collector is off already)."""
    if _state["paused"] or not gc.isenabled():
        return
    gc.disable()
    _state["paused"] = True  # "frozen" is left as it is: a freeze of ours still in place is undone by `restore`


def resume() -> None:
    """Freeze every object the start made and collect again, if `pause` stopped the collector; else nothing."""
    if not _state["paused"]:
        return
    _state["paused"] = False
    if not gc.get_freeze_count():  # someone else's frozen objects stay theirs: `restore` unfreezes only ours
        gc.freeze()
        _state["frozen"] = True
    gc.enable()


def restore() -> None:
    """The collector as it was before `pause`: on, with nothing frozen by this module."""
    if _state["paused"]:
        _state["paused"] = False
        gc.enable()
    if _state["frozen"]:
        _state["frozen"] = False
        gc.unfreeze()
