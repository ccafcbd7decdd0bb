"""The colours, hatches and labels every figure and the HTML page share: one palette."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = [
    "CONTROLLER_COLORS",
    "GROUP_LABELS",
    "LEVEL_COLORS",
    "LEVEL_LABELS",
    "PARTIAL_HATCH",
    "color_of",
    "require_matplotlib",
]

_NEEDS_MATPLOTLIB: Final = "karabakh_status.plot needs matplotlib: pip install 'karabakh-status[plot]'"

# The Okabe & Ito palette, distinguishable with the common colour-vision deficiencies.
_OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

#: The fill colour of each controller in :func:`control_timeline`.
CONTROLLER_COLORS: Final = {
    "ussr": "#BBBBBB",
    "azerbaijan": "#0072B2",
    "artsakh": "#E69F00",
    "armenia": "#CC79A7",
    "russia": "#009E73",
}

#: The colour of each recognition level in :func:`recognitions`.
LEVEL_COLORS: Final = {
    "un-member-state": "#000000",
    "non-un-state": "#D55E00",
    "national-legislature": "#CC79A7",
    "subnational": "#0072B2",
    "municipal": "#56B4E9",
    "party": "#E69F00",
}

#: How :func:`recognitions` names each recognition level in its legend.
LEVEL_LABELS: Final = {
    "un-member-state": "UN member states",
    "non-un-state": "Non-UN states",
    "national-legislature": "National legislatures",
    "subnational": "Subnational (states, regions)",
    "municipal": "Municipalities",
    "party": "Political parties",
}

PARTIAL_HATCH: Final = "//"
GROUP_LABELS: Final = {
    "nkao": "former NKAO",
    "surrounding": "surrounding districts",
    "claimed": "claimed",
    "corridor": "corridor",
}


def require_matplotlib() -> None:
    try:
        import matplotlib
    except ImportError:
        raise ImportError(_NEEDS_MATPLOTLIB) from None
    del matplotlib


def color_of(key: str, palette: dict[str, str], order: Sequence[str]) -> str:
    """The colour of ``key``: its own, or a free one of the palette for ids added later."""
    if key in palette:
        return palette[key]
    free = [c for c in _OKABE_ITO if c not in palette.values()]
    i = list(order).index(key) if key in order else 0
    return free[i % len(free)] if free else "#777777"
