/**
 * Compiles the engine and the benchmark's child script to plain CommonJS with swc, the way the product
 * runs it (tsc output, no loader). Running under tsx instead would measure tsx's `keepNames` helper, which
 * renames every closure created in a hot loop, and would give profiles without usable line numbers.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { transformFile } from '@swc/core';

const projectRoot = path.resolve(__dirname, '..', '..');

async function typescriptFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Writes the compiled files under `outDir` (same layout as the sources) and returns the child's path. */
export async function compileEngine(outDir: string): Promise<string> {
  const sources = [
    ...(await typescriptFiles(path.join(projectRoot, 'src', 'engine'))),
    path.join(__dirname, 'db-engine-child.ts'),
  ];
  await Promise.all(
    sources.map(async (source) => {
      const { code } = await transformFile(source, {
        swcrc: false,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      const target = path.join(outDir, path.relative(projectRoot, source)).replace(/\.ts$/, '.js');
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, code);
    }),
  );
  return path.join(outDir, path.relative(projectRoot, __dirname), 'db-engine-child.js');
}

/** Where the compiled files find the project's packages. */
export const projectNodeModules = path.join(projectRoot, 'node_modules');
