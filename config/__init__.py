"""Configuration: the settings read from the environment and the signing keys they hold."""
