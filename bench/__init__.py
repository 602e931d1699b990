"""Search benchmark (see search_benchmark.py and docs/benchmarks.md)."""
