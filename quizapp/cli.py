"""The command line: parses arguments and hands each subcommand to its module.

Subcommand modules are imported lazily so that ``quizapp check`` or
``quizapp due`` never pays for importing Textual; the TUI is imported only to
launch it. Exit codes are :class:`quizapp.exit_codes.ExitCode`.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from quizapp import __version__
from quizapp.commands._authoring_args import add_authoring_commands
from quizapp.commands._history_args import add_history_commands
from quizapp.core.i18n import _, pgettext
from quizapp.exit_codes import ExitCode


def _positive_int(text: str) -> int:
    """A count of at least 1 (``-n 0`` would save an empty quiz scored 0%)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a whole number").format(text=text)
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{text} is not a count of at least 1").format(text=text))
    return value


def build_parser() -> argparse.ArgumentParser:
    """The whole argument grammar, in one place so ``--help`` is complete."""
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description=_(
            "Terminal quizzes and flashcards from plain TOML decks, scheduled with FSRS."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"quizapp {__version__}",
        help=_("show program's version number and exit"),
    )
    sub = parser.add_subparsers(title=pgettext("help section", "commands"), metavar=_("COMMAND"))

    home = sub.add_parser(
        "home", help=_("open the decks screen (the default: 'quizapp [PATH...]')")
    )
    home.add_argument(
        "paths",
        nargs="*",
        metavar=_("PATH"),
        help=_("extra deck files or folders beside the bundled decks"),
    )
    home.set_defaults(command_module="quizapp.commands.home")

    check = sub.add_parser("check", help=_("validate deck files and folders"))
    check.add_argument(
        "decks", nargs="+", metavar=_("PATH"), help=_("deck files or folders of decks")
    )
    check.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        dest="output_format",
        help=_("text lines PATH:LINE:COL (default) or a JSON list, for editors"),
    )
    check.add_argument(
        "--orphans",
        action="store_true",
        help=_("also list history of cards no longer in the decks"),
    )
    check.add_argument(
        "--watch", action="store_true", help=_("check again every time a deck file is saved")
    )
    check.set_defaults(command_module="quizapp.commands.check")

    for name, helptext in (
        ("study", _("study the due cards of a deck")),
        ("quiz", _("take a scored quiz")),
    ):
        cmd = sub.add_parser(name, help=helptext)
        deck_help = (
            _("a deck id or a deck file path ('all' for every deck)")
            if name == "study"
            else _("a deck id or a deck file path")
        )
        cmd.add_argument("deck", metavar=_("DECK"), help=deck_help)
        cmd.add_argument(
            "--plain", action="store_true", help=_("line mode: no full-screen interface")
        )
        if name == "quiz":
            cmd.add_argument(
                "-n",
                type=_positive_int,
                default=10,
                dest="count",
                metavar=_("COUNT"),
                help=_("number of questions"),
            )
            cmd.add_argument(
                "--seed",
                type=int,
                default=None,
                metavar=_("SEED"),
                help=_("seed for a repeatable quiz"),
            )
        # One path per --decks, repeatable: a list option would swallow DECK after it.
        cmd.add_argument(
            "--decks",
            action="append",
            default=[],
            metavar=_("PATH"),
            help=_("an extra deck file or folder (repeat for several)"),
        )
        cmd.set_defaults(command_module=f"quizapp.commands.{name}")

    due = sub.add_parser("due", help=_("due, learning and new counts per deck"))
    due.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    due.add_argument(
        "--decks",
        nargs="+",
        action="extend",
        default=[],
        metavar=_("PATH"),
        help=_("extra deck files or folders"),
    )
    due.set_defaults(command_module="quizapp.commands.due")

    stats = sub.add_parser("stats", help=_("review and quiz statistics"))
    stats.add_argument("--deck", default=None, metavar=_("ID"), help=_("only this deck"))
    stats.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    stats.add_argument("--full", action="store_true", help=_("every table, not the summary"))
    stats.set_defaults(command_module="quizapp.commands.stats")

    klass = sub.add_parser(
        "class",
        help=_("every learner's quiz scores, streak and retention (a teacher's connection)"),
    )
    klass.add_argument("--deck", default=None, metavar=_("ID"), help=_("only this deck"))
    klass.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    klass.set_defaults(command_module="quizapp.commands.class_view")

    optimize = sub.add_parser(
        "optimize", help=_("fit FSRS parameters to your reviews (and evaluate them)")
    )
    optimize.add_argument(
        "--deck",
        default=None,
        metavar=_("ID"),
        help=_("fit this deck's preset (default: all decks)"),
    )
    optimize.add_argument(
        "--evaluate", action="store_true", help=_("score default and fitted parameters")
    )
    optimize.add_argument(
        "--retention", action="store_true", help=_("recommend a desired retention by simulation")
    )
    optimize.add_argument(
        "--accept", action="store_true", help=_("keep the recommended retention without asking")
    )
    optimize.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    optimize.set_defaults(command_module="quizapp.commands.optimize")

    for name, helptext in (
        ("suspend", _("leave cards out of study until unsuspended")),
        ("unsuspend", _("bring suspended cards back into study")),
    ):
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("deck_id", metavar=_("DECK"), help=_("a deck id"))
        cmd.add_argument(
            "items",
            nargs="*",
            metavar=_("CARD"),
            help=_("card ids (none: list the suspended cards)"),
        )
        cmd.set_defaults(command_module="quizapp.commands.suspend", action=name)

    draft = sub.add_parser("draft", help=_("propose cards from an article (a plain-text file)"))
    draft.add_argument("article", metavar=_("ARTICLE"), help=_("a UTF-8 text file"))
    draft.add_argument("--language", choices=["fr", "en"], default=None, help=_("default: guessed"))
    draft.add_argument(
        "-o", "--output", default=None, metavar=_("DECK"), help=_("the deck to write")
    )
    draft.add_argument("--review", action="store_true", help=_("accept, edit or drop each card"))
    draft.add_argument("--no-spacy", action="store_true", help=_("use the rule-based analysis"))
    draft.set_defaults(command_module="quizapp.commands.draft")

    add_authoring_commands(sub)
    add_history_commands(sub)
    parser.set_defaults(command_names=tuple(sub.choices))
    return parser


_TOP_LEVEL_FLAGS = ("-h", "--help", "--version")


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    """The subcommand names, so that ``quizapp PATH`` can mean ``quizapp home PATH``."""
    return set(parser.get_default("command_names") or ())


def _unknown_word(argv: list[str], commands: set[str]) -> str | None:
    """The usage error for ``quizapp WORD`` when WORD is no command and no existing path.

    Without it a typo such as ``quizapp chek`` opened the app on a folder that
    does not exist. Options (``-x``) are left to argparse.
    """
    if not argv or argv[0].startswith("-") or Path(argv[0]).exists():
        return None
    word = argv[0]
    close = difflib.get_close_matches(word, sorted(commands - {"home"}), n=1, cutoff=0.5)
    if close:
        return _(
            "quizapp: unknown command or deck {word!r} (did you mean '{close}'?); "
            "see 'quizapp --help' for the commands"
        ).format(word=word, close=close[0])
    return _(
        "quizapp: unknown command or deck {word!r}; see 'quizapp --help' for the commands"
    ).format(word=word)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quizapp`` console script; returns the exit code."""
    _choose_language()
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in _command_names(parser) and argv[0] not in _TOP_LEVEL_FLAGS):
        unknown = _unknown_word(argv, _command_names(parser))
        if unknown is not None:
            print(unknown, file=sys.stderr)
            return ExitCode.USAGE
        argv = ["home", *argv]
    args = parser.parse_args(argv)
    from quizapp.commands._output import guard_streams

    json_stdout = bool(getattr(args, "json", False)) or getattr(args, "output_format", "") == "json"
    restore = guard_streams(json_stdout=json_stdout)
    try:
        return _run(args)
    finally:
        restore()


def _choose_language() -> None:
    """Set the interface's language (config ``language``, else the locale) before any text."""
    from quizapp.core.i18n import configure, configured_language
    from quizapp.core.paths import config_path

    path = config_path()
    configure(configured_language(path) if path.exists() else None)
    from quizapp.commands._argparse_i18n import install

    install()


def _run(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; user errors become one line and status 1."""
    try:
        module = importlib.import_module(args.command_module)
    except ModuleNotFoundError as exc:
        if exc.name != args.command_module:
            raise
        command = args.command_module.rsplit(".", 1)[-1]
        print(
            _("quizapp: {command!r} is not available in this version").format(command=command),
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    try:
        code = int(module.run(args))
        if code == ExitCode.OK and _writes_history(args):
            _back_up_today()
        return code
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return ExitCode.OK
    except Exception as exc:
        damaged = _damaged_history(exc)
        if damaged is None and not _is_user_error(exc):
            raise
        message = exc if damaged is None else damaged
        print(_("quizapp: {message}").format(message=message), file=sys.stderr)
        return ExitCode.BAD_INPUT


def _damaged_history(exc: Exception) -> Exception | None:
    """The one-line "damaged" error for a bad page of the history met by a query, else None.

    Pages are checked at open only once a day for a large history, so a command
    may be the first to read a damaged one.
    """
    if "quizapp.core.store.sqlite_open" not in sys.modules:
        return None  # no SQLite history was opened
    from quizapp.core.store.sqlite_open import damaged_history

    return damaged_history(exc)


# The commands that write the history: the day's backup follows their work.
_WRITERS = {
    "quizapp.commands.study",
    "quizapp.commands.quiz",
    "quizapp.commands.suspend",
    "quizapp.commands.optimize",
}


def _writes_history(args: argparse.Namespace) -> bool:
    module = args.command_module
    return module in _WRITERS or (
        module == "quizapp.commands.history" and getattr(args, "action", "") == "import"
    )


def _back_up_today() -> None:
    """The day's backup after a command's work; a failure is one line and changes no exit code."""
    from quizapp.core.daily_backup import back_up_today
    from quizapp.core.i18n import _

    try:
        back_up_today()
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        print(_("quizapp: no backup today: {error}").format(error=exc), file=sys.stderr)


# Errors whose message is written for the user (a bad history file, config
# or data folder). Named rather than imported, so that importing the CLI stays
# cheap: an exception of a class can only exist once its module is imported.
_USER_ERRORS = (
    ("quizapp.core.store.protocol", "StoreError"),
    ("quizapp.core.config", "ConfigError"),
)


def _is_user_error(exc: Exception) -> bool:
    """True for an error any command should print as one line with status 1."""
    if isinstance(exc, OSError):  # a file system problem: the message names the file
        return True
    for module_name, class_name in _USER_ERRORS:
        cls = getattr(sys.modules.get(module_name), class_name, None)
        if cls is not None and isinstance(exc, cls):
            return True
    return False


if __name__ == "__main__":
    raise SystemExit(main())
