"""Publication dates as pages write them, read into a day and, when the page says so, an instant.

A value with a time and a zone ("2024-03-12T10:45:00+05:00") is an instant; a day alone, or
a time without a zone, gives the day only: a midnight or a zone made up for it would be wrong
for most of the world. Every pattern is anchored and bounded (inputs are cut at
MAX_DATE_CHARS), so each read is linear. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

from pipeline.nlp.ages import is_age, resolve_age

# Longer strings are not a date value (a sentence, a script); only their start is read.
MAX_DATE_CHARS = 100
# No news page on the web is older than this; earlier years are typos or placeholders.
MIN_YEAR = 1995
MAX_YEAR = 2100
# The earliest zone in use (UTC+14): a day alone is in the future only once it has begun there.
_EARLIEST_ZONE = timezone(timedelta(hours=14))

_ISO = re.compile(
    r"\s*(?P<y>\d{4})(?P<sep>[-/.]?)(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:[T ]|\s+at\s+|,\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{1,2})(?:[.,]\d{1,9})?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?(?!\d)"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january januar janvier enero gennaio januari "
            "janeiro января январь stycznia styczeń січня leden ledna ocak "
            "يناير ιανουαρίου ιανουαριου ιανουάριος",
            "feb february februar février fevrier febrero febbraio februari "
            "fevereiro февраля февраль lutego luty лютого únor února şubat "
            "فبراير φεβρουαρίου φεβρουαριου φεβρουάριος",
            "mar march märz maerz mars marzo maart "
            "março marco марта март marca marzec березня březen března mart "
            "مارس μαρτίου μαρτιου μάρτιος",
            "apr april avril abril aprile апреля апрель kwietnia kwiecień квітня duben dubna nisan "
            "أبريل ابريل απριλίου απριλιου απρίλιος",
            "may mai mayo maggio mei maio мая май maja maj травня květen května mayıs مايو "
            "μαΐου μαιου μάιος",
            "jun june juni juin junio giugno "
            "junho июня июнь czerwca czerwiec червня červen června haziran "
            "يونيو ιουνίου ιουνιου ιούνιος",
            "jul july juli juillet julio luglio "
            "julho июля июль lipca lipiec липня červenec července temmuz "
            "يوليو ιουλίου ιουλιου ιούλιος",
            "aug august août aout agosto augustus "
            "августа август sierpnia sierpień серпня srpen srpna ağustos "
            "أغسطس اغسطس αυγούστου αυγουστου αύγουστος",
            "sep sept september septembre septiembre settembre "
            "setembro сентября сентябрь września wrzesień вересня září eylül "
            "سبتمبر σεπτεμβρίου σεπτεμβριου σεπτέμβριος",
            "oct october oktober octobre octubre ottobre "
            "outubro октября октябрь października październik жовтня říjen října ekim "
            "أكتوبر اكتوبر οκτωβρίου οκτωβριου οκτώβριος",
            "nov november novembre noviembre "
            "novembro ноября ноябрь listopada listopad листопада listopadu kasım "
            "نوفمبر νοεμβρίου νοεμβριου νοέμβριος",
            "dec december dezember décembre decembre diciembre dicembre "
            "dezembro декабря декабрь grudnia grudzień грудня prosinec prosince aralık "
            "ديسمبر δεκεμβρίου δεκεμβριου δεκέμβριος",
        ),
        start=1,
    )
    for name in names.split()
}


def is_month_name(word: str) -> bool:
    """Whether a word names a month (in the languages `_MONTHS` knows), its case and a
    trailing period or comma aside."""
    return word.lower().strip(".,") in _MONTHS


_MONTH = r"(?P<mon>[^\W\d_]{3,12})\.?"  # "października": 12 letters
_YEAR = r"(?P<y>\d{4})"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?"
# "March 12, 2024", "12 March 2024", "12. März 2024", "Tuesday, 12 Mar 2024".
_WEEKDAY = r"(?:[^\W\d_]{3,9}\.?[,،]?\s+)?"  # "،": the Arabic comma
_MONTH_FIRST = re.compile(rf"\s*{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)")
_DAY_FIRST = re.compile(rf"\s*{_WEEKDAY}{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}(?!\d)")
# "12.03.2024" (day first, as where dots are written), "03/12/2024" and "26 | 01 | 2022" (read
# only when one number cannot be a month).
_NUMERIC = re.compile(
    r"\s*(?P<a>\d{1,2})(?P<sep>[./]| ?\| ?)(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"
)
# Chinese, Japanese and Korean dates: "2020年4月17日", "2020년 4월 17일".
_CJK = re.compile(r"\s*(?P<y>\d{4})\s?[年년]\s?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})\s?[日일]")
# RFC 822 dates of feeds and HTTP headers: "Tue, 12 Mar 2024 10:45:00 GMT".
_RFC822 = re.compile(r"\s*(?:[A-Za-z]{3},\s*)?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}")

# A URL's date sits in its first part; longer URLs are read this far.
MAX_URL_READ = 2_048
# A date in a URL's path: /2024/03/12/, /2024-03-12-slug, /20240312/.
_URL_DATE = re.compile(
    r"[/_-](?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)
# Other spellings, tried when that one finds none: /2024/3/12/ (no zero padding, slashes
# only), and day first /12-03-2024 (read only when the first number cannot be a month).
_URL_DATE_UNPADDED = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<m>[1-9]|1[0-2])/(?P<d>[1-9]|[12]\d|3[01])(?=/|$)"
)
_URL_DATE_DAY_FIRST = re.compile(
    r"[/_-](?P<d>\d{2})(?P<sep>[_.-])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<y>(?:19|20)\d{2})"
    r"(?=[/_.-]|$)"
)
# How a line of page text announces the article's dates, in English and the other languages
# of the dev sets: its publication ("Veröffentlichung: 04.02.2022", "Publié le 9 juin") and
# its last change ("Aktualisiert am 19.02.2020", "mis à jour le"), which is no publication.
_MODIFIED_WORDS = (
    r"(?:last )?updated|(?:last )?modified|(?:last )?edited|aktualisiert|ge[äa]ndert|editiert"
    r"|(?:letzte )?[äa]nderung"
    r"|mis à jour|actualizado|atualizado|aggiornato|bijgewerkt|zaktualizowano"
    r"|uppdaterad|opdateret|oppdatert|päivitetty|aktualizováno|ažurirano|actualizat"
    r"|güncellendi|обновлено|оновлено|ενημερώθηκε"
)
_TEXT_LABEL = (
    rf"(?P<kind>(?:first )?published|posted|created|(?P<modified>{_MODIFIED_WORDS})"
    r"|ver[öo]ffentlich(?:t|ung)|erstellt|erschienen|publiziert|publi[ée]e?|publicado"
    r"|pubblicato|gepubliceerd|opublikowano|publicerad|publicat|julkaistu|udgivet|publisert"
    r"|objavljeno|publikováno|zveřejněno|yayınlandı|yayınlanma|опубликовано|опубліковано"
    r"|δημοσιεύθηκε)"
    r"(?: on| at| am| le| el| em| il| op| den)?\s*:?\s*"
)
_TEXT_DATE = re.compile(rf"{_TEXT_LABEL}(?P<value>.{{4,80}})", re.IGNORECASE)
_LABEL = re.compile(rf"\b{_TEXT_LABEL}", re.IGNORECASE)
MAX_TEXT_DATE_LINE = 100
MAX_LABELLED_LINE = 400  # a line of labelled fields read for a "Published" one among them
MAX_BARE_LINE = 50  # a line that is a date alone, with its weekday and time
# The sentence a blog theme closes a post with ("This entry was posted on Saturday, December
# 3rd, 2011 at 10:00 and is filed under ...", "Dieser Beitrag wurde am Samstag, 3. Dezember 2011
# ... veröffentlicht"): a line too long for a date line, its date read in its opening.
_POST_FOOTER = re.compile(
    r"\s*(?:this (?:entry|post|article) was (?:posted|published)"
    r"|(?:dieser|der) (?:beitrag|eintrag|artikel) wurde)\b",
    re.IGNORECASE,
)
# ...or the sentence with the post's title first ("Literatur und Typografie wurde am 19. Mai
# 2010 um 23:03 Uhr gepostet und unter ... abgelegt"): its date right after "wurde am", then
# the verb that says it was posted (prose's "wurde am 6. Mai eröffnet" dates something else).
_TITLE_POSTED_ON = re.compile(r"\swurde am\s+", re.IGNORECASE)
_POSTED_AFTER_DATE = re.compile(
    r"(?:,?\s+(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*uhr)?)?\s+"
    r"(?:gepostet|veröffentlicht|publiziert|geschrieben|verfasst)\b",
    re.IGNORECASE,
)
MAX_FOOTER_TITLE_CHARS = 150  # where "wurde am" is looked for: after a post's title
# A full date anywhere in a short line ("Jane Doe | 12. März 2024, 10:45"): ISO, day-first
# with dots, or written out with a month name; each form bounded, so a search is linear.
_DATE_INSIDE = re.compile(
    r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2} ?\| ?\d{1,2} ?\| ?\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?\d{4}"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|(?<![\w.])\d{1,2}\.\d{1,2}\.\d{2}(?!\w|\.\d))(?!\d)"
)
# A day-first date with a two-digit year, as German bylines write it ("von Jane Doe, 8.5.12");
# read in page text only, where a version number ("1.9.22_1171") is told apart by what
# follows it.
_SHORT_YEAR = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2})")
# Two-digit years up to this one are this century's, later ones the last's (as strptime's %y).
SHORT_YEAR_PIVOT = 68


# What may follow a date that closes a line: a time, its zone, punctuation.
_TIME_TAIL = re.compile(
    r"[\s,|·•\-–—)\]]*(?:(?:um|at|à|a las)\s+)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*"
    r"(?:uhr|h|am|pm|utc|gmt|[a-z]{2,4})?\.?)?[\s|)\]]*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date the page gives: its day, and the instant when a time and zone came with it."""

    day: date
    instant: datetime | None = None  # aware

    def after(self, latest: datetime | None) -> bool:
        """Whether it lies past `latest` (aware): for a day, once that day has begun anywhere."""
        if latest is None:
            return False
        if self.instant is not None:
            return self.instant > latest
        return datetime.combine(self.day, time.min, tzinfo=_EARLIEST_ZONE) > latest


def parse_date(text: str) -> Stamp | None:
    """The date at the start of `text` (ISO 8601 / RFC 3339, RFC 822, or a day written out
    with a month name or numbers), or None."""
    text = text[:MAX_DATE_CHARS]
    if (iso := _ISO.match(text)) is not None:
        return _from_iso(iso)
    if _RFC822.match(text) is not None and (stamp := _from_rfc822(text)) is not None:
        return stamp
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        if (match := pattern.match(text)) is not None:
            month = _MONTHS.get(match["mon"].lower())
            if month is not None:
                return _day(int(match["y"]), month, int(match["d"]))
    if (cjk := _CJK.match(text)) is not None:
        return _day(int(cjk["y"]), int(cjk["m"]), int(cjk["d"]))
    if (numeric := _NUMERIC.match(text)) is not None:
        a, b = int(numeric["a"]), int(numeric["b"])
        ordered = numeric["sep"] == "."  # dots: day first; slashes and bars: either
        if not ordered and a <= 12 and b <= 12:
            return None  # 03/04/2024: April or March, depending on the country
        day, month = (b, a) if not ordered and b > 12 else (a, b)
        return _day(int(numeric["y"]), month, day)
    return None


def _from_iso(match: re.Match[str]) -> Stamp | None:
    if match["sep"] == "" and match["H"] is None and len(match["m"] + match["d"]) != 4:
        return None  # "2024312": digits without separators must be YYYYMMDD
    stamp = _day(int(match["y"]), int(match["m"]), int(match["d"]))
    if stamp is None or match["H"] is None or match["tz"] is None:
        return stamp  # no time, or a time without its zone: the day is what is known
    zone = _zone(match["tz"])
    if zone is None:
        return stamp
    try:
        instant = datetime.combine(
            stamp.day,
            time(int(match["H"]), int(match["M"]), int(match["S"] or 0)),
            tzinfo=zone,
        )
    except ValueError:
        return stamp
    return Stamp(stamp.day, instant)


def _zone(text: str) -> timezone | None:
    """The zone of an ISO offset or name; None for an offset no zone has."""
    if text in ("Z", "UTC", "GMT"):
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if text[0] == "-" else offset)


def _from_rfc822(text: str) -> Stamp | None:
    try:
        parsed = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    stamp = _day(parsed.year, parsed.month, parsed.day)
    if stamp is None or parsed.tzinfo is None:
        return stamp
    return Stamp(stamp.day, parsed)


def _day(year: int, month: int, day: int) -> Stamp | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return Stamp(date(year, month, day))
    except ValueError:
        return None


def date_in_url(url: str) -> Stamp | None:
    """The day a URL's path spells (/2024/03/12/, /2024-03-12-slug, /20240312/, /2024/3/12/,
    /29-10-2021), or None. A year and month alone are no day and give none."""
    url = url[:MAX_URL_READ]
    path_start = url.find("/", url.find("//") + 2) if "//" in url else 0
    if path_start < 0:
        return None
    match = _URL_DATE.search(url, path_start) or _URL_DATE_UNPADDED.search(url, path_start)
    if match is None:
        match = _URL_DATE_DAY_FIRST.search(url, path_start)
        if match is None or int(match["d"]) <= 12:
            return None  # 03-04-2024: April or March, depending on the country
    return _day(int(match["y"]), int(match["m"]), int(match["d"]))


# A URL's year and month without a day: /2017/09/slug (blogs, archives).
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>0[1-9]|1[0-2])(?=/)")


def month_in_url(url: str) -> tuple[int, int] | None:
    """The (year, month) a URL's path spells without a day (/2017/09/slug), or None."""
    url = url[:MAX_URL_READ]
    path_start = url.find("/", url.find("//") + 2) if "//" in url else 0
    if path_start < 0 or (match := _URL_MONTH.search(url, path_start)) is None:
        return None
    return int(match["y"]), int(match["m"])


def in_month(stamp: Stamp, month: tuple[int, int]) -> bool:
    """Whether a day lies in the month, or a day from it (a zone apart at its edges)."""
    year, number = month
    first = date(year, number, 1)
    after = date(year + number // 12, number % 12 + 1, 1)
    return first - timedelta(days=1) <= stamp.day <= after


def text_date(line: str, fetched_at: datetime | None) -> tuple[str, Stamp] | None:
    """A line of page text that dates the article ("Published 12 March 2024", "Updated: 3 hours
    ago"), as ("published" or "modified", its date); relative ages resolve against
    `fetched_at` and are dropped without it."""
    if len(line) > MAX_TEXT_DATE_LINE:
        return None
    match = _TEXT_DATE.match(line)
    if match is None:
        return None
    kind = "modified" if match["modified"] else "published"
    stamp = date_value(match["value"], fetched_at)
    return (kind, stamp) if stamp is not None else None


def labelled_date(line: str) -> Stamp | None:
    """The publication date of a line of labelled fields that dates both the article's
    publication and its last change ("Letzte Änderung: 31.10.2023 Erschienen am: 01.11.2023"),
    read in its first MAX_LABELLED_LINE characters; None for any other line."""
    published: Stamp | None = None
    changed = False
    line = line[:MAX_LABELLED_LINE]
    if not any(ch.isdigit() for ch in line):
        return None  # no date to read: the labels' long alternation is not searched for
    for match in _LABEL.finditer(line):
        if (stamp := date_value(line[match.end() : match.end() + 80], None)) is None:
            continue
        if match["modified"]:
            changed = True
        elif published is None:
            published = stamp
    return published if changed else None


def footer_date(line: str) -> Stamp | None:
    """The date of a blog post's closing sentence ("This entry was posted on ...", "<title>
    wurde am 19. Mai 2010 gepostet"), read in its first characters, or None for any other
    line."""
    if _POST_FOOTER.match(line) is not None:
        return date_inside(line[:MAX_TEXT_DATE_LINE])
    return titled_post_date(line)


def titled_post_date(line: str) -> Stamp | None:
    """The date of a blog theme's sentence that names the post by its title first ("<title>
    wurde am 19. Mai 2010 um 23:03 Uhr gepostet"), or None for any other line: naming the
    post, it dates it wherever the theme puts it (a sidebar's "about this article" box)."""
    head = line[: MAX_FOOTER_TITLE_CHARS + MAX_TEXT_DATE_LINE]
    posted = _TITLE_POSTED_ON.search(head, 0, MAX_FOOTER_TITLE_CHARS)
    if posted is None:
        return None
    found = _DATE_INSIDE.match(head, posted.end())
    if found is None or _POSTED_AFTER_DATE.match(head, found.end()) is None:
        return None
    return _found_date(found.group())


def date_inside(line: str) -> Stamp | None:
    """The first full date written anywhere in a line of at most MAX_TEXT_DATE_LINE
    characters (a month name must be one: "in 12 cases 2024" is none)."""
    if len(line) > MAX_TEXT_DATE_LINE:
        return None
    for match in _DATE_INSIDE.finditer(line):
        stamp = _found_date(match.group())
        if stamp is not None:
            return stamp
    return None


def dates_inside(line: str) -> list[Stamp]:
    """Every full date written in a line of at most MAX_TEXT_DATE_LINE characters."""
    if len(line) > MAX_TEXT_DATE_LINE:
        return []
    found = (_found_date(match.group()) for match in _DATE_INSIDE.finditer(line))
    return [stamp for stamp in found if stamp is not None]


def _found_date(found: str) -> Stamp | None:
    """A date `_DATE_INSIDE` found, read."""
    stamp = parse_date(found) or parse_date(found.replace(". ", "."))  # "12. 03. 2024"
    if stamp is not None:
        return stamp
    short = _SHORT_YEAR.fullmatch(found)
    if short is None:
        return None
    year = int(short["y"])
    year += 2000 if year <= SHORT_YEAR_PIVOT else 1900
    return _day(year, int(short["m"]), int(short["d"]))


# Numbers that may write a day whatever the country's order: 03/05/2022, 2022. 05. 03., 3-5-22.
_NUMERIC_ANY = re.compile(r"(?<!\d)(\d{1,4})([./-]) ?(\d{1,2})\2 ?(\d{2,4})(?!\d)")


def days_written(line: str) -> set[date]:
    """Every day a line of at most MAX_TEXT_DATE_LINE characters may write: the dates
    `dates_inside` reads, and each reading of a numeric date whose order is unknown
    ("03/05/2022": 3 May or 5 March). To check a day found elsewhere, not to find one."""
    days = {stamp.day for stamp in dates_inside(line)}
    if len(line) > MAX_TEXT_DATE_LINE:
        return days
    for match in _NUMERIC_ANY.finditer(line):
        first, middle, last = match[1], int(match[3]), match[4]
        if len(first) == 4:
            readings = [(int(first), middle, int(last))]  # year first: y-m-d
        elif len(first) <= 2 and len(last) in (2, 4):
            year = int(last) + (0 if len(last) == 4 else 2000)
            readings = [(year, middle, int(first)), (year, int(first), middle)]
        else:
            continue
        days.update(stamp.day for y, m, d in readings if (stamp := _day(y, m, d)) is not None)
    return days


def date_at_edge(line: str) -> Stamp | None:
    """The full date a short line opens or closes with (a time may follow it): "27.01.2022
    News desk", "By Jane Doe · 12 March 2024, 10:45"; a date inside a phrase ("the minutes
    of 5.8.2019 accepted") is none."""
    if len(line) > MAX_TEXT_DATE_LINE:
        return None
    match = _DATE_INSIDE.search(line)
    if match is None:
        return None
    opens = not line[: match.start()].strip(" \t|·•-–—:,([")
    closes = _TIME_TAIL.fullmatch(line, match.end()) is not None
    if not (opens or closes):
        return None
    return _found_date(match.group())


# What may stand before a date that is a line's whole text: a weekday ("mardi", "Tue.").
_WEEKDAY_BEFORE = re.compile(r"[^\W\d_]{2,12}\.?[,،]?\s*")


def date_alone(line: str) -> Stamp | None:
    """The date of a line that is nothing else (a weekday may open it, a time close it):
    "mardi 10.12.19", "12 March 2024, 10:45". A headline with a date in it is none."""
    if len(line) > MAX_BARE_LINE:
        return None
    match = _DATE_INSIDE.search(line)
    if match is None:
        return None
    before = line[: match.start()].strip(" \t|·•-–—:,([")
    if before and _WEEKDAY_BEFORE.fullmatch(before) is None:
        return None
    if _TIME_TAIL.fullmatch(line, match.end()) is None:
        return None
    return _found_date(match.group())


# What follows a date that opens a story ("31. Oktober 2023. Dragqueens sind ...", "July 7,
# 2020 The letter ..."): punctuation, then a sentence's capital; "March 12, 2024, the ..."
# is a phrase of the story, not its date.
_STORY_AFTER_DATE = re.compile(r"[\s.,:;|·•\-–—]*\s[^\W\d_]")


def date_opening_story(paragraph: str) -> Stamp | None:
    """The full date a story's first paragraph opens with, as a dateline gives it, or None."""
    opening = paragraph[:MAX_DATE_CHARS]
    match = _DATE_INSIDE.match(opening)
    if match is None:
        return None
    after = _STORY_AFTER_DATE.match(opening, match.end())
    if after is None or not after.group()[-1].isupper():
        return None
    return _found_date(match.group())


def date_value(text: str, fetched_at: datetime | None) -> Stamp | None:
    """A date written out (as parse_date reads it) or an age ("3 hours ago", "yesterday")
    resolved against `fetched_at` (aware): an age in units is an instant, a day's name a day."""
    stamp = parse_date(text)
    if stamp is not None or fetched_at is None or fetched_at.tzinfo is None or not is_age(text):
        return stamp
    resolved = resolve_age(text, fetched_at)
    if resolved is None:
        return None
    lowered = text.lower()
    if "ago" in lowered or "just now" in lowered:
        return Stamp(resolved.date(), resolved)
    return _day(resolved.year, resolved.month, resolved.day)
