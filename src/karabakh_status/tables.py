"""The answers of many days as tables: daily panels and the Frictionless data package.

>>> import karabakh_status as ks
>>> rows = list(ks.tables.panel_rows("2020-11-24", "2020-11-25", as_of=251))
>>> [r[:3] for r in rows if r[1] == "kalbajar"]
[('2020-11-24', 'kalbajar', 'artsakh'), ('2020-11-25', 'kalbajar', 'azerbaijan')]
"""

from ._export import TABLES, panel, panel_csv, panel_rows
from ._package import export_package
from ._page import timeline_page, write_timeline_page

__all__ = ["TABLES", "export_package", "panel", "panel_csv", "panel_rows", "timeline_page", "write_timeline_page"]
