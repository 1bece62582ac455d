#include "remote_shard.h"

#include <gtest/gtest.h>

#include "status.h"

namespace telusur {
namespace {

TEST(RemoteShard, ParsesTcpAndProgramLines) {
  const struct {
    const char* arg;
    bool tcp;
    const char* host_or_program;
    unsigned port;
    const char* args;
  } cases[] = {
      {":shard0.example:8100", true, "shard0.example", 8100, ""},
      {"10.0.0.7:8100", true, "10.0.0.7", 8100, ""},
      {":[::1]:8100", true, "[::1]", 8100, ""},
      {"ssh shard0 xapian-progsrv /srv/news.db/shard-0", false, "ssh", 0,
       "shard0 xapian-progsrv /srv/news.db/shard-0"},
      {"xapian-progsrv  /srv/shard-1", false, "xapian-progsrv", 0, "/srv/shard-1"},
  };
  for (const auto& c : cases) {
    const RemoteShard r = parse_remote_shard(c.arg);
    EXPECT_EQ(r.tcp, c.tcp) << c.arg;
    EXPECT_EQ(c.tcp ? r.host : r.program, c.host_or_program) << c.arg;
    EXPECT_EQ(r.port, c.port) << c.arg;
    EXPECT_EQ(r.args, c.args) << c.arg;
  }
  for (const char* bad : {"", ":host", ":host:", ":host:0", ":host:70000", ":host:80x", "::8100"})
    EXPECT_THROW(parse_remote_shard(bad), Error) << bad;
}

TEST(RemoteShard, TellsPublicAddresses) {
  for (const char* local : {"127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.10", "169.254.0.5",
                            "100.64.1.1", "::1", "fd00::5", "fe80::1", "::ffff:10.0.0.1"})
    EXPECT_EQ(public_address(local), std::nullopt) << local;
  for (const char* pub : {"8.8.8.8", "172.32.0.1", "2001:4860:4860::8888", "::ffff:8.8.4.4"})
    EXPECT_TRUE(public_address(pub).has_value()) << pub;
  EXPECT_EQ(public_address("no-such-host.invalid"), std::nullopt);
}

}  // namespace
}  // namespace telusur
