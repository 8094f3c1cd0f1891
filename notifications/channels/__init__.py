"""One module per notification channel, each a class with `async def send(...)`."""
