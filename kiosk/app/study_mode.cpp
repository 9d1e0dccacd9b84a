// App: "where to study". The oblast a visitor picks there lasts for their visit only: it is kept with the
// visit's session id and read only while that visit is on.
#include "app/app.hpp"
#include "catalog/study.hpp"

namespace kesip::app {

void App::on(const ui::intent::PickOblast& in) {
    const flow::Visit* vs = visit();
    if (!vs) return;
    studyPick_ = {vs->session.id, in.oblast};
}

ui::StudyView App::studyView() const {
    ui::StudyView s;
    const flow::Visit* vs = visit();
    if (!vs) return s;
    const std::string picked = studyPick_.session == vs->session.id ? studyPick_.oblast : std::string();
    s.oblast = catalog::visitorOblast(picked, vs->demo.oblast.value_or(""));
    return s;
}

} // namespace kesip::app
