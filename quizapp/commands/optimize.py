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
from quizapp.core.i18n import _
from quizapp.core.l10n import decimal, decimals, number
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
    """``fitted   log loss 0.4403  RMSE (bins) 0.0418  AUC 0.6796``: one parameter set.

    The same in every language: scripts read these lines (``--json`` has them too).
    """
    auc = figures.get("auc")
    auc_text = "-" if auc is None else f"{auc:.4f}"
    return (
        f"{name:<8} log loss {figures['log_loss']:.4f}  RMSE (bins) {figures['rmse_bins']:.4f}  "
        f"AUC {auc_text}"
    )


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        line = _("evaluating: fold {done} of {total}").format(done=done, total=total)
        print(f"\r{line}", end=end, file=sys.stderr, flush=True)


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
    headers = [
        _("desired retention"),
        _("study hours/year"),
        _("cards remembered"),
        _("seconds per card"),
    ]
    widths = [max(17, len(h)) if i == 0 else max(16, len(h)) for i, h in enumerate(headers)]
    lines = [
        "  ".join(
            h.rjust(w) if i else h for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        )
    ]
    for outcome in recommendation.outcomes:
        if round(outcome.retention * 100) % 5 and outcome.retention != recommendation.retention:
            continue
        best = outcome.retention == recommendation.retention
        mark = "  " + _("<- least time per card") if best else ""
        cells = [
            decimal(outcome.retention, 2),
            decimal(outcome.study_hours, 1),
            decimal(outcome.remembered, 0),
            decimal(outcome.seconds_per_card, 1),
        ]
        lines.append("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + mark)
    return lines


def _ask(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(question).strip().lower() in {"y", "yes", _("y"), _("yes")}
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
            print(_("quizapp: {message}").format(message=exc), file=sys.stderr)
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
        label = target.label
        out: list[str] = [
            _("{target}: {answers} graded answers of {cards} cards").format(
                target=label, answers=number(items.answers), cards=number(items.cards)
            )
        ]
        if items.answers:
            out += [
                _(
                    "  {reviews} inter-day reviews are fitted on; the {cards} first answers and"
                ).format(reviews=number(items.inter_day), cards=number(items.cards)),
                _("  {repeats} same-day repeats stay in the cards' histories only").format(
                    repeats=number(items.same_day)
                ),
            ]
        try:
            fitted = fit_and_save(store, target, items)
        except NotEnoughReviews as exc:
            report.update(fitted=False, reason=str(exc))
            out.append(_("not fitted: {reason}").format(reason=exc.shown()))
            _emit(args, report, out)
            return EXIT_OK
        record = fitted.record
        report.update(fitted=True, parameters=list(record.parameters), fitted_ms=record.fitted_ms)
        out.append(
            _(
                "fitted in {seconds} s and saved; study sessions of {target} use them from now on"
            ).format(seconds=decimal(fitted.seconds, 2), target=label)
        )
        out += textwrap.wrap(
            _("parameters: {values}").format(values=decimals(record.parameters, 4)),
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
                _(
                    "evaluation: expanding time-series split, {folds} folds, "
                    "{answers} future answers scored"
                ).format(folds=evaluation.splits, answers=number(evaluation.test_answers))
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
                _("simulated a year of {cards} cards, {new} new a day:").format(
                    cards=number(simulated.cards), new=simulated.new_per_day
                )
            )
            out += _retention_lines(recommendation)
            out.append(
                _("recommended desired retention: {retention}").format(
                    retention=decimal(recommendation.retention, 2)
                )
            )
            if recommendation.retention == min(o.retention for o in recommendation.outcomes):
                out.append(_("  (the lowest considered: below it, forgetting grows fast)"))
            if not accepted and not args.json:
                _emit(args, report, out)
                out = []
                accepted = _ask(
                    _("Use {retention} for {target}? [y/N] ").format(
                        retention=decimal(recommendation.retention, 2), target=label
                    )
                )
            if accepted:
                saved.accept_retention(store, target.group, recommendation.retention)
                out.append(
                    _("desired retention {retention} kept for {target}").format(
                        retention=decimal(recommendation.retention, 2), target=label
                    )
                )
            elif not args.json:
                out.append(_("not changed (accept with: quizapp optimize --retention --accept)"))
            report["retention"]["accepted"] = bool(accepted)
    _emit(args, report, out)
    return EXIT_OK


def _emit(args: argparse.Namespace, report: dict[str, Any], lines: list[str]) -> None:
    if args.json:
        print(json.dumps(report, indent=2))
    elif lines:
        print("\n".join(lines), flush=True)
