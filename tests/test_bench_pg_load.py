"""The load benchmark keeps working: a tiny run (3 learners, 5 answers each) loses nothing.

No duration is asserted; the figures of a full run are in BENCHMARKS.md.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO
from tests.postgres_server import find_bindir, unavailable


def test_a_tiny_load_run_reports_both_backends_and_loses_no_answer() -> None:
    if find_bindir() is None:
        unavailable("initdb and pg_ctl not found (set QUIZAPP_PG_BINDIR)")
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "bench_pg_load.py"),
            "--learners",
            "3",
            "--answers",
            "5",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    assert figures["lost"] == 0 and figures["learners"] == 3
    for backend in ("postgresql", "sqlite"):
        assert figures[backend]["answers"] == 15
        assert figures[backend]["commit_p95_ms"] >= figures[backend]["commit_p50_ms"] > 0
