"""Fault injection at full size: long outages and large rounds, run by hand."""
