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

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from quizapp.core.i18n import _


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


def _translated(binding: Binding) -> Binding:
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
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
