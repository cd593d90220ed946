import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
interface Ajv {
  addSchema(schema: object): Ajv;
  compile(schema: object): ValidateFunction;
  errorsText(errors: unknown): string;
}
// The validator's own JSON Schema 2020-12 engine (ajv 8); the project's top-level ajv is ESLint's ajv 6.
const validatorRequire = createRequire(require.resolve('@seriousme/openapi-schema-validator'));
const Ajv2020 = (validatorRequire('ajv/dist/2020') as { default: new (options: object) => Ajv }).default;
const addFormats = (validatorRequire('ajv-formats') as { default: (ajv: Ajv) => void }).default;

interface OpenApiDocument {
  paths: Record<
    string,
    { get: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }
  >;
  components: { schemas: Record<string, unknown> };
}

/** The verdict of a real OpenAPI 3.1 validator on the document. */
export function validateOpenApiDocument(document: unknown): { valid: boolean; errors: unknown } {
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'helpers', 'validateOpenApi.mjs')], {
    input: JSON.stringify(document),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`OpenAPI validator failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { valid: boolean; errors: unknown };
}

const documentId = 'https://registry.test/openapi.json';

/**
 * Checks an answer against the schema the document gives for its path, status and media type. Throws
 * with ajv's errors, so a test fails on any difference between what the API says and what it does.
 */
export function answerChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: documentId, components: document.components });
  const compiled = new Map<string, ValidateFunction>();
  return (template: string, status: number, mediaType: string, body: unknown): void => {
    const response = document.paths[template]?.get.responses[String(status)];
    const schema = response?.content?.[mediaType]?.schema;
    if (!schema) throw new Error(`the document has no ${mediaType} answer ${status} for ${template}`);
    const key = `${documentId}${schema.$ref}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ $ref: key });
      compiled.set(key, validate);
    }
    if (!validate(body))
      throw new Error(
        `${template} ${status} does not match the document: ${ajv.errorsText(validate.errors)}`,
      );
  };
}
