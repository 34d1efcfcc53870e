"""Fitting FSRS parameters with the FSRS engine (``fsrs-rs-python``), and predicting with them.

``fsrs-rs-python`` is the Rust engine Anki uses; it fits a few thousand
reviews in well under a second, with no PyTorch. Only this package imports it;
scheduling stays with py-fsrs in :mod:`quizapp.core.scheduling`, which takes
the parameters fitted here.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.core.i18n import _
from quizapp.core.l10n import number
from quizapp.core.optimizer.items import Item, history_items, to_fsrs_items

# Below this many inter-day reviews the engine can only move the initial
# stabilities (it fits nothing under 64 items, and little under a few hundred),
# so quizapp keeps the defaults and says why. Anki asks for about as many.
MIN_REVIEWS = 400

Parameters = tuple[float, ...]


class NotEnoughReviews(Exception):
    """Too few inter-day reviews to fit; the message says how many there are and need.

    ``str()`` is English (it goes into ``--json``); :meth:`shown` is the
    interface's language.
    """

    def __init__(self, minimum: int, found: int) -> None:
        super().__init__(
            f"fitting needs at least {minimum:,} inter-day reviews and this history has "
            f"{found:,}; the default parameters stay in use (study more, then run it again)"
        )
        self.minimum = minimum
        self.found = found

    def shown(self) -> str:
        return _(
            "fitting needs at least {minimum} inter-day reviews and this history has {found}; "
            "the default parameters stay in use (study more, then run it again)"
        ).format(minimum=number(self.minimum), found=number(self.found))


def default_parameters() -> Parameters:
    """The engine's FSRS-6 defaults (the same 21 numbers py-fsrs starts from)."""
    import fsrs_rs_python

    return tuple(float(w) for w in fsrs_rs_python.DEFAULT_PARAMETERS)


def require_enough(items: Sequence[Item], minimum: int = MIN_REVIEWS) -> None:
    """Raise :class:`NotEnoughReviews` when there are fewer than ``minimum`` items."""
    if len(items) < minimum:
        raise NotEnoughReviews(minimum, len(items))


def fit(items: Sequence[Item], minimum: int = MIN_REVIEWS) -> Parameters:
    """Parameters fitted to these items (time order), after checking there are enough."""
    import fsrs_rs_python

    require_enough(items, minimum)
    engine = fsrs_rs_python.FSRS(list(default_parameters()))
    fitted = engine.compute_parameters(to_fsrs_items(items))
    return tuple(float(w) for w in fitted)


def forgetting_curve(elapsed_days: float, stability: float, decay: float) -> float:
    """FSRS-6 recall probability after ``elapsed_days`` at ``stability`` (``decay`` = w20)."""
    factor = 0.9 ** (-1 / decay) - 1
    return float((1 + factor * elapsed_days / stability) ** -decay)


def predict(parameters: Parameters, items: Sequence[Item]) -> list[float]:
    """Predicted recall of each item's target answer from the history before it."""
    import fsrs_rs_python

    if not items:
        return []
    engine = fsrs_rs_python.FSRS(list(parameters))
    states = engine.memory_state_batch(history_items(items))
    decay = parameters[20]
    return [
        forgetting_curve(item.target.delta_t, state.stability, decay)
        for item, state in zip(items, states, strict=True)
    ]
