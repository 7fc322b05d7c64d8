// cli/app.h: the flgraph command line: argument parsing and one library call per subcommand.
#pragma once

namespace flgraph::cli {

// Exit codes: 0 success, 1 bad input or not found (thrown as flgraph::Error), 2 usage.
int run(int argc, char** argv);

}  // namespace flgraph::cli
