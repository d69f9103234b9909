"""Author names as pages give them, cleaned into a list of person names.

Bylines come as "By Jane Doe and John Roe, Reuters", "jane.doe@site.com", "JANE DOE | Staff
Writer" or "Doe, Jane; Roe, John": the cleaning drops the "By", e-mail addresses, links,
handles, roles and the names of organisations and of the site, splits several authors apart,
and keeps what reads as a person's name. Every pattern is bounded and anchored or a plain
split, so each value is read in linear time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from pipeline.nlp.dates import is_month_name
from pipeline.nlp.sanitize import one_line


def _words(spec: str) -> list[str]:
    """Names written as one space-separated string, easier to read in a long list."""
    return spec.split()


# A byline longer than this is a paragraph, not a list of names.
MAX_BYLINE_CHARS = 300
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 5
MAX_AUTHORS = 20
MIN_SINGLE_NAME_CHARS = 3

# "By", "Written by", and the same in the languages the pipeline sees most.
_BY = re.compile(
    r"(?:(?:written|posted|post|words|reporting|text|story|report|interview|artikel"
    r"|article|beitrag|eingestellt|erstellt|geschrieben|publié|publicado|écrit|escrito"
    r"|(?:(?:eine?|an?)\s+)?(?:kolumne|column|gastbeitrag|kommentar|analyse|analysis|essay))"
    r"\s+)?"
    r"(?:by|von|par|por|door|av|af|autor(?:in|innen|en|[*:_/]innen)?|authors?|auteur|reportage"
    r"|texto?(?:\s*(?:&|\+|/|und|and|et|y|e)\s*(?:fotos?|photos?|bilder?|bild|images?))?(?=\s*:)"
    # "Text: Jane Doe", "Text & Fotos: Jane Doe", not "Text Size"
    r"|interview(?!\s+(?:mit|with|avec|con|com)\b))\b"  # not "Interview with" the interviewee
    r"\s*:?\s*",
    re.IGNORECASE,
)
# "ByJane Doe": the markup's "By" glued to the name the next element holds.
_BY_GLUED = re.compile(r"(?:By|BY|Von|VON|Par|Por)(?=[A-Z][a-z])")
# ...and the "by" that is also a name's particle ("di Mario Rossi", but "Da Silva"): lower case.
_BY_LOWER = re.compile(r"(?:di|da|de)\s+")
_EMAIL = re.compile(r"\S+@\S+")
_LINK = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_HANDLE = re.compile(r"@\w+")
# Where a byline's names end: a date or a role follows ("Jane Doe | Updated 3 hours ago").
_TAIL = re.compile(r"\s(?:[|·•]|[-–—]\s)|\s*(?<![^\W\d_])\d")  # not a handle's "jane1"
# What a byline puts between the name and the date it cut at ("Jane Doe am 12. März").
_BEFORE_DATE = frozenset(_words("am on at le el il vom um den dem du em"))
# ...or a date's month and weekday, or "ago" before an age ("Jane Doe Fr, 18. Oktober", "Jane
# Doe March 5", "Jane Doe Hace 13 horas"): lower case, their punctuation stripped; only before a
# cut at a number.
_BEFORE_NUMBER = frozenset(
    _words(
        """
        mo di mi do fr sa so mon tue tues wed thu thurs fri sat sun montag dienstag mittwoch
        donnerstag freitag samstag sonntag monday tuesday wednesday thursday friday saturday
        sunday lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles
        jueves viernes sábado domingo hace vor ago stand
        """
    )
)
# A name does not start with an article ("Die Furche", "The Local" are publications).
_ARTICLES = frozenset(_words("die der das les los las the"))
# Between two authors (not the "e" of a legal form: "Example e.V.").
_BETWEEN = re.compile(r"\s*(?:;|,|/|&|\+|\b(?:and|und|et|y|en|og)\b|\be\b(?!\.))\s*", re.IGNORECASE)
# Words that are part of no person's name: organisations, desks, roles.
_NOT_NAME_WORDS = frozenset(
    _words(
        """
        news staff agency agencies press reuters afp ap dpa ansa efe associated times post
        ritzau pti ians kyodo xinhua tass anp belga epd kna ntb pap publisher developed
        powered redação redacao jornal συντακτική συντακτικη ομάδα ομαδα редакция
        media team desk editorial editors editor online redaktion redaction rédaction
        newsroom bureau service services wire wires admin administrator webmaster
        correspondent correspondents reporter reporters writer writers contributor
        contributors columnist journalist photographer senior chief political business
        sports health science technology opinion guest special international national group
        limited ltd inc llc gmbh corporation company network radio television tv daily
        weekly magazine journal herald tribune gazette channel report newsletter blog
        website site sources source staffers unknown anonymous the of for agencia agence
        agentur redacción redaccion redazione equipo équipe equipe zeitung artikel articles
        beiträge posts alle author authors no chefredakteur chefredakteurin redakteur
        redakteurin autor autorin ag kg co copyright verband bundesverband verein stiftung
        foundation institute institut university universität abteilung department ministry
        ministerium feuerwehr polizei kitchen kitchens magazin illustrierte presse diakonie
        """
    )
)
# Of those, the roles a byline may write after a name ("Jane Doe Chefredakteur", "Jane Doe
# Senior Writer"): dropped, where the others (an organisation's "Example Media GmbH") reject it.
_ROLE_WORDS = frozenset(
    _words(
        """
        staff editor editors reporter reporters writer writers correspondent correspondents
        contributor contributors columnist journalist photographer senior chief guest special
        chefredakteur chefredakteurin redakteur redakteurin autor autorin author authors alle
        artikel articles beiträge posts
        """
    )
)
# What joins the words of a desk's or a handle's name ("TVT-Redaktion", "kb_redaktion").
_JOINED = re.compile(r"[-_]")
# Lower-case particles inside names ("Ursula von der Leyen", "Luiz Inácio da Silva").
_PARTICLES = frozenset(
    _words(
        """
        de del della der den di da dos das du van von le la bin bint al el ibn ter ten zu y
        """
    )
)
# "Nicolas Gutierrez C.": a final initial keeps its period.
_INITIAL_END = re.compile(r"\s[^\W\d_]\.$")
# Between a page's title and its site's name, or a site's name and its slogan.
_SITE_PARTS = re.compile(r"\s+[|·•:–—-]\s+")
# "site.de", "example.com": a site, not a person.
_DOMAIN = re.compile(r"\.[^\W\d_]{2,}$")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


def clean_authors(
    values: Iterable[str],
    site_names: Iterable[str] = (),
    *,
    single_words: bool = False,
    first_only: bool = False,
) -> list[str]:
    """The person names in author values (bylines, meta tags, JSON-LD names), in order, each
    once (case-insensitively), at most MAX_AUTHORS. `single_words` takes one-word names too
    (pen names): right for fields that say they hold the author, not for free text.
    `first_only` keeps the names of the first value that gives any: right for bylines found
    all over a page, where the later ones are other articles' (teasers, related posts)."""
    excluded = {key for name in site_names if name for key in _site_keys(name)}
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in byline_names(value, single_words=single_words):
            key = _fold(name)
            bare = _bare(key)
            if key in seen or bare in excluded or bare.rstrip("0123456789") in excluded:
                continue  # the site, or its account's handle ("Example1")
            seen.add(key)
            names.append(name)
            if len(names) >= MAX_AUTHORS:
                return names
        if first_only and names:
            return names
    return names


def is_byline(line: str) -> bool:
    """Whether a line of text opens as a byline does ("By", "Von", "Posted by", "ByJane")."""
    return _BY.match(line) is not None or _BY_GLUED.match(line) is not None


def byline_names(value: str, *, single_words: bool = False) -> list[str]:
    """The person names in one author value."""
    text = value[:MAX_BYLINE_CHARS]
    text = one_line(html.unescape(text) if "&" in text else text)  # "Redacci&oacute;n"
    text = _HANDLE.sub(" ", _LINK.sub(" ", _EMAIL.sub(" ", text)))
    announced = False
    for _ in range(2):  # "Post author By Jane Doe": a label, then the "By"
        if (by := _BY.match(text) or _BY_LOWER.match(text)) is not None:
            text = text[by.end() :]
            announced = announced or by.re is _BY
    single_words = single_words or announced
    if (glued := _BY_GLUED.match(text)) is not None:
        text = text[glued.end() :]
    if (tail := _TAIL.search(text)) is not None:
        text = text[: tail.start()]
        words = text.split()
        number = tail.group().strip().isdigit()
        if number and len(words) == 1 and not announced:
            single_words = False  # "Studio 54", "Bündnis 90": a name with its number
        if number:  # "Jane Doe Fri, March 5": each at most once, "Theresa May March 5"
            if len(words) > 1 and is_month_name(words[-1]):
                words.pop()
            if len(words) > 1 and words[-1].lower().strip(",.:") in _BEFORE_NUMBER:
                words.pop()
        while len(words) > 1 and words[-1].lower() in _BEFORE_DATE:
            words.pop()
        text = " ".join(words)
    parts = [part for part in _BETWEEN.split(text) if part]
    if len(parts) == 2 and _is_last_first(parts):
        parts = [f"{parts[1]} {parts[0]}"]  # "Doe, Jane"
    elif len(parts) > 1:
        single_words = False  # a word in a list of names is a place or a desk ("Jane Doe, London")
    return [
        name for part in parts if (name := person_name(part, single_words=single_words)) is not None
    ]


def _is_last_first(parts: list[str]) -> bool:
    """ "Doe, Jane": one word on each side of a comma (two names would have two words each)."""
    return all(len(part.split()) == 1 for part in parts) and all(parts)


def person_name(text: str, *, single_words: bool = False) -> str | None:
    """`text` as a person's name, or None when it does not read as one: two to
    MAX_NAME_WORDS capitalised words (particles aside), no digits, no organisation words;
    with `single_words`, one such word of MIN_SINGLE_NAME_CHARS or more, not an acronym.
    A name written in capitals is given capitalised ("JANE DOE" -> "Jane Doe")."""
    text = text.strip(" \t,;:-–—|()[]\"'“”")
    if not text.endswith((" Jr.", " Sr.")) and not _INITIAL_END.search(text):
        text = text.rstrip(".")  # a suffix or a final initial keeps its period
    words = text.split()
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
        text = " ".join(words[:half])  # the same name twice (a link and its text)
    # a pen name may hold digits ("jane1", "c1ph4"), where a person's name does not
    handle = single_words and len(text.split()) == 1
    if not text or len(text) > MAX_NAME_CHARS or (not handle and any(c.isdigit() for c in text)):
        return None
    words = text.split()
    while len(words) > 2 and words[-1].lower().strip(".,") in _ROLE_WORDS:
        words.pop()  # a role after the name: "Jane Doe Chefredakteur", "Jane Doe Alle Artikel"
    text = " ".join(words)
    if len(words) == 1 and single_words:
        if len(text) < MIN_SINGLE_NAME_CHARS or text.isupper():
            return None  # "AP", "dpa", "CNN": agencies and initials, not pen names
        if _not_name_word(text) or _NAME_WORD.fullmatch(text) is None:
            return None
        if _DOMAIN.search(text):
            return None  # "example.de": the site
        return text  # a pen name or handle, as the field gives it ("gnaddrig")
    elif not 2 <= len(words) <= MAX_NAME_WORDS:
        return None
    if words[0].lower() in _ARTICLES:
        return None
    shouted = text.isupper()
    for word in words:
        bare = word.strip(".,")
        if _not_name_word(bare) or _DOMAIN.search(bare):
            return None
        if bare.lower() in _PARTICLES and not shouted:
            continue
        if _NAME_WORD.fullmatch(word) is None or not word[0].isupper():
            return None
    if shouted:
        return " ".join(
            word.lower() if word.lower() in _PARTICLES else word.capitalize() for word in words
        )
    return " ".join(words)


def _not_name_word(word: str) -> bool:
    """An organisation's or a role's word, or one joined to such a word of four letters or
    more by a hyphen or an underscore ("TVT-Redaktion", "kb_redaktion"; not "the_pain", a
    handle)."""
    word = word.lower()
    return word in _NOT_NAME_WORDS or any(
        len(part) > 3 and part in _NOT_NAME_WORDS for part in _JOINED.split(word)
    )


def _site_keys(site_name: str) -> set[str]:
    """A site's name as an author would spell it: whole, each part of a "Page | Site" title,
    its domain without the suffix ("LaRepública.pe" -> "larepública"), spaces and
    punctuation dropped."""
    keys = set()
    for part in [site_name, *_SITE_PARTS.split(site_name)]:
        part = _fold(part)
        keys.add(_bare(part))
        keys.add(_bare(_DOMAIN.sub("", part)))
    keys.discard("")
    return keys


def _bare(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())
