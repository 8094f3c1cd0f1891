"""Deployment to AWS: Kustomize base, per-instance overlays and the tools that render them."""
