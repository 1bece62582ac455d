// telusur-index run in process, for the integration tests: its exit status,
// standard error and the figures of its summary lines.
#pragma once

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "index_command.h"
#include "index_writer.h"

namespace telusur::testing {

struct IndexRun {
  int exit_code = 0;
  std::string err;
  RunCounts counts;
  std::uint64_t resumed = 0;  // "resumed N articles from an interrupted ..."
};

inline IndexRun index(const std::filesystem::path& db, const std::vector<std::string>& args) {
  std::vector<std::string> all = {"telusur-index", "--index", db.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& a : all) argv.push_back(a.c_str());
  std::ostringstream out, err;
  IndexRun r;
  r.exit_code = run_index(static_cast<int>(argv.size()), argv.data(), out, err);
  r.err = err.str();
  std::smatch m;
  const std::regex summary(R"((\d+) added, (\d+) updated, (\d+) deleted, (\d+) unchanged)");
  if (std::regex_search(r.err, m, summary))
    r.counts = {std::stoull(m[1]), std::stoull(m[2]), std::stoull(m[3]), std::stoull(m[4])};
  if (std::regex_search(r.err, m, std::regex(R"(resumed (\d+) articles)")))
    r.resumed = std::stoull(m[1]);
  return r;
}

}  // namespace telusur::testing
