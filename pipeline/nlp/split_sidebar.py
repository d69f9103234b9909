"""The sidebar: other articles' headlines on the page, as `SidebarEntry`s.

Claimed from the scored blocks (`split_scoring.py`) by `split.py`'s `_split`: headlines that
come with an age (`claim_age_pairs`, before the run is chosen, so the pairs cost) and, on
HTML, links in lists or under a "Related" heading outside the story (`claim_lists`).
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from urllib.parse import urljoin

from pipeline.models import SidebarEntry
from pipeline.nlp.ages import clean_age, is_age, resolve_age, split_trailing_age
from pipeline.nlp.blocks import Block, Hint, HtmlPage
from pipeline.nlp.sanitize import safe_url
from pipeline.nlp.split_cues import (
    BARRIER_PENALTY,
    HEADLINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    SIDEBAR_HEADING,
    SIDEBAR_MIN_WORDS,
    WORD,
)
from pipeline.nlp.split_scoring import ScoredBlock, headline_like


def claim_age_pairs(
    scored: list[ScoredBlock], page: HtmlPage | None, fetched_at: datetime | None
) -> list[tuple[int, SidebarEntry]]:
    """Headlines shown with an age, on the same line or the next: the surest sidebar sign.

    Claimed blocks become barriers so the story run cannot take them in.
    """
    entries: list[tuple[int, SidebarEntry]] = []
    for index, item in enumerate(scored):
        if item.sidebar:
            continue
        text = item.block.text
        headline: ScoredBlock | None = None
        age: str | None = None
        if item.age and index > 0:
            previous = scored[index - 1]
            if not previous.sidebar and headline_like(previous):
                headline, age = previous, clean_age(text)
                item.sidebar = True
                item.value = -BARRIER_PENALTY
        elif (pair := split_trailing_age(text)) is not None:
            head_text, age = pair
            if HEADLINE_MIN_WORDS <= len(WORD.findall(head_text)) <= HEADLINE_MAX_WORDS:
                headline = item
        elif (pair := _html_link_and_age(item.block)) is not None:
            headline, age = item, pair[1]
        if headline is None or age is None:
            continue
        headline.sidebar = True
        headline.value = -BARRIER_PENALTY
        head_text = headline.block.text
        if headline is item:
            pair = _html_link_and_age(item.block) or split_trailing_age(head_text)
            head_text = pair[0] if pair is not None else head_text
        position = index - 1 if headline is not item else index
        entries.append((position, _entry(head_text, age, headline.block.href, page, fetched_at)))
    return entries


def _html_link_and_age(block: Block) -> tuple[str, str] | None:
    """An HTML block holding a headline link and, outside the link, an age or a <time>."""
    link_text = block.link_text
    if not link_text or not block.href or len(WORD.findall(link_text)) < SIDEBAR_MIN_WORDS:
        return None
    rest = block.text.replace(link_text, " ", 1)
    if is_age(rest):
        return link_text, clean_age(rest)
    for shown in block.time_texts:
        if is_age(shown):
            return link_text, clean_age(shown)
    return None


def claim_lists(
    scored: list[ScoredBlock],
    story: set[int],
    page: HtmlPage | None,
    fetched_at: datetime | None,
) -> list[tuple[int, SidebarEntry]]:
    """Headlines outside the story's blocks (`story`: their indexes) that sit under a
    "Related"/"Most read" heading, or (HTML) headline links inside sidebar-like markup."""
    entries: list[tuple[int, SidebarEntry]] = []
    under_heading = False
    for index, item in enumerate(scored):
        if index in story:
            under_heading = False
            continue
        text = item.block.text
        if item.sidebar:
            continue
        if SIDEBAR_HEADING.match(text):
            under_heading = True
            continue
        block = item.block
        is_link = page is not None and block.href is not None and block.link_density > 0.6
        if not (item.words >= SIDEBAR_MIN_WORDS and headline_like(item)):
            if not item.age:
                under_heading = under_heading and item.words <= 2  # a label inside the list
            continue
        if page is not None:
            in_list = bool(block.hints & (Hint.SIDEBAR | Hint.LIST_ITEM | Hint.HEADING))
            excluded = block.hints & (
                Hint.NAV | Hint.FOOTER | Hint.COMMENTS | Hint.SOCIAL | Hint.AD
            )
            if not is_link or excluded or not (under_heading or in_list):
                continue
            if not _real_link(block.href):
                continue
        elif not under_heading:
            continue
        age = None
        if index + 1 < len(scored) and scored[index + 1].age:
            age = clean_age(scored[index + 1].block.text)
        item.sidebar = True
        headline = block.link_text if page is not None and block.link_text else text
        entries.append((index, _entry(headline, age, block.href, page, fetched_at)))
    return entries


def _real_link(href: str | None) -> bool:
    """A link to another page: http(s) or relative, not a fragment of this one."""
    url = safe_url(href) if href else None
    return url is not None and not url.startswith("#")


def _entry(
    headline: str,
    age: str | None,
    href: str | None,
    page: HtmlPage | None,
    fetched_at: datetime | None,
) -> SidebarEntry:
    url: str | None = None
    if page is not None and href and (url := safe_url(href)) is not None and page.base_url:
        with suppress(ValueError):  # malformed base or href: keep the link as written
            url = safe_url(urljoin(page.base_url, url))
    return SidebarEntry(
        headline=headline.strip(),
        age=age or None,
        published_at=resolve_age(age, fetched_at) if age else None,
        url=url,
    )
