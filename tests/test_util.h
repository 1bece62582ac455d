// Helpers shared by the integration and end-to-end tests.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace telusur::testing {

namespace fs = std::filesystem;

inline fs::path source_dir() { return fs::path(TELUSUR_SOURCE_DIR); }

// The shared data folder beside the repository, or empty when absent.
inline fs::path shared_data_dir() {
  if (const char* env = std::getenv("TELUSUR_SHARED_DATA"); env && *env) return env;
  const fs::path p = source_dir().parent_path() / "shared" / "data";
  return fs::exists(p) ? p : fs::path();
}

// A directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "telusur-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

// Copies the fixture articles into `dir`.
inline void copy_fixtures(const fs::path& dir) {
  fs::copy(source_dir() / "tests" / "fixtures" / "articles", dir, fs::copy_options::recursive);
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (no shell interpretation of the arguments) in `cwd` with extra
// environment assignments ("NAME=value") and `input` on stdin (none when
// empty), capturing stdout and stderr.
inline CommandResult run(const std::vector<std::string>& argv, const fs::path& cwd,
                         const std::vector<std::string>& env = {}, const std::string& input = {}) {
  const fs::path out = cwd / ".stdout";
  const fs::path err = cwd / ".stderr";
  const fs::path in = cwd / ".stdin";
  write_file(in, input);
  std::string cmd = "cd " + shell_quote(cwd.string()) + " && env";
  for (const std::string& e : env) cmd += " " + shell_quote(e);
  for (const std::string& a : argv) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " <" +
         shell_quote(in.string());
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  fs::remove(out);
  fs::remove(err);
  fs::remove(in);
  return r;
}

}  // namespace telusur::testing
