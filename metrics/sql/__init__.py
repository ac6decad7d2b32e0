"""SQL builders for the indicator engine, one module per family."""
