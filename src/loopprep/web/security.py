"""The local server's locks, applied to every request before any page code runs: only the
host names it serves (no DNS rebinding), writes only from its own pages (same Origin and
the per-run token), bounded request bodies, and headers that keep the browser strict.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence

from starlette.datastructures import FormData, Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "x-csrf-token"
FORM_KEY = "loopprep.form"
#: Any form but an upload: eight STAR fields at the library's 20,000-character limit fit.
MAX_FORM_BYTES = 2 * 1024 * 1024
MAX_FORM_FIELDS = 200
MAX_FORM_FILES = 200

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}

#: Renders a refusal as a page: (request, status, message, hint) -> response.
Refuse = Callable[[Request, int, str, str | None], Response]


class Refused(Exception):
    """A request turned away. `bare`: answered in plain text, not with a page of the app
    (a page carries the write token, which a request under a foreign host name must never
    see)."""

    def __init__(self, status: int, message: str, hint: str | None = None, *,
                 bare: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint
        self.bare = bare


class _BodyTooLarge(Exception):
    pass


def new_token() -> str:
    """A per-run secret: pages carry it, every write must send it back."""
    return secrets.token_urlsafe(32)


def host_name(host_header: str) -> str:
    """'127.0.0.1:8765' -> '127.0.0.1'; '[::1]:8765' -> '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware: checks Host, Origin, body size and the token; adds the headers.

    A form is parsed here, once, so its token can be checked before the page code runs;
    the page code reads it with `parsed_form(request)`.
    """

    def __init__(self, app: ASGIApp, *, token: str, refuse: Refuse,
                 allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
                 body_limits: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.token = token.encode("ascii")
        self.refuse = refuse
        self.allowed_hosts = {h.lower().strip("[]") for h in allowed_hosts}
        self.body_limits = dict(body_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        form: FormData | None = None
        try:
            self._check_host(scope)
            if scope["method"] not in SAFE_METHODS:
                form, receive = await self._check_write(scope, receive)
        except Refused as refusal:
            response = (PlainTextResponse(f"{refusal.message}\n{refusal.hint or ''}",
                                          status_code=refusal.status) if refusal.bare else
                        self.refuse(Request(scope), refusal.status, refusal.message, refusal.hint))
            await response(scope, receive, send)
            return
        if form is not None:
            scope[FORM_KEY] = form
        try:
            await self.app(scope, receive, send)
        finally:
            if form is not None:
                await form.close()

    def _check_host(self, scope: Scope) -> None:
        host = Headers(scope=scope).get("host", "")
        if "*" not in self.allowed_hosts and host_name(host) not in self.allowed_hosts:
            raise Refused(400, f"this server does not answer to the host name {host!r}",
                          "Open loopprep at the address `loopprep serve` printed.", bare=True)

    async def _check_write(self, scope: Scope, receive: Receive) -> tuple[FormData | None, Receive]:
        headers = Headers(scope=scope)
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}"
        origin = headers.get("origin")
        referer = headers.get("referer")
        if origin is not None and origin != own:
            raise Refused(403, "refused a change sent from another site",
                          "Only loopprep's own pages may change your bank.")
        if origin is None and referer is not None and not (referer == own or
                                                           referer.startswith(own + "/")):
            raise Refused(403, "refused a change sent from another site",
                          "Only loopprep's own pages may change your bank.")
        limit = self.body_limits.get(scope["path"], MAX_FORM_BYTES)
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            raise Refused(413, f"the request is {int(length) / 1_048_576:.1f} MB; this page "
                               f"accepts at most {limit / 1_048_576:.0f} MB",
                          "Send less at once (for notes: fewer files, or import by path).")
        receive = _limited(receive, limit)
        sent = headers.get(TOKEN_HEADER)
        form = None
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                form = await Request(scope, receive).form(
                    max_files=MAX_FORM_FILES, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_BYTES)
            except _BodyTooLarge:
                raise Refused(413, f"the request is larger than {limit / 1_048_576:.0f} MB, "
                                   "the most this page accepts",
                              "Send less at once (for notes: fewer files, or import by path).") from None
            except MultiPartException as exc:
                raise Refused(400, f"the form could not be read ({exc.message})") from None
            except HTTPException as exc:  # starlette's own limits (fields, files, part size)
                raise Refused(413 if "large" in str(exc.detail).lower() else 400,
                              f"the form could not be read ({exc.detail})",
                              f"A form may hold at most {MAX_FORM_FIELDS} fields and "
                              f"{MAX_FORM_FILES} files.") from None
            if sent is None:
                field = form.get(TOKEN_FIELD)
                sent = field if isinstance(field, str) else None
            receive = _drained(receive)
        if sent is None or not secrets.compare_digest(sent.encode("utf-8", "replace"), self.token):
            if form is not None:
                await form.close()
            raise Refused(403, "this page is out of date, so the change was not saved",
                          "Reload the page and try again (the server was probably restarted).")
        return form, receive


def parsed_form(scope: Scope) -> FormData:
    """The form the guard parsed for this request (empty for requests without one)."""
    form = scope.get(FORM_KEY)
    return form if isinstance(form, FormData) else FormData()


def _with_security_headers(send: Send) -> Send:
    async def sender(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                if name not in headers:
                    headers[name] = value
        await send(message)

    return sender


def _limited(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def receiver() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLarge()
        return message

    return receiver


def _drained(receive: Receive) -> Receive:
    """After the guard read the body, the app sees an empty one (then disconnects)."""
    done = False

    async def receiver() -> Message:
        nonlocal done
        if not done:
            done = True
            return {"type": "http.request", "body": b"", "more_body": False}
        return await receive()

    return receiver

