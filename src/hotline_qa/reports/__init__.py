"""Outputs of an evaluation: terminal, JSON/JSONL, the self-contained HTML page and Excel.

Every renderer starts from ``Evaluation.to_dict()`` (the published record), optionally
redacted, so that what a report shows is what the JSON says.
"""
