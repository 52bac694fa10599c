-- How a result below the LOD is reported for a method: lod ("<0.005") or nd (未检出); NULL: the lab's setting.
ALTER TABLE acc_methods ADD COLUMN below_lod_style VARCHAR(8) NULL;
