"""The portal's pages and API (FastAPI, server-rendered Jinja2, every asset served by the app itself).

Two roles. A clerk (填报员) sees only its own unit: this month's task, the template, uploads and
their verdicts, its files and the office's decisions on them. A reviewer (区科经局) sees the board
of every unit and month, decides (接收, 退回, 准予延期, 锁定/开放), copies the chase list, starts a
refresh and reads the latest bulletin. Every route checks the role and the unit on the server.
"""

import shutil
import subprocess
import sys
import tempfile
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2
from fastapi import Depends, FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from orchestration import reference, settings
from orchestration.ingest.pool import ReaderPool
from orchestration.ledger import store
from orchestration.portal import accounts, board, door, ledger_log, security
from orchestration.portal.accounts import Account
from orchestration.submissions import contract, templates

SESSION_HOURS = 8
DECISIONS = {
    "accept": "接收",
    "return": "退回",
    "excuse": "准予延期（不计逾期）",
    "lock": "锁定月份",
    "reopen": "开放月份",
}
_NEEDS_REASON = {"return", "excuse"}
_NEEDS_FILE = {"accept", "return"}


class NotSignedIn(Exception):
    pass


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("orchestration.portal", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        ORGAN=settings.issuing_organ(),
        CONTACT=settings.contact(),
        DECISIONS=DECISIONS,
        VERDICTS=door.VERDICTS,
    )
    return env


def today() -> date:
    return datetime.now(ZoneInfo(settings.TIMEZONE)).date()


def clerk(request: Request) -> Account:
    """The signed-in clerk (a dependency: checked before the request's form is read)."""
    account = _signed_in(request)
    if account is None:
        raise NotSignedIn
    if account.role != "clerk":
        raise HTTPException(403, "此页面供填报员使用。For clerks.")
    return account


def reviewer(request: Request) -> Account:
    account = _signed_in(request)
    if account is None:
        raise NotSignedIn
    if not account.is_reviewer:
        raise HTTPException(403, "此页面仅供区科经局审核人使用。For the office's reviewers only.")
    return account


def token_clerk(request: Request) -> Account:
    return _token_account(request)


Clerk = Annotated[Account, Depends(clerk)]
Reviewer = Annotated[Account, Depends(reviewer)]
TokenClerk = Annotated[Account, Depends(token_clerk)]


def _signed_in(request: Request) -> Account | None:
    name = request.session.get("user")
    if not name:
        return None
    with accounts.connect() as connection:
        account = accounts.get(connection, name)
    return None if account is None or account.disabled_at else account


def _token_account(request: Request) -> Account:
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        raise NotSignedIn
    with accounts.connect() as connection:
        account = accounts.check_token(connection, header.removeprefix("Bearer ").strip())
    if account is None:
        raise NotSignedIn
    if account.role != "clerk":
        raise HTTPException(403, "只有填报员的令牌可以上传。Only a clerk's token uploads.")
    return account


def create_app(reader_workers: int = 2) -> FastAPI:
    env = _environment()
    limiter = security.LoginLimiter()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.reader = ReaderPool(reader_workers)
        try:
            yield
        finally:
            app.state.reader.close()

    app = FastAPI(
        title="科技创新提能工作报送系统", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=security.session_key(),
        session_cookie="tineng_session",
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=settings.portal_secure_cookies(),
    )
    app.add_middleware(security.BodyLimit, limit_bytes=door.MAX_BYTES + (256 << 10))
    app.add_middleware(security.SecurityHeaders)
    app.mount("/static", StaticFiles(packages=[("orchestration.portal", "static")]), name="static")

    def page(request: Request, name: str, status_code: int = 200, **values) -> HTMLResponse:
        values.setdefault("user", _signed_in(request))
        values.setdefault("csrf", request.session.get("csrf", ""))
        return HTMLResponse(env.get_template(name).render(**values), status_code=status_code)

    @app.exception_handler(NotSignedIn)
    async def to_login(request: Request, _: NotSignedIn):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "请先登录。Sign in first."}, status_code=401)
        return RedirectResponse("/login", status_code=303)

    def check_csrf(request: Request, token: str) -> None:
        if not security.csrf_matches(request.session.get("csrf"), token):
            raise HTTPException(403, "表单已过期，请刷新页面后重试。The form has expired; reload the page.")

    # --- signing in ---------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home(request: Request):
        account = _signed_in(request)
        if account is None:
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse("/office" if account.is_reviewer else "/unit", status_code=303)

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request):
        request.session.setdefault("csrf", security.new_csrf_token())
        return page(request, "login.html.j2", user=None, error=None)

    @app.post("/login")
    def login(
        request: Request,
        name: Annotated[str, Form()],
        password: Annotated[str, Form()],
        csrf: Annotated[str, Form()] = "",
    ):
        check_csrf(request, csrf)
        client = request.client.host if request.client else "?"
        if limiter.blocked(client, name):
            ledger_log.audit("login_blocked", name, "", client)
            return page(
                request, "login.html.j2", 429, user=None, error="登录失败次数过多，请 10 分钟后再试。"
            )
        with accounts.connect() as connection:
            account = accounts.check_password(connection, name, password)
        if account is None:
            limiter.failed(client, name)
            ledger_log.audit("login_failed", name, "", client)
            return page(request, "login.html.j2", 401, user=None, error="账号或密码不正确。")
        request.session.clear()
        request.session.update(user=account.name, csrf=security.new_csrf_token())
        ledger_log.audit("login", account.name, account.role, client)
        return RedirectResponse("/", status_code=303)

    @app.post("/logout")
    def logout(request: Request, csrf: Annotated[str, Form()] = ""):
        account = _signed_in(request)
        if account is None:
            return RedirectResponse("/login", status_code=303)
        check_csrf(request, csrf)
        request.session.clear()
        if account:
            ledger_log.audit("logout", account.name, "", request.client.host if request.client else None)
        return RedirectResponse("/login", status_code=303)

    # --- the clerk's pages ----------------------------------------------------------------------

    @app.get("/unit", response_class=HTMLResponse)
    def unit_home(request: Request, account: Clerk, period: str | None = None):
        period = period if period in board.plan_periods() else board.default_period(today())
        return page(request, "unit.html.j2", **_unit_view(account.unit_code, period))

    @app.get("/unit/template")
    def unit_template(request: Request, account: Clerk, period: str):
        if period not in board.plan_periods():
            raise HTTPException(404, "没有这个月份的模板。No template for that month.")
        unit = reference.units()[account.unit_code]
        name = contract.template_file_name(period, unit.code, unit.name)
        with tempfile.TemporaryDirectory() as scratch:
            content = templates.write_template(unit.code, period, Path(scratch) / name).read_bytes()
        ledger_log.audit("download_template", account.name, period)
        return Response(
            content,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
        )

    @app.post("/unit/upload", response_class=HTMLResponse)
    def unit_upload(
        request: Request,
        account: Clerk,
        period: Annotated[str, Form()],
        file: Annotated[UploadFile, File()],
        csrf: Annotated[str, Form()] = "",
    ):
        check_csrf(request, csrf)
        receipt = _receive(request, account, period, file)
        view = _unit_view(
            account.unit_code, period if period in board.plan_periods() else board.default_period(today())
        )
        return page(request, "unit.html.j2", **{**view, "receipt": receipt})

    @app.get("/unit/uploads/{upload_id}", response_class=HTMLResponse)
    def unit_upload_receipt(request: Request, account: Clerk, upload_id: int):
        with store.connect(settings.ledger_db()) as ledger:
            upload = next(
                (u for u in ledger_log.uploads_of(ledger, account.unit_code) if u["upload_id"] == upload_id),
                None,
            )
        if upload is None:
            raise HTTPException(404, "没有这份上传记录。No such upload.")
        return page(request, "upload.html.j2", upload=upload)

    @app.get("/unit/files/{file_id}", response_class=HTMLResponse)
    def unit_file(request: Request, account: Clerk, file_id: str):
        return _file_page(request, account.unit_code, file_id)

    @app.get("/unit/feedback")
    def unit_feedback(request: Request, account: Clerk, period: str):
        return _feedback(account.unit_code, period)

    @app.post("/api/upload")
    def api_upload(
        request: Request,
        account: TokenClerk,
        period: Annotated[str, Form()],
        file: Annotated[UploadFile, File()],
    ):
        receipt = _receive(request, account, period, file)
        return JSONResponse(_receipt_json(receipt))

    # --- the reviewer's pages -------------------------------------------------------------------

    @app.get("/office", response_class=HTMLResponse)
    def office_home(request: Request, _reviewer: Reviewer):
        with store.connect(settings.ledger_db()) as ledger:
            locked = store.locked_periods(ledger)
            recent = ledger_log.recent_uploads(ledger)
        cells = {(r["unit_code"], r["period"]): r for r in board.board()}
        return page(
            request,
            "office.html.j2",
            periods=board.plan_periods(),
            units=board.units(),
            cells=cells,
            locked=locked,
            recent=recent,
            unit_names={code: unit.name for code, unit in reference.units().items()},
            refresh_log=_refresh_log_tail(),
        )

    @app.get("/office/units/{unit_code}", response_class=HTMLResponse)
    def office_unit(request: Request, _reviewer: Reviewer, unit_code: str, period: str | None = None):
        if unit_code not in reference.units():
            raise HTTPException(404, "没有这个单位。No such unit.")
        period = period if period in board.plan_periods() else board.default_period(today())
        return page(request, "office_unit.html.j2", **_unit_view(unit_code, period))

    @app.get("/office/files/{unit_code}/{file_id}", response_class=HTMLResponse)
    def office_file(request: Request, _reviewer: Reviewer, unit_code: str, file_id: str):
        return _file_page(request, unit_code, file_id)

    @app.post("/office/decisions")
    def office_decide(
        request: Request,
        account: Reviewer,
        kind: Annotated[str, Form()],
        period: Annotated[str, Form()],
        unit_code: Annotated[str, Form()] = "",
        file_id: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ):
        check_csrf(request, csrf)
        reason = reason.strip()
        if kind not in DECISIONS or period not in board.plan_periods():
            raise HTTPException(400, "决定或月份不正确。Unknown decision or month.")
        if kind in _NEEDS_REASON and not reason:
            raise HTTPException(400, "退回和准予延期须写明理由。A return or an excuse needs a reason.")
        whole_month = kind in ("lock", "reopen")
        if not whole_month and unit_code not in reference.units():
            raise HTTPException(400, "请选择单位。Choose a unit.")
        if kind in _NEEDS_FILE and not file_id:
            raise HTTPException(400, "请选择文件。Choose a file.")
        with store.connect(settings.ledger_db()) as ledger:
            decision = store.record_decision(
                ledger,
                kind=kind,
                period=period,
                unit_code=None if whole_month else unit_code,
                file_id=file_id if kind in _NEEDS_FILE else None,
                reason=reason or None,
                decided_by=account.name,
                decided_at=ledger_log.now().isoformat(sep=" "),
            )
        ledger_log.audit(
            "decision",
            account.name,
            f"{decision} {kind} {period} {unit_code} {file_id} {reason}",
            _client(request),
        )
        back = "/office" if whole_month else f"/office/units/{unit_code}?period={period}"
        return RedirectResponse(back, status_code=303)

    @app.get("/office/chase", response_class=HTMLResponse)
    def office_chase(request: Request, _reviewer: Reviewer, period: str | None = None):
        period = period if period in board.plan_periods() else board.default_period(today())
        rows = board.chase(period)
        return page(request, "chase.html.j2", period=period, rows=rows, text=board.chase_text(period, rows))

    @app.post("/office/refresh")
    def office_refresh(request: Request, account: Reviewer, csrf: Annotated[str, Form()] = ""):
        check_csrf(request, csrf)
        _start_refresh()
        ledger_log.audit("refresh", account.name, "", _client(request))
        return RedirectResponse("/office", status_code=303)

    @app.get("/office/bulletin")
    def office_bulletin(request: Request, _reviewer: Reviewer):
        latest = sorted(settings.reports_dir().glob("*/latest/通报.html"))
        if not latest:
            return page(request, "message.html.j2", 404, title="月度通报", text="还没有生成月度通报。")
        return FileResponse(latest[-1], media_type="text/html; charset=utf-8")

    # --- shared ---------------------------------------------------------------------------------

    def _receive(request: Request, account: Account, period: str, file: UploadFile) -> door.Receipt:
        content = file.file.read(door.MAX_BYTES + 1)
        receipt = door.receive(content, file.filename or "未命名", account, period, request.app.state.reader)
        ledger_log.audit(
            "upload", account.name, f"{receipt.upload_id} {period} {receipt.verdict}", _client(request)
        )
        return receipt

    def _file_page(request: Request, unit_code: str, file_id: str) -> HTMLResponse:
        found = [f for f in board.files(unit_code) if f["file_id"] == file_id]
        if not found:
            raise HTTPException(404, "没有这个文件。No such file.")
        with store.connect(settings.ledger_db()) as ledger:
            decided = [d for d in ledger_log.decisions(ledger) if d["file_id"] == file_id]
        return page(
            request,
            "file.html.j2",
            file=found[0],
            messages=board.file_messages(unit_code, file_id),
            decided=decided,
        )

    return app


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _unit_view(unit_code: str, period: str) -> dict:
    """What a unit's page shows for the month: task, status, files, uploads, the office's decisions."""
    unit = reference.units()[unit_code]
    with store.connect(settings.ledger_db()) as ledger:
        uploads = ledger_log.uploads_of(ledger, unit.code)
        decided = [d for d in ledger_log.decisions(ledger) if d["unit_code"] == unit.code]
        locked = period in store.locked_periods(ledger)
    due = templates.due_date(period)
    return {
        "unit": unit,
        "period": period,
        "periods": board.plan_periods(),
        "due": due,
        "locked": locked,
        "compliance": board.compliance(unit.code, period),
        "unscored": board.unscored(unit.code, period),
        "files": board.files(unit.code),
        "uploads": uploads,
        "decided": decided,
        "receipt": None,
    }


def _feedback(unit_code: str, period: str) -> Response:
    if period not in board.plan_periods():
        raise HTTPException(404, "没有这个月份。No such month.")
    folder = settings.reports_dir() / period / "latest" / "feedback"
    found = sorted(folder.glob(f"{unit_code}_*.html")) if folder.is_dir() else []
    if not found:
        return PlainTextResponse("本月的反馈单尚未生成。No feedback for this month yet.", status_code=404)
    return FileResponse(found[0], media_type="text/html; charset=utf-8")


def _receipt_json(receipt: door.Receipt) -> dict:
    return {
        "upload_id": receipt.upload_id,
        "verdict": receipt.verdict,
        "verdict_zh": receipt.verdict_zh,
        "sha256": receipt.sha256,
        "size_bytes": receipt.size_bytes,
        "received_at": receipt.received_at,
        "version": receipt.version,
        "stored_as": receipt.stored_as,
        "messages": [
            {
                "severity": m.severity.value,
                "code": m.code,
                "sheet": m.sheet,
                "row": m.row,
                "column": m.column,
                "message_zh": m.text_zh,
                "message_en": m.text_en,
            }
            for m in receipt.messages
        ],
    }


def _refresh_log() -> Path:
    return settings.ledger_dir() / "portal-refresh.log"


def _refresh_log_tail() -> str:
    path = _refresh_log()
    return path.read_text("utf-8", errors="replace")[-3000:] if path.exists() else ""


def _start_refresh() -> None:
    """A refresh in its own process (it waits for the refresh lock if one is running)."""
    program = Path(sys.executable).with_name("tineng")
    command = [str(program) if program.exists() else shutil.which("tineng") or "tineng", "run"]
    log = _refresh_log()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"\n=== {ledger_log.now():%Y-%m-%d %H:%M:%S} 刷新开始 ===\n")
        subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
