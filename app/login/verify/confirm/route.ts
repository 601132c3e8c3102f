import { NextRequest } from "next/server";
import { publicOrigin } from "@/lib/app-url";
import { handlers } from "@/lib/auth";
import { readForm } from "@/lib/form-fields";
import { EmailAddressSchema } from "@/lib/email-address";
import { safeReturnPath } from "@/lib/safe-redirect";
import { isOwnPageSignInPost } from "@/lib/sign-in-request-origin";

// The confirm page's POST: checks it came from our own page, then runs Auth.js's email callback here,
// in-process (its own URL answers 404 from outside). The callback checks the token (hashed, unexpired,
// unused), deletes it, opens the session and answers where to go; that answer is passed on.
// Without the origin check, another site could post an attacker's token here and sign the victim into
// the attacker's account (issue 10, item 4).

/** Auth.js's tokens are 32 random bytes in hex. */
const TOKEN = /^[0-9a-f]{64}$/;

export async function POST(request: NextRequest) {
  const origin = publicOrigin();
  if (!isOwnPageSignInPost(request.headers, origin)) {
    return new Response("This sign-in must be confirmed on the Tenantry page it was opened on.", { status: 403 });
  }
  const form = await readForm(request); // null for a body that is not a form (forged): not a 500
  const token = form?.get("token");
  const email = EmailAddressSchema.safeParse(form?.get("email"));
  if (typeof token !== "string" || !TOKEN.test(token) || !email.success) {
    return Response.redirect(new URL("/login/error?error=Verification", origin), 303);
  }

  const callback = new URL("/api/auth/callback/nodemailer", origin);
  callback.search = new URLSearchParams({
    token,
    email: email.data,
    callbackUrl: safeReturnPath(form?.get("callbackUrl")),
  }).toString();
  const answer = await handlers.GET(
    new NextRequest(callback, { headers: { cookie: request.headers.get("cookie") ?? "" } }),
  );
  // 303: the browser follows with a GET, whatever Auth.js's own status.
  return new Response(null, { status: 303, headers: answer.headers });
}
