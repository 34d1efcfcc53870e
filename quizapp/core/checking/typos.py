"""Telling a slip of spelling from another answer: edit budgets and per-word alignment."""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from quizapp.core.checking.wording import quote
from quizapp.core.i18n import _, ngettext

LETTERS_PER_TYPO = 6
MIN_TYPO_LETTERS = 4


def allowed_typos(folded_answer: str) -> int:
    """How many edits still count as a typo of this (folded) answer.

    About one per six letters, at least one from four letters up, none for
    three letters or fewer or for answers without letters (numbers).
    """
    letters = sum(map(str.isalpha, folded_answer))
    if letters < MIN_TYPO_LETTERS:
        return 0
    return max(1, letters // LETTERS_PER_TYPO)


def digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))


# Letters that sound alike, so one replacing the other in a short word is a
# slip of spelling rather than another word: a vowel for a vowel (Salah,
# Saleh), the transliterations of one Arabic consonant (Caire, Kaire;
# Gadhafi, Kadhafi) and s/z.
_SOUND_ALIKE = ("aeiouy", "ckqg", "sz")


def _sound_alike(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _SOUND_ALIKE)


def _short_word_slip(typed: str, word: str) -> bool:
    """Whether ``typed`` is one edit from the 4–5 letter ``word`` that keeps its sound.

    That is a missing, extra or doubled letter or two neighbouring letters
    swapped, all after the first letter (Sissi, Egypte, Cario), or one letter
    replaced by a sound-alike (Saleh, Kaire), except a first vowel. "Irak"
    for "Iran", "Omar" for "Oman", "Bali" for "Mali" or "Oran" for "Iran" are
    other words, not typos.
    """
    if len(typed) == len(word):
        differ = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(differ) == 1:
            a, b = typed[differ[0]], word[differ[0]]
            # a first vowel is part of the word's shape: "Oran" is not "Iran"
            return _sound_alike(a, b) and not (differ[0] == 0 and b in _SOUND_ALIKE[0])
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and differ[0] > 0
            and typed[differ[0]] == word[differ[1]]
            and typed[differ[1]] == word[differ[0]]
        )
    return bool(typed) and bool(word) and typed[0] == word[0]


def word_fits(typed: str, word: str) -> bool:
    """Whether the typed word is ``word`` or one of its typos, judged on that word alone.

    A word of three letters or fewer (or without letters) must match
    exactly; a word of four or five letters allows one edit that keeps its
    sound (:func:`_short_word_slip`); longer words allow one edit per six
    letters, where replacing a letter by a sound-alike counts one half.
    """
    if typed == word:
        return True
    letters = sum(map(str.isalpha, word))
    if letters < MIN_TYPO_LETTERS:
        return False
    limit = max(1, letters // LETTERS_PER_TYPO)
    if letters < LETTERS_PER_TYPO:
        return OSA.distance(typed, word, score_cutoff=1) <= 1 and _short_word_slip(typed, word)
    distance = OSA.distance(typed, word, score_cutoff=2 * limit + 1)
    if distance <= limit:
        return True
    # Sound-alike letters count half, so "lybienne" (two vowels traded) is a
    # typo of "libyenne"; that can at most halve the distance.
    return distance <= 2 * limit and _weighted_distance(typed, word) <= limit


def _weighted_distance(a: str, b: str) -> float:
    """Optimal string alignment distance where a sound-alike substitution costs one half."""
    previous2: list[float] = []
    previous = [float(j) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [float(i)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            x, y = a[i - 1], b[j - 1]
            substitution = 0.0 if x == y else 0.5 if _sound_alike(x, y) else 1.0
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y and x != y:
                cost = min(cost, previous2[j - 2] + 1)
            current[j] = cost
        previous2, previous = previous, current
    return previous[len(b)]


@lru_cache(maxsize=1024)
def word_typo_problem(response_key: str, answer_key: str) -> str | None:
    """Why a response within the typo budget of a whole answer still misspells one word too much.

    The budget of a phrase must not be spent on one short word:
    "gouvernement d'unité nationale" is two edits from "gouvernement d'union
    nationale", within the phrase's four, but "unite" is not a typo of
    "union". The words of the response are aligned with the answer's (one
    to one, or one typed word for two answer words with the space missing,
    or two for one with a space too many; a word left out or added never
    fits), and each answer word must be
    matched by a typo it allows on its own (:func:`word_fits`). Returns
    None when an alignment fits, else one sentence about the first word that
    does not.
    """
    typed, words = response_key.split(), answer_key.split()
    n, m = len(typed), len(words)
    if n == m:  # the usual case: word for word
        pairs = zip(typed, words, strict=True)
        misfit = next(((a, b) for a, b in pairs if not word_fits(a, b)), None)
        if misfit is None:
            return None
        joined_typed = {a + b for a, b in pairwise(typed)}
        joined_words = {a + b for a, b in pairwise(words)}
        if not (joined_words.intersection(typed) or joined_typed.intersection(words)):
            return _word_problem(*misfit)  # no space moved: word for word it is
    band = max(1, allowed_typos(answer_key))
    if abs(n - m) > band:
        return "the response does not have the answer's words"
    # best[i][j]: (words that do not fit, edits) aligning typed[:i] with words[:j];
    # a problem is kept as (kind, typed, word) and put into words at the end.
    Problem = tuple[str, str, str] | None
    inf = (math.inf, math.inf)
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, Problem] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (0, 0)
    for i in range(n + 1):
        for j in range(max(0, i - band), min(m, i + band) + 1):
            if best[i][j] == inf:
                continue
            bad, edits = best[i][j]
            moves: list[tuple[int, int, float, Problem]] = []
            if i < n and j < m:
                a, b = typed[i], words[j]
                fits = word_fits(a, b)
                cost: float = 0 if a == b else 1 if fits else OSA.distance(a, b)
                moves.append((1, 1, cost, None if fits else ("word", a, b)))
            # One typed word for two with the space missing, or two for one
            # with a space too many: the space is the one edit allowed there.
            if i < n and j + 1 < m and typed[i] == words[j] + words[j + 1]:
                problem = None if allowed_typos(typed[i]) else ("word", typed[i], words[j])
                moves.append((1, 2, 1, problem))
            if i + 1 < n and j < m and typed[i] + typed[i + 1] == words[j]:
                problem = None if allowed_typos(words[j]) else ("word", typed[i], words[j])
                moves.append((2, 1, 1, problem))
            if j < m:  # an answer word left out
                moves.append((0, 1, len(words[j]) + 1, ("missing", "", words[j])))
            if i < n:  # a word the answer does not have
                moves.append((1, 0, len(typed[i]) + 1, ("extra", typed[i], "")))
            for di, dj, cost, problem in moves:
                score = (bad + (problem is not None), edits + cost)
                if score < best[i + di][j + dj]:
                    best[i + di][j + dj] = score
                    back[i + di][j + dj] = (di, dj, problem)
    if best[n][m][0] == 0:
        return None
    first: Problem = None
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        di, dj, problem = step
        first = problem or first
        i, j = i - di, j - dj
    assert first is not None
    kind, a, b = first
    if kind == "missing":
        return _("the word {word} is missing").format(word=quote(b))
    if kind == "extra":
        return _("{word} is a word too many").format(word=quote(a))
    return _word_problem(a, b)


def _word_problem(typed: str, word: str) -> str:
    """Say why ``typed`` is not a typo of the answer word ``word``."""
    letters = sum(map(str.isalpha, word))
    distance = int(OSA.distance(typed, word))
    if letters < MIN_TYPO_LETTERS:
        return _("the word {word} must be typed exactly, not as {typed}").format(
            word=quote(word), typed=quote(typed)
        )
    limit = max(1, letters // LETTERS_PER_TYPO)
    if distance <= limit:
        return _("{typed} is not a slip of {word} but another word").format(
            typed=quote(typed), word=quote(word)
        )
    edits = ngettext(
        "{typed} is {n} edit from the word {word}",
        "{typed} is {n} edits from the word {word}",
        distance,
    ).format(typed=quote(typed), n=distance, word=quote(word))
    return edits + _(" (at most {limit} in a word of {letters} letters)").format(
        limit=limit, letters=letters
    )
