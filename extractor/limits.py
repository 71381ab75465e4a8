"""A time limit on one piece of work that holds in any thread, so every executor can enforce it."""
from __future__ import annotations

import ctypes
import signal
import threading
from contextlib import contextmanager


class TimeLimitExceeded(Exception):
    """The work took longer than its limit."""


@contextmanager
def time_limit(seconds: float):
    """Raise TimeLimitExceeded in this thread after `seconds`.

    The main thread is stopped by SIGALRM, which also breaks into a runaway regular expression
    (the `re` engine checks for signals); any other thread (a Dask worker runs tasks in threads,
    where no alarm can be set) by a watchdog thread, which stops Python code between two steps.
    """
    limit = _alarm if threading.current_thread() is threading.main_thread() else _watchdog
    with limit(seconds):
        yield


@contextmanager
def _alarm(seconds: float):
    """Raise TimeLimitExceeded in the main thread after `seconds`, by SIGALRM."""
    def expire(signum, frame):
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Have `exc` raised in another thread at its next Python step (None takes back a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def _watchdog(seconds: float):
    """Raise TimeLimitExceeded in this thread after `seconds`, from a watchdog thread."""
    target, done, lock = threading.get_ident(), threading.Event(), threading.Lock()
    fired = []

    def watch():
        if not done.wait(seconds):
            with lock:
                if not done.is_set():
                    fired.append(True)
                    _raise_in(target, TimeLimitExceeded)

    watcher = threading.Thread(target=watch, name="time-limit", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            if fired:  # the work ended as the watchdog fired: no exception may surface later
                _raise_in(target, None)
        watcher.join()
