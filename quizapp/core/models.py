"""Pydantic models of the deck format (contract version 1).

The models are strict (no coercion, no unknown keys) so that a typo in a
hand-written deck is an error rather than a silently dropped field. Every
string has a length cap and a deck has a card cap, because deck files are
untrusted input.

A *card* is what the author writes; a *study item* is what is scheduled and
asked. Most cards are one item; a ``basic`` card with ``reverse = true`` is two
(``<id>`` and ``<id>.reverse``) and a ``cloze`` card is one item per gap
(``<id>.1``, ``<id>.2``… or ``<id>.<name>`` for a pinned ``{{name::answer}}``).
History is keyed by (deck id, item id).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from quizapp.core.i18n import _

FORMAT_VERSION = 1
# A bound on time and memory that a real deck never meets (a 10,000-word
# vocabulary list is ordinary, 100,000 cards load in seconds), not a size
# anyone should aim for; docs/deck-format.md lists it with the others.
MAX_CARDS = 200_000
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
OptionalShortText = Annotated[str, StringConstraints(max_length=500)]
LongText = Annotated[str, StringConstraints(max_length=5000)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Duration = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,4}[smhd]$")]


class StrictModel(BaseModel):
    """Base for every deck model: strict types, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(StrictModel):
    """The text a deck's cards quote; ``path`` is relative to the deck file."""

    path: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    title: OptionalShortText = ""
    language: Annotated[str, StringConstraints(max_length=35)] = ""


class SchedulingOptions(StrictModel):
    """Per-deck FSRS options; every key has a default."""

    desired_retention: float = Field(default=0.9, ge=0.7, le=0.99)
    new_per_day: int = Field(default=20, ge=0, le=10_000)
    reviews_per_day: int = Field(default=200, ge=0, le=100_000)
    learning_steps: list[Duration] = Field(default=["1m", "10m"], max_length=10)
    relearning_steps: list[Duration] = Field(default=["10m"], max_length=10)
    maximum_interval: int = Field(default=36500, ge=1, le=36500)
    new_order: Literal["deck", "random"] = "deck"
    # Siblings (a card's reverse side, the other gaps of a cloze, cards sharing
    # a ``fact``) give each other's answers away: by default a study session
    # buries them until the next study day, as Anki does.
    bury_siblings: bool = True
    # Decks that share a preset are fitted together by ``quizapp optimize``, so
    # that a small deck borrows the history of the others of its kind.
    preset: Id | None = None


class DeckMeta(StrictModel):
    """The ``[deck]`` table."""

    id: Id
    title: ShortText
    description: LongText = ""
    language: Annotated[str, StringConstraints(min_length=2, max_length=35)] = "en"
    tags: list[Tag] = Field(default_factory=list, max_length=50)
    source: Source | None = None
    scheduling: SchedulingOptions = Field(default_factory=SchedulingOptions)


class Examples(StrictModel):
    """Responses the checker must accept and must reject; run by ``quizapp check``."""

    accept: list[ShortText] = Field(default_factory=list, max_length=50)
    reject: list[ShortText] = Field(default_factory=list, max_length=50)


class CardBase(StrictModel):
    """Keys every card type shares."""

    id: Id
    tags: list[Tag] = Field(default_factory=list, max_length=50)
    explanation: LongText = ""
    quote: LongText = ""
    examples: Examples | None = None
    # Cards that ask the same fact share this name; they are siblings, never
    # shown one after the other in a study session.
    fact: Id | None = None


class BasicCard(CardBase):
    type: Literal["basic"]
    front: LongText
    back: LongText
    reverse: bool = False


class TypedCard(CardBase):
    type: Literal["typed"]
    prompt: LongText
    answer: ShortText
    accept: list[ShortText] = Field(default_factory=list, max_length=50)


class ChoiceCard(CardBase):
    type: Literal["choice"]
    prompt: LongText
    answer: ShortText
    distractors: list[ShortText] = Field(min_length=1, max_length=20)

    @field_validator("distractors")
    @classmethod
    def _answer_not_a_distractor(cls, distractors: list[str], info: ValidationInfo) -> list[str]:
        answer = info.data.get("answer")
        if answer is not None and answer in distractors:
            raise ValueError(
                _("the answer {answer!r} is repeated among the distractors").format(answer=answer)
            )
        if len(set(distractors)) != len(distractors):
            raise ValueError(_("a distractor is repeated"))
        return distractors


class MultiCard(CardBase):
    type: Literal["multi"]
    prompt: LongText
    answers: list[ShortText] = Field(min_length=1, max_length=20)
    distractors: list[ShortText] = Field(default_factory=list, max_length=20)

    @field_validator("distractors")
    @classmethod
    def _answers_not_distractors(cls, distractors: list[str], info: ValidationInfo) -> list[str]:
        answers = set(info.data.get("answers") or [])
        both = sorted(answers.intersection(distractors))
        if both:
            raise ValueError(
                _("{option!r} is both an answer and a distractor").format(option=both[0])
            )
        return distractors


class TrueFalseCard(CardBase):
    type: Literal["truefalse"]
    statement: LongText
    answer: bool
    correction: LongText = ""


class NumberCard(CardBase):
    type: Literal["number"]
    prompt: LongText
    answer: int | float
    tolerance: float | int = Field(default=0, ge=0)
    unit: Annotated[str, StringConstraints(max_length=50)] = ""

    @field_validator("answer")
    @classmethod
    def _finite(cls, value: int | float) -> int | float:
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise ValueError(_("the answer must be a finite number"))
        if isinstance(value, int) and abs(value) > 10**15:
            raise ValueError(_("the answer is too large (at most 15 digits)"))
        return value


GAP_PATTERN = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
GAP_NAME_PATTERN = re.compile(r"^([a-z0-9][a-z0-9-]*)::(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Gap:
    """One ``{{…}}`` of a cloze text: its item name, accepted answers, hint, and span."""

    name: str
    answers: tuple[str, ...]
    start: int
    end: int
    hint: str | None = None

    @property
    def answer(self) -> str:
        return self.answers[0]


def parse_gaps(text: str) -> list[Gap]:
    """Return the gaps of a cloze text in order of appearance.

    Unpinned gaps are named by their ordinal (1-based) among all gaps; a pinned
    gap ``{{name::answer}}`` keeps its name. A pinned gap may end with a hint,
    as Anki writes it: ``{{c1::answer::hint}}`` is asked showing the hint and
    checked against ``answer`` alone. Raises ``ValueError`` for an empty gap or
    a name used twice.
    """
    gaps: list[Gap] = []
    seen: set[str] = set()
    for ordinal, match in enumerate(GAP_PATTERN.finditer(text), start=1):
        body = match.group(1)
        pinned = GAP_NAME_PATTERN.match(body)
        name, body = (pinned.group(1), pinned.group(2)) if pinned else (str(ordinal), body)
        hint: str | None = None
        if pinned and "::" in body:
            body, hint = body.split("::", 1)
            hint = hint.strip() or None
        answers = tuple(part.strip() for part in body.split("|"))
        if not answers[0] or any(not a for a in answers):
            raise ValueError(_("gap {n} is empty").format(n=ordinal))
        if name in seen:
            raise ValueError(_("two gaps are named {name!r}").format(name=name))
        seen.add(name)
        gaps.append(
            Gap(name=name, answers=answers, start=match.start(), end=match.end(), hint=hint)
        )
    return gaps


def unread_separators(text: str) -> list[str]:
    """Why each ``::`` of a cloze text that :func:`parse_gaps` does not read is kept literally.

    ``{{name::answer}}`` and ``{{name::answer::hint}}`` are read; anything else
    with ``::`` (an unnamed ``{{Answer::hint}}``, a hint holding ``::``) would
    be asked and checked as typed, which is rarely what the author meant.
    """
    messages: list[str] = []
    for ordinal, match in enumerate(GAP_PATTERN.finditer(text), start=1):
        body = match.group(1)
        pinned = GAP_NAME_PATTERN.match(body)
        rest = pinned.group(2) if pinned else body
        if pinned and "::" in rest:
            rest = rest.split("::", 1)[1]
        if "::" in rest:
            messages.append(
                f"gap {ordinal} {{{{{body}}}}}: '::' is read only as {{{{name::answer}}}} or "
                "{{name::answer::hint}} with a name of lowercase letters, digits and hyphens; "
                "here it is part of the answer"
            )
    return messages


class ClozeCard(CardBase):
    type: Literal["cloze"]
    text: LongText

    @field_validator("text")
    @classmethod
    def _has_gaps(cls, text: str) -> str:
        gaps = parse_gaps(text)
        if not gaps:
            raise ValueError(_("a cloze needs at least one gap written {{answer}}"))
        if len(gaps) > 50:
            raise ValueError(_("a cloze has at most 50 gaps"))
        return text

    @cached_property
    def _parsed_gaps(self) -> tuple[Gap, ...]:
        # Parsed once per card (the model is frozen, so the text never changes):
        # every start lists the items of every deck, and study asks for them again.
        return tuple(parse_gaps(self.text))

    @property
    def gaps(self) -> list[Gap]:
        return list(self._parsed_gaps)


class OrderCard(CardBase):
    type: Literal["order"]
    prompt: LongText
    items: list[ShortText] = Field(min_length=2, max_length=20)

    @field_validator("items")
    @classmethod
    def _distinct(cls, items: list[str]) -> list[str]:
        if len(set(items)) != len(items):
            raise ValueError(_("the items of an order card must be distinct"))
        return items


AnyCard = (
    BasicCard
    | TypedCard
    | ChoiceCard
    | MultiCard
    | TrueFalseCard
    | NumberCard
    | ClozeCard
    | OrderCard
)
# The union as the deck file is validated: the ``type`` key picks the class.
Card = Annotated[AnyCard, Field(discriminator="type")]
CARD_TYPES = ("basic", "typed", "choice", "multi", "truefalse", "number", "cloze", "order")


class Deck(StrictModel):
    """A whole deck file. Cross-card rules (duplicate ids) are checked by the loader."""

    format: Literal[1]
    deck: DeckMeta
    cards: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)

    @field_validator("format", mode="before")
    @classmethod
    def _format_is_an_integer(cls, value: object) -> object:
        # Literal[1] compares by equality, so true and 1.0 would pass without this.
        if type(value) is not int:
            raise ValueError(
                _("format must be the integer {version}, not {value}").format(
                    version=FORMAT_VERSION, value=repr(value)
                )
            )
        return value

    @cached_property
    def _items(self) -> tuple[StudyItem, ...]:
        # Built once per deck (the model is frozen): the home screen, study and
        # quiz all ask for them, and a cloze card's gaps are parsed from its text.
        return tuple(item for card in self.cards for item in expand_card(card))

    def items(self) -> list[StudyItem]:
        """The schedulable items of the deck, in deck order (a new list each call)."""
        return list(self._items)


@dataclass(frozen=True)
class StudyItem:
    """One schedulable, askable unit: a card, a reversed basic card, or a cloze gap."""

    id: str
    card: AnyCard
    gap: Gap | None = None
    reverse: bool = False

    @property
    def type(self) -> str:
        return self.card.type

    @property
    def content_hash(self) -> str:
        """A short hash of what the learner is asked and expected to answer.

        Stored with every review so the app can tell a card changed since.
        """
        payload = self.card.model_dump(exclude={"tags", "explanation", "quote", "examples"})
        payload["_item"] = [self.id, self.reverse]
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(data).hexdigest()[:16]


def expand_card(card: Card) -> list[StudyItem]:
    """Expand one card into its study items, as the contract names them."""
    if isinstance(card, ClozeCard):
        return [StudyItem(id=f"{card.id}.{gap.name}", card=card, gap=gap) for gap in card.gaps]
    if isinstance(card, BasicCard) and card.reverse:
        return [
            StudyItem(id=card.id, card=card),
            StudyItem(id=f"{card.id}.reverse", card=card, reverse=True),
        ]
    return [StudyItem(id=card.id, card=card)]
