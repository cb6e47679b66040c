"""sitrep dashboard: page config, the shared sidebar filters, and navigation over the pages."""

import streamlit as st

from lib.ui.frame import draw_sidebar

st.set_page_config(page_title="sitrep", page_icon="🛰️", layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="📋", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon="📅"),
    st.Page("pages/border_map.py", title="Border map", icon="🗺️"),
    st.Page("pages/claims.py", title="Claims by source", icon="💬"),
    st.Page("pages/casualties.py", title="Casualties", icon="🩹"),
    st.Page("pages/documents.py", title="Documents", icon="📄"),
]

page = st.navigation(PAGES)
draw_sidebar()
page.run()
