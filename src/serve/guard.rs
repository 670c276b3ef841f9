//! What every request passes through before its route: its `Host` checked (DNS rebinding),
//! its body read whole within its time and size, and every answer's security headers.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::limits::{MAX_FILE_BYTES, SERVE_BODY_SECONDS};

/// What every answer of the server carries: no script, style or frame from anywhere but the
/// server itself, and no inline script (the page has none).
const SECURITY: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
];

/// Refuses a request whose `Host` names anything but an address or `localhost`. Otherwise
/// a page of another site that points its own name at this machine (DNS rebinding) would
/// reach the form, and the facilitator's page, as this machine does.
pub(super) async fn own_host(request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    if name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok() {
        next.run(request).await
    } else {
        StatusCode::MISDIRECTED_REQUEST.into_response()
    }
}

/// Reads the request's body whole before its route runs: within [`SERVE_BODY_SECONDS`]
/// (408 after: a body sent a byte at a time holds nothing for long) and at most
/// [`MAX_FILE_BYTES`] (413).
pub(super) async fn whole_body(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let read = Limited::new(body, MAX_FILE_BYTES).collect();
    match tokio::time::timeout(Duration::from_secs(SERVE_BODY_SECONDS), read).await {
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
        Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_some() => {
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        }
        Ok(Err(_)) => StatusCode::BAD_REQUEST.into_response(),
        Ok(Ok(body)) => next.run(Request::from_parts(parts, Body::from(body.to_bytes()))).await,
    }
}

/// The security headers on every answer.
pub(super) async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY {
        headers.insert(*name, HeaderValue::from_static(value));
    }
    response
}
