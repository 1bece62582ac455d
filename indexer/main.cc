#include <csignal>
#include <iostream>

#include "index_command.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  return telusur::run_index(argc, argv, std::cout, std::cerr);
}
