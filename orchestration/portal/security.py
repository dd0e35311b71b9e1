"""The portal's guards: the session key, CSRF tokens, the login rate limit, the upload size limit
before the body is read, and the response headers that keep pages from being framed or fetching
anything from elsewhere."""

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from orchestration import settings

LOGIN_ATTEMPTS = 5  # failures allowed per account name ...
CLIENT_ATTEMPTS = 20  # ... and per client address (an office behind one address has many clerks) ...
LOGIN_WINDOW_S = 600  # ... in this many seconds
HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


def session_key() -> str:
    """The key that signs session cookies: made once, kept beside the ledger, owner-readable only."""
    path = settings.portal_secret_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as handle:  # another process may be making it too
                path.chmod(0o600)
                handle.write(secrets.token_urlsafe(48))
        except FileExistsError:
            pass
    return path.read_text("utf-8").strip()


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(session_token: str | None, form_token: str | None) -> bool:
    return bool(session_token and form_token) and hmac.compare_digest(session_token, form_token)


class LoginLimiter:
    """Counts failed logins per account name and per client address in a sliding window."""

    def __init__(self, window_s: float = LOGIN_WINDOW_S) -> None:
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] < now - self.window_s:
            failures.popleft()
        return failures

    def blocked(self, client: str, name: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return (
                len(self._recent(f"n:{name}", now)) >= LOGIN_ATTEMPTS
                or len(self._recent(f"c:{client}", now)) >= CLIENT_ATTEMPTS
            )

    def failed(self, client: str, name: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (f"c:{client}", f"n:{name}"):
                self._recent(key, now).append(now)


class BodyLimit:
    """Refuse a request body over `limit_bytes` before the application reads it: at once when its
    Content-Length says so, and as soon as a body without one (chunked) grows past it."""

    def __init__(self, app: ASGIApp, limit_bytes: int) -> None:
        self.app, self.limit_bytes = app, limit_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit_bytes:
            await _too_large(send, self.limit_bytes)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit_bytes:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(send, self.limit_bytes)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit_bytes: int) -> None:
    body = (
        f"文件超过 {limit_bytes >> 20} MB 的上限，未接收。请只保留本单位的月度报表后重新上传。"
        f" The upload is over the {limit_bytes >> 20} MB limit."
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)
