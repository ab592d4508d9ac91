"""Contacts as the format writes them: one check each for a phone number, an e-mail address and a web address.

The schema's `email` and `uri` formats and the transparency rules on complaint channels use these same checks.
"""

from __future__ import annotations

import re

from svcstd.standard.words import lazy_pattern

# Indonesian numbers: +62 / 62 / 0, then 7 to 12 digits; spaces, dots, dashes and an area code in
# parentheses are allowed between digits: +62 812-2750-4411, 0274-512345, (0265) 771204, 021 555 0123.
_PHONE_SHAPE = re.compile(r"\+?\(?\d[\d\s().-]*\d")
_PHONE_SEPARATORS = re.compile(r"[\s().-]")
_PHONE_DIGITS = re.compile(r"(?:\+62|62|0)[1-9]\d{6,11}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_WEB = lazy_pattern(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:[/?#]\S*)?", re.IGNORECASE)


def is_phone(contact: str) -> bool:
    """An Indonesian phone number in one of its usual written forms."""
    text = contact.strip()
    return bool(_PHONE_SHAPE.fullmatch(text)) and bool(_PHONE_DIGITS.fullmatch(_PHONE_SEPARATORS.sub("", text)))


def is_email(contact: str) -> bool:
    """name@domain.tld, without spaces."""
    return _EMAIL.fullmatch(contact.strip()) is not None


def is_web_address(contact: str) -> bool:
    """An http(s) address with a dotted host name."""
    return _WEB().fullmatch(contact.strip()) is not None
