"""Rendering without colour: questions, verdicts, differences, ratings, intervals, scores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from quizapp.core.checking.verdict import foldings_text
from quizapp.core.i18n import N_, _
from quizapp.core.intervals import format_interval
from quizapp.core.l10n import percent as percent_text
from quizapp.core.models import TrueFalseCard
from quizapp.core.ratings import rating_names
from quizapp.core.text import visible, visible_line
from quizapp.plain.parsing import fold_option

if TYPE_CHECKING:
    from quizapp.core.checking import DiffOp, Verdict
    from quizapp.core.questions import Question


def render_question(question: Question) -> list[str]:
    """The lines that show a question: the prompt, then numbered options and how to answer."""
    lines = [visible(question.prompt)]
    kind = question.kind
    if kind in ("choice", "truefalse", "multi", "order"):
        options = question.options or ((_("True"), _("False")) if kind == "truefalse" else ())
        lines += [f"  {n}) {visible_line(option)}" for n, option in enumerate(options, start=1)]
    example = " ".join(str(n) for n in range(len(question.options), 0, -1))
    number = (
        _("Type a number (in {unit}).").format(unit=visible_line(question.unit))
        if question.unit
        else _("Type a number.")
    )
    how = {
        "choice": _("Type the number of your answer."),
        "truefalse": _("Type 1 or 2."),
        "multi": _("Type the numbers of every right answer, e.g. 1 3."),
        "order": _("Type the numbers in the right order, e.g. {example}.").format(example=example),
        "number": number,
        "basic": _("Press Enter to show the answer."),
    }.get(kind)
    if how:
        lines.append(how)
    return lines


def render_diff(diff: Sequence[DiffOp]) -> str:
    """A diff without colour: ``[-yours-]`` where you typed more, ``{+expected+}`` where less.

    An ``equal`` run may differ only in case or accents (the checker aligns
    folded text); it shows the expected spelling, unmarked. Other runs are
    rendered from their two texts, whatever the kind is called.
    """
    parts = []
    for op in diff:
        if op.kind == "equal" or op.response == op.expected:
            parts.append(visible_line(op.expected))
            continue
        if op.response:
            parts.append(f"[-{visible_line(op.response)}-]")
        if op.expected:
            parts.append(f"{{+{visible_line(op.expected)}+}}")
    return "".join(parts)


VERDICT_WORDS = {"correct": N_("Correct"), "close": N_("Close"), "wrong": N_("Wrong")}
"""Marked only: shown through ``_()``."""


def render_verdict(verdict: Verdict, question: Question, *, full: bool) -> list[str]:
    """The verdict in words, the expected answer, and with ``full`` the why.

    ``full`` (study mode) adds the difference, the foldings, the detail, the
    explanation and the quote; the quiz shows the verdict and the right answer.
    """
    word = _(VERDICT_WORDS.get(verdict.outcome, verdict.outcome.capitalize()))
    if verdict.outcome == "close":
        word = _("{verdict} (counted as right)").format(verdict=word)
    answer = visible(question.answer_text or verdict.expected)
    lines = [_("{verdict}. Answer: {answer}").format(verdict=word, answer=answer)]
    if not full:
        return lines
    if verdict.matched and fold_option(verdict.matched) != fold_option(verdict.expected):
        lines.append(_("Accepted as: {answer}").format(answer=visible_line(verdict.matched)))
    card = question.item.card
    correction = card.correction if isinstance(card, TrueFalseCard) else ""
    if verdict.detail and not (correction and correction in verdict.detail):
        # (a true/false card's correction is already in the Answer line)
        lines.append(visible(verdict.detail[:1].upper() + verdict.detail[1:]))
    elif verdict.foldings and verdict.outcome != "wrong":
        lines.append(_("Ignoring: {foldings}").format(foldings=foldings_text(verdict.foldings)))
    if _diff_helps(verdict) and question.kind in ("typed", "cloze"):
        lines.append(
            _("Difference: {diff}  ([-...-] yours, {{+...+}} expected)").format(
                diff=render_diff(verdict.diff)
            )
        )
    lines += render_notes(question)
    return lines


def _diff_helps(verdict: Verdict) -> bool:
    """Show a difference for a slip, not for an unrelated answer.

    "Sis[-s-]i" teaches something; "[-T-]{+h+}o[-b-]{+u+}r…" for "Tobrouk"
    against "hours" is noise. A wrong answer gets its difference only when at
    least half of the expected text was typed right.
    """
    if not verdict.diff or verdict.outcome == "correct":
        return False
    if verdict.outcome == "close":
        return True
    same = sum(len(op.expected) for op in verdict.diff if op.kind == "equal")
    expected = sum(len(op.expected) for op in verdict.diff)
    return expected > 0 and same * 2 >= expected


def render_notes(question: Question) -> list[str]:
    """The card's correction (true/false), explanation and quote, when it has them."""
    card = question.item.card
    lines = []
    correction = card.correction if isinstance(card, TrueFalseCard) else ""
    if correction and correction not in question.answer_text:
        lines.append(_("Correction: {text}").format(text=visible(correction)))
    if card.explanation:
        lines.append(_("Explanation: {text}").format(text=visible(card.explanation)))
    if card.quote:
        lines.append(_("Quote: \u201c{text}\u201d").format(text=visible(card.quote)))
    return lines


def render_ratings(intervals: dict[int, timedelta]) -> str:
    """``1 Again 1m  2 Hard 6m  3 Good 1d  4 Easy 4d``."""
    return "  ".join(
        f"{value} {name} {format_interval(intervals[value])}"
        if value in intervals
        else f"{value} {name}"
        for value, name in rating_names().items()
    )


def format_duration(seconds: float) -> str:
    """Elapsed time for the summaries: 45s, 3m 05s, 1h 02m."""
    seconds = round(seconds)
    if seconds < 60:
        return _("{s}s").format(s=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return _("{m}m {s}s").format(m=minutes, s=f"{seconds:02d}")
    hours, minutes = divmod(minutes, 60)
    return _("{h}h {m}m").format(h=hours, m=f"{minutes:02d}")


def format_score(right: int, total: int, percent: float | None = None) -> str:
    """``Score: 8/10 (80%)``; ``percent`` defaults to right/total."""
    if percent is None:
        percent = 100 * right / total if total else 0.0
    return _("Score: {right}/{total} ({percent})").format(
        right=right, total=total, percent=percent_text(percent, 0)
    )
