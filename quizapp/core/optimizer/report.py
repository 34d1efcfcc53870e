"""Which FSRS parameters each deck schedules with, for the stats screen.

One line per deck: the group its parameters were fitted for, when, on how
many reviews, and the evaluation figures kept with them (fitted parameters
on an expanding time-series split), or "FSRS defaults".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.config import Config
from quizapp.core.models import Deck
from quizapp.core.optimizer import saved
from quizapp.core.store import open_readonly
from quizapp.core.store.protocol import Store


@dataclass(frozen=True)
class DeckParameters:
    deck_id: str
    text: str  # "fitted for preset 'lang' on 2026-12-04 (6,276 reviews); log loss …"


def deck_parameters(
    store: Store, decks: Sequence[Deck], config: Config, deck_id: str | None = None
) -> list[DeckParameters]:
    """Each deck's parameters (loaded decks, then decks known only from the history)."""
    rows: list[DeckParameters] = []
    loaded = {d.deck.id for d in decks}
    for deck in decks:
        if deck_id is None or deck.deck.id == deck_id:
            preset = config.scheduling_for(deck).preset
            record = saved.parameters_for(store, deck.deck.id, preset)
            rows.append(DeckParameters(deck.deck.id, saved.describe(record)))
    for other in sorted(store.deck_ids_with_history() - loaded):
        if deck_id is None or other == deck_id:
            rows.append(
                DeckParameters(other, saved.describe(saved.parameters_for(store, other, None)))
            )
    return rows


def parameter_lines(
    db_path: Path | None, decks: Sequence[Deck], config: Config, deck_id: str | None = None
) -> list[str]:
    """The stats screen's lines, decks with the same parameters on one line
    (all defaults when there is no history file yet)."""
    store = open_readonly(db_path)  # never creates nor migrates the history
    if store is None:
        rows = [DeckParameters(d.deck.id, saved.describe(None)) for d in decks]
        rows = [row for row in rows if deck_id in (None, row.deck_id)]
    else:
        with store:
            rows = deck_parameters(store, decks, config, deck_id)
    by_text: dict[str, list[str]] = {}
    for row in rows:
        by_text.setdefault(row.text, []).append(row.deck_id)
    return [f"{', '.join(ids)}: {text}" for text, ids in by_text.items()]
