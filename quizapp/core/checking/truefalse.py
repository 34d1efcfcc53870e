"""Reading "true"/"vrai"/"no"… as a bool, and labelling the two options in the deck's language."""

from __future__ import annotations

from quizapp.core.checking.folding import fold

_TRUE_WORDS = {
    "true",
    "t",
    "vrai",
    "v",
    "yes",
    "y",
    "oui",
    "o",
    "1",
    "wahr",
    "verdadero",
    "vero",
    "verdadeiro",
}
_FALSE_WORDS = {"false", "f", "faux", "no", "n", "non", "0", "falsch", "falso", "nein"}
_TRUE_FALSE_LABELS = {
    "en": ("True", "False"),
    "fr": ("Vrai", "Faux"),
    "es": ("Verdadero", "Falso"),
    "it": ("Vero", "Falso"),
    "de": ("Wahr", "Falsch"),
    "pt": ("Verdadeiro", "Falso"),
}


def truefalse_labels(language: str) -> tuple[str, str]:
    """The (true, false) option labels in the deck's language; English by default."""
    return _TRUE_FALSE_LABELS.get(language, _TRUE_FALSE_LABELS["en"])


def parse_truefalse(text: str) -> bool | None:
    """Map "true"/"Vrai"/"f"/"non"… to a bool; None when it is neither."""
    word = fold(text, "xx").strip()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None
