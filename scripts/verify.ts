/**
 * Evidence checks from the command line.
 *   npm run --silent verify -- --domain example.org [--json]   one domain, no database
 *   npm run verify -- --all | --org SLUG                        registry passes (need the database)
 * Environment: DNS_SERVERS, VERIFY_HTTPS_PORT, VERIFY_ALLOW_PRIVATE_ADDRESSES, NODE_EXTRA_CA_CERTS.
 */
import { parseArgs } from 'node:util';
import { createCheckContext } from '../src/features/evidence/checks/context';
import { normaliseDomain } from '../src/features/evidence/checks/domainName';
import { runAllChecks } from '../src/features/evidence/checks/runChecks';
import { checkOptionsFromEnvironment } from '../src/features/evidence/checks/verifyEnvironment';
import { presentResult, textReport } from './verify/presentResults';

const usage = 'Usage: npm run --silent verify -- --domain <name> [--json] | --all | --org <slug>';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

async function verifyDomain(input: string, json: boolean): Promise<void> {
  const domain = normaliseDomain(input);
  if (!domain) fail(`"${input}" is not a domain name.`);
  let options;
  try {
    options = checkOptionsFromEnvironment(process.env);
  } catch (error) {
    fail(`Invalid environment: ${error instanceof Error ? error.message : String(error)}`);
  }
  const context = createCheckContext(options);
  process.stderr.write(`Checking ${domain}…\n`);
  const results = await runAllChecks(domain, context);
  await context.http.close();
  if (json) process.stdout.write(`${JSON.stringify({ domain, results: results.map(presentResult) })}\n`);
  else process.stdout.write(`${textReport(domain, results)}\n`);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        domain: { type: 'string' },
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        org: { type: 'string' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.domain !== undefined) return verifyDomain(values.domain, values.json);
  if (values.all || values.org !== undefined) {
    // Loaded only here: a one-domain check needs no database and starts fast.
    const { runRegistryPass } = await import('./verify/registryPass.js');
    process.exitCode = await runRegistryPass({ orgSlug: values.org });
    return;
  }
  fail('Say which domain to check, or --all, or --org SLUG.');
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
