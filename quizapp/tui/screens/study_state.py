"""What the study screen keeps: its phase, the card on screen with its answer, and its keys."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding, BindingType

from quizapp.core.engine import Answer, StudyCard
from quizapp.core.i18n import N_
from quizapp.core.questions import Question
from quizapp.core.study import QueueEntry
from quizapp.tui.saving import SAVE_KEY
from quizapp.tui.widgets.answer import DONT_KNOW_DISPLAY, DONT_KNOW_KEY


class Phase(StrEnum):
    """Where the screen is; each phase decides which keys work (see ``check_action``)."""

    LOADING = "loading"  # fetching the next card
    QUESTION = "question"  # waiting for the response
    SAVING = "saving"  # the engine is committing
    ANSWER = "answer"  # verdict and ratings shown
    WAITING = "waiting"  # nothing due now; learning cards come back later
    DONE = "done"  # the summary is up


@dataclass
class Current:
    """The card on screen and its answer, once the engine has committed it."""

    card: StudyCard
    shown_at: float
    response_text: str | None = None  # the response as the learner gave it, for the feedback
    response_ms: int | None = None
    answer: Answer | None = None

    @property
    def entry(self) -> QueueEntry:
        return self.card.entry

    @property
    def question(self) -> Question:
        return self.card.question


# The ratings' names as key descriptions (translated with the bindings, Anki's French words).
RATING_KEY_NAMES = {1: N_("Again"), 2: N_("Hard"), 3: N_("Good"), 4: N_("Easy")}

# The study keys; ``StudyScreen.check_action`` decides, by phase, which of them work.
STUDY_BINDINGS: list[BindingType] = [
    Binding("space", "reveal", N_("Show answer")),
    Binding(DONT_KNOW_KEY, "dont_know", N_("Don't know"), key_display=DONT_KNOW_DISPLAY),
    *(
        Binding(str(rating), f"rate({rating})", name, show=False)
        for rating, name in RATING_KEY_NAMES.items()
    ),
    Binding("left", "nudge(-1)", N_("Lower rating"), show=False),
    Binding("right", "nudge(1)", N_("Higher rating"), show=False),
    Binding("enter", "accept", N_("Accept")),
    Binding("exclamation_mark", "overrule", N_("I was right"), key_display="!"),
    Binding("u,ctrl+z", "undo", N_("Undo")),
    Binding("e,f2", "edit", N_("Edit")),
    Binding("S,ctrl+s", "suspend", N_("Suspend card"), show=False),
    Binding("B,ctrl+b", "bury", N_("Bury until tomorrow"), show=False),
    Binding("escape", "end", N_("End")),
    Binding(f"{SAVE_KEY},ctrl+r", "save_again", N_("Save now"), key_display=SAVE_KEY),
    # digits pick an option whatever has focus (the card text, after a click)
    *(Binding(str(n), f"pick({n - 1})", f"Option {n}", show=False) for n in range(1, 10)),
]


def key_available(action: str, phase: Phase, current: Current | None) -> bool | None:
    """Whether a study key works now: by the phase and the card (None: shown, disabled)."""
    kind = current.question.kind if current is not None else None
    if action == "reveal":
        return phase == Phase.QUESTION and kind == "basic"
    if action == "dont_know":
        return phase == Phase.QUESTION and kind not in (None, "basic")
    if action in ("rate", "accept", "nudge"):
        return phase == Phase.ANSWER
    if action == "pick":
        return phase == Phase.QUESTION and kind in ("choice", "truefalse", "multi")
    if action == "overrule":
        answer = current.answer if current is not None else None
        return phase == Phase.ANSWER and answer is not None and answer.can_overrule
    if action == "undo":
        return None if phase in (Phase.LOADING, Phase.SAVING) else phase != Phase.DONE
    if action in ("edit", "suspend", "bury"):
        return phase in (Phase.QUESTION, Phase.ANSWER) and current is not None
    if action == "end":
        return phase != Phase.SAVING
    return True
