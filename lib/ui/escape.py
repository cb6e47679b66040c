"""Text from documents made inert before Streamlit's Markdown renderer sees it: no formatting,
links, images, HTML, math or directives can come out of a title, a source or a sentence. Pure
functions (no streamlit)."""

from __future__ import annotations

import re
import string

# CommonMark lets any ASCII punctuation be escaped with a backslash, and an escaped character is
# always literal; escaping all of it also disarms Streamlit's extensions ($math$, :color[text],
# :material/icon:) and GitHub's tables, strikethrough and autolinks.
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_WEB_URL = re.compile(r"https?://[^\s<>()\[\]{}\"'`\\]+", re.IGNORECASE)


def markdown_text(value: object) -> str:
    """A value shown literally by ``st.markdown``/``st.caption``: every punctuation character
    escaped and line breaks folded into spaces (a line may not start a heading or a list)."""
    if value is None:
        return ""
    text = _LINE_BREAKS.sub(" ", str(value))
    return _PUNCTUATION.sub(r"\\\1", text)


def markdown_link(url: object, label: object = None) -> str:
    """A Markdown link to a web address (http or https only, with nothing that could close the
    link early); any other value is shown as escaped text and links nowhere."""
    text = "" if url is None else str(url).strip()
    shown = markdown_text(label if label is not None else text)
    if not _WEB_URL.fullmatch(text):
        return shown
    return f"[{shown}](<{text}>)"
