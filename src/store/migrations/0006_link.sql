-- Schema version 6: web links as evidence (the pledge on the school website, a newsletter post,
-- local press). A link is an evidence row of kind 'link' holding its address; its title and
-- criteria are kept as for other items, the date it was published or checked in activity_date, the
-- note in caption, and an optional screenshot or photo in blob_sha256 like a photo's.
ALTER TABLE evidence ADD COLUMN url TEXT NOT NULL DEFAULT '';
