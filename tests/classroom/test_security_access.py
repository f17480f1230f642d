"""Only the class gets in (class code), and kernels nobody uses are freed (issue 14).

Server on loopback with a class code given on the command line, no pool, a
3 s no-websocket limit and a 6 s silence limit. Other devices are clients bound
to 127.0.0.2 …; the teacher is 127.0.0.1.
"""

from __future__ import annotations

import time
import urllib.parse
import uuid

import pytest
import websocket

from classroom.gate import code_on_by_default, new_code, normalise_code
from tests.classroom.security_client import connect, is_closed, kernel_id, kernel_info, request
from tests.classroom.server import ClassroomServer

CODE = "KQ7M2X"
APP = "/voila/render/ion_gradients.ipynb"
ORPHAN_S, SILENT_S = 3, 6


@pytest.fixture(scope="module")
def server():
    s = ClassroomServer("--pool=0", "--class-code=kq7-m2x", f"--orphan-seconds={ORPHAN_S}",
                        f"--silent-minutes={SILENT_S / 60}")
    yield s
    s.stop()


def join(server, source="127.0.0.2", code=CODE, nxt="/"):
    body = urllib.parse.urlencode({"code": code, "next": nxt}).encode()
    return request(server.port, "POST", "/classroom/join", source=source, body=body,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})


def cookie_of(r) -> str:
    return r.cookies["nak_class"].split(";")[0]


def test_code_is_on_whenever_the_server_listens_beyond_this_computer():
    assert code_on_by_default("0.0.0.0") and code_on_by_default("") and code_on_by_default("192.168.1.20")
    assert code_on_by_default("::") and code_on_by_default("myhost.school.example")
    assert not code_on_by_default("127.0.0.1") and not code_on_by_default("::1")
    assert not code_on_by_default("localhost")
    code = new_code()
    assert len(code) == 6 and normalise_code(code.lower()) == code and not set(code) & set("01OI")


@pytest.mark.parametrize("path", ["/", APP, "/voila/static/voila.js", f"/api/kernels/{uuid.uuid4()}",
                                  "/classroom/thumbnails/ion_gradients.png", "/no/such/page",
                                  "/classroom/status", "/classroom/teacher"])
def test_without_the_code_everything_answers_403(server, path):
    r = request(server.port, "GET", path, source="127.0.0.2")
    assert r.status == 403
    assert server.status()["kernels"] == 0
    if path in ("/", APP):
        assert "Enter the class code" in r.body and 'action="/classroom/join"' in r.body


def test_without_the_code_websockets_answer_403(server):
    with pytest.raises(websocket.WebSocketBadStatusException) as err:
        connect(server.port, str(uuid.uuid4()), source="127.0.0.2")
    assert err.value.status_code == 403


def test_wrong_code_sets_no_cookie(server):
    r = join(server, code="AAAAAA")
    assert r.status == 403 and "nak_class" not in r.cookies and "not right" in r.body


def test_right_code_is_asked_once_and_kept_in_a_samesite_cookie(server):
    r = join(server, code="kq7 m2x", nxt=APP + "?k_out=10")
    assert r.status == 303 and r.headers["location"] == APP + "?k_out=10"
    attrs = r.cookies["nak_class"].lower()
    assert "samesite=lax" in attrs and "httponly" in attrs
    page = request(server.port, "GET", "/", source="127.0.0.2", headers={"Cookie": cookie_of(r)})
    assert page.status == 200 and "Interactive apps" in page.body


def test_join_link_from_the_qr_code_works_and_never_leaves_the_server(server):
    r = request(server.port, "GET", f"/classroom/join?code={CODE}&next=http://evil.example/",
                source="127.0.0.3")
    assert r.status == 303 and r.headers["location"] == "/"
    assert "nak_class" in r.cookies


def test_guessing_the_code_is_stopped(server):
    for _ in range(10):
        assert join(server, source="127.0.0.9", code=new_code()).status in (403, 429)
    assert join(server, source="127.0.0.9", code=CODE).status == 429  # even the right one, for a while


def test_this_computer_needs_no_code(server):
    assert request(server.port, "GET", "/").status == 200
    assert request(server.port, "GET", "/", headers={"Host": f"evil.example:{server.port}"}).status == 403


def test_teacher_page_shows_code_and_qr_on_this_computer_only(server):
    r = request(server.port, "GET", "/classroom/teacher")
    assert r.status == 200 and CODE in r.body and "<svg" in r.body
    assert request(server.port, "GET", "/classroom/teacher", source="127.0.0.2").status == 403


def test_kernel_with_no_websocket_is_freed(server):
    """A page fetched by a script (no websocket ever opens) gives its kernel back after ORPHAN_S."""
    c = cookie_of(join(server))
    r = request(server.port, "GET", APP, source="127.0.0.2", headers={"Cookie": c}, timeout=150)
    assert r.status == 200
    kernel_id(r.body)
    assert server.status()["kernels"] == 1
    t0 = time.perf_counter()
    while server.status()["kernels"] > 0:
        assert time.perf_counter() - t0 < ORPHAN_S + 15, "a kernel with no websocket was kept"
        time.sleep(0.5)
    print(f"freed {time.perf_counter() - t0:.1f} s after the page (limit {ORPHAN_S} s)")


def test_kernel_behind_a_silent_socket_is_freed(server):
    c = cookie_of(join(server, source="127.0.0.4"))
    r = request(server.port, "GET", APP, source="127.0.0.4", headers={"Cookie": c}, timeout=150)
    ws = connect(server.port, kernel_id(r.body), source="127.0.0.4", headers=[f"Cookie: {c}"])
    assert kernel_info(ws)["status"] == "ok"
    t0 = time.perf_counter()
    assert is_closed(ws, SILENT_S + 15), "a silent socket kept its kernel"
    while server.status()["kernels"] > 0:
        assert time.perf_counter() - t0 < SILENT_S + 20
        time.sleep(0.5)
    print(f"silent socket closed and kernel freed {time.perf_counter() - t0:.1f} s after it fell silent")
