"""What ``quizapp due`` counts from, cached, so that it runs without the deck and config models.

Counting a deck's day needs little: its id and title, its items' ids, which
items are siblings, three of its scheduling options (with the config's
overrides) and the learner's study-day clock (rollover hour, time zone,
learn-ahead minutes). Importing and running the models that validate decks
and the config costs several times the counting itself, so after a run that
loaded every deck without an error ``quizapp due`` writes those values to
``<data dir>/cache/counts.json`` (atomically), and the next run counts from
there alone.

**When the index is used.** Its key must match all of: every deck file the
library finds (path as found, resolved path, size, modification time and
BLAKE2 hash of its bytes, in order), the config file's (or its absence), the
quizapp version, the fingerprint of the code that decides a deck
(:func:`quizapp.core.deck_index.code_fingerprint`) and of the modules that
derive the indexed values (the config, the sibling rules, this one), and what
decides the system's time zone (``$TZ``, the ``/etc/localtime`` link). A
PostgreSQL history or a zone without an IANA name is never indexed. Anything
else (a missing, damaged, foreign or stale index) is a miss: the command loads
and validates everything as before and writes the index again. The file is
data anyone with access to the data folder could write, so it is JSON, read
with its size bounded and every value type-checked; a value of the wrong type
is a miss. A deck that quotes a ``source`` file is indexed with that file's
state as it was when the deck loaded, and the index is used only while the
file is unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import quizapp
from quizapp.core.clock import StudyClock
from quizapp.core.deck_index import code_fingerprint, digest, discover, library_roots
from quizapp.core.paths import config_path, data_dir
from quizapp.core.source_hash import hash_sources
from quizapp.core.store.backend import URL_VARIABLE
from quizapp.core.study_counts import DayLimits

if TYPE_CHECKING:
    from quizapp.core.config import Config
    from quizapp.core.models import Deck

INDEX_FORMAT = 1
MAX_INDEX_BYTES = 256 * 1024 * 1024
# Modules outside the deck fingerprint whose code decides an indexed value.
_DERIVING = ("config.py", "study_queue.py", "count_index.py", "clock.py")


def index_path() -> Path:
    """``cache/counts.json`` in the data folder."""
    return data_dir() / "cache" / "counts.json"


@dataclass(frozen=True)
class IndexedDeck:
    """One deck file as counting needs it."""

    path: str  # as the library found it (the report names it)
    deck_id: str
    title: str
    items: Sequence[str]
    siblings: Mapping[str, Sequence[str]]  # only items that have siblings
    limits: DayLimits

    def sibling_groups(self) -> Mapping[str, Sequence[str]]:
        """Item id → its siblings' ids (what :func:`~quizapp.core.study_counts.count_day` asks)."""
        return self.siblings


@dataclass(frozen=True)
class CountIndex:
    """The learner's study-day clock and the decks, in the library's order."""

    rollover_hour: int
    zone: str
    learn_ahead_minutes: int
    decks: Sequence[IndexedDeck]

    def clock(self) -> StudyClock:
        return StudyClock(ZoneInfo(self.zone), self.rollover_hour)

    def study_day(self, now: datetime) -> date:
        return self.clock().study_day(now)


@functools.cache
def _code_key() -> str:
    fingerprint = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    hash_sources(fingerprint, Path(__file__).resolve().parent, _DERIVING)
    return fingerprint.hexdigest()


def _file_state(path: Path) -> list[Any] | None:
    """[resolved path, size, mtime_ns, BLAKE2] of a regular file; None when absent or not one."""
    try:
        resolved = path.resolve()
        info = os.stat(resolved)
        with open(resolved, "rb") as handle:
            data = handle.read(info.st_size + 1)
    except (OSError, RuntimeError):
        return None
    return [str(resolved), info.st_size, info.st_mtime_ns, digest(data)]


def index_key(extra_paths: Iterable[Path | str]) -> dict[str, Any]:
    """What the index must have been made from to be used now (read before the decks load)."""
    decks = [[str(path), _file_state(path)] for path in discover(library_roots(extra_paths))]
    try:
        localtime = os.path.realpath("/etc/localtime")
    except (OSError, ValueError):
        localtime = ""
    return {
        "index": INDEX_FORMAT,
        "app": quizapp.__version__,
        "code": _code_key(),
        "config": _file_state(config_path()),
        "tz": [os.environ.get("TZ"), localtime],
        "decks": decks,
    }


def load_index(key: Mapping[str, Any]) -> CountIndex | None:
    """The index when it was made from exactly ``key``, else None (never an error)."""
    if os.environ.get(URL_VARIABLE, "").strip():  # a PostgreSQL history: counted there
        return None
    try:
        with open(index_path(), "rb") as handle:
            data = json.loads(handle.read(MAX_INDEX_BYTES + 1))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        index = _parse(data["body"])
        if any(_file_state(Path(file)) != state for file, state in _depends(data["body"])):
            return None
        return index
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def _depends(body: dict[str, Any]) -> list[tuple[str, object]]:
    """The source files the decks quote, with their state when the index was written."""
    found = []
    for deck in body["decks"]:
        for entry in deck["depends"]:
            if not isinstance(entry, list) or len(entry) != 2 or type(entry[0]) is not str:
                raise TypeError("not a dependency")
            found.append((entry[0], entry[1]))
    return found


def _strings(value: object) -> list[str]:
    if not isinstance(value, list) or not all(type(v) is str for v in value):
        raise TypeError("not a list of strings")
    return value


def _integer(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def _parse(body: object) -> CountIndex:
    if not isinstance(body, dict) or not isinstance(body.get("decks"), list):
        raise TypeError("not an index")
    decks = []
    for raw in body["decks"]:
        if not isinstance(raw, dict) or not isinstance(raw.get("siblings"), dict):
            raise TypeError("not a deck")
        limits = raw["limits"]
        if not isinstance(limits, dict) or type(limits.get("bury_siblings")) is not bool:
            raise TypeError("not limits")
        path, deck_id, title = raw["path"], raw["id"], raw["title"]
        if not (type(path) is str and type(deck_id) is str and type(title) is str):
            raise TypeError("not a deck")
        decks.append(
            IndexedDeck(
                path=path,
                deck_id=deck_id,
                title=title,
                items=_strings(raw["items"]),
                siblings={str(k): _strings(v) for k, v in raw["siblings"].items()},
                limits=DayLimits(
                    _integer(limits["new_per_day"]),
                    _integer(limits["reviews_per_day"]),
                    limits["bury_siblings"],
                ),
            )
        )
    zone = body["zone"]
    if type(zone) is not str:
        raise TypeError("not a zone")
    ZoneInfo(zone)  # a zone this machine does not know is a miss (ValueError, KeyError)
    return CountIndex(
        rollover_hour=_integer(body["rollover_hour"]),
        zone=zone,
        learn_ahead_minutes=_integer(body["learn_ahead_minutes"]),
        decks=decks,
    )


def _zone_name(zone: tzinfo) -> str | None:
    """The IANA name that gives back this very zone, else None (a zone read from a file)."""
    name = getattr(zone, "key", None)
    if not isinstance(name, str):
        return None
    try:
        return name if ZoneInfo(name) is zone else None
    except (ValueError, KeyError, OSError):
        return None


def save_index(key: Mapping[str, Any], config: Config, decks: Sequence[tuple[Path, Deck]]) -> None:
    """Write the index of decks that all loaded without errors (atomically; failures ignored)."""
    from quizapp.core.atomic import atomic_write_bytes
    from quizapp.core.study_counts import deck_limits
    from quizapp.core.study_queue import sibling_groups

    zone = _zone_name(config.tz)
    if config.database_url is not None or zone is None or len(decks) != len(key["decks"]):
        return
    entries = []
    for path, deck in decks:
        # A deck that quotes a source file is valid only with that file as it was read.
        source = None if deck.deck.source is None else path.parent / deck.deck.source.path
        depends = [] if source is None else [[str(source), _file_state(source)]]
        items = deck.items()
        groups = sibling_groups(items)
        limits = deck_limits(deck, config)
        entries.append(
            {
                "path": str(path),
                "id": deck.deck.id,
                "title": deck.deck.title,
                "depends": depends,
                "items": [item.id for item in items],
                "siblings": {k: sorted(v) for k, v in groups.items() if v},
                "limits": {
                    "new_per_day": limits.new_per_day,
                    "reviews_per_day": limits.reviews_per_day,
                    "bury_siblings": limits.bury_siblings,
                },
            }
        )
    body = {
        "rollover_hour": config.day_rollover_hour,
        "zone": zone,
        "learn_ahead_minutes": config.learn_ahead_minutes,
        "decks": entries,
    }
    payload = json.dumps({"key": key, "body": body}, ensure_ascii=False, separators=(",", ":"))
    with contextlib.suppress(OSError):
        index_path().parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(index_path(), payload.encode())
