"""The process exit codes of every command, in one place.

0 ok, 1 bad input (an unknown or broken deck, a bad file, a bad config),
2 usage (argparse's own code for a command line it cannot parse), 130 when
the learner interrupted a line-mode session (the shell's code for Ctrl-C).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What ``quizapp`` returns to the shell."""

    OK = 0
    BAD_INPUT = 1
    USAGE = 2
    INTERRUPTED = 130
