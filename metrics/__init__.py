"""Prometheus metrics of the API and the worker, served on a port of their own."""
