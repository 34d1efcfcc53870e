"""What fitting buys: default and fitted parameters scored on the same future answers.

An expanding time-series split, as srs-benchmark and the FSRS engine do it:
the items (in time order) are cut into ``splits + 1`` equal segments; fold
``k`` fits on segments ``0..k`` and predicts segment ``k + 1`` (the last fold
also takes the remainder). Parameters never see the answers they predict.
The default parameters predict the very same test answers, so the two lines
compare like with like. Predictions of all folds are pooled, then scored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quizapp.core.optimizer.fit import MIN_REVIEWS, default_parameters, fit, predict, require_enough
from quizapp.core.optimizer.items import Item
from quizapp.core.optimizer.metrics import Scores, score

SPLITS = 5

Progress = Callable[[int, int], None]  # (folds done, folds in all)


@dataclass(frozen=True)
class Fold:
    """One step of the split: fit on ``train``, score ``test``."""

    train: Sequence[Item]
    test: Sequence[Item]


@dataclass(frozen=True)
class Evaluation:
    """Scores per parameter set (``"default"``, ``"fitted"``) on the pooled test answers."""

    scores: dict[str, Scores]
    splits: int
    test_answers: int


def time_series_split(items: Sequence[Item], splits: int = SPLITS) -> list[Fold]:
    """Expanding-window folds over time-ordered items (none when too few to cut)."""
    segment = len(items) // (splits + 1)
    if segment == 0:
        return []
    folds = []
    for k in range(splits):
        start = (k + 1) * segment
        end = len(items) if k == splits - 1 else (k + 2) * segment
        folds.append(Fold(train=items[:start], test=items[start:end]))
    return folds


def evaluate(
    items: Sequence[Item],
    *,
    splits: int = SPLITS,
    minimum: int = MIN_REVIEWS,
    progress: Progress | None = None,
) -> Evaluation:
    """Default vs fitted parameters, fitted fold by fold on the past only."""
    require_enough(items, minimum)
    folds = time_series_split(items, splits)
    defaults = default_parameters()
    tested: list[Item] = []
    predicted: dict[str, list[float]] = {"default": [], "fitted": []}
    for done, fold in enumerate(folds):
        fitted = fit(fold.train, minimum=0)
        tested.extend(fold.test)
        predicted["default"].extend(predict(defaults, fold.test))
        predicted["fitted"].extend(predict(fitted, fold.test))
        if progress is not None:
            progress(done + 1, len(folds))
    return Evaluation(
        scores={name: score(values, tested) for name, values in predicted.items()},
        splits=len(folds),
        test_answers=len(tested),
    )
