// A gradient-boosted tree ensemble, evaluated natively: the learned
// reranker's model as XGBoost trains it (rank:ndcg or rank:pairwise, a
// margin that is the base score plus one leaf of every tree), kept in
// Telusur's compact form so that scoring needs no XGBoost library and
// loading takes a fraction of a millisecond. Hand-written: XGBoost stays the
// trainer; a test checks that both score every row alike.
//
// File layout (host byte order; the magic tells another order or version):
//   "TLSTREE1"
//   u32 features (columns a row must have), u32 trees, f32 base score
//   per tree: u32 nodes, then per node
//     i32 left, i32 right (-1: a leaf), u32 feature, f32 value (the split
//     threshold, or the leaf's value), u8 missing goes left, f32 gain
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace telusur {

class TreeEnsemble {
 public:
  // From XGBoost's model as it saves it (UBJSON). Throws Error.
  static TreeEnsemble from_xgboost(const std::vector<std::uint8_t>& ubjson);

  // The ensemble in the file at `path`; nullopt when the file is not in
  // Telusur's form (another model format). Throws Error for an unreadable
  // or truncated file.
  static std::optional<TreeEnsemble> read(const std::string& path);
  // Writes the compact form atomically. Throws Error naming the file.
  void write(const std::string& path) const;

  // The margin of each row of `rows` (`columns` floats each, row after row,
  // NaN for a missing value). Throws Error when `columns` is not features().
  std::vector<float> predict(const std::vector<float>& rows, std::size_t columns) const;

  // Each feature's total gain over the ensemble's splits, as XGBoost's
  // "total_gain" importance; features never split on are left out.
  std::vector<std::pair<std::size_t, double>> total_gain() const;

  std::size_t features() const { return features_; }
  std::size_t trees() const { return tree_first_.size(); }

 private:
  struct Node {
    std::int32_t left = -1, right = -1;
    std::uint32_t feature = 0;
    float value = 0;
    bool missing_left = false;
    float gain = 0;
  };
  std::uint32_t features_ = 0;
  float base_score_ = 0;
  std::vector<Node> nodes_;             // every tree's nodes, tree after tree
  std::vector<std::size_t> tree_first_;  // each tree's root in nodes_
};

}  // namespace telusur
