"""The decks the app knows: bundled decks, the user's decks folder, and paths given.

A deck with errors is still part of the library (so the home screen and
``quizapp check`` can show what is wrong with it) but it is not ``ok`` and has
no ``deck`` to study. Deck ids must be unique across the library, because
review history is keyed by deck id: the second file using an id gets an error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.decks import MAX_DECK_BYTES, DeckSource, inspect_deck
from quizapp.core.models import Deck
from quizapp.core.paths import bundled_decks_dir, user_decks_dir
from quizapp.core.problems import Problem, ProblemList
from quizapp.core.text import visible_line


@dataclass
class LoadedDeck(ProblemList):
    """One deck file of the library: its deck (None when it has errors) and its problems."""

    path: Path
    deck: Deck | None
    problems: list[Problem] = field(default_factory=list)
    source: DeckSource | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the deck loaded and has no errors (warnings are fine)."""
        return self.deck is not None and not self.errors

    @property
    def id(self) -> str:
        """The deck id; for a deck that failed to load, the id it declares, else the file stem."""
        if self.deck is not None:
            return self.deck.deck.id
        declared = self._declared("id")
        return declared if declared is not None else self.path.stem

    @property
    def title(self) -> str:
        if self.deck is not None:
            return self.deck.deck.title
        declared = self._declared("title")
        return declared if declared is not None else self.path.name

    def _declared(self, key: str) -> str | None:
        data = self.source.data if self.source is not None else None
        meta = data.get("deck") if isinstance(data, dict) else None
        value = meta.get(key) if isinstance(meta, dict) else None
        return value if isinstance(value, str) and value else None

    def locate(self, parts: Iterable[str | int]) -> tuple[int, int]:
        """(line, column) of a key path such as ``("cards", 3, "answer")`` in the file."""
        return self.source.locate(parts) if self.source is not None else (1, 1)


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Deck files named by ``paths``: files as given, folders searched for ``*.toml``.

    Folders are searched recursively (hidden folders skipped) in sorted order.
    A path that does not exist is kept, so that loading it reports the problem.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*.toml")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve() if candidate.exists() else candidate.absolute()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def load_deck_file(
    path: Path, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = True
) -> LoadedDeck:
    """Lint one deck file into a :class:`LoadedDeck`.

    ``examples=False`` skips running the cards' examples through the answer
    checker (the slowest check, about 0.1 s a deck), e.g. for a quick refresh.
    """
    report = inspect_deck(path, max_bytes=max_bytes, examples=examples)
    return LoadedDeck(path=path, deck=report.deck, problems=report.problems, source=report.source)


def load_paths(paths: Iterable[Path | str], *, examples: bool = True) -> list[LoadedDeck]:
    """Load every deck file under ``paths``; a deck id used twice is an error on the later file."""
    loaded = [load_deck_file(path, examples=examples) for path in discover(paths)]
    first: dict[str, LoadedDeck] = {}
    for item in loaded:
        if item.deck is None:
            continue
        deck_id = item.deck.deck.id
        if deck_id in first:
            line, column = item.locate(("deck", "id"))
            message = f"deck id {deck_id!r} is already used by {first[deck_id].path}"
            item.problems.append(Problem(str(item.path), line, column, "error", message))
            item.deck = None
        else:
            first[deck_id] = item
    return loaded


def load_library(
    extra_paths: Iterable[Path | str] = (), *, examples: bool = True
) -> list[LoadedDeck]:
    """The bundled decks, then the user's decks folder, then ``extra_paths``."""
    roots: list[Path | str] = []
    bundled = bundled_decks_dir()
    user = user_decks_dir()
    if bundled.is_dir():
        # A bundled deck copied into the user's folder (to edit it) is loaded from there.
        roots.extend(p for p in discover([bundled]) if not (user / p.name).is_file())
    if user.is_dir():
        roots.append(user)
    roots.extend(extra_paths)
    return load_paths(roots, examples=examples)


def find_deck(library: Iterable[LoadedDeck], id_or_path: str | Path) -> LoadedDeck | None:
    """The deck with that id, or else the deck loaded from that file path."""
    decks = list(library)
    for item in decks:
        if item.id == str(id_or_path) and (item.deck is not None or not item.errors):
            return item
    for item in decks:
        if item.id == str(id_or_path):
            return item
    target = Path(id_or_path)
    target = target.resolve() if target.exists() else target.absolute()
    for item in decks:
        path = item.path.resolve() if item.path.exists() else item.path.absolute()
        if path == target:
            return item
    return None


MAX_LISTED_IDS = 20


def _suggestions(arg: str, ids: list[str]) -> list[str]:
    """The ids the learner probably meant: those containing what was typed, else the closest."""
    key = arg.casefold()
    if not key:
        return []
    containing = [deck_id for deck_id in ids if key in deck_id.casefold()]
    if containing:
        return containing[:3]
    folded = {deck_id.casefold(): deck_id for deck_id in ids}
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return [folded[match] for match in close]


def unknown_deck_message(library: Iterable[LoadedDeck], arg: str | Path) -> str:
    """What to say when ``arg`` names no deck: the deck ids there are, and the likely one.

    One line, without the program name, for every command that takes a deck
    id (``study``, ``quiz``, ``--plain``, the full-screen app). A bare "no deck"
    leaves the learner guessing at ids they have never seen, so the known
    ids are listed (at most :data:`MAX_LISTED_IDS`), and an id that is close
    to one of them ("libya-2019-eng", "Capitals") gets a "did you mean".
    """
    text = visible_line(str(arg))
    ids = sorted({item.id for item in library})
    if not ids:
        return f"no deck '{text}', and no decks were found; give a deck file path"
    listed = ", ".join(ids[:MAX_LISTED_IDS])
    if len(ids) > MAX_LISTED_IDS:
        listed += f" and {len(ids) - MAX_LISTED_IDS} more"
    listing = f"{visible_line(listed)} (or give a deck file path)"
    suggestions = _suggestions(str(arg), ids)
    if not suggestions:
        return f"no deck '{text}'; the decks are: {listing}"
    names = " or ".join(f"'{visible_line(s)}'" for s in suggestions)
    return f"no deck '{text}'; did you mean {names}? The decks are: {listing}"


def line_of_card(loaded: LoadedDeck, card_id: str) -> int:
    """The line of a card's ``[[cards]]`` header (or first key), for opening an editor there.

    ``card_id`` may be a study item id (``c.1``, ``x.reverse``): the card part is used.
    Returns 1 when the card is not found.
    """
    card_part = card_id.split(".", 1)[0]
    data = loaded.source.data if loaded.source is not None else None
    cards = data.get("cards") if isinstance(data, dict) else None
    for index, card in enumerate(cards if isinstance(cards, list) else []):
        if isinstance(card, dict) and card.get("id") == card_part:
            return loaded.locate(("cards", index))[0]
    return 1
