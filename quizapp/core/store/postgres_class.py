"""The class queries (:class:`~quizapp.core.store.queries.ClassQueries`): every learner at once.

A member of ``quizapp_teacher`` reads every learner's rows (the
``teacher_reads`` policy of :mod:`.postgres_schema`); these queries count
them per learner on the server, so ``quizapp class`` gets a few small rows
however big the class's history is. A learner's connection would count only
its own rows: the command asks :meth:`is_teacher` first and refuses.
"""

from __future__ import annotations

from typing import Any

from quizapp.core.store.postgres_base import PostgresBase
from quizapp.core.store.postgres_queries import RETENTION, RIGHT_SQL
from quizapp.core.store.postgres_schema import IS_TEACHER, LEARNER_ROLE
from quizapp.core.store.records import (
    ClassMiss,
    LearnerActivity,
    LearnerBucket,
    LearnerQuizzes,
    LearnerRetention,
)


def of_deck(deck_id: str | None, first: str = "WHERE") -> tuple[str, tuple[Any, ...]]:
    """A condition on one deck (none for every deck), starting with ``first``."""
    return ("", ()) if deck_id is None else (f"{first} deck_id = %s", (deck_id,))


class PostgresClassQueries(PostgresBase):
    """Mixed into :class:`~quizapp.core.store.postgres.PostgresStore`: a teacher's reads."""

    def is_teacher(self) -> bool:
        row = self._one(f"SELECT {IS_TEACHER}")
        return bool(row and row[0])

    def class_learners(self, deck_id: str | None) -> list[LearnerActivity]:
        deck, params = of_deck(deck_id)
        rows = self._read(
            "SELECT name, COALESCE(a.answers, 0), a.last_ms FROM ("
            "  SELECT u.rolname::text AS name FROM pg_auth_members m"
            "  JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member"
            "  WHERE g.rolname = %s"
            "  UNION SELECT DISTINCT learner::text FROM reviews"
            "  UNION SELECT DISTINCT learner::text FROM quiz_sessions"
            ") AS people LEFT JOIN ("
            "  SELECT learner::text AS who, count(*) AS answers, max(reviewed_ms) AS last_ms"
            f"  FROM reviews {deck} GROUP BY learner"
            ") AS a ON a.who = people.name ORDER BY name",
            (LEARNER_ROLE, *params),
        )
        return [LearnerActivity(name, int(n), last) for name, n, last in rows]

    def class_quizzes(self, deck_id: str | None) -> list[LearnerQuizzes]:
        deck, params = of_deck(deck_id, "AND")
        rows = self._read(
            "SELECT learner::text, deck_id, count(*), "
            "(array_agg(score ORDER BY finished_ms DESC, id DESC))[1], max(score) "
            "FROM quiz_sessions WHERE finished_ms IS NOT NULL AND abandoned = 0 "
            f"AND score IS NOT NULL AND questions > 0 {deck} "
            "GROUP BY learner, deck_id ORDER BY learner, deck_id",
            params,
        )
        return [
            LearnerQuizzes(w, d, int(n), float(last), float(best)) for w, d, n, last, best in rows
        ]

    def class_retention(self, deck_id: str | None) -> list[LearnerRetention]:
        deck, params = of_deck(deck_id, "AND")
        rows = self._read(
            "SELECT learner::text, deck_id, count(*), count(*) FILTER (WHERE rating > 1) "
            f"FROM reviews WHERE {RETENTION} {deck} GROUP BY learner, deck_id",
            params,
        )
        return [LearnerRetention(w, d, int(n), int(p)) for w, d, n, p in rows]

    def class_buckets(
        self, since_ms: int, bucket_ms: int, deck_id: str | None
    ) -> list[LearnerBucket]:
        deck, params = of_deck(deck_id, "AND")
        rows = self._read(
            f"SELECT DISTINCT learner::text, reviewed_ms / {int(bucket_ms)} FROM reviews "
            f"WHERE reviewed_ms >= %s {deck}",
            (since_ms, *params),
        )
        return [LearnerBucket(w, int(b)) for w, b in rows]

    def class_misses(self, deck_id: str | None, limit: int) -> list[ClassMiss]:
        deck, params = of_deck(deck_id)
        wrong = f"NOT ({RIGHT_SQL})"
        rows = self._read(
            f"SELECT deck_id, item_id, count(*) FILTER (WHERE {wrong}) AS wrong, count(*), "
            f"count(DISTINCT learner) FILTER (WHERE {wrong}) AS learners FROM reviews {deck} "
            f"GROUP BY deck_id, item_id HAVING count(*) FILTER (WHERE {wrong}) > 0 "
            "ORDER BY wrong DESC, learners DESC, count(*), deck_id, item_id LIMIT %s",
            (*params, limit),
        )
        return [ClassMiss(d, i, int(w), int(n), int(p)) for d, i, w, n, p in rows]
