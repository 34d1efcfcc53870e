"""Fitted parameters kept in the history, and which deck uses which.

Parameters are fitted for a *group* of decks and stored in the history's
settings, as JSON, under ``fsrs.parameters.<group>``:

* ``preset:<name>``: every deck whose ``[deck.scheduling] preset`` is that name
  (a small deck is fitted together with the others of its kind);
* ``deck:<id>``: a deck with no preset, alone;
* ``all``: every deck's history together (``quizapp optimize`` with no deck).

A deck uses its group's parameters, else those fitted for all decks, else the
FSRS defaults. A desired retention the learner accepted from
``quizapp optimize --retention`` is kept with the parameters and replaces the
deck file's, unless the configuration file sets one for that deck (the
learner's explicit word wins).

No fitting library is imported here: study sessions read this at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import timedelta
from typing import Any

from quizapp.core import scheduling
from quizapp.core.clock import from_ms
from quizapp.core.config import Config
from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.l10n import number
from quizapp.core.models import Deck, SchedulingOptions
from quizapp.core.store.protocol import Store

ALL = "all"
KEY_PREFIX = "fsrs.parameters."
INDEX_KEY = "fsrs.parameters.index"
REFIT_AGE = timedelta(days=30)
REFIT_REVIEWS = 1_000


def group_of(deck_id: str, preset: str | None) -> str:
    """The parameter group of a deck: its preset's, else its own."""
    return f"preset:{preset}" if preset else f"deck:{deck_id}"


def group_label(group: str, *, translated: bool = True) -> str:
    """How a group reads in messages: ``preset 'languages'``, ``deck libya``, ``all decks``.

    ``translated=False``: always English, for text that ends up in JSON reports.
    """
    shown = _ if translated else N_
    if group == ALL:
        return shown(N_("all decks"))
    kind, _sep, name = group.partition(":")
    if kind == "preset":
        return shown(N_("preset {name!r}")).format(name=name)
    return shown(N_("deck {name}")).format(name=name)


@dataclass(frozen=True)
class SavedParameters:
    """One fitted parameter set and what it was fitted on."""

    group: str
    parameters: tuple[float, ...]
    fitted_ms: int
    reviews: int  # inter-day reviews fitted on
    answers_at_fit: int  # graded answers of its decks when fitted (re-fit suggestion)
    decks: tuple[str, ...] | None  # None: every deck
    evaluation: dict[str, dict[str, float | None]] | None = None
    desired_retention: float | None = None  # accepted with ``optimize --retention``
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        data = asdict(self)
        data["parameters"] = list(self.parameters)
        data["decks"] = None if self.decks is None else list(self.decks)
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SavedParameters | None:
        """The record, or None for one that is damaged or of the wrong length."""
        try:
            data = json.loads(text)
            parameters = tuple(float(w) for w in data["parameters"])
            if len(parameters) != 21:
                return None
            decks = data.get("decks")
            return cls(
                group=str(data["group"]),
                parameters=parameters,
                fitted_ms=int(data["fitted_ms"]),
                reviews=int(data["reviews"]),
                answers_at_fit=int(data.get("answers_at_fit", 0)),
                decks=None if decks is None else tuple(str(d) for d in decks),
                evaluation=data.get("evaluation"),
                desired_retention=data.get("desired_retention"),
                extra=dict(data.get("extra") or {}),
            )
        except (KeyError, TypeError, ValueError):
            return None


def load(store: Store, group: str) -> SavedParameters | None:
    text = store.get_setting(KEY_PREFIX + group)
    return None if text is None else SavedParameters.from_json(text)


def saved_groups(store: Store) -> list[str]:
    """Groups that have parameters, in the order first saved."""
    try:
        groups = json.loads(store.get_setting(INDEX_KEY) or "[]")
    except ValueError:
        return []
    return [str(g) for g in groups] if isinstance(groups, list) else []


def save(store: Store, record: SavedParameters) -> None:
    """Store (or replace) a group's parameters; study sessions use them from then on."""
    store.set_setting(KEY_PREFIX + record.group, record.to_json())
    groups = saved_groups(store)
    if record.group not in groups:
        store.set_setting(INDEX_KEY, json.dumps([*groups, record.group]))


def accept_retention(store: Store, group: str, retention: float) -> SavedParameters:
    """Keep an accepted desired retention with the group's parameters."""
    record = load(store, group)
    if record is None:
        raise ValueError(f"{group_label(group)} has no fitted parameters")
    record = replace(record, desired_retention=round(retention, 2))
    save(store, record)
    return record


def parameters_for(store: Store, deck_id: str, preset: str | None) -> SavedParameters | None:
    """The parameters a deck uses: its group's, else all decks', else None (defaults)."""
    return load(store, group_of(deck_id, preset)) or load(store, ALL)


def options_for(store: Store, deck: Deck, config: Config) -> SchedulingOptions:
    """A deck's scheduling options with the fitted parameters it uses (what study schedules by)."""
    options = config.scheduling_for(deck)
    saved = parameters_for(store, deck.deck.id, options.preset)
    if saved is None:
        return options
    retention = saved.desired_retention
    if "desired_retention" in config.deck_overrides.get(deck.deck.id, {}):
        retention = None
    try:
        return scheduling.with_parameters(options, saved.parameters, desired_retention=retention)
    except ValueError:
        # A record the scheduler refuses (edited by hand, from another version)
        # must not stop study: the deck's own options still schedule well.
        return options


def refit_reason(record: SavedParameters, now_ms: int, answers_now: int) -> str | None:
    """Why a group should be fitted again (a month old, 1,000 new reviews), or None."""
    new = answers_now - record.answers_at_fit
    if new >= REFIT_REVIEWS:
        return ngettext(
            "{n} new review since they were fitted", "{n} new reviews since they were fitted", new
        ).format(n=number(new))
    days = (now_ms - record.fitted_ms) // 86_400_000
    if days >= REFIT_AGE.days:
        return ngettext("fitted {n} day ago", "fitted {n} days ago", days).format(n=days)
    return None


def describe(record: SavedParameters | None, fallback: str = "FSRS defaults") -> str:
    """One line for a parameter set: where from, when, and its evaluation if any."""
    if record is None:
        return fallback

    when = from_ms(record.fitted_ms).date().isoformat()
    label = group_label(record.group, translated=False)
    text = f"fitted for {label} on {when} ({record.reviews:,} reviews)"
    fitted = (record.evaluation or {}).get("fitted")
    if fitted:
        text += f"; log loss {fitted['log_loss']:.3f}, RMSE {fitted['rmse_bins']:.3f}" + (
            f", AUC {fitted['auc']:.3f}" if fitted.get("auc") is not None else ""
        )
    if record.desired_retention is not None:
        text += f"; desired retention {record.desired_retention:.2f}"
    return text


def deck_groups(decks: Sequence[Deck], config: Config) -> dict[str, list[str]]:
    """Group → the loaded decks in it (by the effective preset)."""
    groups: dict[str, list[str]] = {}
    for deck in decks:
        group = group_of(deck.deck.id, config.scheduling_for(deck).preset)
        groups.setdefault(group, []).append(deck.deck.id)
    return groups
