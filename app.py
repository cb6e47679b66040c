"""sitrep dashboard entry point (placeholder until the dashboard lands)."""

import streamlit as st

st.set_page_config(page_title="sitrep", page_icon="🛰️", layout="wide")
st.title("sitrep")
st.write("The dashboard is being built. Use `python -m lib extract seeds --out out/` for the tables.")
