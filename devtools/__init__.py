"""Development and test tooling: the local stack, OIDC provider, mail catcher and checks.

Production start-up never imports it (tests/test_layering.py shows it).
"""
