"""``quizapp history export|import|push``: the score history in and out as CSV or JSON.

Export never leaves a half-written file (temp file, then rename). Import
validates the whole file first, then adds the rows that are not there yet in
one transaction and says how many it added and skipped; a file it cannot read
is one line on stderr (``path: error: ...``), a bad row one line each
(``path:row N: error: ...``), exit status 1, and the history untouched. Push
adds the local SQLite history to a PostgreSQL server's, for the role it
connects as, in one transaction (:mod:`quizapp.core.history_io.push`).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from quizapp.commands._output import control, shown
from quizapp.core import history_io
from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.l10n import number
from quizapp.core.models import ID_PATTERN
from quizapp.core.store import Store, StoreError, open_readonly, open_store
from quizapp.exit_codes import ExitCode

PROGRESS_FROM = 5_000  # answers to replay before an import reports progress
PHASES = (N_("rescheduling"), N_("writing"))  # the phases the import reports, shown translated


def _error(message: str) -> int:
    print(_("quizapp: {message}").format(message=message), file=sys.stderr)
    return ExitCode.BAD_INPUT


def _export(args: argparse.Namespace) -> int:
    try:
        store: Store | None = open_readonly()
        if store is None:  # no history yet: an empty export is still a valid file
            store = open_store(":memory:")
    except StoreError as error:
        return _error(str(error))
    try:
        return _write(store, args)
    except StoreError as error:  # a damaged history that still opened
        return _error(str(error))
    finally:
        store.close()


def _write(store: Store, args: argparse.Namespace) -> int:
    output = Path(args.output) if args.output else None
    try:
        count = history_io.export_history(store, args.output_format, output, args.deck)
    except BrokenPipeError:
        raise  # the reader went away (``| head``): the CLI exits quietly
    except OSError as error:
        return _error(
            _("{output}: cannot write: {error}").format(
                output=shown(args.output or "stdout"), error=error.strerror or error
            )
        )
    if output is not None:
        print(
            ngettext("wrote {n} row to {output}", "wrote {n} rows to {output}", count).format(
                n=number(count), output=shown(output)
            ),
            file=sys.stderr,
        )
    return ExitCode.OK


class _Progress:
    """Progress of a long import on stderr: one rewritten line on a terminal, else a few lines."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.shown: dict[str, int] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if self.tty:
            end = "\n" if done >= total else ""
            control(sys.stderr).write("\r")
            print(self._line(phase, done, total), end=end, file=sys.stderr, flush=True)
            return
        quarter = 4 * done // total
        if quarter > self.shown.get(phase, -1):
            self.shown[phase] = quarter
            print(self._line(phase, done, total), file=sys.stderr)

    @staticmethod
    def _line(phase: str, done: int, total: int) -> str:
        return _("{phase}: {done}/{total} answers").format(
            phase=_(phase), done=number(done), total=number(total)
        )


def _import(args: argparse.Namespace) -> int:
    if args.deck is not None and not re.fullmatch(ID_PATTERN.strip("^$"), args.deck[:65]):
        return _error(
            _("--deck {deck!r}: a deck id is lowercase letters, digits and '-'").format(
                deck=args.deck
            )
        )
    try:
        parsed = history_io.read_history_file(Path(args.file))
    except history_io.BadRows as error:
        for line in error.report():
            print(line, file=sys.stderr)
        return ExitCode.BAD_INPUT
    except history_io.HistoryFormatError as error:
        print(error, file=sys.stderr)
        return ExitCode.BAD_INPUT
    from quizapp.core.config import ConfigError, load_config
    from quizapp.core.models import SchedulingOptions

    try:
        config = load_config()
    except ConfigError as error:
        return _error(str(error))
    options: SchedulingOptions | None = None
    if args.deck is not None:  # reschedule with that deck's own options when it is loaded
        from quizapp.core.library import find_deck, load_library

        loaded = find_deck(load_library(examples=False), args.deck)
        if loaded is not None and loaded.deck is not None:
            options = config.scheduling_for(loaded.deck)
    try:
        with open_store() as store:
            result = history_io.import_history(
                store,
                parsed,
                args.deck,
                progress=_Progress(),
                leech_threshold=config.leech_threshold,
                options=options,
            )
    except StoreError as error:
        return _error(str(error))
    print(_summary(result))
    return ExitCode.OK


def _summary(result: history_io.ImportResult) -> str:
    """What an import or a push added, and what was there already, on one line."""
    quizzes = ""
    if result.quizzes_added or result.quizzes_present:
        quizzes = _("; quiz sessions: {added} added, {present} already there").format(
            added=number(result.quizzes_added), present=number(result.quizzes_present)
        )
    rescheduled = ngettext(
        "{n} card rescheduled", "{n} cards rescheduled", result.items_rescheduled
    ).format(n=number(result.items_rescheduled))
    return _("reviews: {added} added, {present} already there{quizzes}; {rescheduled}").format(
        added=number(result.reviews_added),
        present=number(result.reviews_present),
        quizzes=quizzes,
        rescheduled=rescheduled,
    )


def _push(args: argparse.Namespace) -> int:
    from quizapp.core.config import ConfigError, load_config
    from quizapp.core.history_io.push import push_history
    from quizapp.core.store.backend import database_url, open_local_readonly, open_server

    try:
        url = args.url or database_url()
        config = load_config()
    except (StoreError, ConfigError) as error:
        return _error(str(error))
    if not url:
        print(
            _(
                "quizapp: history push: give the server, postgresql://YOU@HOST/DATABASE "
                "(or set QUIZAPP_DATABASE_URL)"
            ),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    try:
        local = open_local_readonly()
        if local is None:
            print(_("nothing to push: there is no local history yet"))
            return ExitCode.OK
        with local, open_server(url) as server:
            result = push_history(
                local, server, progress=_Progress(), leech_threshold=config.leech_threshold
            )
            where = server.path
    except (StoreError, history_io.HistoryFormatError) as error:
        return _error(_("{error}; nothing was pushed").format(error=error))
    flags = ""
    if result.flags_copied:
        flags = ngettext(
            "; {n} card suspended or buried as here",
            "; {n} cards suspended or buried as here",
            result.flags_copied,
        ).format(n=number(result.flags_copied))
    print(
        _("pushed to {where}: {summary}{flags}").format(
            where=where, summary=_summary(result.imported), flags=flags
        )
    )
    return ExitCode.OK


def run(args: argparse.Namespace) -> int:
    actions = {"export": _export, "import": _import, "push": _push}
    return actions[args.action](args)
