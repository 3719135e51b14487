//! The content-addressed store under concurrency: identical files arriving at the same moment.
//!
//! On Windows a rename onto a file that another thread has just renamed into place is refused
//! ("Access is denied", os error 5). Before the fix, adding several copies of one photo failed
//! about 3 runs in 8 under Wine; these tests repeat the race enough times to catch it, and are
//! part of the suite `tests/windows/check.sh` runs under Wine.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use image::{ImageBuffer, Rgb};
use sanctuary::evidence::{self, rendition, ImportOptions};
use sanctuary::job::Job;
use sanctuary::Store;

use crate::support::{now, tempdir};

/// Rounds of each race: enough that a 3-in-8 failure would show up with certainty.
const ROUNDS: usize = 20;
/// Copies of the same file in each round.
const COPIES: usize = 8;

/// A photo with a long side over the print limit, so that each import writes a thumbnail and a
/// print copy as well as the original: three files the workers can collide on.
fn large_jpeg() -> Vec<u8> {
    let (w, h) = (rendition::PRINT_MAX_EDGE + 200, 900);
    let img = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80).encode_image(&img).unwrap();
    out
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn many_copies_of_one_photo_added_at_once_make_one_item_every_time() {
    let photo = large_jpeg();
    for round in 0..ROUNDS {
        let dir = tempdir();
        let folder = dir.path().join("from the phone");
        std::fs::create_dir_all(&folder).unwrap();
        for i in 0..COPIES {
            std::fs::write(folder.join(format!("IMG_{i:04}.jpg")), &photo).unwrap();
        }
        let mut store = Store::open(&dir.path().join("data")).unwrap();
        let report = evidence::import(&mut store, &[folder], &ImportOptions::default(), &Job::silent(), now())
            .unwrap_or_else(|e| panic!("round {round}: the import failed: {e}"));
        assert!(report.refused.is_empty(), "round {round}: copies were refused: {:?}", report.refused);
        assert_eq!(report.added.len(), 1, "round {round}: {report:?}");
        assert_eq!(report.duplicates.len(), COPIES - 1, "round {round}: {report:?}");

        // One original, one thumbnail, one print copy, and no temporary file left by the losers.
        let root = store.root();
        let blobs = files_under(&root.join("blobs"));
        assert_eq!(blobs.len(), 1, "round {round}: {blobs:?}");
        let renditions = files_under(&root.join("renditions"));
        assert_eq!(renditions.len(), 2, "round {round}: {renditions:?}");
        let sha = blobs[0].rsplit('/').next().unwrap();
        assert_eq!(std::fs::read(evidence::blobs::path(root, sha)).unwrap(), photo, "round {round}");
        assert!(rendition::thumb_path(root, sha).is_file() && rendition::print_path(root, sha).is_file());
    }
}

#[test]
fn threads_storing_the_same_file_at_the_same_moment_all_succeed() {
    let dir = tempdir();
    let source: PathBuf = dir.path().join("minutes.pdf");
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i * 31 % 253) as u8).collect();
    std::fs::write(&source, &bytes).unwrap();
    for round in 0..ROUNDS {
        let root = dir.path().join(format!("data{round}"));
        std::fs::create_dir_all(&root).unwrap();
        // All threads finish hashing and reach the rename together.
        let start = Arc::new(Barrier::new(COPIES));
        let results: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..COPIES)
                .map(|_| {
                    let (root, source, start) = (&root, &source, start.clone());
                    s.spawn(move || {
                        start.wait();
                        evidence::blobs::put(root, source, u64::MAX)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut shas = Vec::new();
        for r in results {
            let stored = r.unwrap_or_else(|e| panic!("round {round}: {e}"));
            shas.push(stored.sha);
        }
        shas.dedup();
        assert_eq!(shas.len(), 1, "round {round}: one content, one name");
        assert_eq!(std::fs::read(evidence::blobs::path(&root, &shas[0])).unwrap(), bytes);
        assert_eq!(files_under(&root.join("blobs")).len(), 1, "round {round}: temporary files left");
    }
}
