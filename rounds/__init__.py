"""Rounds: when they are due, what one would form, and asking a worker to run one."""
