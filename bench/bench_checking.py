"""How long checking one typed answer takes, for a 40-character answer.

Prints, for correct, close and wrong responses, the time per check in
microseconds and as a ratio against a floor measured in the same run: a plain
``casefold()`` of both strings and ``==``. The ratio is what to compare across
machines; the absolute time should stay well under a millisecond.

Every response is distinct, so the folding cache never answers for the
checker; the deck has 200 other cards so the "another card's answer" index has
real work to do.

Run: ``python bench/bench_checking.py``
"""

from __future__ import annotations

import random
import re
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp.core.checking import Checker
from quizapp.core.models import Deck

ANSWER = "Abdel Fattah el-Sisi, président égyptien"  # 40 characters
N = 2000
ROUNDS = 9


def make_deck() -> Deck:
    rng = random.Random(7)
    cards = [{"id": "target", "type": "typed", "prompt": "Who?", "answer": ANSWER}]
    for i in range(200):
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 30)))
        cards.append({"id": f"c{i}", "type": "typed", "prompt": "?", "answer": word.title()})
    return Deck.model_validate(
        {"format": 1, "deck": {"id": "bench", "title": "Bench", "language": "fr"}, "cards": cards}
    )


def variants(kind: str, rng: random.Random) -> list[str]:
    """N distinct responses of one kind."""
    out: set[str] = set()
    letters = [i for i, c in enumerate(ANSWER) if c.isalpha()]
    # a typo stays a typo in a word of six letters or more (shorter words are stricter)
    in_long_words = [
        i for word in re.finditer(r"\w{6,}", ANSWER) for i in range(word.start(), word.end())
    ]
    while len(out) < N:
        chars = list(ANSWER)
        for i in rng.sample(letters, 6):  # case changes keep it correct
            chars[i] = chars[i].swapcase()
        if kind == "close":
            i = rng.choice(in_long_words)
            chars[i] = "x" if chars[i].lower() != "x" else "y"
        elif kind == "wrong":
            chars = list("".join(rng.choice(string.ascii_letters + " ") for _ in range(40)))
        out.add("".join(chars))
    return sorted(out)


def per_call(funcs: list, responses: list[str]) -> list[float]:
    """Best-of-ROUNDS seconds per call for each of ``funcs``, measured interleaved.

    Each round runs every function over the same distinct responses, made new
    for the round so no cache answers; interleaving keeps the floor and the
    checker under the same machine load, and the minimum drops the noise.
    """
    best = [float("inf")] * len(funcs)
    for round_ in range(ROUNDS):
        batch = [r + " " * round_ for r in responses]
        for index, func in enumerate(funcs):
            start = time.perf_counter()
            for response in batch:
                func(response)
            best[index] = min(best[index], (time.perf_counter() - start) / len(batch))
    return best


def main() -> None:
    deck = make_deck()
    checker = Checker(deck)
    item = deck.items()[0]
    rng = random.Random(1)
    checker.check(item, ANSWER)  # build the deck index outside the timing
    print(f"answer: {ANSWER!r} ({len(ANSWER)} characters), deck of {len(deck.cards)} cards")
    print(f"{'response':<10}{'outcome':<10}{'µs/check':>10}{'floor µs':>10}{'ratio':>8}")
    worst = 0.0
    for kind in ("correct", "close", "wrong"):
        responses = variants(kind, rng)
        outcomes = {checker.check(item, r).outcome for r in responses[:50]}
        floor, cost = per_call(
            [lambda r: r.casefold() == ANSWER.casefold(), lambda r: checker.check(item, r)],
            responses,
        )
        worst = max(worst, cost)
        outcome = ",".join(sorted(outcomes))
        print(
            f"{kind:<10}{outcome:<10}{cost * 1e6:>10.1f}{floor * 1e6:>10.3f}{cost / floor:>8.0f}x"
        )
    verdict = "well under" if worst < 0.0005 else "NOT under"
    print(f"slowest: {worst * 1e6:.1f} µs per check ({verdict} a millisecond)")


if __name__ == "__main__":
    main()
