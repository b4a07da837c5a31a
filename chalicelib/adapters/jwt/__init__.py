"""JSON Web Token adapters (PyJWT): member bearer tokens."""
