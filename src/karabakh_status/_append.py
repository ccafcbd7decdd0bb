"""Appending to a log: validated against the whole log, one locked, synced write."""

from __future__ import annotations

import json
import os
import threading
from typing import Any

import attrs

from ._chain import HashChain, chain_path, line_digests, next_digest
from ._convert import event_to_dict, reader, transform_problem
from ._errors import LogError, LogProblem
from ._events import Event
from ._log import Ledger, parse_log

__all__ = ["append", "event_line"]


def event_line(event: Event) -> bytes:
    """The exact bytes of an event's log line, newline included.

    >>> import karabakh_status as ks
    >>> ks.events()[0].id in event_line(ks.events()[0]).decode()
    True
    """
    return json.dumps(event_to_dict(event), ensure_ascii=False).encode() + b"\n"


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: msvcrt locks the first byte
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
    else:
        fcntl.flock(fd, fcntl.LOCK_EX)


@attrs.define
class _Tail:
    """What this process already checked of a log and its chain.

    The first ``offset`` bytes of the log (``ledger.count`` lines) were
    validated, and the first ``chain_size`` bytes of the chain matched them;
    ``digest`` is the chain digest of the last of those lines.
    """

    device: int
    inode: int
    offset: int = 0
    chain_size: int = 0
    digest: str = ""
    ledger: Ledger = attrs.field(factory=lambda: Ledger(""))


_tails: dict[str, _Tail] = {}
_tails_lock = threading.Lock()


def _read_from(fd: int, offset: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _catch_up(fd: int, name: str, tail: _Tail | None) -> tuple[_Tail, HashChain, list[str]]:
    """Check what was appended since this process last looked (everything the first time).

    Returns the updated tail, the chain as read past what was checked before,
    and the digests still missing from it for complete log lines (after a
    crash between the two writes).
    """
    st = os.fstat(fd)
    try:
        chain_size = chain_path(name).stat().st_size
    except FileNotFoundError:
        chain_size = 0
    if tail is not None and (
        (tail.device, tail.inode) != (st.st_dev, st.st_ino) or st.st_size < tail.offset or chain_size < tail.chain_size
    ):
        tail = None  # replaced or cut short since: check everything again
    first = 1 if tail is None else tail.ledger.count + 1
    chain = HashChain.read(name, missing_ok=True, offset=0 if tail is None else tail.chain_size, first=first)
    if tail is None:
        tail = _Tail(st.st_dev, st.st_ino, ledger=Ledger(name))
    data = _read_from(fd, tail.offset)
    if data and not data.endswith(b"\n"):
        line = tail.ledger.count + data.count(b"\n") + 1
        raise LogError(
            name, line, "torn last line: run 'karabakh-status repair' before appending", LogProblem.TORN_LINE
        )
    if chain.torn:
        raise LogError(
            str(chain.path), None, "torn last line of the chain: run 'karabakh-status repair'", LogProblem.CHAIN_FORMAT
        )
    for n, event in enumerate(parse_log(data, name, first_line=first), first):
        for problem in tail.ledger.problems(n, event):
            raise problem
        tail.ledger.add(event)
    digests = line_digests(data, tail.digest)
    mismatch = chain.check(name, digests, sealed=False)
    if mismatch is not None:
        raise LogError(name, mismatch.line, f"{mismatch.problem} (run 'karabakh-status verify')", mismatch.kind)
    if digests:
        tail.digest = digests[-1]
    tail.offset = st.st_size
    return tail, chain, digests[len(chain.digests) :]


def append(path: str | os.PathLike[str], event: Event | dict[str, Any]) -> Event:
    """Append one event to the log at ``path`` (created if missing) and return it.

    Args:
        path: The path of the log file.
        event: The event: an :class:`~karabakh_status.records.Event`, or its log line as a dict.

    The event is validated on its own and against the whole log (unique id,
    corrections only of earlier ids, ``recorded`` not going back).  The line
    is written with one ``write`` under an exclusive lock across processes,
    then fsynced; no existing byte is rewritten.  The log's hash chain
    (``PATH.chain``, see :func:`karabakh_status.verify`) is checked and
    extended under the same lock.  A log whose last line is torn is refused:
    run ``karabakh-status repair`` first.  Raises :class:`LogError`.
    """
    name = os.fspath(path)
    if isinstance(event, dict):
        try:
            event = reader().read(event)
        except Exception as exc:  # reported as a LogError about the new event
            raise LogError(name, None, f"the new event: {transform_problem(exc)}", LogProblem.SCHEMA) from None
    line = event_line(event)
    key = os.path.realpath(name)
    fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        _lock(fd)  # released when fd is closed
        with _tails_lock:
            tail = _tails.pop(key, None)
        tail, chain, missing = _catch_up(fd, name, tail)
        n = tail.ledger.count + 1
        for problem in tail.ledger.problems(n, event):
            raise problem
        os.write(fd, line)
        os.fsync(fd)
        tail.digest = next_digest(tail.digest, line)
        chain.extend([*missing, tail.digest])
        tail.ledger.add(event)
        tail.offset += len(line)
        tail.chain_size = chain.end
        with _tails_lock:
            _tails[key] = tail
    finally:
        os.close(fd)
    return event
