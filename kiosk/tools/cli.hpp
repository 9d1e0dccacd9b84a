#pragma once
// Command-line parsing shared by kiosk-sync and kiosk-content: CLI11 subcommands, each with --help, and
// a mistyped command or option answered with the closest valid one (util/suggest.hpp) and exit code 2.
#include <CLI/CLI.hpp>
#include <string>

namespace kesip::tools {

// A subcommand with the tools' common settings: --help, a repeated option keeps its last value, unknown
// arguments collected (and reported by parse() with a suggestion).
CLI::App* addCommand(CLI::App& app, const std::string& name, const std::string& description);

// Parses argv into `app`, whose subcommands were made by addCommand. Returns -1 when a subcommand is
// selected and its arguments are good (run it: app.get_subcommands()), else the exit code after printing:
// 0 for --help (`usage`, the tool's overview, or the subcommand's own help), 2 for bad arguments.
int parse(CLI::App& app, int argc, char** argv, const std::string& usage);

} // namespace kesip::tools
