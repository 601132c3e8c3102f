// The fixed catalog of action names written to the activity logs (a tenant's log and the platform
// log). /admin/activity offers these as its Action filter instead of reading them from the logs: the
// names a tenant's log holds are that tenant's data, which a superadmin reads only after entering it
// (and so leaving a trace there). tests/activity/completeness.test.ts checks that every entry the
// app's actions write is named here; a new action name goes into this list.
export const ACTION_NAMES = [
  // Sign-in and sign-out, in the log of the tenant the user lands in (db/auth-events.ts).
  "auth.signed_in",
  "auth.signed_out",
  // The second factor passed at sign-in (platform log).
  "auth.two_factor_passed",
  // Tenants and their settings.
  "tenant.created",
  "tenant.deleted",
  "tenant.switched",
  // Archived (read-only) and restored, by an Admin or a superadmin (issue 14, item 5).
  "tenant.archived",
  "tenant.restored",
  "tenant.settings_updated",
  "tenant.approved_domain_added",
  "tenant.approved_domain_removed",
  "tenant.login_policy_updated",
  "tenant.two_factor_requirement_updated",
  // "Viewers see dashboards only" switched on or off (Settings, "Client access"; issue 14, item 4).
  "tenant.client_access_updated",
  "tenant.license_set",
  "tenant.flow_cap_set",
  "tenant.api_limit_set",
  "tenant.flow_run_quota_set",
  "platform.api_limit_set",
  // IP allow-lists: saved by an Admin, cleared by a superadmin, and each refusal they made.
  "tenant.ip_allow_lists_updated",
  "tenant.ip_allow_lists_cleared",
  // The tenant data file: exported (a download), imported (one transaction for the whole file).
  "tenant.exported",
  "tenant.imported",
  "tenant.ip_refused",
  // Single sign-on (SAML): set up, changed or removed by an Admin; each sign-in and each refusal.
  "tenant.sso_updated",
  "tenant.sso_removed",
  "sso.signed_in",
  "sso.sign_in_refused",
  // Members.
  "member.added",
  "member.roles_changed",
  "member.suspended",
  "member.reactivated",
  "member.removed",
  "member.joined",
  "member.invitation_resent",
  "member.invitation_revoked",
  // Custom groups (issue 15) and who is in them.
  "group.created",
  "group.renamed",
  "group.deleted",
  "group.permissions_changed",
  "group.member_added",
  "group.member_removed",
  "group.flow_scope_changed",
  "group.flow_added",
  "group.flow_removed",
  // Flows.
  "flow.created",
  "flow.renamed",
  "flow.deleted",
  "flow.ran",
  "flow.steps_saved",
  "flow.restored",
  // Packages of flows: made, deployed (an entry in the source tenant's log and one in the target's), deleted.
  "package.created",
  "package.deployed",
  "package.deployed_to_tenant",
  "package.deployed_from_tenant",
  "package.deleted",
  // Data tables and their rows.
  "data_table.created",
  "data_table.renamed",
  "data_table.deleted",
  "data_table.row_added",
  "data_table.row_updated",
  "data_table.row_deleted",
  "dashboard.created",
  "dashboard.renamed",
  "dashboard.deleted",
  "dashboard.widget_added",
  "dashboard.widget_removed",
  "dashboard.widget_moved",
  // Credentials (never their values) and API keys (never the key).
  "credential.created",
  "credential.replaced",
  "credential.deleted",
  "api_key.created",
  // Connections to outside services (never their secrets), and their incoming webhooks' posts.
  "connection.created",
  "connection.updated",
  "connection.tested",
  "connection.deactivated",
  "connection.activated",
  "connection.deleted",
  "connection.webhook_received",
  "api_key.revoked",
  // Integrations, whose signed tokens create and act in tenants (platform log).
  "integration.created",
  "integration.revoked",
  // Workspace flow templates: written by superadmins (platform log), used and customised by tenants.
  "flow_template.created",
  "flow_template.updated",
  "flow_template.deleted",
  "flow_template.used",
  "flow_template.customised",
  "flow_template.field_reset",
  "flow_template.removed",
  "table_template.created",
  "table_template.updated",
  "table_template.deleted",
  "table_template.used",
  "table_template.customised",
  "table_template.field_reset",
  "table_template.removed",
  // The secrets key's rotation (platform log, from the command line).
  "secrets.key_rotated",
  // The log itself, and superadmins in a tenant.
  "activity.exported",
  "superadmin.viewed",
  "superadmin.accessed",
  // Users (platform log).
  "user.password_link_sent",
  "user.password_set",
  "user.two_factor_setup_started",
  "user.two_factor_enabled",
  "user.two_factor_disabled",
  "platform.superadmin_two_factor_set",
  "user.can_create_set",
  "user.tenant_limit_set",
  "user.superadmin_set",
  "invitation.accepted",
  // Written only by the demo's seeded history (db/seed-data.ts) and the e2e seeds, which stand in for
  // features the console does not have yet (scheduled runs, flow steps); kept so those entries can be
  // filtered like the rest.
  "settings.updated",
  "domain.added",
  "flow.updated",
  "flow.run",
  "flow.run_failed",
] as const;

export type ActionName = (typeof ACTION_NAMES)[number];

/** The catalog, sorted, for a filter's options. */
export const ACTION_FILTER_OPTIONS: string[] = [...ACTION_NAMES].sort();
