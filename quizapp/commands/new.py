"""``quizapp new PATH``: a commented starter deck with one card of every type."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.core.i18n import _
from quizapp.exit_codes import ExitCode


def run(args: argparse.Namespace) -> int:
    from quizapp.core.atomic import FileExistsRefusal, atomic_write_text
    from quizapp.core.authoring.ids import slugify
    from quizapp.core.authoring.starter import starter_deck

    path = Path(args.path)
    if path.suffix != ".toml":
        path = path.with_name(path.name + ".toml")
    if path.exists():
        print(
            _("quizapp: {path} already exists; nothing was written").format(path=path),
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    if not path.parent.is_dir():
        print(_("quizapp: no folder {folder}").format(folder=path.parent), file=sys.stderr)
        return ExitCode.BAD_INPUT
    stem = path.name.removesuffix(".toml")
    deck_id = slugify(stem, fallback="my-deck")
    title = args.title or stem.replace("-", " ").replace("_", " ").strip().capitalize() or deck_id
    try:
        atomic_write_text(path, starter_deck(deck_id, title, args.language), overwrite=False)
    except FileExistsRefusal:
        print(
            _("quizapp: {path} already exists; nothing was written").format(path=path),
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    print(
        _(
            "wrote {path} (deck id '{deck}'): edit it, run 'quizapp check {path}', then study "
            "it with 'quizapp study {path}' (or move it into the data folder's decks/ to have it "
            "on the decks screen by its id)"
        ).format(path=path, deck=deck_id)
    )
    return ExitCode.OK
