"""The argument grammar of the commands that move or guard the history.

``history export/import/push``, ``backup``, ``restore`` and ``server``: kept
apart from ``cli.py`` so that the study commands' grammar stays readable.
Every option has help text (a test checks it).
"""

from __future__ import annotations

from typing import Any

from quizapp.core.i18n import _, pgettext


def add_history_commands(sub: Any) -> None:
    """Add the history, backup and server subcommands to the subparsers action ``sub``."""
    history = sub.add_parser("history", help=_("export or import the review history"))
    history_sub = history.add_subparsers(
        title=pgettext("help section", "actions"), metavar=_("ACTION"), required=True
    )
    export = history_sub.add_parser("export", help=_("write every review and quiz session"))
    export.add_argument("--deck", default=None, metavar=_("ID"), help=_("only this deck's history"))
    export.add_argument(
        "--format",
        choices=["csv", "json"],
        default="json",
        dest="output_format",
        help=_("json (default) or csv"),
    )
    export.add_argument(
        "--output",
        default=None,
        metavar=_("FILE"),
        help=_("write to FILE instead of standard output"),
    )
    export.set_defaults(command_module="quizapp.commands.history", action="export")
    imp = history_sub.add_parser("import", help=_("read a review log back"))
    imp.add_argument("file", metavar=_("FILE"), help=_("a CSV or JSON review log"))
    imp.add_argument(
        "--deck", default=None, metavar=_("ID"), help=_("deck id to file the reviews under")
    )
    imp.set_defaults(command_module="quizapp.commands.history", action="import")
    push = history_sub.add_parser(
        "push", help=_("add this machine's history to a shared server's (for you; idempotent)")
    )
    push.add_argument(
        "url",
        nargs="?",
        default=None,
        metavar=_("URL"),
        help=_("postgresql://YOU@HOST/DATABASE (default: the configured URL)"),
    )
    push.set_defaults(command_module="quizapp.commands.history", action="push")

    backup = sub.add_parser("backup", help=_("make a verified backup of the history now"))
    backup.set_defaults(command_module="quizapp.commands.backup", action="backup")
    restore = sub.add_parser(
        "restore", help=_("put a backup back in place of the history (the current one is kept)")
    )
    restore.add_argument(
        "file",
        nargs="?",
        default=None,
        metavar=_("FILE"),
        help=_("a backup file (default: the latest)"),
    )
    restore.add_argument(
        "--yes", action="store_true", help=_("restore the latest backup without asking")
    )
    restore.set_defaults(command_module="quizapp.commands.backup", action="restore")

    server = sub.add_parser("server", help=_("set up a shared PostgreSQL history (as its owner)"))
    server_sub = server.add_subparsers(
        title=pgettext("help section", "actions"), metavar=_("ACTION"), required=True
    )
    url_help = _("postgresql://OWNER@HOST/DATABASE (default: the configured URL)")
    for action, helptext in (
        ("init", _("create or migrate the schema and grant the learner and teacher roles")),
        ("add-learner", _("create a learner's login role (sees only their own history)")),
        ("add-teacher", _("create a teacher's login role (reads every learner, writes none)")),
    ):
        cmd = server_sub.add_parser(action, help=helptext)
        if action != "init":
            cmd.add_argument("name", metavar=_("NAME"), help=_("the role name they log in with"))
        cmd.add_argument("--url", default=None, help=url_help)
        cmd.set_defaults(command_module="quizapp.commands.server", action=action)
