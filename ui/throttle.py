"""A limit on guessing a secret: after a few failures from one client, and after many from all, wait.

Kept free of Streamlit and of any one login, so that every remaining secret (the optional password,
a local admin fallback beside sign-in) can use it. One instance per secret, shared by the process.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

PER_CLIENT_FREE = 5  # failures from one client before it must wait
GLOBAL_FREE = 30  # failures from all clients within the window before everyone must wait
WINDOW_S = 15 * 60  # failures older than this are forgotten
BASE_DELAY_S = 30.0  # the first wait; doubled for each further failure
MAX_DELAY_S = 15 * 60.0


class Throttle:
    """Counts failures per client and in total; says how long a client must wait before the next try."""

    def __init__(
        self,
        per_client_free: int = PER_CLIENT_FREE,
        global_free: int = GLOBAL_FREE,
        window_s: float = WINDOW_S,
        base_delay_s: float = BASE_DELAY_S,
        max_delay_s: float = MAX_DELAY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client_free = per_client_free
        self.global_free = global_free
        self.window_s = window_s
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.clock = clock
        self._lock = threading.Lock()
        self._clients: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()

    def _forget(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - self.window_s:
            times.popleft()

    def _delay(self, times: deque[float], free: int) -> float:
        over = len(times) - free
        if over < 0:
            return 0.0
        wait = min(self.base_delay_s * 2**over, self.max_delay_s)
        return max(0.0, times[-1] + wait - self.clock())

    def wait_seconds(self, client: str) -> float:
        """Seconds `client` must wait before its next try (0 when it may try now)."""
        with self._lock:
            now = self.clock()
            self._forget(self._all, now)
            mine = self._clients.get(client)
            if mine is not None:
                self._forget(mine, now)
                if not mine:
                    del self._clients[client]
            own = self._delay(mine, self.per_client_free) if mine else 0.0
            return max(own, self._delay(self._all, self.global_free))

    def failure(self, client: str) -> None:
        """Record a wrong guess by `client`."""
        with self._lock:
            now = self.clock()
            self._clients.setdefault(client, deque()).append(now)
            self._all.append(now)

    def success(self, client: str) -> None:
        """Forget `client`'s failures after a right answer (the total keeps counting)."""
        with self._lock:
            self._clients.pop(client, None)


def wait_text(seconds: float) -> str:
    """Danish 'try again in …' text for a wait."""
    if seconds <= 60:
        return f"Prøv igen om {max(1, math.ceil(seconds))} sekunder."
    return f"Prøv igen om {math.ceil(seconds / 60)} minutter."
