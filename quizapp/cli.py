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
from quizapp.exit_codes import ExitCode


def _positive_int(text: str) -> int:
    """A count of at least 1 (``-n 0`` would save an empty quiz scored 0%)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a count of at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The whole argument grammar, in one place so ``--help`` is complete."""
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Terminal quizzes and flashcards from plain TOML decks, scheduled with FSRS.",
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    home = sub.add_parser("home", help="open the decks screen (the default: 'quizapp [PATH...]')")
    home.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="extra deck files or folders beside the bundled decks",
    )
    home.set_defaults(command_module="quizapp.commands.home")

    check = sub.add_parser("check", help="validate deck files and folders")
    check.add_argument("decks", nargs="+", metavar="PATH", help="deck files or folders of decks")
    check.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        dest="output_format",
        help="text lines PATH:LINE:COL (default) or a JSON list, for editors",
    )
    check.add_argument(
        "--orphans", action="store_true", help="also list history of cards no longer in the decks"
    )
    check.add_argument(
        "--watch", action="store_true", help="check again every time a deck file is saved"
    )
    check.set_defaults(command_module="quizapp.commands.check")

    for name, helptext in (
        ("study", "study the due cards of a deck"),
        ("quiz", "take a scored quiz"),
    ):
        cmd = sub.add_parser(name, help=helptext)
        every = " ('all' for every deck)" if name == "study" else ""
        cmd.add_argument("deck", metavar="DECK", help=f"a deck id or a deck file path{every}")
        cmd.add_argument("--plain", action="store_true", help="line mode: no full-screen interface")
        if name == "quiz":
            cmd.add_argument(
                "-n", type=_positive_int, default=10, dest="count", help="number of questions"
            )
            cmd.add_argument("--seed", type=int, default=None, help="seed for a repeatable quiz")
        # One path per --decks, repeatable: a list option would swallow DECK after it.
        cmd.add_argument(
            "--decks",
            action="append",
            default=[],
            metavar="PATH",
            help="an extra deck file or folder (repeat for several)",
        )
        cmd.set_defaults(command_module=f"quizapp.commands.{name}")

    due = sub.add_parser("due", help="due, learning and new counts per deck")
    due.add_argument("--json", action="store_true", help="print JSON instead of a table")
    due.add_argument(
        "--decks",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="extra deck files or folders",
    )
    due.set_defaults(command_module="quizapp.commands.due")

    stats = sub.add_parser("stats", help="review and quiz statistics")
    stats.add_argument("--deck", default=None, metavar="ID", help="only this deck")
    stats.add_argument("--json", action="store_true", help="print JSON instead of text")
    stats.add_argument("--full", action="store_true", help="every table, not the summary")
    stats.set_defaults(command_module="quizapp.commands.stats")

    klass = sub.add_parser(
        "class", help="every learner's quiz scores, streak and retention (a teacher's connection)"
    )
    klass.add_argument("--deck", default=None, metavar="ID", help="only this deck")
    klass.add_argument("--json", action="store_true", help="print JSON instead of text")
    klass.set_defaults(command_module="quizapp.commands.class_view")

    optimize = sub.add_parser(
        "optimize", help="fit FSRS parameters to your reviews (and evaluate them)"
    )
    optimize.add_argument(
        "--deck", default=None, metavar="ID", help="fit this deck's preset (default: all decks)"
    )
    optimize.add_argument(
        "--evaluate", action="store_true", help="score default and fitted parameters"
    )
    optimize.add_argument(
        "--retention", action="store_true", help="recommend a desired retention by simulation"
    )
    optimize.add_argument(
        "--accept", action="store_true", help="keep the recommended retention without asking"
    )
    optimize.add_argument("--json", action="store_true", help="print JSON instead of text")
    optimize.set_defaults(command_module="quizapp.commands.optimize")

    for name, helptext in (
        ("suspend", "leave cards out of study until unsuspended"),
        ("unsuspend", "bring suspended cards back into study"),
    ):
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("deck_id", metavar="DECK", help="a deck id")
        cmd.add_argument(
            "items", nargs="*", metavar="CARD", help="card ids (none: list the suspended cards)"
        )
        cmd.set_defaults(command_module="quizapp.commands.suspend", action=name)

    draft = sub.add_parser("draft", help="propose cards from an article (a plain-text file)")
    draft.add_argument("article", metavar="ARTICLE", help="a UTF-8 text file")
    draft.add_argument("--language", choices=["fr", "en"], default=None, help="default: guessed")
    draft.add_argument("-o", "--output", default=None, metavar="DECK", help="the deck to write")
    draft.add_argument("--review", action="store_true", help="accept, edit or drop each card")
    draft.add_argument("--no-spacy", action="store_true", help="use the rule-based analysis")
    draft.set_defaults(command_module="quizapp.commands.draft")

    history = sub.add_parser("history", help="export or import the review history")
    history_sub = history.add_subparsers(title="actions", metavar="ACTION", required=True)
    export = history_sub.add_parser("export", help="write every review and quiz session")
    export.add_argument("--deck", default=None, metavar="ID", help="only this deck's history")
    export.add_argument(
        "--format",
        choices=["csv", "json"],
        default="json",
        dest="output_format",
        help="json (default) or csv",
    )
    export.add_argument(
        "--output", default=None, metavar="FILE", help="write to FILE instead of standard output"
    )
    export.set_defaults(command_module="quizapp.commands.history", action="export")
    imp = history_sub.add_parser("import", help="read a review log back")
    imp.add_argument("file", metavar="FILE", help="a CSV or JSON review log")
    imp.add_argument("--deck", default=None, metavar="ID", help="deck id to file the reviews under")
    imp.set_defaults(command_module="quizapp.commands.history", action="import")
    push = history_sub.add_parser(
        "push", help="add this machine's history to a shared server's (for you; idempotent)"
    )
    push.add_argument(
        "url",
        nargs="?",
        default=None,
        metavar="URL",
        help="postgresql://YOU@HOST/DATABASE (default: the configured URL)",
    )
    push.set_defaults(command_module="quizapp.commands.history", action="push")
    add_authoring_commands(sub)

    server = sub.add_parser("server", help="set up a shared PostgreSQL history (as its owner)")
    server_sub = server.add_subparsers(title="actions", metavar="ACTION", required=True)
    url_help = "postgresql://OWNER@HOST/DATABASE (default: the configured URL)"
    for action, helptext in (
        ("init", "create or migrate the schema and grant the learner and teacher roles"),
        ("add-learner", "create a learner's login role (sees only their own history)"),
        ("add-teacher", "create a teacher's login role (reads every learner, writes none)"),
    ):
        cmd = server_sub.add_parser(action, help=helptext)
        if action != "init":
            cmd.add_argument("name", metavar="NAME", help="the role name they log in with")
        cmd.add_argument("--url", default=None, help=url_help)
        cmd.set_defaults(command_module="quizapp.commands.server", action=action)
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
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"quizapp: unknown command or deck {word!r}{hint}; see 'quizapp --help' for the commands"


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


def _run(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; user errors become one line and status 1."""
    try:
        module = importlib.import_module(args.command_module)
    except ModuleNotFoundError as exc:
        if exc.name != args.command_module:
            raise
        command = args.command_module.rsplit(".", 1)[-1]
        print(f"quizapp: {command!r} is not available in this version", file=sys.stderr)
        return ExitCode.BAD_INPUT
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return ExitCode.OK
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        print(f"quizapp: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT


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
