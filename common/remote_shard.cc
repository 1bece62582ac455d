#include "remote_shard.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <limits>

#include "status.h"

namespace telusur {

RemoteShard parse_remote_shard(std::string_view arg) {
  RemoteShard r;
  const bool colon_first = !arg.empty() && arg.front() == ':';
  if (colon_first || (arg.find(' ') == std::string_view::npos && arg.find(':') != std::string_view::npos)) {
    const std::string_view where = colon_first ? arg.substr(1) : arg;
    const std::size_t colon = where.rfind(':');
    const std::string_view port = colon == std::string_view::npos ? "" : where.substr(colon + 1);
    unsigned long value = 0;
    bool digits = !port.empty() && port.size() <= 5;
    for (char c : port) {
      digits = digits && c >= '0' && c <= '9';
      value = value * 10 + static_cast<unsigned long>(c - '0');
    }
    if (colon == std::string_view::npos || colon == 0 || !digits || value == 0 || value > 65535)
      throw Error("expected 'remote :HOST:PORT' (a port from 1 to 65535) or 'remote PROGRAM ARGS'");
    r.tcp = true;
    r.host = std::string(where.substr(0, colon));
    r.port = static_cast<unsigned>(value);
    return r;
  }
  const std::size_t sp = arg.find(' ');
  r.program = std::string(arg.substr(0, sp));
  if (sp != std::string_view::npos) {
    std::string_view rest = arg.substr(sp + 1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    r.args = std::string(rest);
  }
  if (r.program.empty())
    throw Error("expected 'remote :HOST:PORT' or 'remote PROGRAM ARGS' (such as 'remote ssh HOST "
                "xapian-progsrv PATH')");
  return r;
}

namespace {

bool is_public_v4(std::uint32_t a) {  // host byte order
  const auto in = [&](std::uint32_t net, int bits) {
    return (a >> (32 - bits)) == (net >> (32 - bits));
  };
  return !(in(0x7f000000u, 8) ||    // 127/8 loopback
           in(0x0a000000u, 8) ||    // 10/8
           in(0xac100000u, 12) ||   // 172.16/12
           in(0xc0a80000u, 16) ||   // 192.168/16
           in(0xa9fe0000u, 16) ||   // 169.254/16 link-local
           in(0x64400000u, 10) ||   // 100.64/10 shared (carrier-grade NAT)
           in(0x00000000u, 8));     // 0/8
}

bool is_public_v6(const in6_addr& a) {
  const unsigned char* b = a.s6_addr;
  if (IN6_IS_ADDR_LOOPBACK(&a) || IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LINKLOCAL(&a))
    return false;
  if ((b[0] & 0xfe) == 0xfc) return false;  // fc00::/7 unique-local
  if (IN6_IS_ADDR_V4MAPPED(&a))
    return is_public_v4(static_cast<std::uint32_t>(b[12]) << 24 | b[13] << 16 | b[14] << 8 | b[15]);
  return true;
}

}  // namespace

std::optional<std::string> public_address(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return std::nullopt;
  std::optional<std::string> out;
  for (const addrinfo* ai = found; ai && !out; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    if (ai->ai_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(ai->ai_addr);
      if (is_public_v4(ntohl(v4->sin_addr.s_addr)) &&
          ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text))
        out = text;
    } else if (ai->ai_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(ai->ai_addr);
      if (is_public_v6(v6->sin6_addr) && ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text))
        out = text;
    }
  }
  ::freeaddrinfo(found);
  return out;
}

}  // namespace telusur
