import type { PasswordHashing } from '../../src/features/accounts/passwords';

/**
 * Tests hash passwords at argon2id's lightest cost the product accepts (production refuses it): each test
 * app and each stored test user uses it, so a sign-in costs about a millisecond instead of a third of a
 * second of CPU. What is tested (hashing, verifying, the timing of unknown e-mails) is the same code.
 */
export const TEST_PASSWORD_HASHING: PasswordHashing = { memoryKiB: 1024, iterations: 1, parallelism: 1 };

/** The same cost as environment variables, for test apps and the processes tests start. */
export const testPasswordHashingEnvironment = {
  PASSWORD_HASH_MEMORY_KIB: String(TEST_PASSWORD_HASHING.memoryKiB),
  PASSWORD_HASH_ITERATIONS: String(TEST_PASSWORD_HASHING.iterations),
  PASSWORD_HASH_PARALLELISM: String(TEST_PASSWORD_HASHING.parallelism),
};
