#include <csignal>
#include <iostream>

#include "search_command.h"

int main(int argc, char** argv) {
  // A closed pipe (telusur ... | head) makes writes fail quietly instead of killing us.
  std::signal(SIGPIPE, SIG_IGN);
  return telusur::run_search(argc, argv, std::cout, std::cerr);
}
