"""English and Thai: the message catalogue, the choice of language, numbers and dates per language.

English is the source language: every message is written in English in the code and marked for
extraction (`_`, `N_`, and `plural` for the two forms of a counted message); the Thai catalogue,
`locales/th/LC_MESSAGES/border_map.po`, holds the Thai. The `.po` file is the one place translations live: it
is read with Babel and compiled in memory when a process first needs Thai, so there is no compiled file to go
stale (`scripts/i18n.sh` extracts and updates it; `tests/app/test_i18n.py` fails when a message lacks Thai).
The core never picks a language itself: pages and exports pass a `Translator`, so the same view renders in
either language.

Messages use Python's `{name}` placeholders, filled after translation, so a translator can move them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel.dates import get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where it is shown."""
    return message


def plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message whose wording depends on `{count}` where it is defined, both forms extracted together
    as `Translator.plural`'s are (the same keyword); it is phrased where it is shown, with
    `Translator.plural(singular, plural, count)`. A build keeps both forms in its report (pipeline.findings)."""
    return singular, plural


LANGUAGES = ("en", "th")
DEFAULT = "en"
DOMAIN = "border_map"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
BUDDHIST_ERA = 543  # Thai official dates count years from the Buddha's passing: 2024 CE is 2567 BE
_LANGUAGE_NAMES = {
    "en": ("en", "eng", "english", "อังกฤษ", "ภาษาอังกฤษ"),
    "th": ("th", "tha", "thai", "ไทย", "ภาษาไทย"),
}
# What marks a message for extraction (Babel keyword specs); scripts/i18n.sh passes the same to pybabel.
KEYWORDS = {"_": None, "tr": None, "N_": None, "plural": (1, 2)}
SOURCES = ("app.py", "pages", "src/border_map")  # from the project root; scripts/i18n.sh extracts these
BAHT = N_("baht")  # Thai only: English keeps the seed's "THB"
AND = N_("{items} and {last}")  # the last two of a list: "A, B and C" / "ก ข และค"
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?:[:!][^}]*)?\}")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def placeholders(message: str) -> set[str]:
    return set(_PLACEHOLDER.findall(message))


@cache
def _catalogue(lang: str) -> NullTranslations:
    if lang == DEFAULT:
        return NullTranslations()
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return GNUTranslations(buffer)


@dataclass(frozen=True)
class Translator:
    """Messages, numbers and dates in one language. Call it like gettext: `_("Pairs")`."""

    lang: str

    def __call__(self, message: str, **values) -> str:
        text = _catalogue(self.lang).gettext(message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, **values) -> str:
        """A message whose wording depends on a count (Thai has one form; English two)."""
        text = _catalogue(self.lang).ngettext(singular, plural, count)
        return text.format(count=self.number(count), **values)

    @property
    def thai(self) -> bool:
        return self.lang == "th"

    def number(self, value: float, digits: int = 0) -> str:
        return _number(value, digits, self.lang)

    def money(self, amount: float, currency: str) -> str:
        """Baht as officials write it: "80,000 บาท" in Thai, the seed's "80,000 THB" in English."""
        unit = self(BAHT) if currency == "THB" and self.thai else currency
        return f"{self.number(amount)} {unit}"

    def and_list(self, items) -> str:
        """Items as a sentence lists them: "A, B and C"; in Thai "ก ข และค" (a space between items, as
        official Thai writes a list, never a comma)."""
        items = [str(item) for item in items]
        if len(items) < 2:
            return "".join(items)
        return self(AND, items=(" " if self.thai else ", ").join(items[:-1]), last=items[-1])

    def year(self, value: int) -> str:
        return str(value + BUDDHIST_ERA) if self.thai else str(value)

    def date(self, day: date) -> str:
        """15 June 2024 / 15 มิถุนายน 2567."""
        month = get_month_names("wide", locale=self.lang)[day.month]
        return f"{day.day} {month} {self.year(day.year)}"

    def date_span(self, start: date, end: date) -> str:
        """A period to the day, as the programme text and an official letter state one, the year said once when
        both ends share it: 15 June – 15 September 2024 / 15 มิถุนายน – 15 กันยายน 2567; 9–11 September 2024."""
        if start == end:
            return self.date(start)
        if start.year != end.year:
            return f"{self.date(start)} – {self.date(end)}"
        if start.month == end.month:
            return f"{start.day}–{self.date(end)}"
        month = get_month_names("wide", locale=self.lang)[start.month]
        return f"{start.day} {month} – {self.date(end)}"

    def partial_date(self, text: str) -> str:
        """The stories' dates: "2017", "2023-03" or "2021-11-16"."""
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 3:
            return self.date(date(*parts))
        if len(parts) == 2:
            return f"{get_month_names('wide', locale=self.lang)[parts[1]]} {self.year(parts[0])}"
        return self.year(parts[0])


@lru_cache(maxsize=4096)
def _number(value: float, digits: int, lang: str) -> str:
    """Babel's formatting, remembered: pages format the same few counts on every run of every session."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


@cache
def translator(lang: str) -> Translator:
    return Translator(lang if lang in LANGUAGES else DEFAULT)


def resolve_language(raw: str | None) -> str | None:
    """`?lang=th`, `thai`, `ไทย`, `EN`…: the language code, or None when the value names no language."""
    key = (raw or "").strip().casefold()
    for lang, names in _LANGUAGE_NAMES.items():
        if key in names:
            return lang
    return None


def from_locale(locale: str | None) -> str:
    """The browser's language (`th-TH`, `th`, `en-GB`): Thai browsers get Thai, everyone else English."""
    return "th" if (locale or "").strip().lower().replace("_", "-").split("-")[0] == "th" else DEFAULT
