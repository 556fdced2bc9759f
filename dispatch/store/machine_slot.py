"""The service slot's secret on this machine, protected by the operating system.

``kishomail service install`` adds a service slot to the key file (:mod:`dispatch.store.keys`)
and hands its private key to the OS here; ``kishomail service run`` asks the OS for it back, so
the engine opens the store with nobody's password. The secret never lives in the data folder:
it lives in :func:`dispatch.base.paths.service_dir` (``/etc/kishomail`` on Linux,
``%ProgramData%\\kishomail-service`` on Windows), protected by one of:

* ``systemd-creds`` (Linux, systemd ≥ 250): encrypted with the host key (and the TPM2 when
  there is one). Its unencrypted "null" mode is refused. Under systemd the unit's
  ``LoadCredentialEncrypted=`` decrypts it for the service; a root shell decrypts it itself.
* ``file``: a file only its owner (the service's account) may read, mode 0600. ``doctor``
  warns about it: anyone with root, or a backup of that folder, has the secret.
* ``dpapi`` (Windows): DPAPI in machine scope, with as extra entropy a random secret in a file
  whose ACL admits only the service's own account (machine scope alone lets every local user
  decrypt).

The slot is also bound to the machine's identity and to the data folder's path
(:func:`binding_for`), so even a copy of the secret does not open a copied folder.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from dispatch.base.errors import KeyFileError, ValidationError
from dispatch.base.paths import SERVICE_CONFIG
from dispatch.store.sealing import write_atomically

log = logging.getLogger(__name__)

#: The credential's name (systemd's ``LoadCredentialEncrypted=NAME:…``).
CREDENTIAL_NAME = "kishomail-service"
CREDS_FILE = "service.cred"
PLAIN_FILE = "service.key"
DPAPI_FILE = "service.dpapi"
ENTROPY_FILE = "service.entropy"
SECRET_FILES = (CREDS_FILE, PLAIN_FILE, DPAPI_FILE, ENTROPY_FILE)
MIN_SYSTEMD = 250
#: The key types of a systemd credential's header we accept: host key, TPM2, both. Anything
#: else — above all the unencrypted "null" type — is refused.
ACCEPTED_CREDENTIAL_TYPES = {
    bytes.fromhex("5a1c6a86df9d4096b1d5a65e0862f19a"): "host",
    bytes.fromhex("0c7cc07b117645919c4b0bea08bc20fe"): "tpm2",
    bytes.fromhex("93a8940948744490900caf2fc93cab53"): "host+tpm2",
}
NULL_CREDENTIAL_TYPE = bytes.fromhex("058469daf6f54324800549da0f8ea2fb")
_TIMEOUT = 30.0


class Protection(StrEnum):
    SYSTEMD_CREDS = "systemd-creds"
    FILE = "file"
    DPAPI = "dpapi"


@dataclass(frozen=True)
class MachineSlot:
    """What ``service install`` recorded (``service.json``, readable by every local user)."""

    data_dir: str
    store_id: str
    protection: str
    service_user: str
    installed_at: str

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(directory / SERVICE_CONFIG, json.dumps(asdict(self), indent=2).encode())
        if os.name == "posix":  # it names a folder and a user, nothing secret
            os.chmod(directory / SERVICE_CONFIG, 0o644)

    @classmethod
    def load(cls, directory: Path) -> MachineSlot | None:
        try:
            document = json.loads((directory / SERVICE_CONFIG).read_text(encoding="utf-8"))
            return cls(**{k: str(document[k]) for k in cls.__dataclass_fields__})
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise KeyFileError(
                f"The service's record {directory / SERVICE_CONFIG} cannot be read "
                f"({type(error).__name__}). Run 'kishomail --user ADMIN service install' again."
            ) from None


# ---- binding to the machine --------------------------------------------------------------------


def machine_identity() -> str:
    """This machine's stable identity (``/etc/machine-id``; Windows: the MachineGuid)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on the office's Windows PCs
        import winreg  # only on Windows

        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography") as key:
            return str(winreg.QueryValueEx(key, "MachineGuid")[0])
    for candidate in (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id")):
        try:
            text = candidate.read_text(encoding="ascii").strip()
        except OSError:
            continue
        if text:
            return text
    raise KeyFileError(
        "This machine has no machine id (/etc/machine-id), so the service cannot be bound to "
        "it. Create one with 'systemd-machine-id-setup' and install the service again."
    )


def binding_for(data_dir: Path, identity: str | None = None) -> str:
    """A digest of the machine's identity and the data folder's full path (not a secret)."""
    identity = machine_identity() if identity is None else identity
    text = f"kishomail-service\0{identity}\0{data_dir.resolve()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---- choosing the protection ---------------------------------------------------------------


def systemd_creds_problem() -> str | None:
    """Why ``systemd-creds`` cannot protect the secret here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return "not Linux"
    program = shutil.which("systemd-creds")
    if program is None:
        return "systemd-creds is not installed"
    if os.geteuid() != 0:
        return "only root can use the host's credential key"
    try:
        version = subprocess.run(  # noqa: S603 - by its full path, fixed arguments
            [program, "--version"], capture_output=True, text=True, timeout=_TIMEOUT, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        return f"systemd-creds does not run ({error})"
    found = re.match(r"systemd (\d+)", version)
    if found is None or int(found.group(1)) < MIN_SYSTEMD:
        return f"systemd {found.group(1) if found else '?'} is older than {MIN_SYSTEMD}"
    return None


def best_protection() -> Protection:
    if sys.platform == "win32":
        return Protection.DPAPI
    if systemd_creds_problem() is None:
        return Protection.SYSTEMD_CREDS
    return Protection.FILE


# ---- keeping and reading the secret --------------------------------------------------------


def protect(
    secret: bytes, protection: Protection, directory: Path, owner: str | None = None
) -> None:
    """Keep ``secret`` in ``directory`` under ``protection``; only ``owner`` (the service's
    account) may read what is written."""
    directory.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(directory, 0o755)  # noqa: S103 - the record is public; each secret file is 0600
    remove_secret(directory)
    if protection is Protection.SYSTEMD_CREDS:
        # Root's, 0600: systemd (as root) decrypts it and hands it to the service.
        _creds_encrypt(secret, directory / CREDS_FILE)
    elif protection is Protection.FILE:
        write_atomically(directory / PLAIN_FILE, base64.b64encode(secret))
        if os.name == "posix" and owner and os.geteuid() == 0:
            try:
                shutil.chown(directory / PLAIN_FILE, user=owner)
            except LookupError:  # no such account (yet): root keeps it
                log.warning("no account %s: the service's secret stays root's", owner)
    elif protection is Protection.DPAPI:
        _dpapi_protect(secret, directory, owner)
    else:  # pragma: no cover - the enum is closed
        raise ValidationError(f"unknown protection {protection!r}")


def read_secret(slot: MachineSlot, directory: Path) -> bytes:
    """The secret back from the OS (under systemd: from the credential it handed over)."""
    protection = Protection(slot.protection)
    handed = os.environ.get("CREDENTIALS_DIRECTORY")
    if handed and (Path(handed) / CREDENTIAL_NAME).exists():
        return _decode((Path(handed) / CREDENTIAL_NAME).read_bytes())
    try:
        if protection is Protection.SYSTEMD_CREDS:
            return _decode(_creds_decrypt(directory / CREDS_FILE))
        if protection is Protection.FILE:
            return _decode((directory / PLAIN_FILE).read_bytes())
        return _dpapi_unprotect(directory)
    except PermissionError:
        raise KeyFileError(
            f"The service's secret in {directory} may be read only by the service's account: "
            "run 'kishomail service run' as that account (the service manager does), or as root."
        ) from None
    except FileNotFoundError:
        raise KeyFileError(
            f"The service's secret is missing from {directory}. Install the service again with "
            "'kishomail --user ADMIN service install'."
        ) from None


def remove_secret(directory: Path) -> None:
    for name in SECRET_FILES:
        (directory / name).unlink(missing_ok=True)


def remove_all(directory: Path) -> None:
    """The machine slot gone: its secret and its record."""
    remove_secret(directory)
    (directory / SERVICE_CONFIG).unlink(missing_ok=True)


def _decode(data: bytes) -> bytes:
    try:
        return base64.b64decode(data.strip(), validate=True)
    except binascii.Error:
        raise KeyFileError("The service's secret is damaged; install the service again.") from None


# ---- systemd-creds -------------------------------------------------------------------------


def _creds_encrypt(secret: bytes, path: Path) -> None:
    problem = systemd_creds_problem()
    if problem is not None:
        raise KeyFileError(f"systemd-creds cannot protect the service's secret: {problem}.")
    program = shutil.which("systemd-creds") or "systemd-creds"
    has_tpm = (
        subprocess.run(  # noqa: S603 - by its full path, fixed arguments
            [program, "has-tpm2", "--quiet"], capture_output=True, timeout=_TIMEOUT
        ).returncode
        == 0
    )
    # Never "auto" or "null": the secret is encrypted with the host key, and the TPM2 if any.
    mode = "host+tpm2" if has_tpm else "host"
    tmp = path.with_name(path.name + ".tmp")
    result = subprocess.run(  # noqa: S603 - by its full path; the secret goes on stdin
        [program, "encrypt", f"--name={CREDENTIAL_NAME}", f"--with-key={mode}", "-", str(tmp)],
        input=base64.b64encode(secret),  # on stdin: never on a command line
        capture_output=True,
        timeout=_TIMEOUT,
    )
    if result.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise KeyFileError(
            "systemd-creds could not encrypt the service's secret: "
            f"{result.stderr.decode(errors='replace').strip()}"
        )
    os.chmod(tmp, 0o600)
    credential_type(tmp)  # refuses a credential that is not really encrypted
    os.replace(tmp, path)


def credential_type(path: Path) -> str:
    """The key type named in a systemd credential's header; the "null" type is refused."""
    try:
        header = base64.b64decode(path.read_bytes().strip())[:16]
    except (OSError, binascii.Error):
        header = b""
    if header == NULL_CREDENTIAL_TYPE:
        raise KeyFileError(
            f"{path} is a systemd credential in the unencrypted 'null' mode, which protects "
            "nothing; kishomail refuses it. Install the service again (it uses the host key)."
        )
    kind = ACCEPTED_CREDENTIAL_TYPES.get(header)
    if kind is None:
        raise KeyFileError(f"{path} is not a systemd credential kishomail made; refused.")
    return kind


def _creds_decrypt(path: Path) -> bytes:
    credential_type(path)
    program = shutil.which("systemd-creds") or "systemd-creds"
    result = subprocess.run(  # noqa: S603 - by its full path, a path of ours
        [program, "decrypt", f"--name={CREDENTIAL_NAME}", str(path), "-"],
        capture_output=True,
        timeout=_TIMEOUT,
    )
    if result.returncode != 0:
        raise KeyFileError(
            "systemd-creds could not decrypt the service's secret (on another machine, or "
            f"without root?): {result.stderr.decode(errors='replace').strip()}"
        )
    return result.stdout


# ---- Windows DPAPI -------------------------------------------------------------------------


def _dpapi_protect(secret: bytes, directory: Path, owner: str | None) -> None:
    entropy = os.urandom(32)
    write_atomically(directory / ENTROPY_FILE, entropy)
    restrict_to_account(directory / ENTROPY_FILE, windows_account(owner))
    write_atomically(directory / DPAPI_FILE, dpapi_protect(base64.b64encode(secret), entropy))


def _dpapi_unprotect(directory: Path) -> bytes:
    entropy = (directory / ENTROPY_FILE).read_bytes()
    return _decode(dpapi_unprotect((directory / DPAPI_FILE).read_bytes(), entropy))


def windows_account(owner: str | None) -> str:
    """The Windows account the secret is for: the service's virtual account
    ``NT SERVICE\\<name>`` unless a full account (``DOMAIN\\user``) is given."""
    name = owner or "kishomail"
    return name if "\\" in name else f"NT SERVICE\\{name}"


def restrict_to_account(path: Path, account: str) -> None:
    """Windows: only ``account`` (and SYSTEM) may read ``path`` — inheritance removed."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        subprocess.run(  # noqa: S603 - icacls with the arguments built below
            icacls_command(path, account), check=True, capture_output=True, timeout=_TIMEOUT
        )
        return
    raise KeyFileError("Windows ACLs exist only on Windows.")


def icacls_command(path: Path, account: str) -> list[str]:
    """The ``icacls`` call that leaves ``path`` readable by ``account`` and SYSTEM only."""
    return [
        "icacls",
        str(path),
        "/inheritance:r",
        "/grant:r",
        f"{account}:(R)",
        "/grant:r",
        "*S-1-5-18:(F)",  # SYSTEM, by SID whatever the Windows language
    ]


def dpapi_protect(data: bytes, entropy: bytes) -> bytes:  # pragma: no cover - Windows only
    return _crypt(data, entropy, protect=True)


def dpapi_unprotect(data: bytes, entropy: bytes) -> bytes:  # pragma: no cover - Windows only
    return _crypt(data, entropy, protect=False)


def _crypt(data: bytes, entropy: bytes, *, protect: bool) -> bytes:  # pragma: no cover
    """CryptProtectData / CryptUnprotectData in machine scope, through ctypes (no pywin32)."""
    if sys.platform == "win32":
        return _crypt_windows(data, entropy, protect=protect)
    raise KeyFileError("DPAPI exists only on Windows; use --protection file here.")


def _crypt_windows(data: bytes, entropy: bytes, *, protect: bool) -> bytes:  # pragma: no cover
    import ctypes  # only on Windows
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    def blob(raw: bytes) -> Blob:
        buffer = ctypes.create_string_buffer(raw, len(raw))
        return Blob(len(raw), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))

    windll = getattr(ctypes, "windll")  # noqa: B009 - absent from ctypes off Windows
    crypt32 = windll.crypt32
    kernel32 = windll.kernel32
    local_machine, ui_forbidden = 0x4, 0x1
    source, extra, out = blob(data), blob(entropy), Blob()
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    ok = call(
        ctypes.byref(source),
        None,
        ctypes.byref(extra),
        None,
        None,
        ui_forbidden | (local_machine if protect else 0),
        ctypes.byref(out),
    )
    if not ok:
        raise KeyFileError("Windows could not (un)protect the service's secret (DPAPI).")
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(out.pbData)
