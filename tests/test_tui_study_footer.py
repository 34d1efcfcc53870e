"""The study footer follows the phase by updating its key widgets, not by rebuilding them."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets._footer import FooterKey

from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.study_state import STUDY_BINDINGS, Phase
from quizapp.tui.widgets.steady_footer import Shown, SteadyFooter, merged_order
from tests.tui_helpers import build_app, settle

# the study keys the footer shows (when ``check_action`` does not hide them)
SHOWN_ACTIONS = [b.action for b in STUDY_BINDINGS if isinstance(b, Binding) and b.show]


def typed_deck(path: Path, cards: int) -> Path:
    lines = ["format = 1", "", "[deck]", 'id = "words"', 'title = "Words"', ""]
    for i in range(cards):
        lines += ["[[cards]]", f'id = "w{i}"', 'type = "typed"']
        lines += [f'prompt = "Word number {i}?"', f'answer = "word{i}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def phase(screen: StudyScreen) -> Phase:
    return screen.phase


def footer_keys(screen: StudyScreen) -> dict[str, bool]:
    """The study keys the footer shows now, each with whether it is shown enabled."""
    footer = screen.query_one(SteadyFooter)
    shown: dict[str, bool] = {}
    for key in footer.query(FooterKey):
        if key.display and key.action in SHOWN_ACTIONS:
            assert key._disabled == key.has_class("-disabled")
            shown[key.action] = not key.has_class("-disabled")
    return shown


def expected_keys(screen: StudyScreen) -> dict[str, bool]:
    """What ``check_action`` says: False hides a key, None shows it disabled."""
    expected: dict[str, bool] = {}
    for action in SHOWN_ACTIONS:
        available = screen.check_action(action, ())
        if available is not False:
            expected[action] = bool(available)
    return expected


async def test_the_footer_keys_follow_the_phase_without_being_rebuilt(tmp_path: Path) -> None:
    deck = typed_deck(tmp_path / "words.toml", 6)
    app = build_app(tmp_path / "h.sqlite3", deck, start=("study", "words"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        footer = screen.query_one(SteadyFooter)
        widgets_before: list[FooterKey] = []
        for answer in range(3):
            assert phase(screen) == Phase.QUESTION
            assert footer_keys(screen) == expected_keys(screen)
            assert footer_keys(screen)["dont_know"] is True
            await pilot.press("x", "enter")
            await settle(pilot)
            assert phase(screen) == Phase.ANSWER
            assert footer_keys(screen) == expected_keys(screen)
            assert "dont_know" not in footer_keys(screen) and footer_keys(screen)["accept"]
            await pilot.press("3")
            await settle(pilot)
            widgets = list(footer.query(FooterKey))
            if answer:  # after the first answer, every key of both phases has its widget
                assert all(a is b for a, b in zip(widgets, widgets_before, strict=True))
            widgets_before = widgets
        assert footer_keys(screen) == expected_keys(screen)


def test_merged_order_keeps_the_keys_shown_before_around_the_new_ones() -> None:
    def keys(*actions: str) -> list[Shown]:
        return [Shown(Binding(action[0], action, action), True, "") for action in actions]

    def actions(shown: list[Shown]) -> list[str]:
        return [key.binding.action for key in shown]

    question = keys("dont_know", "undo", "edit", "end")
    answer = keys("accept", "overrule", "undo", "edit", "end")
    both = merged_order(question, answer)
    # a new key goes before the first key shown before that follows it
    assert actions(both) == ["accept", "overrule", "dont_know", "undo", "edit", "end"]
    assert merged_order(both, question) == [*both[:2], *question]
    # orders that disagree: the new one alone
    assert actions(merged_order(keys("a", "b"), keys("b", "a"))) == ["b", "a"]
