"""Run the same scoring on an existing Dask cluster (``--scheduler tcp://HOST:PORT``).

Workers must have hotline-qa installed and see the same paths (a shared folder). Each
worker builds the engine once, exactly as the local process pool does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from hotline_qa.batch.runner import FileOutcome, ScoreOptions, score_file
from hotline_qa.core.errors import InputError


def score_files_on_cluster(paths: Sequence[str | Path], options: ScoreOptions, scheduler: str,
                           *, timeout: float = 10.0) -> Iterator[FileOutcome]:
    """Submit one task per file to the cluster and yield outcomes in input order."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("使用 --scheduler 需要安装 dask 扩展 (pip install 'hotline-qa[dask]')",
                         field="--scheduler") from None
    try:
        client = Client(scheduler, timeout=timeout)
    except OSError as exc:
        raise InputError(f"无法连接 Dask 调度器 {scheduler} (cannot reach the scheduler): {exc}",
                         field="--scheduler", hint="检查地址与端口，例如 tcp://127.0.0.1:8786") from None
    try:
        futures = client.map(score_file, [str(p) for p in paths], options=options, pure=False)
        for fut in futures:
            yield fut.result()
    finally:
        client.close()
