/** How the /admin/activity Tenant filter shows a tenant: names may repeat, slugs do not. */
export function tenantChoiceLabel(tenant: { name: string; slug: string }): string {
  return `${tenant.name} (${tenant.slug})`;
}
