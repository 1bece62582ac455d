#include "name_tokens.h"

#include <gtest/gtest.h>

namespace telusur {
namespace {

TEST(NameTokens, ShapeOfEachWord) {
  struct Case {
    const char* text;
    std::size_t word;
    bool cap, acronym, sentence_start, hyphen_joined, spaced, paren_open, after_punct;
  };
  const Case cases[] = {
      {"Kim Jong-un tiba", 0, true, false, true, false, false, false, true},
      {"Kim Jong-un tiba", 1, true, false, false, false, true, false, false},
      {"Kim Jong-un tiba", 2, false, false, false, true, false, false, false},
      {"kata KCNA. Lalu", 1, true, true, false, false, true, false, false},
      {"kata KCNA. Lalu", 2, true, false, true, false, false, false, true},
      {"Joko Widodo (Jokowi)", 2, true, false, false, false, false, true, false},
      {"Prabowo - Hatta", 1, true, false, false, false, false, false, true},
      {"Ia, Budi", 1, true, false, false, false, false, false, true},
      {"Élysée hari", 0, true, false, true, false, false, false, true},
      // An initial's full stop joins; a title's ends no sentence; a word's does.
      {"karya Arifin C. Noer", 3, true, false, false, false, false, false, false},
      {"oleh Dr. Zulman", 2, true, false, false, false, false, false, true},
      {"oleh H. Sujono", 2, true, false, false, false, false, false, true},
      {"pukul 10. Lalu", 2, true, false, true, false, false, false, true},
      {"kata Budi. Lalu", 2, true, false, true, false, false, false, true},
      {"kata C... Lalu", 2, true, false, true, false, false, false, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text) + " word " + std::to_string(c.word));
    const std::vector<NameToken> toks = name_tokens_of(c.text);
    ASSERT_GT(toks.size(), c.word);
    const NameToken& t = toks[c.word];
    EXPECT_EQ(t.cap, c.cap);
    EXPECT_EQ(t.acronym, c.acronym);
    EXPECT_EQ(t.sentence_start, c.sentence_start);
    EXPECT_EQ(t.hyphen_joined, c.hyphen_joined);
    EXPECT_EQ(t.spaced, c.spaced);
    EXPECT_EQ(t.paren_open, c.paren_open);
    EXPECT_EQ(t.after_punct, c.after_punct);
  }
}

TEST(NameTokens, KeysDisplaysAndCompassWords) {
  const std::vector<NameToken> toks = name_tokens_of("pemimpin Kim Jong-un di Afrika timur");
  EXPECT_EQ(span_key(toks, 1, 4), "kim jong un");
  EXPECT_EQ(display_of(toks, 1, 4), "Kim Jong Un");
  EXPECT_EQ(display_of(toks, 0, 1), "Pemimpin");
  EXPECT_TRUE(compass_at(toks, 6));
  EXPECT_FALSE(compass_at(toks, 5));  // "Afrika" is no compass word
  EXPECT_FALSE(compass_at(toks, 4));  // "di" follows a name, yet is no compass word
  EXPECT_FALSE(compass_at(toks, 7));  // past the end
  EXPECT_FALSE(compass_at(name_tokens_of("angin timur"), 1));  // not after a capitalised word
  for (const char* w : {"dan", "of", "bin", "van"}) EXPECT_TRUE(is_name_connector(w)) << w;
  for (const char* w : {"da n", "an", "", "dengan"}) EXPECT_FALSE(is_name_connector(w)) << w;
  for (const char* w : {"utara", "tengah"}) EXPECT_TRUE(is_compass_word(w)) << w;
  EXPECT_FALSE(is_compass_word("utar"));
}

TEST(NameTokens, TagsOfTypes) {
  for (NameType type : {NameType::kPerson, NameType::kPlace, NameType::kOrganisation}) {
    EXPECT_EQ(type_of_tag(begin_tag(type)), type);
    EXPECT_EQ(type_of_tag(begin_tag(type) + 1), type);
  }
  EXPECT_TRUE(starts_upper("Ýmir"));
  EXPECT_TRUE(starts_lower("ýmir"));
  EXPECT_FALSE(starts_upper("1945"));
  EXPECT_FALSE(starts_lower(""));
}

}  // namespace
}  // namespace telusur
