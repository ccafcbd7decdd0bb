"""``python -m karabakh_status``: the command line."""

from ._cli import main

raise SystemExit(main())
