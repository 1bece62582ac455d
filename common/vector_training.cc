#include "vector_training.h"

#include <fasttext/args.h>
#include <fasttext/fasttext.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <thread>
#include <unordered_map>
#include <vector>

#include "document.h"
#include "schema.h"
#include "status.h"
#include "stopwords.h"
#include "stored_fields.h"
#include "text.h"
#include "word_vectors.h"

namespace telusur {
namespace {

// Every article's words (case-folded tokens, as the indexer makes them) as
// ids into one vocabulary, with each word's document frequency.
struct Collection {
  std::vector<std::string> vocabulary;
  std::vector<std::uint32_t> df;
  std::vector<std::vector<std::uint32_t>> docs;  // by docid (0 unused)
  std::uint64_t tokens = 0;
  std::uint64_t articles = 0;
};

Collection read_collection(const Xapian::Database& db) {
  Collection c;
  c.docs.resize(std::size_t{db.get_lastdocid()} + 1);
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::uint32_t> seen;  // last docid that counted each word
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    const Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
    const StoredFields f = decode_fields(doc.get_value(schema::kFieldsSlot));
    std::vector<std::uint32_t>& out = c.docs[*p];
    for (const Token& t : tokenize(normalize(f.title + "\n" + doc.get_data()))) {
      const auto [it, added] = ids.try_emplace(t.term, static_cast<std::uint32_t>(ids.size()));
      if (added) {
        c.vocabulary.push_back(t.term);
        c.df.push_back(0);
        seen.push_back(0);
      }
      if (seen[it->second] != *p) {
        seen[it->second] = *p;
        ++c.df[it->second];
      }
      out.push_back(it->second);
    }
    c.tokens += out.size();
    ++c.articles;
  }
  return c;
}

// fastText's skip-gram vectors of the collection's words, trained on a
// temporary file of its text beside the index.
std::unordered_map<std::string, std::vector<float>> train(const Collection& c,
                                                          const std::string& dir,
                                                          const VectorSettings& s) {
  const std::string text = dir + "/" + std::string(kVectorsFile) + ".train";
  {
    std::ofstream out(text, std::ios::trunc);
    for (const auto& doc : c.docs) {
      if (doc.empty()) continue;
      for (std::size_t i = 0; i < doc.size(); ++i) out << (i ? " " : "") << c.vocabulary[doc[i]];
      out << '\n';
    }
    if (!out) throw Error("cannot write '" + text + "'");
  }
  fasttext::Args a;
  a.input = text;
  a.model = fasttext::model_name::sg;
  a.loss = fasttext::loss_name::ns;
  a.dim = static_cast<int>(s.dim);
  a.epoch = static_cast<int>(
      s.epochs ? s.epochs : std::clamp<std::uint64_t>(2'500'000 / std::max<std::uint64_t>(1, c.tokens) + 1, 5, 25));
  a.minCount = c.tokens < 1'000'000 ? 1 : 2;
  a.minn = 0;
  a.maxn = 0;
  a.bucket = 0;
  a.thread = static_cast<int>(s.threads ? s.threads : std::max(1u, std::thread::hardware_concurrency()));
  a.seed = s.seed;
  a.verbose = 0;
  fasttext::FastText ft;
  try {
    ft.train(a);
  } catch (const std::exception& e) {
    std::filesystem::remove(text);
    throw Error("training word vectors for '" + dir + "': " + e.what());
  }
  std::filesystem::remove(text);
  std::unordered_map<std::string, std::vector<float>> out;
  const auto dict = ft.getDictionary();
  fasttext::Vector v(a.dim);
  for (std::int32_t i = 0; i < dict->nwords(); ++i) {
    const std::string w = dict->getWord(i);
    if (w == "</s>") continue;
    ft.getWordVector(v, w);
    out.emplace(w, std::vector<float>(v.data(), v.data() + a.dim));
  }
  return out;
}

// The word part of a table: fresh vectors, or those of `old` (a retrain
// not due), with idf from the collection as it is now.
void fill_words(VectorTable& t, const Collection& c, const WordVectors* old,
                const std::unordered_map<std::string, std::vector<float>>& trained) {
  std::vector<std::uint32_t> order(c.vocabulary.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](auto a, auto b) { return c.vocabulary[a] < c.vocabulary[b]; });
  const double n = static_cast<double>(c.articles);
  for (std::uint32_t id : order) {
    const std::string& w = c.vocabulary[id];
    if (old) {
      const std::size_t i = old->find(w);
      if (i == WordVectors::npos) continue;
      const auto v = old->vector(i);
      t.word_vectors.insert(t.word_vectors.end(), v.begin(), v.end());
    } else {
      const auto it = trained.find(w);
      if (it == trained.end()) continue;
      append_quantised(it->second, t.word_vectors);
    }
    t.words.push_back(w);
    t.idf.push_back(static_cast<float>(std::log((n + 1) / (c.df[id] + 0.5))));
  }
}

// Appends the vector of `words` [begin, end), stopwords left out, each
// word's unit vector weighted by its idf.
void append_window(const VectorTable& t, const std::vector<std::int64_t>& slot,
                   const std::vector<std::uint32_t>& words, std::size_t begin, std::size_t end,
                   std::vector<std::int8_t>& out) {
  std::vector<float> sum(t.dim, 0);
  for (std::size_t i = begin; i < end; ++i) {
    const std::int64_t k = slot[words[i]];
    if (k < 0) continue;
    const std::int8_t* v = t.word_vectors.data() + static_cast<std::size_t>(k) * t.dim;
    for (std::uint32_t d = 0; d < t.dim; ++d) sum[d] += t.idf[static_cast<std::size_t>(k)] * v[d];
  }
  append_quantised(sum, out);
}

void fill_windows(VectorTable& t, const Collection& c) {
  // Each vocabulary id's row in the table, or -1 (a stopword, no vector).
  std::vector<std::int64_t> slot(c.vocabulary.size(), -1);
  for (std::size_t id = 0; id < c.vocabulary.size(); ++id) {
    if (is_stopword(c.vocabulary[id])) continue;
    const auto it = std::lower_bound(t.words.begin(), t.words.end(), c.vocabulary[id]);
    if (it != t.words.end() && *it == c.vocabulary[id])
      slot[id] = it - t.words.begin();
  }
  t.doc_first.assign(c.docs.size() + 1, 0);
  std::uint32_t count = 0;
  for (std::size_t d = 0; d < c.docs.size(); ++d) {
    t.doc_first[d] = count;
    const auto& words = c.docs[d];
    if (words.empty()) continue;
    append_window(t, slot, words, 0, words.size(), t.window_vectors);
    ++count;
    for (std::size_t b = 0, k = 0; k < kMaxWindows && (b == 0 || b + kWindowStep < words.size());
         b += kWindowStep, ++k) {
      append_window(t, slot, words, b, std::min(words.size(), b + kWindowWords), t.window_vectors);
      ++count;
    }
  }
  t.doc_first[c.docs.size()] = count;
}

}  // namespace

VectorReport update_vectors(const std::string& dir, std::uint64_t changed,
                            const VectorSettings& settings) {
  const std::string path = dir + "/" + std::string(kVectorsFile);
  VectorReport report;
  try {
    const Xapian::Database db(dir);
    VectorTable t;
    t.dim = settings.dim;
    t.uuid = db.get_uuid();
    t.revision = db.get_revision();
    std::unique_ptr<WordVectors> old;
    try {
      old = WordVectors::open(path);
    } catch (const Error&) {
      // damaged: trained anew below
    }
    const bool reuse = old && old->dim() == settings.dim && old->uuid() == t.uuid &&
                       static_cast<double>(old->changed_docs() + changed) <=
                           settings.retrain_share * static_cast<double>(old->trained_docs());
    // Only metadata changed (or nothing): the windows still hold, unless
    // the index holds other articles than the file describes (a run that
    // ended before it brought the file in step).
    const bool same_articles = old && old->max_docid() == db.get_lastdocid() &&
                               old->articles() == db.get_doccount();
    if (reuse && changed == 0 && same_articles) {
      if (old->revision() != t.revision) {
        old.reset();
        set_vector_revision(path, t.revision);
        report.refreshed = true;
      }
      return report;
    }
    const Collection c = read_collection(db);
    if (c.articles == 0) throw Error("index '" + dir + "' is empty: no vectors to train");
    std::unordered_map<std::string, std::vector<float>> trained;
    if (!reuse) {
      const auto start = std::chrono::steady_clock::now();
      trained = train(c, dir, settings);
      report.train_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    t.trained_docs = reuse ? old->trained_docs() : c.articles;
    t.changed_docs = reuse ? old->changed_docs() + changed : 0;
    fill_words(t, c, reuse ? old.get() : nullptr, trained);
    fill_windows(t, c);
    old.reset();
    write_vector_table(t, path);
    report.refreshed = true;
    report.trained = !reuse;
    report.words = t.words.size();
    report.docs = c.articles;
    report.tokens = c.tokens;
    report.bytes = std::filesystem::file_size(path);
  } catch (const Xapian::InvalidOperationError& e) {
    throw Error("index '" + dir + "': word vectors need an unsharded index (" + describe(e) + ")");
  } catch (const Xapian::Error& e) {
    throw IndexError("index '" + dir + "': " + describe(e));
  }
  return report;
}

}  // namespace telusur
