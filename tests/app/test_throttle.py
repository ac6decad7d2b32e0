"""The limit on guessing a secret (ui/throttle.py), on a clock the test moves by hand."""

from __future__ import annotations

from ui.throttle import Throttle, wait_text


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_waits_after_its_free_failures_and_longer_each_time():
    clock = Clock()
    t = Throttle(per_client_free=3, global_free=100, base_delay_s=30, max_delay_s=600, clock=clock)
    for _ in range(2):
        t.failure("a")
    assert t.wait_seconds("a") == 0
    t.failure("a")  # the third failure: 3 - 3 = 0 over, wait 30 s
    assert t.wait_seconds("a") == 30
    clock.now += 30
    assert t.wait_seconds("a") == 0
    t.failure("a")  # one over: 60 s
    assert t.wait_seconds("a") == 60
    assert t.wait_seconds("b") == 0  # another client is not held up


def test_the_total_holds_everyone_when_many_clients_guess():
    clock = Clock()
    t = Throttle(per_client_free=100, global_free=5, base_delay_s=10, clock=clock)
    for i in range(5):
        t.failure(f"c{i}")
    assert t.wait_seconds("new") == 10


def test_success_forgets_the_client_and_old_failures_expire():
    clock = Clock()
    t = Throttle(per_client_free=1, global_free=100, window_s=60, base_delay_s=30, clock=clock)
    t.failure("a")
    assert t.wait_seconds("a") == 30
    t.success("a")
    assert t.wait_seconds("a") == 0
    t.failure("b")
    clock.now += 61
    assert t.wait_seconds("b") == 0


def test_wait_text_is_danish():
    assert wait_text(20) == "Prøv igen om 20 sekunder."
    assert wait_text(150) == "Prøv igen om 3 minutter."
