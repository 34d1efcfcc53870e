"""Deck bytes to text: strict UTF-8, a BOM dropped, CRLF line ends made LF."""

from __future__ import annotations


def _decode(data: bytes) -> tuple[str | None, tuple[int, int, str] | None]:
    """Decode strict UTF-8; return (text, None) or (None, (line, column, message)).

    The BOM is dropped and CRLF line ends become LF (TOML allows both; the
    scanner and the quote comparison then only deal with LF).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1].hex()
        message = f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8"
        return None, (line, column, message)
    return text.replace("\r\n", "\n"), None
