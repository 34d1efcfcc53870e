"""argparse's own words (``usage:``, ``options``, its error messages) in the interface's language.

argparse looks its messages up through the ``_`` and ``ngettext`` of its
module at the moment it shows them; pointing those at the app's catalogue
(:func:`install`) translates the whole help and every usage error. The
messages are listed here, marked, so that the catalogue carries them.
"""

from __future__ import annotations

import argparse

from quizapp.core import i18n
from quizapp.core.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    # i18n: a heading argparse follows with ":"; French ends it with a no-break space.
    N_("positional arguments"),
    # i18n: a heading argparse follows with ":"; French ends it with a no-break space.
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_marks() -> None:  # pragma: no cover - never called: marks argparse's plurals
    i18n.ngettext("expected %s argument", "expected %s arguments", 2)


def _gettext(message: str) -> str:
    return message if message is None else i18n._(message)  # argparse passes None for no text


def install() -> None:
    """Make argparse show its own messages through the app's catalogue."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
