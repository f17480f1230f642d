"""Voilà refuses code sent from the page: only widget comm traffic reaches the kernel; \
no source in the HTML."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from classroom.student import Student, StudentError
from tests.browser.figures import wait_figure
from tests.classroom.server import shared_server


@pytest.fixture(scope="module")
def opened():
    server = shared_server()
    s = Student(server.base, "ion_gradients.ipynb")
    s.open()
    yield server, s
    s.close()


def test_execute_request_is_not_executed(opened, tmp_path):
    _server, s = opened
    target = tmp_path / f"pwned-{uuid.uuid4().hex}"
    code = f"open({str(target)!r}, 'w').write('x'); print('EXECUTED')"
    exec_id = s.send("execute_request", {"code": code, "silent": False, "store_history": True,
                                         "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    # the channel is alive: an allowed request right after it is answered
    info = s.request("kernel_info_request", {}, "kernel_info_reply", timeout=30)
    assert info["content"]["status"] == "ok"
    seen = []
    deadline = time.time() + 3
    while time.time() < deadline:
        try:
            seen.append(s.recv(deadline))
        except StudentError:
            break
    related = [m for m in seen if m["parent_header"].get("msg_id") == exec_id]
    assert not related, [m["msg_type"] for m in related]  # no execute_reply, no stream, no status
    assert not any(m["msg_type"] in ("execute_reply", "execute_result", "stream", "error") for m in seen)
    time.sleep(0.5)
    assert not target.exists()


def test_other_code_paths_refused(opened, tmp_path):
    """inspect/complete/history/input requests are dropped as well."""
    _server, s = opened
    ids = [s.send(t, c) for t, c in [
        ("complete_request", {"code": "import o", "cursor_pos": 8}),
        ("inspect_request", {"code": "open", "cursor_pos": 4, "detail_level": 1}),
        ("history_request", {"hist_access_type": "tail", "n": 10, "output": True, "raw": True})]]
    s.request("kernel_info_request", {}, "kernel_info_reply", timeout=30)
    deadline = time.time() + 2
    while time.time() < deadline:
        try:
            m = s.recv(deadline)
        except StudentError:
            break
        assert m["parent_header"].get("msg_id") not in ids, m["msg_type"]


def test_no_source_in_page(opened):
    server, s = opened
    assert s.status == 200
    for needle in ("from nakmodel", "import nakmodel", "NernstLive()", "glue(", "{cite}", "book-only"):
        assert needle not in s.html, needle
    gallery = urllib.request.urlopen(server.base + "/", timeout=10).read().decode()
    assert "import " not in gallery


@pytest.mark.parametrize("path", ["/voila/files/ion_gradients.ipynb", "/voila/files/../nakmodel/__init__.py",
                                  "/voila/api/contents/ion_gradients.ipynb?content=1", "/api/kernels",
                                  "/api/contents/ion_gradients.ipynb"])
def test_sources_not_downloadable(opened, path):
    server, _s = opened
    try:
        with urllib.request.urlopen(server.base + path, timeout=10) as r:
            body = r.read().decode("utf-8", "replace")
            code = r.status
    except urllib.error.HTTPError as err:
        code, body = err.code, ""
    if code == 200:  # the contents API answers with a model without content
        model = json.loads(body)
        assert model.get("content") in (None, []) or all("source" not in str(c) for c in model["content"])
    else:
        assert code in (403, 404, 405)
    assert "from nakmodel" not in body


@pytest.mark.browser
def test_theme_link_cannot_run_script_and_page_has_no_csp_violation(browser):
    """``?theme=x"><img src=x onerror=…>`` ran the attacker's script (Voilà's lab template); now the
    parameter is ignored and every page carries ``script-src 'self'``, which the app page itself obeys."""
    server = shared_server()
    page = browser.new_page()
    dialogs, violations = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    payload = urllib.parse.quote('x"><img src=x onerror=alert(document.domain)>')
    response = page.goto(server.base + "/voila/render/ion_gradients.ipynb?theme=" + payload,
                         wait_until="domcontentloaded")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    wait_figure(page)
    page.wait_for_timeout(500)
    assert not dialogs
    assert page.locator('img[src="x"]').count() == 0
    assert not violations, violations
    page.close()
