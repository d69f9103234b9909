"""Cut a page into blocks: the units the splitter classifies as story, sidebar or boilerplate.

Page text gives one block per non-empty line (a hard-wrapped sentence's lines joined). HTML
gives one block per run of text between block-level tags, with what the markup says about
it: the share of its text inside links, the enclosing tag, the first link's href, and hints
from the classes and ids of its ancestors ("nav", "comment", "related", ...). The DOM is
walked with an explicit stack, never recursion, and the markup is bounded before parsing
(`markup.py`: depth, names) so both stay linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, TypeVar
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.budget import WorkBudget
from pipeline.errors import StageError
from pipeline.models import ReasonCode
from pipeline.nlp.markup import bound_markup

_Key = TypeVar("_Key")


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
    CAPTION: Final = 8192  # a figure's caption or an image credit
    BIO: Final = 16384  # an author's box: their bio, role, portrait line
    DIALOG: Final = 32768  # cookie and consent banners, privacy dialogs, pop-ups and modals


BOILERPLATE: Final = (
    Hint.NAV | Hint.FOOTER | Hint.SIDEBAR | Hint.COMMENTS | Hint.SOCIAL | Hint.AD | Hint.DIALOG
)

# Class/id words that mark a region, matched as whole dash/underscore-separated words or
# as the start of a compound ("sidebar-left"), so "header" does not match "ad".
_CLASS_HINTS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (hint, re.compile(r"(?:^|[\s_\-])(?:" + words + r")(?=$|[\s_\-\d])", re.IGNORECASE))
    for hint, words in (
        (Hint.NAV, r"nav|navbar|navigation|menu|breadcrumbs?|masthead|topbar|skip|skiplinks?"),
        (Hint.FOOTER, r"footer|foot|copyright|legal|site-?info"),
        (
            Hint.SIDEBAR,
            r"sidebar|aside|related|popular|trending|most-?read|most-?popular|recommended"
            r"|recommend|rail|right-?col|more-?stories|latest|recent|headlines|teaser|also"
            # (boxes floated inside the story: a pull-out of dates or figures, an inline
            # module of links; their class names the box, not the story's prose)
            r"|pull-?outs?|inline-?(?:module|box)s?",
        ),
        (
            Hint.COMMENTS,
            r"comments?|disqus|respond|reply|replies|discussion|kommentare?|commentaires?"
            r"|comentarios?|comentários?|commenti|komentarze?|reacties",
        ),
        (
            Hint.SOCIAL,
            r"share|sharing|social|sociable|follow|newsletter|subscribe|signup|addthis|print"
            r"|email|tools|toolbar|ratings?|votes?|voting",
        ),
        # consent dialogs are long prose about data use, often the longest text of a short page;
        # the compounds ("cookiebanner", "consentmanager") are read by their first letters;
        # a popup plugin's box ("pum", "popmake") holds another page's prose, hidden till opened
        (
            Hint.DIALOG,
            r"(?:cookie|consent|gdpr|dsgvo|cmplz)[a-z]*|popup|pop-up|modal|pum|popmake",
        ),
        # (an affiliate or legal disclosure box is the publisher's, like an ad's label)
        (
            Hint.AD,
            r"ad|ads|advert|advertisement|adsense|promo|sponsor|sponsored|banner|dfp"
            r"|disclosure|disclaimer",
        ),
        (
            Hint.META,
            r"byline|author|caption|credit|tags?|dateline|timestamp|date|meta"
            # (blog themes' compounds for the line under a post: "entryfooter", "entry-utility")
            r"|entryfooter|postfooter|entry-?utility",
        ),
        (
            Hint.CAPTION,
            r"caption|captions|figcaption|wp-caption|credits?|photo-?credits?|image-?credits?"
            r"|gallery|slideshow|slide"
            r"|legend|legende|bildunterschrift|bildtext|leyenda|legenda",
        ),
        (
            Hint.BIO,
            r"bio|bios|biography|author[_\-]*(?:bio|box|info|description|details|about|text)"
            r"|about-?(?:the-?)?author|autor|autoren|autorin|author-?profile",
        ),
        (
            Hint.ARTICLE,
            r"article|article-?body|articlebody|story|story-?body|entry|entry-?content|post"
            r"|post-?body|post-?content|(?<!justify-)(?<!align-)content|main|body"
            # (not the utility classes of CSS frameworks: "text-center", "text-muted")
            r"|text(?!-(?!body|content|block|container|wrap)[a-z])",
        ),
    )
)

# "widget", "side" and "bottom" mark a sidebar or a footer only as the first word of a class
# ("widget_text", "side-col", "bottom-bar"): page builders put "widget" after their own name on
# every box, the story's too ("elementor-widget-container"), and layouts put positions after
# other words ("padding-side", "grid-is-bottom").
_CLASS_HINTS += tuple(
    (hint, re.compile(r"(?:^|\s)(?:" + words + r")(?=$|[\s_\-\d])", re.IGNORECASE))
    for hint, words in ((Hint.SIDEBAR, "widget|side"), (Hint.FOOTER, "bottom"))
)

_TAG_HINTS = {
    "nav": Hint.NAV,
    "header": Hint.NAV,
    "footer": Hint.FOOTER,
    "aside": Hint.SIDEBAR,
    "article": Hint.ARTICLE,
    "main": Hint.ARTICLE,
    "figcaption": Hint.META | Hint.CAPTION,
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

# The work budget is checked every this many nodes of the walk (a check reads a CPU clock).
BUDGET_CHECK_NODES = 4096

# Page text: a table row keeps its cells apart with tabs; a list item starts with a bullet.
_TABLE_ROW = re.compile(r"\S\s*\t\s*\S")
_BULLETS = ("•", "·", "- ", "* ", "– ", "▪", "◦")
# Page text: a line of at least this many words that ends in none of these was wrapped, when
# the next line opens in lower case.
WRAPPED_LINE_MIN_WORDS = 8
_SENTENCE_END = frozenset(".!?…:;\"'”’»)]|")
# Soft hyphens and zero-width characters: invisible, but they would split words in two.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

# Binary data decoded as text is full of control characters that no HTML page has; any parser
# would "parse" it, so it is refused up front. The share is measured on the page's start.
_CONTROL_CHARS = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
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
    ancestors: tuple[int, ...] = ()  # HTML: the block-level elements around it, outermost first
    # The shown texts of the <time> elements inside it, in page order (a date and its hour
    # are often two), and the datetime attributes of those that show no text.
    time_texts: tuple[str, ...] = ()
    time_datetimes: tuple[str, ...] = ()

    @property
    def timed(self) -> bool:
        """Whether a <time> element is inside it (with text or a datetime attribute)."""
        return bool(self.time_texts or self.time_datetimes)

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass(slots=True)
class HtmlPage:
    """The blocks of an HTML page and its head metadata, with the parsed tree for the stages
    that read more of the markup (metadata), so the page is parsed once."""

    blocks: list[Block]
    title: str | None = None  # <title>
    og_title: str | None = None
    h1: list[str] = field(default_factory=list)
    base_url: str | None = None  # <base href>, else canonical / og:url
    tree: LexborHTMLParser | None = None
    # The block-level elements (by serial, as Block.ancestors) around an <img>: a caption
    # without a caption class is told by the image beside it.
    pictured: set[int] = field(default_factory=set)


def text_blocks(body: str) -> list[Block]:
    """One block per non-empty line of page text; a line that carries on the sentence of a
    hard-wrapped line above it (that line long and open-ended, this one opening in lower
    case) joins it."""
    blocks: list[Block] = []
    parts: list[str] = []  # the lines of the last block, joined when it is done
    blank = False
    for raw in body.splitlines():
        line = _clean(raw)
        if not line:
            blank = True
            continue
        if (
            parts
            and not blank
            and line[0].islower()
            and blocks[-1].hints == Hint.NONE
            and parts[-1][-1] not in _SENTENCE_END
            and parts[-1].count(" ") + 1 >= WRAPPED_LINE_MIN_WORDS
        ):
            parts.append(line)
            continue
        if len(parts) > 1:
            blocks[-1].text = " ".join(parts)
        hints = Hint.NONE
        if "\t" in raw and _TABLE_ROW.search(raw):  # the tab test spares most lines the regex
            hints = Hint.TABLE_ROW
        elif line.startswith(_BULLETS):
            hints = Hint.LIST_ITEM
        blocks.append(Block(text=line, hints=hints, blank_before=blank))
        parts = [line]
        blank = False
    if len(parts) > 1:
        blocks[-1].text = " ".join(parts)
    return blocks


def html_blocks(body: str, budget: WorkBudget | None = None) -> HtmlPage:
    """Parse HTML and cut its body into blocks; raises StageError when it cannot be parsed,
    or when `budget` runs out during the walk."""
    sample = body[:BINARY_SAMPLE_CHARS]
    if sample and _count_control_chars(sample) > MAX_CONTROL_SHARE * len(sample):
        raise StageError(
            ReasonCode.UNPARSEABLE_PAGE, "body is binary data, not HTML", stage="split"
        )
    try:
        tree = LexborHTMLParser(bound_markup(body))
    except Exception as exc:  # the parser's own errors carry no useful type
        raise StageError(
            ReasonCode.UNPARSEABLE_PAGE, f"HTML parser failed: {exc}", stage="split"
        ) from exc
    root = tree.body
    if root is None:
        raise StageError(ReasonCode.UNPARSEABLE_PAGE, "HTML has no body", stage="split")
    page = HtmlPage(blocks=[], tree=tree)
    _read_head(tree, page)
    _Walker(page, budget).walk(root)
    return page


def _count_control_chars(text: str) -> int:
    # Counted on the UTF-8 bytes, where bytes.translate() deletes them several times faster
    # than a regex scan finds them: they are ASCII, so one byte each, and the bytes of other
    # characters are all >= 0x80. "surrogatepass" encodes even broken text.
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_CHARS))


def _read_head(tree: LexborHTMLParser, page: HtmlPage) -> None:
    title = tree.css_first("title")
    if title is not None:
        page.title = _clean(title.text(deep=True)) or None
    # <meta>, <base> and <h1> are searched for in one walk of the tree, which finds each in
    # the document's order, as three searches would
    found = tree.css("meta, base[href], h1")
    for meta in found:
        if meta.tag != "meta":
            continue
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
    base = next((node for node in found if node.tag == "base"), None)
    if base is not None and (href := base.attributes.get("href")):
        page.base_url = urljoin(page.base_url or "", href.strip())
    page.h1 = [
        text for node in found if node.tag == "h1" and (text := _clean(node.text(deep=True)))
    ]


def _clean(text: str) -> str:
    """Visible text: invisible characters dropped, whitespace runs as one space."""
    if not text.isascii():  # the invisible characters are all outside ASCII
        text = _INVISIBLE.sub("", text)
    # str.split() cuts at the same whitespace as the regex \s+ and drops it at both ends.
    return " ".join(text.split())


# Class/id strings repeat thousands of times across a site's pages: their hints are cached,
# keyed by the values of the class, id, role and itemprop attributes, then by those values
# with each run of digits as one "0". Ids often carry a number ("post-4711", "comment-12"),
# and digits can only follow a hint word, never be part of one, so this leaves the hints as
# they are and reads each such id once instead of once per number.
_HINT_CACHE: dict[tuple[str | None, ...], int] = {}
_WORD_HINT_CACHE: dict[str, int] = {}
HINT_CACHE_SIZE = 50_000
_DIGIT_RUN = re.compile(r"[0-9]+")
# A post's tag and category classes ("tag-cookie-recipes", "category-sidebar-news") name its
# topics, not the part of the page it is: their words are not read as hints.
_TAXONOMY_CLASS = re.compile(r"(?<!\S)(?:tag|category|categories|post_tag)-\S*", re.IGNORECASE)
# A lower-case letter followed by a capital: the word boundary of a camelCase class name
# ("articleGalleryCaption", "NewsletterModule"), cut like a dash so its words are read; but
# only for the words of boxes beside a story, not for the article's or the sidebar's layout
# words: widget frameworks call every box "moduleContent", and "storyTeaser" or
# "articleHeadline" name parts of the story.
_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# A teaser's text or content class alone among the sidebar words: the standfirst over a story.
_TEASER_TEXT = re.compile(r"(?:^|[\s_\-])teaser[_\-]+(?:text|content|body)\b", re.IGNORECASE)
_CAMEL_HINTS = (
    Hint.DIALOG
    | Hint.CAPTION
    | Hint.SOCIAL
    | Hint.BIO
    | Hint.COMMENTS
    | Hint.META
    | Hint.AD
    | Hint.NAV
    | Hint.FOOTER
)


_DOCUMENT_TAGS = _names("html body")


def _own_hints(tag: str, attrs: dict[str, str | None]) -> int:
    hints = _TAG_HINTS.get(tag, Hint.NONE)
    if not attrs:
        return hints
    key = (attrs.get("class"), attrs.get("id"), attrs.get("role"), attrs.get("itemprop"))
    cached = _HINT_CACHE.get(key)
    if cached is None:
        words = _DIGIT_RUN.sub("0", " ".join(value for value in key if value))
        if "-" in words:  # (spares the scan where no taxonomy class can be)
            words = _TAXONOMY_CLASS.sub("", words)
        cached = _WORD_HINT_CACHE.get(words)
        if cached is None:
            cached = _remember(_WORD_HINT_CACHE, words, _word_hints(words))
        _remember(_HINT_CACHE, key, cached)
    if tag in _DOCUMENT_TAGS:
        # "modal-open", "cookie-consent-shown": the page's state while a dialog shows, not a
        # dialog (the page is all inside it)
        cached &= ~Hint.DIALOG
    return hints | cached


def _remember(cache: dict[_Key, int], key: _Key, hints: int) -> int:
    if len(cache) >= HINT_CACHE_SIZE:
        cache.clear()
    cache[key] = hints
    return hints


def _word_hints(words: str) -> int:
    """The hints of an element's class, id, role and itemprop values, joined by spaces."""
    hints = Hint.NONE
    if not words:
        return hints
    camel = _CAMEL_CASE.sub("-", words)
    camel_words = camel != words  # most class names have no camelCase: search them once
    for hint, pattern in _CLASS_HINTS:
        if pattern.search(words) or (camel_words and hint & _CAMEL_HINTS and pattern.search(camel)):
            hints |= hint
    if "articlebody" in words.lower():
        hints |= Hint.ARTICLE
    if hints & Hint.SIDEBAR and hints & Hint.ARTICLE and _TEASER_TEXT.search(words):
        # "teaser-text", "teaser__content": an article's standfirst, not a list of teasers
        hints &= ~Hint.SIDEBAR
    return hints


# The boilerplate regions that an article element inside them leaves.
_PAGE_REGIONS: Final = BOILERPLATE & ~Hint.DIALOG


def _inherit(inherited: int, own: int) -> int:
    """The innermost region wins: an article inside a "with-sidebar" layout is an article, a
    "related" box inside an article is a sidebar."""
    if not own:
        return inherited
    if own & BOILERPLATE and not own & Hint.ARTICLE:
        inherited &= ~Hint.ARTICLE
    elif own & Hint.ARTICLE and not own & BOILERPLATE:
        # a dialog lies over the page: no "content" or "text" element inside it is the story
        inherited &= ~_PAGE_REGIONS
    return inherited | own


class _Walker:
    """Depth-first walk with an explicit stack, collecting text into blocks."""

    def __init__(self, page: HtmlPage, budget: WorkBudget | None = None) -> None:
        self.page = page
        self.budget = budget
        self.nodes = 0  # walked so far, for the budget's checks
        self.parts: list[str] = []  # empty until the block has visible text
        self.link_chars = 0
        self.links = 0  # links entered so far, to tell one <a> from the next
        self.first_link: int | None = None
        self.link_parts: list[str] = []
        self.href: str | None = None
        self.hints = Hint.NONE
        self.time_texts: list[str] = []
        self.time_datetimes: list[str] = []
        self.open_times = 0  # <time> elements being walked inside
        self.time_edge = False  # a <time> opened or closed since the last text
        self.has_text = False
        self.br_pending = False  # the block's last visible thing is a <br>
        self.elements = 0  # block-level elements entered so far, numbering containers
        # The open block-level elements: their serial numbers and tags.
        self.path_serials: list[int] = []
        self.path_tags: list[str] = []
        self.container = 0
        self.ancestors: tuple[int, ...] = ()

    def flush(self) -> None:
        """End the current block. Without visible text there is nothing to end: see add_text."""
        if not self.has_text:
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
                    time_texts=tuple(self.time_texts),
                    time_datetimes=tuple(self.time_datetimes),
                    container=self.container,
                    ancestors=self.ancestors,
                )
            )
        self.parts.clear()
        self.has_text = False
        self.br_pending = False
        self.link_chars = 0
        self.first_link = None
        self.link_parts = []
        self.href = None
        self.time_texts = []
        self.time_datetimes = []

    def walk(self, root: LexborNode) -> None:
        # The elements being walked into, outermost first: (element, hints and link around
        # it, whether it is a block). Siblings are reached through `next`, so the stack only
        # ever holds the ancestors of the current node.
        stack: list[tuple[LexborNode, int, tuple[str, int] | None, bool]] = []
        node = root
        hints: int = Hint.NONE  # of the current node's ancestors
        link: tuple[str, int] | None = None  # the <a> around the current node
        while True:
            self.nodes += 1
            if self.budget is not None and self.nodes % BUDGET_CHECK_NODES == 0:
                self.budget.check("split")
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                # Whitespace before a block's first visible text is dropped, so skip it here.
                if text and (self.has_text or not text.isspace()):
                    self.add_text(text, hints, link)
            elif not tag or tag[0] == "-" or tag in _SKIP_TAGS:
                pass
            elif tag == "br":
                # One <br> breaks a line inside a paragraph (verse, addresses, old markup);
                # two in a row end the paragraph.
                if self.br_pending:
                    self.flush()
                elif self.has_text:
                    self.parts.append("\n")
                    self.br_pending = True
            else:
                child = node.first_child
                is_block = tag in _BLOCK_TAGS
                if is_block:
                    if self.has_text:  # (saves a call: most blocks open with nothing to end)
                        self.flush()
                    self.elements += 1
                    self.path_serials.append(self.elements)
                    self.path_tags.append(tag)
                if tag == "time":
                    shown = _clean(node.text(deep=True))
                    if shown:
                        self.time_texts.append(shown)
                    elif stamp := (node.attributes.get("datetime") or "").strip():
                        self.time_datetimes.append(stamp)
                    if child is not None:
                        self.open_times += 1
                        self.time_edge = True
                if child is not None:
                    # Hints and links only matter to what is inside the element.
                    attrs = node.attributes
                    stack.append((node, hints, link, is_block))
                    if attrs or tag in _TAG_HINTS:
                        own = _own_hints(tag, attrs)
                        if own:
                            hints = _inherit(hints, own)
                    if tag == "a" and link is None:
                        self.links += 1
                        link = (attrs.get("href") or "", self.links)
                    node = child
                    continue
                if is_block:
                    self.close_block()
                elif tag == "img":
                    self.page.pictured.update(self.path_serials)
            # Done with `node` and all inside it: go on to its next sibling, closing the
            # elements it was the last child of on the way up. The root's siblings are not
            # walked.
            while stack:
                sibling = node.next
                if sibling is not None:
                    node = sibling
                    break
                node, hints, link, is_block = stack.pop()
                if is_block:
                    self.close_block()
                elif self.open_times and node.tag == "time":
                    self.open_times -= 1
                    self.time_edge = True
            else:
                break
        self.flush()

    def close_block(self) -> None:
        if self.has_text:
            self.flush()
        if self.path_serials:
            self.path_serials.pop()
            self.path_tags.pop()

    def add_text(self, text: str, hints: int, link: tuple[str, int] | None) -> None:
        if self.time_edge:
            # A <time> holds a value of its own: its digits or words never run on into the
            # text beside it ("<time>2022</time><time>21:25</time>" is no "202221:25"), which
            # the page's style keeps apart where the markup has no space.
            self.time_edge = False
            if self.has_text and text[0].isalnum() and self.parts[-1][-1].isalnum():
                self.parts.append(" ")
        visible = not text.isspace()
        if not self.has_text:
            if not visible:
                return  # whitespace before the first visible text: _clean would drop it
            self.hints = hints  # the block takes the hints of its first visible text
            # A paragraph's container is its parent; loose text's is the element holding it.
            serials = self.path_serials
            if not serials:
                self.container = 0
            elif self.path_tags[-1] in _PARAGRAPH_TAGS and len(serials) > 1:
                self.container = serials[-2]
            else:
                self.container = serials[-1]
            self.ancestors = tuple(serials)
            self.has_text = True
        self.parts.append(text)
        if visible:
            self.br_pending = False
        if link is not None:
            href, serial = link
            if visible:
                self.link_chars += len(text.strip())
                if self.first_link is None and href:
                    self.href, self.first_link = href, serial
            if serial == self.first_link:
                self.link_parts.append(text)
