// Runs once when a server starts. The checks need Node.js (database driver, process.exit), so they
// live in a module loaded only by the Node.js runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseToStartWhenUnsafe } = await import("./lib/startup-checks");
    await refuseToStartWhenUnsafe();
    // The mail outbox's worker (issue 10, item 3): requests only queue mail; this process delivers it.
    // Not while `next build` prerenders pages: nothing there queues mail, and SMTP need not exist.
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startMailWorker } = await import("./lib/mail-worker");
      startMailWorker();
    }
  }
}
