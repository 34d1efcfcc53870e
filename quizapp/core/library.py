"""The decks the app knows: bundled decks, the user's decks folder, and paths given.

A deck with errors is still part of the library (so the home screen and
``quizapp check`` can show what is wrong with it) but it is not ``ok`` and has
no ``deck`` to study. Deck ids must be unique across the library, because
review history is keyed by deck id: the second file using an id gets an error.

:func:`select_decks` is the one way a command-line argument (a deck id, a
deck file, ``all``) becomes decks, for the TUI, plain mode and every command.
The rule for a card's ``examples`` (the author's tests of the answer
checker) is the same everywhere: a failing example is an error of
``quizapp check``, never a reason to refuse studying; studying such a deck
says why once (:func:`examples_notice`). So the library is loaded without
running the examples, which also keeps every start fast.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.deck_index import discover, library_roots
from quizapp.core.decks import MAX_DECK_BYTES, DeckSource
from quizapp.core.decks.cache import inspect_deck_cached
from quizapp.core.i18n import _, ngettext
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


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a deck's objects are made.

    A deck is hundreds of thousands of small objects without cycles, freed
    by reference counting alone; the collector, triggered by every
    few hundred allocations, walks all of them again and again (over half
    of a warm load at 100,000 cards). It is switched back on after.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def load_deck_file(
    path: Path, *, max_bytes: int = MAX_DECK_BYTES, examples: bool = False
) -> LoadedDeck:
    """Lint one deck file into a :class:`LoadedDeck`.

    ``examples=True`` also runs the cards' examples through the answer checker
    (the slowest check, about 0.1 s a deck): ``quizapp check`` does, to study
    a deck nothing needs them (see :func:`examples_notice`). A deck file
    unchanged since it was last found valid comes from the cache of
    validated decks (:mod:`quizapp.core.decks.cache`).
    """
    with _no_cycle_collection():
        report = inspect_deck_cached(path, max_bytes=max_bytes, examples=examples)
    return LoadedDeck(path=path, deck=report.deck, problems=report.problems, source=report.source)


def load_paths(paths: Iterable[Path | str], *, examples: bool = False) -> list[LoadedDeck]:
    """Load every deck file under ``paths``; a deck id used twice is an error on the later file."""
    loaded = [load_deck_file(path, examples=examples) for path in discover(paths)]
    first: dict[str, LoadedDeck] = {}
    for item in loaded:
        if item.deck is None:
            continue
        deck_id = item.deck.deck.id
        if deck_id in first:
            line, column = item.locate(("deck", "id"))
            message = _("deck id {deck!r} is already used by {path}").format(
                deck=deck_id, path=first[deck_id].path
            )
            item.problems.append(Problem(str(item.path), line, column, "error", message))
            item.deck = None
        else:
            first[deck_id] = item
    return loaded


def load_library(
    extra_paths: Iterable[Path | str] = (), *, examples: bool = False
) -> list[LoadedDeck]:
    """The bundled decks, then the user's decks folder, then ``extra_paths``."""
    roots = library_roots(extra_paths, bundled_decks_dir(), user_decks_dir())
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


def unknown_deck_message(
    library: Iterable[LoadedDeck], arg: str | Path, *, paths: bool = True
) -> str:
    """What to say when ``arg`` names no deck: the deck ids there are, and the likely one.

    One line, without the program name, for every command that takes a deck
    id (``study``, ``quiz``, ``--plain``, the full-screen app). A bare "no deck"
    leaves the learner guessing at ids they have never seen, so the known
    ids are listed (at most :data:`MAX_LISTED_IDS`), and an id that is close
    to one of them ("libya-2019-eng", "Capitals") gets a "did you mean".
    ``paths=False``: for a command that takes an id only, no hint about a file path.
    """
    text = visible_line(str(arg))
    ids = sorted({item.id for item in library})
    if not ids:
        if not paths:
            return _("no deck '{deck}', and no decks were found").format(deck=text)
        return _("no deck '{deck}', and no decks were found; give a deck file path").format(
            deck=text
        )
    listed = ", ".join(ids[:MAX_LISTED_IDS])
    if len(ids) > MAX_LISTED_IDS:
        more = len(ids) - MAX_LISTED_IDS
        listed += _(" and {n} more").format(n=more)
    listing = visible_line(listed)
    if paths:
        listing = _("{decks} (or give a deck file path)").format(decks=listing)
    suggestions = _suggestions(str(arg), ids)
    if not suggestions:
        return _("no deck '{deck}'; the decks are: {decks}").format(deck=text, decks=listing)
    names = _(" or ").join(f"'{visible_line(s)}'" for s in suggestions)
    return _("no deck '{deck}'; did you mean {names}? The decks are: {decks}").format(
        deck=text, names=names, decks=listing
    )


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


# ---------------------------------------------------------------- the command line's deck


ALL = "all"


class DeckArgumentError(Exception):
    """A deck argument that names nothing to study; the message is one line for the learner."""


@dataclass(frozen=True)
class Selection:
    """What a command-line deck argument names, and the library it was found in.

    ``decks`` are the decks to study or quiz, all usable. ``own_paths`` is set
    when the argument was a deck file: the library is then exactly that file
    and the ``--decks`` paths, so a copy of a bundled deck can be studied
    without its id clashing with the original. ``notices`` are one-line
    remarks to show once before studying (decks skipped by ``all``, examples
    that fail).
    """

    arg: str
    decks: list[LoadedDeck]
    library: list[LoadedDeck]
    extra_paths: list[Path]
    own_paths: list[Path] | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """``all``, or the id of the one deck selected."""
        return ALL if self.arg == ALL else self.decks[0].id


def first_error(loaded: LoadedDeck) -> str:
    """The first error of a deck that failed to load, as one line."""
    errors = loaded.errors or loaded.problems
    return str(errors[0]) if errors else _("it could not be loaded")


def select_decks(
    arg: str, extra: Sequence[Path | str] = (), *, allow_all: bool = True
) -> Selection:
    """The decks ``arg`` names: a deck id, a deck file path, or (``allow_all``) ``all``.

    Raises :class:`DeckArgumentError` when it names no deck, or a deck with
    errors. Failing examples never refuse a deck; they are in ``notices``.
    """
    extra_paths = [Path(p) for p in extra]
    own_paths: list[Path] | None = None
    if arg != ALL and Path(arg).is_file():
        own_paths = [Path(arg), *extra_paths]
        library = load_paths(own_paths)
    else:
        library = load_library(extra_paths)
    notices: list[str] = []
    if allow_all and arg == ALL:
        for broken in (loaded for loaded in library if not loaded.ok):
            notices.append(
                _("skipping deck {deck!r}: {error}").format(
                    deck=broken.id, error=first_error(broken)
                )
            )
        chosen = [loaded for loaded in library if loaded.ok]
        if not chosen:
            raise DeckArgumentError(_("no deck without errors to study"))
    else:
        loaded = find_deck(library, arg)
        if loaded is None:
            raise DeckArgumentError(unknown_deck_message(library, arg))
        if not loaded.ok:
            raise DeckArgumentError(
                _("deck {deck!r} has errors ({error}); see 'quizapp check'").format(
                    deck=arg, error=first_error(loaded)
                )
            )
        chosen = [loaded]
    notices += [notice for loaded in chosen if (notice := examples_notice(loaded))]
    return Selection(
        arg, chosen, library, extra_paths, own_paths, [visible_line(n) for n in notices]
    )


def example_failures(loaded: LoadedDeck) -> list[Problem]:
    """The deck's examples that the answer checker does not judge as the author said.

    Runs the examples (about 0.1 s a deck); only a deck without other errors
    has examples worth running.
    """
    if not loaded.ok or loaded.deck is None or not any(c.examples for c in loaded.deck.cards):
        return []
    return inspect_deck_cached(loaded.path, examples=True).errors


def examples_notice(loaded: LoadedDeck) -> str | None:
    """What to say once before studying a deck whose examples fail; None when they pass."""
    failures = example_failures(loaded)
    if not failures:
        return None
    count = len(failures)
    return ngettext(
        "deck {deck!r}: {n} example of its cards is not judged as written; it can still be "
        "studied ('quizapp check {path}' lists them)",
        "deck {deck!r}: {n} examples of its cards are not judged as written; it can still be "
        "studied ('quizapp check {path}' lists them)",
        count,
    ).format(deck=loaded.id, n=count, path=loaded.path)
