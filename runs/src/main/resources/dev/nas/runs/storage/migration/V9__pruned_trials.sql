-- A trial may end PRUNED (its learning curve fell behind the study's), its reason in the failure column; the
-- version says so to older nas versions, which know no such state and refuse the study instead of misreading it.
UPDATE schema_version SET version = 9;
