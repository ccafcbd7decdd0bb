"""The checks the records' fields run when a record is made: slugs, one-line texts, closed vocabularies."""

from __future__ import annotations

import re
from typing import Any, Final

import attrs

from ._errors import InvalidRecordError

__all__ = ["SLUG_PATTERN"]

#: An id: lowercase ascii letters, digits and hyphens (also used by the log's JSON Schema).
SLUG_PATTERN: Final = "[a-z0-9][a-z0-9-]{0,199}"
_SLUG: Final = re.compile(SLUG_PATTERN)


def _slug(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if _SLUG.fullmatch(value) is None:
        raise InvalidRecordError(
            f"expected a slug of lowercase ascii letters, digits and hyphens; got {value!r}", field=attribute.name
        )


def _optional_slug(inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _slug(inst, attribute, value)


def _one_line(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip() or "\n" in value:
        raise InvalidRecordError(f"expected one non-empty line of text; got {value!r}", field=attribute.name)


def _optional_text(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not value.strip():
        raise InvalidRecordError("expected text or no key at all; got an empty string", field=attribute.name)


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and value not in choices:
            raise InvalidRecordError(f"expected one of {', '.join(choices)}; got {value!r}", field=attribute.name)

    return check
