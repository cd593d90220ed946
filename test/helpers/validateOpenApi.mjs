// Validates the OpenAPI document read on stdin with @seriousme/openapi-schema-validator, printing its
// verdict as JSON. A separate Node process because the validator is an ES module that reads its own files.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { Validator } from '@seriousme/openapi-schema-validator';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const validator = new Validator();
const result = await validator.validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors ?? null }));
