"""Just enough of the protobuf wire format to read Anki's note type configs.

Anki's newer collections keep a note type's kind (normal or cloze) and each
template's question and answer formats in protobuf messages. Only top-level
varint and length-delimited fields are needed, so this reader is tiny rather
than a dependency on Anki's generated classes.
"""

from __future__ import annotations

# Field numbers in Anki's notetypes.proto
NOTETYPE_KIND = 1  # Notetype.Config.kind: 0 normal, 1 cloze
TEMPLATE_QFMT = 1  # Notetype.Template.Config.q_format
TEMPLATE_AFMT = 2  # Notetype.Template.Config.a_format


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def read_fields(data: bytes) -> dict[int, int | bytes]:
    """The last value of each top-level field (varints as int, length-delimited as bytes)."""
    fields: dict[int, int | bytes] = {}
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            fields[number], pos = _varint(data, pos)
        elif wire == 2:
            length, pos = _varint(data, pos)
            fields[number] = data[pos : pos + length]
            pos += length
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
    return fields


def text_field(data: bytes, number: int) -> str:
    value = read_fields(data).get(number, b"")
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def int_field(data: bytes, number: int) -> int:
    value = read_fields(data).get(number, 0)
    return value if isinstance(value, int) else 0
