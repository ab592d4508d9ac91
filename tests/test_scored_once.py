"""`scored` (one pass, what `judge` asks) gives the same principle results and the same floats, to the bit,
as `principle_results`, `overall_score` and `overall_quality`, which `test_judging_fast_paths.py` holds
against the plain sums."""

from __future__ import annotations

import random

from svcstd.model import Principle
from svcstd.scoring.scores import overall_quality, overall_score, principle_results, scored
from tests.test_judging_fast_paths import random_outcomes


def test_one_pass_gives_what_the_three_give() -> None:
    rng = random.Random(1717)
    for _ in range(3000):
        outcomes = tuple(random_outcomes(rng))
        weights = {p: rng.choice([0.5, 1.0, 1.7, 3.0, 0.0, 1e-9]) for p in Principle if rng.random() < 0.5}
        principles, score, quality = scored(outcomes, weights)
        assert principles == principle_results(outcomes)
        assert repr(score) == repr(overall_score(outcomes, weights))
        assert repr(quality) == repr(overall_quality(outcomes, weights))
