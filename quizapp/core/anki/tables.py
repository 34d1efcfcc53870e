"""CSV and TSV decks: one card a row (front, back, optional tags), in and out.

Read: the delimiter comes from Anki's ``#separator:`` header line, else the
extension (``.tsv``/``.txt`` tab), else is sniffed; columns come from a header
row naming them, from ``--columns``, or default to front, back[, tags]. Every
row must have as many fields as there are columns: the first that does not is
reported with its line number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.core.anki.html_text import html_to_text
from quizapp.core.authoring.ids import slugify, unique_id
from quizapp.core.i18n import _

KNOWN_COLUMNS = ("front", "back", "tags", "id", "explanation", "ignore")
_SYNONYMS = {"question": "front", "answer": "back", "tag": "tags", "-": "ignore", "": "ignore"}
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
MAX_TABLE_BYTES = 20 * 1024 * 1024


class TableError(ValueError):
    """A one-line reason, starting with ``path:line:``."""


@dataclass
class TableCards:
    cards: list[dict[str, Any]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


def parse_columns(spec: str) -> list[str]:
    """``"front,back,tags"`` -> the column names; raises TableError for an unknown one."""
    names = [_SYNONYMS.get(n.strip().lower(), n.strip().lower()) for n in spec.split(",")]
    unknown = [n for n in names if n not in KNOWN_COLUMNS]
    if unknown or "front" not in names or "back" not in names:
        raise TableError(
            _("--columns {spec!r}: name front and back, and only {known}").format(
                spec=spec, known=", ".join(KNOWN_COLUMNS)
            )
        )
    return names


def read_table(path: Path, columns: list[str] | None = None) -> TableCards:
    """The cards of a CSV/TSV file; raises :class:`TableError`."""
    if path.stat().st_size > MAX_TABLE_BYTES:
        raise TableError(_("{path}: larger than 20 MB").format(path=path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            _("{path}: not UTF-8 text (byte {byte})").format(path=path, byte=exc.start)
        ) from None
    lines = text.splitlines(keepends=True)
    headers: dict[str, str] = {}
    skip = 0
    while skip < len(lines) and lines[skip].startswith("#") and ":" in lines[skip]:
        key, _sep, value = lines[skip][1:].partition(":")
        headers[key.strip().lower()] = value.strip()
        skip += 1
    delimiter = _delimiter(path, headers, "".join(lines[skip : skip + 5]))
    html = headers.get("html", "false").lower() == "true"
    if columns is None and "columns" in headers:
        columns = parse_columns(headers["columns"].replace(delimiter, ","))
    reader = csv.reader(io.StringIO("".join(lines[skip:]), newline=""), delimiter=delimiter)
    result = TableCards()
    taken: set[str] = set()
    try:
        for row in reader:
            line = reader.line_num + skip
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns, is_header = _header_or_default(row, path, line)
                if is_header:
                    continue
            if len(row) != len(columns):
                raise TableError(
                    _("{path}:{line}: {n} columns, expected {expected} ({names})").format(
                        path=path,
                        line=line,
                        n=len(row),
                        expected=len(columns),
                        names=", ".join(columns),
                    )
                )
            card = _card(dict(zip(columns, row, strict=True)), html, taken)
            if card is None:
                raise TableError(
                    _("{path}:{line}: the front or the back is empty").format(path=path, line=line)
                )
            result.cards.append(card)
    except csv.Error as exc:
        raise TableError(
            _("{path}:{line}: not valid CSV: {error}").format(
                path=path, line=reader.line_num + skip, error=exc
            )
        ) from None
    result.columns = columns or []
    return result


def _delimiter(path: Path, headers: dict[str, str], sample: str) -> str:
    named = headers.get("separator", "").lower()
    if named:
        return _SEPARATORS.get(named, named[:1] or "\t")
    if path.suffix.lower() in (".tsv", ".txt"):
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _header_or_default(row: list[str], path: Path, line: int) -> tuple[list[str], bool]:
    """(columns, whether ``row`` is a header naming them)."""
    names = [_SYNONYMS.get(c.strip().lower(), c.strip().lower()) for c in row]
    if "front" in names and "back" in names and all(n in KNOWN_COLUMNS for n in names):
        return names, True
    if len(row) in (2, 3):
        return ["front", "back", "tags"][: len(row)], False
    raise TableError(
        _(
            "{path}:{line}: {n} columns and no header row; name them with "
            "--columns front,back,tags (ignore for a column to leave out)"
        ).format(path=path, line=line, n=len(row))
    )


def _card(values: dict[str, str], html: bool, taken: set[str]) -> dict[str, Any] | None:
    def text(key: str) -> str:
        raw = values.get(key, "")
        return html_to_text(raw)[0] if html else raw.strip()

    front, back = text("front"), text("back")
    if not front or not back:
        return None
    wanted = values.get("id", "").strip() or slugify(front)
    card_id = unique_id(wanted, taken)
    taken.add(card_id)
    card: dict[str, Any] = {"id": card_id, "type": "basic", "front": front, "back": back}
    if text("explanation"):
        card["explanation"] = text("explanation")
    tags = [t[:64] for t in values.get("tags", "").replace(",", " ").split() if t]
    if tags:
        card["tags"] = list(dict.fromkeys(tags))[:50]
    return card
