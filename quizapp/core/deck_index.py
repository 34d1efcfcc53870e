"""Deck files and their cache entries, with the standard library alone (no pydantic).

What finds the deck files (:func:`discover`, :func:`library_roots`) and names
and keys the entries of the cache of validated decks
(:mod:`quizapp.core.decks.cache`) lives here, so that the home screen can
show its rows (:func:`previews`) before the deck models, which take longer
to import than the entries take to read, are loaded.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import quizapp
from quizapp.core.i18n import current_language
from quizapp.core.paths import bundled_decks_dir, data_dir, user_decks_dir
from quizapp.core.source_hash import hash_sources

CACHE_FORMAT: Literal[1] = 1


def cache_dir() -> Path:
    """Where the entries are: ``cache/decks`` in the data folder."""
    return data_dir() / "cache" / "decks"


# The modules whose code decides whether a deck is valid, what it holds and
# what ``quizapp check`` says about it.
# (tests/test_deck_cache.py checks that it names every module they import.)
_DECIDING = (
    "models.py",
    "problems.py",
    "text.py",
    "words.py",
    "unicode_classes.py",
    "i18n.py",
    "l10n.py",
    "decks",
    "checking",
)


@functools.cache
def code_fingerprint() -> str:
    """A hash of the quizapp version and the sources of the modules that decide a deck.

    A new release, a changed model (its schema) or a changed check in a
    working copy all change it, so no entry outlives the code that wrote it.
    Read once per process (about 40 small files, the compiled translation
    catalogues among them: cached warnings are words in the interface's language).
    """
    core = Path(__file__).resolve().parent
    fingerprint = hashlib.blake2b(f"{quizapp.__version__}\0{CACHE_FORMAT}".encode(), digest_size=16)
    hash_sources(fingerprint, core, _DECIDING)
    # The warnings are cached as words: a changed translation is a changed check.
    for catalogue in sorted(core.parent.glob("locale/*/LC_MESSAGES/*.mo")):
        fingerprint.update(catalogue.parent.parent.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            fingerprint.update(catalogue.read_bytes())
    return fingerprint.hexdigest()


def digest(data: bytes) -> str:
    """The BLAKE2 hash the cache keys files by."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def entry_path(resolved: Path) -> Path:
    """The cache file of one deck file, named by a hash of its resolved path."""
    return cache_dir() / f"{digest(str(resolved).encode('utf-8', 'surrogatepass'))}.json"


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


def library_roots(
    extra_paths: Iterable[Path | str] = (),
    bundled: Path | None = None,
    user: Path | None = None,
) -> list[Path | str]:
    """The bundled decks, then the user's decks folder, then ``extra_paths``.

    ``bundled`` and ``user`` default to :mod:`quizapp.core.paths`' folders.
    """
    roots: list[Path | str] = []
    bundled = bundled or bundled_decks_dir()
    user = user or user_decks_dir()
    if bundled.is_dir():
        # A bundled deck copied into the user's folder (to edit it) is loaded from there.
        roots.extend(p for p in discover([bundled]) if not (user / p.name).is_file())
    if user.is_dir():
        roots.append(user)
    roots.extend(extra_paths)
    return roots


@dataclass(frozen=True)
class DeckPreview:
    """What the deck table shows of a deck before it is loaded: its id, title and items."""

    path: Path
    deck_id: str
    title: str
    items: int


MAX_KEY_LINE = 1_000_000


def previews(paths: Iterable[Path | str]) -> list[DeckPreview] | None:
    """Every deck file's preview from its cache entry, or None unless all of them have one.

    The entry's key line must match the file as the full lookup checks it
    (path, size, mtime, content hash, version, code and language); the
    deck's source file and the entry's body are left to the full load that
    always follows, which alone decides whether a deck can be studied. None
    as well when two files declare one deck id: the full load reports that.
    """
    found: list[DeckPreview] = []
    code, language = code_fingerprint(), current_language()
    for path in discover(paths):
        try:
            preview = _preview(path, code, language)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if preview is None:
            return None
        found.append(preview)
    if len({p.deck_id for p in found}) != len(found):
        return None
    return found


def _preview(path: Path, code: str, language: str) -> DeckPreview | None:
    resolved = path.resolve()
    info = os.stat(resolved)
    with open(entry_path(resolved), "rb") as handle:
        key = json.loads(handle.readline(MAX_KEY_LINE))
    if not isinstance(key, dict) or (
        key.get("cache"),
        key.get("app"),
        key.get("code"),
        key.get("language"),
        key.get("path"),
        key.get("size"),
        key.get("mtime_ns"),
    ) != (CACHE_FORMAT, quizapp.__version__, code, language, str(resolved), info.st_size,
          info.st_mtime_ns):  # fmt: skip
        return None
    with open(resolved, "rb") as handle:
        data = handle.read(info.st_size + 1)
    deck_id, title, items = key.get("deck_id"), key.get("title"), key.get("items")
    if (
        key.get("blake2b") != digest(data)
        or not isinstance(deck_id, str)
        or not isinstance(title, str)
        or type(items) is not int
    ):
        return None
    return DeckPreview(path, deck_id, title, items)
