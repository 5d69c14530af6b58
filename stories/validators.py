"""The shape of a storyteller code. The rules for all free text (NFC, no control
characters, no CPR numbers) are aktiv.text's, for every app."""

import re

STORYTELLER_CODE_PATTERN = re.compile(r"^[A-ZÆØÅ]{1,3}-\d{1,5}$")
