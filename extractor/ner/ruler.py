"""The organization gazetteer as a spaCy ruler component, and the pymorphy3 features its patterns match on.

Aliases of gazetteers/organizations.csv become phrase patterns in every case form, or token
patterns matched by lemma (wildcards, quotes); `merge_gazetteer` lets the matches override a
model's spans. Every backend and event assembly's organization stage share this ruler.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from extractor import morph
from extractor.disk_cache import cached
from extractor.lexicon import data_path, load_csv
from extractor.morph import analyzer, case_forms, lemma
from extractor.text import APOSTROPHES

RawSpan = tuple[int, int, str, str, str]  # start, end, label, gazetteer id ("" if none), source

GAZETTEER = "organizations.csv"
# Any quotation mark in an alias matches any other: news writes «…», "…" and „…“ alike.
QUOTES = ["«", "»", '"', "“", "”", "„", "'"]


# The label of patterns that follow a capitalized name (an alias opening with "*"): they are matched from their
# head words, and the name is taken in after matching (`GazetteerRuler`), since a token pattern opening with a
# wildcard is tried, and kept alive, at every capitalized token of a text.
NAME_LED = "NAME+"

# pymorphy3 grammemes that mark names, places and organizations in its dictionaries.
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"})


MORPH_CACHE_WORDS = 200_000  # words whose features a process keeps (a long run meets more)


@lru_cache(maxsize=MORPH_CACHE_WORDS)
def morph_features(word: str, lang: str) -> tuple[str, str]:
    """Return a word's lemma and a coarse tag: POS, case, name grammemes of any parse, unknown-ness."""
    parses = analyzer(lang).parse(word)
    top = parses[0]
    names = sorted(NAME_GRAMMEMES & set().union(*(p.tag.grammemes for p in parses)))
    known = "" if top.is_known else "Unkn"
    return top.normal_form, "_".join(x for x in (str(top.tag.POS or "X"), str(top.tag.case or ""), *names, known) if x)


def register_components() -> None:
    """Register `morph_features` (pymorphy3 lemma and coarse tag on tokens, features of the tok2vec) and the
    gazetteer ruler with spaCy.

    Called before a pipeline that uses it is built or loaded, not at import: importing spaCy
    costs a second, which a command that never tags should not pay.
    """
    from spacy.language import Language

    if "morph_features" in Language.factories:
        return

    @Language.factory("gazetteer_ruler", default_config={"lang": "uk"})
    def make_gazetteer_ruler(nlp, name, lang):
        return GazetteerRuler(nlp, stored_patterns(nlp, lang))

    @Language.component("morph_features")
    def add_morph_features(doc):
        # Inflected forms share a lemma, and dictionary name/surname marks help unseen names.
        import numpy
        from spacy.attrs import LEMMA, ORTH, TAG

        lang = doc.lang_  # read once: each read goes through the vocab and cost as much as the tagging
        ids = _feature_ids(lang, doc.vocab.strings)
        doc.from_array([LEMMA, TAG], numpy.array([ids(orth) for orth in doc.to_array(ORTH).tolist()],
                                                 dtype="uint64").reshape(-1, 2))
        return doc


@cache
def _feature_ids(lang: str, strings):
    """Return a function from a word's id to the string ids of its `morph_features` in a pipeline's string store.

    The features are written into the doc as one array: setting each token's lemma and tag by its text cost more
    than the pymorphy3 lookups themselves. A word's ids are kept as long as its features are.
    """

    @lru_cache(maxsize=MORPH_CACHE_WORDS)
    def ids(orth: int) -> tuple[int, int]:
        lemma_, tag_ = morph_features(strings[orth], lang)
        return strings.add(lemma_), strings.add(tag_)

    return ids



def gazetteer_rows(lang: str) -> list[dict[str, str]]:
    """Return the organization rows for a language (lang column `uk`, `ru` or `any`)."""
    return [row for row in load_csv(GAZETTEER) if row["lang"] in (lang, "any")]


def _token_pattern(token) -> dict:
    """Match one alias token: Cyrillic words by lemma, acronyms/Latin/punctuation exactly, `*` any name."""
    text = token.text
    if text in QUOTES:
        return {"ORTH": {"IN": QUOTES}}
    if re.fullmatch(rf"[\u0400-\u04ff{APOSTROPHES}]+", text) and not (text.isupper() and len(text) > 1):
        return {"LEMMA": lemma(text, token.lang_)}
    return {"ORTH": text}


def _name_starts(doc, end: int) -> list[int]:
    """Return where a capitalized name ending before token `end` starts: as `*` matches in `alias_patterns`."""
    if end < 1 or not doc[end - 1].is_title:
        return []
    return [end - 1, end - 3] if end >= 3 and doc[end - 2].text == "-" and doc[end - 3].is_title else [end - 1]


class GazetteerRuler:
    """A spaCy component marking gazetteer organizations in doc.spans["gazetteer"], the first longest of overlapping
    matches (as spaCy's span ruler with `first_longest_spans_filter`).

    Phrase patterns go to a PhraseMatcher (by LOWER), token patterns to a Matcher, which runs only over the tokens
    from each of their opening words on, as far as the longest pattern reaches: it tries every pattern at every
    token, which was most of the ruler's time.
    """

    def __init__(self, nlp, patterns: list[dict]):
        from spacy.matcher import Matcher, PhraseMatcher

        self.matcher, self.phrases = Matcher(nlp.vocab), PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, tuple[str, str]] = {}  # match key -> label, gazetteer id
        self.openers: dict[str, set[int]] | None = {"LEMMA": set(), "ORTH": set()}  # None: the Matcher runs on all
        self.reach = 0  # tokens of the longest token pattern
        for entry in patterns:
            key = repr((entry["label"], entry["id"]))
            self.keys[nlp.vocab.strings.add(key)] = entry["label"], entry["id"]
            if isinstance(entry["pattern"], str):
                self.phrases.add(key, [nlp.make_doc(entry["pattern"])])
                continue
            self.matcher.add(key, [entry["pattern"]])
            self.reach = max(self.reach, len(entry["pattern"]))
            (attr, value), *rest = entry["pattern"][0].items()
            fixed = not any("OP" in token for token in entry["pattern"])  # a quantifier's pattern has no fixed reach
            if self.openers is not None and attr in self.openers and isinstance(value, str) and not rest and fixed:
                self.openers[attr].add(nlp.vocab.strings.add(value))
            else:
                self.openers = None

    def stretches(self, doc) -> list[tuple[int, int]]:
        """Return the stretches of tokens [start, end) where a token pattern may match: each opening word and the
        tokens the longest pattern reaches after it, overlapping ones joined."""
        from spacy.attrs import LEMMA, ORTH

        if self.openers is None:
            return [(0, len(doc))]
        stretches: list[tuple[int, int]] = []
        for i, (lemma_id, orth_id) in enumerate(doc.to_array([LEMMA, ORTH]).tolist()):
            if lemma_id in self.openers["LEMMA"] or orth_id in self.openers["ORTH"]:
                if stretches and i <= stretches[-1][1]:
                    stretches[-1] = stretches[-1][0], min(len(doc), i + self.reach)
                else:
                    stretches.append((i, min(len(doc), i + self.reach)))
        return stretches

    def __call__(self, doc):
        """Mark the matches; a NAME_LED pattern's match takes in the capitalized name before it (none: no match)."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        matches = list(self.phrases(doc))
        if len(self.matcher):
            matches += [(key, lo + start, lo + end) for lo, hi in self.stretches(doc)
                        for key, start, end in self.matcher(doc[lo:hi])]
        found = set()
        for key, start, end in matches:
            label, gazetteer_id = self.keys[key]
            starts = _name_starts(doc, start) if label.startswith(NAME_LED) else [start]
            found.update(Span(doc, s, end, label=label.removeprefix(NAME_LED), span_id=gazetteer_id) for s in starts)
        doc.spans["gazetteer"] = filter_spans(sorted(found))
        return doc


def alias_patterns(alias: str, nlp) -> list[list[dict]]:
    """Turn an alias into token patterns; each `*` stands for a capitalized name, hyphenated or not."""
    variants: list[list[dict]] = [[]]
    for token in nlp.make_doc(alias):
        if token.text == "*":
            one = [{"IS_TITLE": True}]
            hyphenated = [{"IS_TITLE": True}, {"ORTH": "-"}, {"IS_TITLE": True}]
            variants = [v + w for v in variants for w in (one, hyphenated)]
        else:
            variants = [v + [_token_pattern(token)] for v in variants]
    return variants


def gazetteer_patterns(nlp, lang: str) -> list[dict]:
    """Return the ruler's patterns of the gazetteer organizations of a language."""
    patterns = []
    for row in gazetteer_rows(lang):
        for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
            # Plain aliases go to the fast phrase matcher in each case form; wildcards and quotes
            # need token patterns (Cyrillic words matched by lemma), matched from their head words.
            if "*" in alias or any(q in alias for q in QUOTES):
                label = NAME_LED + "ORG" if alias.startswith("* ") else "ORG"
                patterns += [{"label": label, "pattern": p, "id": row["id"]}
                             for p in alias_patterns(alias.removeprefix("* "), nlp)]
            else:
                patterns += [{"label": "ORG", "pattern": form, "id": row["id"]} for form in case_forms(alias, lang)]
    return patterns


def stored_patterns(nlp, lang: str) -> list[dict]:
    """Return `gazetteer_patterns`, built once and kept on disk (pymorphy3 inflecting every alias was a third of
    the ruler's load); every pipeline here tokenizes as the language's blank one, so they do not depend on which."""
    inputs = [data_path(GAZETTEER), Path(__file__), Path(morph.__file__)]  # the aliases, and the code inflecting them
    return cached(f"organization-patterns-{lang}", inputs, lambda: gazetteer_patterns(nlp, lang))


def add_gazetteer_ruler(nlp, lang: str) -> None:
    """Add a GazetteerRuler that marks gazetteer organizations in doc.spans['gazetteer']."""
    register_components()  # the ruler, and the lemmas it matches Cyrillic words by
    if "morph_features" not in nlp.pipe_names:
        nlp.add_pipe("morph_features", first=True)
    nlp.add_pipe("gazetteer_ruler", name="gazetteer", last=True, config={"lang": lang})


def overlaps(a: RawSpan, b: RawSpan) -> bool:
    """Tell whether two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def merge_gazetteer(model: list[RawSpan], gazetteer: list[RawSpan]) -> list[RawSpan]:
    """Let gazetteer spans override overlapping model spans, unless a longer model ORG holds just one.

    A longer model ORG around a single match ("Представництво Фонду Ганса Зайделя в Україні") is
    kept and takes the gazetteer id; any other overlap (an equal span, or a model span running over
    several matches: "USAID DOBRE та GIZ") gives way to the gazetteer spans.
    """
    def inside(g: RawSpan, m: RawSpan) -> bool:
        return m[0] <= g[0] and g[1] <= m[1]

    kept: dict[int, RawSpan] = dict(enumerate(model))
    added: list[RawSpan] = []
    for g in gazetteer:
        overlapping = [i for i, m in kept.items() if overlaps(m, g)]
        container = next((i for i in overlapping if kept[i][2] == "ORG" and inside(g, kept[i])
                          and kept[i][:2] != g[:2] and sum(inside(h, kept[i]) for h in gazetteer) == 1), None)
        if container is not None:
            m = kept[container]
            kept[container] = (m[0], m[1], m[2], g[3], m[4])
            continue
        for i in overlapping:
            del kept[i]
        added.append(g)
    return sorted([*kept.values(), *added])


@cache
def gazetteer_pipeline(lang: str):
    """Return a blank spaCy pipeline holding only the organization gazetteer ruler (no statistical model)."""
    import spacy

    nlp = spacy.blank(lang)
    add_gazetteer_ruler(nlp, lang)
    return nlp


@cache
def canonical_names(lang: str) -> dict[str, str]:
    """Map gazetteer ids to their canonical name in a language (rows of patterns have none)."""
    return {row["id"]: row["name"] for row in gazetteer_rows(lang) if row["name"]}
