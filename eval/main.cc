#include <csignal>
#include <iostream>

#include "eval_command.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  return telusur::run_eval(argc, argv, std::cout, std::cerr);
}
