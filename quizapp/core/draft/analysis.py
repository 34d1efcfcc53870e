"""Language analysis: spaCy's pipeline for the article's language, or the rules.

spaCy is an optional extra (``pip install 'quizapp[draft]'``). When it or the
pipeline of the language is missing, the rule-based analysis runs instead and
says so (``Analyzer.fallback`` and ``Analyzer.note``), so the author knows why
the proposals are fewer. Loading a pipeline takes seconds: every stage is
reported through a ``progress`` callback.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from quizapp.core.draft.lexicon import Lexicon, lexicon_for, word_set
from quizapp.core.draft.model import Kind, Mention, Sentence
from quizapp.core.draft.rules import harmonise_kinds, rule_mentions, without_overlaps
from quizapp.core.draft.sentences import split_sentences
from quizapp.core.i18n import N_, _

Progress = Callable[[str], None]
ANALYSING = N_("Analysing sentence {number} of {total}")
"""The progress line of each sentence (a terminal rewrites it; a log skips it)."""

# The pipeline used for each language: small, CPU-only, installable by name.
PIPELINES = {"fr": "fr_core_news_sm", "en": "en_core_web_sm"}
_LABELS: dict[str, Kind] = {
    "PER": "person",
    "PERSON": "person",
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",
    "ORG": "org",
    "NORP": "misc",
    "MISC": "misc",
}


def _quiet(_message: str) -> None:
    """The default progress: say nothing."""


@dataclass
class Analyzer:
    """Cuts an article into sentences and finds what each one names.

    ``nlp`` is the loaded spaCy pipeline, or None for the rule-based fallback.
    """

    language: str
    lexicon: Lexicon
    nlp: Any = None
    pipeline: str = ""
    note: str = ""

    @property
    def fallback(self) -> bool:
        return self.nlp is None

    @property
    def name(self) -> str:
        return f"spaCy {self.pipeline}" if self.nlp is not None else "rule-based fallback"

    def analyse(self, article: str, progress: Progress = _quiet) -> list[Sentence]:
        """Every sentence of the article with its mentions, kinds made consistent."""
        sentences = split_sentences(article)
        rules = [rule_mentions(s.text, self.lexicon) for s in sentences]
        if self.nlp is None:
            found = [replace(s, mentions=tuple(m)) for s, m in zip(sentences, rules, strict=True)]
            return harmonise_kinds(found)
        found = []
        total = len(sentences)
        for number, (sentence, doc) in enumerate(
            zip(sentences, self.nlp.pipe(s.text for s in sentences), strict=True), start=1
        ):
            progress(_(ANALYSING).format(number=number, total=total))
            mentions = _merge(sentence.text, rules[number - 1], doc, self.lexicon)
            skip = sentence.skip or _hearsay(sentence, doc)
            found.append(
                replace(sentence, mentions=tuple(mentions), subjects=_subjects(doc), skip=skip)
            )
        return harmonise_kinds(found)


# Verbs of saying, by lemma: a quotation reported by someone who says someone else said it.
SPEECH_LEMMAS = word_set(
    "dire déclarer affirmer ajouter indiquer expliquer estimer assurer confier raconter "
    "say tell state add claim report"
)


def _hearsay(sentence: Sentence, doc: Any) -> str:
    """ "a quotation of a quotation" when quoted words come with two verbs of saying.

    The rules see only the forms they list ("déclaré", "said"); lemmas catch
    every tense ("affirme", "disait").
    """
    if not sentence.quoted:
        return ""
    saying = sum(token.lemma_.lower() in SPEECH_LEMMAS for token in doc)
    return N_("a quotation of a quotation") if saying >= 2 else ""


def _subjects(doc: Any) -> tuple[int, ...]:
    """Where the subjects of the sentence's verbs start (for "who did it" questions)."""
    return tuple(
        sorted(
            {
                min(t.idx for t in token.subtree)
                for token in doc
                if token.dep_.startswith("nsubj") and token.head.pos_ in ("VERB", "AUX")
            }
        )
    )


def _merge(text: str, rules: list[Mention], doc: Any, lexicon: Lexicon) -> list[Mention]:
    """Rule spans (reliable bounds) labelled by spaCy's entities (reliable kinds).

    A small model cuts "Abdel-Fattah al-Sissi" short or tags "n’" as a person;
    the rules find name boundaries well but guess kinds. Each name the rules
    found takes the label of the entity overlapping it most; entities the
    rules missed are kept when they start with a capital.
    """
    entities = [
        (ent.start_char, ent.end_char, _LABELS.get(ent.label_))
        for ent in doc.ents
        if _LABELS.get(ent.label_) is not None
    ]
    merged: list[Mention] = []
    for mention in rules:
        if mention.kind not in ("person", "place", "org", "misc", "name"):
            merged.append(mention)
            continue
        best: Kind | None = None
        best_overlap = 0
        for start, end, kind in entities:
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > best_overlap and kind is not None:
                best, best_overlap = kind, overlap
        keep_org = mention.kind == "org" and best in ("misc", "person")
        merged.append(replace(mention, kind=best) if best and not keep_org else mention)
    for start, end, kind in entities:
        words = text[start:end]
        if kind is None or not words[:1].isupper() or len(words) < 2:
            continue
        if words.split()[0].lower() in lexicon.function_words:
            continue
        if any(m.start < end and start < m.end for m in merged):
            continue
        merged.append(Mention(words, kind, start, end))
    return without_overlaps(merged)


def load_analyzer(language: str, progress: Progress = _quiet) -> Analyzer:
    """The spaCy analysis for ``language`` when its pipeline is installed, else the rules.

    Never downloads anything: a missing pipeline is a note, not an error.
    """
    code = language.lower().split("-")[0]
    lexicon = lexicon_for(code)
    pipeline = PIPELINES.get(code, "")
    if not pipeline:
        note = _("no spaCy pipeline is known for {language!r}").format(language=language)
        return Analyzer(code, lexicon, note=note)
    if importlib.util.find_spec("spacy") is None:
        note = _("spaCy is not installed (pip install 'quizapp[draft]')")
        return Analyzer(code, lexicon, note=note)
    if importlib.util.find_spec(pipeline) is None:
        note = _("the spaCy pipeline {pipeline} is not installed (pip install {pipeline})").format(
            pipeline=pipeline
        )
        return Analyzer(code, lexicon, note=note)
    progress(_("Loading spaCy"))
    spacy = importlib.import_module("spacy")
    progress(_("Loading the pipeline {pipeline}").format(pipeline=pipeline))
    try:
        nlp = spacy.load(pipeline)
    except (OSError, ImportError, ValueError) as exc:
        note = _("the pipeline {pipeline} could not be loaded: {error}").format(
            pipeline=pipeline, error=exc
        )
        return Analyzer(code, lexicon, note=note)
    return Analyzer(code, lexicon, nlp=nlp, pipeline=pipeline)


def fallback_analyzer(language: str, note: str = "asked for") -> Analyzer:
    """The rule-based analysis, whatever is installed (``--no-spacy``, tests)."""
    code = language.lower().split("-")[0]
    return Analyzer(code, lexicon_for(code), note=note)
