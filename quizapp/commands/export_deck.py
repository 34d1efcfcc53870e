"""``quizapp export DECK -o FILE.apkg|FILE.csv``: a deck for Anki or a spreadsheet."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from quizapp.commands._output import shown
from quizapp.core.i18n import _, ngettext
from quizapp.exit_codes import ExitCode


def _error(message: str, code: int = ExitCode.BAD_INPUT) -> int:
    print(_("quizapp: {message}").format(message=message), file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from quizapp.core.anki.export import csv_text, write_apkg
    from quizapp.core.atomic import FileExistsRefusal, atomic_write_bytes, atomic_write_text
    from quizapp.core.library import find_deck, load_library, unknown_deck_message

    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in (".apkg", ".csv"):
        return _error(
            _("-o {output}: write FILE.apkg (Anki) or FILE.csv").format(output=output),
            ExitCode.USAGE,
        )
    if output.exists() and not args.force:
        return _error(
            _("{output} already exists (use --force to replace it)").format(output=output)
        )
    extra = [Path(p) for p in args.decks]
    if Path(args.deck).suffix == ".toml":
        extra.append(Path(args.deck))
    library = load_library(extra_paths=extra)
    loaded = find_deck(library, args.deck)
    if loaded is None:
        return _error(unknown_deck_message(library, args.deck))
    if loaded.deck is None or not loaded.ok:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        return _error(
            _("{path}: fix the deck's errors before exporting it").format(path=shown(loaded.path))
        )
    deck = loaded.deck
    try:
        if suffix == ".csv":
            atomic_write_text(output, csv_text(deck), overwrite=args.force)
        else:
            with tempfile.TemporaryDirectory(prefix="quizapp-export-") as folder:
                built = Path(folder) / "deck.apkg"
                write_apkg(deck, built)
                atomic_write_bytes(output, built.read_bytes(), overwrite=args.force)
    except FileExistsRefusal as exc:
        return _error(str(exc))
    cards = len(deck.cards)
    print(
        ngettext(
            "wrote {output}: {n} card of '{deck}'", "wrote {output}: {n} cards of '{deck}'", cards
        ).format(output=output, n=cards, deck=deck.deck.id)
    )
    return ExitCode.OK
