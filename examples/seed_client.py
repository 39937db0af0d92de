#!/usr/bin/env python3
"""The original quick-start of the JSON protocol, unchanged in spirit.

Connects to ``/ws/{client_id}?client_type=ui``, reads the welcome
(a ``connection`` message), sends a ``ping`` and reads the ``pong``.
It needs only the ``websockets`` library (Debian: ``python3-websockets``)::

    python3 examples/seed_client.py                      # ws://localhost:8000
    python3 examples/seed_client.py ws://127.0.0.1:9000
"""
import asyncio
import json
import sys
import time

import websockets


async def connect(base: str) -> None:
    uri = f"{base}/ws/my_client?client_type=ui"

    async with websockets.connect(uri) as websocket:
        # Receive the welcome message
        welcome = await websocket.recv()
        print(f"Connected: {welcome}")

        # Send a message
        message = {
            "message_type": "ping",
            "client_id": "my_client",
            "timestamp": time.time(),
        }
        await websocket.send(json.dumps(message))

        # Receive the answer (other clients' messages may come first)
        for _ in range(100):
            response = await websocket.recv()
            if json.loads(response)["message_type"] == "pong":
                print(f"Received: {response}")
                return
            print(f"(meanwhile) {response}")
        raise SystemExit("no pong among the first 100 messages")


if __name__ == "__main__":
    base_url = sys.argv[1] if len(sys.argv) > 1 else "ws://localhost:8000"
    asyncio.run(asyncio.wait_for(connect(base_url.rstrip("/")), timeout=30))
