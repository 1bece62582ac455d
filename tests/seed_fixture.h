// A test fixture with the seed corpus (corpus/) indexed once per test suite,
// in process, in a temporary directory.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "index_command.h"
#include "test_util.h"

namespace telusur {

class SeedIndexFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    db_ = (dir_->path() / "db").string();
    const std::string corpus = (testing::source_dir() / "corpus").string();
    std::vector<const char*> argv = {"telusur-index", "-q", "--index", db_.c_str(), corpus.c_str()};
    std::ostringstream out, err;
    ASSERT_EQ(run_index(static_cast<int>(argv.size()), argv.data(), out, err), 0) << err.str();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static inline testing::TempDir* dir_ = nullptr;
  static inline std::string db_;
};

}  // namespace telusur
