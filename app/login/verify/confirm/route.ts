import { NextResponse, type NextRequest } from "next/server";
import { readForm } from "@/lib/form-fields";

// The confirm page's POST: hand the token to Auth.js's email callback, which checks it (hashed,
// unexpired, unused), deletes it, opens the session and redirects to the callback URL.
export async function POST(request: NextRequest) {
  // A body that is not a form (forged) is a link that cannot be used, not a 500.
  const form = await readForm(request);
  const token = form?.get("token");
  const email = form?.get("email");
  const callbackUrl = form?.get("callbackUrl");
  if (typeof token !== "string" || typeof email !== "string" || !token || !email) {
    return NextResponse.redirect(new URL("/login/error?error=Verification", request.url), 303);
  }
  const target = new URL("/api/auth/callback/nodemailer", request.url);
  target.search = new URLSearchParams({
    token,
    email,
    callbackUrl: typeof callbackUrl === "string" && callbackUrl ? callbackUrl : "/",
  }).toString();
  return NextResponse.redirect(target, 303);
}
