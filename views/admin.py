"""Administration: the intervention catalogue (Excel out, checked Excel in) and the settings in force."""

import streamlit as st

from ui import admin, auth, danish, fmt, intake
from ui.roles import Role

st.title("Administration")
auth.require_page(Role.ADMINISTRATOR)

st.subheader("Indsatskatalog")
st.markdown(
    "Kataloget fastlægger hver indsats' trin på indsatstrappen, lovgrundlag og fokusområder. Hent det som "
    "Excel, ret det, og indlæs det igen. Filen kontrolleres som et udtræk; **en fil med fejl ændrer intet**."
)
st.dataframe(admin.catalogue_table(), hide_index=True)
st.download_button(
    "Hent indsatskataloget som Excel",
    admin.catalogue_xlsx(),
    file_name="indsatskatalog.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
upload = danish.file_uploader("Indlæs et rettet indsatskatalog", ["xlsx"], key="catalogue_file")
if upload is not None:
    content = upload.getvalue()
    result = admin.catalogue_preview(content, upload.name)
    if result.status == "refused":
        st.error("**Filen er afvist – intet er ændret.**", icon=":material/block:")
        st.dataframe(intake.issues_table(result), hide_index=True)
    else:
        st.markdown(
            f"Nye indsatser: **{result.inserted}** · ændrede: **{result.updated}** · uændrede: **{result.unchanged}**"
        )
        for warning in result.warnings:
            st.warning(fmt.md(warning))
        if st.button("Bekræft og indlæs kataloget", type="primary", key="catalogue_confirm"):
            final = admin.catalogue_commit(content, upload.name)
            if final.status == "refused":
                st.error("**Kataloget er afvist – intet er ændret.**")
                st.dataframe(intake.issues_table(final), hide_index=True)
            else:
                st.success("Indsatskataloget er opdateret.")
with st.expander("Katalogets ændringer", icon=":material/history:"):
    history = admin.catalogue_history()
    if history.empty:
        st.caption("Ingen ændringer endnu.")
    else:
        st.dataframe(history, hide_index=True)

st.subheader("Login og roller")
for line in admin.sign_in_summary():
    st.markdown(line)

st.subheader("Indstillinger")
st.caption("Sættes som miljøvariabler på serveren; se README. Hemmeligheder vises ikke.")
st.dataframe(admin.settings_table(), hide_index=True)
