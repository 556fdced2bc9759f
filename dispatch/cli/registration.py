"""``kishomail serve-registration`` and ``kishomail registration poster``: the residents'
self-service registration (web page and empty-mail mailbox) and the poster that points to it."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

from dispatch.cli.base import Commands, Context
from dispatch.records.settings import get_setting, office_profile
from dispatch.registration.guard import slow_client_limits
from dispatch.registration.server import WebServer, open_service
from dispatch.wording.poster import PosterText, write_poster


def register(commands: Commands) -> None:
    serve = commands.add_parser(
        "serve-registration",
        help="serve the residents' registration page (and poll the registration mailbox)",
    )
    serve.add_argument("--host", help="listen address (setting registration.listen_host)")
    serve.add_argument("--port", type=int, help="listen port (setting registration.listen_port)")
    serve.add_argument(
        "--imap", action="store_true", help="also poll the registration mailbox (空メール登録)"
    )
    serve.add_argument(
        "--imap-only", action="store_true", help="poll the registration mailbox; no web page"
    )
    serve.set_defaults(handler=cmd_serve, keeps_running=True)

    registration = commands.add_parser("registration", help="the registration page's materials")
    actions = registration.add_subparsers(dest="action", metavar="ACTION", required=True)
    poster = actions.add_parser("poster", help="the A4 poster with the page's QR code")
    poster.add_argument("--out", required=True, type=Path, help="FILE.pdf or FILE.png")
    poster.add_argument("--url", help="the public page URL (default: setting office.page_url)")
    poster.add_argument("--address", help="the empty-mail address (registration.address)")
    poster.add_argument("--font", type=Path, help="a Japanese TrueType/OpenType font file")
    poster.set_defaults(handler=cmd_poster)


def cmd_serve(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    service = open_service(session)
    connection = session.connection
    host = args.host or get_setting(connection, "registration.listen_host")
    port = args.port or get_setting(connection, "registration.listen_port")
    proxies = get_setting(connection, "registration.trusted_proxies")
    try:
        service.start_background(imap=args.imap or args.imap_only)
        if service.sink is not None:
            print("No relay configured: mail goes to the local mailbox ('kishomail mailbox list').")
        if args.imap_only:
            print("Polling the registration mailbox. Press Ctrl+C to stop.", flush=True)
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            try:
                stop.wait()
            except KeyboardInterrupt:
                pass
            return 0
        print(
            f"Registration page on http://{host}:{port}/ (publish it through the reverse "
            f"proxy as {get_setting(connection, 'office.page_url')}). Press Ctrl+C to stop.",
            flush=True,
        )
        WebServer(
            service,
            host=host,
            port=port,
            trusted_proxies=proxies,
            slow_clients=slow_client_limits(connection),
        ).run()
        return 0
    finally:
        service.close()
        session.audit_log.append(session.account.name, "registration.stop")
        session.close()


def cmd_poster(ctx: Context) -> int:
    args = ctx.args
    url, address = args.url, args.address
    text = PosterText()
    if not url:
        session = ctx.session()
        try:
            connection = session.connection
            office = office_profile(connection)
            url = office.subscription_page_url
            address = address or get_setting(connection, "registration.address")
            text = PosterText(office.ward_name_ja, office.name_ja, office.name_en, office.phone)
        finally:
            session.close()
    out = write_poster(args.out, url, registration_address=address or "", text=text, font=args.font)
    print(f"Wrote the A4 poster for {url} to {out}.")
    return 0
