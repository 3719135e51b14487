-- Schema version 18: sharing outside school (the school's website page, newsletter piece and poster).
-- Consent to share an item outside school is separate from consent for the panel and defaults to no:
-- a parent who agreed to the assessors seeing a photo has not agreed to it going on the website.
-- The school's `share_url` is where its sanctuary page will live; the poster's QR code points there.
ALTER TABLE evidence ADD COLUMN share_consent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE school ADD COLUMN share_url TEXT NOT NULL DEFAULT '';
