"""Open an Anki package (``.apkg``, ``.colpkg``): find its collection, whatever its age.

Anki has written three collection files inside a package: ``collection.anki2``
(oldest), ``collection.anki21``, and today ``collection.anki21b``, compressed
with zstd, beside a stub ``collection.anki2`` that only says "please update".
The newest one present is read. Sizes are bounded: a package is untrusted.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.anki.protobuf import (
    NOTETYPE_KIND,
    TEMPLATE_AFMT,
    TEMPLATE_QFMT,
    int_field,
    text_field,
)
from quizapp.core.i18n import _
from quizapp.core.store.anki_file import (
    AnkiRows,
    NotAnAnkiCollection,
    RawNoteType,
    read_anki_collection,
)

MAX_COLLECTION_BYTES = 512 * 1024 * 1024
_COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")


class AnkiPackageError(ValueError):
    """A one-line reason the file cannot be imported."""


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    is_cloze: bool
    fields: list[str]
    templates: list[tuple[str, str]]  # (question format, answer format)


@dataclass
class AnkiPackage:
    rows: AnkiRows
    note_types: dict[int, NoteType]
    media_files: int
    layout: str  # which collection file was read


def _resolve(raw: RawNoteType) -> NoteType:
    """Decode a newer-layout note type's protobuf configs into plain formats."""
    if raw.is_cloze is not None:
        return NoteType(raw.id, raw.name, raw.is_cloze, raw.fields, raw.templates)
    try:
        cloze = int_field(raw.raw_config, NOTETYPE_KIND) == 1
        templates = [
            (text_field(c, TEMPLATE_QFMT), text_field(c, TEMPLATE_AFMT)) for c in raw.raw_templates
        ]
    except ValueError as exc:
        raise AnkiPackageError(
            _("note type {name!r} cannot be read: {error}").format(name=raw.name, error=exc)
        ) from None
    if any("{{cloze:" in q for q, _answer in templates):
        cloze = True
    return NoteType(raw.id, raw.name, cloze, raw.fields, templates)


def _decompress(data: bytes) -> bytes:
    import zstandard

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(data)
        out = reader.read(MAX_COLLECTION_BYTES + 1)
    except zstandard.ZstdError as exc:
        raise AnkiPackageError(
            _("the compressed collection is corrupt: {error}").format(error=exc)
        ) from None
    if len(out) > MAX_COLLECTION_BYTES:
        raise AnkiPackageError(_("the collection is larger than 512 MB"))
    return out


def open_package(path: Path) -> AnkiPackage:
    """Read the package at ``path``; raises :class:`AnkiPackageError` with a clear reason."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise AnkiPackageError(
            _("{path}: not a zip archive (a corrupt or truncated Anki package?)").format(path=path)
        ) from None
    except OSError as exc:
        raise AnkiPackageError(f"{path}: {exc.strerror or exc}") from None
    with archive:
        names = set(archive.namelist())
        chosen = next((name for name in _COLLECTIONS if name in names), None)
        if chosen is None:
            raise AnkiPackageError(
                _("{path}: a zip archive, but no Anki collection inside").format(path=path)
            )
        info = archive.getinfo(chosen)
        if info.file_size > MAX_COLLECTION_BYTES:
            raise AnkiPackageError(
                _("{path}: the collection is larger than 512 MB").format(path=path)
            )
        try:
            data = archive.read(chosen)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise AnkiPackageError(
                _("{path}: the archive is corrupt: {error}").format(path=path, error=exc)
            ) from None
        media = sum(1 for name in names if name.isdigit())
    if chosen.endswith("b"):
        data = _decompress(data)
    with tempfile.TemporaryDirectory(prefix="quizapp-import-") as folder:
        db = Path(folder) / "collection.sqlite"
        db.write_bytes(data)
        try:
            rows = read_anki_collection(db)
        except NotAnAnkiCollection as exc:
            raise AnkiPackageError(f"{path}: {exc}") from None
    note_types = {ntid: _resolve(raw) for ntid, raw in rows.note_types.items()}
    return AnkiPackage(rows, note_types, media, chosen)
