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
# datasketch 2's "affine32" MinHash, in numpy: the stored signatures are datasketch's (seed 1), but importing
# datasketch imports scipy for its LSH classes, 0.4 CPU s of every run's load for nothing used here
# (tests/test_reprints.py checks the signatures against datasketch's).
SEED = 1
FMIX32 = tuple(np.uint32(c) for c in (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16))  # MurmurHash3's finalizer
EMPTY = np.uint32(0xFFFFFFFF)


@cache
def _config() -> dict:
    return load_toml("dedup.toml")["reprints"]


def _sha1_32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """Return the permutations h -> a * h + b mod 2**32 (a odd), drawn once as datasketch draws them."""
    gen = np.random.RandomState(SEED)
    num_perm = _config()["num_perm"]
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """Pre-mix 32-bit hashes (a bijection; uint32 products wrap around, the intended arithmetic)."""
    s1, m1, s2, m2, s3 = FMIX32
    hv = (hv ^ (hv >> s1)) * m1
    hv = (hv ^ (hv >> s2)) * m2
    return hv ^ (hv >> s3)


def signature(text: str) -> np.ndarray | None:
    """Return the MinHash signature of a text's word shingles, or None for a text too short to compare."""
    cfg = _config()
    words = WORD.findall(text.lower())
    if len(words) < cfg["min_words"]:
        return None
    n = cfg["shingle_words"]
    shingles = {" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)}
    hv = _fmix32(np.array([_sha1_32(s) for s in shingles], dtype=np.uint32).reshape(-1, 1))
    a, b = _permutations()
    return (hv * a + b).min(axis=0, initial=EMPTY).astype(np.uint64)


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
