"""The passes that find boxes which are not the story, before the run is chosen.

Each `_mark_*` pass reads the scored blocks (`split_scoring.py`) and lowers the value of, or
flags, the lines of one kind of box: galleries and slide shows, sign-up and consent dialogs,
tables of figures, comment forms and threads (with their commenters' names), embed
placeholders, share prompts, "About" boxes, bio headings, teasers cut off with an ellipsis.
`split.py`'s `_split` calls them in turn; the run finder (`split_runs.py`) then sees their marks.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from pipeline.nlp.blocks import Hint
from pipeline.nlp.split_cues import (
    ABOUT_BOX_MAX_BLOCKS,
    ABOUT_HEADING,
    AD_LABELS,
    ADDRESS_OPENERS,
    ARTICLE_LINE_PENALTY,
    BACK_LINK,
    BACK_LINK_MAX_WORDS,
    BARE_COMMENTS,
    BARRIER_PENALTY,
    BIO_HEADING,
    BIO_HEADING_MAX_WORDS,
    BIO_OPENERS,
    BOILERPLATE_REGION_FACTOR,
    CAPTION_CREDIT,
    CAPTION_CREDIT_WORDS,
    CAPTION_MAX_WORDS,
    CLOCK,
    CLOCK_HOURS,
    COMMENT_ACTIONS,
    COMMENT_FORM,
    COMMENT_FORM_MAX_WORDS,
    COMMENT_MARKER,
    COMMENT_MARKER_CUES,
    COMMENT_MARKER_WINDOW,
    CONSENT_LABEL_MAX_WORDS,
    CONSENT_MAX_LINES,
    CONSENT_MIN_LABELS,
    CONSENT_OPENERS,
    CONSENT_WORDS,
    COOKIE_WORDS,
    CREDIT_LINE,
    CREDIT_LINE_MAX_WORDS,
    CUT_TEASER_COPIES,
    CUT_TEASER_OPENING,
    DATED_LINE,
    DATED_LINE_MAX_WORDS,
    DIGIT_RUN,
    DIGITS,
    DISCLAIMER_HEADING,
    EMBED_ATTRIBUTION,
    EMBED_PLACEHOLDER,
    EMBED_PLACEHOLDER_MAX_WORDS,
    GALLERY_MIN_SLIDES,
    GALLERY_PAGER_REACH,
    GALLERY_WORDS,
    HEADLINE_ANCHOR_REACH,
    HEADLINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    INSET_TEASER_LINES,
    INSET_TEASER_MIN_WORDS,
    LINE_PENALTY,
    LONG_BLOCK_WORDS,
    MAX_ABOUT_HEADING_WORDS,
    MAX_DATED_MARKER_CHARS,
    MAX_MARKER_CHARS,
    MAX_SIGNATURE_WORDS,
    MIN_COMMENT_MARKERS,
    MIN_PROSE_BEFORE_COMMENTS,
    MIN_SAID_WORDS,
    MIN_SIGNERS,
    PITCH_BUTTON,
    PITCH_BUTTON_MAX_WORDS,
    PITCH_BUTTON_WORDS,
    PITCH_MAX_WORDS,
    POST_HEADING_REACH,
    POST_PROSE_SHARE,
    POST_TITLE_MIN_WORDS,
    PROFILE_LINK,
    READ_MORE,
    READ_MORE_MAX_WORDS,
    READ_ON_HEADLINE_MAX_WORDS,
    READ_ON_LABEL_MAX_WORDS,
    RELATED_LABEL_REACH,
    SENTENCE_INSIDE,
    SHARE_BAR_REACH,
    SHARE_PROMPT,
    SHARE_PROMPT_MAX_WORDS,
    SIDEBAR_MIN_WORDS,
    SIGNUP_BOX_LINES,
    SIGNUP_END,
    SIGNUP_LABEL_MAX_WORDS,
    SLIDE_COUNTER,
    SLIDE_GALLERY_MAX_LINES,
    SLIDE_GALLERY_MIN_SLIDES,
    STAMP_CONTEXT,
    TEASER_BLURB_MAX_WORDS,
    TEASER_CYCLE_MAX_LINES,
    TEASER_CYCLE_MIN_LINES,
    TEASER_MIN_CYCLES,
    TEXT_BIO,
    TEXT_BIO_BOX_REACH,
    TEXT_BIO_MAX_WORDS,
    TEXT_HEADLINE_MAX_WORDS,
    TEXT_READ_ON_LABEL,
    TEXT_REPLY_ACTIONS,
    TEXT_SAYS,
    TEXT_SAYS_MAX_WORDS,
    TEXT_SITE_BLURB,
    TEXT_TABLE_CELL_MAX_WORDS,
    TEXT_TABLE_FIGURE_SHARE,
    TEXT_TABLE_MIN_CELLS,
    TEXT_TABLE_PROSE_REACH,
    TITLE_MAX_WORDS,
)
from pipeline.nlp.split_scoring import ScoredBlock, ends_with_stop, line_value, title_case


def mark_galleries(scored: list[ScoredBlock]) -> None:
    """Page text: a photo gallery renders as its captions, then its title once per slide
    ("Photos: the storm" k times), then its pager ("<", "1", "2"... ">"). The captions are
    not the story, but the story may go on below the gallery: the gallery's lines become
    cheap lines the story run crosses and leaves out."""
    index = 0
    while index < len(scored):
        item = scored[index]
        last = index
        while last + 1 < len(scored) and scored[last + 1].lower == item.lower:
            last += 1
        slides = last - index + 1
        if (
            slides >= GALLERY_MIN_SLIDES
            and slides <= index
            and not item.prose
            and HEADLINE_MIN_WORDS <= item.words <= HEADLINE_MAX_WORDS
            and 2 * sum(other.prose for other in scored[index - slides : index]) >= slides
            and _counts_slides(scored, last + 1)
        ):
            pager = last + 1
            while (
                pager < len(scored)
                and scored[pager].words <= 2
                and not scored[pager].prose
                and scored[pager].value > -BARRIER_PENALTY
            ):
                pager += 1
            for other in scored[index - slides : pager]:
                other.value, other.prose, other.junk = -ARTICLE_LINE_PENALTY, False, True
        index = last + 1


def mark_slide_galleries(scored: list[ScoredBlock]) -> None:
    """Page text: a gallery embedded in the story renders slide by slide, its title over
    each ("UK news in pictures", a date, a caption, a credit), so one short line that is no
    sentence, naming a gallery, recurs every few lines with a date under most. Its captions
    and dates (taken for a thread's) cut the story in two and the part below was lost: the
    gallery's lines become lines the run crosses at no cost and leaves out. One pass: each
    title's current chain of copies."""
    # title -> (first copy, last copy, copies, the lines from the last copy but one)
    chains: dict[str, tuple[int, int, int, int]] = {}
    spans: list[tuple[int, int]] = []
    ages = [0]  # ages[i]: the dates among the first i lines
    for item in scored:
        ages.append(ages[-1] + item.age)

    def close(chain: tuple[int, int, int, int]) -> None:
        first, last, copies, slide = chain
        # most slides dated (a photo's notes or credit recurring in a story are not)
        if copies >= SLIDE_GALLERY_MIN_SLIDES and 2 * (ages[last] - ages[first]) >= copies:
            # the last slide holds as many lines as the one before it
            spans.append((first, min(len(scored), last + slide)))

    for index, item in enumerate(scored):
        if (
            item.prose
            or item.age
            or not HEADLINE_MIN_WORDS <= item.words <= HEADLINE_MAX_WORDS
            or GALLERY_WORDS.isdisjoint(item.tokens)
        ):
            continue
        chain = chains.get(item.lower)
        if chain is not None and index - chain[1] <= SLIDE_GALLERY_MAX_LINES:
            chains[item.lower] = (chain[0], index, chain[2] + 1, index - chain[1])
            continue
        if chain is not None:
            close(chain)
        chains[item.lower] = (index, index, 1, 0)
    for chain in chains.values():
        close(chain)
    for first, end in spans:
        for other in scored[first:end]:
            # (worth nothing either way: fifty slides cost the run nothing to cross)
            other.value, other.prose, other.junk = 0.0, False, True
            # (a slide's date is neither a teaser's nor a comment's: no barrier)
            other.age, other.slide = False, True


def mark_signup_boxes(scored: list[ScoredBlock]) -> None:
    """Page text: a newsletter's sign-up box inside or under the story (a label naming the
    newsletter, its pitch, the form's checkbox and consent lines) is never story: its pitch
    reads as prose. The box runs from the label to the last consent or button line within
    SIGNUP_BOX_LINES; a label with none under it (a story's subhead) is left alone."""
    for index, item in enumerate(scored):
        if (
            item.prose
            or item.words > SIGNUP_LABEL_MAX_WORDS
            or ("newsletter" not in item.tokens and "newsletters" not in item.tokens)
        ):
            continue
        end = 0
        for below in range(index + 1, min(index + 1 + SIGNUP_BOX_LINES, len(scored))):
            if SIGNUP_END.match(scored[below].block.text):
                end = below + 1
        for other in scored[index:end]:
            # (worth nothing either way: the run crosses the box as it would a blank)
            other.value, other.prose, other.junk = 0.0, False, True


def mark_text_tables(scored: list[ScoredBlock]) -> None:
    """Page text: a table inside a story shows as a long stretch of short lines, one cell a
    line, many of them figures. Each such line cost what a menu's line does, so the table cut
    the story in two and the part below it was lost: a table of TEXT_TABLE_MIN_CELLS costs
    what a line inside article markup does, and the run crosses it (and keeps it, as it
    does an HTML table)."""
    index = 0
    while index < len(scored):
        last = index
        while last < len(scored) and _table_cell(scored[last]):
            last += 1
        cells = last - index
        if (
            cells >= TEXT_TABLE_MIN_CELLS
            and sum(_figure(item.block.text) for item in scored[index:last])
            >= TEXT_TABLE_FIGURE_SHARE * cells
            and any(item.prose for item in scored[max(0, index - TEXT_TABLE_PROSE_REACH) : index])
            and any(item.prose for item in scored[last : last + TEXT_TABLE_PROSE_REACH])
        ):
            for item in scored[index:last]:  # (a table, not each cell, costs a line)
                item.value = -ARTICLE_LINE_PENALTY / TEXT_TABLE_MIN_CELLS
        index = last + 1  # (scored[last] is no cell)


def mark_dated_teasers(scored: list[ScoredBlock]) -> None:
    """Page text: a list of other articles, after the story or above it, shows as cycles of
    the same few lines: a dated line (DATED_LINE: "13.12.2021 - Formel 1"), a headline and
    its blurb, in some order. The blurbs read as prose, so the story ran on into them:
    TEASER_MIN_CYCLES cycles of one length in a row, their dated lines alike but for their
    digits, each cycle with a headline and at most one short blurb, are teasers: never story
    lines, each costing what a line does. (A thread's "Name, date, comment" has no headline;
    a live blog's entries, timed, have no dated line.) Each line is read a bounded number of
    times."""
    by_shape: dict[str, list[int]] = {}
    for index, item in enumerate(scored):
        text = item.block.text
        if (
            item.words <= DATED_LINE_MAX_WORDS
            # (a word of digits first: a test on the few words spares most lines the regex)
            and any(map(str.isdigit, item.tokens))
            and DATED_LINE.search(text)
        ):
            by_shape.setdefault(DIGIT_RUN.sub("0", text), []).append(index)
    for indexes in by_shape.values():
        if len(indexes) < TEASER_MIN_CYCLES:
            continue
        start = 0
        while start < len(indexes) - 1:
            period = indexes[start + 1] - indexes[start]
            if not TEASER_CYCLE_MIN_LINES <= period <= TEASER_CYCLE_MAX_LINES:
                start += 1
                continue
            end = start + 1  # indexes[start:end] are the dated lines of one list
            while (
                end < len(indexes)
                and indexes[end] - indexes[end - 1] == period
                and _teaser_cycle(scored[indexes[end - 1] + 1 : indexes[end]])
            ):
                end += 1
            first, last = indexes[start], indexes[end - 1] + 1
            # (the cycle after the last dated line, or before the first, when it fits)
            if _teaser_cycle(scored[last : last + period - 1]):
                last += period - 1
            elif _teaser_cycle(scored[max(0, first - period + 1) : first]):
                first -= period - 1
            if (
                end - start >= TEASER_MIN_CYCLES
                or (
                    end - start == TEASER_MIN_CYCLES - 1
                    and last - first >= TEASER_MIN_CYCLES * period
                )
            ) and not any(item.slide for item in scored[first:last]):
                # (a gallery's slides, dated too, are already cheap lines the run crosses)
                for item in scored[first:last]:
                    item.prose, item.junk = False, True
                    item.value = line_value(item.words)
            start = end


def _teaser_cycle(lines: Sequence[ScoredBlock]) -> bool:
    """Whether the lines of one cycle, its dated line left out, are a teaser's: a headline
    (a title-case line of a headline's length, or any such line that is no sentence) and at
    most one blurb of at most TEASER_BLURB_MAX_WORDS words."""
    if not lines:
        return False
    blurbs = [item for item in lines if item.prose]
    return (
        len(blurbs) <= 1
        and all(item.words <= TEASER_BLURB_MAX_WORDS for item in blurbs)
        and any(
            not item.prose
            and SIDEBAR_MIN_WORDS <= item.words <= TEXT_HEADLINE_MAX_WORDS
            and not item.block.text.endswith((".", "!", "?"))
            for item in lines
        )
    )


def mark_comment_forms(scored: list[ScoredBlock], cued: list[int]) -> None:
    """Page text: a comment form's notice (COMMENT_FORM) closes the story, as a comments
    heading does: no story is told inside a form, and the thread is often below it."""
    for index in cued:  # (the lines holding a word of TEXT_CUE_WORDS)
        item = scored[index]
        if item.words <= COMMENT_FORM_MAX_WORDS and COMMENT_FORM.search(item.block.text):
            item.value, item.prose, item.story_end = -BARRIER_PENALTY, False, True


def mark_embed_placeholders(scored: list[ScoredBlock], cued: list[int]) -> None:
    """Page text: an embedded post's placeholder (EMBED_PLACEHOLDER) stands where the post
    would be shown, among the story's paragraphs: it is never a story line. Its cost, and so
    the run, stay."""
    for index in cued:
        item = scored[index]
        if item.words <= EMBED_PLACEHOLDER_MAX_WORDS and EMBED_PLACEHOLDER.search(item.block.text):
            item.junk = True


def mark_credited_captions(scored: list[ScoredBlock]) -> None:
    """Page text: a photo's caption that ends in its credit (CAPTION_CREDIT), a line of at
    most CAPTION_MAX_WORDS words, is a caption, never a story line, however much it reads
    like the story's prose. Its value, and so the run, stay: a story goes on under its
    photos."""
    for item in scored:
        if (
            item.words <= CAPTION_MAX_WORDS
            and (not CAPTION_CREDIT_WORDS.isdisjoint(item.tokens) or "©" in item.block.text)
            and CAPTION_CREDIT.search(item.block.text)
        ):
            item.junk = True


def mark_credit_lines(scored: list[ScoredBlock]) -> None:
    """Page text: a photo's credit on a line of its own (CREDIT_LINE: "Photograph: Jane
    Doe/Getty Images"), over more of the story, is never a story line, nor is the caption
    right above it, a line of at most CAPTION_MAX_WORDS words. (A credit under the story's
    last line, some sources count as the story's.) Their cost, and so the run, stay: a story
    goes on under its photos."""
    for index, item in enumerate(scored):
        if (
            item.words <= CREDIT_LINE_MAX_WORDS
            and not CAPTION_CREDIT_WORDS.isdisjoint(item.tokens[:2])
            and CREDIT_LINE.match(item.block.text)
            # (a paragraph of the story within two lines under it, past a subhead)
            and any(
                other.prose and other.words >= LONG_BLOCK_WORDS
                for other in scored[index + 1 : index + 3]
            )
        ):
            item.junk = True
            if index and scored[index - 1].words <= CAPTION_MAX_WORDS:
                scored[index - 1].junk = True  # (its caption)


def mark_related_labels(scored: list[ScoredBlock], cued: list[int]) -> None:
    """Page text: the headlines right under a bare "Related" label (a link to another article
    set among the story's paragraphs: "Related", "How likely is an asteroid strike?") are
    not story lines; up to RELATED_LABEL_REACH of them, each no sentence. Their cost, and so
    the run, stay."""
    for index in cued:
        if scored[index].tokens != ["related"]:
            continue
        for other in scored[index + 1 : index + 1 + RELATED_LABEL_REACH]:
            if other.prose or not SIDEBAR_MIN_WORDS <= other.words <= TEXT_HEADLINE_MAX_WORDS:
                break
            other.junk = True


def mark_read_on_boxes(scored: list[ScoredBlock]) -> None:
    """Page text: a label over other articles' headlines among the story's paragraphs
    (TEXT_READ_ON_LABEL: "Keep Reading", "More on the strike:") and up to
    RELATED_LABEL_REACH headlines under it (no sentences, however long they read) are not
    story lines. Their cost, and so the run, stay: the story goes on under the box. (A
    "Related stories" heading the scoring read already opens its box for the sidebar.)"""
    for index, item in enumerate(scored):
        if (
            item.related
            or item.words > READ_ON_LABEL_MAX_WORDS
            or not TEXT_READ_ON_LABEL.match(item.block.text)
        ):
            continue
        item.junk = True
        for other in scored[index + 1 : index + 1 + RELATED_LABEL_REACH]:
            if not 0 < other.words <= READ_ON_HEADLINE_MAX_WORDS or ends_with_stop(
                other.block.text
            ):
                break
            other.junk = True


def mark_share_prompts(scored: list[ScoredBlock], cued: list[int]) -> None:
    """Page text: a prompt to share or rate the article (SHARE_PROMPT), an ad slot's label
    (AD_LABELS) or a link back to the section (BACK_LINK) is never a story line. Its
    cost, and so the run, stay."""
    for index in cued:
        item = scored[index]
        if item.words <= SHARE_PROMPT_MAX_WORDS and SHARE_PROMPT.match(item.block.text):
            item.junk = True
        elif len(item.tokens) == 1 and item.tokens[0] in AD_LABELS:
            item.junk = True  # (an ad slot's label)
        elif (
            item.words <= BACK_LINK_MAX_WORDS
            and not item.block.text.endswith((".", "!", "?"))  # ("Back to the street.")
            and BACK_LINK.match(item.block.text)
        ):
            item.junk = True  # (a link back to the section)


def mark_pitch_buttons(scored: list[ScoredBlock]) -> None:
    """Page text: a short line right over a form's button (PITCH_BUTTON: "Free Sign Up",
    "Donate Now"; itself never story) is the publisher's pitch ("Get our Daily Edition by
    email and never miss our top stories", "Fight for everyone's rights - support us."),
    however it is worded: never a story line. Its cost, and so the run, stay, and it may
    still be the headline (a masthead's "Subscribe" button sits under it)."""
    for index in range(1, len(scored)):
        button = scored[index]
        if (
            0 < button.words <= PITCH_BUTTON_MAX_WORDS
            and not PITCH_BUTTON_WORDS.isdisjoint(button.tokens)  # (a set test spares the regex)
            and PITCH_BUTTON.match(button.block.text)
        ):
            button.junk = True  # (the button itself is no story line either)
            pitch = scored[index - 1]
            if PITCH_BUTTON_MAX_WORDS < pitch.words <= PITCH_MAX_WORDS:
                pitch.pitch = True


def _table_cell(item: ScoredBlock) -> bool:
    """Page text: a line that may be a table's cell: short, no prose, no label or date."""
    return (
        item.words <= TEXT_TABLE_CELL_MAX_WORDS
        and not item.prose
        and item.value > -BARRIER_PENALTY
        and not (item.junk or item.age or item.related or item.story_end)
    )


def _figure(text: str) -> bool:
    """Whether a line is a figure: digits, with signs, units and at most two letters."""
    return (
        len(text) <= MAX_MARKER_CHARS
        and not DIGITS.isdisjoint(text)
        and sum(map(str.isalpha, text)) <= 2
    )


def mark_about_boxes(scored: list[ScoredBlock]) -> None:
    """Page text: a blog's box about itself or its author, the paragraphs under an "About"
    heading or over a "View my complete profile" link, or its disclaimer (under a
    "Disclaimer" heading), outweighs a short post but is not its story: its paragraphs cost
    what a line does, so that no run starts or ends in them. An "About" line over the page's
    headline (a line that shares most of its words with the page's title, its first line)
    heads no box: it is a menu's last link, and the post follows it."""
    title = set(scored[0].tokens) if scored else set()
    for index, item in enumerate(scored):
        if item.words > MAX_ABOUT_HEADING_WORDS:
            continue
        if ABOUT_HEADING.match(item.block.text) or DISCLAIMER_HEADING.match(item.block.text):
            if index + 1 < len(scored) and _shows_title(scored[index + 1], title):
                continue
            box = range(index + 1, min(len(scored), index + 1 + ABOUT_BOX_MAX_BLOCKS))
        elif PROFILE_LINK.match(item.block.text):
            box = range(index - 1, max(-1, index - 1 - ABOUT_BOX_MAX_BLOCKS), -1)
        else:
            continue
        for other in box:
            if not scored[other].prose:
                break
            scored[other].about = True
            scored[other].value = -LINE_PENALTY


def _shows_title(item: ScoredBlock, title: set[str]) -> bool:
    """Page text: whether a line reads as the page's headline: a headline's length, with at
    least half its words in the page's title (`title`, the first line's words)."""
    return HEADLINE_MIN_WORDS <= item.words <= HEADLINE_MAX_WORDS and 2 * sum(
        token in title for token in item.tokens
    ) >= len(item.tokens)


def mark_bio_boxes(scored: list[ScoredBlock]) -> None:
    """Page text: an author's bio in a box of its own (a sidebar's "Jane Doe is a blogger and
    maker living in...", with a paragraph or two more), or the site's blurb about itself,
    outweighs a short post but is not its story: a run of at most ABOUT_BOX_MAX_BLOCKS prose
    lines between lines that are not, whose first line is a bio (TEXT_BIO) or a blurb
    (TEXT_SITE_BLURB), with no other prose within TEXT_BIO_BOX_REACH lines, costs what a
    line does, as an "About" box does."""
    prose = [index for index, item in enumerate(scored) if item.prose]
    index = 0
    while index < len(scored):
        first = index
        while index < len(scored) and scored[index].prose:
            index += 1
        if first == index:
            index += 1
            continue
        # (a run of prose lines scored[first:index], bounded by lines that are not prose;
        # the prose lines nearest it on either side, by bisection)
        before = bisect_right(prose, first - 1)
        after = bisect_right(prose, index - 1)
        opener = scored[first]
        if (
            index - first <= ABOUT_BOX_MAX_BLOCKS
            and opener.words <= TEXT_BIO_MAX_WORDS
            and (before == 0 or prose[before - 1] < first - TEXT_BIO_BOX_REACH)
            and (after == len(prose) or prose[after] > index - 1 + TEXT_BIO_BOX_REACH)
            and (TEXT_BIO.match(opener.block.text) or TEXT_SITE_BLURB.search(opener.block.text))
        ):
            for other in scored[first:index]:
                other.about = True
                other.value = -LINE_PENALTY


def mark_consent_dialogs(scored: list[ScoredBlock]) -> None:
    """Page text: a cookie-consent dialog shows as a heading or a sentence about cookies, then
    its purposes: a toggle's label ("Funktional", "Immer aktiv", "Statistics") over a
    paragraph on storage and access. Those paragraphs outweigh a short story but are never
    one: every line of the dialog is boilerplate, so no run starts or ends in it."""
    index = 0
    while index < len(scored):
        item = scored[index]
        if COOKIE_WORDS.isdisjoint(item.tokens) or CONSENT_OPENERS.isdisjoint(item.tokens):
            index += 1
            continue
        last, labels, purposes = index + 1, 0, 0
        while last < min(len(scored), index + CONSENT_MAX_LINES):
            other = scored[last]
            if other.words <= CONSENT_LABEL_MAX_WORDS and other.words:
                labels += 1
            elif CONSENT_WORDS.isdisjoint(other.tokens):
                break
            else:
                purposes += 1
            last += 1
        if labels >= CONSENT_MIN_LABELS and purposes:
            for other in scored[index:last]:
                other.prose, other.junk = False, True
                other.value = line_value(other.words) - LINE_PENALTY
        index = last


def _counts_slides(scored: Sequence[ScoredBlock], start: int) -> bool:
    """Whether a gallery's pager ("1", "2", ...) opens within a few short lines of `start`."""
    for index in range(start, min(start + GALLERY_PAGER_REACH, len(scored) - 1)):
        if scored[index].lower == "1" and scored[index + 1].lower == "2":
            return True
        if scored[index].words > 2:
            return False
    return False


def mark_bio_headings(scored: list[ScoredBlock]) -> None:
    """Page text: a bare heading over the author's bio (BIO_HEADING) closes the story, as
    "About the author" does: the bio under it is not the story."""
    for item in scored:
        if (
            item.words <= BIO_HEADING_MAX_WORDS
            and item.tokens
            and item.tokens[0] in BIO_OPENERS  # (a set test spares most lines the regex)
            and BIO_HEADING.match(item.block.text)
        ):
            item.value, item.prose, item.story_end = -BARRIER_PENALTY, False, True


def mark_cut_teasers(scored: list[ScoredBlock]) -> None:
    """Page text: a headline-long line cut off with an ellipsis, one sentence ("Ministry will
    not tolerate any act of violence against…"), is a teaser's headline shortened to fit a
    box, not a sentence of the story, when the page shows it whole elsewhere (a sentence
    that trails off, "the filling was as follows...", is not): it costs what a line does.
    (A cut after a function word alone is no sign: old blogs' story lines trail off so.)"""
    cut = [
        item
        for item in scored
        if item.prose
        and 1 < len(item.tokens) <= TEXT_HEADLINE_MAX_WORDS
        and item.block.text.endswith(("…", "..."))
        and SENTENCE_INSIDE.search(item.block.text) is None
    ]
    if not cut:
        return
    by_opening: dict[tuple[str, ...], list[list[str]]] = {}  # longer lines by their opening
    for item in scored:
        if CUT_TEASER_OPENING < len(item.tokens) <= TITLE_MAX_WORDS:
            by_opening.setdefault(tuple(item.tokens[:CUT_TEASER_OPENING]), []).append(item.tokens)
    for item in cut:
        shown = item.tokens[:-1]  # (the last word may be cut off itself: "Crea...")
        whole = len(shown) >= CUT_TEASER_OPENING and any(
            len(other) > len(item.tokens) and other[: len(shown)] == shown
            for other in by_opening.get(tuple(shown[:CUT_TEASER_OPENING]), ())[:CUT_TEASER_COPIES]
        )
        if whole:
            item.prose = False
            item.value = line_value(item.words)


def mark_comments(
    scored: list[ScoredBlock], headline: int | None = None, page_text: bool = False
) -> int:
    """Make the lines framing each comment barriers, so the story never runs into comments.
    Returns where the comment thread starts (the page's length when there is none). In page
    text, a comments heading among the lines right under the `headline`, or right over a
    copy of it, is the count that links to the thread ("12 Comments" by the byline), not the
    thread; a date right under a "Read also" label and a headline is a teaser's; and a
    sentence that opens with a time ("12:55 PM – Second round, tied at even par.") is a live
    blog's entry, not a comment's timestamp; dates that only headlines part (_framing_dates)
    are barriers but open no thread."""
    copies: list[int] = []  # page text: the lines that show the headline again
    if page_text and headline is not None:
        words = scored[headline].tokens
        copies = [i for i, item in enumerate(scored) if i != headline and item.tokens == words]
    by_kind: dict[str, list[int]] = {}
    for index, item in enumerate(scored):
        text = item.block.text
        if page_text and len(item.tokens) == 1 and item.lower in TEXT_REPLY_ACTIONS:
            by_kind.setdefault("action", []).append(index)  # (page text: "Antworten")
            continue
        if (
            page_text
            and 1 < len(item.tokens) <= TEXT_SAYS_MAX_WORDS
            and text.endswith(":")
            and item.tokens[-1] in TEXT_SAYS
        ):
            by_kind.setdefault("author", []).append(index)  # (page text: "Jane sagt:")
            continue
        if item.slide or len(text) > MAX_MARKER_CHARS or not may_be_marker(text):
            continue
        if (match := COMMENT_MARKER.match(text)) and match.lastgroup:
            if page_text and match.lastgroup == "time" and item.prose and text[:1].isdigit():
                continue
            if page_text and match.lastgroup == "date" and EMBED_ATTRIBUTION.match(text):
                continue
            if page_text and match.lastgroup == "date" and SLIDE_COUNTER.match(text):
                continue
            if page_text and match.lastgroup == "time" and _duration(text):
                continue
            if (
                page_text
                and match.lastgroup in ("date", "time")
                # (the date of a teaser that a "Read also" label, or a section's, heads
                # among the story's paragraphs: the label, the teaser's headline, its date)
                and (
                    any(map(_read_also, scored[max(0, index - 2) : index]))
                    or _inset_teaser(scored, index)
                )
            ):
                continue
            by_kind.setdefault(match.lastgroup, []).append(index)
    if signatures := [index for index, item in enumerate(scored) if item.signature]:
        by_kind["signature"] = signatures  # (page text: mark_signed_comments)
    # A kind of marker that recurs frames comments; one "Kurt wrote:" is just a sentence.
    # The thread itself is where they come close together, as they do around each comment.
    markers: list[int] = []
    for kind, indexes in by_kind.items():
        if len(indexes) < MIN_COMMENT_MARKERS:
            continue
        for index in indexes:
            scored[index].value = -BARRIER_PENALTY
            scored[index].prose = False
        if page_text and kind in ("date", "time"):
            # (page text: a list of dated teasers bounds the story as a thread does, but a
            # thread it is not: a story may follow it)
            indexes = _framing_dates(scored, indexes)
        last = len(indexes) - MIN_COMMENT_MARKERS + 1
        markers.extend(
            indexes[i]
            for i in range(last)
            if indexes[i + MIN_COMMENT_MARKERS - 1] - indexes[i] <= COMMENT_MARKER_WINDOW
        )
    # A comments heading ("Reader Comments (3)") opens the thread even without markers, and
    # after a line that closes a story ("Filed under", "Previous post") no story follows.
    headings = [
        i
        for i, item in enumerate(scored)
        if item.value == -math.inf
        and not _under_headline(
            headline, i, SHARE_BAR_REACH if item.tokens in BARE_COMMENTS else HEADLINE_ANCHOR_REACH
        )
    ]
    if copies and headings:
        # page text: the count that links to the thread also sits right over a copy of the
        # headline (the story's own, where the first copy heads a list of recent posts)
        headings = [i for i in headings if not _over_copy(i, copies)]
    sure = sorted(markers + headings)  # a thread for certain, not just a story's end
    # (a share bar between the headline and the story's body closes nothing)
    markers = sorted(
        sure
        + [
            i
            for i, item in enumerate(scored)
            if item.story_end and not _under_headline(headline, i, SHARE_BAR_REACH)
        ]
    )
    if not markers:
        return len(scored)
    # Comments follow the story: the thread starts at the first marker after the first
    # stretch of prose, and its own prose (however long one comment is) is worth little.
    prose_seen = 0.0
    story_seen_at = len(scored)
    for index, item in enumerate(scored):
        prose_seen += max(item.value, 0.0)
        if prose_seen >= MIN_PROSE_BEFORE_COMMENTS:
            story_seen_at = index
            break
    thread = next((marker for marker in markers if marker > story_seen_at), len(scored))
    for item in scored[thread:]:
        if item.value > 0:
            item.value *= BOILERPLATE_REGION_FACTOR
    return next((marker for marker in sure if marker > story_seen_at), len(scored))


def _duration(text: str) -> bool:
    """Page text: a line whose first clock reading is a duration, not a time of day: past
    23 hours ("34:46 (17:26)", minutes and seconds) or with seconds ("1:13:13") on a line with
    no year and no am/pm, as a forum's stamp has ("2012-11-05 12:19:45"): a race's splits,
    a list of videos' lengths, whose run of "times" framed a thread."""
    clock = CLOCK.search(text)
    if clock is None:
        return False
    if int(clock.group(1)) >= CLOCK_HOURS:
        return True
    return clock.group(3) is not None and STAMP_CONTEXT.search(text) is None


def _inset_teaser(scored: list[ScoredBlock], index: int) -> bool:
    """Page text: whether the date at `index` is a teaser's set among the story's paragraphs
    with no "Read also" label: a paragraph of prose, a section's label, another article's
    headline (a line longer than a name that is no sentence), the date, and prose again. A
    comment's date sits under its commenter's name (a few words), not a headline."""
    if not INSET_TEASER_LINES <= index < len(scored) - 1 or not scored[index + 1].prose:
        return False
    label, headline = scored[index - 2], scored[index - 1]
    return (
        scored[index - 3].prose
        and not _said(label)
        and not _said(headline)
        and label.words < SIDEBAR_MIN_WORDS + 1
        and INSET_TEASER_MIN_WORDS <= headline.words <= TITLE_MAX_WORDS
    )


def _framing_dates(scored: list[ScoredBlock], indexes: list[int]) -> list[int]:
    """Page text: the dates (or times) of `indexes` that may frame comments. Dates with only a
    headline and labels between them ("Latest stories": a section, a date, a headline, over
    and over) date a list of other articles, however close together, and are left out: a
    comment says something (a sentence between its date and the next), and a list of
    signers or commenters names them in a word or three, shorter than a headline. The last
    date, with no next one to bound it, stays. Each line is read once."""
    kept: list[int] = []
    for index, following in pairwise(indexes):
        between = scored[index + 1 : following]
        if any(map(_said, between)) or not (
            any(map(_teaser_headline, between))
            # (or a dated line is itself one: "Evening News April 25, 2022")
            or _dated_headline(scored[index])
            or _dated_headline(scored[following])
        ):
            kept.append(index)
    if indexes:
        kept.append(indexes[-1])
    return kept


def _teaser_headline(item: ScoredBlock) -> bool:
    """A line shaped as another article's headline: a few words more than a name, in title
    case ("PAHO Continues To Partner With Member States")."""
    return SIDEBAR_MIN_WORDS <= item.words <= TEXT_HEADLINE_MAX_WORDS and title_case(item)


def _dated_headline(item: ScoredBlock) -> bool:
    """A headline that holds its date ("Clinical Summary for Monday, April 25, 2022"): more
    words than a date and its time, in title case (a comment's "April 25, 2022 at 3:15 pm"
    is not)."""
    return item.words > SIDEBAR_MIN_WORDS and title_case(item)


def _said(item: ScoredBlock) -> bool:
    """A line that says something, as a comment does: prose, or a sentence of some words
    that ends as one ("Great post, thanks!")."""
    return item.prose or (
        len(item.tokens) >= MIN_SAID_WORDS and item.block.text.endswith((".", "!", "?"))
    )


def _signature(text: str) -> tuple[str, bool] | None:
    """A commenter's name alone on a line: (the name, whether it is sure to be one: it
    follows the address of the author's site or is an @handle), or None. A name is one to
    MAX_SIGNATURE_WORDS words, capitalised or a single word, with no digit and no final
    punctuation: a subhead may look the same, so unsure names must sign two comments."""
    parts = text.split(maxsplit=MAX_SIGNATURE_WORDS + 1)
    sure = bool(parts) and parts[0].startswith(ADDRESS_OPENERS)
    if sure:
        parts = parts[1:]
    if not 1 <= len(parts) <= MAX_SIGNATURE_WORDS or text[-1] in ".!?:;,":
        return None
    name = " ".join(parts)
    if not DIGITS.isdisjoint(name) or not any(char.isalpha() for char in name):
        return None
    sure = sure or name.startswith("@")
    if not sure and len(parts) > 1 and not all(part[0].isupper() for part in parts):
        return None
    return name, sure


def mark_signed_comments(scored: list[ScoredBlock]) -> None:
    """Page text: a comment thread with no dates or "Reply" lines, each comment a paragraph
    under its author's name. A name line before a paragraph signs a comment when the name is
    sure (_signature) or signs two different paragraphs on the page (a subhead repeated over
    the same paragraph is a story shown twice); MIN_COMMENT_MARKERS signed comments within
    COMMENT_MARKER_WINDOW blocks, by three names or by two of which one is sure, make the
    signatures comment markers (barriers; mark_comments finds the thread by them). A line
    marked junk (an ad slot's label: "Werbung", "Anzeige") signs nothing."""
    found: list[tuple[int, str, bool]] = []
    for index in range(len(scored) - 1):
        text = scored[index].block.text
        if (
            not scored[index + 1].prose
            # (a line that is never story is no name either: an ad slot's label between the
            # story's paragraphs, "Werbung", "Anzeige", "Advertisement", shown over and over)
            or scored[index].junk
            or (
                len(scored[index].tokens) > MAX_SIGNATURE_WORDS
                and not text.startswith(ADDRESS_OPENERS)
            )
        ):
            continue
        if (signature := _signature(text)) is not None:
            found.append((index, *signature))
    if len(found) < MIN_COMMENT_MARKERS:
        return
    signed: dict[str, set[str]] = {}
    for index, name, _ in found:
        signed.setdefault(name, set()).add(scored[index + 1].lower)
    signatures = [
        (index, name, sure) for index, name, sure in found if sure or len(signed[name]) > 1
    ]
    marked: set[int] = set()
    for first in range(len(signatures) - MIN_COMMENT_MARKERS + 1):
        window = signatures[first : first + MIN_COMMENT_MARKERS]
        if window[-1][0] - window[0][0] > COMMENT_MARKER_WINDOW:
            continue
        names = {name for _, name, _ in window}
        if len(names) > MIN_SIGNERS or (
            len(names) == MIN_SIGNERS and any(sure for _, _, sure in window)
        ):
            marked.update(index for index, _, _ in window)
    # the first comment's author may sign no other comment: a name line right before a
    # marked one, with only that comment's paragraphs between them and no paragraph right
    # above it (a story's last subhead has the story's paragraph above it), signs too
    for (index, _, _), (after, _, _) in zip(found[-2::-1], found[:0:-1], strict=True):
        if (
            after in marked
            and index not in marked
            and (index == 0 or not scored[index - 1].prose)
            and all(item.prose for item in scored[index + 1 : after])
        ):
            marked.add(index)
    for index in marked:
        scored[index].value, scored[index].prose = -BARRIER_PENALTY, False
        scored[index].signature = True


def _read_also(item: ScoredBlock) -> bool:
    """Whether a line is a "Read also" label ("Related stories", "Lee también...", whose
    ellipsis score_block reads as a sentence's stop)."""
    return item.related or (
        item.words <= READ_MORE_MAX_WORDS and READ_MORE.match(item.block.text) is not None
    )


def _over_copy(index: int, copies: Sequence[int]) -> bool:
    """Whether one of the headline's `copies` is among the HEADLINE_ANCHOR_REACH lines under
    `index` (copies in page order: a binary search)."""
    at = bisect_right(copies, index)
    return at < len(copies) and copies[at] <= index + HEADLINE_ANCHOR_REACH


def _under_headline(headline: int | None, index: int, reach: int = HEADLINE_ANCHOR_REACH) -> bool:
    """Whether `index` is among the `reach` lines right under the headline."""
    return headline is not None and headline < index <= headline + reach


def may_be_marker(text: str) -> bool:
    """False only when `text` cannot match COMMENT_MARKER (exact for ASCII text; any other
    text goes to the regex, whose case-insensitive matching knows more letters)."""
    if not text.isascii():
        return True
    if len(text) <= MAX_DATED_MARKER_CHARS and not DIGITS.isdisjoint(text):
        return True
    lowered = text.lower()
    return lowered in COMMENT_ACTIONS or any(cue in lowered for cue in COMMENT_MARKER_CUES)


def other_posts(
    scored: Sequence[ScoredBlock], kept: list[ScoredBlock], headline: int | None
) -> list[ScoredBlock]:
    """HTML: the story's `kept` blocks without the other posts a page shows beside it (a
    blog's home page or an archive printing several posts in full, the next post printed
    under the story). The story's prose lies in sibling elements under one element; those
    whose first title of a few words linking to another page (a post's, to the post) comes
    before their prose are posts. Where two or more hold kept prose, and most of it, only
    the post that holds the page's headline stays, else the first; a headline's part that
    opens with no such title keeps them all (boxes of teasers among a story's paragraphs)."""
    prose = [item for item in kept if item.prose]
    if len(prose) < 2:
        return kept
    prefix = prose[0].block.ancestors
    depth = len(prefix)
    for item in prose[1:]:
        ancestors = item.block.ancestors
        limit = min(depth, len(ancestors))
        depth = 0
        while depth < limit and ancestors[depth] == prefix[depth]:
            depth += 1
    parent = prefix[depth - 1] if depth else None

    def child(item: ScoredBlock) -> int | None:
        ancestors = item.block.ancestors
        if len(ancestors) <= depth or (depth and ancestors[depth - 1] != parent):
            return None
        return ancestors[depth]

    position = {id(item): index for index, item in enumerate(scored)}
    low = max(0, position[id(kept[0])] - POST_HEADING_REACH)
    high = position[id(kept[-1])] + 1
    opens: dict[int, bool] = {}  # child element -> whether a post's linked title opens it
    for item in scored[low:high]:
        element = child(item)
        if element is None or element in opens:
            continue
        block = item.block
        if (
            block.hints & Hint.HEADING
            and item.words >= POST_TITLE_MIN_WORDS
            and 2 * block.link_chars >= len(block.text)
            and block.href is not None
            and not block.href.startswith("#")
        ):
            opens[element] = True
        elif item.prose:
            opens[element] = False
    posts = [
        element
        for element in dict.fromkeys(child(item) for item in prose)
        if element is not None and opens.get(element)
    ]
    if len(posts) < 2:
        return kept
    titled = set(posts)
    in_posts = sum(item.words for item in prose if child(item) in titled)
    if in_posts < POST_PROSE_SHARE * sum(item.words for item in prose):
        return kept  # boxes of teasers among a story's paragraphs, not posts side by side
    own = child(scored[headline]) if headline is not None else None
    if own is not None and own not in titled and any(child(item) == own for item in prose):
        return kept  # the headline's own part of the story opens with no post's title
    chosen = own if own in titled else posts[0]
    last = max(index for index, item in enumerate(kept) if child(item) == chosen)
    dropped = titled - {chosen}
    return [
        item
        for index, item in enumerate(kept)
        if child(item) == chosen or (child(item) not in dropped and index <= last)
    ]
