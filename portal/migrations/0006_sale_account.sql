-- The Welcome Pack account a retail sale made for its buyer, so that
-- importing the sale again makes no second one.
ALTER TABLE sales ADD COLUMN customer_id TEXT REFERENCES customers (id);
