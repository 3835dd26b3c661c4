-- A study whose space normalises its input per channel keeps the training images' channel means and standard
-- deviations ({"mean": [...], "std": [...]}), so that resume, export and retraining use the numbers it trained with.
ALTER TABLE study ADD COLUMN normalization VARCHAR;
UPDATE schema_version SET version = 8;
