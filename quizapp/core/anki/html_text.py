"""Anki fields are HTML; quizapp decks are text. Reduce one to the other, counting media."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = {"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
_SOUND = re.compile(r"\[sound:[^\]]*\]")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("img", "audio", "video", "object"):
            self.media += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, int]:
    """(plain text, number of media references dropped) for one Anki field."""
    without_sounds, sounds = _SOUND.subn("", markup)
    parser = _TextParser()
    parser.feed(without_sounds)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    collapsed = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return collapsed, parser.media + sounds


def text_to_html(text: str) -> str:
    """Deck text as an Anki field: escaped, line breaks as ``<br>``."""
    return html.escape(text, quote=False).replace("\n", "<br>")
