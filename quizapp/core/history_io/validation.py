"""Every row of a history file checked before anything is written: one pydantic model per row.

A history file comes from anywhere (another machine, a script, a stranger), and
what it puts in the database stays there for good: a review dated year 1 once
crashed ``stats`` on every run. So each row is validated whole here, with a
bound on every number and date, ids in the alphabet of deck ids, and
``state_before``/``state_after`` parsed into bounded card states; a file with
any bad row is refused before the store is touched (:mod:`.reading` collects
the refusals, :mod:`.importing` writes the rows in one transaction).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from quizapp.core.history_io.formats import ImportedQuiz, ImportedReview
from quizapp.core.history_io.times import review_time_ms
from quizapp.core.models import ID_PATTERN
from quizapp.core.store.protocol import CardState

EARLIEST_MS = 0  # 1970-01-01T00:00:00Z
LATEST_MS = 7_258_118_400_000  # 2200-01-01T00:00:00Z
MAX_COUNT = 10_000_000  # reps, lapses, questions: far above a lifetime of study
MAX_RESPONSE_MS = 2_147_483_647  # about 24 days: an answer left open over a holiday
MAX_QUIZ_ID = 2**63 - 1  # a 64-bit row id
MAX_RESPONSE_CHARS = 10_000
MAX_SETTINGS_CHARS = 10_000
MAX_SETTINGS_DEPTH = 4
MAX_STATE_CHARS = 2_000
# A card id, or a card id and the item's suffix (``.reverse``, a cloze gap's name).
ITEM_PATTERN = r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)?$"


def _no_bool(value: object) -> object:
    """JSON ``true`` is not the number 1 here (pydantic would take it as one)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    return value


def _blank_is_none(value: object) -> object:
    """An empty CSV cell is a missing value."""
    return None if value == "" else value


def _whole_ms(value: object) -> object:
    """A duration written with a fraction (``25060.5``, some tools do) to the nearest ms."""
    if isinstance(value, str) and "." in value:
        try:
            value = float(value)
        except ValueError:
            return value
    if isinstance(value, float) and math.isfinite(value):
        return round(value)
    return value


def _time(value: object) -> object:
    """ISO 8601 (a time without zone is UTC) or milliseconds since the epoch, from 1970 to 2199."""
    if isinstance(value, str):
        value = review_time_ms(value)
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    if number is not None and not EARLIEST_MS <= number < LATEST_MS:
        raise ValueError("the time must be from 1970 to 2199")
    return value


def _bool(value: object) -> object:
    """0/1, true/false, as JSON or as CSV text."""
    if value in (0, 1, "0", "1"):
        return value in (1, "1")
    if value in ("true", "false"):
        return value == "true"
    return value


Time = Annotated[int, Field(ge=EARLIEST_MS, lt=LATEST_MS), BeforeValidator(_time)]
OptionalTime = Annotated[Time | None, BeforeValidator(_time), BeforeValidator(_blank_is_none)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT), BeforeValidator(_no_bool)]
OptionalCount = Annotated[Count | None, BeforeValidator(_blank_is_none)]
Finite = Annotated[float, Field(allow_inf_nan=False, ge=-1e9, le=1e9), BeforeValidator(_no_bool)]
Flag = Annotated[bool, BeforeValidator(_bool)]
DeckId = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)]
ItemId = Annotated[str, StringConstraints(pattern=ITEM_PATTERN, min_length=1, max_length=129)]
Word = Annotated[str, StringConstraints(pattern=r"^[a-z-]{1,32}$")]


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, hide_input_in_errors=True)


class StateRow(_Row):
    """A card state as ``state_before``/``state_after`` carry it (deck and item: the row's)."""

    state: Annotated[int, Field(ge=0, le=3), BeforeValidator(_no_bool)] = 0
    step: Annotated[int | None, Field(ge=0, le=1000), BeforeValidator(_no_bool)] = None
    stability: Annotated[Finite | None, Field(ge=0, le=1e7)] = None
    difficulty: Annotated[Finite | None, Field(ge=0, le=100)] = None
    due_ms: OptionalTime = None
    last_review_ms: OptionalTime = None
    reps: Count = 0
    lapses: Count = 0
    suspended: Flag = False
    buried_until_ms: OptionalTime = None
    leech: Flag = False

    def card_state(self, deck_id: str, item_id: str) -> CardState:
        return CardState(deck_id=deck_id, item_id=item_id, **self.model_dump())


def _json_object(value: object, limit: int, not_json: str, not_object: str) -> dict[str, Any]:
    """A JSON object given as itself or as text of at most ``limit`` characters."""
    if isinstance(value, str):
        if len(value) > limit:
            raise ValueError(f"longer than {limit:,} characters")
        try:
            value = json.loads(value, parse_constant=_refuse_constant)
        except (ValueError, RecursionError):
            raise ValueError(not_json) from None
    if not isinstance(value, dict):
        raise ValueError(not_object)
    return value


def _state(value: object) -> object:
    """A state as JSON text (CSV, or JSON kept as text) or as an object."""
    if value == "" or value is None:
        return None
    return _json_object(
        value, MAX_STATE_CHARS, "not a JSON card state", "not a card state (a JSON object)"
    )


State = Annotated[StateRow | None, BeforeValidator(_state)]


class ReviewRow(_Row):
    """One review of a history file; ``deck_id`` is None in a review log (filed on import)."""

    deck_id: DeckId | None = None
    item_id: ItemId
    reviewed_ms: Time
    rating: Annotated[int, Field(ge=1, le=4), BeforeValidator(_no_bool)]
    verdict: Annotated[Word | None, BeforeValidator(_blank_is_none)] = None
    response: Annotated[
        str | None,
        StringConstraints(max_length=MAX_RESPONSE_CHARS),
        BeforeValidator(_blank_is_none),
    ] = None
    response_ms: Annotated[
        int | None,
        Field(ge=0, le=MAX_RESPONSE_MS),
        BeforeValidator(_whole_ms),
        BeforeValidator(_no_bool),
        BeforeValidator(_blank_is_none),
    ] = None
    mode: Annotated[Literal["study", "quiz", "import"], BeforeValidator(_blank_is_none)] = "import"
    content_hash: Annotated[
        str | None,
        StringConstraints(pattern=r"^[0-9A-Za-z:_-]{1,128}$"),
        BeforeValidator(_blank_is_none),
    ] = None
    state_before: State = None
    state_after: State = None
    quiz_id: Annotated[
        int | None,
        Field(ge=1, le=MAX_QUIZ_ID),
        BeforeValidator(_no_bool),
        BeforeValidator(_blank_is_none),
    ] = None

    def imported(self) -> ImportedReview:
        deck, item = self.deck_id or "", self.item_id
        return ImportedReview(
            deck_id=self.deck_id,
            item_id=item,
            reviewed_ms=self.reviewed_ms,
            rating=self.rating,
            verdict=self.verdict,
            response=self.response,
            response_ms=self.response_ms,
            mode=self.mode,
            content_hash=self.content_hash,
            state_before=self.state_before.card_state(deck, item) if self.state_before else None,
            state_after=self.state_after.card_state(deck, item) if self.state_after else None,
            quiz_id=self.quiz_id,
        )


def _settings(value: object) -> object:
    """Quiz settings: a JSON object (or its text) of bounded size and depth."""
    if value == "" or value is None:
        return {}
    value = _json_object(value, MAX_SETTINGS_CHARS, "not JSON", "not a JSON object")
    if _depth(value) > MAX_SETTINGS_DEPTH:
        raise ValueError(f"nested more than {MAX_SETTINGS_DEPTH} levels deep")
    text = json.dumps(value, sort_keys=True, allow_nan=False)
    if len(text) > MAX_SETTINGS_CHARS:
        raise ValueError(f"longer than {MAX_SETTINGS_CHARS:,} characters")
    return text


class QuizRow(_Row):
    """One quiz session of our export; ``quiz_id`` is the file's own id for its answers."""

    quiz_id: Annotated[
        int | None,
        Field(ge=1, le=MAX_QUIZ_ID),
        BeforeValidator(_no_bool),
        BeforeValidator(_blank_is_none),
    ] = None
    deck_id: DeckId
    started_ms: Time
    finished_ms: OptionalTime = None
    abandoned: Flag = False
    questions: OptionalCount = None
    correct: OptionalCount = None
    close: OptionalCount = None
    wrong: OptionalCount = None
    score: Annotated[Finite | None, BeforeValidator(_blank_is_none)] = None
    settings: Annotated[str, BeforeValidator(_settings)] = "{}"

    def imported(self) -> ImportedQuiz:
        return ImportedQuiz(
            quiz_id=self.quiz_id,
            deck_id=self.deck_id,
            started_ms=self.started_ms,
            finished_ms=self.finished_ms,
            abandoned=int(self.abandoned),
            questions=self.questions,
            correct=self.correct,
            close=self.close,
            wrong=self.wrong,
            score=self.score,
            settings=self.settings,
        )


def _refuse_constant(name: str) -> float:
    """``NaN``, ``Infinity``: Python's JSON reads them, a history has no use for them."""
    raise ValueError(f"{name} is not a number a history holds")


def _depth(value: object) -> int:
    """How deeply lists and objects nest in a parsed JSON value (iterative: no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


# The export's JSON field names, mapped onto the models' (times are named by the file).
_REVIEW_RENAMES = {"reviewed": "reviewed_ms"}
_QUIZ_RENAMES = {"started": "started_ms", "finished": "finished_ms"}
_LOG_RENAMES = {
    "card_id": "item_id",
    "review_rating": "rating",
    "review_time": "reviewed_ms",
    "review_duration": "response_ms",
}


def _renamed(raw: Mapping[str, object], names: Mapping[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in raw.items()}


def _reason(error: ValidationError, names: Mapping[str, str]) -> str:
    """The first problem of a row as a short phrase naming the file's column:
    ``rating: input should be less than or equal to 4``."""
    first = error.errors(include_url=False)[0]
    parts = [str(part) for part in first["loc"] if not str(part).startswith("function")]
    if parts:
        parts[0] = {model: file for file, model in names.items()}.get(parts[0], parts[0])
    where = ".".join(parts)
    message = str(first["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else message
    if first["type"] == "string_pattern_mismatch":
        message = "must be lowercase letters, digits and '-', as deck and card ids are"
    value = first.get("input")
    if isinstance(value, str | int | float) and first["type"] != "value_error":
        shown = repr(value)
        message += f", not {shown if len(shown) <= 40 else shown[:37] + '...'}"
    more = len(error.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''} in this row)" if more else ""
    return f"{where}: {message}{tail}" if where else f"{message}{tail}"


def _checked(model: type[_Row], raw: Mapping[str, object], names: Mapping[str, str]) -> _Row:
    data = _renamed(raw, names)
    if names is _LOG_RENAMES:
        data = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        for key in ("verdict", "response", "content_hash", "state_before", "state_after"):
            data.pop(key, None)
        data.update(deck_id=None, mode="import", quiz_id=None)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ValueError(_reason(error, names)) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        raise ValueError(str(error)[:200]) from None


def review_row(raw: Mapping[str, object]) -> ImportedReview:
    """A review of our export (JSON or CSV), validated; ValueError names the field."""
    row = _checked(ReviewRow, raw, _REVIEW_RENAMES)
    assert isinstance(row, ReviewRow)
    if row.deck_id is None:
        raise ValueError("deck_id: field required")
    return row.imported()


def log_row(raw: Mapping[str, object]) -> ImportedReview:
    """A row of an Anki/FSRS review log (no deck: the import files it), validated."""
    row = _checked(ReviewRow, raw, _LOG_RENAMES)
    assert isinstance(row, ReviewRow)
    return row.imported()


def quiz_row(raw: Mapping[str, object]) -> ImportedQuiz:
    """A quiz session of our export, validated."""
    row = _checked(QuizRow, raw, _QUIZ_RENAMES)
    assert isinstance(row, QuizRow)
    return row.imported()


def finite_json(text: str) -> Any:
    """``json.loads`` refusing ``NaN``/``Infinity`` and numbers too large to be finite."""
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is too large")
    return value
