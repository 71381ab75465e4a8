"""Keep an index built from data files on disk, so that a process loads it instead of building it again."""
from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from extractor.config import settings

T = TypeVar("T")


def cached(name: str, inputs: Iterable[Path], build: Callable[[], T]) -> T:
    """Return `build()`, read from settings().cache_dir while every file of `inputs` is as it was.

    The key is each input's path, size and modification time (include the building module's
    own file among the inputs, so that changed code rebuilds too). The cache folder belongs to
    the project like the store: whoever can write there can change what the index says.
    """
    key = hashlib.sha1()
    for path in sorted(inputs):
        stat = path.stat()
        key.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    path = settings().cache_dir / f"{name}-{key.hexdigest()[:16]}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        pass  # not built yet, or by other code: build it
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # renamed whole: readers never see half a file
        with partial.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        for old in path.parent.glob(f"{name}-*"):  # older versions, and writes that were cut short
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only folder costs a build at each start, nothing else
    return value
