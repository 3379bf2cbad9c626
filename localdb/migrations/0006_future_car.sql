-- «Мой будущий Renault» of «Мои предпочтения»: the configured car, kept as
-- the domain's JSON (showroom.FutureCar); NULL until one is configured.
ALTER TABLE customers ADD COLUMN future_car TEXT CHECK (future_car IS NULL OR json_valid(future_car));
