"""Export the score history, and import review logs back.

Export (:mod:`.export`) writes every review and every quiz session with ISO
8601 UTC times (:mod:`.times`), as JSON or CSV (:mod:`.formats`). Import reads
our own exports and the Anki/FSRS review log and validates every row before
anything is written (:mod:`.reading`, :mod:`.validation`), then adds the rows
not there yet and reschedules the items they touch, in one transaction
(:mod:`.importing`, :mod:`.replay`). Every read and write goes through the store's interface.
"""

from quizapp.core.history_io.export import (
    export_history,
    iter_quiz_sessions,
    iter_reviews,
    write_csv,
    write_json,
)
from quizapp.core.history_io.formats import (
    CSV_COLUMNS,
    DEFAULT_IMPORT_DECK,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    LOG_COLUMNS,
    MAX_IMPORT_BYTES,
    QUIZ_FIELDS,
    REVIEW_FIELDS,
    BadRows,
    HistoryFormatError,
    ImportedQuiz,
    ImportedReview,
    ParsedHistory,
    Progress,
)
from quizapp.core.history_io.importing import (
    DEFAULT_LEECH_THRESHOLD,
    ImportPlan,
    ImportResult,
    import_history,
    plan_import,
)
from quizapp.core.history_io.reading import read_history_file
from quizapp.core.history_io.times import iso_from_ms, ms_from_iso

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_IMPORT_DECK",
    "DEFAULT_LEECH_THRESHOLD",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "LOG_COLUMNS",
    "MAX_IMPORT_BYTES",
    "QUIZ_FIELDS",
    "REVIEW_FIELDS",
    "BadRows",
    "HistoryFormatError",
    "ImportPlan",
    "ImportResult",
    "ImportedQuiz",
    "ImportedReview",
    "ParsedHistory",
    "Progress",
    "export_history",
    "import_history",
    "iso_from_ms",
    "iter_quiz_sessions",
    "iter_reviews",
    "ms_from_iso",
    "plan_import",
    "read_history_file",
    "write_csv",
    "write_json",
]
