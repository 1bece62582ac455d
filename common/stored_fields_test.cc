#include "stored_fields.h"

#include <gtest/gtest.h>

namespace telusur {
namespace {

Article article(std::size_t line) {
  Article a;
  a.id = "n1";
  a.title = "Banjir\x1f di Jakarta";  // a separator in a field becomes a space
  a.path = "/data/news.jsonl";
  a.url = "https://example.id/banjir";
  a.line = line;
  return a;
}

TEST(StoredFields, RoundTripsAndMovesTheLine) {
  const struct {
    std::size_t line, moved_to;
    const char* location;
  } cases[] = {
      {8, 9, "/data/news.jsonl:9"},
      {12, 3, "/data/news.jsonl:3"},
      {0, 0, "/data/news.jsonl"},  // a .txt article has no line
  };
  for (const auto& c : cases) {
    const std::string encoded = encode_fields(article(c.line));
    const StoredFields f = decode_fields(encoded);
    EXPECT_EQ(f.id, "n1");
    EXPECT_EQ(f.title, "Banjir  di Jakarta");
    EXPECT_EQ(f.url, "https://example.id/banjir");
    EXPECT_EQ(f.line, c.line);
    const std::string moved = with_line(encoded, c.moved_to);
    EXPECT_EQ(moved, encode_fields(article(c.moved_to))) << c.line;
    EXPECT_EQ(decode_fields(moved).location(), c.location);
  }
  EXPECT_EQ(with_line("too\x1f" "short\x1f", 5), "too\x1f" "short\x1f");  // left alone
}

}  // namespace
}  // namespace telusur
