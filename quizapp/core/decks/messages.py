"""Pydantic errors in human words, and how a message names a card."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from quizapp.core.decks.locations import DeckSource, KeyPath, normalize_location
from quizapp.core.models import (
    CARD_TYPES,
    FORMAT_VERSION,
    BasicCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    DeckMeta,
    Examples,
    MultiCard,
    NumberCard,
    OrderCard,
    SchedulingOptions,
    Source,
    TrueFalseCard,
    TypedCard,
)
from quizapp.core.problems import Problem

if TYPE_CHECKING:
    # pydantic's own core, pinned by pydantic: the type of ``ValidationError.errors()``
    from pydantic_core import ErrorDetails

_CARD_CLASSES: dict[str, type[BaseModel]] = {
    "basic": BasicCard,
    "typed": TypedCard,
    "choice": ChoiceCard,
    "multi": MultiCard,
    "truefalse": TrueFalseCard,
    "number": NumberCard,
    "cloze": ClozeCard,
    "order": OrderCard,
}

_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


# How TOML calls the type of a parsed value, in order: a bool is an int, a datetime a date.
_TOML_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
    (dt.datetime, "a date-time"),
    (dt.date, "a date"),
    (dt.time, "a time"),
)


def _kind(value: object) -> str:
    """How TOML would call the type of a parsed value."""
    return next((name for cls, name in _TOML_KINDS if isinstance(value, cls)), type(value).__name__)


def shorten(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _model_at(loc: KeyPath, data: object) -> type[BaseModel] | None:
    """The model class that validates the table at ``loc`` (for key suggestions)."""
    if loc == ():
        return Deck
    if loc == ("deck",):
        return DeckMeta
    if loc == ("deck", "source"):
        return Source
    if loc == ("deck", "scheduling"):
        return SchedulingOptions
    if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
        if len(loc) == 3 and loc[2] == "examples":
            return Examples
        if len(loc) == 2:
            card = _card_raw(data, loc[1])
            kind = card.get("type") if card else None
            return _CARD_CLASSES.get(kind) if isinstance(kind, str) else None
    return None


def _card_raw(data: object, index: int) -> dict[str, Any] | None:
    if isinstance(data, dict):
        cards = data.get("cards")
        if isinstance(cards, list) and 0 <= index < len(cards):
            card = cards[index]
            if isinstance(card, dict):
                return card
    return None


def card_label(data: object, index: int) -> str:
    """``card 'lna-leader' (typed)``: how a message names a card."""
    card = _card_raw(data, index) or {}
    card_id, kind = card.get("id"), card.get("type")
    label = f"card {card_id!r}" if isinstance(card_id, str) and card_id else f"card #{index + 1}"
    if isinstance(kind, str) and kind in CARD_TYPES:
        label += f" ({kind})"
    return label


def _dotted(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _context(loc: KeyPath, data: object) -> str:
    """Who a problem is about: ``card 'x' (typed): accept[2]`` or ``deck.scheduling``."""
    if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
        label = card_label(data, loc[1])
        rest = _dotted(loc[2:])
        return f"{label}: {rest}" if rest else label
    return _dotted(loc)


def _suggest(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_CARD_TYPE_LIST = ", ".join(CARD_TYPES)


def _suggest_type(tag: object) -> str:
    """`` (did you mean 'typed'?)`` for a misspelt card type, as :func:`_suggest` does for keys.

    Case is ignored ("Typed"): the list of types that follows names the right
    spelling, but a typo is easier to fix when the message points at it.
    """
    if not isinstance(tag, str):
        return ""
    close = difflib.get_close_matches(tag.casefold(), list(CARD_TYPES), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# pydantic's bound errors: (how a message words the bound, its key in the error's ctx)
_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "less_than_equal": ("at most", "le"),
    "greater_than": ("greater than", "gt"),
    "less_than": ("less than", "lt"),
}


def _error_message(error: ErrorDetails, loc: KeyPath, data: object) -> tuple[KeyPath, str]:
    """Return (where to point, message) for one pydantic error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error["input"]
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        where = _context(parent, data)
        if loc == ("format",):
            return parent, f"missing key 'format': start the file with 'format = {FORMAT_VERSION}'"
        message = f"missing key {key!r}"
        return parent, f"{where}: {message}" if where else message
    if kind == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        where = _context(parent, data)
        message = f"unknown key {key!r}{_suggest(str(key), _model_at(parent, data))}"
        return loc, f"{where}: {message}" if where else message
    if kind == "union_tag_not_found":
        return loc, f"{_context(loc, data)}: missing key 'type' (one of {_CARD_TYPE_LIST})"
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", value)
        return (*loc, "type"), (
            f"{_context(loc, data)}: unknown card type {tag!r}{_suggest_type(tag)}; "
            f"use one of {_CARD_TYPE_LIST}"
        )
    if loc == ("format",):
        if isinstance(value, int) and not isinstance(value, bool):
            return loc, (
                f"unsupported format {value}: this version of quizapp reads format {FORMAT_VERSION}"
            )
        shown = str(value).lower() if isinstance(value, bool) else shorten(value)
        return loc, f"format must be the integer {FORMAT_VERSION}, not {shown}"
    where = _context(loc, data)
    if kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_kind(value)}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_too_long":
        message = f"is too long ({len(value)} characters; at most {ctx.get('max_length')})"
    elif kind == "string_pattern_mismatch":
        if loc and loc[-1] == "id":
            where = _context(loc[:-1], data)
            message = (
                f"invalid id {shorten(value)}: use lowercase letters a-z, digits and hyphens, "
                "starting with a letter or a digit"
            )
        else:
            message = (
                f"invalid duration {shorten(value)}: write a number and a unit "
                "(s, m, h or d), e.g. '10m'"
            )
    elif kind == "too_short":
        need = ctx.get("min_length")
        message = f"needs at least {need} item{'s' if need != 1 else ''}"
    elif kind == "too_long":
        message = f"has too many items (at most {ctx.get('max_length')})"
    elif kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        message = f"must be {words} {ctx.get(key)}, not {shorten(value)}"
    elif kind == "literal_error":
        message = f"must be {ctx.get('expected')}, not {shorten(value)}"
    elif kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
    else:
        message = str(error.get("msg", kind))
    return loc, f"{where}: {message}" if where else message


def validation_problems(
    exc: ValidationError, data: dict[str, Any], source: DeckSource, path: str
) -> list[Problem]:
    """Every pydantic error as a Problem at its line; union type errors merged."""
    merged: dict[KeyPath, list[ErrorDetails]] = {}
    others: list[tuple[KeyPath, ErrorDetails]] = []
    for error in exc.errors(include_url=False):
        loc = normalize_location(tuple(error["loc"]))
        if error["type"] in _EXPECTED:
            merged.setdefault(loc, []).append(error)
        else:
            others.append((loc, error))
    problems: list[Problem] = []
    for loc, errors in merged.items():
        expected = list(dict.fromkeys(_EXPECTED[e["type"]] for e in errors))
        at, message = _error_message(errors[0], loc, data)
        if len(expected) > 1:
            head = message.rsplit("expected ", 1)[0]
            wanted = "a number" if "a number" in expected else " or ".join(expected)
            message = f"{head}expected {wanted}, got {_kind(errors[0]['input'])}"
        problems.append(Problem(path, *source.locate(at), "error", message))
    for loc, error in others:
        at, message = _error_message(error, loc, data)
        problems.append(Problem(path, *source.locate(at), "error", message))
    return problems
