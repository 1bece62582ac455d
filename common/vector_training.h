// Trains the word vectors of an index on the index's own articles with
// fastText (Debian's libfasttext-dev: skip-gram, no subwords) and writes
// them, with the vectors of every article's text windows, to
// DIR/telusur.vectors (word_vectors.h). telusur-index calls it after each
// run that changed an index with vectors, so the file stays in step.
#pragma once

#include <cstdint>
#include <string>

namespace telusur {

struct VectorSettings {
  std::uint32_t dim = 100;
  // Passes over the text; 0: enough passes for about 2.5 million words of
  // training text (at least 5, at most 25), so that small collections are
  // not undertrained.
  std::uint32_t epochs = 0;
  // Training threads; 0: one per core. One thread gives the same vectors
  // for the same articles every time.
  std::uint32_t threads = 0;
  int seed = 42;
  // Words are retrained when the articles added, changed or deleted since
  // the last training exceed this share of the articles then; otherwise
  // only the windows are recomputed with the words as they are.
  double retrain_share = 0.1;
};

struct VectorReport {
  bool refreshed = false;    // the file was written (false: it was current)
  bool trained = false;      // the words were (re)trained
  std::uint64_t words = 0;   // words with a vector
  std::uint64_t docs = 0;    // articles with windows
  std::uint64_t tokens = 0;  // words of text read
  double train_seconds = 0;  // fastText's training alone
  std::uint64_t bytes = 0;   // size of the file written
};

// Brings DIR/telusur.vectors in step with the index in `dir`, whose last
// run added, changed or deleted `changed` articles. Throws Error (a sharded
// index, an empty one, a training failure), leaving any earlier file as it
// was.
VectorReport update_vectors(const std::string& dir, std::uint64_t changed,
                            const VectorSettings& settings);

}  // namespace telusur
