"""The metadata stage's markup readers: JSON-LD, OpenGraph and other meta tags, `itemprop`,
`<time>` and byline elements, read in one CSS pass over the tree the split parsed.

`markup_sources` gives the first four sources of `metadata.py`'s list (JSON-LD, OpenGraph,
other meta, markup, and the free text of byline elements), each a `MetadataSource` with its
values in page order; the meta tag names and schema.org types it knows are here beside it.
Reads `metadata_cues.py` only; the stage's API (`metadata.py`) calls it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

import orjson
from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.nlp.metadata_cues import (
    MAX_BYLINE_TEXT,
    MAX_ELEMENT_TEXTS,
    MAX_JSONLD_CHARS,
    MAX_JSONLD_NODES,
    MAX_JSONLD_SCRIPTS,
    MetadataSource,
)


def _words(spec: str) -> list[str]:
    """Names written as one space-separated string, easier to read in a long list."""
    return spec.split()


# schema.org types of the article itself, and of the page that carries it (weaker).
_ARTICLE_SUFFIXES = ("Article", "Posting", "Report")
_PAGE_TYPES = frozenset({"WebPage", "ItemPage", "MedicalWebPage"})  # not lists of pages
# Control characters, which JSON allows only escaped inside strings, and as whitespace outside
# them, where a space is as good.
_CONTROL_AS_SPACE = dict.fromkeys(range(32), " ")
# Keys under which JSON-LD nests the page's own object.
_OWN_KEYS = frozenset({"@graph", "mainEntity"})
_PERSON_TYPES = frozenset({"Person"})
_ORGANISATION_TYPES = frozenset(
    {"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "Brand", "Thing"}
)

# Meta tag names (property, name or itemprop, lower case) and the field each gives. OpenGraph
# and article:* are the second source, all others the third.
_OG_META = {
    "article:published_time": "published",
    "og:article:published_time": "published",
    "article:published": "published",
    "og:published_time": "published",
    "article:modified_time": "modified",
    "og:article:modified_time": "modified",
    "article:modified": "modified",
    "og:updated_time": "modified",
    "article:author": "authors",
    "og:article:author": "authors",
    "article:section": "section",
    "og:article:section": "section",
    "article:tag": "tags",
    "og:article:tag": "tags",
    "og:site_name": "site_name",
    "og:description": "description",
    "og:image": "image",
    "og:image:url": "image",
    "og:image:secure_url": "image",
    "og:url": "canonical",
}
_OTHER_META = {
    **dict.fromkeys(
        _words(
            """
            datepublished pubdate publishdate publish-date publish_date published_date date
            dc.date dc.date.issued dc.date.created dcterms.issued dcterms.created
            dcterms.date sailthru.date parsely-pub-date article.published
            citation_publication_date citation_date originalpublicationdate
            rnews:datepublished date_published pub_date article_date_original datecreated
            created
            """
        ),
        "published",
    ),
    **dict.fromkeys(
        _words(
            """
            datemodified dc.date.modified dcterms.modified last-modified lastmod
            article.updated date_modified revised
            """
        ),
        "modified",
    ),
    **dict.fromkeys(
        _words(
            """
            author byl dc.creator dcterms.creator sailthru.author parsely-author
            citation_author article.author authors
            """
        ),
        "authors",
    ),
    **dict.fromkeys(_words("section parsely-section article.section category"), "section"),
    **dict.fromkeys(_words("keywords news_keywords parsely-tags sailthru.tags"), "tags"),
    **dict.fromkeys(_words("description twitter:description dc.description"), "description"),
    **dict.fromkeys(_words("twitter:image twitter:image:src"), "image"),
    **dict.fromkeys(_words("application-name"), "site_name"),
}
# Markup that names the author or the publication time.
_SELECTOR = (
    'meta, script[type="application/ld+json"], link[rel="canonical"], [itemprop], time, '
    '[rel="author"], [class*="byline"], [class*="author"], .author.vcard .fn'
)
# hCard's formatted name inside an hAtom `author vcard` (a commenter's is a `comment-author`)
_HCARD_NAME = "fn"
_TIME_CLASS_WORDS = ("publish", "posted", "entry-date", "post-date", "created", "dateline")


def markup_sources(tree: LexborHTMLParser) -> list[MetadataSource]:
    """JSON-LD, OpenGraph meta, other meta, markup: read in one pass over the tree."""
    json_ld, og, meta, markup = (
        MetadataSource("json-ld"),
        MetadataSource("meta"),
        MetadataSource("meta"),
        MetadataSource("markup"),
    )
    bylines = MetadataSource("markup", named=False)  # elements of byline classes: free text
    scripts: list[str] = []
    texts_left = MAX_ELEMENT_TEXTS
    for node in tree.css(_SELECTOR):
        tag = node.tag
        if tag == "meta":
            _read_meta(node.attributes, og, meta, markup)
        elif tag == "script":
            if len(scripts) < MAX_JSONLD_SCRIPTS:
                scripts.append(node.text(deep=True)[:MAX_JSONLD_CHARS])
        elif tag == "link":
            markup.add("canonical", node.attributes.get("href") or "")
        elif texts_left > 0 and tag:
            texts_left -= _read_element(node, tag, node.attributes, markup, bylines)
    if markup.canonical:  # <link rel=canonical> comes before og:url
        og.canonical[:0] = markup.canonical[:1]
    _read_json_ld(scripts, json_ld)
    return [json_ld, og, meta, markup, bylines]


def _read_meta(
    attrs: dict[str, str | None], og: MetadataSource, meta: MetadataSource, markup: MetadataSource
) -> None:
    content = attrs.get("content")
    if not content:
        return
    for attribute in ("property", "name", "itemprop"):
        key = (attrs.get(attribute) or "").lower()
        if not key:
            continue
        if (name := _OG_META.get(key)) is not None:
            og.add(name, content)
            return
        if (name := _OTHER_META.get(key)) is not None:
            # a microdata author is its item's, anywhere in the page (a cited work's, a
            # review's): read with the markup's, the first that names any
            (markup if attribute == "itemprop" and name == "authors" else meta).add(name, content)
            return


def _read_element(
    node: LexborNode,
    tag: str,
    attrs: dict[str, str | None],
    markup: MetadataSource,
    bylines: MetadataSource,
) -> int:
    """Dates and authors of the markup: `itemprop` and `rel=author` name them, elements of a
    byline class hold free text. Returns 1 when it read the element's text, else 0."""
    prop = (attrs.get("itemprop") or "").lower()
    if prop in ("datepublished", "datecreated", "datemodified"):
        key = "modified" if prop == "datemodified" else "published"
        if value := attrs.get("content") or attrs.get("datetime"):
            markup.add(key, value)
            return 0
        markup.add(key, node.text(deep=True))
        return 1
    if tag == "time":
        css = (attrs.get("class") or "").lower()
        if "pubdate" in attrs or any(word in css for word in _TIME_CLASS_WORDS):
            if value := attrs.get("datetime"):
                markup.add("published", value)
                return 0
            markup.add("published", node.text(deep=True))
            return 1
        return 0
    css = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if "comment" in css:
        return 0  # a commenter is no author
    if prop == "author":
        named = node.css_first('[itemprop="name"]')
        holder = named if named is not None else node
        value, source = holder.attributes.get("content") or holder.text(deep=True), markup
    elif attrs.get("rel") == "author" or (not prop and _HCARD_NAME in css.split()):
        value, source = node.text(deep=True, separator=" "), markup
    elif prop:
        return 0
    else:
        value, source = node.text(deep=True, separator=" "), bylines
    if value and len(value) <= MAX_BYLINE_TEXT:
        source.add("authors", value)
    return 1


def _read_json_ld(scripts: Sequence[str], source: MetadataSource) -> None:
    """The article object of the page's JSON-LD (or else its web page object)."""
    nodes: list[tuple[int, dict[str, Any]]] = []  # (rank, object): 0 article, 1 page
    ids: dict[str, dict[str, Any]] = {}
    for script in scripts:
        if (data := _json(script)) is None:
            continue
        for node, own in _json_objects(data):
            if isinstance(node_id := node.get("@id"), str) and len(node) > 1:
                ids.setdefault(node_id, node)
            rank = _rank(node.get("@type")) if own else None
            if rank is not None:
                nodes.append((rank, node))
            elif (
                own and "WebSite" in _types(node.get("@type")) and isinstance(node.get("name"), str)
            ):
                source.add("site_name", node["name"])
    nodes.sort(key=lambda pair: pair[0])  # stable: page order within a rank
    for _, node in nodes:
        _read_article(node, ids, source)


def _json(script: str) -> Any:
    """A JSON-LD script's document; one whose strings hold raw line breaks or tabs (a CMS
    pasting an article's body into it), which strict JSON refuses, read with them as spaces."""
    try:
        return orjson.loads(script.strip())
    except orjson.JSONDecodeError:
        pass
    try:
        return orjson.loads(script.translate(_CONTROL_AS_SPACE).strip())
    except orjson.JSONDecodeError:
        return None


def _json_objects(data: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every object in a JSON-LD document, outermost first (at most MAX_JSONLD_NODES), and
    whether it can be the page's own: at the top, in `@graph`, or its `mainEntity`; the
    articles listed deeper (an ItemList, `hasPart`) are other pages'."""
    queue: deque[tuple[Any, bool]] = deque([(data, True)])
    seen = 0
    while queue and seen < MAX_JSONLD_NODES:
        item, own = queue.popleft()
        seen += 1
        if isinstance(item, list):
            queue.extend((value, own) for value in item)
        elif isinstance(item, dict):
            yield item, own
            queue.extend(
                (value, own and key in _OWN_KEYS)
                for key, value in item.items()
                if isinstance(value, dict | list)
            )


def _types(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {item for item in value if isinstance(item, str)}
    return set()


def _rank(value: Any) -> int | None:
    types = _types(value)
    if any(t.endswith(_ARTICLE_SUFFIXES) for t in types):
        return 0
    if types & _PAGE_TYPES:
        return 1
    return None


def _read_article(
    node: dict[str, Any], ids: dict[str, dict[str, Any]], source: MetadataSource
) -> None:
    for key, name in (
        ("datePublished", "published"),
        ("dateCreated", "published"),
        ("dateModified", "modified"),
        ("description", "description"),
        ("articleSection", "section"),
        ("keywords", "tags"),
        ("image", "image"),
        ("thumbnailUrl", "image"),
        ("url", "canonical"),
    ):
        for value in _strings(node.get(key), ids, ("url", "contentUrl", "@id")):
            source.add(name, value)
    for key in ("author", "creator"):
        for person in _people(node.get(key), ids):
            source.add("authors", person)
    for value in _strings(node.get("publisher"), ids, ("name",), skip_types=_PERSON_TYPES):
        source.add("site_name", value)  # a blog's publisher may be its author: not a site


def _strings(
    value: Any,
    ids: dict[str, dict[str, Any]],
    keys: Sequence[str],
    skip_types: frozenset[str] = frozenset(),
) -> Iterator[str]:
    """The strings of a JSON-LD value: itself, its items, or an object's first of `keys`
    (objects of any of `skip_types` left out)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            item = _resolved(item, ids)
            if _types(item.get("@type")) & skip_types:
                continue
            found = next((item[k] for k in keys if isinstance(item.get(k), str)), None)
            if found is not None:
                yield found


def _people(value: Any, ids: dict[str, dict[str, Any]]) -> Iterator[str]:
    """The names of a JSON-LD author value, organisations left out; an author given as the
    IRI of an object in the document is that object."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item in ids:
            item = ids[item]
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            item = _resolved(item, ids)
            types = _types(item.get("@type"))
            if types & _ORGANISATION_TYPES and not types & _PERSON_TYPES:
                continue  # Yoast types a blog's owner both Person and Organization
            name = item.get("name")
            if isinstance(name, str):
                yield name
            elif isinstance(given := item.get("givenName"), str) and isinstance(
                family := item.get("familyName"), str
            ):
                yield f"{given} {family}"


def _resolved(item: dict[str, Any], ids: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An object given only by its `@id` (Yoast's @graph), looked up."""
    node_id = item.get("@id")
    if isinstance(node_id, str) and len(item) == 1:
        return ids.get(node_id, item)
    return item
