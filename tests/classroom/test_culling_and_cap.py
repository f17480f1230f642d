"""A closed tab's kernel is culled after the idle timeout; beyond the cap a page is refused politely (503)."""

import time
import urllib.error
import urllib.request

import pytest

from classroom.student import Student, StudentError
from tests.classroom.server import ClassroomServer

CULL_S = 4


@pytest.fixture(scope="module")
def small_server():
    # no pool (kernels only for pages), cap 1, culling after 4 s idle (checked every second)
    server = ClassroomServer("--pool=0", "--max-kernels=1", f"--cull-minutes={CULL_S / 60}")
    yield server
    server.stop()


def test_cap_refuses_politely_then_culling_frees_the_place(small_server):
    s = Student(small_server.base)
    s.open()                       # a student opens the app ...
    assert small_server.status()["in_use"] == 1
    s.close()                      # ... and closes the tab (websocket gone)
    other = Student(small_server.base)
    with pytest.raises(StudentError):
        other.open()               # the class is full: polite page, no kernel started
    assert other.status == 503 and "server is full" in other.html and "tries again" in other.html
    assert small_server.status()["kernels"] == 1
    t0 = time.perf_counter()
    while small_server.status()["kernels"] > 0:
        assert time.perf_counter() - t0 < CULL_S + 15, "idle kernel was not culled"
        time.sleep(0.5)
    culled_after = time.perf_counter() - t0
    print(f"kernel culled {culled_after:.1f} s after the tab closed (timeout {CULL_S} s)")
    again = Student(small_server.base)
    again.open()                   # the freed place is usable
    assert again.status == 200
    again.close()


def test_status_is_counts_only(small_server):
    with urllib.request.urlopen(small_server.base + "/classroom/status", timeout=10) as r:
        body = r.read().decode()
    assert set(__import__("json").loads(body)) == {"kernels", "in_use", "pooled", "ready", "max_kernels",
                                                   "cull_idle_timeout"}
