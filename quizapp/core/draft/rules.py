"""The rule-based analysis: names, dates and numbers found without a language model.

Used alone when no spaCy pipeline is installed for the article's language,
and under spaCy for what a small model does badly (where a name starts and
ends, numbers spelt out, month names). Kinds are guessed from the words
around a name (a title before a person, a preposition before a place) and
made consistent across the article afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from quizapp.core.draft.lexicon import Lexicon
from quizapp.core.draft.model import Kind, Mention, Sentence

_WORD = re.compile(r"\w+(?:[-’']\w+)*")
_ELISION = re.compile(r"^(?:l|d|qu|n|s|j|m|c|jusqu|lorsqu|puisqu)[’']", re.IGNORECASE)
_PARTICLE = re.compile(r"^(?:al|el|ben|bin|ibn|abu|van|von|da|di|de|du|le|la)-\w", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w,.])\d{1,3}(?:(?:[  .,]\d{3})+|\d*)(?:[.,]\d+)?(?![\w])")
_PARTICIPLE = re.compile(r"(?:ée?s?|ed|ing)$")
_ELIDED_GAP = re.compile(r"[ \u00a0](?:[lLdD][’'])?")
_ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,6}$")

Word = tuple[str, int, int]


def words(text: str) -> list[Word]:
    """Words with their offsets; a French elision ("l’Égypte") is cut off its word."""
    found: list[Word] = []
    for match in _WORD.finditer(text):
        word, start = match.group(0), match.start()
        elided = _ELISION.match(word)
        if elided and len(word) > elided.end():
            word, start = word[elided.end() :], start + elided.end()
        found.append((word, start, match.end()))
    return found


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(
        _PARTICLE.match(word)
        and not word[:1].isupper()
        and any(part[:1].isupper() for part in word.split("-")[1:])
    )


def _gap_is_space(text: str, end: int, start: int) -> bool:
    return text[end:start] in (" ", "\u00a0")


def name_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of the runs of capitalised words, extended over an organisation's name."""
    ws = words(text)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(ws):
        word, start, _end = ws[index]
        lower = word.lower()
        if (
            not _is_capitalised(word)
            or (lower in lex.function_words and not _ACRONYM.match(word))
            or lower in lex.months
            or lower in lex.days
        ):
            index += 1
            continue
        last = index
        while last + 1 < len(ws) and _gap_is_space(text, ws[last][2], ws[last + 1][1]):
            nxt = ws[last + 1][0]
            if _is_capitalised(nxt) and nxt.lower() not in lex.function_words:
                last += 1
            else:
                break
        if word.lower() in lex.org_heads and last == index:
            last = _extend_org(text, ws, index, lex)
        spans.append((start, ws[last][2]))
        index = last + 1
    return spans


def _extend_org(text: str, ws: list[Word], index: int, lex: Lexicon) -> int:
    """Extend "Ligue" to "Ligue arabe", "Chambre" to "Chambre des représentants"."""
    last = index
    for step in range(1, 5):
        if index + step >= len(ws) or not _ELIDED_GAP.fullmatch(
            text[ws[index + step - 1][2] : ws[index + step][1]]
        ):
            break
        word = ws[index + step][0]
        if word.lower() in lex.name_joiners:
            continue
        if word.lower() in lex.function_words or _PARTICIPLE.search(word) or len(word) < 3:
            break
        last = index + step
    return last


def _value(text: str) -> float | int | None:
    digits = re.sub(r"[  ]", "", text)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        digits = re.sub(r"[.,]", "", digits)
    digits = digits.replace(",", ".")
    try:
        number = float(digits)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _guess_kind(text: str, start: int, end: int, lex: Lexicon) -> Kind:
    name = text[start:end]
    first = name.split()[0].lower()
    before = [w.lower() for w, _s, e in words(text[:start])][-3:]
    if first in lex.org_heads or _ACRONYM.match(name):
        return "org"
    for position, word in enumerate(before):
        between = before[position + 1 :]
        if word in lex.person_titles and not any(_links(w, lex) for w in between):
            return "person"
    raw_before = text[:start].rstrip().lower()
    if before and before[-1] in lex.place_prepositions and not raw_before.endswith(("’", "'")):
        return "place"
    if len(name.split()) >= 2 and name.split()[0].lower() not in lex.org_heads:
        return "person"
    return "name"


def _links(word: str, lex: Lexicon) -> bool:
    """A word that ends a title's description: "envoy *for* Libya" names a place, not a person."""
    return word in lex.function_words or word in lex.place_prepositions or word in lex.name_joiners


def rule_mentions(sentence: str, lex: Lexicon) -> list[Mention]:
    """Names, years, months, days and numbers of one sentence, in order, never overlapping."""
    found: list[Mention] = []
    for start, end in name_spans(sentence, lex):
        guessed = _guess_kind(sentence, start, end, lex)
        found.append(Mention(sentence[start:end], guessed, start, end))
    for match in _NUMBER.finditer(sentence):
        value = _value(match.group(0))
        if value is None:
            continue
        is_year = isinstance(value, int) and 1000 <= value <= 2100 and len(match.group(0)) == 4
        kind: Kind = "year" if is_year else "number"
        found.append(Mention(match.group(0), kind, match.start(), match.end(), value))
    for word, start, end in words(sentence):
        lower = word.lower()
        if lower in lex.months and (lex.code != "en" or word[:1].isupper()):
            found.append(Mention(word, "month", start, end))
        elif lower in lex.days:
            found.append(Mention(word, "day", start, end))
        elif lower in lex.numbers and word.islower():
            found.append(Mention(word, "number", start, end, lex.numbers[lower]))
    return without_overlaps(found)


def without_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the first of overlapping mentions (by start, then the longest)."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def harmonise_kinds(sentences: list[Sentence]) -> list[Sentence]:
    """Give a name the kind it has elsewhere in the article ("Haftar" as in "Khalifa Haftar").

    A name of unknown kind takes the kind of another mention that is it or
    ends with it; a single word seen both as a person and a place stays as found.
    """
    known: dict[str, Kind] = {}
    people: set[str] = set()
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.kind in ("person", "place", "org"):
                known.setdefault(mention.text, mention.kind)
                known.setdefault(_last_part(mention.text), mention.kind)
            if mention.kind == "person" and " " in mention.text:
                people.add(_last_part(mention.text))
    result: list[Sentence] = []
    for sentence in sentences:
        mentions = tuple(
            _with_kind(m, "person")
            if m.kind in ("name", "place") and _last_part(m.text) in people
            else _with_kind(m, known[m.text])
            if m.kind == "name" and m.text in known
            else m
            for m in sentence.mentions
        )
        result.append(replace(sentence, mentions=mentions))
    return result


def _last_part(name: str) -> str:
    return re.split(r"[\s-]", name)[-1]


def _with_kind(mention: Mention, kind: Kind) -> Mention:
    return Mention(mention.text, kind, mention.start, mention.end, mention.value)
