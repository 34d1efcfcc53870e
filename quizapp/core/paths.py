"""Where quizapp keeps things: the data directory, the database, the decks."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "quizapp"
HOME_ENV = "QUIZAPP_HOME"
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """``$QUIZAPP_HOME`` when set (tests always set it), else the platform's user data dir."""
    override = os.environ.get(HOME_ENV)
    path = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    """The SQLite history file."""
    return data_dir() / "history.sqlite3"


def config_path() -> Path:
    """The user's TOML configuration (optional)."""
    return data_dir() / "config.toml"


def user_decks_dir() -> Path:
    """Decks the user keeps in the data directory; shown on the home screen."""
    return data_dir() / "decks"


def bundled_decks_dir() -> Path:
    """The decks shipped with quizapp.

    An installed wheel carries them inside the package (``_bundled/decks``); an
    editable install or a source checkout finds them beside the package.
    """
    installed = PACKAGE_DIR / "_bundled" / "decks"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "decks"
