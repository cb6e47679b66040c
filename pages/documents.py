"""Documents: the list, a reader with places, actors, dates, figures and claims highlighted,
and a form to add a document (pasted or uploaded) that every page shows at once."""

import datetime as dt

import pandas as pd
import streamlit as st

from lib import data
from lib.ingest import IngestError
from lib.ui import loading
from lib.ui.escape import markdown_link, markdown_text
from lib.ui.frame import current_view
from lib.ui.reader import annotate_html, document_marks, legend_html
from lib.ui.widgets import page_header, paged, table_download

READER_KEY = "reader_doc"
OPEN_KEY = "_sr_open_doc"  # a document to open on the next run (set after the reader was drawn)

view = current_view()
page_header("Documents", view, intro="The documents behind every table. Open one to read it with what was found in it.")

documents = view.data("documents")
page = paged(documents, key="documents_page", noun="documents", order="newest first")
selection = st.dataframe(
    page,
    hide_index=True,
    width="stretch",
    key="documents_table",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "title": st.column_config.TextColumn("Title", width="large"),
        "outlet": "Outlet",
        "events": st.column_config.NumberColumn("Events", width="small"),
        "casualties": st.column_config.NumberColumn("Figures", width="small"),
        "claims": st.column_config.NumberColumn("Claims", width="small"),
        "locations": st.column_config.NumberColumn("Places", width="small"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "doc_id": st.column_config.TextColumn("Id", width="small"),
    },
)
table_download(documents, name="sitrep-documents", key="documents_csv")

st.subheader("Read a document")
choices = list(page["doc_id"])  # the documents on the table's page, and the one open
rows = selection.selection.rows if selection is not None else []
if rows and rows[0] < len(choices):
    st.session_state[READER_KEY] = choices[rows[0]]
if OPEN_KEY in st.session_state:
    st.session_state[READER_KEY] = st.session_state.pop(OPEN_KEY)
if st.session_state.get(READER_KEY) in set(documents["doc_id"]).difference(choices):
    choices.insert(0, st.session_state[READER_KEY])
if st.session_state.get(READER_KEY) not in choices:
    st.session_state.pop(READER_KEY, None)
if not choices:
    st.info("No documents match the filters.")
else:
    titles = view.options.documents
    doc_id = st.selectbox("Document", choices, key=READER_KEY, format_func=lambda d: titles.get(d) or d)
    row = view.tables["documents"].set_index("doc_id").loc[doc_id]
    published = row["published"].date() if not pd.isna(row["published"]) else None
    text, mentions = loading.document(view.key, view.tables, doc_id, published)
    st.caption(
        f"{markdown_text(row['outlet'] or 'unknown outlet')} · published {published or 'unknown'}"
        + (f" · {markdown_link(row['url'])}" if isinstance(row["url"], str) and row["url"] else "")
    )
    st.markdown(legend_html(), unsafe_allow_html=True)
    marks, claims = document_marks(view.tables, doc_id, mentions)
    with st.container(border=True, height=520):
        st.markdown(annotate_html(text, marks, claims), unsafe_allow_html=True)

st.subheader("Add a document")
with st.form("add_document", clear_on_submit=True):
    st.markdown("Paste the text or upload a .txt, .md or .html file. It is saved with the documents and "
                "appears on every page at once.")  # fmt: skip
    left, right = st.columns(2)
    title = left.text_input("Title")
    outlet = right.text_input("Outlet")
    published = left.date_input("Published", value=dt.date.today(), format="YYYY-MM-DD",
                                help="Relative dates in the text (“on Wednesday”) are resolved against it.")  # fmt: skip
    url = right.text_input("URL (optional)")
    pasted = st.text_area("Text", height=180, placeholder="Paste the article here…")
    upload = st.file_uploader("…or upload a file", type=["txt", "md", "html", "htm"])
    submitted = st.form_submit_button("Add document", type="primary")

if submitted:
    meta = {"title": title, "outlet": outlet, "published": published, "url": url}
    try:
        if upload is not None:
            added = data.add_upload(upload.getvalue(), filename=upload.name, **meta)
        else:
            added = data.add_document(pasted, kind="text", **meta)
    except IngestError as exc:
        st.error(f"Not added: {markdown_text(exc if upload is not None else f'the pasted text {exc}')}.")
    else:
        if added.existed:
            st.info(f"This text is already here as {markdown_text(added.path.name)}.")
        else:
            st.session_state[OPEN_KEY] = added.document.doc_id
            st.session_state["_sr_added"] = added.document.title or added.path.name
            st.rerun()
if st.session_state.get("_sr_added"):
    st.success(f"Added “{markdown_text(st.session_state.pop('_sr_added'))}”: it is now in every page.")
