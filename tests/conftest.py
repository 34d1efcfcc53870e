"""Shared fixtures: every test gets its own data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# A real 12,580-review log (MIT), kept in the repository so every test runs from a clone.
SAMPLE_LOG = DATA / "review-log" / "fsrs-review-log-sample.csv"


@pytest.fixture(autouse=True)
def quizapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``$QUIZAPP_HOME`` at a fresh folder so no test touches real user data."""
    home = tmp_path / "quizapp-home"
    home.mkdir()
    monkeypatch.setenv("QUIZAPP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.delenv("NO_COLOR")
    return home


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English whatever the developer's locale, and ends in English.

    ``quizapp.cli.main`` picks the language from the locale variables; a test
    that asks for French sets them (or ``language`` in config.toml) itself.
    """
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield
    from quizapp.core.i18n import set_language

    set_language("en")


@pytest.fixture(autouse=True)
def answer_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot keys come faster than a person: the options' settle time is off unless a test sets it.

    tests/test_quick_keys.py turns it on with a clock of its own.
    """
    monkeypatch.setattr("quizapp.tui.widgets.pickers.OptionPicker.SETTLE_SECONDS", 0.0)


# The throwaway PostgreSQL server, and the backends the store suites run on.
from tests.postgres_server import postgres_history, postgres_server  # noqa: E402, F401
from tests.storekit_backends import backend, new_store  # noqa: E402, F401
