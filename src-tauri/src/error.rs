//! The one error shape the window sees: `{code, params, message}`. The window words it in its own
//! language from `code` and `params` (see `sanctuary::error`); `message` is the core's English, shown
//! only for a code the window has no words for.

use serde::Serialize;

/// An error on its way to the window.
#[derive(Debug, Serialize, ts_rs::TS)]
#[ts(rename = "WireError")]
pub struct ApiError {
    pub code: &'static str,
    pub params: sanctuary::error::Params,
    pub message: String,
}

impl From<sanctuary::Error> for ApiError {
    fn from(e: sanctuary::Error) -> Self {
        ApiError { code: e.code(), params: e.params(), message: e.to_string() }
    }
}

impl ApiError {
    /// An error the shell itself raises (the core was never reached).
    pub fn shell(message: impl Into<String>) -> Self {
        ApiError { code: "shell", params: Default::default(), message: message.into() }
    }
}

/// What every command returns.
pub type ApiResult<T> = Result<T, ApiError>;
