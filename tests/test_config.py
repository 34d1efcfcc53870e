"""The user's config file: defaults, overrides, one-line errors."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quizapp.core.config import Config, ConfigError, load_config, system_zone
from tests.storekit import make_deck


def write(home: Path, text: str) -> Path:
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults() -> None:
    config = load_config()
    assert (config.day_rollover_hour, config.leech_threshold) == (4, 8)
    assert config.quick_ratio == pytest.approx(1 / 3)


def test_full_config(quizapp_home: Path) -> None:
    write(
        quizapp_home,
        """
day_rollover_hour = 6
leech_threshold = 5
quick_ratio = 0.25
timezone = "Europe/Paris"
[decks.demo.scheduling]
new_per_day = 7
learning_steps = ["2m"]
""",
    )
    config = load_config()
    assert (config.day_rollover_hour, config.leech_threshold, config.quick_ratio) == (6, 5, 0.25)
    assert config.tz == ZoneInfo("Europe/Paris")
    options = config.scheduling_for(make_deck(n=1, reviews_per_day=50))
    assert (options.new_per_day, options.learning_steps, options.reviews_per_day) == (7, ["2m"], 50)
    assert config.scheduling_for(make_deck("other", n=1)).new_per_day == 20


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("day_rollover_hour = 24", "day_rollover_hour"),
        ("day_rollover_hour = '4'", "day_rollover_hour"),
        ("leech_threshold = 0", "leech_threshold"),
        ("quick_ratio = 2", "quick_ratio"),
        ("timezone = 'Mars/Olympus'", "timezone"),
        ("colour = 'red'", "unknown key 'colour'"),
        ("[decks.demo.scheduling]\nnew_per_day = -1", "decks.demo.scheduling.new_per_day"),
        ("[decks.demo.scheduling]\nbogus = 1", "decks.demo.scheduling.bogus"),
        ("[decks.demo]\nnew_per_day = 1", "decks.demo"),
        ("this is = = not toml", "invalid TOML"),
    ],
)
def test_bad_config_is_one_clear_line(quizapp_home: Path, text: str, fragment: str) -> None:
    path = write(quizapp_home, text)
    with pytest.raises(ConfigError) as info:
        load_config()
    message = str(info.value)
    assert fragment in message and str(path) in message
    assert "\n" not in message


def test_not_utf8(quizapp_home: Path) -> None:
    (quizapp_home / "config.toml").write_bytes(b"\xff\xfe")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config()


def test_system_zone_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert system_zone() == ZoneInfo("America/New_York")
    assert Config().tz == ZoneInfo("America/New_York")
    assert Config(zone=UTC).tz is UTC


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("day_rollover_hour = 24", 1),
        ("leech_threshold = 2\n\nquick_ratio = 0", 3),
        ("# settings\ncolour = 'red'", 2),
        ("leech_threshold = 3\n[decks.demo.scheduling]\nnew_per_day = 1\nbogus = 1", 4),
        ("a = \n", 1),
    ],
)
def test_error_names_the_line_of_the_key(quizapp_home: Path, text: str, line: int) -> None:
    path = write(quizapp_home, text)
    with pytest.raises(ConfigError) as info:
        load_config()
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_every_setting_is_documented() -> None:
    for name, field in Config.model_fields.items():
        assert field.description, name
    assert set(Config().model_dump()) == set(Config.model_fields)


def test_bool_is_not_a_number(quizapp_home: Path) -> None:
    write(quizapp_home, "leech_threshold = true")
    with pytest.raises(ConfigError, match="leech_threshold must be"):
        load_config()
