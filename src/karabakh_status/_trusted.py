"""Reading lines the hash chain vouches for: events built directly, without cattrs.

The bundled log's every line was validated in full when it was appended or
sealed (see :func:`karabakh_status.append` and :func:`karabakh_status.repair`),
and its hash chain proves the bytes have not changed since.  When the chain
vouches for the whole file, the lines are built straight into the attrs
records (whose own validators still run), which spares a fresh process the
import of cattrs and the code generation of its converter.  If anything does
not fit, the caller reads the log the strict way instead.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Final

from ._dates import parse_day, parse_when
from ._digest import line_digests
from ._events import EVENT_TYPES, Event, Source

__all__ = ["chain_vouches", "trusted_events"]

_INTERN_UP_TO: Final = 100  # as the strict converter does: ids and vocabulary repeat, prose does not


def chain_vouches(data: bytes, chain: bytes) -> bool:
    """Whether ``chain`` (a chain file's bytes) seals exactly the complete lines of ``data``, and nothing more.

    >>> line = b'{"a": 1}\\n'
    >>> import hashlib
    >>> digest = hashlib.sha256(line).hexdigest()
    >>> chain_vouches(line, f"1 {digest}\\n".encode()), chain_vouches(line + line, f"1 {digest}\\n".encode())
    (True, False)
    """
    if not data.endswith(b"\n") or not chain.endswith(b"\n"):
        return False
    last = chain[chain.rfind(b"\n", 0, len(chain) - 1) + 1 : -1].split(b" ")
    if len(last) != 2 or last[0] != str(data.count(b"\n")).encode():
        return False
    digests = line_digests(data)
    return bool(digests) and last[1] == digests[-1].encode("ascii")


def _value(value: Any) -> Any:
    if type(value) is str:
        return sys.intern(value) if len(value) <= _INTERN_UP_TO else value
    if type(value) is list:
        return tuple(_value(v) for v in value)
    return value


def _source(obj: dict[str, Any], cache: dict[tuple[Any, ...], Source]) -> Source:
    key = (obj.get("work"), tuple(obj.get("refs", ())), obj.get("url"))
    found = cache.get(key)
    if found is None:
        found = cache[key] = Source(**{k: _value(v) for k, v in obj.items()})
    return found


def trusted_events(data: bytes) -> list[Event]:
    """The events of a log whose lines are known to be valid; raises on anything that does not fit."""
    events: list[Event] = []
    sources: dict[tuple[Any, ...], Source] = {}
    decode = json.JSONDecoder().decode
    for raw in data.decode("utf-8").split("\n")[:-1]:
        obj = decode(raw)
        cls = EVENT_TYPES[obj.pop("type")]
        fields = {k: _value(v) for k, v in obj.items() if k not in ("date", "recorded", "sources")}
        fields["date"] = parse_when(obj["date"])
        fields["recorded"] = parse_day(obj["recorded"])
        fields["sources"] = tuple(_source(s, sources) for s in obj["sources"])
        events.append(cls(**fields))
    return events
