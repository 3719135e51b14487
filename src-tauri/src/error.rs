//! The one error shape the window sees: `{code, message}`. The message is the core's, written for the
//! coordinator; the code is there for the few places the UI branches.

use serde::Serialize;

/// An error on its way to the window.
#[derive(Debug, Serialize, ts_rs::TS)]
#[ts(rename = "WireError")]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
}

impl From<sanctuary::Error> for ApiError {
    fn from(e: sanctuary::Error) -> Self {
        ApiError { code: e.code(), message: e.to_string() }
    }
}

impl ApiError {
    /// An error the shell itself raises (the core was never reached).
    pub fn shell(message: impl Into<String>) -> Self {
        ApiError { code: "shell", message: message.into() }
    }
}

/// What every command returns.
pub type ApiResult<T> = Result<T, ApiError>;
