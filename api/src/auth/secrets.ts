// Passwords are hashed with node's scrypt (no native addon to compile). Bearer tokens are
// random; only their sha256 is stored, so a leaked database holds no usable token.
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password.normalize("NFKC"), Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** A password check that costs the same as a real one, for unknown emails (no user enumeration by timing). */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("staffroom-timing-equaliser");
  await verifyPassword(password, await dummyHash);
}

export type TokenKind = "session" | "api";
const PREFIX: Record<TokenKind, string> = { session: "srs_", api: "sra_" };

export function newToken(kind: TokenKind): { token: string; hash: string; prefix: string } {
  const token = PREFIX[kind] + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

/** Secret links: emailed sign-up confirmations and password resets, and calendar feed addresses. */
export type LinkKind = "sign-up" | "password-reset" | "calendar";
const LINK_PREFIX: Record<LinkKind, string> = { "sign-up": "srl_", "password-reset": "srp_", calendar: "src_" };

/** 256 random bits, like session tokens; only the sha256 is stored. */
export function newLinkToken(kind: LinkKind): { token: string; hash: string } {
  const token = LINK_PREFIX[kind] + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function tokenKind(token: string): TokenKind | null {
  if (token.startsWith(PREFIX.session)) return "session";
  if (token.startsWith(PREFIX.api)) return "api";
  return null;
}
