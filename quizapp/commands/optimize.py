"""``quizapp optimize [--deck ID] [--evaluate] [--retention [--accept]] [--json]``.

Fits FSRS parameters to the learner's own reviews and stores them in the
history; study sessions schedule with them from then on (see
:mod:`quizapp.core.optimizer.saved` for which deck uses which).

``--evaluate`` prints one line per parameter set (``default``, ``fitted``) with
``log loss``, ``RMSE (bins)`` and ``AUC`` on an expanding time-series split, so
scripts can read them; the figures are stored with the parameters.
``--retention`` simulates a year of study and recommends a desired retention;
it is kept for the group when the learner accepts it (a question on a
terminal, ``--accept`` in scripts). ``--json`` prints one JSON object instead.

Too few reviews is not an error: the command says so, keeps the defaults and
exits 0 (``"fitted": false`` in JSON).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from quizapp.core.config import load_config
from quizapp.core.library import load_library
from quizapp.core.optimizer import saved
from quizapp.core.optimizer.evaluate import Evaluation, evaluate
from quizapp.core.optimizer.fit import NotEnoughReviews
from quizapp.core.optimizer.run import (
    Target,
    UnknownDeck,
    choose_target,
    evaluation_dict,
    fit_and_save,
    read_items,
    save_evaluation,
)
from quizapp.core.optimizer.simulate import Deck as SimDeck
from quizapp.core.optimizer.simulate import Recommendation, recommend_retention
from quizapp.core.store import open_store

EXIT_OK, EXIT_BAD_INPUT = 0, 1


def score_line(name: str, figures: dict[str, float | None]) -> str:
    """``fitted   log loss 0.4403  RMSE (bins) 0.0418  AUC 0.6796``: one parameter set."""
    auc = figures.get("auc")
    auc_text = "-" if auc is None else f"{auc:.4f}"
    return (
        f"{name:<8} log loss {figures['log_loss']:.4f}  RMSE (bins) {figures['rmse_bins']:.4f}  "
        f"AUC {auc_text}"
    )


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\revaluating: fold {done} of {total}", end=end, file=sys.stderr, flush=True)


def _simulated_deck(target: Target, cards_with_history: int) -> SimDeck:
    options = target.options
    return SimDeck(
        cards=max(target.cards, cards_with_history),
        new_per_day=options.new_per_day,
        reviews_per_day=options.reviews_per_day,
        learning_steps=len(options.learning_steps),
        relearning_steps=len(options.relearning_steps),
        maximum_interval=options.maximum_interval,
    )


def _retention_lines(recommendation: Recommendation) -> list[str]:
    lines = ["desired retention  study hours/year  cards remembered  seconds per card"]
    for outcome in recommendation.outcomes:
        if round(outcome.retention * 100) % 5 and outcome.retention != recommendation.retention:
            continue
        mark = "  <- least time per card" if outcome.retention == recommendation.retention else ""
        lines.append(
            f"{outcome.retention:17.2f}  {outcome.study_hours:16.1f}  {outcome.remembered:16.0f}"
            f"  {outcome.seconds_per_card:16.1f}{mark}"
        )
    return lines


def _ask(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(question).strip().lower() in {"y", "yes"}
    except EOFError:
        return False


def run(args: argparse.Namespace) -> int:
    config = load_config()  # a bad file: one line and status 1 (cli.main)
    library = load_library([], examples=False)
    decks = [loaded.deck for loaded in library if loaded.deck is not None]
    report: dict[str, Any] = {}
    with open_store() as store:
        try:
            target = choose_target(args.deck, decks, config, store.deck_ids_with_history())
        except UnknownDeck as exc:
            print(f"quizapp: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        answers, items = read_items(store, target, config)
        report.update(
            group=target.group,
            decks=None if target.deck_ids is None else list(target.deck_ids),
            answers=items.answers,
            cards=items.cards,
            same_day_repeats=items.same_day,
            inter_day_reviews=items.inter_day,
        )
        out: list[str] = [
            f"{target.label}: {items.answers:,} graded answers of {items.cards:,} cards"
        ]
        if items.answers:
            out += [
                f"  {items.inter_day:,} inter-day reviews are fitted on; the {items.cards:,} first "
                "answers and",
                f"  {items.same_day:,} same-day repeats stay in the cards' histories only",
            ]
        try:
            fitted = fit_and_save(store, target, items)
        except NotEnoughReviews as exc:
            report.update(fitted=False, reason=str(exc))
            out.append(f"not fitted: {exc}")
            _emit(args, report, out)
            return EXIT_OK
        record = fitted.record
        report.update(fitted=True, parameters=list(record.parameters), fitted_ms=record.fitted_ms)
        out.append(
            f"fitted in {fitted.seconds:.2f} s and saved; study sessions of "
            f"{target.label} use them from now on"
        )
        out += textwrap.wrap(
            "parameters: " + ", ".join(f"{w:.4f}" for w in record.parameters),
            width=78,
            subsequent_indent="  ",
        )
        if args.evaluate:
            evaluation: Evaluation = evaluate(items.items, progress=_progress)
            record = save_evaluation(store, record, evaluation)
            figures = evaluation_dict(evaluation)
            report["evaluation"] = {
                "splits": evaluation.splits,
                "test_answers": evaluation.test_answers,
                **figures,
            }
            out.append(
                f"evaluation: expanding time-series split, {evaluation.splits} folds, "
                f"{evaluation.test_answers:,} future answers scored"
            )
            out += [score_line(name, values) for name, values in figures.items()]
        if args.retention:
            simulated = _simulated_deck(target, items.cards)
            recommendation = recommend_retention(record.parameters, simulated, answers)
            accepted = args.accept
            report["retention"] = {
                "recommended": recommendation.retention,
                "habits_from_log": recommendation.habits_from_log,
                "outcomes": [
                    {
                        "desired_retention": o.retention,
                        "study_hours": o.study_hours,
                        "remembered": o.remembered,
                        "seconds_per_card": o.seconds_per_card,
                    }
                    for o in recommendation.outcomes
                ],
            }
            out.append(
                f"simulated a year of {simulated.cards:,} cards, {simulated.new_per_day} new a day:"
            )
            out += _retention_lines(recommendation)
            out.append(f"recommended desired retention: {recommendation.retention:.2f}")
            if recommendation.retention == min(o.retention for o in recommendation.outcomes):
                out.append("  (the lowest considered: below it, forgetting grows fast)")
            if not accepted and not args.json:
                _emit(args, report, out)
                out = []
                accepted = _ask(f"Use {recommendation.retention:.2f} for {target.label}? [y/N] ")
            if accepted:
                saved.accept_retention(store, target.group, recommendation.retention)
                out.append(
                    f"desired retention {recommendation.retention:.2f} kept for {target.label}"
                )
            elif not args.json:
                out.append("not changed (accept with: quizapp optimize --retention --accept)")
            report["retention"]["accepted"] = bool(accepted)
    _emit(args, report, out)
    return EXIT_OK


def _emit(args: argparse.Namespace, report: dict[str, Any], lines: list[str]) -> None:
    if args.json:
        print(json.dumps(report, indent=2))
    elif lines:
        print("\n".join(lines), flush=True)
