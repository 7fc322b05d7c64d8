// cli/key_source.cpp: key files, environment variables and a passphrase prompt without echo.
#include "cli/key_source.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace flgraph::cli {
namespace {

std::string read_line_without_echo(int fd, const std::string& prompt) {
  (void)!::write(fd, prompt.data(), prompt.size());
  termios saved{};
  const bool is_terminal = ::tcgetattr(fd, &saved) == 0;
  if (is_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
  if (is_terminal) ::tcsetattr(fd, TCSAFLUSH, &saved);
  (void)!::write(fd, "\n", 1);
  return line;
}

// Asks on the controlling terminal, so a passphrase never passes through pipes or arguments.
std::string ask_on_terminal(bool confirm, bool new_key) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) throw graph::KeyError("no terminal to ask for the passphrase on");
  const std::string what = new_key ? "new passphrase" : "passphrase";
  std::string first = read_line_without_echo(fd, "flgraph: " + what + " for protected material: ");
  if (confirm && read_line_without_echo(fd, "flgraph: the same " + what + " again: ") != first) {
    ::close(fd);
    throw graph::KeyError("the two passphrases differ; nothing was written");
  }
  ::close(fd);
  if (first.empty())
    throw graph::KeyError("an empty passphrase protects nothing; nothing was written");
  return first;
}

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

graph::KeySource key_source(const std::string& key_file, bool new_key) {
  graph::KeySource out;
  const char* file_variable = new_key ? "FLGRAPH_NEW_KEY_FILE" : "FLGRAPH_KEY_FILE";
  const char* passphrase_variable = new_key ? "FLGRAPH_NEW_PASSPHRASE" : "FLGRAPH_PASSPHRASE";
  if (!key_file.empty()) {
    out.key_file = key_file;
  } else if (const char* file = env(file_variable)) {
    out.key_file = file;
  }
  if (const char* passphrase = env(passphrase_variable)) out.passphrase = passphrase;
  if (out.key_file.empty() && !out.passphrase && ::isatty(STDIN_FILENO) != 0) {
    out.ask = [new_key](bool confirm) { return ask_on_terminal(confirm || new_key, new_key); };
  }
  out.notice = [](const std::string& text) { std::cerr << text << '\n'; };
  return out;
}

}  // namespace flgraph::cli
