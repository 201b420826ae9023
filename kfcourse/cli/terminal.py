"""Text for a terminal: control characters shown as escapes, so stored text cannot drive it.

A journal may hold text imported from anywhere; printed raw, an escape sequence in it could
retitle the window, move the cursor or hide what follows. Shown escaped, it is only text.
"""

from __future__ import annotations

import unicodedata

# Characters that reorder what follows them on screen (bidirectional controls) or break lines.
_BIDI = set("\u2028\u2029\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: object) -> str:
    """`text` with every control character (C0, DEL, C1, bidi controls) written as an escape."""
    return "".join(
        _escape(char) if unicodedata.category(char) == "Cc" or char in _BIDI else char
        for char in str(text)
    )
