"""The reprint signatures: datasketch's affine32 MinHash, computed without importing datasketch."""
import numpy as np
import pytest

from extractor import reprints

WORDS = ("семінар громада навчання депутатів старост бюджет форум тренінг обласна рада "
         "семинар община обучение депутатов бюджет форум тренинг областной совет").split()


def datasketch_signature(text: str) -> np.ndarray:
    """The signature as datasketch 2 computes it (what stored signatures were made with)."""
    datasketch = pytest.importorskip("datasketch")
    cfg = reprints._config()
    words = reprints.WORD.findall(text.lower())
    n = cfg["shingle_words"]
    minhash = datasketch.MinHash(num_perm=cfg["num_perm"], hashfunc=reprints._sha1_32, scheme="affine32")
    minhash.update_batch(list({" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)}))
    return minhash.hashvalues.astype(np.uint64)


@pytest.mark.parametrize("seed", range(20))
def test_signature_is_datasketchs(seed):
    rng = np.random.default_rng(seed)
    text = " ".join(rng.choice(WORDS, size=int(rng.integers(30, 400))))
    assert np.array_equal(reprints.signature(text), datasketch_signature(text))


def test_short_text_has_no_signature():
    assert reprints.signature("Семінар для старост громади.") is None
