"""``quizapp suspend`` / ``quizapp unsuspend``: take cards out of study, or bring them back.

The study screen suspends the card on screen (``S`` or ``ctrl+s``); these
commands work on any card by id, list what is suspended, and are the way back.
Item ids are those of the history: a card's id, ``<id>.reverse``, or a cloze
gap ``<id>.1``.
"""

from __future__ import annotations

import argparse
import sys

from quizapp.core.i18n import _
from quizapp.core.library import find_deck, load_library, unknown_deck_message
from quizapp.core.store import StoreError, open_store
from quizapp.core.text import visible_line
from quizapp.exit_codes import ExitCode


def run(args: argparse.Namespace) -> int:
    """Set or clear the suspended flag of the named items, or list the suspended ones."""
    suspend = args.action == "suspend"
    library = load_library(examples=False)
    loaded = find_deck(library, args.deck_id)
    known_items = (
        {item.id for item in loaded.deck.items()}
        if loaded is not None and loaded.deck is not None
        else None
    )
    try:
        with open_store() as store:
            states = store.card_states(args.deck_id)
            if known_items is None and not states:
                message = unknown_deck_message(library, args.deck_id, paths=False)
                print(_("quizapp: {message}").format(message=message), file=sys.stderr)
                return ExitCode.BAD_INPUT
            if not args.items:
                for item_id, state in sorted(states.items()):
                    if state.suspended:
                        print(f"{args.deck_id} {visible_line(item_id)}")
                return ExitCode.OK
            valid = (known_items or set()) | set(states)
            unknown = [item for item in args.items if item not in valid]
            if unknown:
                names = ", ".join(repr(visible_line(item)) for item in unknown)
                print(
                    _("quizapp: no card {names} in deck {deck!r}").format(
                        names=names, deck=args.deck_id
                    ),
                    file=sys.stderr,
                )
                return ExitCode.BAD_INPUT
            for item_id in args.items:
                store.set_suspended(args.deck_id, item_id, suspend)
                done = _("suspended {deck} {item}") if suspend else _("unsuspended {deck} {item}")
                print(done.format(deck=args.deck_id, item=item_id))
    except StoreError as error:
        print(_("quizapp: {message}").format(message=error), file=sys.stderr)
        return ExitCode.BAD_INPUT
    return ExitCode.OK
