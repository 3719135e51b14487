-- Schema version 12: the level of the award an organisation applies for, for frameworks that have
-- levels (e.g. Member and Champion in Ireland). Empty when the framework has none or none is chosen;
-- it holds the framework's English label, so a change of language does not change it.
ALTER TABLE school ADD COLUMN award_level TEXT NOT NULL DEFAULT '';
