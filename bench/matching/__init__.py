"""Benchmarks of the matching engine against common baselines."""
