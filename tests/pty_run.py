"""Run the real app in a pseudo-terminal: what a user's terminal would receive, byte for byte."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROWS, COLS = 30, 100
_ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")


def run_in_pty(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str],
    steps: Sequence[tuple[bytes, bytes]] = (),
    timeout: float = 60.0,
) -> bytes:
    """Run ``python -m quizapp ARGV`` on a pty; for each step wait for text, then type keys.

    Returns every byte written to the terminal. A step's text is awaited in the
    output seen so far, escape sequences taken out (not a sleep); the run ends when
    the app exits or, past
    ``timeout``, is killed (the test then fails on the missing text).
    """
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizapp", *argv],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=cwd,
        env={**env, "TERM": "xterm-256color", "COLUMNS": str(COLS), "LINES": str(ROWS)},
        start_new_session=True,
    )
    os.close(follower)
    out = bytearray()
    pending = list(steps)
    last, sent_at = b"", 0.0
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            if pending and pending[0][0] in _ESCAPES.sub(b"", bytes(out)):
                last = pending.pop(0)[1]
                sent_at = time.monotonic()
                os.write(leader, last)
            elif last and time.monotonic() - sent_at > 1.0:
                # a key the app ignored (answers wait until a question has settled): press again
                sent_at = time.monotonic()
                os.write(leader, last)
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the app closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(leader)
    return bytes(out)
