"""Country tagging: which countries a story mentions, how much, and which it is about.

A pure function over plain text (no Kafka, no model). One compiled regex finds the capitalised
phrases; inside them each capitalised token starts a few dictionary look-ups in the gazetteer
(`pipeline.nlp.gazetteer`), so the cost grows with the text, not with the 80k names.

Resolution follows the document, as GeoNames-based taggers such as CLIFF do:

1. names of one country that can place a story alone (country names and aliases, demonyms,
   capitals, regions, large cities) are *evidence* for that country;
2. a name shared by several countries goes to the one the evidence points at ("Georgia" beside
   Atlanta is the US state, beside Tbilisi the country); without evidence it goes to a clearly
   dominant candidate or stays unresolved rather than guessed; a clock time in a North
   American time zone ("7 a.m. CT") counts for the United States there, as a named country
   would ("the Birmingham festival" is Alabama's);
3. a small town counts only when the story names its country some other way; one that spaCy
   tags as a place (GPE/LOC) may stand alone, but only in a story that names no other
   country's places (beside them it is more often a namesake the gazetteer lacks);
4. a region or country right after a place ("Stroud, Ontario") says which country the place is
   in: the place keeps only its candidates there, or goes when it has none (so does a
   country's name before another country's region: "Poland, Ohio"); items of a list of places
   ("India, Tibet, Nepal") do not qualify each other; so does a US state's or Canadian
   province's postal abbreviation ("Reston, VA", "HORRY COUNTY, SC (WMBF) -"), which also
   makes the place a place for sure, as a GPE label would; a name before a lower-case
   "county" or "counties" ("Bergen, Essex and Hudson counties") is the county the gazetteer
   has so named, not a town (Bergen, Norway);
5. local news names small places: SETTING_PLACES (3) different small towns of one country are
   evidence for it together, and a story with that many mentions of one country's places that
   names no other candidate's country keeps a shared name at home ("Vienna" among Fairfax
   County towns is in Virginia); two different shared names the model calls places, whose
   only common country the story does not yet place, place each other there ("Dundalk" and
   "Dundrum": Ireland, not Maryland or Britain); so do the items of a list of places
   ("Perth and Dundee": Scotland) that have one country in common, when it is the country
   of one item's most prominent place;
6. a town or region before an office or public body's word ("Oklahoma Gov.", "St. Louis
   Police", "Manitoba Premier") or in the possessive ("Manitoba's Opposition New Democrats")
   places the story even inside an organisation's name; inside other organisations
   ("The New York Times", "Houston Rockets") it names the organisation, not the story's place;
   a shouted name followed by a word that is not shouted ("SAN ANTONIO Turner Sports analyst",
   a dateline without its dash) is a name on its own, glued into no longer one.

Focus (which countries the story is about), CLIFF's most-mentioned rule on weighted mentions:

* each resolved mention weighs 3 in the title, 2 in the lead, 1 further down; the lead is the
  first paragraph up to the end of the sentence that runs past 200 characters (a text without
  paragraph breaks is not all lead);
* the country of the dateline ("HANOI (Reuters) -") gains 2, a second lead mention, when the
  story names it;
* the focus countries are those with at least 0.7 of the top country's weight (both sides of a
  bilateral story, not the context quoted behind it);
* countries are ordered by weight, then by the number of mentions of places inside them
  (towns, regions: a story is set among its places, and names countries for reference), then
  by the number of different names they are named by, then by where the text first names
  them; the first is the top country.

Why not CLIFF's plain count (most mentions plus ties)? The geo dev sets have no hand-coded
focus, so bench/countries.py scores focus against that very count on the gold toponyms: a
count over our mentions agrees with it more often on the *set* (it marks a second country only
on an exact tie, where 0.7 marks a bilateral story's second side), but on the tuning halves it
found the reference country in fewer documents (hit) and put it first less often (top-1) on
GeoVirus, and did no better on GeoWebNews: those are the two figures hand-coded focus is scored
by, and lead weight (1 to 3), dateline weight (0 to 2) and share (0.6 to 1) moved them by a
document or two (the comparison is the "CLIFF-on-ours" column in bench/RESULTS.md). What still
misses the focus is mostly the mentions, not the rule: places the gazetteer lacks, a name
resolved to a namesake, a company named like a country.

A demonym that ends its clause, or stands before an auxiliary, a verb of saying, "to" or a
preposition, is a noun for people, a team or a language ("an Australian,", "studying
Portuguese.", "The Irish need", "Canadians in need"), not a place, and is not matched; nor
is one that names a language, after a verb of language or before a word of language ("speaks
French", "translated from Russian", "a Japanese word", "French-language", "Chinese
speakers"), nor one that names a cuisine ("Moroccan cuisine", "a Vietnamese restaurant",
"Bosnian food in Astoria"), nor one that names a time zone ("at 6pm British time").

A shouted "US" after a call to action ("FOLLOW US", "CONTACT US") is the pronoun.

The places of a wire story's credit line ("(Reporting by Jane Doe in Amman; Editing by ...)")
are where its reporters sat, not where the story is, and do not count.

A country's or capital's name before a street's or crossing's word ("Holland Tunnel", "Jordan
Street") names the way, which lies elsewhere, not the place.

A shouted town or region name that the text defines as an acronym of something that is no
place ("African Leaders Malaria Alliance (ALMA)") is that acronym throughout the text.

A small town's one-word name that opens a sentence and that the text also writes in lower
case is that word ("Many said ... many more", "Media reports ... the media"), not the town.

Mentions inside a non-place entity (the "New York Times" ORG, "Jordan" as a PERSON) are dropped
when the spaCy entities are given, and so is a town or region named like the last word of a
person the text names in full ("Luis Gomes Sambo ... Sambo said": a surname, not a town). So
is one named like the last word of a name after a person's title ("President Obama ... images
of Obama"), entities or not.

With the model's entities (`ner`), the model's silence counts too: a town's or region's
one-word name that opens a sentence (or stands in a title-case headline) and that no entity
covers is a word ("Nice job!"), and a country named only once, by a town's or region's name
the model does not call a place, is dropped ("Bo could end up...", "in Gaming").
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.models import Country, Entity, Mention, Section
from pipeline.nlp.dateline import find_dateline
from pipeline.nlp.entity_spans import WEEKDAYS
from pipeline.nlp.gazetteer import TOKEN_RE, Candidate, Gazetteer, load_gazetteer, name_key

# Section weights of one mention. A headline is written to say where the story is, and the lead
# paragraph repeats it; later paragraphs bring in context (reactions, background). The bench
# could not tune these (its texts have no title): they stay at the usual 3/2/1.
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# The lead is the first paragraph, but no more than its first sentences: a news lead is a
# sentence or two (25-35 words), and a feed's summary or a page's text without paragraph breaks
# would otherwise be lead from end to end, so where a place is named would not count at all.
# The lead ends with the sentence that runs past this many characters.
LEAD_MAX_CHARS = 200
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')]?\s")
# The dateline ("ISLAMABAD (Reuters) -", "Severn, Md. —") says where the story was filed, in
# local and national news nearly always the place it is about: its country weighs as if the lead
# named it once more. It never brings in a country the story does not otherwise name.
DATELINE_WEIGHT = LEAD_WEIGHT
# A country is a focus when its weight is at least this share of the top country's weight:
# bilateral stories ("Pakistan-US ties", the seed at 0.74) have two focus countries, a passing
# mention has none. 0.7 from the tuning half: at 0.6 a country quoted for context close behind
# the top one was marked too often against CLIFF's rule on the gold toponyms (see
# bench/RESULTS.md); above 0.74 the seed's bilateral story keeps one side.
FOCUS_SHARE = 0.7
# A city or region this prominent (population, or the region stand-in of the gazetteer) places a
# story on its own; smaller towns need their country named elsewhere in the story.
STANDALONE_PROMINENCE = 100_000
# Without evidence, a shared name goes to its most prominent place only when that place is this
# many times more prominent than the next country's ("Paris": France, not Texas).
DOMINANCE_RATIO = 5.0
# How much the story's other places count against population when a name is shared, in powers
# of ten: a town in a country whose other places the story names competes with a place 30 times
# its size (10**1.5); one in a country the story only names, with a place 10 times its size.
LOCAL_BONUS = 1.5
NAMED_BONUS = 1.0
# A story that names this many places inside one country (towns, regions) is set there.
SETTING_PLACES = 3
# A clock time in a North American time zone ("7 a.m. CT", "8:30 p.m. ET", "9:30 Eastern
# Time") says where the story's readers are: among a shared town's or region's candidates the
# United States counts as a country the story names ("the Birmingham festival ... 7 a.m. CT"
# is Alabama's); it names no country and places no small town by itself. A zone's initials
# count only after "a.m." or "pm" ("3 CT scans" are no time).
_ZONE_NAME = r"(?:Eastern|Central|Mountain|Pacific)(?: Standard| Daylight)? Time\b"
_TIME_ZONE_RE = re.compile(
    rf"\b\d{{1,2}}(?:(?:[:.]\d\d)? ?(?:[ap]\.m\.|[AaPp][Mm]) \(?(?:[ECMP][SD]?T\b|{_ZONE_NAME})"
    rf"|[:.]\d\d \(?{_ZONE_NAME})"
)
TIME_ZONE_COUNTRY = "US"
# Shared place names paired to find their one common country: bounds the quadratic pairing.
CORROBORATION_CAP = 12
# spaCy labels whose spans are not places: a gazetteer match inside one does not place the story.
NON_PLACE_LABELS = frozenset(
    {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}
)
# An all-capitals word this long is read as a shouted name ("BEIRUT", "ROME"); shorter ones are
# acronyms ("EST", "CAN") that happen to spell a place.
MIN_SHOUTED_LENGTH = 4
# spaCy labels of places: an exact GPE/LOC span lets a small town count without other evidence.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Country names that people carry as given names or surnames; an exact PERSON span on one of them
# is believed. On any other country name it is the small model's mistake ("Botswana").
PERSON_COUNTRY_NAMES = frozenset(
    {"Jordan", "Chad", "Georgia", "India", "Israel", "Kenya", "America", "Trinidad"}
)
# People are named after places ("Jordan", "Georgia", "Chad"): a PERSON span that merely
# overlaps a match is enough to drop it. Other labels drop it only when they are longer than it
# ("The Washington Post"), since spaCy also tags bare country names as ORG at times.
PERSON_LABEL = "PERSON"
# A demonym right before one of these (or at the end) is a noun, not an adjective.
DEMONYM_KIND = "d"
CLAUSE_ENDS = frozenset('.,;:!?)]—–"”\n')
# "an American and an Australian": a demonym coordinated with a noun phrase is a noun too.
_NOUN_PAIR_RE = re.compile(r" (?:and|or) (?:an?|the) ")
# A demonym right before an auxiliary, a verb of saying, "to" or a preposition is a noun too:
# the subject or object of a clause ("The Irish need 85 points", "for French to gain", "the
# Dutch in Curaçao"), where an adjective would stand before its noun.
_VERB_OR_PREPOSITION_RE = re.compile(
    r" (?:is|are|was|were|has|have|had|will|would|can|could|should|shall|may|might|must|need|"
    r"needs|do|does|did|say|says|said|to|of|in|at|for|from|with|by|on|who|which|that)\b"
)
# A demonym that names a language, not people or a state: right after a verb or phrase of
# language ("speaks French", "fluent in Japanese", "translated from Russian", "dubbed into
# German") or right before a word of language ("a Japanese word", "French-language", "Chinese
# speakers", "Russian subtitles"). A language is spoken far beyond its country, and gold
# toponyms mark the adjective about people or a state ("a Japanese man", "French troops").
_LANGUAGE_VERB = (
    r"(?:speaks?|speaking|spoke|spoken|fluent(?:ly)? in|fluency in|"
    r"(?:translated|translating|translation|dubbed|subtitled|written|rendered) (?:in|into|from)|"
    r"dubbed|subtitled)"
)
# Verbs of learning name a language only before a list of them ("learn French or Spanish"):
# "learned British troops had left" is no language.
_LEARNING_VERB = r"(?:learn|learns|learning|learned|learnt|teach|teaches|teaching|taught|study)"
_LANGUAGE_ITEM = r" [A-Z][a-z]{1,20}(?:,| and| or)"  # an earlier item of a list of languages
_LANGUAGE_BEFORE_RE = re.compile(
    rf"\b(?:{_LANGUAGE_VERB}(?:{_LANGUAGE_ITEM})?|{_LEARNING_VERB}{_LANGUAGE_ITEM}) $",
    re.IGNORECASE,
)
_LEARNING_BEFORE_RE = re.compile(rf"\b{_LEARNING_VERB} $", re.IGNORECASE)
_LIST_AFTER_RE = re.compile(r"(?:,| and| or) [A-Z]")
# characters before the demonym searched for a cue: the longest verb and one earlier item
LANGUAGE_LOOKBACK = len("translating into ") + len(" Xxxxxxxxxxxxxxxxxxxx and")
_LANGUAGE_AFTER_RE = re.compile(
    r"[ -](?:language|languages|word|words|term|terms|phrase|phrases|expression|expressions|"
    r"idiom|idioms|proverb|accent|accents|dialect|dialects|subtitles|subtitled|dubbed|"
    r"translation|translations|speaker|speakers|speaking|dictionary|grammar|vocabulary|"
    r"alphabet|pronunciation|spelling|lesson|lessons)\b",
    re.IGNORECASE,
)
# A demonym before a word of cooking names a cuisine, cooked and served anywhere ("Moroccan
# cuisine", "a Vietnamese restaurant", "Thai dishes", "French-style"); "food" only where its
# noun phrase ends ("Bosnian food in Astoria"), since "Chinese food exports" are China's.
_CUISINE_AFTER_RE = re.compile(
    r"(?: (?:cuisine|cuisines|cooking|restaurant|restaurants|eatery|eateries|bistro|takeaway|"
    r"takeout|recipe|recipes|dish|dishes)\b"
    r"| foods?(?=[.,;:!?)\n]| (?:and|or|in|at|with|is|was|are|were|that|which)\b)|-style\b)"
)
# A demonym between a clock time and "time" names a time zone ("at 6pm British time", "9 a.m.
# Japanese time"), which readers anywhere set their clocks by, not a place of the story.
_ZONE_AFTER_RE = re.compile(r" (?:[Ss]ummer |[Ss]tandard |[Dd]aylight )?[Tt]ime\b")
_CLOCK_BEFORE_RE = re.compile(r"\d(?: ?[ap]\.m\.| ?[AaPp][Mm]|[:.]\d\d) $")
CLOCK_LOOKBACK = len("12:30 p.m. ")  # characters before the demonym searched for the clock
# ... unless a copula comes right before it ("were British."): then it is an adjective.
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "become", "became"})
COPULA_WINDOW = 12  # characters before the demonym searched for the copula
# One capitalised word and a space: the start of a name before a demonym ("Percy French").
_GIVEN_NAME_RE = re.compile(r"(?!The )[A-Z][a-z]+ ")
# Kinds that name a whole country; other kinds are places inside one.
COUNTRY_KINDS = frozenset({"c", "d"})
# Towns and regions (not countries, demonyms or capitals): the names the model's silence can
# overrule where capitals say nothing (`tag_countries`' `ner`).
LOCAL_KINDS = frozenset({"t", "a"})
# A title-case headline: at least this many words longer than this many letters, all of them
# capitalised ("Serbia Becomes a Hub for Surgery"; "of", "a", "for" are left lower case).
TITLE_CASE_MIN_WORDS = 3
TITLE_CASE_MIN_LENGTH = 3
# Kinds kept even when glued to another capitalised word ("Pakistan Foreign Office", "Moscow
# Mayor"); towns and regions are not ("George Bush", "Kennedy Center").
ADJACENCY_EXEMPT = frozenset({"c", "d", "p"})
# Kinds that place a story whatever their size.
ALWAYS_STRONG_KINDS = frozenset({"c", "d", "p"})
# "Stroud, Ontario", "Vienna, Va.", "Paris, Texas": a region's or country's name right after a
# place and this separator says which country the place is in.
QUALIFIER_SEPARATOR = ", "
# US and Canadian postal abbreviations of states and provinces, which local news and TV station
# datelines write after a town ("HORRY COUNTY, SC (WMBF) -", "Kingston, ON"): two capitals,
# so never looked up alone ("MD" and "PA" are degrees, "IN" and "OR" words), only as a
# qualifier right after a place.
_US_POSTAL = """
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
    NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC
"""
_CA_POSTAL = "AB BC MB NB NL NS NT NU ON PE QC SK YT"
POSTAL_REGIONS: dict[str, str] = {
    **{abbreviation: "US" for abbreviation in _US_POSTAL.split()},
    **{abbreviation: "CA" for abbreviation in _CA_POSTAL.split()},
}
_CAPITALISED_BEFORE_RE = re.compile(r"\b[A-Z][A-Za-z]* $")
POSTAL_LOOKBACK = 20  # characters searched for that word
_POSTAL_RE = re.compile(r", ([A-Z]{2})(?![\w.'’&-])")
# Kinds that can qualify a place that way (a state or province, a country), each with the kinds
# of place it cannot qualify (a region does not qualify a region: "Texas, Oklahoma" is a list).
QUALIFIER_KINDS = frozenset({"a", "c"})
QUALIFIED_BY = {"a": frozenset({"a", "c", "d"}), "c": frozenset({"c", "d"})}
# The words of a qualifier: up to three capitalised words ("New South Wales", "Va.").
_QUALIFIER_RE = re.compile(r"[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}")
# After a qualifier, what makes it an item of a list rather than a qualifier.
_LIST_GOES_ON_RE = re.compile(r",? (?:and |or )?[^\W\d_a-z]|, (?:and |or )")
REGION_KIND = "a"
# A qualifier followed by another capitalised word is part of a longer name.
_NEXT_CAPITAL_RE = re.compile(r" [^\W\d_a-z]")
# A name before a lower-case "county" or "counties", perhaps as an item of a list ("Marin
# county", "Bergen, Essex and Hudson counties", as US news writes them), names the county the
# gazetteer has as "Bergen County", not a town of that name (Bergen, Norway). Items and their
# words are bounded, so each match reads a bounded stretch of text.
_COUNTIES_RE = re.compile(
    r"(?:(?:, |,? and |,? or )[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30})?){0,6} count(?:y|ies)\b"
)
COUNTY_SUFFIX = " County"
# A person's title or honorific before a name ("President Obama", "Gov. Bobby Jindal", "Mr
# Sambo"): its last word is that person's surname wherever the text repeats it ("images of
# Obama"), as a full name's is. Titles that also open place names ("King County", "Prince
# George", "General Santos") are left out.
_TITLED_NAME_RE = re.compile(
    r"\b(?:President|Mr|Mrs|Ms|Dr|Gov|Governor|Sen|Senator|Rep|Mayor|Chancellor|Judge|Coach|Pope)"
    r"\.? (?:[A-Z][a-z]+ ){0,2}([A-Z][a-z]+)\b(?![ -]?[A-Z])"
)
# What joins two items of a list of places: ", ", " and ", ", and ", " or ", "; ".
_LIST_JOINT_RE = re.compile(r"(?:,|;)? (?:and |or )?|, ")
LIST_JOINT_MAX = len(", and ")  # the longest of them
# Texts whose scans are kept (a title and a story, twice over in `settle`).
SCAN_CACHE_SIZE = 4
# A wire story's credit line ("(Reporting by Jane Doe in Amman and John Roe in Antakya, Turkey;
# Editing by ...)") names where its reporters sat, not where the story is: its places do not
# count. The credit runs to its closing parenthesis or the end of its line, bounded.
_CREDIT_RE = re.compile(r"\b(?:[Rr]eporting|REPORTING) [Bb][Yy] [^()\n]{0,300}")
CREDIT_CUE = "eporting "  # the regex runs only in texts that write it
# Capitalised phrases: capitalised words joined by at most two characters of space, hyphen,
# period or apostrophe ("St. Louis", "Guinea-Bissau"), possibly through the lower-case particles
# of place names ("Bosnia and Herzegovina", "Côte d'Ivoire", "Isle of Man", "Dar es Salaam",
# "Frankfurt am Main", "Deir ez-Zor", "São José dos Campos"). A comma, a line
# break or any other word ends a phrase. `[^\W\d_a-z]` is a letter that is not ASCII lower case;
# the scanner checks `str.isupper` on what it finds.
_CAPITAL_WORD = r"(?:[A-Z]\.){2,}|[^\W\d_a-z]\w*"
_GAP = r"[ \-.'’]{1,2}"
_PARTICLE = (
    r"(?:of|and|the|de|du|da|do|del|la|le|les|los|das|dos|al|el|d|s|au|aux|upon|on|en|y|am|"
    r"es|et|ez|az|ad|ash|ech|va|og|ya|wa)"
)
PHRASE_RE = re.compile(rf"(?:{_CAPITAL_WORD})(?:{_GAP}(?:{_PARTICLE}{_GAP})*(?:{_CAPITAL_WORD}))*")
_ONE_WORD_RE = re.compile(r"\w+")
# Shouted verbs whose object "US" is the pronoun in page furniture and calls to action
# ("FOLLOW US", "CONTACT US", "EMAIL US"); prepositions and verbs a shouted headline puts
# before the country are left out ("FLIGHTS TO US", "PUTIN TO VISIT US", "UK TO JOIN US").
_OBJECT_VERB_RE = re.compile(
    r"\b(?:CALL|CONTACT|E-?MAIL|FIND|FOLLOW|LIKE|MESSAGE|TELL|TEXT|WRITE) $"
)
OBJECT_VERB_LOOKBACK = 9  # characters before "US" searched for the verb and its space
# Capitalised words that may stand right before or after a town's name without making it part
# of a person's or an organisation's name.
PLACE_PREFIXES = frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Greater",
        "Upper",
        "Lower",
        "Downtown",
        "Suburban",
        "Metro",
        "Old",
        "New",
        "Inner",
        "Outer",
        "Mid",
        "Rural",
        "Urban",
    ]
)
PLACE_SUFFIXES = frozenset(
    [
        "County",
        "City",
        "Province",
        "State",
        "Region",
        "District",
        "Valley",
        "Island",
        "Islands",
        "Bay",
        "Area",
        "Municipality",
        "Prefecture",
        "Governorate",
        "Metropolitan",
        "Division",
        "Territory",
        # the units other countries' news names after a town ("Kursk Oblast", "Krasnodar Krai")
        "Oblast",
        "Krai",
        "Okrug",
        "Raion",
        "Voivodeship",
        "Canton",
        "Emirate",
        "Peninsula",
    ]
)
# Offices and public bodies named after the place they serve ("Oklahoma Gov.", "Maryland State
# Police", "St. Louis Police", "Kentucky Department of Education", "California Democrats"): a
# town or region right before one of these places the story, inside an organisation's name too,
# unlike one that names a paper, a firm or a team ("The New York Times", "Houston Rockets").
INSTITUTION_WORDS = frozenset(
    [
        "Gov",
        "Governor",
        "Lt",
        "Mayor",
        "Sen",
        "Senator",
        "Rep",
        "Representative",
        "Assemblyman",
        "Assemblywoman",
        "Attorney",
        "Sheriff",
        "Police",
        "PD",
        "Department",
        "Dept",
        "Council",
        "Legislature",
        "Assembly",
        "Senate",
        "Board",
        "Schools",
        "Public",
        "Unified",
        "Democrats",
        "Republicans",
        "GOP",
        "Fire",
        "Court",
        "Superior",
        "Circuit",
        "Commission",
        "Commissioners",
        "Supervisors",
        "Highway",
        "Patrol",
        "Sanitation",
        "Penal",
        "Township",
        "Parish",
        "Borough",
        "Municipal",
        "Chamber",  # "the Lagos Chamber of Commerce" serves the city's firms
        # A province's or state's government and courts ("Manitoba Premier", "Delhi High
        # Court", "Peel Regional Police", "Punjab Chief Minister").
        "Premier",
        "Chief",
        "Minister",
        "Ministry",
        "Government",
        "Parliament",
        "Provincial",
        "Regional",
        "High",
    ]
)
_NEXT_WORD_RE = re.compile(r" ([A-Z][A-Za-z]*)")
# Streets and crossings named after a country or a capital ("Holland Tunnel", "Jordan Street",
# "Washington Square") lie elsewhere: the name names the way, not the place.
THOROUGHFARE_WORDS = frozenset(
    [
        "Street",
        "St",
        "Avenue",
        "Ave",
        "Road",
        "Rd",
        "Boulevard",
        "Blvd",
        "Lane",
        "Drive",
        "Square",
        "Tunnel",
        "Bridge",
        "Highway",
        "Expressway",
        "Freeway",
        "Turnpike",
        "Parkway",
    ]
)
# A place's possessive opening an organisation's name is the place ("Manitoba's Opposition New
# Democrats", "Immokalee's Complete Streets project"): a paper or a firm is not named so.
_POSSESSIVE_RE = re.compile(r"['’]s\b")
# The lower-case word after a name, which may make a fixed expression with it; a hyphen joins
# them too ("a Greek-letter fraternity", "Swiss-cheese memory").
_LOWER_WORD_RE = re.compile(r"[ -]([a-z]+)")
# Lower-case words: a small town's name that opens a sentence and that the text also writes in
# lower case is that word ("Many said", "Media reports ... the media"), not the town.
_LOWER_WORDS_RE = re.compile(r"\b[a-z]+\b")
# An acronym the text defines in parentheses ("the African Leaders Malaria Alliance (ALMA)"):
# written shouted, it is that acronym throughout the text, not a town or region spelled the
# same (a country's, "(DRC)", is still the country).
# Its words are bounded (60 characters, possessive): a search tries every capital, and with
# unbounded words each try read the rest of a long run of capitals (quadratic).
_ACRONYM_RE = re.compile(
    r"([A-Z][\w.'’-]{0,60}+(?: (?:[A-Z][\w.'’-]{0,60}+|of|and|the|for|on)){0,8}) \(([A-Z]{2,})\)"
)


@dataclass(frozen=True, slots=True)
class _Match:
    section: Section
    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    weight: float
    # spaCy tagged exactly this span GPE/LOC: a place for sure, though not which one.
    confirmed: bool = False

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c.country for c in self.candidates)


def _strong(candidate: Candidate) -> bool:
    return candidate.kind in ALWAYS_STRONG_KINDS or candidate.prominence >= STANDALONE_PROMINENCE


def _scan(gazetteer: Gazetteer, section: Section, text: str, lead_end: int) -> Iterator[_Match]:
    """Longest gazetteer matches, left to right, inside the text's capitalised phrases.

    The phrase regex runs in C over the whole text, so Python only looks at the few spans that
    could hold a name; inside a phrase each capitalised token starts at most a handful of
    dictionary look-ups (bounded by the longest name with that first token).
    """
    names, max_tokens = gazetteer.names, gazetteer.max_tokens
    lower_words: frozenset[str] | None = None  # the text's lower-case words, when first needed
    acronyms: frozenset[str] | None = None  # the acronyms it defines, when first needed
    counties = " count" in text  # "Bergen county", "Bergen and Essex counties"
    credits = [m.span() for m in _CREDIT_RE.finditer(text)] if CREDIT_CUE in text else []
    for phrase in PHRASE_RE.finditer(text):
        offset, phrase_end = phrase.span()
        word = phrase.group()
        if (
            word not in max_tokens
            and _ONE_WORD_RE.fullmatch(word)
            and not word.isupper()
            and not text.startswith(".", phrase_end)
        ):
            continue  # the common case: one capitalised word that names nothing
        tokens = [
            (m.start() + offset, m.end() + offset, m.group())
            for m in TOKEN_RE.finditer(phrase.group())
        ]
        matched = [False] * len(tokens)
        i = 0
        while i < len(tokens):
            start, _, word = tokens[i]
            if not word[0].isupper() or _compound_tail(text, tokens, i, matched):
                i += 1
                continue
            found, candidates = _lookup(names, max_tokens, tokens, i)
            end = tokens[i + found - 1][1] if found else tokens[i][1]
            if found <= 1 and text.startswith(".", tokens[i][1]) and word + "." in names:
                # "Md.", "Calif.", and "Pa." before the town of Burkina Faso called "Pa"
                candidates = names[word + "."]
                found, end = 1, tokens[i][1] + 1
            if counties and _COUNTIES_RE.match(text, end):
                # "Bergen, Essex and Hudson counties": each is a county, not a town so named
                county = names.get(text[start:end] + COUNTY_SUFFIX)
                if county is not None:
                    candidates, found = county, max(found, 1)
            if candidates is None:
                i += 1
                continue
            for k in range(i, i + found):
                matched[k] = True
            if (
                text.startswith("$", end)
                or _shouted_pronoun(text, start, end)
                or _bare_demonym(text, start, end, candidates)
                or _language(text, start, end, candidates)
                or _cuisine(text, end, candidates)
                or _time_zone(text, start, end, candidates)
                or _fixed_expression(names, tokens, i, found, text, end)
                or _thoroughfare_after(text, end)
            ):
                i += found  # a currency ("US$5m"), people or a language, a food, a street
                continue
            if section == "title":
                weight = TITLE_WEIGHT
            elif start < lead_end:
                weight = LEAD_WEIGHT
            else:
                weight = BODY_WEIGHT
            if (
                candidates
                and all(c.kind not in ADJACENCY_EXEMPT for c in candidates)
                and _part_of_longer_name(text, tokens, i, found)
            ):
                i += found
                continue
            if (
                found == 1
                and candidates
                and word.isupper()
                and all(c.kind not in ALWAYS_STRONG_KINDS for c in candidates)
            ):
                if acronyms is None:
                    acronyms = _acronyms(names, text)
                if word in acronyms:
                    i += found  # "(ALMA)": an acronym the text defines, not the town
                    continue
            if (
                found == 1
                and candidates
                and not any(_strong(c) for c in candidates)
                and _sentence_initial(text, start)
            ):
                if lower_words is None:
                    lower_words = frozenset(_LOWER_WORDS_RE.findall(text))
                if word.lower() in lower_words:
                    i += found  # "Many said", "Media reports": the text writes it as a word
                    continue
            if credits and _inside(credits, start):
                i += found  # "(Reporting by Jane Doe in Amman": the reporter's town
                continue
            yield _Match(section, start, end, text[start:end], candidates, weight)
            i += found


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def _scanned(section: Section, text: str, lead_end: int) -> tuple[_Match, ...]:
    """The matches of one text, kept for the next call: `settle` tags a story twice (with and
    without the entities it may relabel), and the scan does not depend on the entities."""
    return tuple(_scan(load_gazetteer(), section, text, lead_end))


def _acronyms(names: Mapping[str, tuple[Candidate, ...]], text: str) -> frozenset[str]:
    """The acronyms the text defines for names that are no place: "African Leaders Malaria
    Alliance (ALMA)" gives ALMA, "New South Wales (NSW)" nothing."""
    found = set()
    for definition in _ACRONYM_RE.finditer(text):
        words = definition.group(1).split(" ")
        if not any(names.get(" ".join(words[k:])) for k in range(len(words))):
            found.add(definition.group(2))
    return frozenset(found)


def _lookup(
    names: Mapping[str, tuple[Candidate, ...]],
    max_tokens: Mapping[str, int],
    tokens: Sequence[tuple[int, int, str]],
    i: int,
) -> tuple[int, tuple[Candidate, ...] | None]:
    """The longest name starting at token i: (its length in tokens, its candidates)."""
    word = tokens[i][2]
    shout = word.isupper() and word.isalpha()
    longest = max(max_tokens.get(word, 0), max_tokens.get(word.title(), 0) if shout else 0)
    for n in range(min(longest, len(tokens) - i), 0, -1):
        key = " ".join(t[2] for t in tokens[i : i + n])
        candidates = names.get(key)
        if (
            candidates is None
            and shout
            and key.isupper()
            and (n > 1 or len(word) >= MIN_SHOUTED_LENGTH)
        ):
            # datelines and shouted headlines: "BEIRUT", "LOS ANGELES" (a short word alone is
            # an acronym, but not inside a longer shouted name)
            candidates = names.get(key.title())
        if candidates is not None:
            return n, candidates
    return 0, None


def _shouted_pronoun(text: str, start: int, end: int) -> bool:
    """True for "US" after a shouted verb that takes it as its object: the pronoun of "FOLLOW
    US ON PINTEREST", "CONTACT US", not the country."""
    return text[start:end] == "US" and (
        _OBJECT_VERB_RE.search(text, max(0, start - OBJECT_VERB_LOOKBACK), start) is not None
    )


def _fixed_expression(
    names: Mapping[str, tuple[Candidate, ...]],
    tokens: Sequence[tuple[int, int, str]],
    i: int,
    n: int,
    text: str,
    end: int,
) -> bool:
    """True when the name and the lower-case word after it, after a space or a hyphen, are a
    non-place of the gazetteer ("US dollars", "Spanish flu", "Canada goose", "Greek-letter")."""
    tail = _LOWER_WORD_RE.match(text, end)
    if tail is None:
        return False
    key = " ".join(t[2] for t in tokens[i : i + n]) + " " + tail.group(1)
    return names.get(key) == ()


def _demonyms(candidates: Sequence[Candidate]) -> bool:
    """True when the name has places and all of them are demonyms ("French", "Moroccan")."""
    return bool(candidates) and all(c.kind == DEMONYM_KIND for c in candidates)


def _bare_demonym(text: str, start: int, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym that ends its clause, comes before a verb or a preposition or is in
    the possessive: a noun for people, a team or a language ("an American and an Australian,",
    "the Irish —", "studying Portuguese.", "The Irish need", "Canadians in need", "the
    Italian's trilogy"), not an adjective
    ("Somali refugees", "none of them were British."). Gold toponyms (GeoWebNews) mark the
    adjectives, never the nouns."""
    if not _demonyms(candidates):
        return False
    after = end + 1 if text.startswith(" ", end) else end  # "the Irish — left"
    if (
        after < len(text)
        and text[after] not in CLAUSE_ENDS
        and not _NOUN_PAIR_RE.match(text, end)
        and not _VERB_OR_PREPOSITION_RE.match(text, end)
        and not _POSSESSIVE_RE.match(text, end)  # "the Italian's trilogy": a person's
    ):
        return False
    before = _ONE_WORD_RE.findall(text[max(0, start - COPULA_WINDOW) : start])
    return not (before and before[-1].lower() in COPULAS)


def _language(text: str, start: int, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym that names a language: after a verb of language ("speaks French",
    "translated from Russian", "speaks French and German"), in a list of them after a verb of
    learning ("learn French or Spanish") or before a word of language ("a Japanese word",
    "French-language", "English subtitles"), not an adjective for people or a state."""
    if not _demonyms(candidates):
        return False
    return (
        _LANGUAGE_AFTER_RE.match(text, end) is not None
        or _LANGUAGE_BEFORE_RE.search(text, max(0, start - LANGUAGE_LOOKBACK), start) is not None
        or (
            _LIST_AFTER_RE.match(text, end) is not None
            and _LEARNING_BEFORE_RE.search(text, max(0, start - LANGUAGE_LOOKBACK), start)
            is not None
        )
    )


def _cuisine(text: str, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym before a word of cooking: a cuisine ("Moroccan cuisine", "a
    Vietnamese restaurant", "Bosnian food in Astoria"), served anywhere, not the country."""
    return _demonyms(candidates) and _CUISINE_AFTER_RE.match(text, end) is not None


def _inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """True when the position falls inside one of the sorted, disjoint spans."""
    k = bisect.bisect_right(spans, (position + 1, 0)) - 1  # last span starting <= position
    return k >= 0 and spans[k][0] <= position < spans[k][1]


def _time_zone(text: str, start: int, end: int, candidates: Sequence[Candidate]) -> bool:
    """True for a demonym between a clock time and "time": a time zone ("6pm British time")."""
    return (
        _demonyms(candidates)
        and _ZONE_AFTER_RE.match(text, end) is not None
        and _CLOCK_BEFORE_RE.search(text, max(0, start - CLOCK_LOOKBACK), start) is not None
    )


def _compound_tail(
    text: str, tokens: Sequence[tuple[int, int, str]], i: int, matched: Sequence[bool]
) -> bool:
    """True for the second half of a capitalised compound whose first half is no place
    ("Natal" in "KwaZulu-Natal"); "Afghan" in "Pak-Afghan" follows a match and stays, and so
    does a place after a place word ("Mid-Jutland", "North-Rhine")."""
    if i == 0:
        return False
    _, prev_end, prev_word = tokens[i - 1]
    return (
        text[prev_end : tokens[i][0]] == "-"
        and prev_word[0].isupper()
        and not matched[i - 1]
        and prev_word not in PLACE_PREFIXES
    )


def _part_of_longer_name(text: str, tokens: Sequence[tuple[int, int, str]], i: int, n: int) -> bool:
    """True when a town or region name is glued to another capitalised word that is not a
    place word: a person ("George Bush", "Paris Hilton") or an organisation ("Kennedy Center").
    Countries are exempt: "Pakistan Foreign Office" still places the story. A shouted name
    ends where the shouting does (`_shouted_apart`)."""
    if _shouted_apart(text, tokens[i][0], tokens[i + n - 1][1]):
        return False
    if i > 0:
        prev_start, prev_end, prev_word = tokens[i - 1]
        if (
            text[prev_end : tokens[i][0]] == " "
            and prev_word[0].isupper()
            and not _sentence_initial(text, prev_start)
            and (
                # a place word before a name that starts with one makes another name: "North
                # Eastern Province" (Kenya) is not "Eastern Province" (Sri Lanka) ...
                tokens[i][2] in PLACE_PREFIXES
                if prev_word in PLACE_PREFIXES
                # ... and a name ending in a place word is a place whatever other capitalised
                # word stands before it ("historically Republican Orange County"): only what
                # follows can make it a paper's name
                else tokens[i + n - 1][2] not in PLACE_SUFFIXES
            )
        ):
            return True
    if i + n < len(tokens):
        next_start, _, next_word = tokens[i + n]
        if (
            text[tokens[i + n - 1][1] : next_start] == " "
            and next_word[0].isupper()
            and next_word not in PLACE_SUFFIXES
            and next_word not in INSTITUTION_WORDS
            # news puts the day right after the place ("in Quezon City Wednesday evening")
            and next_word.casefold() not in WEEKDAYS
        ):
            return True
    return False


def _thoroughfare_after(text: str, end: int) -> bool:
    """True when a street's or a crossing's word follows the name: "Holland Tunnel", "Jordan
    Street" and "Washington Square" name a way somewhere else, not the country or capital
    (towns and regions glued to a capitalised word are dropped anyway)."""
    found = _NEXT_WORD_RE.match(text, end)
    return found is not None and found.group(1) in THOROUGHFARE_WORDS


def _shouted_apart(text: str, start: int, end: int) -> bool:
    """True for a shouted name (a dateline: "OKLAHOMA CITY The Latest on...", "SAN ANTONIO
    Turner Sports analyst...") followed by a word that is not shouted: the change of case
    ends the name, whatever longer name the capitalised words around it seem to make."""
    if end - start < MIN_SHOUTED_LENGTH or not text[start:end].isupper():
        return False
    found = _NEXT_WORD_RE.match(text, end)
    return found is not None and not found.group(1).isupper()


def _institution_after(text: str, end: int) -> bool:
    """True when an office or public body's word follows a name ("Oklahoma Gov."), perhaps
    after a place word ("Maryland State Police")."""
    found = _NEXT_WORD_RE.match(text, end)
    if found is not None and found.group(1) in PLACE_SUFFIXES:
        found = _NEXT_WORD_RE.match(text, found.end())
    return found is not None and found.group(1) in INSTITUTION_WORDS


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘")
    return not before or before[-1] in ".!?:\n"


def _lead_end(story: str) -> int:
    """The end of the lead: the first paragraph, up to the end of the sentence that runs past
    LEAD_MAX_CHARS (a text without paragraph breaks is not all lead)."""
    cut = story.find("\n\n")
    cut = len(story) if cut < 0 else cut
    if cut > LEAD_MAX_CHARS:
        stop = _SENTENCE_END_RE.search(story, LEAD_MAX_CHARS, cut)
        if stop is not None:
            return stop.start() + 1
    return cut


@dataclass(frozen=True, slots=True)
class _Spans:
    """One section's entity spans, sorted by start, for overlap look-ups by bisection."""

    starts: list[int]
    spans: list[tuple[int, int, str]]
    longest: int

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, end)
        while i > 0 and self.starts[i - 1] > start - self.longest:
            i -= 1
            span = self.spans[i]
            if span[1] > start:
                yield span


_NO_SPANS = _Spans([], [], 0)


def _entity_spans(entities: Iterable[Entity]) -> dict[Section, _Spans]:
    spans: dict[Section, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            spans[mention.section].append((mention.start, mention.end, entity.label))
    out: dict[Section, _Spans] = {}
    for section, items in spans.items():
        items.sort()
        longest = max(end - start for start, end, _ in items)
        out[section] = _Spans([start for start, _, _ in items], items, longest + 1)
    return out


def _filter(match: _Match, spans: _Spans, text: str) -> _Match | None:
    """Drop a match that sits inside a non-place entity; mark one that spaCy calls a place."""
    is_country = any(c.kind in COUNTRY_KINDS for c in match.candidates)
    demonym = _demonyms(match.candidates)
    if not is_country and _qualified(text, match):
        # "Klamath Falls, Oregon": a place for sure, whatever label the model gave it.
        return match if match.confirmed else dataclasses.replace(match, confirmed=True)
    confirmed = False
    for start, end, label in spans.overlapping(match.start, match.end):
        exact = start == match.start and end == match.end
        if label in PLACE_LABELS and exact:
            confirmed = True
        elif label == PERSON_LABEL:
            # The small model also calls bare country names people ("Botswana"): trust an
            # exact PERSON on a country name only for the names people really carry.
            if not (is_country and exact) or match.text in PERSON_COUNTRY_NAMES:
                return None
        elif (
            label in NON_PLACE_LABELS
            and start <= match.start
            and end >= match.end
            and not exact
            and not is_country
            and not _institution_after(text, match.end)
            and not _shouted_apart(text, match.start, match.end)
            and not _POSSESSIVE_RE.match(text, match.end)
        ):
            # Inside an organisation a town names the organisation ("New York Times"), while a
            # country mostly names its institutions ("the Bank of Japan", "U.S. Centers for
            # Disease Control"), which do place the story.
            return None
        elif (
            label in NON_PLACE_LABELS
            and demonym
            and start < match.start
            and end >= match.end
            and _GIVEN_NAME_RE.fullmatch(text, start, match.start)
        ):
            # A demonym right after the one word that starts a name is a surname or a brand
            # ("the Percy French Hotel", "Royal Dutch Shell"); one that starts the name names an
            # institution ("the Nigerian Army", "BBC Russian Service").
            return None
    postal = _postal_region(text, match)
    if postal is not None and not is_country:
        # "Reston, VA": a place in that country for sure; one the gazetteer has only elsewhere
        # is a namesake it lacks ("Stroud, ON" is no English town).
        if postal not in match.codes:
            return None
        return dataclasses.replace(_restricted(match, {postal}), confirmed=True)
    if confirmed and not match.confirmed:
        return dataclasses.replace(match, confirmed=True)
    return match


def _unnamed_opener(match: _Match, spans: _Spans, text: str, title: bool) -> bool:
    """True for a town's or region's one-word name, not shouted (a dateline), where capitals
    say nothing (a sentence's first word, any word of a title-case headline) and no entity of
    the model covers: the model read it as a word ("Nice.", "Para leer"), not a name."""
    if (
        not match.candidates
        or match.confirmed  # "Severn, Md. —": a place for sure
        or any(c.kind not in LOCAL_KINDS for c in match.candidates)
        or not _ONE_WORD_RE.fullmatch(match.text)
        or match.text.isupper()
    ):
        return False
    if not (_sentence_initial(text, match.start) or (title and _title_case(text))):
        return False
    return next(spans.overlapping(match.start, match.end), None) is None


def _title_case(text: str) -> bool:
    """True for a headline whose longer words all start with a capital ("Serbia Becomes a Hub
    for Surgery"): capitals there say nothing about names."""
    words = [word for word in _ONE_WORD_RE.findall(text) if len(word) > TITLE_CASE_MIN_LENGTH]
    return len(words) >= TITLE_CASE_MIN_WORDS and all(word[0].isupper() for word in words)


def _postal_region(text: str, match: _Match) -> str | None:
    """The country of a postal abbreviation right after a place ("Reston, VA" -> US), or None.
    Not after a capitalised word: "Dr. Jane Smith, MD" is a person with a degree."""
    found = _POSTAL_RE.match(text, match.end)
    if found is None or found.group(1) not in POSTAL_REGIONS:
        return None
    if _CAPITALISED_BEFORE_RE.search(text, max(0, match.start - POSTAL_LOOKBACK), match.start):
        return None
    return POSTAL_REGIONS[found.group(1)]


def _qualified(text: str, match: _Match) -> bool:
    """True when a region or country of one of the match's countries follows it after the
    qualifier separator ("Klamath Falls, Oregon")."""
    if not match.candidates or not text.startswith(QUALIFIER_SEPARATOR, match.end):
        return False
    found = _QUALIFIER_RE.match(text, match.end + len(QUALIFIER_SEPARATOR))
    if found is None:
        return False
    names = load_gazetteer().names
    words = found.group().split(" ")
    for n in range(len(words), 0, -1):
        for candidate in names.get(name_key(" ".join(words[:n]))) or ():
            if candidate.kind in QUALIFIER_KINDS and candidate.country in match.codes:
                return True
    return False


def _qualify(matches: Sequence[_Match], texts: Mapping[Section, str]) -> list[_Match]:
    """Apply "Place, Region" qualifiers: the place keeps only its candidates in the region's
    countries, and the region only its candidates in the place's ("Atlanta, Georgia" is the US
    state, and in a list of states "Colorado, Georgia" too); a place with no candidate there
    is a namesake the gazetteer lacks ("Stroud, Ontario" is no English town) and goes, the
    qualifier placing the story on its own.

    A qualifier is bigger than what it qualifies (a region qualifies towns, a country towns and
    regions) and ends there ("Los Angeles, San Fernando Valley" is a list, not a town in
    Trinidad's San Fernando region; so is "Tibet, Nepal and Bhutan"). A country's name before
    a single country's region that qualifies it is a town named like the country ("Poland,
    Ohio") and goes."""
    out = list(matches)
    dropped: set[int] = set()
    for i in range(len(out) - 1):
        place, region = out[i], out[i + 1]
        text = texts[place.section]
        if (
            place.section != region.section
            or region.start - place.end != len(QUALIFIER_SEPARATOR)
            or not text.startswith(QUALIFIER_SEPARATOR, place.end)
            or _NEXT_CAPITAL_RE.match(text, region.end)
        ):
            continue
        place_kinds = {c.kind for c in place.candidates}
        common = place.codes & region.codes
        following = out[i + 2] if i + 2 < len(out) else None
        if _list_goes_on(text, region, following) or (
            i > 0 and _list_item(text, out[i - 1], place)
        ):
            continue
        if place_kinds == {"c"} and not common and _single_region(region):
            dropped.add(i)  # "Lebanon, Pa.": a town the gazetteer keeps only as the country
            continue
        qualifying = {
            c.country
            for c in region.candidates
            if c.kind in QUALIFIER_KINDS and not place_kinds & QUALIFIED_BY[c.kind]
        }
        if not qualifying or place_kinds & COUNTRY_KINDS:
            continue
        if not common:
            dropped.add(i)
            continue
        out[i] = _restricted(place, common)
        out[i + 1] = _restricted(region, common)
    return [match for i, match in enumerate(out) if i not in dropped]


def _single_region(region: _Match) -> bool:
    """True for a region of one country: it makes a country's name before it a town named
    like the country ("Poland, Ohio", "Jordan, Minn.")."""
    return (
        bool(region.candidates)
        and all(c.kind == REGION_KIND for c in region.candidates)
        and len(region.codes) == 1
    )


def _list_goes_on(text: str, region: _Match, following: _Match | None) -> bool:
    """True when the would-be qualifier is an item of a list ("India, Tibet and Nepal", "Tibet,
    Nepal"), not when the next item qualifies it in turn ("Stroud, Ontario, Canada")."""
    found = _LIST_GOES_ON_RE.match(text, region.end)
    if found is None:
        return False
    return not (
        following is not None
        and following.start == found.end() - 1
        and bool(following.codes & region.codes)
    )


def _list_item(text: str, previous: _Match, place: _Match) -> bool:
    """True when a place follows another country's place after a comma: an item of a list
    ("India, Tibet, Nepal"), not a place a region qualifies."""
    return (
        previous.section == place.section
        and place.start - previous.end == len(QUALIFIER_SEPARATOR)
        and text.startswith(QUALIFIER_SEPARATOR, previous.end)
        and not previous.codes & place.codes
    )


def _restricted(match: _Match, codes: frozenset[str] | set[str]) -> _Match:
    kept = tuple(c for c in match.candidates if c.country in codes)
    if len(kept) == len(match.candidates):
        return match
    return dataclasses.replace(match, candidates=kept)


def _resolve(
    matches: Sequence[_Match], texts: Mapping[Section, str], clock: bool = False
) -> list[tuple[_Match, str]]:
    """Pick each match's country from the document's evidence, or drop it; `clock`: the text
    gives a time in a North American time zone, which counts for TIME_ZONE_COUNTRY among the
    candidates of a shared town's or region's name (no more: alone, it places no small town)."""
    evidence: dict[str, int] = defaultdict(int)
    # Evidence from places inside a country (cities, regions): what overrides a country name.
    local: dict[str, int] = defaultdict(int)
    confirmed: list[tuple[_Match, str]] = []
    small: dict[str, list[_Match]] = defaultdict(list)
    for match in matches:
        codes = match.codes
        if len(codes) != 1:
            continue
        (code,) = codes
        if any(_strong(c) for c in match.candidates):
            _count(match, code, evidence, local)
            continue
        small[code].append(match)
        if match.confirmed:
            confirmed.append((match, code))
    # Small places of one country bear each other out: SETTING_PLACES different ones are no
    # chance namesakes ("Irwindale, Azusa and Glendora").
    for code, found in small.items():
        if len({match.text for match in found}) >= SETTING_PLACES:
            for match in found:
                _count(match, code, evidence, local)
            confirmed = [(match, c) for match, c in confirmed if c != code]
    # A small place the model calls a place counts alone only in a story that places nothing
    # else, or beside its own country's places: beside other countries' it is more often a
    # namesake the gazetteer lacks ("Long Island" is a town of the Bahamas too).
    strong_codes = set(evidence)
    for match, code in confirmed:
        if not strong_codes - {code}:
            _count(match, code, evidence, local)
    for code, found in _corroborated(matches, evidence).items():
        for match in found:
            _count(match, code, evidence, local)
    resolved: list[tuple[_Match, str]] = []
    listed = _listed(matches, texts)
    for i, match in enumerate(matches):
        chosen = listed.get(i) or _choose(match, evidence, local, clock)
        if chosen is not None:
            resolved.append((match, chosen))
    return resolved


def _listed(matches: Sequence[_Match], texts: Mapping[Section, str]) -> dict[int, str]:
    """Shared town and region names in a list of places, by index, with the one country all
    the list's items have a place in, when one item's most prominent place is there: items
    of one list are places of one country ("Perth and Dundee", "Aberdeen, Perth, Inverness":
    Scotland's Perth, not Australia's), while "London, Paris and Berlin", which only the
    United States' small namesakes have in common, stay as they are."""
    listed: dict[int, str] = {}
    if all(len(match.candidates) < 2 for match in matches):
        return listed  # no shared name at all (the common case)
    first = 0
    for i in range(1, len(matches) + 1):
        if i < len(matches) and _joined_in_list(matches[i - 1], matches[i], texts):
            continue
        items = matches[first:i]
        if len(items) > 1:
            common = frozenset.intersection(*(item.codes for item in items))
            if len(common) == 1 and common <= _top_countries(items):
                (code,) = common
                listed.update((k, code) for k in range(first, i) if len(matches[k].codes) > 1)
        first = i
    return listed


def _top_countries(items: Sequence[_Match]) -> set[str]:
    """The countries of the most prominent place of each item (all have candidates)."""
    return {max(item.candidates, key=lambda c: c.prominence).country for item in items}


def _joined_in_list(previous: _Match, match: _Match, texts: Mapping[Section, str]) -> bool:
    return (
        previous.section == match.section
        and match.start - previous.end <= LIST_JOINT_MAX
        and bool(_LIST_JOINT_RE.fullmatch(texts[match.section], previous.end, match.start))
    )


def _corroborated(
    matches: Sequence[_Match], evidence: Mapping[str, int]
) -> dict[str, list[_Match]]:
    """Shared names the model calls places that bear each other out: two different ones whose
    only common country has no evidence yet are placed there ("Dundalk" is in Ireland and
    Maryland, "Dundrum" in Ireland and Britain: together, Ireland). A name with a candidate the
    story already places is left to `_choose`. At most CORROBORATION_CAP names are paired."""
    shared: dict[str, _Match] = {}
    for match in matches:
        if (
            match.confirmed
            and len(match.codes) > 1
            and match.text not in shared
            and all(c.kind not in COUNTRY_KINDS for c in match.candidates)
            and not any(evidence.get(code, 0) for code in match.codes)
        ):
            shared[match.text] = match
            if len(shared) >= CORROBORATION_CAP:
                break
    found: dict[str, list[_Match]] = defaultdict(list)
    names = list(shared.values())
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            common = first.codes & second.codes
            if len(common) == 1:
                (code,) = common
                found[code].extend((first, second))
    return {
        code: [m for m in matches if m.text in {f.text for f in items} and code in m.codes]
        for code, items in found.items()
    }


def _count(match: _Match, code: str, evidence: dict[str, int], local: dict[str, int]) -> None:
    evidence[code] += 1
    if all(c.kind not in COUNTRY_KINDS for c in match.candidates):
        local[code] += 1


def _choose(
    match: _Match, evidence: dict[str, int], local: dict[str, int], clock: bool = False
) -> str | None:
    codes = match.codes
    if not codes:
        return None
    if len(codes) == 1:
        (code,) = codes
        if evidence[code] > 0 or any(_strong(c) for c in match.candidates):
            return code
        return None
    country_codes = {c.country for c in match.candidates if c.kind in COUNTRY_KINDS}
    if country_codes:
        # A country's name stays the country unless the story is set among another country's
        # places that share the name ("Georgia" with Atlanta and Savannah).
        # Ties go to the gazetteer's order (the most prominent place first), never to a set's
        # order, which changes with the process's hash seed.
        ordered = list(dict.fromkeys(c.country for c in match.candidates))
        best_local = max(ordered, key=lambda code: (local[code], code in country_codes))
        if (
            local[best_local] > 0
            and best_local not in country_codes
            and all(local[best_local] > local[code] for code in country_codes)
        ):
            return best_local
        if len(country_codes) == 1:
            return next(iter(country_codes))
        supported = [code for code in ordered if code in country_codes and evidence[code] > 0]
        return max(supported, key=lambda code: evidence[code]) if supported else None
    # A town or region name shared by several countries: weigh each place's size against what
    # the story says. "Birmingham" beside Alabama towns is in the US, but "Paris" stays in France
    # beside a Texas town or two, and "London" stays in England when the story merely names
    # Canada.
    # A story set among one country's places (SETTING_PLACES mentions), which names no other
    # candidate's country at all, keeps the name at home ("Vienna" among Fairfax County towns).
    setting = [c for c in match.candidates if local[c.country] >= SETTING_PLACES]
    if len({c.country for c in setting}) == 1 and all(
        evidence[c.country] == 0 for c in match.candidates if c.country != setting[0].country
    ):
        return setting[0].country
    named = {c.country for c in match.candidates if evidence[c.country] > 0}
    if clock and TIME_ZONE_COUNTRY in match.codes:
        named.add(TIME_ZONE_COUNTRY)
    if named:
        best = max(
            match.candidates,
            key=lambda c: (
                math.log10(c.prominence + 10)
                + (
                    LOCAL_BONUS
                    if local[c.country] > 0
                    else NAMED_BONUS
                    if c.country in named
                    else 0.0
                )
            ),
        )
        if evidence[best.country] > 0 or _strong(best):
            return best.country
    return _dominant(match.candidates)


def _dominant(candidates: Sequence[Candidate]) -> str | None:
    """The country of a strong place DOMINANCE_RATIO times more prominent than any other
    country's place of that name ("Paris": France, not Texas), else None."""
    ranked = sorted(candidates, key=lambda c: c.prominence, reverse=True)
    top = ranked[0]
    runner_up = next((c for c in ranked if c.country != top.country), None)
    if _strong(top) and (
        runner_up is None or top.prominence >= DOMINANCE_RATIO * max(runner_up.prominence, 1)
    ):
        return top.country
    return None


def tag_countries(
    title: str, story: str, entities: Sequence[Entity] = (), *, ner: bool = False
) -> list[Country]:
    """The countries of a story, by share of its country weight, with the focus ones marked.

    `story` is the paragraphs joined by blank lines; the first paragraph is the lead, up to the
    end of the sentence that runs past LEAD_MAX_CHARS (200) characters. A mention
    weighs TITLE_WEIGHT (3) in the title, LEAD_WEIGHT (2) in the lead, BODY_WEIGHT (1) further
    down; `score` is the country's share of the total weight (scores sum to 1) and `focus` marks
    the countries with at least FOCUS_SHARE (0.7) of the top country's weight: CLIFF's rule (the
    top country plus ties) on section-weighted mentions, so a country in the title and lead wins
    over one repeated further down, plus the countries close behind the top one (both sides of a
    bilateral story). The country of the dateline at the start of the lead (`find_dateline`),
    when the story names it, gains DATELINE_WEIGHT (2), as if the lead named it once more.
    Countries are ordered by weight; at equal weight, the one named through more places
    inside it first ("London" and "Heathrow" before "Kansas City" and "U.S."), then through
    more different names ("Moscow" and "Russia" before "Syria" twice), then the one the text
    names first (the title first, then the story's order).

    `ner` says that `entities` are the model's entities of both texts, so a name the model left
    out is one it read as no name: a town's or region's one-word name where capitals say
    nothing (opening a sentence, or in a headline in title case) and no entity covers is then
    a word ("Nice job!", "Shaping a feature", "Serbia Becomes a Hub"), not the place.
    """
    gazetteer = load_gazetteer()
    spans = _entity_spans(entities)
    sections: tuple[tuple[Section, str, int], ...] = (
        ("title", title, 0),
        ("story", story, _lead_end(story)),
    )
    matches = [
        kept
        for section, text, lead_end in sections
        for match in _scanned(section, text, lead_end)
        if (kept := _filter(match, spans.get(section, _NO_SPANS), text)) is not None
        and not (
            ner and _unnamed_opener(kept, spans.get(section, _NO_SPANS), text, section == "title")
        )
    ]
    surnames = _surnames(entities)
    if any(_local(match) for match in matches):  # only towns and regions can be surnames
        surnames |= _titled_surnames(title) | _titled_surnames(story)
    if surnames:
        matches = [match for match in matches if not _surname(match, surnames)]
    clock = any(_shared_with(match, TIME_ZONE_COUNTRY) for match in matches) and any(
        _has_clock(text) for text in (title, story)
    )
    texts: dict[Section, str] = {"title": title, "story": story}
    resolved = _resolve(_qualify(matches, texts), texts, clock)
    if ner:
        resolved = _without_unconfirmed_lone_places(resolved)
    if not resolved:
        return []
    weights: dict[str, float] = defaultdict(float)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for match, code in resolved:
        weights[code] += match.weight
        mentions[code].append(
            Mention(section=match.section, start=match.start, end=match.end, text=match.text)
        )
    dateline = find_dateline(story[: _lead_end(story)])
    if dateline:
        filed = _dateline_code(dateline, sorted(weights, key=lambda code: -weights[code]))
        if filed is not None and filed in weights:
            weights[filed] += DATELINE_WEIGHT
    total = sum(weights.values())
    top = max(weights.values())
    # Equal weights: the country named through more places inside it (towns, regions) leads,
    # then the one named through more different names (the story is set among them; a
    # country's name, or one name repeated, is a reference), then the one named first (the
    # title before the story), as a writer names the story's place first; the code only orders
    # what is left.
    local: dict[str, int] = defaultdict(int)
    for match, code in resolved:
        if all(c.kind not in COUNTRY_KINDS for c in match.candidates if c.country == code):
            local[code] += 1
    names = {code: len({m.text for m in found}) for code, found in mentions.items()}
    first = {code: _first_position(found) for code, found in mentions.items()}
    ordered = sorted(
        weights,
        key=lambda code: (-weights[code], -local[code], -names[code], first[code], code),
    )
    return [
        Country(
            code=code,
            name=gazetteer.countries.get(code, code),
            score=weights[code] / total,
            focus=weights[code] >= FOCUS_SHARE * top,
            mentions=mentions[code],
        )
        for code in ordered
    ]


def _without_unconfirmed_lone_places(
    resolved: Sequence[tuple[_Match, str]],
) -> list[tuple[_Match, str]]:
    """The resolved mentions without a country named only once, by a town's or region's name
    that the model did not call a place: a name the model read as a person, a word or no name
    at all ("Bo could end up", "in Gaming", "Bradford bombed one"), which nothing else in the
    story bears out."""
    count: dict[str, int] = defaultdict(int)
    for _, code in resolved:
        count[code] += 1
    return [
        (match, code)
        for match, code in resolved
        if count[code] > 1
        or match.confirmed
        or any(c.kind not in LOCAL_KINDS for c in match.candidates if c.country == code)
    ]


def _surnames(entities: Iterable[Entity]) -> frozenset[str]:
    """The last words of the people named in full ("Luis Gomes Sambo" -> "Sambo")."""
    return frozenset(
        e.name.rsplit(" ", 1)[1] for e in entities if e.label == PERSON_LABEL and " " in e.name
    )


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def _titled_surnames(text: str) -> frozenset[str]:
    """The last words of the names a person's title or honorific comes before ("President
    Obama" -> "Obama", "Gov. Bobby Jindal" -> "Jindal"); kept, as `settle` tags twice."""
    return frozenset(_TITLED_NAME_RE.findall(text))


@lru_cache(maxsize=SCAN_CACHE_SIZE)
def _has_clock(text: str) -> bool:
    """True when the text gives a time in a North American time zone (_TIME_ZONE_RE)."""
    return _TIME_ZONE_RE.search(text) is not None


def _shared_with(match: _Match, code: str) -> bool:
    """True for a name of places in that country and in another."""
    return any(c.country == code for c in match.candidates) and any(
        c.country != code for c in match.candidates
    )


def _local(match: _Match) -> bool:
    """True for a town's or region's name (no country, demonym or capital among its places)."""
    return bool(match.candidates) and all(
        c.kind not in ALWAYS_STRONG_KINDS for c in match.candidates
    )


def _surname(match: _Match, surnames: frozenset[str]) -> bool:
    """True for a town or region named like a person the text names in full: a news story
    calls a person by the surname after the first mention ("Sambo said"), which the model
    does not always tag. Countries, demonyms and capitals are exempt ("Jordan", "Washington")."""
    return match.text in surnames and all(
        c.kind not in ALWAYS_STRONG_KINDS for c in match.candidates
    )


def _first_position(mentions: Sequence[Mention]) -> tuple[int, int]:
    """Where a country is first named: (0 in the title / 1 in the story, offset)."""
    return min((0 if m.section == "title" else 1, m.start) for m in mentions)


def dateline_country(dateline: str, countries: Sequence[Country] = ()) -> str | None:
    """The country of a dateline's place ("Islamabad" -> PK, "Karachi, Pakistan" -> PK): the
    region after a comma first, then the place. A name of several countries goes to the one
    the story names most (`countries`, in score order), else to a clearly dominant place,
    else to none."""
    return _dateline_code(dateline, [country.code for country in countries])


def _dateline_code(dateline: str, tagged: Sequence[str]) -> str | None:
    """`dateline_country` with the story's country codes, most weight first."""
    names = load_gazetteer().names
    for part in reversed(dateline.split(", ")):
        candidates = names.get(name_key(part)) or names.get(name_key(part) + ".")
        if not candidates:
            continue
        codes = {candidate.country for candidate in candidates}
        if len(codes) == 1:
            return next(iter(codes))
        named = [code for code in tagged if code in codes]
        return named[0] if named else _dominant(candidates)
    return None
