"""Turn the analysed sentences into card proposals, each tied to its sentence.

Every card quotes its sentence verbatim. A mention gives a cloze card; a
mention that a pattern asks about also gives a typed question, a choice
(distractors: other names of the same kind from the article, never the
answer's own spellings) and a false statement made by swapping it; years and
quantities give number cards. Cards about one mention share a ``fact`` name,
and the same role asked in two sentences is one fact. Ids are built from the
answer and the sentence's first content words, so drafting the same article
again gives the same ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from quizapp.core.draft.lexicon import Lexicon
from quizapp.core.draft.model import NAME_KINDS, CardTable, Mention, Proposal, Sentence
from quizapp.core.draft.patterns import Question, blank_prompt, question_for

_BASE_CONFIDENCE = {
    "person": 0.6,
    "place": 0.6,
    "org": 0.6,
    "misc": 0.45,
    "name": 0.45,
    "year": 0.7,
    "month": 0.6,
    "number": 0.55,
    "day": 0.3,
}
MAX_DISTRACTORS = 3
_KIND_WORDS = {
    "person": "a person",
    "place": "a place",
    "org": "an organisation",
    "misc": "a name",
    "name": "a name",
    "year": "a year",
    "month": "a month",
    "day": "a day",
    "number": "a number",
}


def slug(text: str, limit: int = 30) -> str:
    """Lowercase ASCII words joined by hyphens: "Abdel-Fattah al-Sissi" -> "abdel-fattah-al-sissi".

    Words are kept whole: the result stops before the word that would pass ``limit``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or "x"


def _words(name: str) -> list[str]:
    return slug(name, 200).split("-")


def spellings_of_one_name(a: str, b: str) -> bool:
    """ "Haftar" and "Khalifa Haftar" (one ends the other), "Al Sissi" and "Abdel-Fattah al-Sissi"
    (the same last word after a particle); not "Marseille" and "Aix-Marseille-Provence"."""
    first, second = _words(a), _words(b)
    shorter, longer = sorted((first, second), key=len)
    if shorter and longer[-len(shorter) :] == shorter:
        return True
    particles = {"al", "el", "ben", "bin", "ibn", "abu"}
    return (
        len(first) > 1
        and len(second) > 1
        and first[-1] == second[-1]
        and (first[-2] in particles or second[-2] in particles)
    )


def sentence_key(sentence: Sentence, lex: Lexicon, answer: str = "") -> str:
    """Two content words of the sentence ("appele-dirigeants"): readable, stable across drafts.

    Words of the answer are passed over, so an id never says its answer twice.
    """
    avoid = set(slug(answer, 200).split("-"))
    words = [w for w in re.findall(r"\w+", sentence.text.lower()) if len(w) > 3]
    content = [w for w in words if w not in lex.function_words and slug(w) not in avoid][:2]
    return slug(" ".join(content), 24)


class Variants:
    """Each name's spellings in the article ("Khalifa Haftar", "Haftar"; "LNA" and its name)."""

    def __init__(self, sentences: Iterable[Sentence]) -> None:
        self.names: list[Mention] = []
        self.linked: dict[str, set[str]] = {}
        for sentence in sentences:
            for index, mention in enumerate(sentence.mentions):
                if mention.kind in NAME_KINDS:
                    self.names.append(mention)
                after = sentence.text[mention.end :]
                acronym = re.match(r"\s*\(([A-Z]{2,6})\)", after)
                if acronym and index + 1 < len(sentence.mentions):
                    self._link(mention.text, acronym.group(1))

    def _link(self, a: str, b: str) -> None:
        self.linked.setdefault(a, set()).add(b)
        self.linked.setdefault(b, set()).add(a)

    def same(self, a: str, b: str) -> bool:
        return a == b or b in self.linked.get(a, set()) or spellings_of_one_name(a, b)

    def of(self, mention: Mention) -> list[str]:
        """Other spellings of the mention in the article, in order of appearance."""
        found: list[str] = []
        for other in self.names:
            if (
                other.text != mention.text
                and other.text not in found
                and other.kind == mention.kind
                and self.same(mention.text, other.text)
            ):
                found.append(other.text)
        found.extend(sorted(self.linked.get(mention.text, set()) - set(found)))
        return found

    def distractors(self, mention: Mention) -> list[str]:
        """Other names of the same kind, none a spelling of the answer, fullest first."""
        chosen: list[str] = []
        for other in sorted(self.names, key=lambda m: -len(m.text)):
            if other.kind != mention.kind or self.same(mention.text, other.text):
                continue
            if any(self.same(other.text, c) for c in chosen):
                continue
            chosen.append(other.text)
        return chosen[:MAX_DISTRACTORS]


def _gap_safe(text: str) -> bool:
    return not any(mark in text for mark in ("{", "}", "|"))


def _cloze(sentence: Sentence, mention: Mention, variants: list[str]) -> CardTable | None:
    if not _gap_safe(sentence.text) or not _gap_safe(mention.text):
        return None
    answers = "|".join([mention.text, *[v for v in variants if _gap_safe(v)]])
    text = f"{sentence.text[: mention.start]}{{{{{answers}}}}}{sentence.text[mention.end :]}"
    return {"type": "cloze", "text": text}


def _typed(prompt: str, mention: Mention, variants: list[str]) -> CardTable:
    card: CardTable = {"type": "typed", "prompt": prompt, "answer": mention.text}
    if variants:
        card["accept"] = variants
    return card


def _number(prompt: str, mention: Mention, sentence: Sentence) -> CardTable | None:
    if mention.value is None:
        return None
    card: CardTable = {"type": "number", "prompt": prompt, "answer": mention.value}
    unit = re.match(r"\s+([^\W\d]{2,20})\b", sentence.text[mention.end :])
    if mention.kind == "number" and unit:
        card["unit"] = unit.group(1)
    return card


def _statement(sentence: Sentence, mention: Mention, swap: str) -> CardTable:
    statement = f"{sentence.text[: mention.start]}{swap}{sentence.text[mention.end :]}"
    return {
        "type": "truefalse",
        "statement": statement,
        "answer": False,
        "correction": sentence.text,
    }


def _explanation(sentence: Sentence, lex: Lexicon) -> str:
    # The quote (the whole sentence) is shown beside the answer already: say where it is.
    number = sentence.index + 1
    if lex.code == "fr":
        return f"D’après la phrase {number} de l’article."
    return f"From sentence {number} of the article."


def _options(
    sentence: Sentence, mention: Mention, question: Question | None, lex: Lexicon, names: Variants
) -> dict[str, CardTable]:
    """Every card type this mention can be asked as, the likeliest first."""
    variants = names.of(mention) if mention.kind in NAME_KINDS else []
    prompt = question.prompt if question else blank_prompt(sentence, mention, lex)
    options: dict[str, CardTable] = {}
    if mention.kind in ("year", "number"):
        number = _number(blank_prompt(sentence, mention, lex), mention, sentence)
        if number:
            options["number"] = number
    if question is not None:
        options["typed"] = _typed(prompt, mention, variants)
    cloze = _cloze(sentence, mention, variants)
    if cloze:
        options["cloze"] = cloze
    if mention.kind == "month":
        options["typed"] = _typed(prompt, mention, [])
    distractors = names.distractors(mention) if mention.kind in NAME_KINDS else []
    if distractors:
        options["choice"] = {
            "type": "choice",
            "prompt": prompt,
            "answer": mention.text,
            "distractors": distractors,
        }
        absent = [d for d in distractors if d not in sentence.text]
        if absent:
            options["truefalse"] = _statement(sentence, mention, absent[0])
    if "typed" not in options and mention.kind in NAME_KINDS:
        options["typed"] = _typed(prompt, mention, variants)
    return options


def propose(sentences: list[Sentence], lex: Lexicon, *, fallback: bool = False) -> list[Proposal]:
    """Card proposals for every mention of every usable sentence, in article order.

    For a mention a pattern asks about: the typed question, a choice, a false
    statement and the cloze; otherwise the first of its options alone (number,
    cloze, typed). The rest stay as options the author can switch to.
    """
    names = Variants(sentences)
    proposals: list[Proposal] = []
    seen_prompts: set[str] = set()
    for sentence in sentences:
        if sentence.skip:
            continue
        key = sentence_key(sentence, lex)  # the fact of a mention no pattern asks about
        for mention in sentence.mentions:
            question = question_for(sentence, mention, lex)
            options = _options(sentence, mention, question, lex, names)
            if not options:
                continue
            base = _BASE_CONFIDENCE.get(mention.kind, 0.4) - (0.1 if fallback else 0)
            if sentence.in_quotation(mention):
                base -= 0.2
            fact = slug(question.relation, 40) if question else f"{slug(mention.text, 24)}-{key}"
            asked = list(options) if question else list(options)[:1]
            for card_type in asked:
                asked_before = f"{card_type}:{options[card_type].get('prompt')}"
                if card_type in ("typed", "choice") and asked_before in seen_prompts:
                    continue  # the same question from another sentence: one card is enough
                seen_prompts.add(asked_before)
                confidence = question.confidence if question else base
                if card_type in ("choice", "truefalse"):
                    confidence -= 0.1
                reason = (
                    question.pattern if question else f"{_KIND_WORDS[mention.kind]} in the sentence"
                )
                proposals.append(
                    Proposal(
                        sentence,
                        mention,
                        options,
                        card_type,
                        round(max(0.05, min(0.95, confidence)), 2),
                        reason,
                        fact,
                    )
                )
    return proposals


def card_id(proposal: Proposal, lex: Lexicon) -> str:
    """``<type>-<answer>-<sentence words>``: "typed-tobrouk-haftar-appele"."""
    short = {"truefalse": "tf", "number": "num"}.get(proposal.card_type, proposal.card_type)
    words = sentence_key(proposal.sentence, lex, proposal.answer)
    return f"{short}-{slug(proposal.answer, 24)}-{words}"[:64]


def card_table(proposal: Proposal, lex: Lexicon, card_id_: str) -> CardTable:
    """The card as a deck file writes it: id, type's keys, quote, explanation, fact."""
    table: CardTable = {"id": card_id_}
    table.update(proposal.card)
    table["quote"] = proposal.sentence.text
    table["explanation"] = _explanation(proposal.sentence, lex)
    table["fact"] = proposal.fact
    return table
