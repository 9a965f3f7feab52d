"""Name normalisation: the same place written differently must compare equal.

Latin names lose case, accents, spaces and punctuation ("Si Sa Ket" == "Sisaket"). Thai script is kept
as written apart from spacing, because Thai vowel and tone marks are combining characters that carry
meaning and must not be stripped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_THAI = re.compile(r"[\u0E00-\u0E7F]")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0E00-\u0E7F]+")


def is_thai_script(text: str) -> bool:
    return bool(_THAI.search(text or ""))


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", (text or "").strip())
    if not is_thai_script(text):
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("", text.casefold())
