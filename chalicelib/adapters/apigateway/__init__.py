"""API Gateway adapters: the WebSocket @connections API."""
