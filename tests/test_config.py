from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.config import PROJECT_ROOT, ConfigError, settings


def test_file_values_and_environment_overrides(tmp_path, monkeypatch):
    config = tmp_path / "extractor.toml"
    config.write_text('db = "data/my.db"\nmax_article_bytes = 1000\nauto_approve = 0.95\n', encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_ARTICLE_TIME_LIMIT_S", "2.5")
    monkeypatch.setenv("EXTRACTOR_GAZETTEERS_DIR", "/opt/gaz")
    settings.cache_clear()
    try:
        s = settings(config)
    finally:
        settings.cache_clear()
    assert s.db == PROJECT_ROOT / "data" / "my.db"
    assert s.max_article_bytes == 1000 and s.auto_approve == 0.95
    assert s.article_time_limit_s == 2.5 and s.gazetteers_dir == Path("/opt/gaz")


@pytest.mark.parametrize(("file_text", "env", "message"), [
    ("db = [unclosed\n", {}, "{path}: not a readable TOML settings file (Invalid value (at line 1, column 7))"),
    ('auto_approve = "high"\n', {}, "setting auto_approve = 'high' (from {path}) is not a valid float"),
    ("", {"EXTRACTOR_BATCH_ARTICLES": "many"},
     "setting batch_articles = 'many' (from EXTRACTOR_BATCH_ARTICLES) is not a valid int"),
    (None, {}, "{path}: no such settings file (EXTRACTOR_CONFIG)"),
])
def test_bad_settings_are_one_line_for_every_command(tmp_path, monkeypatch, file_text, env, message):
    path = tmp_path / "extractor.toml"
    if file_text is not None:
        path.write_text(file_text, encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_CONFIG", str(path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings.cache_clear()
    try:
        with pytest.raises(ConfigError) as raised:
            settings()
        result = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "events.db")])
    finally:
        settings.cache_clear()
    assert str(raised.value) == message.format(path=path)
    assert result.exit_code == 1 and result.output.strip() == "error: " + message.format(path=path)


def test_a_missing_gazetteers_folder_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_GAZETTEERS_DIR", str(tmp_path / "nowhere"))
    settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["run", str(tmp_path), "--db", str(tmp_path / "events.db")])
    finally:
        settings.cache_clear()
    assert result.exit_code == 1
    assert result.output.strip().startswith(f"error: no gazetteers at {tmp_path / 'nowhere'}: ")
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "events.db").exists()


def test_event_windows_are_a_table_of_the_settings_file(tmp_path):
    config = tmp_path / "extractor.toml"
    config.write_text("[event_windows]\nword_before = 25\nclause = 150\n", encoding="utf-8")
    settings.cache_clear()
    try:
        windows = settings(config).event_windows
    finally:
        settings.cache_clear()
    assert (windows.word_before, windows.clause) == (25, 150)
    assert windows.name_start == settings().event_windows.name_start  # the keys not given keep their defaults


@pytest.mark.parametrize("table", ["[event_windows]\nword_befor = 25\n", "[event_windows]\nword_before = \"wide\"\n",
                                   "event_windows = 40\n"])
def test_a_bad_event_window_is_one_line(tmp_path, table):
    config = tmp_path / "extractor.toml"
    config.write_text(table, encoding="utf-8")
    settings.cache_clear()
    try:
        with pytest.raises(ConfigError) as raised:
            settings(config)
    finally:
        settings.cache_clear()
    assert str(raised.value).startswith("setting event_windows = ") and "is not a valid EventWindows" in str(raised.value)
