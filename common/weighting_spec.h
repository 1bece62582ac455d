// A ranking scheme as written and parsed, NAME[:param=value,...], e.g.
// "bm25:k1=0.9,b=0.4"; "tfidf" takes its normalisation string as
// "tfidf:ntn" or "tfidf:norm=ntn". Defaults are Xapian's (see kSchemes in
// weighting.cc and docs/ranking.md); bm25 is the default scheme. Free of
// Xapian: the CLIs parse a scheme once, when they read their options, and
// weighting.h makes the Xapian weight.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace telusur {

struct WeightingSpec {
  std::string name;                                    // canonical ("lm-dirichlet")
  std::vector<std::pair<std::string, double>> params;  // every parameter, defaults filled in
  std::string normalizations;                          // tfidf only
};

// Whether a scheme weighs a term by its collection frequency (Xapian's
// divergence-from-randomness schemes: pl2, pl2+, dph, dlh, bb2, ifb2,
// ineb2). Xapian knows no collection frequency for a phrase inside a
// synonym (it is 0, and their weights infinite), so alias groups give such
// schemes their one-word forms only.
bool uses_collection_frequency(const WeightingSpec& spec);

// Parses a scheme. Throws Error naming an unknown scheme (listing the known
// ones), an unknown parameter (listing the scheme's), or a bad value.
WeightingSpec parse_weighting(std::string_view text);

// The canonical text of a scheme with every parameter ("bm25:k1=1,k2=0,
// k3=1,b=0.5,min_normlen=0.5"), for the record of a run.
std::string describe_weighting(const WeightingSpec& spec);

// The known scheme names.
std::vector<std::string> weighting_names();

// bm25 with Xapian's defaults.
WeightingSpec default_weighting();

}  // namespace telusur
