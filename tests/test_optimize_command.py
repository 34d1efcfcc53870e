"""``quizapp optimize`` end to end, on the real review log brought in by ``history import``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.optimizer import saved
from quizapp.core.store import open_store
from tests.conftest import SAMPLE_LOG

LINE = re.compile(
    r"^(?P<name>default|fitted)\s+log loss (?P<log_loss>[\d.]+)\s+"
    r"RMSE \(bins\) (?P<rmse>[\d.]+)\s+AUC (?P<auc>[\d.]+)$",
    re.MULTILINE,
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_log_fits_and_evaluates_within_the_targets(
    capsys: pytest.CaptureFixture[str], quizapp_home: Path
) -> None:
    # The log's times are UTC; fix the zone so study days do not depend on the machine's.
    (quizapp_home / "config.toml").write_text('timezone = "UTC"\n', encoding="utf-8")
    assert run(capsys, "history", "import", str(SAMPLE_LOG))[0] == 0
    code, out, _ = run(capsys, "optimize", "--evaluate")
    assert code == 0
    figures = {m["name"]: m for m in LINE.finditer(out)}
    assert set(figures) == {"default", "fitted"}
    fitted, default = figures["fitted"], figures["default"]
    assert float(fitted["log_loss"]) <= 0.450
    assert float(fitted["rmse"]) <= 0.065
    assert float(fitted["log_loss"]) < float(default["log_loss"])
    assert float(fitted["rmse"]) < float(default["rmse"])
    assert "6,276 inter-day reviews" in out and "5,099 same-day repeats" in out
    with open_store() as store:
        record = saved.load(store, saved.ALL)
    assert record is not None and record.reviews == 6276 and record.decks is None
    assert record.evaluation is not None
    assert record.evaluation["fitted"]["log_loss"] == pytest.approx(
        float(fitted["log_loss"]), abs=1e-4
    )

    code, out, _ = run(
        capsys, "optimize", "--deck", "imported", "--retention", "--accept", "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["group"] == "deck:imported" and report["fitted"] is True
    assert len(report["parameters"]) == 21
    recommended = report["retention"]["recommended"]
    assert 0.70 <= recommended <= 0.95 and report["retention"]["accepted"] is True
    with open_store() as store:
        record = saved.load(store, "deck:imported")
    assert record is not None and record.desired_retention == recommended


def test_too_few_reviews_explains_and_keeps_the_defaults(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "optimize")
    assert code == 0
    assert "not fitted: fitting needs at least 400 inter-day reviews" in out
    assert "default parameters stay in use" in out
    code, out, _ = run(capsys, "optimize", "--json", "--evaluate")
    assert code == 0 and json.loads(out)["fitted"] is False
    with open_store() as store:
        assert saved.saved_groups(store) == []


def test_unknown_deck_is_one_line_and_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "optimize", "--deck", "nope")
    assert code == 1 and out == ""
    assert err.startswith("quizapp: no deck 'nope'") and err.count("\n") == 1


def test_imported_log_holds_what_fitting_needs(capsys: pytest.CaptureFixture[str]) -> None:
    """Rating, UTC time and duration of each review of the CSV log reach the history."""
    from quizapp.core.store.fitting import graded_answers

    assert run(capsys, "history", "import", str(SAMPLE_LOG))[0] == 0
    with open_store() as store:
        answers = graded_answers(store)
    assert len(answers) == 12_580
    first = answers[0]  # 1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060
    assert (first.item_id, first.rating, first.response_ms) == ("1711684180217", 1, 25060)
    assert first.reviewed_ms == 1711744352250
    assert first.before_state == 0  # new, as replayed on import
