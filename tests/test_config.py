from pathlib import Path

from extractor.config import PROJECT_ROOT, settings


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
