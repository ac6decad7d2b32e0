"""Glue between Streamlit pages and the rest of Pejling: connection, cached results, filters, widgets."""
