"""Mål: baselines and targets per indicator for the chosen strategy; every change is recorded."""

import streamlit as st

import settings
from ui import auth, danish, data, filters, fmt, goals
from ui.roles import Role

view = filters.current_view()
strategy = data.strategies()[view.strategy]
st.title("Mål")
st.caption(fmt.md(strategy.title))
auth.require_page(Role.ADMINISTRATOR)

st.markdown(
    "Skriv basisværdi og mål for hver indikator. **Andele skrives i procent** (fx 45 for 45 %). "
    "Den forventede værdi i årene imellem ligger på en ret linje mellem basis og mål. Tom celle = intet mål."
)
before = goals.editor_frame(strategy)
edited = st.data_editor(
    before,
    key=f"goal_editor_{strategy.id}",
    disabled=["Indikator", goals.SUBGROUP, "Enhed"],
    hide_index=True,
    placeholder="–",
    column_config=goals.column_config(before),
)
if msg := st.session_state.pop("_goal_msg", None):
    st.success(msg)
if st.button("Gem ændringer", type="primary", icon=":material/save:", key="goal_save"):
    changes, errors = goals.save(strategy, before, edited)
    for error in errors:
        st.error(fmt.md(error))
    if changes and not errors:
        st.session_state["_goal_msg"] = f"{changes} ændring(er) er gemt."
        st.session_state.pop(f"goal_editor_{strategy.id}", None)
        st.rerun()
    elif not changes and not errors:
        st.info("Ingen ændringer at gemme.")

with st.expander("Mål for en delgruppe (fx under 30 eller en målgruppe)", icon=":material/group_add:"):
    st.markdown(
        "Et mål kan gælde alle borgere i målgruppen eller en navngiven delgruppe. Status sammenligner lige med "
        "lige: når filtrene netop vælger delgruppen, bruges dens mål; vælger filtrene en gruppe uden eget mål, "
        "vises ingen status, men teksten *Målet gælder alle borgere i målgruppen*."
    )
    goals.subgroup_form(strategy)

with st.expander("Excel: hent og indlæs mål", icon=":material/table:"):
    st.download_button(
        "Hent mål som Excel",
        goals.to_xlsx(strategy),
        file_name=f"maal-{strategy.id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    upload = danish.file_uploader(
        "Indlæs udfyldt mål-ark", ["xlsx"], key="goal_upload", max_mb=settings.get("max_upload_mb")
    )
    if upload is not None and st.button("Indlæs mål fra filen", key="goal_import"):
        changes, errors = goals.from_xlsx(strategy, upload.getvalue())
        if errors:
            st.error("Filen er afvist – intet er ændret:\n\n" + "\n".join(f"- {fmt.md(e)}" for e in errors))
        else:
            st.session_state["_goal_msg"] = f"{changes} ændring(er) indlæst fra filen."
            st.session_state.pop(f"goal_editor_{strategy.id}", None)
            st.rerun()

st.subheader("Historik")
history = goals.history_table(strategy)
if history.empty:
    st.caption("Ingen ændringer endnu.")
else:
    st.dataframe(history, hide_index=True)
