-- Customer search. One row per customer (rowid = customers.id) whose
-- columns hold search terms the store derives in Go, not the data itself:
--   last  — the last name's words, as written and transliterated to Latin
--   first — the first name's words, likewise
--   email — the e-mail address's words (split at @ . - _ +)
--   keys  — customer ID, VINs, order numbers, phone numbers (national
--           form), the e-mail address as one word
--   rev   — the same keys reversed, so a suffix search is a prefix search
-- The table is contentless: it stores the index only.
CREATE VIRTUAL TABLE customer_search USING fts5 (
	last, first, email, keys, rev,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Triggers mark a customer whose searchable data changed; the store
-- rewrites the marked rows of customer_search before every commit, so the
-- index never lags behind a committed change whoever made it. The marks
-- avoid duplicates with NOT IN rather than OR IGNORE: an upsert firing a
-- trigger imposes its own conflict handling on the trigger's statements.
CREATE TABLE search_dirty (customer INTEGER PRIMARY KEY);

CREATE TRIGGER customers_search_ins AFTER INSERT ON customers BEGIN
	INSERT INTO search_dirty SELECT NEW.id WHERE NEW.id NOT IN (SELECT customer FROM search_dirty);
END;
CREATE TRIGGER customers_search_upd AFTER UPDATE OF
	customer_id, first_name, last_name, email, home_phone, mobile_phone, work_phone
	ON customers BEGIN
	INSERT INTO search_dirty SELECT NEW.id WHERE NEW.id NOT IN (SELECT customer FROM search_dirty);
END;
CREATE TRIGGER customers_search_del AFTER DELETE ON customers BEGIN
	INSERT INTO search_dirty SELECT OLD.id WHERE OLD.id NOT IN (SELECT customer FROM search_dirty);
END;

CREATE TRIGGER vehicles_search_ins AFTER INSERT ON vehicles BEGIN
	INSERT INTO search_dirty SELECT NEW.customer WHERE NEW.customer NOT IN (SELECT customer FROM search_dirty);
END;
CREATE TRIGGER vehicles_search_upd AFTER UPDATE OF customer, vin, order_number ON vehicles BEGIN
	INSERT INTO search_dirty SELECT value FROM (SELECT OLD.customer AS value UNION SELECT NEW.customer)
		WHERE value NOT IN (SELECT customer FROM search_dirty);
END;
CREATE TRIGGER vehicles_search_del AFTER DELETE ON vehicles BEGIN
	INSERT INTO search_dirty SELECT OLD.customer WHERE OLD.customer NOT IN (SELECT customer FROM search_dirty);
END;

CREATE TRIGGER orders_search_ins AFTER INSERT ON orders WHEN NEW.customer IS NOT NULL BEGIN
	INSERT INTO search_dirty SELECT NEW.customer WHERE NEW.customer NOT IN (SELECT customer FROM search_dirty);
END;
CREATE TRIGGER orders_search_upd AFTER UPDATE OF customer, number, vin ON orders BEGIN
	INSERT INTO search_dirty SELECT value FROM (SELECT OLD.customer AS value UNION SELECT NEW.customer)
		WHERE value IS NOT NULL AND value NOT IN (SELECT customer FROM search_dirty);
END;
CREATE TRIGGER orders_search_del AFTER DELETE ON orders WHEN OLD.customer IS NOT NULL BEGIN
	INSERT INTO search_dirty SELECT OLD.customer WHERE OLD.customer NOT IN (SELECT customer FROM search_dirty);
END;
