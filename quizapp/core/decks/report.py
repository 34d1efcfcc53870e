"""The report of linting one deck file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.decks.source import DeckSource, Location
from quizapp.core.models import Deck
from quizapp.core.problems import Problem, ProblemList


@dataclass
class DeckReport(ProblemList):
    """Everything known about one deck file after linting it.

    ``deck`` is None when there is any error, so a deck with errors is never
    studied by accident; ``source`` is None when the file could not be parsed.
    """

    path: Path
    deck: Deck | None
    problems: list[Problem]
    source: DeckSource | None = None

    def locate(self, parts: Iterable[str | int]) -> Location:
        return self.source.locate(parts) if self.source else (1, 1)
