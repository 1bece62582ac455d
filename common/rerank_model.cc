#include "rerank_model.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "status.h"

namespace telusur {
namespace {

// Throws Error with XGBoost's message when a call failed.
void check(int rc, const std::string& what) {
  if (rc != 0) throw Error(what + ": " + XGBGetLastError());
}

struct Matrix {
  DMatrixHandle handle = nullptr;
  Matrix(const std::vector<float>& rows, std::size_t columns) {
    const auto n = static_cast<bst_ulong>(columns ? rows.size() / columns : 0);
    check(XGDMatrixCreateFromMat(rows.data(), n, static_cast<bst_ulong>(columns), NAN, &handle),
          "reranker: cannot build a feature matrix");
  }
  ~Matrix() {
    if (handle) XGDMatrixFree(handle);
  }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
};

}  // namespace

RerankModel::RerankModel(const std::string& path) {
  check(XGBoosterCreate(nullptr, 0, &booster_), "reranker");
  if (XGBoosterLoadModel(booster_, path.c_str()) != 0) {
    const std::string why = XGBGetLastError();
    XGBoosterFree(booster_);
    booster_ = nullptr;
    throw Error("cannot read reranker model '" + path + "': " + why);
  }
  check(XGBoosterSetParam(booster_, "nthread", "1"), "reranker");
}

RerankModel::~RerankModel() {
  if (booster_) XGBoosterFree(booster_);
}

std::vector<float> RerankModel::predict(const std::vector<float>& rows,
                                        std::size_t columns) const {
  if (rows.empty()) return {};
  const Matrix m(rows, columns);
  bst_ulong n = 0;
  const float* out = nullptr;
  check(XGBoosterPredict(booster_, m.handle, 0, 0, 0, &n, &out), "reranker: cannot score");
  return std::vector<float>(out, out + n);
}

std::vector<std::pair<std::string, double>> RerankModel::importance(
    const std::vector<std::string>& names) const {
  bst_ulong n = 0, dim = 0;
  const char** features = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  check(XGBoosterFeatureScore(booster_, R"({"importance_type": "total_gain"})", &n, &features,
                              &dim, &shape, &scores),
        "reranker: cannot read feature importance");
  std::vector<std::pair<std::string, double>> out;
  for (bst_ulong i = 0; i < n; ++i) {
    // Columns are named f0, f1, ... unless the matrix named them.
    std::string name = features[i];
    if (name.size() > 1 && name[0] == 'f') {
      const std::size_t k = std::stoul(name.substr(1));
      if (k < names.size()) name = names[k];
    }
    out.emplace_back(name, scores[i]);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

void RerankModel::train(const std::vector<float>& rows, std::size_t columns,
                        const std::vector<float>& labels, const std::vector<unsigned>& groups,
                        const RerankTraining& s, const std::string& path) {
  if (rows.empty() || labels.size() * columns != rows.size())
    throw Error("reranker: no training rows, or rows and labels disagree");
  const Matrix m(rows, columns);
  check(XGDMatrixSetFloatInfo(m.handle, "label", labels.data(), labels.size()),
        "reranker: labels");
  check(XGDMatrixSetUIntInfo(m.handle, "group", groups.data(), groups.size()),
        "reranker: query groups");
  BoosterHandle booster = nullptr;
  check(XGBoosterCreate(&m.handle, 1, &booster), "reranker");
  const std::unique_ptr<void, int (*)(BoosterHandle)> owned(booster, XGBoosterFree);
  const std::pair<const char*, std::string> params[] = {
      {"objective", s.objective},
      {"eta", std::to_string(s.eta)},
      {"max_depth", std::to_string(s.max_depth)},
      {"seed", std::to_string(s.seed)},
      {"nthread", "1"},  // the same model on any machine
      {"tree_method", "exact"},
      {"eval_metric", "ndcg@10"}};
  for (const auto& [k, v] : params)
    check(XGBoosterSetParam(booster, k, v.c_str()), std::string("reranker: parameter ") + k);
  for (std::size_t i = 0; i < s.rounds; ++i)
    check(XGBoosterUpdateOneIter(booster, static_cast<int>(i), m.handle), "reranker: training");
  check(XGBoosterSaveModel(booster, path.c_str()), "cannot write reranker model '" + path + "'");
}

}  // namespace telusur
