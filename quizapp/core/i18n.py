"""The interface's language: English messages, translated through gettext catalogues.

Every string the interface shows is written in English in the code and
wrapped where it is used: ``_("Study")``, ``ngettext("{n} card", "{n} cards",
n).format(n=n)``, ``pgettext("rating", "Good")`` where a short word needs its
context. A string defined at import time (a module constant, a class
attribute such as Textual's ``BINDINGS``) is only *marked* with :func:`N_`
and translated with ``_()`` where it is shown: the language is chosen once
the command line and the config have been read, after many modules were
imported, and tests switch it within one process (a test enforces this).

The catalogues are ``quizapp/locale/<language>/*.po`` (one file per part of
the program, so they can be edited side by side), extracted and compiled
with Babel by ``tools/catalogs.py``; the build compiles them into
``quizapp/locale/<language>/LC_MESSAGES/quizapp.mo``. Without a compiled
catalogue the interface is English, never broken.

The language follows ``language`` in ``config.toml`` when it is set, else
the locale variables in gettext's order (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final, Literal

Language = Literal["en", "fr"]
LANGUAGES: Final[tuple[Language, ...]] = ("en", "fr")
"""The interface languages; English is the source and needs no catalogue."""

DOMAIN: Final = "quizapp"
LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: Language = "en"


def _language_of(locale_name: str) -> Language | None:
    """``fr_FR.UTF-8`` → ``fr``; None for a language the interface does not have."""
    code = locale_name.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0]
    code = code.strip().lower()
    return code if code in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """The language the locale variables ask for, as gettext reads them.

    ``LANGUAGE`` is a colon-separated list of preferences: its first language
    the interface has wins. Otherwise the first of ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG`` that is set decides (``C`` and ``POSIX`` mean
    English), as it would for any program.
    """
    env = os.environ if environ is None else environ
    for preference in env.get("LANGUAGE", "").split(":"):
        if preference and (chosen := _language_of(preference)) is not None:
            return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return _language_of(value) or "en"
    return "en"


def catalogue_path(language: Language) -> Path:
    """Where the compiled catalogue of ``language`` lives (it may not exist)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def set_language(language: Language) -> None:
    """Show every message from now on in ``language``.

    A missing catalogue (a checkout whose catalogues were not compiled)
    leaves the messages in English rather than failing.
    """
    global _translations, _language
    if language == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
        )
    _language = language


def current_language() -> Language:
    """The language :func:`set_language` chose last (English at start)."""
    return _language


def configure(config_language: str | None = None, environ: Mapping[str, str] | None = None) -> None:
    """Choose the language from the config's ``language`` (``"auto"``/None: the locale)."""
    if config_language in LANGUAGES:
        set_language(config_language)
    else:
        set_language(language_from_environment(environ))


def configured_language(config_file: Path) -> str | None:
    """The ``language`` key of the config file, read before anything heavy is imported.

    The command line's help and the first screen are already in the chosen
    language; a file that cannot be read or parsed is left to the config
    loader, which reports it as one line.
    """
    import tomli

    try:
        value = tomli.loads(config_file.read_text(encoding="utf-8")).get("language")
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return None
    return value if isinstance(value, str) else None


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count`` (French: 0 and 1 are singular)."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English word elsewhere."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (translate it where shown)."""
    return message
