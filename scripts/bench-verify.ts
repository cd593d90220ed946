/**
 * Evidence checks at scale: all four checks on N domains (1,000 by default) against a local DNS server and a
 * local HTTPS server (run in a child process), with bounded concurrency. Prints the concurrency, wall time,
 * checks per second, the levels found and the checking process's peak memory.
 * Usage: npm run bench:verify [-- --domains 1000 --concurrency 32]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCheckContext } from '../src/features/evidence/checks/context';
import { runAllChecks } from '../src/features/evidence/checks/runChecks';
import { runConcurrently } from '../src/features/evidence/runConcurrently';
import { benchDomain } from './bench/verify-peers-child';

const argumentsSchema = z.object({
  domains: z.coerce.number().int().min(1).max(100_000),
  concurrency: z.coerce.number().int().min(1).max(1_000),
});

async function startPeers(count: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'bench/verify-peers-child.ts'), String(count)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  const peers = JSON.parse(line) as { dnsServer: string; httpsPort: number; caPem: string };
  const stop = async () => {
    child.kill('SIGTERM');
    const [last] = (await once(lines, 'line')) as [string];
    return (JSON.parse(last) as { cpuSeconds: number }).cpuSeconds;
  };
  return { ...peers, stop };
}

function sampleMemory() {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
  };
  const timer = setInterval(sample, 50);
  return { peak, stop: () => (clearInterval(timer), sample()) };
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { domains: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '32' } },
  });
  const options = argumentsSchema.parse(values);
  process.stderr.write(`Starting a DNS and an HTTPS server for ${options.domains} domains…\n`);
  const peers = await startPeers(options.domains);
  const context = createCheckContext({
    dnsServers: [peers.dnsServer],
    httpsPort: peers.httpsPort,
    allowPrivateAddresses: true,
    ca: peers.caPem,
  });
  const domains = Array.from({ length: options.domains }, (_, index) => benchDomain(index));
  const baseline = process.memoryUsage();
  const memory = sampleMemory();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const results = await runConcurrently(domains, options.concurrency, (domain) =>
    runAllChecks(domain, context),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  memory.stop();
  const cpu = process.cpuUsage(cpuBefore);
  await context.http.close();
  const peerCpuSeconds = await peers.stop();

  const levels = new Map<string, number>();
  for (const result of results.flat())
    levels.set(`${result.check}:${result.level}`, (levels.get(`${result.check}:${result.level}`) ?? 0) + 1);
  const checks = results.flat().length;
  console.log(`domains            ${options.domains}`);
  console.log(`concurrency        ${options.concurrency} domains at once (4 checks each, in parallel)`);
  console.log(
    `machine            ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)} at the end`,
  );
  console.log(`wall time          ${seconds.toFixed(2)} s`);
  console.log(
    `checks per second  ${(checks / seconds).toFixed(0)} (${checks} checks, ${(options.domains / seconds).toFixed(0)} domains/s)`,
  );
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `checker cpu        ${cpuSeconds.toFixed(2)} s (${((cpuSeconds / seconds) * 100).toFixed(0)} % of one core)`,
  );
  console.log(
    `peer process cpu   ${peerCpuSeconds.toFixed(2)} s in all (DNS and HTTPS servers, setup included)`,
  );
  console.log(
    `memory             rss ${mebibytes(baseline.rss)} before, peak ${mebibytes(memory.peak.rss)}; heap used peak ${mebibytes(memory.peak.heapUsed)}`,
  );
  console.log(
    `levels             ${[...levels]
      .sort()
      .map(([key, count]) => `${key}=${count}`)
      .join('  ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
