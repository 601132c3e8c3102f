// A short, bounded, per-process memory of OpenID providers' discovery documents, by issuer: a sign-in
// discovers its provider twice (start and callback), and every sign-in of a tenant the same provider.
// Only an optimisation: each server keeps its own and discovers anew when it has none, so nothing
// depends on it across servers; entries expire within minutes (a provider's rotated endpoints are
// seen soon), and the oldest entry goes when the cache is full (memory stays bounded whatever the
// number of tenants).
import type { ServerMetadata } from "openid-client";

export const DISCOVERY_CACHE_SECONDS = 300;
export const DISCOVERY_CACHE_ENTRIES = 200;

const entries = new Map<string, { metadata: ServerMetadata; expiresAt: number }>();

export function cachedDiscovery(issuer: string, now = Date.now()): ServerMetadata | null {
  const entry = entries.get(issuer);
  if (!entry) return null;
  if (entry.expiresAt <= now) {
    entries.delete(issuer);
    return null;
  }
  return entry.metadata;
}

export function rememberDiscovery(issuer: string, metadata: ServerMetadata, now = Date.now()): void {
  entries.delete(issuer);
  // A Map iterates in insertion order: the first key is the oldest entry.
  while (entries.size >= DISCOVERY_CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(issuer, { metadata, expiresAt: now + DISCOVERY_CACHE_SECONDS * 1000 });
}

/** Forgets every entry (tests). */
export function clearDiscoveryCache(): void {
  entries.clear();
}

export const discoveryCacheSize = () => entries.size;
