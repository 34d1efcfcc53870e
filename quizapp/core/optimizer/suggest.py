"""When to suggest fitting FSRS again: the decks screen's one line.

Parameters drift as a learner's history grows, so quizapp suggests fitting
again once they are a month old or after every 1,000 new reviews; and it
suggests a first fit once there are 1,000 reviews. It never fits on its own:
fitting changes every future interval, which is the learner's call.
"""

from __future__ import annotations

from quizapp.core.i18n import _
from quizapp.core.l10n import number
from quizapp.core.optimizer import saved
from quizapp.core.store.fitting import graded_answer_count
from quizapp.core.store.protocol import Store


def _command(record: saved.SavedParameters) -> str:
    if record.group == saved.ALL or not record.decks:
        return "quizapp optimize"
    return f"quizapp optimize --deck {record.decks[0]}"


def refit_suggestion(store: Store, now_ms: int) -> str | None:
    """One line saying what to fit again and why, or None when nothing is due."""
    groups = saved.saved_groups(store)
    if not groups:
        answers = graded_answer_count(store)
        if answers < saved.REFIT_REVIEWS:
            return None
        return _("FSRS: {n} reviews so far; fit scheduling to you: {command}").format(
            n=number(answers), command="quizapp optimize"
        )
    for group in groups:
        record = saved.load(store, group)
        if record is None:
            continue
        answers = graded_answer_count(store, record.decks)
        reason = saved.refit_reason(record, now_ms, answers)
        if reason is not None:
            return _("FSRS ({group}): {reason}; fit again: {command}").format(
                group=saved.group_label(group), reason=reason, command=_command(record)
            )
    return None
