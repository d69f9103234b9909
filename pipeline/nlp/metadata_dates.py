"""The metadata stage's choice of dates among its sources: the publication day the structured
sources agree on or the page shows, its local day, and the fallbacks after the markup.

Pure functions of the sources' values and the page's blocks: `structured_published` picks the
structured sources' date (the day the page writes winning a disagreement), `shown_wins` whether
the day shown over the story replaces it, `local_day` the day of a UTC instant where it was
published, `after_markup` the URL's or the page text's date. Reads `metadata_cues.py` only; the
stage's API (`metadata.py`) calls them in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from itertools import islice

from pipeline.models import DateSource
from pipeline.nlp.blocks import BOILERPLATE, Block
from pipeline.nlp.dates import (
    Stamp,
    date_in_url,
    date_inside,
    dates_inside,
    days_written,
    parse_date,
)
from pipeline.nlp.metadata_cues import (
    MAX_BARE_DATE_CHARS,
    MAX_DATE_LINE_CHARS,
    MAX_SCAN_BLOCKS,
    MAX_TIME_TEXTS,
    QUOTED_POST,
    ZONE_EAST,
    ZONE_WEST,
    MetadataSource,
)


def structured_published(
    sources: Sequence[MetadataSource], latest: datetime | None, visible: Callable[[], set[date]]
) -> tuple[Stamp | None, DateSource | None]:
    """The structured sources' publication date, with the instant of a later source that
    agrees on the day when the first gives only the day. When they disagree on the day, the
    first whose day the page shows in its text wins (`visible`: the days written in it); the
    others date something else (a CMS import, a scheduled slot, a republication)."""
    candidates = [
        (index, stamp)
        for index, source in enumerate(sources)
        if (stamp := _valid(source.published, latest)) is not None
    ]
    if not candidates:
        return None, None
    index, stamp = candidates[0]
    if any(other.day != stamp.day for _, other in candidates):
        shown = visible()
        index, stamp = next(((i, s) for i, s in candidates if s.day in shown), candidates[0])
    if stamp.instant is None:
        for later, other in candidates:
            if later > index and other.day == stamp.day and other.instant is not None:
                return other, sources[index].name
    return stamp, sources[index].name


def shown_wins(
    text: MetadataSource, published: Stamp, latest: datetime | None, blocks: Sequence[Block]
) -> bool:
    """Whether the day shown over the story replaces the structured one; a change's date
    ("Updated ...") only stands for a publication day the page does not write anywhere."""
    shown = text.shown
    if shown is None or shown.day == published.day or shown.after(latest):
        return False
    return not text.shown_updated or published.day not in visible_days(blocks, links=True)


def visible_days(blocks: Sequence[Block], *, links: bool = False) -> set[date]:
    """The days written in the page's short lines outside its boilerplate (not an embedded
    post's; not in lists of links, unless `links`: a post's date is often its permalink)."""
    days: set[date] = set()
    for line in _date_lines(blocks, links=links):
        days.update(stamp.day for stamp in dates_inside(line))
    return days


def written_days(blocks: Sequence[Block]) -> set[date]:
    """The days those lines may write, numeric dates of unknown order read both ways
    (`days_written`)."""
    days: set[date] = set()
    for line in _date_lines(blocks, links=False):
        days |= days_written(line)
    return days


def time_days(blocks: Sequence[Block]) -> set[date]:
    """The days the page's <time> elements write in their text, each read alone."""
    texts = (value[:MAX_BARE_DATE_CHARS] for block in blocks for value in block.time_texts)
    return {
        stamp.day
        for value in islice(texts, MAX_TIME_TEXTS)
        if (stamp := date_inside(value) or parse_date(value)) is not None
    }


def _date_lines(blocks: Sequence[Block], *, links: bool) -> Iterator[str]:
    """The page's short lines outside its boilerplate that are not an embedded post's, and
    not mostly links unless `links`."""
    for block in blocks[:MAX_SCAN_BLOCKS]:
        line = block.text
        if len(line) > MAX_DATE_LINE_CHARS or block.hints & BOILERPLATE:
            continue
        if (not links and block.link_density > 0.5) or QUOTED_POST.search(line):
            continue
        yield line


def local_day(
    stamp: Stamp,
    sources: Sequence[MetadataSource],
    url: str | None,
    text: MetadataSource,
    latest: datetime | None,
    written_days: Callable[[], set[date]],
) -> Stamp:
    """A UTC instant does not say on which day the article came out where it was published:
    another source that gives the same moment in a local zone, or a day within the world's
    zones of it (the URL's, a date without a time, a day the page writes), tells the day."""
    instant = stamp.instant
    if instant is None or instant.utcoffset():
        return stamp
    earliest, last = (instant - ZONE_WEST).date(), (instant + ZONE_EAST).date()
    others = [_valid(source.published, latest) for source in sources]
    others += [date_in_url(url) if url else None, _valid(text.published, latest, text.stamps)]
    for other in others:
        if other is None or (other.instant is not None and not other.instant.utcoffset()):
            continue
        if other.instant is not None and other.instant == instant:
            return other  # the same moment in its own zone
        if other.instant is None and earliest <= other.day <= last and other.day != stamp.day:
            return Stamp(other.day, instant)
    # else the one day of its zones the page writes, when it does not write the UTC one
    written = written_days()
    if stamp.day not in written:
        local = [day for day in written if earliest <= day <= last]
        if len(local) == 1:
            return Stamp(local[0], instant)
    return stamp


def after_markup(
    url: str | None, text: MetadataSource, latest: datetime | None
) -> tuple[Stamp | None, DateSource | None]:
    """The URL's day, else a dated line of the page text: the date shown right over the
    story (or at its start) first, as it wins over the structured sources."""
    stamp = date_in_url(url) if url else None
    if stamp is not None and not stamp.after(latest):
        return stamp, "url"
    if text.shown is not None and not text.shown.after(latest):
        return text.shown, "text"
    stamp = _valid(text.published, latest, text.stamps)
    return (stamp, "text") if stamp is not None else (None, None)


def first_date(
    sources: Sequence[MetadataSource], key: str, latest: datetime | None
) -> Stamp | None:
    for source in sources:
        stamp = _valid(getattr(source, key), latest, source.stamps)
        if stamp is not None:
            return stamp
    return None


def _valid(
    values: Sequence[str], latest: datetime | None, stamps: dict[str, Stamp] | None = None
) -> Stamp | None:
    """The first value that reads as a date no later than `latest`."""
    for value in values:
        stamp = stamps[value] if stamps and value in stamps else parse_date(value)
        if stamp is not None and not stamp.after(latest):
            return stamp
    return None
