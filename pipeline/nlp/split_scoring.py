"""The split's view of one block: `ScoredBlock` and its value (`score_block`), and the
per-block tests the later passes share (boilerplate text, calls to action, title case,
headline-like lines, word overlap).

First step of the data flow in `split.py`: every block of the page is scored here once; the
box passes (`split_boxes.py`) then adjust the values, and the run finder (`split_runs.py`) picks
the story from them. Reads only the cues (`split_cues.py`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.nlp.blocks import BOILERPLATE, Block, Hint
from pipeline.nlp.split_cues import (
    ARTICLE_LINE_PENALTY,
    ARTICLE_REGION_BONUS,
    BARRIER_PENALTY,
    BOILERPLATE_CUES,
    BOILERPLATE_REGION_FACTOR,
    BOILERPLATE_TEXT,
    CALL_TO_ACTION,
    CALL_TO_ACTION_MAX_WORDS,
    CJK,
    CJK_CHARS_PER_WORD,
    CLOSERS,
    COMMENTS_HEADING,
    COOKIE_NOTICE,
    HEADLINE_MAX_WORDS,
    HEADLINE_MIN_WORDS,
    IS_PAGE_TEXT_STOP_WORD,
    IS_STOP_WORD,
    JUNK_LINE,
    LINE_PENALTY,
    LONG_BLOCK_WORDS,
    MAX_MARKER_WORDS,
    MAX_PROSE_LINK_DENSITY,
    MIN_STOP_RATIO,
    MORE_NOUNS,
    MORE_OPENERS,
    PAGE_TEXT_ITEMS,
    PROSE_MIN_WORDS,
    PROSE_MIN_WORDS_IN_P,
    READ_MORE,
    READ_MORE_MAX_WORDS,
    RELATED_HEADING,
    RELATED_PENALTY,
    RIGHTS_CUES,
    RIGHTS_NOTICE,
    SENTENCE_INSIDE,
    SENTENCE_STOPS,
    STORY_END,
    TEASER,
    TEASER_CUES,
    TEXT_COMMENTS_HEADING,
    TEXT_COMMENTS_WORDS,
    TEXT_FILING_OPENERS,
    TEXT_LICENCE,
    TEXT_LICENCE_WORDS,
    TEXT_STORY_END,
    THREAD_NOUNS,
    TITLE_MAX_WORDS,
    WORD,
)


@dataclass(slots=True)
class ScoredBlock:
    """A block with the figures the decision uses. The text tests that several passes ask
    about a block are answered once, here."""

    block: Block
    lower: str  # the block's text, lowercased
    tokens: list[str]  # its words, lowercased (word_tokens)
    words: int = 0  # how many (for Chinese and Japanese: estimated from characters)
    value: float = 0.0
    prose: bool = False
    junk: bool = False  # a whole line that is never story text (JUNK_LINE)
    story_end: bool = False  # a line that closes a story (STORY_END)
    sidebar: bool = False  # claimed as a sidebar headline or its age
    age: bool = False  # the whole block is an age or a date
    slide: bool = False  # a line of a gallery's slide (mark_slide_galleries)
    related: bool = False  # a heading over other articles' links ("Related stories")
    signature: bool = False  # page text: a commenter's name over a comment
    about: bool = False  # page text: the prose of an "About me" box (mark_about_boxes)
    pitch: bool = False  # page text: a pitch over a form's button (mark_pitch_buttons)
    _boilerplate: bool | None = None  # see is_boilerplate_text


def stop_words_cover_page(tokens_per_block: Sequence[list[str]]) -> bool:
    """Whether the page's language is one the stop-word list covers: in others (Russian,
    Greek...) no text would look like prose by that test, so it is not applied."""
    hits = total = 0
    for tokens in tokens_per_block:
        if len(tokens) >= LONG_BLOCK_WORDS // 2:
            total += len(tokens)
            hits += sum(map(IS_STOP_WORD, tokens))
    return total == 0 or hits >= MIN_STOP_RATIO * total


def score_block(item: ScoredBlock, stop_words_apply: bool, page_text: bool = False) -> ScoredBlock:
    """A block's value for the story: positive for prose, negative for everything else.

    The costly tests run only where they can change the answer: most blocks of a page are
    short links and labels, settled by their length alone."""
    block, text, lower, tokens = item.block, item.block.text, item.lower, item.tokens
    words = len(tokens)
    cjk = 0 if text.isascii() else len(CJK.findall(text))
    cjk_text = cjk > words
    if cjk_text:  # Chinese, Japanese: no spaces, so count characters, not \w+ runs
        words = max(words, cjk // CJK_CHARS_PER_WORD)
    item.words = words
    link_density = block.link_density
    # every JUNK_LINE match is four words at most ("share on facebook", "continua depois da
    # publicidade"), or not ASCII
    item.junk = (len(tokens) <= 4 or not text.isascii()) and JUNK_LINE.match(text) is not None
    if (
        page_text
        and words <= CALL_TO_ACTION_MAX_WORDS
        and not TEXT_LICENCE_WORDS.isdisjoint(tokens)
        and TEXT_LICENCE.search(text) is not None
    ):
        item.junk = True  # (page text: a licence notice)
    min_words = PROSE_MIN_WORDS_IN_P if block.hints & Hint.PARAGRAPH else PROSE_MIN_WORDS
    prose = (
        (
            words >= LONG_BLOCK_WORDS
            or (
                words >= min_words
                and (ends_with_stop(text) or SENTENCE_INSIDE.search(text) is not None)
            )
        )
        and link_density <= MAX_PROSE_LINK_DENSITY
        # the stop list has no CJK words: do not hold that against the text
        and (
            not stop_words_apply
            or cjk_text
            or stop_ratio(tokens, IS_PAGE_TEXT_STOP_WORD if page_text else IS_STOP_WORD)
            >= MIN_STOP_RATIO
        )
        and not (words < LONG_BLOCK_WORDS and is_boilerplate_text(item))
        and not (page_text and item.junk)
        and not ("cookie" in lower and COOKIE_NOTICE.search(text))
        and not (may_hold(lower, RIGHTS_CUES) and RIGHTS_NOTICE.search(text))
    )
    # (a link reading "12 Comments" near the headline points to the thread; it is no heading)
    if link_density <= MAX_PROSE_LINK_DENSITY and (
        (words <= MAX_MARKER_WORDS and COMMENTS_HEADING.match(text))
        or (words <= MAX_MARKER_WORDS + TITLE_MAX_WORDS and _thread_of_post(tokens))
        or (
            page_text
            and words <= MAX_MARKER_WORDS + TITLE_MAX_WORDS
            and not TEXT_COMMENTS_WORDS.isdisjoint(tokens)
            and TEXT_COMMENTS_HEADING.match(text)
        )
    ):
        item.value = -math.inf
        return item
    if STORY_END.match(text) or (
        page_text
        and tokens
        and tokens[0] in TEXT_FILING_OPENERS
        and TEXT_STORY_END.match(text) is not None
    ):
        item.story_end = True
        item.value = -BARRIER_PENALTY
        return item
    if words <= MAX_MARKER_WORDS and RELATED_HEADING.match(text):
        item.value, item.related = -RELATED_PENALTY, True
        return item
    linked = link_density > MAX_PROSE_LINK_DENSITY  # "Read also: <the other article>"
    if (
        (words <= READ_MORE_MAX_WORDS or (linked and words <= HEADLINE_MAX_WORDS))
        and not text.endswith(".")
        and READ_MORE.match(text)
    ):
        if linked:
            item.junk = True
        else:
            item.value, item.related = -RELATED_PENALTY, True
            return item
    elif (
        page_text
        and words <= HEADLINE_MAX_WORDS
        and not text.endswith(".")
        and ":" in text
        and (label := READ_MORE.match(text)) is not None
        and text[label.end() : label.end() + 1] == ":"
    ):
        # page text: "Read also: <another article's headline>" on one line, past the
        # label's word limit; the line is never the story's, and the run is unchanged
        item.junk = True
    elif (
        page_text
        and words <= READ_MORE_MAX_WORDS
        and tokens
        and tokens[0] in MORE_OPENERS
        and not MORE_NOUNS.isdisjoint(tokens)
        and not ends_with_stop(text)
    ):
        # page text: a box's heading over other articles ("Meistgelesen", "Most Popular")
        item.value, item.related = -RELATED_PENALTY, True
        return item
    prose = prose and not (may_hold(lower, TEASER_CUES) and TEASER.search(text))
    if prose:
        value = float(min(words, 4 * LONG_BLOCK_WORDS))  # one huge block must not win alone
        if block.hints & BOILERPLATE:
            value *= BOILERPLATE_REGION_FACTOR
        elif block.hints & Hint.ARTICLE:
            value *= ARTICLE_REGION_BONUS
    else:
        value = line_value(words)
        if block.hints & BOILERPLATE or item.junk:
            value -= LINE_PENALTY
        elif (
            block.hints & Hint.ARTICLE or (page_text and block.hints & PAGE_TEXT_ITEMS)
        ) and not block.link_chars:
            # plain text inside the article's markup (list items, table cells, short lines)
            # is part of the story more often than not: the run may cross it cheaply
            value = -ARTICLE_LINE_PENALTY
    item.value, item.prose = value, prose
    return item


def _thread_of_post(tokens: list[str]) -> bool:
    """Whether the words open like "One thought on ..." / "12 Responses to ..."."""
    return (
        len(tokens) > 3
        and tokens[1] in THREAD_NOUNS
        and tokens[2] in ("on", "to")
        and (tokens[0] == "one" or tokens[0].isdigit())
    )


def line_value(words: int) -> float:
    """What a line that is no prose costs the run, by its words (boilerplate or junk costs
    LINE_PENALTY more)."""
    return -(LINE_PENALTY + 0.5 * min(words, 2 * LONG_BLOCK_WORDS))


def stop_ratio(tokens: list[str], is_stop_word: Callable[[str], bool] = IS_STOP_WORD) -> float:
    """Share of the words that are function words (page text reads a fuller list)."""
    return sum(map(is_stop_word, tokens)) / len(tokens) if tokens else 0.0


def is_boilerplate_text(item: ScoredBlock) -> bool:
    """Whether the block holds a cookie notice, a rights line or a newsletter pitch; asked by
    several passes, answered once."""
    if item._boilerplate is None:
        item._boilerplate = (
            may_hold(item.lower, BOILERPLATE_CUES)
            and BOILERPLATE_TEXT.search(item.block.text) is not None
        )
    return item._boilerplate


def ends_with_stop(text: str) -> bool:
    """Whether the text ends a sentence: a full stop (or ?, !, …, :, ;) before any closing
    quotes and brackets."""
    bare = text.rstrip(CLOSERS)
    return bool(bare) and bare[-1] in SENTENCE_STOPS


def may_hold(lower: str, cues: tuple[str, ...]) -> bool:
    return any(cue in lower for cue in cues)


def call_to_action(item: ScoredBlock) -> bool:
    """A short line that asks the reader to subscribe, sign up, download the app, support or
    follow the publisher, or discloses ads or a licence: at the story's ends it is the
    publisher's, not the story."""
    return (
        item.words <= CALL_TO_ACTION_MAX_WORDS
        and CALL_TO_ACTION.search(item.block.text) is not None
    )


def title_case(item: ScoredBlock) -> bool:
    """Whether half the words after the first open with a capital, as headlines' do."""
    return 2 * sum(word[:1].isupper() for word in item.block.text.split()[1:]) >= item.words


def headline_like(item: ScoredBlock) -> bool:
    text = item.block.text
    return (
        HEADLINE_MIN_WORDS <= item.words <= HEADLINE_MAX_WORDS
        and not text.endswith((".", ":", ","))
        and not item.age
        and not item.junk
        and not is_boilerplate_text(item)
    )


def word_tokens(text: str) -> list[str]:
    """The text's words, lowercased: what ScoredBlock.tokens holds for a block."""
    return WORD.findall(text.lower())


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's words found in the longer one."""
    words_a, words_b = set(word_tokens(a)), set(word_tokens(b))
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def same_text(a: str, b: str) -> bool:
    return word_tokens(a) == word_tokens(b)
