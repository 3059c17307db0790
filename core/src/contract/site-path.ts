/**
 * Where a person goes back to after signing in or verifying their address (`?next=`, carried
 * through the verification mail): only a path of this site, so a crafted link can never send
 * them to another origin (`//evil.example` and `/\evil.example` are other hosts to browsers).
 */
export function sitePath(next: string | null | undefined): string | null {
  if (!next || next.length > 512) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  return /^\/(?![/\\])/.test(next) ? next : null;
}
