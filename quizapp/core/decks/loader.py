"""The entry points: lint or load a deck file, every check in order, into a :class:`DeckReport`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
from pydantic import ValidationError

from quizapp.core.decks.checks import (
    cloze_separator_problems,
    duplicate_id_problems,
    example_problems,
    source_problems,
)
from quizapp.core.decks.locations import DeckSource, Location
from quizapp.core.decks.messages import validation_problems
from quizapp.core.decks.prescan import (
    hostile_outside_strings,
    longest_number,
    prescan,
    too_many_cards,
)
from quizapp.core.decks.reading import MAX_DECK_BYTES, decode, read_deck_bytes
from quizapp.core.i18n import _
from quizapp.core.l10n import number
from quizapp.core.models import FORMAT_VERSION, MAX_CARDS, Deck
from quizapp.core.problems import DeckError, Problem, ProblemList

# The first character of a line that is neither blank nor a comment (one search,
# not a split of the whole file into lines).
_SOMETHING_BUT_COMMENTS = re.compile(r"^\s*[^\s#]", re.MULTILINE)


@dataclass
class DeckReport(ProblemList):
    """Everything known about one deck file after linting it.

    ``deck`` is None when there is any error, so a deck with errors is never
    studied by accident; ``source`` is None when the file could not be parsed.
    """

    path: Path
    deck: Deck | None
    problems: list[Problem]
    source: DeckSource | None = None

    def locate(self, parts: Iterable[str | int]) -> Location:
        return self.source.locate(parts) if self.source else (1, 1)


def inspect_bytes(data: bytes, path: Path, *, examples: bool = True) -> DeckReport:
    """Lint deck bytes as if read from ``path`` (which locates its source file)."""
    name = str(path)
    text, bad = decode(data)
    if text is None:
        line, column, message = bad or (1, 1, _("the file is not valid UTF-8"))
        return DeckReport(path, None, [Problem(name, line, column, "error", message)])
    source = DeckSource(path, text)
    if not _SOMETHING_BUT_COMMENTS.search(text):
        message = _(
            "the deck is empty: it needs 'format = {version}', a [deck] table and cards"
        ).format(version=FORMAT_VERSION)
        return DeckReport(path, None, [Problem(name, 1, 1, "error", message)], source)
    hostile = prescan(text)
    too_many = too_many_cards(text)
    if too_many is not None:
        message = _("the deck has more than {n} cards; split it").format(n=number(MAX_CARDS))
        hostile.append((too_many, message))
    if hostile:
        problems = [Problem(name, *source.position(off), "error", msg) for off, msg in hostile]
        return DeckReport(path, None, sorted(problems), source)
    try:
        data_dict = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        message = _("TOML syntax: {error}").format(error=exc.msg)
        problem = Problem(name, exc.lineno, exc.colno, "error", message)
        return DeckReport(path, None, [problem], source)
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        # Python refuses to convert an integer of thousands of digits, and the
        # parser nesting past its limit; the pre-scan catches those, this is the
        # net behind it (brackets in strings can hide depth from its quick look).
        hidden = hostile_outside_strings(text)
        if hidden:
            problems = [Problem(name, *source.position(off), "error", msg) for off, msg in hidden]
            return DeckReport(path, None, sorted(problems), source)
        offset = longest_number(text) if "digits" in str(exc) else None
        line, column = source.position(offset) if offset is not None else (1, 1)
        message = _("the file cannot be parsed: {error}").format(error=str(exc)[:200])
        return DeckReport(path, None, [Problem(name, line, column, "error", message)], source)
    source.data = data_dict
    return _validate(data_dict, source, examples=examples)


def _validate(data: dict[str, Any], source: DeckSource, *, examples: bool) -> DeckReport:
    name = str(source.path)
    fmt = data.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt != FORMAT_VERSION:
        message = _(
            "unsupported format {value}: this version of quizapp reads format {version}"
        ).format(value=fmt, version=FORMAT_VERSION)
        unsupported = Problem(name, *source.locate(("format",)), "error", message)
        return DeckReport(source.path, None, [unsupported], source)
    problems: list[Problem] = []
    deck: Deck | None = None
    try:
        deck = Deck.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, data, source, name))
    except (ValueError, TypeError, RecursionError) as exc:
        message = _("the deck cannot be validated: {error}").format(error=exc)
        problems.append(Problem(name, 1, 1, "error", message))
    problems.extend(duplicate_id_problems(data, source, name))
    problems.extend(source_problems(data, source, name))
    if deck is not None:
        problems.extend(cloze_separator_problems(deck, source, name))
    if deck is not None and not deck.cards:
        problems.append(Problem(name, 1, 1, "warning", _("the deck has no cards")))
    if deck is not None and examples and not any(p.severity == "error" for p in problems):
        problems.extend(example_problems(deck, source, name))
    if any(p.severity == "error" for p in problems):
        deck = None
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.severity, p.message))
    return DeckReport(source.path, deck, problems, source)


def inspect_deck(
    path: Path | str, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = True
) -> DeckReport:
    """Lint the deck file at ``path``: every error and warning, and the deck if it has no errors."""
    path = Path(path)
    data, error = read_deck_bytes(path, max_bytes)
    if data is None:
        return DeckReport(
            path, None, [Problem(str(path), None, None, "error", error or "unreadable")]
        )
    return inspect_bytes(data, path, examples=examples)


def lint_deck(
    path: Path | str, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = True
) -> tuple[Deck | None, list[Problem]]:
    """(the deck or None when it has errors, every problem including warnings)."""
    report = inspect_deck(path, max_bytes=max_bytes, examples=examples)
    return report.deck, report.problems


def load_deck(path: Path | str, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = True) -> Deck:
    """The valid deck at ``path``; raises :class:`DeckError` carrying every error.

    The same checks as ``quizapp check`` decide (a deck that fails them is
    not studied); warnings are dropped.
    """
    report = inspect_deck(path, max_bytes=max_bytes, examples=examples)
    if report.deck is None:
        raise DeckError(report.errors or report.problems)
    return report.deck
