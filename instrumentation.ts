// Runs once when a server starts. The checks need Node.js (database driver, process.exit), so they
// live in a module loaded only by the Node.js runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseToStartWhenUnsafe } = await import("./lib/startup-checks");
    await refuseToStartWhenUnsafe();
  }
}
