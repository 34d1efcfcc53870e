"""Where quizapp keeps things: the data directory, the database, the decks."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "quizapp"
HOME_ENV = "QUIZAPP_HOME"
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """``$QUIZAPP_HOME`` when set (tests always set it), else the platform's user data dir.

    Nothing is created here: reading the config or listing the user's decks
    must work (and fail cleanly) when the folder is missing or is a file; the
    code that writes (the store) creates the folder it writes into.
    """
    override = os.environ.get(HOME_ENV)
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))


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
