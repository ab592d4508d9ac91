"""What changed in each component of a standard: requirements, steps, times, fees, products, channels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from svcstd.diff.messages import component_change, duration_text, fee_text, normalise
from svcstd.diff.result import Change, Effect
from svcstd.standard.durations import completion_durations, lower_minutes, upper_minutes
from svcstd.standard.steps import label


def _keyed(items: Iterable[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], tuple[str, ...]]) -> dict[Any, Any]:
    """Items by key; the first of two items with one key wins (a duplicate is a rule's business)."""
    keyed: dict[tuple[str, ...], Mapping[str, Any]] = {}
    for item in items:
        keyed.setdefault(key(item), item)
    return keyed


def _name_when(item: Mapping[str, Any]) -> tuple[str, ...]:
    return (normalise(item.get("name")), normalise(item.get("when")))


def requirement_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    before, after = _keyed(old, _name_when), _keyed(new, _name_when)
    for key, item in after.items():
        optional = item.get("mandatory", True) is False
        if key not in before:
            effect = Effect.NEUTRAL if optional else Effect.REGRESSION
            yield component_change(
                "requirement", "added", effect, subject=item["name"], when=item.get("when"), new=item
            )
        elif optional != (before[key].get("mandatory", True) is False):
            kind, effect = ("now_optional", Effect.IMPROVEMENT) if optional else ("now_mandatory", Effect.REGRESSION)
            yield component_change("requirement", kind, effect, subject=item["name"], when=item.get("when"), new=item)
    for key, item in before.items():
        if key not in after:
            yield component_change(
                "requirement", "removed", Effect.IMPROVEMENT, subject=item["name"], when=item.get("when"), old=item
            )


def _step_key(step: Mapping[str, Any]) -> tuple[str, ...]:
    return (normalise(step.get("actor")), normalise(step.get("action")), normalise(step.get("when")))


def step_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    before, after = _keyed(old, _step_key), _keyed(new, _step_key)
    for key, step in after.items():
        if key not in before:
            yield component_change(
                "step", "added", Effect.NEUTRAL, subject=_step_label(step), when=step.get("when"), new=step
            )
    for key, step in before.items():
        if key not in after:
            yield component_change(
                "step", "removed", Effect.NEUTRAL, subject=_step_label(step), when=step.get("when"), old=step
            )


def _step_label(step: Mapping[str, Any]) -> str:
    return label(step)


def time_changes(old: Any, new: Any) -> Iterator[Change]:
    """Per `when` case, across units: 2 working days and 48 hours compare as elapsed time."""
    by_case = lambda d: (normalise(d.get("when")),)  # noqa: E731
    before, after = _keyed(completion_durations(old), by_case), _keyed(completion_durations(new), by_case)
    for key, duration in after.items():
        when = duration.get("when")
        if key not in before:
            yield component_change(
                "time", "added", Effect.NEUTRAL, when=when, new=duration, new_text=duration_text(duration)
            )
            continue
        was = before[key]
        longer = (upper_minutes(duration), lower_minutes(duration)) > (upper_minutes(was), lower_minutes(was))
        shorter = (upper_minutes(duration), lower_minutes(duration)) < (upper_minutes(was), lower_minutes(was))
        if longer or shorter:
            kind, effect = ("longer", Effect.REGRESSION) if longer else ("shorter", Effect.IMPROVEMENT)
            old_text, new_text = duration_text(was), duration_text(duration)
            yield component_change(
                "time", kind, effect, when=when, old=was, new=duration, old_text=old_text, new_text=new_text
            )
    for key, duration in before.items():
        if key not in after:
            when = duration.get("when")
            yield component_change(
                "time", "removed", Effect.NEUTRAL, when=when, old=duration, old_text=duration_text(duration)
            )


def fee_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    before, after = _keyed(old, _name_when), _keyed(new, _name_when)
    for key, fee in after.items():
        if key not in before:
            effect = Effect.NEUTRAL if fee.get("amount") == 0 else Effect.REGRESSION
            yield component_change(
                "fee", "added", effect, subject=fee["name"], when=fee.get("when"), new=fee, new_text=fee_text(fee)
            )
        else:
            yield from _fee_change(before[key], fee)
    for key, fee in before.items():
        if key not in after:
            effect = Effect.NEUTRAL if fee.get("amount") == 0 else Effect.IMPROVEMENT
            yield component_change(
                "fee", "removed", effect, subject=fee["name"], when=fee.get("when"), old=fee, old_text=fee_text(fee)
            )


def _fee_change(was: Mapping[str, Any], fee: Mapping[str, Any]) -> Iterator[Change]:
    texts = {"old_text": fee_text(was), "new_text": fee_text(fee)}
    common = {"subject": fee["name"], "when": fee.get("when"), "old": was, "new": fee, **texts}
    if "amount" in was and "amount" in fee and was.get("currency") == fee.get("currency"):
        if fee["amount"] != was["amount"]:
            raised = fee["amount"] > was["amount"]
            yield component_change(
                "fee", "raised" if raised else "lowered", Effect.REGRESSION if raised else Effect.IMPROVEMENT, **common
            )
    elif normalise(fee_text(was).en) != normalise(fee_text(fee).en):
        yield component_change("fee", "formula", Effect.NEUTRAL, **common)


def _pair(
    old: Sequence[Mapping[str, Any]],
    new: Sequence[Mapping[str, Any]],
    exact: Callable[[Mapping[str, Any]], Any],
    loose: str,
) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
    """Removed, added, and changed items: exact matches drop out, leftovers of the same `loose` key pair up."""
    before, after = _keyed(old, exact), _keyed(new, exact)
    removed = [item for key, item in before.items() if key not in after]
    added = [item for key, item in after.items() if key not in before]
    changed = []
    for item in list(removed):
        partner = next((other for other in added if other[loose] == item[loose]), None)
        if partner is not None:
            removed.remove(item)
            added.remove(partner)
            changed.append((item, partner))
    return removed, added, changed


def channel_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    exact = lambda c: (c["type"], normalise(c["contact"]))  # noqa: E731
    removed, added, changed = _pair(old, new, exact, "type")
    for channel in removed:
        yield component_change("channel", "removed", Effect.REGRESSION, subject=_channel_label(channel), old=channel)
    for channel in added:
        yield component_change("channel", "added", Effect.IMPROVEMENT, subject=_channel_label(channel), new=channel)
    for was, now in changed:
        texts = {"old_text": _channel_label(was), "new_text": _channel_label(now)}
        yield component_change("channel", "changed", Effect.NEUTRAL, subject=now["type"], old=was, new=now, **texts)


def _channel_label(channel: Mapping[str, Any]) -> str:
    return f"{channel['type']} {channel['contact']}"


def special_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    exact = lambda s: (s["group"], normalise(s["provision"]))  # noqa: E731
    removed, added, changed = _pair(old, new, exact, "group")
    for item in removed:
        yield component_change("special", "removed", Effect.REGRESSION, subject=item["group"], old=item)
    for item in added:
        yield component_change("special", "added", Effect.IMPROVEMENT, subject=item["group"], new=item)
    for was, now in changed:
        yield component_change("special", "changed", Effect.NEUTRAL, subject=now["group"], old=was, new=now)


def product_changes(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Change]:
    by_name = lambda p: (normalise(p.get("name")),)  # noqa: E731
    before, after = _keyed(old, by_name), _keyed(new, by_name)
    for key, product in after.items():
        if key not in before:
            yield component_change("product", "added", Effect.NEUTRAL, subject=product["name"], new=product)
    for key, product in before.items():
        if key not in after:
            yield component_change("product", "removed", Effect.NEUTRAL, subject=product["name"], old=product)


def _steps(delivery: Mapping[str, Any]) -> list[Any]:
    return list(delivery.get("procedure", {}).get("steps", []))


def _channels(delivery: Mapping[str, Any]) -> list[Any]:
    return list(delivery.get("complaints", {}).get("channels", []))


def content_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every semantic change between two schema-valid versions, in component order."""
    was, now = old["delivery"], new["delivery"]
    changes: list[Change] = []
    if old.get("id") != new.get("id"):
        changes.append(component_change("id", "changed", Effect.NEUTRAL, old=old.get("id"), new=new.get("id")))
    # format 1.1: any component may be missing; a missing one compares as empty
    changes.extend(requirement_changes(was.get("requirements", []), now.get("requirements", [])))
    changes.extend(step_changes(_steps(was), _steps(now)))
    changes.extend(time_changes(was.get("completion_time", []), now.get("completion_time", [])))
    changes.extend(fee_changes(was.get("fees", []), now.get("fees", [])))
    changes.extend(product_changes(was.get("products", []), now.get("products", [])))
    changes.extend(channel_changes(_channels(was), _channels(now)))
    changes.extend(special_changes(old.get("special_services", []), new.get("special_services", [])))
    return changes
