import pytest

from extractor.ner.eval import score, token_labels, token_score
from extractor.ner.corpus import Annotated


def test_score_is_exact_span_and_label():
    gold = [Annotated("d", "x" * 30, ((0, 5, "PER"), (10, 15, "ORG"), (20, 25, "LOC")))]
    predicted = [[(0, 5, "PER"), (10, 14, "ORG"), (20, 25, "ORG")]]
    result = score(gold, predicted, ["PER", "ORG", "LOC"])
    assert result["PER"]["f"] == 1.0
    assert result["ORG"] == {"p": 0.0, "r": 0.0, "f": 0.0, "support": 1}
    assert result["overall"]["p"] == pytest.approx(0.3333, abs=1e-4)


def test_token_labels_mark_tokens_inside_aligned_spans_only():
    tokens = [(0, 6), (7, 13), (14, 21), (22, 26), (26, 27)]  # "Сергей Шелест посетил Омск."
    assert token_labels(tokens, [(0, 13, "PER"), (22, 25, "LOC")]) == ["PER", "PER", None, None, None]


@pytest.mark.parametrize(
    ("text", "gold", "predicted", "expected"),
    [
        # A partial name still earns its token: PER precision 1/1, recall 1/2.
        ("Сергей Шелест посетил Омск.", [(0, 13, "PER"), (22, 26, "LOC")], [(7, 13, "PER"), (22, 26, "LOC")],
         {"PER": (1.0, 0.5), "LOC": (1.0, 1.0)}),
        # A wrong label costs both sides; a span that cuts a token ("Льв") is not counted at all.
        ("Голова Львівської ОДА виступив у Львові.", [(7, 21, "ORG"), (33, 39, "LOC")],
         [(7, 21, "LOC"), (33, 36, "LOC")], {"ORG": (0.0, 0.0), "LOC": (0.0, 0.0)}),
    ],
)
def test_token_score_counts_razdel_tokens(text, gold, predicted, expected):
    result = token_score([Annotated("d", text, tuple(gold))], [predicted], ["PER", "ORG", "LOC"])
    assert {label: (result[label]["p"], result[label]["r"]) for label in expected} == expected


def test_evaluate_scores_each_source_of_a_mixed_corpus_apart(tmp_path):
    from extractor.ner.eval import evaluate

    data = tmp_path / "data" / "ner-uk" / "data"
    docs = {("ng", "n1"): ("Мер Ужгорода Богдан Андріїв відкрив форум.", "T1\tPERS 13 27\tБогдан Андріїв\n"),
            ("bruk", "b1"): ("Мавка співала, а Лукаш слухав.", "T1\tPERS 0 5\tМавка\nT2\tPERS 17 22\tЛукаш\n")}
    for (folder, stem), (text, ann) in docs.items():
        (data / folder).mkdir(parents=True, exist_ok=True)
        (data / folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (data / folder / f"{stem}.ann").write_text(ann, encoding="utf-8")
    (data / "dev-test-split.txt").write_text("DEV\nTEST\nn1\nb1\n", encoding="utf-8")
    conf = {"corpora": {"test": ["ner-uk:TEST"]}, "label_maps": {"ner-uk": {"PERS": "PER"}},
            "detokenize": {"no_space_before": ",.", "no_space_after": ""}, "eval_labels": ["PER"]}
    # The predictor finds the news name and only one of the two fairy-tale names.
    found = {"Мер": [(13, 27, "PER")], "Мав": [(0, 5, "PER")]}
    result = evaluate(conf, lambda texts: [found[t[:3]] for t in texts], tmp_path)
    assert result["overall"]["r"] == pytest.approx(2 / 3, abs=1e-4)
    assert {src: scores["PER"]["r"] for src, scores in result["by_source"].items()} == {"bruk": 0.5, "ng": 1.0}
