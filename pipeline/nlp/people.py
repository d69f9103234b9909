"""Author names as pages give them, cleaned into a list of person names.

Bylines come as "By Jane Doe and John Roe, Reuters", "jane.doe@site.com", "JANE DOE | Staff
Writer" or "Doe, Jane; Roe, John": the cleaning drops the "By", e-mail addresses, links,
handles, roles and the names of organisations and of the site, splits several authors apart,
and keeps what reads as a person's name. Every pattern is bounded and anchored or a plain
split, so each value is read in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    r"(?:(?:written|posted|words|reporting|text|story|report|photos?|interview|artikel|article"
    r"|beitrag|eingestellt|publié|publicado)\s+)?"
    r"(?:by|von|par|por|door|av|af|autor(?:in)?|author|auteur|texto?|reportage)\b\s*:?\s*",
    re.IGNORECASE,
)
# ...and the "by" that is also a name's particle ("di Mario Rossi", but "Da Silva"): lower case.
_BY_LOWER = re.compile(r"(?:di|da|de)\s+")
_EMAIL = re.compile(r"\S+@\S+")
_LINK = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_HANDLE = re.compile(r"@\w+")
# Where a byline's names end: a date or a role follows ("Jane Doe | Updated 3 hours ago").
_TAIL = re.compile(r"\s(?:[|·•]|[-–—]\s)|\s*\d")
# Between two authors.
_BETWEEN = re.compile(r"\s*(?:;|,|/|&|\+|\b(?:and|und|et|y|e|en|og)\b)\s*", re.IGNORECASE)
# Words that are part of no person's name: organisations, desks, roles.
_NOT_NAME_WORDS = frozenset(
    _words(
        """
        news staff agency agencies press reuters afp ap dpa ansa efe associated times post
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
        redakteurin autor autorin
        """
    )
)
# Lower-case particles inside names ("Ursula von der Leyen", "Luiz Inácio da Silva").
_PARTICLES = frozenset(
    _words(
        """
        de del della der den di da dos das du van von le la bin bint al el ibn ter ten zu y
        """
    )
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


def clean_authors(
    values: Iterable[str], site_names: Iterable[str] = (), *, single_words: bool = False
) -> list[str]:
    """The person names in author values (bylines, meta tags, JSON-LD names), in order, each
    once (case-insensitively), at most MAX_AUTHORS. `single_words` takes one-word names too
    (pen names): right for fields that say they hold the author, not for free text."""
    excluded = {_fold(name) for name in site_names if name}
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in byline_names(value, single_words=single_words):
            key = _fold(name)
            if key in seen or key in excluded:
                continue
            seen.add(key)
            names.append(name)
            if len(names) >= MAX_AUTHORS:
                return names
    return names


def byline_names(value: str, *, single_words: bool = False) -> list[str]:
    """The person names in one author value."""
    text = one_line(value[:MAX_BYLINE_CHARS])
    text = _HANDLE.sub(" ", _LINK.sub(" ", _EMAIL.sub(" ", text)))
    if (by := _BY.match(text) or _BY_LOWER.match(text)) is not None:
        text = text[by.end() :]
    if (tail := _TAIL.search(text)) is not None:
        text = text[: tail.start()]
    parts = _BETWEEN.split(text)
    if len(parts) == 2 and _is_last_first(parts):
        parts = [f"{parts[1]} {parts[0]}"]  # "Doe, Jane"
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
    if not text.endswith((" Jr.", " Sr.")):  # a suffix keeps its period
        text = text.rstrip(".")
    if not text or len(text) > MAX_NAME_CHARS or any(ch.isdigit() for ch in text):
        return None
    words = text.split()
    while len(words) > 2 and words[-1].lower().strip(".,") in _NOT_NAME_WORDS:
        words.pop()  # a role after the name: "Jane Doe Chefredakteur", "Jane Doe Alle Artikel"
    text = " ".join(words)
    if len(words) == 1 and single_words:
        if len(text) < MIN_SINGLE_NAME_CHARS or text.isupper():
            return None  # "AP", "dpa", "CNN": agencies and initials, not pen names
        if text.lower() in _NOT_NAME_WORDS or _NAME_WORD.fullmatch(text) is None:
            return None
        return text  # a pen name or handle, as the field gives it ("gnaddrig")
    elif not 2 <= len(words) <= MAX_NAME_WORDS:
        return None
    shouted = text.isupper()
    for word in words:
        bare = word.strip(".,")
        if bare.lower() in _NOT_NAME_WORDS:
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


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())
