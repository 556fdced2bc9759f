"""The registration pages: a small Starlette application, server-rendered HTML, no script.

Routes (relative to wherever the reverse proxy publishes the page, ``office.page_url``):

* ``GET /`` — the purpose of the collection, then the form (R2.2); ``POST /register``.
* ``GET /register?t=…`` — the form pre-filled with the address of an empty mail.
* ``GET|POST /confirm?t=…`` — the double opt-in: a summary and one button.
* ``GET|POST /change?s=…&t=…`` — change one's choices (signed link in every mail).
* ``GET|POST /unsubscribe?s=…&t=…`` — one button; ``POST`` with ``List-Unsubscribe=One-Click``
  is RFC 8058's one-click unsubscribe (no cookie, no CSRF token: mail providers send it).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dispatch.records.stations import Station
from dispatch.records.subscribers import Subscriber
from dispatch.registration import texts, tokens
from dispatch.registration.forms import (
    RAIN_CHOICES,
    BadForm,
    Choices,
    parse_one_click,
    parse_urlencoded,
    read_choices,
)
from dispatch.registration.service import Registrations, SignUp
from dispatch.registration.threads import StoreWorker

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_BODY = 8 * 1024
_DIGITS = re.compile(r"^[0-9]{1,12}$")
_TAG = re.compile(r"^[A-Za-z0-9_.-]{10,400}$")

CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; img-src 'self'; style-src 'self'"
)


@dataclass
class Runtime:
    """What the pages need: the logic and the thread it runs on."""

    registrations: Registrations
    worker: StoreWorker

    async def run(self, work: Callable[[], T]) -> T:
        return await asyncio.wrap_future(self.worker.submit(work))


# Second-level domains under .jp that say nothing about the person (ne.jp, co.jp, …): kept.
_JP_SECOND_LEVEL = {"ne", "co", "or", "ac", "go", "lg", "ed", "gr", "ad"}


def mask_address(address: str) -> str:
    """The address as the change and stop pages show it: enough for the person to recognise
    it, too little for whoever else holds the link (a forwarded mail) — ``ta***@d***.ne.jp``
    for ``taro@docomo.ne.jp``."""
    local, _, domain = address.rpartition("@")
    keep = 2 if len(local) > 3 else 1 if len(local) > 1 else 0
    labels = domain.split(".")
    tail = 2 if len(labels) > 2 and labels[-2] in _JP_SECOND_LEVEL else 1
    head = ".".join(labels[:-tail]) if len(labels) > tail else ""
    shown_domain = ".".join([f"{head[:1]}***", *labels[-tail:]]) if head else "***"
    return f"{local[:keep]}***@{shown_domain}"


# ---- middleware -------------------------------------------------------------------------------


class Guard:
    """Security headers on every answer; bodies over ``max_body`` refused with 413 before
    the application sees them (by Content-Length or while streaming)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ]
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                if https:
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers + extra
            await send(message)

        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(send_with_headers)
            return
        # Read the whole (small) body here, so that an oversized one is refused before any
        # page code sees a byte of it; then hand the application what was read.
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            more = bool(message.get("more_body", False))
            if len(body) > self.max_body:
                await _too_large(send_with_headers)
                return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


async def _too_large(send: Callable[[Message], Awaitable[None]]) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")],
        }
    )
    await send(
        {
            "type": "http.response.body",
            "body": "413 送信内容が大きすぎます / Request too large\n".encode(),
        }
    )


# ---- the application --------------------------------------------------------------------------


def create_app(runtime: Runtime, *, max_body: int = MAX_BODY) -> ASGIApp:
    pages = _Pages(runtime)
    routes = [
        Route("/", pages.index, methods=["GET"]),
        Route("/register", pages.register_form, methods=["GET"]),
        Route("/register", pages.register, methods=["POST"]),
        Route("/confirm", pages.confirm_form, methods=["GET"]),
        Route("/confirm", pages.confirm, methods=["POST"]),
        Route("/change", pages.change_form, methods=["GET"]),
        Route("/change", pages.change, methods=["POST"]),
        Route("/unsubscribe", pages.unsubscribe_form, methods=["GET"]),
        Route("/unsubscribe", pages.unsubscribe, methods=["POST"]),
        Route("/style.css", pages.style, methods=["GET"]),
        Route("/health", pages.health, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: pages.http_error},  # type: ignore[dict-item]
    )
    return Guard(app, max_body)


_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("dispatch.registration", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


class _Pages:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.reg = runtime.registrations
        self.style_text = _environment.loader.get_source(_environment, "style.tmpl")[0]  # type: ignore[union-attr]

    # ---- helpers ------------------------------------------------------------------------------

    def lang(self, request: Request, fields: dict[str, list[str]] | None = None) -> str:
        wanted = ((fields or {}).get("lang") or [""])[0] or request.query_params.get("lang")
        if wanted in texts.PAGE_LANGUAGES:
            return str(wanted)
        accept = request.headers.get("accept-language", "").lower()
        return "en" if accept.startswith("en") else "ja"

    def nonce(self, request: Request) -> tuple[str, bool]:
        cookie = request.cookies.get(tokens.CSRF_COOKIE, "")
        if re.match(r"^[A-Za-z0-9_-]{22,64}$", cookie):
            return cookie, False
        return tokens.new_csrf_nonce(), True

    def render(
        self, request: Request, template: str, lang: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        nonce, fresh = self.nonce(request)
        office = self.reg.profile.office
        query = {k: v for k, v in request.query_params.items() if k != "lang"}
        path = request.url.path.rsplit("/", 1)[-1] if request.method == "GET" else ""
        switches = [
            (
                code,
                texts.text("lang_" + code, code),
                f"./{path}?{urlencode({**query, 'lang': code})}",
            )
            for code in texts.PAGE_LANGUAGES
        ]

        def t(key: str, **values: Any) -> str:
            return texts.text(key, lang, **values)

        html = _environment.get_template(template).render(
            t=t,
            lang=lang,
            html_lang=texts.HTML_LANG[lang],
            switches=switches,
            office_name=office.name_en if lang == "en" else office.name_ja,
            office_name_en=office.name_en,
            phone=office.phone,
            ward=office.ward_name_ja,
            ward_en=office.ward_name_en,
            csrf=tokens.csrf_field(self.reg.csrf_key, nonce),
            sender=self.reg.profile.from_address,
            rain_choices=RAIN_CHOICES,
            **context,
        )
        response = HTMLResponse(html, status_code=status)
        if fresh:
            response.set_cookie(
                tokens.CSRF_COOKIE,
                nonce,
                httponly=True,
                samesite="lax",
                secure=request.url.scheme == "https",
                path="/",
            )
        return response

    def message(
        self, request: Request, lang: str, heading: str, *paragraph_keys: str, status: int = 200,
        top: bool = True, change_href: str = "", **values: Any,
    ) -> HTMLResponse:  # fmt: skip
        paragraphs = [texts.text(key, lang, **values) for key in paragraph_keys]
        return self.render(
            request, "message.tmpl", lang, status, heading=heading, paragraphs=paragraphs,
            top_href=f"./?lang={lang}" if top else "", change_href=change_href,
        )  # fmt: skip

    def invalid_link(self, request: Request, lang: str) -> HTMLResponse:
        return self.message(request, lang, "invalid_link_heading", "invalid_link", status=400)

    def bad_request(self, request: Request, lang: str) -> HTMLResponse:
        return self.message(request, lang, "bad_request_heading", "bad_request", status=400)

    async def form_body(self, request: Request) -> dict[str, list[str]]:
        body = await request.body()
        return parse_urlencoded(body)

    def csrf_ok(self, request: Request, fields: dict[str, list[str]]) -> bool:
        return tokens.csrf_ok(
            self.reg.csrf_key,
            request.cookies.get(tokens.CSRF_COOKIE),
            (fields.get("csrf") or [""])[0],
        )

    def client(self, request: Request) -> str:
        return request.client.host if request.client else "unknown"

    async def stations(self) -> list[Station]:
        """The one list of river stations (read on the store's thread)."""
        return await self.runtime.run(self.reg.stations)

    async def choices_in(
        self, fields: dict[str, list[str]], *, with_email: bool, need_consent: bool
    ) -> Choices:
        """:func:`read_choices` against the stations the page offers."""
        codes = {station.code for station in await self.stations()}
        return read_choices(
            fields, with_email=with_email, need_consent=need_consent, station_codes=codes
        )

    async def form(
        self, request: Request, lang: str, choices: Choices, *, heading: str, action: str,
        button: str, email_mode: str, hidden: list[tuple[str, str]], need_consent: bool,
        show_purpose: bool, stop_href: str = "", status: int = 200, shown_email: str = "",
    ) -> HTMLResponse:  # fmt: skip
        return self.render(
            request, "form.tmpl", lang, status, c=choices, heading=heading, action=action,
            button=button, email_mode=email_mode, hidden=hidden, need_consent=need_consent,
            show_purpose=show_purpose, stop_href=stop_href, shown_email=shown_email,
            stations=await self.stations(),
        )  # fmt: skip

    def summary(
        self, subscriber: Subscriber, lang: str, stations: list[Station]
    ) -> list[tuple[str, str]]:
        def t(key: str, **values: Any) -> str:
            return texts.text(key, lang, **values)

        c = Choices.of(subscriber)
        rows = [(t("email"), subscriber.email)]
        if c.warnings:
            rows.append((t("warnings"), t(f"level_{c.warning_level}")))
        if c.rain:
            rows.append((t("rain"), t("rain_summary", mm=c.rain_mm)))
        if c.river:
            rows.append((t("river"), t(f"stage_{c.river_stage}")))
            chosen = [s.label() for s in stations if s.code in c.stations]
            joined = (", " if lang == "en" else "、").join(chosen)
            where = t("stations_summary_all") if c.all_stations else joined
            rows.append((t("river_stations"), where))
        if c.rivers:
            names = [t("river_" + r) for r in ("kanda", "zenpukuji", "myoshoji") if r in c.rivers]
            rows.append((t("kanda"), "、".join(names) if lang != "en" else ", ".join(names)))
        language_key = {"ja": "lang_ja", "en": "lang_en", "ja-easy": "lang_easy"}[c.language]
        rows.append((t("mail_language"), t(language_key)))
        charset_key = "charset_iso" if c.charset == "iso-2022-jp" else "charset_utf8"
        rows.append((t("charset"), t(charset_key)))
        quiet = f"{t('hour', h=c.quiet_from)} – {t('hour', h=c.quiet_to)}" if c.quiet else t("none")
        rows.append((t("quiet"), quiet))
        return rows

    def _signed(self, request: Request) -> tuple[int, str] | None:
        s = request.query_params.get("s", "")
        tag = request.query_params.get("t", "")
        if not _DIGITS.match(s) or not re.match(r"^[A-Za-z0-9_-]{10,64}$", tag):
            return None
        return int(s), tag

    def _token(self, request: Request, fields: dict[str, list[str]] | None = None) -> str | None:
        value = ((fields or {}).get("t") or [""])[0] or request.query_params.get("t", "")
        return value if value and _TAG.match(value) else None

    # ---- pages --------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        lang = self.lang(request)
        choices = Choices(language=texts.MAIL_LANGUAGE[lang].value)
        return await self.form(
            request, lang, choices, heading="title", action="register", button="submit",
            email_mode="input", hidden=[], need_consent=True, show_purpose=True,
        )  # fmt: skip

    async def register_form(self, request: Request) -> Response:
        lang = self.lang(request)
        token = self._token(request)
        address = await self.runtime.run(lambda: self.reg.invited_address(token)) if token else None
        if token is None or address is None:
            return self.invalid_link(request, lang)
        choices = Choices(email=address, language=texts.MAIL_LANGUAGE[lang].value)
        return await self.form(
            request, lang, choices, heading="title", action="register", button="register_button",
            email_mode="fixed", hidden=[("t", token)], need_consent=True, show_purpose=True,
        )  # fmt: skip

    async def register(self, request: Request) -> Response:
        try:
            fields = await self.form_body(request)
        except BadForm:
            return self.bad_request(request, self.lang(request))
        lang = self.lang(request, fields)
        if not self.reg.client_allowed(self.client(request)):
            return self.message(request, lang, "too_many_heading", "too_many", status=429)
        token = self._token(request, fields)
        try:
            choices = await self.choices_in(fields, with_email=token is None, need_consent=True)
        except BadForm:
            return self.bad_request(request, lang)
        if not self.csrf_ok(request, fields):
            choices.errors.insert(0, "error_form")
        if token is not None:
            address = await self.runtime.run(lambda: self.reg.invited_address(token))
            if address is None:
                return self.invalid_link(request, lang)
            choices.email = address
            if choices.errors:
                return await self.form(
                    request, lang, choices, heading="title", action="register",
                    button="register_button", email_mode="fixed", hidden=[("t", token)],
                    need_consent=True, show_purpose=True, status=400,
                )  # fmt: skip
            done = await self.runtime.run(lambda: self.reg.register_invited(token, choices))
            if done is None:
                return self.invalid_link(request, lang)
            return self.message(request, lang, "registered_heading", "registered", top=False)
        if choices.errors:
            return await self.form(
                request, lang, choices, heading="title", action="register", button="submit",
                email_mode="input", hidden=[], need_consent=True, show_purpose=True, status=400,
            )  # fmt: skip
        outcome = await self.runtime.run(lambda: self.reg.sign_up(choices, lang))
        assert outcome is SignUp.SENT
        return self.message(
            request, lang, "sent_heading", "sent", minutes=self.reg.limits.token_minutes
        )

    async def confirm_form(self, request: Request) -> Response:
        lang = self.lang(request)
        token = self._token(request)
        pending = await self.runtime.run(lambda: self.reg.pending_for(token)) if token else None
        if token is None or pending is None:
            return self.invalid_link(request, lang)
        return self.render(
            request, "confirm.tmpl", lang, heading="confirm_heading",
            intro=texts.text("confirm_intro", lang),
            summary=self.summary(pending, lang, await self.stations()),
            action="confirm", hidden=[("t", token)], button="confirm_button", button_class="",
            change_href="",
        )  # fmt: skip

    async def confirm(self, request: Request) -> Response:
        try:
            fields = await self.form_body(request)
        except BadForm:
            return self.bad_request(request, self.lang(request))
        lang = self.lang(request, fields)
        token = self._token(request, fields)
        if token is None:
            return self.invalid_link(request, lang)
        if not self.csrf_ok(request, fields):
            return self.message(request, lang, "bad_request_heading", "error_form", status=403)
        done = await self.runtime.run(lambda: self.reg.confirm(token))
        if done is None:
            return self.invalid_link(request, lang)
        return self.message(request, lang, "registered_heading", "registered", top=False)

    async def change_form(self, request: Request) -> Response:
        lang = self.lang(request)
        signed = self._signed(request)
        subscriber = (
            await self.runtime.run(lambda: self.reg.for_change(*signed)) if signed else None
        )
        if signed is None or subscriber is None:
            return self.invalid_link(request, lang)
        subscriber_id, _ = signed
        stop = self.reg.stop_link(subscriber_id).rsplit("/", 1)[-1]
        return await self.form(
            request, lang, Choices.of(subscriber), heading="change_heading",
            action=f"change?{request.url.query}", button="change_button", email_mode="fixed",
            hidden=[], need_consent=False, show_purpose=False, stop_href=f"./{stop}&lang={lang}",
            shown_email=mask_address(subscriber.email),
        )  # fmt: skip

    async def change(self, request: Request) -> Response:
        try:
            fields = await self.form_body(request)
        except BadForm:
            return self.bad_request(request, self.lang(request))
        lang = self.lang(request, fields)
        signed = self._signed(request)
        if signed is None:
            return self.invalid_link(request, lang)
        try:
            choices = await self.choices_in(fields, with_email=False, need_consent=False)
        except BadForm:
            return self.bad_request(request, lang)
        if not self.csrf_ok(request, fields):
            choices.errors.insert(0, "error_form")
        if choices.errors:
            current = await self.runtime.run(lambda: self.reg.for_change(*signed))
            if current is None:
                return self.invalid_link(request, lang)
            choices.email = current.email
            return await self.form(
                request, lang, choices, heading="change_heading",
                action=f"change?{request.url.query}", button="change_button",
                email_mode="fixed", hidden=[], need_consent=False, show_purpose=False, status=400,
                shown_email=mask_address(current.email),
            )  # fmt: skip
        changed = await self.runtime.run(lambda: self.reg.change(*signed, choices))
        if changed is None:
            return self.invalid_link(request, lang)
        return self.message(request, lang, "changed_heading", "changed", top=False)

    async def unsubscribe_form(self, request: Request) -> Response:
        lang = self.lang(request)
        signed = self._signed(request)
        subscriber = (
            await self.runtime.run(lambda: self.reg.for_unsubscribe(*signed)) if signed else None
        )
        if signed is None or subscriber is None:
            return self.invalid_link(request, lang)
        if subscriber.status.value == "unsubscribed":
            return await self.unsubscribed(request, lang)
        subscriber_id, _ = signed
        change = self.reg.change_link(subscriber_id, lang).rsplit("/", 1)[-1]
        return self.render(
            request, "confirm.tmpl", lang, heading="unsubscribe_heading",
            intro=texts.text("unsubscribe_intro", lang, address=mask_address(subscriber.email)),
            summary=[],
            action=f"unsubscribe?{request.url.query}", hidden=[], button="unsubscribe_button",
            button_class="danger",
            change_href=f"./{change}" if subscriber.status.value == "active" else "",
        )  # fmt: skip

    async def unsubscribe(self, request: Request) -> Response:
        body = await request.body()
        signed = self._signed(request)
        content_type = request.headers.get("content-type", "").lower()
        if parse_one_click(content_type, body):  # RFC 8058: no cookie, no CSRF
            if signed is None:
                return PlainTextResponse("invalid link\n", status_code=400)
            ok = await self.runtime.run(lambda: self.reg.unsubscribe(*signed, one_click=True))
            if not ok:
                return PlainTextResponse("invalid link\n", status_code=400)
            days = await self.runtime.run(self.reg.days_kept)
            return PlainTextResponse(f"unsubscribed; the address is erased after {days} days\n")
        try:
            fields = parse_urlencoded(body)
        except BadForm:
            return self.bad_request(request, self.lang(request))
        lang = self.lang(request, fields)
        if signed is None:
            return self.invalid_link(request, lang)
        if not self.csrf_ok(request, fields):
            return self.message(request, lang, "bad_request_heading", "error_form", status=403)
        ok = await self.runtime.run(lambda: self.reg.unsubscribe(*signed, one_click=False))
        if not ok:
            return self.invalid_link(request, lang)
        return await self.unsubscribed(request, lang)

    async def unsubscribed(self, request: Request, lang: str) -> HTMLResponse:
        """The mail is stopped: and how long the address is kept (001 特記事項 11)."""
        days = await self.runtime.run(self.reg.days_kept)
        kept = "kept_days" if days else "kept_none"
        return self.message(request, lang, "unsubscribed_heading", "unsubscribed", kept, days=days)

    async def style(self, request: Request) -> Response:
        return Response(
            self.style_text,
            media_type="text/css; charset=utf-8",
            headers={"cache-control": "public, max-age=3600"},
        )

    async def health(self, request: Request) -> Response:
        return PlainTextResponse("ok\n")

    async def http_error(self, request: Request, error: HTTPException) -> Response:
        lang = self.lang(request)
        if error.status_code == 404:
            return self.message(request, lang, "bad_request_heading", "not_found", status=404)
        return self.message(
            request, lang, "bad_request_heading", "bad_request", status=error.status_code
        )
