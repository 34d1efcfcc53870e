"""The study engine: the whole answer to a card, for every front end.

A front end (the study screen, plain mode) shows what :meth:`StudyEngine.next_card`
gives, reads a response, and calls :meth:`StudyEngine.answer`: the engine
checks it, proposes a rating, and commits the review with that rating (in one
transaction, from the card's state as committed) before it returns the
verdict. Nothing the learner has seen a verdict for can be lost by quitting,
a crash or a kill. Another rating afterwards (:meth:`StudyEngine.rate`), or
"I was actually right" (:meth:`StudyEngine.overrule`), replaces that review in
one transaction. A self-graded flashcard has no answer until it is rated, so
:meth:`StudyEngine.grade` commits it with the learner's rating.

Undo, suspend and bury are engine calls too, so the front ends never check,
schedule or write on their own and cannot disagree. :class:`~quizapp.core.quiz.QuizRun`
is the same shape for quizzes.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from quizapp.core.checking import Checker, Response, Verdict, propose_rating
from quizapp.core.config import Config
from quizapp.core.models import Deck
from quizapp.core.questions import ANSWER_SEPARATOR, Question, build_question
from quizapp.core.store.protocol import OVERRULED, Store
from quizapp.core.study import AnswerResult, QueueCounts, QueueEntry, StudySession

# "I was actually right" counts a wrong answer as correct and proposes Good:
# the learner knew it, the deck's accepted answers did not.
OVERRULE_RATING = 3
OVERRULE_DETAIL = "marked right by the learner"
SELF_GRADED_PROPOSAL = 3
__all__ = [
    "OVERRULE_RATING",
    "SELF_GRADED_PROPOSAL",
    "Answer",
    "Response",
    "StudyCard",
    "StudyEngine",
    "stored_response",
]
DONT_KNOW_DETAIL = "skipped: you did not know"


@dataclass(frozen=True)
class StudyCard:
    """A card to ask: its queue entry, the question as asked, and what each rating gives."""

    entry: QueueEntry
    question: Question
    intervals: dict[int, timedelta]  # rating → interval, from the state before the answer
    median_ms: float | None  # the deck's median time of right answers (None with too few)


@dataclass(frozen=True)
class Answer:
    """An answer as it stands in the history.

    ``verdict`` is what counts (an overruled wrong answer reads correct);
    ``checked`` is the checker's own. Both are None for a self-graded card.
    """

    card: StudyCard
    checked: Verdict | None
    verdict: Verdict | None
    response: str  # as stored in ``reviews.response``
    response_ms: int | None
    proposed: int
    rating: int
    overruled: bool
    result: AnswerResult

    @property
    def outcome(self) -> str:
        """ "correct", "close", "wrong", or "self:N" for a self-graded card rated N."""
        return self.verdict.outcome if self.verdict is not None else f"self:{self.rating}"

    @property
    def can_overrule(self) -> bool:
        return self.checked is not None and self.checked.outcome == "wrong" and not self.overruled


def stored_verdict(answer: Answer) -> str | None:
    """The verdict as ``reviews.verdict`` keeps it: an overruled answer reads ``overruled``
    (right wherever answers are counted, and told apart from the checker's "correct")."""
    if answer.overruled:
        return OVERRULED
    return answer.verdict.outcome if answer.verdict is not None else None


def stored_response(question: Question, response: Response | None) -> str:
    """The response as ``reviews.response`` keeps it: as it reads on screen.

    Options are written as the learner saw them (true/false in the deck's
    language), several joined like the right answer; nothing given is "".
    """
    if response is None:
        return ""
    if isinstance(response, bool):
        labels = question.options or ("True", "False")
        return labels[0] if response else labels[1]
    if isinstance(response, frozenset):
        picked = [option for option in question.options if option in response]
        picked += sorted(response - set(picked))
        return ANSWER_SEPARATOR.join(picked)
    if isinstance(response, tuple):
        return ANSWER_SEPARATOR.join(response)
    return response


class StudyEngine:
    """One study session's answers over a :class:`StudySession` queue.

    ``rng`` shuffles the options of choice questions (a card asked again
    after an undo keeps its order); ``now``, ``config`` and ``fuzzing`` go to
    the session.
    """

    def __init__(
        self,
        store: Store,
        decks: list[Deck],
        *,
        now: Callable[[], datetime] | None = None,
        config: Config | None = None,
        fuzzing: bool = True,
        rng: random.Random | None = None,
    ) -> None:
        self.session = StudySession(store, decks, now=now, config=config, fuzzing=fuzzing)
        self.decks = self.session.decks
        self.rng = rng if rng is not None else random.Random()
        self._checkers: dict[str, Checker] = {}
        self._questions: dict[tuple[str, str], Question] = {}
        self._answers: list[Answer] = []  # this session's committed answers, oldest first
        self.last: Answer | None = None  # the answer that can still be re-rated

    # the queue -------------------------------------------------------------------------
    def next_card(self, entry: QueueEntry | None = None) -> StudyCard | None:
        """The card to ask now (or ``entry``, shown again after an undo); None when none is due."""
        self.last = None
        found = entry if entry is not None else self.session.next_entry()
        if found is None:
            return None
        key = (found.deck_id, found.item_id)
        question = self._questions.get(key)
        if question is None:
            question = self._questions[key] = build_question(found.item, found.deck, self.rng)
        return StudyCard(
            entry=found,
            question=question,
            intervals=self.session.preview(found),
            median_ms=self.session.median_response_ms(found.deck),
        )

    @property
    def counts(self) -> QueueCounts:
        return self.session.counts

    def next_due_in(self) -> timedelta | None:
        return self.session.next_due_in()

    @property
    def answered(self) -> int:
        """Answers given in this session (undone ones excluded)."""
        return len(self._answers)

    @property
    def outcomes(self) -> list[str]:
        """The outcome of each answer of this session, oldest first (see :attr:`Answer.outcome`)."""
        return [answer.outcome for answer in self._answers]

    # answering -------------------------------------------------------------------------
    def check(self, card: StudyCard, response: Response | None) -> Verdict:
        """The verdict on a response, without recording it."""
        deck = card.entry.deck
        checker = self._checkers.get(deck.deck.id)
        if checker is None:
            checker = self._checkers[deck.deck.id] = Checker(deck)
        return checker.check(card.entry.item, response)  # type: ignore[arg-type]

    def answer(
        self, card: StudyCard, response: Response | None, response_ms: int | None = None
    ) -> Answer:
        """Check the response, propose a rating, and commit it; returns once committed.

        ``None`` (or an empty set or order) is "I don't know": graded wrong.
        """
        verdict = self.check(card, response)
        quick = self.session.config.quick_ratio
        proposed = int(propose_rating(verdict, response_ms, card.median_ms, quick))
        text = stored_response(card.question, response)
        result = self.session.answer(
            card.entry,
            proposed,
            verdict=verdict.outcome,
            response=text,
            response_ms=response_ms,
        )
        return self._committed(
            Answer(card, verdict, verdict, text, response_ms, proposed, proposed, False, result)
        )

    def dont_know(self, card: StudyCard, response_ms: int | None = None) -> Answer:
        """ "I don't know": a skipped answer, graded wrong (Again) and committed."""
        verdict = Verdict("wrong", card.question.answer_text, None, (), (), DONT_KNOW_DETAIL)
        result = self.session.answer(
            card.entry, 1, verdict=verdict.outcome, response="", response_ms=response_ms
        )
        return self._committed(Answer(card, verdict, verdict, "", response_ms, 1, 1, False, result))

    def grade(self, card: StudyCard, rating: int, response_ms: int | None = None) -> Answer:
        """Commit a self-graded card (a flashcard) with the learner's rating."""
        result = self.session.answer(
            card.entry, rating, verdict=None, response="", response_ms=response_ms
        )
        answer = Answer(
            card, None, None, "", response_ms, SELF_GRADED_PROPOSAL, rating, False, result
        )
        return self._committed(answer)

    def _committed(self, answer: Answer) -> Answer:
        self._answers.append(answer)
        self.last = answer
        return answer

    def rate(self, rating: int) -> Answer:
        """Give the last answer another rating: its review is replaced in one transaction."""
        last = self._require_last()
        if rating == last.rating:
            return last
        return self._replace(dataclasses.replace(last, rating=rating))

    def overrule(self) -> Answer:
        """ "I was actually right": the wrong answer counts as correct, and Good is proposed."""
        last = self._require_last()
        if not last.can_overrule or last.checked is None:
            raise ValueError("only an answer checked wrong can be overruled")
        verdict = dataclasses.replace(last.checked, outcome="correct", detail=OVERRULE_DETAIL)
        return self._replace(
            dataclasses.replace(
                last,
                verdict=verdict,
                proposed=OVERRULE_RATING,
                rating=OVERRULE_RATING,
                overruled=True,
            )
        )

    def _require_last(self) -> Answer:
        if self.last is None or not self._answers or self._answers[-1] is not self.last:
            raise ValueError("there is no answer on screen to change")
        return self.last

    def _replace(self, answer: Answer) -> Answer:
        result = self.session.replace_last(
            answer.card.entry,
            answer.rating,
            verdict=stored_verdict(answer),
            response=answer.response,
            response_ms=answer.response_ms,
        )
        answer = dataclasses.replace(answer, result=result)
        self._answers[-1] = answer
        self.last = answer
        return answer

    # undo and flags ----------------------------------------------------------------------
    def undo(self) -> QueueEntry | None:
        """Take back this session's last answer; the entry to ask again (None: nothing to undo)."""
        if not self._answers:
            return None
        entry = self.session.undo()
        self._answers.pop()
        self.last = None
        return entry

    def suspend(self, card: StudyCard) -> None:
        """Keep the card out of study until unsuspended (an answer already given stays)."""
        self.session.suspend(card.entry)
        self.last = None

    def bury(self, card: StudyCard) -> None:
        """Hide the card until the next study day (an answer already given stays)."""
        self.session.bury(card.entry)
        self.last = None
