import json
from pathlib import Path

import pytest

from extractor.config import settings
from extractor.ner.corpus import Annotated, load_settings
from extractor.ner.train import raw_texts, shingles, split_train_dev, to_docbin, train_ner, vector_tokens

SHARED = settings().shared_dir


def test_split_train_dev_holds_out_whole_documents_reproducibly():
    docs = [Annotated(str(i), "", ()) for i in range(20)]
    train, dev = split_train_dev(docs, 0.1, 0)
    assert len(dev) == 2 and {d.doc_id for d in train} | {d.doc_id for d in dev} == {str(i) for i in range(20)}
    assert split_train_dev(docs, 0.1, 0) == (train, dev)


def test_to_docbin_aligns_spans_to_tokens():
    db, counts = to_docbin([Annotated("d", "Семінар у Львові провела ОДА.", ((10, 16, "LOC"), (25, 28, "ORG")))], "uk")
    assert counts == {"aligned": 2}
    assert len(db) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Семінар у Львові, 12 травня.\n\nОДА пам’ятає м'ясо", "семінар у львові , 12 травня .\nода пам’ятає м'ясо"),
        ("Семинар в Санкт-Петербурге (РФ)!", "семинар в санкт-петербурге ( рф ) !"),
    ],
)
def test_vector_tokens_lowercase_and_split_punctuation(text, expected):
    assert vector_tokens(text) == expected


def test_shingles_are_lowercased_word_ngrams_ignoring_punctuation():
    assert shingles("Громада, Київ і Львів.", 3) == {("громада", "київ", "і"), ("київ", "і", "львів")}
    assert shingles("Два слова", 3) == set()


def test_raw_texts_drop_files_that_share_a_passage_with_the_test_split(tmp_path: Path):
    folder = tmp_path / "data" / "raw" / "news"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Вчора в Житомирі обласна рада провела семінар для старост громад.", encoding="utf-8")
    (folder / "b.txt").write_text("У Полтаві відкрили центр надання адміністративних послуг.", encoding="utf-8")
    held_out = [Annotated("t", "Як повідомили, вчора в Житомирі обласна рада провела семінар.", ())]
    conf = {"raw": {"folders": ["raw"], "overlap_ngram": 5}}
    kept, dropped = raw_texts(conf, tmp_path, held_out)
    assert (kept, dropped) == (["У Полтаві відкрили центр надання адміністративних послуг."], ["a.txt"])


@pytest.mark.skipif(not (SHARED / "data" / "ner-uk").exists(), reason="corpora not staged")
@pytest.mark.parametrize(
    ("lang", "overrides"),
    [
        # Tiny vectors tables keep the floret training and the navec reduction fast in CI.
        ("uk", {"extractor.vectors.dim": 16, "extractor.vectors.bucket": 1000, "extractor.vectors.epoch": 1,
                "extractor.vectors.min_count": 1}),
        ("ru", {"extractor.vectors.rows": 200, "extractor.vectors.width": 16}),
    ],
)
def test_training_runs_end_to_end_on_a_tiny_slice(tmp_path: Path, lang, overrides):
    tiny = {"training.max_steps": 6, "training.eval_frequency": 3, "training.max_epochs": 1, **overrides}
    report = train_ner(lang, tmp_path / "model", SHARED, max_docs=4, overrides=tiny, work_dir=tmp_path / "work")
    assert (tmp_path / "model" / "meta.json").exists()
    assert json.loads((tmp_path / "model" / "evaluation.json").read_text())["lang"] == lang
    assert set(load_settings(lang)["eval_labels"]) | {"overall", "words_per_s"} == set(report["test"]) - {"by_source"}
