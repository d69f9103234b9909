"""Split a news page into its headline, its story and the other articles' headlines.

The page is cut into blocks (`blocks.py`). Each block gets a value from its features: long,
punctuated, stop-word-rich text is worth its word count; short lines, link lists, lines marked
as boilerplate by the markup, and headline-plus-age pairs cost. The story is the contiguous run
of blocks with the largest total value (a maximum-sum subarray), so short lines inside a story,
such as subheads, stay while navigation and sidebars around it go; link-free lines inside
article markup cost little, so lists and tables do not break a story in two. Byline, credit
and share lines are then dropped from inside the run, but short lines that sit beside the
story's paragraphs in the same element stay, and so does a list that a story line announces
with a colon; captions and author boxes ("meta" markup) at the run's ends are trimmed like
sidebar boxes, and inside the run (figcaption, caption/credit and author-bio classes, and
sign-up, promo, form and footer boxes) unless the story is told in them. "Read also"
lead-ins in several languages open a box of links like "Related stories", and a heading left
with no story after it, or a publisher's pitch or disclosure at either end (subscribe, support
us, our app, affiliate links, licence notes), is dropped; on HTML, so is a small box of its
own that opens with a heading or a pitch and holds a pitch (inside the story) or sits after
the story's element, a gallery's box of captions beside a story, and teasers of other
articles (side by side, each a headline or "read more" link and a blurb) that the story runs
into at either end. On HTML the headline is the heading right over the story that the
<title> carries, where the h1 or og:title is only the site's name, and a story run that
crosses its headline starts under it. Headlines outside the story that come with an age, sit
under a "Related" / "Most read" heading, or (HTML) are links in sidebar
lists become `SidebarEntry`s. Page text, which has no markup, gets rules of its own: a
thread is also told by its commenters' names alone on lines, a blog's "About" box, its
disclaimer and a cookie-consent dialog (its toggles' labels and its purposes' prose) never
outweigh a short post, a bare "Autor" heading over a bio ends the story, a teaser's headline
cut off with an ellipsis is no sentence, and the standfirst, a lead cut off by a box of
dated links, a list announced with a colon, a bulleted list the story runs into and short
closing sentences under its last paragraph are the story's, a box of title-case headlines
inside it is not; a table of figures or a live blog's timed entries do not cut it, and a
title's part that the page shows alone over the post is its headline, though shorter than
the site's name.
Everything is linear in the page size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pipeline.budget import WorkBudget
from pipeline.models import ContentType, SidebarEntry
from pipeline.nlp.ages import is_age
from pipeline.nlp.blocks import BOILERPLATE, Block, Hint, HtmlPage, html_blocks, text_blocks
from pipeline.nlp.split_boxes import (
    _mark_about_boxes,
    _mark_bio_headings,
    _mark_comment_forms,
    _mark_comments,
    _mark_consent_dialogs,
    _mark_cut_teasers,
    _mark_embed_placeholders,
    _mark_galleries,
    _mark_related_labels,
    _mark_share_prompts,
    _mark_signed_comments,
    _mark_signup_boxes,
    _mark_slide_galleries,
    _mark_text_tables,
)
from pipeline.nlp.split_cues import (
    _ASIDE_ANY,
    _BULLETS,
    _CLOSERS,
    _CLOSING_NOTE,
    _LINKS_OPENERS,
    _NOT_STORY_EDGE,
    _SOCIAL_LINE,
    _STORY_JUNK,
    _TEXT_AD_DISCLOSURE,
    _TEXT_CUE_WORDS,
    _TEXT_SUPPORT_ASK,
    _WORD,
    AFTER_BOX_SHARE,
    ASIDE_HINTS,
    ASIDE_MAX_BLOCKS,
    ASIDE_STORY_SHARE,
    BARRIER_PENALTY,
    BUDGET_CHECK_BLOCKS,
    CAPTION_MINOR_SHARE,
    CLOSING_NOTE_MAX_WORDS,
    CONFIDENT_STORY_WORDS,
    GALLERY_STORY_MIN_WORDS,
    HEADLINE_ANCHOR_REACH,
    HEADLINE_BOX_MIN_LINES,
    LIST_ITEM_MIN_WORDS,
    LONG_BLOCK_WORDS,
    MAIN_CONTAINER_SHARE,
    MAX_AGE_WORDS,
    MAX_PROSE_LINK_DENSITY,
    META_EDGE_SHARE,
    MIN_PROSE_BEFORE_COMMENTS,
    NESTED_STORY_HINTS,
    PAGE_TEXT_ITEMS,
    PITCH_BOX_SHARE,
    PROSE_MIN_WORDS,
    SIDEBAR_MIN_WORDS,
    TEASER_DEPTH,
    TEASER_MAX_LINES,
    TEASER_MAX_WORDS,
    TEASER_MIN_ITEMS,
    TEASER_REACH,
    TEASER_SHARE,
    TEXT_CLOSING_LINES,
    TEXT_HEADLINE_MAX_WORDS,
    TINY_STORY_VALUE,
)
from pipeline.nlp.split_scoring import (
    _call_to_action,
    _ends_with_stop,
    _headline_like,
    _is_boilerplate_text,
    _same_text,
    _score,
    _Scored,
    _stop_words_apply,
    _title_case,
    _words,
)
from pipeline.nlp.split_sidebar import _claim_age_pairs, _claim_lists
from pipeline.nlp.split_titles import (
    _after_masthead,
    _anchor_on_headline,
    _find_headline,
    _headline_above,
    _html_headline_above,
    _html_title,
    _lead_above,
    _lines_below,
    _text_lead_above,
    _text_title,
)

__all__ = ["PageSplit", "split_page", "split_story_only"]


@dataclass(frozen=True, slots=True)
class PageSplit:
    title: str | None  # the page's headline
    paragraphs: list[str]  # the main story, without its title, in order
    confidence: float  # 0..1, how sure the split is
    sidebar: list[SidebarEntry]  # other articles' headlines on the page, page order
    # What the split read, for the stages after it (metadata): the parsed HTML page, or the
    # page text's lines, and the index of the story's first block among them.
    page: HtmlPage | None = None
    blocks: Sequence[Block] = ()
    story_start: int = 0


# --------------------------------------------------------------------------------------------
# Public functions


def split_page(
    body: str,
    content_type: ContentType,
    fetched_at: datetime | None = None,
    budget: WorkBudget | None = None,
) -> PageSplit:
    """Split a whole page (HTML, or page text with one visible block per line); `budget`, if
    given, is checked between blocks (its StageError, too_slow, goes up)."""
    if content_type == "text/html":
        page = html_blocks(body, budget)
        return _split(page.blocks, page, fetched_at, budget)
    return _split(text_blocks(body), None, fetched_at, budget)


def split_story_only(body: str) -> PageSplit:
    """The body is already the story: one paragraph per line, hard-wrapped lines rejoined.

    Confidence is 1.0, or 0.0 when the body holds no text at all."""
    paragraphs: list[str] = []
    for chunk in re.split(r"\n\s*\n", body):
        lines = [" ".join(line.split()) for line in chunk.splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    # Nothing to split, so sure, unless there is no text at all (then no story, as for pages).
    confidence = 1.0 if paragraphs else 0.0
    return PageSplit(title=None, paragraphs=paragraphs, confidence=confidence, sidebar=[])


# --------------------------------------------------------------------------------------------
# The decision


def _check(budget: WorkBudget | None, index: int = 0) -> None:
    """Check the budget every BUDGET_CHECK_BLOCKS blocks (a clock read costs a system call)."""
    if budget is not None and index % BUDGET_CHECK_BLOCKS == 0:
        budget.check("split")


def _split(
    blocks: list[Block],
    page: HtmlPage | None,
    fetched_at: datetime | None,
    budget: WorkBudget | None = None,
) -> PageSplit:
    _check(budget)
    lowers = [block.text.lower() for block in blocks]
    tokens = [_WORD.findall(lower) for lower in lowers]
    stop_words_apply = _stop_words_apply(tokens)
    scored: list[_Scored] = []
    for index, (block, lower, block_tokens) in enumerate(zip(blocks, lowers, tokens, strict=True)):
        _check(budget, index)
        scored.append(_score(_Scored(block, lower, block_tokens), stop_words_apply, page is None))
    for item in scored:
        item.age = item.words <= MAX_AGE_WORDS and is_age(item.block.text)
    _check(budget)
    if page is None:
        _mark_galleries(scored)
        _mark_slide_galleries(scored)
        _mark_signup_boxes(scored)
        _mark_about_boxes(scored)
        _mark_consent_dialogs(scored)
        _mark_cut_teasers(scored)
        _mark_bio_headings(scored)
        _mark_text_tables(scored)
        cued = [i for i, item in enumerate(scored) if not _TEXT_CUE_WORDS.isdisjoint(item.tokens)]
        _mark_comment_forms(scored, cued)
        _mark_embed_placeholders(scored, cued)
        _mark_related_labels(scored, cued)
        _mark_share_prompts(scored, cued)
    sidebar = _claim_age_pairs(scored, page, fetched_at)
    _check(budget)
    title = _html_title(page) if page is not None else _text_title(scored)
    headline = _find_headline(scored, title)
    if page is None and title is not None and (shown := _after_masthead(scored, title)):
        headline = shown
        title = scored[headline].block.text
    # (page text only: in HTML the count that links to the thread is a link, never a heading)
    if page is None:
        _mark_signed_comments(scored)
    thread = _mark_comments(scored, headline if page is None else None, page is None)
    _anchor_on_headline(scored, headline)
    if headline is not None and page is not None:
        title = scored[headline].block.text  # the headline as the page shows it
    start, end, best, runner_up = _best_run(scored, thread)
    if (
        page is None
        and headline is not None
        and start < headline < end - 1
        and title is not None
        and scored[headline].tokens == _words(title)
    ):
        # page text: a run that crosses the story's own headline (the whole title, not a
        # line that is only its end or start: that may be a subhead) took in the boxes
        # above it (an "about" blurb, a menu of teasers): the story starts below it
        low, high, value = _max_run(scored, headline + 1, end)
        if value > 0:
            runner_up = max(runner_up, best - value)
            start, end, best = low, high, value
    if (
        page is not None
        and headline is not None
        and start < headline < end - 1
        and scored[headline].block.hints & Hint.HEADING
    ):
        # HTML: a run that crosses the story's headline (a heading: a line of a list may
        # repeat the title) took in the boxes above it: the story starts below it
        low, high, value = _max_run(scored, headline + 1, end)
        if value > 0:
            runner_up = max(runner_up, best - value)
            start, end, best = low, high, value
    _check(budget)
    if page is None and headline is not None and headline < start:
        # page text: the headline shown again right over the run (a page that holds the
        # story twice, for two layouts) is the story's own
        for index in range(start - 1, max(headline, start - 1 - HEADLINE_ANCHOR_REACH), -1):
            if scored[index].tokens == scored[headline].tokens:
                headline = index
                break
    tiny = False  # the story is the lines under the headline, with no prose to go by
    if (
        headline is not None
        and best < TINY_STORY_VALUE
        and not (
            headline < start <= headline + HEADLINE_ANCHOR_REACH
            and not all(item.block.hints & _NOT_STORY_EDGE for item in scored[start:end])
        )
    ):
        # too little prose to find a story by: a post that is a picture and a caption, say;
        # the lines under the headline beat a stray blurb elsewhere on the page
        below = _lines_below(scored, headline)
        if below[1] > below[0]:
            runner_up = max(runner_up, best)
            (start, end), best = below, max(best, 1.0)
            tiny = True
    if page is None and best > 0:
        # page text: a bulleted list the run starts or ends in is the story's whole (its
        # short items cost as lines do, and the run took in only its longer ones)
        while (
            start > (0 if headline is None else headline + 1)
            and _bulleted(scored[start - 1])
            and (start == end or _bulleted(scored[start]) or scored[start].prose)
        ):
            start -= 1
        while end < thread and _bulleted(scored[end]) and _bulleted(scored[end - 1]):
            end += 1
    paragraphs: list[str] = []
    story_words = 0
    boxed: set[int] = set()
    if page is None and title is not None and best > 0:
        title = _headline_above(scored, start, title)
    elif page is not None and best > 0:
        title = _html_headline_above(scored, start, title, page)
    if best > 0:
        main = _main_container(scored[start:end]) if page is not None else None
        if page is not None:
            above = _lead_above(scored, headline, start)
        else:  # (page text: only a standfirst right under the headline, by its shape)
            above = _text_lead_above(scored, headline, start)
        first, last = min([start, *above]), end
        if main is not None and (  # take in the story's parts that the run left out
            members := [
                i
                for i, item in enumerate(scored)
                if item.block.container == main
                or (main in item.block.ancestors and not item.block.hints & BOILERPLATE)
            ]
        ):
            first, last = min(first, members[0]), max(end, members[-1] + 1)
        story_containers = {
            item.block.container for item in scored[start:end] if item.prose and item.value > 0
        }
        aside = _aside_hints(scored[start:end]) if page is not None else Hint.NONE
        # (page text: a box of other articles' headlines inside the run)
        headline_box = _text_headline_boxes(scored, start, end) if page is None else set()
        kept: list[_Scored] = []  # the story's blocks, as `paragraphs` holds their text
        in_box = False  # under a "Related stories" heading inside the story
        introduced = False  # the last story line ends with a colon: a list follows
        linked: list[_Scored] = []  # lines of links among the story's paragraphs, on hold
        following = first
        while following < last or (
            introduced
            and following < len(scored)
            and _listed(scored[following], page is None, following < thread)
        ):
            index, following = following, following + 1
            _check(budget, index)
            item = scored[index]
            if index >= end and item.value == -math.inf:
                break  # the comment thread's heading, past the run: the story has ended
            if introduced and _listed(item, page is None, index < thread):
                # the list a story line announces ("You will need:", "Other deals:") is
                # story, even where its items are links or sit past the run's end
                paragraphs.append(item.block.text)
                story_words += item.words
                kept.append(item)
                continue
            introduced = False
            if item.related:
                in_box = True
                boxed.add(index)
                continue
            if in_box and not item.prose:
                boxed.add(index)  # the box's headlines go to the sidebar, not the story
                continue
            in_box = False
            if index in headline_box:
                boxed.add(index)  # (the box's headlines go to the sidebar)
                continue
            inside = (
                start <= index < end
                or index in above
                or item.block.container == main
                # lists and subheads nested in the story's element belong to it too
                or (
                    main in item.block.ancestors
                    and bool(item.block.hints & NESTED_STORY_HINTS)
                    and not item.block.hints & BOILERPLATE
                )
            )
            if (
                inside
                and item.value > -BARRIER_PENALTY
                and _is_story_line(item, title, page, story_containers, aside)
                # (page text: under a tiny post's headline, a line of a word or two is a
                # label or a button: "Pin It", "Permalink", "ABOUT")
                and not (tiny and page is None and item.words < LIST_ITEM_MIN_WORDS)
            ):
                if linked and item.prose:
                    # the story goes on past links in its text: they were its own lines
                    paragraphs.extend(line.block.text for line in linked)
                    story_words += sum(line.words for line in linked)
                    kept.extend(linked)
                linked.clear()
                paragraphs.append(item.block.text)
                story_words += item.words
                kept.append(item)
                # (in page text, not a heading over other articles: "More from us:")
                introduced = item.block.text.endswith(":") and not (
                    page is None and bool(item.tokens) and item.tokens[0] in _LINKS_OPENERS
                )
            elif inside and kept and _linked_story_line(item, story_containers, aside):
                linked.append(item)
        if page is None and kept and kept[-1] is scored[following - 1]:
            # page text: the story's last words are often a short sentence ("Check out the
            # trailer below.", "Have a fun weekend!"): a line, to the run, that it stops at
            for index in range(following, min(following + TEXT_CLOSING_LINES, thread)):
                item = scored[index]
                if not _text_closing_line(item):
                    break
                paragraphs.append(item.block.text)
                story_words += item.words
                kept.append(item)
        if page is None and kept and (note := _text_note_after(kept)) < len(kept):
            # page text: an author's bio under the story closes it, with what follows it
            # (their role, a video's teaser, the site's blurb)
            del kept[note:], paragraphs[note:]
            story_words = sum(item.words for item in kept)
        if page is not None and kept:
            # the publisher's pitch in a box of its own among the story's paragraphs
            pitch = _pitch_boxes(scored[first:last], main, kept, story_words)
            if pitch:
                kept = [item for item in kept if item.block.container not in pitch]
            # ...and teasers of other articles that the story runs into at either end
            lead, tail = _teaser_edges(scored, first, last, main, kept)
            if lead or tail < len(kept):
                kept = kept[lead:tail]
            # ...and a box after the story's element ("More from us", a course's ad)
            del kept[_box_after(kept, main, scored) :]
            paragraphs = [item.block.text for item in kept]
            story_words = sum(item.words for item in kept)
        # a heading or a colon line with no story after it announces something else (a box
        # of links, a map, a sign-up form), not the story's next part
        while kept and (
            _dangling(kept[-1])
            or _call_to_action(kept[-1])
            or (len(kept) > 1 and _closing_note(kept[-1]))
        ):
            story_words -= kept.pop().words
            paragraphs.pop()
        # ...and a disclosure or a pitch above the story is the publisher's too
        lead = 0
        while lead < len(kept) - 1 and _call_to_action(kept[lead]):
            story_words -= kept[lead].words
            lead += 1
        if lead:
            del kept[:lead], paragraphs[:lead]
        # paragraphs the page shows twice in a row (a story repeated for another layout) are
        # told once; a single repeat (a refrain, a quote taken up again) stays
        told: list[str | None] = [item.lower if item.prose else None for item in kept]
        first_told: dict[str, int] = {}
        copies: set[int] = set()
        for position, text in enumerate(told):
            if text is None:
                continue
            earlier = first_told.setdefault(text, position)
            if earlier != position and (
                (position + 1 < len(told) and told[position + 1] == told[earlier + 1])
                or (earlier > 0 and told[position - 1] == told[earlier - 1] is not None)
            ):
                copies.add(position)
        if copies:
            kept = [item for position, item in enumerate(kept) if position not in copies]
            paragraphs = [
                text for position, text in enumerate(paragraphs) if position not in copies
            ]
            story_words = sum(item.words for item in kept)
    story = set(paragraphs)
    _check(budget)
    sidebar.extend(
        entry
        for entry in _claim_lists(
            scored, set(range(start, end if best > 0 else start)) - boxed, page, fetched_at
        )
        # neither a story line nor a link to the page itself
        if entry[1].headline not in story
        and not (title is not None and _same_text(entry[1].headline, title))
    )
    sidebar.sort(key=lambda pair: pair[0])
    return PageSplit(
        title=title,
        paragraphs=paragraphs,
        confidence=_confidence(story_words, best, runner_up),
        sidebar=[entry for _, entry in sidebar],
        page=page,
        blocks=blocks,
        story_start=start if best > 0 else 0,
    )


def _best_run(scored: Sequence[_Scored], thread: int) -> tuple[int, int, float, float]:
    """The contiguous run with the largest total value (Kadane), and the best run outside it.

    The story comes before the comment thread (which starts at `thread`): when prose above
    the thread makes a run of its own, one long comment below cannot take its place."""
    start, end, best = _max_run(scored, 0, thread)
    if best < MIN_PROSE_BEFORE_COMMENTS:
        start, end, best = _max_run(scored, 0, len(scored))
    # a sidebar box (an "about" blurb, a teaser) at either end of the run is not the story's;
    # nor is a caption or an author's bio, unless the story itself sits in "meta" markup
    prose = [item for item in scored[start:end] if item.prose and item.value > 0]
    meta = sum(item.value for item in prose if item.block.hints & Hint.META)
    edge = _NOT_STORY_EDGE
    if meta < META_EDGE_SHARE * sum(item.value for item in prose):
        edge |= Hint.META
    while end - start > 1 and scored[start].block.hints & edge:
        best -= scored[start].value
        start += 1
    while end - start > 1 and scored[end - 1].block.hints & edge:
        best -= scored[end - 1].value
        end -= 1
    if best <= 0:
        return 0, 0, 0.0, 0.0
    before = _max_run(scored, 0, start)[2]
    after = _max_run(scored, end, len(scored))[2]
    return start, end, best, max(before, after, 0.0)


def _max_run(scored: Sequence[_Scored], lo: int, hi: int) -> tuple[int, int, float]:
    best, best_start, best_end = 0.0, lo, lo
    total, run_start = 0.0, lo
    for index in range(lo, hi):
        value = scored[index].value
        if total <= 0:
            total, run_start = value, index
        else:
            total += value
        if total > best:
            best, best_start, best_end = total, run_start, index + 1
    return best_start, best_end, best


def _main_container(run: Sequence[_Scored]) -> int | None:
    """The HTML element that holds most of the run's prose, when one clearly does: the
    innermost element around that share of it, so a story whose paragraphs sit in two
    sibling elements (a lede box and the body, text and a list) is found whole."""
    weights: dict[int, float] = {}
    total = 0.0
    for item in run:
        container = item.block.container
        if item.prose and item.value > 0 and container:
            total += item.value
            # the container and the elements around it (serials grow with depth)
            for serial in item.block.ancestors:
                if serial <= container:
                    weights[serial] = weights.get(serial, 0.0) + item.value
            if container not in item.block.ancestors:
                weights[container] = weights.get(container, 0.0) + item.value
    holding = [
        serial for serial, weight in weights.items() if weight >= MAIN_CONTAINER_SHARE * total
    ]
    return max(holding) if holding else None


def _aside_hints(run: Sequence[_Scored]) -> int:
    """Which of ASIDE_HINTS mark markup that is not the story's on this page: those that
    hold less than ASIDE_STORY_SHARE of the run's prose (in words), in fewer than
    ASIDE_MAX_BLOCKS blocks or all inside one element that holds none of the run's other
    prose (a gallery's captions, in a box of their own, not a photo blog's, among its
    paragraphs), or, for captions, under CAPTION_MINOR_SHARE of it (a story with many
    photos); and captions in such a box, whatever their share, beside a story of at least
    GALLERY_STORY_MIN_WORDS words of prose of its own."""
    total = 0
    held = [0] * len(ASIDE_HINTS)
    blocks = [0] * len(ASIDE_HINTS)
    for item in run:
        if item.prose and item.value > 0:
            total += item.words
            if item.block.hints & _ASIDE_ANY:  # (most prose has none: skip the loop)
                for position, hint in enumerate(ASIDE_HINTS):
                    if item.block.hints & hint:
                        held[position] += item.words
                        blocks[position] += 1
    aside = Hint.NONE
    for position, hint in enumerate(ASIDE_HINTS):
        if held[position] < ASIDE_STORY_SHARE * total and (
            blocks[position] < ASIDE_MAX_BLOCKS
            or _boxed_apart(run, hint)
            or (hint == Hint.CAPTION and held[position] < CAPTION_MINOR_SHARE * total)
        ):
            aside |= hint
        elif (
            hint == Hint.CAPTION
            and held[position]
            and total - held[position] >= GALLERY_STORY_MIN_WORDS
            and _boxed_apart(run, hint)
        ):
            # a gallery's captions may outnumber a short story's words: still not the story's
            aside |= hint
    return aside


def _boxed_apart(run: Sequence[_Scored], hint: int) -> bool:
    """Whether the run's prose under `hint` sits inside one element (the innermost around all
    of it) that holds no other prose of the run."""
    prose = [item for item in run if item.prose and item.value > 0]
    common: tuple[int, ...] | None = None
    for item in prose:
        if item.block.hints & hint:
            ancestors = item.block.ancestors
            if common is None:
                common = ancestors
            else:
                shared = 0
                for mine, theirs in zip(common, ancestors, strict=False):
                    if mine != theirs:
                        break
                    shared += 1
                common = common[:shared]
    if not common:
        return False
    box = common[-1]
    return not any(box in item.block.ancestors for item in prose if not item.block.hints & hint)


def _pitch_boxes(
    blocks: Sequence[_Scored], main: int | None, kept: Sequence[_Scored], story_words: int
) -> set[int]:
    """HTML: the elements among the story's `blocks` (other than its `main` element) that
    are the publisher's pitch: each opens with a heading or a call to action, holds a call to
    action, and holds under PITCH_BOX_SHARE of the `kept` story's words. A pitch inside the
    story's own element (a story about a subscription) is left to the story."""
    opening: dict[int, _Scored] = {}
    pitched: set[int] = set()
    for item in blocks:
        box = item.block.container
        if not box or box == main:
            continue
        opening.setdefault(box, item)
        if _call_to_action(item):
            pitched.add(box)
    if not pitched:
        return pitched
    held = dict.fromkeys(pitched, 0)
    for item in kept:
        if item.block.container in held:
            held[item.block.container] += item.words
    return {
        box
        for box in pitched
        if held[box] < PITCH_BOX_SHARE * story_words
        and (opening[box].block.hints & Hint.HEADING or _call_to_action(opening[box]))
    }


def _teaser_edges(
    scored: Sequence[_Scored], first: int, last: int, main: int | None, kept: Sequence[_Scored]
) -> tuple[int, int]:
    """HTML: the story's `kept` blocks without the teasers it runs into at its start or end,
    as (first, end) indices into `kept`. A teaser is an element within the story's blocks
    `scored[first:last]` (or TEASER_REACH past them), not around its `main` element, of at
    most TEASER_MAX_WORDS words, that holds a link line and one to TEASER_MAX_LINES lines
    that are not links, with TEASER_MIN_ITEMS siblings or more that are teasers too, their
    first link lines marked up alike (a list of other articles: a headline or a "read more"
    link and a blurb each; not a byline box beside a photo's box beside a box of related
    links, nor a box that holds a list). Wrappers around exactly the same blocks count as
    the teaser, so the siblings are found whatever the nesting. The teasers go only while
    they hold under TEASER_SHARE of the story's words: a list of linked items that is the
    story stays."""
    lead, tail = 0, len(kept)
    if len(kept) < 2:
        return lead, tail
    first, last = max(0, first - TEASER_REACH), min(len(scored), last + TEASER_REACH)
    # An element's blocks are consecutive: its span, from the blocks that see it among their
    # TEASER_DEPTH innermost ancestors, tells its size. Elements that go on past the story's
    # blocks (those shared with the block before or after them) are no teasers.
    span: dict[int, tuple[int, int]] = {}
    linked: dict[int, int] = {}  # elements that hold a link line -> the first one's hints
    plain: dict[int, int] = {}  # elements that hold lines that are not link lines: how many
    parent: dict[int, int] = {}
    not_teasers: set[int] = set()  # around the story's element, or past its blocks
    for outside, inside in ((first - 1, first), (last, last - 1)):
        if 0 <= outside < len(scored):
            for mine, theirs in zip(
                scored[inside].block.ancestors, scored[outside].block.ancestors, strict=False
            ):
                if mine != theirs:
                    break
                not_teasers.add(mine)
    words = [0]  # words of the story's blocks before each one
    for index in range(first, last):
        item = scored[index]
        words.append(words[-1] + item.words)
        ancestors = item.block.ancestors
        if main is not None and main not in not_teasers and main in ancestors:
            not_teasers.update(ancestors[: ancestors.index(main) + 1])
        is_link = item.block.link_density > MAX_PROSE_LINK_DENSITY
        for depth in range(max(1, len(ancestors) - TEASER_DEPTH), len(ancestors)):
            element = ancestors[depth]
            parent[element] = ancestors[depth - 1]
            span[element] = (span.get(element, (index, index))[0], index)
            if not is_link:
                plain[element] = plain.get(element, 0) + 1
            elif element not in linked:
                linked[element] = item.block.hints
    # each teaser element, widened to the outermost wrapper around the same blocks
    items: dict[tuple[int, int], set[int]] = {}  # (parent, link hints) -> teaser children
    teaser_of: dict[int, int] = {}  # element -> the teaser it is or lies in
    for element in plain.keys() & linked.keys():
        low, high = span[element]
        size = words[high + 1 - first] - words[low - first]
        if element in not_teasers or size > TEASER_MAX_WORDS or plain[element] > TEASER_MAX_LINES:
            continue
        teaser = element
        while (up := parent.get(teaser)) is not None and span.get(up) == span[element]:
            teaser = up
        if teaser in not_teasers or teaser not in parent:
            continue
        teaser_of[element] = teaser
        items.setdefault((parent[teaser], linked[element]), set()).add(teaser)
    teasers = {
        teaser
        for siblings in items.values()
        if len(siblings) >= TEASER_MIN_ITEMS
        for teaser in siblings
    }
    if not teasers:
        return lead, tail

    def in_teaser(item: _Scored) -> bool:
        return any(teaser_of.get(serial) in teasers for serial in item.block.ancestors)

    while lead < tail and in_teaser(kept[lead]):
        lead += 1
    while tail > lead and in_teaser(kept[tail - 1]):
        tail -= 1
    story_words = sum(item.words for item in kept)
    cut = sum(item.words for item in kept[:lead]) + sum(item.words for item in kept[tail:])
    if lead == tail or cut >= TEASER_SHARE * story_words:
        return 0, len(kept)
    return lead, tail


def _box_after(kept: Sequence[_Scored], main: int | None, scored: Sequence[_Scored] = ()) -> int:
    """HTML: where a box after the story's `main` element starts among its `kept` blocks
    (their number when there is none): the last blocks, outside that element, when the first
    of them is a heading or a call to action (or comes right after a heading outside that
    element that the story left out: `scored`, the page's blocks, tells) and they hold under
    AFTER_BOX_SHARE of the words before them. A story that goes on past its element in
    paragraphs keeps them."""
    start = len(kept)
    if main is None:
        return start
    while (
        start > 1
        and kept[start - 1].block.container != main
        and main not in kept[start - 1].block.ancestors
    ):
        start -= 1
    if start == len(kept):
        return start
    opening = kept[start]
    if not (
        opening.block.hints & Hint.HEADING
        or _call_to_action(opening)
        or _opens_after_heading(opening, main, scored)
    ):
        return len(kept)
    after = sum(item.words for item in kept[start:])
    if after >= AFTER_BOX_SHARE * sum(item.words for item in kept[:start]):
        return len(kept)
    return start


def _opens_after_heading(opening: _Scored, main: int | None, scored: Sequence[_Scored]) -> bool:
    """HTML: whether the block right before `opening` on the page is a heading outside the
    story's `main` element that the story left out (a box's heading in navigation markup)."""
    position = next((i for i, item in enumerate(scored) if item is opening), 0)
    if position == 0:
        return False
    before = scored[position - 1].block
    return (
        bool(before.hints & Hint.HEADING)
        and before.container != main
        and main not in before.ancestors
    )


def _is_story_line(
    item: _Scored,
    title: str | None,
    page: HtmlPage | None,
    story_containers: set[int],
    aside: int = Hint.NONE,
) -> bool:
    """Whether a block inside the story run belongs to the story text. `story_containers`
    hold the run's prose: a short line beside story paragraphs in the same element is
    story (a subhead, a list, a recipe's ingredients) even under a "meta" class. `aside`:
    the hints of markup that is not the story's on this page (see _aside_hints)."""
    text = item.block.text
    html = page is not None
    if item.sidebar or item.junk or item.age or item.about or item.block.hints & aside:
        return False
    if title is not None and _same_text(text, title):
        return False
    if (
        not html
        and item.words <= CLOSING_NOTE_MAX_WORDS
        and _TEXT_AD_DISCLOSURE.search(text) is not None
    ):
        return False
    if not html and _TEXT_SUPPORT_ASK.match(text) and _call_to_action(item):
        return False
    if item.prose:
        return not (item.words < PROSE_MIN_WORDS and _STORY_JUNK.match(text))
    if _STORY_JUNK.match(text) or _is_boilerplate_text(item):
        return False
    # (a form is left out through `aside`: one that holds the story's prose, such as a
    # page wrapped whole in a <form>, holds its short lines too)
    if html and item.block.hints & BOILERPLATE:
        return False
    if (
        html
        and item.block.hints & Hint.META
        and not item.block.hints & Hint.LIST_ITEM
        and item.block.container not in story_containers
    ):
        return False
    # beside the story's paragraphs, in the same element: an item of their list, or a
    # sentence whose words are mostly links, is story all the same
    if (
        html
        and item.block.container in story_containers
        and (
            bool(item.block.hints & Hint.LIST_ITEM)
            or (item.words >= PROSE_MIN_WORDS and _ends_with_stop(text))
        )
    ):
        return True
    return not (html and item.block.link_density > MAX_PROSE_LINK_DENSITY)


def _linked_story_line(item: _Scored, story_containers: set[int], aside: int) -> bool:
    """A line of the story's own element that is mostly a link ("Here is the petition",
    a source's address): story when story paragraphs follow it, as they do not a box of
    other articles' links at the story's end."""
    block = item.block
    return (
        block.link_density > MAX_PROSE_LINK_DENSITY
        and block.container in story_containers
        and not (item.sidebar or item.junk or item.age or item.related)
        # (a linked heading is another article's headline)
        and not block.hints
        & (BOILERPLATE | Hint.FORM | Hint.META | Hint.HEADING | _ASIDE_ANY | aside)
        and item.value > -BARRIER_PENALTY
        and _STORY_JUNK.match(block.text) is None
        and not _is_boilerplate_text(item)
    )


def _text_note_after(kept: Sequence[_Scored]) -> int:
    """Page text: where the story's kept lines reach a closing note (an author's bio, the
    print edition's note: _closing_note) that, with every line after it, is at most
    AFTER_BOX_SHARE of the words above it; len(kept) when none does. (A profile's sentence
    "Jane Doe is a teacher..." in the story's body has more of the story below it.)"""
    total = sum(item.words for item in kept)
    above = 0
    for index, item in enumerate(kept):
        if index and total - above <= AFTER_BOX_SHARE * above and _closing_note(item):
            return index
        above += item.words
    return len(kept)


def _closing_note(item: _Scored) -> bool:
    """A paragraph that closes a story but is not of it: the author's bio ("Jane Doe is a
    staff writer at...", "About the author: ..."), the print edition's note ("A version of
    this article appeared in print on..."), the address to write to."""
    return item.words <= CLOSING_NOTE_MAX_WORDS and _CLOSING_NOTE.match(item.block.text) is not None


def _dangling(item: _Scored) -> bool:
    """A line that announces what follows it (a heading, a line ending in a colon): at the
    story's end, with nothing of the story after it, it is not the story's."""
    return not item.prose and (
        bool(item.block.hints & Hint.HEADING) or item.block.text.endswith(":")
    )


def _listed(item: _Scored, page_text: bool, above_thread: bool) -> bool:
    """An item of the list a story line announces with a colon: a list item, or in page text
    (where lists carry no markup) a line of a few words or a short sentence above the thread."""
    return _list_item_like(item) or (page_text and above_thread and _text_list_item(item))


def _text_list_item(item: _Scored) -> bool:
    """Page text: a line that may be an item of a list, of LIST_ITEM_MIN_WORDS words up to
    a short paragraph's length, and no label, date, byline, pitch or boilerplate line."""
    return (
        LIST_ITEM_MIN_WORDS <= item.words <= LONG_BLOCK_WORDS
        and item.value > -BARRIER_PENALTY
        and not (item.sidebar or item.age or item.junk or item.related or item.story_end)
        and _STORY_JUNK.match(item.block.text) is None
        and not _is_boilerplate_text(item)
        and not _call_to_action(item)
        and not _title_case(item)  # (headlines of other articles)
    )


def _text_closing_line(item: _Scored) -> bool:
    """Page text: a short sentence that may close the story right under its last paragraph,
    of LIST_ITEM_MIN_WORDS words up to a paragraph's least, capitalised, in sentence case
    (not another article's headline), ending in a full stop, "!" or "?" (not a colon, which
    announces a box), and no label, date, byline, pitch, note or boilerplate line."""
    text = item.block.text.rstrip(_CLOSERS)
    return (
        LIST_ITEM_MIN_WORDS <= item.words < PROSE_MIN_WORDS
        and text[-1:] in (".", "!", "?")
        and text[:1].isupper()
        and not item.prose
        and item.value > -BARRIER_PENALTY
        and not (item.sidebar or item.age or item.junk or item.related or item.story_end)
        and not (item.about or item.signature)
        and _STORY_JUNK.match(item.block.text) is None
        and not _is_boilerplate_text(item)
        and not _call_to_action(item)
        and not _closing_note(item)
        and not _title_case(item)
        and _SOCIAL_LINE.search(item.block.text) is None
    )


def _text_headline_boxes(scored: Sequence[_Scored], start: int, end: int) -> set[int]:
    """Page text: the lines of boxes of other articles' headlines inside the story run, at
    least HEADLINE_BOX_MIN_LINES in a row, each of SIDEBAR_MIN_WORDS words or more in title
    case ("Holmes To Face Formal Charges In Colorado"), no sentence and no item of a bulleted
    or marked list (a story's own list is in sentence case or bulleted)."""
    found: set[int] = set()
    index = start
    while index < end:
        last = index
        while last < end and _boxed_headline(scored[last]):
            last += 1
        if last - index >= HEADLINE_BOX_MIN_LINES:
            found.update(range(index, last))
        index = max(last, index + 1)
    return found


def _boxed_headline(item: _Scored) -> bool:
    """Page text: a line that may be another article's headline (_text_headline_boxes)."""
    return (
        not item.prose
        and SIDEBAR_MIN_WORDS <= item.words <= TEXT_HEADLINE_MAX_WORDS
        and not item.block.text.endswith(("?", "!", ";"))
        and not item.block.text.startswith(_BULLETS)
        and not item.block.hints & PAGE_TEXT_ITEMS
        and _headline_like(item)
        and _title_case(item)
    )


def _bulleted(item: _Scored) -> bool:
    """Page text: an item of a bulleted list, of a few words or more ("• 13 museum ads.")."""
    return (
        item.block.text.startswith(_BULLETS)
        and item.words >= LIST_ITEM_MIN_WORDS
        and _list_item_like(item)
    )


def _list_item_like(item: _Scored) -> bool:
    """An item of a list: a list or table element, or a bulleted line, that is no heading,
    no sidebar region and no boilerplate."""
    block = item.block
    return (
        bool(block.hints & (Hint.LIST_ITEM | Hint.TABLE_ROW) or block.text.startswith(_BULLETS))
        and not block.hints & (BOILERPLATE | Hint.HEADING | Hint.FORM)
        and not item.sidebar
        and not item.age
        and item.value > -BARRIER_PENALTY
        and not item.junk
        and not _is_boilerplate_text(item)
    )


def _confidence(story_words: int, best: float, runner_up: float) -> float:
    """Long stories that clearly beat every other text region are sure; short or contested
    ones are not."""
    if story_words == 0 or best <= 0:
        return 0.0
    length = min(1.0, story_words / CONFIDENT_STORY_WORDS)
    margin = max(0.0, (best - runner_up) / best)
    return round(length * (0.4 + 0.6 * margin), 3)


def _hard_wrapped(lines: list[str]) -> bool:
    """A chunk whose lines were wrapped at a fixed width, not one paragraph per line."""
    if len(lines) < 2:
        return False
    open_ends = sum(not _ends_with_stop(line) for line in lines[:-1])
    return max(len(line) for line in lines) <= 100 and open_ends * 2 >= len(lines) - 1
