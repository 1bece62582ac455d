// A remote shard as a stub line names it ("remote ..." in DIR/XAPIANDB):
// Xapian's TCP server or its program backend, and whether a TCP shard is
// reached over a public address (xapian-tcpsrv authenticates no one).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace telusur {

struct RemoteShard {
  bool tcp = false;
  // TCP: "remote :HOST:PORT" (or "remote HOST:PORT").
  std::string host;
  unsigned port = 0;
  // Program: "remote PROGRAM ARGS..." ("remote ssh HOST xapian-progsrv
  // PATH"): the program runs with the arguments split at spaces, and speaks
  // Xapian's remote protocol on its stdin and stdout.
  std::string program;
  std::string args;
};

// The shard that the argument of a "remote" stub line names. Throws
// telusur::Error saying what is expected.
RemoteShard parse_remote_shard(std::string_view arg);

// The first address `host` resolves to that is public (not loopback,
// private, link-local, shared or unique-local), or nullopt. A host that does
// not resolve has no public address (connecting to it fails anyway).
std::optional<std::string> public_address(const std::string& host);

}  // namespace telusur
