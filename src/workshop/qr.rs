//! A QR code drawn as SVG, offline: for the participants' address on the facilitator's page
//! and for a participant's edit link. Encoded by `qrcodegen` (Nayuki's reference encoder).

use qrcodegen::{QrCode, QrCodeEcc};

/// `text` as a QR code in SVG: dark modules as one path on white, with the four-module
/// quiet zone that readers need; `None` when the text is too long for a QR code.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let border = 4;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let full = size + 2 * border;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\" role=\"img\">\
         <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_a_square_code() {
        let svg = super::svg("http://192.168.1.20:8470/").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("viewBox=\"0 0 33 33\""), "{svg}");
        assert!(super::svg(&"x".repeat(5000)).is_none());
    }
}
