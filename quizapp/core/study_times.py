"""Each deck's recent response times of right answers, kept as a session answers.

The proposed rating compares a response time with the deck's median time of
its recent right answers (``Store.response_times``: the latest 200 study
answers rated above Again, with a time). Asking the store for them before
every card cost a query over the deck's history per card; a session reads
them once per deck and then adds each answer it commits, which gives the
same list as long as that answer is the deck's newest review. When it might
not be (a review dated after the session's clock is in the history), or an
answer is re-rated or undone, the list is read again.
"""

from __future__ import annotations

import statistics

from quizapp.core.store.protocol import NewReview, Store

MIN_TIMES_FOR_MEDIAN = 3
RECENT = 200  # as many as ``Store.response_times`` returns by default


class ResponseTimes:
    """Recent response times of right answers per deck, newest first."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._kept: dict[str, list[int]] = {}
        self._newest_ms: dict[str, int] = {}  # no study review of the deck is later than this

    def forget(self) -> None:
        """Read every deck's times again at the next median (the store changed)."""
        self._kept.clear()
        self._newest_ms.clear()

    def replaced(self, deck_id: str) -> None:
        """An answer of the deck was re-rated or undone: read its times again when needed."""
        self._kept.pop(deck_id, None)
        self._newest_ms.pop(deck_id, None)

    def median(self, deck_id: str, now_ms: int) -> float | None:
        """The deck's median time of recent right answers (None with too few)."""
        times = self._kept.get(deck_id)
        if times is None:
            times = self._kept[deck_id] = self.store.response_times(deck_id, limit=RECENT)
            later = self.store.reviews(deck_id, since_ms=now_ms + 1, mode="study")
            if not later:
                self._newest_ms[deck_id] = now_ms
        if len(times) < MIN_TIMES_FOR_MEDIAN:
            return None
        return float(statistics.median(times))

    def committed(self, review: NewReview) -> None:
        """A study answer was committed: it is the deck's newest, unless the clock says not."""
        deck_id = review.deck_id
        times = self._kept.get(deck_id)
        if times is None:
            return
        newest = self._newest_ms.get(deck_id)
        if newest is None or review.reviewed_ms < newest:
            self.replaced(deck_id)
            return
        self._newest_ms[deck_id] = review.reviewed_ms
        if review.response_ms is not None and review.rating is not None and review.rating > 1:
            times.insert(0, review.response_ms)
            del times[RECENT:]
