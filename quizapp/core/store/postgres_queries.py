"""The stats and history transfer queries (:mod:`quizapp.core.store.queries`) on PostgreSQL.

The same questions as :mod:`.sqlite_stats` and :mod:`.sqlite_transfer`, asked
in PostgreSQL's dialect: the counting happens on the server and small results
come back. Every query names ``learner = current_user`` (row-level security
would limit it anyway; a teacher role, which may read every row, gets its own
history here like anyone else) so the learner-first indexes are used.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from typing import Any

from quizapp.core.store.postgres_base import PostgresBase
from quizapp.core.store.postgres_retry import retried
from quizapp.core.store.protocol import LEARNING, NEW, RELEARNING, REVIEW, HistoryBatch
from quizapp.core.store.queries import HistogramValue
from quizapp.core.store.records import (
    BucketCount,
    CountRows,
    DueForecast,
    ItemAnswers,
    PastAnswer,
    RetentionCount,
    ReviewKey,
    StateCounts,
    StoredQuiz,
    StoredReview,
    StudiedCard,
)

DAY_MS = 86_400_000
RETENTION = f"mode IN ('study', 'import') AND before_state = {REVIEW} AND rating IS NOT NULL"
# An answer is right when the checker said so, else (self-graded) when it was not Again.
RIGHT_SQL = "CASE WHEN verdict IS NOT NULL THEN verdict != 'wrong' ELSE COALESCE(rating, 1) > 1 END"
HISTOGRAM_SQL = {
    "interval": f"(due_ms - last_review_ms)::double precision / {DAY_MS}",
    "stability": "stability",
}
STUDIED_COLUMNS = (
    "deck_id, item_id, COALESCE(lapses, 0), COALESCE(reps, 0), stability, last_review_ms"
)


def mine(deck_id: str | None) -> tuple[str, tuple[Any, ...]]:
    """A WHERE condition for the learner's rows of one deck, or of all decks when None."""
    if deck_id is None:
        return "learner = current_user", ()
    return "learner = current_user AND deck_id = %s", (deck_id,)


class PostgresQueries(PostgresBase):
    """Mixed into :class:`~quizapp.core.store.postgres.PostgresStore`: the read queries."""

    # counts ----------------------------------------------------------------------
    def count_rows(
        self,
        deck_id: str,
        digest: str,
        in_deck: Callable[[], Collection[str]],
        window: tuple[int, int, int],
        wanted: Collection[str] = (),
    ) -> CountRows | None:
        return None  # today's counts read every state here (``queue_rows``)

    # stats ---------------------------------------------------------------------
    def has_history_schema(self) -> bool:
        row = self._one(
            "SELECT to_regclass('reviews') IS NOT NULL AND to_regclass('card_state') IS NOT NULL "
            "AND to_regclass('quiz_sessions') IS NOT NULL"
        )
        return bool(row and row[0])

    def all_deck_ids(self) -> set[str]:
        rows = self._read(
            "SELECT deck_id FROM card_state WHERE learner = current_user "
            "UNION SELECT deck_id FROM quiz_sessions WHERE learner = current_user "
            "UNION SELECT deck_id FROM reviews WHERE learner = current_user"
        )
        return {row[0] for row in rows if row[0] is not None}

    def review_count(self, deck_id: str | None) -> int:
        where, params = mine(deck_id)
        row = self._one(f"SELECT count(*) FROM reviews WHERE {where}", params)
        return int(row[0]) if row else 0

    def review_span(self, deck_id: str | None) -> tuple[int, int] | None:
        where, params = mine(deck_id)
        row = self._one(
            f"SELECT min(reviewed_ms), max(reviewed_ms) FROM reviews WHERE {where}", params
        )
        return None if row is None or row[0] is None else (int(row[0]), int(row[1]))

    def review_counts(self, ranges: Sequence[tuple[int, int]], deck_id: str | None) -> list[int]:
        if not ranges:
            return []
        where, params = mine(deck_id)
        rows = self._read(
            f"SELECT r.n - 1, (SELECT count(*) FROM reviews WHERE {where} "
            "  AND reviewed_ms >= r.low AND reviewed_ms < r.high) "
            "FROM unnest(%s::bigint[], %s::bigint[]) WITH ORDINALITY AS r(low, high, n)",
            (*params, [low for low, _ in ranges], [high for _, high in ranges]),
        )
        counts = [0] * len(ranges)
        for index, count in rows:
            counts[int(index)] = int(count)
        return counts

    def retention_by_range(
        self, ranges: Sequence[tuple[int, int]], deck_id: str | None, mature_ms: int
    ) -> list[RetentionCount]:
        if not ranges:
            return []
        where, params = mine(deck_id)
        mature = f"COALESCE(before_interval_ms >= {int(mature_ms)}, false)"
        rows = self._read(
            f"SELECT r.n - 1, {mature} AS m, rating > 1 AS p, count(*) "
            "FROM unnest(%s::bigint[], %s::bigint[]) WITH ORDINALITY AS r(low, high, n) "
            f"JOIN reviews ON {where} AND reviewed_ms >= r.low AND reviewed_ms < r.high "
            f"AND {RETENTION} GROUP BY r.n, m, p",
            ([low for low, _ in ranges], [high for _, high in ranges], *params),
        )
        return [RetentionCount(int(s), bool(m), bool(p), int(n)) for s, m, p, n in rows]

    def due_forecast(
        self, start_ms: int, end_ms: int, bucket_ms: int, deck_id: str | None
    ) -> DueForecast:
        where, params = mine(deck_id)
        base = (
            f"FROM card_state WHERE {where} AND state != {NEW} AND suspended = 0 "
            "AND due_ms IS NOT NULL"
        )
        overdue = self._one(f"SELECT count(*) {base} AND due_ms < %s", (*params, start_ms))
        rows = self._read(
            f"SELECT due_ms / {int(bucket_ms)} AS b, count(*) {base} "
            "AND due_ms >= %s AND due_ms < %s GROUP BY b",
            (*params, start_ms, end_ms),
        )
        total = int(overdue[0]) if overdue else 0
        return DueForecast(total, [BucketCount(int(b), int(n)) for b, n in rows])

    def state_counts(self, deck_id: str | None, mature_ms: int) -> StateCounts:
        where, params = mine(deck_id)
        interval = "COALESCE(due_ms - last_review_ms, 0)"
        mature = int(mature_ms)
        live = "suspended = 0"
        row = self._one(
            "SELECT "
            f" count(*) FILTER (WHERE {live} AND state = {NEW}),"
            f" count(*) FILTER (WHERE {live} AND state IN ({LEARNING}, {RELEARNING})),"
            f" count(*) FILTER (WHERE {live} AND state = {REVIEW} AND {interval} < {mature}),"
            f" count(*) FILTER (WHERE {live} AND state = {REVIEW} AND {interval} >= {mature}),"
            " count(*) FILTER (WHERE suspended != 0), count(*) FILTER (WHERE leech != 0) "
            f"FROM card_state WHERE {where}",
            params,
        )
        new, learning, young, old, suspended, leeches = (int(v or 0) for v in row or [0] * 6)
        return StateCounts(new, learning, young, old, suspended, leeches)

    def stored_item_keys(self, deck_id: str | None) -> set[tuple[str, str]]:
        where, params = mine(deck_id)
        rows = self._read(f"SELECT deck_id, item_id FROM card_state WHERE {where}", params)
        return {(deck, item) for deck, item in rows}

    def review_histogram(
        self, value: HistogramValue, edges: Sequence[float], deck_id: str | None
    ) -> dict[int, int]:
        where, params = mine(deck_id)
        cases = " ".join(f"WHEN v < %s::double precision THEN {i}" for i in range(len(edges) - 1))
        rows = self._read(
            f"SELECT CASE {cases} ELSE {len(edges) - 1} END AS bin, count(*) "
            f"FROM (SELECT {HISTOGRAM_SQL[value]} AS v FROM card_state WHERE {where} "
            f"AND state = {REVIEW} AND suspended = 0) AS cards "
            "WHERE v IS NOT NULL GROUP BY bin",
            (*edges[1:], *params),
        )
        return {int(b): int(n) for b, n in rows}

    def _studied(self, deck_id: str | None, condition: str, *extra: object) -> list[StudiedCard]:
        where, params = mine(deck_id)
        rows = self._read(
            f"SELECT {STUDIED_COLUMNS} FROM card_state WHERE {where} AND state != {NEW} "
            f"AND suspended = 0 {condition}",
            (*params, *extra),
        )
        return [StudiedCard(*row) for row in rows]

    def most_lapsed(self, deck_id: str | None, limit: int) -> list[StudiedCard]:
        return self._studied(
            deck_id,
            "AND lapses > 0 ORDER BY lapses DESC, reps DESC, deck_id, item_id LIMIT %s",
            limit,
        )

    def least_recalled(self, deck_id: str | None, now_ms: int, limit: int) -> list[StudiedCard]:
        return self._studied(
            deck_id,
            "AND stability > 0 AND last_review_ms IS NOT NULL "
            f"ORDER BY ((%s::bigint - last_review_ms) / {DAY_MS}) / stability DESC, stability, "
            "deck_id, item_id LIMIT %s",
            now_ms,
            limit,
        )

    def answer_counts(self, deck_id: str | None) -> list[ItemAnswers]:
        where, params = mine(deck_id)
        rows = self._read(
            f"SELECT deck_id, item_id, count(*), count(*) FILTER (WHERE NOT ({RIGHT_SQL})) "
            f"FROM reviews WHERE {where} GROUP BY deck_id, item_id",
            params,
        )
        return [ItemAnswers(d, i, int(n), int(w)) for d, i, n, w in rows]

    # history transfer ----------------------------------------------------------
    def stored_reviews(self, deck_id: str | None) -> Iterator[StoredReview]:
        where, params = mine(deck_id)
        rows = self._read(
            "SELECT deck_id, item_id, reviewed_ms, rating, verdict, response, response_ms, "
            f"mode, content_hash, state_before, state_after, quiz_id FROM reviews WHERE {where} "
            "ORDER BY reviewed_ms, id",
            params,
        )
        for row in rows:
            yield StoredReview(*row)

    def stored_quizzes(self, deck_id: str | None) -> Iterator[StoredQuiz]:
        where, params = mine(deck_id)
        rows = self._read(
            "SELECT id, deck_id, started_ms, finished_ms, abandoned, questions, correct, "
            f"close, wrong, score, settings FROM quiz_sessions WHERE {where} "
            "ORDER BY started_ms, id",
            params,
        )
        for row in rows:
            yield StoredQuiz(*row)

    def review_keys(self, deck_ids: Sequence[str]) -> set[ReviewKey]:
        rows = self._read(
            "SELECT deck_id, item_id, reviewed_ms, rating, row_number() OVER ("
            "PARTITION BY deck_id, item_id, reviewed_ms, rating ORDER BY id) - 1 "
            "FROM reviews WHERE learner = current_user AND deck_id = ANY(%s)",
            (list(deck_ids),),
        )
        return {ReviewKey(*row) for row in rows}

    def past_answers(self, deck_ids: Sequence[str]) -> Iterator[PastAnswer]:
        rows = self._read(
            "SELECT deck_id, item_id, reviewed_ms, rating, response_ms FROM reviews "
            "WHERE learner = current_user AND deck_id = ANY(%s) "
            "AND mode IN ('study', 'import') AND rating IS NOT NULL",
            (list(deck_ids),),
        )
        for row in rows:
            yield PastAnswer(*row)

    @retried
    def write_history(
        self, batch: HistoryBatch, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """The import's rows in one transaction (see the store protocol): all or nothing."""
        total = len(batch.reviews)
        with self._write():
            quiz_ids = []
            for quiz in batch.quizzes:
                row = self._sql(
                    "INSERT INTO quiz_sessions (deck_id, started_ms, finished_ms, abandoned, "
                    "questions, correct, close, wrong, score, settings) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                    (
                        quiz.deck_id,
                        quiz.started_ms,
                        quiz.finished_ms,
                        int(quiz.abandoned),
                        quiz.questions,
                        quiz.correct,
                        quiz.close,
                        quiz.wrong,
                        quiz.score,
                        quiz.settings,
                    ),
                ).fetchone()
                assert row is not None
                quiz_ids.append(int(row[0]))
            links = list(batch.review_quizzes) or [None] * total
            for done, (review, link) in enumerate(zip(batch.reviews, links, strict=True), 1):
                if link is not None:
                    review = replace(review, quiz_id=quiz_ids[link])
                self._insert_review(review)
                if progress is not None and (done % 2_000 == 0 or done == total):
                    progress(done, total)
            for state in batch.states:
                self._put_state(state)
