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

A write the history refuses (a full disk, a read-only file, a server gone
away) loses nothing: the answer is kept as unsaved (:attr:`Answer.saved` is
False, :attr:`StudyEngine.save_error` says why), shown with what it would do,
and saved, oldest first, before the next answer or on :meth:`StudyEngine.save_unsaved`
(see :mod:`quizapp.core.outbox`). A failed re-rating leaves the saved review
as it was until the new rating is saved.

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
from quizapp.core.outbox import Outbox
from quizapp.core.questions import ANSWER_SEPARATOR, Question, build_question
from quizapp.core.store.protocol import OVERRULED, CardState, SaveFailedError, Store
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
# The result of an answer before its first write is tried (never seen outside the engine).
_NOT_YET = AnswerResult(None, CardState.new("", ""), timedelta(0), False, False, False)


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
    saved: bool = True  # False while the history has refused it (it waits to be saved)
    before: CardState | None = None  # the card's state before the answer, as last read
    at: datetime | None = None  # when it was given (an answer saved late keeps its time)

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
        self._answers: list[Answer] = []  # this session's answers, oldest first
        self._outbox = Outbox()  # writes of the answers not saved yet (a suffix of _answers)
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
        return self._give(card, verdict, text, response_ms, proposed, proposed)

    def dont_know(self, card: StudyCard, response_ms: int | None = None) -> Answer:
        """ "I don't know": a skipped answer, graded wrong (Again) and committed."""
        verdict = Verdict("wrong", card.question.answer_text, None, (), (), DONT_KNOW_DETAIL)
        return self._give(card, verdict, "", response_ms, 1, 1)

    def grade(self, card: StudyCard, rating: int, response_ms: int | None = None) -> Answer:
        """Commit a self-graded card (a flashcard) with the learner's rating."""
        return self._give(card, None, "", response_ms, SELF_GRADED_PROPOSAL, rating)

    def _give(
        self,
        card: StudyCard,
        verdict: Verdict | None,
        text: str,
        response_ms: int | None,
        proposed: int,
        rating: int,
    ) -> Answer:
        """Commit a new answer, or keep it unsaved (with what it would do) when refused."""
        at = self.session.now()
        before = self.session.state_of(card.entry)
        index = len(self._answers)
        answer = Answer(
            card, verdict, verdict, text, response_ms, proposed, rating, False, _NOT_YET
        )
        self._answers.append(dataclasses.replace(answer, saved=False, before=before, at=at))
        self.last = self._answers[index]

        def write() -> AnswerResult:
            given = self._answers[index]
            return self.session.answer(
                given.card.entry,
                given.rating,
                verdict=stored_verdict(given),
                response=given.response,
                response_ms=given.response_ms,
                at=at,
            )

        try:
            saved = self._outbox.submit(write, self._on_saved(index), key=index)
        except BaseException:
            self._answers.pop()
            self.last = None
            raise
        if not saved:
            self._keep_unsaved(index)
        return self._answers[index]

    def _keep_unsaved(self, index: int) -> None:
        """Show a refused answer with what it would do (scheduled from the state before it)."""
        given = self._answers[index]
        assert given.before is not None and given.at is not None
        result = self.session.unsaved(given.card.entry, given.rating, given.before, given.at)
        # a new rating of a saved answer: the saved review keeps its id until replaced
        result = dataclasses.replace(result, review_id=given.result.review_id)
        new = dataclasses.replace(given, result=result, saved=False)
        self._answers[index] = new
        if self.last is given:
            self.last = new

    def _on_saved(self, index: int) -> Callable[[AnswerResult], None]:
        def saved(result: AnswerResult) -> None:
            old = self._answers[index]
            new = dataclasses.replace(old, result=result, saved=True)
            self._answers[index] = new
            if self.last is old:
                self.last = new

        return saved

    # saving ------------------------------------------------------------------------------
    @property
    def unsaved(self) -> int:
        """Answers (or new ratings) of this session the history has not saved yet."""
        return self._outbox.unsaved

    @property
    def save_error(self) -> SaveFailedError | None:
        """Why the oldest unsaved answer is not saved yet (None when all are)."""
        return self._outbox.error

    def save_unsaved(self) -> bool:
        """Try again to save the unsaved answers, oldest first; True when all are saved."""
        return self._outbox.flush()

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
        """Another rating or verdict: replaced in one transaction, or kept unsaved if refused.

        An answer still unsaved just waits with its new rating; a saved one
        keeps its review as it was until the replacement is saved.
        """
        index = len(self._answers) - 1
        previous, answer = self._answers[index], dataclasses.replace(answer, saved=False)
        self._answers[index] = answer
        self.last = answer
        if self._outbox.waiting(index):  # not saved yet: it will be, with this rating
            if not self._outbox.flush():
                self._keep_unsaved(index)
            return self._answers[index]

        def write() -> AnswerResult:
            given = self._answers[index]
            return self.session.replace_last(
                given.card.entry,
                given.rating,
                verdict=stored_verdict(given),
                response=given.response,
                response_ms=given.response_ms,
            )

        try:
            saved = self._outbox.submit(write, self._on_saved(index), key=index)
        except BaseException:
            self._answers[index] = self.last = previous
            raise
        if not saved:
            self._keep_unsaved(index)
        return self._answers[index]

    # undo and flags ----------------------------------------------------------------------
    def undo(self) -> QueueEntry | None:
        """Take back this session's last answer; the entry to ask again (None: nothing to undo)."""
        if not self._answers:
            return None
        last = self._answers[-1]
        if self._outbox.waiting(len(self._answers) - 1) and last.result.review_id is None:
            # never saved: forgotten here, the history never had it
            self._outbox.drop_last()
            given = last.card.entry
            self.session.unsaved_states.pop((given.deck_id, given.item_id), None)
            self.session.refresh()
            self._answers.pop()
            self.last = None
            return given
        entry = self.session.undo()
        if self._outbox.waiting(len(self._answers) - 1):
            self._outbox.drop_last()  # a new rating not saved yet: the answer is gone anyway
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
