"""The argument grammar of the deck-writing commands: new, fmt, add, import, export.

Kept apart from ``cli.py`` so that the authoring tools grow without crowding
the study commands' grammar. Every option has help text (a test checks it).
"""

from __future__ import annotations

from typing import Any

from quizapp.core.i18n import _


def add_authoring_commands(sub: Any) -> None:
    """Add the authoring subcommands to the top-level subparsers action ``sub``."""
    new = sub.add_parser("new", help=_("write a commented starter deck to fill in"))
    new.add_argument("path", metavar=_("PATH"), help=_("the deck file to create (.toml)"))
    new.add_argument(
        "--title",
        default=None,
        metavar=_("TITLE"),
        help=_("the deck's title (default: from the file name)"),
    )
    new.add_argument(
        "--language",
        choices=["en", "fr"],
        default="en",
        help=_("language of the cards (default en)"),
    )
    new.set_defaults(command_module="quizapp.commands.new")

    fmt = sub.add_parser("fmt", help=_("rewrite decks in the canonical layout, keeping comments"))
    fmt.add_argument(
        "paths", nargs="+", metavar=_("PATH"), help=_("deck files or folders of decks")
    )
    fmt.add_argument(
        "--add-ids",
        action="store_true",
        help=_("give every card without an id one from its prompt"),
    )
    fmt.add_argument(
        "--check",
        action="store_true",
        help=_("change nothing; list the files that would change and exit 1 if any"),
    )
    fmt.set_defaults(command_module="quizapp.commands.fmt")

    add = sub.add_parser("add", help=_("add a card to a deck with a form"))
    add.add_argument("deck", metavar=_("DECK"), help=_("a deck id or a deck file path"))
    add.add_argument(
        "--decks",
        action="append",
        default=[],
        metavar=_("PATH"),
        help=_("an extra deck file or folder (repeat for several)"),
    )
    add.set_defaults(command_module="quizapp.commands.add")

    imp = sub.add_parser("import", help=_("make a deck from an Anki package or a CSV/TSV file"))
    imp.add_argument(
        "file", metavar=_("FILE"), help=_("an .apkg, .colpkg, .csv, .tsv or .txt file")
    )
    imp.add_argument(
        "-o", "--output", required=True, metavar=_("DECK.toml"), help=_("the deck file to write")
    )
    imp.add_argument("--force", action="store_true", help=_("overwrite the output if it exists"))
    imp.add_argument(
        "--with-history",
        action="store_true",
        help=_("also bring the Anki review log into the history"),
    )
    imp.add_argument(
        "--columns",
        default=None,
        metavar=_("LIST"),
        help=_("CSV columns without a header row, e.g. 'front,back,tags'"),
    )
    imp.add_argument(
        "--id", default=None, dest="deck_id", metavar=_("DECK_ID"), help=_("the new deck's id")
    )
    imp.add_argument("--title", default=None, metavar=_("TITLE"), help=_("the new deck's title"))
    imp.set_defaults(command_module="quizapp.commands.import_deck")

    exp = sub.add_parser("export", help=_("write a deck as an Anki package or a CSV file"))
    exp.add_argument("deck", metavar=_("DECK"), help=_("a deck id or a deck file path"))
    exp.add_argument(
        "-o", "--output", required=True, metavar=_("FILE"), help=_("FILE.apkg or FILE.csv to write")
    )
    exp.add_argument("--force", action="store_true", help=_("overwrite the output if it exists"))
    exp.add_argument(
        "--decks",
        action="append",
        default=[],
        metavar=_("PATH"),
        help=_("an extra deck file or folder (repeat for several)"),
    )
    exp.set_defaults(command_module="quizapp.commands.export_deck")
