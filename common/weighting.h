// Ranking schemes chosen at query time, as Xapian weights: Xapian 1.4's
// weighting schemes by name with their parameters (weighting_spec.h), plus
// query likelihood with Dirichlet and
// Jelinek-Mercer smoothing (our own Xapian::Weight subclasses: Xapian 1.4's
// LMWeight is documented as incorrect).
//
// A scheme is written NAME[:param=value,...], e.g. "bm25:k1=0.9,b=0.4";
// "tfidf" takes its normalisation string as "tfidf:ntn" or
// "tfidf:norm=ntn". Defaults are Xapian's (see kSchemes in weighting.cc
// and docs/ranking.md); bm25 is the default scheme.
#pragma once

#include <xapian.h>

#include "weighting_spec.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace telusur {

// A Xapian weight for the scheme; owned by the caller. Throws Error when
// Xapian rejects a parameter value (e.g. c <= 0).
std::unique_ptr<Xapian::Weight> make_weight(const WeightingSpec& spec);

// What the query-likelihood weights share: the statistics they read and,
// per query term, the OP_SCALE_WEIGHT factor and p(t|C) = cf / |C|.
class QueryLikelihoodWeight : public Xapian::Weight {
 public:
  void init(double factor) override;

 protected:
  QueryLikelihoodWeight();
  double factor_ = 1;
  double collection_p_ = 0;  // cf / |C| of the current term
};

// Query likelihood with Dirichlet smoothing, rank-equivalent form:
//   score(d) = sum over query terms t in d of wqf * log(1 + wdf / (mu * cf/|C|))
//              + |q| * log((mu + maxlen) / (mu + |d|))
// where |q| is the query length, |C| the collection length and maxlen
// Xapian's upper bound on document length. The second part is
// |q| log(mu / (mu + |d|)) plus the constant |q| log((mu + maxlen) / mu),
// which keeps every part non-negative (Xapian's matcher needs that) and
// changes no ranking.
class LMDirichletWeight : public QueryLikelihoodWeight {
 public:
  explicit LMDirichletWeight(double mu = 1000);
  std::string name() const override { return "telusur.LMDirichletWeight"; }
  std::string serialise() const override;
  LMDirichletWeight* unserialise(const std::string& s) const override;
  LMDirichletWeight* clone() const override { return new LMDirichletWeight(mu_); }
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                     Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxextra() const override;

 private:
  double mu_;
};

// Query likelihood with Jelinek-Mercer smoothing, rank-equivalent form:
//   score(d) = sum over query terms t in d of
//              wqf * log(1 + (1 - lambda) / lambda * (wdf / |d|) / (cf / |C|))
class LMJelinekMercerWeight : public QueryLikelihoodWeight {
 public:
  explicit LMJelinekMercerWeight(double lambda = 0.1);
  std::string name() const override { return "telusur.LMJelinekMercerWeight"; }
  std::string serialise() const override;
  LMJelinekMercerWeight* unserialise(const std::string& s) const override;
  LMJelinekMercerWeight* clone() const override { return new LMJelinekMercerWeight(lambda_); }
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                     Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxextra() const override;

 private:
  double lambda_;
};

}  // namespace telusur
