"""Page objects: what a person does on each page of the web app, in their words."""
