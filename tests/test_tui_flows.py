"""End-to-end flows of the interface, driven with Textual's Pilot and checked in the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.screens.study import StudyScreen
from tests.tui_helpers import (
    ALL_TYPES,
    BROKEN,
    MARKUP,
    answer_right,
    build_app,
    query,
    right_keys,
    screen_text,
    settle,
)


async def test_study_every_card_type_is_saved_with_its_verdict(
    tmp_path: Path, quizapp_home: Path
) -> None:
    # Without learning ahead, the session ends on the wait for the first step.
    (quizapp_home / "config.toml").write_text("learn_ahead_minutes = 0\n", encoding="utf-8")
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    seen: dict[str, str] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        while screen.phase == "question" and screen.current.entry.item.id not in seen:
            question = screen.current.question
            seen[question.item.id] = question.kind
            await pilot.press(*right_keys(question))
            await settle(pilot)
            assert screen.phase == "answer", question.kind
            await pilot.press("3")
            await settle(pilot)
        # every new card is now in learning, due again in minutes: the screen says so
        # (the cloze's second gap is its first gap's sibling: buried until tomorrow)
        assert screen.phase == "waiting"
        assert "Nothing is due right now. 8 learning cards" in screen_text(app)
    assert set(seen.values()) == {
        "basic",
        "typed",
        "choice",
        "multi",
        "truefalse",
        "number",
        "cloze",
        "order",
    }
    rows = query(db, "SELECT item_id, verdict, rating, mode FROM reviews ORDER BY id")
    assert [r[0] for r in rows] == list(seen)
    for item_id, verdict, rating, mode in rows:
        assert mode == "study" and rating == 3
        assert verdict == (None if seen[item_id] == "basic" else "correct"), item_id


async def test_enter_accepts_the_proposed_rating_and_wrong_proposes_again(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        while screen.current.question.kind not in ("typed", "cloze", "number"):
            await answer_right(pilot, screen.current.question)
            await settle(pilot)
        item_id = screen.current.entry.item.id
        await pilot.press("x", "y", "z", "enter")
        await settle(pilot)
        assert screen.phase == "answer"
        await pilot.press("enter")
        await settle(pilot)
    assert query(db, "SELECT verdict, rating FROM reviews WHERE item_id = ?", item_id) == [
        ("wrong", 1)
    ]


async def test_i_was_right_counts_a_wrong_answer_as_good(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        while screen.current.question.kind != "typed":
            await answer_right(pilot, screen.current.question)
            await settle(pilot)
        await pilot.press("n", "o", "p", "e", "enter")
        await settle(pilot)
        await pilot.press("exclamation_mark", "enter")
        await settle(pilot)
    assert query(db, "SELECT response, verdict, rating FROM reviews WHERE mode = 'study'")[-1] == (
        "nope",
        "overruled",  # right, and told apart from the checker's own "correct"
        3,
    )


async def test_undo_removes_the_last_answer_and_shows_the_card_again(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        first = screen.current.entry.item.id
        await answer_right(pilot, screen.current.question)
        await settle(pilot)
        assert len(query(db, "SELECT id FROM reviews")) == 1
        assert screen.current.entry.item.id != first
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert query(db, "SELECT id FROM reviews") == []
        assert screen.current.entry.item.id == first
        assert screen.phase == "question"
        await pilot.press(*right_keys(screen.current.question), "4")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert query(db, "SELECT item_id, rating FROM reviews") == [(first, 4)]


async def _take_quiz(db: Path, seed: int, *, answer: int | None = None) -> list[str]:
    """Take a 5-question quiz on all-types answering right; ``answer`` stops after that many."""
    app = build_app(db, start=("quiz", "all-types", 5, seed))
    asked: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for index in range(5):
            if answer is not None and index == answer:
                await pilot.press("escape")
                await settle(pilot)
                await pilot.press("y")
                await settle(pilot)
                break
            question = screen.run.questions[screen.index]
            asked.append(question.item.id)
            keys = right_keys(question)
            if question.kind == "basic":
                keys = ["space", "y"]
            await pilot.press(*keys)
            await settle(pilot)
            assert screen.phase == "feedback"
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # "Last quiz" shows finished quizzes only
        assert (app.screen.rows[0].last_score is None) == (answer is not None)
    return asked


async def test_quiz_of_five_with_a_seed_is_saved_and_repeatable(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    first = await _take_quiz(db, seed=42)
    again = await _take_quiz(db, seed=42)
    assert first == again and len(first) == 5
    sessions = query(
        db, "SELECT questions, abandoned, finished_ms IS NOT NULL, score FROM quiz_sessions"
    )
    assert sessions == [(5, 0, 1, 100.0), (5, 0, 1, 100.0)]
    quiz_reviews = query(db, "SELECT item_id FROM reviews WHERE mode = 'quiz' ORDER BY id")
    assert [r[0] for r in quiz_reviews] == first + again
    assert query(db, "SELECT COUNT(*) FROM card_state WHERE state != 0")[0][0] == 0


async def test_abandoned_quiz_is_saved_as_abandoned(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    asked = await _take_quiz(db, seed=3, answer=2)
    assert len(asked) == 2
    # an abandoned quiz is scored over the questions answered
    assert query(db, "SELECT questions, abandoned, finished_ms IS NOT NULL FROM quiz_sessions") == [
        (2, 1, 1)
    ]
    assert len(query(db, "SELECT id FROM reviews WHERE mode = 'quiz'")) == 2


async def test_quiz_from_home_asks_how_many_questions(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("backspace", "backspace", "3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert len(app.screen.run.questions) == 3
    [(settings,)] = query(db, "SELECT settings FROM quiz_sessions")
    assert json.loads(settings)["n"] == 3


async def test_reload_picks_up_an_edited_deck(tmp_path: Path) -> None:
    deck = tmp_path / "decks" / "edit-me.toml"
    deck.parent.mkdir()
    shutil.copy(ALL_TYPES, deck)
    app = build_app(tmp_path / "h.sqlite3", deck.parent)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        [row] = app.screen.rows
        assert row.deck.deck.title == "Every card type" and row.cards == 9
        text = deck.read_text(encoding="utf-8").replace("Every card type", "Edited title")
        text += '\n[[cards]]\nid = "extra"\ntype = "basic"\nfront = "F"\nback = "B"\n'
        deck.write_text(text, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        [row] = app.screen.rows
        assert row.deck.deck.title == "Edited title" and row.cards == 10
        assert "Edited title" in app.screen.query_one("DeckTable").get_row_at(0)[1].plain


async def test_a_broken_deck_is_marked_and_the_others_still_work(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, ALL_TYPES, BROKEN)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("DeckTable")
        cells = [cell.plain for cell in table.get_row_at(1)]
        assert cells[0] == "✗ error"
        assert cells[1].startswith("broken.toml:12: card 'b1'")
        await pilot.press("down")
        await settle(pilot)
        detail = str(app.screen.query_one("#deck-detail").render())
        assert "broken.toml:12:1: error: card 'b1' (typed): unknown key 'colour'" in detail
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("up", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        await answer_right(pilot, app.screen.current.question)
        await settle(pilot)
    assert len(query(db, "SELECT id FROM reviews")) == 1


async def test_deck_text_is_shown_literally_never_as_markup(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", MARKUP)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        title = app.screen.query_one("DeckTable").get_row_at(0)[1].plain
        assert title == "[bold]Bold[/] \\x1b[31mred"
        assert "[@click=app.quit]click me[/]" in screen_text(app)
        await pilot.click("#deck-detail")  # a click on the description must not quit
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n", "o", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "What is [bold]x[/]? \\x1b[31m" in text
        assert "[red]y[/]" in text and "[link=https://example.com]link[/link]" in text
        assert "\x1b" not in text
        assert app.is_running


async def test_help_lists_every_key_of_the_screen(tmp_path: Path) -> None:
    from quizapp.tui.screens.help import HelpScreen

    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        described = {what for _group, _keys, what, _on in app.screen.rows}
        for binding in StudyScreen.BINDINGS:
            assert binding.description in described
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)


async def test_theme_is_remembered(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert query(db, "SELECT value FROM settings WHERE key = 'theme'") == [("nord",)]
    app = build_app(db)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_palette_lists_the_screen_actions(tmp_path: Path) -> None:
    from quizapp.tui.palette import ScreenActionsProvider

    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test() as pilot:
        await settle(pilot)
        provider = ScreenActionsProvider(app.screen)
        names = [name for name, _help, _run in provider._commands()]
        assert {"Quiz", "Stats", "Reload", "Quit", "Study"} <= set(names)


async def test_edit_opens_the_card_line_then_reloads_the_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.tui.screens import study_edit

    deck = tmp_path / "edit-me.toml"
    shutil.copy(ALL_TYPES, deck)
    opened: list[tuple[Path, int | None]] = []

    def fake_editor(app, path: Path, line: int | None) -> None:
        opened.append((path, line))
        text = path.read_text(encoding="utf-8").replace("Capital of Libya?", "Capital city?")
        path.write_text(text, encoding="utf-8")

    monkeypatch.setattr(study_edit, "open_in_editor", fake_editor)
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.current.question.prompt == "Capital of Libya?"
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.current.question.prompt == "Capital city?"
    lines = deck.read_text(encoding="utf-8").splitlines()
    [(path, line)] = opened
    assert path == deck and lines[line - 1] == "[[cards]]" and lines[line] == 'id = "capital"'


async def test_s_opens_the_stats_of_the_selected_deck(tmp_path: Path) -> None:
    try:
        from quizapp.tui.screens.stats import StatsScreen
    except ImportError:  # the stats screen is optional: home says so instead
        StatsScreen = None
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        if StatsScreen is None:
            assert isinstance(app.screen, HomeScreen)
            assert any("Stats unavailable" in str(n.message) for n in app._notifications)
        else:
            assert isinstance(app.screen, StatsScreen)


async def test_an_unusable_history_file_ends_with_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_text("not a database", encoding="utf-8")
    app = build_app(db)
    async with app.run_test() as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert db.read_text(encoding="utf-8") == "not a database"


async def test_the_command_palette_runs_a_screen_action(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"study all")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert [d.deck.id for d in app.screen.decks] == ["all-types"]


async def test_undo_with_nothing_to_undo_keeps_the_card(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        first = screen.current.entry.item.id
        await pilot.press("u")
        await settle(pilot)
        assert screen.phase == "question" and screen.current.entry.item.id == first
        await pilot.press("space", "3")
        await settle(pilot)
    assert query(tmp_path / "h.sqlite3", "SELECT item_id FROM reviews") == [(first,)]


async def test_no_color_turns_colour_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.no_color  # Textual then renders through its monochrome filter


async def _to_kind(pilot, screen, kinds: tuple[str, ...]) -> None:
    """Answer (right, rated Good) until a card of one of ``kinds`` is on screen."""
    while screen.current.question.kind not in kinds:
        await answer_right(pilot, screen.current.question)
        await settle(pilot)


async def _study(pilot, app) -> StudyScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, StudyScreen)
    return screen


@pytest.mark.parametrize("leave", ["escape", "ctrl+q"])
async def test_an_answer_is_saved_when_its_verdict_shows(tmp_path: Path, leave: str) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await _to_kind(pilot, screen, ("typed",))
        item_id = screen.current.entry.item.id
        await pilot.press("n", "o", "p", "e", "enter")
        await settle(pilot)
        assert screen.phase == "answer"
        # saved with the proposed rating before any rating key
        saved = "SELECT response, verdict, rating FROM reviews WHERE item_id = ?"
        assert query(db, saved, item_id) == [("nope", "wrong", 1)]
        await pilot.press(leave)
        await settle(pilot)
        if leave == "escape":
            assert type(app.screen).__name__ == "SummaryScreen"
            assert "2 cards answered" in screen_text(app)
    assert query(db, saved, item_id) == [("nope", "wrong", 1)]


async def test_another_rating_replaces_the_saved_review(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await _to_kind(pilot, screen, ("typed",))
        item_id = screen.current.entry.item.id
        await pilot.press("n", "o", "p", "e", "enter")
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        sql = "SELECT verdict, rating FROM reviews WHERE item_id = ?"
        assert query(db, sql, item_id) == [("overruled", 3)]
        await pilot.press("right", "enter")
        await settle(pilot)
        assert screen.current.entry.item.id != item_id
    assert query(db, sql, item_id) == [("overruled", 4)]
    states = query(db, "SELECT reps FROM card_state WHERE item_id = ?", item_id)
    assert states == [(1,)]


async def test_undo_at_a_verdict_undoes_that_answer_and_reopens_its_input(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        first = screen.current.entry.item.id
        await _to_kind(pilot, screen, ("typed",))
        item_id = screen.current.entry.item.id
        await pilot.press("n", "o", "p", "e", "enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert query(db, "SELECT item_id FROM reviews") == [(first,)]
        assert screen.phase == "question" and screen.current.entry.item.id == item_id
        answer = screen.query_one("#answer")
        assert answer.value == "" and app.focused is answer
        await pilot.press("H", "a", "f", "t", "a", "r", "enter")
        await settle(pilot)
        await pilot.press("u")  # at the verdict again: only this answer goes
        await settle(pilot)
        await pilot.press("H", "a", "f", "t", "a", "r", "enter", "3")
        await settle(pilot)
        await pilot.press("u")  # after moving on: the last answer, as before
        await settle(pilot)
        assert screen.current.entry.item.id == item_id
    assert query(db, "SELECT item_id FROM reviews") == [(first,)]


async def test_undo_at_the_first_verdict_undoes_it(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    deck = tmp_path / "one.toml"
    deck.write_text(
        'format = 1\n[deck]\nid = "one"\ntitle = "One"\nlanguage = "en"\n'
        '[[cards]]\nid = "q"\ntype = "typed"\nprompt = "Capital?"\nanswer = "Tripoli"\n',
        encoding="utf-8",
    )
    app = build_app(db, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await pilot.press("x", "enter")
        await settle(pilot)
        assert len(query(db, "SELECT id FROM reviews")) == 1
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing to undo" not in screen_text(app)
        assert query(db, "SELECT id FROM reviews") == []
        assert screen.phase == "question" and screen.query_one("#answer").value == ""


async def test_undo_at_a_revealed_flashcard_goes_back_to_its_question(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    deck = tmp_path / "two.toml"
    deck.write_text(
        'format = 1\n[deck]\nid = "two"\ntitle = "Two"\nlanguage = "en"\n'
        '[[cards]]\nid = "a"\ntype = "basic"\nfront = "A?"\nback = "a"\n'
        '[[cards]]\nid = "b"\ntype = "basic"\nfront = "B?"\nback = "b"\n',
        encoding="utf-8",
    )
    app = build_app(db, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await pilot.press("space", "3")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert screen.phase == "question" and screen.current.entry.item.id == "b"
    assert query(db, "SELECT item_id FROM reviews") == [("a",)]


@pytest.mark.parametrize(
    ("kind", "keys", "hint"),
    [
        ("number", ["a", "b", "c", "enter"], "'abc' is not a number: type a number"),
        ("number", ["2", "space", "j", "o", "u", "r", "s", "enter"], "'2 jours' is not a number"),
        ("number", ["enter"], "Type an answer, or press ^g"),
        ("typed", ["space", "enter"], "Type an answer, or press ^g"),
        ("cloze", ["enter"], "Type an answer, or press ^g"),
        ("multi", ["enter"], "Tick at least one option"),
    ],
)
async def test_a_slip_keeps_the_study_question_open_unsaved(
    tmp_path: Path, kind: str, keys: list[str], hint: str
) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await _to_kind(pilot, screen, (kind,))
        item_id = screen.current.entry.item.id
        saved = len(query(db, "SELECT id FROM reviews"))
        await pilot.press(*keys)
        await settle(pilot)
        assert screen.phase == "question" and screen.current.entry.item.id == item_id
        assert hint in screen_text(app)
        assert len(query(db, "SELECT id FROM reviews")) == saved
        await pilot.press("ctrl+u", *right_keys(screen.current.question))  # then properly
        await settle(pilot)
        assert hint not in screen_text(app)
    verdicts = query(db, "SELECT verdict FROM reviews WHERE item_id = ?", item_id)
    assert verdicts == [("correct",)]


async def test_dont_know_is_saved_as_wrong(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await _to_kind(pilot, screen, ("typed",))
        item_id = screen.current.entry.item.id
        assert "Don't know" in screen_text(app)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.phase == "answer"
    sql = "SELECT response, verdict, rating FROM reviews WHERE item_id = ?"
    assert query(db, sql, item_id) == [("", "wrong", 1)]


async def test_a_slip_keeps_the_quiz_question_open_unsaved(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db, start=("quiz", "all-types", 9, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        while screen.run.questions[screen.index].kind != "number":
            question = screen.run.questions[screen.index]
            keys = ["space", "y"] if question.kind == "basic" else right_keys(question)
            await pilot.press(*keys, "enter")
            await settle(pilot)
        saved = len(query(db, "SELECT id FROM reviews"))
        await pilot.press("a", "b", "c", "enter")
        await settle(pilot)
        assert screen.phase == "question"
        assert "'abc' is not a number" in screen_text(app)
        await pilot.press("ctrl+u", "enter")
        await settle(pilot)
        assert screen.phase == "question" and "Type an answer" in screen_text(app)
        assert len(query(db, "SELECT id FROM reviews")) == saved
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.phase == "feedback"
    rows = query(db, "SELECT response, verdict FROM reviews WHERE mode = 'quiz'")
    assert rows[-1] == ("", "wrong") and len(rows) == saved + 1


async def test_last_quiz_is_the_last_finished_one_not_an_abandoned_one(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    await _take_quiz(db, seed=42)  # finished, 100%
    app = build_app(db, start=("quiz", "all-types", 5, 42))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        question = screen.run.questions[0]
        await pilot.press(*(["space", "n"] if question.kind == "basic" else ["ctrl+g"]))
        await settle(pilot)
        await pilot.press("enter", "escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.rows[0].last_score == 100.0
        text = screen_text(app)
        assert "100% 2026-11-29" in text and " 0% " not in text
    abandoned = query(db, "SELECT abandoned, score FROM quiz_sessions ORDER BY id")
    assert abandoned == [(0, 100.0), (1, 0.0)]


async def test_home_help_says_what_due_and_last_quiz_mean(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Last quiz: the score and" in screen_text(app)
        assert "Due = Learn + Review, as in 'quizapp due'" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_broken_deck_pane_shows_what_fits_and_how_to_see_the_rest(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    deck = tmp_path / "many.toml"
    cards = "".join(
        f'[[cards]]\nid = "c{n}"\ntype = "typed"\nprompt = "Q{n}?"\nanswer = "A"\nbad{n} = 1\n'
        for n in range(10)
    )
    deck.write_text(f'format = 1\n[deck]\nid = "many"\ntitle = "Many"\n{cards}', encoding="utf-8")
    app = build_app(tmp_path / "h.sqlite3", deck)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#deck-detail")
        lines = str(pane.render()).splitlines()
        assert lines[0] == "✗ This deck has errors:"
        assert lines[1].startswith("many.toml:10:1: error: card 'c0'")
        assert lines[-1].startswith(f"… and {12 - len(lines)} more (quizapp check ")
        # nothing cut off: every line fits the pane, one row each
        assert len(lines) <= pane.size.height
        assert all(len(line) <= pane.size.width - 2 for line in lines[:-1])


async def test_enter_on_a_result_shows_it_in_full_and_escape_leaves(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    long_answer = "The Libyan National Army of Khalifa [bold]Haftar[/bold] " + "and more " * 20
    deck = tmp_path / "long.toml"
    deck.write_text(
        'format = 1\n[deck]\nid = "long"\ntitle = "Long"\nlanguage = "en"\n'
        '[[cards]]\nid = "q"\ntype = "typed"\nprompt = "Who leads the army in the east, '
        + "and who backs it " * 10
        + f'?"\nanswer = "{long_answer.strip()}"\n',
        encoding="utf-8",
    )
    app = build_app(db, deck, start=("quiz", "long", 1, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "o", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "AnswerScreen"
        text = str(app.screen.query_one("#answer-detail Static").render())
        assert "[bold]Haftar[/bold]" in text and "and more and more" in text
        assert "You: no" in text and "✗ Wrong" in text
        assert "and who backs it ?" in text and "Verdict: ✗ Wrong · " in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_palette_has_only_the_apps_own_commands(tmp_path: Path) -> None:
    from quizapp.tui.palette import ScreenActionsProvider

    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert {ScreenActionsProvider} == app.COMMANDS
        names = [name for name, _help, _run in ScreenActionsProvider(app.screen)._commands()]
        assert {"Study", "Quiz", "Stats", "Reload", "Theme", "Help", "Quit"} <= set(names)
        assert not {"Cursor up", "Page down", "Top"} & set(names)
        await pilot.press("enter")
        await settle(pilot)
        names = [name for name, _help, _run in ScreenActionsProvider(app.screen)._commands()]
        assert {"Undo", "End", "Quit"} <= set(names)
        assert "Copy selected text" not in names


async def test_ctrl_q_in_study_ends_with_the_summary_first(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await pilot.press("space", "3", "ctrl+q")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert "1 card answered" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.phase == "done"
    assert len(query(db, "SELECT id FROM reviews")) == 1


async def test_help_has_no_generic_noise_and_marks_keys_the_input_takes(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await _to_kind(pilot, screen, ("typed",))
        from quizapp.tui.screens.help import key_rows

        rows = key_rows(app, app.screen)
        whats = {what for _group, _keys, what, _on in rows}
        assert not {"Focus Next", "Focus Previous", "Page Left", "Copy selected text"} & whats
        keys = {what: keys for _group, keys, what, _on in rows}
        assert keys["Undo"] == "u (not now), ^z"
        assert keys["Edit"] == "e (not now), f2"


async def test_multi_answer_reads_like_the_right_answer(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await _to_kind(pilot, screen, ("multi",))
        question = screen.current.question
        await pilot.press(*right_keys(question))
        await settle(pilot)
        item_id = screen.current.entry.item.id
        assert question.answer_text == "Egypt; UAE"
    [(response,)] = query(db, "SELECT response FROM reviews WHERE item_id = ?", item_id)
    assert sorted(response.split("; ")) == ["Egypt", "UAE"]  # the same separator


async def test_an_unknown_deck_lists_the_deck_ids(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", start=("study", "all-typs"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        [note] = list(app._notifications)
        assert "did you mean 'all-types'?" in note.message
        assert "The decks are: all-types" in note.message


LONG_TITLE = (
    "[bold]Libya, winter 2019: Haftar in Cairo[/] and the long road to the Berlin conference"
)


def _long_titled_deck(tmp_path: Path) -> Path:
    deck = tmp_path / "long.toml"
    text = ALL_TYPES.read_text(encoding="utf-8")
    deck.write_text(text.replace('"Every card type"', json.dumps(LONG_TITLE), 1), encoding="utf-8")
    return deck


@pytest.mark.parametrize("start", ["enter", "t"])
async def test_status_line_stays_on_one_line_at_80_columns(tmp_path: Path, start: str) -> None:
    from textual.widgets import Static

    app = build_app(tmp_path / "h.sqlite3", _long_titled_deck(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(start)
        await settle(pilot)
        if start == "t":
            await pilot.press("enter")  # the default number of questions
            await settle(pilot)
        status = app.screen.query_one("#study-status, #quiz-status", Static)
        shown = str(status.render())
        assert status.size.height == 1
        assert len(shown) <= 78
        assert shown.startswith(("Study: [bold]Libya", "Quiz [bold]Libya"))  # literal, not markup
        assert "…" in shown and "Berlin" not in shown
        if start == "enter":
            assert shown.endswith(" · 0 done · 9 left (9 new · 0 learn · 0 review)")
        else:
            assert shown.endswith(" · question 1 of 9 · 0 right so far")
        # a wider terminal gives the whole title back
        await pilot.resize_terminal(150, 24)
        await settle(pilot)
        assert LONG_TITLE in str(status.render())
        assert status.size.height == 1


async def test_home_help_lists_each_key_once(tmp_path: Path) -> None:
    from quizapp.tui.screens.help import HelpScreen

    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [(keys, what) for _group, keys, what, _on in app.screen.rows]
        assert [what for _keys, what in rows].count("Study") == 1
        assert len(rows) == len(set(rows))


def notice(screen: StudyScreen) -> str:
    """The study screen's notice line (its news are not toasts)."""
    return str(screen.query_one("#study-notice").render())


async def test_suspend_and_bury_set_the_card_aside_for_the_session(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    app = build_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _study(pilot, app)
        await _to_kind(pilot, screen, ("typed",))  # an Input has the focus
        suspended = screen.current.entry.item.id
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Card suspended" in notice(screen)
        buried = screen.current.entry.item.id
        assert buried != suspended
        await pilot.press("B")
        await settle(pilot)
        assert "Card buried until tomorrow" in notice(screen)
        flags = "SELECT suspended, buried_until_ms FROM card_state WHERE item_id = ?"
        assert query(db, flags, suspended) == [(1, None)]
        ((is_suspended, until),) = query(db, flags, buried)
        assert is_suspended == 0 and until is not None
        shown = set()
        while screen.current is not None and screen.phase == "question":
            shown.add(screen.current.entry.item.id)
            await answer_right(pilot, screen.current.question)
            await settle(pilot)
        assert shown and not {suspended, buried} & shown
