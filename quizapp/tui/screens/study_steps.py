"""The study screen's steps that run on the I/O thread: one engine call each, one hop.

Each step does all its engine work in one call, so that the screen waits for
the I/O thread once per key and changes nothing on screen before the result is
there (a frame drawn in between puts the next one a frame or two later).

The screen also takes the decks and the queue, which last the session, out of
the cyclic collector's passes once the session is open (``gc.freeze``, undone
when the screen goes): at 10,000 cards a full pass over them took 100-250 ms,
and came in the middle of an answer every few dozen answers. Objects that are
dropped are still freed by their reference counts.
"""

from __future__ import annotations

from datetime import timedelta

from quizapp.core.engine import Answer, StudyCard, StudyEngine
from quizapp.core.study import QueueCounts, QueueEntry
from quizapp.tui.screens.study_state import Current

# the card to show (None: none now), the counts and, without a card, the wait for the next one
Fetched = tuple[StudyCard | None, QueueCounts, timedelta | None]


def fetch_next(engine: StudyEngine, entry: QueueEntry | None = None) -> Fetched:
    """The next card (or ``entry`` again, after an undo), the counts and the wait."""
    card = engine.next_card(entry)
    return card, engine.counts, engine.next_due_in() if card is None else None


def check_then_count(
    engine: StudyEngine, current: Current, response: object, skipped: bool
) -> tuple[Answer, QueueCounts]:
    """Check and save the response (or the skip), and the counts after it.

    The answer is noted on ``current`` before the counts are read, so that a
    history error while counting still leaves the verdict on screen, marked.
    """
    ms = current.response_ms
    if skipped:
        answer = engine.dont_know(current.card, ms)
    else:
        answer = engine.answer(current.card, response, ms)  # type: ignore[arg-type]
    # noted at once: if the counts cannot be read (the server gone), the answer is still shown
    current.answer = answer
    return answer, engine.counts


def rate_then_fetch(
    engine: StudyEngine, current: Current, rating: int
) -> tuple[Answer | None, Fetched | None]:
    """Grade a flashcard or rate the saved answer, then fetch the next card.

    The answer is None when the saved one is kept as it is (its own rating);
    nothing is fetched when the engine could not save the new rating (the
    answer stays on screen, marked).
    """
    before = current.answer
    if before is None:  # a flashcard: graded now
        answer = engine.grade(current.card, rating, current.response_ms)
    elif before.rating != rating:
        answer = engine.rate(rating)
    else:
        return None, fetch_next(engine)
    # noted at once (the screen waits on this call): if the fetch fails, it shows this answer
    current.answer = answer
    return answer, fetch_next(engine) if answer.saved else None


def poll_delay(wait: timedelta | None) -> float:
    """Seconds until the waiting screen looks again for a learning card come due."""
    return 15.0 if wait is None else min(15.0, max(1.0, wait.total_seconds() + 0.5))
