-- The portal deletes a message by its id alone (the feed's deletion names
-- no customer), and UNIQUE (customer, id) cannot serve that look-up: each
-- deletion read the whole table. A bulk load now also inserts into an
-- index of random ids; the deletions are the more frequent cost.
CREATE INDEX messages_id ON messages (id);
