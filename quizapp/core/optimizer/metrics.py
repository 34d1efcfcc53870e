"""How well predicted recall matches what happened: log loss, RMSE (bins) and AUC.

The definitions are those of the open srs-benchmark, which the FSRS engine
(fsrs-rs) implements too, so our figures can be set beside the published ones:

* **log loss**: the mean binary cross-entropy of predicted recall against the
  outcome (recalled = Hard, Good or Easy; forgotten = Again);
* **RMSE (bins)**: answers are put in bins by interval, number of inter-day
  reviews and number of lapses (each on a logarithmic scale); within a bin the
  mean prediction is compared with the mean outcome, and the root of the mean
  squared difference is taken, bins weighted by their size;
* **AUC**: the chance that a recalled answer got a higher prediction than a
  forgotten one (ties count half); 0.5 is no better than chance.

Pure Python, no fitting library: the tests check these on hand-made numbers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.optimizer.items import Item

EPSILON = 1e-7  # predictions are kept this far from 0 and 1 so the log stays finite

BinKey = tuple[int, int, int]


@dataclass(frozen=True)
class Scores:
    """The three figures for one parameter set on one set of answers."""

    log_loss: float
    rmse_bins: float
    auc: float | None  # None when every answer had the same outcome
    answers: int


def log_loss(predictions: Sequence[float], outcomes: Sequence[bool]) -> float:
    """Mean binary cross-entropy (natural log)."""
    if not predictions:
        raise ValueError("log loss of no predictions")
    total = 0.0
    for p, y in zip(predictions, outcomes, strict=True):
        p = min(max(p, EPSILON), 1 - EPSILON)
        total += math.log(p) if y else math.log(1 - p)
    return -total / len(predictions)


def _log_bin(value: float, base: float, scale: float) -> float:
    """``scale * base ** floor(log_base(value))``: srs-benchmark's logarithmic bins."""
    return scale * base ** math.floor(math.log(value) / math.log(base))


def bin_key(item: Item) -> BinKey:
    """The srs-benchmark bin of an item: (interval, review count, lapse count) bins."""
    delta_t = item.target.delta_t
    delta_bin = round(_log_bin(delta_t, 3.62, 2.48) * 100)
    length = sum(1 for s in item.steps if s.delta_t > 0) + 1
    length_bin = round(_log_bin(length, 1.89, 1.99))
    lapses = sum(1 for s in item.steps[:-1] if s.rating == 1 and s.delta_t > 0)
    lapse_bin = round(_log_bin(lapses, 1.73, 1.65)) if lapses else 0
    return (delta_bin, length_bin, lapse_bin)


def rmse_bins(predictions: Sequence[float], items: Sequence[Item]) -> float:
    """RMSE (bins) of predictions for these items (same order)."""
    if not predictions:
        raise ValueError("RMSE of no predictions")
    bins: dict[BinKey, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p, item in zip(predictions, items, strict=True):
        cell = bins[bin_key(item)]
        cell[0] += p
        cell[1] += 1.0 if item.recalled else 0.0
        cell[2] += 1.0
    squared = sum(n * (p / n - y / n) ** 2 for p, y, n in bins.values())
    return math.sqrt(squared / len(predictions))


def auc(predictions: Sequence[float], outcomes: Sequence[bool]) -> float | None:
    """Area under the ROC curve (Mann-Whitney, average ranks for ties)."""
    order = sorted(range(len(predictions)), key=lambda i: predictions[i])
    ranks = [0.0] * len(order)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and predictions[order[end + 1]] == predictions[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    positives = sum(1 for y in outcomes if y)
    negatives = len(outcomes) - positives
    if positives == 0 or negatives == 0:
        return None
    rank_sum = sum(r for r, y in zip(ranks, outcomes, strict=True) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def score(predictions: Sequence[float], items: Sequence[Item]) -> Scores:
    """All three figures for predictions of these items' targets."""
    outcomes = [item.recalled for item in items]
    return Scores(
        log_loss=log_loss(predictions, outcomes),
        rmse_bins=rmse_bins(predictions, items),
        auc=auc(predictions, outcomes),
        answers=len(items),
    )
