"""The interface's language: locale rules, complete French catalogues, French typography.

The catalogue tests read the ``.po`` sources and the code (tools/catalogs.py),
so a message added without its translation, a translation of a message the
code dropped, or a catalogue compiled before the last edit all fail here.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import string
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import pytest

from quizapp.core import i18n
from quizapp.core.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parent.parent


def _catalogs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "tools" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogs = _catalogs()


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_BE.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LC_ALL": "fr_FR@euro", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:es", "LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANGUAGE": "", "LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANGUAGE": "en_GB:fr", "LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_language_follows_the_locale_variables_in_gettexts_order(
    environ: dict[str, str], expected: str
) -> None:
    assert i18n.language_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("setting", "environ", "expected"),
    [
        ("fr", {"LANG": "en_US.UTF-8"}, "fr"),
        ("en", {"LANG": "fr_FR.UTF-8"}, "en"),
        ("auto", {"LANG": "fr_FR.UTF-8"}, "fr"),
        (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
        ("klingon", {"LANG": "fr_FR.UTF-8"}, "fr"),
    ],
)
def test_the_configured_language_wins_over_the_locale(
    setting: str | None, environ: dict[str, str], expected: str
) -> None:
    i18n.configure(setting, environ)
    assert i18n.current_language() == expected


def test_the_config_file_names_the_language_and_refuses_others(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "fr"\n', encoding="utf-8")
    assert i18n.configured_language(config) == "fr"
    assert load_config(config).language == "fr"
    config.write_text('language = "de"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config.toml:1: language must be"):
        load_config(config)
    config.write_text("language = [", encoding="utf-8")
    assert i18n.configured_language(config) is None  # left for the loader to report


def test_every_message_of_the_code_has_its_french_translation() -> None:
    missing = [f"{m.locations[0][0]}:{m.locations[0][1]}: {m.id!r}" for m in catalogs.missing("fr")]
    assert missing == [], "run 'python tools/catalogs.py add fr AREA' and translate:\n" + "\n".join(
        missing
    )


def test_the_french_catalogues_are_clean() -> None:
    _done, problems = catalogs.translations("fr")
    assert problems == []
    assert catalogs.unused("fr") == []


def _translated_pairs() -> Iterator[tuple[str, str]]:
    done, _problems = catalogs.translations("fr")
    for message in done.values():
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in strings:
            yield ids[-1] if len(ids) > 1 else ids[0], text
        if len(ids) > 1:
            yield ids[0], strings[0]


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_translations_keep_every_placeholder() -> None:
    wrong = [
        (english, french)
        for english, french in _translated_pairs()
        if _fields(english) != _fields(french) and "{" in english + french
    ]
    assert wrong == []


# French typography: a non-breaking space (U+00A0, or the narrow U+202F) before
# ? ! : ; and inside « », so that a line never starts with one of them.
_SPACE_BEFORE_MARK = re.compile(r" [?!:;»]|« ")
_NO_SPACE_BEFORE_MARK = re.compile(r"[^\W\d_][?!;»]|[^\W\d_]:(?=\s|$)|«[^\W\d_]")


def test_french_translations_use_french_typography() -> None:
    wrong = [
        french
        for _english, french in _translated_pairs()
        if _SPACE_BEFORE_MARK.search(french) or _NO_SPACE_BEFORE_MARK.search(french)
    ]
    assert wrong == []


def test_the_compiled_catalogue_is_the_current_one() -> None:
    """A stale .mo (edited .po, not rebuilt) shows here: run 'python tools/catalogs.py compile'."""
    done, _problems = catalogs.translations("fr")
    i18n.set_language("fr")
    stale = []
    for message in done.values():
        if isinstance(message.id, str):
            shown = (
                i18n.pgettext(message.context, message.id)
                if message.context
                else i18n._(message.id)
            )
            if shown != message.string:
                stale.append(message.id)
        elif i18n.ngettext(message.id[0], message.id[1], 1) != message.string[0]:
            stale.append(message.id[0])
    assert stale == []


def _calls_at_import_time(tree: ast.AST) -> Iterator[ast.Call]:
    """Calls evaluated when the module is imported (not inside a function body)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            stack.extend(node.decorator_list)
            stack.extend(node.args.defaults)
            stack.extend(d for d in node.args.kw_defaults if d is not None)
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def test_no_message_is_translated_at_import_time() -> None:
    """``_()`` at import time would freeze the language before it is chosen: use N_ there."""
    translating = {"_", "ngettext", "pgettext"}
    found = []
    for path in sorted((ROOT / "quizapp").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls_at_import_time(tree):
            if isinstance(call.func, ast.Name) and call.func.id in translating:
                found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert found == []


def test_key_descriptions_follow_the_language_even_for_classes_made_later() -> None:
    from textual.binding import Binding, BindingType
    from textual.screen import Screen

    from quizapp.core.i18n import N_
    from quizapp.tui.app import QuizApp, make_app
    from quizapp.tui.i18n_bindings import install

    def described(cls: type[Screen[None]] | type[QuizApp], key: str) -> str:
        assert cls._merged_bindings is not None
        return cls._merged_bindings.key_to_bindings[key][0].description

    i18n.set_language("fr")
    make_app()
    assert described(QuizApp, "question_mark") == "Aide"

    class Later(Screen[None]):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "nothing", N_("Help"))]

    assert described(Later, "x") == "Aide"
    i18n.set_language("en")
    install()
    assert described(QuizApp, "question_mark") == "Help"
    assert described(Later, "x") == "Help"
