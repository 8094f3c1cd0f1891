"""Sign-in (OpenID Connect), our own tokens, and who is asking."""
