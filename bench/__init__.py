"""Benchmarks, one package per area."""
