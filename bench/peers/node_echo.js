// W7's Node.js echo server: the `net` module, writing back each chunk as it arrives.
//
//   node bench/peers/node_echo.js MAX_SECONDS
//
// Listens on a free port of 127.0.0.1 only, prints `port N ...` once it accepts connections, and
// serves until killed, or for at most MAX_SECONDS (so that an orphan cannot outlive its harness).
// noDelay is on, as asyncio, Jasyncio and Netty set TCP_NODELAY; socket.pipe-style flow control:
// reading pauses while a write is buffered beyond the high-water mark.
'use strict';

const net = require('net');

const maxSeconds = Number(process.argv[2]);
if (!(maxSeconds > 0)) {
  console.error('usage: node node_echo.js MAX_SECONDS');
  process.exit(2);
}

const server = net.createServer({ noDelay: true }, (socket) => {
  socket.on('data', (chunk) => {
    if (!socket.write(chunk)) {
      socket.pause();
      socket.once('drain', () => socket.resume());
    }
  });
  socket.on('error', () => socket.destroy());
});

server.listen(0, '127.0.0.1', () => {
  console.log(`port ${server.address().port} node ${process.version} net`);
});

setTimeout(() => {
  console.error(`echo server: ${maxSeconds} s are up, exiting`);
  process.exit(3);
}, maxSeconds * 1000);
