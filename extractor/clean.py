"""Mask page furniture (menus, teaser lists, share and comment blocks) out of an article.

Masked characters become spaces (newlines stay), so the cleaned text has the same length as
the article and every offset found in it is an offset into the article itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import load_toml
from extractor.text import APOSTROPHES, BULLETS, OPENING_QUOTES, UPPER, headline_line, initials, line_end, prose_line

# a day's date in figures ("13.03.2025", "13/03/25")
NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
# a day's date as a teaser list prints it ("13.03.2025", "13 березня 2025")
TEASER_DATE = rf"(?:{NUMERIC_DATE}|\d{{1,2}}\s+\w+\s+\d{{4}})"
# a line that is only a date, maybe with a time ("13.03.2025 10:00")
DATE_LINE = re.compile(
    rf"^\s*{TEASER_DATE}(?:\s*(?:р\.|г\.|року|года))?(?:[\s,|–-]*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*$")
# a date and a bar opening a line, a headline after it ("13.03.2025 | У Вінниці відбувся семінар")
DATE_BAR = re.compile(rf"\s*{TEASER_DATE}(?:[\s,]*\d{{1,2}}:\d{{2}})?\s*\|")
# a headline with a day's date in figures on its line, no bar between, either side ("27.02.2025 Круглий стіл у Луцьку",
# "Круглий стіл у Луцьку (27.02.2025)", "Круглий стіл у Луцьку — 27.02.2025")
DATED_HEADLINE = re.compile(rf"\s*(?:{NUMERIC_DATE}\s+(?P<after>\S.*?)|(?P<before>\S.*?)\s*(?:[–—-]\s*|\()?{NUMERIC_DATE}\)?)\s*")
# a name in quotes, as a headline gives its event's ("Семінар «Бюджет громади»")
QUOTED_NAME = re.compile(rf"[{OPENING_QUOTES}][^\n]{{3,}}?[»”“\"]")
# the separators of a breadcrumb trail ("Головна / Новини / Освіта", "Главная » Новости")
BREADCRUMB = re.compile(r"\s[/>»|→]\s")
TERMINAL = re.compile(r"[.!?:;»\"”…]\s*$")
DATE_VALUE = (r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
              rf"|{NUMERIC_DATE}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)")
DATELINE = re.compile(rf"^\s*[{UPPER}][{UPPER}{APOSTROPHES} -]{{2,30}},\s+\d{{1,2}}\s+\w+\.?\s*/\s*[\w\s-]{{2,20}}/\.?",
                      re.MULTILINE)


@dataclass(frozen=True)
class Cleaned:
    """An article with its furniture masked, the regions that were masked, and its metadata lines."""

    text: str
    masked: tuple[tuple[int, int], ...]
    # the page-date labels with their dates and agency datelines, as written (the tail's too): masked out of
    # `text`, they hold the page's date stamp that the dates stage reads (dates/reference.py)
    metadata: tuple[str, ...] = ()

    @property
    def body_end(self) -> int:
        """Offset where the article body ends (start of a cut-off tail, else the end)."""
        tail = [s for s, e in self.masked if e == len(self.text)]
        return min(tail) if tail else len(self.text)


@cache
def _cut_pattern(kind: str) -> re.Pattern:
    markers = load_toml("boilerplate.toml")[kind]
    alternation = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(f"{initials(markers)}(?:{alternation})", re.IGNORECASE)


def _lines(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every line."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def find_tail(text: str) -> int | None:
    """Return where teasers/comments start: a cut marker or a dated teaser list after the body."""
    cfg = load_toml("boilerplate.toml")
    starts = [m.start() for m in _past_headline(text, "cut_markers") if not _inline_link(text, m.start())]
    starts += [m.start() for m in _past_headline(text, "share_markers") if not _widget_line(text, m.start())]
    lines = _lines(text)
    teasers = [(s, kind) for i, (s, e) in enumerate(lines) if (kind := _dated_teaser(text, lines, i, cfg))]
    if teasers and _over_prose(text, teasers[0][0], cfg):
        teasers = teasers[1:]  # the page's own date, over or under its headline, with the article's prose below
    # a headline with its date right under it; not counted for a news list: a page's own headline is dated so too
    dated_below = [(s, "headline") for (s, e), (a, b) in zip(lines, lines[1:]) if DATE_LINE.match(text[a:b])
                   and _teaser_line(text[s:e], cfg)]
    # and one with its date on its own line, not a list item of the article's ("- Семінар «A» — 12.03.2025")
    dated_inline = [(s, "headline") for s, e in lines if (m := DATED_HEADLINE.fullmatch(text, s, e))
                    and _teaser_line(m.group("after") or m.group("before"), cfg)
                    and not text[s:e].lstrip().startswith(tuple(BULLETS))]
    late = [(s, kind) for s, kind in sorted(teasers + dated_below + dated_inline) if s >= len(text) // 2]
    if len(teasers) >= cfg["listing_teasers"]:
        starts.append(teasers[0][0])  # a page of dated teasers from the top is a news list: other articles' events
    elif not starts and (any(kind == "cut" for _, kind in late) or len(late) >= cfg["late_headline_teasers"]):
        starts = [late[0][0]]  # one whole headline may be the page's own, printed low under long furniture
    # undated teasers' excerpts cut off ("…") below the article's first prose: one may be the article's own
    # ellipsis, more are a list of other news
    body = next((s for s, e in lines if prose_line(text[s:e].strip(), cfg["prose_line_words"])), len(text))
    cut_off = [s for s, e in lines if s > body and _cut_off(text[s:e])]
    if len(cut_off) >= cfg["late_cut_excerpts"]:
        starts.append(cut_off[0])
    return min(starts, default=None)


def _cut_off(line: str) -> bool:
    """Tell a teaser's excerpt cut off with an ellipsis ("Семінар для старост відбувся у…")."""
    return line.rstrip().endswith(("...", "…"))


def _over_prose(text: str, start: int, cfg: dict) -> bool:
    """Tell whether the lines under a teaser's date line reach prose (not a cut-off excerpt) within the window."""
    under = text[start:].split("\n")[1:1 + cfg["teaser_window"]]
    return any(prose_line(line.strip(), cfg["prose_line_words"]) and not _cut_off(line) for line in under)


def _dated_teaser(text: str, lines: list[tuple[int, int]], i: int, cfg: dict) -> str | None:
    """Tell how line `i` opens a dated teaser: "cut" (a date line over a cut-off excerpt), "headline" (a date line over
    a whole headline, or a date and a bar before one on the line), else None."""
    s, e = lines[i]
    if DATE_LINE.match(text[s:e]):
        under = [text[a:b].strip() for a, b in lines[i + 1:i + 1 + cfg["teaser_window"]]]
        if any(_cut_off(line) for line in under):
            return "cut"
        return "headline" if any(_teaser_line(line, cfg) for line in under) else None
    m = DATE_BAR.match(text, s, e)
    return "headline" if m is not None and _teaser_line(text[m.end():e], cfg) else None


def _teaser_line(line: str, cfg: dict) -> bool:
    """Tell a teaser's line under its date: a cut-off excerpt ("…"), or a headline, short and ending no sentence
    ("У Вінниці відбувся семінар для старост"), as a site's own list of other news prints them under any heading."""
    line = line.strip()
    return _cut_off(line) or headline_line(line, cfg["headline_max_words"])


def _past_headline(text: str, kind: str) -> list[re.Match]:
    """Return the markers of a kind past the headline (a headline may start with such words)."""
    least = min(load_toml("boilerplate.toml")["min_body_chars"], len(text) // 4)
    return [m for m in _cut_pattern(kind).finditer(text) if m.start() >= least]


def _widget_line(text: str, pos: int) -> bool:
    """Tell share buttons under the headline, which own only their line: the article's prose follows them."""
    return pos < len(text) * load_toml("boilerplate.toml")["widget_max_share"] and _prose_after(text, pos)


def _inline_link(text: str, pos: int) -> bool:
    """Tell a "read also" link inside the article, which owns only its line: the other article's headline stands on
    the marker's line and the article's prose goes on below it (a marker alone on its line heads a teaser list)."""
    marker = _cut_pattern("inline_markers").match(text, pos)
    return marker is not None and bool(text[marker.end():line_end(text, pos)].strip(" :–—-")) \
        and _prose_after(text, pos)


def _prose_after(text: str, pos: int) -> bool:
    """Tell whether a line of the article's prose follows the line at `pos` (a teaser's "…" excerpt is none)."""
    cfg = load_toml("boilerplate.toml")
    return any(len(line.split()) >= cfg["prose_line_words"] and TERMINAL.search(line)
               and not _cut_off(line) for line in text[line_end(text, pos):].split("\n"))


def find_widgets(text: str) -> list[tuple[int, int]]:
    """Return the lines of share buttons and of "read also" links inside the page (not the start of its tail)."""
    found, headline_end = [], text.find("\n", len(text) - len(text.lstrip()))
    share = [m.start() for m in _cut_pattern("share_markers").finditer(text) if _widget_line(text, m.start())]
    inline = [m.start() for m in _cut_pattern("inline_markers").finditer(text) if _inline_link(text, m.start())]
    for pos in share + inline:
        if 0 <= headline_end < pos:
            found.append((text.rfind("\n", 0, pos) + 1, line_end(text, pos)))
    return found


def find_menus(text: str) -> list[tuple[int, int]]:
    """Return runs of short, unpunctuated lines (navigation menus, section lists), less the headlines among them."""
    cfg = load_toml("boilerplate.toml")
    runs, current = [], []
    for s, e in _lines(text):
        line = text[s:e].strip()
        if not line:
            continue  # blank lines neither make nor break a menu
        short = len(line.split()) <= cfg["menu_max_words"] and not TERMINAL.search(line)
        if short:
            current.append((s, e))
            continue
        if len(current) >= cfg["menu_min_lines"]:
            runs += _menu_parts(text, current, TERMINAL.search(line) is not None)
        current = []
    if len(current) >= cfg["menu_min_lines"]:
        runs += _menu_parts(text, current, False)
    return runs


def _menu_parts(text: str, run: list[tuple[int, int]], before_prose: bool) -> list[tuple[int, int]]:
    """Return a menu run's stretches between the headlines printed among its lines (the page's own short headline
    between the menu and a date line): a headline counts toward the run but is not masked. Right above the
    article's prose (a line ending a sentence), the run's last line but a date is the headline when it is longer
    than a section's name and no breadcrumb ("Тренінг для старост у Полтаві")."""
    cfg = load_toml("boilerplate.toml")
    undated = [span for span in run if not DATE_LINE.match(text[span[0]:span[1]])]
    last = undated[-1] if before_prose and undated else None
    parts, current = [], []
    for s, e in run:
        line = text[s:e]
        if _menu_headline(line) or ((s, e) == last and len(line.split()) >= cfg["menu_headline_min_words"]
                                    and not BREADCRUMB.search(line)):
            parts.append(current)
            current = []
        else:
            current.append((s, e))
    return [(part[0][0], part[-1][1]) for part in [*parts, current] if part]


def _menu_headline(line: str) -> bool:
    """Tell a short headline from a menu item: it names something in quotes or gives a day of a month with other
    words ("Семінар «Бюджет громади» 20 травня"); section names do neither, and a date alone is the page's stamp."""
    return bool(QUOTED_NAME.search(line) or (_day_of_month().search(line) and not DATE_LINE.match(line)))


@cache
def _day_of_month() -> re.Pattern:
    """A day and its month's word in either language ("20 травня", "14–15 мая")."""
    months = load_toml("dates.toml")["months"]
    forms = sorted({f for lang in months.values() for m in lang for f in m if not f.endswith(".")}, key=len,
                   reverse=True)
    return re.compile(rf"(?<!\w)\d{{1,2}}\s+(?:{'|'.join(forms)})(?!\w)", re.IGNORECASE)


@cache
def _metadata_pattern() -> re.Pattern:
    labels = load_toml("boilerplate.toml")["metadata_labels"]
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\s*:?\s*{DATE_VALUE}", re.IGNORECASE)


def find_metadata(text: str) -> list[tuple[int, int]]:
    """Return page-date labels with their dates and agency datelines."""
    found = [m.span() for m in _metadata_pattern().finditer(text)]
    return found + [m.span() for m in DATELINE.finditer(text)]


def mask(text: str, regions: list[tuple[int, int]]) -> str:
    """Replace the regions with spaces, keeping newlines and length."""
    chars = list(text)
    for s, e in regions:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def clean(text: str) -> Cleaned:
    """Mask menus and the teaser/comment tail of a scraped article."""
    metadata = find_metadata(text)
    regions = find_menus(text) + metadata + find_widgets(text)
    tail = find_tail(text)
    if tail is not None:
        regions = [(s, min(e, tail)) for s, e in regions if s < tail] + [(tail, len(text))]
    return Cleaned(mask(text, regions), tuple(sorted(regions)), tuple(text[s:e] for s, e in metadata))
