#include "rerank_features.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <tuple>

#include "schema.h"
#include "text.h"

namespace telusur {
namespace {

enum Feature {
  kFirstStageScore,
  kFirstStageRank,
  kBm25,
  kBm25Title,
  kLmDirichlet,
  kMatchedFraction,
  kMatchedIdf,
  kOrderedPairs,
  kUnorderedPairs,
  kQueryNames,
  kAnswerType,
  kDocLength,
  kYear,
  kVectorArticle,
  kVectorWindow,
  kFeatureCount
};

// read(posting) for each of `docs` in `term`'s posting list (0 when
// absent), the list read once in docid order (`ascending`: indexes of
// `docs` by docid), one cursor for all.
template <typename Read>
std::vector<double> along_postings(const Xapian::Database& db, const std::string& term,
                                   const std::vector<Xapian::docid>& docs,
                                   const std::vector<std::size_t>& ascending, Read read) {
  std::vector<double> out(docs.size(), 0);
  Xapian::PostingIterator p = db.postlist_begin(term);
  const Xapian::PostingIterator end = db.postlist_end(term);
  for (std::size_t i : ascending) {
    if (p == end) break;
    p.skip_to(docs[i]);
    if (p != end && *p == docs[i]) out[i] = read(p);
  }
  return out;
}

// wdf of `term` in each of `docs` (0 when absent; 1 for any posting with
// `presence`, as boolean terms have wdf 0), read from its postings.
std::vector<double> wdfs(const Xapian::Database& db, const std::string& term,
                         const std::vector<Xapian::docid>& docs,
                         const std::vector<std::size_t>& ascending, bool presence = false) {
  return along_postings(db, term, docs, ascending, [presence](const Xapian::PostingIterator& p) {
    return presence ? 1.0 : static_cast<double>(p.get_wdf());
  });
}

// The length of each of `docs`, through the all-documents posting list.
std::vector<double> doc_lengths(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                const std::vector<std::size_t>& ascending) {
  return along_postings(db, "", docs, ascending, [](const Xapian::PostingIterator& p) {
    return static_cast<double>(p.get_doclength());
  });
}

// Proximity pairs are counted for the first this many candidates only
// (reading positions is the costly part); the others have none.
constexpr std::size_t kPairDepth = 20;

// The value in `slot` of each of `docs`, read through the slot's stream.
std::vector<std::string> values(const Xapian::Database& db, Xapian::valueno slot,
                                const std::vector<Xapian::docid>& docs,
                                const std::vector<std::size_t>& ascending) {
  std::vector<std::string> out(docs.size());
  Xapian::ValueIterator v = db.valuestream_begin(slot);
  const Xapian::ValueIterator end = db.valuestream_end(slot);
  for (std::size_t i : ascending) {
    if (v == end) break;
    v.skip_to(docs[i]);
    if (v != end && v.get_docid() == docs[i]) out[i] = *v;
  }
  return out;
}

using Positions = std::vector<Xapian::termpos>;

// The positions of `term` in document `d`.
Positions positions(const Xapian::Database& db, Xapian::docid d, const std::string& term) {
  Positions out;
  try {
    for (auto p = db.positionlist_begin(d, term); p != db.positionlist_end(d, term); ++p)
      out.push_back(*p);
  } catch (const Xapian::RangeError&) {
    // a term the document lacks
  }
  return out;
}

// Occurrences of b right after a (ordered) and within 8 positions of it
// (unordered), from their positions.
std::pair<double, double> pair_counts(const Positions& pa, const Positions& pb) {
  double ordered = 0, unordered = 0;
  for (Xapian::termpos x : pa) {
    ordered += std::binary_search(pb.begin(), pb.end(), x + 1);
    const auto lo = std::lower_bound(pb.begin(), pb.end(), x > 7 ? x - 7 : 0);
    unordered += lo != pb.end() && *lo <= x + 7;
  }
  return {ordered, unordered};
}

// The ordered and unordered pair counts of consecutive `words` in each of
// the first kPairDepth `docs`. Positions are read once per word and
// article, and only for words the article holds (known from their posting
// lists): each position list read is a B-tree descent of its own.
std::vector<std::pair<double, double>> proximity(const Xapian::Database& db,
                                                 const std::vector<std::string>& words,
                                                 const std::vector<Xapian::docid>& docs,
                                                 const std::vector<std::size_t>& ascending) {
  const std::size_t depth = std::min(docs.size(), kPairDepth);
  std::vector<std::pair<double, double>> out(depth, {0, 0});
  if (words.size() < 2) return out;
  std::vector<std::size_t> top;  // the first `depth` articles, in docid order
  for (std::size_t i : ascending)
    if (i < depth) top.push_back(i);
  std::vector<std::vector<double>> held;
  for (const std::string& w : words) held.push_back(wdfs(db, w, docs, top, true));
  for (std::size_t i = 0; i < depth; ++i) {
    std::vector<std::optional<Positions>> pos(words.size());
    const auto at = [&](std::size_t k) -> const Positions& {
      if (!pos[k]) pos[k] = positions(db, docs[i], words[k]);
      return *pos[k];
    };
    for (std::size_t k = 0; k + 1 < words.size(); ++k) {
      if (held[k][i] == 0 || held[k + 1][i] == 0) continue;
      const auto [o, u] = pair_counts(at(k), at(k + 1));
      out[i].first += o;
      out[i].second += u;
    }
  }
  return out;
}

// The cosines of `query` with article `d`'s whole text and with its best
// window.
std::pair<double, double> vector_match(const WordVectors& v, const std::vector<float>& query,
                                       Xapian::docid d) {
  const std::size_t n = v.window_count(d);
  if (n == 0) return {0, 0};
  double best = 0;
  for (std::size_t k = 1; k < n; ++k) best = std::max(best, cosine(query, v.window(d, k)));
  return {cosine(query, v.window(d, 0)), best};
}

}  // namespace

const std::vector<std::string>& rerank_feature_names() {
  static const std::vector<std::string> kNames = {
      "first_stage_score", "first_stage_rank", "bm25",           "bm25_title",
      "lm_dirichlet",      "matched_fraction", "matched_idf",    "ordered_pairs",
      "unordered_pairs",   "query_names",      "answer_type",    "doc_length",
      "year",              "vector_article",   "vector_window"};
  return kNames;
}

std::vector<float> rerank_features(const Xapian::Database& db, const RerankQuery& q,
                                   const std::vector<Xapian::docid>& docs,
                                   const std::vector<double>& scores,
                                   const WordVectors* vectors) {
  const std::size_t n = docs.size();
  std::vector<std::vector<double>> f(n, std::vector<double>(kFeatureCount, 0));
  std::vector<std::size_t> ascending(n);
  std::iota(ascending.begin(), ascending.end(), 0);
  std::sort(ascending.begin(), ascending.end(),
            [&](std::size_t a, std::size_t b) { return docs[a] < docs[b]; });
  const double N = std::max<double>(1, db.get_doccount());
  const double avg = std::max(1.0, db.get_avlength());
  const double total = N * avg;
  const std::vector<double> length = doc_lengths(db, docs, ascending);
  for (std::size_t i = 0; i < n; ++i) {
    f[i][kFirstStageScore] = scores[i];
    // Tied articles share the first one's rank, so the feature does not
    // depend on the order of ties (document ids, which shards interleave).
    f[i][kFirstStageRank] =
        i > 0 && scores[i] == scores[i - 1] ? f[i - 1][kFirstStageRank] : static_cast<double>(i + 1);
    f[i][kDocLength] = length[i];
    f[i][kLmDirichlet] = static_cast<double>(q.stems.size()) * std::log(1000 / (length[i] + 1000));
  }
  const auto bm25 = [&](double wdf, double idf, std::size_t i) {
    return wdf > 0 ? idf * 2 * wdf / (0.5 + 0.5 * length[i] / avg + wdf) : 0.0;
  };
  for (const std::string& stem : q.stems) {
    const double tf = db.get_termfreq(stem);
    const double idf = std::log(1 + (N - tf + 0.5) / (tf + 0.5));
    const double p_c = std::max(1.0, static_cast<double>(db.get_collection_freq(stem))) / total;
    const std::vector<double> w = wdfs(db, stem, docs, ascending);
    // The same stem in titles: Z, the title prefix, the stem.
    const std::string title = std::string(schema::kStemPrefix) + std::string(schema::kTitlePrefix) +
                              stem.substr(schema::kStemPrefix.size());
    const std::vector<double> wt = wdfs(db, title, docs, ascending);
    for (std::size_t i = 0; i < n; ++i) {
      f[i][kBm25] += bm25(w[i], idf, i);
      f[i][kBm25Title] += bm25(wt[i], idf, i);
      f[i][kLmDirichlet] += std::log(1 + w[i] / (1000 * p_c));
      if (w[i] > 0) {
        f[i][kMatchedFraction] += 1.0 / static_cast<double>(q.stems.size());
        f[i][kMatchedIdf] += idf;
      }
    }
  }
  for (const std::string& word : q.words)
    for (std::string_view prefix : {schema::kPersonPrefix, schema::kPlacePrefix, schema::kOrgPrefix}) {
      const std::vector<double> w = wdfs(db, std::string(prefix) + word, docs, ascending);
      for (std::size_t i = 0; i < n; ++i) f[i][kQueryNames] += w[i] > 0;
    }
  const char type = answer_name_letter(q.question.type);
  const std::string marker(answer_marker(q.question.type));
  const std::vector<double> marked =
      marker.empty() ? std::vector<double>(n, 0) : wdfs(db, marker, docs, ascending, true);
  const std::vector<std::string> years = values(db, schema::kDateSlot, docs, ascending);
  const std::vector<std::string> names =
      type ? values(db, schema::kNamesSlot, docs, ascending) : std::vector<std::string>(n);
  const std::vector<std::pair<double, double>> pairs = proximity(db, q.words, docs, ascending);
  for (std::size_t i = 0; i < n; ++i) {
    f[i][kAnswerType] = type ? names_answer(names[i], type, q.question.words) : marked[i];
    if (years[i].size() >= 4) f[i][kYear] = std::atoi(years[i].substr(0, 4).c_str());
    if (i < pairs.size()) std::tie(f[i][kOrderedPairs], f[i][kUnorderedPairs]) = pairs[i];
  }
  if (vectors) {
    const std::vector<float> query = vectors->mean(q.vector_words);
    for (std::size_t i = 0; i < n; ++i)
      std::tie(f[i][kVectorArticle], f[i][kVectorWindow]) = vector_match(*vectors, query, docs[i]);
  }
  std::vector<float> rows;
  rows.reserve(n * kFeatureCount);
  for (const auto& row : f)
    for (double v : row) rows.push_back(static_cast<float>(v));
  return rows;
}

}  // namespace telusur
