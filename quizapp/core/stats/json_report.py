"""The stats report as JSON, for ``quizapp stats --json`` and scripts."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from quizapp.core.clock import from_ms
from quizapp.core.stats.results import RetentionRow, StatsReport


def iso_utc(ms: int) -> str:
    return from_ms(ms).isoformat().replace("+00:00", "Z")


def retention_row_dict(row: RetentionRow) -> dict[str, Any]:
    return {
        **asdict(row),
        "young": row.young,
        "mature": row.mature,
        "total": row.total,
        "count": row.total_count,
    }


def report_to_dict(report: StatsReport) -> dict[str, Any]:
    """A JSON-ready view of the report: ISO dates, ratios as floats, derived figures included."""
    cal = report.calendar
    return {
        "generated": iso_utc(report.generated_ms),
        "deck": report.deck_id,
        "timezone": report.timezone,
        "rollover_hour": report.rollover_hour,
        "total_reviews": report.total_reviews,
        "quizzes": [
            {
                "deck": q.deck_id,
                "count": len(q.points),
                "best": q.best,
                "last": q.last,
                "average": q.average,
                "abandoned": q.abandoned,
                "abandoned_answers": q.abandoned_answers,
                "points": [
                    {"finished": iso_utc(p.finished_ms), "score": p.score, "questions": p.questions}
                    for p in q.points
                ],
            }
            for q in report.quizzes
        ],
        "calendar": {
            "today": cal.today.isoformat(),
            "current_streak": cal.current_streak,
            "longest_streak": cal.longest_streak,
            "days_studied": cal.days_studied,
            "reviews": cal.total_reviews,
            "days": {d.isoformat(): n for d, n in cal.days if n},
        },
        "retention": {
            "desired": report.retention.desired,
            "periods": [retention_row_dict(row) for row in report.retention.rows],
            "series": {
                unit: [
                    {"start": start.isoformat(), **retention_row_dict(row)}
                    for start, row in zip(series.starts, series.rows, strict=True)
                ]
                for unit, series in report.retention.series.items()
            },
        },
        "forecast": {
            "overdue": report.forecast.overdue,
            "days": [{"day": f.day.isoformat(), "due": f.due} for f in report.forecast.days],
        },
        "card_states": {**asdict(report.card_states), "total": report.card_states.total},
        "intervals": [asdict(b) for b in report.intervals],
        "stabilities": [asdict(b) for b in report.stabilities],
        "most_lapses": [asdict(c) for c in report.most_lapses],
        "lowest_retrievability": [asdict(c) for c in report.lowest_retrievability],
        "tags": [
            {"tag": t.tag, "answers": t.answers, "right": t.right, "accuracy": t.accuracy}
            for t in report.tags
        ],
        "recent_quizzes": [
            {
                "deck": q.deck_id,
                "when": iso_utc(q.when_ms),
                "questions": q.questions,
                "score": q.score,  # null: left before any answer
                "abandoned": q.abandoned,
            }
            for q in report.recent_quizzes
        ],
        "early": report.early,
    }


def report_to_json(report: StatsReport) -> str:
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False)
