"""The one interval formatter: units chosen on the rounded value, at every boundary."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.core.intervals import format_interval

S, M, H, D = 1, 60, 3600, 86400


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (-5, "now"),
        (0, "now"),
        (0.4, "now"),
        (0.6, "1s"),
        (30, "30s"),
        (59.4, "59s"),
        (59.6, "1m"),  # never "60s"
        (60, "1m"),
        (6 * M, "6m"),
        (59 * M + 29, "59m"),
        (59.6 * M, "1h"),  # never "60m" (the TUI said so, plain mode "1h")
        (60 * M, "1h"),
        (3 * H, "3h"),
        (23 * H + 29 * M, "23h"),
        (23.6 * H, "1d"),  # never "24h"
        (1 * D, "1d"),
        (4 * D + 3 * H, "4d"),
        (29 * D + 11 * H, "29d"),
        (29.6 * D, "1mo"),  # never "30d"
        (60 * D, "2mo"),
        (75 * D, "2.5mo"),
        (364 * D, "12.1mo"),
        (365 * D, "1y"),
        (438 * D, "1.2y"),
        (730 * D, "2y"),
    ],
)
def test_format_interval(seconds: float, text: str) -> None:
    assert format_interval(timedelta(seconds=seconds * S)) == text


def test_front_ends_share_the_formatter() -> None:
    from quizapp import plain
    from quizapp.tui.widgets import feedback

    assert plain.format_interval is format_interval
    assert vars(feedback)["interval"] is format_interval
