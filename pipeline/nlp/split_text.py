"""Page text: where the story's run starts and ends, from the page's shape alone.

Page text has no markup to say that a stretch of short lines (a list's items, a recipe's
ingredients, a code block, a table of contents) is the story's own: each costs the run as a
menu's line does, so the run stops at such a stretch and the story's part past it is lost,
and a short story can lose to a longer box elsewhere on the page (a consent dialog's prose).
The headline, the title's line shown once on the page, says where the story starts:

- `text_story_end` carries the run's end over a stretch of plain short lines to the story
  prose that follows, while no boundary (a thread, a "Related" heading, a filing line or a
  label over a box, a date, another article's headline, a line shown twice) lies between;
- `text_headline_run` takes the run that starts right under the headline where the best
  run lies elsewhere and is not much larger, or where it is the same story with its opening
  cut off by such a stretch;
- `text_pitch_end` ends it at the publisher's pitch under it, in the publisher's voice
  ("Support our newsroom..."), with the box the pitch opens;
- `text_form_end` ends the story at a web form under it (a comment form's required fields,
  a newsletter sign-up's spam trap, a consent checkbox), which the run or the carry over
  short lines (a form's line is a boundary to it) would take in with an author's bio or
  another post's blurb below;
- `text_share_bar_end` ends it at a share bar's buttons under it ("Teilen", "Facebook");
- `text_closing_aside` takes the story's short last line that ends in a bracketed aside or
  an emoticon ("...(Albert Einstein)", "...gefällt mir 😉");
- `mark_pointer_lines`, `mark_credit_only_lines`, `mark_ad_slot_lines` and
  `mark_arrow_links` mark what sits among the story's paragraphs or over its first without
  being story: a "read also" pointer to another article ("Lesen Sie auch: ..."), a photo's
  credit alone on its line ("Jane Doe/Getty Images", "(crédito: ...)"), an ad slot's links
  ("Advertise | AdChoices"), a link to the previous or next page ("« Older post").

Each reads every line once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from pipeline.nlp.split_cues import IS_STOP_WORD
from pipeline.nlp.split_scoring import (
    ScoredBlock,
    call_to_action,
    headline_like,
    is_boilerplate_text,
    title_case,
)

# What a plain short line costs inside a stretch the run is carried over (a menu's line
# costs LINE_PENALTY and more: a list's items must not cost the story its end).
GAP_LINE_COST = 1.0
# A stretch that costs more than this (in words of prose) ends the story for good.
GAP_BUDGET = 15.0
# ...and the prose past it must be worth this much more than the stretch costs: a sentence,
# not a caption.
RESUME_MIN_VALUE = 16.0
# A line of this many words or fewer that ends in a colon is a box's label ("Tagged as:",
# "Share this:"), not a list's lead-in, which is a sentence.
LABEL_MAX_WORDS = 2
# The run under the headline wins over a run elsewhere when it is worth this much (a
# paragraph or two) and the other run is less than HEADLINE_RUN_FACTOR times its value...
HEADLINE_RUN_MIN = 20.0
HEADLINE_RUN_FACTOR = 2.0
# (a run elsewhere is this many lines away or more: past the page's footer, say)
HEADLINE_RUN_FAR = 20
# ...and over the same story's run when it costs the run at most this much (the story's
# opening, over a table of contents or a list, is worth more than their lines cost).
HEADLINE_RUN_ALLOW = 40.0


def _marked_boundary(item: ScoredBlock) -> bool:
    """A line no stretch or list runs past: a boundary's score, a box's mark (the story's end,
    related links, a sidebar, a date, a signature, junk), a pitch, boilerplate or a form's line."""
    return (
        item.value == -math.inf
        or item.story_end
        or item.related
        or item.sidebar
        or item.age
        or item.signature
        or item.junk
        or call_to_action(item)
        or is_boilerplate_text(item)
        or form_line(item)
    )


def _gap_cost(item: ScoredBlock) -> float:
    """What a line costs a stretch the run is carried over: its value when it is prose, a
    plain short line little, and a boundary minus infinity."""
    if item.value > 0:
        return item.value
    if _marked_boundary(item) or _box_label(item) or _other_headline(item):
        return -math.inf
    return -GAP_LINE_COST


def _box_label(item: ScoredBlock) -> bool:
    return item.words <= LABEL_MAX_WORDS and item.block.text.endswith(":")


def _other_headline(item: ScoredBlock) -> bool:
    """A short title-case line: another article's headline, to the carry."""
    return item.value <= 0 and headline_like(item) and title_case(item)


def _story_title_line(scored: Sequence[ScoredBlock], index: int) -> bool:
    """A title-case line the carry passes as the story's own, not another article's
    headline: one whose first word has no capital, as every headline's has (a list's item,
    "adds Volume And Shine"); or one right over a paragraph the carry resumes at
    (RESUME_MIN_VALUE), the story's sub-heading over its next part, where another
    article's headline has a date, a kicker or the next headline under it."""
    item = scored[index]
    if not _other_headline(item) or _marked_boundary(item) or _box_label(item):
        return False
    first = item.block.text.split()[0]
    return (first[:1].isalpha() and first == first.lower()) or (
        index + 1 < len(scored) and scored[index + 1].value >= RESUME_MIN_VALUE
    )


def text_story_end(
    scored: Sequence[ScoredBlock], end: int, thread: int, headline: str | None
) -> int:
    """Page text: the run's end (`end`) carried on over stretches of plain short lines to the
    story prose that follows each (worth RESUME_MIN_VALUE more than the stretch costs), while
    a stretch costs under GAP_BUDGET and holds no boundary: a line shown twice in it (the
    labels of a list of teasers) or the headline's (`headline`, lowercased) is one too; a
    title-case line is one unless it is the story's own (_story_title_line)."""
    total = 0.0  # what the stretch since the last end costs, with the prose after it
    seen: set[str] = set()  # the stretch's short lines
    index = end
    while index < thread:
        item = scored[index]
        cost = _gap_cost(item)
        if cost == -math.inf and _story_title_line(scored, index):
            cost = -GAP_LINE_COST
        if cost == -math.inf:
            break
        if item.value <= 0:
            if item.lower in seen or item.lower == headline:
                break
            seen.add(item.lower)
        total += cost
        if total < -GAP_BUDGET:
            break
        index += 1
        if total >= RESUME_MIN_VALUE and item.value > 0:
            end, total = index, 0.0
            seen.clear()
    return end


def _headline_run(
    scored: Sequence[ScoredBlock], headline: int, reach: int, hi: int
) -> tuple[int, int, float]:
    """The run of the largest value in (headline, hi) that starts at most `reach` lines
    under the headline and crosses no comment heading: a maximum-sum subarray with its
    start bounded, in one pass over prefix sums."""
    lo = headline + 1
    best, best_start, best_end = 0.0, lo, lo
    prefix = 0.0  # the sum of the values in [lo, index)
    low, low_at = 0.0, lo  # the least prefix sum at an allowed start so far, and where
    for index in range(lo, hi):
        if index <= headline + reach and prefix < low:
            low, low_at = prefix, index
        value = scored[index].value
        if value == -math.inf:
            break
        prefix += value
        if prefix - low > best:
            best, best_start, best_end = prefix - low, low_at, index + 1
    return best_start, best_end, best


def text_headline_run(
    scored: Sequence[ScoredBlock],
    headline: int,
    reach: int,
    thread: int,
    run: tuple[int, int, float],
) -> tuple[int, int, float] | None:
    """Page text: the story's run (start, end, value) under its headline where the best
    `run` does not start within `reach` lines under it; None to keep `run`. Only a headline
    the page shows once counts for a run elsewhere (shown more often, it is a link in a list
    of teasers), and not where it shows again right over `run` (the story told twice, for
    two layouts). A headline shown again only under `run` (in a list of recent posts under
    the story) still heads the same story's opening, cut off from `run` by a stretch of
    lines."""
    start, end, best = run
    if headline < start <= headline + reach:
        return None
    shown = scored[headline].tokens
    if any(item.tokens == shown for item in scored[max(0, start - reach) : start]):
        return None
    # (the page's title on the first line aside)
    copies = [i for i in range(1, len(scored)) if i != headline and scored[i].tokens == shown]
    if copies and copies[0] < end:
        return None
    low, high, value = _headline_run(scored, headline, reach, thread)
    if low < end and start < high:
        # the same story with the lines above it: its opening, cut off from the rest by a
        # stretch of short lines, when that costs the run little; from its first prose
        if not (low < start and high >= end and value >= best - HEADLINE_RUN_ALLOW):
            return None
        while low < start and not (scored[low].prose and scored[low].value > 0):
            low += 1
        return (low, high, value) if low < start else None
    if value < HEADLINE_RUN_MIN or best >= HEADLINE_RUN_FACTOR * value:
        return None
    if copies:
        return None
    # ...and only a run far from it: HEADLINE_RUN_FAR lines or more between, which cost more
    # than the story is worth (a lead over a box of links, with the story going on below the
    # box, is the story's opening: text_lead_above)
    between = range(high, start) if high <= start else range(end, low)
    if len(between) < HEADLINE_RUN_FAR or sum(scored[i].value for i in between) > -value:
        return None
    return low, high, value


# A byline is a name of this many words ("Jane Doe", "Mary Ann de Vries").
BYLINE_MIN_WORDS = 2
BYLINE_MAX_WORDS = 4
# The author box comes after the story: the kept words past the name shown again are at
# most this share of those above it.
BYLINE_AGAIN_SHARE = 0.5


def _name_like(item: ScoredBlock) -> bool:
    """A line that may be a person's name: BYLINE_MIN_WORDS to BYLINE_MAX_WORDS words, each
    capitalised, none a function word ("Jane Doe", not a subhead: "Wrapping It Up")."""
    words = item.block.text.split()
    return (
        BYLINE_MIN_WORDS <= len(words) == item.words <= BYLINE_MAX_WORDS
        and all(word[:1].isupper() for word in words)
        and not any(map(IS_STOP_WORD, item.tokens))
    )


def text_byline_again(kept: Sequence[ScoredBlock], above: Sequence[ScoredBlock]) -> int:
    """Page text: where the story's kept lines reach the byline shown again, a short line
    (a name) that the page shows above the story's first prose too (`above`: the lines
    between the headline and the story, and the story's own lines up to its first prose):
    the author's box under the story (their name over a bio), with everything after it, when
    it holds at most BYLINE_AGAIN_SHARE of the words above it; len(kept) when there is none."""
    names: set[str] = set()
    for item in above:
        if item.prose:
            break
        if _name_like(item):
            names.add(item.lower)
    if not names:
        return len(kept)
    return closing_line(
        kept,
        BYLINE_AGAIN_SHARE,
        lambda index, item: (
            item.lower in names
            # (over a bio, or the story's last line: a menu's item is over other items)
            and (index + 1 == len(kept) or kept[index + 1].prose)
        ),
    )


def closing_line(
    kept: Sequence[ScoredBlock], share: float, closes: Callable[[int, ScoredBlock], bool]
) -> int:
    """The first of the kept lines past the story's first prose line that `closes` it (given
    its index and itself), with at most `share` of the kept words above it from there on;
    len(kept) when none does. One pass: the words above are summed on the way."""
    total = sum(item.words for item in kept)
    seen = 0  # the kept words above the line
    prose = False  # a prose line is among them
    for index, item in enumerate(kept):
        if prose and total - seen <= share * seen and closes(index, item):
            return index
        prose = prose or item.prose
        seen += item.words
    return len(kept)


# A bare label over the post's tags, alone on its line ("Tags", "Schlagworte", "Temas"):
# the tags under it, and what follows them, close the story. (With the tags on the same
# line, "Tags: a, b", it is a filing line: STORY_END.)
TAG_LABEL = re.compile(
    r"^(?:tags?|schlagw(?:ö|o)rte?r?|stichw(?:ö|o)rte?r?|topics|keywords|temas"
    r"|etiquetas|tagi|étiquettes?|mots[- ]clés"
    # (a bare filing label: "Tagged as:", "Filed under", "Kategorien")
    r"|tagged (?:as|with|in)|filed under|categor(?:y|ies)|kategorien?)\s?:?$",
    re.IGNORECASE,
)
# ...when the words from it on are at most this share of the story's words above it.
TAG_LABEL_SHARE = 0.5


def text_tag_label(kept: Sequence[ScoredBlock]) -> int:
    """Page text: where the story's kept lines reach a bare tag label (TAG_LABEL) past its
    prose, with at most TAG_LABEL_SHARE of the words above it from there on; len(kept) when
    none does."""
    total = sum(item.words for item in kept)
    seen = 0
    for index, item in enumerate(kept):
        if (
            seen
            and item.words <= 2
            and total - seen <= TAG_LABEL_SHARE * seen
            and TAG_LABEL.match(item.block.text) is not None
        ):
            return index
        seen += item.words
    return len(kept)


# A web form's own lines (a comment form's or a newsletter sign-up's), in the languages the
# pipeline sees most: a field marked as required ("Name *", "E-Mail (required)", "Imię
# (wymagane)"), the spam trap shown to text browsers ("Leave this field empty if you're
# human:"), a consent checkbox's label ("I agree to the privacy policy...") and the link that
# cancels a reply ("Click here to cancel reply."). No story is told inside a form. (Anchored
# or plain alternatives, every repeat bounded.)
FORM_LINE = re.compile(
    r"^[\w'’.-]{1,30}(?: [\w'’.-]{1,30}){0,2}\s?\((?:required|erforderlich|pflichtfeld"
    r"|wymagane|obligatoire|obligatorio|obbligatorio|verplicht)\)$"
    # (a star marks a footnote too: only after a field's name, "Name *", "Your Email*")
    r"|^(?:your |dein |deine |ihr |ihre |votre |tu )?"
    r"(?:name|e-?mail(?:[- ]?(?:adresse|address))?|website|webseite"
    r"|comment|kommentar|komentarz|commentaire|nachricht|message|imię|nombre"
    r"|correo(?: electrónico)?|password|passwort)\s?\*$"
    r"|leave this field empty|(?:lasse?|lassen sie) (?:das|dieses) feld leer"
    r"|^(?:ich akzeptiere|ich stimme|i agree|i accept|i consent|j['’]accepte|acepto|akceptuję)"
    r" (?:die|der|den|the|to|la|las|los|le|les|regulamin|politykę)\b"
    r"|cancel reply|antworten abbrechen|antworten abzubrechen|anulować odpowiadanie"
    r"|annuler la réponse|cancelar (?:la )?respuesta",
    re.IGNORECASE,
)
# A form's line is at most this many words (a consent checkbox's label is a long sentence).
FORM_LINE_MAX_WORDS = 60


def form_line(item: ScoredBlock) -> bool:
    """Whether a line is a web form's own (FORM_LINE)."""
    return item.words <= FORM_LINE_MAX_WORDS and FORM_LINE.search(item.block.text) is not None


# The form closes the story when the kept words from it on are at most this share of the
# story's words above it (a form beside the story's opening is a sidebar's).
FORM_SHARE = 0.5


def text_form_end(kept: Sequence[ScoredBlock]) -> int:
    """Page text: where the story's kept lines reach a web form's line (form_line) past its
    prose, with at most FORM_SHARE of the words above it from there on; len(kept) when none
    does."""
    return closing_line(kept, FORM_SHARE, lambda _, item: form_line(item))


# Quotation marks that open a quote.
QUOTE_OPENERS = ('"', "“", "„", "«", "»", "‘", "'", "‚")
# A pitch under the story closes it when the kept words from it on are at most this share of
# the story's words above it.
PITCH_SHARE = 0.5
# The publisher speaks in a pitch: of itself in the first person plural ("Support our
# work", "Gefällt dir unser Magazin?", "Síguenos en nuestro canal") or to the reader in the
# imperative ("Sign up for...", "Unterstütze..."); a story line that mentions a sign-up or a
# donation tells of someone else's ("...helped customers sign up 5 million users").
PUBLISHER_WORDS = frozenset(
    (
        *("we", "us", "our", "ours", "wir", "uns", "unser", "unsere", "unseren", "unserem"),
        *("unserer", "unseres", "nous", "notre", "nos", "nuestro", "nuestra", "nuestros"),
        *("nuestras", "nosotros", "nasz", "nasza", "nasze", "naszego", "naszej", "nossa"),
        *("nosso", "nostro", "nostra"),
    )
)
PITCH_OPENERS = frozenset(
    (
        *("subscribe", "sign", "support", "donate", "join", "become", "abonniere", "abonnieren"),
        *("unterstütze", "unterstützen", "spende", "spenden", "suscríbete", "suscríbase"),
        *("abonnez", "soutenez", "inscrivez", "wesprzyj", "subskrybuj", "zapisz", "assine"),
    )
)


def text_pitch_end(kept: Sequence[ScoredBlock]) -> int:
    """Page text: where the story's kept lines reach the publisher's pitch (call_to_action:
    subscribe, the print edition, support us, our channel) past its prose, with at most
    PITCH_SHARE of the words above it from there on; len(kept) when none does."""
    return closing_line(kept, PITCH_SHARE, lambda _, item: _publishers_pitch(item))


def _publishers_pitch(item: ScoredBlock) -> bool:
    """A call to action in the publisher's voice (PITCH_OPENERS, PUBLISHER_WORDS), not a quote
    (someone else's)."""
    return (
        call_to_action(item)
        and bool(item.tokens)
        and (item.tokens[0] in PITCH_OPENERS or not PUBLISHER_WORDS.isdisjoint(item.tokens))
        and not item.block.text.startswith(QUOTE_OPENERS)
    )


# A "read also" pointer set among the story's paragraphs on a line of its own: a cue ("Lesen
# Sie auch", "ALSO READ", "Lee también", "Czytaj też") and another article's headline after
# a colon, a dash or an ellipsis ("Lesen Sie hier: Streit im Stadtrat"), or a headline set
# between ">>" and "<<". (Anchored, every repeat bounded.)
POINTER_LINE = re.compile(
    r"^(?:[>»▶►•*]{1,3}\s{0,3})?"
    r"(?:also read|read (?:also|more|next)|see also|related"
    r"|lesen sie (?:auch|hier|mehr|weiter)|mehr lesen|mehr dazu|mehr zum thema|siehe auch"
    r"|auch interessant|weiterlesen|lee (?:también|más)|lea (?:también|además|más)"
    r"|vea también|ver también|te puede interesar|leia (?:também|mais)|veja também"
    r"|saiba mais|(?:à )?lire aussi|voir aussi|leggi anche"
    r"|czytaj (?:też|także|również)|zobacz (?:też|także|również))"
    r"\s{0,3}(?::|\.{3}|…|[-–—]\s)\s{0,3}\S"
    r"|^>>\s{0,3}[^<>]{1,300}<<$",
    re.IGNORECASE,
)
# A sentence's end inside the line: a pointer holds one headline, not a paragraph.
SENTENCE_INSIDE = re.compile(r"[.!?]\s{1,3}[A-ZÄÖÜÀ-Ý]")
# A pointer's headline is at most this many words (the cue's included).
POINTER_MAX_WORDS = 24


def mark_pointer_lines(scored: Sequence[ScoredBlock]) -> None:
    """Page text: a "read also" pointer (POINTER_LINE: a cue and another article's headline
    on one line, no sentence of the story's) is never a story line. Its cost, and so the run,
    stay: the story goes on under it."""
    for item in scored:
        if not 0 < item.words <= POINTER_MAX_WORDS:
            continue
        text = item.block.text
        cue = POINTER_LINE.match(text)
        # (the headline's, past the cue's colon or ellipsis)
        if cue is not None and SENTENCE_INSIDE.search(text, cue.end()) is None:
            item.junk = True


# A photo's credit on a line of its own, a photographer's name joined to an agency's or a
# stock library's ("Jane Doe/Getty Images", "picture alliance | Jane Doe", "Jane Doe / AFP",
# "iStock/jdoe"), or the agency alone ("(Getty Images)"): one of the line's parts (split at
# "/" and "|") is, or ends in, such a name. (Every repeat bounded; a part is searched once.)
AGENCY_PART = re.compile(
    r"(?:^|\s)(?:getty ?images|afp|dpa|reuters|ap(?: photo)?|picture[ -]alliance|imago(?: images)?"
    r"|istock(?:photo)?|shutterstock|epa(?:-efe)?|efe|keystone|xinhua|anadolu agency|pixabay"
    r"|unsplash|pexels|alamy|adobe ?stock|ullstein ?bild|ddp(?: images)?)\W{0,3}$",
    re.IGNORECASE,
)
# ...or a credit's label and its few words ("(crédito: Jane Doe/Example Press)", "Bildrechte:
# IMAGO", "Mandatory Credit: Jane Doe"): labels that CREDIT_LINE leaves out.
CREDIT_LABEL_LINE = re.compile(
    r"^\(?(?:cr[ée]ditos?|cr[ée]dit photo|mandatory credit|copyright|bildrechte|bildquelle"
    r"|fotocredits?|foto credits?|fotograf[íi]a|imagem|imagen)\s{0,3}:\s{0,3}[^:!?]{1,80}$",
    re.IGNORECASE,
)
# A credit is a few words: a name, an agency.
CREDIT_MAX_WORDS = 12
CREDIT_PART_MAX_WORDS = 6
PART_SPLIT = re.compile(r"[/|]")
# ...over more of the story: a paragraph (this many words or more: not a teaser's headline)
# within this many lines under it, past a date or a subhead.
CREDIT_STORY_REACH = 3
CREDIT_STORY_MIN_WORDS = 20


def credit_only(item: ScoredBlock) -> bool:
    """Whether a line is a photo's credit alone (AGENCY_PART, CREDIT_LABEL_LINE): at most
    CREDIT_MAX_WORDS words, no sentence ending it, each part a name's few words."""
    text = item.block.text.strip()
    if not 0 < item.words <= CREDIT_MAX_WORDS or text.endswith((".", "!", "?", ":")):
        return False
    if CREDIT_LABEL_LINE.match(text) is not None:
        return True
    parts = [part.strip(" ()") for part in PART_SPLIT.split(text)]
    if len(parts) == 1 and not (text.startswith("(") or item.words <= 2):
        return False  # (a lone agency's name is a credit only alone or in brackets)
    return all(len(part.split()) <= CREDIT_PART_MAX_WORDS for part in parts) and any(
        AGENCY_PART.search(part) is not None for part in parts
    )


def mark_credit_only_lines(scored: Sequence[ScoredBlock]) -> None:
    """Page text: a photo's credit alone on its line (credit_only), among the story's
    paragraphs or over its first (a paragraph within CREDIT_STORY_REACH lines under it), is
    never a story line. Its cost, and so the run, stay. (A credit under the story's last line,
    some sources count as the story's.)"""
    for index, item in enumerate(scored):
        if credit_only(item) and any(
            other.prose and other.words >= CREDIT_STORY_MIN_WORDS
            for other in scored[index + 1 : index + 1 + CREDIT_STORY_REACH]
        ):
            item.junk = True


# A share bar's buttons, one a line: a share verb or a network's name, alone or with a count
# ("Teilen", "twittern", "Facebook", "teilen 50", "E-Mail", "Drucken", "Compartir").
SHARE_BUTTON_WORDS = frozenset(
    (
        *("share", "teilen", "tweet", "tweeten", "twittern", "compartir", "partager"),
        *("condividi", "udostępnij", "compartilhar", "compartilhe", "delen", "print"),
        *("drucken", "imprimir", "imprimer", "email", "e", "mail", "facebook", "twitter"),
        *("linkedin", "xing", "pinterest", "whatsapp", "telegram", "reddit", "tumblr"),
        *("flipboard", "pocket", "messenger", "google", "like", "pin", "it"),
    )
)
# A button is a word or two (a count besides): "Pin it", "Google+", "teilen 50".
SHARE_BUTTON_MAX_WORDS = 3
# The bar closes the story when the kept words from it on are at most this share of the
# story's words above it (a bar over the story's opening is the page's header).
SHARE_BAR_SHARE = 0.5


def share_button(item: ScoredBlock) -> bool:
    """Whether a line is a share bar's button (SHARE_BUTTON_WORDS, a count besides)."""
    return (
        0 < len(item.tokens) <= SHARE_BUTTON_MAX_WORDS
        and item.words <= SHARE_BUTTON_MAX_WORDS
        and not item.prose
        and any(token in SHARE_BUTTON_WORDS and token not in ("e", "it") for token in item.tokens)
        and all(token in SHARE_BUTTON_WORDS or token.isdigit() for token in item.tokens)
    )


def text_share_bar_end(kept: Sequence[ScoredBlock]) -> int:
    """Page text: where the story's kept lines reach a share bar (two share_button lines in a
    row: "Teilen", "Facebook") past its prose, with at most SHARE_BAR_SHARE of the words above
    it from there on; len(kept) when none does. One button alone may be a word of the story's
    (a list's "Facebook")."""
    return closing_line(
        kept,
        SHARE_BAR_SHARE,
        lambda index, item: (
            share_button(item) and index + 1 < len(kept) and share_button(kept[index + 1])
        ),
    )


# An ad slot's own links on a line of their own: the ad network's choices link or the
# publisher's "advertise" link ("Advertise | AdChoices", "AdChoices", "Advertise with us",
# "Anzeige schalten"). No story is told in them. (A reader's "Remove this ad" link, some
# sources count as the story's: it sits inside its element.) (Anchored, repeats bounded.)
AD_SLOT_LINE = re.compile(
    r"^(?:advertise\s{0,3}\|\s{0,3})?ad\s?choices$|^advertise with us$|^anzeige schalten$",
    re.IGNORECASE,
)
# Such a line is at most this many words.
AD_SLOT_MAX_WORDS = 4


def mark_ad_slot_lines(scored: Sequence[ScoredBlock]) -> None:
    """Page text: an ad slot's own links (AD_SLOT_LINE) are never a story line, among the
    story's paragraphs or under its last one."""
    for item in scored:
        if 0 < item.words <= AD_SLOT_MAX_WORDS and AD_SLOT_LINE.match(item.block.text.strip()):
            item.junk = True


# The story's last words may be a short sentence that ends in a bracketed aside or an
# emoticon, where text_closing_line asks for a full stop: a quote and its source ("You
# can't... (Albert Einstein)"), a blogger's sign-off ("...und das gefällt mir 😉").
# (Anchored at the line's end, every repeat bounded.)
ASIDE_END = re.compile(
    r"(?:\([^()]{1,80}\)|[\U0001F300-\U0001FAFF\u2600-\u27BF]|[:;]-?[)D])\s{0,3}$"
)
# Such a line is a sentence's few words (from this many: "Comments (0)" is a link).
ASIDE_MIN_WORDS = 5
ASIDE_MAX_WORDS = 30


def text_closing_aside(item: ScoredBlock) -> bool:
    """Page text: a short sentence that may close the story right under its last paragraph
    and ends in a bracketed aside or an emoticon (ASIDE_END): capitalised, with a function
    word (not a headline), no label's colon ("Tags: ...", "Video: ..."), no share button's
    or network's name ("Klick, um auf Facebook zu teilen (...)"), and no date, byline, pitch
    or boilerplate line."""
    text = item.block.text
    return (
        ASIDE_MIN_WORDS <= item.words <= ASIDE_MAX_WORDS
        and text[:1].isupper()
        and ":" not in text.replace(":)", "").replace(":-)", "").replace(":D", "")
        and ASIDE_END.search(text) is not None
        and item.value > -math.inf
        and not (item.sidebar or item.age or item.junk or item.related or item.story_end)
        and not (item.about or item.signature or item.pitch)
        and any(map(IS_STOP_WORD, item.tokens))
        and SHARE_BUTTON_WORDS.isdisjoint(item.tokens)
        and not is_boilerplate_text(item)
        and not call_to_action(item)
        and not title_case(item)
    )


# A link to another page set off by an arrow on a line of its own: the previous post's
# ("« Older title", "← Older title", "<< Previous Post") or the next page's ("Next Page »",
# "View the Full Gallery »"). The arrow stands apart from the words (a quote in guillemets,
# "«Wir sind...»", hugs them). (Anchored, every repeat bounded.)
ARROW_LINK = re.compile(
    r"^(?:«|‹|<<|←) [^«»‹›]{3,150}$|^[^«»‹›]{3,150} (?:»|›|>>|→)$",
)
# Such a line is a headline's or a button's few words.
ARROW_LINK_MAX_WORDS = 20


def mark_arrow_links(scored: Sequence[ScoredBlock]) -> None:
    """Page text: a link to the previous or the next page or post (ARROW_LINK) is never a
    story line."""
    for item in scored:
        if 0 < item.words <= ARROW_LINK_MAX_WORDS and ARROW_LINK.match(item.block.text):
            item.junk = True


# A list's label: a recipe's ingredients or a table of contents over the story's run, which
# the run leaves out, each item costing it as a menu's line does ("Zutaten:", "Ingredients",
# "Die Zutaten (4 Personen)", "Inhaltsverzeichnis"); no sentence. A bare "Inhalt" is left
# out: German pages show it over a story's page navigation and as a skip link too.
LIST_LABEL = re.compile(
    r"(?:die |the |les |los |le |la )?(?:zutaten|ingr[eé]di[eë]nt(?:s|en)?|ingredientes|ingredienti"
    r"|składniki|inhaltsverzeichnis|contents|table of contents|sommaire|[íi]ndice"
    r"|inhoudsopgave|spis treści|you will need|what you need)\b[^.!?]{0,30}$",
    re.IGNORECASE,
)
LIST_LABEL_MAX_WORDS = 6
# ...or a review's verdict in lists: the label of its pros or its cons alone on its line
# ("Pros", "Nachteile:"), the items under it, over the review's body.
REVIEW_LIST_LABEL = re.compile(
    r"(?:pros|cons|vorteile|nachteile|contra|ventajas|desventajas|pr[oó]s|contras"
    r"|avantages|inconv[ée]nients|voordelen|nadelen|zalety|wady)\s?:?$",
    re.IGNORECASE,
)
# The label sits this many lines over the run at most (a long list of ingredients, each
# amount and each name on a line of its own)...
LIST_ABOVE_REACH = 60
# ...with only short lines between: the list's items and its sub-labels ("Für den Teig:"),
# a title-case one ("1 TL Zimt") no other article's headline.
LIST_ITEM_MAX_WORDS = 8


def text_list_above(scored: Sequence[ScoredBlock], start: int, low: int) -> int:
    """Page text: the run's start moved up to a list's label (LIST_LABEL) over it, within
    LIST_ABOVE_REACH lines and not above `low` (the headline's line), when only the list's
    short items lie between: the ingredients over a recipe's steps, a table of contents
    over the story. Returns `start` where there is none."""
    found = start
    index = start - 1
    while index >= max(low, start - LIST_ABOVE_REACH):
        item = scored[index]
        if (
            item.words <= LIST_LABEL_MAX_WORDS and LIST_LABEL.match(item.block.text)
        ) or REVIEW_LIST_LABEL.match(item.block.text):
            found = index
        if not _list_line(item):
            break
        index -= 1
    return found


def _list_line(item: ScoredBlock) -> bool:
    """A line that may be a list's: a plain short line, a short label or a short item in
    title case, no boundary (a date, a box's mark, a form's line, a pitch)."""
    if _gap_cost(item) > -math.inf:
        return True
    return item.words <= LIST_ITEM_MAX_WORDS and not _marked_boundary(item)
