"""Read articles from files and folders: .txt, .html, .json and .jsonl, with encodings detected.

Everything that cannot become an article becomes a `Skip` with a one-line reason, so a
batch never stops on one bad file.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from extractor.config import settings

SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}
# Record fields that must be text when present: anything else cannot be stored as the article's.
TEXT_FIELDS = ("url", "title", "lang")
# Bytes read at a time when passing over the rest of an over-long JSONL line.
SKIP_CHUNK = 1 << 20
# A publication date names its year, or is a Unix timestamp: "вчора" or "травень" alone would be read against the clock
DATED = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|^\s*\d{9,10}\s*$")
# Cyrillic single-byte encodings a Ukrainian or Russian scraper meets, besides UTF-8/16.
ENCODINGS = ["utf_8", "cp1251", "koi8_u", "koi8_r", "utf_16"]


@dataclass(frozen=True)
class Article:
    """One article as read from the input, before any NLP."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    lang: str | None = None  # as declared by the source, if it says
    source: str = ""


@dataclass(frozen=True)
class Skip:
    """An input that gave no article, and why."""

    source: str
    reason: str
    article_id: str | None = None


def parse_published(value) -> date | None:
    """Return the date of a publication date string: ISO ("2024-05-16T10:00:00+03:00"), else the shapes scrapers and
    feeds write ("16.05.2024 10:00", "Thu, 16 May 2024 10:00:00 +0300", "16 травня 2024", a Unix timestamp), read day
    first; None when it names no whole date."""
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    if not DATED.search(value):
        return None
    import dateparser  # only for the shapes ISO does not cover: the library is slow to import

    try:
        found = dateparser.parse(value, languages=["uk", "ru", "en"],
                                 settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, OverflowError):   # "31.02.2024", a timestamp past the calendar
        return None
    return found.date() if found else None


def decode(data: bytes) -> str | None:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, cp1251 or koi8-u; None if none fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut inside the last character (a size-limited download)
            return body[:exc.start].decode("utf-8")
    try:
        best = from_bytes(data, cp_isolation=ENCODINGS).best()
        return str(best) if best is not None else None
    except UnicodeDecodeError:  # charset-normalizer trusts a UTF-8 BOM even when the bytes after it are broken
        return None


def looks_binary(data: bytes) -> bool:
    """Tell binary content (NUL bytes or many control bytes) from text."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text is full of NUL and control bytes by design
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def html_to_article(html: str, article_id: str, source: str, url: str | None = None,
                    title: str | None = None, published: date | None = None,
                    lang: str | None = None) -> Article | Skip:
    """Extract the main text, title and publication date of a page with trafilatura."""
    import trafilatura  # here: it costs half a second to import, and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_recall=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return Skip(source, f"unreadable HTML ({type(exc).__name__})", article_id)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return Skip(source, "no main text in HTML", article_id)
    page_title = getattr(doc, "title", None)
    return Article(
        id=article_id, text=headed(text, page_title), url=url or getattr(doc, "url", None), title=title or page_title,
        published=published or parse_published(getattr(doc, "date", None)), lang=lang, source=source,
    )


def headed(text: str, title: str | None) -> str:
    """Return the text with its headline on top, where a page's text and its title come apart (trafilatura, or a
    scraper's JSON record): the headline often alone names the event, its kind and its town."""
    title = (title or "").strip()
    return f"{title}\n\n{text}" if title and title not in text else text


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(path: str | Path) -> str:
    """Return a path as storable text: bytes of a file name that are not UTF-8 become \\xNN escapes."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def parse_json(text: str):
    """Parse JSON text; raise ValueError with the end of a skip reason ("line …", "file …") if unreadable."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ValueError("is not JSON") from None
    except RecursionError:
        raise ValueError("is JSON nested too deeply") from None
    except ValueError:  # Python refuses to convert an integer of over 4,300 digits
        raise ValueError("holds a number too long to read") from None


def record_to_article(record, source: str, fallback_id: str) -> Article | Skip:
    """Turn one JSON record {"id","url","title","published","text"|"html","lang"?} into an article."""
    if not isinstance(record, dict):
        return Skip(source, "JSON record is not an object", fallback_id)
    # JSON may escape half a surrogate pair ("\ud800"): such a string can be neither stored nor tagged
    record = {k: LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in record.items()}
    article_id = str(record.get("id") or fallback_id)
    wrong = next((name for name in TEXT_FIELDS if not isinstance(record.get(name), (str, type(None)))), None)
    if wrong:  # a number in `url` may not even fit an SQLite integer
        return Skip(source, f"'{wrong}' is not text", article_id)
    published = parse_published(record.get("published"))
    common = dict(url=record.get("url"), title=record.get("title"), published=published,
                  lang=record.get("lang"))
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return check_size(Article(id=article_id, text=headed(text, common["title"]), source=source, **common))
    if isinstance(html, str) and html.strip():
        if len(html.encode("utf-8", "ignore")) > settings().max_article_bytes:
            return Skip(source, "article too large", article_id)
        return html_to_article(html, article_id, source, **common)
    return Skip(source, "record has no text", article_id)


def check_size(article: Article) -> Article | Skip:
    """Skip an article whose text exceeds the configured size limit (in UTF-8 bytes, like files)."""
    size = len(article.text.encode("utf-8", "surrogatepass"))
    if size > settings().max_article_bytes:
        return Skip(article.source, f"article too large ({size:,} bytes)", article.id)
    return article


def bounded_lines(fh, limit: int) -> Iterator[bytes | None]:
    """Yield the lines of a binary file, or None for a line over `limit` bytes (passed over, never held whole)."""
    while line := fh.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def read_jsonl(path: Path) -> Iterator[Article | Skip]:
    """Stream the records of a JSONL file; a broken or oversized line is a skip, not a stop."""
    limit = settings().max_json_bytes
    with path.open("rb") as fh:
        for n, raw in enumerate(bounded_lines(fh, limit), 1):
            source = f"{shown(path)}:{n}"
            if raw is None:
                yield Skip(source, f"line longer than {limit:,} bytes")
                continue
            if not raw.strip():
                continue
            line = decode(raw)
            if line is None:
                yield Skip(source, "line is not valid text")
                continue
            try:
                record = parse_json(line)
            except ValueError as exc:
                yield Skip(source, f"line {exc}")
                continue
            yield record_to_article(record, source, f"{shown(path.stem)}-{n}")


def read_file(path: Path) -> Iterator[Article | Skip]:
    """Read one input file into articles (a JSON file may hold a list of records)."""
    source, stem = shown(path), shown(path.stem)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Skip(source, f"unsupported file type '{suffix or path.name}'")
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Skip(source, f"cannot read file ({exc.strerror})")
        return
    if size == 0:
        yield Skip(source, "empty file", stem)
        return
    if suffix == ".jsonl":
        yield from read_jsonl(path)
        return
    limit = settings().max_json_bytes if suffix == ".json" else settings().max_article_bytes
    if size > limit:  # before reading: parsing costs several times the file's size in memory
        yield Skip(source, f"file too large ({size:,} bytes)", stem)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skip(source, f"cannot read file ({exc.strerror})")
        return
    if looks_binary(data):
        yield Skip(source, "binary file", stem)
        return
    text = decode(data)
    if text is None:
        yield Skip(source, "undecodable bytes (not UTF-8, UTF-16, cp1251 or koi8-u)", stem)
        return
    if not text.strip():
        yield Skip(source, "empty file", stem)
    elif suffix in (".html", ".htm"):
        yield html_to_article(text, stem, source)
    elif suffix == ".json":
        try:
            payload = parse_json(text)
        except ValueError as exc:
            yield Skip(source, f"file {exc}", stem)
            return
        records = payload if isinstance(payload, list) else [payload]
        for i, record in enumerate(records, 1):
            yield record_to_article(record, f"{source}#{i}", stem if len(records) == 1 else f"{stem}-{i}")
    else:
        yield check_size(Article(id=stem, text=text, source=source))


def count_articles(paths: Iterable[str | Path]) -> int:
    """Estimate, without reading articles, how many items iter_articles yields (a progress bar's total)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES) \
            if path.is_dir() else [path]
        total += sum(_count_file(f) for f in files)
    return total


def _count_file(path: Path) -> int:
    """Return the lines of a JSONL file, the records of a JSON list, else 1."""
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as fh:
            if suffix == ".jsonl":
                return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) or 1
            if suffix == ".json" and fh.read(64).lstrip().startswith(b"["):
                fh.seek(0)
                return len(json.load(fh)) or 1
    except (OSError, ValueError, RecursionError):
        pass
    return 1


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skip]:
    """Yield every article (or skip) under the given files and folders, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUFFIXES:
                    yield from read_file(child)
        elif path.is_file():
            yield from read_file(path)
        else:
            yield Skip(shown(path), "no such file or directory")
