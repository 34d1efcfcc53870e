"""One way to fold quizapp's own source files into a cache key.

The caches in the data folder (validated decks, the config found valid, the
index ``quizapp due`` counts from, the home screen's last counts) must not
outlive the code that wrote them: each key includes a hash of the modules
whose code decides the cached values, so that a release or an edit in a
working copy makes old entries misses. Standard library only: the config's
key is computed before the first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b
from pathlib import Path


def hash_sources(fingerprint: blake2b, core: Path, names: Iterable[str]) -> None:
    """Feed ``fingerprint`` the bytes of each named module (a folder: its ``*.py``).

    Names are relative to ``core``, the ``quizapp/core`` folder the caller's
    module is in (given, so that a copy of the package hashes its own files).
    A file that cannot be read (an installation without sources) adds a marker
    instead, so that the version, fed first by the caller, alone decides.
    """
    for name in names:
        target = core / name
        files = sorted(target.glob("*.py")) if target.is_dir() else [target]
        for file in files:
            fingerprint.update(file.relative_to(core).as_posix().encode() + b"\0")
            try:
                fingerprint.update(file.read_bytes())
            except OSError:
                fingerprint.update(b"?")
