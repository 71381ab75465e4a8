"""Find reprints: articles whose cleaned text is nearly the same as a stored one (MinHash + LSH).

Signatures and LSH band keys are stored with the articles, so finding a candidate is an index
look-up in SQLite and no in-memory index has to be rebuilt or kept consistent.
"""
from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np

from extractor.lexicon import load_toml

WORD = re.compile(r"\w+")
DATASKETCH_SCHEME = "affine32"  # datasketch 2's default, named: given permutations it must be told


@cache
def _config() -> dict:
    return load_toml("dedup.toml")["reprints"]


def _sha1_32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


@cache
def minhash_class() -> type:
    """Return datasketch's MinHash, imported on first use: it pulls in scipy, which only extraction needs."""
    from datasketch import MinHash

    return MinHash


@cache
def _permutations() -> np.ndarray:
    """Return the MinHash permutations (seed 1), drawn once: drawing them cost a quarter of each signature."""
    return minhash_class()(num_perm=_config()["num_perm"], scheme=DATASKETCH_SCHEME).permutations


def signature(text: str) -> np.ndarray | None:
    """Return the MinHash signature of a text's word shingles, or None for a text too short to compare."""
    cfg = _config()
    words = WORD.findall(text.lower())
    if len(words) < cfg["min_words"]:
        return None
    n = cfg["shingle_words"]
    shingles = {" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)}
    minhash = minhash_class()(num_perm=cfg["num_perm"], hashfunc=_sha1_32, permutations=_permutations(),
                              scheme=DATASKETCH_SCHEME)
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    """Return one key per LSH band: texts sharing any key are candidate reprints."""
    bands = _config()["bands"]
    rows = len(sig) // bands
    return [f"{b}:{hashlib.blake2b(sig[b * rows:(b + 1) * rows].tobytes(), digest_size=8).hexdigest()}"
            for b in range(bands)]


def max_candidates() -> int:
    """Return how many stored articles sharing a band with a text are compared with it, most shared bands first."""
    return _config()["max_candidates"]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimate the Jaccard similarity of two texts from their signatures."""
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    """Serialize a signature for storage."""
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Read a stored signature."""
    return np.frombuffer(blob, dtype="<u8")


def is_reprint(sig: np.ndarray, other: np.ndarray) -> bool:
    """Tell whether two signatures are close enough to be the same article."""
    return jaccard(sig, other) >= _config()["min_jaccard"]
