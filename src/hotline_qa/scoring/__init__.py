"""The evaluation form: dimensions, weights, deductions, red lines."""
