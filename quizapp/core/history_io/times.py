"""Times in the exported history: ISO 8601 UTC with milliseconds, so they round-trip exactly."""

from __future__ import annotations

from datetime import UTC, datetime

from quizapp.core.clock import from_ms, now_ms, to_ms


def iso_from_ms(ms: int | None) -> str | None:
    """``2024-03-29T20:32:32.250Z``: UTC, millisecond precision, so times round-trip exactly."""
    if ms is None:
        return None
    moment = from_ms(ms)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ms_from_iso(text: str) -> int:
    """Milliseconds since the epoch of an ISO 8601 time; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return to_ms(moment)


# Below this an all-digits time is seconds (until 5138), above it milliseconds.
_MS_THRESHOLD = 100_000_000_000
_LATEST_MS = 253_402_300_799_000  # 9999-12-31T23:59:59Z


def review_time_ms(text: str) -> int:
    """A review log's ``review_time``: ISO 8601 (Anki's export, ours) or, as the FSRS
    optimizer's CSV writes it, milliseconds since the epoch (ten digits or fewer: seconds).
    Raises ``ValueError`` with a reason."""
    value = text.strip()
    if value.isdigit():
        number = int(value)
        ms = number if number >= _MS_THRESHOLD else number * 1000
        if ms > _LATEST_MS:
            raise ValueError(f"review_time {value} is too far in the future")
        return ms
    return ms_from_iso(value)


__all__ = ["iso_from_ms", "ms_from_iso", "now_ms", "review_time_ms"]
