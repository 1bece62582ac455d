#include "name_tagger.h"

#include <gtest/gtest.h>

#include <sstream>

#include "name_training.h"
#include "names.h"
#include "status.h"
#include "text.h"

namespace telusur {
namespace {

TEST(NameTagger, ReadsTagLabels) {
  const struct {
    const char* label;
    int tag;
  } cases[] = {
      {"O", kTagO},           {"B-PER", kTagBPer},      {"I-PER", kTagIPer},
      {"B-PERSON", kTagBPer}, {"I-LOCATION", kTagILoc}, {"B-ORGANIZATION", kTagBOrg},
      {"I-ORG", kTagIOrg},    {"B-TIME", kTagO},        {"I-QUANTITY", kTagO},
      {"B-", kTagO},          {"X-PER", kTagO},         {"", kTagO},
  };
  for (const auto& c : cases) EXPECT_EQ(tagger_tag_from_label(c.label), c.tag) << c.label;
  for (int tag = 0; tag < kTaggerTags; ++tag)
    EXPECT_EQ(tagger_tag_from_label(tagger_tag_label(tag)), tag);
}

TEST(NameTagger, RejectsBadModels) {
  EXPECT_THROW(NameTagger("w=budi 1 2 3 4 5 6 7\n"), Error);  // no tab
  EXPECT_THROW(NameTagger("w=budi\t1 2 3\n"), Error);         // too few weights
  EXPECT_THROW(NameTagger("w=budi\t1 2 x 4 5 6 7\n"), Error);
  EXPECT_TRUE(NameTagger("# only a comment\n").empty());
  EXPECT_EQ(NameTagger("w=budi\t0 1 0 0 0 0 0\nb\t1 0 0 0 0 0 0\n").features(), 2u);
}

// Words of a sentence as the tagger sees them (no rules, no gazetteer).
std::vector<TaggerToken> tokens_of(const std::vector<std::string>& words,
                                   std::vector<std::string>& keys) {
  keys.clear();
  for (const std::string& w : words) keys.push_back(fold_case(w));
  std::vector<TaggerToken> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    TaggerToken t;
    t.text = words[i];
    t.key = keys[i];
    t.cap = !words[i].empty() && words[i][0] >= 'A' && words[i][0] <= 'Z';
    t.sentence_start = i == 0;
    t.after_punct = i == 0 || words[i - 1] == ",";
    out.push_back(t);
  }
  return out;
}

TEST(NameTagger, LearnsFromExamplesAndNeverJoinsAcrossPunctuation) {
  // Speakers after "kata", places after "di": learnt from context words.
  const std::vector<std::pair<std::vector<std::string>, std::vector<int>>> train = {
      {{"Harga", "naik", ",", "kata", "Budi", "Santoso", "di", "Bandung"},
       {kTagO, kTagO, kTagO, kTagO, kTagBPer, kTagIPer, kTagO, kTagBLoc}},
      {{"Rapat", "selesai", ",", "kata", "Sari", "di", "Medan"},
       {kTagO, kTagO, kTagO, kTagO, kTagBPer, kTagO, kTagBLoc}},
      {{"Ia", "tinggal", "di", "Bogor", ",", "kata", "Andi", "Wijaya"},
       {kTagO, kTagO, kTagO, kTagBLoc, kTagO, kTagO, kTagBPer, kTagIPer}},
  };
  std::vector<std::vector<std::string>> keys(train.size());
  NameTaggerTrainer trainer;
  for (std::size_t i = 0; i < train.size(); ++i)
    trainer.add(tokens_of(train[i].first, keys[i]), train[i].second);
  trainer.train(10, 1, nullptr);
  const NameTagger tagger(trainer.model(0.0));
  ASSERT_FALSE(tagger.empty());

  std::vector<std::string> k;
  const std::vector<std::string> sentence = {"Hujan", "turun", ",", "kata", "Dewi", "di", "Solo"};
  const std::vector<int> tags = tagger.tag(tokens_of(sentence, k));
  EXPECT_EQ(tags, (std::vector<int>{kTagO, kTagO, kTagO, kTagO, kTagBPer, kTagO, kTagBLoc}));

  // "Budi , Sari": an I- tag never follows a comma.
  const std::vector<std::string> list = {"kata", "Budi", ",", "Sari"};
  const std::vector<int> list_tags = tagger.tag(tokens_of(list, k));
  EXPECT_NE(list_tags[3], kTagIPer);
  EXPECT_NE(list_tags[3], kTagILoc);
  EXPECT_NE(list_tags[3], kTagIOrg);
  // "kata Andi Wijaya Senin": a day name never continues a name, though
  // "Wijaya" was learnt as I-PER after "Andi".
  const std::vector<std::string> dated_words = {"kata", "Andi", "Wijaya", "Senin"};
  std::vector<TaggerToken> dated = tokens_of(dated_words, k);  // views into dated_words
  EXPECT_EQ(tagger.tag(dated)[3], kTagIPer)
      << "without the day-name flag, a capitalised word may continue";
  dated[3].weekday = true;
  EXPECT_NE(tagger.tag(dated)[3], kTagIPer);
  // Lower-case words that are no connectors are never tagged.
  EXPECT_EQ(tagger.tag(tokens_of({"harga", "naik", "lagi"}, k)),
            (std::vector<int>{kTagO, kTagO, kTagO}));
}

TEST(NameTagger, CarriesWhatItLearntToWordsOfTheSameCluster) {
  // Persons after "kata" (cluster 5), places after "di" (cluster 9); the
  // sentences differ in nothing else.
  const std::vector<std::pair<std::vector<std::string>, std::vector<int>>> train = {
      {{"Ia", "pergi", "kata", "Budi", "lagi"}, {kTagO, kTagO, kTagO, kTagBPer, kTagO}},
      {{"Ia", "pergi", "di", "Bandung", "lagi"}, {kTagO, kTagO, kTagO, kTagBLoc, kTagO}},
      {{"Ia", "pergi", "kata", "Sari", "lagi"}, {kTagO, kTagO, kTagO, kTagBPer, kTagO}},
      {{"Ia", "pergi", "di", "Medan", "lagi"}, {kTagO, kTagO, kTagO, kTagBLoc, kTagO}},
  };
  const auto with_clusters = [](std::vector<TaggerToken> tokens) {
    for (TaggerToken& t : tokens)
      if (t.key == "kata")
        t.clusters = {1, 5};
      else if (t.key == "di")
        t.clusters = {2, 9};
    return tokens;
  };
  std::vector<std::vector<std::string>> keys(train.size());
  NameTaggerTrainer trainer;
  for (std::size_t i = 0; i < train.size(); ++i)
    trainer.add(with_clusters(tokens_of(train[i].first, keys[i])), train[i].second);
  trainer.train(10, 1, nullptr);
  const NameTagger tagger(trainer.model(0.0));

  // "ujar" and "Dewi" were never seen: the cluster of "ujar" decides.
  std::vector<std::string> k;
  const std::vector<std::string> words = {"Ia", "pergi", "ujar", "Dewi", "lagi"};
  std::vector<TaggerToken> tokens = tokens_of(words, k);  // views into words and k
  tokens[2].clusters = {1, 5};
  EXPECT_EQ(tagger.tag(tokens)[3], kTagBPer);
  tokens[2].clusters = {2, 9};
  EXPECT_EQ(tagger.tag(tokens)[3], kTagBLoc);
}

// The decoder reads each word's tag-free features once, whatever the beam
// holds, and skips the words that can only be O: a long article costs its
// capitalised words, not its length.
TEST(NameTagger, ScoresOnlyTheWordsThatMayBeNames) {
  const NameTagger tagger("b\t1 0 0 0 0 0 0\nw=budi\t0 5 0 0 0 0 0\nw=santoso\t0 0 5 0 0 0 0\n");
  std::vector<std::string> words(200, "kata");
  words[100] = "Budi";
  words[101] = "Santoso";
  words[150] = "Sari";
  std::vector<std::string> k;
  const std::vector<TaggerToken> tokens = tokens_of(words, k);
  NameTagger::Work work;
  const std::vector<int> tags = tagger.tag(tokens, &work);
  EXPECT_EQ(tags[100], kTagBPer);
  EXPECT_EQ(tags[101], kTagIPer);
  EXPECT_EQ(tags[150], kTagO);
  EXPECT_EQ(work.words_scored, 3u);
  // Per scored word: its tag-free features, and for each tag the beam holds
  // before it, the features that read that tag (5 at most) and the tag pair.
  EXPECT_LE(work.feature_lookups, 3 * (64 + kTaggerBeam * 6));  // 64: kMaxFeatures
}

TEST(CapitalEvidence, CountsCapitalsMidSentenceOnly) {
  CapitalEvidence evidence;
  for (const std::string text :
       {"Warga Depok datang. Harga naik di Depok.", "Kata dia, harga turun.",
        "Harga di Bogor naik. Ia ke Bogor dan bogor lagi.", "Lalu Tono pergi."}) {
    evidence.add(text, words(text));
  }
  const struct {
    const char* key;
    char evidence;
  } cases[] = {
      {"depok", 'C'},  // capitalised mid-sentence twice, never lower case
      {"harga", 'l'},  // capitalised only at sentence starts
      {"bogor", 'c'},  // capitalised twice, lower case once
      {"tono", 'c'},   // once
      {"kata", 'u'},   // only at a sentence start
      {"jakarta", 'u'},
  };
  for (const auto& c : cases) EXPECT_EQ(evidence.of(c.key), c.evidence) << c.key;
}

TEST(Conll, ReadsSentencesAndTagsEveryToken) {
  std::istringstream in(
      "-DOCSTART- O\n\nKata O\nJoko B-PER\nWidodo I-PER\n\n\nDi O\nBandung\tB-LOC\n");
  const std::vector<ConllSentence> sentences = read_conll(in);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].tokens, (std::vector<std::string>{"Kata", "Joko", "Widodo"}));
  EXPECT_EQ(sentences[0].tags, (std::vector<std::string>{"O", "B-PER", "I-PER"}));
  EXPECT_EQ(sentences[1].tags, (std::vector<std::string>{"O", "B-LOC"}));
  // Tokens that are not words still get a tag, one per token.
  const std::vector<std::string> tokens = {"(", "KCNA", ")", "melaporkan", "\xe2\x80\x9c", "."};
  const std::vector<std::string> tags = tag_tokens(NameExtractor::builtin(), tokens);
  ASSERT_EQ(tags.size(), tokens.size());
  EXPECT_EQ(tags[0], "O");
  EXPECT_EQ(tags[3], "O");
  // An organisation's acronym in parentheses belongs to the mention, closing
  // parenthesis included; a person's is a name of its own.
  const std::vector<std::string> org = {"Partai", "Persatuan", "Pembangunan", "(",
                                        "PPP",    ")",         "menolak"};
  EXPECT_EQ(tag_tokens(NameExtractor::builtin(), org),
            (std::vector<std::string>{"B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"}));
  const std::vector<std::string> person = {"kata", "Joko", "Widodo", "(", "Jokowi", ")", "."};
  EXPECT_EQ(tag_tokens(NameExtractor::builtin(), person),
            (std::vector<std::string>{"O", "B-PER", "I-PER", "O", "B-PER", "O", "O"}));
}

}  // namespace
}  // namespace telusur
