"""The core must never import Textual or Rich: it is shared by the TUI, the CLI and scripts."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import quizapp.core


def test_core_imports_no_ui_library() -> None:
    modules = [m.name for m in pkgutil.walk_packages(quizapp.core.__path__, "quizapp.core.")]
    assert modules, "no core modules found"
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaks = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(leaks))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_cli_help_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from quizapp.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
