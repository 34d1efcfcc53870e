"""Review logs in the FSRS optimizer's layout: ``review_time`` in milliseconds since the epoch."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.history_io import read_history_file
from quizapp.core.history_io.times import review_time_ms
from quizapp.core.store import open_store


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1711744352250", 1_711_744_352_250),
        ("1711744352", 1_711_744_352_000),
        ("2024-03-29T20:32:32.250000+00:00", 1_711_744_352_250),
        ("2024-03-29T20:32:32.250", 1_711_744_352_250),
        (" 1711744352250 ", 1_711_744_352_250),
    ],
)
def test_review_time_layouts(text: str, expected: int) -> None:
    assert review_time_ms(text) == expected


@pytest.mark.parametrize("text", ["99999999999999999999", "", "yesterday", "2024-13-01"])
def test_bad_review_times(text: str) -> None:
    with pytest.raises(ValueError):
        review_time_ms(text)


OPTIMIZER_LOG = """card_id,review_time,review_rating,review_state,review_duration
1,1711744352250,3,0,5000
1,1711830752250,4,2,3000
2,1711744360000,1,0,8000
"""


def test_optimizer_csv_imports(
    tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "revlog.csv"
    path.write_text(OPTIMIZER_LOG, encoding="utf-8")
    parsed = read_history_file(path)
    assert [r.reviewed_ms for r in parsed.reviews] == [
        1_711_744_352_250,
        1_711_830_752_250,
        1_711_744_360_000,
    ]
    assert main(["history", "import", str(path), "--deck", "fsrs-log"]) == 0
    assert "3 added" in capsys.readouterr().out
    store = open_store()
    try:
        reviews = store.reviews("fsrs-log")
    finally:
        store.close()
    assert [(r.item_id, r.rating, r.response_ms) for r in reviews] == [
        ("1", 3, 5000),
        ("2", 1, 8000),
        ("1", 4, 3000),
    ]


def test_bad_millisecond_time_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "revlog.csv"
    path.write_text(OPTIMIZER_LOG.replace("1711830752250", "99999999999999999999"), "utf-8")
    with pytest.raises(ValueError, match=r"revlog.csv:row 3: error: review_time: "):
        read_history_file(path)
