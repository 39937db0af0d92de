#!/usr/bin/env python3
"""A minimal Loup-Garou bot on the original JSON protocol (``/ws/{client_id}``).

Each bot is one WebSocket connection as an ``agent``: it sends
``join_game``, then answers every ``your_turn`` message with ``say``,
``vote`` or ``act`` (random but legal choices among the turn's
``options``) until the game's ``game_over`` event. Only the
``websockets`` library is needed (Debian: ``python3-websockets``)::

    # create a 5-player game and play it with 5 bots in this process
    python3 examples/seed_bot.py ws://localhost:8000 --players 5
    # one bot joins an existing game
    python3 examples/seed_bot.py ws://localhost:8000 --game g-1a2b3c --name Alice

With ``ADMIN_TOKEN`` set on the server, set it in the environment too:
creating a game needs it (it is sent as ``Authorization: Bearer``).
"""
import argparse
import asyncio
import json
import os
import random
import time

import websockets

NAMES = ["Alice", "Bruno", "Chloe", "Denis", "Elise", "Fabien", "Gaelle",
         "Hugo", "Ines", "Jules", "Katia", "Louis", "Margot", "Nicolas",
         "Oceane", "Paul", "Quentin", "Rose"]


def connect(uri: str, token: str | None = None):
    """websockets.connect with an optional bearer token (any library version)."""
    if not token:
        return websockets.connect(uri)
    headers = {"Authorization": f"Bearer {token}"}
    major = int(websockets.__version__.split(".")[0])
    if major >= 14:
        return websockets.connect(uri, additional_headers=headers)
    return websockets.connect(uri, extra_headers=headers)


async def send(ws, message_type: str, **fields) -> None:
    await ws.send(json.dumps({"message_type": message_type,
                              "timestamp": time.time(), **fields}))


async def answer(ws, turn: dict, rng: random.Random, me: str) -> None:
    """Answers one ``your_turn`` message."""
    request, options = turn["request"], turn["options"]
    choice = rng.choice(options) if options else None
    if request == "speak":
        text = f"I suspect {choice}." if choice else "I have nothing to add."
        await send(ws, "say", text=text, actionId=f"turn-{turn['seq']}")
    elif request == "vote":
        others = [p for p in options if p != me]
        await send(ws, "vote", target=rng.choice(others) if others else None,
                   actionId=f"turn-{turn['seq']}")
    elif request == "witch":
        await send(ws, "act", action={"kind": "witch_pass"},
                   actionId=f"turn-{turn['seq']}")
    elif request == "bid":  # the bidding turn policy: one of the amounts
        await send(ws, "bid", amount=rng.choice(turn["amounts"]),
                   actionId=f"turn-{turn['seq']}")
    else:  # wolf_kill, seer_inspect, guard_protect, hunter_shoot
        action = {"kind": request}
        if choice:
            action["target"] = choice
        await send(ws, "act", action=action, actionId=f"turn-{turn['seq']}")


async def play(base: str, game_id: str, name: str, seed: int) -> str:
    """Joins ``game_id`` as ``name`` and plays until the end; returns the winner."""
    rng = random.Random(seed)
    client_id = f"seed_bot_{name}_{rng.randrange(1 << 30):x}"
    async with connect(f"{base}/ws/{client_id}?client_type=agent") as ws:
        welcome = json.loads(await ws.recv())
        assert welcome["message_type"] == "connection", welcome
        await send(ws, "join_game", gameId=game_id, name=name,
                   request_id="join")
        me = None
        async for raw in ws:
            message = json.loads(raw)
            kind = message["message_type"]
            if kind == "result" and message.get("request") == "join_game":
                me = message["result"]["playerId"]
                print(f"{name} sits as {me}")
            elif kind == "error":
                print(f"{name}: {message.get('code')}: {message['error']}")
                if message.get("request") == "join_game":
                    raise SystemExit(f"{name} could not join {game_id}")
            elif kind == "your_turn":
                await answer(ws, message, rng, me)
            elif kind == "game_event" and message["event"]["type"] == "game_over":
                return message["event"]["winner"]
    raise SystemExit(f"{name}: the connection closed before the end")


async def create_game(base: str, players: int, token: str | None) -> str:
    """Creates a game (development mode, or ADMIN_TOKEN) and returns its id."""
    async with connect(f"{base}/ws/seed_host?client_type=ui", token) as ws:
        await ws.recv()  # the welcome
        await send(ws, "create_game", players=players, actionTimeoutMs=2000,
                   discussionRounds=1, request_id="create")
        for _ in range(100):
            message = json.loads(await ws.recv())
            if message.get("request_id") != "create":
                continue
            if message["message_type"] == "error":
                raise SystemExit(f"create_game refused: {message['error']}")
            return message["result"]["gameId"]
    raise SystemExit("no answer to create_game")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url", nargs="?", default="ws://localhost:8000")
    parser.add_argument("--game", help="join this game (default: create one)")
    parser.add_argument("--players", type=int, default=5)
    parser.add_argument("--name", help="one bot with this name")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    base = args.url.rstrip("/")
    game_id = args.game or await create_game(
        base, args.players, os.environ.get("ADMIN_TOKEN"))
    print(f"game {game_id}")
    names = [args.name] if args.name else NAMES[:args.players]
    bots = [play(base, game_id, name, args.seed * 100 + i)
            for i, name in enumerate(names)]
    winners = await asyncio.wait_for(asyncio.gather(*bots), args.timeout)
    print(f"game {game_id} over: {winners[0]} win")


if __name__ == "__main__":
    asyncio.run(main())
