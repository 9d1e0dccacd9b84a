#include "cli.hpp"

#include <cstdio>
#include <vector>

#include "util/suggest.hpp"

namespace kesip::tools {

namespace {

std::vector<std::string> optionNames(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : app.get_options())
        for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
    return names;
}

int bad(const CLI::App& app, const std::string& what, const std::string& seeHelp) {
    std::fprintf(stderr, "%s: %s (see %s --help)\n", app.get_name().c_str(), what.c_str(), seeHelp.c_str());
    return 2;
}

// "unknown option --otu; did you mean --out?"
std::string unknown(const std::string& kind, const std::string& given, const std::vector<std::string>& valid,
                    const char* quote) {
    std::string msg = "unknown " + kind + " " + quote + given + quote;
    const std::string hint = closestMatch(given, valid);
    if (!hint.empty()) msg += "; did you mean " + (quote + hint + quote) + "?";
    return msg;
}

} // namespace

CLI::App* addCommand(CLI::App& app, const std::string& name, const std::string& description) {
    CLI::App* c = app.add_subcommand(name, description);
    c->allow_extras(); // reported by parse(), with a suggestion
    c->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    c->get_formatter()->column_width(34);
    return c;
}

int parse(CLI::App& app, int argc, char** argv, const std::string& usage) {
    const std::string tool = app.get_name();
    if (argc < 2) {
        std::fputs(usage.c_str(), stderr);
        return 2;
    }
    const std::string first = argv[1];
    if (first == "--help" || first == "-h") {
        std::fputs(usage.c_str(), stdout);
        return 0;
    }
    const auto all = app.get_subcommands([](CLI::App*) { return true; });
    std::vector<std::string> commands;
    for (const CLI::App* c : all) commands.push_back(c->get_name());
    if (!first.empty() && first[0] == '-') return bad(app, unknown("option", first, {"--help"}, ""), tool);
    CLI::App* cmd = nullptr;
    for (CLI::App* c : all)
        if (c->get_name() == first) cmd = c;
    if (!cmd) return bad(app, unknown("command", first, commands, "'"), tool);
    const std::string seeHelp = tool + " " + first;
    auto unknownOption = [&]() -> std::string {
        for (const std::string& a : cmd->remaining())
            if (!a.empty() && a[0] == '-') return unknown("option", a, optionNames(*cmd), "");
        return {};
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::string help = cmd->help();
        // CLI11 2.1 names only the subcommand in its usage line: "Usage: kiosk-sync merge ...".
        if (auto at = help.find("Usage: " + first); at != std::string::npos) help.insert(at + 7, tool + " ");
        std::fputs(help.c_str(), stdout);
        return 0;
    } catch (const CLI::ParseError& e) {
        // A mistyped option first: "--out is required" would hide that "--otu" was meant as --out.
        const std::string u = unknownOption();
        return bad(app, u.empty() ? std::string(e.what()) : u, seeHelp);
    }
    if (const std::string u = unknownOption(); !u.empty()) return bad(app, u, seeHelp);
    if (!cmd->remaining().empty())
        return bad(app, "unexpected argument '" + cmd->remaining().front() + "'", seeHelp);
    return -1;
}

} // namespace kesip::tools
