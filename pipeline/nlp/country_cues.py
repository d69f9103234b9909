"""The country tagger's cues: its tuning constants, word lists and patterns, as data.

Nothing here runs: the per-match tests (`country_filters.py`), the scan (`country_scan.py`),
the qualifiers and lists (`country_lists.py`), the entity checks (`country_entities.py`) and the
resolution and API (`countries.py`) read these names. Every pattern is linear-time by
construction; the rules that use one are described in `countries.py`'s docstring.
"""

from __future__ import annotations

import re
from typing import Final

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
SENTENCE_END_RE = re.compile(r"[.!?][\"”’')]?\s")
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
# The last word of a county's name ("Boone County", "Lafourche Parish"): the surest mark of a
# local story, which names the county it is set in and rarely one abroad.
COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})
# A county's name opening an organisation's places the story ("the Allen County Red Cross"),
# except a newspaper's, read anywhere ("the Suffolk County Times"): its nameplate's words.
NEWSPAPER_WORDS = frozenset(
    [
        "Times",
        "News",
        "Herald",
        "Journal",
        "Register",
        "Gazette",
        "Post",
        "Tribune",
        "Record",
        "Courier",
        "Chronicle",
        "Star",
        "Sun",
        "Press",
        "Daily",
        "Weekly",
        "Observer",
        "Democrat",
        "Telegraph",
        "Leader",
        "Examiner",
        "Sentinel",
        "Dispatch",
    ]
)
# A clock time in a North American time zone ("7 a.m. CT", "8:30 p.m. ET", "9:30 Eastern
# Time") says where the story's readers are: among a shared town's or region's candidates the
# United States counts as a country the story names ("the Birmingham festival ... 7 a.m. CT"
# is Alabama's); it names no country and places no small town by itself. A zone's initials
# count only after "a.m." or "pm" ("3 CT scans" are no time).
_ZONE_NAME = r"(?:Eastern|Central|Mountain|Pacific)(?: Standard| Daylight)? Time\b"
TIME_ZONE_RE = re.compile(
    rf"\b\d{{1,2}}(?:(?:[:.]\d\d)? ?(?:[ap]\.m\.|[AaPp][Mm]) \(?(?:[ECMP][SD]?T\b|{_ZONE_NAME})"
    rf"|[:.]\d\d \(?{_ZONE_NAME})"
)
TIME_ZONE_COUNTRY = "US"
# Courts that only one country's towns have, named "<town> Crown Court" ("Bradford Crown
# Court" in England and Wales, "Perth Sheriff Court" in Scotland): the name before one is that
# country's town, the court's own name no organisation elsewhere.
# So are the school districts of US towns, by the words of their names ("Warsaw Community
# Schools", "Bethlehem Area School District", "Round Rock Independent School District"): a
# plain "School District" or "Public Schools" is Canada's too ("Edmonton Public Schools").
# A civil township's name is a US or Canadian town's ("Berlin Township", "Wilmot Township").
ONE_COUNTRY_BODY_RE = re.compile(
    r" (?:(Crown|Sheriff) Court"
    r"|(Area|Community|Unified|Independent|Consolidated) School District"
    r"|(Community) Schools|(Township))\b"
)
_US = frozenset({"US"})
ONE_COUNTRY_BODIES = {
    "Crown": frozenset({"GB"}),
    "Sheriff": frozenset({"GB"}),
    "Area": _US,
    "Community": _US,
    "Unified": _US,
    "Independent": _US,
    "Consolidated": _US,
    "Township": frozenset({"US", "CA"}),
}
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
DEMONYM_KIND: Final = "d"
CLAUSE_ENDS = frozenset('.,;:!?)]—–"”\n')
# "an American and an Australian": a demonym coordinated with a noun phrase is a noun too.
NOUN_PAIR_RE = re.compile(r" (?:and|or) (?:an?|the) ")
# A demonym right before an auxiliary, a verb of saying, "to" or a preposition is a noun too:
# the subject or object of a clause ("The Irish need 85 points", "for French to gain", "the
# Dutch in Curaçao"), where an adjective would stand before its noun.
VERB_OR_PREPOSITION_RE = re.compile(
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
LANGUAGE_BEFORE_RE = re.compile(
    rf"\b(?:{_LANGUAGE_VERB}(?:{_LANGUAGE_ITEM})?|{_LEARNING_VERB}{_LANGUAGE_ITEM}) $",
    re.IGNORECASE,
)
LEARNING_BEFORE_RE = re.compile(rf"\b{_LEARNING_VERB} $", re.IGNORECASE)
LIST_AFTER_RE = re.compile(r"(?:,| and| or) [A-Z]")
# characters before the demonym searched for a cue: the longest verb and one earlier item
LANGUAGE_LOOKBACK = len("translating into ") + len(" Xxxxxxxxxxxxxxxxxxxx and")
LANGUAGE_AFTER_RE = re.compile(
    r"[ -](?:language|languages|word|words|term|terms|phrase|phrases|expression|expressions|"
    r"idiom|idioms|proverb|accent|accents|dialect|dialects|subtitles|subtitled|dubbed|"
    r"translation|translations|speaker|speakers|speaking|dictionary|grammar|vocabulary|"
    r"alphabet|pronunciation|spelling|lesson|lessons)\b",
    re.IGNORECASE,
)
# A demonym before a word of cooking names a cuisine, cooked and served anywhere ("Moroccan
# cuisine", "a Vietnamese restaurant", "Thai dishes", "French-style"); "food" only where its
# noun phrase ends ("Bosnian food in Astoria"), since "Chinese food exports" are China's.
CUISINE_AFTER_RE = re.compile(
    r"(?: (?:cuisine|cuisines|cooking|restaurant|restaurants|eatery|eateries|bistro|takeaway|"
    r"takeout|recipe|recipes|dish|dishes)\b"
    r"| foods?(?=[.,;:!?)\n]| (?:and|or|in|at|with|is|was|are|were|that|which)\b)|-style\b)"
)
# A model number after a country's name makes a product's name ("Mali T604 GPU", "Mali-G76"):
# one capital and two to four digits, a whole word (a virus's "H7N9" is no model number).
PRODUCT_CODE_RE = re.compile(r"[ -][A-Z]\d{2,4}\b(?![-.,]\d)")
# A demonym between a clock time and "time" names a time zone ("at 6pm British time", "9 a.m.
# Japanese time"), which readers anywhere set their clocks by, not a place of the story.
ZONE_AFTER_RE = re.compile(r" (?:[Ss]ummer |[Ss]tandard |[Dd]aylight )?[Tt]ime\b")
CLOCK_BEFORE_RE = re.compile(r"\d(?: ?[ap]\.m\.| ?[AaPp][Mm]|[:.]\d\d) $")
CLOCK_LOOKBACK = len("12:30 p.m. ")  # characters before the demonym searched for the clock
# ... unless a copula comes right before it ("were British."): then it is an adjective.
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "become", "became"})
COPULA_WINDOW = 12  # characters before the demonym searched for the copula
# One capitalised word and a space: the start of a name before a demonym ("Percy French").
GIVEN_NAME_RE = re.compile(r"(?!The )[A-Z][a-z]+ ")
# A country's name inside a person's name: before a name particle and the surname it leads to
# ("Chad le Clos", "Jordan van Riel"), or a capitalised word before it ("Katie England") or
# after it ("Taiwan Jones"), tested against the names the story gives its people.
PARTICLE_SURNAME_RE = re.compile(
    r" (?:le|la|de|van|von|der|den|da|di|du|del|della|dos|das|ter|ten) [A-Z][a-z]"
)
NAME_WORD_BEFORE_RE = re.compile(r"(?<![\w.'’-])([A-Z][a-z]+) \Z")
NAME_WORD_LOOKBACK = 24  # characters before the name searched for a given name
NAME_WORD_AFTER_RE = re.compile(r" ([A-Z][\w'’-]*)")
# Kinds that name a whole country; other kinds are places inside one.
COUNTRY_KINDS = frozenset({"c", "d"})
# The combining forms of countries' adjectives, which name the country only before a hyphen
# and another country's name or adjective ("Austro-Hungarian", "Franco-German", "Sino-Soviet");
# alone they are names ("Franco", "Italo"), looked up as any other word.
COMBINING_FORMS: dict[str, str] = {
    "Anglo": "GB",
    "Austro": "AT",
    "Franco": "FR",
    "Germano": "DE",
    "Greco": "GR",
    "Hispano": "ES",
    "Indo": "IN",
    "Italo": "IT",
    "Luso": "PT",
    "Nippo": "JP",
    "Russo": "RU",
    "Sino": "CN",
    "Turco": "TR",
}
COMBINING_JOIN = "-"
# Towns and regions (not countries, demonyms or capitals): the names the model's silence can
# overrule where capitals say nothing (`tag_countries`' `ner`).
LOCAL_KINDS = frozenset({"t", "a"})
# A results table's teams are one league's: a minor town (under this prominence, no major city
# like "Toronto") abroad among them is a namesake of a team the gazetteer lacks the town of.
MINOR_TOWN_PROMINENCE = 500_000
LEAGUE_MIN_TEAMS = 6  # team names of one country that make a table a league's
LEAGUE_SHARE = 0.75  # of the table's team names resolved to a country
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
CAPITALISED_BEFORE_RE = re.compile(r"\b[A-Z][A-Za-z]* $")
POSTAL_LOOKBACK = 20  # characters searched for that word
POSTAL_RE = re.compile(r", ([A-Z]{2})(?![\w.'’&-])")
# Kinds that can qualify a place that way (a state or province, a country), each with the kinds
# of place it cannot qualify (a region does not qualify a region: "Texas, Oklahoma" is a list).
QUALIFIER_KINDS = frozenset({"a", "c"})
QUALIFIED_BY = {"a": frozenset({"a", "c", "d"}), "c": frozenset({"c", "d"})}
# The words of a qualifier: up to three capitalised words ("New South Wales", "Va.").
QUALIFIER_RE = re.compile(r"[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}")
# After a qualifier, what makes it an item of a list rather than a qualifier.
LIST_GOES_ON_RE = re.compile(r",? (?:and |or )?[^\W\d_a-z]|, (?:and |or )")
REGION_KIND = "a"
TOWN_KIND: Final = "t"
# The country whose towns' states the gazetteer knows (`Gazetteer.us_town_states`): a shared
# name goes to its town there in a story set in that town's state.
NAMESAKE_COUNTRY = "US"
# A qualifier followed by another capitalised word is part of a longer name.
NEXT_CAPITAL_RE = re.compile(r" [^\W\d_a-z]")
# A name before a lower-case "county" or "counties", perhaps as an item of a list ("Marin
# county", "Bergen, Essex and Hudson counties", as US news writes them), names the county the
# gazetteer has as "Bergen County", not a town of that name (Bergen, Norway). Items and their
# words are bounded, so each match reads a bounded stretch of text.
COUNTIES_RE = re.compile(
    r"(?:(?:, |,? and |,? or )[A-Z][\w.'’-]{0,30}(?: [A-Z][\w.'’-]{0,30})?){0,6} count(?:y|ies)\b"
)
COUNTY_SUFFIX = " County"
# A person's title or honorific before a name ("President Obama", "Gov. Bobby Jindal", "Mr
# Sambo"): its last word is that person's surname wherever the text repeats it ("images of
# Obama"), as a full name's is. Titles that also open place names ("King County", "Prince
# George", "General Santos") are left out.
TITLED_NAME_RE = re.compile(
    r"\b(?:President|Mr|Mrs|Ms|Dr|Gov|Governor|Sen|Senator|Rep|Mayor|Chancellor|Judge|Coach|Pope)"
    r"\.? (?:[A-Z][a-z]+ ){0,2}([A-Z][a-z]+)\b(?![ -]?[A-Z])"
)
# What joins two items of a list of places: ", ", " and ", ", and ", " or ", "; ".
LIST_JOINT_RE = re.compile(r"(?:,|;)? (?:and |or )?|, ")
LIST_JOINT_MAX = len(", and ")  # the longest of them
# Texts whose scans are kept (a title and a story, twice over in `settle`).
SCAN_CACHE_SIZE = 4
# A wire story's credit line ("(Reporting by Jane Doe in Amman and John Roe in Antakya, Turkey;
# Editing by ...)") names where its reporters sat, not where the story is: its places do not
# count. The credit runs to its closing parenthesis or the end of its line, bounded.
CREDIT_RE = re.compile(r"\b(?:[Rr]eporting|REPORTING) [Bb][Yy] [^()\n]{0,300}")
CREDIT_CUE = "eporting "  # the regex runs only in texts that write it
# Capitalised phrases: capitalised words joined by at most two characters of space, hyphen,
# period, apostrophe or ampersand ("St. Louis", "Guinea-Bissau", "T&T" for Trinidad and
# Tobago), possibly through the lower-case particles of place names ("Bosnia and Herzegovina",
# "Côte d'Ivoire", "Isle of Man", "Dar es Salaam", "Frankfurt am Main", "Deir ez-Zor", "São
# José dos Campos"). A comma, a line break or any other word ends a phrase. `[^\W\d_a-z]` is a
# letter that is not ASCII lower case; the scanner checks `str.isupper` on what it finds.
_CAPITAL_WORD = r"(?:[A-Z]\.){2,}|[^\W\d_a-z]\w*"
_GAP = r"[ \-.'’&]{1,2}"
_PARTICLE = (
    r"(?:of|and|the|de|du|da|do|del|la|le|les|los|das|dos|al|el|d|s|au|aux|upon|on|en|y|am|"
    r"es|et|ez|az|ad|ash|ech|va|og|ya|wa)"
)
PHRASE_RE = re.compile(rf"(?:{_CAPITAL_WORD})(?:{_GAP}(?:{_PARTICLE}{_GAP})*(?:{_CAPITAL_WORD}))*")
ONE_WORD_RE = re.compile(r"\w+")
# Shouted verbs whose object "US" is the pronoun in page furniture and calls to action
# ("FOLLOW US", "CONTACT US", "EMAIL US"); prepositions and verbs a shouted headline puts
# before the country are left out ("FLIGHTS TO US", "PUTIN TO VISIT US", "UK TO JOIN US").
OBJECT_VERB_RE = re.compile(
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
NEXT_WORD_RE = re.compile(r" ([A-Z][A-Za-z]*)")
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
POSSESSIVE_RE = re.compile(r"['’]s\b")
# The word after a name, which may make a fixed expression with it; a hyphen joins them too
# ("a Greek-letter fraternity", "Swiss-cheese memory"). Headlines and common names of species
# capitalise the word ("Canadian Goose", "Spanish Flu"): it is looked up in lower case.
EXPRESSION_WORD_RE = re.compile(r"[ -]([a-z]+|[A-Z][a-z]+)")
# Lower-case words: a small town's name that opens a sentence and that the text also writes in
# lower case is that word ("Many said", "Media reports ... the media"), not the town.
LOWER_WORDS_RE = re.compile(r"\b[a-z]+\b")
# A lower-case word of the prose stands between a space and a space or a stop: a country's name
# written so ("a 16-pound turkey", "fine china") is a thing, and the country's name opening a
# sentence of that text is the thing too; the name inside a link or a tag ("/syria-war",
# "#iran") is not such a word.
PROSE_WORD_ENDS = frozenset(" ,.;:!?")
# An acronym the text defines in parentheses ("the African Leaders Malaria Alliance (ALMA)"):
# written shouted, it is that acronym throughout the text, not a town or region spelled the
# same (a country's, "(DRC)", is still the country).
# Its words are bounded (60 characters, possessive): a search tries every capital, and with
# unbounded words each try read the rest of a long run of capitals (quadratic).
ACRONYM_RE = re.compile(
    r"([A-Z][\w.'’-]{0,60}+(?: (?:[A-Z][\w.'’-]{0,60}+|of|and|the|for|on)){0,8}) \(([A-Z]{2,})\)"
)

# "30 B.C.", "the fifth century BC": the era after a year, not British Columbia.
ERA_NAMES = frozenset({"B.C.", "BC"})
ERA_BEFORE_RE = re.compile(r"(?:\d|\b[Cc]entury|\b[Mm]illennium) $")
ERA_LOOKBACK = len("millennium ")

# A town's own local bodies named after it ("Peru City Council", "Lebanon Fire Department",
# "Jordan High School", "Sandy Public Library"): only a town or a district has these, so the
# name before them is a town's, whatever country or capital abroad shares it. Bounded words.
_TOWN_BODY = (
    r"(?:City|Town|Village|Township|Borough) (?:Council|Commission|Commissioners|Board|Hall|"
    r"Manager|Clerk|Administrator|Schools|School District|Police|Fire)\b"
    r"|(?:Fire|Police) (?:Department|Dept|Chief|District|Rescue|Station)\b"
    r"|fire (?:department|chief|station|district)\b|police (?:department|chief|station)\b"
    r"|(?:Senior |Junior )?(?:High|Middle|Elementary|Intermediate|Primary) School\b"
    r"|(?:Elementary|High)(?! [A-Z])\b|School (?:Board|District|Committee)\b"
    r"|Board of Education\b|Public (?:Library|Schools)\b|Municipal (?:Court|Utilities)\b"
)
# In the possessive, prose writes a town's own bodies in lower case ("Manchester's school board",
# "Salem's city council"): no country has those, so the name is the town's (`owned`); a
# country's police, mayors and schools are written so too ("Mexico's police chief").
_OWNED_BODY = (
    r"(?:[Cc]ity|[Tt]own|[Vv]illage) (?:[Cc]ouncil|[Cc]ommission|[Hh]all|[Mm]anager)\b"
    r"|[Ss]chool (?:[Bb]oard|[Dd]istrict|[Cc]ommittee)\b|[Bb]oard of [Ee]ducation\b"
    r"|[Pp]ublic [Ll]ibrary\b"
)
# A town's police or mayor ("Paris police said", "Lebanon Mayor"): a capital's have them too,
# so these cue the town only in a story set among its own country's places. The group `town`
# is set for a body only a town has, `owned` for one after the town's possessive.
LOCAL_BODY_RE = re.compile(
    rf"['’]s (?P<owned>{_OWNED_BODY})| (?:(?P<town>{_TOWN_BODY})|[Pp]olice\b|[Mm]ayor\b)"
)
# An organisation only a US state has, opening with the state's name ("Ohio University", "Kentucky
# State Police", "the Texas Department of Transportation", "the Maryland Legislature", "the
# University of North Alabama"): the story is set in that state, though the organisation's
# name names no place itself. `name` or `of` holds the capitalised words before or after the
# organisation's word (the state is the whole or the last word: "The Ohio State Highway
# Patrol"). Two words at most, no repetition: linear.
_STATE_WORDS = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"
STATE_BODY_RE = re.compile(
    rf"\b(?:University of (?P<of>{_STATE_WORDS})\b"
    rf"|(?P<name>{_STATE_WORDS})"
    r"(?: State (?:University|Police|Patrol|Troopers|Highway Patrol|Legislature|Senate)"
    r"| (?:University|Highway Patrol|Legislature|General Assembly|Attorney General"
    r"|Supreme Court|National Guard|Secretary of State|Department of|Dept\. of))\b)"
)
MAYOR_OF = ("Mayor of ", "mayor of ")
MAYOR_OF_LOOKBACK = len("Mayor of ")
# A name written as a town's, not a country's: near it, a compass point from it, "the city of"
# it, its residents or township, "a X man" ("near Lebanon", "two miles north of Lebanon", "the
# city of Mexico", "Lebanon residents", "a Peru man"). Like police and mayors, these cue the
# town only in a story set among its own country's places, and not where the text writes the
# name in the possessive anywhere ("near Lebanon's border"). Travel words ("back from Peru",
# "deployed to Jordan", "in Peru") are no cue: people go abroad from any town.
_COMPASS = r"(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:east|west)?"
TOWN_USE_BEFORE_RE = re.compile(
    rf"(?:\b(?:[Nn]ear|[Oo]utside|{_COMPASS} of|[Tt]he (?:[Cc]ity|[Tt]own|[Vv]illage) of)"
    # an obituary's or a court report's residence after an age ("Jane Doe, 87, of Peru")
    r"|(?<![\d,.])\d{1,3}, of"
    r"|\b(?P<one>[Aa]n?|[Tt]he)) \Z"
)
TOWN_USE_LOOKBACK = len(" the village of ")  # one more than the longest: its word boundary
TOWN_USE_AFTER_RE = re.compile(r" (?:[Rr]esidents?|Township)\b")
# After "a" or "the": the name as a town's people's ("a Peru man"); a country's would be its
# demonym ("a Peruvian man").
# So is a local firm or family ("a Holland maker", "a Peru family").
TOWN_PERSON_RE = re.compile(
    r" (?:man|woman|teen|teenager|boy|girl|couple|resident|family|student|teacher"
    r"|company|firm|business|maker|manufacturer)\b"
)
POSSESSIVE_AFTER = ("'s", "’s")
# A town's one-word name the model calls a person or an organisation is the town where the text
# writes it as one: after a preposition of place ("She comes from Nashua", "between Norwich and"),
# as its people ("a Leeds man") or before its local body or an office, perhaps in the possessive
# ("Manchester's school board", "Hamilton police"). Bounded words, no repetition.
TOWN_PLACE_BEFORE_RE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Ff]rom|[Oo]utside|[Bb]etween) \Z")
TOWN_PLACE_LOOKBACK = len(" outside ")
TOWN_PEOPLE_BEFORE_RE = re.compile(r"\b[Aa]n? \Z")
TOWN_PEOPLE_LOOKBACK = len(" an ")
TOWN_BODY_AFTER_RE = re.compile(
    rf"(?:['’]s)? (?:{_TOWN_BODY}|[Pp]olice\b|[Mm]ayor\b|[Cc]ity [Cc]ouncil\b|[Ss]chool [Bb]oard\b"
    r"|[Hh]ospital\b)"
)
# A name cued so is its country's town in a story that names at least this many different
# other places whose most prominent namesake lies in that country (towns, counties, states) and
# names no other country's places: one more place could be a chance namesake.
LOCAL_BODY_PLACES = 2
# ... and one such place, where the text writes the town owning a body only a town has
# ("Manchester's school board ... She comes from Nashua"): a place abroad is not written so.
OWNED_BODY_PLACES = 1
COUNTRY_KIND: Final = "c"  # a country's name or alias
