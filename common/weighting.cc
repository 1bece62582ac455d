#include "weighting.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "status.h"

namespace telusur {
namespace {

struct Scheme {
  std::string_view name;
  std::vector<std::string_view> aliases;
  std::vector<std::pair<std::string_view, double>> params;  // name, Xapian's default
};

// Every scheme, its parameters and their defaults (Xapian 1.4's, except the
// language models: mu 1000 and lambda 0.1, Anserini's defaults).
const std::vector<Scheme>& schemes() {
  static const std::vector<Scheme> kSchemes = {
      {"bm25", {}, {{"k1", 1}, {"k2", 0}, {"k3", 1}, {"b", 0.5}, {"min_normlen", 0.5}}},
      {"bm25+",
       {"bm25plus"},
       {{"k1", 1}, {"k2", 0}, {"k3", 1}, {"b", 0.5}, {"min_normlen", 0.5}, {"delta", 1}}},
      {"tfidf", {}, {}},
      {"inl2", {}, {{"c", 1}}},
      {"ifb2", {}, {{"c", 1}}},
      {"ineb2", {}, {{"c", 1}}},
      {"bb2", {}, {{"c", 1}}},
      {"pl2", {}, {{"c", 1}}},
      {"pl2+", {"pl2plus"}, {{"c", 1}, {"delta", 0.8}}},
      {"dlh", {}, {}},
      {"dph", {}, {}},
      {"trad", {}, {{"k", 1}}},
      {"coord", {}, {}},
      {"bool", {}, {}},
      {"lm-dirichlet", {"dirichlet", "lmdir", "ql"}, {{"mu", 1000}}},
      {"lm-jm", {"jm", "jelinek-mercer"}, {{"lambda", 0.1}}},
  };
  return kSchemes;
}

std::string number_text(double v) {
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.17g", v);
  // The shortest text that reads back as the same double.
  for (int precision = 1; precision <= 17; ++precision) {
    char shorter[64];
    std::snprintf(shorter, sizeof shorter, "%.*g", precision, v);
    if (std::strtod(shorter, nullptr) == v) return shorter;
  }
  return buf;
}

double param(const WeightingSpec& s, std::string_view name) {
  for (const auto& [n, v] : s.params)
    if (n == name) return v;
  return 0;
}

double read_double(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) throw Xapian::SerialisationError("bad weighting parameters");
  return v;
}

}  // namespace

std::vector<std::string> weighting_names() {
  std::vector<std::string> out;
  for (const Scheme& s : schemes()) out.emplace_back(s.name);
  return out;
}

bool uses_collection_frequency(const WeightingSpec& spec) {
  static constexpr std::string_view kSchemes[] = {"pl2", "pl2+", "dph", "dlh", "bb2", "ifb2", "ineb2"};
  return std::find(std::begin(kSchemes), std::end(kSchemes), spec.name) != std::end(kSchemes);
}

WeightingSpec default_weighting() {
  static const WeightingSpec kBm25 = parse_weighting("bm25");
  return kBm25;
}

WeightingSpec parse_weighting(std::string_view text) {
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const Scheme* scheme = nullptr;
  for (const Scheme& s : schemes())
    if (s.name == name || std::find(s.aliases.begin(), s.aliases.end(), name) != s.aliases.end())
      scheme = &s;
  if (!scheme) {
    std::string known;
    for (const std::string& n : weighting_names()) known += (known.empty() ? "" : ", ") + n;
    throw Error("unknown weighting scheme '" + std::string(name) + "' (known: " + known + ")");
  }
  WeightingSpec spec;
  spec.name = std::string(scheme->name);
  for (const auto& [n, v] : scheme->params) spec.params.emplace_back(n, v);
  if (spec.name == "tfidf") spec.normalizations = "ntn";
  if (colon == std::string_view::npos) return spec;
  std::string_view rest = text.substr(colon + 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t eq = item.find('=');
    const std::string key(item.substr(0, eq));
    const std::string value(eq == std::string_view::npos ? "" : item.substr(eq + 1));
    if (spec.name == "tfidf") {
      const std::string norm = eq == std::string_view::npos ? key : value;
      if (eq != std::string_view::npos && key != "norm")
        throw Error("weighting 'tfidf' has one parameter, norm (e.g. tfidf:norm=ntn), not '" + key +
                    "'");
      spec.normalizations = norm;
      continue;
    }
    auto it = std::find_if(spec.params.begin(), spec.params.end(),
                           [&](const auto& p) { return p.first == key; });
    if (it == spec.params.end()) {
      std::string known;
      for (const auto& p : spec.params) known += (known.empty() ? "" : ", ") + p.first;
      throw Error("weighting '" + spec.name + "' has no parameter '" + key + "'" +
                  (known.empty() ? " (it takes none)" : " (it takes " + known + ")"));
    }
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(v))
      throw Error("weighting '" + spec.name + "': " + key + " must be a number, not '" + value +
                  "'");
    it->second = v;
  }
  return spec;
}

std::string describe_weighting(const WeightingSpec& spec) {
  std::string out = spec.name;
  if (spec.name == "tfidf") return out + ":norm=" + spec.normalizations;
  char sep = ':';
  for (const auto& [n, v] : spec.params) {
    out += sep + n + "=" + number_text(v);
    sep = ',';
  }
  return out;
}

std::unique_ptr<Xapian::Weight> make_weight(const WeightingSpec& s) {
  try {
    const std::string& n = s.name;
    if (n == "bm25")
      return std::make_unique<Xapian::BM25Weight>(param(s, "k1"), param(s, "k2"), param(s, "k3"),
                                                  param(s, "b"), param(s, "min_normlen"));
    if (n == "bm25+")
      return std::make_unique<Xapian::BM25PlusWeight>(param(s, "k1"), param(s, "k2"),
                                                      param(s, "k3"), param(s, "b"),
                                                      param(s, "min_normlen"), param(s, "delta"));
    if (n == "tfidf") return std::make_unique<Xapian::TfIdfWeight>(s.normalizations);
    if (n == "inl2") return std::make_unique<Xapian::InL2Weight>(param(s, "c"));
    if (n == "ifb2") return std::make_unique<Xapian::IfB2Weight>(param(s, "c"));
    if (n == "ineb2") return std::make_unique<Xapian::IneB2Weight>(param(s, "c"));
    if (n == "bb2") return std::make_unique<Xapian::BB2Weight>(param(s, "c"));
    if (n == "pl2") return std::make_unique<Xapian::PL2Weight>(param(s, "c"));
    if (n == "pl2+")
      return std::make_unique<Xapian::PL2PlusWeight>(param(s, "c"), param(s, "delta"));
    if (n == "dlh") return std::make_unique<Xapian::DLHWeight>();
    if (n == "dph") return std::make_unique<Xapian::DPHWeight>();
    if (n == "trad") return std::make_unique<Xapian::TradWeight>(param(s, "k"));
    if (n == "coord") return std::make_unique<Xapian::CoordWeight>();
    if (n == "bool") return std::make_unique<Xapian::BoolWeight>();
    if (n == "lm-dirichlet") {
      if (!(param(s, "mu") > 0)) throw Error("weighting 'lm-dirichlet': mu must be > 0");
      return std::make_unique<LMDirichletWeight>(param(s, "mu"));
    }
    if (n == "lm-jm") {
      const double l = param(s, "lambda");
      if (!(l > 0 && l < 1)) throw Error("weighting 'lm-jm': lambda must be in (0, 1)");
      return std::make_unique<LMJelinekMercerWeight>(l);
    }
  } catch (const Xapian::Error& e) {
    throw Error("weighting '" + describe_weighting(s) + "': " + e.get_msg());
  }
  throw Error("unknown weighting scheme '" + s.name + "'");
}

// Query likelihood, shared.

QueryLikelihoodWeight::QueryLikelihoodWeight() {
  need_stat(WDF);
  need_stat(WDF_MAX);
  need_stat(WQF);
  need_stat(DOC_LENGTH);
  need_stat(DOC_LENGTH_MIN);
  need_stat(COLLECTION_FREQ);
  need_stat(TOTAL_LENGTH);
}

void QueryLikelihoodWeight::init(double factor) {
  factor_ = factor;
  const double total = static_cast<double>(get_total_length());
  collection_p_ = total > 0 ? static_cast<double>(get_collection_freq()) / total : 0;
}

// Query likelihood, Dirichlet.

LMDirichletWeight::LMDirichletWeight(double mu) : mu_(mu) {
  need_stat(DOC_LENGTH_MAX);
  need_stat(QUERY_LENGTH);
}

std::string LMDirichletWeight::serialise() const { return number_text(mu_); }

LMDirichletWeight* LMDirichletWeight::unserialise(const std::string& s) const {
  return new LMDirichletWeight(read_double(s));
}

double LMDirichletWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount,
                                      Xapian::termcount) const {
  if (wdf == 0 || collection_p_ <= 0) return 0;
  return factor_ * get_wqf() * std::log1p(static_cast<double>(wdf) / (mu_ * collection_p_));
}

double LMDirichletWeight::get_maxpart() const {
  if (collection_p_ <= 0) return 0;
  return factor_ * get_wqf() *
         std::log1p(static_cast<double>(get_wdf_upper_bound()) / (mu_ * collection_p_));
}

double LMDirichletWeight::get_sumextra(Xapian::termcount doclen, Xapian::termcount) const {
  const double maxlen = static_cast<double>(get_doclength_upper_bound());
  return get_query_length() *
         std::log((mu_ + maxlen) / (mu_ + std::min(maxlen, static_cast<double>(doclen))));
}

double LMDirichletWeight::get_maxextra() const {
  const double maxlen = static_cast<double>(get_doclength_upper_bound());
  const double minlen = static_cast<double>(get_doclength_lower_bound());
  return get_query_length() * std::log((mu_ + maxlen) / (mu_ + minlen));
}

// Query likelihood, Jelinek-Mercer.

LMJelinekMercerWeight::LMJelinekMercerWeight(double lambda) : lambda_(lambda) {}

std::string LMJelinekMercerWeight::serialise() const { return number_text(lambda_); }

LMJelinekMercerWeight* LMJelinekMercerWeight::unserialise(const std::string& s) const {
  return new LMJelinekMercerWeight(read_double(s));
}

double LMJelinekMercerWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                                          Xapian::termcount) const {
  if (wdf == 0 || doclen == 0 || collection_p_ <= 0) return 0;
  const double p_doc = static_cast<double>(wdf) / static_cast<double>(doclen);
  return factor_ * get_wqf() * std::log1p((1 - lambda_) / lambda_ * p_doc / collection_p_);
}

double LMJelinekMercerWeight::get_maxpart() const {
  if (collection_p_ <= 0) return 0;
  const double minlen = std::max(1.0, static_cast<double>(get_doclength_lower_bound()));
  const double p_doc = std::min(1.0, static_cast<double>(get_wdf_upper_bound()) / minlen);
  return factor_ * get_wqf() * std::log1p((1 - lambda_) / lambda_ * p_doc / collection_p_);
}

double LMJelinekMercerWeight::get_sumextra(Xapian::termcount, Xapian::termcount) const { return 0; }

double LMJelinekMercerWeight::get_maxextra() const { return 0; }

}  // namespace telusur
