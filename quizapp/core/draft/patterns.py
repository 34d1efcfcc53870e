"""Questions from the clear patterns of a sentence: who holds a role, who leads, where, when.

Each pattern reads the words around one mention and, when they fit, words a
question whose answer is that mention. The wording stays close to the
sentence, so a question never says more than its quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from quizapp.core.draft.lexicon import Lexicon
from quizapp.core.draft.model import Mention, Sentence


@dataclass(frozen=True)
class Question:
    """A question whose answer is a mention; ``relation`` names the fact it asks."""

    prompt: str
    relation: str
    confidence: float
    pattern: str


_ROLE_TAIL = r"[^,;:«»()\"“”.]{0,100}?"
_ARTICLE = r"(?:\b(?:le|la|les|au|aux|du|the|an?)\s+|\b[lLdD][’'])"
_FR_PAST = r"(?:a|ont|avait|avaient|aurait|auraient|est|sont|était)\s+\w+"
_BASED = re.compile(
    r"\b(basée?s?|située?s?|installée?s?|établie?s?|based|located|headquartered)\s+(?:à|au|en|in|at)\s+$",
    re.IGNORECASE,
)
_SEAT = re.compile(r"\b(?:son|leur)\s+siège\s+(?:à|au|en)\s+$|\bits\s+headquarters\s+in\s+$")


def _role(sentence: Sentence, mention: Mention, lex: Lexicon) -> Question | None:
    """ "le président égyptien X", "l’envoyé de l’ONU en Libye, X": who holds the role.

    The role runs from the title word nearest the name up to the name; it may
    name places and organisations but no other person and no verb.
    """
    if mention.kind != "person":
        return None
    before = sentence.text[: mention.start]
    people = [m for m in sentence.mentions if m.kind == "person" and m.end <= mention.start]
    titles = [m for m in re.finditer(r"[\w-]+", before) if m.group(0).lower() in lex.person_titles]
    for title in reversed(titles):
        begin = title.start()
        extended = re.search(r"\b[Tt]he\s+((?:[\w-]+\s+){1,2})$", before[:begin])
        if lex.code == "en" and extended:
            begin = extended.start(1)  # "the UN envoy", "the Egyptian president"
        role = before[begin:].strip().rstrip(",").strip()
        if any(p.start >= begin for p in people) or _VERB.search(f" {role} "):
            return None
        if len(role.split()) < 2 or role.split()[-1].lower() in lex.function_words:
            return None
        if re.search(r"[;:«»()\"“”.]", role):
            return None
        if role.split()[0].lower() in lex.person_titles:
            role = role[0].lower() + role[1:]  # "Le président…" opening the sentence
        if lex.code == "fr":
            prompt = f"Qui est {_french_article(before[:begin], role, lex)}{role} ?"
        else:
            prompt = f"Who is the {role}?"
        return Question(prompt, f"role-{role}", 0.85, "a person named with a role")
    return None


def _french_article(before: str, role: str, lex: Lexicon) -> str:
    """The article the text gives the role ("la maire", "au président" -> "le"), else a guess."""
    found = re.search(r"(?:\b(la|le|les|au|du|aux)\s+|\b([lL])[’'])$", before, re.IGNORECASE)
    if found and found.group(2):
        return "l’"
    if found:
        word = found.group(1).lower()
        return {"au": "le ", "du": "le ", "aux": "les "}.get(word, f"{word} ")
    if role[:1].lower() in "aeéèêiouh":
        return "l’"
    return "la " if role.split()[0].lower() in lex.feminine_titles else "le "


_VERB = re.compile(r"\s(?:a|ont|avait|est|sont|aurait|has|have|had|is|was|were|said)\s")


def _leader(sentence: Sentence, mention: Mention, lex: Lexicon) -> Question | None:
    """ "l’Armée nationale libyenne (LNA) de Haftar": who leads the organisation."""
    if mention.kind not in ("person", "name") or lex.code != "fr":
        return None
    before = sentence.text[: mention.start]
    tail = re.search(r"\s*(?:\((?P<acr>[A-Z]{2,6})\)\s*)?\s+de\s+$", before)
    if not tail:
        return None
    head = before[: tail.start()]
    for article in reversed(list(re.finditer(_ARTICLE, head, re.IGNORECASE))):
        org = head[article.end() :].strip()
        if not org or re.search(r"[,;()«»]", org) or _VERB.search(f" {org} "):
            continue
        if not re.search(r"\b(armée|milice|forces?|parti|mouvement)\b", org, re.I):
            continue
        found = article.group(0).strip().lower().replace("'", "’")
        word = {"les": "les ", "aux": "les ", "le": "le ", "au": "le ", "du": "le "}.get(found, "")
        word = word or ("l’" if org[0].lower() in "aeéiouh" else "la ")
        acronym = f" ({tail.group('acr')})" if tail.group("acr") else ""
        relation = f"leads-{tail.group('acr') or org}"
        prompt = f"Qui dirige {word}{org}{acronym} ?"
        return Question(prompt, relation, 0.8, "an organisation and its leader")
    return None


def _place(sentence: Sentence, mention: Mention, lex: Lexicon) -> Question | None:
    """ "la Chambre des représentants basée à Tobrouk", "son siège au Caire": where."""
    if mention.kind not in ("place", "name"):
        return None
    before = sentence.text[: mention.start]
    based = _BASED.search(before)
    orgs = [m for m in sentence.mentions if m.kind == "org" and m.end <= mention.start]
    if based and orgs and sentence.text[orgs[-1].end : based.start()].strip() == "":
        org, verb = orgs[-1].text, based.group(1)
        if lex.code == "fr":
            article = (
                "l’" if org[0].lower() in "aeéiouh" else "la " if verb.endswith("e") else "le "
            )
            return Question(
                f"Où est {verb} {article}{org} ?", f"seat-{org}", 0.85, "where something is based"
            )
        return Question(
            f"Where is the {org} {verb}?", f"seat-{org}", 0.85, "where something is based"
        )
    if _SEAT.search(before) and orgs:
        org = orgs[0].text
        if lex.code == "fr":
            article = "l’" if org[0].lower() in "aeéiouh" else "la "
            prompt = f"Où se trouve le siège de {article}{org} ?"
        else:
            prompt = f"Where are the headquarters of the {org}?"
        return Question(prompt, f"seat-{org}", 0.8, "where something is based")
    return None


def _subject(sentence: Sentence, mention: Mention, lex: Lexicon) -> Question | None:
    """ "Haftar a appelé les dirigeants…": who did it. The subject opens the sentence.

    With a dependency parse, the words before the verb must be its subject
    (and the question is surer); without one, the word order alone decides.
    """
    if mention.kind not in ("person", "name"):
        return None
    before = sentence.text[: mention.start]
    if before and not re.fullmatch(r"(?:Le|La|The)\s+(?:[a-zéèêàç-]+\s+){1,3}", before):
        return None
    confidence = 0.7
    if sentence.subjects is not None:
        if 0 not in sentence.subjects:
            return None
        confidence = 0.8
    rest = sentence.text[mention.end :].strip()
    if lex.code == "fr":
        if not re.match(_FR_PAST, rest):
            return None
        return Question(f"Qui {_as_question(rest)} ?", f"did-{rest[:40]}", confidence, "who did it")
    if not re.match(r"[a-z]+\b", rest):
        return None
    return Question(f"Who {_as_question(rest)}?", f"did-{rest[:40]}", confidence, "who did it")


def _as_question(rest: str) -> str:
    return re.sub(r"[\s.!…]+$", "", rest)


PATTERNS: tuple[Callable[[Sentence, Mention, Lexicon], Question | None], ...] = (
    _role,
    _leader,
    _place,
    _subject,
)


def question_for(sentence: Sentence, mention: Mention, lex: Lexicon) -> Question | None:
    """The first pattern that words a question about ``mention``, or None."""
    for pattern in PATTERNS:
        question = pattern(sentence, mention, lex)
        if question is not None:
            return question
    return None


def blank_prompt(sentence: Sentence, mention: Mention, lex: Lexicon) -> str:
    """The sentence with the mention blanked out, and what kind of answer is asked."""
    blanked = f"{sentence.text[: mention.start]}____{sentence.text[mention.end :]}"
    fr = lex.code == "fr"
    ask = {
        "person": "Qui ?" if fr else "Who?",
        "place": "Où ?" if fr else "Where?",
        "year": "En quelle année ?" if fr else "In which year?",
        "month": "Quel mois ?" if fr else "Which month?",
        "day": "Quel jour ?" if fr else "Which day?",
        "number": "Combien ?" if fr else "How many?",
    }.get(mention.kind, "Quel nom ?" if fr else "Which name?")
    return f"{ask} « {blanked} »" if fr else f"{ask} “{blanked}”"
