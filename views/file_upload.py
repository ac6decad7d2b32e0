"""Upload: template, file, full validation report, preview of the changes, confirm, result."""

import streamlit as st

import settings
from textsafe import safe, safe_message
from ui import auth, danish, fmt, intake
from ui.roles import Role

st.title("Upload af udtræk")
auth.require_page(Role.ANALYTIKER)

st.markdown(
    "Upload et udtræk fra fagsystemet som Excel (.xlsx) eller CSV. Filen kontrolleres først; du ser, "
    "hvad der vil ændre sig, og importen sker først, når du bekræfter. **En fil med fejl ændrer intet.**"
)
st.download_button(
    "Hent Excel-skabelon",
    intake.template_bytes(),
    file_name="pejling-skabelon.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
extract = st.selectbox(
    "Udtræk",
    intake.extract_options(),
    format_func=intake.extract_label,
    key="upload_extract",
    placeholder=danish.PLACEHOLDER,
)
upload = danish.file_uploader(
    "Vælg fil",
    ["xlsx", "csv"],
    key="upload_file",
    max_mb=settings.get("max_upload_mb"),
    help=f"Højst {settings.get('max_upload_mb')} MB. CPR-numre afvises og gemmes aldrig.",
)
if upload is None:
    st.stop()

content = upload.getvalue()
key = (intake.digest(content), extract)
previews = st.session_state.setdefault("_upload_previews", {})
if key not in previews:
    with st.status(f"Læser og kontrollerer {fmt.md(safe(upload.name))} …", expanded=True) as status:
        bar = st.progress(0.0, text="Læser filen")
        previews[key] = intake.preview(
            content, upload.name, extract, progress=lambda f, t: bar.progress(min(f, 1.0), text=t)
        )
        status.update(label="Filen er læst og kontrolleret.", state="complete", expanded=False)
result = previews[key]

if result.status == "refused":
    st.error(
        f"**Filen er afvist – intet er ændret.** Der er fundet {len(result.errors)} fejl. "
        "Ret dem i filen og upload den igen.",
        icon=":material/block:",
    )
    intake.show_issues(result)
    st.download_button(
        "Hent fejlrapport (Excel med fejlene markeret)",
        intake.error_report(content, upload.name, result),
        file_name=f"fejlrapport-{safe(upload.name, 80).rsplit('.', 1)[0]}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )
    st.stop()

st.subheader(f"Forhåndsvisning: {intake.extract_title(result.extract)}")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Rækker i filen", fmt.number(result.rows))
c2.metric("Nye", fmt.number(result.inserted))
c3.metric("Ændrede", fmt.number(result.updated))
c4.metric("Uændrede", fmt.number(result.unchanged))
for warning in result.warnings:
    st.warning(fmt.md(safe_message(warning)))
intake.show_changes(result)

done = st.session_state.setdefault("_upload_done", {})
pending = st.session_state.setdefault("_upload_pending", set())
if key in pending and key not in done:
    # An import was started but this page never saw it finish (the connection dropped or the run was
    # interrupted): the store, not a stale spinner, says what happened.
    pending.discard(key)
    stored = intake.stored_outcome(content)
    if stored is not None and stored["status"] in {"imported", "unchanged", "undone"}:
        done[key] = stored
    else:
        st.info("Den afbrudte import blev ikke gennemført – intet er ændret. Du kan importere filen igen.")
if key in done:
    final = done[key]
    final = (
        final if isinstance(final, dict) else {k: getattr(final, k) for k in ("batch", "status", "inserted", "updated")}
    )
    if final["status"] == "imported":
        st.success(
            f"Importeret som kørsel {final['batch']}: {fmt.number(final['inserted'])} nye og "
            f"{fmt.number(final['updated'])} ændrede rækker."
        )
    elif final["status"] == "undone":
        st.info(f"Filen blev importeret som kørsel {final['batch']}, men kørslen er siden fortrudt.")
    else:
        st.info("Filen var allerede importeret – intet er ændret.")
    st.page_link("views/import_history.py", label="Se importhistorikken", icon=":material/history:")
    st.stop()

if result.inserted == 0 and result.updated == 0:
    st.info("Filen indeholder intet nyt – der er intet at importere.")
    st.stop()
if st.button("Bekræft og importér", type="primary", icon=":material/check:", key="upload_confirm"):
    pending.add(key)  # if this run never finishes, the next one asks the store what happened
    bar = st.progress(0.0, text="Importerer")
    final = intake.commit(content, upload.name, extract, progress=lambda f, t: bar.progress(min(f, 1.0), text=t))
    if final.status == "refused":
        pending.discard(key)
        st.error("**Importen er afvist – intet er ændret.**")
        intake.show_issues(final)
    else:
        done[key] = final
        st.rerun()
