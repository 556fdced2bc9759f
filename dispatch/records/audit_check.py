"""Checking the audit log's chain: the HMAC chain, each entry's signature, and the anchors.

:class:`ChainCheck` is fed the entries in order by :meth:`dispatch.records.audit.AuditLog.verify`
and says, in :class:`VerifyReport`, what is wrong, what it checked against (the key file's
public keys, the anchors) and what it could not check.

The rules, beside the HMAC chain of before:

* a signed entry's key must be listed in the key file, the store's copy of it must be the same,
  and its signature must match the entry's bytes and the previous entry's hash;
* an entry in the name of someone who has a signing key must be signed with one of *their*
  keys (the engine's actors ``system`` and ``registration`` have none: whoever runs the engine
  signs for them); ``service`` is the service slot's key;
* once a person (or the service) has signed an entry, an unsigned entry in their name is
  refused: it can only have been added outside the program;
* a person's key is replaced at each password change or reset; once the new key has signed,
  the old one may not sign again;
* each anchor must be signed by the service's key; the entry it names must have the hash it
  recorded; every entry up to it must be signed by a key the anchor listed (a key made later
  cannot have signed it); and the log must not end before it.
"""

from __future__ import annotations

import bisect
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dispatch.store.signing import AuditKey, signature_valid

#: The service slot's actor (as :data:`dispatch.records.accounts.SERVICE_ACTOR`).
SERVICE = "service"
_ANCHOR_PREFIX = "kishomail-audit-anchor/1"


@dataclass(frozen=True)
class Anchor:
    """The chain's head as the service recorded it outside the store, signed with its key."""

    store_id: str
    seq: int
    head: str  # hex
    at: str
    keys: Mapping[str, str]  # key id → actor: every signing key the store knew then
    key_id: str = ""
    signature: bytes = b""
    #: An RFC 3161 timestamp token over the signed bytes (DER), when the ward has a TSA.
    timestamp_token: bytes = b""

    def message(self) -> bytes:
        keys = dict(sorted(self.keys.items()))
        return json.dumps(
            [_ANCHOR_PREFIX, self.store_id, self.seq, self.head, self.at, keys],
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    problems: tuple[str, ...]
    head_seq: int
    head_hash: str
    signed: int = 0
    unsigned: int = 0
    #: Who signed how many entries (actor → count).
    signers: Mapping[str, int] = field(default_factory=dict)
    #: "key file" when signatures were checked against the key file's public keys.
    keys_from: str = "store"
    key_count: int = 0
    anchors: int = 0
    last_anchor_at: str | None = None
    last_anchor_seq: int | None = None
    #: What could not be checked, in words.
    not_checked: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


class ChainCheck:
    """One walk over the log (see the module's docstring for the rules)."""

    def __init__(
        self,
        stored_keys: Mapping[str, AuditKey],
        trusted_keys: Mapping[str, AuditKey] | None,
        anchors: Sequence[Anchor],
    ) -> None:
        self.problems: list[str] = []
        self._stored = stored_keys
        self._trusted = trusted_keys
        keys = trusted_keys if trusted_keys is not None else stored_keys
        self._keys = keys
        self._key_actors = {key.actor for key in keys.values()}
        self._anchors = sorted(self._valid_anchors(anchors, keys), key=lambda a: a.seq)
        self._anchor_seqs = [a.seq for a in self._anchors]
        self._expected_seq, self._expected_prev = 1, bytes(32)
        self._checked = self._signed = 0
        self._unsigned: list[int] = []
        self._first_signed: dict[str, int] = {}
        self._signers: dict[str, int] = {}
        #: Each actor's newest key (the last one to sign a first entry) and where it began.
        self._newest: dict[str, tuple[str, int]] = {}
        self._seen: set[str] = set()

    def _valid_anchors(
        self, anchors: Sequence[Anchor], keys: Mapping[str, AuditKey]
    ) -> list[Anchor]:
        valid = []
        for anchor in anchors:
            key = keys.get(anchor.key_id)
            if (
                key is None
                or key.actor != SERVICE
                or not signature_valid(key.public_key, anchor.signature, anchor.message())
            ):
                self.problems.append(
                    f"the anchor of {anchor.at} (entry {anchor.seq}) is not signed by the "
                    "service's key: the anchors file was edited; that anchor was not used"
                )
                continue
            valid.append(anchor)
        return valid

    def entry(
        self,
        seq: int,
        actor: str,
        prev_hash: bytes,
        stored_hash: bytes,
        hash_ok: bool,
        signer: str | None,
        signature_ok: bool,
    ) -> None:
        """One entry, in order. ``signature_ok``: whether its signature matches its bytes
        under :meth:`public_key_of` its signer (checked by the caller, on every core)."""
        self._checked += 1
        if not hash_ok:
            self.problems.append(f"entry {seq} was altered: its content no longer matches its hash")
        elif seq != self._expected_seq:
            expected = self._expected_seq
            missing = (
                f"entry {expected}" if seq == expected + 1 else f"entries {expected} to {seq - 1}"
            )
            self.problems.append(f"{missing} removed: the chain jumps to entry {seq}")
        elif not hmac.compare_digest(bytes(prev_hash), self._expected_prev):
            self.problems.append(
                f"entry {seq} does not follow entry {seq - 1}: an entry before it was "
                "replaced or the entries were reordered"
            )
        if signer is None:
            self._unsigned_entry(seq, actor)
        else:
            self._signed_entry(seq, actor, signer, signature_ok)
        self._against_anchors(seq, bytes(stored_hash), signer)
        self._expected_seq, self._expected_prev = seq + 1, bytes(stored_hash)

    def _unsigned_entry(self, seq: int, actor: str) -> None:
        self._unsigned.append(seq)
        if actor in self._first_signed:
            self.problems.append(
                f"entry {seq} in the name of {actor} is not signed, although {actor} signs "
                f"since entry {self._first_signed[actor]}: it was added outside the program"
            )

    def public_key_of(self, signer: str) -> bytes | None:
        """The public key a signature by ``signer`` is checked with (the key file's when at
        hand); None for a key nobody lists."""
        key = self._keys.get(signer)
        return None if key is None else key.public_key

    def _signed_entry(self, seq: int, actor: str, signer: str, signature_ok: bool) -> None:
        key = self._keys.get(signer)
        if key is None:
            where = "the key file" if self._trusted is not None else "the store"
            self.problems.append(
                f"entry {seq} is signed with key {signer}, which {where} does not list: "
                "a key added outside the program"
            )
            return
        stored = self._stored.get(signer)
        if stored is None or stored != key:
            self.problems.append(
                f"entry {seq}: the store's copy of key {signer} ({key.actor}) differs from the "
                "key file's: one of them was edited"
            )
        if not signature_ok:
            self.problems.append(
                f"entry {seq} ({actor}): its signature by {key.actor} does not match: the entry "
                "or one before it was altered, removed or re-chained"
            )
        elif key.actor != actor and (actor in self._key_actors or actor == SERVICE):
            self.problems.append(
                f"entry {seq} is in the name of {actor} but signed with {key.actor}'s key: "
                "nobody may sign another person's entries"
            )
        self._retired(seq, signer, key.actor)
        self._signed += 1
        self._signers[key.actor] = self._signers.get(key.actor, 0) + 1
        self._first_signed.setdefault(key.actor, seq)

    def _retired(self, seq: int, signer: str, actor: str) -> None:
        """A person's key is replaced (a password change or reset) once the new one signs;
        the old one may not sign after that."""
        if signer not in self._seen:
            self._seen.add(signer)
            self._newest[actor] = (signer, seq)
            return
        newest, since = self._newest.get(actor, (signer, seq))
        if newest != signer:
            self._newest[actor] = (newest, since)
            self.problems.append(
                f"entry {seq} is signed with a key of {actor} that was replaced at entry "
                f"{since} (a password change or reset): a copy of the old key was used, or a "
                "session open since before the change"
            )

    def _against_anchors(self, seq: int, stored_hash: bytes, signer: str | None) -> None:
        position = bisect.bisect_left(self._anchor_seqs, seq)
        if position == len(self._anchors):
            return
        covering = self._anchors[position]  # the first anchor made after this entry
        if signer is not None and signer not in covering.keys:
            self.problems.append(
                f"entry {seq} is signed with key {signer}, which did not exist yet when the "
                f"anchor of {covering.at} was made: the entry was re-signed later"
            )
        if covering.seq == seq and not hmac.compare_digest(stored_hash.hex(), covering.head):
            self.problems.append(
                f"entry {seq} is not the entry anchored on {covering.at}: the log was cut "
                "back and written again, or rewritten, after the anchor"
            )

    def report(self, head_seq: int, head_hash: str) -> VerifyReport:
        last_seq = self._expected_seq - 1
        if head_seq != last_seq or head_hash != self._expected_prev.hex():
            self.problems.append(
                f"the log ends at entry {last_seq} but its head says entry {head_seq}: "
                "entries at the end were removed or added outside the program"
            )
        last = self._anchors[-1] if self._anchors else None
        if last is not None and last.seq > last_seq:
            self.problems.append(
                f"the log ends at entry {last_seq}, but the anchor of {last.at} saw entry "
                f"{last.seq}: entries {last_seq + 1} to {last.seq} were cut off the end"
            )
        return VerifyReport(
            checked=self._checked,
            problems=tuple(self.problems),
            head_seq=head_seq,
            head_hash=head_hash,
            signed=self._signed,
            unsigned=len(self._unsigned),
            signers=dict(self._signers),
            keys_from="key file" if self._trusted is not None else "store",
            key_count=len(self._keys),
            anchors=len(self._anchors),
            last_anchor_at=last.at if last else None,
            last_anchor_seq=last.seq if last else None,
            not_checked=tuple(self._not_checked(last, last_seq)),
        )

    def _not_checked(self, last: Anchor | None, last_seq: int) -> list[str]:
        notes = []
        if self._trusted is None:
            notes.append(
                "the key file was not at hand: signatures were checked against the store's own "
                "copy of the public keys, which someone with the files could replace"
            )
        if last is None:
            notes.append(
                "no anchor of this store outside it (the service is not installed here, or has "
                "not anchored yet): entries cut off the end, or a log re-signed with new keys, "
                "cannot be told"
            )
        elif last.seq < last_seq:
            notes.append(
                f"entries {last.seq + 1} to {last_seq} came after the last anchor: their "
                "signatures hold, but cutting them off the end could not be told"
            )
        if self._unsigned:
            notes.append(
                f"{len(self._unsigned)} entries are unsigned (from before signed entries, or "
                "written with nobody's key): they rest on the HMAC chain and on the signature "
                "of the next signed entry, which covers their hash"
            )
        return notes
