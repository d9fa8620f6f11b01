-- Photos are cropped to 16:9, 4:3 and 1:1 around a focal point editors set. Expand only.
ALTER TABLE media ADD COLUMN focal_x DOUBLE PRECISION NOT NULL DEFAULT 0.5;
ALTER TABLE media ADD COLUMN focal_y DOUBLE PRECISION NOT NULL DEFAULT 0.5;
ALTER TABLE media ADD COLUMN crops TEXT NOT NULL DEFAULT '';
