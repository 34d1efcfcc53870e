"""``quizapp draft ARTICLE.txt``: propose cards from an article, written or reviewed in the TUI.

Without ``--review`` every proposal is written to the deck, commented with its
confidence, for the author to prune in an editor. With ``--review`` the TUI
shows the proposals one by one and writes each accepted card as it is
accepted. Either way the deck passes ``quizapp check``. Loading a spaCy
pipeline takes seconds, so its progress is shown on stderr; when no pipeline
is installed the rule-based fallback runs and says so.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from quizapp.commands._output import control
from quizapp.core.i18n import _, ngettext
from quizapp.exit_codes import ExitCode


class ProgressLine:
    """Progress on stderr: one line rewritten in a terminal (with the seconds elapsed), else lines.

    A ticker thread keeps the seconds moving while a single long call (loading
    a pipeline) runs, so the wait never looks like a hang.
    """

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.tty = stream.isatty()
        self.message = ""
        self.since = clock()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __call__(self, message: str) -> None:
        with self._lock:
            self.message, self.since = message, self.clock()
            self._draw()
        if self.tty and self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def _draw(self) -> None:
        if self.tty:
            elapsed = self.clock() - self.since
            shown = f"{self.message}… {elapsed:.0f}s" if elapsed >= 1 else f"{self.message}…"
            control(self.stream).write("\r\x1b[K")
            self.stream.write(shown)
        elif not self.message.startswith(_analysing_prefix()):
            self.stream.write(f"{self.message}…\n")
        self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            with self._lock:
                self._draw()

    def done(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self.tty:
            control(self.stream).write("\r\x1b[K")
            self.stream.flush()


def _analysing_prefix() -> str:
    """The words every "Analysing sentence N of M" line starts with, in the current language."""
    from quizapp.core.draft.analysis import ANALYSING

    return _(ANALYSING).partition("{")[0]


def _summary(draft: object, count: int, path: Path) -> str:
    from quizapp.core.draft import Draft

    assert isinstance(draft, Draft)
    skipped = draft.skipped
    reasons = sorted({_(s.skip) for s in skipped})
    sentences = len(draft.sentences)
    proposed = ngettext(
        "{n} card proposed from {sentences} sentences",
        "{n} cards proposed from {sentences} sentences",
        count,
    ).format(n=count, sentences=sentences)
    if skipped:
        proposed += _("; {n} left out ({reasons})").format(
            n=len(skipped), reasons=", ".join(reasons)
        )
    return _("{proposed}, written to {path}").format(proposed=proposed, path=path)


def run(args: argparse.Namespace) -> int:
    from quizapp.core.draft import (
        DraftDeck,
        DraftError,
        default_output,
        fallback_analyzer,
        load_analyzer,
        make_draft,
        read_article,
    )
    from quizapp.core.draft.lexicon import guess_language

    article = Path(args.article)
    output = Path(args.output) if args.output else default_output(article)
    try:
        text = read_article(article)
    except DraftError as exc:
        print(_("quizapp: {message}").format(message=exc), file=sys.stderr)
        return ExitCode.BAD_INPUT
    if output.exists() and not args.review:
        print(
            _(
                "quizapp: {output} exists; name another deck with -o, or continue it with --review"
            ).format(output=output),
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    language = args.language or guess_language(text)
    progress = ProgressLine(sys.stderr)
    try:
        if args.no_spacy:
            analyzer = fallback_analyzer(language, _("asked for with --no-spacy"))
        else:
            analyzer = load_analyzer(language, progress)
        draft = make_draft(article, analyzer, progress)
    finally:
        progress.done()
    if analyzer.fallback:
        print(
            _("quizapp: using the rule-based fallback: {note}").format(note=analyzer.note),
            file=sys.stderr,
        )
    try:
        deck = DraftDeck(output, draft)
        if not args.review:
            warnings = deck.write_all()
            for warning in warnings:
                print(warning, file=sys.stderr)
            print(_summary(draft, len(draft.proposals), output))
            print(_("Prune it in your editor, then: quizapp check {output}").format(output=output))
            return ExitCode.OK
    except DraftError as exc:
        print(_("quizapp: {message}").format(message=exc), file=sys.stderr)
        return ExitCode.BAD_INPUT
    from quizapp.tui.screens.draft_review import run_review  # Textual only to launch it

    accepted = run_review(draft, deck)
    print(
        ngettext(
            "{n} card accepted into {output}", "{n} cards accepted into {output}", accepted
        ).format(n=accepted, output=output)
    )
    if accepted:
        print(_("Study them: quizapp study {output}").format(output=output))
    return ExitCode.OK
