"""The one shape every deck problem takes, for the CLI, the linter and the TUI."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from quizapp.core.text import visible_line

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A problem with a deck file, printed as ``PATH:LINE:COL: severity: message``."""

    path: str
    line: int | None
    column: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # One problem, one line: a file name or a quoted source path may hold a
        # newline or an escape, which would otherwise forge lines of its own.
        return visible_line(f"{where}: {self.severity}: {self.message}")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ProblemList:
    """Errors and warnings of an object with a ``problems`` list (a deck report, a loaded deck).

    Errors make a deck unusable; warnings never do. Kept in one place so every
    view of a deck draws that line the same way.
    """

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class DeckError(Exception):
    """Raised by the loader when a deck has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
