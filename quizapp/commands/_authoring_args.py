"""The argument grammar of the deck-writing commands: new, fmt, add, import, export.

Kept apart from ``cli.py`` so that the authoring tools grow without crowding
the study commands' grammar. Every option has help text (a test checks it).
"""

from __future__ import annotations

from typing import Any


def add_authoring_commands(sub: Any) -> None:
    """Add the authoring subcommands to the top-level subparsers action ``sub``."""
    new = sub.add_parser("new", help="write a commented starter deck to fill in")
    new.add_argument("path", metavar="PATH", help="the deck file to create (.toml)")
    new.add_argument("--title", default=None, help="the deck's title (default: from the file name)")
    new.add_argument(
        "--language", choices=["en", "fr"], default="en", help="language of the cards (default en)"
    )
    new.set_defaults(command_module="quizapp.commands.new")

    fmt = sub.add_parser("fmt", help="rewrite decks in the canonical layout, keeping comments")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="deck files or folders of decks")
    fmt.add_argument(
        "--add-ids", action="store_true", help="give every card without an id one from its prompt"
    )
    fmt.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list the files that would change and exit 1 if any",
    )
    fmt.set_defaults(command_module="quizapp.commands.fmt")

    add = sub.add_parser("add", help="add a card to a deck with a form")
    add.add_argument("deck", metavar="DECK", help="a deck id or a deck file path")
    add.add_argument(
        "--decks",
        action="append",
        default=[],
        metavar="PATH",
        help="an extra deck file or folder (repeat for several)",
    )
    add.set_defaults(command_module="quizapp.commands.add")

    imp = sub.add_parser("import", help="make a deck from an Anki package or a CSV/TSV file")
    imp.add_argument("file", metavar="FILE", help="an .apkg, .colpkg, .csv, .tsv or .txt file")
    imp.add_argument(
        "-o", "--output", required=True, metavar="DECK.toml", help="the deck file to write"
    )
    imp.add_argument("--force", action="store_true", help="overwrite the output if it exists")
    imp.add_argument(
        "--with-history",
        action="store_true",
        help="also bring the Anki review log into the history",
    )
    imp.add_argument(
        "--columns",
        default=None,
        metavar="LIST",
        help="CSV columns without a header row, e.g. 'front,back,tags'",
    )
    imp.add_argument("--id", default=None, dest="deck_id", help="the new deck's id")
    imp.add_argument("--title", default=None, help="the new deck's title")
    imp.set_defaults(command_module="quizapp.commands.import_deck")

    exp = sub.add_parser("export", help="write a deck as an Anki package or a CSV file")
    exp.add_argument("deck", metavar="DECK", help="a deck id or a deck file path")
    exp.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="FILE.apkg or FILE.csv to write"
    )
    exp.add_argument("--force", action="store_true", help="overwrite the output if it exists")
    exp.add_argument(
        "--decks",
        action="append",
        default=[],
        metavar="PATH",
        help="an extra deck file or folder (repeat for several)",
    )
    exp.set_defaults(command_module="quizapp.commands.export_deck")
