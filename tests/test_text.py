"""Deck text is shown literally, with every control character made visible."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.core.text import visible, visible_line


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text", "plain text"),
        ("Tobrouk é ö 東京", "Tobrouk é ö 東京"),
        ("\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07"),
        ("line one\nline two\tend", "line one\nline two\tend"),
        ("carriage\rreturn", "carriage\\x0dreturn"),
        ("nul\x00 del\x7f", "nul\\x00 del\\x7f"),
        ("c1 csi \x9b31m", "c1 csi \\x9b31m"),
        ("bidi \u202eevil\u202c", "bidi \\u202eevil\\u202c"),
        ("isolate \u2066x\u2069", "isolate \\u2066x\\u2069"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_visible_line_also_escapes_layout() -> None:
    assert visible_line("a\nb\tc\x1b") == "a\\x0ab\\x09c\\x1b"


_CONTROLS = {chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]} - {"\n", "\t"}


@given(st.text())
def test_visible_never_leaves_a_control_character(text: str) -> None:
    shown = visible(text)
    assert not _CONTROLS.intersection(shown)
    assert not {"\u202e", "\u202d", "\u2066", "\u2067", "\u2068"}.intersection(shown)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf"))))
def test_visible_keeps_ordinary_text(text: str) -> None:
    assert visible(text) == text
