"""The study and quiz screens on a full disk: the answer stays on screen marked "NOT SAVED",
the screen stays usable, leaving warns, and once space is back it is saved (checked in the store).
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from quizapp.core.store import SqliteStore
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.screens.study import StudyScreen
from tests.diskfull import fill, fill_halfway, free, free_halfway
from tests.tui_helpers import answer_right, build_app, query, right_keys, screen_text, settle


async def _on_backend(app: QuizApp, action: object) -> None:
    """Run a disk-fault helper on the I/O thread, where the store is used."""

    def call() -> None:
        store = app.backend.store
        assert isinstance(store, SqliteStore)
        action(store)  # type: ignore[operator]

    await app.backend.run(call)


async def _answer_right(pilot: Pilot[None], screen: StudyScreen) -> None:
    await pilot.press(*right_keys(screen.current.question))  # type: ignore[union-attr]
    await settle(pilot)
    assert screen.phase == "answer"


def _study_rows(db: Path) -> list[tuple[object, ...]]:
    return query(db, "SELECT item_id, rating FROM reviews WHERE mode = 'study' ORDER BY id")


async def test_study_on_a_full_disk_keeps_the_answer_marked_then_saves_it(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await _answer_right(pilot, screen)
        await pilot.press("3")
        await settle(pilot)
        first = _study_rows(db)
        assert len(first) == 1

        await _on_backend(app, fill)
        unsaved_item = screen.current.entry.item.id  # type: ignore[union-attr]
        await _answer_right(pilot, screen)
        text = screen_text(app)
        assert "NOT SAVED" in text  # the answer itself, in words
        assert "not saved: the disk is full" in text  # and the notice line
        assert _study_rows(db) == first  # nothing saved, nothing touched
        assert screen.check_action("save_again", ()) is True  # r is offered

        await pilot.press("enter")  # the screen stays usable: on to the next card
        await settle(pilot)
        assert screen.phase == "question"
        assert screen.current.entry.item.id != unsaved_item  # type: ignore[union-attr]
        await pilot.press("escape")  # leaving with an answer unsaved: a warning first
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen) and screen.phase == "question"
        assert "Press Escape again to leave without it" in screen_text(app)

        await _on_backend(app, free)
        await pilot.press("r")
        await settle(pilot)
        assert "Saved: every answer is in the history now." in screen_text(app)
        assert [row[0] for row in _study_rows(db)] == [first[0][0], unsaved_item]
        assert screen.check_action("save_again", ()) is False


async def test_rerating_on_a_full_disk_keeps_the_saved_review_then_replaces_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        while screen.current.question.kind == "basic":  # type: ignore[union-attr]
            await answer_right(pilot, screen.current.question)  # type: ignore[union-attr]
            await settle(pilot)
        await _answer_right(pilot, screen)  # saved at once, as Good
        saved = _study_rows(db)
        assert saved[-1][1] == 3

        await _on_backend(app, fill_halfway)
        await pilot.press("1")  # another rating: refused halfway through its transaction
        await settle(pilot)
        assert screen.phase == "answer"  # it stays on screen, marked
        assert "NOT SAVED" in screen_text(app)
        assert _study_rows(db) == saved  # the first rating is still there, whole

        await _on_backend(app, free_halfway)
        await pilot.press("r")
        await settle(pilot)
        assert _study_rows(db) == [*saved[:-1], (saved[-1][0], 1)]
        assert "NOT SAVED" not in screen_text(app)
        await pilot.press("enter")  # Enter keeps the (now saved) rating and goes on
        await settle(pilot)
        assert screen.phase == "question"
    assert _study_rows(db)[-1][1] == 1


async def test_a_quiz_on_a_full_disk_waits_for_its_answers_before_the_results(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, start=("quiz", "all-types", 2, 5))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.run is not None
        await _on_backend(app, fill)
        for _ in range(2):
            question = screen.run.questions[screen.index]
            keys = ["space", "y"] if question.kind == "basic" else right_keys(question)
            await pilot.press(*keys)
            await settle(pilot)
            assert screen.phase == "feedback"
            assert "NOT SAVED" in screen_text(app)
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, QuizScreen)  # the results wait for the answers
        assert "not saved yet (the disk is full)" in screen_text(app)
        assert query(db, "SELECT COUNT(*) FROM reviews WHERE mode = 'quiz'") == [(0,)]

        await _on_backend(app, free)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
    assert query(db, "SELECT COUNT(*) FROM reviews WHERE mode = 'quiz'") == [(2,)]
    assert query(db, "SELECT questions, finished_ms IS NOT NULL FROM quiz_sessions") == [(2, 1)]
