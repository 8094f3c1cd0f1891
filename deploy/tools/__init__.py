"""Offline tools that validate instance files and render, check and install deployment manifests."""
