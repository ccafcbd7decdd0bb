"""The one cattrs converter that reads and writes log lines, strictly."""

from __future__ import annotations

import datetime as _dt
import functools
import sys
from collections.abc import Iterator
from typing import Any, Final, get_args, get_origin

import cattrs
import pendulum
from cattrs.errors import IterableValidationError, IterableValidationNote

from ._dates import When, parse_day, parse_when
from ._errors import InvalidRecordError, LogError, LogProblem
from ._events import EVENT_TYPES, Event, Source

__all__ = ["event_from_dict", "event_to_dict", "make_converter", "transform_problem"]


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }.get(type(value), type(value).__name__)


_INTERN_UP_TO: Final = 100


def _strict_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string; got {_kind(value)} {value!r}"[:200])
    # Actors, vocabulary words, ids and short citations repeat across events:
    # share one copy of each (interned strings are freed when no event uses
    # them).  Longer texts (summaries, notes, quotes) are nearly always
    # unique, and interning them would only cost time (about 0.8 µs each).
    return sys.intern(value) if len(value) <= _INTERN_UP_TO else value


def _strict_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise TypeError(f"expected true or false; got {_kind(value)} {value!r}"[:200])
    return value


def _strict_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise TypeError(f"expected a whole number; got {_kind(value)} {value!r}"[:200])
    return value


def _date(value: object, _: type) -> pendulum.Date:
    if type(value) is not str:
        raise TypeError(f"expected a day as 'YYYY-MM-DD'; got {_kind(value)}")
    return parse_day(value)


def _datetime(value: object, _: type) -> pendulum.DateTime:
    if type(value) is not str:
        raise TypeError(f"expected an ISO 8601 datetime with its UTC offset; got {_kind(value)}")
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO 8601 datetime with its UTC offset; got {value!r}") from None
    if parsed.utcoffset() is None:
        raise ValueError(f"expected a datetime with its UTC offset; got the naive {value!r}")
    return pendulum.instance(parsed)


def _when(value: object, _: type) -> When:
    if type(value) is not str:
        raise TypeError(f"expected a date string; got {_kind(value)}")
    return parse_when(value)


def _is_homogeneous_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(t: Any, converter: cattrs.Converter) -> Any:
    inner_type = get_args(t)[0]
    inner = converter.get_structure_hook(inner_type)

    if not converter.detailed_validation:

        def structure_fast(value: object, _: type) -> tuple[Any, ...]:
            if type(value) is not list:
                raise TypeError(f"expected an array; got {_kind(value)}")
            return tuple([inner(item, inner_type) for item in value])

        return structure_fast

    def structure(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise TypeError(f"expected an array; got {_kind(value)}")
        out = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                out.append(inner(item, inner_type))
            except Exception as exc:  # collected and re-raised with its index
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {t} @ index {i}", i, inner_type),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return tuple(out)

    return structure


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """Build the converter: leaf hooks first, then the event classes.

    Args:
        detailed: Whether a failing line's error names the field (cattrs' detailed validation); ``False`` builds
            the fast converter the loader uses first.

    It is strict: unknown keys, wrong JSON types (no ``1`` silently becoming
    ``"1"``), naive datetimes and malformed dates are rejected, and a
    :class:`pendulum.Date` stays a :class:`pendulum.Date`.  ``detailed=False``
    builds the same rules without cattrs' error bookkeeping: the loader reads
    with it and, only when a line fails, reads that line again with the
    detailed one to say exactly where.

    >>> c = make_converter()
    >>> c.structure("2020-11-10", pendulum.Date)
    Date(2020, 11, 10)
    >>> c.unstructure(pendulum.Date(2020, 11, 10))
    '2020-11-10'
    """
    c = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed)
    c.register_structure_hook(str, _strict_str)
    c.register_structure_hook(bool, _strict_bool)
    c.register_structure_hook(int, _strict_int)
    c.register_structure_hook(pendulum.Date, _date)
    c.register_structure_hook(pendulum.DateTime, _datetime)
    c.register_structure_hook(When, _when)
    c.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    c.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
    c.register_unstructure_hook(When, lambda w: w.text)
    c.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    if not detailed:
        c.register_structure_hook(Source, _source_hook(c.get_structure_hook(Source)))
    return c


_SOURCE_KEYS: Final = frozenset({"work", "refs", "url"})


def _source_hook(generated: Any) -> Any:
    """Structure sources through a cache: the same citation is one shared object."""
    cache: dict[tuple[object, ...], Source] = {}

    def structure(value: object, _: type) -> Source:
        if type(value) is dict and value.keys() <= _SOURCE_KEYS:
            work, refs, url = value.get("work"), value.get("refs", []), value.get("url")
            if (
                type(work) is str
                and type(refs) is list
                and all(type(r) is int for r in refs)
                and (url is None or type(url) is str)
            ):
                found = cache.get((work, tuple(refs), url))
                if found is not None:
                    return found
        source: Source = generated(value, Source)
        if len(cache) >= 65536:
            cache.clear()
        cache[(source.work, source.refs, source.url)] = source
        return source

    return structure


_TAGS: Final = ", ".join(EVENT_TYPES)


class TagError(InvalidRecordError):
    """The ``type`` tag is missing or unknown (or the line is not an object): a record that cannot even be chosen."""


class EventReader:
    """Both converters and what they cache: the one place log lines become events.

    Lines are read with the fast converter (the same rules without cattrs'
    error bookkeeping), through each event class's structuring function,
    fetched once; only a line that fails is read again with the detailed
    converter, to say exactly which field is wrong.

    >>> r = EventReader()
    >>> r.read({"type": "sermon"})
    Traceback (most recent call last):
    ...
    karabakh_status._convert.TagError: type: expected one of status-change, ... got 'sermon'
    >>> line = {"type": "correction", "id": "c", "date": "2026-11-29", "summary": "Wrong.",
    ...         "sources": [{"work": "W"}], "recorded": "2026-11-29", "target": "x", "action": "retract"}
    >>> r.write(r.read(line)) == line
    True
    """

    __slots__ = ("_detailed", "_fast", "_hooks")

    def __init__(self) -> None:
        self._fast = make_converter(detailed=False)
        self._detailed: cattrs.Converter | None = None
        self._hooks = {tag: self._fast.get_structure_hook(cls) for tag, cls in EVENT_TYPES.items()}

    @property
    def fast(self) -> cattrs.Converter:
        """The converter for the happy path: same rules, terse errors."""
        return self._fast

    @property
    def detailed(self) -> cattrs.Converter:
        """The converter with detailed, path-naming errors (built when first needed)."""
        if self._detailed is None:
            self._detailed = make_converter()
        return self._detailed

    def read(self, obj: object) -> Event:
        """Build an event from one decoded log line (see :func:`event_from_dict`)."""
        if type(obj) is not dict:
            raise TagError(f"expected a JSON object; got {_kind(obj)}")
        tag = obj.get("type")
        cls = EVENT_TYPES.get(tag) if type(tag) is str else None
        if cls is None:
            got = "no 'type' key" if "type" not in obj else f"{tag!r}"
            raise TagError(f"expected one of {_TAGS}; got {got}", field="type")
        fields = dict(obj)
        del fields["type"]
        try:
            return self._hooks[cls.TYPE](fields, cls)  # type: ignore[no-any-return]
        except Exception:  # read again with the detailed converter to name the field
            return self.detailed.structure(fields, cls)

    def write(self, event: Event) -> dict[str, Any]:
        """The log line of an event, as a dict with ``type`` first."""
        return {"type": event.TYPE, **self.detailed.unstructure(event)}


@functools.cache
def reader() -> EventReader:
    """The shared :class:`EventReader` (built on first use)."""
    return EventReader()


def converter() -> cattrs.Converter:
    """The shared converter with detailed, path-naming errors."""
    return reader().detailed


def fast_converter() -> cattrs.Converter:
    """The shared converter for the happy path: same rules, terse errors."""
    return reader().fast


def event_from_dict(obj: object) -> Event:
    """Build an event from one decoded log line.

    Args:
        obj: One decoded log line: a dict with its ``type``.

    Raises :class:`~karabakh_status.LogError` (kind ``schema``) naming the
    field path and what was expected, for anything that is not an event.

    >>> event_from_dict({"type": "statement", "id": "x"})
    Traceback (most recent call last):
    karabakh_status._errors.LogError: <dict>: $.date: required field missing; ...
    """
    try:
        return reader().read(obj)
    except Exception as exc:  # one library error, whatever the records' validators or cattrs raised
        raise LogError("<dict>", None, transform_problem(exc), LogProblem.SCHEMA) from None


def event_to_dict(event: Event) -> dict[str, Any]:
    """The log line of an event, as a dict with ``type`` first.

    Args:
        event: The event to write.

    >>> import karabakh_status as ks
    >>> e = ks.records.Statement(id="x", date=ks.answers.parse_when("1993-04-30"), summary="A resolution.",
    ...                  sources=(ks.records.Source(work="UN"),), recorded=pendulum.Date(2026, 11, 27),
    ...                  actor="un-security-council", stance="territorial-integrity")
    >>> event_to_dict(e)["type"]
    'statement'
    >>> event_from_dict(event_to_dict(e)) == e
    True
    """
    return reader().write(event)


def transform_problem(exc: BaseException) -> str:
    """One readable line for a structuring failure: each problem after its field path.

    The paths come from cattrs' structured exceptions (their attribute and
    index notes) and from :attr:`InvalidRecordError.field`, never from the
    wording of a message.

    >>> try:
    ...     converter().structure({"work": "", "refs": [0]}, Source)
    ... except Exception as exc:
    ...     print(transform_problem(exc))
    $.work: expected one non-empty line of text; got ''
    """
    return "; ".join(f"{path}: {text}" for path, text in _problems(exc, "$"))


def _problems(exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """Every leaf problem under ``exc``, with its path below ``path``."""
    if isinstance(exc, InvalidRecordError):  # TagError included
        yield (f"{path}.{exc.field}" if exc.field else path), exc.message
    elif isinstance(exc, cattrs.ClassValidationError):
        named, unnamed = exc.group_exceptions()
        for inner, note in named:
            yield from _problems(inner, f"{path}.{note.name}")
        for inner in unnamed:
            yield from _problems(inner, path)
    elif isinstance(exc, cattrs.IterableValidationError):
        indexed, unindexed = exc.group_exceptions()
        for inner, inote in indexed:
            yield from _problems(inner, f"{path}[{inote.index}]")
        for inner in unindexed:
            yield from _problems(inner, path)
    elif isinstance(exc, cattrs.ForbiddenExtraKeysError):
        yield path, f"unknown key(s) {', '.join(sorted(map(repr, exc.extra_fields)))}"
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            yield from _problems(member, path)
    elif isinstance(exc, KeyError):
        yield path, "required field missing"
    else:
        yield path, str(exc)
