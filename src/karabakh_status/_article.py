"""The source article as it was read: its own address and how far its revision can be dated.

Every event taken from the article cites reference numbers
(:attr:`Source.refs <karabakh_status.records.Source.refs>`).  This module says which
text those numbers belong to, so a reader can follow them back:

>>> from karabakh_status.records import ARTICLE
>>> ARTICLE.url
'https://en.wikipedia.org/wiki/Political_status_of_Nagorno-Karabakh'
>>> ARTICLE.revision
'on or after 2023-10-03'
"""

from __future__ import annotations

import datetime

import attrs


@attrs.frozen(kw_only=True)
class ArticleRead:
    """One reading of an encyclopedia article: what it is, where it lives, which revision was read.

    Attributes:
        title: The article's title.
        url: The encyclopedia's own address of the article.
        licence: The licence the text is under.
        read: The day the text was read for this log.
        earliest_revision: The earliest day the revision read can be from.
        note: How the revision was dated.
    """

    title: str
    url: str
    licence: str
    read: datetime.date
    earliest_revision: datetime.date
    note: str

    @property
    def revision(self) -> str:
        """Which revision was read, as ``"on or after <earliest_revision>"`` (the copy read names none)."""
        return f"on or after {self.earliest_revision.isoformat()}"

    @property
    def citation(self) -> str:
        """One line to cite the article as read.

        >>> from karabakh_status.records import ARTICLE
        >>> print(ARTICLE.citation)
        Wikipedia, "Political status of Nagorno-Karabakh" (CC BY-SA), revision on or after 2023-10-03, read 2026-11-27, https://en.wikipedia.org/wiki/Political_status_of_Nagorno-Karabakh
        """
        return (
            f'Wikipedia, "{self.title}" ({self.licence}), revision {self.revision}, '
            f"read {self.read.isoformat()}, {self.url}"
        )


#: The article the log's reference numbers belong to.
ARTICLE = ArticleRead(
    title="Political status of Nagorno-Karabakh",
    url="https://en.wikipedia.org/wiki/Political_status_of_Nagorno-Karabakh",
    licence="CC BY-SA",
    read=datetime.date(2026, 11, 27),
    earliest_revision=datetime.date(2023, 10, 3),
    note=(
        "The plain-text copy read carries no revision id or timestamp.  The latest "
        "access date among its 227 numbered references is 3 October 2023 "
        '("Retrieved 2023-10-03"), so the revision read is of that day or later; '
        "its text already says that Artsakh's decree to dissolve itself by "
        '1 January 2024 "was later annulled in exile".'
    ),
)
