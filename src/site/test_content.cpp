#include "site/test_content.hpp"

#include "content/document.hpp"

#include <cstdlib>
#include <vector>

namespace cong::site::fixtures {
namespace {

// The body paragraphs of the seed page, as published.
const std::vector<std::string> SEED_PARAGRAPHS = {
    "Các đồng chí: Lê Đình Hải, Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư Huyện ủy, Chủ tịch HĐND huyện; Thái Xuân Cường, Phó Bí thư Thường trực Huyện ủy chủ trì hội nghị. Dự hội nghị có đại diện Ban Tổ chức Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy; Các đồng chí Ủy viên BTV Huyện ủy; Các đồng chí Ủy viên BCH Đảng bộ huyện; Lãnh đạo các Ban xây dựng Đảng của Huyện ủy, Chủ tịch Ủy ban MTTQ, Trưởng các đoàn thể chính trị-xã hội huyện; Trưởng các phòng, ngành chuyên môn UBND huyện; Các đồng chí Bí thư các Đảng ủy, Chi ủy, chi bộ trực thuộc Đảng bộ huyện; Bí thư Đảng ủy các xã, thị trấn.",
    "Theo báo cáo, thực hiện nhiệm vụ quý I năm 2024, mặc dù còn gặp nhiều khó khăn, thách thức; song với sự lãnh đạo, chỉ đạo kịp thời, hiệu quả của Tỉnh ủy, HĐND, UBND tỉnh và các ban, sở, ngành cấp tỉnh, cùng sự nỗ lực, cố gắng của các cấp ủy, chính quyền và Nhân dân trong huyện, nên tình hình kinh tế-xã hội, quốc phòng-an ninh, xây dựng Đảng và hệ thống chính trị của huyện đạt nhiều kết quả tích cực, có 03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên 25%KH; 05/38 chỉ tiêu dưới 25% KH; còn 22/38 chỉ tiêu chưa đánh giá, một số kết quả nổi bật là: Lãnh đạo, chỉ đạo chuẩn bị tốt các điều kiện để Nhân dân đón Tết Nguyên đán Giáp Thìn 2024 trong không khí vui tươi, phấn khởi, an toàn và tiết kiệm.",
    "Lãnh đạo, chỉ đạo, triển khai kịp thời các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2024, một số lĩnh vực đạt kết quả tích cực như: Công tác GPMB, xây dựng sản phẩm OCOP, công tác quy hoạch, giải ngân vốn đầu tư công...Chất lượng các hoạt động văn hóa-xã hội có nhiều chuyển biến tiến bộ; các hoạt động văn hóa, văn nghệ, TDTT vui Xuân, đón Tết được tổ chức sôi nổi, đa dạng, phong phú; Các chính sách an sinh xã hội được chăm lo và thực hiện đầy đủ, kịp thời; đời sống vật chất và tinh thần của người dân được cải thiện. Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững; công tác đấu tranh, trấn áp tội phạm đạt hiệu quả tích cực; hoàn thành chỉ tiêu giao 237 công dân nhập ngũ, đảm bảo chất lượng và đúng luật. Công tác xây dựng Đảng và hệ thống chính trị được tăng cường; cấp ủy, chính quyền, MTTQ và các đoàn thể từ huyện đến cơ sở đã triển khai các nhiệm vụ ngay từ những ngày đầu năm và có nhiều đổi mới trong phương pháp lãnh đạo, chỉ đạo điều hành theo hướng cụ thể, thiết thực, hiệu quả.",
    "Thảo luận tại hội nghị, các đại biểu đã phân tích, làm rõ thêm những kết quả đạt được; thẳng thắn chỉ ra những tồn tại, hạn chế và nguyên nhân thực hiện nhiệm vụ trong quý I, đồng thời bàn các giải pháp để tập trung lãnh đạo, chỉ đạo thực hiện thắng lợi các mục tiêu, nhiệm vụ trọng tâm quý II và cả năm 2024, trọng tâm tập trung thực hiện các giải pháp trong việc hoàn thiện các tiêu chí huyện NTM nâng cao, xã NTM nâng cao, NTM kiểu mẫu, đô thị văn minh; công tác thu ngân sách Nhà nước; công tác GPMB, quản lý tài nguyên, vệ sinh môi trường cảnh quan đô thị nông thôn, đảm bảo an ninh trật tự, ...",
    "Phát biểu kết luận hội nghị, đồng chí Bí thư Huyện ủy Lê Đình Hải đã phân tích những kết quả nổi bật đạt được trên tất cả các lĩnh vực trong quý I năm 2024. Ban Chấp hành Đảng bộ huyện trân trọng ghi nhận, đánh giá cao những nỗ lực, cố gắng của các cấp ủy Đảng, chính quyền, MTTQ, các ngành, các đoàn thể, cộng đồng doanh nghiệp, cán bộ, đảng viên và các tầng lớp Nhân dân trong huyện. Đồng thời thống nhất với những hạn chế, yếu kém được nêu trong dự thảo báo cáo, cũng như các ý kiến thảo luận tại hội nghị. Đồng chí Bí thư Huyện ủy Lê Đình Hải yêu cầu các cấp ủy Đảng, chính quyền, MTTQ, các đoàn thể, các tổ chức, đặc biệt là người đứng đầu các ngành, địa phương, cơ quan, đơn vị nghiêm túc kiểm điểm, rút kinh nghiệm và có biện pháp khắc phục những tồn tại, hạn chế đã được chỉ ra.",
    "Đồng chí Bí thư Huyện uỷ nhấn mạnh: Năm 2024 được xác định là năm có ý nghĩa quan trọng, năm tăng tốc bứt phá, để thực hiện thắng lợi nhiệm vụ trọng tâm quý 2 và cả năm 2024 cũng như trong cả nhiệm kỳ 2020-2025, các cấp uỷ, chính quyền, cơ quan, đơn vị phải bám sát chủ đề công tác năm 2024: “ Kỷ cương-Trách nhiệm-Hành động-Sáng tạo-Phát triển” để tập trung  lãnh đạo, chỉ đạo thực hiện đồng bộ, quyết liệt, hiệu quả tất cả các nhiệm vụ, giải pháp đã đề ra theo Nghị quyết số 09 của BCH Đảng bộ huyện về phương hướng, mục tiêu, nhiệm vụ năm 2024. Trong đó, cần tập trung lãnh đạo, chỉ đạo triển khai thực hiện hiệu quả các nhiệm vụ phát triển kinh tế-xã hội, chỉ đạo hoàn thành các tiêu chí và hồ sơ đề nghị công nhận huyện đạt chuẩn NTM nâng cao; các xã, thị trấn hoàn thiện các tiêu chí xã NTM, NTM nâng cao, NTM kiểu mẫu, đô thị văn minh gắn với chương trình mỗi xã một sản phẩm OCOP; Chỉ đạo, hướng dẫn bà con nông dân tập trung chăm sóc, bảo vệ cây trồng vụ Chiêm Xuân 2024 và phòng chống dịch bệnh cho đàn vật nuôi.",
    "Đẩy mạnh công tác xúc tiến đầu tư, tiến độ thi công các công trình, dự án theo kế hoạch, tập trung các công trình, dự án trọng điểm của huyện, của tỉnh; lãnh đạo, chỉ đạo thực hiện hiệu quả công tác thu-chi ngân sách, khai thác triệt để các nguồn thu, đảm bảo chi thường xuyên, chi đầu tư phát triển. Tăng cường công tác quản lý tài nguyên đất đai, khoáng sản, môi trường; Tập trung đẩy mạnh công tác thông tin tuyên truyền, thực hiện hoàn thành đợt cao điểm 45 ngày đêm GPMB các dự án có sử dụng đất trên địa bàn. Tiếp tục tổ chức tốt các hoạt động văn hóa-xã hội, chuẩn bị chu đáo các điều kiện, phối hợp tổ chức thành công Lễ hội Đền thờ Lê Hoàn và Tuần lễ Văn hoá-Du lịch-Ẩm thực huyện Thọ Xuân năm 2024; Làm tốt công tác an sinh xã hội; thực hiện tốt công tác cải cách hành chính, cải thiện mạnh mẽ môi trường đầu tư kinh doanh. Tăng cường giữ vững ổn định tình hình quốc phòng-an ninh, trật tự an toàn xã hội. Tập trung lãnh đạo, chỉ đạo công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị đảm bảo hoạt động hiệu lực, hiệu quả đáp ứng yêu cầu, nhiệm vụ trong tình hình mới, với quyết tâm nỗ lực cao nhất thực hiện thắng lợi các mục tiêu, chỉ tiêu, nhiệm vụ đã đề ra.",
};

struct SeedPhoto {
    const char* original_name;
    const char* caption;
    bool caption_on_figure;  // false: the figure is empty and shows the photo's own caption
    int paragraph_after;     // the paragraph (1-based) the photo follows; 0: before the first
};

const std::vector<SeedPhoto> SEED_PHOTOS = {
    {"22 (3).jpg", "( Toàn cảnh hội nghị)", true, 0},
    {"17 (10).jpg", "( Đại biểu dự hội nghị)", false, 0},
    {"16 (9).jpg", "(Đồng chí Thái Xuân Cường, Phó Bí thư Thường trực Huyện ủy báo cáo tại hội nghị)", true, 1},
    {"5 (13).jpg", "( Đại biểu dự hội nghị)", false, 2},
    {"23 (4).jpg", "", false, 3},
    {"8 (16).jpg", "( Đại biểu thảo luận tại hội nghị)", true, 3},
    {"2121212.jpg",
     "(Đồng chí Lê Đình Hải, Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư Huyện ủy, Chủ tịch HĐND huyện phát biểu "
     "kết luận hội nghị)",
     true, 4},
    {"12 (13).jpg", "( Đại biểu dự hội nghị)", false, 5},
    {"11 (17).jpg", "( Đại biểu dự hội nghị)", true, 6},
};

model::Category category(std::int64_t id, std::optional<std::int64_t> parent, const char* name, const char* slug,
                         int position) {
    model::Category c;
    c.id = id;
    c.site_id = 1;
    c.parent_id = parent;
    c.name = name;
    c.slug = slug;
    c.position = position;
    return c;
}

}  // namespace

core::Timestamp fixed_now() {
    // 2026-11-26T03:00:00Z is 10:00 on Thursday 26/11/2026 in Vietnam.
    return core::parse_rfc3339("2026-11-26T10:00:00+07:00").value();
}

content::SiteFrame seed_frame() {
    content::SiteFrame frame;
    frame.site.id = 1;
    frame.site.name = "Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa";
    frame.site.slogan =
        "THỌ XUÂN PHẤN ĐẤU TRỞ THÀNH HUYỆN NÔNG THÔN MỚI NÂNG CAO VÀO TRƯỚC NĂM 2024, ĐẾN NĂM 2025 TRỞ THÀNH MỘT "
        "TRONG NHỮNG HUYỆN DẪN ĐẦU CÁC PHONG TRÀO CỦA TỈNH, ĐẾN NĂM 2030 TRỞ THÀNH THỊ XÃ THỌ XUÂN";
    frame.site.owner = "Ủy ban nhân dân huyện Thọ Xuân";
    frame.site.address = "Khu 4, thị trấn Thọ Xuân, huyện Thọ Xuân, tỉnh Thanh Hóa";
    frame.site.phone = "0237 3 833 123";
    frame.site.email = "thoxuan@thanhhoa.gov.vn";
    frame.site.responsible_person = "Phó Chủ tịch UBND huyện";
    frame.site.licence = "Giấy phép số 01/GP-TTĐT";
    frame.categories = {
        category(1, std::nullopt, "Tin tức", "tin-tuc", 1),
        category(3, 1, "Tin trong huyện", "tin-trong-huyen", 1),
        category(4, 1, "Tin xã, thị trấn", "tin-xa-thi-tran", 2),
        category(2, std::nullopt, "Chiến lược - Định Hướng - Quy hoạch", "chien-luoc-dinh-huong-quy-hoach", 2),
    };
    return frame;
}

model::Media photo(std::int64_t id, const std::string& original_name, const std::string& caption) {
    static const std::string HEX = "0123456789abcdef";
    model::Media m;
    m.id = id;
    m.site_id = 1;
    for (int i = 0; i < 64; ++i) m.sha256 += HEX[std::size_t(id * 7 + i * 3) % 16];
    m.extension = "jpg";
    m.content_type = "image/jpeg";
    m.original_name = original_name;
    m.caption = caption;
    m.alt = "Ảnh hội nghị";
    m.width = 640;
    m.height = 427;
    return m;
}

content::ArticleSummary summary(std::int64_t id, const std::string& title, bool with_cover) {
    content::ArticleSummary s;
    s.article.id = id;
    s.article.site_id = 1;
    s.article.category_id = 2;
    s.article.title = title;
    s.article.slug = "bai-viet-" + std::to_string(id);
    s.article.lead = "Tóm tắt của bài " + std::to_string(id) + ".";
    s.article.status = model::ArticleStatus::Published;
    s.article.published_at = core::parse_rfc3339("2024-04-03T09:15:00+07:00").value() - std::chrono::days(id);
    if (with_cover) {
        s.cover = photo(100 + id, "anh-" + std::to_string(id) + ".jpg", "");
        s.article.cover_media_id = s.cover->id;
    }
    auto frame = seed_frame();
    s.category = frame.categories.back();
    return s;
}

content::ArticleContent seed_article() {
    content::ArticleContent out;
    out.frame = seed_frame();
    out.breadcrumb = {out.frame.categories.back()};

    content::DocumentBuilder body;
    std::size_t next_photo = 0;
    auto photos_after = [&](int paragraph) {
        while (next_photo < SEED_PHOTOS.size() && SEED_PHOTOS[next_photo].paragraph_after == paragraph) {
            const auto& seed = SEED_PHOTOS[next_photo];
            auto id = std::int64_t(next_photo + 1);
            out.media.emplace(id, photo(id, seed.original_name, seed.caption));
            body.figure(id, seed.caption_on_figure ? seed.caption : "");
            ++next_photo;
        }
    };
    photos_after(0);
    for (std::size_t i = 0; i < SEED_PARAGRAPHS.size(); ++i) {
        body.paragraph(SEED_PARAGRAPHS[i]);
        photos_after(int(i + 1));
    }

    auto& article = out.article;
    article.id = 26;
    article.site_id = 1;
    article.category_id = 2;
    article.title =
        "Ban Thường vụ Huyện ủy Thọ Xuân: Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 26, nhiệm kỳ 2020-2025";
    article.slug = "ban-thuong-vu-huyen-uy-tho-xuan-hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-26-nhiem-ky";
    article.lead =
        "Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân khoá XXVII tổ chức hội nghị lần thứ 26 để thảo luận, đánh giá "
        "tình hình, kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh, xây dựng "
        "Đảng và hệ thống chính trị quý I, triển khai nhiệm vụ trọng tâm quý II năm 2024 và một số nội dung quan "
        "trọng khác.";
    auto document = body.build().value();
    article.body_json = document.to_json();
    article.body_text = document.plain_text();
    article.byline = "Lê Thơ-Hồng Tăng";
    article.source = "Trung tâm VHTT, TT&DL huyện";
    article.status = model::ArticleStatus::Published;
    article.published_at = core::parse_rfc3339("2024-04-03T09:15:00+07:00").value();
    article.cover_media_id = 1;
    out.cover = out.media.at(1);

    out.related = {summary(25, "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 25", false),
                   summary(24, "Tổng kết công tác xây dựng nông thôn mới năm 2023", false)};
    return out;
}

std::string source_path(const std::string& relative) {
    const char* root = std::getenv("CONG_SOURCE_DIR");
    return std::string(root && *root ? root : CONG_SOURCE_DIR_FALLBACK) + "/" + relative;
}

}  // namespace cong::site::fixtures
