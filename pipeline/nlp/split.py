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
lists become `SidebarEntry`s. Page text, which has no markup, gets rules of its own: its lines
are told from menus by a fuller list of function words, a thread is also told by its
commenters' names alone on lines and by its markers and headings in other languages ("Jane
sagt:", "Antworten", "12 Kommentare"), while dates with only title-case headlines between
them (a box of dated teasers over the story) bound the story but open no thread, a blog's
filing line in other languages ("Dieser Beitrag wurde veröffentlicht in", "Schlagwörter:",
"Publié dans") closes the story as "This entry was posted in" does, a photo's caption that
ends in its credit ("... last year. Photograph: Jane Doe") is no story line, nor are other
articles' teasers told in cycles of a dated line, a headline and a blurb, a blog's
"About" box, its disclaimer and a cookie-consent dialog (its toggles' labels and its
purposes' prose) never outweigh a short post, a
pitch over a form's button ("Free Sign Up", "Donate Now") and a licence notice are never story,
a box's heading that names no "read more" ("Meistgelesen", "Most Popular", "Otras noticias")
opens a box of links as "Related stories" does, a bare "Autor" heading over a bio ends the
story, and so do a web form's line under it ("Name *", "Leave this field empty") and the
publisher's pitch in its own voice with the box it opens ("Support our newsroom..."), a
teaser's headline cut off with an ellipsis is no sentence, and the standfirst, a lead
cut off by a box of dated links, a list announced with a colon, a bulleted list the story runs
into and short closing sentences under its last paragraph are the story's, a box of title-case
headlines inside it is not; a table of figures or a live blog's timed entries do not cut it,
and a title's part that the page shows alone over the post is its headline, though shorter than
the site's name, and so is a line that shows the title after a kicker the page's title holds
too ("Nordkorea: Kim Jong Un - <title>").
On HTML, a linked line below the story's first paragraph that asks the reader and goes on
("Looking for a flat? See the offers...") is the publisher's pitch, not the story's, and so
is a small box that a button closes ("Our seminar... / Learn more", "... / Donate"); a short
line alone with an image in its element (or up to three) is its caption, whatever its class,
and a table of contents (links whose texts are the story's own subheads) is no part of the story,
nor is a short line that is a pitch or a disclaimer, wherever it sits, unless it quotes one,
nor a box under a bare "Autor" heading, nor a part under a heading that follows a list of
links under the story (related links, then "Your job board" and its pitch), nor a download's
link ("... PDF | 38 KB"), nor a teaser's box inside the story's element (its label, another
piece's linked headline in teaser markup, its blurb). A standfirst that reads as a sentence
right under the headline, or under its date line, is the story's lead, though too short to
count as prose, and so is a subtitle in the headline's own element, though its markup reads as
the site's header.
Everything is linear in the page size.

This module holds the public functions and the `_split` driver, which calls the parts:
`split_scoring.py` (each block's value and tests), `split_boxes.py` (boxes that are not the
story), `split_titles.py` (headline, title, lead), `split_runs.py` (the story's run and its
edges) and `split_sidebar.py` (other articles' headlines); `split_cues.py` holds their
constants, word lists and patterns.
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
    mark_about_boxes,
    mark_bio_boxes,
    mark_bio_headings,
    mark_comment_forms,
    mark_comments,
    mark_consent_dialogs,
    mark_credit_lines,
    mark_credited_captions,
    mark_cut_teasers,
    mark_dated_teasers,
    mark_embed_placeholders,
    mark_galleries,
    mark_pitch_buttons,
    mark_read_on_boxes,
    mark_related_labels,
    mark_share_prompts,
    mark_signed_comments,
    mark_signup_boxes,
    mark_slide_galleries,
    mark_text_tables,
    other_posts,
)
from pipeline.nlp.split_cues import (
    BARRIER_PENALTY,
    BUDGET_CHECK_BLOCKS,
    HEADLINE_ANCHOR_REACH,
    LINKS_OPENERS,
    LIST_ITEM_MIN_WORDS,
    MAX_AGE_WORDS,
    NESTED_STORY_HINTS,
    NOT_STORY_EDGE,
    NOT_STORY_RUN,
    TEXT_CLOSING_LINES,
    TEXT_CUE_WORDS,
    TINY_STORY_VALUE,
    WORD,
)
from pipeline.nlp.split_runs import (
    aside_hints,
    bare_dates,
    best_run,
    bio_boxes,
    box_after,
    bulleted,
    button_boxes,
    closing_note,
    confidence,
    dangling,
    headline_lists,
    image_captions,
    is_story_line,
    linked_pitch,
    linked_story_line,
    listed,
    main_container,
    max_run,
    meta_tail,
    page_notices,
    pitch_boxes,
    table_of_contents,
    tail_after_box,
    tail_notes,
    teaser_boxes,
    teaser_edges,
    text_closing_line,
    text_headline_boxes,
    text_note_after,
    up_to_headline,
)
from pipeline.nlp.split_scoring import (
    ScoredBlock,
    call_to_action,
    ends_with_stop,
    same_text,
    score_block,
    stop_words_cover_page,
    word_tokens,
)
from pipeline.nlp.split_sidebar import claim_age_pairs, claim_lists
from pipeline.nlp.split_text import (
    mark_ad_slot_lines,
    mark_arrow_links,
    mark_credit_only_lines,
    mark_pointer_lines,
    text_byline_again,
    text_closing_aside,
    text_form_end,
    text_headline_run,
    text_list_above,
    text_pitch_end,
    text_share_bar_end,
    text_story_end,
    text_tag_label,
)
from pipeline.nlp.split_titles import (
    after_masthead,
    anchor_on_headline,
    find_headline,
    headline_above,
    html_headline_above,
    html_masthead_headline,
    html_title,
    lead_above,
    lines_below,
    text_kicker_headline,
    text_lead_above,
    text_title,
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
    tokens = [WORD.findall(lower) for lower in lowers]
    stop_words_apply = stop_words_cover_page(tokens)
    scored: list[ScoredBlock] = []
    for index, (block, lower, block_tokens) in enumerate(zip(blocks, lowers, tokens, strict=True)):
        _check(budget, index)
        scored.append(
            score_block(ScoredBlock(block, lower, block_tokens), stop_words_apply, page is None)
        )
    for item in scored:
        item.age = item.words <= MAX_AGE_WORDS and is_age(item.block.text)
    _check(budget)
    if page is None:
        mark_galleries(scored)
        mark_slide_galleries(scored)
        mark_signup_boxes(scored)
        mark_about_boxes(scored)
        mark_bio_boxes(scored)
        mark_consent_dialogs(scored)
        mark_cut_teasers(scored)
        mark_bio_headings(scored)
        mark_text_tables(scored)
        mark_pitch_buttons(scored)
        mark_credited_captions(scored)
        mark_credit_lines(scored)
        mark_read_on_boxes(scored)
        mark_pointer_lines(scored)
        mark_credit_only_lines(scored)
        mark_ad_slot_lines(scored)
        mark_arrow_links(scored)
        mark_dated_teasers(scored)
        cued = [i for i, item in enumerate(scored) if not TEXT_CUE_WORDS.isdisjoint(item.tokens)]
        mark_comment_forms(scored, cued)
        mark_embed_placeholders(scored, cued)
        mark_related_labels(scored, cued)
        mark_share_prompts(scored, cued)
    sidebar = claim_age_pairs(scored, page, fetched_at)
    _check(budget)
    title = html_title(page) if page is not None else text_title(scored)
    headline = find_headline(scored, title)
    if page is None and headline is None and title is not None:
        headline = text_kicker_headline(scored, title)
    if page is not None and (shown := html_masthead_headline(scored, headline, page)):
        headline = shown
    if page is None and title is not None and (shown := after_masthead(scored, title)):
        headline = shown
        title = scored[headline].block.text
    # (page text only: in HTML the count that links to the thread is a link, never a heading)
    if page is None:
        mark_signed_comments(scored)
    thread = mark_comments(scored, headline if page is None else None, page is None)
    anchor_on_headline(scored, headline)
    if headline is not None and page is not None:
        title = scored[headline].block.text  # the headline as the page shows it
    start, end, best, runner_up = best_run(scored, thread)
    if (
        page is None
        and headline is not None
        and start < headline < end - 1
        and title is not None
        and scored[headline].tokens == word_tokens(title)
    ):
        # page text: a run that crosses the story's own headline (the whole title, not a
        # line that is only its end or start: that may be a subhead) took in the boxes
        # above it (an "about" blurb, a menu of teasers): the story starts below it
        low, high, value = max_run(scored, headline + 1, end)
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
        low, high, value = max_run(scored, headline + 1, end)
        if value > 0:
            runner_up = max(runner_up, best - value)
            start, end, best = low, high, value
    if page is not None and best > 0:
        start = up_to_headline(scored, headline, start)
    _check(budget)
    if page is None and headline is not None and headline < start:
        # page text: the headline shown again right over the run (a page that holds the
        # story twice, for two layouts) is the story's own
        for index in range(start - 1, max(headline, start - 1 - HEADLINE_ANCHOR_REACH), -1):
            if scored[index].tokens == scored[headline].tokens:
                headline = index
                break
    if (
        page is None
        and headline is not None
        and title is not None
        and scored[headline].tokens == word_tokens(title)
        and (
            under := text_headline_run(
                scored, headline, HEADLINE_ANCHOR_REACH, thread, (start, end, best)
            )
        )
    ):
        # page text: the story under its headline, where the run lies elsewhere (a consent
        # dialog's prose) or lost the story's opening to a list
        runner_up = max(runner_up, best)
        start, end, best = under
    tiny = False  # the story is the lines under the headline, with no prose to go by
    if (
        headline is not None
        and best < TINY_STORY_VALUE
        and not (
            headline < start <= headline + HEADLINE_ANCHOR_REACH
            and not all(item.block.hints & NOT_STORY_EDGE for item in scored[start:end])
        )
    ):
        # too little prose to find a story by: a post that is a picture and a caption, say;
        # the lines under the headline beat a stray blurb elsewhere on the page
        below = lines_below(scored, headline)
        if below[1] > below[0]:
            runner_up = max(runner_up, best)
            (start, end), best = below, max(best, 1.0)
            tiny = True
    if (
        page is not None
        and not tiny
        and best > 0
        and headline is not None
        and not start <= headline < end
        and scored[headline].block.hints & Hint.ARTICLE
        and not scored[headline].block.hints & NOT_STORY_RUN
        and all(item.block.hints & NOT_STORY_RUN for item in scored[start:end])
    ):
        # HTML: a run wholly in markup that says it is no story's (a comment, an author's
        # bio) beside a headline in the article's markup: the post is
        # a picture, a video or a few lines, which the headline and the lines under it tell
        below = lines_below(scored, headline)
        runner_up = max(runner_up, best)
        if below[1] > below[0]:
            (start, end), best = below, 1.0
            tiny = True
        else:
            start, end, best = headline + 1, headline + 1, 0.0
    if page is None and best > 0:
        # page text: a recipe's ingredients or a table of contents over the run
        start = text_list_above(scored, start, 1 if headline is None else headline + 1)
    if page is None and best > 0:
        # page text: the story goes on past a stretch of short lines (a list, a code block)
        end = text_story_end(
            scored, end, thread, scored[headline].lower if headline is not None else None
        )
    if page is None and best > 0:
        # page text: a bulleted list the run starts or ends in is the story's whole (its
        # short items cost as lines do, and the run took in only its longer ones)
        while (
            start > (0 if headline is None else headline + 1)
            and bulleted(scored[start - 1])
            and (start == end or bulleted(scored[start]) or scored[start].prose)
        ):
            start -= 1
        while end < thread and bulleted(scored[end]) and bulleted(scored[end - 1]):
            end += 1
    paragraphs: list[str] = []
    story_words = 0
    boxed: set[int] = set()
    if page is None and title is not None and best > 0:
        title = headline_above(scored, start, title)
    elif page is not None and best > 0:
        title = html_headline_above(scored, start, title, page)
    if best > 0:
        main = main_container(scored[start:end]) if page is not None else None
        if page is not None:
            above = lead_above(scored, headline, start)
        else:  # (page text: only a standfirst right under the headline, by its shape)
            shown = headline
            if shown is None and title is not None:
                # (no headline found by the title alone: the line headline_above took for it
                # right over the run heads the story as well)
                shown = next(
                    (
                        index
                        for index in range(start - 1, max(1, start - HEADLINE_ANCHOR_REACH) - 1, -1)
                        if scored[index].block.text == title
                    ),
                    None,
                )
            above = text_lead_above(scored, shown, start)
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
        aside = aside_hints(scored[start:end]) if page is not None else Hint.NONE
        # (page text: a box of other articles' headlines inside the run)
        headline_box = text_headline_boxes(scored, start, end) if page is None else set()
        # (HTML: an image's caption that no class marks)
        captions = image_captions(scored, first, last, page, main) if page is not None else set()
        kept: list[ScoredBlock] = []  # the story's blocks, as `paragraphs` holds their text
        in_box = False  # under a "Related stories" heading inside the story
        introduced = False  # the last story line ends with a colon: a list follows
        linked: list[ScoredBlock] = []  # lines of links among the story's paragraphs, on hold
        past_prose = False  # a prose paragraph of the story is kept
        following = first
        while following < last or (
            introduced
            and following < len(scored)
            and listed(scored[following], page is None, following < thread)
        ):
            index, following = following, following + 1
            _check(budget, index)
            item = scored[index]
            if index >= end and item.value == -math.inf:
                break  # the comment thread's heading, past the run: the story has ended
            if introduced and listed(item, page is None, index < thread):
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
            if index in captions:
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
            if past_prose and page is not None and linked_pitch(item):
                continue  # (the publisher's, among the paragraphs: "Looking for a flat? See...")
            if (
                inside
                and item.value > -BARRIER_PENALTY
                and (
                    is_story_line(item, title, page, story_containers, aside)
                    # HTML: a tiny post's lines under its headline, up to the first the
                    # story takes, are all it says (its byline, date, source): the post's
                    or (
                        tiny
                        and page is not None
                        and not kept
                        and start <= index < end
                        and item.words >= LIST_ITEM_MIN_WORDS
                    )
                )
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
                past_prose = past_prose or item.prose
                # (in page text, not a heading over other articles: "More from us:")
                introduced = item.block.text.endswith(":") and not (
                    page is None and bool(item.tokens) and item.tokens[0] in LINKS_OPENERS
                )
            elif inside and kept and linked_story_line(item, story_containers, aside):
                linked.append(item)
        if page is None and kept and kept[-1] is scored[following - 1]:
            # page text: the story's last words are often a short sentence ("Check out the
            # trailer below.", "Have a fun weekend!"): a line, to the run, that it stops at
            for index in range(following, min(following + TEXT_CLOSING_LINES, thread)):
                item = scored[index]
                if not (text_closing_line(item) or text_closing_aside(item)):
                    break
                paragraphs.append(item.block.text)
                story_words += item.words
                kept.append(item)
        if page is None and kept and (note := text_note_after(kept)) < len(kept):
            # page text: an author's bio under the story closes it, with what follows it
            # (their role, a video's teaser, the site's blurb)
            del kept[note:], paragraphs[note:]
            story_words = sum(item.words for item in kept)
        if page is None and kept:
            # page text: the byline shown again under the story is the author's box
            shown = 0 if headline is None or headline >= first else headline + 1
            again = text_byline_again(kept, scored[max(shown, first - HEADLINE_ANCHOR_REACH) :])
            if again < len(kept):
                del kept[again:], paragraphs[again:]
                story_words = sum(item.words for item in kept)
            # ...and so is a bare tag label ("Tags", "Schlagworte") with the tags under it
            if (tagged := text_tag_label(kept)) < len(kept):
                del kept[tagged:], paragraphs[tagged:]
                story_words = sum(item.words for item in kept)
            # ...and a web form's line (a comment form, a newsletter's sign-up) under it
            if (form := text_form_end(kept)) < len(kept):
                del kept[form:], paragraphs[form:]
                story_words = sum(item.words for item in kept)
            # ...and the publisher's pitch under it, with what follows it
            if (pitched := text_pitch_end(kept)) < len(kept):
                del kept[pitched:], paragraphs[pitched:]
                story_words = sum(item.words for item in kept)
            # ...and a share bar's buttons under it ("Teilen", "Facebook"), with what follows
            if (shared := text_share_bar_end(kept)) < len(kept):
                del kept[shared:], paragraphs[shared:]
                story_words = sum(item.words for item in kept)
        if page is not None and kept:
            # other posts the page prints in full beside the story's
            kept = other_posts(scored, kept, headline)
            # the publisher's pitch in a box of its own among the story's paragraphs
            pitch = pitch_boxes(scored[first:last], main, kept, story_words)
            if pitch:
                kept = [item for item in kept if item.block.container not in pitch]
            # ...and a box that a button closes ("Apply now", "Donate"): an offer; an
            # author's box under a bare "Autor" heading; a teaser's box in the story
            buttoned = button_boxes(scored, first, last, main, kept)
            buttoned |= bio_boxes(scored, first, last, main, kept)
            buttoned |= teaser_boxes(scored, first, last, main, kept)
            if buttoned:
                kept = [item for item in kept if buttoned.isdisjoint(item.block.ancestors)]
            # ...and teasers of other articles that the story runs into at either end
            lead, tail = teaser_edges(scored, first, last, main, kept)
            if lead or tail < len(kept):
                kept = kept[lead:tail]
            # ...and a box after the story's element ("More from us", a course's ad)
            del kept[box_after(kept, main, scored) :]
            del kept[tail_after_box(kept, scored, following) :]
            kept = table_of_contents(kept)
            kept = headline_lists(kept)
            del kept[meta_tail(kept) :]
            del kept[tail_notes(kept) :]
            kept = bare_dates(kept)
            kept = page_notices(kept)
            paragraphs = [item.block.text for item in kept]
            story_words = sum(item.words for item in kept)
        # a heading or a colon line with no story after it announces something else (a box
        # of links, a map, a sign-up form), not the story's next part
        while kept and (
            dangling(kept[-1])
            or call_to_action(kept[-1])
            or (len(kept) > 1 and closing_note(kept[-1]))
        ):
            story_words -= kept.pop().words
            paragraphs.pop()
        # ...and a disclosure or a pitch above the story is the publisher's too
        lead = 0
        while lead < len(kept) - 1 and call_to_action(kept[lead]):
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
        for entry in claim_lists(
            scored, set(range(start, end if best > 0 else start)) - boxed, page, fetched_at
        )
        # neither a story line nor a link to the page itself
        if entry[1].headline not in story
        and not (title is not None and same_text(entry[1].headline, title))
    )
    sidebar.sort(key=lambda pair: pair[0])
    return PageSplit(
        title=title,
        paragraphs=paragraphs,
        confidence=confidence(story_words, best, runner_up),
        sidebar=[entry for _, entry in sidebar],
        page=page,
        blocks=blocks,
        story_start=start if best > 0 else 0,
    )


def _hard_wrapped(lines: list[str]) -> bool:
    """A chunk whose lines were wrapped at a fixed width, not one paragraph per line."""
    if len(lines) < 2:
        return False
    open_ends = sum(not ends_with_stop(line) for line in lines[:-1])
    return max(len(line) for line in lines) <= 100 and open_ends * 2 >= len(lines) - 1
