"""The user's optional configuration file (TOML at ``config_path()``).

```toml
day_rollover_hour = 4        # a new study day starts at this local hour
leech_threshold = 8          # lapses that make a card a leech
quick_ratio = 0.333          # answers faster than this share of the median are "easy"
timezone = "Europe/Paris"    # optional; default: the system's zone

[decks.libya-2019.scheduling]  # overrides of the deck's [deck.scheduling]
desired_retention = 0.85
new_per_day = 10
```

A bad file gives a :class:`ConfigError` whose message is one line naming the
file and the problem; commands print it instead of a traceback.

Day rollover: a *study day* runs from ``day_rollover_hour`` local time to
the same wall-clock hour the next day, computed in the configured zone with
:mod:`zoneinfo`, so a day across a daylight-saving change lasts 23 or 25 hours.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pydantic
import tomli

from quizapp.core.models import Deck, SchedulingOptions
from quizapp.core.paths import config_path

_KNOWN_KEYS = {"day_rollover_hour", "leech_threshold", "quick_ratio", "timezone", "decks"}


class ConfigError(Exception):
    """The configuration file is unusable; the message is one line for the user."""


def system_zone() -> tzinfo:
    """The system's time zone with its DST rules.

    ``$TZ`` (an IANA name) wins, then the ``/etc/localtime`` link's name or
    file; as a last resort the current fixed UTC offset (no DST rules).
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        with localtime.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


@dataclass(frozen=True)
class Config:
    """User settings with their defaults. ``zone`` None means the system zone."""

    day_rollover_hour: int = 4
    leech_threshold: int = 8
    quick_ratio: float = 1 / 3
    zone: tzinfo | None = None
    deck_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)

    @cached_property
    def tz(self) -> tzinfo:
        """The zone days roll over in: the configured one, else the system's."""
        return self.zone if self.zone is not None else system_zone()

    def scheduling_for(self, deck: Deck) -> SchedulingOptions:
        """The deck's ``[deck.scheduling]`` with this config's overrides for it applied."""
        base = deck.deck.scheduling
        overrides = self.deck_overrides.get(deck.deck.id)
        if not overrides:
            return base
        return SchedulingOptions.model_validate({**base.model_dump(), **overrides})

    # study days ----------------------------------------------------------------
    def study_day(self, now: datetime) -> date:
        """The study day ``now`` belongs to (a local date; before the rollover hour, yesterday)."""
        local = _aware(now).astimezone(self.tz)
        wall = local.replace(tzinfo=None) - timedelta(hours=self.day_rollover_hour)
        return wall.date()

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """UTC start and end of a study day (end = the next day's start)."""
        return self._rollover(day), self._rollover(day + timedelta(days=1))

    def day_start(self, now: datetime) -> datetime:
        """When the current study day began, in UTC."""
        return self._rollover(self.study_day(now))

    def next_day_start(self, now: datetime) -> datetime:
        """When the next study day begins, in UTC (when buried cards come back)."""
        return self._rollover(self.study_day(now) + timedelta(days=1))

    def _rollover(self, day: date) -> datetime:
        local = datetime.combine(day, time(self.day_rollover_hour), tzinfo=self.tz)
        return local.astimezone(UTC)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment


def _fail(path: Path, message: str) -> ConfigError:
    return ConfigError(f"{path}: {message}")


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Validate a parsed TOML table into a :class:`Config`."""
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise _fail(path, f"unknown key {unknown[0]!r}")
    kwargs: dict[str, Any] = {}
    hour = data.get("day_rollover_hour", 4)
    if type(hour) is not int or not 0 <= hour <= 23:
        raise _fail(path, "day_rollover_hour must be a whole hour from 0 to 23")
    kwargs["day_rollover_hour"] = hour
    threshold = data.get("leech_threshold", 8)
    if type(threshold) is not int or threshold < 1:
        raise _fail(path, "leech_threshold must be a whole number of lapses, at least 1")
    kwargs["leech_threshold"] = threshold
    ratio = data.get("quick_ratio", 1 / 3)
    if type(ratio) not in (int, float) or not 0 < ratio <= 1:
        raise _fail(path, "quick_ratio must be a number above 0 and at most 1")
    kwargs["quick_ratio"] = float(ratio)
    if "timezone" in data:
        name = data["timezone"]
        try:
            kwargs["zone"] = ZoneInfo(name) if isinstance(name, str) else None
        except (ZoneInfoNotFoundError, ValueError):
            kwargs["zone"] = None
        if kwargs["zone"] is None:
            raise _fail(path, f"timezone {name!r} is not a known time zone (e.g. 'Europe/Paris')")
    decks = data.get("decks", {})
    if not isinstance(decks, dict):
        raise _fail(path, "decks must be a table of [decks.<deck id>.scheduling] tables")
    overrides: dict[str, dict[str, Any]] = {}
    for deck_id, table in decks.items():
        if not isinstance(table, dict) or set(table) - {"scheduling"}:
            raise _fail(path, f"decks.{deck_id} may only hold a 'scheduling' table")
        scheduling = table.get("scheduling", {})
        if not isinstance(scheduling, dict):
            raise _fail(path, f"decks.{deck_id}.scheduling must be a table")
        try:
            SchedulingOptions.model_validate(scheduling)
        except pydantic.ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise _fail(path, f"decks.{deck_id}.scheduling.{where}: {err['msg']}") from None
        overrides[deck_id] = dict(scheduling)
    kwargs["deck_overrides"] = overrides
    return Config(**kwargs)


def load_config(path: Path | None = None) -> Config:
    """Read the user's config; defaults when the file does not exist."""
    path = config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise _fail(path, f"cannot read the configuration: {exc.strerror or exc}") from None
    try:
        data = tomli.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _fail(path, "the configuration is not UTF-8 text") from None
    except tomli.TOMLDecodeError as exc:
        raise _fail(path, f"invalid TOML: {exc}") from None
    return parse_config(data, path)


def load_config_or_exit(path: Path | None = None) -> Config:
    """For commands: the config, or the one-line error on stderr and exit status 1."""
    try:
        return load_config(path)
    except ConfigError as exc:
        print(f"quizapp: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
