"""The package's overhead over Polars on the same files: a 1M-row checkpoint read into Polars
through checkpointio.read(...).collect() vs pl.scan_ipc / pl.scan_parquet of the same shard
files, and a write through checkpointio.write vs DataFrame.write_ipc / write_parquet.

    python python/benchmarks/read_write_overhead.py [--rows 1000000] [--dir /tmp/x]

One run of each step, on whatever the machine is doing: read the figures as a ratio, not as
absolute speed. Results go to stdout as a Markdown table (docs/python.md quotes one)."""

import argparse
import os
import platform
import shutil
import tempfile
import time

import polars as pl

import checkpointio as cio
from checkpointio import _paths as paths


def frame(rows):
    """Orders: an id, a customer, an amount, a note that is null every third row, a day and
    an instant."""
    ids = pl.int_range(0, rows, dtype=pl.Int64, eager=True)
    return pl.DataFrame({"id": ids}).with_columns(
        customer=pl.format("customer-{}", pl.col("id") % 1000),
        amount=(pl.col("id") * 7919 % 100_000) / 100,
        note=pl.when(pl.col("id") % 3 == 0).then(None).otherwise(pl.lit("note")),
        day=pl.date(2026, 1, 1) + pl.duration(days=pl.col("id") % 365),
        at=(pl.datetime(2026, 1, 1, time_zone="UTC") + pl.duration(microseconds=pl.col("id"))),
    )


def timed(step):
    start = time.perf_counter()
    result = step()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    work = args.dir or tempfile.mkdtemp(prefix="checkpointio-bench-")
    data = frame(args.rows)
    print(f"{args.rows:,} rows, {len(data.columns)} columns; Python {platform.python_version()},"
          f" Polars {pl.__version__}, {os.cpu_count()} CPUs\n")
    print("| format | step | checkpointio | Polars on the same files | ratio |")
    print("|---|---|---|---|---|")
    # Imports, first calls and the first large allocations of both sides are paid, with an
    # untimed write and read of the same size, before anything is timed.
    warm = data
    for fmt in ("arrow", "parquet"):
        cio.write(warm, os.path.join(work, "warm"), "w", run_id="w", format=fmt)
        cio.read(os.path.join(work, "warm"), "w", "w").collect()
    warm.write_ipc(os.path.join(work, "warm.arrow"))
    warm.write_parquet(os.path.join(work, "warm.parquet"))
    pl.scan_ipc(os.path.join(work, "warm.arrow")).collect()
    pl.scan_parquet(os.path.join(work, "warm.parquet")).collect()
    for fmt, scan, suffix in (("arrow", pl.scan_ipc, ".arrow"), ("parquet", pl.scan_parquet, ".parquet")):
        root = os.path.join(work, fmt)
        package_write, _ = timed(lambda: cio.write(data, root, "orders", run_id="bench", format=fmt))
        direct = os.path.join(work, f"direct{suffix}")
        writer = data.write_ipc if fmt == "arrow" else data.write_parquet
        direct_write, _ = timed(lambda: writer(direct))
        directory = paths.checkpoint_directory(root, "RUN", "bench", "orders")
        files = sorted(os.path.join(directory, f) for f in os.listdir(directory)
                       if f.startswith("part-"))
        package_read, read = timed(lambda: cio.read(root, "orders", "bench").collect())
        size_read, _ = timed(lambda: cio.read(root, "orders", "bench", verify="size").collect())
        direct_read, direct_frame = timed(lambda: scan(files).collect())
        assert read.height == direct_frame.height == args.rows
        for step, ours, theirs in (("write", package_write, direct_write),
                                   ("read (size + CRC32C checked)", package_read, direct_read),
                                   ("read (size checked)", size_read, direct_read)):
            print(f"| {fmt.upper()} | {step} | {ours * 1000:,.0f} ms | {theirs * 1000:,.0f} ms |"
                  f" {ours / theirs:.2f} |")
    if args.dir is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
