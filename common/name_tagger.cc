#include "name_tagger.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "status.h"
#include "text.h"

namespace telusur {
namespace {

// More than the features emit_word_features gives one word (name_tagger_test
// counts on it).
constexpr std::size_t kMaxFeatures = 64;

constexpr std::string_view kLabels[kTaggerTags] = {"O",     "B-PER", "I-PER", "B-LOC",
                                                   "I-LOC", "B-ORG", "I-ORG"};

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;  // FNV-1a

std::uint64_t fnv_add(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// The hash a feature name is looked up by (never 0: 0 marks an empty slot).
std::uint64_t hash_feature(std::string_view s) {
  const std::uint64_t h = fnv_add(kFnvOffset, s);
  return h == 0 ? 1 : h;
}

// The hash of the feature named a + b (+ "|" + c when c is not empty),
// computed without joining the parts: the same as hash_feature of the name.
std::uint64_t hash_feature_parts(std::string_view a, std::string_view b, std::string_view c) {
  std::uint64_t h = fnv_add(fnv_add(kFnvOffset, a), b);
  if (!c.empty()) h = fnv_add(fnv_add(h, "|"), c);
  return h == 0 ? 1 : h;
}

// Joins the parts of a feature name into `buf` (for training, which keeps names).
std::string_view join_feature(std::string& buf, std::string_view a, std::string_view b,
                              std::string_view c) {
  buf.assign(a);
  buf += b;
  if (!c.empty()) {
    buf += '|';
    buf += c;
  }
  return buf;
}

char shape_of(const TaggerToken& t) {
  if (t.text.empty()) return 'p';
  const unsigned char c = static_cast<unsigned char>(t.text.front());
  if (t.acronym) return 'X';
  if (t.cap) return 'C';
  if (c >= '0' && c <= '9') return 'd';
  for (char x : t.text)
    if (x >= 'A' && x <= 'Z') return 'm';  // "detikFinance"
  return 'x';
}

// A cluster number as text, without allocating.
class ClusterText {
 public:
  explicit ClusterText(unsigned short cluster) {
    size_ =
        static_cast<std::size_t>(std::to_chars(text_, text_ + sizeof text_, cluster).ptr - text_);
  }
  std::string_view view() const { return {text_, size_}; }

 private:
  char text_[8];
  std::size_t size_;
};

// Type of a tag (0 none, 1 PER, 2 LOC, 3 ORG).
int type_of(int tag) { return (tag + 1) / 2; }

// Calls emit(a, b, c) for each feature of token i that does not depend on
// the tags before it; the feature's name is a + b, then "|" + c when c is not
// empty.
template <typename Emit>
void emit_word_features(const std::vector<TaggerToken>& t, std::size_t i, Emit&& emit) {
  const std::size_t n = t.size();
  const TaggerToken& w = t[i];
  const auto key_at = [&](std::ptrdiff_t d) -> std::string_view {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    if (j < 0) return "<s>";
    if (j >= static_cast<std::ptrdiff_t>(n)) return "</s>";
    return t[static_cast<std::size_t>(j)].key;
  };
  const auto shape_at = [&](std::ptrdiff_t d) -> char {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return '_';
    return shape_of(t[static_cast<std::size_t>(j)]);
  };
  const auto tag_at = [&](std::ptrdiff_t d, bool gazetteer) -> std::string_view {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return "_";
    const TaggerToken& x = t[static_cast<std::size_t>(j)];
    return kLabels[gazetteer ? x.gazetteer : x.rule];
  };
  const auto put = [&](std::string_view a, std::string_view b = {}, std::string_view c = {}) {
    emit(a, b, c);
  };
  const char s0[2] = {shape_at(0), 0}, sp[2] = {shape_at(-1), 0}, sn[2] = {shape_at(1), 0};
  const char s3[4] = {shape_at(-1), shape_at(0), shape_at(1), 0};
  put("b");
  put("w=", w.key);
  put("p1=", key_at(-1));
  put("n1=", key_at(1));
  put("p2=", key_at(-2));
  put("n2=", key_at(2));
  put("p1w=", key_at(-1), w.key);
  put("wn1=", w.key, key_at(1));
  put("s=", s0);
  put("sp=", sp);
  put("sn=", sn);
  put("s3=", s3);
  put("suf=", w.key.substr(w.key.size() > 3 ? w.key.size() - 3 : 0));
  put("pre=", w.key.substr(0, 3));
  if (w.sentence_start) put("ss", s0);
  if (w.hyphen_joined) put("hy");
  if (i + 1 < n && t[i + 1].quote_before) put("qa", s0);
  if (w.after_punct) put("ap", s0);
  if (w.common) put("cm", w.sentence_start ? "s" : "m");
  if (w.date_word) put("dt");
  if (w.evidence) {
    const char ev[3] = {w.evidence, w.sentence_start ? 's' : 'm', 0};
    put("ev=", ev);
  }
  put("r=", tag_at(0, false));
  put("rp=", tag_at(-1, false));
  put("rn=", tag_at(1, false));
  put("rpn=", tag_at(-1, false), tag_at(1, false));
  put("g=", tag_at(0, true));
  put("gp=", tag_at(-1, true));
  put("gn=", tag_at(1, true));
  put("rg=", tag_at(0, false), tag_at(0, true));
  // Cue bits as letters: 'a' + bits stays a letter for up to five cue classes.
  static_assert(kCuePlaceHead < 32);
  const auto cue_letter = [](unsigned cues) {
    return static_cast<char>(cues < 26 ? 'a' + cues : 'A' + cues - 26);
  };
  const char cue_here[2] = {cue_letter(w.cues), 0};
  const char cue_prev[2] = {i > 0 ? cue_letter(t[i - 1].cues) : '_', 0};
  put("c=", cue_here);
  put("cp=", cue_prev);
  // The kind of name each word is mostly part of in the news at large.
  const auto name_word_at = [&](std::ptrdiff_t d) -> char {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return '_';
    const char c = t[static_cast<std::size_t>(j)].name_word;
    return c ? c : '-';
  };
  const char nw[2] = {name_word_at(0), 0}, nwp[2] = {name_word_at(-1), 0},
             nwn[2] = {name_word_at(1), 0};
  const char nw3[4] = {nwp[0], nw[0], nwn[0], 0};
  put("nw=", nw);
  put("nwp=", nwp);
  put("nwn=", nwn);
  put("nw3=", nw3);
  put("nws=", nw, s0);
  // The clusters of words used alike of the word and its neighbours, for
  // the words no training sentence has.
  const auto clusters_at = [&](std::ptrdiff_t d) -> WordClusters {
    const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + d;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return {};
    return t[static_cast<std::size_t>(j)].clusters;
  };
  const WordClusters k0 = clusters_at(0), kp = clusters_at(-1), kn = clusters_at(1);
  const ClusterText kc(k0.coarse), kf(k0.fine), kcp(kp.coarse), kfp(kp.fine), kcn(kn.coarse),
      kfn(kn.fine);
  put("kc=", kc.view());
  put("kf=", kf.view());
  put("kcp=", kcp.view());
  put("kfp=", kfp.view());
  put("kcn=", kcn.view());
  put("kfn=", kfn.view());
  put("kfs=", kf.view(), s0);
  put("kcpn=", kcp.view(), kcn.view());
}

// The shapes shape_of gives, in the order of NameTagger's summed tables.
constexpr std::string_view kShapes = "pXCdmx";

// Calls emit(a, b, c) for each feature that reads only the tag before a
// word, `prev`, its shape and whether a parenthesis or a quotation mark
// opens before it.
template <typename Emit>
void emit_tag_shape_features(char shape, bool paren_open, bool quote_before, int prev,
                             Emit&& emit) {
  const char s0[2] = {shape, 0};
  if (paren_open) emit("po", s0, kLabels[prev]);
  if (quote_before) emit("qb", s0, kLabels[prev]);
  emit("t=", kLabels[prev], "");
  emit("ts=", kLabels[prev], s0);
}

// The feature that reads the tag before a word and the word itself.
template <typename Emit>
void emit_tag_word_feature(const TaggerToken& w, int prev, Emit&& emit) {
  emit("tw=", kLabels[prev], w.key);
}

// The feature that reads the two tags before a word.
template <typename Emit>
void emit_tag_pair_feature(int prev, int prev2, Emit&& emit) {
  emit("tt=", kLabels[prev2], kLabels[prev]);
}

// Calls emit(a, b, c) for each feature of token i that reads the two tags
// before it, `prev` and `prev2`: the three kinds above. NameTagger sums the
// tag-shape and tag-pair ones at load (sum_tag_features).
template <typename Emit>
void emit_history_features(const std::vector<TaggerToken>& t, std::size_t i, int prev, int prev2,
                           Emit&& emit) {
  const TaggerToken& w = t[i];
  emit_tag_shape_features(shape_of(w), w.paren_open, w.quote_before, prev, emit);
  emit_tag_word_feature(w, prev, emit);
  emit_tag_pair_feature(prev, prev2, emit);
}

}  // namespace

bool tagger_candidate(const TaggerToken& token) { return token.cap || token.acronym; }

namespace {

// Allowed: I-X only after B-X or I-X, with no punctuation between, and
// never on a day name.
bool allowed(int tag, int prev, const TaggerToken& token) {
  if (tag == kTagO || tag % 2 == 1) return true;
  return type_of(prev) == type_of(tag) && !token.after_punct && !token.weekday;
}

// Whether a word is scored at all: a capitalised word, or a connector that
// may continue the name before it. Other words are O.
bool scored(const TaggerToken& token, int prev) {
  return tagger_candidate(token) || (prev != kTagO && token.connector);
}

// Whether `tag` may follow `prev` on token: allowed, and a B- tag only on a
// word that may start a name (a connector only continues one).
bool possible(int tag, int prev, const TaggerToken& token) {
  return allowed(tag, prev, token) && (tag % 2 == 0 || tagger_candidate(token));
}

// A partial tagging in the beam: its score, its last two tags, and the
// hypothesis it extends (an index into the step before).
struct Hypothesis {
  double score = 0;
  int prev = kTagO, prev2 = kTagO;
  std::uint32_t back = 0;
};

// The best tagging of `t` by beam search over states (the last two tags):
// of the hypotheses in one state only the best goes on, since their futures
// score alike, and only the kTaggerBeam best states. word_scores(i, scores)
// adds token i's scores of the features that read no tags (called at most
// once per token, and only for the words some hypothesis scores);
// history_scores(i, prev, prev2, scores) adds those of the features that do.
template <typename WordScores, typename HistoryScores>
void beam_decode(const std::vector<TaggerToken>& t, std::size_t begin, std::size_t end,
                 WordScores&& word_scores, HistoryScores&& history_scores, std::vector<int>& tags) {
  constexpr std::size_t kStates = kTaggerTags * kTaggerTags;
  const std::size_t n = end - begin;
  std::vector<std::vector<Hypothesis>> steps(n + 1);
  steps[0].push_back({});
  for (std::size_t step = 0; step < n; ++step) {
    const std::size_t i = begin + step;
    std::array<Hypothesis, kStates> best;
    std::array<bool, kStates> used{};
    std::array<double, kTaggerTags> base{};
    bool have_base = false;
    for (std::uint32_t h = 0; h < steps[step].size(); ++h) {
      const Hypothesis from = steps[step][h];
      const auto offer = [&](int tag, double score) {
        const auto state = static_cast<std::size_t>(tag * kTaggerTags + from.prev);
        if (used[state] && best[state].score >= score) return;
        best[state] = {score, tag, from.prev, h};
        used[state] = true;
      };
      if (!scored(t[i], from.prev)) {
        offer(kTagO, from.score);
        continue;
      }
      if (!have_base) word_scores(i, base);
      have_base = true;
      std::array<double, kTaggerTags> scores = base;
      history_scores(i, from.prev, from.prev2, scores);
      for (int tag = 0; tag < kTaggerTags; ++tag)
        if (possible(tag, from.prev, t[i]))
          offer(tag, from.score + scores[static_cast<std::size_t>(tag)]);
    }
    std::vector<Hypothesis>& next = steps[step + 1];
    for (std::size_t state = 0; state < kStates; ++state)
      if (used[state]) next.push_back(best[state]);
    std::stable_sort(next.begin(), next.end(),
                     [](const Hypothesis& a, const Hypothesis& b) { return a.score > b.score; });
    if (next.size() > kTaggerBeam) next.resize(kTaggerBeam);
  }
  std::uint32_t h = 0;  // steps[n] is sorted: the best first
  for (std::size_t step = n; step-- > 0;) {
    tags[begin + step] = steps[step + 1][h].prev;
    h = steps[step + 1][h].back;
  }
}

// Whether a word is O after any tags: neither capitalised nor a connector.
bool inert(const TaggerToken& token) { return !tagger_candidate(token) && !token.connector; }

// The best tagging of `t` (beam_decode), a stretch at a time: after two
// inert words every tagging is in one state, two O tags, so the stretches
// between such pairs are decoded alone, and inert words cost nothing.
template <typename WordScores, typename HistoryScores>
std::vector<int> best_tagging(const std::vector<TaggerToken>& t, WordScores&& word_scores,
                              HistoryScores&& history_scores) {
  std::vector<int> tags(t.size(), kTagO);
  for (std::size_t i = 0; i < t.size();) {
    if (inert(t[i])) {
      ++i;
      continue;
    }
    std::size_t last = i;  // the stretch's last word that is not inert
    for (std::size_t j = i + 1; j < t.size() && j - last <= 2; ++j)
      if (!inert(t[j])) last = j;
    beam_decode(t, i, last + 1, word_scores, history_scores, tags);
    i = last + 1;
  }
  return tags;
}

}  // namespace

std::string_view tagger_tag_label(int tag) {
  return tag >= 0 && tag < kTaggerTags ? kLabels[tag] : "O";
}

int tagger_tag_from_label(std::string_view label) {
  if (label.size() < 3 || (label[0] != 'B' && label[0] != 'I') || label[1] != '-') return kTagO;
  const std::string_view type = label.substr(2);
  int base;
  if (type == "PER" || type == "PERSON")
    base = kTagBPer;
  else if (type == "LOC" || type == "LOCATION" || type == "PLACE")
    base = kTagBLoc;
  else if (type == "ORG" || type == "ORGANIZATION" || type == "ORGANISATION")
    base = kTagBOrg;
  else
    return kTagO;
  return label[0] == 'B' ? base : base + 1;
}

NameTagger::NameTagger(std::string_view model) {
  std::vector<std::pair<std::uint64_t, std::array<float, kTaggerTags>>> rows;
  std::size_t line_no = 0;
  for (std::string_view line : split_lines(model)) {
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw Error("tagger model line " + std::to_string(line_no) +
                  ": expected feature<TAB>weights");
    std::array<float, kTaggerTags> w{};
    const char* p = line.data() + tab + 1;
    const char* end = line.data() + line.size();
    for (int k = 0; k < kTaggerTags; ++k) {
      while (p < end && *p == ' ') ++p;
      const auto [next, ec] = std::from_chars(p, end, w[static_cast<std::size_t>(k)]);
      if (ec != std::errc())
        throw Error("tagger model line " + std::to_string(line_no) + ": expected " +
                    std::to_string(kTaggerTags) + " weights");
      p = next;
    }
    rows.emplace_back(hash_feature(line.substr(0, tab)), w);
  }
  std::size_t slots = 16;
  while (slots < rows.size() * 2) slots *= 2;
  slots_.assign(slots, {});
  weights_.clear();
  weights_.reserve(rows.size());
  for (const auto& [h, w] : rows) {
    const std::uint32_t fp = fingerprint(h);
    std::size_t s = h & (slots - 1);
    while (slots_[s].fingerprint != 0 && slots_[s].fingerprint != fp) s = (s + 1) & (slots - 1);
    if (slots_[s].fingerprint == 0) {
      slots_[s] = {fp, static_cast<std::uint32_t>(weights_.size())};
      weights_.push_back(w);
    } else {
      weights_[slots_[s].row] = w;  // a feature listed twice: the last line counts
    }
  }
  features_ = rows.size();
  sum_tag_features();
}

std::size_t NameTagger::tag_shape_row(int prev, char shape, bool paren_open, bool quote_before) {
  const std::size_t s = kShapes.find(shape);
  return ((static_cast<std::size_t>(prev) * kShapes.size() + s) * 2 + paren_open) * 2 +
         quote_before;
}

void NameTagger::sum_tag_features() {
  const auto add = [&](std::array<float, kTaggerTags>& row) {
    return [&](std::string_view a, std::string_view b, std::string_view c) {
      if (const float* w = find(hash_feature_parts(a, b, c)))
        for (std::size_t k = 0; k < kTaggerTags; ++k) row[k] += w[k];
    };
  };
  tag_shape_.assign(kTaggerTags * kShapes.size() * 4, {});
  for (int prev = 0; prev < kTaggerTags; ++prev)
    for (char shape : kShapes)
      for (int paren = 0; paren < 2; ++paren)
        for (int quote = 0; quote < 2; ++quote)
          emit_tag_shape_features(shape, paren, quote, prev,
                                  add(tag_shape_[tag_shape_row(prev, shape, paren, quote)]));
  for (int prev2 = 0; prev2 < kTaggerTags; ++prev2)
    for (int prev = 0; prev < kTaggerTags; ++prev) {
      auto& row = tag_pair_[static_cast<std::size_t>(prev2)][static_cast<std::size_t>(prev)];
      row = {};
      emit_tag_pair_feature(prev, prev2, add(row));
    }
}

const float* NameTagger::find(std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const std::uint32_t fp = fingerprint(hash);
  for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
    if (slots_[s].fingerprint == fp) return weights_[slots_[s].row].data();
    if (slots_[s].fingerprint == 0) return nullptr;
  }
}

std::vector<int> NameTagger::tag(const std::vector<TaggerToken>& tokens, Work* work) const {
  if (empty()) return std::vector<int>(tokens.size(), kTagO);
  Work count_here;
  Work& counts = work ? *work : count_here;
  const auto add = [&](std::uint64_t hash, std::array<double, kTaggerTags>& scores) {
    ++counts.feature_lookups;
    if (const float* w = find(hash))
      for (std::size_t k = 0; k < kTaggerTags; ++k) scores[k] += w[k];
  };
  const auto word_scores = [&](std::size_t i, std::array<double, kTaggerTags>& scores) {
    // All of the word's feature hashes first, their slots prefetched, then
    // the look-ups: the cache misses overlap instead of queueing.
    ++counts.words_scored;
    std::array<std::uint64_t, kMaxFeatures> hashes;
    std::size_t count = 0;
    emit_word_features(tokens, i, [&](std::string_view a, std::string_view b, std::string_view c) {
      const std::uint64_t h = hash_feature_parts(a, b, c);
      __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
      if (count < hashes.size()) hashes[count++] = h;
    });
    for (std::size_t f = 0; f < count; ++f) add(hashes[f], scores);
  };
  // The features that read only tags and the word's shape come summed
  // (sum_tag_features); "tw=" is looked up once per tag before.
  std::size_t cached = tokens.size();
  std::array<std::array<double, kTaggerTags>, kTaggerTags> by_prev;
  std::array<bool, kTaggerTags> have_prev{};
  const auto history_scores = [&](std::size_t i, int prev, int prev2,
                                  std::array<double, kTaggerTags>& scores) {
    if (cached != i) have_prev = {};
    cached = i;
    const TaggerToken& w = tokens[i];
    const auto p = static_cast<std::size_t>(prev);
    if (!have_prev[p]) {
      by_prev[p] = {};
      emit_tag_word_feature(w, prev,
                            [&](std::string_view a, std::string_view b, std::string_view c) {
                              add(hash_feature_parts(a, b, c), by_prev[p]);
                            });
      const auto& row = tag_shape_[tag_shape_row(prev, shape_of(w), w.paren_open, w.quote_before)];
      for (std::size_t k = 0; k < kTaggerTags; ++k) by_prev[p][k] += row[k];
      have_prev[p] = true;
    }
    const auto& pair = tag_pair_[static_cast<std::size_t>(prev2)][p];
    for (std::size_t k = 0; k < kTaggerTags; ++k) scores[k] += by_prev[p][k] + pair[k];
  };
  return best_tagging(tokens, word_scores, history_scores);
}

void NameTaggerTrainer::add(std::vector<TaggerToken> tokens, std::vector<int> gold) {
  sentences_.push_back({std::move(tokens), std::move(gold), {}});
}

std::size_t NameTaggerTrainer::id_of(std::string_view feature) {
  auto [it, inserted] = index_.try_emplace(std::string(feature), names_.size());
  if (inserted) {
    names_.emplace_back(feature);
    weights_.emplace_back();
  }
  return it->second;
}

void NameTaggerTrainer::update(std::size_t feature, int tag, double delta) {
  Weight& w = weights_[feature][static_cast<std::size_t>(tag)];
  w.total += static_cast<double>(clock_ - w.stamp) * w.w;
  w.stamp = clock_;
  w.w += delta;
}

std::vector<std::size_t> NameTaggerTrainer::history_ids(const Sentence& sentence, std::size_t i,
                                                        int prev, int prev2) {
  std::vector<std::size_t> ids;
  std::string buf;
  emit_history_features(sentence.tokens, i, prev, prev2,
                        [&](std::string_view a, std::string_view b, std::string_view c) {
                          ids.push_back(id_of(join_feature(buf, a, b, c)));
                        });
  return ids;
}

std::vector<int> NameTaggerTrainer::decode(const Sentence& sentence) {
  const auto add = [&](const std::vector<std::size_t>& ids,
                       std::array<double, kTaggerTags>& scores) {
    for (std::size_t f : ids)
      for (std::size_t k = 0; k < kTaggerTags; ++k) scores[k] += weights_[f][k].w;
  };
  return best_tagging(
      sentence.tokens,
      [&](std::size_t i, std::array<double, kTaggerTags>& scores) {
        add(sentence.word_ids[i], scores);
      },
      [&](std::size_t i, int prev, int prev2, std::array<double, kTaggerTags>& scores) {
        add(history_ids(sentence, i, prev, prev2), scores);
      });
}

void NameTaggerTrainer::update_path(const Sentence& sentence, const std::vector<int>& tags,
                                    const std::vector<int>& other, double delta) {
  int prev = kTagO, prev2 = kTagO, other_prev = kTagO, other_prev2 = kTagO;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    // Where both taggings agree on the tag and the two before, their
    // updates would cancel.
    const bool same = tags[i] == other[i] && prev == other_prev && prev2 == other_prev2;
    if (!same && scored(sentence.tokens[i], prev)) {
      for (std::size_t f : sentence.word_ids[i]) update(f, tags[i], delta);
      for (std::size_t f : history_ids(sentence, i, prev, prev2)) update(f, tags[i], delta);
    }
    prev2 = prev;
    prev = tags[i];
    other_prev2 = other_prev;
    other_prev = other[i];
  }
}

void NameTaggerTrainer::train(int epochs, int runs,
                              const std::function<void(const std::string&)>& log) {
  std::string buf;
  for (Sentence& sentence : sentences_) {
    sentence.word_ids.assign(sentence.tokens.size(), {});
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i)
      if (!inert(sentence.tokens[i]))
        emit_word_features(sentence.tokens, i,
                           [&](std::string_view a, std::string_view b, std::string_view c) {
                             sentence.word_ids[i].push_back(id_of(join_feature(buf, a, b, c)));
                           });
  }
  for (int run = 0; run < runs; ++run) {
    for (auto& row : weights_) row = {};
    clock_ = 0;
    std::vector<std::size_t> order(sentences_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(20261122u + static_cast<unsigned>(run));
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      std::size_t tokens = 0, correct = 0;
      for (std::size_t s : order) {
        const Sentence& sentence = sentences_[s];
        const std::vector<int> guess = decode(sentence);
        ++clock_;
        if (guess != sentence.gold) {
          update_path(sentence, sentence.gold, guess, 1);
          update_path(sentence, guess, sentence.gold, -1);
        }
        for (std::size_t i = 0; i < guess.size(); ++i)
          if (tagger_candidate(sentence.tokens[i])) {
            ++tokens;
            correct += guess[i] == sentence.gold[i];
          }
      }
      if (log) {
        char line[160];
        std::snprintf(
            line, sizeof line, "run %d epoch %d: %zu features, %.2f%% of candidate words right",
            run + 1, epoch, names_.size(),
            tokens ? 100.0 * static_cast<double>(correct) / static_cast<double>(tokens) : 0.0);
        log(line);
      }
    }
    // This run's averaged weights join the ensemble (a plain mean of runs).
    ensemble_.resize(names_.size());
    for (std::size_t f = 0; f < names_.size(); ++f)
      for (std::size_t k = 0; k < kTaggerTags; ++k) {
        const Weight& w = weights_[f][k];
        const double total = w.total + static_cast<double>(clock_ - w.stamp) * w.w;
        ensemble_[f][k] += (clock_ ? total / static_cast<double>(clock_) : 0.0) / runs;
      }
  }
}

std::string NameTaggerTrainer::model(double min_weight) const {
  std::vector<std::size_t> order(ensemble_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return names_[a] < names_[b]; });
  std::string out;
  for (std::size_t f : order) {
    bool keep = false;
    for (double w : ensemble_[f]) keep = keep || std::fabs(w) >= min_weight;
    if (!keep) continue;
    out += names_[f];
    out += '\t';
    for (std::size_t k = 0; k < kTaggerTags; ++k) {
      char num[32];
      std::snprintf(num, sizeof num, "%s%.3g", k ? " " : "", ensemble_[f][k]);
      out += num;
    }
    out += '\n';
  }
  return out;
}

}  // namespace telusur
