"""Debian's postfix as a real MTA on loopback, for one end-to-end test and the benchmarks.

A private instance: its own configuration, queue, data folder and log in a temporary folder,
smtpd on ``127.0.0.1:PORT`` (a free high port) requiring STARTTLS with a certificate the
caller's client trusts, relaying for 127.0.0.0/8 only and **discarding** everything it
accepts. Each accepted recipient leaves one ``status=sent`` line in the instance's own log,
which is how tests count what postfix took.

    with Postfix(certificate) as mta:
        ... send to 127.0.0.1:mta.port, trusting certificate.cafile ...
        mta.wait_for_sent(n, timeout=60)

Needs root (postfix drops to its ``postfix`` user); :func:`postfix_unavailable` says why it
cannot run here, for a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.certs import ServerCertificate

POSTFIX = "postfix"
DAEMON_DIRECTORY = Path("/usr/lib/postfix/sbin")

_MASTER_CF = """\
{listen} inet n - n - - smtpd
pickup    unix  n - n 60   1 pickup
cleanup   unix  n - n -    0 cleanup
qmgr      unix  n - n 300  1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -    - trivial-rewrite
bounce    unix  - - n -    0 bounce
defer     unix  - - n -    0 bounce
trace     unix  - - n -    0 bounce
verify    unix  - - n -    1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -    - proxymap
showq     unix  n - n -    - showq
error     unix  - - n -    - error
retry     unix  - - n -    - error
discard   unix  - - n -    - discard
anvil     unix  - - n -    1 anvil
scache    unix  - - n -    1 scache
postlog   unix-dgram n - n - 1 postlogd
"""


def postfix_unavailable() -> str | None:
    """Why a private postfix cannot run here, or ``None`` when it can."""
    if shutil.which(POSTFIX) is None and not Path("/usr/sbin/postfix").exists():
        return "the postfix binary is not installed (make test installs it: apt postfix)"
    if not DAEMON_DIRECTORY.is_dir():
        return f"postfix's daemons are not in {DAEMON_DIRECTORY} (not Debian's package?)"
    if os.geteuid() != 0:
        return "a private postfix instance needs root (it runs its daemons as 'postfix')"
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Postfix:
    """A private, discarding postfix on ``127.0.0.1:port``; start/stop or a context."""

    def __init__(
        self,
        certificate: ServerCertificate,
        *,
        process_limit: int = 100,
        plain: bool = False,
        refuse: dict[str, str] | None = None,
        keep_for: str | None = None,
    ) -> None:
        #: Domain → reason (e.g. ``"5.1.1 Unknown user"``): mail to it is refused by postfix's
        #: error transport, so postfix writes a real DSN (bounce) to the envelope sender.
        self.refuse = refuse or {}
        #: Mail to this domain (the bounces) is kept as files in :attr:`kept_folder`.
        self.keep_for = keep_for
        self.certificate = certificate
        self.process_limit = process_limit
        self.host = "127.0.0.1"
        self.port = 0
        #: With ``plain=True``, a second smtpd on ``plain_port`` that does not require STARTTLS,
        #: for postfix's own ``smtp-source`` (which has no TLS) in the benchmarks only.
        self.plain = plain
        self.plain_port = 0
        self.folder: Path | None = None

    @property
    def kept_folder(self) -> Path:
        assert self.folder is not None
        return self.folder / "kept"

    def wait_for_kept(self, count: int, timeout: float) -> list[bytes]:
        """The mails kept for :attr:`keep_for` (bounces), once there are ``count``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = sorted(self.kept_folder.glob("*.eml")) if self.folder else []
            if len(found) >= count and all(f.stat().st_size for f in found):
                time.sleep(0.2)  # the pipe may still be writing the last one
                return [f.read_bytes() for f in sorted(self.kept_folder.glob("*.eml"))]
            time.sleep(0.2)
        raise TimeoutError(f"postfix kept {len(found)} mail(s), not {count}: {self.log_text()}")

    @property
    def maillog(self) -> Path:
        assert self.folder is not None
        return self.folder / "maillog"

    def _postfix(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        assert self.folder is not None
        binary = shutil.which(POSTFIX) or "/usr/sbin/postfix"
        return subprocess.run(
            [binary, "-c", str(self.folder / "conf"), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def _configure(self) -> None:
        assert self.folder is not None
        conf = self.folder / "conf"
        conf.mkdir()
        (self.folder / "queue").mkdir(mode=0o755)
        (self.folder / "data").mkdir(mode=0o700)
        shutil.chown(self.folder / "data", "postfix")
        tls = self.folder / "tls"
        tls.mkdir()
        # postfix's daemons read the key as root before dropping privileges, but keep the
        # pair beside the instance so nothing outside it is touched.
        shutil.copy(self.certificate.certfile, tls / "server.pem")
        shutil.copy(self.certificate.keyfile, tls / "server.key")
        os.chmod(tls / "server.key", 0o600)
        settings = {
            "compatibility_level": "3.6",
            "queue_directory": self.folder / "queue",
            "data_directory": self.folder / "data",
            "command_directory": "/usr/sbin",
            "daemon_directory": DAEMON_DIRECTORY,
            "shlib_directory": "/usr/lib/postfix",
            "meta_directory": "/etc/postfix",
            "mail_owner": "postfix",
            "setgid_group": "postdrop",
            "myhostname": "kishomail-test.localdomain",
            "inet_interfaces": "127.0.0.1",
            "inet_protocols": "ipv4",
            "mydestination": "",
            "mynetworks": "127.0.0.0/8",
            "smtpd_relay_restrictions": "permit_mynetworks, reject",
            "smtpd_recipient_restrictions": "permit_mynetworks, reject",
            "default_transport": "discard:kishomail test instance",
            "relay_transport": "discard:kishomail test instance",
            "local_transport": "discard:kishomail test instance",
            "virtual_transport": "discard:kishomail test instance",
            "alias_maps": "",
            "alias_database": "",
            "local_recipient_maps": "",
            "smtpd_tls_cert_file": tls / "server.pem",
            "smtpd_tls_key_file": tls / "server.key",
            "smtpd_tls_security_level": "encrypt",
            "smtpd_tls_loglevel": "0",
            "smtpd_recipient_limit": "1000",
            "default_process_limit": str(self.process_limit),
            "maillog_file": self.maillog,
            "maillog_file_prefixes": self.folder,
            "smtputf8_enable": "yes",
            "biff": "no",
        }
        routes = {domain: f"error:{reason}" for domain, reason in self.refuse.items()}
        if self.keep_for:
            routes[self.keep_for] = "keep:"
            kept = self.kept_folder
            kept.mkdir()
            os.chmod(kept, 0o777)  # noqa: S103 - written by postfix's pipe as nobody
        if routes:
            # Accept first, refuse in the queue: a bounce (DSN) to the sender, as a carrier's
            # refusal after the relay took the mail.
            settings["smtpd_reject_unlisted_recipient"] = "no"
            settings["transport_maps"] = (
                "inline:{" + ", ".join(f"{{{d} = {t}}}" for d, t in routes.items()) + "}"
            )
        (conf / "main.cf").write_text(
            "".join(f"{name} = {value}\n" for name, value in settings.items()), encoding="utf-8"
        )
        master = _MASTER_CF.format(listen=f"{self.host}:{self.port}")
        if self.keep_for:
            master += (
                "keep unix - n n - - pipe user=nobody argv=/usr/bin/tee "
                f"{self.kept_folder}/${{queue_id}}.eml\n"
            )
        if self.plain:
            master += (
                f"{self.host}:{self.plain_port} inet n - n - - smtpd "
                "-o smtpd_tls_security_level=none\n"
            )
        (conf / "master.cf").write_text(master, encoding="utf-8")

    def start(self, timeout: float = 30) -> None:
        reason = postfix_unavailable()
        if reason:
            raise RuntimeError(reason)
        # Not under pytest's 0700 temporary folders: the 'postfix' user must reach the queue.
        self.folder = Path(tempfile.mkdtemp(prefix="kishomail-postfix-"))
        os.chmod(self.folder, 0o755)  # noqa: S103 - readable by postfix, holds no secret but the test key (0600)
        self.port = _free_port()
        self.plain_port = _free_port() if self.plain else 0
        self._configure()
        started = self._postfix("start")
        if started.returncode != 0:
            output = started.stdout + started.stderr + self.log_text()
            self.stop()
            raise RuntimeError(f"postfix did not start: {output.strip()[-2000:]}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as sock:
                    if sock.recv(4).startswith(b"220"):
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"postfix did not answer on {self.host}:{self.port}")

    def stop(self) -> None:
        if self.folder is None:
            return
        if (self.folder / "conf" / "main.cf").exists():
            master = self.master_pid()
            self._postfix("stop")
            deadline = time.monotonic() + 30
            while master is not None and _alive(master) and time.monotonic() < deadline:
                time.sleep(0.05)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def master_pid(self) -> int | None:
        """The running instance's master process (None before it started or after it ended)."""
        if self.folder is None:
            return None
        try:
            return int((self.folder / "queue" / "pid" / "master.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def daemons(self) -> dict[int, str]:
        """The instance's daemons now (its master's children, as /proc lists them): pid → name
        (smtpd, cleanup, qmgr …)."""
        master = self.master_pid()
        found: dict[int, str] = {}
        if master is None:
            return found
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue  # ended meanwhile
            # "pid (name) state ppid …": the name may hold spaces, so split at the last ")".
            name, _, rest = text.partition(" (")[2].rpartition(") ")
            if int(rest.split()[1]) == master:
                found[int(stat.parent.name)] = name
        return found

    def __enter__(self) -> Postfix:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what it accepted --------------------------------------------------------------------

    def log_text(self) -> str:
        try:
            return self.maillog.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def sent(self) -> int:
        """Recipients delivered (here: discarded) so far: ``status=sent`` lines."""
        return self.log_text().count("status=sent")

    def wait_for_sent(self, count: int, timeout: float) -> int:
        """Wait until at least ``count`` recipients were delivered; returns the count."""
        deadline = time.monotonic() + timeout
        while (sent := self.sent()) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return sent
