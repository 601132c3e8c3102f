-- Deleting a package (issue 16): an Admin may remove a package they no longer want to deploy. A package
-- stays immutable while it exists (the UPDATE triggers stay, UPDATE stays revoked); only whole packages
-- go, and their snapshots with them (package_flows by the foreign key's cascade, which runs as the
-- table's owner, so the runtime role needs no DELETE on package_flows). The flow versions a deploy of
-- it made stay: they name the package by id only, and flow_versions keeps refusing every change.
GRANT DELETE ON "packages" TO tenantry_app;
