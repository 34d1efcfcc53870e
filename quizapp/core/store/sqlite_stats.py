"""The stats queries (:class:`~quizapp.core.store.queries.StatsQueries`) on SQLite.

Where the data is large (``reviews`` can hold a million rows) the counting
happens in SQL and only small results come back. Per-day counts are range
counts on the time index; true retention is one range search per study day
on a covering index (schema v4), summed without a GROUP BY, whose sort of a
million answers would cost more than the scan. A database of schema
v1 or v2 (opened read-only, so not migrated) lacks ``reviews.before_state`` or
``before_interval_ms``: the card's state or interval before an answer is then
parsed out of the ``state_before`` JSON, as the migration does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from quizapp.core.store.protocol import LEARNING, NEW, RELEARNING, REVIEW
from quizapp.core.store.queries import HistogramValue
from quizapp.core.store.records import (
    BucketCount,
    DueForecast,
    ItemAnswers,
    RetentionCount,
    StateCounts,
    StudiedCard,
)
from quizapp.core.store.sqlite_base import SqliteBase
from quizapp.core.store.sqlite_rows import deck_filter, reading

DAY_MS = 86_400_000
# The interval before an answer, from the card as it was (a JSON column).
BEFORE_INTERVAL_MS = (
    "(json_extract(state_before, '$.due_ms') - json_extract(state_before, '$.last_review_ms'))"
)
BEFORE_STATE_JSON = "json_extract(state_before, '$.state')"
RETENTION_MODES = ("study", "import")
# An answer is right when the checker said so, else (self-graded) when it was not Again.
RIGHT_SQL = "CASE WHEN verdict IS NOT NULL THEN verdict != 'wrong' ELSE COALESCE(rating, 1) > 1 END"
HISTOGRAM_SQL = {
    "interval": f"(due_ms - last_review_ms) * 1.0 / {DAY_MS}",
    "stability": "stability",
}
STUDIED_COLUMNS = (
    "deck_id, item_id, COALESCE(lapses, 0), COALESCE(reps, 0), stability, last_review_ms"
)


def classes(index: int, answers: int, mature: int, passed: int, both: int) -> list[RetentionCount]:
    """The four classes of one slice from its sums (answers, mature, passed, mature and
    passed), the empty ones left out."""
    counts = {
        (False, True): passed - both,
        (False, False): answers - mature - passed + both,
        (True, True): both,
        (True, False): mature - both,
    }
    return [RetentionCount(index, m, p, n) for (m, p), n in counts.items() if n]


class SqliteStatsQueries(SqliteBase):
    """Mixed into :class:`~quizapp.core.store.sqlite.SqliteStore`: the stats' reads."""

    def _tables(self) -> set[str]:
        rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}

    def has_history_schema(self) -> bool:
        with reading(self.path):
            return {"reviews", "card_state", "quiz_sessions"} <= self._tables()

    def all_deck_ids(self) -> set[str]:
        if not self.has_history_schema():
            return set()
        with reading(self.path):
            rows = self._conn.execute(
                "SELECT deck_id FROM card_state UNION SELECT deck_id FROM quiz_sessions "
                "UNION SELECT DISTINCT deck_id FROM reviews"
            )
            return {row[0] for row in rows if row[0] is not None}

    def review_count(self, deck_id: str | None) -> int:
        where, params = deck_filter(deck_id)
        with reading(self.path):
            row = self._conn.execute(f"SELECT count(*) FROM reviews WHERE {where}", params)
            return int(row.fetchone()[0])

    def review_span(self, deck_id: str | None) -> tuple[int, int] | None:
        """Two subqueries, since SQLite reads a min or a max alone off the end of an
        index but scans the whole index for both in one SELECT."""
        where, params = deck_filter(deck_id)
        with reading(self.path):
            low, high = self._conn.execute(
                f"SELECT (SELECT min(reviewed_ms) FROM reviews WHERE {where}), "
                f"(SELECT max(reviewed_ms) FROM reviews WHERE {where})",
                (*params, *params),
            ).fetchone()
        return None if low is None else (int(low), int(high))

    def review_counts(self, ranges: Sequence[tuple[int, int]], deck_id: str | None) -> list[int]:
        """One range count per bound pair on the time index: no row leaves SQLite and no
        million-row sort happens, unlike a GROUP BY over a computed day. The counts come
        back as one JSON row (see :meth:`_one_json`)."""
        if not ranges:
            return []
        where, params = deck_filter(deck_id)
        bounds = json.dumps([[low, high] for low, high in ranges])
        rows = self._one_json(
            f"SELECT json_group_array((SELECT count(*) FROM reviews WHERE {where} "
            f"  AND reviewed_ms >= json_extract(value, '$[0]') "
            f"  AND reviewed_ms < json_extract(value, '$[1]'))) "
            f"FROM json_each(?)",
            (*params, bounds),
        )
        return [int(count) for count in rows]

    def _one_json(self, sql: str, params: Sequence[object]) -> list[Any]:
        """The JSON array ``sql`` returns as its one row, decoded.

        A query that hands back hundreds or thousands of rows steps once per row,
        and the sqlite3 module takes the GIL back after each step: in a worker
        thread beside a busy event loop (the stats screen) each of those can wait
        for the loop's switch interval. One row built in SQLite costs one step.
        """
        with reading(self.path):
            row = self._conn.execute(sql, tuple(params)).fetchone()
        return list(json.loads(row[0])) if row and row[0] else []

    def _before_sql(self) -> tuple[str, str]:
        """The card's state and interval before an answer: the v2 and v3 columns, or (in
        an older database opened read-only, so not migrated) parsed out of the JSON."""
        with reading(self.path):
            columns = {row[1] for row in self._conn.execute("PRAGMA table_info(reviews)")}
        state = "before_state" if "before_state" in columns else BEFORE_STATE_JSON
        interval = "before_interval_ms" if "before_interval_ms" in columns else BEFORE_INTERVAL_MS
        return state, interval

    def retention_by_range(
        self, ranges: Sequence[tuple[int, int]], deck_id: str | None, mature_ms: int
    ) -> list[RetentionCount]:
        """One range search per range on the schema v4 index (state before, mode, time,
        interval, rating, deck) that covers every value read: no row of the table and no
        sort. The four classes come from four sums (answers, mature, passed, both),
        since a GROUP BY would sort every counted answer."""
        if not ranges:
            return []
        where, params = deck_filter(deck_id, "+deck_id")  # off the (deck, time) index
        modes = ",".join("?" for _ in RETENTION_MODES)
        state, interval = self._before_sql()
        mature = f"COALESCE({interval} >= {int(mature_ms)}, 0)"
        bounds = json.dumps([[low, high] for low, high in ranges])
        rows = self._one_json(
            f"SELECT json_group_array((SELECT json_array(count(rating), "
            f"  total(m * (rating IS NOT NULL)), total(rating > 1), total(m AND rating > 1)) "
            f"  FROM (SELECT rating, {mature} AS m FROM reviews "
            f"    WHERE {state} = {REVIEW} AND mode IN ({modes}) "
            f"    AND reviewed_ms >= json_extract(value, '$[0]') "
            f"    AND reviewed_ms < json_extract(value, '$[1]') AND {where}))) "
            f"FROM json_each(?)",
            (*RETENTION_MODES, *params, bounds),
        )
        result = []
        for index, sums in enumerate(rows):
            answers, mature_n, passed, both = (int(v) for v in sums)
            result += classes(index, answers, mature_n, passed, both)
        return result

    def due_forecast(
        self, start_ms: int, end_ms: int, bucket_ms: int, deck_id: str | None
    ) -> DueForecast:
        where, params = deck_filter(deck_id)
        base = (
            f"FROM card_state WHERE {where} AND state != {NEW} AND NOT COALESCE(suspended, 0) "
            f"AND due_ms IS NOT NULL"
        )
        with reading(self.path):
            overdue = self._conn.execute(
                f"SELECT count(*) {base} AND due_ms < ?", (*params, start_ms)
            ).fetchone()[0]
            rows = self._conn.execute(
                f"SELECT due_ms / {int(bucket_ms)} AS b, count(*) {base} "
                f"AND due_ms >= ? AND due_ms < ? GROUP BY b",
                (*params, start_ms, end_ms),
            ).fetchall()
        return DueForecast(int(overdue), [BucketCount(int(b), int(n)) for b, n in rows])

    def state_counts(self, deck_id: str | None, mature_ms: int) -> StateCounts:
        where, params = deck_filter(deck_id)
        interval = "COALESCE(due_ms - last_review_ms, 0)"
        mature = int(mature_ms)
        with reading(self.path):
            row = self._conn.execute(
                f"SELECT "
                f" SUM(NOT s AND state = {NEW}),"
                f" SUM(NOT s AND state IN ({LEARNING}, {RELEARNING})),"
                f" SUM(NOT s AND state = {REVIEW} AND {interval} < {mature}),"
                f" SUM(NOT s AND state = {REVIEW} AND {interval} >= {mature}),"
                f" SUM(s), SUM(COALESCE(leech, 0) != 0) "
                f"FROM (SELECT *, COALESCE(suspended, 0) != 0 AS s FROM card_state WHERE {where})",
                params,
            ).fetchone()
        new, learning, young, old, suspended, leeches = (int(v or 0) for v in row)
        return StateCounts(new, learning, young, old, suspended, leeches)

    def stored_item_keys(self, deck_id: str | None) -> set[tuple[str, str]]:
        where, params = deck_filter(deck_id)
        rows = self._one_json(
            f"SELECT json_group_array(json_array(deck_id, item_id)) FROM card_state WHERE {where}",
            params,
        )
        return {(deck, item) for deck, item in rows}

    def review_histogram(
        self, value: HistogramValue, edges: Sequence[float], deck_id: str | None
    ) -> dict[int, int]:
        where, params = deck_filter(deck_id)
        cases = " ".join(f"WHEN v < ? THEN {i}" for i in range(len(edges) - 1))
        with reading(self.path):
            rows = self._conn.execute(
                f"SELECT CASE {cases} ELSE {len(edges) - 1} END AS bin, count(*) "
                f"FROM (SELECT {HISTOGRAM_SQL[value]} AS v FROM card_state WHERE {where} "
                f"AND state = {REVIEW} AND NOT COALESCE(suspended, 0)) "
                f"WHERE v IS NOT NULL GROUP BY bin",
                (*edges[1:], *params),
            ).fetchall()
        return {int(b): int(n) for b, n in rows}

    def _studied(self, deck_id: str | None, condition: str, *extra: object) -> list[StudiedCard]:
        where, params = deck_filter(deck_id)
        with reading(self.path):
            rows = self._conn.execute(
                f"SELECT {STUDIED_COLUMNS} FROM card_state WHERE {where} AND state != {NEW} "
                f"AND NOT COALESCE(suspended, 0) {condition}",
                (*params, *extra),
            ).fetchall()
        return [StudiedCard(*row) for row in rows]

    def most_lapsed(self, deck_id: str | None, limit: int) -> list[StudiedCard]:
        return self._studied(
            deck_id,
            "AND lapses > 0 ORDER BY lapses DESC, reps DESC, deck_id, item_id LIMIT ?",
            limit,
        )

    def least_recalled(self, deck_id: str | None, now_ms: int, limit: int) -> list[StudiedCard]:
        return self._studied(
            deck_id,
            f"AND stability > 0 AND last_review_ms IS NOT NULL "
            f"ORDER BY ((? - last_review_ms) / {DAY_MS}) / stability DESC, stability, "
            f"deck_id, item_id LIMIT ?",
            now_ms,
            limit,
        )

    def answer_counts(self, deck_id: str | None) -> list[ItemAnswers]:
        """One pass, in index order: from schema v4 the (deck, item, verdict, rating) index
        holds every value counted, so no row is read and no sort happens; the counts
        come back as one JSON row (see :meth:`_one_json`)."""
        where, params = deck_filter(deck_id)
        rows = self._one_json(
            f"SELECT json_group_array(json_array(deck_id, item_id, n, wrong)) FROM ("
            f"  SELECT deck_id, item_id, count(*) AS n, sum(NOT ({RIGHT_SQL})) AS wrong "
            f"  FROM reviews WHERE {where} GROUP BY deck_id, item_id)",
            params,
        )
        return [
            ItemAnswers(deck, item, int(count), int(wrong)) for deck, item, count, wrong in rows
        ]
