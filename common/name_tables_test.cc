#include "name_tables.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "name_rules.h"
#include "status.h"

namespace telusur {
namespace {

TEST(NameTables, ParsesCuesGazetteersAndAliases) {
  const NameTables t =
      parse_name_tables("role menteri luar negeri\nspeech kata\n",
                        {"PER\tKim Jong-un\nLOC\tKorea Utara\n", "LOC\tKim Jong Un\nORG\tPBB\n"},
                        "Korea Utara = Korut\n");
  EXPECT_EQ(t.roles.at("menteri luar negeri"), 3);
  EXPECT_TRUE(t.speech.count("kata"));
  EXPECT_EQ(t.gazetteer.at("kim jong un"), NameType::kPerson);  // the first gazetteer wins
  EXPECT_EQ(t.gazetteer.at("pbb"), NameType::kOrganisation);
  EXPECT_EQ(t.first_words.at("menteri"), 3u);
  EXPECT_EQ(t.first_words.at("kim"), 3u);
  EXPECT_EQ(t.canonical.at("korut"), "Korea Utara");
  EXPECT_EQ(t.known_type("korut"), NameType::kPlace);  // through its canonical name
  EXPECT_EQ(t.known_type("korea selatan"), std::nullopt);
  EXPECT_FALSE(t.is_common_word("kata"));  // no dictionary loaded
}

TEST(NameTables, MatchesTheLongestPhraseWithinTheLimit) {
  const NameTables t =
      parse_name_tables("role menteri\nrole menteri luar negeri\n", {"LOC\tKorea\n"}, "A = B\n");
  const std::vector<NameToken> toks = name_tokens_of("Menteri Luar Negeri Korea tiba");
  EXPECT_EQ(t.match(t.roles, toks, 0, toks.size()), 3u);
  EXPECT_EQ(t.match(t.roles, toks, 0, 2), 1u);  // "Menteri Luar" is no phrase; "Menteri" is
  EXPECT_EQ(t.match(t.roles, toks, 1, toks.size()), 0u);
  EXPECT_EQ(t.match(t.gazetteer, toks, 3, toks.size()), 1u);
  EXPECT_EQ(t.match(t.gazetteer, toks, 3, 3), 0u);
}

TEST(NameTables, BadLinesNameTheirLine) {
  const struct {
    const char* cues;
    const char* gazetteer;
    const char* aliases;
    const char* error;
  } cases[] = {
      {"role x\nrank y\n", "", "A = B\n", "name cues line 2: unknown kind 'rank'"},
      {"role\n", "", "A = B\n", "name cues line 1: no phrase"},
      {"", "PER\tA\nB\n", "A = B\n", "gazetteer line 2: expected TYPE<TAB>name"},
      {"", "MISC\tA\n", "A = B\n", "gazetteer line 1: unknown type 'MISC'"},
      {"", "", "A = B\nC\n", "aliases line 2: expected NAME = ALIAS ..."},
      {"", "", "A =  = B\n", "aliases line 1: empty name"},
  };
  for (const auto& c : cases) {
    try {
      parse_name_tables(c.cues, {c.gazetteer}, c.aliases);
      ADD_FAILURE() << "no error for " << c.error;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), c.error);
    }
  }
}

// The words of a text are looked up once, and only those next to a
// capitalised word: most words of an article never touch a table.
TEST(NameTables, AnnotatesOnlyTheWordsNextToCapitals) {
  NameTables t = parse_name_tables("speech kata\nrole menteri luar negeri\n",
                                   {"PER\tJoko Widodo\n"}, "A = B\n");
  t.name_words = {{"joko", 'P'}};
  t.index_words();
  std::vector<NameToken> toks =
      name_tokens_of("harga beras naik lagi minggu ini kata Joko Widodo kepada wartawan hari ini");
  t.annotate(toks);
  std::vector<std::string> annotated;
  for (const NameToken& tok : toks)
    if (tok.annotated) annotated.push_back(tok.key);
  EXPECT_EQ(annotated, (std::vector<std::string>{"ini", "kata", "joko", "widodo", "kepada"}));
  EXPECT_EQ(toks[7].info.phrase_words, 2);  // "joko" starts "joko widodo"
  EXPECT_EQ(toks[7].info.name_word, 'P');
  EXPECT_EQ(t.cues_of(toks[6]), unsigned{kCueSpeech});
  EXPECT_EQ(t.phrase_words(toks[7]), 2u);
  // A word left out is looked up when asked about.
  EXPECT_FALSE(toks[0].annotated);
  EXPECT_EQ(t.phrase_words(toks[0]), 0u);
  EXPECT_EQ(t.cues_of(toks[0]), 0u);
}

TEST(NameTables, ParsesNameWords) {
  const auto words = parse_name_words("# comment\npoppy\tP\nbandung\tL\nhari\tM\n");
  EXPECT_EQ(words.size(), 3u);
  EXPECT_EQ(words.at("poppy"), 'P');
  EXPECT_EQ(words.at("bandung"), 'L');
  EXPECT_EQ(words.at("hari"), 'M');
  for (const auto& [text, error] : std::vector<std::pair<const char*, const char*>>{
           {"poppy\tP\nbandung\n", "name words line 2: expected word<TAB>P|L|O|M"},
           {"poppy\tX\n", "name words line 1: expected word<TAB>P|L|O|M"},
           {"\tP\n", "name words line 1: expected word<TAB>P|L|O|M"},
           {"poppy\tPL\n", "name words line 1: expected word<TAB>P|L|O|M"}}) {
    try {
      parse_name_words(text);
      ADD_FAILURE() << "no error for " << text;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), error);
    }
  }
}

TEST(NameTables, ParsesWordClusters) {
  const auto clusters = parse_word_clusters("# comment\ndylan\t30 412\nlahir\t7 1\n");
  EXPECT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters.at("dylan").coarse, 30);
  EXPECT_EQ(clusters.at("dylan").fine, 412);
  EXPECT_EQ(clusters.at("lahir").fine, 1);
  for (const char* text : {"dylan\t30\n", "dylan\t30 x\n", "\t1 2\n", "dylan 30 412\n",
                           "dylan\t0 4\n", "dylan\t3 4 5\n", "dylan\t99999 4\n"}) {
    try {
      parse_word_clusters(text);
      ADD_FAILURE() << "no error for " << text;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()),
                "word clusters line 1: expected word<TAB>coarse fine (numbers from 1)");
    }
  }
}

TEST(PersonParts, AWordTwoPersonsShareLinksToNeither) {
  const std::vector<NameToken> toks = name_tokens_of("Kim Jong Un dan Kim Yo Jong serta Jong Un");
  PersonParts parts;
  parts.add(toks, 0, 3);  // Kim Jong Un
  parts.add(toks, 4, 7);  // Kim Yo Jong
  EXPECT_EQ(parts.find("kim"), nullptr);
  ASSERT_NE(parts.find("un"), nullptr);
  EXPECT_EQ(*parts.find("un"), std::make_pair(std::size_t{0}, std::size_t{3}));
  ASSERT_NE(parts.find("jong"), nullptr);  // the last word of Kim Yo Jong only
  EXPECT_EQ(*parts.find("jong"), std::make_pair(std::size_t{4}, std::size_t{7}));
  EXPECT_EQ(parts.find("yo"), nullptr);  // a middle word is no part
  parts.add(toks, 4, 7);                 // the same person again is no ambiguity
  EXPECT_NE(parts.find("jong"), nullptr);
}

}  // namespace
}  // namespace telusur
