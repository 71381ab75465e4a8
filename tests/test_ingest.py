import json

import pytest

from extractor.ingest import Article, Skip, decode, iter_articles, parse_published

UK_TEXT = "Сьогодні у Полтаві відбувся семінар для старост громад області. Учасники обговорили бюджет."
RU_TEXT = "Сегодня в Казани прошёл семинар для глав сельских поселений республики."


def read(paths):
    return list(iter_articles(paths))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-u", "utf-16"])
def test_txt_encodings_are_decoded(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(UK_TEXT.encode(encoding))
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.text == UK_TEXT
    assert article.id == "article"


def test_cp1251_russian_is_decoded():
    assert decode(RU_TEXT.encode("cp1251")) == RU_TEXT


def test_folder_is_walked_in_order(tmp_path):
    (tmp_path / "b.txt").write_text(RU_TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(UK_TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    ids = [a.id for a in read([tmp_path])]
    assert ids == ["b", "a"]


def test_jsonl_records_and_broken_line(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "x1", "url": "https://example.ua/1", "published": "2024-05-02", "text": UK_TEXT}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x2", "lang": "ru", "text": RU_TEXT}, ensure_ascii=False),
        json.dumps({"id": "x3"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Article", "Skip", "Article", "Skip"]
    assert items[0].published.isoformat() == "2024-05-02" and items[0].url == "https://example.ua/1"
    assert items[1].reason == "line is not JSON"
    assert items[2].lang == "ru"
    assert items[3].reason == "record has no text"


def test_json_list_file(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "a", "text": UK_TEXT}, {"id": "b", "text": RU_TEXT}], ensure_ascii=False),
                    encoding="utf-8")
    assert [a.id for a in read([path])] == ["a", "b"]


def test_html_main_text_and_date(tmp_path):
    html = f"""<html><head><title>Семінар у Полтаві</title>
    <meta property="article:published_time" content="2023-03-14T10:00:00+02:00"></head>
    <body><nav><a href="/">Головна</a> <a href="/news">Новини</a></nav>
    <article><h1>Семінар у Полтаві</h1><p>{UK_TEXT}</p><p>{UK_TEXT}</p></article>
    <footer>© Усі права захищені</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [article] = read([path])
    assert "відбувся семінар" in article.text
    assert "Головна" not in article.text
    assert article.published.isoformat() == "2023-03-14"


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n ", "empty file"),
    ("binary.txt", bytes(range(256)) * 20, "binary file"),
    ("broken.html", b"<html><body><div><p>", "no main text in HTML"),
    ("script.html", b"<html><script>alert(1)</script><iframe src='x'></iframe></html>", "no main text in HTML"),
    ("bad.json", b"{\"id\": ", "file is not JSON"),
    ("picture.png", b"\x89PNG", "unsupported file type '.png'"),
])
def test_bad_files_become_skips(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [item] = read([path])
    assert isinstance(item, Skip)
    assert item.reason == reason


def test_missing_path_is_a_skip(tmp_path):
    [item] = read([tmp_path / "nowhere"])
    assert item.reason == "no such file or directory"


def test_huge_file_is_skipped_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    [item] = read([path])
    assert item.reason.startswith("file too large")


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "s1", "title": "\\ud800", "text": "\\udc00 ' + UK_TEXT + '"}\n', encoding="utf-8")
    [article] = read([path])
    assert article.title == "\ufffd" and article.text.startswith("\ufffd ")
    article.text.encode("utf-8")  # storable and taggable


@pytest.mark.parametrize("value, day", [
    ("2024-05-16", "2024-05-16"),
    ("2024-05-16T10:00:00+03:00", "2024-05-16"),
    ("16.05.2024", "2024-05-16"),
    ("16.05.2024 10:00", "2024-05-16"),
    ("16/05/2024", "2024-05-16"),
    ("16 травня 2024", "2024-05-16"),
    ("16 мая 2024 г.", "2024-05-16"),
    ("12:30, 16 травня 2024", "2024-05-16"),
    ("Thu, 16 May 2024 10:00:00 +0300", "2024-05-16"),
    ("1715850000", "2024-05-16"),
    ("вчора", None),
    ("травень 2024", None),
    ("31.02.2024", None),
    ("", None),
])
def test_publication_dates_in_the_shapes_scrapers_write(value, day):
    found = parse_published(value)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize("lang, title, text, expected", [
    # the record's title alone names the event, its kind and its town
    ("uk", "Семінар для старост громад у Ніжині", "Фахівці центру розповіли старостам про ведення реєстру мешканців "
     "та відповіли на запитання учасників. Наступна зустріч запланована на осінь.",
     {"event_type": "seminar", "settlement": "Ніжин"}),
    ("ru", "Семинар для старост поселений в Муроме", "Специалисты центра рассказали старостам о ведении реестра "
     "жителей и ответили на вопросы участников. Следующая встреча запланирована на осень.",
     {"event_type": "seminar", "settlement": "Муром"}),
])
def test_a_records_title_is_its_texts_headline(tmp_path, lang, title, text, expected):
    from extractor.pipeline import extract

    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "t", "lang": lang, "title": title, "text": text}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    [article] = read([path])
    assert article.text.startswith(title + "\n")
    [event] = extract(article).events
    assert {k: getattr(event, k) for k in expected} == expected


def test_a_title_the_text_already_holds_is_not_repeated(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "t", "title": "Семінар у Полтаві", "text": "Семінар у Полтаві\n\n" + UK_TEXT},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = read([path])
    assert article.text.count("Семінар у Полтаві") == 1
