"""Export the history as JSON or CSV, atomically: never half a file under the real name."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from quizapp.core.history_io.formats import (
    CSV_COLUMNS,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    REVIEW_FIELDS,
)
from quizapp.core.history_io.times import iso_from_ms, now_ms
from quizapp.core.store.protocol import Store

Record = dict[str, Any]  # one exported row, keyed by field name


def iter_reviews(store: Store, deck_id: str | None = None) -> Iterator[Record]:
    """Every review as an export record, oldest first (streamed, not loaded at once)."""
    for row in store.stored_reviews(deck_id):
        values: list[Any] = list(row)
        values[2] = iso_from_ms(row.reviewed_ms)  # the ``reviewed`` field
        yield dict(zip(REVIEW_FIELDS, values, strict=True))


def iter_quiz_sessions(store: Store, deck_id: str | None = None) -> Iterator[Record]:
    """Every quiz session (finished or abandoned) as an export record, oldest first."""
    for row in store.stored_quizzes(deck_id):
        yield {
            "quiz_id": row.id,
            "deck_id": row.deck_id,
            "started": iso_from_ms(row.started_ms),
            "finished": iso_from_ms(row.finished_ms),
            "abandoned": row.abandoned,
            "questions": row.questions,
            "correct": row.correct,
            "close": row.close,
            "wrong": row.wrong,
            "score": row.score,
            "settings": row.settings,
        }


def write_json(store: Store, out: TextIO, deck_id: str | None = None) -> int:
    """Write the JSON export, one review per line so a million rows stream; returns rows written."""
    count = 0
    out.write("{\n")
    out.write(f'"format": "{EXPORT_FORMAT}",\n"version": {EXPORT_VERSION},\n')
    out.write(f'"exported": {json.dumps(iso_from_ms(now_ms()))},\n')
    out.write(f'"deck": {json.dumps(deck_id)},\n')
    for name, rows in (
        ("quiz_sessions", iter_quiz_sessions(store, deck_id)),
        ("reviews", iter_reviews(store, deck_id)),
    ):
        out.write(f'"{name}": [')
        for i, record in enumerate(rows):
            out.write(",\n" if i else "\n")
            out.write(json.dumps(embed_json(record), ensure_ascii=False))
            count += 1
        out.write("\n]" + (",\n" if name == "quiz_sessions" else "\n"))
    out.write("}\n")
    return count


def embed_json(record: Record) -> Record:
    """JSON kept as text in the database (states, quiz settings) as objects, for scripts."""
    for key in ("state_before", "state_after", "settings"):
        text = record.get(key)
        if isinstance(text, str):
            with contextlib.suppress(json.JSONDecodeError):  # else kept as the text it is
                record[key] = json.loads(text)
    return record


def write_csv(store: Store, out: TextIO, deck_id: str | None = None) -> int:
    """Write the CSV export: quiz sessions first (reviews refer to them), then reviews."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for kind, rows in (
        ("quiz", iter_quiz_sessions(store, deck_id)),
        ("review", iter_reviews(store, deck_id)),
    ):
        for record in rows:
            writer.writerow({"kind": kind, **record})
            count += 1
    return count


def export_history(
    store: Store,
    fmt: str = "json",
    output: Path | None = None,
    deck_id: str | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Export to ``output`` atomically (temp file, then rename), or to ``stdout``.

    A crash or a full disk never leaves a half-written export under the real name.
    Standard output gets the export only once it is complete (it is written to
    an anonymous temp file first, not kept in memory): a history that fails to
    read halfway must not leave a truncated document in a redirect.
    """
    writer = write_csv if fmt == "csv" else write_json
    if output is None:
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as handle:
            count = writer(store, handle, deck_id)
            handle.seek(0)
            shutil.copyfileobj(handle, stdout or sys.stdout)
        return count
    output = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            count = writer(store, handle, deck_id)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
