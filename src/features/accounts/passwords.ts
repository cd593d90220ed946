import argon2 from 'argon2';
import type { Config } from '../../config';
import { lazyModule } from '../../lazyModule';

/** argon2id's memory (KiB), passes and lanes for new hashes; verifying reads them from the stored hash. */
export type PasswordHashing = Config['passwordHashing'];

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// The word lists load when a password is first chosen, not with the server.
const wordLists = lazyModule<typeof import('@zxcvbn-ts/language-common')>('@zxcvbn-ts/language-common');
let commonPasswords: Set<string> | null = null;
const isCommon = (password: string): boolean => {
  commonPasswords ??= new Set(wordLists().dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
};

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-email' | 'same';

/** NIST SP 800-63B: length, not composition; refuse known-common passwords and the account's own name. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too-short';
  if (length > PASSWORD_MAX) return 'too-long';
  if (isCommon(password)) return 'common';
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart)) return 'contains-email';
  return null;
}

export function hashPassword(password: string, hashing: PasswordHashing): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: hashing.memoryKiB,
    timeCost: hashing.iterations,
    parallelism: hashing.parallelism,
  });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

const dummyHashes = new Map<string, Promise<string>>();
/** Spends the time a real verification takes, so an unknown e-mail answers as slowly as a known one. */
export async function verifyAgainstNothing(password: string, hashing: PasswordHashing): Promise<false> {
  const cost = `${hashing.memoryKiB}/${hashing.iterations}/${hashing.parallelism}`;
  let dummyHash = dummyHashes.get(cost);
  if (!dummyHash) {
    dummyHash = hashPassword('a password no account has, used only for timing', hashing);
    dummyHashes.set(cost, dummyHash);
  }
  await verifyPassword(await dummyHash, password);
  return false;
}
