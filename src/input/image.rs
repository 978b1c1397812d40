//! An image the document shows, found in the document's folder and checked before the compile
//! reads it: its content is what its name says, it decodes with Typst's own decoders, and the
//! work it asks for is bounded (the pixels a raster decodes to, the area an SVG's filters are
//! rasterised over, the images an SVG embeds or links).

use std::path::Path;
use std::sync::Arc;

use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, ImageFormat, RasterFormat, RasterImage, SvgImage, VectorFormat};

use crate::diag::Diagnostic;
use crate::input::source::read_regular;

/// The most pixels a raster may decode to: an A4 page scanned at 600 dpi is 35 million; a
/// 3 MB PNG of 20,000 × 20,000 at 16 bits asked for 4.7 GB.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The most area an SVG's filters may cover, in multiples of the picture's own: each filtered
/// part is rasterised for the PDF at four times its printed size (a blur over twenty times the
/// picture took 67 s; the picture's own area, shown a page wide, about a second).
pub const MAX_FILTER_AREAS: f32 = 2.0;

/// Why an image cannot be used, in the user's words.
#[derive(Debug, Clone, PartialEq)]
pub enum Unusable {
    /// It cannot be read or decoded, or is not what its name says.
    Broken(String),
    /// It asks for more work than a page's image may.
    Heavy(String),
}

/// Image formats Typst can place.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Resolves the image `url` inside the document's folder `dir` and [`check`]s it: its path from
/// the folder, rooted and `/`-separated (`/hinh/1.png`), `None` when the folder itself cannot be
/// resolved; or why it can't be used, a diagnostic still without its place.
pub fn resolve(url: &str, dir: &Path) -> Result<Option<String>, Diagnostic> {
    let refuse = |code, message: String, hint: &str| Err(Diagnostic::error(code, message).hint(hint));
    if url.contains("://") || url.starts_with("data:") {
        return refuse(
            "input::image_remote",
            format!("ảnh `{url}` không phải tệp trong máy"),
            "vanban không tải gì từ mạng: chép ảnh vào thư mục của văn bản và ghi tên tệp",
        );
    }
    if Path::new(url).is_absolute() {
        return refuse(
            "input::image_outside",
            format!("ảnh `{url}` ghi bằng đường dẫn tuyệt đối"),
            "ghi đường dẫn tính từ thư mục của văn bản, ví dụ `![Hình 1](hinh-1.png)`",
        );
    }
    let Ok(dir) = dir.canonicalize() else { return Ok(None) };
    let Ok(path) = dir.join(url).canonicalize() else {
        return refuse(
            "input::image_missing",
            format!("không tìm thấy ảnh `{url}`"),
            "kiểm tra tên tệp ảnh; đường dẫn tính từ thư mục của văn bản",
        );
    };
    let Ok(rel) = path.strip_prefix(&dir) else {
        return refuse(
            "input::image_outside",
            format!("ảnh `{url}` nằm ngoài thư mục của văn bản"),
            "vanban chỉ đọc tệp trong thư mục của văn bản: chép ảnh vào thư mục đó",
        );
    };
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    if !path.is_file() || !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
        return refuse(
            "input::image_format",
            format!("`{url}` không phải tệp ảnh dùng được"),
            "dùng ảnh PNG, JPEG, GIF, SVG hoặc WebP",
        );
    }
    match check(&path, &ext, &dir) {
        Ok(()) => {}
        Err(Unusable::Broken(reason)) => {
            return refuse(
                "input::image_corrupt",
                format!("tệp `{url}` không phải ảnh dùng được ({reason})"),
                "mở ảnh bằng một chương trình xem ảnh và lưu lại dạng PNG hoặc JPEG",
            );
        }
        Err(Unusable::Heavy(reason)) => {
            return refuse(
                "input::image_too_large",
                format!("ảnh `{url}` nặng quá để in: {reason}"),
                "xuất lại ảnh nhỏ hơn (300 dpi là đủ để in), hoặc bỏ bộ lọc (đổ bóng, làm mờ) trong SVG",
            );
        }
    }
    let parts: Vec<&str> = rel.components().filter_map(|c| c.as_os_str().to_str()).collect();
    Ok(Some(format!("/{}", parts.join("/"))))
}

/// Checks the image at `path`, named with extension `ext`, inside the document's folder `root`.
pub fn check(path: &Path, ext: &str, root: &Path) -> Result<(), Unusable> {
    let data = read_regular(path).map_err(|e| Unusable::Broken(reason(&e)))?;
    let detected = ImageFormat::detect(&data);
    // The layout reads an image by its name's extension: the content must be what it says.
    let named = match detected {
        Some(ImageFormat::Raster(RasterFormat::Exchange(f))) => Some(match f {
            ExchangeFormat::Png => "png",
            ExchangeFormat::Jpg => "jpg",
            ExchangeFormat::Gif => "gif",
            ExchangeFormat::Webp => "webp",
        }),
        Some(ImageFormat::Vector(VectorFormat::Svg)) => Some("svg"),
        _ => None,
    };
    let ext = if ext == "jpeg" { "jpg" } else { ext };
    if let Some(named) = named.filter(|n| *n != ext) {
        return Err(Unusable::Broken(format!(
            "nội dung là ảnh {}, tên tệp lại ghi .{ext}",
            named.to_uppercase()
        )));
    }
    let broken = |why: String| Unusable::Broken(why);
    match detected {
        Some(ImageFormat::Raster(format)) => {
            pixels(&data)?;
            RasterImage::plain(Bytes::new(data), format).map(drop).map_err(|e| broken(e.to_string()))
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => {
            svg_work(&data, path.parent().unwrap_or(root), root)?;
            SvgImage::new(Bytes::new(data)).map(drop).map_err(|_| broken("SVG hỏng".into()))
        }
        _ => Err(broken("không nhận ra định dạng ảnh".into())),
    }
}

/// Why a file could not be read, in the user's words.
fn reason(e: &typst::diag::FileError) -> String {
    use typst::diag::FileError;
    match e {
        FileError::NotFound(_) => "không có tệp".into(),
        FileError::AccessDenied => "không được phép đọc".into(),
        FileError::IsDirectory => "là một thư mục".into(),
        FileError::Other(Some(why)) => why.to_string(),
        _ => "không đọc được".into(),
    }
}

/// Refuses a raster whose header gives more than [`MAX_PIXELS`], before it is decoded.
fn pixels(data: &[u8]) -> Result<(), Unusable> {
    let size =
        imagesize::blob_size(data).map_err(|_| Unusable::Broken("không đọc được kích thước ảnh".into()))?;
    let count = size.width as u64 * size.height as u64;
    if count > MAX_PIXELS {
        return Err(Unusable::Heavy(format!(
            "ảnh {} × {} điểm ảnh, quá giới hạn {} triệu điểm ảnh",
            size.width,
            size.height,
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Refuses an SVG whose filters cover more than [`MAX_FILTER_AREAS`] times its area, or that
/// embeds or links (from `dir`, inside `root`) a raster past [`MAX_PIXELS`].
fn svg_work(data: &[u8], dir: &Path, root: &Path) -> Result<(), Unusable> {
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(move |href, _| linked(href, dir, root));
    let tree = usvg::Tree::from_data(data, &options).map_err(|_| Unusable::Broken("SVG hỏng".into()))?;
    let own = tree.size().width() * tree.size().height();
    let mut work = Work::default();
    work.group(tree.root(), 1.0);
    if work.filtered > own * MAX_FILTER_AREAS {
        return Err(Unusable::Heavy(format!(
            "bộ lọc (filter) của SVG phủ {:.0} lần diện tích hình, quá giới hạn {MAX_FILTER_AREAS:.0} lần",
            work.filtered / own
        )));
    }
    work.rasters.iter().try_for_each(|r| pixels(r))
}

/// An image an SVG links to by path: read when it lies inside `root`, else left out (as the
/// compile leaves it).
fn linked(href: &str, dir: &Path, root: &Path) -> Option<usvg::ImageKind> {
    let href = href.strip_prefix("file://").unwrap_or(href);
    let real = dir
        .join(href)
        .canonicalize()
        .ok()
        .filter(|p| p.starts_with(root) && !Path::new(href).is_absolute())?;
    let data = Arc::new(read_regular(&real).ok()?);
    Some(match ImageFormat::detect(&data)? {
        ImageFormat::Raster(RasterFormat::Exchange(ExchangeFormat::Png)) => usvg::ImageKind::PNG(data),
        ImageFormat::Raster(RasterFormat::Exchange(ExchangeFormat::Jpg)) => usvg::ImageKind::JPEG(data),
        ImageFormat::Raster(RasterFormat::Exchange(ExchangeFormat::Gif)) => usvg::ImageKind::GIF(data),
        ImageFormat::Raster(RasterFormat::Exchange(ExchangeFormat::Webp)) => usvg::ImageKind::WEBP(data),
        _ => return None,
    })
}

/// What an SVG asks the PDF writer to do: the area its filtered parts cover, in the picture's
/// units, and the rasters it holds.
#[derive(Default)]
struct Work {
    filtered: f32,
    rasters: Vec<Arc<Vec<u8>>>,
}

impl Work {
    /// Adds the work of `g`, whose units are `k` times the picture's by area (an SVG inside).
    fn group(&mut self, g: &usvg::Group, k: f32) {
        if !g.filters().is_empty() {
            let b = g.abs_layer_bounding_box();
            self.filtered += b.width() * b.height() * k;
        }
        for node in g.children() {
            match node {
                usvg::Node::Group(g) => self.group(g, k),
                usvg::Node::Image(i) => match i.kind() {
                    usvg::ImageKind::SVG(tree) => {
                        let (shown, own) = (i.abs_bounding_box(), tree.size());
                        self.group(
                            tree.root(),
                            k * shown.width() * shown.height() / (own.width() * own.height()),
                        );
                    }
                    usvg::ImageKind::PNG(d)
                    | usvg::ImageKind::JPEG(d)
                    | usvg::ImageKind::GIF(d)
                    | usvg::ImageKind::WEBP(d) => self.rasters.push(Arc::clone(d)),
                },
                _ => {}
            }
        }
    }
}
