//! The document schema: every key a document may carry, its type, whether it is required, and
//! its meaning. One table drives validation, "did you mean" hints and the JSON Schema file.

use serde_json::{Map, Value as Json, json};

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Str,
    /// Text that may span lines.
    Text,
    /// A date, `YYYY-MM-DD` or `D/M/YYYY`.
    Date,
    /// A positive whole number (may be written as digits in a string).
    Number,
    /// A list of one-line texts, or one text.
    List,
    /// A table of the keys below it.
    Map,
    /// A list of tables, each with the keys under the given path (`ky` for signers).
    Tables(&'static str),
}

/// One key of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Dotted path, e.g. `co_quan.ten`.
    pub path: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Whether a document must have it.
    pub required: bool,
    /// Only in `.json`/`.yaml`/`.toml` documents (in Markdown the body follows the front matter).
    pub data_only: bool,
    /// Meaning, in Vietnamese.
    pub meaning: &'static str,
    /// An example value.
    pub example: &'static str,
}

const fn f(
    path: &'static str,
    kind: Kind,
    required: bool,
    meaning: &'static str,
    example: &'static str,
) -> Field {
    Field { path, kind, required, data_only: false, meaning, example }
}

/// Every key, parents before their children.
pub const FIELDS: &[Field] = &[
    f("loai", Kind::Str, true, "Thể loại văn bản", "bao-cao"),
    f(
        "the_thuc",
        Kind::Str,
        false,
        "Thể thức: `dang` (văn bản của Đảng, mặc định) hoặc `nha-nuoc` (Nghị định 30/2020)",
        "dang",
    ),
    f(
        "quy_tac",
        Kind::Str,
        false,
        "Bộ quy tắc thể thức; mặc định là bộ có hiệu lực vào ngày ký",
        "hd05-2026",
    ),
    f(
        "ten_loai",
        Kind::Str,
        false,
        "Tên loại in trên văn bản khi dài hơn tên của loại (BÁO CÁO NHANH, CHƯƠNG TRÌNH HÀNH ĐỘNG)",
        "BÁO CÁO NHANH",
    ),
    f("co_quan", Kind::Map, true, "Cơ quan ban hành", ""),
    f("co_quan.cap_tren", Kind::Str, false, "Tên cơ quan cấp trên trực tiếp", "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"),
    f("co_quan.ten", Kind::Str, true, "Tên cơ quan ban hành", "ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG THÀNH PHỐ"),
    f("co_quan.viet_tat", Kind::Str, true, "Chữ viết tắt tên cơ quan trong ký hiệu", "ĐU"),
    f(
        "co_quan.ten_thuong",
        Kind::Str,
        false,
        "Tên cơ quan viết thường như trong câu (dòng Kèm theo của phụ lục); mặc định vanban tự viết từ tên in hoa",
        "Sở Nội vụ",
    ),
    f("so", Kind::Number, false, "Số văn bản; bỏ trống để văn thư điền khi phát hành", "5"),
    f("dia_danh", Kind::Str, true, "Địa danh nơi ban hành", "Hải Phòng"),
    f("ngay", Kind::Date, true, "Ngày ký ban hành", "2026-04-29"),
    f(
        "trich_yeu",
        Kind::Text,
        true,
        "Trích yếu nội dung; xuống dòng giữ nguyên",
        "kết quả thực hiện nhiệm vụ tháng 4",
    ),
    f(
        "danh_so",
        Kind::Str,
        false,
        "Đánh số đề mục: `tac_gia` (giữ số tác giả viết, mặc định) hoặc `tu_dong` (theo bộ quy tắc)",
        "tu_dong",
    ),
    f(
        "mau_so",
        Kind::Str,
        false,
        "Mẫu số và ký hiệu riêng của bộ quy tắc: `quy-pham` (văn bản quy phạm pháp luật, có năm: Số: 11/2026/QĐ-UBND)",
        "quy-pham",
    ),
    f("do_khan", Kind::Str, false, "Độ khẩn: `khan`, `thuong-khan` hoặc `hoa-toc`", "khan"),
    f("do_mat", Kind::Str, false, "Độ mật: `mat`, `toi-mat` hoặc `tuyet-mat`", "mat"),
    f(
        "pham_vi",
        Kind::Str,
        false,
        "Phạm vi lưu hành, ví dụ TÀI LIỆU HỘI NGHỊ, LƯU HÀNH NỘI BỘ",
        "LƯU HÀNH NỘI BỘ",
    ),
    f("du_thao", Kind::Number, false, "Dự thảo lần thứ mấy (văn bản chưa ban hành)", "2"),
    f(
        "tham_quyen_ban_hanh",
        Kind::Str,
        false,
        "Thẩm quyền ban hành, dòng trên các căn cứ (quyết định, nghị quyết của nhà nước)",
        "BỘ TRƯỞNG BỘ NỘI VỤ",
    ),
    f(
        "can_cu",
        Kind::List,
        false,
        "Căn cứ ban hành, mỗi căn cứ một dòng; dấu câu do vanban đặt",
        "Căn cứ Điều lệ Đảng",
    ),
    f(
        "kinh_gui",
        Kind::List,
        false,
        "Kính gửi (công văn, báo cáo gửi cấp trên) hoặc Kính trình (tờ trình): một hoặc nhiều nơi",
        "Ban Thường vụ Thành ủy",
    ),
    f("ky", Kind::Map, true, "Người ký", ""),
    f(
        "ky.tham_quyen",
        Kind::Text,
        false,
        "Quyền hạn ký (T/M, K/T, T/L, Q.; TM., KT., TL., TUQ.) và tập thể; có thể hai dòng",
        "T/M BAN THƯỜNG VỤ",
    ),
    f(
        "ky.chuc_vu",
        Kind::Text,
        false,
        "Chức vụ người ký; có thể nhiều dòng, `kiêm` một dòng riêng",
        "PHÓ BÍ THƯ",
    ),
    f("ky.ho_ten", Kind::Str, true, "Họ và tên người ký", "Phạm Quang Sáng"),
    f(
        "ky_khac",
        Kind::Tables("ky"),
        false,
        "Những người ký khác (biên bản, văn bản liên tịch), mỗi người một bảng như `ky`; người ký ở `ky` đứng bên phải",
        "NGƯỜI GHI BIÊN BẢN",
    ),
    f("nguoi_soan", Kind::Str, false, "Ký hiệu người soạn thảo và số bản phát hành", "NguyenVanAn-26"),
    f(
        "lien_he",
        Kind::Text,
        false,
        "Thông tin liên hệ: địa chỉ, điện thoại, thư điện tử",
        "Số 9A Nguyễn Cảnh Chân, Hà Nội",
    ),
    Field {
        path: "phu_luc",
        kind: Kind::Tables("phu_luc"),
        required: false,
        data_only: false,
        meaning: "Phụ lục, mỗi phụ lục một bảng có `ten` và `noi_dung`",
        example: "",
    },
    Field {
        path: "phu_luc.ten",
        kind: Kind::Text,
        required: true,
        data_only: false,
        meaning: "Tên phụ lục",
        example: "Danh sách các cấp ủy cơ sở",
    },
    Field {
        path: "phu_luc.noi_dung",
        kind: Kind::Text,
        required: true,
        data_only: false,
        meaning: "Nội dung phụ lục (Markdown)",
        example: "1. Đảng bộ Văn phòng Thành ủy",
    },
    f("ban_sao", Kind::Map, false, "Bản sao: phần cơ quan sao thêm vào cuối văn bản được sao", ""),
    f("ban_sao.hinh_thuc", Kind::Str, true, "Hình thức sao: `sao-y`, `sao-luc` hoặc `trich-sao`", "sao-y"),
    f("ban_sao.co_quan", Kind::Str, true, "Tên cơ quan sao", "VĂN PHÒNG ĐẢNG ỦY"),
    f("ban_sao.viet_tat", Kind::Str, true, "Chữ viết tắt tên cơ quan sao", "VPĐU"),
    f("ban_sao.so", Kind::Number, false, "Số bản sao; bỏ trống để văn thư điền", "3"),
    f("ban_sao.dia_danh", Kind::Str, true, "Địa danh nơi sao", "Hải Phòng"),
    f("ban_sao.ngay", Kind::Date, true, "Ngày sao", "2026-06-01"),
    f("ban_sao.ky", Kind::Map, true, "Người ký bản sao", ""),
    f("ban_sao.ky.tham_quyen", Kind::Text, false, "Quyền hạn ký bản sao", "T/L BAN THƯỜNG VỤ"),
    f("ban_sao.ky.chuc_vu", Kind::Text, false, "Chức vụ người ký bản sao", "CHÁNH VĂN PHÒNG"),
    f("ban_sao.ky.ho_ten", Kind::Str, true, "Họ và tên người ký bản sao", "Vũ Thị Hoa"),
    f("ban_sao.noi_nhan", Kind::List, true, "Nơi nhận bản sao", "Các cấp ủy cơ sở"),
    f(
        "noi_nhan",
        Kind::List,
        true,
        "Nơi nhận, mỗi mục một dòng, dòng cuối là nơi lưu",
        "[\"Các đ/c Ủy viên BTV\", \"Lưu Văn phòng Đảng ủy\"]",
    ),
    Field {
        path: "noi_dung",
        kind: Kind::Text,
        required: true,
        data_only: true,
        meaning: "Nội dung văn bản (Markdown), chỉ trong tệp .json, .yaml, .toml",
        example: "# I. KẾT QUẢ\\n\\nNội dung…",
    },
];

/// The field at a dotted path.
pub fn field(path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.path == path)
}

/// The fields directly under `parent` ("" for the top level).
pub fn children(parent: &str) -> impl Iterator<Item = &'static Field> + '_ {
    FIELDS.iter().filter(move |f| match f.path.rsplit_once('.') {
        Some((p, _)) => p == parent,
        None => parent.is_empty(),
    })
}

/// The last segment of a dotted path.
pub fn leaf(path: &str) -> &str {
    path.rsplit_once('.').map_or(path, |(_, l)| l)
}

/// A JSON Schema (draft 2020-12) of the document, for editors.
pub fn json_schema() -> Json {
    fn object(parent: &str) -> Json {
        let mut props = Map::new();
        let mut required = vec![];
        for f in children(parent) {
            let name = leaf(f.path).to_owned();
            let mut p = match f.kind {
                Kind::Str | Kind::Text => json!({ "type": "string", "minLength": 1 }),
                Kind::Date => {
                    json!({ "type": "string", "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$" })
                }
                Kind::Number => json!({ "type": ["integer", "string"], "pattern": r"^\d+$", "minimum": 1 }),
                Kind::List => json!({ "anyOf": [
                    { "type": "string", "minLength": 1 },
                    { "type": "array", "minItems": 1, "items": { "type": "string", "minLength": 1 } },
                ] }),
                Kind::Map => object(f.path),
                Kind::Tables(keys) => json!({ "type": "array", "minItems": 1, "items": object(keys) }),
            };
            // A signer may be named by the key the office profile gives it.
            let by_key = |p: Json| json!({ "anyOf": [p, { "type": "string", "minLength": 1 }] });
            match f.path {
                "ky" | "ban_sao.ky" => p = by_key(p),
                "ky_khac" => p["items"] = by_key(p["items"].take()),
                _ => {}
            }
            p["description"] = json!(f.meaning);
            props.insert(name.clone(), p);
            if f.required && !f.data_only {
                required.push(name);
            }
        }
        json!({ "type": "object", "additionalProperties": false, "properties": props, "required": required })
    }
    let mut schema = object("");
    schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    schema["title"] = json!("Văn bản vanban");
    schema
}

/// The keys an office profile (`_vanban.yaml`) may hold, with their meaning.
pub const PROFILE: [(&str, &str); 10] = [
    ("goc", "Thư mục này là gốc của cơ quan: không tìm hồ sơ ở thư mục cha"),
    ("the_thuc", "Thể thức: dang hoặc nha-nuoc"),
    ("quy_tac", "Bộ quy tắc, ví dụ hd05-2026"),
    ("co_quan", "Cơ quan ban hành; hoặc danh sách tên theo thời kỳ (`tu_ngay`, `den_ngay`)"),
    ("dia_danh", "Địa danh nơi ban hành"),
    (
        "nguoi_ky",
        "Người ký theo mã ngắn: `pho-bi-thu: {tham_quyen, chuc_vu, ho_ten}`; văn bản viết `ky: pho-bi-thu`",
    ),
    ("noi_nhan", "Nơi nhận mặc định theo thể loại: `bao-cao: [...]`"),
    ("nguoi_soan", "Ký hiệu người soạn thảo"),
    ("lien_he", "Thông tin liên hệ"),
    ("nhiem_ky", "Nhiệm kỳ cấp ủy: `tu: 2025-10-01`"),
];

/// A JSON Schema of the office profile, for editors: the document's own definitions for the
/// values a document inherits.
pub fn profile_json_schema() -> Json {
    let doc = json_schema();
    let of = |key: &str| doc["properties"][key].clone();
    let date = of("ngay");
    let dated = |value: Json| {
        let mut period = value.clone();
        period["properties"]["tu_ngay"] = date.clone();
        period["properties"]["den_ngay"] = date.clone();
        json!({ "anyOf": [value, { "type": "array", "minItems": 1, "items": period }] })
    };
    let mut props = Map::new();
    for (key, meaning) in PROFILE {
        let mut p = match key {
            "goc" => json!({ "type": "boolean" }),
            "co_quan" => dated(of("co_quan")),
            "nguoi_ky" => {
                json!({ "type": "object", "additionalProperties": dated(of("ky")["anyOf"][0].clone()) })
            }
            "noi_nhan" => json!({ "type": "object", "additionalProperties": of("noi_nhan") }),
            "nhiem_ky" => json!({
                "type": "object", "additionalProperties": false, "required": ["tu"],
                "properties": { "tu": date.clone(), "den": date.clone() },
            }),
            _ => of(key),
        };
        p["description"] = json!(meaning);
        props.insert(key.to_owned(), p);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Hồ sơ cơ quan vanban (_vanban.yaml)",
        "type": "object", "additionalProperties": false, "properties": props,
    })
}
