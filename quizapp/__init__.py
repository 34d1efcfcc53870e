"""quizapp: terminal quizzes and flashcards from plain TOML decks."""

__version__ = "0.1.0"
