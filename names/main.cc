#include <csignal>
#include <iostream>

#include "names_command.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  return telusur::run_names(argc, argv, std::cout, std::cerr);
}
