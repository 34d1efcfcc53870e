"""The config file checked before the first screen, without importing the config model.

A bad ``config.toml`` must be one line on stderr before any screen, so the
home screen's command validates it first. Validating it means importing
:mod:`quizapp.core.config` and with it pydantic and the deck models (a
quarter of a second here), before the first frame, on every start. The text
of a config file that was found valid is therefore remembered by its hash, in
``<data dir>/cache/config.json``: when the file still has those bytes (and the
code that judges it is the same), nothing is imported. Any other file is
validated by the model, as before, and remembered once it passes.

The entry is data anyone with access to the data folder could write: a
damaged, foreign or stale one is a miss (the file is validated), never an
error. It only ever says "valid": an entry forged for a bad file lets the
start go on to the home screen, whose deck loader reads the config again and
ends the app with the same one-line error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path

import quizapp
from quizapp.core.paths import config_path, data_dir
from quizapp.core.source_hash import hash_sources

ENTRY_FORMAT = 1
MAX_ENTRY = 4096  # an entry is about 300 bytes; a longer file is not ours

# The modules whose code decides whether a config file is valid.
_DECIDING = ("config.py", "models.py", "clock.py")


def entry_path() -> Path:
    """Where the remembered hash is: ``cache/config.json`` in the data folder."""
    return data_dir() / "cache" / "config.json"


@functools.cache
def code_fingerprint() -> str:
    """A hash of the quizapp version and the sources of the modules that judge a config."""
    fingerprint = hashlib.blake2b(f"{quizapp.__version__}\0{ENTRY_FORMAT}".encode(), digest_size=16)
    hash_sources(fingerprint, Path(__file__).resolve().parent, _DECIDING)
    return fingerprint.hexdigest()


def _key(path: Path, data: bytes) -> dict[str, object]:
    return {
        "cache": ENTRY_FORMAT,
        "code": code_fingerprint(),
        "path": str(path.absolute()),
        "blake2b": hashlib.blake2b(data, digest_size=20).hexdigest(),
    }


def known_valid(path: Path, data: bytes) -> bool:
    """True when these bytes of the config file were found valid by this code before."""
    try:
        with open(entry_path(), "rb") as handle:
            entry = json.loads(handle.read(MAX_ENTRY))
    except (OSError, ValueError):
        return False
    return isinstance(entry, dict) and entry == _key(path, data)


def remember_valid(path: Path, data: bytes) -> None:
    """Note that these bytes are a valid config; a folder that cannot be written is no error."""
    from quizapp.core.atomic import atomic_write_bytes

    target = entry_path()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, json.dumps(_key(path, data)).encode())


def check_config(path: Path | None = None) -> None:
    """Raise :class:`quizapp.core.config.ConfigError` for a bad config file, cheaply for a good one.

    No file: nothing to say (the defaults apply). A file whose bytes were
    found valid before: nothing imported. Otherwise the model validates it.
    """
    path = config_path() if path is None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError:
        from quizapp.core.config import load_config

        load_config(path)  # says why the file cannot be read, in its words
        return
    if known_valid(path, data):
        return
    from quizapp.core.config import config_from_bytes

    config_from_bytes(path, data)  # the very bytes that are remembered
    remember_valid(path, data)
