// kiosk-content: validates authored content and compiles the encyclopedia into the read-only database
// the kiosk opens. Problems are printed as "file:line: id: message", one per line (editors jump to them).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "assess/versions.hpp"
#include "catalog/content.hpp"
#include "cli.hpp"
#include "psychometrics/norms.hpp"
#include "sync/content_pack.hpp"

using namespace kesip;

namespace {

const char* const kUsage =
    "Usage:\n"
    "  kiosk-content check ASSETS_DIR                  validate instruments, encyclopedia, education\n"
    "  kiosk-content compile ASSETS_DIR --out FILE     validate, then write the content database\n"
    "  kiosk-content stats ASSETS_DIR                  validate, then print the content's size\n"
    "                                                  as \"name: value\" lines\n"
    "  kiosk-content keygen                            new Ed25519 key pair for content packs (hex)\n"
    "  kiosk-content sign FILE --key SECRET_HEX        write FILE.sig for a content pack\n"
    "Each command's options: kiosk-content COMMAND --help\n"
    "Exit codes: 0 ok, 1 content problems, 2 bad arguments, 3 cannot write output\n";

bool checkAll(const std::string& assets, std::optional<catalog::Content>& content,
              std::vector<psychometrics::NormsTable>* norms = nullptr) {
    std::vector<content::Problem> problems;
    auto interest =
        assess::loadInstrumentVersions(assets + "/instruments", "interest", assess::interestSpec(), problems);
    auto strengths = assess::loadInstrumentVersions(assets + "/instruments", "strengths",
                                                    assess::strengthsSpec(), problems);
    content = catalog::readSources(assets + "/encyclopedia", problems);
    // Institutions and programmes refer to occupations, so they are read only when those are.
    if (content && !catalog::readEducation(assets + "/education", *content, problems)) content.reset();
    // Norms (assets/norms/*.json) must fit an instrument version above and come from field data.
    auto n = psychometrics::loadNormsDir(
        assets + "/norms", {interest ? &*interest : nullptr, strengths ? &*strengths : nullptr}, problems);
    if (norms) *norms = std::move(n);
    // The guide stands alone: read (and reported) even when the encyclopedia has problems.
    std::vector<catalog::GuidePage> guide;
    const bool guideOk = catalog::readGuide(assets + "/guide", guide, problems);
    if (content && guideOk) content->guide = std::move(guide);
    if (!guideOk) content.reset();
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.str().c_str());
    if (!problems.empty()) std::fprintf(stderr, "kiosk-content: %zu problem(s)\n", problems.size());
    return problems.empty();
}

int keygen() {
    std::string pub, sec;
    if (!sync::generateSigningKeys(pub, sec)) return 3;
    std::printf("public %s\nsecret %s\n", pub.c_str(), sec.c_str());
    return 0;
}

int sign(const std::string& file, const std::string& key) {
    std::string err;
    if (!sync::signFile(file, key, file + ".sig", err)) {
        std::fprintf(stderr, "kiosk-content: %s\n", err.c_str());
        return 3;
    }
    std::printf("signed %s\n", file.c_str());
    return 0;
}

int check(const std::string& assets) {
    std::optional<catalog::Content> content;
    if (!checkAll(assets, content)) return 1;
    std::printf("ok: 2 instruments, %zu fields, %zu occupations, %zu institutions, %zu programmes\n",
                content->fields.size(), content->occupations.size(), content->institutions.size(),
                content->programmes.size());
    return 0;
}

int stats(const std::string& assets) {
    std::optional<catalog::Content> content;
    if (!checkAll(assets, content)) return 1;
    for (const auto& [name, value] : catalog::contentStats(*content))
        std::printf("%s: %ld\n", name.c_str(), value);
    size_t facts = 0;
    for (const auto& p : content->guide) facts += p.facts.size();
    std::printf("guide_pages: %zu\nguide_facts: %zu\n", content->guide.size(), facts);
    return 0;
}

int compile(const std::string& assets, const std::string& out) {
    std::optional<catalog::Content> content;
    std::vector<psychometrics::NormsTable> norms;
    if (!checkAll(assets, content, &norms)) return 1;
    std::string err;
    // Norms join the database before it takes its final name: never a content file without them.
    const std::string part = out + ".part";
    if (!catalog::writeContentDb(*content, part, err) ||
        !psychometrics::addNormsToContentDb(part, norms, err) ||
        std::rename(part.c_str(), out.c_str()) != 0) {
        if (err.empty()) err = std::strerror(errno);
        std::remove(part.c_str());
        std::fprintf(stderr, "kiosk-content: cannot write %s: %s\n", out.c_str(), err.c_str());
        return 3;
    }
    std::printf("compiled %zu fields, %zu occupations into %s\n", content->fields.size(),
                content->occupations.size(), out.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app("kiosk-content", "kiosk-content");
    app.set_help_flag("-h,--help", "this text");
    std::string assets, out, file, key;
    CLI::App* checkCmd = tools::addCommand(app, "check", "validate instruments, encyclopedia, education");
    checkCmd->add_option("assets", assets, "the assets folder")->required();
    CLI::App* compileCmd = tools::addCommand(app, "compile", "validate, then write the content database");
    compileCmd->add_option("assets", assets, "the assets folder")->required();
    compileCmd->add_option("--out", out, "the content database to write")->required();
    CLI::App* statsCmd = tools::addCommand(app, "stats", "validate, then print the content's size");
    statsCmd->add_option("assets", assets, "the assets folder")->required();
    CLI::App* keygenCmd = tools::addCommand(app, "keygen", "new Ed25519 key pair for content packs (hex)");
    CLI::App* signCmd = tools::addCommand(app, "sign", "write FILE.sig for a content pack");
    signCmd->add_option("file", file, "the content pack")->required();
    signCmd->add_option("--key", key, "the secret key (hex)")->required();

    const int rc = tools::parse(app, argc, argv, kUsage);
    if (rc >= 0) return rc;
    if (keygenCmd->parsed()) return keygen();
    if (signCmd->parsed()) return sign(file, key);
    if (checkCmd->parsed()) return check(assets);
    if (statsCmd->parsed()) return stats(assets);
    if (compileCmd->parsed()) return compile(assets, out);
    return 2;
}
