"""The HTTP side: SSE decoding, the Chat Completions and Responses adapters, error
classification, retries and the service that ties them together (httpx, no Qt)."""
