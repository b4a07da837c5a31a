"""Benchmarks: each module is runnable with `python -m bench.<name>` and rewrites its section of docs/benchmarks.md."""
