#include "snippet_window.h"

#include <gtest/gtest.h>

namespace telusur {
namespace {

TEST(TermFragments, StripPrefixesAndTheLetterMeNRecodes) {
  EXPECT_EQ(term_fragments({"Ztulis", "XPkim", "Zas", "tulis", "ZXPbeijing"}),
            (std::vector<std::string>{"ulis", "kim", "as", "eijing"}));
}

TEST(SnippetWindow, AroundTheFirstQueryWordBetweenWords) {
  std::string body;
  for (int i = 0; i < 100; ++i) body += "kata" + std::to_string(i) + " ";
  body += "Penulis buku itu datang. ";
  for (int i = 0; i < 100; ++i) body += "lain" + std::to_string(i) + " ";
  const TextWindow w = snippet_window(body, {"zzz", "ulis"}, 80);
  EXPECT_TRUE(w.cut_start);
  EXPECT_TRUE(w.cut_end);
  EXPECT_NE(w.text.find("Penulis buku"), std::string_view::npos) << w.text;
  EXPECT_LE(w.text.size(), 100u);
  EXPECT_NE(w.text.front(), ' ');
  EXPECT_TRUE(w.text.starts_with("kata") || w.text.starts_with("Penulis")) << w.text;
  const std::size_t end = static_cast<std::size_t>(w.text.data() - body.data()) + w.text.size();
  EXPECT_EQ(body[end], ' ');  // ends between words
}

TEST(SnippetWindow, StartOfBodyWithoutAMatchAndShortBodiesWhole) {
  const std::string body(1000, 'a');
  const TextWindow none = snippet_window(body, {"zzz"}, 100);
  EXPECT_FALSE(none.cut_start);
  EXPECT_TRUE(none.cut_end);
  EXPECT_EQ(none.text.data(), body.data());
  const std::string short_body = "Gempa bumi di Papua.";
  const TextWindow whole = snippet_window(short_body, {"umi"}, 100);
  EXPECT_EQ(whole.text, short_body);
  EXPECT_FALSE(whole.cut_start || whole.cut_end);
}

}  // namespace
}  // namespace telusur
