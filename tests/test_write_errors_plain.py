"""Plain mode on a full disk: the answer is said NOT SAVED in words, kept, saved with the next
answer once space is back, and quitting asks before leaving answers unsaved (exit 1 if left)."""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from quizapp.core.engine import StudyEngine
from quizapp.core.quiz import QuizRun
from quizapp.core.store import SqliteStore
from quizapp.plain.lineio import LineIO
from quizapp.plain.quiz import _quiz
from quizapp.plain.study import study_loop
from tests.diskfull import fill, free, study_rows
from tests.storekit import UTC_CONFIG, Clock, make_deck


class Script(io.StringIO):
    """Typed lines, with an action run just before a given line is read (the disk fills)."""

    def __init__(self, lines: list[str], when: dict[int, Callable[[], object]]) -> None:
        super().__init__()
        self.lines = lines
        self.when = when
        self.given = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self.given in self.when:
            self.when[self.given]()
        if self.given >= len(self.lines):
            return ""
        self.given += 1
        return self.lines[self.given - 1] + "\n"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "h.sqlite3") as opened:
        yield opened


def _study(store: SqliteStore, script: Script) -> tuple[int, str]:
    out = io.StringIO()
    engine = StudyEngine(
        store, [make_deck(n=3)], now=Clock(), config=UTC_CONFIG, fuzzing=False, rng=random.Random(1)
    )
    return study_loop(LineIO(script, out), engine), out.getvalue()


def test_plain_study_says_not_saved_and_saves_before_quitting(store: SqliteStore) -> None:
    # c0 answered and rated; the disk fills; c1 answered; :q; space back; Enter
    script = Script(
        ["A0", "", "A1", "", ":q", ""], {2: lambda: fill(store), 5: lambda: free(store)}
    )
    code, out = _study(store, script)
    assert "NOT SAVED: the disk is full. 1 answer kept here" in out
    assert "Kept (not saved yet) as" not in out  # rated with Enter, not quit at the rating
    assert "1 answer not saved: the disk is full. Press Enter to try again" in out
    assert "Saved: every answer is in the history now." in out
    assert code == 0
    assert [row[2] for row in study_rows(store)] == ["c0", "c1"]


def test_plain_study_never_drops_an_answer_silently(store: SqliteStore) -> None:
    script = Script(["A0", "", "A1"], {2: lambda: fill(store)})  # then input ends
    code, out = _study(store, script)
    assert "Kept (not saved yet) as 3 Good." in out
    assert "Left with 1 answer not saved." in out
    assert code == 1
    assert [row[2] for row in study_rows(store)] == ["c0"]


def test_plain_quiz_keeps_its_answers_until_the_disk_has_room(store: SqliteStore) -> None:
    run = QuizRun(store, make_deck(n=2), count=2, seed=1, now=Clock())
    answers = [str(q.item.card.answer) for q in run.questions]  # type: ignore[union-attr]
    out = io.StringIO()
    script = Script([*answers, ""], {0: lambda: fill(store), 2: lambda: free(store)})
    code = _quiz(LineIO(script, out), run, run.deck, store)
    text = out.getvalue()
    assert "NOT SAVED: the disk is full. 1 answer kept here" in text
    assert "NOT SAVED: the disk is full. 2 answers kept here" in text
    assert "3 answers not saved: the disk is full. Press Enter to try again" in text
    assert code == 0
    quiz = store.quiz_session(run.quiz_id)
    assert quiz is not None and quiz.finished_ms is not None and quiz.correct == 2
