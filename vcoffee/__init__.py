"""Virtual Coffee: the application's wiring (settings, command line, ASGI app)."""
