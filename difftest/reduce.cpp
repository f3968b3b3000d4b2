// Greedy removal of declarations, lines and flow-mapping fields.
#include "difftest/reduce.h"

#include <sstream>
#include <string>
#include <vector>

namespace collat::difftest {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines)
    out += l + "\n";
  return out;
}

std::size_t Indent(const std::string& line) {
  const std::size_t n = line.find_first_not_of(' ');
  return n == std::string::npos ? line.size() : n;
}

// Lines [i, end): line i and the non-empty lines after it indented deeper (a declaration and its
// body, an account and its fields and positions).
std::size_t BlockEnd(const std::vector<std::string>& lines, std::size_t i) {
  std::size_t end = i + 1;
  while (end < lines.size() && !lines[end].empty() && Indent(lines[end]) > Indent(lines[i]))
    ++end;
  return end;
}

// Tries removing blocks, then single lines, of one text.
bool ShrinkLines(std::string& text, const std::function<bool(const std::string&)>& fails) {
  bool progress = false;
  std::vector<std::string> lines = Lines(text);
  for (std::size_t i = 0; i < lines.size();) {
    bool removed = false;
    for (const bool block : {true, false}) {
      const std::size_t end = block ? BlockEnd(lines, i) : i + 1;
      if (block && end == i + 1) continue;
      std::vector<std::string> trial(lines.begin(), lines.begin() + static_cast<long>(i));
      trial.insert(trial.end(), lines.begin() + static_cast<long>(end), lines.end());
      if (fails(Join(trial))) {
        lines = std::move(trial);
        progress = removed = true;
        break;
      }
    }
    if (!removed) ++i;
  }
  text = Join(lines);
  return progress;
}

// Removes `, key: value` items from flow mappings (`{ id: p1, a: 1, b: 2 }`), keeping `id`.
bool ShrinkFlowFields(std::string& text, const std::function<bool(const std::string&)>& fails) {
  bool progress = false;
  std::size_t pos = 0;
  while ((pos = text.find(", ", pos)) != std::string::npos) {
    const std::size_t end = text.find_first_of(",}\n", pos + 2);
    if (end == std::string::npos || text[end] == '\n') {
      pos += 2;
      continue;
    }
    std::string trial = text.substr(0, pos) + text.substr(end);
    if (fails(trial)) {
      text = std::move(trial);
      progress = true;
    } else {
      pos += 2;
    }
  }
  return progress;
}

}  // namespace

Case Reduce(const Case& failing, const std::function<bool(const Case&)>& still_fails) {
  Case c = failing;
  // A blank policy or input is never a reduction: it shows nothing of the failure.
  const auto blank = [](const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
  };
  const auto policy_fails = [&](const std::string& p) {
    return !blank(p) && still_fails({p, c.input});
  };
  const auto input_fails = [&](const std::string& i) {
    return !blank(i) && still_fails({c.policy, i});
  };
  for (bool progress = true; progress;) {
    progress = ShrinkLines(c.input, input_fails);
    progress = ShrinkFlowFields(c.input, input_fails) || progress;
    progress = ShrinkLines(c.policy, policy_fails) || progress;
  }
  return c;
}

}  // namespace collat::difftest
