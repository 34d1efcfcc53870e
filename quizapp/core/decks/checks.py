"""Checks across cards and files, run once a deck has parsed.

Duplicate card ids, the deck's ``source`` file and each card's ``quote``
found in it, and the cards' ``examples`` run by the answer checker.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from quizapp.core.decks.locations import DeckSource
from quizapp.core.decks.messages import card_label, shorten
from quizapp.core.decks.reading import decode, read_regular_file
from quizapp.core.i18n import _
from quizapp.core.l10n import number
from quizapp.core.models import ClozeCard, Deck, unread_separators
from quizapp.core.problems import Problem

MAX_SOURCE_BYTES = 2_000_000

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|[^\\/])")
_QUOTE_FOLDS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"'})
_GUILLEMET_OPEN = re.compile(r"«\s*")
_GUILLEMET_CLOSE = re.compile(r"\s*»")
_SPACES = re.compile(r"\s+")


def duplicate_id_problems(data: dict[str, Any], source: DeckSource, path: str) -> list[Problem]:
    """A card id used twice is an error at the second use, naming the line of the first."""
    cards = data.get("cards")
    cards = cards if isinstance(cards, list) else []
    ids = [card.get("id") for card in cards if isinstance(card, dict)]
    named = [card_id for card_id in ids if isinstance(card_id, str)]
    if len(set(named)) == len(named):  # the usual case, in C: nothing to report
        return []
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, card in enumerate(cards):
        card_id = card.get("id") if isinstance(card, dict) else None
        if not isinstance(card_id, str):
            continue
        if card_id in first:
            line, _column = source.locate(("cards", first[card_id], "id"))
            problems.append(
                Problem(
                    path,
                    *source.locate(("cards", index, "id")),
                    "error",
                    _("duplicate card id {id!r} (first used at line {line})").format(
                        id=card_id, line=line
                    ),
                )
            )
        else:
            first[card_id] = index
    return problems


def example_problems(deck: Deck, source: DeckSource, path: str) -> list[Problem]:
    """Run the cards' ``examples`` through the answer checker; each failure is an error.

    The checker is imported here, not at the top: a deck without examples
    (most decks, every start of the app) does not pay for loading it.
    """
    if not any(card.examples for card in deck.cards):
        return []
    from quizapp.core.checking import run_examples

    try:
        results = run_examples(deck)
    except Exception as exc:  # a checker bug must not hide the deck's other problems
        message = _("examples could not be run: {error}").format(error=exc)
        return [Problem(path, 1, 1, "warning", message)]
    problems: list[Problem] = []
    for location, message in results:
        _key, index = location
        label = card_label(source.data, index)
        if not message.startswith(label):
            message = f"{label}: {message}"
        problems.append(Problem(path, *source.locate(location), "error", message))
    return problems


# --- the deck's source file and each card's quote ------------------------------------------


def fold_quote(text: str) -> str:
    """Fold what an author cannot see or type alike: whitespace and typographic quotes.

    NFC, every run of whitespace (non-breaking spaces included) becomes one
    space, curly apostrophes and quotes become straight ones, guillemets
    become ``"`` (with the spaces French puts inside them dropped).
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_FOLDS)
    text = _GUILLEMET_OPEN.sub('"', text)
    text = _GUILLEMET_CLOSE.sub('"', text)
    return _SPACES.sub(" ", text).strip()


def _read_source(
    deck_path: Path, raw: str, max_bytes: int = MAX_SOURCE_BYTES
) -> tuple[str | None, str | None]:
    """Return (text, error message) for a deck's ``source.path``."""
    if not raw.strip():
        return None, _("source path is empty")
    if _URL.match(raw):
        return None, _(
            "source path {path!r} is a URL; give a file path relative to the deck"
        ).format(path=raw)
    if raw.startswith(("/", "\\", "~")) or Path(raw).is_absolute() or re.match(r"^[A-Za-z]:", raw):
        return None, _(
            "source path {path!r} is absolute; give a path relative to the deck file"
        ).format(path=raw)
    linked = _linked_folder(deck_path.parent, raw)
    if linked is not None:
        return None, _(
            "source path {path} goes through {link}, a symbolic link; point at the file itself"
        ).format(path=raw, link=linked)
    data, failure = read_regular_file(deck_path.parent / raw, max_bytes, follow_links=False)
    if data is None:
        kind, detail = failure
        return None, {
            "missing": _("source file not found: {path}"),
            "unreadable": _("cannot read source file {path}: {detail}"),
            "link": _("source file {path} is a symbolic link; point at the file itself"),
            "directory": _("source {path} is not a regular file"),
            "special": _("source {path} is not a regular file"),
            "too big": _("source file {path} is larger than {size} bytes"),
        }[kind].format(path=raw, detail=detail, size=number(max_bytes))
    text, bad = decode(data)
    if text is None:
        if bad:
            return None, _("source file {path} is not valid UTF-8 text (line {line})").format(
                path=raw, line=bad[0]
            )
        return None, _("source file {path} is not valid UTF-8 text").format(path=raw)
    if "\x00" in text:
        return None, _("source file {path} is not a text file").format(path=raw)
    return text, None


def _linked_folder(base: Path, raw: str) -> str | None:
    """The first folder of ``raw`` (below ``base``) that is a symbolic link, if any.

    A link anywhere on the way, not only at the file, could lead a stranger's
    deck out of its folder (``notes -> /home/you/.ssh``); the file itself is
    checked when it is read.
    """
    parts = Path(raw).parts[:-1]
    for depth in range(1, len(parts) + 1):
        if parts[depth - 1] in (".", ".."):
            continue
        if (base.joinpath(*parts[:depth])).is_symlink():
            return "/".join(parts[:depth])
    return None


def _is_blank(value: object) -> bool:
    """Whether a card's ``quote`` or ``explanation`` is missing or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def source_problems(data: dict[str, Any], source: DeckSource, path: str) -> list[Problem]:
    """Check ``deck.source`` and each card's ``quote`` against it; warn on cards missing them."""
    meta = data.get("deck")
    src = meta.get("source") if isinstance(meta, dict) else None
    if not isinstance(src, dict) or not isinstance(src.get("path"), str):
        return []
    problems: list[Problem] = []
    text, error = _read_source(source.path, src["path"])
    if error:
        problems.append(Problem(path, *source.locate(("deck", "source", "path")), "error", error))
    folded = fold_quote(text) if text is not None else None
    cards = data.get("cards")
    for index, card in enumerate(cards if isinstance(cards, list) else []):
        if not isinstance(card, dict):
            continue
        label = card_label(data, index)
        quote = card.get("quote")
        if _is_blank(quote):
            warning = _("{card}: no quote from the source").format(card=label)
            problems.append(Problem(path, *source.locate(("cards", index)), "warning", warning))
        elif isinstance(quote, str) and folded is not None and fold_quote(quote) not in folded:
            problems.append(
                Problem(
                    path,
                    *source.locate(("cards", index, "quote")),
                    "error",
                    _("{card}: quote not found in the source {path}: {quote}").format(
                        card=label, path=src["path"], quote=shorten(quote, 60)
                    ),
                )
            )
        if _is_blank(card.get("explanation")):
            warning = _("{card}: no explanation").format(card=label)
            problems.append(Problem(path, *source.locate(("cards", index)), "warning", warning))
    return problems


def cloze_separator_problems(deck: Deck, source: DeckSource, path: str) -> list[Problem]:
    """A warning for every ``::`` in a cloze text that is kept as part of an answer."""
    problems: list[Problem] = []
    for index, card in enumerate(deck.cards):
        if isinstance(card, ClozeCard):
            for message in unread_separators(card.text):
                where = source.locate(("cards", index, "text"))
                label = card_label(source.data, index)
                problems.append(Problem(path, *where, "warning", f"{label}: {message}"))
    return problems
