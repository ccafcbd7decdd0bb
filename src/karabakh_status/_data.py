"""Where the package's data files are, in a wheel and in an editable install."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from ._errors import KarabakhStatusError

__all__ = ["data_file"]


def data_file(name: str) -> Path:
    """A file of the top-level ``data/`` folder, wherever the package is installed.

    A wheel carries ``data/`` inside the package (``karabakh_status/data``);
    an editable install imports ``src/karabakh_status`` from the checkout,
    whose ``data/`` is two folders up.
    """
    package = files("karabakh_status")
    shipped = package / "data" / name
    if shipped.is_file():
        with as_file(shipped) as p:
            return Path(p)
    with as_file(package) as p:
        checkout = Path(p).parent.parent / "data" / name
    if checkout.is_file():
        return checkout
    raise KarabakhStatusError(f"the bundled data file {name!r} is missing from this installation")
