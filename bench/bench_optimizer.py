"""Benchmark: FSRS parameters fitted to the real review log, and what they predict.

Run: ``python bench/bench_optimizer.py [LOG.csv]``. In a fresh temporary data
folder (days in UTC, rolling over at 4 am) it imports the log with
``quizapp history import`` (default: the 12,580-review sample in
``tests/data/review-log``), fits parameters as ``quizapp optimize`` does, and
scores default and fitted parameters on an expanding time-series split
(5 folds, fit on the past, score the future). It prints log loss, RMSE (bins)
and AUC per parameter set, the targets, and the times of fitting and of the
evaluation as ratios to a floor measured in the same run (reading the graded
answers back from the history), so they compare across machines.

Exit status 1 when the fitted parameters miss a target (log loss <= 0.450,
RMSE (bins) <= 0.065, both better than the defaults). Nothing here is a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_LOG = REPO / "tests" / "data" / "review-log" / "fsrs-review-log-sample.csv"
MAX_LOG_LOSS, MAX_RMSE = 0.450, 0.065


def main(argv: list[str]) -> int:
    log = Path(argv[0]) if argv else SAMPLE_LOG
    with tempfile.TemporaryDirectory() as home:
        os.environ["QUIZAPP_HOME"] = home
        Path(home, "config.toml").write_text('timezone = "UTC"\n', encoding="utf-8")
        return bench(log)


def bench(log: Path) -> int:
    from quizapp.cli import main as quizapp
    from quizapp.core.config import load_config
    from quizapp.core.optimizer.evaluate import evaluate
    from quizapp.core.optimizer.fit import fit
    from quizapp.core.optimizer.run import choose_target, read_items
    from quizapp.core.store import open_store
    from quizapp.core.store.fitting import graded_answers

    if quizapp(["history", "import", str(log)]) != 0:
        return 1
    config = load_config()
    with open_store() as store:
        target = choose_target(None, [], config, store.deck_ids_with_history())
        start = time.perf_counter()
        graded_answers(store)
        floor = time.perf_counter() - start
        _, items = read_items(store, target, config)
    start = time.perf_counter()
    fit(items.items)
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    result = evaluate(items.items)
    evaluate_seconds = time.perf_counter() - start

    print(f"log: {log.name}: {items.answers:,} answers of {items.cards:,} cards")
    print(
        f"items: {items.inter_day:,} inter-day reviews ({items.cards:,} first answers and "
        f"{items.same_day:,} same-day repeats kept in histories only)"
    )
    print(
        f"split: expanding time series, {result.splits} folds, "
        f"{result.test_answers:,} future answers scored"
    )
    for name, scores in result.scores.items():
        auc = "-" if scores.auc is None else f"{scores.auc:.4f}"
        print(
            f"{name:<8} log loss {scores.log_loss:.4f}  RMSE (bins) {scores.rmse_bins:.4f}  "
            f"AUC {auc}"
        )
    print(f"targets: log loss <= {MAX_LOG_LOSS}, RMSE (bins) <= {MAX_RMSE}, better than default")
    print(f"floor (reading {items.answers:,} answers): {floor * 1000:.1f} ms")
    fit_ratio, evaluate_ratio = fit_seconds / floor, evaluate_seconds / floor
    print(f"fit: {fit_ratio:.1f} x floor; evaluation: {evaluate_ratio:.1f} x floor")
    fitted, default = result.scores["fitted"], result.scores["default"]
    met = (
        fitted.log_loss <= MAX_LOG_LOSS
        and fitted.rmse_bins <= MAX_RMSE
        and fitted.log_loss < default.log_loss
        and fitted.rmse_bins < default.rmse_bins
    )
    print("targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
