"""Extract, check and compile the interface's translation catalogues (with Babel).

The English messages are the ``_()``, ``N_()``, ``ngettext()`` and
``pgettext()`` calls of ``quizapp/`` (see :mod:`quizapp.core.i18n`). Each
language has a folder ``quizapp/locale/<language>/`` of ``.po`` files, one per
part of the program (``tui.po``, ``cli.po``…), so that several people can
translate at once; compiling merges them into
``quizapp/locale/<language>/LC_MESSAGES/quizapp.mo``, which the build does
(``hatch_build.py``) and which ``python tools/catalogs.py compile`` redoes by
hand after an edit.

    python tools/catalogs.py extract          # quizapp/locale/quizapp.pot
    python tools/catalogs.py missing fr       # messages with no French yet
    python tools/catalogs.py add fr AREA      # append them, empty, to fr/AREA.po
    python tools/catalogs.py prune fr         # drop translations the code no longer uses
    python tools/catalogs.py compile          # every language's .mo
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "quizapp"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "quizapp"
LANGUAGES = ("fr",)
# gettext's classic plural rules, kept simpler than CLDR's (French "many" for
# millions): (language) -> (number of forms, the form's index for n).
PLURALS = {"fr": (2, "(n > 1)")}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

MessageId = str | tuple[str, str]
"""A message's id as Babel keys it: the English text, or (singular, plural)."""
Key = tuple[MessageId, str | None]
"""The id and its context."""


def extract() -> Catalog:
    """Every marked message of ``quizapp/``, with where it is used."""
    catalog = Catalog(domain=DOMAIN, project="quizapp")
    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            locations=[(f"quizapp/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _key(message: Message) -> Key:
    msgid = message.id if isinstance(message.id, str) else tuple(message.id)
    return (msgid, message.context)  # type: ignore[return-value]


def sources(language: str) -> list[Path]:
    """The language's ``.po`` files, in name order."""
    return sorted((LOCALE_DIR / language).glob("*.po"))


def read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def translations(language: str) -> tuple[dict[Key, Message], list[str]]:
    """Every translated message of the language's files, and the problems found merging them.

    A problem is an entry left fuzzy, or one message translated differently
    in two files.
    """
    merged: dict[Key, Message] = {}
    where: dict[Key, Path] = {}
    problems: list[str] = []
    for path in sources(language):
        for message in read(path, language):
            if not message.id:
                continue
            key = _key(message)
            if message.fuzzy:
                problems.append(f"{path.name}: fuzzy: {message.id!r}")
                continue
            if not _translated(message):
                continue
            if key in merged and merged[key].string != message.string:
                problems.append(
                    f"{path.name}: {message.id!r} translated differently in {where[key].name}"
                )
                continue
            merged[key] = message
            where[key] = path
    return merged, problems


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(bool(s) for s in strings)


def missing(language: str) -> list[Message]:
    """The extracted messages that no ``.po`` file of the language translates."""
    done, _problems = translations(language)
    return [m for m in extract() if m.id and _key(m) not in done]


def unused(language: str) -> list[Key]:
    """Translations of messages the code no longer has."""
    wanted = {_key(m) for m in extract() if m.id}
    done, _problems = translations(language)
    return [key for key in done if key not in wanted]


def new_catalog(language: str) -> Catalog:
    """An empty catalogue of ``language`` with the project's header and plural rule."""
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project="quizapp",
        version="",
        copyright_holder="the quizapp authors",
        msgid_bugs_address="",
        last_translator="the quizapp authors",
        language_team=language,
        fuzzy=False,
    )
    catalog._num_plurals, catalog._plural_expr = PLURALS[language]
    return catalog


def add(language: str, area: str, messages: Iterable[Message]) -> Path:
    """Append ``messages``, untranslated, to ``<language>/<area>.po`` (created if new)."""
    path = LOCALE_DIR / language / f"{area}.po"
    catalog = read(path, language) if path.exists() else new_catalog(language)
    for message in messages:
        catalog.add(
            message.id,
            string=("", "") if isinstance(message.id, (list, tuple)) else "",
            locations=message.locations,
            auto_comments=message.auto_comments,
            context=message.context,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, omit_header=False)
    return path


def prune(language: str) -> list[Path]:
    """Drop from the language's files the translations of messages the code no longer has."""
    stale = set(unused(language))
    changed: list[Path] = []
    for path in sources(language):
        catalog = read(path, language)
        gone = [m for m in catalog if m.id and _key(m) in stale]
        for message in gone:
            catalog.delete(message.id, context=message.context)
        if gone:
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, sort_output=False, omit_header=False)
            changed.append(path)
    return changed


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Merge each language's ``.po`` files into its ``LC_MESSAGES/quizapp.mo``."""
    written: list[Path] = []
    for language in LANGUAGES:
        done, _problems = translations(language)
        catalog = new_catalog(language)
        for message in done.values():
            catalog[message.id] = message
        target = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".mo.tmp")
        with partial.open("wb") as handle:
            write_mo(handle, catalog)
        partial.replace(target)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    match argv:
        case ["extract"]:
            path = LOCALE_DIR / f"{DOMAIN}.pot"
            with path.open("wb") as handle:
                write_po(handle, extract(), width=100, omit_header=False)
            print(path.relative_to(ROOT))
        case ["missing", language]:
            for message in missing(language):
                where = ", ".join(f"{f}:{n}" for f, n in message.locations)
                print(f"{where}: {message.id!r}")
        case ["add", language, area]:
            todo = missing(language)
            print(f"{add(language, area, todo).relative_to(ROOT)}: {len(todo)} added")
        case ["prune", language]:
            for path in prune(language):
                print(path.relative_to(ROOT))
        case ["compile"]:
            for path in compile_all():
                print(path.relative_to(ROOT))
        case _:
            print(__doc__, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
