"""Replay the scheduler over every answer of the items an import touches.

Imported reviews change what the scheduler knows, so the affected items'
card state is rebuilt by replaying their study/import answers, old and new,
in time order; the forecast and card states then mean something for an
imported log.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from quizapp.core import scheduling
from quizapp.core.history_io.formats import ImportedReview, Progress
from quizapp.core.models import SchedulingOptions
from quizapp.core.store.protocol import CardState, Store

# (time ms, 1 for a fresh answer else 0, rating, response ms, the fresh review or None)
Answer = tuple[int, int, int, int | None, ImportedReview | None]


@dataclass
class Replayed:
    """What the replay found: states around each fresh review, and states to store as is."""

    audits: dict[int, tuple[CardState, CardState]]  # id(fresh review) -> (before, after)
    finals: list[CardState]  # to store where the item's last answer is not a fresh one
    items: int


def replay(
    store: Store,
    fresh: list[ImportedReview],
    progress: Progress | None,
    leech_threshold: int,
    options: SchedulingOptions | None,
) -> Replayed:
    """Replay every study/import answer of the touched items, old and new, in time order.

    Suspension and burying are the learner's choices and are kept from the
    current card state. Fuzz is off so that the same log always gives the
    same schedule.
    """
    options = options or SchedulingOptions()
    answers: dict[tuple[str, str], list[Answer]] = defaultdict(list)
    for review in fresh:
        if review.mode in ("study", "import") and review.deck_id is not None:
            key = (review.deck_id, review.item_id)
            answers[key].append((review.reviewed_ms, 1, review.rating, review.response_ms, review))
    if not answers:
        return Replayed({}, [], 0)
    decks = sorted({d for d, _ in answers})
    for past in store.past_answers(decks):
        if (past.deck_id, past.item_id) in answers:
            answers[(past.deck_id, past.item_id)].append(
                (past.reviewed_ms, 0, past.rating, past.response_ms, None)
            )
    current = {
        (s.deck_id, s.item_id): (s.suspended, s.buried_until_ms, s.leech)
        for deck in decks
        for s in store.card_states(deck).values()
    }
    total = sum(len(v) for v in answers.values())
    step = max(total // 20, 1)
    done = 0
    audits: dict[int, tuple[CardState, CardState]] = {}
    finals = []
    for (deck, item), history in answers.items():
        history.sort(key=lambda a: (a[0], a[1]))
        state = CardState.new(deck, item)
        for when, _, rating, response_ms, fresh_review in history:
            result = scheduling.review(
                state,
                rating,
                scheduling.from_ms(when),
                options,
                response_ms=response_ms,
                leech_threshold=leech_threshold,
                fuzzing=False,
            )
            if fresh_review is not None:
                audits[id(fresh_review)] = (state, result.state)
            state = result.state
            done += 1
            if progress is not None and done % step == 0:
                progress("rescheduling", done, total)
        suspended, buried, leech = current.get((deck, item), (False, None, False))
        final = replace(
            state, suspended=suspended, buried_until_ms=buried, leech=leech or state.leech
        )
        last = history[-1][4]
        if last is not None:
            audits[id(last)] = (audits[id(last)][0], final)  # keeps the flags on the card
        else:
            finals.append(final)
    if progress is not None:
        progress("rescheduling", total, total)
    return Replayed(audits, finals, len(answers))
