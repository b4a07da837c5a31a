"""The edge, one Chalice blueprint per context (`app.py` registers them):

- `edge` — declared access per route, the bearer authorizer, error answers;
- `platform` — health, configuration, tickets, the members feed;
- `chat` — WebSocket entry points and actions, oversight, routing queue and sweep;
- `moderation`, `claims` (with the bookings feed and the state machine's queues),
  `programme`, `knowledge`, `insights`.
"""
