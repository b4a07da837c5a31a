"""Rehearsals of what ships: the `chalice package` artefact run the way Lambda runs it, and
`make deploy` into an emulated empty account (docs/deploy.md, "Rehearsals")."""
