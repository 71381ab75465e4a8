"""Spans of text that name something: quoted names, noun phrases, coordinated names."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from extractor import morph
from extractor.events.context import Context
from extractor.events.cues import cue_pattern, cues, windows, words
from extractor.text import HYPHENATED, LOWER, UPPER, skip_chars

OPENERS, CLOSERS = "«“„(", "»”)"
CLOSER_OF = {"«": "»", "“": "”", "„": "“”", '"': '"', "(": ")"}  # what closes each opener
QUOTED = re.compile(r"«(?:[^«»]|«[^«»]*»)*»|“[^”]*”|„[^“”]*[“”]|\"[^\"\n]{3,200}\"")
WORD_TOKEN = re.compile(rf"{HYPHENATED}|[«»\"“”]")  # a word, or a quote (which opens or closes a name)
PHRASE_POS = {"NOUN", "ADJF", "PRTF", "PREP", "CONJ", "NUMR", "LATN", "UNKN", "NUMB", "ROMN", None}


@cache
def phrase_end() -> re.Pattern:
    """Punctuation, a clause word after a comma, or a dash between spaces ends a phrase."""
    return re.compile(r"[.;:!?()\n]|,\s*(?=(?:" + words("phrase_stops") + r")\b)|\s[–—]\s")


@cache
def name_separator() -> re.Pattern:
    """A coordinator, or a comma or semicolon before a capital, separates two names ("A, B та C", "A; B"), and so
    does the word joining a funder to its channel ("Уряду Канади через Міністерство ...")."""
    return re.compile(r",?\s+(?:" + words("coordinators") + r")\s+|[,;]\s+(?=[" + UPPER + r"«\"])|\s+(?:"
                      + words("channel_words") + r")\s+(?=[" + UPPER + r"«\"])")


@cache
def list_separator() -> re.Pattern:
    """A comma, a coordinator or both between two items of a list ("Одеського, Миколаївського та ...")."""
    return re.compile(r"\s*,\s*(?:(?:" + words("coordinators") + r")\s+)?|\s+(?:" + words("coordinators") + r")\s+")


@lru_cache(maxsize=4)
def quote_spans(text: str) -> tuple[list[int], list[int]]:
    """Return the starts and ends of the quoted names of a text, found once per text."""
    spans = [m.span() for m in QUOTED.finditer(text)]
    return [s for s, _ in spans], [e for _, e in spans]


def folded(name: str) -> str:
    """Fold a name for comparison, ignoring case, quotes, spacing and punctuation.

    "«U-LEAD з Європою»" -> "uleadзєвропою".
    """
    return re.sub(r"[\W_]+", "", name.lower())


def quote_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the span of the quoted name that contains [start, end), if any."""
    starts, ends = quote_spans(text)
    i = bisect_left(starts, start) - 1  # quotes never overlap: only the last one opening before can hold it
    if i >= 0 and end <= ends[i]:
        return starts[i], ends[i]
    return None


def clip_phrase(text: str, start: int, limit: int = 160) -> tuple[int, int]:
    """Return the span of a phrase starting at `start` and ending before punctuation or a clause."""
    end = min(len(text), start + limit)
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif depth == 0:
            m = phrase_end().match(text, i)
            if m:
                end = i
                break
    while end > start and text[end - 1] in " ,–—-":
        end -= 1
    return start, end


# spaces between two words of a phrase, and a line break before a lower-case word: a page wrapped at a fixed width
# breaks its names anywhere
PHRASE_GAP = re.compile(r"[ \t]*")
WRAPPED_GAP = re.compile(rf"[ \t]*(?:\n[ \t]*(?=[{LOWER}]))?")


def noun_phrase_end(ctx: Context, start: int, max_words: int = 12, stop_list: str = "phrase_stops",
                    wrapped: bool = False) -> int:
    """Return where the noun phrase going on from `start` ends: at a verb, a clause word or punctuation.

    Quoted names and parentheses are taken whole; the phrase never ends on a preposition or conjunction.
    With `wrapped`, a line break before a lower-case word goes on with the phrase.
    """
    analyzer = morph.analyzer(ctx.lang)
    stops = set(cues()[stop_list])
    venues = {p.start for p in ctx.places if p.kind in ("settlement", "hromada", "ru_city", "oblast", "ru_region")}
    dates = {d.start for d in ctx.dates}
    end, count = start, 0
    pos = start
    while pos < len(ctx.text) and count < max_words:
        gap = (WRAPPED_GAP if wrapped else PHRASE_GAP).match(ctx.text, pos).end() - pos
        nxt = pos + gap
        if nxt >= len(ctx.text):
            break
        ch = ctx.text[nxt]
        if ch in OPENERS:  # a quoted name or a parenthesis belongs to the phrase
            close = closing(ctx.text, nxt)
            if close is None:
                break
            end = pos = close
            count += 1
            continue
        if nxt in dates:
            break  # "семінар з питань бюджету 12 березня": when, not part of the name
        tok = WORD_TOKEN.match(ctx.text, nxt)
        if not tok or tok.group() in "«»\"“”":
            break
        word = tok.group()
        parses = analyzer.parse(word)
        tag = parses[0].tag
        if word.lower() in stops or (not _phrase_word(parses) and not word[0].isupper()):
            break
        if count and (cue_pattern("partner_cues").match(ctx.text, tok.start())
                      or cue_pattern("joint_cues").match(ctx.text, tok.start())):
            break  # "... академии при поддержке ...", "... у співпраці з ...": the next name has a role of its own
        after = skip_chars(ctx.text, tok.end(), chars=" ")
        if tag.POS == "PREP" and (after in venues or after + 3 in venues or after in dates):
            break  # "у Луцьку", "в м. Омске", "з 10 по 14 листопада": where or when, not part of the name
        end = pos = tok.end()
        count += 1
    while end > start:
        tail = WORD_TOKEN.findall(ctx.text[start:end])
        if len(tail) > 1 and analyzer.parse(tail[-1])[0].tag.POS in ("PREP", "CONJ"):
            end = len(ctx.text[:ctx.text.rfind(tail[-1], start, end)].rstrip())
            continue
        break
    return end


def _phrase_word(parses: list) -> bool:
    """Tell whether any of a word's best parses (pymorphy3 ties them where it cannot tell) may stand in a noun
    phrase: "з питань благоустрою" is a noun's genitive as well as a verb's future."""
    return any(p.tag.POS in PHRASE_POS for p in parses if p.score >= parses[0].score)


def closing(text: str, pos: int) -> int | None:
    """Return the offset after the quote or parenthesis opened at `pos` (None if it is not one, or unclosed).

    Quotes nest and a straight quote inside «…» opens an inner name («Асоціація "Відродження"»); a
    closer of an outer quote also closes inner ones the writer left open, and where the outer
    closing quote is missing («Асоціація «Відновлення», ...) the name ends at the first close.
    """
    if pos >= len(text) or text[pos] not in CLOSER_OF:
        return None
    stack: list[str] = []
    first = None
    for i in range(pos, min(len(text), pos + windows().quote_reach)):
        ch = text[i]
        if ch == "\n":
            break
        if stack and ch in CLOSER_OF[stack[-1]] or ch not in CLOSER_OF and any(ch in CLOSER_OF[o] for o in stack):
            while ch not in CLOSER_OF[stack.pop()]:
                pass
            if not stack:
                return i + 1
            first = first or i + 1
        elif ch in CLOSER_OF:
            stack.append(ch)
    return first


def names_end(ctx: Context, start: int) -> int:
    """Return the end of a coordinated list of names ("Проєктом «X», Управлінням Y та Z")."""
    end = noun_phrase_end(ctx, start, max_words=14, stop_list="name_stops", wrapped=True)
    while True:
        more = name_separator().match(ctx.text, end)
        if not more:
            return end
        nxt = noun_phrase_end(ctx, more.end(), max_words=14, stop_list="name_stops", wrapped=True)
        if nxt <= more.end():
            return end
        end = nxt
