"""DynamoDB (PynamoDB) adapters: the models per context (`models/`), one store module per
context, and the one reading of DynamoDB's refusals (`transactions.py`)."""
