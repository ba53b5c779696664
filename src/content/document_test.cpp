#include "content/document.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace cong::content {
namespace {

// The shape of the Thọ Xuân article (seed page): lead, captioned photos, a heading, lists, a table of
// targets, links, a quote, a rule and a byline with a hard break.
constexpr std::string_view SEED_DOCUMENT = R"~({"type":"doc","content":[
 {"type":"paragraph","content":[{"type":"text","text":"Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân khoá XXVII tổ chức hội nghị lần thứ 26."}]},
 {"type":"figure","attrs":{"media":22},"content":[{"type":"text","text":"( Toàn cảnh hội nghị)"}]},
 {"type":"figure","attrs":{"media":17},"content":[{"type":"text","text":"( Đại biểu "},{"type":"text","text":"dự hội nghị","marks":[{"type":"italic"}]},{"type":"text","text":")"}]},
 {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Kết quả quý I năm 2024"}]},
 {"type":"bulletList","content":[
   {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"03/38 chỉ tiêu hoàn thành"}]}]},
   {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"08/38 chỉ tiêu đạt trên 25%KH"}]}]}]},
 {"type":"orderedList","attrs":{"start":3},"content":[
   {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Công tác GPMB"}]}]}]},
 {"type":"table","content":[
   {"type":"tableRow","content":[
     {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Nhóm"}]}]},
     {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Số chỉ tiêu"}]}]}]},
   {"type":"tableRow","content":[
     {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"Hoàn thành"}]}]},
     {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"3"}]}]}]},
   {"type":"tableRow","content":[
     {"type":"tableCell","attrs":{"colspan":2},"content":[{"type":"paragraph","content":[{"type":"text","text":"Tổng: 38"}]}]}]}]},
 {"type":"paragraph","content":[
   {"type":"text","text":"Xem "},
   {"type":"text","text":"Nghị quyết số 09","marks":[{"type":"bold"},{"type":"link","attrs":{"href":"https://thoxuan.thanhhoa.gov.vn/nghi-quyet-09","target":"_blank"}}]},
   {"type":"text","text":" và ","marks":[{"type":"link","attrs":{"href":"https://thoxuan.thanhhoa.gov.vn/nghi-quyet-09","target":"_blank"}}]},
   {"type":"text","text":"lịch tiếp dân","marks":[{"type":"link","attrs":{"href":"/lich-tiep-dan"}}]},
   {"type":"text","text":"."}]},
 {"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"“ Kỷ cương-Trách nhiệm-Hành động-Sáng tạo-Phát triển”"}]}]},
 {"type":"horizontalRule"},
 {"type":"figure","attrs":{"media":99}},
 {"type":"paragraph","content":[{"type":"text","text":"Lê Thơ-Hồng Tăng","marks":[{"type":"bold"}]},{"type":"hardBreak"},{"type":"text","text":"Trung tâm VHTT, TT&DL huyện"}]}
]})~";

constexpr std::string_view SEED_CANONICAL =
    R"~({"type":"doc","content":[)~"
    R"~({"type":"paragraph","content":[{"type":"text","text":"Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân khoá XXVII tổ chức hội nghị lần thứ 26."}]},)~"
    R"~({"type":"figure","attrs":{"media":22},"content":[{"type":"text","text":"( Toàn cảnh hội nghị)"}]},)~"
    R"~({"type":"figure","attrs":{"media":17},"content":[{"type":"text","text":"( Đại biểu "},{"type":"text","text":"dự hội nghị","marks":[{"type":"italic"}]},{"type":"text","text":")"}]},)~"
    R"~({"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Kết quả quý I năm 2024"}]},)~"
    R"~({"type":"bulletList","content":[)~"
    R"~({"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"03/38 chỉ tiêu hoàn thành"}]}]},)~"
    R"~({"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"08/38 chỉ tiêu đạt trên 25%KH"}]}]}]},)~"
    R"~({"type":"orderedList","attrs":{"start":3},"content":[)~"
    R"~({"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Công tác GPMB"}]}]}]},)~"
    R"~({"type":"table","content":[)~"
    R"~({"type":"tableRow","content":[)~"
    R"~({"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Nhóm"}]}]},)~"
    R"~({"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Số chỉ tiêu"}]}]}]},)~"
    R"~({"type":"tableRow","content":[)~"
    R"~({"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"Hoàn thành"}]}]},)~"
    R"~({"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"3"}]}]}]},)~"
    R"~({"type":"tableRow","content":[)~"
    R"~({"type":"tableCell","attrs":{"colspan":2},"content":[{"type":"paragraph","content":[{"type":"text","text":"Tổng: 38"}]}]}]}]},)~"
    R"~({"type":"paragraph","content":[)~"
    R"~({"type":"text","text":"Xem "},)~"
    R"~({"type":"text","text":"Nghị quyết số 09","marks":[{"type":"link","attrs":{"href":"https://thoxuan.thanhhoa.gov.vn/nghi-quyet-09","target":"_blank"}},{"type":"bold"}]},)~"
    R"~({"type":"text","text":" và ","marks":[{"type":"link","attrs":{"href":"https://thoxuan.thanhhoa.gov.vn/nghi-quyet-09","target":"_blank"}}]},)~"
    R"~({"type":"text","text":"lịch tiếp dân","marks":[{"type":"link","attrs":{"href":"/lich-tiep-dan","target":null}}]},)~"
    R"~({"type":"text","text":"."}]},)~"
    R"~({"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"“ Kỷ cương-Trách nhiệm-Hành động-Sáng tạo-Phát triển”"}]}]},)~"
    R"~({"type":"horizontalRule"},)~"
    R"~({"type":"figure","attrs":{"media":99}},)~"
    R"~({"type":"paragraph","content":[{"type":"text","text":"Lê Thơ-Hồng Tăng","marks":[{"type":"bold"}]},{"type":"hardBreak"},{"type":"text","text":"Trung tâm VHTT, TT&DL huyện"}]})~"
    R"~(]})~";

constexpr std::string_view SEED_HTML =
    "<p>Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân khoá XXVII tổ chức hội nghị lần thứ 26.</p>"
    "<figure class=\"figure\"><img src=\"/media/22-800.jpg\" srcset=\"/media/22-400.jpg 400w, /media/22-800.jpg 800w\""
    " sizes=\"(max-width: 800px) 100vw, 800px\" width=\"800\" height=\"533\" alt=\"Hội trường\" loading=\"lazy\""
    " decoding=\"async\"><figcaption>( Toàn cảnh hội nghị) <span class=\"credit\">Ảnh: Hồng Tăng</span></figcaption></figure>"
    "<figure class=\"figure\"><img src=\"/media/17-800.jpg\" width=\"800\" height=\"600\" alt=\"\" loading=\"lazy\""
    " decoding=\"async\"><figcaption>( Đại biểu <em>dự hội nghị</em>)</figcaption></figure>"
    "<h2>Kết quả quý I năm 2024</h2>"
    "<ul><li><p>03/38 chỉ tiêu hoàn thành</p></li><li><p>08/38 chỉ tiêu đạt trên 25%KH</p></li></ul>"
    "<ol start=\"3\"><li><p>Công tác GPMB</p></li></ol>"
    "<div class=\"table-wrap\"><table>"
    "<thead><tr><th scope=\"col\"><p>Nhóm</p></th><th scope=\"col\"><p>Số chỉ tiêu</p></th></tr></thead>"
    "<tbody><tr><td><p>Hoàn thành</p></td><td><p>3</p></td></tr>"
    "<tr><td colspan=\"2\"><p>Tổng: 38</p></td></tr></tbody>"
    "</table></div>"
    "<p>Xem <a href=\"https://thoxuan.thanhhoa.gov.vn/nghi-quyet-09\" target=\"_blank\" rel=\"noopener noreferrer\">"
    "<strong>Nghị quyết số 09</strong> và </a><a href=\"/lich-tiep-dan\">lịch tiếp dân</a>.</p>"
    "<blockquote><p>“ Kỷ cương-Trách nhiệm-Hành động-Sáng tạo-Phát triển”</p></blockquote>"
    "<hr>"
    "<p><strong>Lê Thơ-Hồng Tăng</strong><br>Trung tâm VHTT, TT&amp;DL huyện</p>";

// Photos 22 and 17 are in the library; 99 was deleted.
std::optional<FigureView> seed_figures(std::int64_t media_id) {
    if (media_id == 22)
        return FigureView{"/media/22-800.jpg", "/media/22-400.jpg 400w, /media/22-800.jpg 800w",
                          "(max-width: 800px) 100vw, 800px", 800, 533, "Hội trường", "Hội nghị", "Ảnh: Hồng Tăng"};
    if (media_id == 17) return FigureView{"/media/17-800.jpg", "", "", 800, 600, "", "Ảnh mặc định", ""};
    return std::nullopt;
}

std::string render(const Document& doc, const FigureResolver& resolve = seed_figures) {
    return render_document_html(doc, resolve).markup();
}

Document parsed(std::string_view json) {
    auto doc = parse_document(json);
    EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().detail);
    return doc ? *doc : Document{};
}

// A doc holding one paragraph with the given inline JSON.
std::string paragraph_doc(std::string_view inline_json) {
    return R"~({"type":"doc","content":[{"type":"paragraph","content":[)~" + std::string(inline_json) + "]}]}";
}

std::string link_doc(std::string_view href_json) {
    return paragraph_doc(R"~({"type":"text","text":"xem","marks":[{"type":"link","attrs":{"href":)~" +
                         std::string(href_json) + "}}]}");
}

TEST(Document, SeedArticleRoundTripsToCanonicalJson) {
    auto doc = parsed(SEED_DOCUMENT);
    EXPECT_EQ(doc.to_json(), SEED_CANONICAL);
    EXPECT_EQ(parsed(doc.to_json()).to_json(), SEED_CANONICAL);
}

TEST(Document, SeedArticleRendersExpectedHtml) {
    EXPECT_EQ(render(parsed(SEED_DOCUMENT)), SEED_HTML);
}

TEST(Document, PlainTextHasBlocksCaptionsAndTableRows) {
    EXPECT_EQ(parsed(SEED_DOCUMENT).plain_text(),
              "Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân khoá XXVII tổ chức hội nghị lần thứ 26.\n\n"
              "( Toàn cảnh hội nghị)\n\n"
              "( Đại biểu dự hội nghị)\n\n"
              "Kết quả quý I năm 2024\n\n"
              "03/38 chỉ tiêu hoàn thành\n\n"
              "08/38 chỉ tiêu đạt trên 25%KH\n\n"
              "Công tác GPMB\n\n"
              "Nhóm\tSố chỉ tiêu\n\n"
              "Hoàn thành\t3\n\n"
              "Tổng: 38\n\n"
              "Xem Nghị quyết số 09 và lịch tiếp dân.\n\n"
              "“ Kỷ cương-Trách nhiệm-Hành động-Sáng tạo-Phát triển”\n\n"
              "Lê Thơ-Hồng Tăng\nTrung tâm VHTT, TT&DL huyện");
}

TEST(Document, MediaIdsAreInOrderAndUnique) {
    EXPECT_EQ(parsed(SEED_DOCUMENT).media_ids(), (std::vector<std::int64_t>{22, 17, 99}));
    auto doc = parsed(R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":5}},
        {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph"},
          {"type":"figure","attrs":{"media":3}}]}]},
        {"type":"figure","attrs":{"media":5},"content":[{"type":"text","text":"lại"}]}]})~");
    EXPECT_EQ(doc.media_ids(), (std::vector<std::int64_t>{5, 3}));
}

TEST(Document, EmptyDocumentIsValidAndRendersNothing) {
    auto doc = parsed(R"~({"type":"doc","content":[]})~");
    EXPECT_TRUE(doc.empty());
    EXPECT_EQ(doc.to_json(), R"~({"type":"doc","content":[]})~");
    EXPECT_EQ(parsed(R"~({"type":"doc"})~").to_json(), R"~({"type":"doc","content":[]})~");
    EXPECT_EQ(render(doc), "");
    EXPECT_EQ(doc.plain_text(), "");
    EXPECT_EQ(Document{}.to_json(), R"~({"type":"doc","content":[]})~");
}

struct Refusal {
    std::string name;
    std::string json;
    std::string message;  // expected after "Nội dung bài viết không hợp lệ: "
};

TEST(Document, RefusesEverythingOutsideTheSchemaNamingThePath) {
    const std::vector<Refusal> cases = {
        {"unknown node image", R"~({"type":"doc","content":[{"type":"image","attrs":{"src":"x.jpg"}}]})~",
         R"~(content[0]: loại nút "image" không được phép)~"},
        {"script deep inside",
         R"~({"type":"doc","content":[{"type":"paragraph"},{"type":"paragraph"},{"type":"paragraph"},
            {"type":"blockquote","content":[{"type":"script","text":"alert(1)"}]}]})~",
         R"~(content[3].content[0]: loại nút "script" không được phép)~"},
        {"root is not doc", R"~({"type":"paragraph"})~", R"~(doc: gốc phải là nút "doc")~"},
        {"root is an array", R"~([{"type":"doc"}])~", R"~(doc: gốc phải là một đối tượng JSON {"type":"doc",…})~"},
        {"doc with attrs", R"~({"type":"doc","attrs":{},"content":[]})~", R"~(doc: trường "attrs" không được phép ở nút "doc")~"},
        {"nested doc", R"~({"type":"doc","content":[{"type":"doc"}]})~", R"~(content[0]: loại nút "doc" không được phép)~"},
        {"node without type", R"~({"type":"doc","content":[{"content":[]}]})~", R"~(content[0]: thiếu trường "type")~"},
        {"type is a number", R"~({"type":"doc","content":[{"type":7}]})~", R"~(content[0]: trường "type" phải là chuỗi)~"},
        {"node is a string", R"~({"type":"doc","content":["xin chào"]})~", "content[0]: mỗi nút phải là một đối tượng JSON"},
        {"content is an object", R"~({"type":"doc","content":{"type":"paragraph"}})~", R"~(doc: "content" phải là một mảng)~"},
        {"heading level 1", R"~({"type":"doc","content":[{"type":"heading","attrs":{"level":1}}]})~",
         "content[0].attrs.level: cấp tiêu đề phải là số nguyên 2, 3 hoặc 4"},
        {"heading level 5", R"~({"type":"doc","content":[{"type":"heading","attrs":{"level":5}}]})~",
         "content[0].attrs.level: cấp tiêu đề phải là số nguyên 2, 3 hoặc 4"},
        {"heading level as string", R"~({"type":"doc","content":[{"type":"heading","attrs":{"level":"2"}}]})~",
         "content[0].attrs.level: cấp tiêu đề phải là số nguyên 2, 3 hoặc 4"},
        {"heading level as double", R"~({"type":"doc","content":[{"type":"heading","attrs":{"level":2.0}}]})~",
         "content[0].attrs.level: cấp tiêu đề phải là số nguyên 2, 3 hoặc 4"},
        {"heading without level", R"~({"type":"doc","content":[{"type":"heading"}]})~",
         R"~(content[0].attrs: tiêu đề phải có "level" là 2, 3 hoặc 4)~"},
        {"extra attr on heading", R"~({"type":"doc","content":[{"type":"heading","attrs":{"level":2,"onclick":"x()"}}]})~",
         R"~(content[0].attrs.onclick: thuộc tính "onclick" không được phép ở nút "heading")~"},
        {"attrs on paragraph", R"~({"type":"doc","content":[{"type":"paragraph","attrs":{"textAlign":"left"}}]})~",
         R"~(content[0].attrs.textAlign: thuộc tính "textAlign" không được phép ở nút "paragraph")~"},
        {"attrs not an object", R"~({"type":"doc","content":[{"type":"heading","attrs":[2]}]})~",
         R"~(content[0].attrs: "attrs" phải là một đối tượng JSON)~"},
        {"extra field on node", R"~({"type":"doc","content":[{"type":"paragraph","style":"color:red"}]})~",
         R"~(content[0]: trường "style" không được phép ở nút "paragraph")~"},
        {"marks on a paragraph", R"~({"type":"doc","content":[{"type":"paragraph","marks":[{"type":"bold"}]}]})~",
         R"~(content[0]: trường "marks" không được phép ở nút "paragraph")~"},
        {"text on a paragraph", R"~({"type":"doc","content":[{"type":"paragraph","text":"x"}]})~",
         R"~(content[0]: trường "text" không được phép ở nút "paragraph")~"},
        {"content on a rule", R"~({"type":"doc","content":[{"type":"horizontalRule","content":[]}]})~",
         R"~(content[0]: trường "content" không được phép ở nút "horizontalRule")~"},
        {"empty text", paragraph_doc(R"~({"type":"text","text":""})~"),
         R"~(content[0].content[0]: nút văn bản phải có "text" là chuỗi không rỗng)~"},
        {"text missing", paragraph_doc(R"~({"type":"text"})~"),
         R"~(content[0].content[0]: nút văn bản phải có "text" là chuỗi không rỗng)~"},
        {"text as number", paragraph_doc(R"~({"type":"text","text":5})~"),
         R"~(content[0].content[0]: nút văn bản phải có "text" là chuỗi không rỗng)~"},
        {"control character in text", paragraph_doc(R"~({"type":"text","text":"a\u0007b"})~"),
         "content[0].content[0]: văn bản chứa ký tự điều khiển hoặc ký tự không hợp lệ"},
        {"attrs on text", paragraph_doc(R"~({"type":"text","text":"a","attrs":{"x":1}})~"),
         R"~(content[0].content[0].attrs.x: thuộc tính "x" không được phép ở nút "text")~"},
        {"unknown mark", paragraph_doc(R"~({"type":"text","text":"a","marks":[{"type":"strike"}]})~"),
         R"~(content[0].content[0].marks[0]: định dạng "strike" không được phép)~"},
        {"mark with attrs", paragraph_doc(R"~({"type":"text","text":"a","marks":[{"type":"bold","attrs":{"x":1}}]})~"),
         R"~(content[0].content[0].marks[0].attrs: định dạng "bold" không có thuộc tính nào)~"},
        {"duplicate mark", paragraph_doc(R"~({"type":"text","text":"a","marks":[{"type":"bold"},{"type":"italic"},{"type":"bold"}]})~"),
         R"~(content[0].content[0].marks[2]: định dạng "bold" bị lặp lại)~"},
        {"marks not an array", paragraph_doc(R"~({"type":"text","text":"a","marks":{"type":"bold"}})~"),
         R"~(content[0].content[0].marks: "marks" phải là một mảng)~"},
        {"link without href", paragraph_doc(R"~({"type":"text","text":"a","marks":[{"type":"link","attrs":{}}]})~"),
         R"~(content[0].content[0].marks[0].attrs: liên kết phải có "href")~"},
        {"link with onclick", link_doc(R"~("https://a.vn","onclick":"x()")~"),
         R"~(content[0].content[0].marks[0].attrs.onclick: thuộc tính "onclick" không được phép ở định dạng "link")~"},
        {"link with target _top", link_doc(R"~("https://a.vn","target":"_top")~"),
         R"~(content[0].content[0].marks[0].attrs.target: "target" chỉ có thể là null hoặc "_blank")~"},
        {"link with class", link_doc(R"~("https://a.vn","class":"btn")~"),
         R"~(content[0].content[0].marks[0].attrs.class: liên kết không được có "class")~"},
        {"figure media as string", R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":"12"}}]})~",
         R"~(content[0].attrs.media: "media" phải là mã ảnh trong thư viện (số nguyên dương))~"},
        {"figure media zero", R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":0}}]})~",
         R"~(content[0].attrs.media: "media" phải là mã ảnh trong thư viện (số nguyên dương))~"},
        {"figure media negative", R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":-4}}]})~",
         R"~(content[0].attrs.media: "media" phải là mã ảnh trong thư viện (số nguyên dương))~"},
        {"figure media fraction", R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":1.5}}]})~",
         R"~(content[0].attrs.media: "media" phải là mã ảnh trong thư viện (số nguyên dương))~"},
        {"figure media huge", R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":18446744073709551615}}]})~",
         R"~(content[0].attrs.media: "media" phải là mã ảnh trong thư viện (số nguyên dương))~"},
        {"figure without media", R"~({"type":"doc","content":[{"type":"figure"}]})~",
         R"~(content[0].attrs: ảnh phải có "media" là mã ảnh trong thư viện (số nguyên dương))~"},
        {"figure with src", R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":1,"src":"http://x/a.jpg"}}]})~",
         R"~(content[0].attrs.src: thuộc tính "src" không được phép ở nút "figure")~"},
        {"link in a caption",
         R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":1},"content":[{"type":"text","text":"a","marks":[{"type":"link","attrs":{"href":"/a"}}]}]}]})~",
         R"~(content[0].content[0].marks[0]: chú thích ảnh chỉ được in đậm hoặc in nghiêng, không được dùng "link")~"},
        {"underline in a caption",
         R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":1},"content":[{"type":"text","text":"a","marks":[{"type":"underline"}]}]}]})~",
         R"~(content[0].content[0].marks[0]: chú thích ảnh chỉ được in đậm hoặc in nghiêng, không được dùng "underline")~"},
        {"hard break in a caption",
         R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":1},"content":[{"type":"hardBreak"}]}]})~",
         R"~(content[0].content[0]: nút "hardBreak" không được phép nằm trong nút "figure")~"},
        {"text directly in doc", R"~({"type":"doc","content":[{"type":"text","text":"a"}]})~",
         R"~(content[0]: nút "text" không được phép nằm trong nút "doc")~"},
        {"list item in doc", R"~({"type":"doc","content":[{"type":"listItem","content":[{"type":"paragraph"}]}]})~",
         R"~(content[0]: nút "listItem" không được phép nằm trong nút "doc")~"},
        {"paragraph directly in a list", R"~({"type":"doc","content":[{"type":"bulletList","content":[{"type":"paragraph"}]}]})~",
         R"~(content[0].content[0]: nút "paragraph" không được phép nằm trong nút "bulletList")~"},
        {"empty list", R"~({"type":"doc","content":[{"type":"orderedList","content":[]}]})~",
         R"~(content[0]: nút "orderedList" phải có ít nhất một nút con)~"},
        {"list item starting with a list",
         R"~({"type":"doc","content":[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"bulletList"}]}]}]})~",
         R"~(content[0].content[0].content[0]: mục danh sách phải bắt đầu bằng một đoạn văn ("paragraph"))~"},
        {"figure inside a paragraph", paragraph_doc(R"~({"type":"figure","attrs":{"media":1}})~"),
         R"~(content[0].content[0]: nút "figure" không được phép nằm trong nút "paragraph")~"},
        {"table inside a cell",
         R"~({"type":"doc","content":[{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"table"}]}]}]}]})~",
         R"~(content[0].content[0].content[0].content[0]: nút "table" không được phép nằm trong nút "tableCell")~"},
        {"cell directly in a table", R"~({"type":"doc","content":[{"type":"table","content":[{"type":"tableCell","content":[{"type":"paragraph"}]}]}]})~",
         R"~(content[0].content[0]: nút "tableCell" không được phép nằm trong nút "table")~"},
        {"empty row", R"~({"type":"doc","content":[{"type":"table","content":[{"type":"tableRow"}]}]})~",
         R"~(content[0].content[0]: nút "tableRow" phải có ít nhất một nút con)~"},
        {"colspan 21",
         R"~({"type":"doc","content":[{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","attrs":{"colspan":21},"content":[{"type":"paragraph"}]}]}]}]})~",
         "content[0].content[0].content[0].attrs.colspan: số ô gộp phải là số nguyên từ 1 đến 20"},
        {"ordered list start 0", R"~({"type":"doc","content":[{"type":"orderedList","attrs":{"start":0},"content":[{"type":"listItem","content":[{"type":"paragraph"}]}]}]})~",
         "content[0].attrs.start: số bắt đầu của danh sách phải là số nguyên từ 1 đến 1.000.000"},
        {"unreadable node name", "{\"type\":\"doc\",\"content\":[{\"type\":\"sc\\\"r\\u0000ipt\"}]}",
         R"~(content[0]: loại nút "sc?r?ipt" không được phép)~"},
        {"unreadable attribute name", R"~({"type":"doc","content":[{"type":"heading","attrs":{"level":2,"on\u0000x":1}}]})~",
         R"~(content[0].attrs.on?x: thuộc tính "on?x" không được phép ở nút "heading")~"},
    };
    for (const auto& refusal : cases) {
        SCOPED_TRACE(refusal.name);
        auto doc = parse_document(refusal.json);
        ASSERT_FALSE(doc.has_value());
        EXPECT_EQ(doc.error().code, core::Errc::Unprocessable);
        EXPECT_EQ(doc.error().field, "body");
        EXPECT_EQ(doc.error().detail, "Nội dung bài viết không hợp lệ: " + refusal.message);
    }
}

TEST(Document, RefusesDangerousLinks) {
    const std::vector<std::string> hrefs = {
        R"~("javascript:alert(1)")~",
        R"~("JaVaScRiPt:alert(1)")~",
        R"~(" javascript:alert(1)")~",
        R"~("java\u0000script:alert(1)")~",
        R"~("java\tscript:alert(1)")~",
        R"~("java\nscript:alert(1)")~",
        R"~("\u200Bjavascript:alert(1)")~",
        R"~("javascript\u00A0:alert(1)")~",
        R"~("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")~",
        R"~("vbscript:msgbox(1)")~",
        R"~("//evil.example/phish")~",
        R"~("/\\evil.example")~",
        R"~("https:evil.example")~",
        R"~("https:///path")~",
        R"~("http://")~",
        R"~("ftp://files.example/a")~",
        R"~("file:///etc/passwd")~",
        R"~("mailto:")~",
        R"~("tin-tuc/bai-viet")~",
        R"~("?q=1")~",
        R"~(":x")~",
        R"~("")~",
        R"~(12)~",
        R"~(null)~",
    };
    for (const auto& href : hrefs) {
        SCOPED_TRACE(href);
        auto doc = parse_document(link_doc(href));
        ASSERT_FALSE(doc.has_value());
        EXPECT_EQ(doc.error().code, core::Errc::Unprocessable);
        EXPECT_EQ(doc.error().detail,
                  "Nội dung bài viết không hợp lệ: content[0].content[0].marks[0].attrs.href: địa chỉ liên kết không "
                  "được phép (chỉ chấp nhận http, https, mailto hoặc đường dẫn bắt đầu bằng \"/\" hoặc \"#\")");
    }
    EXPECT_FALSE(is_allowed_link_href(std::string(MAX_LINK_BYTES - 10, 'a').insert(0, "https://a.vn/")));
}

TEST(Document, AcceptsSafeLinks) {
    for (std::string_view href : {"http://thoxuan.thanhhoa.gov.vn", "https://thoxuan.thanhhoa.gov.vn/tin-tuc?id=1#a",
                                  "HTTPS://THOXUAN.THANHHOA.GOV.VN", "mailto:vanphong@thoxuan.gov.vn", "/", "/lich-tiep-dan",
                                  "/tim-kiem?q=h%E1%BB%99i+ngh%E1%BB%8B", "#muc-2", "https://vi.wikipedia.org/wiki/Thọ_Xuân"}) {
        SCOPED_TRACE(href);
        EXPECT_TRUE(is_allowed_link_href(href));
        auto doc = parse_document(link_doc(boost::json::serialize(boost::json::value(href))));
        ASSERT_TRUE(doc.has_value()) << doc.error().detail;
    }
}

TEST(Document, AcceptsWhatTiptapGetJsonSendsAndDropsTheExtras) {
    auto doc = parsed(R"~({"type":"doc","content":[
        {"type":"orderedList","attrs":{"start":1,"type":null},"content":[{"type":"listItem","content":[
          {"type":"paragraph","content":[{"type":"text","marks":[{"type":"link","attrs":{"href":"https://a.vn",
            "target":"_blank","rel":"noopener noreferrer nofollow","class":null}}],"text":"a"}]}]}]},
        {"type":"table","content":[{"type":"tableRow","content":[
          {"type":"tableCell","attrs":{"colspan":1,"rowspan":2,"colwidth":null},"content":[{"type":"paragraph"}]},
          {"type":"tableHeader","attrs":{"colspan":1,"rowspan":1,"colwidth":[120]},"content":[{"type":"paragraph"}]}]}]}]})~");
    EXPECT_EQ(doc.to_json(),
              R"~({"type":"doc","content":[{"type":"orderedList","content":[{"type":"listItem","content":[)~"
              R"~({"type":"paragraph","content":[{"type":"text","text":"a","marks":[{"type":"link","attrs":{"href":"https://a.vn","target":"_blank"}}]}]}]}]},)~"
              R"~({"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","attrs":{"rowspan":2},"content":[{"type":"paragraph"}]},)~"
              R"~({"type":"tableHeader","content":[{"type":"paragraph"}]}]}]}]})~");
}

TEST(Document, MalformedJsonIsInvalidInput) {
    for (std::string_view text : {"", "{", R"~({"type":"doc",})~", R"~({"type":"doc"} x)~", "// c\n{}", "[1,2"}) {
        SCOPED_TRACE(text);
        auto doc = parse_document(text);
        ASSERT_FALSE(doc.has_value());
        EXPECT_EQ(doc.error().code, core::Errc::InvalidInput);
        EXPECT_EQ(doc.error().field, "body");
        EXPECT_TRUE(doc.error().detail.starts_with("JSON không hợp lệ")) << doc.error().detail;
    }
    EXPECT_EQ(parse_document(R"~({"type":"doc",})~").error().detail, "JSON không hợp lệ: lỗi ở vị trí byte 15");
    EXPECT_EQ(parse_document(R"~({"type":"doc","content":[)~").error().detail,
              "JSON không hợp lệ: dữ liệu kết thúc giữa chừng");
}

TEST(Document, InvalidUtf8IsRefused) {
    for (std::string text : {paragraph_doc("{\"type\":\"text\",\"text\":\"Th\xE1\xBB\"}"),
                             paragraph_doc("{\"type\":\"text\",\"text\":\"\xC0\xAF\"}"),
                             paragraph_doc("{\"type\":\"text\",\"text\":\"\xED\xA0\x80\"}")}) {
        auto doc = parse_document(text);
        ASSERT_FALSE(doc.has_value());
        EXPECT_EQ(doc.error().code, core::Errc::InvalidInput);
        EXPECT_EQ(doc.error().detail, "Nội dung bài viết không phải văn bản UTF-8 hợp lệ");
    }
    // A lone surrogate written as a JSON escape decodes to no valid text either.
    EXPECT_FALSE(parse_document(paragraph_doc(R"~({"type":"text","text":"\uD800"})~")).has_value());
}

std::string nested_blockquotes(int levels) {
    std::string json = R"~({"type":"doc","content":[)~";
    for (int i = 0; i < levels; ++i) json += R"~({"type":"blockquote","content":[)~";
    json += R"~({"type":"paragraph"})~";
    for (int i = 0; i < levels; ++i) json += "]}";
    return json + "]}";
}

TEST(Document, NestingIsLimitedWithoutExhaustingTheStack) {
    // 31 quotes + a paragraph = 32 levels: the deepest allowed.
    EXPECT_TRUE(parse_document(nested_blockquotes(MAX_DOCUMENT_DEPTH - 1)).has_value());
    for (int levels : {MAX_DOCUMENT_DEPTH, 1000, 100'000}) {
        SCOPED_TRACE(levels);
        auto doc = parse_document(nested_blockquotes(levels));
        ASSERT_FALSE(doc.has_value());
        EXPECT_EQ(doc.error().code, levels < 100'000 ? core::Errc::Unprocessable : core::Errc::PayloadTooLarge);
        if (levels < 100'000) {
            EXPECT_NE(doc.error().detail.find("lồng nhau quá sâu (tối đa 32 cấp)"), std::string::npos);
        }
    }
    // The deepest text node may still carry a link: the JSON parser's own limit leaves room for marks.
    std::string deepest = R"~({"type":"doc","content":[)~";
    for (int i = 1; i < MAX_DOCUMENT_DEPTH - 1; ++i) deepest += R"~({"type":"blockquote","content":[)~";
    deepest += R"~({"type":"paragraph","content":[{"type":"text","text":"sâu","marks":[{"type":"link","attrs":{"href":"/a"}}]}]})~";
    for (int i = 1; i < MAX_DOCUMENT_DEPTH - 1; ++i) deepest += "]}";
    deepest += "]}";
    auto deepest_doc = parse_document(deepest);
    ASSERT_TRUE(deepest_doc.has_value()) << deepest_doc.error().detail;
    EXPECT_EQ(deepest_doc->plain_text(), "sâu");

    // A body nested 1000 levels inside an API request: the validator stops at level 32.
    boost::json::value deep = boost::json::object{{"type", "paragraph"}};
    for (int i = 0; i < 1000; ++i)
        deep = boost::json::object{{"type", "blockquote"}, {"content", boost::json::array{std::move(deep)}}};
    auto doc = document_from_json_value(boost::json::object{{"type", "doc"}, {"content", boost::json::array{deep}}});
    ASSERT_FALSE(doc.has_value());
    EXPECT_EQ(doc.error().code, core::Errc::Unprocessable);
}

TEST(Document, OversizedBodiesArePayloadTooLarge) {
    std::string big(600 * 1024, 'a');
    auto doc = parse_document(paragraph_doc(R"~({"type":"text","text":")~" + big + "\"}"));
    ASSERT_FALSE(doc.has_value());
    EXPECT_EQ(doc.error().code, core::Errc::PayloadTooLarge);
    EXPECT_EQ(doc.error().field, "body");

    boost::json::value value = boost::json::parse(paragraph_doc(R"~({"type":"text","text":")~" + big + "\"}"));
    auto from_value = document_from_json_value(value);
    ASSERT_FALSE(from_value.has_value());
    EXPECT_EQ(from_value.error().code, core::Errc::PayloadTooLarge);

    std::string breaks;
    for (std::size_t i = 0; i <= MAX_DOCUMENT_NODES; ++i) breaks += R"~({"type":"hardBreak"},)~";
    breaks.pop_back();
    ASSERT_LT(paragraph_doc(breaks).size(), MAX_DOCUMENT_BYTES);
    auto many = parse_document(paragraph_doc(breaks));
    ASSERT_FALSE(many.has_value());
    EXPECT_EQ(many.error().code, core::Errc::PayloadTooLarge);
    EXPECT_EQ(many.error().detail, "Nội dung bài viết quá lớn: quá 20.000 nút");
}

TEST(Document, DecomposedTextIsStoredInNfc) {
    // "Thọ Xuân" typed with combining marks, as some Vietnamese keyboards send it.
    auto doc = parsed(paragraph_doc(R"~({"type":"text","text":"Tho\u0323 Xua\u0302n"})~"));
    EXPECT_EQ(doc.to_json(), R"~({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Thọ Xuân"}]}]})~");
    EXPECT_EQ(doc.plain_text(), "Thọ Xuân");
}

TEST(Document, MarkupInTextIsEscapedWhenRendered) {
    auto doc = parsed(paragraph_doc(R"~({"type":"text","text":"<script>alert('x')</script> & \"trích\""})~"));
    EXPECT_EQ(render(doc), "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;trích&quot;</p>");
    EXPECT_EQ(render(parsed(link_doc(R"~("/tim-kiem?q=a&b=\"><script>")~"))),
              "<p><a href=\"/tim-kiem?q=a&amp;b=&quot;&gt;&lt;script&gt;\">xem</a></p>");
}

TEST(Document, FigureFallsBackToThePhotoCaptionAndSkipsMissingPhotos) {
    auto doc = parsed(R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":17}},{"type":"figure","attrs":{"media":404}}]})~");
    EXPECT_EQ(render(doc),
              "<figure class=\"figure\"><img src=\"/media/17-800.jpg\" width=\"800\" height=\"600\" alt=\"\" loading=\"lazy\""
              " decoding=\"async\"><figcaption>Ảnh mặc định</figcaption></figure>");
    auto bare = [](std::int64_t) { return std::optional<FigureView>(FigureView{"/m/1.jpg", "", "", 0, 0, "Ảnh", "", ""}); };
    EXPECT_EQ(render(doc, bare) , "<figure class=\"figure\"><img src=\"/m/1.jpg\" alt=\"Ảnh\" loading=\"lazy\" decoding=\"async\"></figure>"
                                  "<figure class=\"figure\"><img src=\"/m/1.jpg\" alt=\"Ảnh\" loading=\"lazy\" decoding=\"async\"></figure>");
    EXPECT_EQ(render(doc, FigureResolver{}), "");
}

TEST(Document, TheFirstPhotoOnScreenLoadsEagerly) {
    auto doc = parsed(R"~({"type":"doc","content":[{"type":"figure","attrs":{"media":17}}]})~");
    auto eager = [](std::int64_t) {
        FigureView view{"/m/1.jpg", "", "", 0, 0, "Ảnh", "", ""};
        view.eager = true;
        return std::optional<FigureView>(view);
    };
    EXPECT_EQ(render(doc, eager), "<figure class=\"figure\"><img src=\"/m/1.jpg\" alt=\"Ảnh\" loading=\"eager\" decoding=\"async\"></figure>");
}

TEST(Document, AdjacentMarksShareElements) {
    auto doc = parsed(paragraph_doc(R"~({"type":"text","text":"a","marks":[{"type":"bold"}]},
        {"type":"text","text":"b","marks":[{"type":"italic"},{"type":"bold"}]},
        {"type":"hardBreak"},
        {"type":"text","text":"c","marks":[{"type":"bold"},{"type":"underline"}]},
        {"type":"text","text":"d"})~"));
    // A hard break keeps open only what the text after it shares with the text before it.
    EXPECT_EQ(render(doc), "<p><strong>a<em>b</em><br><u>c</u></strong>d</p>");
}

TEST(Document, ParsingTwiceFromValueAndTextAgrees) {
    auto value = boost::json::parse(SEED_DOCUMENT);
    auto doc = document_from_json_value(value);
    ASSERT_TRUE(doc.has_value()) << doc.error().detail;
    EXPECT_EQ(doc->to_json(), SEED_CANONICAL);
    EXPECT_EQ(boost::json::serialize(doc->to_json_value()), SEED_CANONICAL);
}

TEST(DocumentBuilder, BuildsValidDemoContent) {
    auto doc = DocumentBuilder()
                   .paragraph("Sáng 03/4/2024, BCH Đảng bộ huyện họp.")
                   .figure(22, "( Toàn cảnh hội nghị)")
                   .figure(17)
                   .heading(3, "Nhiệm vụ quý II")
                   .bullet_list({"Hoàn thiện tiêu chí NTM nâng cao", "Thu ngân sách"})
                   .ordered_list({"Bước một"}, 2)
                   .table({{"Chỉ tiêu", "Kết quả"}, {"Hoàn thành", "3/38"}})
                   .blockquote("Kỷ cương-Trách nhiệm")
                   .horizontal_rule()
                   .rich_paragraph({"Xem ", DocumentBuilder::Span("lịch").bold().link("/lich"), DocumentBuilder::Span("").italic()})
                   .paragraph("Lê Thơ-Hồng Tăng\nTrung tâm VHTT")
                   .paragraph("")
                   .build();
    ASSERT_TRUE(doc.has_value()) << doc.error().detail;
    EXPECT_EQ(doc->media_ids(), (std::vector<std::int64_t>{22, 17}));
    EXPECT_EQ(doc->plain_text(),
              "Sáng 03/4/2024, BCH Đảng bộ huyện họp.\n\n( Toàn cảnh hội nghị)\n\nNhiệm vụ quý II\n\n"
              "Hoàn thiện tiêu chí NTM nâng cao\n\nThu ngân sách\n\nBước một\n\nChỉ tiêu\tKết quả\n\nHoàn thành\t3/38\n\n"
              "Kỷ cương-Trách nhiệm\n\nXem lịch\n\nLê Thơ-Hồng Tăng\nTrung tâm VHTT");
    std::string html = render(*doc);
    EXPECT_NE(html.find("<h3>Nhiệm vụ quý II</h3>"), std::string::npos);
    EXPECT_NE(html.find("<ol start=\"2\"><li><p>Bước một</p></li></ol>"), std::string::npos);
    EXPECT_NE(html.find("<p>Xem <a href=\"/lich\"><strong>lịch</strong></a></p>"), std::string::npos);
    EXPECT_NE(html.find("<p>Lê Thơ-Hồng Tăng<br>Trung tâm VHTT</p><p></p>"), std::string::npos);
    EXPECT_EQ(parsed(doc->to_json()).to_json(), doc->to_json());
}

TEST(DocumentBuilder, BadArgumentsFailLikeClientInput) {
    auto level = DocumentBuilder().heading(7, "x").build();
    ASSERT_FALSE(level.has_value());
    EXPECT_EQ(level.error().detail, "Nội dung bài viết không hợp lệ: content[0].attrs.level: cấp tiêu đề phải là số nguyên 2, 3 hoặc 4");
    EXPECT_FALSE(DocumentBuilder().figure(0).build().has_value());
    EXPECT_FALSE(DocumentBuilder().rich_paragraph({DocumentBuilder::Span("x").link("javascript:alert(1)")}).build().has_value());
    EXPECT_FALSE(DocumentBuilder().bullet_list({}).build().has_value());
}

TEST(Document, TargetSummaryBlockIsValidatedAndKeptInCanonicalForm) {
    auto doc = parse_document(R"({"type":"doc","content":[
        {"type":"paragraph","content":[{"type":"text","text":"Kết quả quý I:"}]},
        {"type":"targetSummary","attrs":{"plan":"nghi-quyet-09-nq-hu-nam-2024","period":"2024-q1"}},
        {"type":"targetSummary","attrs":{"plan":"nghi-quyet-09-nq-hu-nam-2024"}}]})");
    ASSERT_TRUE(doc) << doc.error().detail;
    EXPECT_EQ(doc->to_json(),
              R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Kết quả quý I:"}]},)"
              R"({"type":"targetSummary","attrs":{"plan":"nghi-quyet-09-nq-hu-nam-2024","period":"2024-q1"}},)"
              R"({"type":"targetSummary","attrs":{"plan":"nghi-quyet-09-nq-hu-nam-2024","period":null}}]})");
    EXPECT_EQ(doc->target_summaries(),
              (std::vector<TargetSummaryRef>{{"nghi-quyet-09-nq-hu-nam-2024", "2024-q1"},
                                             {"nghi-quyet-09-nq-hu-nam-2024", ""}}));
    EXPECT_EQ(doc->plain_text(), "Kết quả quý I:") << "live figures are not the article's own text";
    auto again = DocumentBuilder().paragraph("Kết quả quý I:").target_summary("nghi-quyet-09-nq-hu-nam-2024", "2024-q1")
                     .target_summary("nghi-quyet-09-nq-hu-nam-2024").build();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->to_json(), doc->to_json());
}

TEST(Document, TargetSummaryBlockRefusesWhatIsNotAPlanOrPeriod) {
    for (std::string_view body : {
             R"({"type":"doc","content":[{"type":"targetSummary"}]})",
             R"({"type":"doc","content":[{"type":"targetSummary","attrs":{"plan":"<script>"}}]})",
             R"({"type":"doc","content":[{"type":"targetSummary","attrs":{"plan":"a","period":7}}]})",
             R"({"type":"doc","content":[{"type":"targetSummary","attrs":{"plan":"a","colour":"red"}}]})",
             R"({"type":"doc","content":[{"type":"targetSummary","attrs":{"plan":"a"},"content":[]}]})",
             R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"targetSummary","attrs":{"plan":"a"}}]}]})",
         }) {
        auto doc = parse_document(body);
        ASSERT_FALSE(doc) << body;
        EXPECT_EQ(doc.error().code, core::Errc::Unprocessable) << body;
        EXPECT_EQ(doc.error().field, "body");
    }
}

TEST(Document, TargetSummaryBlockRendersWhatTheResolverGivesOrNothing) {
    auto doc = DocumentBuilder().target_summary("ke-hoach", "2024-6t").target_summary("da-xoa").build();
    ASSERT_TRUE(doc);
    std::vector<std::string> asked;
    TargetSummaryResolver summaries = [&](std::string_view plan, std::string_view period) {
        asked.push_back(std::string(plan) + "|" + std::string(period));
        if (plan == "da-xoa") return std::optional<render::TrustedHtml>{};
        return std::optional<render::TrustedHtml>(render::TrustedHtml("<aside>có 03/38 chỉ tiêu</aside>"));
    };
    auto html = render_document_html(*doc, {}, summaries).markup();
    EXPECT_EQ(html, "<aside>có 03/38 chỉ tiêu</aside>");
    EXPECT_EQ(asked, (std::vector<std::string>{"ke-hoach|2024-6t", "da-xoa|"}));
    EXPECT_EQ(render_document_html(*doc, {}).markup(), "") << "without a resolver (feeds) the block is left out";
}

}  // namespace
TEST(Document, AStoredBodyReadsBackAsSavedAndStillOnlyInTheSchema) {
    auto saved = parse_document(
        R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Thọ Xuân","marks":[{"type":"bold"}]}]}]})");
    ASSERT_TRUE(saved);
    auto stored = parse_stored_document(saved->to_json());
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->to_json(), saved->to_json());
    // A row changed behind the portal's back still cannot bring a node the schema does not know.
    auto foreign = parse_stored_document(R"json({"type":"doc","content":[{"type":"script","text":"alert(1)"}]})json");
    ASSERT_FALSE(foreign);
    EXPECT_FALSE(parse_stored_document("{not json"));
}

}  // namespace cong::content
