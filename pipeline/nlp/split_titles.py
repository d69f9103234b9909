"""The story's headline and the page's title, and the lead around the headline.

`split.py`'s `_split` finds the headline among the scored blocks (`find_headline`, the title
found on the page, `html_title` or `text_title`), anchors the run on it, and takes back the
lead or standfirst a box cut off above the story (`lead_above`, `text_lead_above`). Reads the
cues and the scoring only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pipeline.nlp.blocks import BOILERPLATE, Hint, HtmlPage
from pipeline.nlp.split_cues import (
    BARRIER_PENALTY,
    BYLINE_OPENERS,
    DATELINE_MAX_WORDS,
    DIGITS,
    HEADLINE_ANCHOR_BONUS,
    HEADLINE_ANCHOR_REACH,
    HEADLINE_MIN_WORDS,
    IS_STOP_WORD,
    LEAD_BOX_REACH,
    LONG_BLOCK_WORDS,
    MIN_STOP_RATIO,
    NOT_LEAD,
    PROSE_MIN_WORDS,
    SHARE_BAR_REACH,
    STORY_JUNK,
    TEASER,
    TEASER_CUES,
    TITLE_ABOVE_OVERLAP,
    TITLE_MAX_WORDS,
    TITLE_MIN_COVER,
    TITLE_SEPARATORS,
    WORD,
)
from pipeline.nlp.split_scoring import (
    ScoredBlock,
    call_to_action,
    ends_with_stop,
    headline_like,
    is_boilerplate_text,
    may_hold,
    overlap,
    same_text,
    stop_ratio,
    title_case,
    word_tokens,
)


def find_headline(scored: Sequence[ScoredBlock], title: str | None) -> int | None:
    """The story starts just below its headline: where the title shows again as a line of
    the page. Returns the headline's index, if it shows: the title itself, else a line that
    is the title without the words before or after it (a blog's name joined without a
    separator: "Blog Name: Headline")."""
    if title is None:
        return None
    title_words = word_tokens(title)
    found: int | None = None
    opening: int | None = None  # a line that opens with the whole title ("Title - via ...")
    for index in range(1, len(scored)):
        if scored[index].words > TITLE_MAX_WORDS:
            continue
        words = scored[index].tokens
        if words == title_words:
            return index
        if (
            found is None
            and HEADLINE_MIN_WORDS < len(words) < len(title_words)
            and (title_words[: len(words)] == words or title_words[-len(words) :] == words)
        ):
            found = index
        elif (
            opening is None
            and HEADLINE_MIN_WORDS < len(title_words) < len(words)
            and _opens_with(words, title_words)
        ):
            opening = index
    if (
        found is not None
        and found + 1 < len(scored)
        and (words := scored[found].tokens) == title_words[: len(words)]
        and len(rest := scored[found + 1].tokens) > HEADLINE_MIN_WORDS
        and rest == title_words[len(words) : len(words) + len(rest)]
    ):
        # a kicker over the headline, the title joining both ("Kicker: Headline | Site"):
        # the headline is the line under it, the story's first line above
        return found + 1
    return found if found is not None else opening


def after_masthead(scored: Sequence[ScoredBlock], title: str) -> int | None:
    """Page text: a blog's title joins its name and the post's headline with no separator
    the title splitter knows ("Blog Name: Headline"). When the page shows the name as a line
    (its masthead) and the rest of the title as a later line, that line is the headline:
    returns its index."""
    title_words = word_tokens(title)
    if len(title_words) > TITLE_MAX_WORDS:
        return None
    first: dict[tuple[str, ...], int] = {}  # each short line's words, where it first shows
    for index in range(1, len(scored)):
        if scored[index].words <= TITLE_MAX_WORDS:
            first.setdefault(tuple(scored[index].tokens), index)
    # (a name no longer than the headline, which has more than HEADLINE_MIN_WORDS words)
    for cut in range(1, min(len(title_words) // 2, len(title_words) - HEADLINE_MIN_WORDS) + 1):
        name = first.get(tuple(title_words[:cut]))
        shown = first.get(tuple(title_words[cut:]))
        if name is not None and shown is not None and name < shown:
            return shown
    return None


def html_masthead_headline(
    scored: Sequence[ScoredBlock], headline: int | None, page: HtmlPage
) -> int | None:
    """HTML: a title that joins the site's name and the post's headline ("Site Name: Post",
    "Post | Site Name") where the headline found is the site's name (its part of the title,
    shown in the page's masthead, or not shown at all): the first heading below it, outside
    boilerplate, that shows another part of the title (or of og:title) is the post's own
    headline. Returns its index, or None."""
    # each reference's parts, cut at its separators (the last may be the site's name)
    split = [
        [part for part in TITLE_SEPARATORS.split(reference) if part.strip()]
        for reference in (page.title, page.og_title)
        if reference
    ]
    # (a blog's name before its post's is often set off by a bare colon: "Name: Post")
    parts = [
        [words for part in each for piece in _colon(part) if (words := word_tokens(piece))]
        for each in split
    ]
    if (
        headline is None
        and scored
        and scored[0].block.hints & Hint.HEADING
        and any(scored[0].tokens in each for each in parts)
    ):
        headline = 0  # (the page's first line, a heading that shows a title's part: its masthead)
    found = scored[headline].tokens if headline is not None else None
    if found is not None and page.og_title and word_tokens(page.og_title) == found:
        return None  # (og:title names the post alone: the line found is its headline)
    wanted: set[tuple[str, ...]] = set()  # the other parts, by their words
    for each, pieces in zip(split, parts, strict=True):
        if len(pieces) < 2 or (found is not None and found not in pieces):
            continue
        # (none found: the title's last part is the site's name, "Post | Site", whatever
        # the page shows)
        others = each if found is not None or len(each) < 2 else each[:-1]
        wanted.update(
            tuple(words)
            for part in others
            for piece in _colon(part)
            if (words := word_tokens(piece)) and words != found
        )
    if not wanted:
        return None
    shown = next(
        (
            index
            for index in range(0 if headline is None else headline + 1, len(scored))
            if _shows_part(scored[index], wanted, headline is None)
        ),
        None,
    )
    if shown is None:
        return None
    # (a section's name over the headline, both the title's parts: "Site - News » Post")
    every = {tuple(words) for pieces in parts for words in pieces}
    at = shown
    while at + 1 < len(scored) and _shows_part(scored[at + 1], every, headline is None):
        at += 1
    return at


def _shows_part(item: ScoredBlock, wanted: set[tuple[str, ...]], unanchored: bool) -> bool:
    """Whether a line is a heading outside boilerplate that shows one of the title's parts
    (`unanchored`, where no line showed the site's name: in the article's markup)."""
    return (
        bool(item.block.hints & Hint.HEADING)
        and not item.block.hints & BOILERPLATE
        and item.words <= TITLE_MAX_WORDS
        and tuple(item.tokens) in wanted
        and (not unanchored or bool(item.block.hints & Hint.ARTICLE))
    )


def _colon(part: str) -> list[str]:
    """A title's part cut at its first colon followed by a space, if any."""
    head, colon, tail = part.partition(": ")
    return [head, tail] if colon else [part]


def text_kicker_headline(scored: Sequence[ScoredBlock], title: str) -> int | None:
    """Page text: where no line shows the title, the first line that shows it after a
    kicker the page's first line holds too ("Nordkorea: Kim Jong Un - <title>" under the
    first line "Nordkorea: Kim Jong Un - <title> | Politik"), with prose within a few lines
    under it: the headline as the page shows it, where the title splitter kept its last
    part only."""
    title_words = word_tokens(title)
    if len(title_words) <= HEADLINE_MIN_WORDS or not scored:
        return None
    first = set(scored[0].tokens)
    for index in range(1, len(scored)):
        words = scored[index].tokens
        if (
            len(title_words) < len(words) <= TITLE_MAX_WORDS
            and words[-len(title_words) :] == title_words
            and first.issuperset(words[: -len(title_words)])
            and any(item.prose for item in scored[index + 1 : index + 1 + HEADLINE_ANCHOR_REACH])
        ):
            return index
    return None


def _opens_with(words: list[str], title_words: list[str]) -> bool:
    """Whether a line's words open with the whole title's."""
    return bool(title_words) and words[: len(title_words)] == title_words


def anchor_on_headline(scored: list[ScoredBlock], headline: int | None) -> None:
    """The first prose below the headline is worth more. This settles short stories that
    would otherwise lose to an "about this blog" box of the same size."""
    if headline is not None:
        for item in scored[headline + 1 : headline + 1 + HEADLINE_ANCHOR_REACH]:
            if item.prose and item.value > 0:
                item.value += HEADLINE_ANCHOR_BONUS
                break


def lead_above(scored: Sequence[ScoredBlock], headline: int | None, start: int) -> list[int]:
    """The story's opening when it stands apart above the run, between the headline and the
    body (in the article's header, with a byline, a share bar or a picture between it and
    the body): a sentence-long subtitle or standfirst (a heading or a paragraph) right under
    the headline or under its date and byline lines (_dateline), and the first prose under
    the headline, each outside any box beside the story (markup that the headline's element
    carries too, a <header> read as the site's, marks no such box on a line in that element)."""
    if headline is None or start <= headline + 1:
        return []
    above: list[int] = []
    subtitle_at = headline + 1  # (past the date or byline lines right under the headline)
    # markup the headline's own element carries (a <header> read as the site's) marks no box
    # beside the story on a line in that element
    shared = scored[headline].block.container, scored[headline].block.hints
    for index in range(headline + 1, min(start, headline + 1 + HEADLINE_ANCHOR_REACH)):
        item = scored[index]
        if index == subtitle_at and _dateline(item):
            subtitle_at += 1
            continue
        barred = NOT_LEAD
        if item.block.container == shared[0]:
            barred &= ~shared[1]
        if item.sidebar or item.value <= -BARRIER_PENALTY or item.block.hints & barred:
            break
        if item.prose and item.value > 0:
            above.append(index)
            break
        if index == subtitle_at and _subtitle(item):
            above.append(index)
    return above


def _dateline(item: ScoredBlock) -> bool:
    """A short line in byline/date markup ("01.02.2022 News"), not a barrier: what may sit
    between a headline and its standfirst."""
    return (
        bool(item.block.hints & Hint.META)
        and not item.sidebar
        and not item.prose
        and item.words <= DATELINE_MAX_WORDS
        and item.value > -BARRIER_PENALTY
    )


def text_lead_above(scored: Sequence[ScoredBlock], headline: int | None, start: int) -> list[int]:
    """Page text: the story's opening when the run starts below it: the standfirst
    (_text_standfirst) and the first paragraph within HEADLINE_ANCHOR_REACH lines under the
    headline, past bylines and dates, when a box of related links with their dates (barriers)
    cuts it off from the rest of the story. A sidebar headline, a comments heading or a line
    that closes a story stops the search."""
    if headline is None or start <= headline + 1:
        return []
    above = _text_standfirst(scored, headline, start)
    if start - 1 <= headline + LEAD_SENTENCE_REACH and _lead_sentence(scored[start - 1]):
        above.append(start - 1)
    for index in range(headline + 1, min(start, headline + 1 + HEADLINE_ANCHOR_REACH)):
        item = scored[index]
        if (
            (item.sidebar and not item.age)
            or item.value == -math.inf
            or item.story_end
            or item.related
        ):
            break
        if item.prose and item.value > 0:
            # (only where a barrier, such as the dates of a box's headlines, stands between
            # it and the run: a blurb under a site's name has no such box below it)
            # (a tagline under a site's name is in title case; a comments tab is no box)
            if (
                index not in above
                and not title_case(item)
                and any(
                    -math.inf < other.value <= -BARRIER_PENALTY
                    for other in scored[index + 1 : min(start, index + LEAD_BOX_REACH)]
                )
            ):
                above.append(index)
            break
    return above


# Page text: a short sentence right over the story's run, this few lines under the headline,
# is the story's one-line lead ("You know the feeling!", "This post is non-partisan.").
LEAD_SENTENCE_REACH = 4
LEAD_SENTENCE_MIN_WORDS, LEAD_SENTENCE_MAX_WORDS = 3, 20
SENTENCE_ENDS = (".", "!", "?", "…")


def _lead_sentence(item: ScoredBlock) -> bool:
    """Page text: a line that reads as a short sentence of the story's own, too short to be
    prose: it ends as a sentence does, in sentence case, with no date, byline, pitch,
    boilerplate or any box's mark."""
    text = item.block.text
    return (
        LEAD_SENTENCE_MIN_WORDS <= item.words <= LEAD_SENTENCE_MAX_WORDS
        and not item.prose
        and text.endswith(SENTENCE_ENDS)
        and not title_case(item)
        and item.value > -BARRIER_PENALTY
        and not (item.sidebar or item.junk or item.age or item.related or item.story_end)
        and item.tokens[0] not in BYLINE_OPENERS
        and DIGITS.isdisjoint(text)
        and not is_boilerplate_text(item)
        and not call_to_action(item)
    )


def _text_standfirst(scored: Sequence[ScoredBlock], headline: int | None, start: int) -> list[int]:
    """Page text: the standfirst, a sentence in sentence case under the headline, when a
    share bar, a byline or a date stands between it and the story's run (within
    SHARE_BAR_REACH lines): on the line right under the headline, or below a byline or a
    date there where no box's label or heading lies between the headline and the run. A
    headline of another article is in title case; a blurb beside the story does not sit
    right under its headline."""
    if headline is None or not headline + 1 < start <= headline + SHARE_BAR_REACH:
        return []
    # (right under the headline, a standfirst may be telegraphic: few function words, "Sender
    # wieder aktiv – Erfreuliche Flugdaten aus ...")
    if _standfirst_like(scored[headline + 1], telegraphic=True):
        return [headline + 1]
    found = None
    for index in range(headline + 2, start):
        item = scored[index]
        if (
            item.sidebar
            or item.related
            or item.value == -math.inf
            or item.story_end
            or item.block.text.endswith(":")
        ):
            return []
        if found is None and _standfirst_like(item):
            found = index
    return [] if found is None else [found]


def _standfirst_like(item: ScoredBlock, telegraphic: bool = False) -> bool:
    """A line that reads as a standfirst: a sentence of PROSE_MIN_WORDS to LONG_BLOCK_WORDS
    words in sentence case, no byline, dateline, pitch, teaser or boilerplate; with
    MIN_STOP_RATIO of function words unless `telegraphic`."""
    text = item.block.text
    return not (
        item.words < PROSE_MIN_WORDS
        or item.words > LONG_BLOCK_WORDS
        or item.sidebar
        or item.junk
        or item.age
        or item.related
        or item.value <= -BARRIER_PENALTY
        or (not telegraphic and stop_ratio(item.tokens) < MIN_STOP_RATIO)
        or not DIGITS.isdisjoint(text)  # a dateline, "by Jane Doe on May 2, 2012 at 9:30"
        or item.tokens[0] in BYLINE_OPENERS
        or STORY_JUNK.match(text)
        or is_boilerplate_text(item)
        or call_to_action(item)
        or (may_hold(item.lower, TEASER_CUES) and TEASER.search(text))
        or title_case(item)
        or text.endswith(("…", "..."))  # (a teaser's blurb, cut off to fit its box)
    )


def _subtitle(item: ScoredBlock) -> bool:
    """A line that reads as a sentence (a heading, a paragraph or a bare <div>'s text; no list
    item or table row): a subtitle or a standfirst, not a label or a kicker."""
    return (
        not item.block.hints & (Hint.LIST_ITEM | Hint.TABLE_ROW)
        and item.words >= PROSE_MIN_WORDS
        and not item.block.link_chars
        and stop_ratio(item.tokens) >= MIN_STOP_RATIO
    )


def lines_below(scored: Sequence[ScoredBlock], headline: int) -> tuple[int, int]:
    """The lines right under the headline, up to the next heading or sidebar region: the
    whole story of a post that is a picture and a caption, with no prose to make a run."""
    end = headline + 1
    while end < min(len(scored), headline + 1 + HEADLINE_ANCHOR_REACH):
        item = scored[end]
        if (
            item.sidebar
            or item.value <= -BARRIER_PENALTY
            or item.block.hints & (Hint.HEADING | BOILERPLATE)
        ):
            break
        end += 1
    return headline + 1, end


# --------------------------------------------------------------------------------------------
# Title


def text_title(scored: Sequence[ScoredBlock]) -> str | None:
    """Page text: the first line, when it reads as a headline."""
    if not scored:
        return None
    first = scored[0]
    text = first.block.text
    if first.sidebar or first.words > TITLE_MAX_WORDS or not headline_like(first):
        return None
    if ends_with_stop(text) and not text.endswith(("?", "!")):
        return None
    parts = [part.strip() for part in TITLE_SEPARATORS.split(text) if part.strip()]
    if len(parts) > 1:
        # when the longest part does not show as a line of its own and just one other part
        # does, that part is the headline, though shorter than the blog's name ("The
        # Curious Brain » Sam Falconer", with "Sam Falconer" over the post)
        # (a part less than half the longest's length is the site's name, shown or not)
        least = max(HEADLINE_MIN_WORDS, (len(word_tokens(_strip_site_name(text))) + 1) // 2)
        wanted = [words for part in parts if len(words := word_tokens(part)) >= least]
        sizes = {len(words) for words in wanted}
        lines: dict[tuple[str, ...], list[int]] = {}  # where each part shows as a line
        for index in range(1, len(scored)):
            item = scored[index]
            if len(item.tokens) in sizes and item.tokens in wanted:
                lines.setdefault(tuple(item.tokens), []).append(index)
        shown = list(lines.values())
        if (
            len(shown) == 1
            and len(shown[0]) == 1  # (shown more often, it heads teasers of the story too)
            # (a story under it: not a footer's link, nor a masthead over an about box)
            and any(item.prose for item in scored[shown[0][0] + 1 : shown[0][0] + 3])
            and find_headline(scored, _strip_site_name(text)) is None
        ):
            return scored[shown[0][0]].block.text
    return _strip_site_name(text)


# Page text: a line over the story is the headline shown when it shares this many words with
# the title or more.
TITLE_ABOVE_SHARED = 2


def headline_above(scored: Sequence[ScoredBlock], start: int, title: str) -> str:
    """Page text: the first line is the page's <title>; the headline shown above the story
    often says more ("Two charged in murder of teen..." for "Two charged in teen's murder").
    The nearest headline-like line above the story that shares most of its words, and two
    or more, wins."""
    title_words = set(word_tokens(title))
    for item in reversed(scored[max(1, start - HEADLINE_ANCHOR_REACH) : start]):
        text = item.block.text
        if (
            headline_like(item)
            and item.words <= TITLE_MAX_WORDS
            and overlap(text, title) >= TITLE_ABOVE_OVERLAP
            # (a word in common is chance: a section's label, "Tram news" over "... tram stops")
            and len(title_words.intersection(item.tokens)) >= TITLE_ABOVE_SHARED
        ):
            return text
    return title


def html_headline_above(
    scored: Sequence[ScoredBlock], start: int, title: str | None, page: HtmlPage
) -> str | None:
    """HTML: the nearest heading above the story that the <title> or og:title carries is the
    headline: blogs often put the site's name in the h1 or og:title (and show it above the
    post too) and the post's headline in an h2 right over the post."""
    references = [reference for reference in (page.title, page.og_title) if reference]
    # the story's first paragraph: a run may open on a date or a byline line
    lead = next((i for i in range(start, len(scored)) if scored[i].prose), start)
    for item in reversed(scored[max(0, lead - HEADLINE_ANCHOR_REACH) : lead]):
        text = item.block.text
        if title is not None and same_text(text, title):
            return title
        if (
            item.block.hints & Hint.HEADING
            and headline_like(item)
            and item.words <= TITLE_MAX_WORDS
            and any(_shares_title(item, reference) for reference in references)
            and not _site_part_only(item, page.title, title)
        ):
            return text
    return title


def _site_part_only(item: ScoredBlock, reference: str | None, title: str | None) -> bool:
    """Whether a heading shares words with the <title> only in its last part, the site's
    name, where the headline found shares none with that part ("Headline | Football News |
    Sky Sports"): the site's name over a box ("Sky Bet") or in the byline ("The Daily
    Post"), no headline."""
    if not reference or title is None:
        return False
    parts = [
        part for part in (word_tokens(piece) for piece in TITLE_SEPARATORS.split(reference)) if part
    ]
    if len(parts) < 2 or not set(parts[-1]).isdisjoint(word_tokens(title)):
        return False
    words = {word for word in item.tokens if not IS_STOP_WORD(word)}
    rest = {word for part in parts[:-1] for word in part}
    return bool(words & set(parts[-1])) and not words & rest


def _shares_title(item: ScoredBlock, reference: str) -> bool:
    """Whether TITLE_ABOVE_OVERLAP of the heading's words other than function words are the
    title's: a blog's name over the post ("The Consumer") shares no more than "the"."""
    words = {word for word in item.tokens if not IS_STOP_WORD(word)}
    if not words:
        return overlap(item.block.text, reference) >= TITLE_ABOVE_OVERLAP
    return len(words & set(word_tokens(reference))) >= TITLE_ABOVE_OVERLAP * len(words)


def html_title(page: HtmlPage) -> str | None:
    """HTML: the h1 that agrees with og:title or <title>, else og:title, else <title>."""
    references = [_strip_site_name(title) for title in (page.og_title, page.title) if title]
    for h1 in page.h1:
        words = len(WORD.findall(h1))
        if words > TITLE_MAX_WORDS:
            continue
        # the h1 must carry the headline, not just the site name that the <title> repeats
        if any(
            overlap(h1, reference) >= 0.6
            and words >= TITLE_MIN_COVER * len(WORD.findall(reference))
            for reference in references
        ):
            return h1
    if page.og_title:
        return _strip_site_name(page.og_title)
    if page.title:
        return _strip_site_name(page.title)
    for h1 in page.h1:
        if 0 < len(WORD.findall(h1)) <= TITLE_MAX_WORDS:
            return h1
    return None


def _strip_site_name(title: str) -> str:
    """Drop a site name joined by " | ", " - "...: the headline is the longest part."""
    parts = [part.strip() for part in TITLE_SEPARATORS.split(title) if part.strip()]
    if len(parts) < 2:
        return title.strip()
    longest = max(parts, key=lambda part: len(WORD.findall(part)))
    if len(WORD.findall(longest)) < 3:
        return title.strip()  # too short to be the headline on its own: keep everything
    return longest
