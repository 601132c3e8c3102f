// What a Next.js navigation helper (redirect, notFound) threw inside a page function under test.

/** Its digest ("NEXT_REDIRECT;…;url;…" or "NEXT_HTTP_ERROR_FALLBACK;404"), or "rendered" when nothing was thrown. */
export async function navigationOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (digest) return digest;
    throw error;
  }
  return "rendered";
}
