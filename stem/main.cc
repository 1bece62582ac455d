#include <csignal>
#include <iostream>

#include "stem_command.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  return telusur::run_stem(argc, argv, std::cin, std::cout, std::cerr);
}
