// libFuzzer target: the search query path (what the on-screen keyboard types) on arbitrary bytes, over a
// small fixed encyclopedia in both languages.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "catalog/content.hpp"
#include "catalog/search.hpp"

using namespace kesip;
using namespace kesip::catalog;

namespace {

Content makeContent() {
    Content c;
    Field f;
    f.id = "industry";
    f.riasec = "RC";
    f.name = {"Өнөр жай", "Промышленность"};
    c.fields.push_back(f);
    auto occ = [](const char* id, Text2 title, std::vector<std::string> synKy, std::vector<std::string> synRu,
                  std::vector<std::string> tasksKy, std::vector<std::string> tasksRu) {
        Occupation o;
        o.id = id;
        o.field = "industry";
        o.title = std::move(title);
        o.synonymsKy = std::move(synKy);
        o.synonymsRu = std::move(synRu);
        o.tasksKy = std::move(tasksKy);
        o.tasksRu = std::move(tasksRu);
        return o;
    };
    c.occupations = {
        occ("welder", {"Ширетүүчү", "Сварщик"}, {"электр ширетүүчү"}, {"электросварщик"},
            {"Темир түтүктөрдү ширетет"}, {"Сваривает трубы и конструкции"}),
        occ("accountant", {"Бухгалтер", "Бухгалтер"}, {"эсепчи"}, {"счетовод"}, {"Эсеп жүргүзөт"},
            {"Ведёт учёт и отчётность"}),
        occ("seamstress", {"Тигүүчү", "Швея"}, {"тикмечи"}, {"портниха", "швея-мотористка"}, {"Кийим тигет"},
            {"Шьёт одежду на машинке"}),
        occ("programmer", {"Программист", "Программист"}, {"айтишник"}, {"разработчик", "кодер"},
            {"Код жазат жана текшерет"}, {"Пишет и проверяет код"}),
        occ("driver", {"Айдоочу", "Водитель"}, {"шофёр"}, {"шофёр", "таксист"}, {"Жүргүнчүлөрдү ташыйт"},
            {"Перевозит пассажиров и грузы"}),
    };
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Content content = makeContent();
    static const auto norm = std::make_shared<Normalizer>();
    static const SearchIndex index(content, computeTerms(content, *norm), norm);
    const std::string query(reinterpret_cast<const char*>(data), size);
    for (Lang lang : {Lang::ky, Lang::ru}) {
        const SearchResult r = index.search(query, lang, 3);
        for (const Hit& h : r.hits)
            if (h.occupation < 0 || size_t(h.occupation) >= content.occupations.size()) __builtin_trap();
        if (r.hits.size() > 3) __builtin_trap();
    }
    (void)norm->words(query, 8);
    return 0;
}
