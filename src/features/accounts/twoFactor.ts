import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { lazyModule } from '../../lazyModule';
import { verifyPassword } from './passwords';

// Loaded when two-factor authentication is first used, not with the server.
const otp = lazyModule<typeof import('otplib')>('otplib');

export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Accord Registry';
const TOTP_SHAPE = /^[0-9]{6}$/;
const RECOVERY_SHAPE = /^[a-z0-9]{5}-[a-z0-9]{5}$/;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export const newTotpSecret = (): string => otp().generateSecret();

/** What authenticator apps scan, and the same key as text for people who type it. */
export async function enrolmentDetails(secret: string, email: string) {
  const uri = otp().generateURI({ issuer: ISSUER, label: email, secret });
  // Loaded on first use: only enrolment draws a QR code.
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    setupKey: secret.replace(/(.{4})/g, '$1 ').trim(),
  };
}

/** Spaces and dashes people type between digits are ignored; letters are lower-cased for recovery codes. */
export const normaliseCode = (input: string): string => input.trim().toLowerCase().replace(/\s+/g, '');
export const looksLikeTotp = (code: string): boolean => TOTP_SHAPE.test(code.replace(/-/g, ''));
export const looksLikeRecoveryCode = (code: string): boolean => RECOVERY_SHAPE.test(code);

/**
 * The time step of a valid code (one step of clock drift allowed either way), or null. A step at or
 * before `lastUsedStep` is refused, so a code seen once cannot be replayed.
 */
export async function acceptedTotpStep(
  secret: string,
  input: string,
  now: Date,
  lastUsedStep: number | null | undefined,
): Promise<number | null> {
  const token = input.replace(/-/g, '');
  if (!TOTP_SHAPE.test(token)) return null;
  const result = await otp().verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(typeof lastUsedStep === 'number' ? { afterTimeStep: lastUsedStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

function randomRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/**
 * Recovery codes are random (about 49 bits), not chosen by people, so a lighter argon2id than passwords get
 * is enough; it keeps checking a code against ten stored hashes quick.
 */
const hashRecoveryCode = (code: string): Promise<string> =>
  argon2.hash(code, { type: argon2.argon2id, memoryCost: 4096, timeCost: 2, parallelism: 1 });

/** Ten codes to show once, and their argon2id hashes to store. */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, randomRecoveryCode);
  const hashes = await Promise.all(codes.map(hashRecoveryCode));
  return { codes, hashes };
}

/** The stored hash a recovery code matches, if any. */
export async function matchingRecoveryHash(hashes: readonly string[], code: string): Promise<string | null> {
  if (!looksLikeRecoveryCode(code)) return null;
  for (const hash of hashes) if (await verifyPassword(hash, code)) return hash;
  return null;
}
