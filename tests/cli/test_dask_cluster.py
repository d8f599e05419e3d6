"""`--scheduler tcp://HOST:PORT` against a real local Dask cluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hotline_qa.cli.app import app
from hotline_qa.cli.demo import samples_dir

distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_same_results_on_a_dask_cluster_as_locally(tmp_path: Path) -> None:
    runner = CliRunner()
    files = [str(p) for p in sorted(samples_dir().iterdir()) if not p.name.endswith(".meta.json")][:4]
    local = runner.invoke(app, ["score", *files, "-f", "jsonl", "--jobs", "1"])
    # A real scheduler and worker process talking TCP on loopback, as on a production cluster.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, protocol="tcp://",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = runner.invoke(app, ["score", *files, "-f", "jsonl", "--scheduler", cluster.scheduler_address])
    assert remote.exit_code == local.exit_code, remote.output
    strip = [{k: v for k, v in json.loads(line).items()} for line in local.stdout.splitlines()]
    got = [json.loads(line) for line in remote.stdout.splitlines()]
    assert [r["call_id"] for r in got] == [r["call_id"] for r in strip]
    assert [r["total_score"] for r in got] == [r["total_score"] for r in strip]


def test_unreachable_scheduler_is_a_clear_error() -> None:
    runner = CliRunner()
    files = [str(samples_dir() / "01_good_broadband.txt")]
    res = runner.invoke(app, ["score", *files, "--scheduler", "tcp://127.0.0.1:9"])
    assert res.exit_code == 2
