// Who may review access in a tenant: whoever may manage its members (today the Admins). Reviewing
// shows every member's permissions, two-factor state and sign-in times, which is what managing
// members needs; one constant so that a separate permission can replace it in one place.
import type { Permission } from "@/lib/permissions";

export const ACCESS_REVIEW_PERMISSION = "members.manage" satisfies Permission;
