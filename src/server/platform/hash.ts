// SHA-256 through Web Crypto, as workerd and Node both have it.

/** SHA-256 in hex: rate-limit keys and idempotency keys hold this, never an address, a token or an email. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
