"""Importhistorik og datakvalitet: the batches, undo with confirmation, data-quality notes."""

import streamlit as st

from ui import auth, components, danish, filters, fmt, history
from ui.roles import Role

st.title("Importhistorik og datakvalitet")
auth.require_page(Role.ANALYTIKER)

rows = history.batches()
if not rows:
    st.info(components.EMPTY_TEXT, icon=":material/upload_file:")
else:
    st.dataframe(history.batches_table(rows), hide_index=True, column_config=history.batches_column_config())

    st.subheader("Fortryd en import")
    if msg := st.session_state.pop(history.UNDO_MESSAGE, None):
        (st.success if msg[0] == "undone" else st.error)(msg[1])
    choices = history.undoable(rows)
    if not choices:
        st.caption("Ingen importer kan fortrydes.")
    else:
        batch = st.selectbox(
            "Kørsel",
            choices,
            key="undo_batch",
            format_func=lambda b: history.batch_label(b, rows),
            placeholder=danish.PLACEHOLDER,
        )
        sure = st.checkbox(
            f"Ja, fortryd kørsel {batch}. Data fra kørslen fjernes, og rækker den ændrede, får deres tidligere værdier.",
            key="undo_sure",
        )
        st.button(
            "Fortryd import",
            disabled=not sure,
            type="primary",
            key="undo_go",
            icon=":material/undo:",
            on_click=history.undo_clicked,
            args=(batch, rows),
        )

st.subheader("Datakvalitet")
view = filters.current_view()
if components.empty_state():
    st.stop()
quality = history.quality(view)
st.caption(f"Periode: {fmt.period_label(view.period)} (alle borgere, uanset filtre)")
notes = quality.get("noter", [])
if not notes:
    st.success("Ingen bemærkninger til datakvaliteten i perioden.")
for note in notes:
    st.markdown(f"- {note}")
with st.expander("Manglende værdier pr. kolonne"):
    st.dataframe(history.missing_table(quality), hide_index=True)
