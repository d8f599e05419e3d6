"""The call model, findings, evaluations and errors. No I/O happens in this package."""
