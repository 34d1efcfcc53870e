"""Pydantic errors in human words, and how a message names a card."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from quizapp.core.decks.locations import DeckSource, KeyPath, normalize_location
from quizapp.core.i18n import N_, _, ngettext
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
    "string_type": N_("a string"),
    "int_type": N_("an integer"),
    "int_from_float": N_("an integer"),
    "float_type": N_("a number"),
    "bool_type": N_("true or false"),
    "list_type": N_("an array"),
    "dict_type": N_("a table"),
    "model_type": N_("a table"),
    "model_attributes_type": N_("a table"),
}  # marked only: shown through _()


# How TOML calls the type of a parsed value, in order: a bool is an int, a datetime a date.
_TOML_KINDS: tuple[tuple[type, str], ...] = (
    (bool, N_("a boolean")),
    (int, N_("an integer")),
    (float, N_("a float")),
    (str, N_("a string")),
    (list, N_("an array")),
    (dict, N_("a table")),
    (dt.datetime, N_("a date-time")),
    (dt.date, N_("a date")),
    (dt.time, N_("a time")),
)


def _kind(value: object) -> str:
    """How TOML would call the type of a parsed value."""
    return next(
        (_(name) for cls, name in _TOML_KINDS if isinstance(value, cls)), type(value).__name__
    )


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
    label = (
        _("card {id!r}").format(id=card_id)
        if isinstance(card_id, str) and card_id
        else _("card #{n}").format(n=index + 1)
    )
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
        return _at(label, rest) if rest else label
    return _dotted(loc)


def _at(where: str, message: str) -> str:
    """``card 'x' (typed): accept[2]: message``, with the language's spacing before the colon."""
    return _("{where}: {message}").format(where=where, message=message) if where else message


def _suggest(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
    return _(" (did you mean {key!r}?)").format(key=close[0]) if close else ""


_CARD_TYPE_LIST = ", ".join(CARD_TYPES)


def _suggest_type(tag: object) -> str:
    """`` (did you mean 'typed'?)`` for a misspelt card type, as :func:`_suggest` does for keys.

    Case is ignored ("Typed"): the list of types that follows names the right
    spelling, but a typo is easier to fix when the message points at it.
    """
    if not isinstance(tag, str):
        return ""
    close = difflib.get_close_matches(tag.casefold(), list(CARD_TYPES), n=1, cutoff=0.6)
    return _(" (did you mean {key!r}?)").format(key=close[0]) if close else ""


# pydantic's bound errors: (how a message words the bound, its key in the error's ctx)
_BOUNDS = {
    "greater_than_equal": (N_("must be at least {bound}, not {value}"), "ge"),
    "less_than_equal": (N_("must be at most {bound}, not {value}"), "le"),
    "greater_than": (N_("must be greater than {bound}, not {value}"), "gt"),
    "less_than": (N_("must be less than {bound}, not {value}"), "lt"),
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
            return parent, _(
                "missing key 'format': start the file with 'format = {version}'"
            ).format(version=FORMAT_VERSION)
        message = _("missing key {key!r}").format(key=key)
        return parent, _at(where, message)
    if kind == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        where = _context(parent, data)
        message = _("unknown key {key!r}").format(key=key) + _suggest(
            str(key), _model_at(parent, data)
        )
        return loc, _at(where, message)
    if kind == "union_tag_not_found":
        return loc, _("{card}: missing key 'type' (one of {types})").format(
            card=_context(loc, data), types=_CARD_TYPE_LIST
        )
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", value)
        return (*loc, "type"), _(
            "{card}: unknown card type {tag!r}{hint}; use one of {types}"
        ).format(card=_context(loc, data), tag=tag, hint=_suggest_type(tag), types=_CARD_TYPE_LIST)
    if loc == ("format",):
        if isinstance(value, int) and not isinstance(value, bool):
            return loc, _(
                "unsupported format {value}: this version of quizapp reads format {version}"
            ).format(value=value, version=FORMAT_VERSION)
        shown = str(value).lower() if isinstance(value, bool) else shorten(value)
        return loc, _("format must be the integer {version}, not {value}").format(
            version=FORMAT_VERSION, value=shown
        )
    where = _context(loc, data)
    if kind in _EXPECTED:
        message = _("expected {wanted}, got {kind}").format(
            wanted=_(_EXPECTED[kind]), kind=_kind(value)
        )
    elif kind == "string_too_short":
        message = _("must not be empty")
    elif kind == "string_too_long":
        message = _("is too long ({n} characters; at most {limit})").format(
            n=len(value), limit=ctx.get("max_length")
        )
    elif kind == "string_pattern_mismatch":
        if loc and loc[-1] == "id":
            where = _context(loc[:-1], data)
            message = _(
                "invalid id {value}: use lowercase letters a-z, digits and hyphens, "
                "starting with a letter or a digit"
            ).format(value=shorten(value))
        else:
            message = _(
                "invalid duration {value}: write a number and a unit (s, m, h or d), e.g. '10m'"
            ).format(value=shorten(value))
    elif kind == "too_short":
        need = ctx.get("min_length")
        count = need if isinstance(need, int) else 2
        message = ngettext("needs at least {n} item", "needs at least {n} items", count).format(
            n=need
        )
    elif kind == "too_long":
        message = _("has too many items (at most {limit})").format(limit=ctx.get("max_length"))
    elif kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        message = _(words).format(bound=ctx.get(key), value=shorten(value))
    elif kind == "literal_error":
        message = _("must be {expected}, not {value}").format(
            expected=ctx.get("expected"), value=shorten(value)
        )
    elif kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
    else:
        message = str(error.get("msg", kind))
    return loc, _at(where, message)


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
            where = _context(at, data)
            wanted = (
                _("a number") if "a number" in expected else _(" or ").join(_(e) for e in expected)
            )
            message = _("expected {wanted}, got {kind}").format(
                wanted=wanted, kind=_kind(errors[0]["input"])
            )
            message = _at(where, message)
        problems.append(Problem(path, *source.locate(at), "error", message))
    for loc, error in others:
        at, message = _error_message(error, loc, data)
        problems.append(Problem(path, *source.locate(at), "error", message))
    return problems
