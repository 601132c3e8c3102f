// The access review's filter choices, shared by the page and its client components.
import { PERMISSIONS } from "@/lib/permission-catalog";

export const PERMISSION_OPTIONS = PERMISSIONS.map((permission) => ({ value: permission, label: permission }));

export const TWO_FACTOR_OPTIONS = [
  { value: "on", label: "Two-factor on" },
  { value: "off", label: "Two-factor off" },
];
