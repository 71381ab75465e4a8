from pathlib import Path

from extractor.ner.corpus import Annotated, _factru_span_groups, detokenize, flatten, read_factru, split_lines


def test_flatten_keeps_outermost_spans():
    spans = [(0, 12, "ORG"), (6, 12, "LOC"), (14, 20, "PER"), (16, 24, "ORG")]
    assert flatten(spans) == ((0, 12, "ORG"), (16, 24, "ORG"))


def test_detokenize_rebuilds_spacing_and_moves_offsets():
    text = 'Голова ( В . І . Петренко ) відвідав " Укрзалізницю " , 5 % .'
    doc = Annotated("d", text, ((9, 25, "PER"), (39, 51, "ORG")))
    detok = detokenize(doc, ",.;:!?)]}»…%", "([{«")
    assert detok.text == 'Голова (В. І. Петренко) відвідав "Укрзалізницю", 5%.'
    assert [detok.text[s:e] for s, e, _ in detok.spans] == ["В. І. Петренко", "Укрзалізницю"]


def test_split_lines_keeps_spans_inside_each_line():
    doc = Annotated("d", "Київ і Львів.\n\nОДА", ((0, 4, "LOC"), (7, 12, "LOC"), (15, 18, "ORG")))
    lines = list(split_lines(doc))
    assert [(line.text, line.spans) for line in lines] == [
        ("Київ і Львів.", ((0, 4, "LOC"), (7, 12, "LOC"))), ("ОДА", ((0, 3, "ORG"),))]


def test_factru_groups_join_punctuation_gaps_and_split_word_gaps():
    text = "органами Китая, Малайзии и Таиланда"
    spans = [(0, 8, "org_descr"), (9, 14, "loc_name"), (16, 24, "loc_name"), (27, 35, "loc_name")]
    assert _factru_span_groups(spans, text) == [(0, 24, True), (27, 35, True)]


def write_factru(folder: Path) -> str:
    """Write one factRuEval-format document (text, span layer, object layer); return its text."""
    text = "Мэр Омска Сергей Шелест и компания «Омсктрансмаш» открыли сквер."
    spans = {"1": ("loc_name", "Омска"), "2": ("name", "Сергей"), "3": ("surname", "Шелест"),
             "4": ("org_descr", "компания"), "5": ("org_name", "Омсктрансмаш")}
    (folder / "book_1.txt").write_text(text, encoding="utf-8")
    (folder / "book_1.spans").write_text("".join(
        f"{i} {kind} {text.index(word)} {len(word)} 0 1  # {word}\n" for i, (kind, word) in spans.items()),
        encoding="utf-8")
    (folder / "book_1.objects").write_text(
        "10 LocOrg 1 # Омска\n11 Person 2 3 # Сергей Шелест\n12 Org 4 5 # компания Омсктрансмаш\n"
        "13 Org 4 # компания\n", encoding="utf-8")
    return text


LABELS = {"Person": "PER", "Org": "ORG", "LocOrg": "LOC", "Location": "LOC"}


def test_read_factru_keeps_named_objects_with_their_descriptor_run(tmp_path: Path):
    text = write_factru(tmp_path)
    (doc,) = read_factru(tmp_path, LABELS)
    assert [(text[s:e], label) for s, e, label in doc.spans] == [
        ("Омска", "LOC"), ("Сергей Шелест", "PER"), ("компания «Омсктрансмаш", "ORG")]


def test_read_factru_names_only_reads_as_naeval(tmp_path: Path):
    text = write_factru(tmp_path)
    (doc,) = read_factru(tmp_path, LABELS, names_only=True)
    assert [(text[s:e], label) for s, e, label in doc.spans] == [
        ("Омска", "LOC"), ("Сергей Шелест", "PER"), ("Омсктрансмаш", "ORG")]


def test_ner_uk_documents_keep_their_source_folder(tmp_path: Path):
    from extractor.ner.corpus import read_ner_uk

    for folder, stem, text in (("ng", "a1", "Мер Ужгорода відкрив форум."), ("bruk", "b2", "Мавка співала в лісі.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (tmp_path / folder / f"{stem}.ann").write_text("", encoding="utf-8")
    (tmp_path / "dev-test-split.txt").write_text("DEV\na1\nTEST\nb2\n", encoding="utf-8")
    assert [(d.doc_id, d.source) for d in read_ner_uk(tmp_path, "DEV", {})] == [("a1", "ng")]
    assert [(d.doc_id, d.source) for d in read_ner_uk(tmp_path, "TEST", {})] == [("b2", "bruk")]
