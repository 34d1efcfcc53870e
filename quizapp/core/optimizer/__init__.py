"""FSRS parameters fitted to the learner's own reviews (``quizapp optimize``).

One concept per module: :mod:`.items` (the review log as FSRS items),
:mod:`.fit` (fitting and predicting with the FSRS engine, ``fsrs-rs-python``),
:mod:`.metrics` (log loss, RMSE (bins), AUC), :mod:`.evaluate` (the
time-series split), :mod:`.simulate` (the desired-retention recommendation),
:mod:`.saved` (parameters kept in the history, and which deck uses which) and
:mod:`.run` (the steps of the command). Only :mod:`.fit`, :mod:`.items` and
:mod:`.simulate` import the engine, and only when called.
"""
