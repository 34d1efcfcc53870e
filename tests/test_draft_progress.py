"""The draft command's progress on stderr: one line rewritten in a terminal, else lines."""

from __future__ import annotations

import io

from quizapp.commands.draft import ProgressLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_one_line_is_rewritten_with_the_seconds_elapsed() -> None:
    now = [0.0]
    stream = Terminal()
    progress = ProgressLine(stream, clock=lambda: now[0])
    progress("Loading the pipeline fr_core_news_sm")
    now[0] = 3.2
    progress._draw()  # what the ticker does every half second
    progress.done()
    out = stream.getvalue()
    assert "\r\x1b[KLoading the pipeline fr_core_news_sm…" in out
    assert "Loading the pipeline fr_core_news_sm… 3s" in out
    assert out.endswith("\r\x1b[K")  # the line is cleared for what follows


def test_in_a_pipe_each_stage_is_a_line_without_the_per_sentence_noise() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream)
    for message in ("Loading spaCy", "Analysing sentence 1 of 2", "Analysing sentence 2 of 2"):
        progress(message)
    progress.done()
    assert stream.getvalue() == "Loading spaCy…\n"
