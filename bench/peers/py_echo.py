"""W7's Python echo servers on asyncio or uvloop: a Protocol (loop.create_server), a
BufferedProtocol receiving into one buffer of its own, or streams (asyncio.start_server, read up
to 64 KiB, write, drain), as an asyncio user writes them.

    /usr/bin/python3 bench/peers/py_echo.py --loop asyncio|uvloop --api protocol|buffered|streams --max-seconds N

Listens on a free port of 127.0.0.1 only, prints ``port N ...`` once it accepts connections, and
serves until killed, or for at most N seconds (so that an orphan cannot outlive its harness).
"""

import argparse
import asyncio
import sys


class EchoProtocol(asyncio.Protocol):
    """Writes back whatever arrives; stops reading while the peer does not take the echo."""

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)

    def pause_writing(self):
        self.transport.pause_reading()

    def resume_writing(self):
        self.transport.resume_reading()


class BufferedEcho(asyncio.BufferedProtocol):
    """Receives into one 64 KiB buffer and writes back a copy of each arrival (a transport may
    keep what it is given until the socket takes it, and the next arrival reuses the buffer)."""

    def __init__(self):
        self.view = memoryview(bytearray(65536))

    def connection_made(self, transport):
        self.transport = transport

    def get_buffer(self, sizehint):
        return self.view

    def buffer_updated(self, nbytes):
        self.transport.write(bytes(self.view[:nbytes]))

    def pause_writing(self):
        self.transport.pause_reading()

    def resume_writing(self):
        self.transport.resume_reading()


async def echo_streams(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def serve(api, max_seconds):
    loop = asyncio.get_running_loop()
    if api == "protocol":
        server = await loop.create_server(EchoProtocol, "127.0.0.1", 0)
    elif api == "buffered":
        server = await loop.create_server(BufferedEcho, "127.0.0.1", 0)
    else:
        server = await asyncio.start_server(echo_streams, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"port {port} {type(loop).__module__}.{type(loop).__name__} {api}", flush=True)
    try:
        await asyncio.wait_for(server.serve_forever(), max_seconds)
    except asyncio.TimeoutError:
        print(f"echo server: {max_seconds} s are up, exiting", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--loop", choices=["asyncio", "uvloop"], required=True)
    p.add_argument("--api", choices=["protocol", "buffered", "streams"], required=True)
    p.add_argument("--max-seconds", type=float, required=True)
    args = p.parse_args()
    if args.loop == "uvloop":
        import uvloop
        factory = uvloop.new_event_loop
    else:
        factory = asyncio.new_event_loop
    loop = factory()
    try:
        loop.run_until_complete(serve(args.api, args.max_seconds))
    finally:
        loop.close()


if __name__ == "__main__":
    main()
