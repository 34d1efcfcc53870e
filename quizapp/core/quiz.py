"""Scored quizzes: a fixed set of questions, checked, logged, never scheduled.

A quiz draws ``count`` items of one deck without replacement, with
``random.Random(seed)`` (the seed is chosen and saved when not given, so any
quiz can be replayed). Items of different cards come before a second item of
the same card (a cloze gap, a reversed card), so a short quiz covers more
cards; the question types are whatever the draw mixes.

Every answer is committed as a ``quiz`` review row (with the quiz id) before
:meth:`QuizRun.answer` returns; a quiz never changes a card's scheduling
state. The ``quiz_sessions`` row is created when the quiz starts, its totals
follow each answer, and :meth:`QuizRun.finish` or :meth:`QuizRun.abandon`
closes it, so an abandoned quiz is saved too.

Score: ``(correct + close) / questions asked × 100`` (close counts as right).
For a finished quiz the questions asked are all of its questions (an
unanswered one counts as wrong); for an abandoned quiz, only the questions
answered before leaving. A quiz left before any answer has no score (None,
NULL in the store), never 0%.

"I was actually right" (:meth:`QuizRun.overrule`), on the results of a
quiz, counts an answer judged wrong as right: the review is kept with the
verdict ``overruled`` and the quiz's totals and score are recomputed, in one
transaction. :meth:`QuizRun.retry` starts a new quiz, saved as its own, of the
questions answered wrong or close (``retry_of`` in its settings).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Protocol

from quizapp.core import scheduling
from quizapp.core.checking import Checker, Outcome, Response, Verdict
from quizapp.core.engine import OVERRULE_DETAIL
from quizapp.core.models import Deck, StudyItem
from quizapp.core.outbox import Outbox
from quizapp.core.questions import Question, build_question
from quizapp.core.quiz_score import quiz_score
from quizapp.core.store.protocol import NewReview, SaveFailedError, Store

QUIZ_RATING = {"correct": 3, "close": 2, "wrong": 1}
SKIPPED_RESPONSES = ("", "[]", "null")  # "Don't know", as response_text keeps it


@dataclass(frozen=True)
class QuizResult:
    """A finished or abandoned quiz. ``answers`` holds (question, response text, verdict).

    ``answers`` come in question order (a quiz is asked from its first question),
    so the n-th answer is question n. ``score`` is None when no question was
    answered; ``overruled`` holds the numbers (from 0) of the answers the learner
    overruled, whose verdict reads correct.
    """

    quiz_id: int
    deck_id: str
    questions: int
    correct: int
    close: int
    wrong: int
    score: float | None
    started: datetime
    finished: datetime
    abandoned: bool
    answers: list[tuple[Question, str, Verdict]] = field(default_factory=list)
    unanswered: int = 0
    seed: int | None = None
    overruled: frozenset[int] = frozenset()

    @property
    def missed(self) -> int:
        """Answers judged wrong or close (and not overruled): what a retry asks again."""
        return sum(1 for _, _, verdict in self.answers if verdict.outcome != "correct")

    def can_overrule(self, index: int) -> bool:
        """Whether answer ``index`` was judged wrong by the checker and can still be
        counted as right: not a skipped answer, nor a flashcard the learner graded."""
        if not 0 <= index < len(self.answers) or index in self.overruled:
            return False
        question, text, verdict = self.answers[index]
        skipped = text.strip() in SKIPPED_RESPONSES
        return verdict.outcome == "wrong" and question.item.type != "basic" and not skipped


def response_text(response: Response) -> str:
    """How a response is kept in ``reviews.response``: text as typed, else JSON."""
    if isinstance(response, str):
        return response
    if isinstance(response, bool):
        return "true" if response else "false"
    if isinstance(response, frozenset):
        return json.dumps(sorted(response), ensure_ascii=False)
    return json.dumps(list(response), ensure_ascii=False)


def draw_items(items: list[StudyItem], count: int, rng: random.Random) -> list[StudyItem]:
    """``count`` items without replacement; one item per card before any card's second."""
    shuffled = list(items)
    rng.shuffle(shuffled)
    seen: dict[str, int] = {}
    rounds = []
    for item in shuffled:
        rounds.append(seen.get(item.card.id, 0))
        seen[item.card.id] = rounds[-1] + 1
    order = sorted(range(len(shuffled)), key=lambda i: rounds[i])
    return [shuffled[i] for i in order[: max(0, count)]]


class AnswerChecker(Protocol):
    """What a quiz needs of a checker: :class:`~quizapp.core.checking.Checker`, or a test's."""

    def check(self, item: StudyItem, response: Response) -> Verdict: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


class QuizRun:
    """One quiz over a deck; the ``quiz_sessions`` row exists from the start.

    ``checker`` and ``build_question`` default to :mod:`quizapp.core.checking`
    and :mod:`quizapp.core.questions`; they are injectable for tests.
    """

    def __init__(
        self,
        store: Store,
        deck: Deck,
        *,
        count: int = 10,
        seed: int | None = None,
        now: Callable[[], datetime] | None = None,
        checker: AnswerChecker | None = None,
        build_question: Callable[[StudyItem, Deck, random.Random], Question] = build_question,
        items: Sequence[StudyItem] | None = None,
        retry_of: int | None = None,
    ) -> None:
        """``items`` asks these items in this order instead of a draw of ``count``."""
        self.store = store
        self.deck = deck
        self.deck_id = deck.deck.id
        self.retry_of = retry_of  # the quiz whose missed questions this one asks again
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        self._checker: AnswerChecker = Checker(deck) if checker is None else checker
        self._now = now or _utc_now
        self._build_question = build_question
        rng = random.Random(self.seed)
        drawn = items is None
        if items is None:
            items = draw_items(deck.items(), count, rng)
        self.questions: list[Question] = [build_question(item, deck, rng) for item in items]
        self.started = self.now()
        settings: dict[str, object] = {
            "n": count if drawn else len(self.questions),
            "seed": self.seed,
            "items": [q.item.id for q in self.questions],
        }
        if retry_of is not None:
            settings["retry_of"] = retry_of
        self.quiz_id = store.start_quiz(self.deck_id, scheduling.to_ms(self.started), settings)
        self._answers: dict[int, tuple[Question, str, Verdict]] = {}
        self._review_ids: dict[int, int] = {}
        self._overruled: set[int] = set()
        self.result: QuizResult | None = None
        self._outbox = Outbox()  # answers (and the end) the history refused so far, in order

    # saving -----------------------------------------------------------------------------
    @property
    def unsaved(self) -> int:
        """Writes of this quiz (answers, an overruling, its end) not saved yet."""
        return self._outbox.unsaved

    @property
    def save_error(self) -> SaveFailedError | None:
        """Why the oldest of them is not saved yet (None when everything is)."""
        return self._outbox.error

    def is_saved(self, index: int) -> bool:
        """Whether the answer to question ``index`` is in the history."""
        return index in self._review_ids

    def save_unsaved(self) -> bool:
        """Try again to save what the history refused, oldest first; True when all is saved."""
        return self._outbox.flush()

    def now(self) -> datetime:
        return scheduling.utc_ms_floor(self._now().astimezone(UTC))

    @property
    def answered(self) -> int:
        return len(self._answers)

    def verdict_of(self, index: int) -> Verdict | None:
        found = self._answers.get(index)
        return None if found is None else found[2]

    def check(self, index: int, response: Response) -> Verdict:
        """The verdict for a response, without recording it (basic: True = I knew it)."""
        question = self.questions[index]
        if question.item.type == "basic":
            if not isinstance(response, bool):
                raise ValueError("a basic card is self-graded: answer True (knew it) or False")
            outcome: Outcome = "correct" if response else "wrong"
            matched = question.answer_text if response else None
            return Verdict(outcome, question.answer_text, matched, (), (), "self-graded")
        return self._checker.check(question.item, response)

    def answer(self, index: int, response: Response, response_ms: int | None = None) -> Verdict:
        """Check and record the answer to question ``index``; committed before returning.

        Each question is answered once; the card's schedule is not touched.
        """
        if self.result is not None:
            raise ValueError("this quiz is over")
        if index in self._answers:
            raise ValueError(f"question {index + 1} was already answered")
        question = self.questions[index]
        verdict = self.check(index, response)
        text = response_text(response)
        review = NewReview(
            deck_id=self.deck_id,
            item_id=question.item.id,
            reviewed_ms=scheduling.to_ms(self.now()),
            rating=QUIZ_RATING[verdict.outcome],
            mode="quiz",
            verdict=verdict.outcome,
            response=text,
            response_ms=response_ms,
            content_hash=question.item.content_hash,
            quiz_id=self.quiz_id,
        )

        def saved(review_id: int) -> None:
            self._review_ids[index] = review_id

        self._outbox.submit(lambda: self.store.record_quiz_answer(self.quiz_id, review), saved)
        self._answers[index] = (question, text, verdict)
        return verdict

    def finish(self) -> QuizResult:
        """End the quiz; unanswered questions count as wrong."""
        return self._close(abandoned=False)

    def abandon(self) -> QuizResult:
        """Leave early; saved, and scored over the questions answered."""
        return self._close(abandoned=True)

    def overrule(self, index: int) -> QuizResult:
        """ "I was actually right" on answer ``index`` of the results: it counts as correct.

        Only for an answer judged wrong, once the quiz is over; the review reads
        ``overruled`` and the quiz's totals and score are saved anew.
        """
        result = self.result
        if result is None:
            raise ValueError("an answer is overruled on the results, once the quiz is over")
        if not result.can_overrule(index):
            raise ValueError(f"answer {index + 1} was not judged wrong")
        question_index = sorted(self._answers)[index]
        question, text, verdict = self._answers[question_index]
        self._answers[question_index] = (
            question,
            text,
            replace(verdict, outcome="correct", detail=OVERRULE_DETAIL),
        )
        self._overruled.add(index)
        updated = self._tally(result.abandoned, result.finished)
        score = updated.score
        self._outbox.submit(  # after the answer itself, if that is not saved yet
            lambda: self.store.overrule_quiz_answer(
                self._review_ids[question_index], rating=QUIZ_RATING["correct"], score=score
            ),
            lambda _: None,
        )
        self.result = updated
        return updated

    def missed_items(self) -> list[StudyItem]:
        """The items of the answers judged wrong or close, in question order."""
        return [
            question.item
            for _, (question, _, verdict) in sorted(self._answers.items())
            if verdict.outcome != "correct"
        ]

    def retry(self, seed: int | None = None) -> QuizRun:
        """A new quiz, saved as its own, of the questions answered wrong or close."""
        items = self.missed_items()
        if not items:
            raise ValueError("no question was missed")
        return QuizRun(
            self.store,
            self.deck,
            count=len(items),
            seed=seed,
            now=self._now,
            checker=self._checker,
            build_question=self._build_question,
            items=items,
            retry_of=self.quiz_id,
        )

    def _tally(self, abandoned: bool, finished: datetime) -> QuizResult:
        answers = [self._answers[i] for i in sorted(self._answers)]
        outcomes = [verdict.outcome for _, _, verdict in answers]
        correct, close = outcomes.count("correct"), outcomes.count("close")
        unanswered = 0 if abandoned else len(self.questions) - len(answers)
        asked = len(answers) + unanswered
        wrong = outcomes.count("wrong") + unanswered
        return QuizResult(
            quiz_id=self.quiz_id,
            deck_id=self.deck_id,
            questions=asked,
            correct=correct,
            close=close,
            wrong=wrong,
            score=quiz_score(correct, close, asked),
            started=self.started,
            finished=finished,
            abandoned=abandoned,
            answers=answers,
            unanswered=unanswered,
            seed=self.seed,
            overruled=frozenset(self._overruled),
        )

    def _close(self, *, abandoned: bool) -> QuizResult:
        if self.result is not None:
            return self.result
        result = self._tally(abandoned, self.now())
        self._outbox.submit(
            lambda: self.store.finish_quiz(
                self.quiz_id,
                finished_ms=scheduling.to_ms(result.finished),
                questions=result.questions,
                correct=result.correct,
                close=result.close,
                wrong=result.wrong,
                score=result.score,
                abandoned=abandoned,
            ),
            lambda _: None,
        )
        self.result = result
        return result
