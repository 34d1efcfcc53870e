"""Key bindings described in the interface's language.

Textual reads a class's ``BINDINGS`` once, when the class is created, and
keeps the merged result on the class (``_merged_bindings``, copied into each
widget when it is built); the descriptions there are the English messages,
marked with :func:`quizapp.core.i18n.N_`. :func:`retranslate_bindings`
rebuilds every widget class's merged bindings with descriptions and tooltips
in the current language, and :func:`install` makes classes created later
(screens are imported only when first opened) translated as they are
created. The footer, the help screen and the command palette then all show
the same words. The source is always the English ``BINDINGS``, so changing
the language again (tests do) is safe.

This touches one private attribute of Textual, whose version is pinned; the
French interface tests fail if a new version changes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from quizapp.core.i18n import N_, _, pgettext


def _classes(root: type[DOMNode]) -> Iterator[type[DOMNode]]:
    """Every subclass of ``root`` created so far."""
    seen: set[type[DOMNode]] = set()
    stack = [root]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
                yield sub


# Descriptions numbered in the code (``f"Option {n}"`` for the digit keys) are
# translated from their pattern.
NUMBERED = (N_("Option {n}"),)
# Textual's own bindings that the interface shows (ctrl+q in the help and the palette).
TEXTUAL_MESSAGES = (N_("Quit"), N_("Quit the app and return to the command prompt."))
_NUMBERED = re.compile(r"^(?P<head>\D*?)(?P<n>\d+)$")


def _told_apart() -> None:
    """Key descriptions whose English word means something else elsewhere.

    "Close" is also the verdict (≈ Close); a key's "Close" closes a dialog.
    Never called: the calls mark the messages, :func:`describe` looks them up.
    """
    pgettext("key", "Close")


def describe(text: str) -> str:
    """A binding's description or tooltip in the current language."""
    if not text:
        return ""
    as_key = pgettext("key", text)
    if as_key != text:
        return as_key
    match = _NUMBERED.match(text)
    pattern = f"{match['head']}{{n}}" if match is not None else ""
    if match is not None and pattern in NUMBERED:
        return _(pattern).format(n=match["n"])
    return _(text)


def _translated(binding: Binding) -> Binding:
    return replace(
        binding, description=describe(binding.description), tooltip=describe(binding.tooltip)
    )


def _translate_class(cls: type[DOMNode]) -> None:
    merged = cls._merge_bindings()  # from the English BINDINGS of cls and its bases
    cls._merged_bindings = BindingsMap(_translated(binding) for _key, binding in merged)


def retranslate_bindings() -> None:
    """Describe every widget class's bindings in the current language."""
    for cls in _classes(DOMNode):
        _translate_class(cls)


_installed = False


def install() -> None:
    """Translate the bindings of every widget class now and of each one created later."""
    global _installed
    if not _installed:
        original = DOMNode.__dict__["__init_subclass__"].__func__

        def init_subclass(cls: type[DOMNode], /, **kwargs: Any) -> None:
            original(cls, **kwargs)
            _translate_class(cls)

        DOMNode.__init_subclass__ = classmethod(init_subclass)  # type: ignore[assignment,method-assign]
        _installed = True
    retranslate_bindings()
