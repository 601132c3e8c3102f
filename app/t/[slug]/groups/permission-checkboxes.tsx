import { FieldErrors } from "@/components/ui/field-errors";
import { PERMISSION_CATALOG, PERMISSIONS } from "@/lib/permission-catalog";

/**
 * One checkbox per permission of the catalog, named by its label (DESIGN.md: groups), with its
 * description; the form sends the checked ones as "permissions".
 */
export function PermissionCheckboxes({ checked, errors, idPrefix }: { checked: readonly string[]; errors?: string[]; idPrefix: string }) {
  const errorId = `${idPrefix}-permissions-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium">Permissions</legend>
      <ul className="mt-2 grid gap-2 sm:grid-cols-2">
        {PERMISSIONS.map((permission) => (
          <li key={permission} className="text-sm">
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                name="permissions"
                value={permission}
                defaultChecked={checked.includes(permission)}
                aria-describedby={`${idPrefix}-${permission}-description`}
                className="mt-1"
              />
              <span className="font-medium">{PERMISSION_CATALOG[permission].label}</span>
            </label>
            {/* Outside the label: the checkbox is named by the permission's label alone (DESIGN.md). */}
            <span id={`${idPrefix}-${permission}-description`} className="ml-6 block text-slate-600">
              {PERMISSION_CATALOG[permission].description}
            </span>
          </li>
        ))}
      </ul>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
