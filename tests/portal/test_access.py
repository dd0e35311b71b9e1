"""Who may see and do what: every route, signed out, as a clerk of another unit, as a reviewer.

The table below names every route of the app; a route added without a row here fails the first
test, so no page goes out unchecked.
"""

import sqlite3

import duckdb
import pytest
from fastapi.testclient import TestClient

from orchestration import settings
from orchestration.ledger import store
from orchestration.portal import accounts
from tests.portal.conftest import PERIOD, csrf_of
from tests.reliability import hostile

# (method, path template) → who may use it
ROUTES = {
    ("GET", "/"): "anyone",
    ("GET", "/login"): "anyone",
    ("POST", "/login"): "anyone",
    ("POST", "/logout"): "signed in",
    ("GET", "/unit"): "clerk",
    ("GET", "/unit/template"): "clerk",
    ("POST", "/unit/upload"): "clerk",
    ("GET", "/unit/uploads/{upload_id}"): "clerk",
    ("GET", "/unit/files/{file_id}"): "clerk",
    ("GET", "/unit/feedback"): "clerk",
    ("POST", "/api/upload"): "token",
    ("GET", "/office"): "reviewer",
    ("GET", "/office/units/{unit_code}"): "reviewer",
    ("GET", "/office/files/{unit_code}/{file_id}"): "reviewer",
    ("POST", "/office/decisions"): "reviewer",
    ("GET", "/office/chase"): "reviewer",
    ("POST", "/office/refresh"): "reviewer",
    ("GET", "/office/bulletin"): "reviewer",
}


def _jh_file_id(portal) -> str:
    """A file of 径河街 (S07) in the published warehouse."""
    connection = duckdb.connect(str(settings.published_db()), read_only=True)
    try:
        return connection.execute(
            "select file_id from marts.fct_submission where unit_code = 'S07' and period = ? limit 1",
            [PERIOD],
        ).fetchone()[0]
    finally:
        connection.close()


def test_every_route_is_in_the_access_table(portal):
    routes = {
        (method, route.path)
        for route in portal.client.app.routes
        if hasattr(route, "methods") and not route.path.startswith("/static")
        for method in route.methods - {"HEAD"}
    }
    assert routes == set(ROUTES)


def test_signed_out_requests_get_the_login_page_or_401(portal):
    client = TestClient(portal.client.app)
    jh_file = _jh_file_id(portal)
    for (method, path), who in ROUTES.items():
        if who == "anyone":
            continue
        url = path.format(upload_id=1, file_id=jh_file, unit_code="S07") + f"?period={PERIOD}"
        response = client.request(method, url, follow_redirects=False)
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
        else:
            assert response.status_code == 303 and response.headers["location"] == "/login", (method, path)
            assert "径河街" not in response.text


def test_a_clerk_sees_nothing_of_another_unit_on_any_route(portal, tmp_path):
    jh = portal.sign_in("jh")
    jh_upload = jh.post(
        "/unit/upload",
        data={"period": PERIOD, "csrf": csrf_of(jh.get("/unit").text)},
        files={
            "file": ("径河街.xlsx", hostile.filled_template(tmp_path / "a.xlsx", "S07", PERIOD).read_bytes())
        },
    )
    assert jh_upload.status_code == 200
    with store.connect(settings.ledger_db()) as ledger:
        (upload_id,) = ledger.execute(
            "select max(upload_id) from portal_uploads where unit_code = 'S07'"
        ).fetchone()
    jyh = portal.sign_in("jyh")
    jh_file = _jh_file_id(portal)

    assert jyh.get(f"/unit/uploads/{upload_id}").status_code == 404
    assert jyh.get(f"/unit/files/{jh_file}").status_code == 404
    for path in (
        "/office",
        "/office/units/S07",
        f"/office/files/S07/{jh_file}",
        "/office/chase",
        "/office/bulletin",
    ):
        response = jyh.get(path)
        assert response.status_code == 403 and "径河街" not in response.text, path
    csrf = csrf_of(jyh.get("/unit").text)
    for path in ("/office/decisions", "/office/refresh"):
        data = {"csrf": csrf, "kind": "lock", "period": PERIOD}
        assert jyh.post(path, data=data).status_code == 403, path
    # Its own pages name only its own unit.
    for path in (f"/unit?period={PERIOD}", f"/unit/feedback?period={PERIOD}"):
        page = jyh.get(path)
        assert page.status_code == 200 and "金银湖街" in page.text and "径河街" not in page.text, path
    template = jyh.get(f"/unit/template?period={PERIOD}")
    assert template.status_code == 200 and "S06" in template.headers["content-disposition"]
    # Uploading 径河街's workbook as 金银湖街: refused, and nothing reaches raw/.
    before = sorted(p.name for p in (settings.raw_dir() / PERIOD).iterdir() if not p.name.startswith("."))
    other = jyh.post(
        "/unit/upload",
        data={"period": PERIOD, "csrf": csrf},
        files={
            "file": (
                "2021-06_S06_金银湖街.xlsx",
                hostile.filled_template(tmp_path / "b.xlsx", "S07", PERIOD).read_bytes(),
            )
        },
    )
    assert other.status_code == 200 and "未接收" in other.text and "不是本单位" in other.text
    assert (
        sorted(p.name for p in (settings.raw_dir() / PERIOD).iterdir() if not p.name.startswith("."))
        == before
    )


def test_a_reviewer_can_open_every_office_page(portal):
    office = portal.sign_in("office")
    jh_file = _jh_file_id(portal)
    for path in (
        "/office",
        "/office/units/S07",
        f"/office/files/S07/{jh_file}",
        f"/office/chase?period={PERIOD}",
        "/office/bulletin",
    ):
        assert office.get(path).status_code == 200, path
    assert office.get("/unit").status_code == 403


def test_forms_without_the_session_csrf_token_are_refused(portal):
    jyh = portal.sign_in("jyh")
    assert (
        jyh.post(
            "/unit/upload", data={"period": PERIOD, "csrf": "forged"}, files={"file": ("x.xlsx", b"x")}
        ).status_code
        == 403
    )
    office = portal.sign_in("office")
    assert office.post("/office/decisions", data={"kind": "lock", "period": PERIOD}).status_code == 403
    with store.connect(settings.ledger_db()) as ledger:
        assert store.locked_periods(ledger) == set()


def test_sessions_are_signed_httponly_samesite_cookies_and_passwords_argon2_hashes(portal):
    client = TestClient(portal.client.app)
    login = client.get("/login")
    response = client.post(
        "/login",
        data={"name": "jyh", "password": portal.passwords["jyh"], "csrf": csrf_of(login.text)},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    tampered = TestClient(
        portal.client.app, cookies={"tineng_session": client.cookies["tineng_session"][:-4] + "AAAA"}
    )
    assert tampered.get("/unit", follow_redirects=False).headers["location"] == "/login"
    with sqlite3.connect(settings.accounts_db()) as connection:
        hashes = [h for (h,) in connection.execute("select password_hash from accounts")]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert portal.passwords["jyh"] not in "".join(hashes)


def test_repeated_wrong_passwords_are_stopped_and_logged(portal):
    client = TestClient(portal.client.app)
    csrf = csrf_of(client.get("/login").text)
    codes = [
        client.post("/login", data={"name": "jh", "password": "wrong", "csrf": csrf}).status_code
        for _ in range(6)
    ]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    right = client.post("/login", data={"name": "jh", "password": portal.passwords["jh"], "csrf": csrf})
    assert right.status_code == 429  # blocked for the window, even with the right password
    with store.connect(settings.ledger_db()) as ledger:
        actions = [a for (a,) in ledger.execute("select action from audit_events where user_name = 'jh'")]
    assert actions.count("login_failed") == 5 and "login_blocked" in actions


def test_a_disabled_account_and_its_token_stop_working(portal, tmp_path):
    with accounts.connect(settings.accounts_db()) as connection:
        password = accounts.add(connection, "leaver", "clerk", "S06")
        token = accounts.new_token(connection, "leaver")
    portal.passwords["leaver"] = password
    client = portal.sign_in("leaver")
    upload = {"period": PERIOD}
    files = {"file": ("x.xlsx", hostile.filled_template(tmp_path / "c.xlsx", "S06", PERIOD).read_bytes())}
    headers = {"authorization": f"Bearer {token}"}
    assert portal.client.post("/api/upload", data=upload, files=files, headers=headers).status_code == 200
    with accounts.connect(settings.accounts_db()) as connection:
        accounts.disable(connection, "leaver")
    assert client.get("/unit", follow_redirects=False).status_code == 303
    assert portal.client.post("/api/upload", data=upload, files=files, headers=headers).status_code == 401


def test_an_upload_over_the_limit_is_refused_before_it_is_read(portal):
    jyh = portal.sign_in("jyh")
    csrf = csrf_of(jyh.get("/unit").text)
    response = jyh.post(
        "/unit/upload", data={"period": PERIOD, "csrf": csrf}, files={"file": ("big.xlsx", b"0" * (21 << 20))}
    )
    assert response.status_code == 413 and "上限" in response.text


@pytest.mark.parametrize("path", ["/unit", "/office", "/login"])
def test_pages_forbid_framing_and_outside_resources(portal, path):
    client = (
        portal.sign_in("office")
        if path == "/office"
        else portal.sign_in("jyh")
        if path == "/unit"
        else TestClient(portal.client.app)
    )
    response = client.get(path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert "http://" not in response.text and "https://" not in response.text
