"""Doors for many calls: a local process pool, or an existing Dask cluster."""
