"""The study screen tells the truth: counts that count down, news that hide nothing,
messages that say what happened, in words that agree with their numbers."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from quizapp.core.models import Deck
from quizapp.core.questions import Question
from quizapp.core.text import count_of
from quizapp.plain.rendering import render_verdict
from quizapp.plain.study import studied_line
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.study_text import leech_message, overrule_message, waiting_message
from quizapp.tui.screens.summary import answered_line
from quizapp.tui.widgets.deck_table import DeckTable, distinct_titles, middle_cut
from tests.tui_helpers import answer_right, build_app, right_keys, screen_text, settle

REPO = Path(__file__).resolve().parent.parent
CORRECTION = "It was held in Berlin, not in Rome."
TRUEFALSE = f"""format = 1

[deck]
id = "tf"
title = "True or false"

[[cards]]
id = "rome"
type = "truefalse"
statement = "The conference was held in Rome."
answer = false
correction = "{CORRECTION}"

[[cards]]
id = "city"
type = "choice"
prompt = "Where is the LNA based?"
answer = "Benghazi"
distractors = ["Tripoli", "Misrata", "Sabha"]

[[cards]]
id = "leader"
type = "typed"
prompt = "Who leads the LNA?"
answer = "Haftar"
"""


@pytest.fixture
def tf_deck(tmp_path: Path) -> Path:
    path = tmp_path / "tf.toml"
    path.write_text(TRUEFALSE, encoding="utf-8")
    return path


async def study(pilot: Pilot[None], app: QuizApp) -> StudyScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, StudyScreen)
    return screen


async def to_kind(pilot: Pilot[None], screen: StudyScreen, kind: str) -> Question:
    while screen.current is not None and screen.current.question.kind != kind:
        await answer_right(pilot, screen.current.question)
        await settle(pilot)
    assert screen.current is not None
    return screen.current.question


def screen_lines(app: QuizApp) -> list[str]:
    """The rows of the screen as a learner reads them (the screenshot's text, row by row)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(
        r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', app.export_screenshot()
    ):
        text = html.unescape(match.group(3)).replace("\xa0", " ")
        rows.setdefault(float(match.group(2)), []).append((float(match.group(1)), text))
    lines = ["".join(text for _, text in sorted(row)) for _, row in sorted(rows.items())]
    return [line for line in lines if line != app.title]  # the window's title bar


def status(screen: StudyScreen) -> str:
    return str(screen.query_one("#study-status").render())


def left(screen: StudyScreen) -> int:
    found = re.search(r"(\d+) left", status(screen))
    assert found, status(screen)
    return int(found.group(1))


async def test_the_header_counts_down_as_cards_are_answered(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        counts = [left(screen)]
        for _ in range(3):
            assert screen.current is not None
            await answer_right(pilot, screen.current.question)
            await settle(pilot)
            counts.append(left(screen))
    assert counts == [counts[0], counts[0] - 1, counts[0] - 2, counts[0] - 3]


async def test_news_hide_neither_the_status_nor_the_progress(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await study(pilot, app)
        before = screen_lines(app)
        await pilot.press("u")  # nothing to undo yet: the screen says so
        await settle(pilot)
        after = screen_lines(app)
    assert not list(app._notifications)  # no toast over the top rows
    assert any("Nothing to undo." in line for line in after)
    assert after[:2] == before[:2]  # the status line and the progress bar, untouched
    assert after[0].startswith("Study: Every card type") and "━" in after[1]


async def test_i_was_right_says_what_it_did(tf_deck: Path, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", tf_deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        await to_kind(pilot, screen, "typed")
        await pilot.press(*"gaddafi", "enter")
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        notice = str(screen.query_one("#study-notice").render())
    assert "now counts as right" in notice and "Good is proposed" in notice
    assert "saved as" not in notice.casefold()
    assert overrule_message() in notice


async def test_dont_know_on_true_false_reads_as_skipped(tf_deck: Path, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", tf_deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        await to_kind(pilot, screen, "truefalse")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.phase == "answer"
        text = screen_text(app)
    assert "skipped" in text.casefold()
    assert "neither true nor false" not in text


async def test_a_true_false_correction_is_shown_once(tf_deck: Path, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", tf_deck)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await study(pilot, app)
        await to_kind(pilot, screen, "truefalse")
        await pilot.press("1")  # True: wrong
        await settle(pilot)
        text = screen_text(app)
    assert text.count("held in Berlin") == 1


def test_plain_mode_prints_a_true_false_correction_once(tf_deck: Path) -> None:
    from quizapp.core.checking import Checker
    from quizapp.core.decks import load_deck
    from quizapp.core.questions import build_question

    deck: Deck = load_deck(tf_deck)
    [item] = [item for item in deck.items() if item.id == "rome"]
    import random

    question = build_question(item, deck, random.Random(1))
    verdict = Checker(deck).check(item, True)
    lines = "\n".join(render_verdict(verdict, question, full=True))
    assert lines.count("held in Berlin") == 1


async def test_digits_answer_after_a_click_on_the_card_text(tf_deck: Path, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", tf_deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        question = await to_kind(pilot, screen, "choice")
        await pilot.click("#prompt")
        await settle(pilot)
        await pilot.press(*right_keys(question))
        await settle(pilot)
        assert screen.phase == "answer"
        assert screen.current is not None and screen.current.answer is not None
        assert screen.current.answer.outcome == "correct"


async def test_digits_answer_when_nothing_has_focus(tf_deck: Path, tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3", tf_deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        question = await to_kind(pilot, screen, "choice")
        screen.set_focus(None)
        await pilot.press(*right_keys(question))
        await settle(pilot)
        assert screen.phase == "answer"


@pytest.mark.parametrize(
    ("count", "word"),
    [(0, "cards"), (1, "card"), (2, "cards")],
)
def test_every_count_agrees_with_its_noun(count: int, word: str) -> None:
    assert count_of(count, "card") == f"{count} {word}"
    waiting = waiting_message(count, timedelta(minutes=4))
    verb = "comes" if count == 1 else "come"
    assert f"{count} learning {word} {verb} back later" in waiting
    lapses = "lapse" if count == 1 else "lapses"
    assert f"now a leech: {count} {lapses}." in leech_message(count)
    assert answered_line(count, "0:05") == f"{count} {word} answered in 0:05"
    outcomes = ["correct"] * count
    assert studied_line(outcomes).startswith(f"Studied {count} {word}: ")


def test_a_singular_learning_card_comes_back() -> None:
    assert "1 learning card comes back later" in waiting_message(1, None)
    assert "2 learning cards come back later" in waiting_message(2, None)


def test_titles_are_cut_in_the_middle() -> None:
    assert middle_cut("short", 10) == "short"
    en, fr = (
        middle_cut("Libya, winter 2019: Haftar in Cairo", 24),
        middle_cut("Libye, hiver 2019 : Haftar au Caire", 24),
    )
    assert len(en) <= 24 and len(fr) <= 24 and en != fr
    assert en.endswith("in Cairo") and fr.endswith("au Caire")
    assert len(middle_cut("漢字" * 20, 11)) <= 6  # wide characters count two cells


async def test_the_bundled_decks_read_differently_at_80x24(tmp_path: Path) -> None:
    decks = [REPO / "decks" / "libya-2019.en.toml", REPO / "decks" / "libya-2019.fr.toml"]
    app = build_app(tmp_path / "h.sqlite3", *decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DeckTable)
        titles = [table.get_row_at(index)[1].plain for index in range(table.row_count)]
    assert len(titles) == 2 and titles[0] != titles[1]
    assert all("…" in title for title in titles)  # cut, and still told apart
    assert {title[-5:] for title in titles} == {"Cairo", "Caire"}


def test_decks_with_one_title_are_told_apart_by_id(tmp_path: Path) -> None:
    from quizapp.tui.backend import Backend

    for name in ("a", "b"):
        (tmp_path / f"{name}.toml").write_text(
            f'format = 1\n[deck]\nid = "{name}"\ntitle = "Same"\n'
            '[[cards]]\nid = "c"\ntype = "typed"\nprompt = "?"\nanswer = "x"\n',
            encoding="utf-8",
        )
    backend = Backend(
        deck_paths=[tmp_path / "a.toml", tmp_path / "b.toml"], store_path=tmp_path / "h.sqlite3"
    )
    try:
        titles = distinct_titles(backend.deck_rows())
    finally:
        backend.close()
    assert sorted(titles.values()) == ["Same (a)", "Same (b)"]


async def test_the_counts_in_brackets_add_up_to_what_is_left(tmp_path: Path) -> None:
    """Wrong answers send cards to learning steps of later today: counted apart, as 'later'."""
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        tails = []
        for _ in range(3):
            assert screen.current is not None
            await pilot.press(*right_keys(screen.current.question), "1")  # Again
            await settle(pilot)
            tails.append(status(screen))
    for tail in tails:
        found = re.search(r"(\d+) left \((\d+) new · (\d+) learn · (\d+) review\)", tail)
        assert found, tail
        left_now, new, learn, review = map(int, found.groups())
        assert left_now == new + learn + review, tail
    assert "later" in tails[-1]


async def test_news_about_an_answer_goes_with_the_next_card(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        await to_kind(pilot, screen, "typed")
        await pilot.press(*"zzz", "enter")  # wrong
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        notice = screen.query_one("#study-notice")
        assert notice.has_class("-shown")
        await pilot.press("enter")  # take the proposed Good: the next card comes
        await settle(pilot)
        assert screen.current is not None and screen.current.question.kind != "typed"
        assert not notice.has_class("-shown")


async def test_news_of_an_undo_stays_over_the_card_it_brought_back(tmp_path: Path) -> None:
    app = build_app(tmp_path / "h.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await study(pilot, app)
        assert screen.current is not None
        await answer_right(pilot, screen.current.question)
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        notice = screen.query_one("#study-notice")
        assert notice.has_class("-shown")  # over the card brought back
        assert screen.current is not None
        await answer_right(pilot, screen.current.question)
        await settle(pilot)
        assert not notice.has_class("-shown")  # gone with the card after it
