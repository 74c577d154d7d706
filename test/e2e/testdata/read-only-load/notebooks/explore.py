import marimo
