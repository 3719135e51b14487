//! The further pages of a multi-page scan (a TIFF from the school copier) in the appendix: each is
//! printed after the first, under the same exhibit, from the print copy made at import.
//!
//! They travel in the same map as the photos, so the size budget reduces them like any photo;
//! a page's key is made from its exhibit number and page number by [`page_key`], which never
//! equals an exhibit number.
//!
//! Not for: reading scans (see `evidence::scan`).

use crate::evidence::Exhibit;
use super::pages::Photos;
use crate::error::Error;
use crate::i18n::Lang;

/// The key of page `page` (2 or more) of exhibit `number` in the photos map.
pub(crate) fn page_key(number: usize, page: u32) -> usize {
    number | ((page as usize) << 32)
}

/// Adds the further pages of every multi-page scan among `exhibits` to `photos`; a page that
/// cannot be read is named in a warning and left out.
pub(super) fn load_pages(root: &std::path::Path, lang: Lang, exhibits: &[&Exhibit], photos: &mut Photos, warnings: &mut Vec<String>) {
    for x in exhibits.iter().filter(|x| x.mime == "image/tiff") {
        let (Some(sha), Some(pages)) = (x.sha256.as_deref(), x.page_count) else { continue };
        for page in 2..=pages {
            let name = format!("{} ({page})", if x.original_name.is_empty() { &x.title } else { &x.original_name });
            let photo = crate::evidence::scan::page_print_bytes(root, sha, page)
                .map_err(|reason| Error::Refused { file: name.clone(), reason })
                .and_then(|bytes| crate::pdf::Photo::from_bytes(&bytes, &name));
            match photo {
                Ok(p) => {
                    photos.insert(page_key(x.number, page), p);
                }
                Err(e) => warnings.push(lang.f("warning.not_shown", &[("exhibit", &x.label()), ("error", &e)])),
            }
        }
    }
}
