-- Schema version 10: feedback comments by round, in order: every round's comments are read (and a
-- new comment's place found) by round, which without this scanned every comment of every round.
CREATE INDEX feedback_comment_round ON feedback_comment(round_id, position);
