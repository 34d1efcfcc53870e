"""The benchmark command keeps working: a smoke run on tiny data prints every figure.

No duration is asserted; the figures themselves are read by people (BENCHMARKS.md).
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

FIGURES = (
    "start → first screen",
    "start → deck table",
    "peak memory",
    "deck load per card, cold",
    "deck load per card, warm",
    "quizapp check per card",
    "quizapp due",
    "rating key → next card, p50",
    "rating key → next card, p95",
    "plain mode per answer",
    "quizapp stats --json",
    "stats screen",
)


def test_quick_bench_prints_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    missing = [name for name in FIGURES if name not in result.stdout]
    assert not missing, result.stdout
