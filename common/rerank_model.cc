#include "rerank_model.h"

#include <dlfcn.h>
#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "status.h"

namespace telusur {
namespace {

// XGBoost's C API, loaded on first use (dlopen): a process that reranks
// nothing never loads the library, so a query's start-up does not pay for
// its relocations. Throws Error when the library is missing.
struct Xgb {
  decltype(&::XGBGetLastError) GetLastError;
  decltype(&::XGDMatrixCreateFromMat) DMatrixCreateFromMat;
  decltype(&::XGDMatrixFree) DMatrixFree;
  decltype(&::XGDMatrixSetFloatInfo) DMatrixSetFloatInfo;
  decltype(&::XGDMatrixSetUIntInfo) DMatrixSetUIntInfo;
  decltype(&::XGBoosterCreate) BoosterCreate;
  decltype(&::XGBoosterFree) BoosterFree;
  decltype(&::XGBoosterSetParam) BoosterSetParam;
  decltype(&::XGBoosterUpdateOneIter) BoosterUpdateOneIter;
  decltype(&::XGBoosterPredict) BoosterPredict;
  decltype(&::XGBoosterLoadModel) BoosterLoadModel;
  decltype(&::XGBoosterSaveModel) BoosterSaveModel;
  decltype(&::XGBoosterSaveModelToBuffer) BoosterSaveModelToBuffer;
  decltype(&::XGBoosterFeatureScore) BoosterFeatureScore;
};

const Xgb& xgb() {
  static const Xgb api = [] {
    void* lib = dlopen("libxgboost.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
      throw Error("the reranker needs XGBoost's library libxgboost.so.0 (Debian package "
                  "libxgboost0): " + std::string(dlerror()));
    const auto get = [lib](const char* name) {
      void* f = dlsym(lib, name);
      if (!f) throw Error(std::string("XGBoost's library lacks ") + name);
      return f;
    };
    // One OpenMP thread: the reranker scores one query's candidates, and
    // OpenMP's idle threads would spin beside every command.
    if (void* omp = dlsym(lib, "omp_set_num_threads"))
      reinterpret_cast<void (*)(int)>(omp)(1);
    Xgb a{};
    a.GetLastError = reinterpret_cast<decltype(a.GetLastError)>(get("XGBGetLastError"));
    a.DMatrixCreateFromMat =
        reinterpret_cast<decltype(a.DMatrixCreateFromMat)>(get("XGDMatrixCreateFromMat"));
    a.DMatrixFree = reinterpret_cast<decltype(a.DMatrixFree)>(get("XGDMatrixFree"));
    a.DMatrixSetFloatInfo =
        reinterpret_cast<decltype(a.DMatrixSetFloatInfo)>(get("XGDMatrixSetFloatInfo"));
    a.DMatrixSetUIntInfo =
        reinterpret_cast<decltype(a.DMatrixSetUIntInfo)>(get("XGDMatrixSetUIntInfo"));
    a.BoosterCreate = reinterpret_cast<decltype(a.BoosterCreate)>(get("XGBoosterCreate"));
    a.BoosterFree = reinterpret_cast<decltype(a.BoosterFree)>(get("XGBoosterFree"));
    a.BoosterSetParam = reinterpret_cast<decltype(a.BoosterSetParam)>(get("XGBoosterSetParam"));
    a.BoosterUpdateOneIter =
        reinterpret_cast<decltype(a.BoosterUpdateOneIter)>(get("XGBoosterUpdateOneIter"));
    a.BoosterPredict = reinterpret_cast<decltype(a.BoosterPredict)>(get("XGBoosterPredict"));
    a.BoosterLoadModel = reinterpret_cast<decltype(a.BoosterLoadModel)>(get("XGBoosterLoadModel"));
    a.BoosterSaveModel = reinterpret_cast<decltype(a.BoosterSaveModel)>(get("XGBoosterSaveModel"));
    a.BoosterSaveModelToBuffer = reinterpret_cast<decltype(a.BoosterSaveModelToBuffer)>(
        get("XGBoosterSaveModelToBuffer"));
    a.BoosterFeatureScore =
        reinterpret_cast<decltype(a.BoosterFeatureScore)>(get("XGBoosterFeatureScore"));
    return a;
  }();
  return api;
}

// Throws Error with XGBoost's message when a call failed.
void check(int rc, const std::string& what) {
  if (rc != 0) throw Error(what + ": " + xgb().GetLastError());
}

struct Matrix {
  DMatrixHandle handle = nullptr;
  Matrix(const std::vector<float>& rows, std::size_t columns) {
    const auto n = static_cast<bst_ulong>(columns ? rows.size() / columns : 0);
    check(xgb().DMatrixCreateFromMat(rows.data(), n, static_cast<bst_ulong>(columns), NAN, &handle),
          "reranker: cannot build a feature matrix");
  }
  ~Matrix() {
    if (handle) xgb().DMatrixFree(handle);
  }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
};

}  // namespace

RerankModel::RerankModel(const std::string& path) {
  if (std::optional<TreeEnsemble> trees = TreeEnsemble::read(path)) {
    trees_ = std::make_unique<TreeEnsemble>(std::move(*trees));
    return;
  }
  check(xgb().BoosterCreate(nullptr, 0, &booster_), "reranker");
  if (xgb().BoosterLoadModel(booster_, path.c_str()) != 0) {
    const std::string why = xgb().GetLastError();
    xgb().BoosterFree(booster_);
    booster_ = nullptr;
    throw Error("cannot read reranker model '" + path + "': " + why);
  }
  check(xgb().BoosterSetParam(booster_, "nthread", "1"), "reranker");
}

RerankModel::~RerankModel() {
  if (booster_) xgb().BoosterFree(booster_);
}

std::vector<float> RerankModel::predict(const std::vector<float>& rows,
                                        std::size_t columns) const {
  if (rows.empty()) return {};
  if (trees_) return trees_->predict(rows, columns);
  const Matrix m(rows, columns);
  bst_ulong n = 0;
  const float* out = nullptr;
  check(xgb().BoosterPredict(booster_, m.handle, 0, 0, 0, &n, &out), "reranker: cannot score");
  return std::vector<float>(out, out + n);
}

namespace {

// XGBoost's own total-gain importance of a booster's features.
std::vector<std::pair<std::string, double>> xgboost_importance(
    void* booster, const std::vector<std::string>& names) {
  bst_ulong n = 0, dim = 0;
  const char** features = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  check(xgb().BoosterFeatureScore(booster, R"({"importance_type": "total_gain"})", &n, &features,
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
  return out;
}

}  // namespace

std::vector<std::pair<std::string, double>> RerankModel::importance(
    const std::vector<std::string>& names) const {
  std::vector<std::pair<std::string, double>> out;
  if (trees_) {
    for (const auto& [k, gain] : trees_->total_gain())
      out.emplace_back(k < names.size() ? names[k] : "f" + std::to_string(k), gain);
  } else {
    out = xgboost_importance(booster_, names);
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
  check(xgb().DMatrixSetFloatInfo(m.handle, "label", labels.data(), labels.size()),
        "reranker: labels");
  check(xgb().DMatrixSetUIntInfo(m.handle, "group", groups.data(), groups.size()),
        "reranker: query groups");
  BoosterHandle booster = nullptr;
  check(xgb().BoosterCreate(&m.handle, 1, &booster), "reranker");
  const std::unique_ptr<void, int (*)(BoosterHandle)> owned(booster, xgb().BoosterFree);
  const std::pair<const char*, std::string> params[] = {
      {"objective", s.objective},
      {"eta", std::to_string(s.eta)},
      {"max_depth", std::to_string(s.max_depth)},
      {"seed", std::to_string(s.seed)},
      {"nthread", "1"},  // the same model on any machine
      {"tree_method", "exact"},
      {"eval_metric", "ndcg@10"}};
  for (const auto& [k, v] : params)
    check(xgb().BoosterSetParam(booster, k, v.c_str()), std::string("reranker: parameter ") + k);
  for (std::size_t i = 0; i < s.rounds; ++i)
    check(xgb().BoosterUpdateOneIter(booster, static_cast<int>(i), m.handle), "reranker: training");
  bst_ulong len = 0;
  const char* bytes = nullptr;
  check(xgb().BoosterSaveModelToBuffer(booster, R"({"format": "ubj"})", &len, &bytes),
        "reranker: cannot read the trained model");
  TreeEnsemble::from_xgboost(std::vector<std::uint8_t>(bytes, bytes + len)).write(path);
  if (!s.xgboost_copy.empty())
    check(xgb().BoosterSaveModel(booster, s.xgboost_copy.c_str()),
          "cannot write '" + s.xgboost_copy + "'");
}

}  // namespace telusur
