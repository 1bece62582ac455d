// The name tagger: a small averaged structured perceptron that tags where
// the persons, places and organisations are (IOB tags), reading the word,
// its neighbours, its shape, its clusters of words used alike, the rule
// extractor's answer, the gazetteers (see names.h) and the two tags before
// it. Decoding is a beam search over whole sentences, so a word's tag can
// depend on the words after it ("Gita Wirjawan": "Gita" alone says little).
// The model is a text file (data/names/tagger.model) trained by
// scripts/train-tagger (`telusur-names --train`); see docs/names.md.
// No machine-learning runtime: the scoring is a few hash look-ups per word.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace telusur {

// Taggings the decoder keeps at each word (beam search; see NameTagger::tag).
inline constexpr std::size_t kTaggerBeam = 8;

// Tags, in model column order.
enum TaggerTag : int {
  kTagO = 0,
  kTagBPer,
  kTagIPer,
  kTagBLoc,
  kTagILoc,
  kTagBOrg,
  kTagIOrg,
  kTaggerTags
};

// "O", "B-PER", ...; and back (unknown labels and TIME, QUANTITY, ... -> O;
// PERSON, LOCATION, ORGANIZATION are read as PER, LOC, ORG).
std::string_view tagger_tag_label(int tag);
int tagger_tag_from_label(std::string_view label);

// Cue classes of a word (bit set), from data/names/cues.txt.
enum TaggerCue : unsigned {
  kCueRole = 1,
  kCueOrgHead = 2,
  kCueSpeech = 4,
  kCuePlace = 8,
  kCuePlaceHead = 16,
};

// The clusters of words used alike that a word belongs to, coarse and fine
// (data/names/word-clusters.txt, numbered from 1); 0: not listed.
struct WordClusters {
  unsigned short coarse = 0;
  unsigned short fine = 0;
};

// One word as the tagger sees it; views stay owned by the caller.
// How a word is written and what stands before it: what the name rules
// and the tagger both read of a word.
struct WordShape {
  bool cap = false;      // starts with an upper-case letter
  bool acronym = false;  // two or more capitals, no lower case ("KCNA")
  bool sentence_start = false;
  bool hyphen_joined = false;  // "-" between it and the previous word
  bool paren_open = false;     // "(" between it and the previous word
  bool quote_before = false;   // a quotation mark between it and the previous word
  bool after_punct = false;    // other punctuation (",", ";", quotes, a line end) before it
};

struct TaggerToken : WordShape {
  std::string_view text;   // as written
  std::string_view key;    // case-folded
  bool common = false;     // a common Indonesian word (hunspell-id)
  bool date_word = false;  // a day or month name ("Senin", "Maret")
  bool weekday = false;    // a day name: it never continues a name ("Amanda Vanstone Selasa")
  bool connector = false;  // lower case, yet may continue a name ("dan", "bin", "-un",
                           // "Afrika timur")
  char evidence = 0;       // CapitalEvidence::of (names.h); 0: no evidence
  unsigned cues = 0;       // TaggerCue bits
  int rule = kTagO;        // the rule extractor's tag
  int gazetteer = kTagO;   // the longest gazetteer match's tag
  char name_word = 0;      // NameTables::name_words class ('P', 'L', 'O', 'M'); 0: none
  WordClusters clusters;   // NameTables::word_clusters; {0, 0}: none or not looked up
};

// Whether a word may start a name (upper-case first letter); connectors only
// continue one ("Kementerian Hukum dan HAM", "Kim Jong-un"); other words are O.
bool tagger_candidate(const TaggerToken& token);

class NameTagger {
 public:
  // An empty tagger: tag() returns all O.
  NameTagger() = default;
  // Reads a model written by NameTaggerTrainer::model(). Throws telusur::Error
  // naming the bad line.
  explicit NameTagger(std::string_view model);

  bool empty() const { return features_ == 0; }
  std::size_t features() const { return features_; }

  // The work tag() did, counted for tests of its cost.
  struct Work {
    std::size_t words_scored = 0;  // words whose tag-free features were looked up
    std::size_t feature_lookups = 0;
  };

  // The tag of each token (IOB over kTaggerTags; an I- never follows a tag
  // of another type, nor punctuation other than a hyphen or parentheses).
  // Adds to *work when given.
  std::vector<int> tag(const std::vector<TaggerToken>& tokens, Work* work = nullptr) const;

 private:
  const float* find(std::uint64_t hash) const;
  // Sums the weights of the features that read only tags, the word's shape
  // and its opening marks into tag_shape_ and tag_pair_, once, at load.
  void sum_tag_features();
  static std::size_t tag_shape_row(int prev, char shape, bool paren_open, bool quote_before);

  // The high half of a feature hash, never 0 (0 marks an empty slot); the
  // low bits choose the slot, so a slot and a fingerprint together compare
  // about 48 bits of the hash.
  static std::uint32_t fingerprint(std::uint64_t hash) {
    const auto fp = static_cast<std::uint32_t>(hash >> 32);
    return fp == 0 ? 1 : fp;
  }

  // Open addressing over small slots (a fingerprint and a row of weights_),
  // so the look-ups of features the model lacks, most of them, touch a table
  // that stays in cache.
  struct Slot {
    std::uint32_t fingerprint = 0;
    std::uint32_t row = 0;
  };
  std::vector<Slot> slots_;
  std::vector<std::array<float, kTaggerTags>> weights_;
  std::size_t features_ = 0;
  // Summed weights of "t=", "ts=", "po", "qb" by tag before, shape and marks
  // (tag_shape_row), and of "tt=" by the two tags before.
  std::vector<std::array<float, kTaggerTags>> tag_shape_;
  std::array<std::array<std::array<float, kTaggerTags>, kTaggerTags>, kTaggerTags> tag_pair_{};
};

// Trains a NameTagger: add sentences with gold tags, then train().
class NameTaggerTrainer {
 public:
  void add(std::vector<TaggerToken> tokens, std::vector<int> gold);
  // Trains `runs` averaged structured perceptrons of `epochs` passes each:
  // each sentence is tagged as NameTagger::tag does, and where that differs
  // from the gold tags, the gold tags' features gain and the guess's lose
  // (Collins 2002). Sentences are shuffled with fixed seeds, so training is
  // deterministic; the model is the mean of the runs' averaged weights. `log`
  // gets one line per epoch.
  void train(int epochs, int runs, const std::function<void(const std::string&)>& log);
  // The averaged model as text: "feature<TAB>w0 w1 ... w6" per line, weights
  // below `min_weight` in every column dropped.
  std::string model(double min_weight) const;

 private:
  struct Sentence {
    std::vector<TaggerToken> tokens;
    std::vector<int> gold;
    std::vector<std::vector<std::size_t>> word_ids;  // features that read no tags, per token
  };
  std::size_t id_of(std::string_view feature);
  void update(std::size_t feature, int tag, double delta);
  std::vector<std::size_t> history_ids(const Sentence& sentence, std::size_t i, int prev,
                                       int prev2);
  // The best tagging under the current weights (the tagger's beam search).
  std::vector<int> decode(const Sentence& sentence);
  // Adds delta to the weights of `tags`' features where it differs from
  // `other` (a tag, or one of the two tags before it).
  void update_path(const Sentence& sentence, const std::vector<int>& tags,
                   const std::vector<int>& other, double delta);

  std::vector<Sentence> sentences_;
  std::unordered_map<std::string, std::size_t> index_;  // feature name -> row
  struct Weight {
    double w = 0, total = 0;
    long stamp = 0;
  };
  std::vector<std::string> names_;
  std::vector<std::array<Weight, kTaggerTags>> weights_;
  long clock_ = 0;
  std::vector<std::array<double, kTaggerTags>> ensemble_;
};

}  // namespace telusur
