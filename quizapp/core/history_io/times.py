"""Times in the exported history: ISO 8601 UTC with milliseconds, so they round-trip exactly."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_from_ms(ms: int | None) -> str | None:
    """``2024-03-29T20:32:32.250Z``: UTC, millisecond precision, so times round-trip exactly."""
    if ms is None:
        return None
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ms_from_iso(text: str) -> int:
    """Milliseconds since the epoch of an ISO 8601 time; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # Integer arithmetic: float timestamps can be off by one millisecond.
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)
