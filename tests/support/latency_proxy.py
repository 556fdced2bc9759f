"""A TCP proxy on 127.0.0.1 that delays everything the server sends by a fixed time.

It emulates a relay across a WAN: each command/reply exchange costs one extra ``delay``
(the round trip), while pipelined commands still share one round trip, as on a real link.
Bytes pass through untouched, so TLS (and STARTTLS) stay end to end and the client still
verifies the server's certificate. Works in front of any server (aiosmtpd, postfix).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time


class LatencyProxy:
    def __init__(self, target_host: str, target_port: int, delay: float) -> None:
        self.target = (target_host, target_port)
        self.delay = delay
        self.host = "127.0.0.1"
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        #: Chunks the clients sent towards the server: one per flight of commands, since a
        #: client that waits for each reply cannot send the next command in the same chunk.
        self.client_flights = 0

    def __enter__(self) -> LatencyProxy:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            loop.run_until_complete(self._listen())
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, name="latency-proxy", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("latency proxy did not start")

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        self._loop = self._thread = None

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await self._server.wait_closed()
        # Aborted connections end their pumps by themselves; cancelling a connection task
        # instead makes asyncio.streams log a spurious CancelledError.
        current = asyncio.current_task()
        tasks = [t for t in asyncio.all_tasks() if t is not current]
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=5)
            for task in pending:
                task.cancel()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(*self.target)
        except OSError:
            client_w.transport.abort()
            return
        self._writers.update((client_w, server_w))
        try:
            await asyncio.gather(
                self._pump(client_r, server_w, 0.0, count=True),
                self._pump(server_r, client_w, self.delay),
            )
        finally:
            for writer in (client_w, server_w):
                self._writers.discard(writer)
                writer.transport.abort()

    async def _pump(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        delay: float,
        *,
        count: bool = False,
    ) -> None:
        """Copy ``reader`` to ``writer``; each chunk leaves ``delay`` after it arrived, in
        order, without holding back the chunks that arrive meanwhile."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, chunk = await queue.get()
                if not chunk:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(chunk)
                await writer.drain()
            with contextlib.suppress(OSError):
                writer.write_eof()

        sender = asyncio.ensure_future(deliver())
        try:
            while True:
                try:
                    chunk = await reader.read(65536)
                except OSError:
                    chunk = b""
                queue.put_nowait((time.monotonic() + delay, chunk))
                if count and chunk:
                    self.client_flights += 1
                if not chunk:
                    break
            await sender
        finally:
            sender.cancel()


def main(argv: list[str] | None = None) -> int:
    """Run a proxy in its own process: ``python -m tests.support.latency_proxy HOST PORT MS``.
    Prints the local port, serves until stdin closes."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    host, port, delay_ms = args[0], int(args[1]), float(args[2])
    with LatencyProxy(host, port, delay_ms / 1000) as proxy:
        print(proxy.port, flush=True)
        sys.stdin.read()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
