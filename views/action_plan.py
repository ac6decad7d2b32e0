"""Handleplan: the strategy's initiatives per year, their status, editing, Excel import/export and history."""

import streamlit as st

from ui import components, danish, data, filters, fmt, story

view = filters.current_view()
strategy = data.strategies()[view.strategy]
st.title("Handleplan")
st.caption(fmt.md(strategy.title))
st.markdown(
    "Hvad der gøres for at flytte indikatorerne: hver handling hører til et fokusområde og en eller flere "
    "indikatorer og vises ved dem på siden Fokusområder."
)
story.flash()

years = story.plan_years(strategy, view)
default = story.plan_year(view)
year = st.selectbox(
    "År",
    years,
    index=years.index(default) if default in years else len(years) - 1,
    key="plan_year",
    placeholder=danish.PLACEHOLDER,
)
table = story.plan_table(strategy, year)
if table.empty:
    st.info(f"Ingen handlinger i handleplanen for {year} endnu.", icon=":material/checklist:")
else:
    st.dataframe(table, hide_index=True)

st.subheader("Ret handleplanen")
if components.may_edit():
    choices = story.item_choices(strategy)
    chosen = st.selectbox(
        "Handling", list(choices), format_func=choices.get, key="plan_item", placeholder=danish.PLACEHOLDER
    )
    raw = story.item_form(strategy, chosen, year)
    if raw is not None:
        errors = story.save_item(strategy, raw)
        if errors:
            st.error("Handlingen er ikke gemt:\n\n" + "\n".join(f"- {fmt.md(e)}" for e in errors))
    if chosen != story.NEW_ITEM and st.button("Fjern handlingen", icon=":material/delete:", key="plan_delete"):
        story.delete_item(strategy, chosen)

    with st.expander("Excel: hent og indlæs handleplanen", icon=":material/table:"):
        st.download_button(
            f"Hent handleplan {year} som Excel",
            story.to_xlsx(strategy, year),
            file_name=f"handleplan-{strategy.id}-{year}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="plan_download",
        )
        upload = danish.file_uploader("Indlæs udfyldt handleplan", ["xlsx"], key="plan_upload")
        if upload is not None and st.button("Indlæs handleplan fra filen", key="plan_import"):
            changes, errors = story.from_xlsx(strategy, upload.getvalue())
            if errors:
                st.error("Filen er afvist – intet er ændret:\n\n" + "\n".join(f"- {fmt.md(e)}" for e in errors))
            else:
                st.session_state["_story_msg"] = f"{changes} handling(er) indlæst fra filen."
                st.rerun()

    st.subheader("Historik")
    history = story.history_table(strategy)
    if history.empty:
        st.caption("Ingen ændringer endnu.")
    else:
        st.dataframe(history, hide_index=True)
