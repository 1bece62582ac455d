// A learned reranker's model: gradient-boosted trees that score (query,
// article) feature rows (rerank_features.h). XGBoost (Debian's
// libxgboost-dev, loaded when first needed) trains them; the model file is
// Telusur's compact form (tree_ensemble.h), scored without XGBoost. A model
// file XGBoost itself wrote is read and scored by XGBoost. Trained by
// `telusur-eval train-reranker`, read by `telusur --rerank MODEL`.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tree_ensemble.h"

namespace telusur {

// Training settings; the same data and settings give the same model.
struct RerankTraining {
  std::string objective = "rank:ndcg";  // or "rank:pairwise"
  std::size_t rounds = 300;
  double eta = 0.05;
  std::size_t max_depth = 4;
  unsigned seed = 42;
  // When set, XGBoost's own model is also written here (for XGBoost's tools).
  std::string xgboost_copy;
};

class RerankModel {
 public:
  // Reads a model file. Throws Error naming the file.
  explicit RerankModel(const std::string& path);
  ~RerankModel();
  RerankModel(const RerankModel&) = delete;
  RerankModel& operator=(const RerankModel&) = delete;

  // One score per row of `rows` (`columns` floats each, row after row).
  // Not thread-safe.
  std::vector<float> predict(const std::vector<float>& rows, std::size_t columns) const;

  // Each feature's total gain in the model, as (name, gain), most first;
  // `names` names the columns.
  std::vector<std::pair<std::string, double>> importance(
      const std::vector<std::string>& names) const;

  // Trains a model on `rows` (`columns` floats each) with graded `labels`,
  // the rows of each query consecutive (`groups` holds their counts), and
  // writes it to `path` in the compact form. Throws Error.
  static void train(const std::vector<float>& rows, std::size_t columns,
                    const std::vector<float>& labels, const std::vector<unsigned>& groups,
                    const RerankTraining& settings, const std::string& path);

 private:
  std::unique_ptr<TreeEnsemble> trees_;  // the compact form, when the file holds it
  void* booster_ = nullptr;               // else XGBoost's model
};

}  // namespace telusur
