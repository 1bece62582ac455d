#include "tree_ensemble.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "atomic_file.h"
#include "status.h"

namespace telusur {
namespace {

constexpr char kMagic[8] = {'T', 'L', 'S', 'T', 'R', 'E', 'E', '1'};

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Reads values of the compact form, refusing to run past its end.
struct Reader {
  const std::string& bytes;
  const std::string& path;
  std::size_t at = 0;
  template <typename T>
  T get() {
    if (bytes.size() - at < sizeof(T))
      throw Error("reranker model '" + path + "' is truncated; retrain it");
    T v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
};

// XGBoost writes its base score as a string ("5E-1") or a number.
float number_of(const nlohmann::json& v) {
  return v.is_string() ? std::stof(v.get<std::string>()) : v.get<float>();
}

}  // namespace

TreeEnsemble TreeEnsemble::from_xgboost(const std::vector<std::uint8_t>& ubjson) {
  TreeEnsemble e;
  try {
    const nlohmann::json j = nlohmann::json::from_ubjson(ubjson);
    const nlohmann::json& learner = j.at("learner");
    const nlohmann::json& features = learner.at("learner_model_param").at("num_feature");
    e.features_ = static_cast<std::uint32_t>(
        features.is_string() ? std::stoul(features.get<std::string>()) : features.get<unsigned>());
    e.base_score_ = number_of(learner.at("learner_model_param").at("base_score"));
    for (const nlohmann::json& t : learner.at("gradient_booster").at("model").at("trees")) {
      e.tree_first_.push_back(e.nodes_.size());
      const auto& left = t.at("left_children");
      for (std::size_t i = 0; i < left.size(); ++i) {
        Node n;
        n.left = left[i].get<std::int32_t>();
        n.right = t.at("right_children")[i].get<std::int32_t>();
        n.feature = t.at("split_indices")[i].get<std::uint32_t>();
        n.value = t.at("split_conditions")[i].get<float>();
        n.missing_left = t.at("default_left")[i].get<int>() != 0;
        n.gain = t.at("loss_changes")[i].get<float>();
        e.nodes_.push_back(n);
      }
    }
  } catch (const nlohmann::json::exception& x) {
    throw Error(std::string("reranker: XGBoost's model is not as expected: ") + x.what());
  }
  return e;
}

std::optional<TreeEnsemble> TreeEnsemble::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read reranker model '" + path + "'");
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return std::nullopt;
  Reader r{bytes, path, sizeof kMagic};
  TreeEnsemble e;
  e.features_ = r.get<std::uint32_t>();
  const auto trees = r.get<std::uint32_t>();
  e.base_score_ = r.get<float>();
  for (std::uint32_t t = 0; t < trees; ++t) {
    e.tree_first_.push_back(e.nodes_.size());
    const auto n = r.get<std::uint32_t>();
    for (std::uint32_t i = 0; i < n; ++i) {
      Node node;
      node.left = r.get<std::int32_t>();
      node.right = r.get<std::int32_t>();
      node.feature = r.get<std::uint32_t>();
      node.value = r.get<float>();
      node.missing_left = r.get<std::uint8_t>() != 0;
      node.gain = r.get<float>();
      const auto ok = [&](std::int32_t c) {
        return c == -1 || (c > 0 && static_cast<std::uint32_t>(c) < n);
      };
      if (!ok(node.left) || !ok(node.right) || (node.left != -1 && node.feature >= e.features_))
        throw Error("reranker model '" + path + "' is damaged; retrain it");
      e.nodes_.push_back(node);
    }
  }
  if (r.at != bytes.size()) throw Error("reranker model '" + path + "' is damaged; retrain it");
  return e;
}

void TreeEnsemble::write(const std::string& path) const {
  std::string out(kMagic, sizeof kMagic);
  put(out, features_);
  put(out, static_cast<std::uint32_t>(tree_first_.size()));
  put(out, base_score_);
  for (std::size_t t = 0; t < tree_first_.size(); ++t) {
    const std::size_t end = t + 1 < tree_first_.size() ? tree_first_[t + 1] : nodes_.size();
    put(out, static_cast<std::uint32_t>(end - tree_first_[t]));
    for (std::size_t i = tree_first_[t]; i < end; ++i) {
      const Node& n = nodes_[i];
      put(out, n.left);
      put(out, n.right);
      put(out, n.feature);
      put(out, n.value);
      put(out, static_cast<std::uint8_t>(n.missing_left));
      put(out, n.gain);
    }
  }
  write_file_atomically(path, out);
}

std::vector<float> TreeEnsemble::predict(const std::vector<float>& rows,
                                         std::size_t columns) const {
  if (columns != features_)
    throw Error("reranker: the model scores " + std::to_string(features_) + " features, not " +
                std::to_string(columns) + "; retrain it (telusur-eval train-reranker)");
  std::vector<float> out;
  for (std::size_t r = 0; r + columns <= rows.size(); r += columns) {
    const float* row = rows.data() + r;
    float sum = base_score_;
    for (std::size_t root : tree_first_) {
      std::size_t i = root;
      while (nodes_[i].left != -1) {
        const Node& n = nodes_[i];
        const float v = row[n.feature];
        const bool left = std::isnan(v) ? n.missing_left : v < n.value;
        i = root + static_cast<std::size_t>(left ? n.left : n.right);
      }
      sum += nodes_[i].value;
    }
    out.push_back(sum);
  }
  return out;
}

std::vector<std::pair<std::size_t, double>> TreeEnsemble::total_gain() const {
  std::map<std::size_t, double> gain;
  for (const Node& n : nodes_)
    if (n.left != -1) gain[n.feature] += n.gain;
  return {gain.begin(), gain.end()};
}

}  // namespace telusur
