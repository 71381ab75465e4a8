"""Where extraction runs: in this process, in forked worker processes, or on a Dask cluster.

`pipeline.run` is the one run loop: it submits each batch to an executor and collects the results
in input order, so every executor gets the same triage, writer, `--jsonl` output and time limit.
Only the main process touches the store. A Dask cluster's workers need this package and its data
files (gazetteers/, the same extractor.toml or EXTRACTOR_* variables); install the `dask` extra.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol

EXECUTORS = ("local", "processes", "dask")
PR_SET_PDEATHSIG = 1  # prctl option from <sys/prctl.h>: a signal for this process when its parent dies

Task = Callable[[Any], Any]


class Executor(Protocol):
    """Runs a task over the items of a batch; `results` yields (item, result or None if it was lost) in order."""

    def submit(self, items: list) -> list: ...

    def results(self, work: list) -> Iterator[tuple[Any, Any]]: ...

    def close(self) -> None: ...


class Local:
    """Run each task in this process, when its batch is collected."""

    def __init__(self, task: Task, setup: Callable[[], None]) -> None:
        self.task, self.setup = task, setup

    def submit(self, items: list) -> list:
        """Keep the items: they run when collected (after `setup`, once: a re-run with nothing new needs none)."""
        if items and self.setup:
            self.setup()
            self.setup = None
        return items

    def results(self, work: list) -> Iterator[tuple[Any, Any]]:
        """Run the task on each item, in order."""
        for item in work:
            yield item, self.task(item)

    def close(self) -> None:
        """Nothing to stop."""


def die_with_parent(parent: int, forker: int) -> None:
    """Have the kernel kill this worker the moment its parent dies (Linux; elsewhere nothing changes).

    Left alone, an orphaned worker prints a BrokenPipeError traceback when it answers, or waits
    forever on a queue lock that a sibling held when it died. The kernel's "parent" is the thread
    that forked: only workers forked by `forker` (the thread that made the pool) ask for it. One
    that replaces a dead worker is forked by the pool's handler thread, which ends while the pool
    is stopped: that worker would be killed holding the task queue's lock, and stopping would hang.
    """
    if threading.get_ident() != forker:
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(0)


class QuietPool(multiprocessing.pool.Pool):
    """A pool whose worker handler wakes when a worker exits or the pool's tasks change, not for every waiting result.

    CPython's handler also waits on the results pipe: while this process's main thread holds the GIL saving,
    each result not yet read makes it loop (0.45-0.65 CPU s of a 570-article run with two workers). A worker's
    exit, closing and the last result taken still wake it, through the worker sentinels and the change notifier.
    """

    def _get_sentinels(self):
        return [self._change_notifier._reader]


class Processes:
    """Run tasks in forked worker processes of this machine, which share what `setup` loaded before the fork."""

    def __init__(self, task: Task, setup: Callable[[], None], workers: int, grace: float) -> None:
        self.task, self.setup, self.workers, self.grace = task, setup, workers, grace
        self.pool = None  # forked with the first item: a re-run with nothing new needs none

    def submit(self, items: list) -> list:
        """Start the task on every item."""
        if items and self.pool is None:
            self.setup()
            self.pool = QuietPool(self.workers, die_with_parent, (os.getpid(), threading.get_ident()),
                                  context=multiprocessing.get_context("fork"))
        return [(item, self.pool.apply_async(self.task, (item,))) for item in items]

    def results(self, work: list) -> Iterator[tuple[Any, Any]]:
        """Yield each item's result in order; a worker that died or hung past `grace` seconds loses one item."""
        for item, result in work:
            try:
                yield item, result.get(timeout=self.grace)
            except multiprocessing.TimeoutError:
                yield item, None

    def close(self) -> None:
        """Stop the workers."""
        if self.pool is not None:
            self.pool.terminate()


class Dask:
    """Run tasks on a Dask cluster: the one at `scheduler`, else a local cluster of single-threaded processes."""

    def __init__(self, task: Task, setup: Callable[[], None], workers: int, grace: float,
                 scheduler: str | None = None) -> None:
        import dask.distributed  # noqa: F401  fail here, in one line, when the extra is not installed

        self.task, self.setup, self.workers, self.grace, self.scheduler = task, setup, workers, grace, scheduler
        self.client = self.cluster = None  # started with the first item: a re-run with nothing new needs none

    def _start(self) -> None:
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.client.run(self.setup)  # load once per worker, outside any task's time limit

    def submit(self, items: list) -> list:
        """Send one task per item to the cluster, which spreads them over its workers."""
        if items and self.client is None:
            self._start()
        return list(zip(items, self.client.map(self.task, items, pure=False))) if items else []

    def results(self, work: list) -> Iterator[tuple[Any, Any]]:
        """Yield each item's result in order; a task not done `grace` seconds after the one before loses one item."""
        for item, future in work:
            try:
                yield item, future.result(timeout=self.grace)
            except TimeoutError:
                future.cancel()
                yield item, None

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this executor started one."""
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def check_scheduler(name: str | None, scheduler: str | None) -> None:
    """Refuse a scheduler address for any executor but dask (ValueError)."""
    if scheduler and name != "dask":
        raise ValueError("a scheduler address (--scheduler) goes with the dask executor only")


def make(name: str, task: Task, setup: Callable[[], None], workers: int, grace: float,
         scheduler: str | None = None) -> Executor:
    """Return the executor called `name` (one of EXECUTORS)."""
    check_scheduler(name, scheduler)
    if name == "local":
        return Local(task, setup)
    if name == "processes":
        return Processes(task, setup, workers, grace)
    if name == "dask":
        return Dask(task, setup, workers, grace, scheduler)
    raise ValueError(f"no executor {name!r}: {' | '.join(EXECUTORS)}")
