//! The `thumb:` URI scheme: the library grid's `<img src="thumb://localhost/<sha256>">` (on Windows
//! `http://thumb.localhost/<sha256>`) is answered here, so the webview fetches pictures as a browser
//! does (lazily, near the screen, cached) instead of through one JSON command per photo.
//!
//! Only translation lives here: the core (`sanctuary::evidence::thumbs`) decides what a request
//! gets; this turns its answer into an HTTP response off the main thread.

use sanctuary::evidence::thumbs::{self, Answer};
use tauri::http::{header, Method, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

/// Registered with `register_asynchronous_uri_scheme_protocol`: answers on Tauri's async runtime so
/// the webview's thread is never blocked by the disk.
pub fn handle<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    let app = ctx.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        responder.respond(respond(&app, &request).await);
    });
}

async fn respond<R: Runtime>(app: &AppHandle<R>, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED);
    }
    let Some(state) = app.try_state::<AppState>() else { return plain(StatusCode::SERVICE_UNAVAILABLE) };
    let path = request.uri().path().to_owned();
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let root = state.data_dir.clone();
    let ask = move || {
        let (root, path, tag) = (root.clone(), path.clone(), if_none_match.clone());
        async move { tauri::async_runtime::spawn_blocking(move || thumbs::answer(&root, &path, tag.as_deref())).await.ok() }
    };
    let mut answer = ask().await;
    // A thumbnail missing from disk (renditions are not in backups) is made again once, through
    // the store (one lookup by hash), then read like any other.
    if let Some(Answer::Missing { sha }) = &answer {
        let sha = sha.clone();
        answer = match state.run(move |s| thumbs::rebuild(s, &sha)).await {
            Ok(()) => ask().await,
            Err(_) => Some(Answer::NotFound),
        };
    }
    let head = request.method() == Method::HEAD;
    match answer {
        Some(Answer::Image { etag, bytes }) => with_cache(Response::builder().status(StatusCode::OK), &etag)
            .header(header::CONTENT_TYPE, "image/jpeg")
            .body(if head { Vec::new() } else { bytes })
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR)),
        Some(Answer::NotModified { etag }) => with_cache(Response::builder().status(StatusCode::NOT_MODIFIED), &etag)
            .body(Vec::new())
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR)),
        Some(Answer::Missing { .. }) | Some(Answer::NotFound) => plain(StatusCode::NOT_FOUND),
        None => plain(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

fn with_cache(b: tauri::http::response::Builder, etag: &str) -> tauri::http::response::Builder {
    b.header(header::CACHE_CONTROL, thumbs::CACHE_CONTROL)
        .header(header::ETAG, etag)
        .header("X-Content-Type-Options", "nosniff")
}

/// An empty answer with only a status (404 says nothing about why).
fn plain(status: StatusCode) -> Response<Vec<u8>> {
    let mut r = Response::new(Vec::new());
    *r.status_mut() = status;
    r
}
