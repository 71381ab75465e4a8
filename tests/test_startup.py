"""Start-up stays lean: a command imports only what it uses (`extractor --help` costs no NLP or store)."""
import subprocess
import sys

NLP = ("spacy", "pymorphy3", "datasketch", "scipy", "natasha", "slovnet", "trafilatura", "langdetect")


def imported_after(statement: str) -> set[str]:
    """Return the top-level modules a fresh interpreter holds after running `statement`."""
    code = f"import sys; {statement}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_command_line_imports_no_nlp_and_no_store():
    assert not imported_after("import extractor.cli") & {*NLP, "sqlite_utils", "numpy"}


def test_the_store_imports_no_dedup_and_no_nlp():
    code = "import extractor.store; print(' '.join(m for m in sys.modules if m.startswith('extractor.')))"
    out = subprocess.run([sys.executable, "-c", f"import sys; {code}"], capture_output=True, text=True,
                         check=True).stdout.split()
    assert not [m for m in out if m.startswith(("extractor.dedup", "extractor.ner", "extractor.events"))]
    assert not imported_after("import extractor.store") & set(NLP)


def test_ukrainian_sentences_load_no_xml_schema_validator():
    # choppa imports xmlschema to validate rule files; tokenize-uk never asks it to, so it must not load
    statement = "from extractor.text import split_sentences; split_sentences('Перше речення. Друге речення.', 'uk')"
    assert "elementpath" not in imported_after(statement)
    assert "elementpath" in imported_after(f"{statement}; import xmlschema; xmlschema.XMLSchema")
