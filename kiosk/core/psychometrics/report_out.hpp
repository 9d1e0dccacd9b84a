#pragma once
#include <string>

#include "l10n/catalog.hpp"
#include "psychometrics/report.hpp"

// Writing the psychometrics report: CSVs (machine-readable, one row per statistic owner), norms as JSON
// ready for assets/norms/, and a printable PDF in Kyrgyz or Russian.
namespace kesip::psychometrics {

// In dir: psy-sample.csv, psy-scales.csv, psy-items.csv, psy-flags.csv, psy-bands.csv, psy-norms.csv.
// UTF-8 with BOM, CRLF. A statistic with too few runs is the word too_few, an undefined alpha (every total
// equal) no_variance: never a made-up number.
bool writeReportCsv(const Report& r, Lang lang, const std::string& dir, std::string& error);
// norms-<instrument>-v<N>.json for every version with norms; returns how many were written (-1: error).
int writeNormsFiles(const Report& r, const std::string& dir, std::string& error);
// psychometrics.pdf: A4, cairo + pango, every label from the locale.
bool writeReportPdf(const Report& r, const l10n::Catalog& cat, Lang lang, const std::string& path,
                    std::string& error);

// Writes data to path through a temporary file and a rename: a reader never sees half a file.
bool writeFileAtomic(const std::string& path, const std::string& data, std::string& error);

} // namespace kesip::psychometrics
