"""Output files: refuse a path that would overwrite the store or an input, and write each file whole or not at all."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from extractor.ingest import SUFFIXES

# Files SQLite and the run keep beside the store; overwriting any of them destroys it.
STORE_COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock")


class OutputError(ValueError):
    """An output path cannot be used; the message is one line for the operator."""


def same_file(a: Path, b: Path) -> bool:
    """Tell whether two paths name one file (through links too), whether or not it exists yet."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_outputs(outputs: dict[str, Path | None], store: Path, inputs: Iterable[Path] = ()) -> None:
    """Raise OutputError when an output (option -> path) is the store, a file beside it that SQLite uses, or an input.

    An output inside an input folder with an article suffix is refused too: the next run would read it.
    """
    store = Path(store)
    inputs = [Path(p) for p in inputs]
    for option, out in outputs.items():
        if out is None:
            continue
        out = Path(out)
        for suffix in STORE_COMPANIONS:
            if same_file(out, store.with_name(store.name + suffix)):
                what = "the store" if not suffix else f"the store's {suffix.lstrip('-.')} file"
                raise OutputError(f"{option} {out} is {what} ({store}): writing there would destroy it; "
                                  "choose another file")
        for source in inputs:
            if same_file(out, source):
                raise OutputError(f"{option} {out} is an input of this command: choose another file")
            if source.is_dir() and out.suffix.lower() in SUFFIXES and out.resolve().is_relative_to(source.resolve()):
                raise OutputError(f"{option} {out} is inside the input folder {source} and would be read as an "
                                  "article: choose another folder")
        if out.is_dir():
            raise OutputError(f"{option} {out} is a folder: give a file name")


class Staged:
    """A file written under a temporary name beside its target and renamed onto it only when complete.

    The rename is atomic within one folder, so a reader never sees half a file and an interrupted
    writer leaves the old target as it was.
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        self.path = self.target.with_name(f".{self.target.name}.{os.getpid()}.part")
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.path.open("wb").close()  # fail now, in one line, on a folder that cannot be written
        except OSError as exc:
            raise OutputError(f"cannot write {self.target}: {exc.strerror or exc}") from None

    def finish(self, keep: bool) -> None:
        """Rename the finished file onto its target when `keep`, else remove it."""
        if keep:
            try:
                os.replace(self.path, self.target)
                return
            except OSError as exc:
                self.finish(False)
                raise OutputError(f"cannot write {self.target}: {exc.strerror or exc}") from None
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.finish(kind is None)
