#include "options.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "version.h"

namespace po = boost::program_options;

namespace telusur::cli {

bool parse(int argc, const char* const* argv, const po::options_description& visible,
           std::vector<std::string>& positional, po::variables_map& vm, std::ostream& err,
           std::string_view tool) {
  po::options_description hidden;
  hidden.add_options()("positional", po::value(&positional));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positions;
  positions.add("positional", -1);
  try {
    po::store(
        po::command_line_parser(argc, argv)
            .options(all)
            .positional(positions)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .run(),
        vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << tool << ": error: " << e.what() << " (see " << tool << " --help)\n";
    return false;
  }
  return true;
}

std::string default_index() {
  const char* env = std::getenv("TELUSUR_INDEX");
  return env && *env ? env : "telusur.db";
}

void add_version_option(po::options_description& options) {
  options.add_options()("version", "print the versions of Telusur and its libraries and exit");
}

bool print_version(const po::variables_map& vm, std::ostream& out, std::string_view tool) {
  if (!vm.count("version")) return false;
  out << version_report(tool);
  return true;
}

std::string shipped_reranker() {
  if (const char* env = std::getenv("TELUSUR_RERANKER")) return env;
  std::error_code ec;
  for (const char* path : {TELUSUR_INSTALLED_RERANKER, TELUSUR_SOURCE_RERANKER})
    if (std::filesystem::exists(path, ec)) return path;
  return "";
}

std::size_t terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const long n = std::strtol(columns, nullptr, 10);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  return 80;
}

std::string pager() {
  const char* env = std::getenv("PAGER");
  if (!env) return "less -FRX";
  const std::string p = env;
  return p.empty() || p == "cat" ? std::string() : p;
}

void page(const std::string& pager, const std::string& text, std::ostream& fallback) {
  std::fflush(stdout);
  FILE* pipe = popen(pager.c_str(), "w");
  if (!pipe) {
    fallback << text;
    return;
  }
  std::fwrite(text.data(), 1, text.size(), pipe);
  pclose(pipe);
}

}  // namespace telusur::cli
