// kiosk-content: validates authored content and compiles the encyclopedia into the read-only database
// the kiosk opens. Problems are printed as "file:line: id: message", one per line (editors jump to them).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "assess/versions.hpp"
#include "catalog/content.hpp"
#include "psychometrics/norms.hpp"
#include "sync/content_pack.hpp"

using namespace kesip;

namespace {

int usage() {
    std::fputs(
        "Usage:\n"
        "  kiosk-content check ASSETS_DIR                  validate instruments, encyclopedia, education\n"
        "  kiosk-content compile ASSETS_DIR --out FILE     validate, then write the content database\n"
        "  kiosk-content stats ASSETS_DIR                  validate, then print the content's size\n"
        "                                                  as \"name: value\" lines\n"
        "  kiosk-content keygen                            new Ed25519 key pair for content packs (hex)\n"
        "  kiosk-content sign FILE --key SECRET_HEX        write FILE.sig for a content pack\n"
        "Exit codes: 0 ok, 1 content problems, 2 bad arguments, 3 cannot write output\n",
        stderr);
    return 2;
}

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

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string(argv[1]) == "keygen") {
        std::string pub, sec;
        if (!sync::generateSigningKeys(pub, sec)) return 3;
        std::printf("public %s\nsecret %s\n", pub.c_str(), sec.c_str());
        return 0;
    }
    if (argc == 5 && std::string(argv[1]) == "sign" && std::string(argv[3]) == "--key") {
        std::string err;
        if (!sync::signFile(argv[2], argv[4], std::string(argv[2]) + ".sig", err)) {
            std::fprintf(stderr, "kiosk-content: %s\n", err.c_str());
            return 3;
        }
        std::printf("signed %s\n", argv[2]);
        return 0;
    }
    if (argc < 3) return usage();
    const std::string cmd = argv[1], assets = argv[2];
    std::optional<catalog::Content> content;
    if (cmd == "check") {
        if (!checkAll(assets, content)) return 1;
        std::printf("ok: 2 instruments, %zu fields, %zu occupations, %zu institutions, %zu programmes\n",
                    content->fields.size(), content->occupations.size(), content->institutions.size(),
                    content->programmes.size());
        return 0;
    }
    if (cmd == "stats") {
        if (argc != 3) return usage();
        if (!checkAll(assets, content)) return 1;
        for (const auto& [name, value] : catalog::contentStats(*content))
            std::printf("%s: %ld\n", name.c_str(), value);
        size_t facts = 0;
        for (const auto& p : content->guide) facts += p.facts.size();
        std::printf("guide_pages: %zu\nguide_facts: %zu\n", content->guide.size(), facts);
        return 0;
    }
    if (cmd == "compile") {
        if (argc != 5 || std::strcmp(argv[3], "--out") != 0) return usage();
        std::vector<psychometrics::NormsTable> norms;
        if (!checkAll(assets, content, &norms)) return 1;
        std::string err;
        // Norms join the database before it takes its final name: never a content file without them.
        const std::string out = argv[4], part = out + ".part";
        if (!catalog::writeContentDb(*content, part, err) ||
            !psychometrics::addNormsToContentDb(part, norms, err) ||
            std::rename(part.c_str(), out.c_str()) != 0) {
            if (err.empty()) err = std::strerror(errno);
            std::remove(part.c_str());
            std::fprintf(stderr, "kiosk-content: cannot write %s: %s\n", argv[4], err.c_str());
            return 3;
        }
        std::printf("compiled %zu fields, %zu occupations into %s\n", content->fields.size(),
                    content->occupations.size(), argv[4]);
        return 0;
    }
    return usage();
}
