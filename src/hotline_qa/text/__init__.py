"""Chinese text utilities: normalisation, numerals, lexicons."""
