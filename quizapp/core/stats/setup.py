"""What the figures depend on besides the history: the learner's decks, clock and settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.config import DEFAULT_CONFIG
from quizapp.core.models import Deck
from quizapp.core.stats.clock import DEFAULT_ROLLOVER_HOUR

if TYPE_CHECKING:
    from quizapp.core.config import Config


@dataclass(frozen=True)
class StatsSetup:
    """What the figures depend on besides the database: the decks and the learner's clock."""

    decks: list[Deck]
    tz: tzinfo
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR
    leech_threshold: int = DEFAULT_CONFIG.leech_threshold
    config: Config | None = None  # for the per-deck overrides of the desired retention


def load_setup(
    extra_paths: Sequence[Path | str] = (), *, decks: Sequence[Deck] | None = None
) -> StatsSetup:
    """The user's decks (bundled and their own) and config, as the CLI and the screen use them.

    ``decks`` already loaded (the TUI has them) are used as they are. A bad
    config raises the config module's one-line ``ConfigError``; decks that
    fail to load are left out (``quizapp check`` reports them), since stats of
    the others are still worth showing. Card examples are not run: stats only
    need the cards' ids and tags.
    """
    from quizapp.core.config import load_config

    config = load_config()
    if decks is None:
        from quizapp.core.library import load_library

        loaded = load_library(extra_paths, examples=False)
        decks = [ld.deck for ld in loaded if ld.deck is not None]
    return StatsSetup(
        list(decks), config.tz, config.day_rollover_hour, config.leech_threshold, config
    )
