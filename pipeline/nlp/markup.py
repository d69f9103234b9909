"""The markup handed to the HTML parser, bounded so that parsing it stays linear.

Lexbor parses real pages fast, but is superlinear on shapes nobody writes by hand: deep
nesting (a start tag's scope check walks the open elements), many distinct tag or attribute
names (its name tables), and attributes merged again and again into <html> and <body>.
`bound_markup` scans the tags the way the HTML tokenizer reads them (comments and raw text
skipped, quoted values honoured, a tag left open at the end dropped as the parser drops it)
and rewrites only what passes a bound: tags nested deeper than MAX_NESTING_DEPTH are dropped
(and closers the parser would ignore, each a search of the open elements),
tag and attribute names past the first MAX_DISTINCT_NAMES lose their tag's name or attributes,
and repeated <html> and <body> tags lose their attributes. A real page passes unchanged.

The depth is an upper bound of the parser's: each name's openers are counted less its closers
(never below zero, so stray closers cannot hide depth), the void and implicitly closed tags do
not nest except inside <svg> and <math>, where every tag that is not self-closed does.
"""

from __future__ import annotations

import re
from typing import Final

# Lexbor's parse time grows with the square of the nesting depth on some tags (200,000
# nested <div>s take minutes); real pages stay far below this depth.
MAX_NESTING_DEPTH: Final = 300
# Distinct tag names, and distinct attribute names, beyond which lexbor's name tables slow
# down (quadratically: 160,000 took 20 s); real pages use a few hundred of each.
MAX_DISTINCT_NAMES: Final = 10_000
# What the fast check lets through: at most this many attributes, so at most this many
# distinct names (lexbor: about 0.2 s more at the worst); real pages have up to ~20,000.
FAST_CHECK_ATTRIBUTES: Final = 40_000
# Attributes of one element: lexbor searches those already read for each new one.
MAX_TAG_ATTRIBUTES: Final = 1_000
# Repeated <html> and <body> tags merge their attributes into the first one's, each merge
# a search of those already there; real pages repeat them a few times at most.
MAX_MERGED_TAGS: Final = 10


def _names(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# Tags that do not nest (void) or that the parser closes implicitly, outside <svg> and <math>.
FLAT_TAGS: Final = _names(
    "area base br col embed hr img input link meta source track wbr p li dt dd tr td th option"
)
# Tags that leave <svg> and <math> for HTML, so they stay flat there too.
_BREAKOUT = _names("br embed hr img meta p li dt dd")
# Elements whose content is text up to their own closing tag (outside <svg> and <math>).
_RAW_TEXT = _names("script style textarea title xmp iframe noembed noframes")
_FOREIGN = _names("svg math")
_MERGED = _names("html body")  # a repeated one merges its attributes into the first
_DOCUMENT = _names("html head body")
# Names always kept as they are, however many others a page uses.
_KNOWN = (
    FLAT_TAGS
    | _names(
        "html head body div span a p section article aside header footer nav main ul ol dl "
        "h1 h2 h3 h4 h5 h6 table tbody thead tfoot caption blockquote pre figure figcaption form "
        "fieldset legend address center details summary b i u s em strong small sub sup code q "
        "cite abbr time label font button select template svg math noscript picture video audio"
    )
    | _RAW_TEXT
)

_WS = "\\t\\n\\f\\r "
# One whole tag, as the tokenizer reads it: the name, then attributes (a name, then maybe
# "=" and a quoted or unquoted value), then ">". The groups are atomic and the quantifiers
# possessive: each character has one reading, so a failed match is one pass, never a
# backtracking search. A quote left open makes the match fail: the tag runs to the end.
_TAG = re.compile(
    rf"<(/?)([a-zA-Z][^{_WS}/>]*+)"
    rf"((?>[{_WS}/]*+[^{_WS}/>][^{_WS}/>=]*+[{_WS}]*+"
    rf"(?:=[{_WS}]*+(?:\"[^\"]*+\"|'[^']*+'|(?![\"'])[^{_WS}>]*+)|(?!=)))*+)"
    rf"([{_WS}/]*+)>"
)
_ATTRIBUTE_NAME = re.compile(
    rf"[{_WS}/]*+([^{_WS}/>][^{_WS}/>=]*+)[{_WS}]*+"
    rf"(?:=[{_WS}]*+(?:\"[^\"]*+\"|'[^']*+'|[^{_WS}>]*+))?"
)
_COMMENT_END = re.compile(r"--!?>")
_RAW_TEXT_END = {
    name: re.compile(rf"</{name}[{_WS}/>]", re.IGNORECASE) for name in sorted(_RAW_TEXT)
}


def _ascii_lower(name: str) -> str:
    # The tokenizer lowercases ASCII letters only: str.lower() would turn the Kelvin sign
    # into "k" and make an unknown, nesting name look like a known one.
    return name.lower() if name.isascii() else name


class _Bounds:
    """The running state of the scan: open elements per name, distinct names seen."""

    def __init__(self) -> None:
        self.open: dict[str, int] = {}
        self.depth = 0
        self.foreign = 0  # open <svg> and <math> elements
        self.tag_names: set[str] = set()
        self.attribute_names: set[str] = set()
        self.merged = 0

    def depth_of(self, key: str, closing: bool, self_closing: bool) -> int:
        """The depth the tag reaches (before a closer, after an opener), 0 if it does not
        nest, -1 for a closer the parser ignores; updates the counts."""
        if closing:
            count = self.open.get(key, 0)
            if not count:
                # nothing of that name open: the parser ignores the closer, after searching
                # the open elements for it (the flat tags' and the document's own closers do
                # something even then)
                return 0 if key in FLAT_TAGS or key in _DOCUMENT else -1
            self.open[key] = count - 1
            self.depth -= 1
            if key in _FOREIGN:
                self.foreign -= 1
            return self.depth + 1
        if key in _FOREIGN:
            if self_closing:
                return 0
            self.foreign += 1
        elif self.foreign:
            if self_closing:
                return 0
        elif key in FLAT_TAGS:
            return 0
        self.open[key] = self.open.get(key, 0) + 1
        self.depth += 1
        return self.depth

    def new_tag_name(self, key: str) -> bool:
        """Whether the name is past the bound (and so must not reach the parser)."""
        if key in _KNOWN or key in self.tag_names:
            return False
        if len(self.tag_names) >= MAX_DISTINCT_NAMES:
            return True
        self.tag_names.add(key)
        return False

    def new_attribute_names(self, attributes: str) -> bool:
        """Whether the attributes hold a name past the bound."""
        found = _ATTRIBUTE_NAME.findall(attributes)
        names = self.attribute_names
        if names.issuperset(found):
            return False
        # case is kept: distinct spellings may count twice, never too few
        if len(names) + len(found) > MAX_DISTINCT_NAMES:
            return True
        names.update(found)
        return False


def bound_markup(body: str) -> str:
    """The page with what would make the parser superlinear taken out (see the module
    docstring); the page itself when nothing passes a bound, as on real pages."""
    if _within_bounds(body):
        return body
    bounds = _Bounds()
    pieces: list[str] = []
    done = 0  # body[:done] is in pieces
    at = body.find("<")
    while 0 <= at < len(body) - 1:
        after = body[at + 1]
        if after == "/" and at + 2 < len(body):
            third = body[at + 2]
            if third == ">":  # "</>" is dropped by the tokenizer
                at = body.find("<", at + 3)
                continue
            if not (third.isascii() and third.isalpha()):
                after = "?"  # a bogus comment, read up to the next ">"
        elif not (after.isascii() and after.isalpha()) and after not in "!?":
            at = body.find("<", at + 1)  # a "<" in text
            continue
        if after in "!?":
            next_at = _skip_declaration(body, at)
            if next_at < 0:
                break  # a comment open to the end: no markup follows
            at = body.find("<", next_at)
            continue
        match = _TAG.match(body, at)
        if match is None:
            # a tag open to the end of the body: the parser drops it, and its attributes are
            # where it would spend its time
            pieces.append(body[done:at])
            done = len(body)
            break
        closing = match.group(1)
        key = _ascii_lower(match.group(2))
        end = match.end()
        replacement = _rewrite(bounds, match, key)
        if replacement is not None:
            pieces.append(body[done:at])
            pieces.append(replacement)
            done = end
        if key in _RAW_TEXT and not closing and not bounds.foreign:
            raw_end = _RAW_TEXT_END[key].search(body, end)
            if raw_end is None:
                break  # text to the end of the body
            end = raw_end.start()
        at = body.find("<", end)
    if not pieces:
        return body
    pieces.append(body[done:])
    return "".join(pieces)


def _rewrite(bounds: _Bounds, match: re.Match[str], key: str) -> str | None:
    """What replaces the tag, or None to keep it as it is."""
    closing, name, attributes, trail = match.groups()
    depth = bounds.depth_of(key, bool(closing), trail.endswith("/"))
    if depth < 0:
        return ""  # ignored by the parser: no space, which would split the words around it
    if depth > MAX_NESTING_DEPTH:
        return " "  # as a block tag would, keep the words on either side apart
    renamed = bounds.new_tag_name(key)
    keep_attributes = True
    if attributes:
        if key in _MERGED and not closing:
            bounds.merged += 1
            keep_attributes = bounds.merged <= MAX_MERGED_TAGS
        if keep_attributes and (
            (
                len(attributes) > 2 * MAX_TAG_ATTRIBUTES
                and _attribute_count(attributes) > MAX_TAG_ATTRIBUTES
            )
            or bounds.new_attribute_names(attributes)
        ):
            keep_attributes = False
    if not renamed and keep_attributes:
        return None
    return f"<{closing}{'span' if renamed else name}{attributes if keep_attributes else ''}{trail}>"


def _skip_declaration(body: str, at: int) -> int:
    """Past a comment, a doctype or a bogus comment starting at `at`; -1 if it runs to the
    end of the body."""
    if body.startswith("<!--", at):
        for empty in ("<!-->", "<!--->"):
            if body.startswith(empty, at):
                return at + len(empty)
        found = _COMMENT_END.search(body, at + 4)
        return -1 if found is None else found.end()
    close = body.find(">", at + 2)
    return -1 if close < 0 else close + 1


# What the fast check reads of every tag: the name (with "/" for a closer) and the rest up to
# the next "<" or through the next ">", which holds its attributes unless a quoted value
# holds one of those.
# A script, style or iframe element (raw text that often holds markup) is read whole, its text
# skipped up to its own closer (outside <svg> and <math>, where it is markup); its name and
# attributes are the first two groups. The other raw-text elements are read as tags:
# `_names_within_bounds` sends a page to the exact scan when a tag comes between one and its
# closer. Comments and what the tokenizer reads as one up to the next ">" ("<!x", "<?x", "</"
# and no letter) are skipped as the exact scan skips them, all groups empty (no name, so no
# depth; an empty region, so at most an attribute more in the count): a "</div>" inside one is
# no closer, and counted as one it would hide the depth of the tags around it.
_SKIPPED = r"!--(?:-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>)?)|[!?][^>]*+>?|/(?![a-zA-Z])[^>]*+>?"
_TAG_OR_SCRIPT = re.compile(
    rf"<(?:{_SKIPPED}"
    rf"|(?i:(script|style|iframe))(?=[{_WS}/>])([^>]*+)>?(?:[^<]++|<(?!/(?i:\1)[{_WS}/>]))*+"
    rf"|(/?[a-zA-Z][^{_WS}/>]*)([^<>]*>?))"
)
# Every tag, raw text read as markup (inside <svg> and <math>); comments still skipped.
_ANY_TAG = re.compile(rf"<(?:{_SKIPPED}|()()(/?[a-zA-Z][^{_WS}/>]*)([^<>]*>?))")
# The raw-text elements the fast check reads as tags (nothing inside one is a tag).
_OTHER_RAW_TEXT = _RAW_TEXT - {"script", "style", "iframe"}
# A quoted value, and what is left of one that the fast check's region cut before its end
# (the tag then goes on past where the fast check stopped reading it).
_QUOTED_VALUE = re.compile(rf"=[{_WS}]*+(?:\"[^\"\x00]*+\"|'[^'\x00]*+')")
_OPEN_VALUE = re.compile(rf"=[{_WS}]*+[\"']")
_SEPARATORS = ("\t", "\n", "\f", "\r", " ", "/", "=")
# Repeated <html> and <body> tags, openers and closers alike, count towards MAX_MERGED_TAGS.
_MERGED_KEYS = tuple(sorted(name for tag in _MERGED for name in (tag, f"/{tag}")))


def _attribute_count(attributes: str) -> int:
    """At least the number of attributes in a tag's attribute text: each name follows a
    separator once the quoted values are taken out."""
    unquoted = _QUOTED_VALUE.sub("=", attributes)
    return sum(map(unquoted.count, _SEPARATORS)) + 1


def _within_bounds(body: str) -> bool:
    """Whether the page is surely within every bound, by upper bounds computed in C over all
    its tags at once; a False sends the page to the exact scan of bound_markup. Each tag
    found here is one the parser may see (a "<" and a letter outside script text and
    comments), and each closer one it sees (a quoted value or raw text that may hide one
    sends the page to the exact scan), so every count is at least the parser's."""
    scanned = _TAG_OR_SCRIPT.findall(body)  # a comment's groups are empty: it counts as nothing
    if not scanned:
        return True
    names = [name for _, _, name, _ in scanned]
    joined_names = "\n".join(names)
    if not joined_names.isascii():
        return False  # only ASCII letters are lowercased by the parser: left to the exact scan
    keys = joined_names.lower().split("\n")
    distinct = _bare_names(keys)
    raw_text_read_as_tags = _OTHER_RAW_TEXT
    if not distinct.isdisjoint(_FOREIGN) and any(raw for raw, _, _, _ in scanned):
        # inside <svg> and <math> a script's text is markup: read every tag, and every
        # raw-text element's text as tags that must not come between it and its closer
        scanned = _ANY_TAG.findall(body)
        keys = "\n".join([name for _, _, name, _ in scanned]).lower().split("\n")
        distinct = _bare_names(keys)
        raw_text_read_as_tags = _RAW_TEXT
    if len(distinct) > MAX_DISTINCT_NAMES:
        return False
    # Each tag's attribute text: a script's, or the region of any other tag (the other is "")
    attributes = [raw or region for _, raw, _, region in scanned]
    unquoted = _QUOTED_VALUE.sub("=", "\x00".join(attributes))
    if _OPEN_VALUE.search(unquoted):
        return False
    # Every attribute follows a separator, or is a "<name" inside a tag, right after a region
    # that a "<" ended (the others end with their ">"); a script's attributes are counted so
    # too, whether or not a "<" ended them.
    inside = unquoted.count("\x00") + 1 - unquoted.count(">\x00") - unquoted.endswith(">")
    inside += len(attributes)
    if sum(map(unquoted.count, _SEPARATORS)) + inside > FAST_CHECK_ATTRIBUTES:
        return False
    if max(map(len, attributes)) > 2 * MAX_TAG_ATTRIBUTES:  # the loop only for such a page
        for _, _, _, region in scanned:
            if (
                len(region) > 2 * MAX_TAG_ATTRIBUTES
                and _attribute_count(region) > MAX_TAG_ATTRIBUTES
            ):
                return False
    return _names_within_bounds(keys, distinct, raw_text_read_as_tags)


def _bare_names(keys: list[str]) -> set[str]:
    """The distinct names of the tags, closers' without their "/"."""
    return {key[1:] if key.startswith("/") else key for key in set(keys)}


def _names_within_bounds(keys: list[str], distinct: set[str], raw_text: frozenset[str]) -> bool:
    """The bounds on the tags' names: repeated <html> and <body> tags, and the nesting depth,
    the sum over names of the most elements of that name open at once: each name's openers
    less its closers, never below zero (a closer with nothing open closes nothing). The flat
    names, and scripts ("": their text is skipped), never nest. A tag between an element of
    `raw_text` (the raw-text elements whose text was read as tags) and its closer is its text
    outside <svg> and <math>: such a page is left to the exact scan, wherever the element is."""
    if sum(map(keys.count, _MERGED_KEYS)) > MAX_MERGED_TAGS:
        return False
    flat = FLAT_TAGS if distinct.isdisjoint(_FOREIGN) else _BREAKOUT
    check_raw_text = not distinct.isdisjoint(raw_text)
    open_now: dict[str, int] = {}
    most: dict[str, int] = {}
    in_raw_text = ""  # the closer that ends the raw-text element the scan is in
    for key in keys:
        if check_raw_text:
            if in_raw_text:
                if key != in_raw_text:
                    return False
                in_raw_text = ""
                continue
            if key in raw_text:
                in_raw_text = "/" + key
        if key.startswith("/"):
            name = key[1:]
            count = open_now.get(name, 0)
            if count:
                open_now[name] = count - 1
        elif key and key not in flat:
            count = open_now.get(key, 0) + 1
            open_now[key] = count
            if count > most.get(key, 0):
                most[key] = count
    return sum(most.values()) <= MAX_NESTING_DEPTH
