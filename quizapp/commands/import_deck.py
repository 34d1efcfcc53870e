"""``quizapp import FILE -o DECK.toml``: a deck from an Anki package or a CSV/TSV file.

The deck written passes ``quizapp check`` (cards that would not are left out
and counted), an existing output is never replaced without ``--force``, and
``--with-history`` files Anki's review log under the new deck.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from quizapp.core.i18n import _, ngettext
from quizapp.core.l10n import number
from quizapp.exit_codes import ExitCode

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _error(message: str, code: int = ExitCode.BAD_INPUT) -> int:
    print(_("quizapp: {message}").format(message=message), file=sys.stderr)
    return code


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "table"
    if suffix in (".apkg", ".colpkg") or zipfile.is_zipfile(path):
        return "package"
    with path.open("rb") as handle:
        if handle.read(16) == _SQLITE_MAGIC:
            return "collection"
    return "unknown"


def run(args: argparse.Namespace) -> int:
    from quizapp.core.anki.deck_text import check_text, deck_toml
    from quizapp.core.atomic import FileExistsRefusal, atomic_write_text
    from quizapp.core.authoring.ids import ID_PATTERN, slugify

    source, output = Path(args.file), Path(args.output)
    if output.suffix != ".toml":
        return _error(
            _("-o {output}: the deck file must end in .toml").format(output=output),
            ExitCode.USAGE,
        )
    if output.exists() and not args.force:
        return _error(
            _("{output} already exists (use --force to replace it)").format(output=output)
        )
    if not source.is_file():
        return _error(_("{source}: no such file").format(source=source))
    deck_id = args.deck_id or slugify(output.name.removesuffix(".toml"), fallback="imported")
    if not ID_PATTERN.match(deck_id):
        return _error(
            _("--id {deck!r}: a deck id is lowercase letters, digits and '-'").format(deck=deck_id)
        )
    kind = _kind(source)
    notes: list[str] = []
    reviews: list[Any] = []
    if kind == "table":
        if args.with_history:
            return _error(_("--with-history needs an Anki package"), ExitCode.USAGE)
        from quizapp.core.anki.tables import TableError, parse_columns, read_table

        try:
            columns = parse_columns(args.columns) if args.columns else None
            table = read_table(source, columns)
        except TableError as exc:
            return _error(str(exc))
        cards, title = table.cards, args.title or source.stem
    elif kind in ("package", "collection"):
        loaded = _read_anki(source, kind, args.with_history)
        if isinstance(loaded, int):
            return loaded
        cards, anki_title, notes, reviews = loaded
        title = args.title or anki_title
    else:
        return _error(
            _("{source}: not an Anki package (.apkg, .colpkg) nor a CSV/TSV file").format(
                source=source
            )
        )
    if not cards:
        message = _("{source}: no cards could be imported").format(source=source)
        return _error(message + (f" ({notes[0]})" if notes else ""))
    text = deck_toml(deck_id, title[:500], cards, f"Imported from {source.name} by quizapp import.")
    errors = check_text(text, output)
    if errors:
        for problem in errors:
            print(problem, file=sys.stderr)
        return _error(
            _("{output}: the imported deck does not pass check; nothing was written").format(
                output=output
            )
        )
    try:
        atomic_write_text(output, text, overwrite=args.force)
    except FileExistsRefusal as exc:
        return _error(str(exc))
    types = Counter(card["type"] for card in cards)
    summary = ", ".join(f"{n} {t}" for t, n in sorted(types.items()))
    print(
        ngettext(
            "wrote {output}: {n} card ({summary}), deck id '{deck}'",
            "wrote {output}: {n} cards ({summary}), deck id '{deck}'",
            len(cards),
        ).format(output=output, n=len(cards), summary=summary, deck=deck_id)
    )
    for line in notes:
        print(line)
    if args.with_history:
        from quizapp.core.anki.history import import_reviews

        added, present = import_reviews(deck_id, reviews)
        print(
            _("history: {added} reviews added, {present} already there").format(
                added=number(added), present=number(present)
            )
        )
    return ExitCode.OK


def _read_anki(
    source: Path, kind: str, with_history: bool
) -> tuple[list[dict[str, Any]], str, list[str], list[Any]] | int:
    from quizapp.core.anki.history import revlog_reviews
    from quizapp.core.anki.notes import convert_notes, deck_title
    from quizapp.core.anki.package import AnkiPackage, AnkiPackageError, _resolve, open_package
    from quizapp.core.store.anki_file import NotAnAnkiCollection, read_anki_collection

    try:
        if kind == "package":
            package = open_package(source)
        else:
            rows = read_anki_collection(source)
            types = {k: _resolve(v) for k, v in rows.note_types.items()}
            package = AnkiPackage(rows, types, 0, source.name)
    except (AnkiPackageError, NotAnAnkiCollection) as exc:
        message = str(exc)
        return _error(message if message.startswith(str(source)) else f"{source}: {message}")
    converted = convert_notes(package)
    notes = [
        ngettext("skipped {n} note: {reason}", "skipped {n} notes: {reason}", count).format(
            n=count, reason=reason
        )
        for reason, count in converted.skipped.most_common()
    ]
    if package.media_files or converted.media_refs:
        notes.append(
            _(
                "media skipped: {files} files in the package, {refs} images or sounds in the cards"
            ).format(files=package.media_files, refs=converted.media_refs)
        )
    reviews = revlog_reviews(package.rows, converted.items) if with_history else []
    return converted.cards, deck_title(package), notes, reviews
