import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface DownloadMeasure {
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  rows: number;
  /** Peak resident set of the server during the download, above its resident set just before. */
  rssGrowthMiB: number;
}

/** The server's resident set from /proc (Linux), read without asking the server, so it costs it nothing. */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Downloads `url` whole (no compression), sampling the server's RSS every 5 ms meanwhile. */
export function measureDownload(url: string, serverPid: number): Promise<DownloadMeasure> {
  const before = residentBytes(serverPid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(serverPid));
  }, 5);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`));
        let firstByteMs = 0;
        let bytes = 0;
        let rows = 0;
        response.on('data', (chunk: Buffer) => {
          if (bytes === 0) firstByteMs = performance.now() - started;
          bytes += chunk.length;
          for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) rows += 1;
        });
        response.on('end', () => {
          const totalMs = performance.now() - started;
          clearInterval(sampler);
          peak = Math.max(peak, residentBytes(serverPid));
          resolve({ firstByteMs, totalMs, bytes, rows: rows - 1, rssGrowthMiB: (peak - before) / 1_048_576 });
        });
        response.on('error', reject);
      })
      .on('error', (error) => {
        clearInterval(sampler);
        reject(error);
      });
  });
}
