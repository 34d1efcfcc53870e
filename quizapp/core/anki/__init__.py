"""Moving decks in and out of Anki (packages) and spreadsheets (CSV/TSV).

:mod:`.package` opens ``.apkg``/``.colpkg`` files (the collection itself is
read by :mod:`quizapp.core.store.anki_file`), :mod:`.notes` turns Anki notes
into quizapp cards, :mod:`.html_text` reduces HTML to text, :mod:`.tables`
reads and writes CSV/TSV, :mod:`.export` writes packages with genanki, and
:mod:`.deck_text` writes the resulting deck file.
"""
