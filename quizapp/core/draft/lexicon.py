"""Words of each language the rules need: months, days, numbers, titles, function words.

Only French and English are described; any other language gets English's
tables (the cards are still grounded, only the wording of prompts is English).
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.core.words import MONTHS, NUMBER_WORDS, SCALE_WORDS


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, so the tables stay readable."""
    return frozenset(words.split())


def _numbers(language: str) -> dict[str, int]:
    """Number words worth a card: "one"/"un" is too often not a number to count."""
    words = {word: value for word, value in NUMBER_WORDS[language].items() if value >= 2}
    return words | SCALE_WORDS[language]


@dataclass(frozen=True)
class Lexicon:
    """The words of one language that the rule-based analysis and the prompts use."""

    code: str
    months: frozenset[str]
    days: frozenset[str]
    numbers: dict[str, int]
    # Capitalised words that start a sentence without being names.
    function_words: frozenset[str]
    # Words before a name that make it a person ("le président X", "general X").
    person_titles: frozenset[str]
    # Titles that take "la" ("la maire", "la présidente").
    feminine_titles: frozenset[str]
    # First words of an organisation's name ("Ligue arabe", "Chambre des représentants").
    org_heads: frozenset[str]
    # Words that may join the capitalised words of one name ("Chambre des représentants").
    name_joiners: frozenset[str]
    # Prepositions before a place ("à Tobrouk", "in Cairo").
    place_prepositions: frozenset[str]


FRENCH = Lexicon(
    code="fr",
    months=frozenset(MONTHS["fr"]),
    days=word_set("lundi mardi mercredi jeudi vendredi samedi dimanche"),
    numbers=_numbers("fr"),
    function_words=word_set(
        """le la les l un une des du de d au aux ce cet cette ces il elle ils elles on nous
        vous je tu mais et ou donc or ni car si lors selon actuellement après avant depuis
        pendant dans en par pour sur sous avec sans quand alors ainsi puis enfin pourquoi
        comment où qui que quoi mon ma mes ton ta tes son sa ses notre votre leur leurs
        aujourd hier demain cependant toutefois est ouest nord sud"""
    ),
    person_titles=word_set(
        """président présidente général maréchal chef envoyé envoyée dictateur ministre
        roi reine prince émir premier première secrétaire porte-parole ambassadeur
        ambassadrice colonel commandant juge directeur directrice maire député députée
        sénateur sénatrice préfet préfète gouverneur gouverneure m mme"""
    ),
    feminine_titles=word_set(
        """présidente envoyée reine première ambassadrice directrice députée sénatrice
        préfète gouverneure mme"""
    ),
    org_heads=word_set(
        """ligue organisation chambre armée conseil union nations assemblée parlement
        gouvernement banque parti front mouvement cour commission agence fonds comité
        congrès sénat régie office institut otan onu"""
    ),
    name_joiners=word_set("des de du pour et"),
    place_prepositions=word_set("à au en vers depuis"),
)

ENGLISH = Lexicon(
    code="en",
    months=frozenset(MONTHS["en"]),
    days=word_set("monday tuesday wednesday thursday friday saturday sunday"),
    numbers=_numbers("en"),
    function_words=word_set(
        """the a an this that these those he she it they we you i but and or so if when
        while after before since during in on at by for from with without as then thus why
        how where who what my his her its our their currently today yesterday however
        meanwhile according east west north south"""
    ),
    person_titles=word_set(
        """president general marshal leader chief envoy dictator minister king queen prince
        emir secretary spokesman spokeswoman ambassador colonel commander judge director
        mayor governor senator mr mrs ms dr"""
    ),
    feminine_titles=frozenset(),
    org_heads=word_set(
        """league organisation organization house chamber army council union nations
        assembly parliament government bank party front movement court commission agency
        fund committee congress senate nato"""
    ),
    name_joiners=word_set("of for and"),
    place_prepositions=word_set("in at to from"),
)

LEXICONS = {"fr": FRENCH, "en": ENGLISH}


def lexicon_for(language: str) -> Lexicon:
    """The lexicon of a language tag ("fr", "fr-FR", "en"); English for others."""
    return LEXICONS.get(language.lower().split("-")[0], ENGLISH)


_FR_COMMON = word_set("le la les des du et est une que l")
_EN_COMMON = word_set("the of and is to was that with a")


def guess_language(text: str) -> str:
    """ "fr" or "en", whichever language's commonest function words the text uses more."""
    words = text.lower().replace("’", " ").replace("'", " ").split()
    french = sum(word in _FR_COMMON for word in words)
    english = sum(word in _EN_COMMON for word in words)
    return "fr" if french > english else "en"
