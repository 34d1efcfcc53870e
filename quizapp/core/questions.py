"""Questions: what the learner is shown for one study item, and the options to pick from.

A :class:`Question` is built once per asking, with a caller-supplied
``random.Random`` so quizzes are reproducible from a seed.

How a UI turns a pick into a response for :mod:`quizapp.core.checking`:

- ``choice``: the chosen option text.
- ``truefalse``: ``options`` is always (true label, false label), e.g.
  ("True", "False") or ("Vrai", "Faux"): option index 0 means ``True`` and
  index 1 ``False`` (:meth:`Question.truefalse_response`). The checker also
  accepts the label text itself.
- ``multi``: a ``frozenset`` of the chosen option texts.
- ``order``: a ``tuple`` of the option texts in the learner's order.
- ``typed``, ``cloze``, ``number``: the typed text.
- ``basic``: no response; the learner rates themselves.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from quizapp.core.checking import fold, format_number, language_of, truefalse_labels
from quizapp.core.models import (
    BasicCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    MultiCard,
    NumberCard,
    OrderCard,
    StudyItem,
    TrueFalseCard,
    TypedCard,
)

GAP_MARK = "[…]"
MIN_CHOICE_OPTIONS = 4
ANSWER_SEPARATOR = "; "


@dataclass(frozen=True)
class Question:
    """One item as asked: prompt, options (for choice/multi/order/truefalse) and the answer.

    ``answer_text`` is the whole right answer as shown after answering; for a
    number card it is the number formatted in the deck's convention *with*
    its unit ("2 days", "3,5 %"), so show it alone. ``unit`` is only for
    showing beside the input box while the learner types ("… days"); never
    append it to ``answer_text``, which would read "2 days days".
    """

    item: StudyItem
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer_text: str
    unit: str = ""

    def truefalse_response(self, index: int) -> bool:
        """The checker response for truefalse option ``index``: 0 is True, 1 is False."""
        return index == 0


def _looks_numeric(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    return digits > letters


def _deck_answers(deck: Deck) -> list[str]:
    """Answers of the deck's typed, choice and cloze items, in deck order, for topping up."""
    answers: list[str] = []
    for card in deck.cards:
        if isinstance(card, TypedCard | ChoiceCard):
            answers.append(card.answer)
        elif isinstance(card, ClozeCard):
            answers.extend(gap.answer for gap in card.gaps)
    return answers


def choice_options(card: ChoiceCard, deck: Deck, rng: random.Random) -> tuple[str, ...]:
    """The answer and distractors, topped up to at least four options, shuffled.

    Top-up options are other answers of the same deck that do not fold to the
    answer or to an option already there. Answers of the same shape (numbers
    for a number-like answer, words for words) are preferred, so a date is not
    offered among names.
    """
    language = language_of(deck)
    options = [card.answer, *card.distractors]
    seen = {fold(o, language) for o in options}
    missing = MIN_CHOICE_OPTIONS - len(options)
    if missing > 0:
        pool: list[str] = []
        for answer in _deck_answers(deck):
            key = fold(answer, language)
            if key and key not in seen:
                seen.add(key)
                pool.append(answer)
        shape = _looks_numeric(card.answer)
        alike = [a for a in pool if _looks_numeric(a) == shape]
        unlike = [a for a in pool if _looks_numeric(a) != shape]
        picked = rng.sample(alike, min(missing, len(alike)))
        if len(picked) < missing:
            picked += rng.sample(unlike, min(missing - len(picked), len(unlike)))
        options += picked
    rng.shuffle(options)
    return tuple(options)


def shuffled_order(items: list[str], rng: random.Random) -> tuple[str, ...]:
    """The items shuffled, never in the right order when there are two or more."""
    shuffled = list(items)
    if len(shuffled) < 2:
        return tuple(shuffled)
    for _ in range(20):
        rng.shuffle(shuffled)
        if shuffled != items:
            return tuple(shuffled)
    # Vanishingly unlikely; rotate so the order is surely wrong.
    return (*items[1:], items[0])


def cloze_prompt(card: ClozeCard, asked_name: str) -> str:
    """The cloze text with the asked gap as "[…]" (or "[hint]") and the other gaps filled in."""
    parts: list[str] = []
    position = 0
    for gap in card.gaps:
        parts.append(card.text[position : gap.start])
        if gap.name != asked_name:
            parts.append(gap.answer)
        else:
            parts.append(f"[{gap.hint}]" if gap.hint else GAP_MARK)
        position = gap.end
    parts.append(card.text[position:])
    return "".join(parts)


def build_question(item: StudyItem, deck: Deck, rng: random.Random) -> Question:
    """Build the question for ``item``; ``rng`` drives every shuffle."""
    card = item.card
    kind = card.type
    if isinstance(card, BasicCard):
        if item.reverse:
            return Question(item, kind, card.back, (), card.front)
        return Question(item, kind, card.front, (), card.back)
    if isinstance(card, TypedCard):
        return Question(item, kind, card.prompt, (), card.answer)
    if isinstance(card, ChoiceCard):
        return Question(item, kind, card.prompt, choice_options(card, deck, rng), card.answer)
    if isinstance(card, MultiCard):
        options = [*card.answers, *card.distractors]
        rng.shuffle(options)
        return Question(
            item, kind, card.prompt, tuple(options), ANSWER_SEPARATOR.join(card.answers)
        )
    if isinstance(card, TrueFalseCard):
        labels = truefalse_labels(language_of(deck))
        answer_text = labels[0] if card.answer else labels[1]
        if card.correction:
            answer_text += f" — {card.correction}"
        return Question(item, kind, card.statement, labels, answer_text)
    if isinstance(card, NumberCard):
        answer_text = format_number(card.answer, language_of(deck), card.unit)
        return Question(item, kind, card.prompt, (), answer_text, unit=card.unit)
    if isinstance(card, ClozeCard):
        gap = item.gap or card.gaps[0]
        return Question(item, kind, cloze_prompt(card, gap.name), (), gap.answer)
    if isinstance(card, OrderCard):
        shuffled = shuffled_order(list(card.items), rng)
        return Question(item, kind, card.prompt, shuffled, ANSWER_SEPARATOR.join(card.items))
    raise ValueError(f"unknown card type {kind!r}")  # pragma: no cover
