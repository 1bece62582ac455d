#include "gnuplot.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "status.h"

namespace telusur {

void run_gnuplot(const std::string& script, const std::string& png) {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec) /
                   ("telusur-plot-" + std::to_string(::getpid()) + "-" +
                    std::to_string(std::hash<std::string>()(png)));
  std::filesystem::create_directories(dir, ec);
  const std::string file = (dir / "plot.gp").string();
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << script;
    if (!out) throw Error("cannot write '" + file + "'");
  }
  const std::string command = "gnuplot '" + file + "' 2>'" + (dir / "err").string() + "'";
  const int status = std::system(command.c_str());
  std::string err;
  {
    std::ifstream in(dir / "err");
    std::getline(in, err);
  }
  std::filesystem::remove_all(dir, ec);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 127)
    throw Error("cannot run gnuplot to draw '" + png +
                "': install it (Debian package gnuplot-nox)");
  if (WEXITSTATUS(status) != 0)
    throw Error("gnuplot could not draw '" + png + "'" + (err.empty() ? "" : ": " + err));
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace telusur
