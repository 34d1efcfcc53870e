"""``quizapp backup`` and ``quizapp restore [FILE]``: verified backups of the history, by hand.

The backups themselves (made, verified, rotated, restored) are in
:mod:`quizapp.core.store.sqlite_backup` and :mod:`.sqlite_restore`; see
docs/data-safety.md. A PostgreSQL history is backed up by the server's own
tools, which these commands say in one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.core.i18n import _
from quizapp.core.paths import database_path
from quizapp.core.store import StoreError
from quizapp.core.store.backend import database_url
from quizapp.core.store.sqlite_backup import (
    Backup,
    backups_folder,
    configured_keep,
    list_backups,
    make_backup,
    verify,
)
from quizapp.core.store.sqlite_restore import restore
from quizapp.exit_codes import ExitCode

YES_WORDS = ("y", "yes", "o", "oui")


def run(args: argparse.Namespace) -> int:
    if database_url():
        print(
            _(
                "quizapp: the history is on a PostgreSQL server: back it up and restore it "
                "with the server's own tools (pg_dump, pg_restore)"
            ),
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    history = database_path()
    try:
        if args.action == "backup":
            path = make_backup(history, "manual", keep=configured_keep())
            print(_("backed up and verified: {path}").format(path=path))
            return ExitCode.OK
        return _restore(history, args)
    except StoreError as error:
        print(_("quizapp: {message}").format(message=error), file=sys.stderr)
        return ExitCode.BAD_INPUT


def _describe(backup: Backup) -> str:
    return f"  {backup.taken:%Y-%m-%d %H:%M} UTC  {backup.kind:<9}  {backup.path}"


def _restore(history: Path, args: argparse.Namespace) -> int:
    if args.file is not None:
        return _put_back(history, Path(args.file))
    backups = list_backups(history)
    verified = [b for b in backups if verify(b.path) is None]
    if not verified:
        print(
            _("quizapp: no verified backup in {folder}").format(folder=backups_folder(history)),
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    print(_("Verified backups, newest first:"))
    for backup in verified:
        print(_describe(backup))
    if len(verified) < len(backups):
        failed = len(backups) - len(verified)
        print(_("({count} more failed their check and are not listed)").format(count=failed))
    latest = verified[0]
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                _("quizapp: restore asks first; add --yes to restore the latest without asking"),
                file=sys.stderr,
            )
            return ExitCode.USAGE
        question = _(
            "Restore the latest ({when} UTC)? The current history is kept as a backup first. [y/N] "
        ).format(when=f"{latest.taken:%Y-%m-%d %H:%M}")
        try:
            answer = input(question)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in YES_WORDS:
            print(_("Nothing was restored."))
            return ExitCode.OK
    return _put_back(history, latest.path)


def _put_back(history: Path, source: Path) -> int:
    done = restore(history, source, keep=configured_keep())
    print(_("restored {source} as {history}").format(source=done.source, history=history))
    if done.kept is not None:
        print(_("the previous history was kept as {path}").format(path=done.kept))
    if done.moved is not None:
        print(
            _("the previous history could not be read; it was moved, as it was, to {path}").format(
                path=done.moved
            )
        )
    return ExitCode.OK
