"""Quizzes cut off by kill -9, SIGTERM or SIGHUP are abandoned, not lost from the stats."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from quizapp.core.store import open_store
from quizapp.core.store.sqlite import SqliteStore

REPO = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from quizapp.core.quiz import QuizRun
    from quizapp.core.store import open_store
    from tests.storekit import make_deck

    clock = [datetime(2026, 1, 5, 12, 0, tzinfo=UTC)]
    deck = make_deck(n=10)
    store = open_store(sys.argv[1])
    run = QuizRun(store, deck, count=10, seed=3, now=lambda: clock[0])
    print(run.quiz_id, flush=True)
    for index, question in enumerate(run.questions):
        answer = question.item.card.answer if index % 2 == 0 else "wrong"
        run.answer(index, answer, 1000)
        clock[0] += timedelta(seconds=20)
        print(index, flush=True)  # acknowledged: committed before this line
    sys.stdin.readline()  # the learner thinks; the process is killed here
    """
)


def _killed_quiz(history: Path, answers: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(history)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(answers + 1)]
        assert all(lines), child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=60)
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL


def _stats_json(home: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "stats", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QUIZAPP_HOME": str(home)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_a_quiz_killed_with_sigkill_is_abandoned_at_the_next_start(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    _killed_quiz(history, answers=10)
    # The stats (read only) show it before any start has marked it...
    report = _stats_json(quizapp_home)
    (deck,) = report["quizzes"]  # type: ignore[misc]
    assert (deck["abandoned"], deck["abandoned_answers"]) == (1, 10)
    # ...and the next start closes it as the learner leaving would have.
    with open_store(history) as store:
        (quiz,) = store.quiz_sessions()
    assert quiz.abandoned and quiz.finished_ms is not None
    assert (quiz.questions, quiz.correct, quiz.wrong, quiz.score) == (10, 5, 5, 50.0)
    assert quiz.finished_ms - quiz.started_ms == 9 * 20_000  # at its last answer
    recent = _stats_json(quizapp_home)["recent_quizzes"]
    assert recent == [
        {**recent[0], "abandoned": True, "questions": 10, "score": 50.0}  # type: ignore[index]
    ]


def test_a_quiz_running_in_another_process_is_left_open(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    with open_store(history) as running:  # the quiz goes on in this "window"
        quiz_id = running.start_quiz("geo", 1_000, {})
        with open_store(history) as other:
            assert other.quiz_session(quiz_id).finished_ms is None  # type: ignore[union-attr]
    with open_store(history) as later:  # everyone gone: it was cut off
        assert later.quiz_session(quiz_id).abandoned  # type: ignore[union-attr]


def test_a_store_opened_directly_marks_nothing(quizapp_home: Path) -> None:
    history = quizapp_home / "history.sqlite3"
    with SqliteStore.open(history) as store:
        quiz_id = store.start_quiz("geo", 1_000, {})
    with SqliteStore.open(history) as store:
        assert store.alone_at_open
        assert store.quiz_session(quiz_id).finished_ms is None  # type: ignore[union-attr]


TYPED_DECK = 'format = 1\n[deck]\nid = "typed"\ntitle = "Typed"\n' + "".join(
    f'\n[[cards]]\nid = "c{n}"\ntype = "typed"\nprompt = "Q{n}?"\nanswer = "A{n}"\n'
    for n in range(5)
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_plain_quiz_ends_cleanly_on_sigterm_and_sighup(
    signum: int, quizapp_home: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "typed.toml"
    deck.write_text(TYPED_DECK, encoding="utf-8")  # any line answers a typed question
    child = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "quiz", str(deck), "--plain", "-n", "5"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QUIZAPP_HOME": str(quizapp_home)},
    )
    assert child.stdin is not None and child.stdout is not None
    watchdog = threading.Timer(60, child.kill)  # a test that cannot hang the suite
    watchdog.start()
    try:
        seen = []
        while not any(line.startswith("Question 2/5") for line in seen):
            line = child.stdout.readline()
            assert line, "".join(seen)
            seen.append(line)
            if line.startswith("Question 1/5"):
                child.stdin.write("1\n")
                child.stdin.flush()
        child.send_signal(signum)  # waiting for the answer to question 2
        out, err = child.communicate(timeout=60)
    finally:
        watchdog.cancel()
        child.kill()
        child.wait(timeout=60)
    assert child.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert "Quiz abandoned after 1 of 5 questions." in out
    with SqliteStore.open(quizapp_home / "history.sqlite3") as store:
        (quiz,) = store.quiz_sessions()
        assert quiz.abandoned and quiz.questions == 1
        assert len(store.reviews(mode="quiz")) == 1
