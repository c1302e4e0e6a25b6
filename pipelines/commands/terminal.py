"""Text from files (names, titles, clause texts) printed to a terminal: control characters shown, not
obeyed. An ESC (``\\x1b``) or a C1 control (``\\x9b`` is a one-byte CSI) in a file name or a document could
otherwise move the cursor, rewrite earlier output, set the window title or hide lines."""

from __future__ import annotations

import unicodedata

_KEEP = {"\n"}  # the printer's own line breaks; a tab in a name is shown as \t like any other control


def visible(text: object) -> str:
    """``text`` with every control and format character (C0, DEL, C1, bidi overrides...) as an escape."""
    s = str(text)
    if s.isprintable() and "\x1b" not in s:
        return s
    out = []
    for ch in s:
        if ch in _KEEP or (ch.isprintable() and unicodedata.category(ch) not in ("Cc", "Cf")):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


def json_for_terminal(payload, **kwargs) -> str:
    """JSON of ``payload`` in which control and format characters are escapes: ``json`` escapes C0 controls
    itself, but with ``ensure_ascii=False`` C1 controls (``\\x9b``) and bidi overrides pass through raw."""
    import json

    text = json.dumps(payload, ensure_ascii=False, **kwargs)
    if text.isprintable() or all(ch == "\n" or ch.isprintable() for ch in text):
        return text
    return "".join(ch if ch == "\n" or (ch.isprintable() and unicodedata.category(ch) not in ("Cc", "Cf"))
                   else f"\\u{ord(ch):04x}" for ch in text)
