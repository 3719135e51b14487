//! Writing the recorded structure tree into the lopdf document after printpdf has serialised the
//! pages: one StructElem per element that holds content, the ParentTree (a number tree from each
//! page's /StructParents and each annotation's /StructParent to the elements), /MarkInfo, and each
//! page's tab order by structure.
//!
//! Not for: deciding what the elements are (the layout records that, see the parent module).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Kid, Role, Scope, Tree};
use crate::pdf::strings::text_string;

/// Writes `tree` for the laid-out pages `pages` (in order; appended documents' pages are not
/// among them) and marks the document as tagged.
pub(crate) fn write(doc: &mut Document, catalog: ObjectId, pages: &[ObjectId], tree: &Tree) {
    let live = live_nodes(tree);
    let ids: Vec<Option<ObjectId>> = live.iter().map(|l| l.then(|| doc.new_object_id())).collect();
    let root_id = doc.new_object_id();
    // Per page, the element of each MCID; then each annotation's element under keys after the pages'.
    let mut by_page: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
    let mut annot_keys: Vec<(i64, ObjectId)> = Vec::new();
    let mut next_key = pages.len() as i64;
    let mut parents = vec![None; tree.nodes.len()];
    for (n, node) in tree.nodes.iter().enumerate() {
        for kid in &node.kids {
            if let Kid::Node(c) = kid {
                parents[*c] = Some(n);
            }
        }
    }

    for (n, node) in tree.nodes.iter().enumerate() {
        let Some(id) = ids[n] else { continue };
        let parent = parents[n].and_then(|p: usize| ids[p]).unwrap_or(root_id);
        let first_page = node.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } | Kid::Annot { page, .. } => Some(*page),
            Kid::Node(_) => None,
        });
        let mut kids = Vec::new();
        for kid in &node.kids {
            match *kid {
                Kid::Node(c) => {
                    if let Some(c) = ids[c] {
                        kids.push(Object::Reference(c));
                    }
                }
                Kid::Content { page, mcid } => {
                    let Some(page_id) = pages.get(page) else { continue };
                    let slots = &mut by_page[page];
                    if slots.len() <= mcid as usize {
                        slots.resize(mcid as usize + 1, Object::Null);
                    }
                    slots[mcid as usize] = Object::Reference(id);
                    if Some(page) == first_page {
                        kids.push(Object::Integer(mcid));
                    } else {
                        let mut mcr = Dictionary::new();
                        mcr.set("Type", Object::Name(b"MCR".to_vec()));
                        mcr.set("Pg", Object::Reference(*page_id));
                        mcr.set("MCID", Object::Integer(mcid));
                        kids.push(Object::Dictionary(mcr));
                    }
                }
                Kid::Annot { page, n: index } => {
                    let Some(page_id) = pages.get(page) else { continue };
                    let Some(annot) = annotation(doc, *page_id, index) else { continue };
                    if let Ok(Object::Dictionary(a)) = doc.get_object_mut(annot) {
                        a.set("StructParent", Object::Integer(next_key));
                        if !node.tag.alt.is_empty() {
                            a.set("Contents", text_string(&node.tag.alt));
                        }
                    }
                    annot_keys.push((next_key, id));
                    next_key += 1;
                    let mut objr = Dictionary::new();
                    objr.set("Type", Object::Name(b"OBJR".to_vec()));
                    objr.set("Pg", Object::Reference(*page_id));
                    objr.set("Obj", Object::Reference(annot));
                    kids.push(Object::Dictionary(objr));
                }
            }
        }
        let mut elem = Dictionary::new();
        elem.set("Type", Object::Name(b"StructElem".to_vec()));
        elem.set("S", Object::Name(node.tag.role.name().as_bytes().to_vec()));
        elem.set("P", Object::Reference(parent));
        if let Some(page_id) = first_page.and_then(|p| pages.get(p)) {
            elem.set("Pg", Object::Reference(*page_id));
        }
        elem.set("K", Object::Array(kids));
        if node.tag.role == Role::Figure {
            elem.set("Alt", text_string(&node.tag.alt));
        }
        if let Some(lang) = &node.tag.lang {
            elem.set("Lang", text_string(lang));
        }
        if let Some(a) = attributes(node.tag.role, node.bbox) {
            elem.set("A", Object::Dictionary(a));
        }
        doc.objects.insert(id, Object::Dictionary(elem));
    }

    let mut nums = Vec::new();
    for (p, slots) in by_page.into_iter().enumerate() {
        let array = doc.add_object(Object::Array(slots));
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Reference(array));
    }
    for (key, elem) in annot_keys {
        nums.push(Object::Integer(key));
        nums.push(Object::Reference(elem));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = doc.add_object(Object::Dictionary(parent_tree));
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Array(ids[0].map(Object::Reference).into_iter().collect()));
    root.set("ParentTree", Object::Reference(parent_tree));
    root.set("ParentTreeNextKey", Object::Integer(next_key));
    doc.objects.insert(root_id, Object::Dictionary(root));

    for (p, page) in pages.iter().enumerate() {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(*page) {
            d.set("StructParents", Object::Integer(p as i64));
        }
    }
    // Every page, appended ones too, moves between links in the order of the structure.
    let all: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for page in all {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(page) {
            d.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    if let Ok(Object::Dictionary(cat)) = doc.get_object_mut(catalog) {
        cat.set("StructTreeRoot", Object::Reference(root_id));
        let mut mark = Dictionary::new();
        mark.set("Marked", Object::Boolean(true));
        cat.set("MarkInfo", Object::Dictionary(mark));
    }
}

/// Which elements are written: those holding content or annotations, directly or below them
/// (the root and table cells always). Other empty ones (a link whose anchor was never laid out)
/// are left out.
fn live_nodes(tree: &Tree) -> Vec<bool> {
    fn visit(tree: &Tree, n: usize, live: &mut [bool]) -> bool {
        let mut any = false;
        for kid in &tree.nodes[n].kids {
            any |= match *kid {
                Kid::Node(c) => visit(tree, c, live),
                Kid::Content { .. } | Kid::Annot { .. } => true,
            };
        }
        // A table cell is kept when empty, so that every row has as many cells as its table.
        let cell = matches!(tree.nodes[n].tag.role, Role::TH(_) | Role::TD);
        live[n] = any || n == 0 || cell;
        live[n]
    }
    let mut live = vec![false; tree.nodes.len()];
    visit(tree, 0, &mut live);
    live
}

/// The page's `index`-th annotation (an indirect object after `indirect_annotations`).
fn annotation(doc: &Document, page: ObjectId, index: usize) -> Option<ObjectId> {
    let annots = doc.get_dictionary(page).ok()?.get(b"Annots").ok()?.as_array().ok()?;
    annots.get(index)?.as_reference().ok()
}

/// A header cell's scope; a figure's box (layout attributes).
fn attributes(role: Role, bbox: Option<[f32; 4]>) -> Option<Dictionary> {
    let mut a = Dictionary::new();
    match role {
        Role::TH(scope) => {
            a.set("O", Object::Name(b"Table".to_vec()));
            let s: &[u8] = if scope == Scope::Row { b"Row" } else { b"Column" };
            a.set("Scope", Object::Name(s.to_vec()));
        }
        Role::Figure => {
            let b = bbox?;
            a.set("O", Object::Name(b"Layout".to_vec()));
            a.set("Placement", Object::Name(b"Block".to_vec()));
            a.set("BBox", Object::Array(b.iter().map(|v| Object::Real(*v)).collect()));
        }
        _ => return None,
    }
    Some(a)
}
