"""The user's optional configuration file (TOML at ``config_path()``), and every default.

```toml
day_rollover_hour = 4        # a new study day starts at this local hour
leech_threshold = 8          # lapses that make a card a leech
quick_ratio = 0.333          # answers faster than this share of the median are "easy"
timezone = "Europe/Paris"    # optional; default: the system's zone
backups_keep = 7             # verified backups of the history kept in backups/

[decks.libya-2019.scheduling]  # overrides of the deck's [deck.scheduling]
desired_retention = 0.85
new_per_day = 10
```

:class:`Config` is the one place the defaults live: code that needs one reads
it from a ``Config`` (``Config()`` holds them all). The file is validated by
the model; a bad file gives a :class:`ConfigError` whose message is one line,
``PATH:LINE: message`` at the key at fault, which commands print instead of a
traceback.

Study days (from ``day_rollover_hour`` local time to the same hour the next
day) are computed by :class:`quizapp.core.clock.StudyClock`; ``Config.clock``
is the learner's.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from quizapp.core.clock import StudyClock
from quizapp.core.decks import DeckSource
from quizapp.core.i18n import N_, _
from quizapp.core.models import Deck, SchedulingOptions
from quizapp.core.paths import config_path


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


class DeckSettings(BaseModel):
    """One ``[decks.<deck id>]`` table of the file."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    scheduling: SchedulingOptions = Field(default_factory=SchedulingOptions)
    """Overrides of the deck's own ``[deck.scheduling]``; only the keys given here apply."""

    @property
    def overrides(self) -> dict[str, Any]:
        """The scheduling keys this table sets, with their values."""
        return self.scheduling.model_dump(include=self.scheduling.model_fields_set)


class Config(BaseModel):
    """The learner's settings, with their defaults (``Config()`` is a missing file)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        arbitrary_types_allowed=True,
        use_attribute_docstrings=True,
        populate_by_name=True,
    )

    day_rollover_hour: int = Field(default=4, ge=0, le=23)
    """The local hour a new study day starts at: cards buried today come back then, and
    the daily limits and the stats' days turn over. 4 keeps a late session in its day."""

    leech_threshold: int = Field(default=8, ge=1)
    """Lapses (Again on a card in review) that make a card a leech, flagged for a rewrite."""

    quick_ratio: float = Field(default=1 / 3, gt=0, le=1)
    """A right answer faster than this share of the learner's median response time for
    the deck is proposed Easy rather than Good."""

    learn_ahead_minutes: int = Field(default=20, ge=0, le=1440)
    """When nothing else is left today, a learning card due within this many minutes is
    shown now rather than ending on a wait (Anki's learn-ahead limit); 0 always waits."""

    zone: tzinfo | None = Field(default=None, alias="timezone")
    """The IANA time zone days roll over in (file key ``timezone``, e.g. ``"Europe/Paris"``);
    None: the system's zone."""

    database_url: str | None = Field(default=None, min_length=1)
    """A PostgreSQL history shared by several machines or a class
    (``postgresql://ROLE@HOST/DATABASE``); None: the local SQLite file.
    ``$QUIZAPP_DATABASE_URL`` wins over it."""

    backups_keep: int = Field(default=7, ge=1, le=1000)
    """How many verified backups of the SQLite history to keep in ``backups/`` (the newest;
    see docs/data-safety.md)."""

    language: Literal["auto", "en", "fr"] = "auto"
    """The interface's language: ``"en"``, ``"fr"``, or ``"auto"`` to follow the locale
    (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""

    decks: dict[str, DeckSettings] = Field(default_factory=dict)
    """Per-deck settings by deck id: ``[decks.<deck id>.scheduling]`` overrides."""

    @field_validator("zone", mode="before")
    @classmethod
    def _zone_from_name(cls, value: object) -> object:
        """A zone name from the file becomes a :class:`ZoneInfo`; code may pass a tzinfo."""
        if isinstance(value, str):
            try:
                return ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError("not a known time zone") from None
        return value

    @cached_property
    def tz(self) -> tzinfo:
        """The zone days roll over in: the configured one, else the system's."""
        return self.zone if self.zone is not None else system_zone()

    @cached_property
    def clock(self) -> StudyClock:
        """The learner's study-day clock."""
        return StudyClock(self.tz, self.day_rollover_hour)

    @property
    def deck_overrides(self) -> dict[str, dict[str, Any]]:
        """Scheduling overrides by deck id (only decks that set some)."""
        return {deck_id: s.overrides for deck_id, s in self.decks.items() if s.overrides}

    def scheduling_for(self, deck: Deck) -> SchedulingOptions:
        """The deck's ``[deck.scheduling]`` with this config's overrides for it applied."""
        base = deck.deck.scheduling
        settings = self.decks.get(deck.deck.id)
        if settings is None or not settings.overrides:
            return base
        return SchedulingOptions.model_validate({**base.model_dump(), **settings.overrides})

    # Shorthands for the clock's questions the engines ask most.
    def study_day(self, now: datetime) -> date:
        """The study day ``now`` belongs to (see :meth:`StudyClock.study_day`)."""
        return self.clock.study_day(now)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """UTC start and end of a study day (see :meth:`StudyClock.day_bounds`)."""
        return self.clock.day_bounds(day)

    def day_start(self, now: datetime) -> datetime:
        """When the current study day began, in UTC."""
        return self.clock.day_start(now)

    def next_day_start(self, now: datetime) -> datetime:
        """When the next study day begins, in UTC (when buried cards come back)."""
        return self.clock.next_day_start(now)


# What each setting must be, said the way a person would fix it.
_RULES = {
    "day_rollover_hour": N_("day_rollover_hour must be a whole hour from 0 to 23"),
    "leech_threshold": N_("leech_threshold must be a whole number of lapses, at least 1"),
    "quick_ratio": N_("quick_ratio must be a number above 0 and at most 1"),
    "language": N_('language must be "auto", "en" or "fr"'),
    "backups_keep": N_("backups_keep must be a whole number of backups from 1 to 1000"),
    "decks": N_("decks must be a table of [decks.<deck id>.scheduling] tables"),
}  # marked only: shown through _()


def _message(loc: tuple[int | str, ...], kind: str, detail: str, given: object) -> str:
    """One pydantic error (location, type, message, input) in the file's own words."""
    key = str(loc[0]) if loc else ""
    if len(loc) == 1 and kind == "extra_forbidden":
        return _("unknown key {key!r}").format(key=key)
    if key == "timezone":
        return _("timezone {given!r} is not a known time zone (e.g. 'Europe/Paris')").format(
            given=given
        )
    if key == "decks" and len(loc) >= 2:
        deck_id = loc[1]
        if len(loc) == 2 or (len(loc) == 3 and kind == "extra_forbidden"):
            return _("decks.{deck} may only hold a 'scheduling' table").format(deck=deck_id)
        if len(loc) == 3:
            return _("decks.{deck}.scheduling must be a table").format(deck=deck_id)
        where = ".".join(str(part) for part in loc[3:])
        return f"decks.{deck_id}.scheduling.{where}: {detail}"
    return _(_RULES[key]) if key in _RULES else f"{key}: {detail}"


def parse_config(data: dict[str, Any], path: Path, text: str | None = None) -> Config:
    """Validate a parsed TOML table into a :class:`Config`.

    ``text`` (the file's text) lets an error name the line of the key at fault.
    """
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        source = DeckSource(path, text, data) if text is not None else None
        located = [
            (
                source.locate(err["loc"])[0] if source is not None else None,
                _message(err["loc"], err["type"], err["msg"], err["input"]),
            )
            for err in exc.errors()
        ]
        line, message = min(located, key=lambda found: found[0] or 0)
        where = f"{path}:{line}" if line is not None else str(path)
        raise ConfigError(f"{where}: {message}") from None


def load_config(path: Path | None = None) -> Config:
    """Read the user's config; defaults when the file does not exist."""
    path = config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(
            _("{path}: cannot read the configuration: {error}").format(
                path=path, error=exc.strerror or exc
            )
        ) from None
    return config_from_bytes(path, raw)


def config_from_bytes(path: Path, raw: bytes) -> Config:
    """Validate the config file's bytes (``path`` names it in an error)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(
            _("{path}: the configuration is not UTF-8 text").format(path=path)
        ) from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ConfigError(
            _("{path}:{line}: invalid TOML: {error} (column {column})").format(
                path=path, line=exc.lineno, error=exc.msg, column=exc.colno
            )
        ) from None
    return parse_config(data, path, text)


DEFAULT_CONFIG = Config()
"""Every setting at its default: what a learner without a config file gets."""
