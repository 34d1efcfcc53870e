"""``quizapp fmt PATH...``: decks in one canonical layout, comments kept; ``--check`` for CI.

Exit 0 when every file is (now) canonical; with ``--check``, 1 when any file
would change (nothing is written). A file that cannot be laid out safely (not
TOML, or the layout would change its data) is reported and left alone, exit 1.
"""

from __future__ import annotations

import argparse
import sys

from quizapp.commands._output import shown
from quizapp.core.i18n import _, ngettext
from quizapp.exit_codes import ExitCode


def run(args: argparse.Namespace) -> int:
    from quizapp.core.atomic import atomic_write_text
    from quizapp.core.authoring.layout import LayoutError, format_deck_text
    from quizapp.core.deck_index import discover

    status = ExitCode.OK
    changed = 0
    files = discover(args.paths)
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8-sig")
            result = format_deck_text(text, add_ids=args.add_ids)
        except (OSError, UnicodeDecodeError, LayoutError) as exc:
            print(f"{shown(path)}: error: {exc}", file=sys.stderr)  # the format editors read
            status = ExitCode.BAD_INPUT
            continue
        if result.text == text:
            continue
        changed += 1
        if args.check:
            print(_("{path}: would be reformatted").format(path=shown(path)))
            status = ExitCode.BAD_INPUT
            continue
        atomic_write_text(path, result.text)
        if result.ids_added:
            added = result.ids_added
            print(
                ngettext(
                    "{path}: reformatted ({n} id added)",
                    "{path}: reformatted ({n} ids added)",
                    added,
                ).format(path=shown(path), n=added)
            )
        else:
            print(_("{path}: reformatted").format(path=shown(path)))
    checked = ngettext("{n} file checked", "{n} files checked", len(files)).format(n=len(files))
    if args.check:
        verb = ngettext("{n} would change", "{n} would change", changed).format(n=changed)
    else:
        verb = ngettext("{n} changed", "{n} changed", changed).format(n=changed)
    print(_("{checked}, {changed}").format(checked=checked, changed=verb), file=sys.stderr)
    return status
