"""Finding the story's run of blocks and trimming its edges.

After the box passes (`split_boxes.py`), `split.py`'s `_split` asks here for the best run
(a maximum-sum subarray of the scored values), the story's main container, the aside boxes,
pitches and teasers at its edges and the box after the story, then which lines inside the run
are story lines (bylines, lists, closing notes, boxed headlines). Reads the cues and the
scoring only; the sidebar (`split_sidebar.py`) is claimed from what lies outside the run.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.nlp.blocks import BOILERPLATE, Hint, HtmlPage
from pipeline.nlp.dates import date_alone
from pipeline.nlp.split_cues import (
    AFTER_BOX_SHARE,
    ASIDE_ANY,
    ASIDE_HINTS,
    ASIDE_MAX_BLOCKS,
    ASIDE_STORY_SHARE,
    ASKS,
    BARE_ADDRESS,
    BARRIER_PENALTY,
    BIO_HEADING,
    BIO_HEADING_MAX_WORDS,
    BULLETS,
    BUTTON_BOX_MAX_LINES,
    BUTTON_LINK_DENSITY,
    BUTTON_MAX_WORDS,
    CAPTION_MINOR_SHARE,
    CITATION_MAX_WORDS,
    CITATION_OPENER,
    CLOSERS,
    CLOSING_NOTE,
    CLOSING_NOTE_MAX_WORDS,
    CONFIDENT_STORY_WORDS,
    CONTACT_DETAIL,
    CONTACT_LABEL,
    CONTACT_LABEL_MAX_WORDS,
    CONTACT_LINE_MAX_WORDS,
    DATED_FIELD_MAX_WORDS,
    DATED_FIELD_SEPARATOR,
    DATED_LINE_MAX_CHARS,
    DATED_LINE_MAX_FIELDS,
    DOWNLOAD,
    DOWNLOAD_CUES,
    DOWNLOAD_MAX_WORDS,
    FOLLOW_MAX_WORDS,
    FOLLOW_OPENER,
    FOLLOW_WHERE,
    GALLERY_MIN_CAPTIONS,
    GALLERY_STORY_MIN_WORDS,
    HEADLINE_BOX_MIN_LINES,
    HEADLINE_GAP_MAX_LINES,
    HEADLINE_LIST_MIN_ITEMS,
    HEADLINE_LIST_MIN_WORDS,
    IMAGE_BOX_MAX_LINES,
    IMAGE_CAPTION_MAX_WORDS,
    LINKED_PITCH_MAX_WORDS,
    LIST_ITEM_MIN_WORDS,
    LONG_BLOCK_WORDS,
    MAIN_CONTAINER_SHARE,
    MAX_PROSE_LINK_DENSITY,
    MENU_SEPARATORS,
    META_EDGE_SHARE,
    META_TAIL_MAX_LINES,
    MIN_PROSE_BEFORE_COMMENTS,
    NOT_BUTTON,
    NOT_GAP_LINE,
    NOT_IMAGE_CAPTION,
    NOT_STORY_EDGE,
    NOTICE_BOX_MAX_LINES,
    NOTICE_MAX_WORDS,
    NOTICE_NEED,
    NOTICE_TECH,
    PAGE_TEXT_ITEMS,
    PITCH_BOX_SHARE,
    POST_NOTE,
    POST_NOTE_MAX_WORDS,
    PROSE_MIN_WORDS,
    QUOTES,
    SIDEBAR_MIN_WORDS,
    SOCIAL_LINE,
    STORY_JUNK,
    SUPPORT_ASK,
    TEASER_DEPTH,
    TEASER_MAX_LINES,
    TEASER_MAX_WORDS,
    TEASER_MIN_ITEMS,
    TEASER_REACH,
    TEASER_SHARE,
    TEXT_AD_DISCLOSURE,
    TEXT_HEADLINE_MAX_WORDS,
    TWO_PART_ITEM,
)
from pipeline.nlp.split_scoring import (
    ScoredBlock,
    call_to_action,
    ends_with_stop,
    headline_like,
    is_boilerplate_text,
    may_hold,
    same_text,
    title_case,
)


def best_run(scored: Sequence[ScoredBlock], thread: int) -> tuple[int, int, float, float]:
    """The contiguous run with the largest total value (Kadane), and the best run outside it.

    The story comes before the comment thread (which starts at `thread`): when prose above
    the thread makes a run of its own, one long comment below cannot take its place."""
    start, end, best = max_run(scored, 0, thread)
    if best < MIN_PROSE_BEFORE_COMMENTS:
        start, end, best = max_run(scored, 0, len(scored))
    # a sidebar box (an "about" blurb, a teaser) at either end of the run is not the story's;
    # nor is a caption or an author's bio, unless the story itself sits in "meta" markup
    prose = [item for item in scored[start:end] if item.prose and item.value > 0]
    meta = sum(item.value for item in prose if item.block.hints & Hint.META)
    edge = NOT_STORY_EDGE
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
    before = max_run(scored, 0, start)[2]
    after = max_run(scored, end, len(scored))[2]
    return start, end, best, max(before, after, 0.0)


def max_run(scored: Sequence[ScoredBlock], lo: int, hi: int) -> tuple[int, int, float]:
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


def up_to_headline(scored: Sequence[ScoredBlock], headline: int | None, start: int) -> int:
    """Where the story starts when only plain lines of the article's markup (link-free, in
    no box, byline or caption) lie between its headline and its run: right under the
    headline, so a recipe's ingredients or a fact box over the first paragraph are the
    story's, as its subheads and lists inside the run are; under the last heading among
    them, if any (a kicker over the headline shown again). Else `start`, and so when the run
    itself opens outside the article's markup (a comment under a picture post)."""
    if (
        headline is None
        or not headline + 1 < start <= headline + 1 + HEADLINE_GAP_MAX_LINES
        or not scored[start].block.hints & Hint.ARTICLE
        or scored[start].block.hints & NOT_GAP_LINE
    ):
        return start
    opening = headline + 1
    for index in range(headline + 1, start):
        item = scored[index]
        hints = item.block.hints
        if (
            not hints & Hint.ARTICLE
            or hints & NOT_GAP_LINE
            or item.block.link_chars
            or item.sidebar
            or item.junk
            or item.value <= -BARRIER_PENALTY
        ):
            return start
        if hints & Hint.HEADING:
            opening = index + 1
    return opening


def main_container(run: Sequence[ScoredBlock]) -> int | None:
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


def aside_hints(run: Sequence[ScoredBlock]) -> int:
    """Which of ASIDE_HINTS mark markup that is not the story's on this page: those that
    hold less than ASIDE_STORY_SHARE of the run's prose (in words), in fewer than
    ASIDE_MAX_BLOCKS blocks or all inside one element that holds none of the run's other
    prose (a gallery's captions, in a box of their own, not a photo blog's, among its
    paragraphs), or, for captions, under CAPTION_MINOR_SHARE of it (a story with many
    photos); and captions in such a box, or in several galleries of their own with the
    story's paragraphs between them, whatever their share, beside a story of at least
    GALLERY_STORY_MIN_WORDS words of prose of its own."""
    total = 0
    held = [0] * len(ASIDE_HINTS)
    blocks = [0] * len(ASIDE_HINTS)
    for item in run:
        if item.prose and item.value > 0:
            total += item.words
            if item.block.hints & ASIDE_ANY:  # (most prose has none: skip the loop)
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
            and (_boxed_apart(run, hint) or _galleries_apart(run))
        ):
            # a gallery's captions may outnumber a short story's words: still not the story's
            aside |= hint
    return aside


def _boxed_apart(run: Sequence[ScoredBlock], hint: int) -> bool:
    """Whether the run's prose under `hint` sits inside one element (the innermost around all
    of it) that holds no other prose of the run."""
    prose = [item for item in run if item.prose and item.value > 0]
    common: tuple[int, ...] | None = None
    for item in prose:
        if item.block.hints & hint:
            ancestors = item.block.ancestors
            common = ancestors if common is None else _shared_ancestors(common, ancestors)
    if not common:
        return False
    box = common[-1]
    return not any(box in item.block.ancestors for item in prose if not item.block.hints & hint)


def _shared_ancestors(first: tuple[int, ...], second: tuple[int, ...]) -> tuple[int, ...]:
    """The elements around both blocks (`Block.ancestors` of each, outermost first)."""
    shared = 0
    for mine, theirs in zip(first, second, strict=False):
        if mine != theirs:
            break
        shared += 1
    return first[:shared]


def _galleries_apart(run: Sequence[ScoredBlock]) -> bool:
    """Whether the run's captioned prose comes in galleries: stretches of GALLERY_MIN_CAPTIONS
    captions or more in a row, each inside one element (the innermost around the stretch)
    that holds no other prose of the run (two galleries with the story's paragraphs between)."""
    prose = [item for item in run if item.prose and item.value > 0]
    stretches: list[list[ScoredBlock]] = []
    previous = False
    for item in prose:
        captioned = bool(item.block.hints & Hint.CAPTION)
        if captioned and previous:
            stretches[-1].append(item)
        elif captioned:
            stretches.append([item])
        previous = captioned
    if not stretches or any(len(stretch) < GALLERY_MIN_CAPTIONS for stretch in stretches):
        return False
    boxes: set[int] = set()
    for stretch in stretches:
        common = stretch[0].block.ancestors
        for item in stretch[1:]:
            common = _shared_ancestors(common, item.block.ancestors)
        if not common:
            return False
        boxes.add(common[-1])
    # (one pass: a box that holds any prose without a caption is the story's own element)
    return not any(
        not boxes.isdisjoint(item.block.ancestors)
        for item in prose
        if not item.block.hints & Hint.CAPTION
    )


def pitch_boxes(
    blocks: Sequence[ScoredBlock], main: int | None, kept: Sequence[ScoredBlock], story_words: int
) -> set[int]:
    """HTML: the elements among the story's `blocks` (other than its `main` element) that
    are the publisher's pitch: each opens with a heading or a call to action, holds a call to
    action, and holds under PITCH_BOX_SHARE of the `kept` story's words. A pitch inside the
    story's own element (a story about a subscription) is left to the story."""
    opening: dict[int, ScoredBlock] = {}
    pitched: set[int] = set()
    for item in blocks:
        box = item.block.container
        if not box or box == main:
            continue
        opening.setdefault(box, item)
        if call_to_action(item):
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
        and (opening[box].block.hints & Hint.HEADING or call_to_action(opening[box]))
    }


def button_boxes(
    scored: Sequence[ScoredBlock],
    first: int,
    last: int,
    main: int | None,
    kept: Sequence[ScoredBlock],
) -> set[int]:
    """HTML: the elements among the story's blocks `scored[first:last]` (or TEASER_REACH past
    them) that a button closes: the innermost element around a button line (a link of at
    most BUTTON_MAX_WORDS words, no heading or list item) and the line above it, that ends
    with that button and holds no other. Such a box ("Our seminar ... / Learn more", "We
    need your help / ... / Donate") is the publisher's offer, not the story's, when it holds
    at most BUTTON_BOX_MAX_LINES of the `kept` story's blocks, none a heading, and under
    PITCH_BOX_SHARE of its words (a list of places to visit, each with its "More info"
    button, is the story)."""
    boxes: set[int] = set()
    if main is None:
        return boxes
    for index in range(max(first, 1), min(len(scored) - 1, last + TEASER_REACH)):
        if not _button(scored[index]):
            continue
        box = _innermost_shared(scored[index], scored[index - 1])
        if box and box != main and box not in scored[index + 1].block.ancestors:
            boxes.add(box)
    if not boxes:
        return boxes
    lines = dict.fromkeys(boxes, 0)  # (a heading counts past the limit)
    for item in kept:
        for box in boxes.intersection(item.block.ancestors):
            lines[box] += BUTTON_BOX_MAX_LINES + 1 if item.block.hints & Hint.HEADING else 1
    found = {box for box in _minor_boxes(boxes, kept, main) if lines[box] <= BUTTON_BOX_MAX_LINES}
    if found:  # (one button each: a box of several is a menu or a product's page)
        buttons = dict.fromkeys(found, 0)
        for item in scored:
            if _button(item):
                for box in found.intersection(item.block.ancestors):
                    buttons[box] += 1
        found = {box for box in found if buttons[box] == 1}
    return found


def bio_boxes(
    scored: Sequence[ScoredBlock],
    first: int,
    last: int,
    main: int | None,
    kept: Sequence[ScoredBlock],
) -> set[int]:
    """HTML: the author's boxes among the story's blocks `scored[first:last]` (or
    TEASER_REACH past them): the innermost element around a bare "Autor" / "Author" heading
    (BIO_HEADING) and the line after it, unless it is or holds the story's `main` element
    or PITCH_BOX_SHARE of the `kept` story's words."""
    boxes: set[int] = set()
    if main is None:
        return boxes
    for index in range(max(first, 0), min(len(scored) - 1, last + TEASER_REACH)):
        item = scored[index]
        if item.words > BIO_HEADING_MAX_WORDS or not BIO_HEADING.match(item.block.text):
            continue
        box = _innermost_shared(item, scored[index + 1])
        if box and box != main:
            boxes.add(box)
    return _minor_boxes(boxes, kept, main) if boxes else boxes


def teaser_boxes(
    scored: Sequence[ScoredBlock],
    first: int,
    last: int,
    main: int | None,
    kept: Sequence[ScoredBlock],
) -> set[int]:
    """HTML: boxes of their own inside the story's `main` element (each the element right
    under it) that hold a linked heading in sidebar or teaser markup (another article's
    headline, under the box's label, over its blurb), among the story's blocks
    `scored[first:last]`, while they hold under PITCH_BOX_SHARE of the `kept` story's
    words."""
    boxes: set[int] = set()
    if main is None:
        return boxes
    for item in scored[max(first, 0) : last]:
        block = item.block
        if (
            block.hints & Hint.HEADING
            and block.hints & Hint.SIDEBAR
            and block.link_density > MAX_PROSE_LINK_DENSITY
            and main in block.ancestors
        ):
            below = block.ancestors.index(main) + 1
            if below < len(block.ancestors) - 1:  # (not the heading's own element)
                boxes.add(block.ancestors[below])
    return _minor_boxes(boxes, kept) if boxes else boxes


def _minor_boxes(boxes: set[int], kept: Sequence[ScoredBlock], main: int | None = None) -> set[int]:
    """The `boxes` that hold under PITCH_BOX_SHARE of the `kept` story's words and, when
    `main` is given, none of the story's own element's lines (a box around the story is no
    box inside it)."""
    held = dict.fromkeys(boxes, 0)
    around_story: set[int] = set()
    story_words = 0
    for item in kept:
        story_words += item.words
        for box in boxes.intersection(item.block.ancestors):
            held[box] += item.words
            if item.block.container == main:
                around_story.add(box)
    return {
        box
        for box in boxes
        if box not in around_story and held[box] < PITCH_BOX_SHARE * story_words
    }


def _innermost_shared(one: ScoredBlock, other: ScoredBlock) -> int:
    """The innermost element around both blocks, 0 when none is."""
    box = 0
    for mine, theirs in zip(one.block.ancestors, other.block.ancestors, strict=False):
        if mine != theirs:
            break
        box = mine
    return box


def _button(item: ScoredBlock) -> bool:
    """A line that is a link of a few words: a button ("Apply now", "Donate", "Mehr Info");
    not a share or an ad's button, nor a photo's ("Enlarge photo"), nor a heading or an item
    of a list."""
    return (
        item.words <= BUTTON_MAX_WORDS
        and item.block.link_density >= BUTTON_LINK_DENSITY
        and not item.block.hints & NOT_BUTTON
    )


def image_captions(
    scored: Sequence[ScoredBlock], first: int, last: int, page: HtmlPage, main: int | None
) -> set[int]:
    """HTML: the indices of captions without a caption class among `scored[first:last]`:
    the lines of an element that holds an image (`page.pictured`) and one to
    IMAGE_BOX_MAX_LINES lines, each of at most IMAGE_CAPTION_MAX_WORDS words and no
    paragraph, heading or item of a list or table, when the element is the line's own or
    the one around it and not the story's `main` element ("Roman Prymula, photo: ...",
    "Abbildung: ..." in a box with its picture; an embedded teaser's label and blurb)."""
    found: set[int] = set()
    pictured = page.pictured
    if not pictured:
        return found
    for index in range(max(first, 0), min(last, len(scored))):
        if index in found or not _caption_like(scored[index]):
            continue
        for element in scored[index].block.ancestors[-2:]:
            if element == main or element not in pictured:
                continue
            low = high = index  # the element's lines, a few at most
            while (
                low > 0
                and index - low <= IMAGE_BOX_MAX_LINES
                and element in scored[low - 1].block.ancestors
            ):
                low -= 1
            while (
                high + 1 < len(scored)
                and high - index <= IMAGE_BOX_MAX_LINES
                and element in scored[high + 1].block.ancestors
            ):
                high += 1
            if high - low < IMAGE_BOX_MAX_LINES and all(
                _caption_like(scored[line]) for line in range(low, high + 1)
            ):
                found.update(range(low, high + 1))
                break
    # (a post that is a picture and its caption is told in the caption)
    prose = sum(item.words for item in scored[first:last] if item.prose and item.value > 0)
    if sum(scored[index].words for index in found) >= CAPTION_MINOR_SHARE * prose:
        return set()
    return found


def _caption_like(item: ScoredBlock) -> bool:
    return item.words <= IMAGE_CAPTION_MAX_WORDS and not item.block.hints & NOT_IMAGE_CAPTION


def teaser_edges(
    scored: Sequence[ScoredBlock],
    first: int,
    last: int,
    main: int | None,
    kept: Sequence[ScoredBlock],
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
    story stays; those at its end go whatever their share when they follow a heading over
    other articles ("More on this") that the story left out."""
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

    def in_teaser(item: ScoredBlock) -> bool:
        return any(teaser_of.get(serial) in teasers for serial in item.block.ancestors)

    while lead < tail and in_teaser(kept[lead]):
        lead += 1
    while tail > lead and in_teaser(kept[tail - 1]):
        tail -= 1
    story_words = sum(item.words for item in kept)
    lead_words = sum(item.words for item in kept[:lead])
    if lead == tail or lead_words >= TEASER_SHARE * story_words:
        return 0, len(kept)
    # (teasers under a "More on this" heading that the story left out go however many they
    # are: the story ended over that heading)
    if lead_words + sum(item.words for item in kept[tail:]) >= TEASER_SHARE * story_words and (
        tail == len(kept) or not _related_between(scored, first, last, kept[tail - 1 : tail + 1])
    ):
        return 0, len(kept)
    return lead, tail


def _related_between(
    scored: Sequence[ScoredBlock], first: int, last: int, pair: Sequence[ScoredBlock]
) -> bool:
    """Whether a heading over other articles' links ("Related stories", `related`) lies
    among `scored[first:last]` between the two blocks of `pair`."""
    before, after = pair
    seen = False
    for item in scored[first:last]:
        if item is after:
            return False
        if seen and item.related:
            return True
        seen = seen or item is before
    return False


def box_after(
    kept: Sequence[ScoredBlock], main: int | None, scored: Sequence[ScoredBlock] = ()
) -> int:
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
        or call_to_action(opening)
        or _opens_after_heading(opening, main, scored)
    ):
        return len(kept)
    after = sum(item.words for item in kept[start:])
    if after >= AFTER_BOX_SHARE * sum(item.words for item in kept[:start]):
        return len(kept)
    return start


def table_of_contents(kept: list[ScoredBlock]) -> list[ScoredBlock]:
    """HTML: the story's `kept` blocks without its table of contents: lines that are links
    (no heading) whose text is one of the story's own headings, which they jump to, and the
    label that announces them ("In this article:")."""
    headings = {item.block.text for item in kept if item.block.hints & Hint.HEADING}
    if not headings:
        return kept
    story: list[ScoredBlock] = []
    for item in kept:
        if (
            item.block.text in headings
            and not item.block.hints & Hint.HEADING
            and item.block.link_density > MAX_PROSE_LINK_DENSITY
        ):
            if story and dangling(story[-1]):
                story.pop()
            continue
        story.append(item)
    return story


def headline_lists(kept: list[ScoredBlock]) -> list[ScoredBlock]:
    """HTML: the story's `kept` blocks without the lists of other articles in it: an element
    whose kept lines are at least HEADLINE_LIST_MIN_ITEMS list items, each wholly a link to
    another page, of HEADLINE_LIST_MIN_WORDS words on average (headlines, not the names of
    places or people the story lists), and the label that announces it ("More stories:")."""
    items: dict[int, list[ScoredBlock]] = {}
    for item in kept:
        items.setdefault(item.block.container, []).append(item)
    lists = {
        container
        for container, lines in items.items()
        if len(lines) >= HEADLINE_LIST_MIN_ITEMS
        and sum(line.words for line in lines) >= HEADLINE_LIST_MIN_WORDS * len(lines)
        and all(_headline_link(line) for line in lines)
    }
    if not lists:
        return kept
    story: list[ScoredBlock] = []
    for item in kept:
        if item.block.container in lists:
            # (the label goes too, a sentence's ("Here is more to read:") as a heading's)
            if story and story[-1].block.container not in lists and _announces(story[-1]):
                story.pop()
            continue
        story.append(item)
    return story


def _announces(item: ScoredBlock) -> bool:
    """A line that announces what follows it: a heading, or a line ending in a colon."""
    return bool(item.block.hints & Hint.HEADING) or item.block.text.endswith(":")


def _headline_link(item: ScoredBlock) -> bool:
    """HTML: an item of a list that is wholly a link to another page (not a fragment of this
    one: a table of contents), no heading."""
    block = item.block
    return (
        bool(block.hints & Hint.LIST_ITEM)
        and not block.hints & Hint.HEADING
        and block.link_density >= BUTTON_LINK_DENSITY
        and block.href is not None
        and not block.href.startswith(("#", "javascript:"))
    )


def meta_tail(kept: list[ScoredBlock]) -> int:
    """HTML: where the lines in byline, date or tag markup (META, no caption) that close the
    story's `kept` blocks start: the post's footer line ("Posted on May 2 by Jane. Filed
    under Travel"), the reporting credits, its tags. At most META_TAIL_MAX_LINES of them,
    after more words of prose outside such markup (a story set whole in a "post-meta"
    element keeps its lines: its prose is under that markup too)."""
    end = len(kept)
    while (
        end > 1
        and len(kept) - end < META_TAIL_MAX_LINES
        and kept[end - 1].block.hints & Hint.META
        and not kept[end - 1].block.hints & Hint.CAPTION
    ):
        end -= 1
    if end == len(kept) or kept[end - 1].block.hints & Hint.META:
        return len(kept)  # (a longer run of such lines: the story's own, or a box's)
    tail = sum(item.words for item in kept[end:])
    prose = sum(
        item.words for item in kept[:end] if item.prose and not item.block.hints & Hint.META
    )
    return end if prose > tail else len(kept)


def bare_dates(kept: list[ScoredBlock]) -> list[ScoredBlock]:
    """HTML: the story's `kept` blocks without the lines above its first prose or below its
    last that are a date and nothing else ("Published: 12.03.2024, 10:45", "Créé: 2 mai"):
    the post's date, which the metadata reads, not its text."""
    prose = [position for position, item in enumerate(kept) if item.prose]
    if not prose:
        return kept
    first, last = prose[0], prose[-1]
    return [
        item
        for position, item in enumerate(kept)
        if first <= position <= last
        or item.prose
        or (date_alone(item.block.text) is None and not _dated_fields(item.block.text))
    ]


def _dated_fields(text: str) -> bool:
    """A line that is the post's date and a field or two beside it, set apart by bars or
    dots ("24. März 2004, 19:49 | Jane Doe", "2021-10-16 | News"): each other field a few
    words and no sentence."""
    if len(text) > DATED_LINE_MAX_CHARS:
        return False
    fields = DATED_FIELD_SEPARATOR.split(text.strip())
    if not 2 <= len(fields) <= DATED_LINE_MAX_FIELDS:
        return False
    dated = False
    for field in fields:
        if not dated and date_alone(field) is not None:
            dated = True
        elif len(field.split()) > DATED_FIELD_MAX_WORDS or field.endswith((".", "!", "?")):
            return False
    return dated


def tail_notes(kept: list[ScoredBlock]) -> int:
    """HTML: where the notes under the story's `kept` blocks that are about it, not of it,
    start: how to cite it ("Suggested citation: ...", "Zitiervorschlag: ..."), or a bare
    contact label ("Kontakt:", "Media contact") over nothing but contact lines (names,
    e-mail addresses, phone numbers), or lines that are a web address alone ("EXAMPLE.COM":
    the source's credit), or a line that speaks of the post to its reader (POST_NOTE: "This
    entry was posted on...", "If you enjoyed this article, ..."). Only after more words of the
    story than they hold."""
    end = len(kept)
    while end > 1 and BARE_ADDRESS.fullmatch(kept[end - 1].block.text.strip()) is not None:
        end -= 1
    kept = kept[:end]
    # from the end: whether every line from a position on is a contact line, and its words
    contact_only = [True] * (len(kept) + 1)
    detail = [False] * (len(kept) + 1)
    for position in range(len(kept) - 1, -1, -1):
        item = kept[position]
        found = CONTACT_DETAIL.search(item.block.text) is not None
        contact_only[position] = contact_only[position + 1] and (
            item.words <= CONTACT_LINE_MAX_WORDS and (found or not item.prose)
        )
        detail[position] = detail[position + 1] or found
    words = sum(item.words for item in kept)
    before = 0  # the story's words above the position
    for position, item in enumerate(kept):
        text = item.block.text
        if before > words - before and (
            (item.words <= CITATION_MAX_WORDS and CITATION_OPENER.match(text) is not None)
            or (item.words <= POST_NOTE_MAX_WORDS and POST_NOTE.match(text) is not None)
            or (
                item.words <= CONTACT_LABEL_MAX_WORDS
                and CONTACT_LABEL.fullmatch(text) is not None
                and contact_only[position + 1]
                and detail[position + 1]
            )
        ):
            return position
        before += item.words
    return end


def _plugin_notice(item: ScoredBlock) -> bool:
    """A short line saying a medium needs a script or a plugin: "Media requires JavaScript
    and Adobe Flash to play", "Please enable JavaScript to view the comments"."""
    text = item.block.text
    return (
        item.words <= NOTICE_MAX_WORDS
        and NOTICE_TECH.search(text) is not None
        and NOTICE_NEED.search(text) is not None
    )


def _follow_line(item: ScoredBlock) -> bool:
    """A short line asking the reader to follow someone on a social network: "Follow @example
    on Twitter", "Like us on Facebook"."""
    text = item.block.text
    return (
        item.words <= FOLLOW_MAX_WORDS
        and FOLLOW_OPENER.match(text) is not None
        and FOLLOW_WHERE.search(text) is not None
    )


def page_notices(kept: list[ScoredBlock]) -> list[ScoredBlock]:
    """HTML: the story's `kept` blocks without the page's notices among them: a plugin's or a
    script's ("Media requires JavaScript and Adobe Flash to play") and a social network's
    ("Follow @example on Twitter"), with the box that holds one when the box is a few short
    lines ("If these are disabled, please enable them to view the media", "Twitter List:
    Reporters and Editors"), not the story's whole element."""
    notices = [_plugin_notice(item) or _follow_line(item) for item in kept]
    if not any(notices):
        return kept
    lines: dict[int, list[ScoredBlock]] = {}
    for item in kept:
        lines.setdefault(item.block.container, []).append(item)
    boxes = {
        item.block.container
        for item, notice in zip(kept, notices, strict=True)
        if notice
        and item.block.container
        and len(lines[item.block.container]) <= NOTICE_BOX_MAX_LINES
        and all(line.words <= NOTICE_MAX_WORDS for line in lines[item.block.container])
    }
    return [
        item
        for item, notice in zip(kept, notices, strict=True)
        if not notice and item.block.container not in boxes
    ]


def tail_after_box(kept: Sequence[ScoredBlock], scored: Sequence[ScoredBlock], end: int) -> int:
    """HTML: where a tail of the story's `kept` blocks starts that comes after a list of links
    the story left out and opens with a heading, or follows one that the story left out too
    (related links, then "Your job board" and its pitch), when the tail holds under
    AFTER_BOX_SHARE of the words above it; len(kept) when there is none. The `kept` blocks
    lie before `end` in `scored`."""
    if len(kept) < 2:
        return len(kept)
    # the kept blocks' places, found from `end` back to the first gap between them
    tail, after_gap, gap = len(kept) - 1, -1, range(0)
    for index in range(min(end, len(scored)) - 1, -1, -1):
        if scored[index] is not kept[tail]:
            continue
        if after_gap > index + 1:
            gap = range(index + 1, after_gap)
            tail += 1
            break
        after_gap = index
        tail -= 1
        if tail < 0:
            return len(kept)
    if not gap:
        return len(kept)
    if not (scored[gap[-1]].block.hints | kept[tail].block.hints) & Hint.HEADING:
        return len(kept)
    links = 0  # (the box is a list of links: a story's own subhead over a photo box is not)
    for index in gap:
        block = scored[index].block
        links += bool(block.hints & Hint.LIST_ITEM and block.link_density > MAX_PROSE_LINK_DENSITY)
    if links < 2:
        return len(kept)
    after = sum(item.words for item in kept[tail:])
    if after >= AFTER_BOX_SHARE * sum(item.words for item in kept[:tail]):
        return len(kept)
    return tail


def _opens_after_heading(
    opening: ScoredBlock, main: int | None, scored: Sequence[ScoredBlock]
) -> bool:
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


def is_story_line(
    item: ScoredBlock,
    title: str | None,
    page: HtmlPage | None,
    story_containers: set[int],
    aside: int = Hint.NONE,
) -> bool:
    """Whether a block inside the story run belongs to the story text. `story_containers`
    hold the run's prose: a short line beside story paragraphs in the same element is
    story (a subhead, a list, a recipe's ingredients) even under a "meta" class. `aside`:
    the hints of markup that is not the story's on this page (see aside_hints)."""
    text = item.block.text
    html = page is not None
    if item.sidebar or item.junk or item.age or item.about or item.block.hints & aside:
        return False
    if title is not None and same_text(text, title):
        return False
    if (
        not html
        and item.words <= CLOSING_NOTE_MAX_WORDS
        and TEXT_AD_DISCLOSURE.search(text) is not None
    ):
        return False
    if SUPPORT_ASK.match(text) and call_to_action(item):
        return False
    if html and _download(item):
        return False
    # (a line quoting someone's ad is the story's: "No subscription needed", wrote NASA)
    if html and not item.prose and call_to_action(item) and not any(q in text for q in QUOTES):
        return False
    if item.pitch:  # (page text: a pitch over a form's button)
        return False
    if item.prose:
        return not (item.words < PROSE_MIN_WORDS and STORY_JUNK.match(text))
    if STORY_JUNK.match(text) or is_boilerplate_text(item):
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
            or (item.words >= PROSE_MIN_WORDS and ends_with_stop(text))
        )
    ):
        return True
    return not (html and item.block.link_density > MAX_PROSE_LINK_DENSITY)


def linked_story_line(item: ScoredBlock, story_containers: set[int], aside: int) -> bool:
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
        & (BOILERPLATE | Hint.FORM | Hint.META | Hint.HEADING | ASIDE_ANY | aside)
        and item.value > -BARRIER_PENALTY
        and STORY_JUNK.match(block.text) is None
        and not is_boilerplate_text(item)
        and not _download(item)
    )


def _download(item: ScoredBlock) -> bool:
    """HTML: a download's link: a short line that gives a file's type and size (DOWNLOAD)."""
    return (
        item.words <= DOWNLOAD_MAX_WORDS
        and may_hold(item.lower, DOWNLOAD_CUES)
        and DOWNLOAD.search(item.block.text) is not None
    )


def linked_pitch(item: ScoredBlock) -> bool:
    """HTML: a line that is mostly a link, puts a question or an exclamation to the reader
    and goes on ("Looking for a flat? See the offers on ...", "Now digital! Click here to
    register"): below the story's first paragraph, the publisher's pitch among the
    paragraphs, not a linked sentence of the story, which states, nor a title it quotes."""
    return (
        item.block.link_density > MAX_PROSE_LINK_DENSITY
        and item.words <= LINKED_PITCH_MAX_WORDS
        and ASKS.search(item.block.text) is not None
        # (a quoted title's exclamation is the title's: "View the story \"Wow! No!\"")
        and not any(mark in item.block.text for mark in QUOTES)
    )


def text_note_after(kept: Sequence[ScoredBlock]) -> int:
    """Page text: where the story's kept lines reach a closing note (an author's bio, the
    print edition's note: closing_note) that, with every line after it, is at most
    AFTER_BOX_SHARE of the words above it; len(kept) when none does. (A profile's sentence
    "Jane Doe is a teacher..." in the story's body has more of the story below it.)"""
    total = sum(item.words for item in kept)
    above = 0
    for index, item in enumerate(kept):
        if index and total - above <= AFTER_BOX_SHARE * above and closing_note(item):
            return index
        above += item.words
    return len(kept)


def closing_note(item: ScoredBlock) -> bool:
    """A paragraph that closes a story but is not of it: the author's bio ("Jane Doe is a
    staff writer at...", "About the author: ..."), the print edition's note ("A version of
    this article appeared in print on..."), the address to write to."""
    return item.words <= CLOSING_NOTE_MAX_WORDS and CLOSING_NOTE.match(item.block.text) is not None


def dangling(item: ScoredBlock) -> bool:
    """A line that announces what follows it (a heading, a line ending in a colon): at the
    story's end, with nothing of the story after it, it is not the story's."""
    return not item.prose and (
        bool(item.block.hints & Hint.HEADING) or item.block.text.endswith(":")
    )


def listed(item: ScoredBlock, page_text: bool, above_thread: bool) -> bool:
    """An item of the list a story line announces with a colon: a list item, or in page text
    (where lists carry no markup) a line of a few words or a short sentence above the thread."""
    return _list_item_like(item) or (page_text and above_thread and _text_list_item(item))


def _text_list_item(item: ScoredBlock) -> bool:
    """Page text: a line that may be an item of a list, of LIST_ITEM_MIN_WORDS words up to
    a short paragraph's length, and no label, date, byline, pitch or boilerplate line."""
    return (
        LIST_ITEM_MIN_WORDS <= item.words <= LONG_BLOCK_WORDS
        and item.value > -BARRIER_PENALTY
        and not (item.sidebar or item.age or item.junk or item.related or item.story_end)
        and not item.pitch
        and STORY_JUNK.match(item.block.text) is None
        and not is_boilerplate_text(item)
        and not call_to_action(item)
        # (headlines of other articles; a name and a role, a label and a value, are items)
        and (not title_case(item) or _two_part_item(item))
    )


def _two_part_item(item: ScoredBlock) -> bool:
    """Page text: a title-case line that is a list's item in two parts (TWO_PART_ITEM)."""
    text = item.block.text
    return TWO_PART_ITEM.match(text) is not None and not any(
        mark in text for mark in MENU_SEPARATORS
    )


def text_closing_line(item: ScoredBlock) -> bool:
    """Page text: a short sentence that may close the story right under its last paragraph,
    of LIST_ITEM_MIN_WORDS words up to a paragraph's least, capitalised, in sentence case
    (not another article's headline), ending in a full stop, "!" or "?" (not a colon, which
    announces a box), and no label, date, byline, pitch, note or boilerplate line."""
    text = item.block.text.rstrip(CLOSERS)
    return (
        LIST_ITEM_MIN_WORDS <= item.words < PROSE_MIN_WORDS
        and text[-1:] in (".", "!", "?")
        and text[:1].isupper()
        and not item.prose
        and item.value > -BARRIER_PENALTY
        and not (item.sidebar or item.age or item.junk or item.related or item.story_end)
        and not (item.about or item.signature)
        and STORY_JUNK.match(item.block.text) is None
        and not is_boilerplate_text(item)
        and not call_to_action(item)
        and not closing_note(item)
        and not title_case(item)
        and SOCIAL_LINE.search(item.block.text) is None
    )


def text_headline_boxes(scored: Sequence[ScoredBlock], start: int, end: int) -> set[int]:
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


def _boxed_headline(item: ScoredBlock) -> bool:
    """Page text: a line that may be another article's headline (text_headline_boxes)."""
    return (
        not item.prose
        and SIDEBAR_MIN_WORDS <= item.words <= TEXT_HEADLINE_MAX_WORDS
        and not item.block.text.endswith(("?", "!", ";"))
        and not item.block.text.startswith(BULLETS)
        and not item.block.hints & PAGE_TEXT_ITEMS
        and headline_like(item)
        and title_case(item)
    )


def bulleted(item: ScoredBlock) -> bool:
    """Page text: an item of a bulleted list, of a few words or more ("• 13 museum ads.")."""
    return (
        item.block.text.startswith(BULLETS)
        and item.words >= LIST_ITEM_MIN_WORDS
        and _list_item_like(item)
    )


def _list_item_like(item: ScoredBlock) -> bool:
    """An item of a list: a list or table element, or a bulleted line, that is no heading,
    no sidebar region and no boilerplate."""
    block = item.block
    return (
        bool(block.hints & (Hint.LIST_ITEM | Hint.TABLE_ROW) or block.text.startswith(BULLETS))
        and not block.hints & (BOILERPLATE | Hint.HEADING | Hint.FORM)
        and not item.sidebar
        and not item.age
        and item.value > -BARRIER_PENALTY
        and not item.junk
        and not is_boilerplate_text(item)
    )


def confidence(story_words: int, best: float, runner_up: float) -> float:
    """Long stories that clearly beat every other text region are sure; short or contested
    ones are not."""
    if story_words == 0 or best <= 0:
        return 0.0
    length = min(1.0, story_words / CONFIDENT_STORY_WORDS)
    margin = max(0.0, (best - runner_up) / best)
    return round(length * (0.4 + 0.6 * margin), 3)
