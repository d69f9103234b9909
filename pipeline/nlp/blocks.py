"""Cut a page into blocks: the units the splitter classifies as story, sidebar or boilerplate.

Page text gives one block per non-empty line. HTML gives one block per run of text between
block-level tags, with what the markup says about it: the share of its text inside links,
the enclosing tag, the first link's href, and hints from the classes and ids of its ancestors
("nav", "comment", "related", ...). The DOM is walked with an explicit stack, never recursion,
and pathologically deep markup is flattened before parsing so both stay linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Final
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.errors import StageError
from pipeline.models import ReasonCode


class Hint:
    """What the markup around a block says it is: bit flags, plain ints because enum flag
    arithmetic is the walker's hottest operation."""

    NONE: Final = 0
    NAV: Final = 1  # navigation, menus, breadcrumbs, site header
    FOOTER: Final = 2
    SIDEBAR: Final = 4  # related / popular / latest lists, widgets
    COMMENTS: Final = 8
    SOCIAL: Final = 16  # share buttons, follow boxes, newsletter sign-ups
    AD: Final = 32
    META: Final = 64  # bylines, captions, credits, tags, dates
    ARTICLE: Final = 128  # <article>, articleBody, "story-body"...
    HEADING: Final = 256  # inside h1..h6
    PARAGRAPH: Final = 512  # inside <p>
    LIST_ITEM: Final = 1024
    FORM: Final = 2048
    TABLE_ROW: Final = 4096  # a row of table cells (page text: cells separated by tabs)


BOILERPLATE: Final = Hint.NAV | Hint.FOOTER | Hint.SIDEBAR | Hint.COMMENTS | Hint.SOCIAL | Hint.AD

# Class/id words that mark a region, matched as whole dash/underscore-separated words or
# as the start of a compound ("sidebar-left"), so "header" does not match "ad".
_CLASS_HINTS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (hint, re.compile(r"(?:^|[\s_\-])(?:" + words + r")(?=$|[\s_\-\d])", re.IGNORECASE))
    for hint, words in (
        (Hint.NAV, r"nav|navbar|navigation|menu|breadcrumbs?|masthead|topbar|skip|skiplinks?"),
        (Hint.FOOTER, r"footer|foot|copyright|legal|site-?info|bottom"),
        (
            Hint.SIDEBAR,
            r"sidebar|side|aside|related|popular|trending|most-?read|most-?popular|recommended"
            r"|recommend|rail|right-?col|widget|more-?stories|latest|headlines|teaser|also",
        ),
        (Hint.COMMENTS, r"comments?|disqus|respond|reply|replies|discussion"),
        (
            Hint.SOCIAL,
            r"share|sharing|social|sociable|follow|newsletter|subscribe|signup|addthis|print"
            r"|email|tools|toolbar",
        ),
        (Hint.AD, r"ad|ads|advert|advertisement|adsense|promo|sponsor|sponsored|banner|dfp"),
        (Hint.META, r"byline|author|caption|credit|tags?|dateline|timestamp|date|meta"),
        (
            Hint.ARTICLE,
            r"article|article-?body|articlebody|story|story-?body|entry|entry-?content|post"
            r"|post-?body|post-?content|content|main|text|body",
        ),
    )
)

_TAG_HINTS = {
    "nav": Hint.NAV,
    "header": Hint.NAV,
    "footer": Hint.FOOTER,
    "aside": Hint.SIDEBAR,
    "article": Hint.ARTICLE,
    "main": Hint.ARTICLE,
    "figcaption": Hint.META,
    "figure": Hint.META,
    "form": Hint.FORM,
    "h1": Hint.HEADING,
    "h2": Hint.HEADING,
    "h3": Hint.HEADING,
    "h4": Hint.HEADING,
    "h5": Hint.HEADING,
    "h6": Hint.HEADING,
    "p": Hint.PARAGRAPH,
    "li": Hint.LIST_ITEM,
    "dd": Hint.LIST_ITEM,
    "tr": Hint.TABLE_ROW,
}


def _names(spec: str) -> frozenset[str]:
    """A set of names written as one space-separated string, easier to read in a long list."""
    return frozenset(spec.split())


# Tags whose text is never shown or never part of a story.
# <noscript> is kept: the parser does not run scripts, so broken pages can end up inside one.
_SKIP_TAGS = _names(
    "script style template iframe svg head select option button input textarea "
    "object embed canvas map audio video"
)

# Tags that start a new block (everything else is inline and joins the current block).
_BLOCK_TAGS = _names(
    "p div section article aside header footer nav main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 "
    "table tbody thead tr td th blockquote pre figure figcaption form fieldset address hr br "
    "center body html caption legend details summary"
)

# Block tags that hold one paragraph-like unit; their parent is the container of a story.
_PARAGRAPH_TAGS = _names("p h1 h2 h3 h4 h5 h6 li pre blockquote td th dd dt figcaption br hr")

# Lexbor's parser is quadratic in the nesting depth of some tags (200,000 nested <div>s take
# minutes); real pages stay far below this depth, so tags deeper than it are dropped.
MAX_NESTING_DEPTH = 300
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>")
_TAG_NAME_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
# Tags that do not nest (void) or that the parser closes implicitly, so they don't add depth.
_FLAT_TAGS = _names(
    "area base br col embed hr img input link meta source track wbr p li dt dd tr td th option "
    "!doctype"
)

_WHITESPACE = re.compile(r"\s+")
# Page text: a table row keeps its cells apart with tabs; a list item starts with a bullet.
_TABLE_ROW = re.compile(r"\S\s*\t\s*\S")
_BULLETS = ("•", "·", "- ", "* ", "– ", "▪", "◦")
# Soft hyphens and zero-width characters: invisible, but they would split words in two.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

# Binary data decoded as text is full of control characters that no HTML page has; any parser
# would "parse" it, so it is refused up front. The share is measured on the page's start.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
BINARY_SAMPLE_CHARS = 65_536
MAX_CONTROL_SHARE = 0.1


@dataclass(slots=True)
class Block:
    """One visible block of the page, in page order."""

    text: str
    hints: int = Hint.NONE
    link_chars: int = 0  # characters of `text` inside <a>
    href: str | None = None  # the first link in the block
    link_text: str | None = None  # that link's text
    blank_before: bool = False  # page text: a blank line precedes it
    container: int = 0  # HTML: the element holding this block and its siblings; 0 if unknown
    ancestors: frozenset[int] = frozenset()  # HTML: the block-level elements around it
    time_text: str | None = None  # text of a <time> element inside it

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass(slots=True)
class HtmlPage:
    """The blocks of an HTML page and its head metadata."""

    blocks: list[Block]
    title: str | None = None  # <title>
    og_title: str | None = None
    h1: list[str] = field(default_factory=list)
    base_url: str | None = None  # <base href>, else canonical / og:url


def text_blocks(body: str) -> list[Block]:
    """One block per non-empty line of page text."""
    blocks: list[Block] = []
    blank = False
    for raw in body.splitlines():
        line = _clean(raw)
        if not line:
            blank = True
            continue
        hints = Hint.NONE
        if _TABLE_ROW.search(raw):
            hints = Hint.TABLE_ROW
        elif line.startswith(_BULLETS):
            hints = Hint.LIST_ITEM
        blocks.append(Block(text=line, hints=hints, blank_before=blank))
        blank = False
    return blocks


def html_blocks(body: str) -> HtmlPage:
    """Parse HTML and cut its body into blocks; raises StageError when it cannot be parsed."""
    sample = body[:BINARY_SAMPLE_CHARS]
    if sample and len(_CONTROL_CHARS.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise StageError(
            ReasonCode.UNPARSEABLE_PAGE, "body is binary data, not HTML", stage="split"
        )
    try:
        tree = LexborHTMLParser(_limit_depth(body))
    except Exception as exc:  # the parser's own errors carry no useful type
        raise StageError(
            ReasonCode.UNPARSEABLE_PAGE, f"HTML parser failed: {exc}", stage="split"
        ) from exc
    root = tree.body
    if root is None:
        raise StageError(ReasonCode.UNPARSEABLE_PAGE, "HTML has no body", stage="split")
    page = HtmlPage(blocks=[])
    _read_head(tree, page)
    _Walker(page).walk(root)
    return page


def _limit_depth(body: str) -> str:
    """Drop the tags nested deeper than MAX_NESTING_DEPTH (only on pages that have any)."""
    steps = [
        -1 if closing else 1
        for closing, name in _TAG_NAME_RE.findall(body)
        if name.lower() not in _FLAT_TAGS
    ]
    if not steps or max(accumulate(steps)) <= MAX_NESTING_DEPTH:
        return body
    depth = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal depth
        if match.group(2).lower() in _FLAT_TAGS:
            return match.group(0)
        closing = bool(match.group(1))
        before = depth
        depth = max(0, depth - 1) if closing else depth + 1
        return match.group(0) if max(before, depth) <= MAX_NESTING_DEPTH else " "

    return _TAG_RE.sub(keep, body)


def _read_head(tree: LexborHTMLParser, page: HtmlPage) -> None:
    title = tree.css_first("title")
    if title is not None:
        page.title = _clean(title.text(deep=True)) or None
    for meta in tree.css("meta"):
        attrs = meta.attributes
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        content = attrs.get("content")
        if not content:
            continue
        if key in ("og:title", "twitter:title") and page.og_title is None:
            page.og_title = _clean(content) or None
        elif key == "og:url" and page.base_url is None:
            page.base_url = content.strip()
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and (href := canonical.attributes.get("href")):
        page.base_url = href.strip()
    base = tree.css_first("base[href]")
    if base is not None and (href := base.attributes.get("href")):
        page.base_url = urljoin(page.base_url or "", href.strip())
    page.h1 = [text for node in tree.css("h1") if (text := _clean(node.text(deep=True)))]


def _clean(text: str) -> str:
    """Visible text: invisible characters dropped, whitespace runs as one space."""
    return _WHITESPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


# Class/id strings repeat thousands of times across a site's pages: their hints are cached.
_HINT_CACHE: dict[str, int] = {}
HINT_CACHE_SIZE = 50_000


def _own_hints(tag: str, attrs: dict[str, str | None]) -> int:
    hints = _TAG_HINTS.get(tag, Hint.NONE)
    words = " ".join(
        value for key in ("class", "id", "role", "itemprop") if (value := attrs.get(key))
    )
    if not words:
        return hints
    cached = _HINT_CACHE.get(words)
    if cached is None:
        cached = 0
        for hint, pattern in _CLASS_HINTS:
            if pattern.search(words):
                cached |= hint
        if "articlebody" in words.lower():
            cached |= Hint.ARTICLE
        if len(_HINT_CACHE) >= HINT_CACHE_SIZE:
            _HINT_CACHE.clear()
        _HINT_CACHE[words] = cached
    return hints | cached


def _inherit(inherited: int, own: int) -> int:
    """The innermost region wins: an article inside a "with-sidebar" layout is an article, a
    "related" box inside an article is a sidebar."""
    if not own:
        return inherited
    if own & BOILERPLATE and not own & Hint.ARTICLE:
        inherited &= ~Hint.ARTICLE
    elif own & Hint.ARTICLE and not own & BOILERPLATE:
        inherited &= ~BOILERPLATE
    return inherited | own


class _Walker:
    """Depth-first walk with an explicit stack, collecting text into blocks."""

    def __init__(self, page: HtmlPage) -> None:
        self.page = page
        self.parts: list[str] = []
        self.link_chars = 0
        self.links = 0  # links seen so far, to tell one <a> from the next
        self.first_link: int | None = None
        self.link_parts: list[str] = []
        self.href: str | None = None
        self.hints = Hint.NONE
        self.time_text: str | None = None
        self.has_text = False
        self.br_pending = False  # the block's last visible thing is a <br>
        self.elements = 0  # block-level elements entered so far, numbering containers
        self.block_path: list[tuple[int, str]] = []  # open block-level elements
        self.container = 0
        self.ancestors: frozenset[int] = frozenset()

    def flush(self) -> None:
        self.br_pending = False
        if not self.has_text:  # nothing, or only whitespace between tags
            self.parts.clear()
            return
        text = _clean("".join(self.parts))
        if text:
            self.page.blocks.append(
                Block(
                    text=text,
                    hints=self.hints,
                    link_chars=min(len(text), self.link_chars),
                    href=self.href,
                    link_text=(_clean("".join(self.link_parts)) or None)
                    if self.link_parts
                    else None,
                    time_text=self.time_text,
                    container=self.container,
                    ancestors=self.ancestors,
                )
            )
        self.parts.clear()
        self.has_text = False
        self.link_chars = 0
        self.first_link = None
        self.link_parts = []
        self.href = self.time_text = None

    def walk(self, root: LexborNode) -> None:
        # Stack entries: (node, hints of its ancestors, inside a link, closing marker).
        stack: list[tuple[LexborNode, int, tuple[str, int] | None, bool]] = [
            (root, Hint.NONE, None, False)
        ]
        pop, push = stack.pop, stack.append
        while stack:
            node, hints, link, closing = pop()
            tag = node.tag or ""
            if closing:
                self.flush()
                if self.block_path:
                    self.block_path.pop()
                continue
            if tag == "-text":
                text = node.text_content
                if text:
                    self.add_text(text, hints, link)
                continue
            if not tag or tag[0] == "-" or tag in _SKIP_TAGS:
                continue
            if tag == "br":
                # One <br> breaks a line inside a paragraph (verse, addresses, old markup);
                # two in a row end the paragraph.
                if self.br_pending:
                    self.flush()
                elif self.has_text:
                    self.parts.append("\n")
                    self.br_pending = True
                continue
            attrs = node.attributes
            own = _inherit(hints, _own_hints(tag, attrs)) if attrs or tag in _TAG_HINTS else hints
            if tag == "a" and link is None:
                self.links += 1
                link = (attrs.get("href") or "", self.links)
            elif tag == "time":
                self.time_text = _clean(node.text(deep=True)) or attrs.get("datetime")
            if tag in _BLOCK_TAGS:
                self.flush()
                self.elements += 1
                self.block_path.append((self.elements, tag))
                push((node, own, link, True))  # only block tags need their end seen
            child = node.last_child
            children: list[LexborNode] = []
            while child is not None:
                children.append(child)
                child = child.prev
            stack.extend((child, own, link, False) for child in children)
        self.flush()

    def current_container(self) -> int:
        """A paragraph's container is its parent; loose text's is the element holding it."""
        if not self.block_path:
            return 0
        serial, tag = self.block_path[-1]
        if tag in _PARAGRAPH_TAGS and len(self.block_path) > 1:
            return self.block_path[-2][0]
        return serial

    def add_text(self, text: str, hints: int, link: tuple[str, int] | None) -> None:
        if not self.has_text and text.strip():
            self.hints = hints  # the block takes the hints of its first visible text
            self.container = self.current_container()
            self.ancestors = frozenset(serial for serial, _ in self.block_path)
            self.has_text = True
        self.parts.append(text)
        if self.br_pending and not text.isspace():
            self.br_pending = False
        if link is not None:
            self.link_chars += len(text.strip())
            href, serial = link
            if self.first_link is None and href and text.strip():
                self.href, self.first_link = href, serial
            if serial == self.first_link:
                self.link_parts.append(text)
