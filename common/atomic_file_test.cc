#include "atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "status.h"

namespace telusur {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AtomicFile, WritesAndReplacesWholeFiles) {
  const fs::path dir = fs::temp_directory_path() / ("telusur-atomic-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "f").string();
  write_file_atomically(path, std::string("one\0two", 7));
  EXPECT_EQ(read(path), std::string("one\0two", 7));
  write_file_atomically(path, "three");
  EXPECT_EQ(read(path), "three");
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  const std::string missing = (dir / "no-such-dir" / "f").string();
  try {
    write_file_atomically(missing, "x");
    ADD_FAILURE() << "wrote into a missing directory";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot write '"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read(path), "three");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace telusur
