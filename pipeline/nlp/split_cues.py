"""The split's cues: its tuning constants, word lists and patterns, as data.

Nothing here runs: the scoring (`split_scoring.py`), the box passes (`split_boxes.py`), the run
trimming (`split_runs.py`), the sidebar claims (`split_sidebar.py`), the headline and title
(`split_titles.py`) and the driver (`split.py`) read these names. Every pattern is linear-time
by construction; the rules that use one are described in `split.py`'s docstring.
"""

from __future__ import annotations

import re

from pipeline.nlp.blocks import BOILERPLATE, Hint

# --------------------------------------------------------------------------------------------
# Tuning constants

# A line of this many words or more reads as prose even without final punctuation.
LONG_BLOCK_WORDS = 30
# A punctuated block needs this many words to count as prose (a paragraph, not a label).
PROSE_MIN_WORDS = 8
# ...or this many when the markup says it is a paragraph (<p>).
PROSE_MIN_WORDS_IN_P = 6
# What any non-prose line costs, on top of half its words: enough that a run of navigation
# lines separates two text regions, small enough that one subhead inside a story does not.
LINE_PENALTY = 4.0
# A headline followed by its age: the story does not cross these. (A comment-section heading
# is worth minus infinity: nothing crosses it.)
BARRIER_PENALTY = 60.0
# Blocks whose text is mostly links are lists of links, not prose.
MAX_PROSE_LINK_DENSITY = 0.5
# Prose inside markup flagged as navigation/sidebar/comments keeps this share of its value.
BOILERPLATE_REGION_FACTOR = 0.2
# Page text: table rows and bulleted lines are read like lines inside article markup.
PAGE_TEXT_ITEMS = Hint.TABLE_ROW | Hint.LIST_ITEM
# What a link-free, non-prose line inside article markup costs.
ARTICLE_LINE_PENALTY = 1.0
# Prose inside <article>/articleBody-like markup is worth this much more.
ARTICLE_REGION_BONUS = 1.3
# A sentence-like block has at least this share of function words (checks it is prose).
MIN_STOP_RATIO = 0.12
# Headlines: between these many words, and never ending like a sentence.
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS = 2, 30
MAX_AGE_WORDS = 8  # longer blocks are never an age ("3 November 2022, 10:45")
SIDEBAR_MIN_WORDS = 4  # shorter link texts are menu items ("World", "Contact us")
TITLE_MAX_WORDS = 30
# An h1 is the headline when it has at least this share of the <title>'s headline words.
TITLE_MIN_COVER = 0.5
# Share of words a line above the story must share with the page's title to be its headline.
TITLE_ABOVE_OVERLAP = 0.5
# Blocks nested deeper inside the story's element that still belong to it.
NESTED_STORY_HINTS = Hint.LIST_ITEM | Hint.HEADING | Hint.PARAGRAPH
# Share of a run's prose one element must hold to be taken as the story's container.
MAIN_CONTAINER_SHARE = 0.6
# The first prose block within this many blocks below the repeated headline...
HEADLINE_ANCHOR_REACH = 6
# ...gets this much more value (in words): enough to beat a blurb, not a whole story.
HEADLINE_ANCHOR_BONUS = 30.0
# At most this many plain lines of the article's markup between the headline and the run
# (a recipe's ingredients, a fact box) are taken in as the story's opening.
HEADLINE_GAP_MAX_LINES = 3 * HEADLINE_ANCHOR_REACH
# Markup such a line is never in: boxes beside the story, bylines, captions, bios, forms.
NOT_GAP_LINE = BOILERPLATE | Hint.META | Hint.CAPTION | Hint.BIO | Hint.FORM
# A best run worth less than this (in words) is too weak to beat the lines under the headline.
TINY_STORY_VALUE = 40.0
# Regions a story run neither starts nor ends in: a blurb or a comment beside the story.
NOT_STORY_EDGE = Hint.SIDEBAR | Hint.COMMENTS
# Markup a whole run lies in when it is a box under or beside the story, not the story: a
# comment, an author's bio (a sidebar's class may name a layout's column that holds a story).
NOT_STORY_RUN = Hint.COMMENTS | Hint.BIO
# A line in byline/date markup of at most this many words, under a headline, is passed over
# to find the standfirst below it.
DATELINE_MAX_WORDS = 12
# Markup a lead paragraph above the story is never in: boxes beside the story, captions, bios.
NOT_LEAD = BOILERPLATE | Hint.FORM | Hint.META | Hint.CAPTION | Hint.BIO
# Below this share of the run's prose in "meta" markup (captions, bylines, author boxes),
# such blocks at the run's ends are trimmed like sidebar boxes.
META_EDGE_SHARE = 0.5
# Captions, author boxes, and sign-up, promo, form and footer boxes inside the article hold
# prose that is not the story's: inside the run they are dropped, unless this share of the
# run's prose sits in such markup (a gallery, an "about" page, a story whose element's class
# happens to say "share") or the run holds this many of them (a photo blog tells its story in
# its captions). (Navigation is not among them: an article's <header> holds its standfirst.)
# Consent placeholders of embeds ("Click to load the content of ...") are among them.
ASIDE_HINTS = (Hint.CAPTION, Hint.BIO, Hint.SOCIAL, Hint.AD, Hint.FORM, Hint.FOOTER, Hint.DIALOG)
ASIDE_ANY = sum(ASIDE_HINTS)  # distinct bits: their sum is their union
ASIDE_STORY_SHARE = 0.5
ASIDE_MAX_BLOCKS = 6
# ...but captions, however many, that hold under this share of the run's prose are the
# photos' of a story told around them, not a photo blog's story.
CAPTION_MINOR_SHARE = 0.25
# Prose words of a story beside a box of captions for that box to be a gallery beside the
# story, however many words its captions hold.
GALLERY_STORY_MIN_WORDS = 40
# Captions in a row that make a gallery of their own.
GALLERY_MIN_CAPTIONS = 3
# HTML: an element of its own among the story's blocks that opens with a heading or a pitch
# and holds a call to action ("While you are here...", "Become a member") is the publisher's
# box, not the story's, while it holds under this share of the story's words.
PITCH_BOX_SHARE = 0.25
# HTML: a button (a line that is a link and no more than this many words: "Apply now",
# "Donate", "mehr erfahren") that closes a box holding the line above it and at most
# BUTTON_BOX_MAX_LINES lines of the story is the publisher's offer's (split_runs.py).
BUTTON_MAX_WORDS = 3
BUTTON_LINK_DENSITY = 0.9
BUTTON_BOX_MAX_LINES = 2
NOT_BUTTON = BOILERPLATE | Hint.HEADING | Hint.LIST_ITEM | Hint.META | Hint.CAPTION
# HTML: a line of at most this many words, alone with an image in its element, is the
# image's caption, whatever its class (split_runs.py)...
IMAGE_CAPTION_MAX_WORDS = 40
# ...and so are the lines of such an element that holds up to this many, all captions' size.
IMAGE_BOX_MAX_LINES = 3
# HTML: a line of at most DOWNLOAD_MAX_WORDS words that gives a file's type and size ("PDF |
# 38 KB", "(DOCX, 1,2 MB)") is a download's link, not a story line. (Bounded gap: linear.)
DOWNLOAD = re.compile(
    r"(?:pdf|docx?|xlsx?|pptx?|odt|ods|zip|epub|mp3)\W{1,4}\d+(?:[.,]\d+)?\s?(?:[kmg]i?b|bytes?)\b",
    re.IGNORECASE,
)
DOWNLOAD_MAX_WORDS = 25
# Every match of DOWNLOAD holds one of these (lowercased): the cheap test first.
DOWNLOAD_CUES = ("kb", "mb", "gb", "kib", "mib", "gib", "byte")
# ...unless it is a paragraph, a heading or an item of a list or a table.
NOT_IMAGE_CAPTION = Hint.PARAGRAPH | Hint.HEADING | Hint.LIST_ITEM | Hint.TABLE_ROW
# HTML: the story's last blocks, when they sit outside its main element and open with a
# heading or a call to action, are a box after the story while they hold under this share of
# the words before them.
AFTER_BOX_SHARE = 0.25
# HTML: a teaser is a small element that holds a link line (another article's headline, a
# "read more") and text of its own; TEASER_MIN_ITEMS of them side by side under one parent
# are a list of other articles, and the story's first or last blocks that sit in them are
# not the story's while they hold under TEASER_SHARE of its words. Elements are looked for
# among each block's TEASER_DEPTH innermost ancestors, each of at most TEASER_MAX_WORDS words
# and TEASER_MAX_LINES lines besides its links (a title, a date, a blurb: not a list).
TEASER_MIN_ITEMS = 2
TEASER_SHARE = 0.5
TEASER_DEPTH = 5
TEASER_MAX_WORDS = 80
TEASER_MAX_LINES = 4
# ...and the blocks this far past the story's either end are read too, to see them whole.
TEASER_REACH = 6
# A post's linked title may sit this many blocks over its first paragraph the story kept.
POST_HEADING_REACH = 6
# ...a title of a few words: a forum's posts open with the member's rank ('Forenprofi').
POST_TITLE_MIN_WORDS = 3
# ...and the posts hold this share of the story's prose words or more.
POST_PROSE_SHARE = 0.8
# HTML: a list of at least this many items, each wholly a link (BUTTON_LINK_DENSITY) to
# another page, of this many words on average (a headline's, not a name's), is a list of
# other articles even where a story line announces it ("More stories:") (split_runs.py).
HEADLINE_LIST_MIN_ITEMS = 3
HEADLINE_LIST_MIN_WORDS = 4
# HTML: at most this many lines in byline, date or tag markup that close the story, past its
# last prose outside such markup, are the post's footer, not the story (split_runs.py).
META_TAIL_MAX_LINES = 3
# HTML: a short line that says an embedded medium needs a script or a plugin the reader's
# browser lacks ("Media requires JavaScript and Adobe Flash to play", "Please enable
# JavaScript to view..."): the page's notice, not the story's (split_runs.py). A technology
# word and a need word in at most NOTICE_MAX_WORDS words; the short lines of the box that
# holds it go with it ("If these are disabled, please enable them to view the media").
NOTICE_MAX_WORDS = 30
NOTICE_BOX_MAX_LINES = 4
NOTICE_TECH = re.compile(
    r"\b(?:javascript|adobe flash|flash player|flash plug-?in|plug-?ins?)\b", re.IGNORECASE
)
NOTICE_NEED = re.compile(
    r"\b(?:require[sd]?|needs?|enabled?|disabled|turn(?:ed)? on|install(?:ed)?|upgrade"
    r"|support(?:s|ed)?)\b",
    re.IGNORECASE,
)
# HTML: a short line that asks the reader to follow the site or a writer on a social network
# ("Follow @example on Twitter", "Follow us on Facebook", "Like us on Facebook") is the
# publisher's, not the story's (split_runs.py): an opening verb, then a network or a handle.
FOLLOW_MAX_WORDS = 20
FOLLOW_OPENER = re.compile(r"(?:follow|(?:like|find|join|connect with) us)\b", re.IGNORECASE)
FOLLOW_WHERE = re.compile(
    r"(?:^|\s)@\w|\b(?:twitter|facebook|instagram|tiktok|linkedin|pinterest|youtube"
    r"|threads|bluesky|mastodon)\b",
    re.IGNORECASE,
)
# HTML: a line at the story's edge that is the post's date with a field or two beside it,
# set apart by bars or dots ("24. März 2004, 19:49 | Jane", "2021-10-16 | News"): its
# metadata line, not its text (split_runs.bare_dates). Each field that is not the date is
# a few words and no sentence.
DATED_LINE_MAX_CHARS = 100
DATED_LINE_MAX_FIELDS = 4
DATED_FIELD_MAX_WORDS = 4
DATED_FIELD_SEPARATOR = re.compile(r"\s+(?:[|·•]|//)\s+")
# HTML: notes under a story's last paragraph that are about it, not of it
# (split_runs.tail_notes): how to cite it ("Suggested citation: Doe, Jane: ...",
# "Zitiervorschlag: ..."), a bare contact label ("Kontakt:", "Media contact") over
# contact lines only (names, e-mail addresses, phone numbers).
CITATION_OPENER = re.compile(
    r"\W{0,3}(?:suggested citation|cite (?:this|the) (?:article|page|post|paper|story|entry)"
    r"|how to cite|cite as\b|citation\W{0,3}$|zitiervorschlag|zitierhinweis|zitiervorlage"
    r"|zitierweise|bitte zitieren)",
    re.IGNORECASE,
)
CITATION_MAX_WORDS = 80
# ...and a line that speaks of the post itself to its reader, as a page among the site's: its
# filing line ("This entry was posted on May 2, 2012 at 9:30 am."), its thread's feed ("You can
# follow any responses to this entry through the RSS 2.0 feed"), an ask that opens on the
# reader's liking it ("If you found this article helpful, check out..."). (A blog's "Thank you
# for reading" is its author's sign-off, kept as the story's. Anchored, every repeat bounded.)
POST_NOTE = re.compile(
    r"\W{0,3}(?:if you (?:enjoyed|liked|loved|found|enjoy|like)(?: reading)? (?:this|the|our)"
    r" (?:article|post|story|piece|entry|blog post|tutorial)\b"
    r"|you can (?:follow|leave) (?:any )?(?:a )?(?:responses?|comments?)\b"
    r"|(?:both )?comments and (?:pings|trackbacks) are\b|responses are currently closed\b"
    r"|this (?:entry|post|article|story) was (?:originally )?(?:posted|published|written)\b"
    r"|si (?:vous avez aimé|tu as aimé) cet article\b|si te (?:gustó|ha gustado) (?:este|el)"
    r" (?:artículo|post)\b|(?:hat|wenn) (?:dir|ihnen) (?:dieser|der|unser) (?:artikel|beitrag)"
    r" gefallen\b)",
    re.IGNORECASE,
)
POST_NOTE_MAX_WORDS = 40
# ...and a line under it that is a web address and nothing else ("EXAMPLE.COM",
# "http://www.example.com"): the source's or the site's credit, not a sentence of the story.
BARE_ADDRESS = re.compile(
    r"(?:https?://)?(?:www\.)?[\w-]{1,60}(?:\.[\w-]{1,60}){0,4}\.[^\W\d_]{2,12}/?", re.IGNORECASE
)
CONTACT_LABEL = re.compile(
    r"\W{0,3}(?:(?:press|media|medien|presse|your|ihr|ihre)\s)?(?:contacts?|kontakte?"
    r"|ansprechpartner(?:in|innen)?|ansprechperson(?:en)?|pressekontakte?|medienkontakte?"
    r"|enquiries|inquiries|presseanfragen|medienanfragen)(?:\s(?:information|details|person))?"
    r"\W{0,3}",
    re.IGNORECASE,
)
CONTACT_LABEL_MAX_WORDS = 4
CONTACT_LINE_MAX_WORDS = 30
CONTACT_DETAIL = re.compile(
    r"[\w.+-]@[\w-]|\b(?:e-?mail|tel|telefon|phone|fax|mobil|mobile)\b|\+?\d[\d /().-]{6,20}\d",
    re.IGNORECASE,
)
# The work budget is checked every this many blocks: a check reads the thread's CPU clock.
BUDGET_CHECK_BLOCKS = 256
# Story length (words) at which length stops limiting the confidence.
CONFIDENT_STORY_WORDS = 150

WORD = re.compile(r"\w+")
# Characters that open a bulleted line of text.
BULLETS = ("•", "·", "▪", "◦", "- ", "* ", "– ")
# Page text: an item of a list of people or things in two parts, a name and a role or a
# label and a value ("Jane Doe, Director of Research", "Konsole: Nintendo Switch"): title
# case as a headline is, but split by a comma or a colon as a headline seldom is...
TWO_PART_ITEM = re.compile(r"[^,:]{2,60}(?:, |: )")
# ...and with no menu's or teaser's separators ("More: Videos | Comments (0)").
MENU_SEPARATORS = ("|", "•", "»")
# Han, kana and hangul characters; such text has no spaces between words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_WORD = 2  # about two characters carry what an English word does
# A block ends a sentence when its last character, past closing quotes and brackets, is one
# of these (a string test: a regex anchored at the end would scan the whole block).
SENTENCE_STOPS = ".!?…:;。！？：；"
CLOSERS = "'\"”’»)]」』"
# HTML: a question or an exclamation put to the reader and a next sentence after it, in a
# linked line of at most LINKED_PITCH_MAX_WORDS words ("Looking for a flat? See the offers").
ASKS = re.compile(r"\w[?!？！]+\s*[A-Z\u00c0-\u024f\u0400-\u04ff]")
LINKED_PITCH_MAX_WORDS = 20
# Quotation marks: a line that holds one reports words, it does not address the reader.
QUOTES = ('"', "“", "”", "„", "«", "»", "「", "」")
# A sentence ending inside a block, followed by the next sentence: a block of two or more
# sentences is prose even when its last one trails off without a stop ("...more here").
SENTENCE_INSIDE = re.compile(
    r"\w{2}[.!?。！？]+['\"”’»)]*\s+['\"“‘(]?[A-Z\u00c0-\u024f\u0400-\u04ff]"
)

# Function words of the languages the pipeline sees most; prose is full of them, menus are not.
_STOP_WORDS_TEXT = """
    a an the and or but of to in on at by for with from as is are was were be been has have
    had it its this that these those he she they we you i his her their our not no said says
    will would can could into than then there which who what when where how after before about
    over also more most up out if so do does did der die das und ist nicht ein eine zu den von
    mit sich des auf für im dem le la les et est un une des du dans pour que qui pas sur au
    el los las en y es por con una del se lo al il di che non per gli da della o de em um os
    het een van op niet dat и в не на что с по как это он она они из за от для но к о у i w
    nie na się z do że jest to"""
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
IS_STOP_WORD = _STOP_WORDS.__contains__  # counted with map(): the loop stays in C
# Page text: more of those languages' function words. A line of page text has no paragraph
# markup to vouch for it, so its words alone tell prose from a menu, and the short list above
# leaves many a German or Polish sentence under MIN_STOP_RATIO (it holds no pronoun, no
# auxiliary verb); HTML keeps the short list, which its markup's hints complete.
_PAGE_TEXT_STOP_WORDS_TEXT = """
    ich du er wir ihr sie es man als auch wie aber noch nur bei nach aus wird werden wurde
    wurden hat haben hatte sind war waren oder wenn sehr schon mich mir uns dass daß einer
    einen einem eines vor um an über unter durch sein seine seiner ihre ihren doch kann können
    muss zum zur bis gegen ohne hier dann denn weil ob nun immer diese dieser dieses
    już jak ale czy po od przez przy dla a ze był była było są tak tym tego który która które
    jego jej ich co też tylko także za pod oraz
    il elle ils nous vous je ce cette ces son sa ses leur mais ou avec par plus ne été être
    sont était aux comme
    su sus para pero como más fue son está ha le les muy sin sobre entre también
    è sono anche ma più nel nella alla dei delle"""
_PAGE_TEXT_STOP_WORDS = _STOP_WORDS | frozenset(_PAGE_TEXT_STOP_WORDS_TEXT.split())
IS_PAGE_TEXT_STOP_WORD = _PAGE_TEXT_STOP_WORDS.__contains__

# Whole lines that are never story text, whatever their length.
JUNK_LINE = re.compile(
    r"^(?:advertisement|advertising|sponsored|share|share this|share on \w+|tweet|email|print"
    r"|comments?|read more|more|continue reading|related|loading|sign up|subscribe|follow us"
    r"|click here|photo|image|video|close|menu|search|home|back to top|top"
    # an ad slot's label in the other languages the pipeline sees most, and the line that
    # says the story goes on below the ad
    r"|anzeige|werbung|reklama|publicidad|publicité|pubblicità|publicidade|advertentie"
    r"|(?:story|article) continues below(?: advertisement)?|continua depois da publicidade"
    r"|continúa después de la publicidad|la suite après (?:cette |la )?publicité)\W*$",
    re.IGNORECASE,
)
# Lines inside a story run that are metadata, not prose.
STORY_JUNK = re.compile(
    r"^(?:by\s+[\w.\-’' ]{2,60}$|(?:photo|image|picture|credit|source|file photo)s?\s*:"
    # the same credit and source labels in other languages (German, French, Spanish,
    # Portuguese, Italian, Polish, Dutch)
    r"|(?:fotos?|bild(?:er)?|beitragsbild|titelbild|abbildung|quelle|grafik|crédits?(?: photos?)?"
    r"|sources?|fuente|fonte|imagen|imagem|foto di|zdjęcie|źródło|beeld|bron)\s*:"
    r"|(?:read|see) (?:more|also)\b|also read\b|related(?: \w+)?\s*:|share (?:this|on)\b"
    r"|(?:posted|published|updated|last updated)(?: on| at)?\s*(?::\s*)?\w+"
    # reading times ("5 min read", "Lesezeit: 4 Minuten")
    r"|\d+\s*(?:min|minutes?|minuten)\.? (?:read|lesezeit)$"
    r"|(?:lesezeit|reading time|temps de lecture)\s*:?\s*\d+\s*(?:min|minutes?|minuten)\W*$"
    r"|\(?(?:getty images|ap photo|reuters|afp)[^.]*\)?$|click here\b|sign up\b"
    r"|advertisement$|©|copyright\b)",
    re.IGNORECASE,
)
# Boilerplate anywhere on a page: cookie notices, rights lines, newsletter pitches.
BOILERPLATE_TEXT = re.compile(
    r"\b(?:all rights reserved|cookies?\b.{0,120}\b(?:use|accept|consent)|privacy policy"
    r"|terms of (?:use|service)|sign up for (?:our|the)\b.{0,60}newsletter|subscribe to\b"
    r"|newsletter)|©|\(c\) \d{4}",
    re.IGNORECASE,
)
# Words one of which every match of BOILERPLATE_TEXT holds: a substring test on the
# lowercased block spares the regex scan of the many blocks that hold none.
BOILERPLATE_CUES = (
    "rights reserved",
    "cookie",
    "privacy policy",
    "terms of ",
    "subscribe to",
    "newsletter",
    "©",
    "(c) ",
)
# Rights notices, whatever their length: a reprint note ("This copy is for your personal,
# non-commercial use only...") runs as long as a paragraph but is never the story.
RIGHTS_NOTICE = re.compile(r"\bpersonal,? non-?commercial use\b|\ball rights reserved\b", re.I)
RIGHTS_CUES = ("commercial use", "rights reserved")
# Page text: a licence notice ("Dieses Werk steht unter einer Creative Commons ... Lizenz",
# "This work is licensed under a Creative Commons License", "Foto: ... cc by sa 2.0") of at
# most CALL_TO_ACTION_MAX_WORDS words is the publisher's line, never prose nor story.
TEXT_LICENCE = re.compile(
    r"\bcreative[ -]commons\b|\bcc[ -]by\b|\blicen[sc]ed under\b|\blizenziert\b"
    r"|\bunter (?:der|einer) lizenz\b",
    re.IGNORECASE,
)
# (a line is tested only when its words hold one of these: a set test, most lines fail it)
TEXT_LICENCE_WORDS = frozenset(
    ("commons", "cc", "licensed", "lizenziert", "lizenz", "license", "licence")
)
# Cookie notices: "cookies" next to the words such notices always use, in a few languages.
COOKIE_NOTICE = re.compile(
    r"\bcookies?\b.{0,120}\b(?:website|webseite|site|browser|consent|accept|akzept|settings"
    r"|einstellung|privacy|datenschutz|analytics|tracking|navigat|utiliz|utilis)",
    re.IGNORECASE,
)
# Lines that close a story: share bars, filing lines, teasers of other posts.
STORY_END = re.compile(
    r"^(?:share (?:this|on)\b.{0,30}|filed (?:under|in)\b.*|tagged(?: with)?:.*|tags?:.*"
    r"|you (?:may|might) also like\W*"
    r"|(?:about the author|über den autor(?:in)?|à propos de l'auteur|sobre el autor)\W*"
    r"|(?:comments? (?:are )?closed|kommentare (?:sind )?geschlossen)\W*"
    r"|featured (?:post|story|article)s?\W*|more (?:from|stories)\b.{0,40}"
    r"|previous (?:post|article)\b.*|next (?:post|article)\b.*"
    # (the footer line of a post: "This entry was posted in ...", "This was written by ...")
    r"|this (?:(?:entry|post|article) )?was (?:posted|written)\b.{0,200}"
    r"\b(?:filed|tagged|categori[sz]ed|bookmark the permalink)\b.*)$",
    re.IGNORECASE,
)
# Page text: the same filing lines in the languages the pipeline sees most ("Dieser Beitrag
# wurde veröffentlicht in Reiki und gekennzeichnet mit ...", "Schlagwörter: ...", "Publié dans
# ...", "Archivado en: ..."), which HTML finds by their markup. Tested only on lines that
# open with a word of TEXT_FILING_OPENERS (a set test); anchored, every repeat bounded.
TEXT_STORY_END = re.compile(
    r"^(?:dieser (?:beitrag|artikel|eintrag) wurde (?:[\w.,]{1,20} ){0,4}"
    r"(?:veröffentlicht|abgelegt|erstellt|gepostet)\b"
    r"|veröffentlicht (?:in|unter)\s?:|abgelegt (?:in|unter)\b|verschlagwortet mit\b"
    r"|getaggt mit\b|schlagw(?:ö|o)rte?r?\s?:|stichw(?:ö|o)rte?r?\s?:"
    r"|publié dans\b|classé dans\b|étiquettes?\s?:|mots[- ]clés?\s?:"
    r"|archivado en\b|etiquetas\s?:|tagi\s?:)",
    re.IGNORECASE,
)
TEXT_FILING_OPENERS = frozenset(
    (
        *("dieser", "veröffentlicht", "abgelegt", "verschlagwortet", "getaggt"),
        *("schlagwörter", "schlagworte", "schlagwort", "stichwörter", "stichworte", "stichwort"),
        *("publié", "classé", "étiquettes", "étiquette", "mots", "archivado", "etiquetas", "tagi"),
    )
)
# "Related stories": closes the story at its end, but a box of a few links inside a story
# sits under the same heading, so it is a costly line, not a barrier.
RELATED_HEADING = re.compile(
    # (and a few words after it: "Related posts worth a look", "Related stories from Example")
    r"^related (?:posts?|articles?|stories|content|links|coverage|news)(?: [\w.'’-]{1,30}){0,4}"
    r"\W*$",
    re.IGNORECASE,
)
RELATED_PENALTY = 30.0
# The same lead-in in the languages the pipeline sees most: "read also", "more on this", "see
# also", "further information". A short line that opens with one announces other articles,
# as a heading ("Mehr zum Thema", "Veja também:") or with its link on the line ("Czytaj też:
# <a>...</a>"); the words that may follow it are few (READ_MORE_MAX_WORDS in all), or are
# the linked headline.
READ_MORE = re.compile(
    r"^(?:read (?:more|also|next)|see also|also read|more (?:on|about) (?:this|the)\b"
    r"|further reading|explore further|learn more|you (?:may|might) also (?:like|enjoy)"
    r"|lesen sie (?:auch|mehr)|lies auch|auch interessant|das könnte sie (?:auch )?interessieren"
    r"|mehr zu(?:m|r)?\b|zum weiterlesen|weiterlesen|schon gelesen"
    r"|weitere (?:informationen|infos|beiträge|artikel|nachrichten|themen|tipps|links)"
    r"|weiterführende\b|verwandte (?:artikel|themen|beiträge)|passend zum thema"
    r"|empfohlene (?:beiträge|artikel)|(?:read|lea|lee|leia|lies)\s*:"
    r"|(?:à )?lire (?:aussi|également)|voir aussi|en savoir plus|sur le même sujet"
    r"|pour aller plus loin|articles? (?:en relation|liés|similaires)"
    r"|lea también|lee también|ver también|vea también|puedes ver|te puede interesar"
    r"|también te puede interesar|te recomendamos|veja também"
    r"|(?:notas|noticias|notícias|artículos|articulos|artigos|entradas) relacionad[ao]s"
    r"|leia (?:também|mais)|saiba mais|czytaj (?:też|także|więcej)|zobacz (?:też|także|również)"
    r"|przeczytaj (?:też|także|również)|leggi anche|vedi anche|lees ook|zie ook)(?!\w)",
    re.IGNORECASE,
)
READ_MORE_MAX_WORDS = 8
# Page text: a box's heading over other articles' headlines that names no "read more"
# ("Meistgelesen", "Neueste Beiträge", "Most Popular", "Otras noticias", "Las más vistas"):
# a short line, no sentence, that opens with one of MORE_OPENERS and holds one of
# MORE_NOUNS, as READ_MORE's lines do (a costly line that opens a box of links).
MORE_OPENERS = frozenset(
    (
        *("most", "latest", "recent", "top", "trending", "popular", "related"),
        *("meistgelesen", "meistgelesene", "beliebte", "populäre", "neueste", "aktuelle"),
        *("ähnliche", "alle", "noch", "empfehlungen", "diese", "am"),
        *("otras", "otros", "más", "las", "lo", "últimas", "ultimas"),
    )
)
MORE_NOUNS = frozenset(
    (
        *("stories", "posts", "articles", "news", "popular", "read", "viewed", "shared"),
        *("trending", "artikel", "beiträge", "nachrichten", "meistgelesen", "gelesen", "mehr"),
        *("redaktion", "leídas", "leidas", "vistas", "noticias", "notas", "sobre"),
    )
)
# The publisher's pitch or note around a story, in the languages the pipeline sees most:
# subscribe, sign up, the newsletter, the app, support or donate, follow us. ("Click here" is
# not among them: a story often ends by pointing to more of itself.)
CALL_TO_ACTION = re.compile(
    r"\b(?:(?:subscribe|subscriptions?|sign up|newsletters?|download (?:the|our) (?:\w+ )?apps?"
    r"|our apps?|donate|paywall|bezahlschranke|e-?paper|straight to your (?:phone|inbox)"
    r"|(?:instant|immediate|unlimited|full) (?:online |digital )?access"
    r"|(?:support|donate to) (?:us|our)|supporting our|become a (?:member|subscriber|supporter)"
    r"|follow us|(?:our|nuestro|nosso|unseren?|notre) (?:\w+ )?(?:channel|canal|kanal|chaîne)"
    # ("follow us" in other languages; a social post's embed shown as a link to it)
    r"|folgen sie uns|folge uns|folgt uns|liken sie uns|suivez-nous|seguici|obserwuj nas"
    r"|volg ons|siga-nos|síganos|(?:view|sieh dir) (?:this|diesen) (?:post|beitrag)"
    r" (?:on|auf) (?:instagram|facebook)"
    r"|abonnieren|abonniere|abonnement|(?:als|im|ein|zum|ihr|dein) abo"
    r"|abo (?:abschließen|bestellen)|unterstütze|spenden|helfen sie mit|hilf mit"
    # (the publisher's plea: "Help us continue to spread ...", "Help us keep this site free")
    r"|help us (?:continue|keep|fund)"
    r"|jetzt (?:registrieren|anmelden|bestellen|testen)|postfach"
    r"|in (?:der|unserer) app|suscríbete|suscríbase|suscribirse|hazte (?:miembro|socio)"
    r"|síguenos|abonnez-vous|inscrivez-vous|soutenez|wesprzyj|subskrybuj|zapisz się|assine"
    r"|inscreva-se)(?!\w)|unterstützen sie"
    # disclosures and rights notes: affiliate links, advertising, licences
    r"|\baffiliate links?\b|\bwe may (?:receive|earn)\b|enthält werbung|\bwerbung\W*$|ohne gewähr"
    r"|copyrighted|unter der lizenz|all rights reserved)",
    re.IGNORECASE,
)
CALL_TO_ACTION_MAX_WORDS = 40
# Paragraphs at a story's end that are about it, not of it (closing_note): an author's bio,
# the print edition's note, the address to write to. (Anchored, every repeat bounded.)
CLOSING_NOTE = re.compile(
    r"(?i:about the author\b|this (?:article|post|story|piece) (?:is|was) (?:written|contributed)"
    r" by\b|a version of this (?:article|story|review|post)\b.{0,40}?\b(?:appeared|appears"
    r"|was published)\b|write to (?:[\w.'’-]{1,30} ){1,4}at [\w.+-]{1,60}@"
    # a blog's filing line: "Posted by Jane Doe on May 2, 2012 at 9:30 AM in Politics"
    r"|posted by (?:[\w.'’-]{1,30} ){1,4}(?:on|at) .{0,60}\d)"
    r"|(?:[A-Z][\w.'’-]{0,30} ){1,3}(?:\(@?\w{1,30}\) )?is (?:a|an|the) (?:[\w,'’-]{1,30} ){0,8}?"
    r"(?i:writer|editor|author|journalist|blogger|contributor|columnist|correspondent|reporter"
    r"|founder|freelancer|fellow|enthusiast|consultant|designer|developer|photographer"
    r"|entrepreneur|ceo|professor|lecturer|speaker|coach|teacher|mother|father|mom|dad)\b"
)
CLOSING_NOTE_MAX_WORDS = 2 * CALL_TO_ACTION_MAX_WORDS
# An ask that opens on the reader's liking the piece ("If you enjoyed reading this
# post, would you consider supporting our work?", "Wenn Ihnen unser Artikel gefallen hat:
# Unterstützen Sie...") and is a call to action: the publisher's, wherever it sits.
SUPPORT_ASK = re.compile(
    r"(?:if you (?:enjoyed|liked|value|valued|appreciate|appreciated|found)\b"
    r"|wenn ihnen (?:unser|dieser|der) (?:artikel|beitrag|text) gefallen hat\b"
    # ("Gefällt dir unser Magazin? ... keine Bezahlschranke", "Gefällt Ihnen dieser Beitrag?")
    r"|(?:gefällt|gefallen) (?:dir|ihnen|euch) (?:unser|unsere|dieser|diese)\b)",
    re.IGNORECASE,
)
# Page text: the publisher's disclosure of paid links ("We may receive compensation when you
# click on links to those products"), however long, wherever it sits: never the story's.
TEXT_AD_DISCLOSURE = re.compile(
    r"\bwe (?:may|might) (?:receive|earn|get) (?:a )?(?:small )?(?:compensation|commissions?)\b"
    r"|\b(?:contains|may contain|includes) affiliate links\b",
    re.IGNORECASE,
)
# A teaser of another post: cut off and followed by a link to the rest.
TEASER = re.compile(
    r"(?:\[…\]|\[\.\.\.\]|(?:\.\.\.|…)\s*(?:read more|more|continue reading)\W*"
    r"|\b(?:read more|continue reading|read the rest|weiterlesen|lire la suite|leer más)"
    r"(?:\.\.\.|…|\s*[»›→>]+))$",
    re.IGNORECASE,
)
# Every match of TEASER holds one of these (lowercased), as BOILERPLATE_CUES above.
TEASER_CUES = (
    "…",
    "...",
    "read more",
    "continue reading",
    "read the rest",
    "weiterlesen",
    "lire la suite",
    "leer más",
)
# Headings that open the comment section: the story has ended.
COMMENTS_HEADING = re.compile(
    # (a count in braces or brackets too: "{ 167 comments }", "[12 Comments]")
    r"^[{(\[]?\s*(?:\d+[)\]}]?\s+)?"
    r"(?:comments?|responses?|replies|reader comments|discussion)\b.{0,30}$"
    r"|^(?:leave|post|add|write) (?:a|your) (?:comment|reply|response)",
    re.IGNORECASE,
)
# Page text: the same heading in the other languages the pipeline sees most, with its count
# ("71 Kommentare", "Kommentare (5)", "Comentarios", "Leserkommentare"; not "Kommentar"
# alone, an opinion piece's kicker), and a thread's heading that names the post ("11
# Antworten zu “Title”", "5 Gedanken zu „Title“", "Ein Gedanke zu ...").
TEXT_COMMENTS_HEADING = re.compile(
    r"^[{(\[]?\s*(?:(?:\d+[)\]}]?\s+)(?:kommentare?|comentarios?|commentaires?|komentarz[ey]?)"
    r"|(?:kommentare|leserkommentare|comentarios|commentaires|komentarze|reacties)"
    r"(?:\s*[(:]\s*\d+\s*\)?)?)\W{0,3}$"
    r"|^(?:\d+|ein|eine|zwei|drei) (?:antworten|gedanken?|kommentare?) (?:zu|auf|zum)\s",
    re.IGNORECASE,
)
# (a line is tested only when its words hold one of these: a set test)
TEXT_COMMENTS_WORDS = frozenset(
    (
        *("kommentar", "kommentare", "leserkommentare", "antworten", "gedanke", "gedanken"),
        *("comentario", "comentarios", "commentaire", "commentaires", "komentarz", "komentarze"),
        *("komentarzy", "reacties"),
    )
)
# A blog's heading over its thread that names the post: "One thought on “Title”", "12
# Responses to ...": as long as a headline may be, past the other headings' word limit.
# (Read from the block's words: a regex per block would cost every page's many short lines.)
THREAD_NOUNS = frozenset(
    ["thought", "thoughts", "response", "responses", "comment", "comments", "reply", "replies"]
)
# Lines that frame each comment of a thread: "Reply", "Login to reply", "Jane says:",
# "August 9th, 2012 at 2:36 pm". Repeated, they mark the comment section.
COMMENT_ACTIONS = frozenset(
    {
        *("reply", "log in to reply", "login to reply", "report", "report abuse", "permalink"),
        *("like", "flag", "quote", "parent", "share"),
    }
)
# Page text: a comment's reply button in the other languages the pipeline sees most, a whole
# line ("Antworten", "Responder", "Répondre"): an action marker as "Reply" is.
TEXT_REPLY_ACTIONS = frozenset(
    ("antworten", "responder", "répondre", "rispondi", "odpowiedz", "odpowiedź", "beantwoorden")
)
# ...and a commenter's line "Jane sagt:" ("says"), at most TEXT_SAYS_MAX_WORDS words.
TEXT_SAYS = frozenset(("sagt", "schreibt", "dice", "escribió", "écrit", "napisał", "zegt"))
TEXT_SAYS_MAX_WORDS = 6
COMMENT_MARKER = re.compile(
    r"^(?:(?P<action>" + "|".join(map(re.escape, sorted(COMMENT_ACTIONS))) + ")"
    r"|(?P<author>\(score:.{1,30}\)|.{1,60}\b(?:says|writes|wrote|said)\s*[:,]?)"
    r"|(?P<time>(?=.{0,80}$)(?:\W*(?:\w+\W+){1,10})?\d{1,2}:\d{2}\W*(?:[ap]\.?m\b.*)?)"
    r"|(?P<date>(?=.{0,80}$).*\b(?:[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2} [a-z]{3,9}\.?,? (?:\d{2}|\d{4})|\d{1,2}/\d{1,2}/\d{2,4})\W*))$",
    re.IGNORECASE,
)
# (The time form reads its leading words as \W*(\w+\W+){1,10}: one reading per line, where
# (\W*\w+\W+){0,10} split each run of punctuation between two repeats, exponentially.)
# A gallery's slide counter ("Bild 2 von 10", "3 sur 12", "Foto 1 van 5") reads as a date
# there, its "von" a month's name: a counter it is, no comment's date. (Anchored, bounded.)
SLIDE_COUNTER = re.compile(
    r"^(?:[^\W\d]{1,12}\s)?\d{1,3}\s(?:von|sur|van)\s\d{1,3}$", re.IGNORECASE
)
# A line's first clock reading: hours and minutes, and seconds if any. A day has CLOCK_HOURS
# hours; a stamp's date or half of the day shows in STAMP_CONTEXT. (Bounded; searched once.)
CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(:\d{2})?")
CLOCK_HOURS = 24
# Page text: a teaser set among the story's paragraphs, its label, headline and date
# (_inset_teaser), counted from the paragraph above, and its headline's fewest words (more
# than a commenter's name and handle, "Jason @ WorkSaveLive Says:").
INSET_TEASER_LINES = 3
INSET_TEASER_MIN_WORDS = 6
STAMP_CONTEXT = re.compile(r"\d{4}|\b[ap]\.?m\b", re.IGNORECASE)
# Comment markers and headings are short lines; longer ones are not tested.
MAX_MARKER_CHARS = 100
# Page text: an embedded post's attribution under its text, "— Jane Doe (@jane) May 2, 2020":
# dated like a comment, but a story quotes several posts between its paragraphs, so it is no
# comment marker. (Every repeat bounded, over classes that stop at the brackets.)
EMBED_ATTRIBUTION = re.compile(r"^[—–-]\s?[^()]{1,60}\(@\w{1,30}\)\s[^()]{0,40}\d{4}\W{0,3}$")
# Every match of COMMENT_MARKER is a whole action line, holds one of these (lowercased), or
# holds a digit and is at most MAX_DATED_MARKER_CHARS long (times, dates): an ASCII line that
# is none of these is spared the regex, whose backtracking over the time and date forms is
# the costly part. Most lines of a page, short labels and long sentences, are spared.
MAX_DATED_MARKER_CHARS = 80
COMMENT_MARKER_CUES = ("says", "writes", "wrote", "said", "(score:")
DIGITS = frozenset("0123456789")
MAX_MARKER_WORDS = 12
# Markers of one kind needed before they are read as a comment thread rather than chance.
MIN_COMMENT_MARKERS = 3
# ...within this many blocks: each comment is a few blocks long, each with its marker.
COMMENT_MARKER_WINDOW = 30
# Page text: a comment's shortest sentence, in words, that tells a comment's date from a
# teaser's (the lines between two comments' dates hold one; _framing_dates).
MIN_SAID_WORDS = 2
# Page text: the lines under the headline that may hold its share bar, byline and dates.
SHARE_BAR_REACH = 2 * HEADLINE_ANCHOR_REACH
# A comments heading that is the word alone: under the headline, a tab of the toolbar.
# (page text: in the other languages of TEXT_COMMENTS_HEADING too)
BARE_COMMENTS = (
    *(["comments"], ["comment"], ["discussion"], ["kommentare"], ["leserkommentare"]),
    *(["comentarios"], ["commentaires"], ["komentarze"], ["reacties"]),
)
# Page text: a comment form's notice ("Your email address will not be published. Required
# fields are marked *"), in the languages the pipeline sees most: the story has ended above it.
# (Bounded gaps only; a line is tested when it holds a word of TEXT_CUE_WORDS.)
COMMENT_FORM = re.compile(
    r"(?:e-?mail|correo|endereço|indirizzo|adres)[\w .'’-]{0,40}?(?:will not be published"
    r"|wird nicht veröffentlicht|ne sera pas publiée|no (?:será|se) publicar?d[ao]"
    r"|não será publicad[ao]|non sarà pubblicat[ao]|nie zostanie opublikowany"
    r"|(?:wordt|worden) niet gepubliceerd)",
    re.IGNORECASE,
)
COMMENT_FORM_MAX_WORDS = LONG_BLOCK_WORDS
# Page text: the placeholder of an embedded post or video that waits for the reader's consent
# ("This content is imported from Twitter...", "Mit dem Laden des Videos akzeptieren Sie die
# Datenschutzerklärung von YouTube", "Externer Inhalt", "Inhalt laden"), in the languages
# the pipeline sees most. (Bounded gaps only; tested on lines holding a TEXT_CUE_WORDS word.)
EMBED_PLACEHOLDER = re.compile(
    r"\b(?:content (?:is )?imported from|external content"
    r"|(?:privacy|cookie) (?:settings|preferences) to (?:enable|view|see|display) this content"
    r"|externe[nr]? inhalte?\b"
    r"|mit dem (?:laden|anklicken|klick)|datenschutzerklärung von \w|inhalte? (?:nach)?laden\b"
    r"|(?:laden|anzeigen) der inhalte\b|um den inhalt\b.{0,40}\b(?:nach)?(?:zu )?laden"
    r"|contenido externo|contenu externe|contenuto esterno|empfohlener redaktioneller inhalt)",
    re.IGNORECASE,
)
EMBED_PLACEHOLDER_MAX_WORDS = 2 * LONG_BLOCK_WORDS
# Page text: a prompt to share or rate the article, in the words STORY_END reads in English
# ("Share this story"): "Artikel teilen", "War dieser Artikel hilfreich?", "Was this article
# helpful?", "Dir hat der Artikel gefallen? Jetzt teilen". (Anchored, bounded.)
SHARE_PROMPT = re.compile(
    r"\W{0,3}(?:(?:möchten sie |jetzt |bitte )?(?:den |diesen )?(?:artikel|beitrag|seite)"
    r" (?:teilen|empfehlen)|(?:was|is|did you find) this (?:article|story|post|page)"
    r" (?:helpful|useful)|(?:war|ist) (?:der|dieser|die|diese) (?:artikel|beitrag|seite)"
    r" (?:hilfreich|nützlich)|(?:dir|ihnen) hat (?:der|dieser) (?:artikel|beitrag) gefallen"
    r"|(?:artikel|beitrag) gefallen)(?!\w)",
    re.IGNORECASE,
)
SHARE_PROMPT_MAX_WORDS = 12
# Page text: a form's button that asks the reader to act ("Free Sign Up", "Donate Now",
# "Jetzt abonnieren"): a short line that is only such words (anchored, bounded). The pitch
# right above it, at most PITCH_MAX_WORDS words, is the publisher's: never a story line.
PITCH_BUTTON = re.compile(
    r"\W{0,3}(?:(?:free|jetzt|gratis|kostenlos) )?(?:sign (?:me )?up|subscribe|donate|join|"
    r"abonnieren|spenden|anmelden|registrieren|s'inscrire|s'abonner|suscr[ií]bete|dona)"
    r"(?: (?:now|here|today|free|jetzt|hier))?\W{0,3}$",
    re.IGNORECASE,
)
# (every PITCH_BUTTON line holds one of these words)
PITCH_BUTTON_WORDS = frozenset(
    (
        *("sign", "subscribe", "donate", "join", "abonnieren", "spenden", "anmelden"),
        *("registrieren", "inscrire", "abonner", "suscríbete", "suscribete", "dona"),
    )
)
PITCH_MAX_WORDS = 20
PITCH_BUTTON_MAX_WORDS = 3
# Page text: a link back to the section, "Zurück zur Übersicht", "Back to News", "Volver al
# inicio": a short line that opens with these words. (Anchored, bounded.)
BACK_LINK = re.compile(
    r"\W{0,3}(?:zurück zu[rm]?|back to|volver a[l]?|retour (?:à|au|aux)|torna a[l]?|powrót do)"
    r"(?: [\w'’-]{1,30}){1,3}\W{0,3}$",
    re.IGNORECASE,
)
BACK_LINK_MAX_WORDS = 5
# Page text: an ad slot's label alone on a line in the languages the pipeline sees most, as
# JUNK_LINE reads "Advertisement" ("- Anzeige -", "Reklama", "Publicidad").
AD_LABELS = frozenset(
    (
        *("anzeige", "werbung", "reklama", "publicidad", "publicité", "pubblicità"),
        *("publicidade", "advertentie", "annons", "mainos"),
    )
)
# Page text: at most this many headlines under a bare "Related" label are other articles'.
RELATED_LABEL_REACH = 3
# Page text: every line that COMMENT_FORM, EMBED_PLACEHOLDER, SHARE_PROMPT or BACK_LINK
# match, an ad label or a bare "Related" label, holds one of these words; the few lines that
# do are found with one set test a line (in C, on the words each line has anyway), and only
# they are read by the regexes.
TEXT_CUE_WORDS = frozenset(
    (
        *("published", "veröffentlicht", "publiée", "publicada", "publicado", "publicará"),
        *("pubblicato", "pubblicata", "opublikowany", "gepubliceerd"),
        *("content", "inhalt", "inhalte", "externer", "externe", "externen", "laden"),
        *("datenschutzerklärung", "contenido", "contenu", "contenuto", "anklicken", "klick"),
        "related",
        *("teilen", "empfehlen", "hilfreich", "nützlich", "gefallen", "helpful", "useful"),
        *AD_LABELS,
        *("zurück", "back", "volver", "retour", "torna", "powrót"),
    )
)
# Page text: a photo's caption that ends in its credit, on one line ("Striking members at
# the college last year. Photograph: Guy Smallman", "...in an hour.Photograph: Getty Images",
# "Coney Island, New York. Photo: Getty"): the credit's label and its few words end the line,
# after a sentence's end (spaced or not), a bracket, a bar, a comma or a slash ("Jane Doe,
# photo: Example Archive", "... angekommen. (Foto: Privat)"). Every repeat is bounded, so a
# search reads a bounded stretch from each start.
CAPTION_CREDIT = re.compile(
    r"[.!?)\]|,/]\s{0,3}\(?(?:photo(?:graph)?s?|image|picture|illustration|credit|foto|bild)"
    r"(?: credit)?(?:\s{0,3}:| by)\s{0,3}[^:!?|]{1,80}$"
    # (or the copyright sign and the name: "... the hall / (C) Jane Doe", "..., © Jane Doe")
    r"|[.!?)\]|,/]\s{0,3}(?:\(c\)|©)\s{0,3}[^:!?|©]{1,60}$"
    # (or the credit in brackets after the caption's last word: "Jane Doe (Foto: Privat)")
    r"|\s\((?:photo(?:graph)?s?|image|picture|credit|foto|bild)\s{0,3}:\s{0,3}[^():!?]{1,60}\)$",
    re.IGNORECASE,
)
# Lines holding one of these words (their lowercased \w+ tokens: "c" of "(C)"), or a "©", are
# read by CAPTION_CREDIT.
CAPTION_CREDIT_WORDS = frozenset(
    (
        *("photo", "photos", "photograph", "photographs", "image", "picture", "illustration"),
        *("credit", "foto", "bild", "c"),
    )
)
# Page text: a photo's credit on a line of its own, under its caption ("Photograph: Jane Doe/
# Getty Images", "Photograph by Jane Doe, Example Trust", "(Foto: dpa)"): the label opens the
# line, its few words end it ("Photos: the storm's damage" heads a gallery). (Anchored, every
# repeat bounded.)
CREDIT_LINE = re.compile(
    r"^\(?(?:photo(?:graph)?|image|picture|illustration|credit|foto|bild)"
    r"(?: credit)?(?:\s{0,3}:| by)\s{0,3}[^:!?|]{1,80}$",
    re.IGNORECASE,
)
CREDIT_LINE_MAX_WORDS = 12
# Page text: a label over other articles' headlines set among the story's paragraphs ("Keep
# Reading", "More on coronavirus:", "Related coverage", "Recommended", "Read next"): a line of
# its own, at most READ_ON_LABEL_MAX_WORDS words. (Anchored, every repeat bounded.)
TEXT_READ_ON_LABEL = re.compile(
    r"^(?:keep reading|don['’]t miss|must reads?|up next|read (?:more|next|also)|also read"
    r"|see also|what to read next|trending now|editor['’]s picks?"
    # (and in the other languages the pipeline sees most: "Lesen Sie auch", "Lee también")
    r"|lesen sie auch|siehe auch|auch interessant|lee también|lea también|vea también"
    r"|te puede interesar|leia também|veja também|(?:à )?lire aussi|voir aussi|leggi anche"
    r"|czytaj (?:też|także|również)|zobacz (?:też|także|również)"
    r"|recommended(?: reading| for you| stories| articles| videos?)?"
    r"|more (?:on|about) (?:[\w'’-]{1,30} ){0,3}[\w'’-]{1,30}:"
    r"|related(?: coverage| content| reading| stories| articles| links| news)?)\W{0,3}$",
    re.IGNORECASE,
)
READ_ON_LABEL_MAX_WORDS = 6
# ...the headlines under it: at most RELATED_LABEL_REACH lines of at most this many words,
# none a sentence.
READ_ON_HEADLINE_MAX_WORDS = 20
# A caption is a sentence or two: longer lines that end in a credit are left to the story.
CAPTION_MAX_WORDS = 30
# Page text: a list of other articles told in cycles of a dated line ("13.12.2021 - Formel
# 1", "04.11.2021 Artikel", "May 2, 2022 | News"), a headline and a blurb (mark_dated_teasers).
# A dated line is short and holds a date with its year; the lines of one list read alike once
# their digits are set aside. (Every repeat bounded.)
DATED_LINE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b"
    r"|\b[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b|\b\d{1,2}\.? [a-z]{3,9}\.?,? \d{4}\b",
    re.IGNORECASE,
)
DIGIT_RUN = re.compile(r"\d+")
DATED_LINE_MAX_WORDS = 8
# ...each cycle this many lines long (its dated line included), the same each time...
TEASER_CYCLE_MIN_LINES, TEASER_CYCLE_MAX_LINES = 3, 5
# ...at least this many cycles in a row, each with a headline and at most one blurb of at
# most this many words.
TEASER_MIN_CYCLES = 3
TEASER_BLURB_MAX_WORDS = 60
# Page text: a cookie-consent dialog (mark_consent_dialogs) opens at a line naming cookies
# with one of CONSENT_OPENERS ("Cookie-Zustimmung verwalten", "Cookie settings"); it
# goes on over its toggles and labels (at most CONSENT_LABEL_MAX_WORDS words) and its
# purposes' prose (a line holding a word of CONSENT_WORDS), at most CONSENT_MAX_LINES lines,
# and is one when at least CONSENT_MIN_LABELS of them are labels and one is such prose.
COOKIE_WORDS = frozenset(("cookie", "cookies"))
CONSENT_OPENERS = frozenset(
    (
        *("consent", "zustimmung", "einwilligung", "consentement", "consentimiento", "consenso"),
        *("zgoda", "toestemming", "settings", "einstellungen", "preferences", "präferenzen"),
    )
)
CONSENT_WORDS = frozenset(
    (
        *COOKIE_WORDS,
        *CONSENT_OPENERS,
        *("speicherung", "zugriff", "zugang", "storage", "access", "tracking", "zweck"),
        *("zwecken", "zwecke", "purpose", "purposes", "vendors", "anbieter", "datenschutz"),
        *("privacy", "stockage", "accès", "finalités", "almacenamiento", "acceso", "finalidad"),
        *("archiviazione", "accesso", "finalità"),
    )
)
# Page text: a teaser's headline cut off with an ellipsis is found whole elsewhere on the page
# by its first this many words, among at most CUT_TEASER_COPIES lines that open alike.
CUT_TEASER_OPENING = 3
CUT_TEASER_COPIES = 8
CONSENT_LABEL_MAX_WORDS = 3
CONSENT_MAX_LINES = 60
CONSENT_MIN_LABELS = 3
# Page text: a line shown this many times in a row is a gallery's title, once per slide.
GALLERY_MIN_SLIDES = 3
# Page text: a table shows one cell a line. A stretch of at least this many short lines (of
# at most this many words), this share of them figures ("$83", "-2.1%", "15,516"), with
# prose within this many lines on both sides, is a table inside the story (mark_text_tables).
TEXT_TABLE_MIN_CELLS = 8
TEXT_TABLE_CELL_MAX_WORDS = 5
TEXT_TABLE_FIGURE_SHARE = 0.4
TEXT_TABLE_PROSE_REACH = 3
# Page text: a gallery whose title heads each slide ("UK news in pictures", a date, a
# caption, a credit) shows the title at least this many times, at most this many lines apart.
SLIDE_GALLERY_MIN_SLIDES = 5
SLIDE_GALLERY_MAX_LINES = 6
# ...and names itself so ("in pictures", "Photos", "Bildergalerie"): a list of teasers, each
# under its "Read more", has the same shape.
_GALLERY_WORDS_TEXT = """pictures photos photographs images gallery slideshow fotos bilder
    bildergalerie fotostrecke galerie imágenes galería foto photo"""
GALLERY_WORDS = frozenset(_GALLERY_WORDS_TEXT.split())
# Page text: a newsletter's sign-up box ("PC Gamer Newsletter", its pitch, the consent
# checkbox, "By submitting... you agree to the Terms"): a short label naming a newsletter,
# then within this many lines the form's consent or button line that closes the box.
SIGNUP_BOX_LINES = 5
SIGNUP_LABEL_MAX_WORDS = 6
SIGNUP_END = re.compile(
    r".{0,200}?\b(?:you agree|terms (?:&|and) conditions|privacy policy|unsubscribe"
    r"|promotional content|sign me up)\b",
    re.IGNORECASE,
)
# ...and its pager ("1", "2", ...) opens within this many lines after the last copy.
GALLERY_PAGER_REACH = 4
# Page text: a thread with no dates or "Reply" lines shows each comment under its author's
# name alone on a line (a handle, or a name after the address of the author's site). Names
# of at most this many words...
MAX_SIGNATURE_WORDS = 4
# ...that sign this many comments within COMMENT_MARKER_WINDOW blocks, under this many
# different names at least, mark the thread.
MIN_SIGNERS = 2
# Addresses that open a signature line ("http://twitter.com/jane Jane Doe").
ADDRESS_OPENERS = ("http://", "https://", "www.")
# Page text: a list a story line announces with a colon has items of this many words at
# least; a shorter line (a menu's "Home", "About us") ends it.
LIST_ITEM_MIN_WORDS = 3
# Page text: at most this many short closing sentences ("Watch the trailer below.") under
# the story's last paragraph are its own (text_closing_line).
TEXT_CLOSING_LINES = 2
# Page text: this many headline-like lines in a row inside the story run are a box of other
# articles' headlines, not the story's (text_headline_boxes); longer lines are sentences.
HEADLINE_BOX_MIN_LINES = 3
TEXT_HEADLINE_MAX_WORDS = 15
# ...but not the publisher's asks to follow it, nor a picture's credit.
SOCIAL_LINE = re.compile(
    r"\b(?:follow|like us|twitter|facebook|instagram|pinterest|google\+|courtesy)(?!\w)", re.I
)
# ...and a colon line that opens with one of these words announces other articles' links.
LINKS_OPENERS = frozenset(
    ["related", "more", "also", "see", "read", "other", "recent", "popular", "latest", "top"]
)
# Page text: a box of related links inside the story, between its lead and its body, is at
# most this many lines long.
LEAD_BOX_REACH = 3 * HEADLINE_ANCHOR_REACH
# Page text: the heading of a box about the site or its author ("About", "About me", "About
# Jane Doe", "ABOUT EXAMPLE NEWS", "Über Kathrin"; not "About this article" or "About the
# Braves:", which head parts of stories), and the link under a blog's profile box. (A regex
# per short line.)
ABOUT_HEADING = re.compile(
    r"^(?i:about|über)(?: (?i:me|us|mich|uns)"
    r"| [A-ZÄÖÜ][\w'’.-]{0,40}(?: [A-ZÄÖÜ][\w'’.-]{0,40}){0,2})?\W{0,3}$"
)
PROFILE_LINK = re.compile(r"^view my (?:complete )?profile\W{0,3}$", re.IGNORECASE)
# Page text: a bare heading over the author's bio ("Autor", "AUTHOR", "Zur Person"; not a
# byline's "Autor:" label, nor a menu's "Über uns"), which closes the story as "About the
# author" does.
BIO_HEADING = re.compile(
    r"^(?:(?:der |die )?autor(?:in)?|author|zur person)[^\w:]{0,3}$", re.IGNORECASE
)
BIO_HEADING_MAX_WORDS = 3
BIO_OPENERS = frozenset(("der", "die", "autor", "autorin", "author", "zur"))
# Page text: the heading of a site's disclaimer ("Haftungshinweis", "Disclaimer", "Legal
# notice"), whose paragraphs are the publisher's, never a story's (mark_about_boxes).
DISCLAIMER_HEADING = re.compile(
    r"^(?:haftungs(?:hinweis|ausschluss)|disclaimer|rechtliche(?:r)? hinweise?"
    r"|legal (?:notice|disclaimer)|aviso legal|mentions légales|note legali)\W{0,3}$",
    re.IGNORECASE,
)
# Page text: an author's bio in a box of its own ("Jane Doe is a staff writer at...", "Jon
# Roe (@jroe) is President of...", "I am a teacher turned full-time mom...", "Jane Doe writes
# about..."): a name, or the first person, then a role within a few words, or a name and the
# beat. (Anchored, every repeat bounded.)
TEXT_BIO = re.compile(
    r"^(?:[-–•] )?(?:(?:[A-Z][\w.'’-]{0,30} ){1,3}(?:\(@?\w{1,30}\) )?(?:is|has been)"
    r"|I am|I'm|I’m) (?:(?:a|an|the) )?(?:[\w,/'’-]{1,30} ){0,8}?"
    r"(?i:writer|editor|author|journalist|blogger|contributor|columnist|correspondent|reporter"
    r"|founder|co-founder|freelancer|fellow|consultant|designer|developer|photographer"
    r"|entrepreneur|professor|lecturer|teacher|president|director|manager|specialist"
    r"|narrator|researcher|analyst|scientist|artist|illustrator|cartoonist|producer|host"
    r"|student|attorney|lawyer|economist|historian|novelist|poet|strategist|adviser|advisor"
    r"|instructor|chef|mom|mother|dad|father)s?\b"
    # (or the beat: "Jane Doe writes about policy...", "covers the courts for...")
    r"|^(?:[A-Z][\w.'’-]{0,30} ){1,3}(?:writes (?:about|on|for)|covers|reports on) "
)
# ...or the site's blurb about itself, in a box of its own as a bio is ("Welcome to Example
# Sport, where we...", "You're reading Example, a publication about...", "In this blog I
# record...", "Example is London's longest running street fashion blog, documenting..."; not
# a live blog's "Welcome to our coverage of..."). (Every repeat bounded.)
TEXT_SITE_BLURB = re.compile(
    r"^(?:welcome to (?:[\w'’-]{1,30} ){0,5}?[\w'’-]{1,30}, where (?:we|you)|you(?:'|’)re reading"
    r"|in this blog|this (?:blog|site|website) (?:is|was|will|came|has)|we exist to"
    r"|if you(?:'|’)re new here)\b"
    r"|\b(?:is|was) (?:(?:a|an|the) )?(?:[\w'’-]{1,30} ){0,6}?(?:blog|website|publication"
    r"|diary)\b(?: about| for| dedicated| that| where| documenting| by|,)",
    re.IGNORECASE,
)
# ...of at most this many words (a profile's paragraph in a story runs longer), with no other
# prose within this many lines of its box (a story's paragraph under a subhead has some).
TEXT_BIO_MAX_WORDS = 90
TEXT_BIO_BOX_REACH = 3
MAX_ABOUT_HEADING_WORDS = 4
# The prose of such a box is at most this many paragraphs.
ABOUT_BOX_MAX_BLOCKS = 3
# Page text: words that open a byline or a filing line, not a standfirst.
BYLINE_OPENERS = frozenset(
    ["by", "posted", "written", "submitted", "filed", "published", "updated", "modified"]
)
# Words of prose before the first marker for it to count as the story above a thread.
MIN_PROSE_BEFORE_COMMENTS = 40.0
# Headings that open a list of other articles.
SIDEBAR_HEADING = re.compile(
    r"^(?:related(?: \w+)?|more (?:from|on|in|news|stories)\b.{0,40}|most (?:read|popular|viewed"
    r"|shared|emailed|commented)\b.{0,20}|latest(?: \w+)?|trending(?: \w+)?|popular(?: \w+)?"
    r"|recommended(?: \w+)?|top (?:stories|news|headlines)|you (?:may|might) also like"
    r"|(?:also )?read (?:more|next|also)|editor'?s picks?|in (?:other|the) news"
    r"|what to read next|don'?t miss)\W*$",
    re.IGNORECASE,
)
# Separators of a site name in a <title>: "Headline | Site", "Headline - Site".
TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+(?:[|»«›‹·:/]{1,2}|[-–—]{1,2})\s+")  # from a run's start
