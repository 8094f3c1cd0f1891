"""Benchmark of notifying everyone matched in one round."""
