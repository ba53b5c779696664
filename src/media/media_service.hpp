// MediaService: the photo library. Uploads are checked and re-encoded into variants that carry no metadata;
// only those variants are ever served. The upload itself is kept, privately, under its content hash.
#pragma once

#include "audit/audit_log.hpp"
#include "core/change_listener.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::media {

// Limits on the text that goes with a photo, in Unicode characters.
constexpr std::size_t MAX_CAPTION_CHARS = 1000;
constexpr std::size_t MAX_ALT_CHARS = 500;
constexpr std::size_t MAX_CREDIT_CHARS = 200;
// find_many serves the figures of a page; no page shows more photos than this.
constexpr std::size_t MAX_FIND_MANY_IDS = 500;
// The library search box: a few words, never a document.
constexpr std::size_t MAX_LIBRARY_QUERY_BYTES = 200;
constexpr int MAX_LIBRARY_PAGE_SIZE = 100;
constexpr int MAX_LIBRARY_PAGE = 10'000;

struct UploadInput {
    std::int64_t site_id = 0;
    std::string original_name;  // as the client named the file; only shown, never used as a path
    std::string_view data;      // the file's bytes; must outlive the call
    std::string caption;
    std::string alt;
    std::string credit;
    std::optional<std::int64_t> uploaded_by;
    audit::Actor actor = audit::Actor::system("cong");  // who the audit log names for media.upload
};

// What people write about a photo: each given field replaces the stored text (empty clears it), an absent
// one keeps it.
struct MediaEdit {
    std::optional<std::string> caption;
    std::optional<std::string> alt;
    std::optional<std::string> credit;
};

// A media file ready to be sent to a browser.
struct StoredFile {
    std::filesystem::path path;
    std::string content_type;
    std::uintmax_t bytes = 0;
    std::string download_name;  // "22 (3).webp": the upload's name with the served format's extension
};

struct LibraryQuery {
    std::int64_t site_id = 0;
    std::string q;  // words of a caption, alt text, credit or file name; empty: every photo
    int page = 1;
    int per_page = 24;
};

struct LibraryPage {
    std::vector<model::Media> items;  // newest first
    std::int64_t total = 0;
    int page = 1;
    int per_page = 24;
};

struct RebuildSummary {
    int rebuilt = 0;
    int failed = 0;  // the upload's file is missing or unreadable; logged, left as it was
};

class MediaService {
public:
    // media_dir is where the files live (data/media); it is created on the first upload.
    MediaService(storage::Database& database, std::string media_dir, core::MediaConfig config);

    // Told which articles changed after a caption edit, so cached pages showing the photo are dropped.
    void set_change_listener(core::ChangeListener* listener) { listener_ = listener; }

    // Checks the bytes are a JPEG, PNG, WebP or GIF within config.max_pixels (from the header, before any
    // pixel is decoded), derives every variant (see image_pipeline.hpp) outside the database transaction,
    // writes the files atomically — the upload as <media_dir>/<aa>/<sha256>.<ext>, never served, and each
    // variant as <aa>/<sha256>-<width>.<jpg|webp> — then records the photo, its variants and an audit entry
    // media.upload in one transaction. The same bytes uploaded again to the same site return the existing
    // record unchanged. InvalidInput (with the field) for empty or damaged files and bad text;
    // UnsupportedMediaType for anything but those four formats; PayloadTooLarge for too many pixels;
    // NotFound for an unknown site.
    core::Result<model::Media> upload(const UploadInput& input);

    // Changes caption, alt text and credit (validated like an upload's) of a photo of site_id, with an
    // audit entry media.update in the same transaction. NotFound for an unknown id or another site's photo.
    core::Result<model::Media> update(std::int64_t site_id, std::int64_t id, const MediaEdit& edit,
                                      const audit::Actor& actor);

    core::Result<std::optional<model::Media>> find(std::int64_t id);
    // The media among ids that exist, in the order of ids, each once.
    core::Result<std::vector<model::Media>> find_many(const std::vector<std::int64_t>& ids);

    // The library, newest first: every word of q must occur, folded, in the caption, alt text, credit or
    // file name ("lua" finds "Lúa"). InvalidInput for a query over MAX_LIBRARY_QUERY_BYTES or bad UTF-8;
    // a page outside 1…MAX_LIBRARY_PAGE and per_page outside 1…MAX_LIBRARY_PAGE_SIZE are clamped.
    core::Result<LibraryPage> search_library(const LibraryQuery& query);
    // The files derived from a photo, widest first.
    core::Result<std::vector<model::MediaVariant>> variants(std::int64_t id);
    // The articles that show a photo, newest first.
    core::Result<std::vector<storage::MediaUse>> uses(std::int64_t id);

    // Derives the variants of every photo recorded before the current pipeline (uploads made before
    // migration 0008, or by an older ladder) from its stored upload; progress(done, id) after each.
    // Safe while the server runs: files appear atomically, each photo is updated in its own transaction.
    core::Result<RebuildSummary> rebuild_variants(const std::function<void(int, std::int64_t)>& progress = {});
    // How many photos still wait for rebuild_variants.
    core::Result<std::int64_t> count_without_variants();

    // The public URL of the photo: its full-size display JPEG, "/media/<sha256>-<width>.jpg".
    std::string url(const model::Media& media) const;

    // The stored variant file for the last segment of a /media/ URL. The name must be a variant name
    // (parse_variant_file_name) of a recorded photo; anything else — the upload's own name included — is
    // nullopt without touching the disk, so no request reaches a path outside the media directory nor
    // the uploaded bytes.
    core::Result<std::optional<StoredFile>> open_public_file(std::string_view file_name) const;

private:
    std::filesystem::path file_path(std::string_view sha256, std::string_view file_name) const;
    core::Result<std::vector<model::MediaVariant>> write_variants(const model::Media& media, std::string_view data,
                                                                  int& width, int& height);
    void notify_uses(std::int64_t media_id);

    storage::Database& database_;
    std::filesystem::path media_dir_;
    core::MediaConfig config_;
    core::ChangeListener* listener_ = nullptr;
};

}  // namespace cong::media
