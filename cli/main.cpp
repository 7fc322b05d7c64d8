// cli/main.cpp: the only place that decides the exit code.
#include <iostream>

#include "cli/app.h"
#include "graph/errors.h"

int main(int argc, char** argv) {
  try {
    return flgraph::cli::run(argc, argv);
  } catch (const flgraph::Error& e) {
    std::cerr << "flgraph: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "flgraph: internal error: " << e.what() << '\n';
    return 1;
  }
}
