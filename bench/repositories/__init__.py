"""Benchmark of the repository layer against raw aioboto3 calls."""
